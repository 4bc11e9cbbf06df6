//! Writes an import [`Plan`] into catalog files in place with `toml_edit`: only the figures that
//! change and the provenance of the blocks they are in are rewritten; every comment, blank line
//! and key order stays.
use super::Offer;
use super::import::{Block, Change, Figure, Plan};
use crate::error::Diagnostic;
use crate::keyword::Keyword;
use crate::pricelist::Kind;
use crate::source::SourceFile;
use std::collections::BTreeMap;
use toml_edit::{DocumentMut, InlineTable, Item, TableLike, Value};

/// The public address of an offer version: the bulk offer file of that version.
pub fn offer_url(o: &Offer) -> String {
    format!("https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/{}/{}/index.json", o.offer_code, o.version)
}

/// A figure as written: the shortest decimal that reads back as the same number, never an
/// exponent, always with a decimal point (a TOML float): 3.2, 0.0000001, 15.0.
pub fn number(x: f64) -> String {
    let s = format!("{x}");
    if s.contains('.') { s } else { format!("{s}.0") }
}

/// The TOML key of a token price.
pub fn key_of(kind: Kind) -> &'static str {
    match kind {
        Kind::Input => "input_usd_per_mtok",
        Kind::Output => "output_usd_per_mtok",
        Kind::CacheRead => "cache_read_usd_per_mtok",
        Kind::CacheWrite5m => "cache_write_usd_per_mtok",
        Kind::CacheWrite1h => "cache_write_1h_usd_per_mtok",
    }
}

/// Where a figure is written: the offer's URL and its publication day.
struct Citation {
    url: String,
    day: Value,
}

fn citation(path: &str, o: &Offer) -> Result<Citation, Diagnostic> {
    let day = o.publication_date.get(..10).unwrap_or("");
    let parsed = crate::dates::check(day).ok().and_then(|_| day.parse::<Value>().ok());
    let day = parsed.filter(Value::is_datetime).ok_or_else(|| {
        Diagnostic::file(
            &o.file,
            format!("the offer's publication date `{}` does not start with a date YYYY-MM-DD", o.publication_date),
        )
        .help(format!("give an unaltered Price List file; {path} was not changed"))
    })?;
    Ok(Citation { url: offer_url(o), day })
}

/// Each file's new text, for the files of `files` the plan changes.
pub fn apply(files: &[SourceFile], plan: &Plan) -> Result<Vec<SourceFile>, Diagnostic> {
    let mut out = Vec::new();
    for f in files {
        let changes: Vec<&Change> = plan.changes.iter().filter(|c| c.file == f.path).collect();
        if changes.is_empty() {
            continue;
        }
        let mut doc: DocumentMut = f.text.parse().map_err(|e| {
            Diagnostic::file(&f.path, format!("cannot edit this file: it is not TOML ({e})"))
                .help("fix the file, then import again")
        })?;
        let mut by_model: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
        for c in changes {
            by_model.entry(c.model.as_str()).or_default().push(c);
        }
        for (key, changes) in by_model {
            let table = model_table(&mut doc, key).ok_or_else(|| not_found(f, key, "`[[model]]` table"))?;
            edit_model(f, key, table, &changes, plan)?;
        }
        out.push(SourceFile::new(f.path.clone(), doc.to_string()));
    }
    Ok(out)
}

/// The `[[model]]` table whose `key` is `key`.
fn model_table<'d>(doc: &'d mut DocumentMut, key: &str) -> Option<&'d mut toml_edit::Table> {
    let models = doc.get_mut("model")?.as_array_of_tables_mut()?;
    models.iter_mut().find(|t| t.get("key").and_then(Item::as_str) == Some(key))
}

fn not_found(f: &SourceFile, key: &str, what: &str) -> Diagnostic {
    let message = format!("cannot find the {what} of model `{key}` to update");
    let help = "the importer edits `[[model]]` tables and their `[model.global]`, `[[model.region_price]]` \
                and `tiers`: write the model that way (not inside `model = [...]`), then import again";
    let quoted = format!("\"{key}\"");
    match f.text.find(&quoted) {
        Some(i) => Diagnostic::at(f, &(i..i + quoted.len()), message),
        None => Diagnostic::file(&f.path, message),
    }
    .help(help)
}

/// Every change of one model, then the provenance of each block changed.
fn edit_model(
    f: &SourceFile,
    key: &str,
    table: &mut toml_edit::Table,
    changes: &[&Change],
    plan: &Plan,
) -> Result<(), Diagnostic> {
    let mut blocks: BTreeMap<Block, Vec<&Change>> = BTreeMap::new();
    for c in changes {
        let cite = citation(&f.path, &plan.offers[c.offer])?;
        match c.figure {
            Figure::Tier(t) => set_tier(table, t.as_str(), c.new, &cite),
            Figure::Price(kind) => {
                let block = block_table(table, &c.block).ok_or_else(|| not_found(f, key, &block_name(&c.block)))?;
                set(block, key_of(kind), parse(&number(c.new)));
                // The global block's provenance is the model's.
                let owner = if c.block == Block::Global { Block::Base } else { c.block.clone() };
                blocks.entry(owner).or_default().push(c);
            }
        }
    }
    for (block, changes) in blocks {
        let Some(offer) = plan.cited(&changes) else { continue };
        let cite = citation(&f.path, offer)?;
        let t = block_table(table, &block).ok_or_else(|| not_found(f, key, &block_name(&block)))?;
        set(t, "source", Value::from(cite.url.as_str()));
        set(t, "retrieved", cite.day.clone());
        // The figures now cite a published offer: they are not estimates any more.
        t.remove("assumed");
    }
    Ok(())
}

fn block_name(b: &Block) -> String {
    match b {
        Block::Base => "`[[model]]` table".into(),
        Block::Global => "`[model.global]` table".into(),
        Block::Region(r) => format!("`[[model.region_price]]` of {r}"),
    }
}

/// The table a block's figures are written in.
fn block_table<'t>(table: &'t mut toml_edit::Table, block: &Block) -> Option<&'t mut dyn TableLike> {
    match block {
        Block::Base => Some(table as &mut dyn TableLike),
        Block::Global => table.get_mut("global")?.as_table_like_mut(),
        Block::Region(r) => {
            let regions = table.get_mut("region_price")?.as_array_of_tables_mut()?;
            let found = regions.iter_mut().find(|t| t.get("region").and_then(Item::as_str) == Some(r.as_str()))?;
            Some(found as &mut dyn TableLike)
        }
    }
}

/// A value written by this module: always valid TOML.
fn parse(text: &str) -> Value {
    text.parse().expect("a number or date written by infercast is valid TOML")
}

/// Sets `key` to `value`, keeping the old value's comments and spacing (a trailing comment stays
/// in its column where there is room); a new key goes last.
fn set(t: &mut dyn TableLike, key: &str, mut value: Value) {
    if let Some(Item::Value(old)) = t.get_mut(key) {
        let (was, now) = (bare(old), bare(&value));
        if was == now {
            return;
        }
        *value.decor_mut() = old.decor().clone();
        let suffix = old.decor().suffix().and_then(|r| r.as_str()).unwrap_or("");
        let spaces = suffix.len() - suffix.trim_start_matches(' ').len();
        if suffix[spaces..].starts_with('#') {
            let kept = (spaces + was.len()).saturating_sub(now.len()).max(1);
            value.decor_mut().set_suffix(format!("{}{}", " ".repeat(kept), &suffix[spaces..]));
        }
        *old = value;
        return;
    }
    t.insert(key, Item::Value(value));
}

/// A value as written, without the spaces and comments around it.
fn bare(v: &Value) -> String {
    v.clone().decorated("", "").to_string()
}

/// `tiers.NAME = { multiplier = X, source = "…", retrieved = … }`, replacing a bare multiplier
/// or an assumed one.
fn set_tier(model: &mut toml_edit::Table, name: &str, factor: f64, cite: &Citation) {
    if model.get("tiers").and_then(Item::as_table_like).is_none() {
        model.insert("tiers", Item::Value(Value::InlineTable(InlineTable::new())));
    }
    let Some(tiers) = model.get_mut("tiers").and_then(Item::as_table_like_mut) else { return };
    let mut entry = InlineTable::new();
    if let Some(Item::Value(Value::InlineTable(old))) = tiers.get(name) {
        entry = old.clone();
        entry.remove("assumed");
    }
    entry.insert("multiplier", parse(&number(factor)));
    entry.insert("source", Value::from(cite.url.as_str()));
    entry.insert("retrieved", cite.day.clone());
    let mut value = Value::InlineTable(entry);
    let added = tiers.get(name).is_none();
    if let Some(Item::Value(old)) = tiers.get(name) {
        *value.decor_mut() = old.decor().clone();
    }
    tiers.insert(name, Item::Value(value));
    if let (true, Some(Item::Value(Value::InlineTable(t)))) = (added, model.get_mut("tiers")) {
        // The space that closed the table belonged to the old last entry: `{ a = 1, b = 2 }`.
        let n = t.len();
        for (i, (_, v)) in t.iter_mut().enumerate() {
            v.decor_mut().set_suffix(if i + 1 == n { " " } else { "" });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn numbers_are_short_and_plain() {
        assert_eq!(number(3.2), "3.2");
        assert_eq!(number(15.0), "15.0");
        assert_eq!(number(0.0000001), "0.0000001");
        assert_eq!(number(1.375), "1.375");
    }
}
