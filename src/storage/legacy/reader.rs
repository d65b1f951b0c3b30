//! The reader of JSON records (formats 1 and 0), which a split build fetches only when a store needs it.

use super::json;
use crate::model::Customer;
use crate::storage::error::DecodeError;

/// Reads a record of format 1 or 0 (JSON): its key's id and its value.
pub type JsonReader = fn(&str, &str) -> Result<Customer, DecodeError>;

/// A split build keeps the JSON reader (serde_json and its checks, about 20 KB of brotli) out of the first download:
/// only stores that an older version wrote need it, and it is handed over here when its module has arrived.
#[cfg(all(feature = "split", target_family = "wasm"))]
static JSON_READER: std::sync::OnceLock<JsonReader> = std::sync::OnceLock::new();

/// Hands over the reader of JSON records (a split build; elsewhere it is always there).
#[cfg(all(feature = "split", target_family = "wasm"))]
pub fn set_json_reader(reader: JsonReader) {
    let _ = JSON_READER.set(reader);
}

/// The reader of JSON records ([`JsonReader`]), for a split build to hand over ([`set_json_reader`]).
pub fn codec_decode(key_id: &str, raw: &str) -> Result<Customer, DecodeError> {
    json::decode(key_id, raw)
}

/// Whether JSON records can be read now.
pub fn json_reader_ready() -> bool {
    json_reader().is_some()
}

pub(crate) fn json_reader() -> Option<JsonReader> {
    #[cfg(all(feature = "split", target_family = "wasm"))]
    return JSON_READER.get().copied();
    #[cfg(not(all(feature = "split", target_family = "wasm")))]
    Some(json::decode)
}
