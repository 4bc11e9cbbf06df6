//! A user catalog (`--pricing DIR`) that changes a built-in figure but still cites the built-in
//! public source is probably a negotiated price recorded without saying so: warn.
use super::{Catalog, Model};

/// One warning per model whose prices differ from the built-in entry of the same key while
/// citing the same public source.
pub fn same_source_changes(user: &Catalog, built_in: &Catalog) -> Vec<String> {
    let mut out = Vec::new();
    for m in &user.models {
        let Some(b) = built_in.model(&m.key) else { continue };
        if !m.provenance.private && m.provenance.source == b.provenance.source && figures(m) != figures(b) {
            out.push(format!(
                "`{}` ({}): price differs from the built-in figure that cites the same source ({}); \
                 if it is a quote, mark it `private = true` with the quote as its `source`, else cite where it comes from",
                m.key, m.file, m.provenance.source
            ));
        }
        let offers_differ = m.provisioned.as_ref().map(|p| &p.usd_per_mu_hour)
            != b.provisioned.as_ref().map(|p| &p.usd_per_mu_hour)
            || m.reserved.as_ref().map(|r| (&r.usd_per_1k_input_tpm_month, &r.usd_per_1k_output_tpm_month))
                != b.reserved.as_ref().map(|r| (&r.usd_per_1k_input_tpm_month, &r.usd_per_1k_output_tpm_month));
        let same_source = |x: Option<&super::Provenance>, y: Option<&super::Provenance>| match (x, y) {
            (Some(x), Some(y)) => !x.private && x.source == y.source,
            _ => false,
        };
        let sources_same =
            same_source(m.provisioned.as_ref().map(|p| &p.provenance), b.provisioned.as_ref().map(|p| &p.provenance))
                || same_source(m.reserved.as_ref().map(|r| &r.provenance), b.reserved.as_ref().map(|r| &r.provenance));
        if offers_differ && sources_same {
            out.push(format!(
                "`{}` ({}): a capacity price differs from the built-in offer that cites the same source; \
                 mark your figure `private = true` with its own `source`",
                m.key, m.file
            ));
        }
    }
    out
}

fn figures(m: &Model) -> Vec<(String, f64)> {
    m.price_figures()
}
