//! Writes: a customer, many at once (all or nothing), removals, and discarding unreadable records.

use std::sync::atomic::Ordering;

use uuid::Uuid;

use super::{GroupValue, Kind, Store};
use crate::model::Customer;
use crate::storage::error::StorageError;
use crate::storage::format::Entry;
use crate::storage::layout::{by_group, group_of};
use crate::storage::legacy;

impl Store {
    /// Removes one customer's record (Ok also when it is absent).
    pub fn remove(&self, id: Uuid) -> Result<(), StorageError> {
        let group = group_of(id);
        if let GroupValue::Entries(mut entries) = self.read_group(group)? {
            let before = entries.len();
            entries.retain(|e| !matches!(e, Entry::Customer(c) if c.id == id));
            if entries.len() != before {
                self.write_group(group, &entries)?;
            }
        }
        self.backend.remove(&self.legacy_key(id))
    }

    /// Puts `customer` into its group's entries, in place of its earlier record.
    pub(super) fn put(entries: &mut Vec<Entry>, customer: &Customer) {
        let fresh = Entry::Customer(Box::new(customer.clone()));
        match entries
            .iter_mut()
            .find(|e| matches!(e, Entry::Customer(c) if c.id == customer.id))
        {
            Some(slot) => *slot = fresh,
            None => entries.push(fresh),
        }
    }

    /// Writes the version key if this store has not yet; returns what to put back if a later step fails.
    pub(super) fn write_meta(&self) -> Result<Option<Option<String>>, StorageError> {
        if self.meta_written.load(Ordering::Relaxed) {
            return Ok(None);
        }
        let meta = legacy::encode_meta();
        let before = self.backend.get(&self.meta_key())?;
        if before.as_deref() == Some(meta.as_str()) {
            return Ok(None);
        }
        self.backend.set(&self.meta_key(), &meta)?;
        Ok(Some(before))
    }

    /// Writes every customer, or none: on the first error, each group already written by this call is put back as
    /// it was (removed if it was absent), then the error is returned.
    pub fn save_all(&self, customers: &[Customer]) -> Result<(), StorageError> {
        let by_group = by_group(customers, |customer| group_of(customer.id));
        let mut written: Vec<(String, Option<String>)> = Vec::with_capacity(by_group.len() + 1);
        if let Some(before) = self.write_meta()? {
            written.push((self.meta_key(), before));
        }
        for (group, members) in by_group {
            let key = self.group_key(group);
            let step = (|| {
                let before = self.backend.get(&key)?;
                let mut entries = self.writable_group(group)?;
                for customer in members {
                    Self::put(&mut entries, customer);
                }
                written.push((key.clone(), before));
                self.write_group(group, &entries)
            })();
            if let Err(error) = step {
                self.roll_back(written);
                return Err(error);
            }
        }
        self.meta_written.store(true, Ordering::Relaxed);
        for customer in customers {
            let _ = self.backend.remove(&self.legacy_key(customer.id));
        }
        Ok(())
    }

    /// Puts keys back as they were, newest first. A group is put back to its earlier, smaller value, which a full
    /// quota does not refuse.
    pub(super) fn roll_back(&self, written: Vec<(String, Option<String>)>) {
        // The version key may be among what is taken back: the next save checks it again.
        self.meta_written.store(false, Ordering::Relaxed);
        for (key, before) in written.into_iter().rev() {
            let _ = match before {
                Some(value) => self.backend.set(&key, &value),
                None => self.backend.remove(&key),
            };
        }
    }

    /// Removes an unreadable record, but only if it is still stored exactly as `raw` (another tab may have repaired
    /// it meanwhile). Returns whether it removed it.
    pub fn discard_unreadable(&self, key: &str, raw: &str) -> Result<bool, StorageError> {
        match self.kind(key) {
            Kind::Legacy(_) => {
                if self.backend.get(key)?.as_deref() != Some(raw) {
                    return Ok(false);
                }
                self.backend.remove(key)?;
                Ok(true)
            }
            Kind::Group(group) => match self.read_group(group)? {
                GroupValue::Unreadable(value, _) if value == raw => {
                    self.backend.remove(key)?;
                    Ok(true)
                }
                GroupValue::Unreadable(..) => Ok(false),
                GroupValue::Entries(mut entries) => {
                    let Some(at) = entries
                        .iter()
                        .position(|e| matches!(e, Entry::Unreadable { raw: r, .. } if r == raw))
                    else {
                        return Ok(false);
                    };
                    entries.remove(at);
                    self.write_group(group, &entries)?;
                    Ok(true)
                }
            },
            Kind::Meta | Kind::NotOurs => Ok(false),
        }
    }

    /// Removes every key under the prefix (groups, older records, readable or not, and the version key); returns
    /// how many keys.
    pub fn remove_all(&self) -> Result<usize, StorageError> {
        let mut removed = 0;
        for key in self.backend.keys()? {
            if self.kind(&key) != Kind::NotOurs {
                self.backend.remove(&key)?;
                removed += 1;
            }
        }
        // The backup clock goes with the customers (a next write starts a new count); the display language stays.
        self.backend.remove(&self.backup_key())?;
        self.meta_written.store(false, Ordering::Relaxed);
        Ok(removed)
    }

    /// Writes one customer (and, the first time, the version key), all or nothing: the small version key goes
    /// first, so that a refusal of the record can take it back with a removal (which a full quota cannot refuse).
    /// Written the other way round, a refused version key left the record stored behind an error, and a retry then
    /// found its own domain "in use". A copy under an older key is removed once the group holds the record.
    pub fn save(&self, customer: &Customer) -> Result<(), StorageError> {
        let group = group_of(customer.id);
        let meta_before = self.write_meta()?;
        let written = self.writable_group(group).and_then(|mut entries| {
            Self::put(&mut entries, customer);
            self.write_group(group, &entries)
        });
        if let Err(error) = written {
            if let Some(before) = meta_before {
                let _ = match before {
                    Some(old) => self.backend.set(&self.meta_key(), &old),
                    None => self.backend.remove(&self.meta_key()),
                };
            }
            return Err(error);
        }
        self.meta_written.store(true, Ordering::Relaxed);
        let _ = self.backend.remove(&self.legacy_key(customer.id));
        Ok(())
    }
}
