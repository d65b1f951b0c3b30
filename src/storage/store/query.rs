//! Questions about what is stored now: one customer, whether an id or domain is in use, what a key another tab
//! wrote holds.

use std::collections::HashMap;
use std::sync::atomic::Ordering;

use uuid::Uuid;

use super::loaded::{Change, Loaded, Unreadable};
use super::{GroupValue, Kind, Store};
use crate::model::Customer;
use crate::storage::error::{DecodeError, StorageError};
use crate::storage::format::{self, Entry};
use crate::storage::layout::group_of;
use crate::storage::legacy;

impl Store {
    /// Reads one customer as stored now; `None` when it is missing or unreadable.
    pub fn load_one(&self, id: Uuid) -> Result<Option<Customer>, StorageError> {
        if let GroupValue::Entries(entries) = self.read_group(group_of(id))? {
            for entry in entries {
                if let Entry::Customer(customer) = entry {
                    if customer.id == id {
                        return Ok(Some(*customer));
                    }
                }
            }
        }
        let raw = self.backend.get(&self.legacy_key(id))?;
        Ok(raw.and_then(|raw| Self::decode_legacy(id, &raw).ok()))
    }

    /// Whether any record (readable or not) is stored for this id.
    pub fn contains(&self, id: Uuid) -> Result<bool, StorageError> {
        if let GroupValue::Entries(entries) = self.read_group(group_of(id))? {
            let found = entries.iter().any(|entry| match entry {
                Entry::Customer(customer) => customer.id == id,
                Entry::Unreadable { id: seen, .. } => *seen == Some(id),
            });
            if found {
                return Ok(true);
            }
        }
        Ok(self.backend.get(&self.legacy_key(id))?.is_some())
    }

    /// Whether any record is still under its own, older key (format 1 or 0, readable or not).
    pub fn has_older_keys(&self) -> Result<bool, StorageError> {
        Ok(self
            .backend
            .keys()?
            .iter()
            .any(|key| matches!(self.kind(key), Kind::Legacy(_))))
    }

    /// Whether an older version's records are there: under their own keys, or in groups of format 2.
    pub fn has_older_records(&self) -> Result<bool, StorageError> {
        Ok(self.format2_seen.load(Ordering::Relaxed) || self.has_older_keys()?)
    }

    /// Whether a record is still under its own, older key (not yet moved into its group).
    pub fn has_older_record(&self, id: Uuid) -> Result<bool, StorageError> {
        Ok(self.backend.get(&self.legacy_key(id))?.is_some())
    }

    /// Whether a stored record, readable or not, uses this domain.
    pub fn domain_in_use(&self, domain: &str) -> Result<bool, StorageError> {
        // Counted whether or not the record's id can be read: an unreadable record reserves its domain either way.
        let mut used = false;
        self.each_domain(&mut |found, _| used |= found.eq_ignore_ascii_case(domain))?;
        Ok(used)
    }

    /// What a key holds now, classified as a change (for changes reported without their value, or batched).
    pub fn current(&self, key: &str) -> Result<Change, StorageError> {
        match self.kind(key) {
            Kind::NotOurs => Ok(Change::NotOurs),
            Kind::Meta => Ok(Change::Meta),
            Kind::Group(group) => {
                let mut loaded = Loaded::default();
                match self.read_group(group)? {
                    GroupValue::Entries(entries) => Self::split_entries(
                        key,
                        entries,
                        |customer| loaded.customers.push(*customer),
                        &mut loaded.unreadable,
                    ),
                    GroupValue::Unreadable(raw, error) => {
                        loaded
                            .unreadable
                            .push(Unreadable::new(key.to_string(), raw, error, None))
                    }
                }
                Ok(Change::Group {
                    group,
                    customers: loaded.customers,
                    unreadable: loaded.unreadable,
                })
            }
            Kind::Legacy(id) => {
                // The record may have moved into its group: then that is where it is.
                if let Some(customer) = self.load_one(id)? {
                    return Ok(Change::Saved(Box::new(customer)));
                }
                Ok(match self.backend.get(key)? {
                    None => Change::Removed(id),
                    Some(raw) => match Self::decode_legacy(id, &raw) {
                        Ok(customer) => Change::Saved(Box::new(customer)),
                        // Not unreadable (it must never be offered for discarding): unread until its reader is
                        // there, as on a load.
                        Err(DecodeError::ReaderMissing) => Change::NotOurs,
                        Err(error) => Change::Unreadable(Unreadable::new(
                            key.to_string(),
                            raw,
                            error,
                            Some(id),
                        )),
                    },
                })
            }
        }
    }

    /// Every domain named by a stored record, readable or not, with the ids of the records naming it (when known):
    /// one pass, for checks of many customers at once. Reads only each record's id and domain: every add and import
    /// asks this, and a full read of 50,000 records (decoded and checked) would cost a third of a second each time.
    pub fn domain_owners(&self) -> Result<HashMap<String, Vec<Uuid>>, StorageError> {
        let mut owners: HashMap<String, Vec<Uuid>> = HashMap::new();
        self.each_domain(&mut |domain, id| {
            owners
                .entry(domain.to_ascii_lowercase())
                .or_default()
                .extend(id);
        })?;
        Ok(owners)
    }

    /// The ids of the stored records, readable or not, that use this domain: the same walk as
    /// [`Store::domain_owners`], without a map of every domain to find one.
    pub fn owners_of(&self, domain: &str) -> Result<Vec<Uuid>, StorageError> {
        let mut owners = Vec::new();
        self.each_domain(&mut |found, id| {
            if found.eq_ignore_ascii_case(domain) {
                owners.extend(id);
            }
        })?;
        Ok(owners)
    }

    /// Whether the records under `key` (a group, or a record under its own older key), readable or not, use this
    /// domain: for a key another tab changed, read again.
    pub fn key_uses_domain(&self, key: &str, domain: &str) -> Result<bool, StorageError> {
        let mut used = false;
        self.key_domains(key, &mut |found, _| {
            used |= found.eq_ignore_ascii_case(domain)
        })?;
        Ok(used)
    }

    /// Calls `note` with the domain and id (when they can be read) of every stored record, readable or not.
    // `dyn`: one copy of the walk in the wasm, whatever each caller does with what it finds.
    fn each_domain(&self, note: &mut dyn FnMut(&str, Option<Uuid>)) -> Result<(), StorageError> {
        for key in self.backend.keys()? {
            self.key_domains(&key, note)?;
        }
        Ok(())
    }

    /// [`Store::each_domain`] for one key.
    fn key_domains(
        &self,
        key: &str,
        note: &mut dyn FnMut(&str, Option<Uuid>),
    ) -> Result<(), StorageError> {
        let mut note = |domain: Option<String>, id: Option<Uuid>| {
            if let Some(domain) = domain {
                note(&domain, id);
            }
        };
        let kind = self.kind(key);
        if !matches!(kind, Kind::Group(_) | Kind::Legacy(_)) {
            return Ok(());
        }
        let Some(raw) = self.backend.get(key)? else {
            return Ok(());
        };
        match (kind, format::hints(&raw)) {
            (Kind::Legacy(id), Some(found)) => {
                for (_, domain) in found {
                    note(domain, Some(id));
                }
            }
            (_, Some(found)) => {
                for (id, domain) in found {
                    note(domain, id);
                }
            }
            // JSON of format 1 or 0, or a value that is not a group: read leniently, whatever else is wrong.
            (Kind::Legacy(id), None) => note(legacy::domain_hint(&raw), Some(id)),
            (_, None) => note(legacy::domain_hint(&raw), None),
        }
        Ok(())
    }
}
