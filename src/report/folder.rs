//! The `report` command's output: one folder per scenario with the summary, CSVs, JSON and the
//! charts as SVG and PNG. The only place reports touch the file system.
use super::{charts, csv, json, summary};
use crate::error::{Error, Result};
use crate::model::Estimate;
use crate::scenario::Scenario;
use std::path::{Path, PathBuf};

fn write_err(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Write { path: path.display().to_string(), source: std::io::Error::other(e.to_string()) }
}

/// Writes `bytes` to `path` through a temporary file, so a failure never leaves half a file.
fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("partial");
    std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, path)).map_err(|e| write_err(path, e))
}

/// Writes the report of one scenario into `out/<scenario name>/`; returns that folder.
pub fn write_scenario(s: &Scenario, e: &Estimate, out: &Path) -> Result<PathBuf> {
    let dir = out.join(&e.scenario);
    std::fs::create_dir_all(&dir).map_err(|err| write_err(&dir, err))?;
    write(&dir.join("summary.md"), summary::markdown(s, e).as_bytes())?;
    write(&dir.join("costs.csv"), csv::costs(e).as_bytes())?;
    write(&dir.join("breakeven.csv"), csv::breakeven(e).as_bytes())?;
    let result = serde_json::to_string_pretty(&json::estimate(e)).expect("JSON values always serialise") + "\n";
    write(&dir.join("result.json"), result.as_bytes())?;
    for name in charts::CHARTS {
        let svg_path = dir.join(format!("{name}.svg"));
        write(&svg_path, charts::svg(name, e).map_err(|err| write_err(&svg_path, err))?.as_bytes())?;
        let png_path = dir.join(format!("{name}.png"));
        let tmp = dir.join(format!("{name}.partial.png"));
        charts::png(name, e, &tmp).map_err(|err| write_err(&png_path, err))?;
        std::fs::rename(&tmp, &png_path).map_err(|err| write_err(&png_path, err))?;
    }
    Ok(dir)
}
