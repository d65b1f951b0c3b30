//! The wasm module's exports. Nothing mounts by itself: `boot.js` calls [`start`] for the standalone page, and
//! `embed.js` calls [`mount`] for each `<customer-accounts>` element.

use customer_accounts::embed::{self, EmbedOptions, Mounted};
use wasm_bindgen::prelude::*;

fn main() {
    console_error_panic_hook::set_once();
}

/// Mounts the standalone app on the page's body. `source` is the content of the page's
/// `<meta name="customer-accounts-source">` (boot.js reads it), or null.
#[wasm_bindgen]
pub fn start(source: Option<String>) {
    embed::start(source);
}

/// An embedded app, as handed to JavaScript.
#[wasm_bindgen]
pub struct MountedApp(Mounted);

#[wasm_bindgen]
impl MountedApp {
    /// Removes the app from its element, with every listener it added.
    pub fn unmount(&mut self) {
        self.0.unmount();
    }

    /// The element's `lang` attribute changed (null when removed).
    pub fn set_lang(&self, tag: Option<String>) {
        self.0.set_lang(tag);
    }
}

/// Mounts a complete app in `container` (inside `host`'s shadow root). `storage_key` and `cloud` are the element's
/// attributes, and `lang` its language, or null when absent; `source` its `source` and `api-base` joined by a line
/// break, or null for the local mode (embed.js decides).
#[wasm_bindgen]
pub fn mount(
    container: web_sys::HtmlElement,
    host: web_sys::HtmlElement,
    storage_key: Option<String>,
    cloud: Option<String>,
    lang: Option<String>,
    source: Option<String>,
) -> MountedApp {
    MountedApp(embed::mount(
        container,
        host,
        EmbedOptions {
            storage_key,
            cloud,
            lang,
            source,
        },
    ))
}
