//! The browser's localStorage, through gloo-storage.
//!
//! gloo-storage's accessors panic when localStorage is missing or blocked (a sandboxed frame, storage disabled), so
//! [`LocalBackend::open`] probes through web-sys first and the app falls back to memory when it fails.

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use super::{Backend, StorageError};

/// localStorage, known to be reachable.
pub struct LocalBackend(());

/// Maps a browser exception to a storage error; the quota error has its own variant because the user can act on it.
fn to_error(err: JsValue) -> StorageError {
    if let Some(exception) = err.dyn_ref::<web_sys::DomException>() {
        let name = exception.name();
        // Firefox reported quota errors as NS_ERROR_DOM_QUOTA_REACHED; code 22 is the legacy QUOTA_EXCEEDED_ERR.
        if name == "QuotaExceededError"
            || name == "NS_ERROR_DOM_QUOTA_REACHED"
            || exception.code() == 22
        {
            return StorageError::QuotaExceeded;
        }
        return StorageError::Failed(format!("{name}: {}", exception.message()));
    }
    StorageError::Failed(err.as_string().unwrap_or_else(|| "unknown error".into()))
}

impl LocalBackend {
    /// Opens localStorage, or says why it cannot be used.
    pub fn open() -> Result<LocalBackend, StorageError> {
        let window =
            web_sys::window().ok_or_else(|| StorageError::Unavailable("no window".into()))?;
        match window.local_storage() {
            Ok(Some(_)) => Ok(LocalBackend(())),
            Ok(None) => Err(StorageError::Unavailable("localStorage is missing".into())),
            Err(err) => Err(StorageError::Unavailable(to_error(err).to_string())),
        }
    }
}

impl Backend for LocalBackend {
    fn keys(&self) -> Result<Vec<String>, StorageError> {
        raw(|raw| {
            let length = raw.length().map_err(to_error)?;
            let mut keys = Vec::with_capacity(length as usize);
            for index in 0..length {
                if let Some(key) = raw.key(index).map_err(to_error)? {
                    keys.push(key);
                }
            }
            Ok(keys)
        })
    }

    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        raw(|raw| raw.get_item(key)).map_err(to_error)
    }

    fn get_utf8(&self, key: &str, bytes: &mut Vec<u8>) -> Result<bool, StorageError> {
        self.get_prefix_utf8(key, usize::MAX, bytes)
    }

    fn get_prefix_utf8(
        &self,
        key: &str,
        units: usize,
        bytes: &mut Vec<u8>,
    ) -> Result<bool, StorageError> {
        let text = raw(|raw| raw.unchecked_ref::<StorageText>().get_item_text(key));
        let Some(text) = text.map_err(to_error)? else {
            bytes.clear();
            return Ok(false);
        };
        let units = u32::try_from(units).unwrap_or(u32::MAX);
        if text.length() > units {
            // A pair split at the end becomes U+FFFD: not a unit character, so the reader reads the group whole.
            encode(&text.substring(0, units), bytes);
        } else {
            encode(&text, bytes);
        }
        Ok(true)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        raw(|raw| raw.set_item(key, value)).map_err(to_error)
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        raw(|raw| raw.remove_item(key)).map_err(to_error)
    }
}

/// `text` as UTF-8, written over `bytes`. At most 3 bytes of UTF-8 per UTF-16 unit: the browser encodes straight
/// into `bytes` (no allocation in between that could move wasm memory), and says how much it wrote.
fn encode(text: &js_sys::JsString, bytes: &mut Vec<u8>) {
    // Whatever `bytes` held is written over: only what it grows by is zeroed first.
    bytes.resize(3 * text.length() as usize, 0);
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    let view = js_sys::Uint8Array::new_with_byte_offset_and_length(
        &memory.buffer(),
        bytes.as_mut_ptr() as u32,
        bytes.len() as u32,
    );
    let written = ENCODER.with(|encoder| encoder.encode_into(text, &view).written());
    bytes.truncate(written as usize);
}

// What web-sys does not offer: `getItem` giving the browser's own string (not copied into wasm memory as a Rust
// `String`), and `TextEncoder.encodeInto` from such a string.
#[wasm_bindgen]
extern "C" {
    /// localStorage, seen through the bindings below.
    type StorageText;
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item_text(this: &StorageText, key: &str) -> Result<Option<js_sys::JsString>, JsValue>;

    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(
        this: &TextEncoder,
        source: &js_sys::JsString,
        dest: &js_sys::Uint8Array,
    ) -> EncodeResult;

    type EncodeResult;
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeResult) -> u32;
}

thread_local! {
    static ENCODER: TextEncoder = TextEncoder::new();
    /// localStorage, looked up once: a load reads thousands of values, and each lookup through `window` costs a
    /// call into the browser. Made only by a [`LocalBackend`], which exists once [`LocalBackend::open`] has found
    /// localStorage reachable (gloo-storage's `raw` panics otherwise).
    static RAW: web_sys::Storage = LocalStorage::raw();
}

fn raw<T>(f: impl FnOnce(&web_sys::Storage) -> T) -> T {
    RAW.with(f)
}
