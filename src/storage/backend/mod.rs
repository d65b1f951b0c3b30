//! Where the strings are kept: localStorage in the browser ([`local`]), a map in tests and when the browser blocks
//! storage ([`memory`]).

pub mod local;
pub mod memory;

use crate::storage::error::StorageError;

/// A key–value store of strings: localStorage in the browser, a map in tests.
pub trait Backend: Send + Sync {
    fn keys(&self) -> Result<Vec<String>, StorageError>;
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    /// The value under `key` as UTF-8, written over `bytes` (whatever they held); `false` when there is none. A load
    /// reads every group this way into one buffer, which saves a browser a string made in wasm memory per value.
    fn get_utf8(&self, key: &str, bytes: &mut Vec<u8>) -> Result<bool, StorageError> {
        bytes.clear();
        match self.get(key)? {
            Some(value) => {
                bytes.extend_from_slice(value.as_bytes());
                Ok(true)
            }
            None => Ok(false),
        }
    }
    /// The first `units` UTF-16 units of the value under `key` (all of it when shorter) as UTF-8, written over
    /// `bytes`; `false` when there is none. A load reads most groups only this far (see [`Store::load_front`]).
    fn get_prefix_utf8(
        &self,
        key: &str,
        units: usize,
        bytes: &mut Vec<u8>,
    ) -> Result<bool, StorageError> {
        bytes.clear();
        match self.get(key)? {
            Some(value) => {
                let mut taken = 0;
                let end = value
                    .char_indices()
                    .find(|(_, c)| {
                        taken += c.len_utf16();
                        taken > units
                    })
                    .map_or(value.len(), |(at, _)| at);
                bytes.extend_from_slice(&value.as_bytes()[..end]);
                Ok(true)
            }
            None => Ok(false),
        }
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    fn remove(&self, key: &str) -> Result<(), StorageError>;
}
