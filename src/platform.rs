//! The few browser services the app needs beyond the DOM: randomness, the clock, the location hash and dialogs.
//! Each degrades instead of panicking when the browser refuses.

use uuid::Uuid;

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

/// Now, as RFC 3339 in UTC (`2026-11-24T10:00:00.000Z`).
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
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
