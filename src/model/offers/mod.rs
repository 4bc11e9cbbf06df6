pub mod blocks;
pub mod ondemand;
pub mod provisioned;
pub mod quota;
pub mod reserved;
pub mod selfhost;
pub mod selfhost_curve;
pub mod services;
