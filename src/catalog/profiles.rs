//! Inference profiles: the prefixes a model sells, the endpoint each calls, and the source regions
//! a geographic profile is called from, whose prices it pays (docs/model.md#inference-profiles).
use super::raw;
use super::{Endpoint, Model};
use crate::input::Checker;
use crate::suggest::did_you_mean;

/// Inference-profile prefixes of geographic profiles.
pub const GEO_PROFILES: [&str; 7] = ["us", "eu", "apac", "jp", "au", "ca", "us-gov"];

/// The GovCloud profile prefix: GovCloud bills its own prices, which the catalog does not hold for
/// profiles, so a `us-gov.` id is refused (docs/model.md#inference-profiles).
pub const GOVCLOUD_PROFILE: &str = "us-gov";

impl Endpoint {
    /// The endpoint an inference-profile prefix calls: `global` the global profile, any other a
    /// geographic one.
    pub fn of_profile(prefix: &str) -> Endpoint {
        if prefix == "global" { Endpoint::Global } else { Endpoint::Geo }
    }
}

/// Whether a geographic profile is called from `region`. "The price is calculated based on the
/// Region from which you call an inference profile"
/// (https://docs.aws.amazon.com/bedrock/latest/userguide/cross-region-inference.html), and a
/// geographic profile is called from a region of its own geography; the geographies are those of
/// https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html.
pub fn is_source_region(prefix: &str, region: &str) -> bool {
    match prefix {
        "us" => region.starts_with("us-") && !region.starts_with("us-gov-"),
        "eu" => region.starts_with("eu-"),
        "apac" => region.starts_with("ap-"),
        "jp" => matches!(region, "ap-northeast-1" | "ap-northeast-3"),
        "au" => matches!(region, "ap-southeast-2" | "ap-southeast-4"),
        "ca" => region.starts_with("ca-"),
        "us-gov" => region.starts_with("us-gov-"),
        _ => false,
    }
}

impl Model {
    /// The geographic profile this model sells that a call from `region` uses, if the catalog
    /// lists one (GovCloud's is never priced).
    pub fn geo_profile_from(&self, region: &str) -> Option<&str> {
        self.profiles.iter().map(String::as_str).find(|p| *p != GOVCLOUD_PROFILE && is_source_region(p, region))
    }

    /// The first region with a price, base regions first, from which the profile `prefix` is called.
    pub fn source_region(&self, prefix: &str) -> Option<&str> {
        self.all_regions().into_iter().find(|r| is_source_region(prefix, r))
    }

    /// The profile prefixes it sells, as ids start (`us., global.`), or "none".
    pub fn profile_list(&self) -> String {
        if self.profiles.is_empty() {
            return "none".to_string();
        }
        self.profiles.iter().map(|p| format!("{p}.")).collect::<Vec<_>>().join(", ")
    }
}

/// `profiles` must name known prefixes, and a global price needs the `global` profile listed:
/// an absent list means no profiles, so a scenario can name none (docs/catalog.md).
pub(super) fn listed(ck: &mut Checker, m: &raw::Model) -> Vec<String> {
    let Some(p) = &m.profiles else {
        if let Some(g) = &m.global {
            ck.error(
                &g.span(),
                format!("model `{}` has [model.global] prices but no `profiles` list", m.key.get_ref()),
                "add `profiles = [\"global\"]` (with the geographic prefixes the model sells, if any)",
            );
        }
        return Vec::new();
    };
    for name in p.get_ref() {
        if name != "global" && !GEO_PROFILES.contains(&name.as_str()) {
            let known = GEO_PROFILES.iter().copied().chain(["global"]);
            ck.error(
                &p.span(),
                format!("unknown inference-profile prefix `{name}`"),
                did_you_mean(name, known, "prefixes"),
            );
        }
    }
    let lists_global = p.get_ref().iter().any(|n| n == "global");
    if lists_global != m.global.is_some() {
        ck.error(
            &p.span(),
            format!("model `{}`: `profiles` and `[model.global]` disagree about a global profile", m.key.get_ref()),
            "list \"global\" in `profiles` exactly when the model has [model.global] prices",
        );
    }
    p.get_ref().clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_geographic_profile_is_called_from_its_own_geography() {
        // From the geographies of inference-profiles-support.html: `us.` excludes GovCloud, `jp.`
        // and `au.` are two regions each inside `apac.`'s `ap-*`.
        assert!(is_source_region("us", "us-east-2") && !is_source_region("us", "us-gov-west-1"));
        assert!(is_source_region("us-gov", "us-gov-west-1") && !is_source_region("us-gov", "us-east-1"));
        assert!(is_source_region("eu", "eu-north-1") && !is_source_region("eu", "us-east-1"));
        assert!(is_source_region("apac", "ap-northeast-1") && is_source_region("apac", "ap-south-1"));
        assert!(is_source_region("jp", "ap-northeast-3") && !is_source_region("jp", "ap-southeast-2"));
        assert!(is_source_region("au", "ap-southeast-4") && !is_source_region("au", "ap-northeast-1"));
        assert!(is_source_region("ca", "ca-central-1") && !is_source_region("ca", "us-east-1"));
        assert!(!is_source_region("global", "us-east-1"), "the global profile has no geography");
        assert_eq!(Endpoint::of_profile("global"), Endpoint::Global);
        assert_eq!(Endpoint::of_profile("jp"), Endpoint::Geo);
    }
}
