//! Which models `infercast models` lists: filters that must all hold, and the ranges (figures
//! written as distributions) a listing shows in place of their means.
use super::{Catalog, Model, Status, Tier};
use crate::keyword::Keyword;
use crate::uncertain::Distribution;

/// A way a model is sold, for `--tier`: an on-demand tier, or capacity bought ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sold {
    /// On demand at this tier (standard: every model of the catalog).
    OnDemand(Tier),
    /// Provisioned Throughput model units.
    Provisioned,
    /// The Reserved tier.
    Reserved,
}

impl Keyword for Sold {
    const ALL: &'static [Self] = &[
        Sold::OnDemand(Tier::Standard),
        Sold::OnDemand(Tier::Batch),
        Sold::OnDemand(Tier::Flex),
        Sold::OnDemand(Tier::Priority),
        Sold::Provisioned,
        Sold::Reserved,
    ];
    const NAMES: &'static [&'static str] = &["standard", "batch", "flex", "priority", "provisioned", "reserved"];
}

/// Where a model stands on the day it is judged: its catalog `status`, unless its end of life
/// has come (docs/model.md#lifecycle).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Standing {
    Active,
    /// Superseded or scheduled for retirement, still served.
    Legacy,
    /// On or after its end of life: no longer served.
    Retired,
}

impl Keyword for Standing {
    const ALL: &'static [Self] = &[Standing::Active, Standing::Legacy, Standing::Retired];
    const NAMES: &'static [&'static str] = &["active", "legacy", "retired"];
}

impl Model {
    /// Where the model stands on `today` (days since 1970-01-01): retired from its end-of-life
    /// day on, the same rule scenarios are held to.
    pub fn standing(&self, today: i64) -> Standing {
        let ended = self.end_of_life.as_deref().and_then(crate::dates::parse).is_some_and(|eol| eol <= today);
        match self.status {
            _ if ended => Standing::Retired,
            Status::Active => Standing::Active,
            Status::Legacy => Standing::Legacy,
        }
    }
}

/// The filters of `infercast models`; `None` = no condition. All given must hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// The catalog's provider (`aws-bedrock`), its vendor (`azure`) or the model's maker, the
    /// first part of its id (`anthropic` in `anthropic.claude-…`); any case.
    pub provider: Option<String>,
    pub status: Option<Standing>,
    pub sold: Option<Sold>,
    /// A region sold at base or at its own prices, or an inference-profile prefix (`eu`, `global`).
    pub region: Option<String>,
    /// Text found in the key, the provider id or the name; any case.
    pub search: Option<String>,
}

impl Filter {
    /// True when no filter is given: the listing is the whole catalog.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Whether `m` meets every filter given, judged on `today` (days since 1970-01-01).
    pub fn keeps(&self, m: &Model, today: i64) -> bool {
        let provider = self.provider.as_ref().is_none_or(|p| {
            let maker = m.id.split('.').next().unwrap_or("");
            m.provider.eq_ignore_ascii_case(p)
                || m.vendor.as_str().eq_ignore_ascii_case(p)
                || maker.eq_ignore_ascii_case(p)
        });
        let sold = self.sold.is_none_or(|s| match s {
            Sold::OnDemand(Tier::Standard) => true,
            Sold::OnDemand(t) => m.tiers.contains_key(&t),
            Sold::Provisioned => m.provisioned.is_some(),
            Sold::Reserved => m.reserved.is_some(),
        });
        let region = self.region.as_ref().is_none_or(|r| {
            m.all_regions().iter().any(|x| x.eq_ignore_ascii_case(r))
                || m.profiles.iter().any(|p| p.eq_ignore_ascii_case(r))
        });
        let search = self.search.as_ref().is_none_or(|t| {
            let t = t.to_lowercase();
            [&m.key, &m.id, &m.name].iter().any(|s| s.to_lowercase().contains(&t))
        });
        provider && self.status.is_none_or(|s| m.standing(today) == s) && sold && region && search
    }
}

impl Catalog {
    /// The models `filter` keeps, in catalog order; with any filter given, only models (no
    /// instances, deployments or services, which the filters do not describe).
    pub fn select(&self, filter: &Filter) -> Catalog {
        if filter.is_empty() {
            return self.clone();
        }
        Catalog {
            models: self.models.iter().filter(|m| filter.keeps(m, self.today())).cloned().collect(),
            uncertain: self.uncertain.clone(),
            files: self.files.clone(),
            today: self.today,
            ..Catalog::default()
        }
    }

    /// The distribution a figure was written as, if it was: `table` is `model`, `instance` or
    /// `deployment`, `key` the entry's key, `field` the key path inside the entry
    /// (`["provisioned", "usd_per_mu_hour", "none"]`).
    pub fn range(&self, table: &str, key: &str, field: &[&str]) -> Option<&Distribution> {
        self.uncertain
            .iter()
            .find(|u| {
                u.entry.as_deref() == Some(key)
                    && u.keys.first().map(String::as_str) == Some(table)
                    && u.keys[1..].iter().map(String::as_str).eq(field.iter().copied())
            })
            .map(|u| &u.dist)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_is_found_by_table_key_and_field() {
        let c = Catalog::embedded().expect("bundled catalog is valid");
        // pricing/bedrock-anthropic.toml writes claude-sonnet-4.5's no-commit price as
        // triangular(56, 70, 84) and its 1-month one as triangular(50.4, 63, 75.6).
        let none = c.range("model", "claude-sonnet-4.5", &["provisioned", "usd_per_mu_hour", "none"]);
        assert_eq!(none, Some(&Distribution::Triangular { min: 56.0, mode: 70.0, max: 84.0 }));
        let month = c.range("model", "claude-sonnet-4.5", &["provisioned", "usd_per_mu_hour", "1-month"]);
        assert_eq!(month, Some(&Distribution::Triangular { min: 50.4, mode: 63.0, max: 75.6 }));
        // The same key under another table, a shorter path, or a published figure: no range.
        assert_eq!(c.range("instance", "claude-sonnet-4.5", &["provisioned", "usd_per_mu_hour", "none"]), None);
        assert_eq!(c.range("model", "claude-sonnet-4.5", &["provisioned", "usd_per_mu_hour"]), None);
        assert_eq!(c.range("model", "claude-sonnet-4.5", &["input_usd_per_mtok"]), None);
    }

    #[test]
    fn no_filter_keeps_everything_a_filter_keeps_only_models() {
        let c = Catalog::embedded().expect("bundled catalog is valid");
        let all = c.select(&Filter::default());
        assert_eq!((all.models.len(), all.instances.len()), (c.models.len(), c.instances.len()));
        let f = Filter { sold: Some(Sold::OnDemand(Tier::Standard)), ..Filter::default() };
        let standard = c.select(&f);
        assert_eq!(standard.models.len(), c.models.len(), "every model sells the standard tier");
        assert!(standard.instances.is_empty() && standard.deployments.is_empty() && standard.services.is_empty());
    }

    #[test]
    fn a_model_is_retired_from_its_end_of_life_day_on() {
        let c = Catalog::embedded().expect("bundled catalog is valid");
        // pricing/bedrock-meta.toml: Llama 3.2 1B is legacy with end_of_life = 2026-07-07.
        let m = c.model("llama-3.2-1b").unwrap();
        let day = |s| crate::dates::parse(s).unwrap();
        assert_eq!(m.standing(day("2026-07-06")), Standing::Legacy);
        assert_eq!(m.standing(day("2026-07-07")), Standing::Retired);
        let f = Filter { status: Some(Standing::Retired), ..Filter::default() };
        assert!(f.keeps(m, day("2026-07-07")) && !f.keeps(m, day("2026-07-06")));
    }
}
