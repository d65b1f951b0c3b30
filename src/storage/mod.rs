//! Persistence. The only module that knows how customers are kept: packed (see [`format`]), many to a key in a
//! fixed number of groups chosen by id, plus a small version key. A save rewrites one group, a few KB at most
//! whatever the number of customers, and other tabs follow group by group.
//!
//! Layout under prefix `P` (default [`DEFAULT_PREFIX`]):
//! - `P:meta` → `{"schemaVersion":3}`
//! - `P:g{n}` (n in hex, 0 to 7ff) → group `n`: `"3"`, a count, then packed records in the list's order (format 2's
//!   groups, `"2"` then records in any order, are read, and rewritten as format 3 by [`Store::upgrade`]).
//! - `P:customer:{id}` → a record of format 1 or 0 (JSON), left by an older version until [`Store::upgrade`] moves
//!   it into its group; while that runs it may hold the record already packed (`"2"…`).
//!
//! Folders: [`backend`] (where strings are kept), [`format`] (how a customer is packed), [`legacy`] (what older
//! versions wrote), [`store`] (the namespace's keys: load, query, write, upgrade); [`row`] is a customer as memory
//! keeps it, [`layout`] the keys and groups, [`error`] why something was refused.

pub mod backend;
pub mod error;
pub mod format;
pub mod layout;
pub mod legacy;
pub mod row;
pub mod store;

pub use backend::Backend;
pub use error::{DecodeError, StorageError};
pub use layout::{group_of, is_valid_namespace, DEFAULT_PREFIX, FORMAT_VERSION, GROUPS};
#[cfg(all(feature = "split", target_family = "wasm"))]
pub use legacy::set_json_reader;
pub use legacy::{codec_decode, json_reader_ready, JsonReader, SCHEMA_VERSION};
pub use store::{Change, Front, Loaded, LoadedRows, Store, Unreadable, Upgrade};
