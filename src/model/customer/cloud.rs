//! The cloud a partner works in decides the customer's domain suffix.

use serde::{Deserialize, Serialize};

/// Partner Center edition: the one operated by 21Vianet in China (the default) or the global one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Cloud {
    #[default]
    #[serde(rename = "21vianet")]
    China21Vianet,
    Global,
}

/// Longest domain prefix Partner Center accepts.
pub const MAX_PREFIX_LEN: usize = 27;

impl Cloud {
    /// Every cloud, for parsing and for recognising stored domains.
    pub const ALL: [Cloud; 2] = [Cloud::China21Vianet, Cloud::Global];

    /// The suffix appended to a customer's domain prefix, with its leading dot.
    pub fn domain_suffix(self) -> &'static str {
        match self {
            Cloud::China21Vianet => ".partner.onmschina.cn",
            Cloud::Global => ".onmicrosoft.com",
        }
    }

    /// Parses the `cloud` setting (`21vianet` or `global`, any case).
    pub fn parse(value: &str) -> Option<Cloud> {
        match value.trim().to_ascii_lowercase().as_str() {
            "21vianet" => Some(Cloud::China21Vianet),
            "global" => Some(Cloud::Global),
            _ => None,
        }
    }

    /// The full domain for a prefix (stored lower-case).
    pub fn domain(self, prefix: &str) -> String {
        format!("{}{}", prefix.to_ascii_lowercase(), self.domain_suffix())
    }
}

/// Whether a prefix has Partner Center's shape: 1–27 ASCII letters or digits.
pub fn is_valid_prefix(prefix: &str) -> bool {
    !prefix.is_empty()
        && prefix.len() <= MAX_PREFIX_LEN
        && prefix.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Splits a stored domain into its prefix and cloud; `None` when it is not a domain this app could have made.
pub fn split_domain(domain: &str) -> Option<(&str, Cloud)> {
    Cloud::ALL.into_iter().find_map(|cloud| {
        let prefix = domain.strip_suffix(cloud.domain_suffix())?;
        (is_valid_prefix(prefix) && !prefix.bytes().any(|b| b.is_ascii_uppercase()))
            .then_some((prefix, cloud))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_lower_case_prefix_plus_suffix() {
        assert_eq!(
            Cloud::default().domain("Contoso"),
            "contoso.partner.onmschina.cn"
        );
        assert_eq!(
            Cloud::Global.domain("Fabrikam1"),
            "fabrikam1.onmicrosoft.com"
        );
    }

    #[test]
    fn prefix_shape() {
        assert!(is_valid_prefix("a"));
        assert!(is_valid_prefix(&"a".repeat(27)));
        assert!(!is_valid_prefix(&"a".repeat(28)));
        assert!(!is_valid_prefix(""));
        for bad in ["con-toso", "con toso", "contoso.cn", "contosö", "康托"] {
            assert!(!is_valid_prefix(bad), "{bad}");
        }
    }

    #[test]
    fn split_recognises_both_clouds_only() {
        assert_eq!(
            split_domain("contoso.partner.onmschina.cn"),
            Some(("contoso", Cloud::China21Vianet))
        );
        assert_eq!(
            split_domain("contoso.onmicrosoft.com"),
            Some(("contoso", Cloud::Global))
        );
        assert_eq!(split_domain("Contoso.onmicrosoft.com"), None);
        assert_eq!(split_domain("contoso.example.com"), None);
        assert_eq!(split_domain(".onmicrosoft.com"), None);
    }

    #[test]
    fn parse_setting() {
        assert_eq!(Cloud::parse("Global"), Some(Cloud::Global));
        assert_eq!(Cloud::parse("21vianet"), Some(Cloud::China21Vianet));
        assert_eq!(Cloud::parse("azure"), None);
    }
}
