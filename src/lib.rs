//! infercast — offline capacity and cost planning for serving LLM traffic.
//!
//! Reads a pricing catalog (`pricing/*.toml`, embedded by default) and scenarios
//! (`scenarios/*.toml`), models billed tokens (agent loops included) and traffic, and prices
//! each option. Layout: [`catalog`] and [`scenario`] parse and validate inputs, [`model`] is the
//! pure math, [`report`] renders results, [`run`] wires commands together.
// Diagnostics are large and only built on the error path; boxing them buys nothing.
#![allow(clippy::result_large_err)]

pub mod baseline;
pub mod catalog;
pub mod cli;
pub mod crosscheck;
pub mod dates;
pub mod error;
pub mod files;
pub mod format;
pub mod input;
pub mod json;
pub mod keyword;
pub mod limits;
pub mod model;
pub mod output_format;
pub mod pricelist;
pub mod report;
pub mod run;
pub mod scenario;
pub mod simulate;
pub mod source;
pub mod suggest;
pub mod uncertain;
pub mod usage;
