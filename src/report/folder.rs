//! The `report` command's output: one folder per scenario with the summary, CSVs, JSON and the
//! charts as SVG and PNG. The only place reports touch the file system.
//!
//! The folder is `--out` joined with a slug of the scenario's name (see [`folder_name`]), so
//! nothing is written outside `--out`. Each file goes through [`crate::files::write_with`]: a
//! fresh temporary file created exclusively, then renamed, so a link planted at a file's place
//! is replaced, never followed. A link planted at the scenario's folder is refused.
use super::{charts, csv, json, summary};
use crate::error::{Error, Result};
use crate::files;
use crate::keyword::Keyword;
use crate::model::Estimate;
use crate::scenario::Scenario;
use crate::simulate::Simulation;
use std::path::{Path, PathBuf};

/// The longest folder name, in characters (all ASCII, so also bytes): well under the 255-byte
/// limit of common file systems, with room for the temporary names written beside files.
pub const MAX_FOLDER_CHARS: usize = 100;

/// Names Windows reserves for devices, whatever the case or extension.
const RESERVED: [&str; 4] = ["con", "prn", "aux", "nul"];

/// The report folder of a scenario named `name`, read from the file `path`: the slug of the
/// name, or of the file's name when the name has no ASCII letter or digit, or `scenario`.
/// A Windows device name (`con`, `nul`, `com1`…) gets a `_` appended (`con_`).
pub fn folder_name(name: &str, path: &str) -> String {
    let stem = Path::new(path).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let slug = [slug(name), slug(&stem)].into_iter().find(|s| !s.is_empty()).unwrap_or_else(|| "scenario".into());
    if is_reserved(&slug) { slug + "_" } else { slug }
}

/// ASCII letters, digits, `-` and `_` kept; every run of other characters (and of `-`) becomes
/// one `-`; no `-` at either end; at most [`MAX_FOLDER_CHARS`]. So never `.`, `..`, a leading
/// dot, a separator or a NUL.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = if c.is_ascii_alphanumeric() || c == '_' { c } else { '-' };
        if c != '-' || !(out.is_empty() || out.ends_with('-')) {
            out.push(c);
        }
    }
    out.truncate(MAX_FOLDER_CHARS);
    out.trim_end_matches('-').to_string()
}

fn is_reserved(slug: &str) -> bool {
    let lower = slug.to_ascii_lowercase();
    let numbered =
        |prefix: &str| lower.strip_prefix(prefix).is_some_and(|d| d.len() == 1 && d.as_bytes()[0].is_ascii_digit());
    RESERVED.contains(&lower.as_str()) || numbered("com") || numbered("lpt")
}

fn write_err(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Write { path: path.display().to_string(), source: std::io::Error::other(e.to_string()) }
}

/// `out/<folder>/`, created if missing; a link or a file already at that place is refused.
fn scenario_folder(out: &Path, folder: &str) -> Result<PathBuf> {
    let failed = |path: &Path, source| Error::Write { path: format!("{}/", path.display()), source };
    std::fs::create_dir_all(out).map_err(|e| failed(out, e))?;
    let dir = out.join(folder);
    let refuse = |what: &str| {
        let reason =
            format!("it is {what}; infercast writes into a folder of its own: remove it, or give another --out");
        Err(failed(&dir, std::io::Error::other(reason)))
    };
    match std::fs::symlink_metadata(&dir) {
        Ok(m) if m.file_type().is_symlink() => refuse("a symbolic link, which infercast does not follow"),
        Ok(m) if m.is_dir() => Ok(dir),
        Ok(_) => refuse("a file, not a folder"),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir(&dir).map_err(|e| failed(&dir, e))?;
            Ok(dir)
        }
        Err(e) => Err(failed(&dir, e)),
    }
}

/// Writes the report of one scenario into `out/<folder_name>/`; returns that folder and how many
/// charts it holds. With a simulation (a scenario with distributions or risk), the fan chart and
/// "How sure" too; with self-hosted options, each one's throughput–latency chart; with a speed for some
/// option, the response-time chart against the client's timeouts.
/// `measured`: summary.md's "Measured vs forecast" section, when usage was given.
pub fn write_scenario(
    s: &Scenario,
    e: &Estimate,
    sim: Option<&Simulation>,
    measured: Option<&str>,
    out: &Path,
) -> Result<(PathBuf, usize)> {
    let dir = scenario_folder(out, &folder_name(&e.scenario, &s.path))?;
    let mut md = summary::markdown(s, e, sim);
    if let Some(section) = measured {
        md = format!("{}\n\n{}", md.trim_end(), section);
    }
    files::write(&dir.join("summary.md"), md.as_bytes())?;
    if let Some(sim) = sim {
        let svg_path = dir.join("fan.svg");
        files::write(&svg_path, charts::fan::svg(sim).map_err(|err| write_err(&svg_path, err))?.as_bytes())?;
        files::write_with(&dir.join("fan.png"), |_, tmp| charts::fan::png(sim, tmp).map_err(std::io::Error::other))?;
    }
    files::write(&dir.join("costs.csv"), csv::costs(e).as_bytes())?;
    files::write(&dir.join("breakeven.csv"), csv::breakeven(e).as_bytes())?;
    let result = crate::json::write(&json::estimate(e));
    files::write(&dir.join("result.json"), result.as_bytes())?;
    for &chart in charts::Chart::ALL {
        let name = chart.as_str();
        let svg_path = dir.join(format!("{name}.svg"));
        files::write(&svg_path, charts::svg(chart, e).map_err(|err| write_err(&svg_path, err))?.as_bytes())?;
        // The renderer writes by path: into the temporary file just created for it.
        files::write_with(&dir.join(format!("{name}.png")), |_, tmp| {
            charts::png(chart, e, tmp).map_err(std::io::Error::other)
        })?;
    }
    let curves = crate::model::offers::selfhost_curve::curves(s, &e.workloads);
    for (curve, name) in curves.iter().zip(charts::selfhost::stems(&curves)) {
        let svg_path = dir.join(format!("{name}.svg"));
        files::write(&svg_path, charts::selfhost::svg(curve).map_err(|err| write_err(&svg_path, err))?.as_bytes())?;
        files::write_with(&dir.join(format!("{name}.png")), |_, tmp| {
            charts::selfhost::png(curve, tmp).map_err(std::io::Error::other)
        })?;
    }
    let latency = latency_chart(e, &dir)?;
    Ok((dir, charts::Chart::ALL.len() + usize::from(sim.is_some()) + curves.len() + usize::from(latency)))
}

/// The response-time chart, when some option has a speed for some workload; returns whether it
/// was written.
fn latency_chart(e: &Estimate, dir: &Path) -> Result<bool> {
    if charts::latency::data(e).is_none() {
        return Ok(false);
    }
    let svg_path = dir.join("latency.svg");
    files::write(&svg_path, charts::latency::svg(e).map_err(|err| write_err(&svg_path, err))?.as_bytes())?;
    files::write_with(&dir.join("latency.png"), |_, tmp| charts::latency::png(e, tmp).map_err(std::io::Error::other))?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_are_slugs() {
        let cases = [
            ("support-agent", "x.toml", "support-agent"),
            ("Q3 launch (EU)", "x.toml", "Q3-launch-EU"),
            ("../../x", "x.toml", "x"),
            ("/etc/passwd", "x.toml", "etc-passwd"),
            ("a\0b", "x.toml", "a-b"),
            (".hidden", "x.toml", "hidden"),
            ("snake_case--name", "x.toml", "snake_case-name"),
            // No ASCII letter or digit: the file's name, else `scenario`.
            ("..", "scenarios/jp-launch.toml", "jp-launch"),
            ("日本語", "scenarios/日本.toml", "scenario"),
            // Windows devices, whatever the case.
            ("con", "x.toml", "con_"),
            ("NUL", "x.toml", "NUL_"),
            ("com1", "x.toml", "com1_"),
            ("lpt9", "x.toml", "lpt9_"),
            ("com10", "x.toml", "com10"),
            ("console", "x.toml", "console"),
        ];
        for (name, path, want) in cases {
            assert_eq!(folder_name(name, path), want, "{name:?}");
        }
    }

    #[test]
    fn long_names_are_cut_to_100_characters() {
        assert_eq!(folder_name(&"a".repeat(300), "x.toml"), "a".repeat(100));
        // 99 letters, then a space that becomes the 100th character and is trimmed.
        assert_eq!(folder_name(&format!("{} bc", "a".repeat(99)), "x.toml"), "a".repeat(99));
    }
}
