pub mod arrivals;
pub mod load;
pub mod tail;
pub mod week;
