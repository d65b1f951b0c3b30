//! The few browser services the app needs beyond the DOM: randomness, the clock, the location hash and dialogs.
//! Each degrades instead of panicking when the browser refuses.

use uuid::Uuid;
use wasm_bindgen::{JsCast, JsValue};

/// Random bytes from the browser's CSPRNG (available in insecure contexts too, unlike `crypto.randomUUID`).
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // Only a browser without Web Crypto gets here; ids must still differ, so use the weaker generator.
        for byte in bytes.iter_mut() {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes
}

/// A fresh random (version 4) UUID: a new customer's Microsoft ID.
pub fn new_uuid() -> Uuid {
    uuid::Builder::from_random_bytes(random_bytes()).into_uuid()
}

/// A fresh etag: changes on every write.
pub fn new_etag() -> String {
    new_uuid().simple().to_string()
}

/// A stored time (RFC 3339) in the reader's time zone, as the browser writes dates for `locale` ("Nov 24, 2026,
/// 6:00 PM"); `None` when it is not a time the browser can read.
pub fn local_time(stamp: &str, locale: &str) -> Option<String> {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(stamp));
    if date.get_time().is_nan() {
        return None;
    }
    let options = js_sys::Object::new();
    let set =
        |key: &str, value: &str| js_sys::Reflect::set(&options, &key.into(), &value.into()).is_ok();
    if !(set("dateStyle", "medium") && set("timeStyle", "short")) {
        return None;
    }
    date.to_locale_string(locale, &options).as_string()
}

/// Has the browser load its locale data for `locale` now: the first date (or other `Intl` text) a page formats
/// waits about 20 ms for it, once per page. Called once the list has painted, so that the first customer opened
/// does not wait.
pub fn prepare_locale(locale: &str) {
    let _ = local_time("2026-01-01T00:00:00.000Z", locale);
}

/// Now, as RFC 3339 in UTC (`2026-11-24T10:00:00.000Z`).
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// The reader's preferred languages, most preferred first (`navigator.languages`, else `navigator.language`).
pub fn languages() -> Vec<String> {
    // Native builds (tests) have no browser to ask.
    if cfg!(not(target_arch = "wasm32")) {
        return Vec::new();
    }
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let listed: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect();
    if listed.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        listed
    }
}

/// Sets `lang` on the document's root element (`<html lang>`), so that screen readers, hyphenation and fonts follow
/// the interface's language.
pub fn set_document_lang(tag: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", tag);
    }
}

/// The current location hash, with its `#` (empty when there is none).
pub fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Goes to a hash route; the `hashchange` listener does the rest.
pub fn set_hash(hash: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(hash);
    }
}

/// Asks a yes/no question. A browser that blocks dialogs answers "no", which keeps the user's work.
pub fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

/// Sets the document's title.
pub fn set_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}

/// Offers `text` as a file download named `filename`. Returns false when the browser refused.
pub fn download(filename: &str, mime: &str, text: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let started = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .map(|a| {
            a.set_href(&url);
            a.set_download(filename);
            // A detached link is enough: nothing is added to the page (or to a host page's shadow root).
            a.click();
        })
        .is_some();
    // Revoked later, not at once: the download reads the URL after the click returns.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
    started
}

/// The text of a file the user picked, or why it could not be read.
pub async fn read_text(file: web_sys::File) -> Result<String, String> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|e| {
            e.as_string()
                .unwrap_or_else(|| "the file could not be read".into())
        })?;
    text.as_string()
        .ok_or_else(|| "the file is not text".to_string())
}

/// Whether a `storage` event is about localStorage (not sessionStorage, which this app never uses).
pub fn is_local_storage_event(event: &web_sys::StorageEvent) -> bool {
    let local = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
    match (event.storage_area(), local) {
        (Some(area), Some(local)) => js_sys::Object::is(&area, &local),
        _ => false,
    }
}

/// How long a Web Lock is kept after its critical step wrote, so the write reaches the other tabs before the next
/// holder reads (milliseconds).
const LOCK_SETTLE_MS: i32 = 100;

/// `navigator.locks`, where the page has Web Locks: browsers offer them only in secure contexts (https, localhost),
/// so a page served over plain `http://` has none in any browser.
fn web_locks() -> Option<(JsValue, js_sys::Function)> {
    navigator_method("locks", "request")
}

/// `navigator[object][method]`, with its object, where the browser has it. Web Locks and the storage manager are
/// outside web-sys's stable API (and two calls do not need its bindings): reached through Reflect.
fn navigator_method(object: &str, method: &str) -> Option<(JsValue, js_sys::Function)> {
    let object = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &JsValue::from_str(object)).ok())
        .filter(JsValue::is_object)?;
    let method = js_sys::Reflect::get(&object, &JsValue::from_str(method))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    Some((object, method))
}

/// Runs `critical` under the Web Lock `name` (`navigator.locks.request`), shared by every tab, frame and element of
/// the origin, and returns true. Without Web Locks it runs at once and returns false: the caller then waits for the
/// other tabs' writes to arrive and checks again.
pub async fn with_web_lock(name: String, critical: Box<dyn FnOnce()>) -> bool {
    let Some((locks, request)) = web_locks() else {
        critical();
        return false;
    };
    // The critical step runs inside the lock's callback; a cell lets the fallback below run it if the request fails.
    let work = std::rc::Rc::new(std::cell::RefCell::new(Some(critical)));
    let inside = work.clone();
    let callback = wasm_bindgen::closure::Closure::once_into_js(move |_lock: JsValue| {
        if let Some(critical) = inside.borrow_mut().take() {
            critical();
        }
        // The lock is held a moment longer: another tab's renderer sees a localStorage write only once it has been
        // passed on, and the next holder must read it. The callers verify after writing all the same.
        JsValue::from(timer(LOCK_SETTLE_MS))
    });
    if let Ok(promise) = request.call2(&locks, &JsValue::from_str(&name), &callback) {
        if let Ok(promise) = promise.dyn_into::<js_sys::Promise>() {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        }
    }
    let leftover = work.borrow_mut().take();
    // The request failed before running it: run it unguarded, and let the caller verify.
    if let Some(critical) = leftover {
        critical();
        return false;
    }
    true
}

/// A promise that resolves after `ms` milliseconds (at once where there is no timer).
fn timer(ms: i32) -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, _reject| {
        let waited = web_sys::window().is_some_and(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
                .is_ok()
        });
        if !waited {
            let _ = resolve.call0(&JsValue::NULL);
        }
    })
}

/// Resolves after `ms` milliseconds (at once where there is no timer).
pub async fn sleep(ms: i32) {
    let _ = wasm_bindgen_futures::JsFuture::from(timer(ms)).await;
}

/// Which document this wasm instance runs in: messages on a namespace's channel carry it, so instances act only on
/// their own document's (other documents hear of writes through the `storage` event).
fn document_id() -> &'static str {
    static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ID.get_or_init(new_etag)
}

/// Posts written keys to the namespace's `BroadcastChannel`: `{document}\n{key}\n{key}…`.
pub fn broadcast(channel: &str, keys: &[String]) {
    let Ok(port) = web_sys::BroadcastChannel::new(channel) else {
        return;
    };
    let mut message = String::from(document_id());
    for key in keys {
        message.push('\n');
        message.push_str(key);
    }
    let _ = port.post_message(&wasm_bindgen::JsValue::from_str(&message));
    port.close();
}

/// The keys of a channel message posted by another instance of this document: `None` for other documents' messages
/// (and anything else); `Some(None)` in the list when everything changed.
pub fn keys_from_this_document(data: &wasm_bindgen::JsValue) -> Option<Vec<Option<String>>> {
    let text = data.as_string()?;
    let mut lines = text.split('\n');
    if lines.next()? != document_id() {
        return None;
    }
    Some(
        lines
            .map(|key| (!key.is_empty()).then(|| key.to_string()))
            .collect(),
    )
}

/// Resolves on a later turn of the event loop (a zero-delay timer), after the browser has had a chance to paint and
/// to run input handlers.
pub async fn next_turn() {
    sleep(0).await;
}

/// Calls `navigator.storage.persisted()` (`persist` false) or `.persist()` (true): whether the browser keeps this
/// origin's data until the user removes it. `None` where the browser cannot say.
pub async fn storage_persisted(persist: bool) -> Option<bool> {
    // Only in a secure context (not a page served over plain `http://` from another host).
    let (storage, method) =
        navigator_method("storage", if persist { "persist" } else { "persisted" })?;
    let promise = method
        .call0(&storage)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_bool()
}

/// Whether the page runs in WebKit as Apple ships it (Safari, and every browser on iOS): there, script-written
/// storage is deleted after 7 days of use without a visit to the site.
pub fn is_apple_webkit() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &JsValue::from_str("vendor")).ok())
        .and_then(|vendor| vendor.as_string())
        .is_some_and(|vendor| vendor.starts_with("Apple"))
}
