//! Where the app finds Partner Center: the base URL of the portal's proxy, from the element's `source` and
//! `api-base` attributes or the standalone page's `<meta name="customer-accounts-source">`. Never from the page's
//! address: a link must not be able to point the app at someone else's API.

use thiserror::Error;

/// The standalone page's meta tag: `<meta name="customer-accounts-source" content="partner-center /partner-center/">`.
pub const SOURCE_META: &str = "customer-accounts-source";

/// The `source` value that selects Partner Center.
const PARTNER_CENTER: &str = "partner-center";
/// The `source` value of today's mode (also what no `source` means).
const LOCAL: &str = "local";

/// The longest base URL accepted: a proxy's address, not a document.
const MAX_BASE: usize = 2_000;

/// Where customers come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// This browser's localStorage, as the app has always kept them.
    Local,
    /// Partner Center, through the portal's proxy at this base, with this browser's storage as its cache.
    PartnerCenter(ApiBase),
}

/// The base URL the API's paths are appended to (`{base}v1/customers`): a path on the page's own origin
/// (`/partner-center/`), a relative one (`./api/`), or an absolute `https://` (or `http://`) URL. Always ends in `/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiBase(String);

/// Why a source setting is refused; `messages` words it for the element's or the page's error.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SourceError {
    /// A `source` other than `local` or `partner-center`.
    #[error("unknown source {0:?}")]
    UnknownSource(String),
    /// `source="partner-center"` without a base URL.
    #[error("partner-center without an API base")]
    MissingApiBase,
    /// An `api-base` without `source="partner-center"`: most likely a forgotten attribute, so said rather than ignored.
    #[error("an API base without source=\"partner-center\"")]
    ApiBaseWithoutSource,
    /// A base URL that is not one (or could send the calls somewhere unexpected).
    #[error("API base {0:?} is not a path or an http(s) URL ending in /")]
    BadApiBase(String),
}

impl ApiBase {
    /// Checks a base URL as the portal wrote it (surrounding spaces dropped).
    pub fn parse(text: &str) -> Result<ApiBase, SourceError> {
        let base = text.trim();
        let bad = || SourceError::BadApiBase(base.to_string());
        if base.is_empty() || base.len() > MAX_BASE || !base.ends_with('/') {
            return Err(bad());
        }
        // Spaces, control characters and backslashes (which browsers read as `/`) have no place in a base URL; a
        // query or a fragment would swallow the paths appended to it.
        if base
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '\\' | '?' | '#'))
        {
            return Err(bad());
        }
        let lower = base.to_ascii_lowercase();
        let absolute = ["https://", "http://"]
            .iter()
            .find_map(|scheme| lower.strip_prefix(scheme));
        match absolute {
            // An authority with a host and no credentials (`user:pass@` would hand them to every call).
            Some(rest) => {
                let authority = rest.split('/').next().unwrap_or_default();
                if authority.is_empty() || authority.contains('@') {
                    return Err(bad());
                }
            }
            // A path: on this origin (`/…`, but never `//host/…`, which is another origin), or relative to the page.
            None => {
                let same_origin = base.starts_with('/') && !base.starts_with("//");
                let relative = base.starts_with("./") || base.starts_with("../");
                if !same_origin && !relative {
                    return Err(bad());
                }
            }
        }
        Ok(ApiBase(base.to_string()))
    }

    /// The URL of an API path such as `v1/customers` (no leading `/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.0, path.trim_start_matches('/'))
    }

    /// The base as given, ending in `/`: the cache's key space is named after it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Source {
    /// From an element's `source` and `api-base` attributes.
    pub fn from_attributes(
        source: Option<&str>,
        api_base: Option<&str>,
    ) -> Result<Source, SourceError> {
        let source = source.map(str::trim).filter(|s| !s.is_empty());
        let api_base = api_base.filter(|b| !b.trim().is_empty());
        let partner_center = match source {
            None => false,
            Some(s) if s.eq_ignore_ascii_case(LOCAL) => false,
            Some(s) if s.eq_ignore_ascii_case(PARTNER_CENTER) => true,
            Some(s) => return Err(SourceError::UnknownSource(s.to_string())),
        };
        match (partner_center, api_base) {
            (true, Some(base)) => Ok(Source::PartnerCenter(ApiBase::parse(base)?)),
            (true, None) => Err(SourceError::MissingApiBase),
            (false, Some(_)) => Err(SourceError::ApiBaseWithoutSource),
            (false, None) => Ok(Source::Local),
        }
    }

    /// From the standalone page's meta tag content, `"{source} {api-base}"` (`None`: no such tag).
    pub fn from_meta(content: Option<&str>) -> Result<Source, SourceError> {
        let Some(content) = content else {
            return Ok(Source::Local);
        };
        let mut words = content.split_whitespace();
        let source = words.next();
        let base = words.next();
        if let Some(extra) = words.next() {
            return Err(SourceError::BadApiBase(format!(
                "{} {extra}",
                base.unwrap_or_default()
            )));
        }
        Source::from_attributes(source, base)
    }
}

/// A source other than the local one, as the element's attributes or the page's meta tag give it, unchecked. Whether
/// there is one at all is decided by `embed.js` and `boot.js` (an absent, empty or `local` source without a base is
/// the local mode, and the app gets none), so the local mode's first download carries nothing that reads it; the
/// check ([`SourceSetting::source`]) is Partner Center's module's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceSetting {
    /// The element's `source` and `api-base` attributes, joined by a line break (which neither can hold usefully).
    Attributes(String),
    /// The standalone page's meta tag's content.
    Meta(String),
}

impl SourceSetting {
    /// The setting as written: what names its cache's key space (a setting that fails its check lists and caches
    /// nothing).
    pub fn text(&self) -> &str {
        match self {
            SourceSetting::Attributes(text) | SourceSetting::Meta(text) => text,
        }
    }

    /// The source, checked.
    pub fn source(&self) -> Result<Source, SourceError> {
        match self {
            SourceSetting::Attributes(text) => {
                // Not `split_once`: the first download has its own copy of what split modules share.
                let (source, base) = match text.find('\n') {
                    Some(at) => (&text[..at], &text[at + 1..]),
                    None => (text.as_str(), ""),
                };
                Source::from_attributes(Some(source), Some(base))
            }
            SourceSetting::Meta(content) => Source::from_meta(Some(content)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base_is_a_path_of_this_origin_a_relative_path_or_an_http_url_ending_in_a_slash() {
        for good in [
            "/partner-center/",
            "./api/",
            "../pc/",
            "https://portal.example.com/pc/",
            "http://127.0.0.1:9/",
        ] {
            assert_eq!(
                ApiBase::parse(good).map(|b| b.as_str().to_string()),
                Ok(good.to_string()),
                "{good}"
            );
        }
        assert_eq!(
            ApiBase::parse("  /pc/ ").map(|b| b.url("v1/customers")),
            Ok("/pc/v1/customers".into())
        );
        for bad in [
            "",
            "/partner-center",
            "//evil.example/",
            "partner-center/",
            "javascript:alert(1)//",
            "data:text/plain,/",
            "https:///",
            "https://user:pass@portal.example/",
            "/pc/?x=/",
            "/pc/#/",
            "/p c/",
            "/pc\\/",
            "/pc/\u{0}/",
            "ftp://portal.example/",
        ] {
            assert_eq!(
                ApiBase::parse(bad),
                Err(SourceError::BadApiBase(bad.trim().to_string())),
                "{bad:?}"
            );
        }
        assert!(ApiBase::parse(&format!("/{}/", "a".repeat(MAX_BASE))).is_err());
    }

    #[test]
    fn the_element_s_attributes_pick_the_source() {
        let pc = |base: &str| Ok(Source::PartnerCenter(ApiBase(base.into())));
        assert_eq!(Source::from_attributes(None, None), Ok(Source::Local));
        assert_eq!(
            Source::from_attributes(Some("local"), None),
            Ok(Source::Local)
        );
        assert_eq!(
            Source::from_attributes(Some(" "), Some("")),
            Ok(Source::Local)
        );
        assert_eq!(
            Source::from_attributes(Some("partner-center"), Some("/pc/")),
            pc("/pc/")
        );
        assert_eq!(
            Source::from_attributes(Some("Partner-Center"), Some("/pc/")),
            pc("/pc/")
        );
        assert_eq!(
            Source::from_attributes(Some("partner-center"), None),
            Err(SourceError::MissingApiBase)
        );
        assert_eq!(
            Source::from_attributes(None, Some("/pc/")),
            Err(SourceError::ApiBaseWithoutSource)
        );
        assert_eq!(
            Source::from_attributes(Some("local"), Some("/pc/")),
            Err(SourceError::ApiBaseWithoutSource)
        );
        assert_eq!(
            Source::from_attributes(Some("graph"), None),
            Err(SourceError::UnknownSource("graph".into()))
        );
        assert_eq!(
            Source::from_attributes(Some("graph"), Some("/pc/")),
            Err(SourceError::UnknownSource("graph".into()))
        );
        assert_eq!(
            Source::from_attributes(Some("partner-center"), Some("//evil/")),
            Err(SourceError::BadApiBase("//evil/".into()))
        );
    }

    #[test]
    fn a_setting_is_checked_as_the_source_it_names() {
        let pc = Ok(Source::PartnerCenter(ApiBase("/pc/".into())));
        assert_eq!(
            SourceSetting::Attributes("partner-center\n/pc/".into()).source(),
            pc
        );
        assert_eq!(
            SourceSetting::Meta(" partner-center  /pc/ ".into()).source(),
            pc
        );
        // What embed.js passes on only when it is not the local mode: each mistake is said.
        assert_eq!(
            SourceSetting::Attributes("\n/pc/".into()).source(),
            Err(SourceError::ApiBaseWithoutSource)
        );
        assert_eq!(
            SourceSetting::Attributes("partner-center\n".into()).source(),
            Err(SourceError::MissingApiBase)
        );
        assert_eq!(
            SourceSetting::Attributes("graph".into()).source(),
            Err(SourceError::UnknownSource("graph".into()))
        );
        assert_eq!(
            SourceSetting::Meta("partner-center //evil/".into()).source(),
            Err(SourceError::BadApiBase("//evil/".into()))
        );
        assert_eq!(
            SourceSetting::Meta("partner-center /pc/".into()).text(),
            "partner-center /pc/"
        );
    }

    #[test]
    fn the_page_s_meta_tag_names_the_source_then_the_base() {
        assert_eq!(Source::from_meta(None), Ok(Source::Local));
        assert_eq!(Source::from_meta(Some("")), Ok(Source::Local));
        assert_eq!(Source::from_meta(Some("local")), Ok(Source::Local));
        assert_eq!(
            Source::from_meta(Some("  partner-center   /partner-center/ ")),
            Ok(Source::PartnerCenter(ApiBase("/partner-center/".into())))
        );
        assert_eq!(
            Source::from_meta(Some("partner-center")),
            Err(SourceError::MissingApiBase)
        );
        assert!(Source::from_meta(Some("partner-center /a/ /b/")).is_err());
    }
}
