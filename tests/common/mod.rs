//! What the integration tests (and benches) share, by concern: a temporary folder of each
//! test's own, running the binary, reading its JSON, and the toy catalog with its scenarios.
#![allow(dead_code, unused_imports)]

pub mod bundled;
pub mod import;
pub mod json;
pub mod run;
pub mod temp;
pub mod toy;

pub use json::{close, key_paths, month_1, num, poisson_excess};
pub use run::{TODAY, estimate, estimate_on_today, infercast, json_of, on_today};
pub use temp::{TempPath, scratch};
pub use toy::{CATALOG, PRICING, SCENARIO, flat_scenario, toy};
