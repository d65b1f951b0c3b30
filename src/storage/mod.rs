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

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use thiserror::Error;
use uuid::Uuid;

use crate::model::Customer;
pub use codec::{DecodeError, SCHEMA_VERSION};

/// The storage prefix when none is configured.
pub const DEFAULT_PREFIX: &str = "customer-accounts";

/// Whether a `storage-key` may name a namespace: 1 to 64 ASCII letters, digits, `-` or `_`. With no `:` in a
/// namespace, no namespace's keys (`{ns}:customer:{uuid}`, `{ns}:meta`) can start like another's: `crm` and
/// `crm:customer:archive` can never share records.
pub fn is_valid_namespace(key: &str) -> bool {
    (1..=64).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

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
    /// The domain the value names, if one can be made out: it stays reserved while the record is kept.
    pub domain: Option<String>,
}

impl Unreadable {
    fn new(key: String, raw: String, error: DecodeError) -> Unreadable {
        let domain = codec::domain_hint(&raw);
        Unreadable {
            key,
            raw,
            error,
            domain,
        }
    }

    /// The id in the record's key, which stays reserved too.
    pub fn id(&self) -> Option<Uuid> {
        self.key
            .rsplit(':')
            .next()
            .and_then(|id| Uuid::parse_str(id).ok())
    }
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

    /// The id in one of this store's record keys; `None` for any other key. Only `{prefix}:customer:{uuid}` is
    /// ours: a longer key that merely starts like ours belongs to somebody else.
    fn our_id<'k>(&self, key: &'k str) -> Option<&'k str> {
        let id = key.strip_prefix(&self.prefix)?.strip_prefix(":customer:")?;
        Uuid::parse_str(id).ok().map(|_| id)
    }

    fn meta_key(&self) -> String {
        format!("{}:meta", self.prefix)
    }

    /// Reads every customer under the prefix. Values that fail to decode are reported, not dropped.
    pub fn load(&self) -> Result<Loaded, StorageError> {
        let mut loaded = Loaded::default();
        for key in self.backend.keys()? {
            let Some(id) = self.our_id(&key) else {
                continue;
            };
            let Some(raw) = self.backend.get(&key)? else {
                continue;
            };
            match codec::decode(id, &raw) {
                Ok(customer) => loaded.customers.push(customer),
                Err(error) => loaded.unreadable.push(Unreadable::new(key, raw, error)),
            }
        }
        Ok(loaded)
    }

    /// Reads one customer as stored now; `None` when it is missing or unreadable.
    pub fn load_one(&self, id: Uuid) -> Result<Option<Customer>, StorageError> {
        let raw = self.backend.get(&self.key_for(id))?;
        Ok(raw.and_then(|raw| codec::decode(&id.to_string(), &raw).ok()))
    }

    /// Whether any value (readable or not) is stored for this id.
    pub fn contains(&self, id: Uuid) -> Result<bool, StorageError> {
        Ok(self.backend.get(&self.key_for(id))?.is_some())
    }

    /// Whether a stored record, readable or not, uses this domain.
    pub fn domain_in_use(&self, domain: &str) -> Result<bool, StorageError> {
        Ok(!self.owners_of(domain)?.is_empty())
    }

    /// What a key holds now, classified as a change (for changes reported without their value, or batched).
    pub fn current(&self, key: &str) -> Result<Change, StorageError> {
        if self.our_id(key).is_none() && key != self.meta_key() {
            return Ok(Change::NotOurs);
        }
        let value = self.backend.get(key)?;
        Ok(self.classify(key, value.as_deref()))
    }

    /// The key of a customer's record.
    pub fn record_key(&self, id: Uuid) -> String {
        self.key_for(id)
    }

    /// Every domain named by a stored record, readable or not, with the ids of the records naming it: one pass,
    /// for checks of many customers at once.
    pub fn domain_owners(&self) -> Result<HashMap<String, Vec<Uuid>>, StorageError> {
        let mut owners: HashMap<String, Vec<Uuid>> = HashMap::new();
        for key in self.backend.keys()? {
            let Some(id) = self.our_id(&key).and_then(|id| Uuid::parse_str(id).ok()) else {
                continue;
            };
            if let Some(domain) = self
                .backend
                .get(&key)?
                .and_then(|raw| codec::domain_hint(&raw))
            {
                owners.entry(domain).or_default().push(id);
            }
        }
        Ok(owners)
    }

    /// The ids of the stored records, readable or not, that use this domain.
    pub fn owners_of(&self, domain: &str) -> Result<Vec<Uuid>, StorageError> {
        let mut owners = Vec::new();
        for key in self.backend.keys()? {
            let Some(id) = self.our_id(&key).and_then(|id| Uuid::parse_str(id).ok()) else {
                continue;
            };
            if let Some(raw) = self.backend.get(&key)? {
                if codec::domain_hint(&raw).is_some_and(|d| d.eq_ignore_ascii_case(domain)) {
                    owners.push(id);
                }
            }
        }
        Ok(owners)
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
        // The version key may be among what is taken back: the next save checks it again.
        self.meta_written.store(false, Ordering::Relaxed);
        for (key, before) in written.into_iter().rev() {
            let _ = match before {
                Some(value) => self.backend.set(&key, &value),
                None => self.backend.remove(&key),
            };
        }
    }

    /// Removes an unreadable record, but only if its stored value is still exactly `raw` (another tab may have
    /// repaired it meanwhile). Returns whether it removed it.
    pub fn discard_unreadable(&self, key: &str, raw: &str) -> Result<bool, StorageError> {
        if self.our_id(key).is_none() {
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
        let meta = self.meta_key();
        let mut removed = 0;
        for key in self.backend.keys()? {
            if self.our_id(&key).is_some() || key == meta {
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
        let Some(id) = self.our_id(key) else {
            return Change::NotOurs;
        };
        match new_value {
            None => Uuid::parse_str(id).map_or(Change::NotOurs, Change::Removed),
            Some(raw) => match codec::decode(id, raw) {
                Ok(customer) => Change::Saved(Box::new(customer)),
                Err(error) => {
                    Change::Unreadable(Unreadable::new(key.to_string(), raw.to_string(), error))
                }
            },
        }
    }

    /// Writes one customer (and, the first time, the version key), all or nothing: the small version key goes
    /// first, so that a refusal of the record can take it back with a removal (which a full quota cannot refuse).
    /// Written the other way round, a refused version key left the record stored behind an error, and a retry then
    /// found its own domain "in use".
    pub fn save(&self, customer: &Customer) -> Result<(), StorageError> {
        let value = codec::encode(customer).map_err(|e| StorageError::Failed(e.to_string()))?;
        let mut meta_before = None;
        if !self.meta_written.load(Ordering::Relaxed) {
            let meta = codec::encode_meta();
            let before = self.backend.get(&self.meta_key())?;
            if before.as_deref() != Some(meta.as_str()) {
                self.backend.set(&self.meta_key(), &meta)?;
                meta_before = Some(before);
            }
        }
        if let Err(error) = self.backend.set(&self.key_for(customer.id), &value) {
            if let Some(before) = meta_before {
                let _ = match before {
                    Some(old) => self.backend.set(&self.meta_key(), &old),
                    None => self.backend.remove(&self.meta_key()),
                };
            }
            return Err(error);
        }
        self.meta_written.store(true, Ordering::Relaxed);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

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
    fn save_all_is_all_or_nothing() {
        // Room for the first two records and the version key, not for five.
        let backend = Arc::new(MemoryBackend::with_quota(3_000));
        let store = Store::new(DEFAULT_PREFIX, backend.clone());
        let before = backend.snapshot();
        let batch: Vec<Customer> = (1..=5).map(customer).collect();
        assert_eq!(store.save_all(&batch), Err(StorageError::QuotaExceeded));
        assert!(
            backend.write_count() >= 3,
            "the version key and two records were written before the refusal"
        );
        assert_eq!(
            backend.snapshot(),
            before,
            "nothing left behind, not even the version key"
        );
        // The version key went with the rollback, so the next save writes it again.
        let one = Arc::new(MemoryBackend::with_quota(3_000));
        let again = Store::new(DEFAULT_PREFIX, one.clone());
        assert_eq!(again.save_all(&batch), Err(StorageError::QuotaExceeded));
        assert_eq!(again.save(&customer(1)), Ok(()));
        assert!(one.snapshot().contains_key("customer-accounts:meta"));
        // Once there is room, the same batch goes in whole, with the version key.
        let roomy = Arc::new(MemoryBackend::default());
        let store = Store::new(DEFAULT_PREFIX, roomy.clone());
        assert_eq!(store.save_all(&batch), Ok(()));
        assert_eq!(store.load().map(|l| l.customers.len()), Ok(5));
        assert!(roomy.snapshot().contains_key("customer-accounts:meta"));
    }

    #[test]
    fn save_all_restores_a_record_it_overwrote() {
        let backend = Arc::new(MemoryBackend::with_quota(2_200));
        let store = Store::new(DEFAULT_PREFIX, backend.clone());
        assert_eq!(store.save(&customer(1)), Ok(()));
        let before = backend.snapshot();
        let mut changed = customer(1);
        changed.billing_profile.default_address.city = "Shanghai".into();
        let writes = backend.write_count();
        assert_eq!(
            store.save_all(&[changed, customer(2), customer(3)]),
            Err(StorageError::QuotaExceeded)
        );
        assert!(
            backend.write_count() > writes,
            "the changed record was written, then put back"
        );
        assert_eq!(backend.snapshot(), before);
    }

    #[test]
    fn discarding_removes_only_an_unchanged_unreadable_value() {
        let backend = Arc::new(MemoryBackend::default());
        let store = Store::new(DEFAULT_PREFIX, backend.clone());
        let key = format!("customer-accounts:customer:{}", Uuid::from_u128(9));
        assert_eq!(backend.set(&key, "{broken"), Ok(()));
        // Another tab repaired it meanwhile: it stays.
        assert_eq!(store.discard_unreadable(&key, "{older broken"), Ok(false));
        assert_eq!(backend.get(&key), Ok(Some("{broken".into())));
        // A key outside the prefix is never touched.
        assert_eq!(backend.set("other", "{broken"), Ok(()));
        assert_eq!(store.discard_unreadable("other", "{broken"), Ok(false));
        assert_eq!(store.discard_unreadable(&key, "{broken"), Ok(true));
        assert_eq!(backend.get(&key), Ok(None));
        assert_eq!(backend.get("other"), Ok(Some("{broken".into())));
    }

    #[test]
    fn remove_and_remove_all_touch_only_this_prefix() {
        let backend = Arc::new(MemoryBackend::default());
        let a = Store::new("a", backend.clone());
        let ab = Store::new("ab", backend.clone());
        assert_eq!(a.save(&customer(1)), Ok(()));
        assert_eq!(a.save(&customer(2)), Ok(()));
        assert_eq!(ab.save(&customer(3)), Ok(()));
        let garbage = format!("a:customer:{}", Uuid::from_u128(9));
        assert_eq!(backend.set(&garbage, "x"), Ok(()));
        // Keys that only start like "a"'s (an old store under the key "a:customer:archive") are not "a"'s.
        let archive = format!("a:customer:archive:customer:{}", Uuid::from_u128(8));
        assert_eq!(
            backend.set(&archive, &codec::encode(&customer(8)).unwrap_or_default()),
            Ok(())
        );
        assert_eq!(backend.set("a:customer:not-a-uuid", "x"), Ok(()));
        assert_eq!(
            a.load().map(|l| l.unreadable.len()),
            Ok(1),
            "only the garbage under a uuid"
        );
        assert_eq!(a.discard_unreadable(&archive, "x"), Ok(false));
        assert_eq!(a.remove(Uuid::from_u128(1)), Ok(()));
        assert_eq!(a.remove(Uuid::from_u128(1)), Ok(()), "absent is fine");
        assert_eq!(a.load().map(|l| l.customers.len()), Ok(1));
        assert_eq!(
            a.remove_all(),
            Ok(3),
            "a record, an unreadable value and the version key"
        );
        assert_eq!(a.load(), Ok(Loaded::default()));
        assert_eq!(ab.load().map(|l| l.customers.len()), Ok(1));
        assert!(
            backend.snapshot().contains_key(&archive),
            "another namespace's record survives"
        );
        assert!(backend.snapshot().contains_key("a:customer:not-a-uuid"));
        // Writing again after removing everything writes the version key again.
        assert_eq!(a.save(&customer(4)), Ok(()));
        assert!(backend.snapshot().contains_key("a:meta"));
    }

    #[test]
    fn storage_events_are_classified_by_key() {
        let backend = Arc::new(MemoryBackend::default());
        let store = Store::new("a", backend);
        let one = customer(1);
        let raw = codec::encode(&one).unwrap_or_default();
        let key = format!("a:customer:{}", one.id);
        assert_eq!(
            store.classify(&key, Some(&raw)),
            Change::Saved(Box::new(one.clone()))
        );
        assert_eq!(store.classify(&key, None), Change::Removed(one.id));
        assert_eq!(store.classify("a:meta", Some("{}")), Change::Meta);
        assert_eq!(
            store.classify(&format!("ab:customer:{}", one.id), Some(&raw)),
            Change::NotOurs
        );
        assert_eq!(store.classify("other", Some(&raw)), Change::NotOurs);
        assert_eq!(
            store.classify("a:customer:not-a-uuid", None),
            Change::NotOurs
        );
        assert!(matches!(
            store.classify(&key, Some("{nope")),
            Change::Unreadable(Unreadable { ref raw, .. }) if raw == "{nope"
        ));
        // A record stored under another customer's key is not that customer.
        let other_key = format!("a:customer:{}", Uuid::from_u128(2));
        assert!(matches!(
            store.classify(&other_key, Some(&raw)),
            Change::Unreadable(_)
        ));
    }

    #[test]
    fn domains_in_use_include_unreadable_records() {
        let backend = Arc::new(MemoryBackend::default());
        let store = Store::new("a", backend.clone());
        assert_eq!(store.save(&customer(1)), Ok(()));
        assert_eq!(store.domain_in_use("c1.partner.onmschina.cn"), Ok(true));
        assert_eq!(store.domain_in_use("C1.partner.onmschina.cn"), Ok(true));
        assert_eq!(store.domain_in_use("c2.partner.onmschina.cn"), Ok(false));
        assert_eq!(
            store.domain_in_use("c1.partner.onmschina"),
            Ok(false),
            "a prefix of a domain is not the domain"
        );
        let broken = r#"{"schemaVersion":9,"customer":{"companyProfile":{"domain":"c2.partner.onmschina.cn"}}}"#;
        assert_eq!(
            backend.set(&format!("a:customer:{}", Uuid::from_u128(2)), broken),
            Ok(())
        );
        assert_eq!(store.domain_in_use("c2.partner.onmschina.cn"), Ok(true));
        assert_eq!(
            Store::new("b", backend).domain_in_use("c1.partner.onmschina.cn"),
            Ok(false)
        );
    }

    #[test]
    fn a_record_and_the_version_key_are_written_all_or_nothing() {
        let record = codec::encode(&customer(1)).unwrap_or_default();
        let record_units = "customer-accounts:customer:".len() + 36 + record.len();
        // Room for the record alone, not for the record and the version key.
        let backend = Arc::new(MemoryBackend::with_quota(record_units + 5));
        let store = Store::new(DEFAULT_PREFIX, backend.clone());
        assert_eq!(store.save(&customer(1)), Err(StorageError::QuotaExceeded));
        assert_eq!(
            backend.snapshot(),
            BTreeMap::new(),
            "neither the record nor the version key"
        );
        // Room for the version key alone: it is written, the record refused, and the version key taken back.
        let backend = Arc::new(MemoryBackend::with_quota(100));
        let store = Store::new(DEFAULT_PREFIX, backend.clone());
        assert_eq!(store.save(&customer(1)), Err(StorageError::QuotaExceeded));
        assert!(
            backend.write_count() >= 1,
            "the version key was written first"
        );
        assert_eq!(backend.snapshot(), BTreeMap::new(), "and taken back");
        // A retry once there is room succeeds: the domain is not "in use" by a leftover of the failed save.
        let roomy = Arc::new(MemoryBackend::default());
        let store = Store::new(DEFAULT_PREFIX, roomy.clone());
        assert_eq!(store.domain_in_use(customer(1).domain()), Ok(false));
        assert_eq!(store.save(&customer(1)), Ok(()));
        assert_eq!(roomy.snapshot().len(), 2);
    }

    #[test]
    fn a_write_that_fills_the_quota_exactly_is_taken() {
        let value = codec::encode_meta();
        let exact = "customer-accounts:meta".len() + value.len();
        assert_eq!(
            MemoryBackend::with_quota(exact).set("customer-accounts:meta", &value),
            Ok(())
        );
        assert_eq!(
            MemoryBackend::with_quota(exact - 1).set("customer-accounts:meta", &value),
            Err(StorageError::QuotaExceeded)
        );
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
