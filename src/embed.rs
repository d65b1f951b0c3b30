//! Entry points for the two ways the app runs: on a page of its own (`index.html` → `boot.js` → [`start`]) and as
//! the `<customer-accounts>` element (`embed.js` → [`mount`] once per element). The JavaScript side is in `js/`.

use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyViewState;

use crate::host::Host;
use crate::i18n::Lang;
use crate::messages;
use crate::model::Cloud;
use crate::partner_center::config::SourceSetting;
use crate::state::AppConfig;
use crate::state::{is_valid_namespace, DEFAULT_PREFIX};
use crate::views::shell::app::App;

/// Mounts the app on the page's body, owning the page's address and title. `meta` is the content of the page's
/// `<meta name="customer-accounts-source">` ([`crate::partner_center::config::SOURCE_META`], read by boot.js), which
/// may point the app at Partner Center; never the page's address: a link must not be able to send the app's calls
/// elsewhere.
pub fn start(meta: Option<String>) {
    console_error_panic_hook::set_once();
    let config = AppConfig {
        source: meta.map(SourceSetting::Meta),
        ..AppConfig::default()
    };
    leptos::mount::mount_to_body(move || view! { <App config /> });
}

/// Options of an embedded instance, read from the element's attributes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EmbedOptions {
    /// `storage-key`: the storage prefix; empty or missing means the default.
    pub storage_key: Option<String>,
    /// `cloud`: `21vianet` (the default) or `global`.
    pub cloud: Option<String>,
    /// `lang`: the interface's language, unless the reader chose one ("Display language").
    pub lang: Option<String>,
    /// `source` and `api-base` (`partner-center` and the portal's proxy of its API), joined by a line break, as
    /// `embed.js` passes them when they ask for more than the local mode; `None` for the local mode.
    pub source: Option<String>,
}

impl EmbedOptions {
    /// The language of a message shown in place of the app: the element's, else the browser's (the app, and the
    /// reader's choice, are not there yet).
    pub fn message_lang(&self) -> Lang {
        Lang::initial(
            None,
            self.lang.as_deref(),
            crate::platform::languages().iter().map(String::as_str),
        )
    }

    /// The configuration these attributes ask for, or the message to show in place of the app.
    pub fn config(&self) -> Result<AppConfig, String> {
        let l = self.message_lang();
        let storage_prefix = match self.storage_key.as_deref().map(str::trim) {
            None | Some("") => DEFAULT_PREFIX.to_string(),
            Some(key) if is_valid_namespace(key) => key.to_string(),
            Some(key) => return Err(messages::bad_storage_key(l, key)),
        };
        let cloud = match self.cloud.as_deref().map(str::trim) {
            None | Some("") => Cloud::default(),
            Some(value) => Cloud::parse(value).ok_or_else(|| messages::unknown_cloud(l, value))?,
        };
        // Checked by Partner Center's module (the local mode's download carries no check of it).
        let source = self.source.clone().map(SourceSetting::Attributes);
        Ok(AppConfig {
            storage_prefix,
            cloud,
            lang: self.lang.clone(),
            source,
        })
    }
}

/// A mounted element's app: dropping it (or [`Mounted::unmount`]) removes the app and its listeners.
pub struct Mounted {
    handle: Option<leptos::mount::UnmountHandle<AnyViewState>>,
    /// The element's `lang` attribute as it changes; the app follows it.
    lang: ArcRwSignal<Option<String>>,
}

impl Mounted {
    pub fn unmount(&mut self) {
        self.handle.take();
    }

    /// The element's `lang` attribute changed: the interface follows (an unknown language changes nothing).
    pub fn set_lang(&self, tag: Option<String>) {
        if self.lang.get_untracked() != tag {
            self.lang.set(tag);
        }
    }
}

/// Mounts a complete app in `container`, an element inside the custom element `host`'s shadow root.
pub fn mount(
    container: web_sys::HtmlElement,
    host: web_sys::HtmlElement,
    options: EmbedOptions,
) -> Mounted {
    console_error_panic_hook::set_once();
    let lang = ArcRwSignal::new(options.lang.clone());
    let attribute = lang.clone();
    let handle = leptos::mount::mount_to(container.clone(), move || {
        match options
            .config()
            .map_err(|message| (message, options.message_lang()))
        {
            Ok(config) => {
                let host = Host::element(container, host);
                view! { <App config host lang_attribute=attribute /> }.into_any()
            }
            Err((message, lang)) => {
                view! { <p class="embed-error" role="alert" lang=lang.tag()>{message}</p> }
                    .into_any()
            }
        }
    });
    Mounted {
        handle: Some(handle),
        lang,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_choose_prefix_and_cloud() {
        let options = |key: Option<&str>, cloud: Option<&str>| EmbedOptions {
            storage_key: key.map(String::from),
            cloud: cloud.map(String::from),
            lang: None,
            source: None,
        };
        assert_eq!(options(None, None).config(), Ok(AppConfig::default()));
        assert_eq!(
            options(Some("  "), Some("")).config(),
            Ok(AppConfig::default())
        );
        assert_eq!(
            options(Some("team-a"), Some("global")).config(),
            Ok(AppConfig {
                storage_prefix: "team-a".into(),
                cloud: Cloud::Global,
                lang: None,
                source: None,
            })
        );
        assert_eq!(
            options(None, Some("21vianet")).config().map(|c| c.cloud),
            Ok(Cloud::China21Vianet)
        );
        // Keys that could overlap another namespace's ("crm" and "crm:customer:archive") are refused by name.
        for key in ["crm:customer:archive", "a b", "ü", &"k".repeat(65)] {
            let error = options(Some(key), None).config();
            assert!(error.as_ref().is_err_and(|m| m.contains(key)), "{error:?}");
        }
        assert!(options(Some(&"k".repeat(64)), None).config().is_ok());
        let error = options(None, Some("azure-germany")).config();
        assert!(
            error.as_ref().is_err_and(|m| m.contains("azure-germany")),
            "{error:?}"
        );
    }

    use crate::partner_center::config::{Source, SourceError};

    #[test]
    fn a_source_is_passed_on_unchecked_for_partner_center_s_module_to_check() {
        let options = |source: Option<&str>| EmbedOptions {
            source: source.map(String::from),
            ..EmbedOptions::default()
        };
        let source = |options: EmbedOptions| options.config().map(|c| c.source.map(|s| s.source()));
        assert_eq!(
            source(options(Some("partner-center\n/partner-center/"))),
            Ok(Some(Ok(Source::PartnerCenter(
                crate::partner_center::config::ApiBase::parse("/partner-center/")
                    .unwrap_or_else(|e| panic!("{e}"))
            ))))
        );
        assert_eq!(source(options(None)), Ok(None));
        assert_eq!(
            source(options(Some("partner-center\n//evil.example/"))),
            Ok(Some(Err(SourceError::BadApiBase("//evil.example/".into()))))
        );
    }
}
