//! Raw capacity entries → validated offers: Provisioned Throughput, the Reserved tier,
//! GPU instances and self-hosted deployments.
use super::convert::entry_provenance;
use super::raw;
use super::*;
use crate::input::Checker;
use toml::Spanned;

/// `{ term = price, … }` with every term from `allowed` and every price a positive number.
fn price_table(
    ck: &mut Checker,
    t: &Spanned<toml::Table>,
    key: &str,
    allowed: Option<&[&str]>,
) -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    if t.get_ref().is_empty() {
        ck.error(&t.span(), format!("`{key}` lists no prices"), "give at least one, e.g. `{ 1-month = 63.0 }`");
    }
    for (name, v) in t.get_ref() {
        if let Some(allowed) = allowed.filter(|a| !a.contains(&name.as_str())) {
            ck.error(
                &t.span(),
                format!("`{key}` has an unknown term `{name}`"),
                // A term the offer does not sell is not a typo of one it does: list them.
                format!("terms are: {}", allowed.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ")),
            );
            continue;
        }
        let x = match v {
            toml::Value::Float(x) => *x,
            toml::Value::Integer(x) => *x as f64,
            _ => f64::NAN,
        };
        if !(x.is_finite() && x > 0.0) {
            ck.error(
                &t.span(),
                format!("`{key}.{name}` must be a positive number, found {v}"),
                "write a price in USD, e.g. 63.0",
            );
            continue;
        }
        out.insert(name.clone(), x);
    }
    out
}

fn require_basis(ck: &mut Checker, assumed: bool, basis: &Option<String>, span: &std::ops::Range<usize>, table: &str) {
    if assumed && basis.as_deref().is_none_or(|b| b.trim().is_empty()) {
        ck.error(
            span,
            format!("{table} has assumed figures but no `basis`"),
            "add `basis = \"…\"`: how the figures were chosen, so readers can judge them",
        );
    }
}

pub(super) fn provisioned(ck: &mut Checker, p: &Spanned<raw::Provisioned>, entry: &Provenance) -> ProvisionedOffer {
    let r = p.get_ref();
    let provenance = entry_provenance(ck, &r.source, &r.retrieved, r.assumed.or(Some(entry.assumed)), r.private, entry);
    let throughput_assumed = *r.throughput_assumed.get_ref();
    require_basis(ck, provenance.assumed || throughput_assumed, &r.basis, &p.span(), "[model.provisioned]");
    ProvisionedOffer {
        usd_per_mu_hour: price_table(ck, &r.usd_per_mu_hour, "usd_per_mu_hour", Some(&["none", "1-month", "6-month"])),
        input_tpm_per_mu: ck.positive(&r.input_tpm_per_mu, "input_tpm_per_mu"),
        output_tpm_per_mu: ck.positive(&r.output_tpm_per_mu, "output_tpm_per_mu"),
        provenance,
        throughput_assumed,
        basis: r.basis.clone(),
    }
}

pub(super) fn reserved(ck: &mut Checker, p: &Spanned<raw::Reserved>, entry: &Provenance) -> ReservedOffer {
    let r = p.get_ref();
    let provenance = entry_provenance(ck, &r.source, &r.retrieved, r.assumed.or(Some(entry.assumed)), r.private, entry);
    require_basis(ck, provenance.assumed, &r.basis, &p.span(), "[model.reserved]");
    let terms = Some(&["1-month", "3-month"][..]);
    let input = price_table(ck, &r.usd_per_1k_input_tpm_month, "usd_per_1k_input_tpm_month", terms);
    let output = price_table(ck, &r.usd_per_1k_output_tpm_month, "usd_per_1k_output_tpm_month", terms);
    if input.keys().ne(output.keys()) {
        ck.error(
            &r.usd_per_1k_output_tpm_month.span(),
            "input and output reserved prices must list the same terms",
            "give both tables the same terms",
        );
    }
    ReservedOffer {
        usd_per_1k_input_tpm_month: input,
        usd_per_1k_output_tpm_month: output,
        min_input_tpm: ck.non_negative(&r.min_input_tpm, "min_input_tpm"),
        min_output_tpm: ck.non_negative(&r.min_output_tpm, "min_output_tpm"),
        provenance,
        basis: r.basis.clone(),
    }
}

pub(super) fn instance(ck: &mut Checker, i: &raw::Instance, file: &Provenance) -> Instance {
    Instance {
        key: i.key.get_ref().clone(),
        gpus: ck.whole(&i.gpus, "gpus", 1),
        gpu: i.gpu.clone(),
        usd_per_hour: price_table(ck, &i.usd_per_hour, "usd_per_hour", None),
        provenance: entry_provenance(ck, &i.source, &i.retrieved, i.assumed, i.private, file),
        note: i.note.clone(),
        file: ck.file.path.clone(),
    }
}

pub(super) fn deployment(ck: &mut Checker, d: &raw::Deployment, file: &Provenance) -> Deployment {
    let provenance = entry_provenance(ck, &d.source, &d.retrieved, d.assumed, d.private, file);
    if d.derivation.as_deref().is_none_or(|s| s.trim().is_empty()) {
        ck.error(
            &d.key.span(),
            format!("deployment `{}` has no `derivation`", d.key.get_ref()),
            "add `derivation = \"…\"`: the benchmark runs and the arithmetic that give P and D",
        );
    }
    Deployment {
        key: d.key.get_ref().clone(),
        model: d.model.clone(),
        instance: d.instance.get_ref().clone(),
        prefill_tokens_per_s: ck.positive(&d.prefill_tokens_per_s, "prefill_tokens_per_s"),
        decode_tokens_per_s: ck.positive(&d.decode_tokens_per_s, "decode_tokens_per_s"),
        provenance,
        derivation: d.derivation.clone(),
        file: ck.file.path.clone(),
    }
}
