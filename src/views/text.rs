//! The interface's language in views: texts that follow "Display language" as it changes, without rebuilding the
//! page (typed values, focus and scroll stay where they are).

use leptos::prelude::*;

use crate::i18n::{Lang, Text};

/// The app's current language; English outside an app (a component rendered alone in a test).
pub fn use_lang() -> Signal<Lang> {
    use_context::<RwSignal<Lang>>()
        .map(Signal::from)
        .unwrap_or_else(|| Signal::stored(Lang::En))
}

/// A text in the app's current language, for a view's text or attribute: it changes when the language does.
pub fn tr(text: Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || text.get(lang.get())
}

/// A message, told in whatever language the page is in when it is shown: an outcome already on screen is told again
/// when "Display language" changes.
pub type Said = std::sync::Arc<dyn Fn(Lang) -> String + Send + Sync>;

/// A [`Said`] from the function that tells it.
pub fn said(tell: impl Fn(Lang) -> String + Send + Sync + 'static) -> Said {
    std::sync::Arc::new(tell)
}
