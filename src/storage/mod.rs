//! Persistence. The only module that knows how customers are kept: one key per customer under a common prefix, plus a
//! small version key, so a save writes one record whatever the number of customers.
//!
//! Layout under prefix `P` (default [`DEFAULT_PREFIX`]):
//! - `P:meta` → `{"schemaVersion":1}`
//! - `P:customer:{id}` → `{"schemaVersion":1,"customer":{…Partner Center shape…}}`

pub mod codec;
pub mod local;
pub mod memory;
pub mod migrate;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use thiserror::Error;
use uuid::Uuid;

use crate::model::Customer;
pub use codec::{DecodeError, SCHEMA_VERSION};

/// The storage prefix when none is configured.
pub const DEFAULT_PREFIX: &str = "customer-accounts";

/// Why storage refused an operation.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum StorageError {
    /// The origin's storage quota is used up; nothing of the value was written.
    #[error("storage is full")]
    QuotaExceeded,
    /// Storage is missing or blocked (disabled by the user, a sandboxed frame).
    #[error("storage is not available: {0}")]
    Unavailable(String),
    /// Any other refusal by the browser.
    #[error("storage refused the operation: {0}")]
    Failed(String),
}

/// A key–value store of strings: localStorage in the browser, a map in tests.
pub trait Backend: Send + Sync {
    fn keys(&self) -> Result<Vec<String>, StorageError>;
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    fn remove(&self, key: &str) -> Result<(), StorageError>;
}

/// A stored value that could not be read as a customer. Kept as it was, never overwritten by the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub key: String,
    pub raw: String,
    pub error: DecodeError,
}

/// Everything found under the prefix.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    pub customers: Vec<Customer>,
    pub unreadable: Vec<Unreadable>,
}

/// What a key reported changed by the browser's `storage` event means for this store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Another prefix's key, or another app's.
    NotOurs,
    /// The version key.
    Meta,
    /// A customer was written (added or updated).
    Saved(Box<Customer>),
    /// A customer's record was removed.
    Removed(Uuid),
    /// A value under our prefix that is not a readable customer.
    Unreadable(Unreadable),
}

/// The customer store for one prefix.
pub struct Store {
    prefix: String,
    backend: Arc<dyn Backend>,
    meta_written: AtomicBool,
}

impl Store {
    pub fn new(prefix: &str, backend: Arc<dyn Backend>) -> Store {
        Store {
            prefix: prefix.to_string(),
            backend,
            meta_written: AtomicBool::new(false),
        }
    }

    fn customer_key_prefix(&self) -> String {
        format!("{}:customer:", self.prefix)
    }

    fn key_for(&self, id: Uuid) -> String {
        format!("{}{}", self.customer_key_prefix(), id)
    }

    fn meta_key(&self) -> String {
        format!("{}:meta", self.prefix)
    }

    /// Reads every customer under the prefix. Values that fail to decode are reported, not dropped.
    pub fn load(&self) -> Result<Loaded, StorageError> {
        let key_prefix = self.customer_key_prefix();
        let mut loaded = Loaded::default();
        for key in self.backend.keys()? {
            let Some(id) = key.strip_prefix(&key_prefix) else {
                continue;
            };
            let Some(raw) = self.backend.get(&key)? else {
                continue;
            };
            match codec::decode(id, &raw) {
                Ok(customer) => loaded.customers.push(customer),
                Err(error) => loaded.unreadable.push(Unreadable { key, raw, error }),
            }
        }
        Ok(loaded)
    }

    /// Reads one customer as stored now; `None` when it is missing or unreadable.
    pub fn load_one(&self, id: Uuid) -> Result<Option<Customer>, StorageError> {
        let raw = self.backend.get(&self.key_for(id))?;
        Ok(raw.and_then(|raw| codec::decode(&id.to_string(), &raw).ok()))
    }

    /// The prefix of every key of this store.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Whether any value (readable or not) is stored for this id.
    pub fn contains(&self, id: Uuid) -> Result<bool, StorageError> {
        Ok(self.backend.get(&self.key_for(id))?.is_some())
    }

    /// Whether a stored record, readable or not, uses this domain. Reads raw values only (no decoding), so it is
    /// cheap enough to run before every add: serde writes a domain (ASCII letters, digits, dots) without escapes.
    pub fn domain_in_use(&self, domain: &str) -> Result<bool, StorageError> {
        let needle = format!("\"domain\":\"{}\"", domain.to_ascii_lowercase());
        let key_prefix = self.customer_key_prefix();
        for key in self.backend.keys()? {
            if !key.starts_with(&key_prefix) {
                continue;
            }
            if let Some(raw) = self.backend.get(&key)? {
                if raw.to_ascii_lowercase().contains(&needle) {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }

    /// Removes one customer's record (Ok also when it is absent).
    pub fn remove(&self, id: Uuid) -> Result<(), StorageError> {
        self.backend.remove(&self.key_for(id))
    }

    /// Writes every customer, or none: on the first error, each key already written by this call is put back as
    /// it was (removed if it was absent), then the error is returned.
    pub fn save_all(&self, customers: &[Customer]) -> Result<(), StorageError> {
        let mut written: Vec<(String, Option<String>)> = Vec::with_capacity(customers.len() + 1);
        // The first save may write the version key too: it is put back as well.
        if !self.meta_written.load(Ordering::Relaxed) {
            written.push((self.meta_key(), self.backend.get(&self.meta_key())?));
        }
        for customer in customers {
            let key = self.key_for(customer.id);
            let before = match self.backend.get(&key) {
                Ok(before) => before,
                Err(error) => {
                    self.roll_back(written);
                    return Err(error);
                }
            };
            // Listed before the write: `save` may fail after the record itself was written (at the version key).
            written.push((key, before));
            if let Err(error) = self.save(customer) {
                self.roll_back(written);
                return Err(error);
            }
        }
        Ok(())
    }

    /// Puts keys back as they were, newest first. Imports and demo data write only new keys, so this only removes,
    /// which a full quota cannot refuse.
    fn roll_back(&self, written: Vec<(String, Option<String>)>) {
        for (key, before) in written.into_iter().rev() {
            if key == self.meta_key() {
                self.meta_written.store(false, Ordering::Relaxed);
            }
            let _ = match before {
                Some(value) => self.backend.set(&key, &value),
                None => self.backend.remove(&key),
            };
        }
    }

    /// Removes an unreadable record, but only if its stored value is still exactly `raw` (another tab may have
    /// repaired it meanwhile). Returns whether it removed it.
    pub fn discard_unreadable(&self, key: &str, raw: &str) -> Result<bool, StorageError> {
        if !key.starts_with(&self.customer_key_prefix()) {
            return Ok(false);
        }
        if self.backend.get(key)?.as_deref() != Some(raw) {
            return Ok(false);
        }
        self.backend.remove(key)?;
        Ok(true)
    }

    /// Removes every key under the prefix (customer records, readable or not, and the version key); returns how
    /// many.
    pub fn remove_all(&self) -> Result<usize, StorageError> {
        let customer_prefix = self.customer_key_prefix();
        let meta = self.meta_key();
        let mut removed = 0;
        for key in self.backend.keys()? {
            if key.starts_with(&customer_prefix) || key == meta {
                self.backend.remove(&key)?;
                removed += 1;
            }
        }
        self.meta_written.store(false, Ordering::Relaxed);
        Ok(removed)
    }

    /// Classifies a key reported changed by the browser's `storage` event (with its new value; `None` when it was
    /// removed).
    pub fn classify(&self, key: &str, new_value: Option<&str>) -> Change {
        if key == self.meta_key() {
            return Change::Meta;
        }
        let Some(id) = key.strip_prefix(&self.customer_key_prefix()) else {
            return Change::NotOurs;
        };
        match new_value {
            None => Uuid::parse_str(id).map_or(Change::NotOurs, Change::Removed),
            Some(raw) => match codec::decode(id, raw) {
                Ok(customer) => Change::Saved(Box::new(customer)),
                Err(error) => Change::Unreadable(Unreadable {
                    key: key.to_string(),
                    raw: raw.to_string(),
                    error,
                }),
            },
        }
    }

    /// Writes one customer (and, the first time, the version key). On error nothing of the record was written.
    pub fn save(&self, customer: &Customer) -> Result<(), StorageError> {
        let value = codec::encode(customer).map_err(|e| StorageError::Failed(e.to_string()))?;
        self.backend.set(&self.key_for(customer.id), &value)?;
        if !self.meta_written.load(Ordering::Relaxed) {
            let meta = codec::encode_meta();
            if self.backend.get(&self.meta_key())?.as_deref() != Some(meta.as_str()) {
                self.backend.set(&self.meta_key(), &meta)?;
            }
            self.meta_written.store(true, Ordering::Relaxed);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::memory::MemoryBackend;
    use super::*;
    use crate::model::validation::tests::valid_details;
    use crate::model::{Cloud, WriteStamp};

    fn customer(n: u128) -> Customer {
        let stamp = WriteStamp {
            etag: format!("etag-{n}"),
            now: "2026-11-24T00:00:00.000Z".into(),
        };
        let id = Uuid::from_u128(n);
        Customer::create(
            id,
            Cloud::default(),
            &format!("c{n}"),
            valid_details(),
            stamp,
        )
    }

    #[test]
    fn saves_one_key_per_customer_and_reads_them_back() {
        let backend = Arc::new(MemoryBackend::default());
        let store = Store::new(DEFAULT_PREFIX, backend.clone());
        for n in 1..=3 {
            assert_eq!(store.save(&customer(n)), Ok(()));
        }
        let keys = backend.keys().unwrap_or_default();
        assert_eq!(keys.len(), 4, "three records and the version key: {keys:?}");
        assert!(keys.contains(&"customer-accounts:meta".to_string()));
        let loaded = store.load().unwrap_or_default();
        assert_eq!(loaded.unreadable, vec![]);
        let mut ids: Vec<_> = loaded.customers.iter().map(|c| c.id).collect();
        ids.sort();
        assert_eq!(
            ids,
            [Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3)]
        );
        assert_eq!(
            loaded.customers.iter().find(|c| c.id == Uuid::from_u128(2)),
            Some(&customer(2))
        );
    }

    #[test]
    fn a_save_writes_only_its_own_record() {
        let backend = Arc::new(MemoryBackend::default());
        let store = Store::new(DEFAULT_PREFIX, backend.clone());
        for n in 1..=50 {
            assert_eq!(store.save(&customer(n)), Ok(()));
        }
        let before = backend.write_count();
        assert_eq!(store.save(&customer(51)), Ok(()));
        assert_eq!(backend.write_count() - before, 1);
    }

    #[test]
    fn prefixes_do_not_see_each_other() {
        let backend = Arc::new(MemoryBackend::default());
        let a = Store::new("a", backend.clone());
        let b = Store::new("b", backend.clone());
        assert_eq!(a.save(&customer(1)), Ok(()));
        assert_eq!(b.load().map(|l| l.customers.len()), Ok(0));
        assert_eq!(a.load().map(|l| l.customers.len()), Ok(1));
    }

    #[test]
    fn unreadable_values_are_reported_and_left_alone() {
        let backend = Arc::new(MemoryBackend::default());
        let store = Store::new(DEFAULT_PREFIX, backend.clone());
        assert_eq!(store.save(&customer(1)), Ok(()));
        let bad_key = format!("customer-accounts:customer:{}", Uuid::from_u128(9));
        assert_eq!(backend.set(&bad_key, "{not json"), Ok(()));
        let loaded = store.load().unwrap_or_default();
        assert_eq!(loaded.customers.len(), 1);
        assert_eq!(loaded.unreadable.len(), 1);
        assert_eq!(loaded.unreadable[0].raw, "{not json");
        assert_eq!(backend.get(&bad_key), Ok(Some("{not json".to_string())));
    }

    #[test]
    fn a_refused_write_is_an_error_and_changes_nothing() {
        let backend = Arc::new(MemoryBackend::with_quota(1_500));
        let store = Store::new(DEFAULT_PREFIX, backend.clone());
        assert_eq!(store.save(&customer(1)), Ok(()));
        let before = backend.snapshot();
        assert_eq!(store.save(&customer(2)), Err(StorageError::QuotaExceeded));
        assert_eq!(backend.snapshot(), before);
    }
}
