//! The store of one namespace: its keys, reading and writing its groups; loading ([`load`]), queries ([`query`]),
//! writes ([`write`]) and the upgrade of what older versions wrote ([`upgrade`]) each have a file.

mod load;
mod loaded;
mod query;
#[cfg(test)]
mod tests;
mod upgrade;
mod write;

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use uuid::Uuid;

pub use loaded::{Change, Front, Loaded, LoadedRows, Unreadable, Upgrade};

use crate::model::backup::BackupClock;
use crate::model::list::sorting::insertion_sort_by;
use crate::model::list::{Listed, Summary};
use crate::model::Customer;
use crate::storage::backend::Backend;
use crate::storage::error::{DecodeError, StorageError};
use crate::storage::format::{self, Entry};
use crate::storage::layout::{group_of, GROUPS};
use crate::storage::legacy::reader::json_reader;
use crate::storage::row::Row;

/// Which of this store's keys a key is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Group(u16),
    Legacy(Uuid),
    Meta,
    NotOurs,
}

/// A group as read: its entries, or the whole value when it cannot be read at all.
enum GroupValue {
    Entries(Vec<Entry>),
    Unreadable(String, DecodeError),
}

/// The customer store for one prefix.
pub struct Store {
    prefix: String,
    backend: Arc<dyn Backend>,
    meta_written: AtomicBool,
    /// A load found a group of format 2, which [`Store::upgrade`] rewrites as format 3.
    format2_seen: AtomicBool,
}

impl Store {
    pub fn new(prefix: &str, backend: Arc<dyn Backend>) -> Store {
        Store {
            prefix: prefix.to_string(),
            backend,
            meta_written: AtomicBool::new(false),
            format2_seen: AtomicBool::new(false),
        }
    }

    fn group_key(&self, group: u16) -> String {
        format!("{}:g{group:x}", self.prefix)
    }

    fn legacy_key(&self, id: Uuid) -> String {
        format!("{}:customer:{id}", self.prefix)
    }

    fn meta_key(&self) -> String {
        format!("{}:meta", self.prefix)
    }

    /// Where the reader's "Display language" is remembered: a preference, not a record, so loads, other tabs'
    /// changes and "Remove all data" pass it by (see [`Store::kind`]).
    fn language_key(&self) -> String {
        format!("{}:lang", self.prefix)
    }

    /// Where the namespace remembers its last export and the start of the backup suggestion's count: not a record,
    /// so loads and other tabs' changes pass it by; "Remove all data" removes it.
    pub(super) fn backup_key(&self) -> String {
        format!("{}:backup", self.prefix)
    }

    /// The namespace's [`BackupClock`] (none when absent or unreadable), checked against `now`.
    pub fn backup_clock(&self, now: u64) -> BackupClock {
        match self.backend.get(&self.backup_key()) {
            Ok(Some(text)) => BackupClock::parse(&text, now),
            _ => BackupClock::default(),
        }
    }

    /// Remembers the namespace's [`BackupClock`].
    pub fn set_backup_clock(&self, clock: &BackupClock) -> Result<(), StorageError> {
        self.backend.set(&self.backup_key(), &clock.to_text())
    }

    /// The remembered "Display language" (a BCP 47 tag), if any and readable.
    pub fn display_language(&self) -> Option<String> {
        self.backend
            .get(&self.language_key())
            .ok()
            .flatten()
            .filter(|tag| tag.len() <= 35)
    }

    /// Remembers the "Display language".
    pub fn set_display_language(&self, tag: &str) -> Result<(), StorageError> {
        self.backend.set(&self.language_key(), tag)
    }

    /// What one of our keys is. Only exact forms are ours: `{prefix}:g{n}` with `n` in canonical hex below
    /// [`GROUPS`], `{prefix}:customer:{uuid}`, `{prefix}:meta`; a longer key that merely starts like ours belongs to
    /// somebody else.
    fn kind(&self, key: &str) -> Kind {
        let Some(rest) = key
            .strip_prefix(&self.prefix)
            .and_then(|r| r.strip_prefix(':'))
        else {
            return Kind::NotOurs;
        };
        if rest == "meta" {
            return Kind::Meta;
        }
        if let Some(id) = rest.strip_prefix("customer:") {
            return Uuid::parse_str(id).map_or(Kind::NotOurs, Kind::Legacy);
        }
        if let Some(hex) = rest.strip_prefix('g') {
            // Canonical lower-case hex only, as `group_key` writes it: no sign, no leading zero. Checked by hand, not
            // by formatting the number again (a load asks this of every key).
            let canonical = (hex == "0" || !hex.starts_with('0'))
                && hex.len() <= 4
                && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
            if let Ok(group) = u16::from_str_radix(hex, 16) {
                if canonical && group < GROUPS {
                    return Kind::Group(group);
                }
            }
        }
        Kind::NotOurs
    }

    fn read_group(&self, group: u16) -> Result<GroupValue, StorageError> {
        Ok(match self.backend.get(&self.group_key(group))? {
            None => GroupValue::Entries(Vec::new()),
            Some(raw) => match format::decode_group(&raw) {
                Ok(entries) => GroupValue::Entries(entries),
                Err(error) => GroupValue::Unreadable(raw, error),
            },
        })
    }

    /// Writes a group's entries (format 3): readable customers first, in the list's order, then unreadable records
    /// in their stored order (so a damaged tail stays last). An empty group's key is removed.
    fn write_group(&self, group: u16, entries: &[Entry]) -> Result<(), StorageError> {
        let key = self.group_key(group);
        let mut customers: Vec<(Summary, &Customer)> = entries
            .iter()
            .filter_map(|entry| match entry {
                Entry::Customer(customer) => Some((Summary::of(customer), &**customer)),
                Entry::Unreadable { .. } => None,
            })
            .collect();
        // The list's order (`search::sort`): by the lower-cased company name, then by domain. Names beyond Latin-1
        // are lower-cased by the browser: should another browser's rules order two names differently, a load's first
        // page may differ from the whole sort's until the whole read right after the paint.
        insertion_sort_by(&mut customers, |(a, _), (b, _)| {
            (a.name_key(), a.domain()) < (b.name_key(), b.domain())
        });
        let sorted = customers.len();
        let mut texts = Vec::with_capacity(entries.len());
        for (_, customer) in customers {
            texts.push(format::record_text(customer).ok_or_else(|| {
                StorageError::Failed("a customer record is too long to store".into())
            })?);
        }
        for entry in entries {
            if let Entry::Unreadable { raw, .. } = entry {
                texts.push(raw.clone());
            }
        }
        if texts.is_empty() {
            return self.backend.remove(&key);
        }
        self.backend.set(
            &key,
            &format::group_value(sorted, texts.iter().map(String::as_str)),
        )
    }

    /// A group's entries, for a write into it; a wholly unreadable group cannot be written without losing it.
    fn writable_group(&self, group: u16) -> Result<Vec<Entry>, StorageError> {
        match self.read_group(group)? {
            GroupValue::Entries(entries) => Ok(entries),
            GroupValue::Unreadable(..) => Err(StorageError::Blocked),
        }
    }

    /// A record under its own (older) key: JSON of format 1 or 0, or one packed record mid-upgrade.
    fn decode_legacy(id: Uuid, raw: &str) -> Result<Customer, DecodeError> {
        if !raw.starts_with(format::MARK) {
            let read = json_reader().ok_or(DecodeError::ReaderMissing)?;
            return read(&id.to_string(), raw);
        }
        match format::decode_group(raw)?.as_slice() {
            [Entry::Customer(customer)] if customer.id == id => Ok((**customer).clone()),
            [Entry::Customer(_)] => Err(DecodeError::IdMismatch),
            [Entry::Unreadable { error, .. }] => Err(error.clone()),
            _ => Err(DecodeError::Schema("not one customer record".into())),
        }
    }

    /// A group's entries: each read one to `keep`, each unreadable one (under the group's `key`) to `unreadable`.
    fn split_entries<T>(
        key: &str,
        entries: Vec<Entry<T>>,
        mut keep: impl FnMut(T),
        unreadable: &mut Vec<Unreadable>,
    ) {
        for entry in entries {
            match entry {
                Entry::Customer(read) => keep(read),
                Entry::Unreadable {
                    raw,
                    error,
                    id,
                    domain,
                } => unreadable.push(Unreadable {
                    key: key.to_string(),
                    raw,
                    error,
                    domain,
                    id,
                }),
            }
        }
    }

    /// The key a customer's record is kept under.
    pub fn record_key(&self, id: Uuid) -> String {
        self.group_key(group_of(id))
    }

    /// Whether `key` is where an older version kept one record (format 1 or 0, or one packed record mid-upgrade).
    pub fn is_older_key(&self, key: &str) -> bool {
        matches!(self.kind(key), Kind::Legacy(_))
    }

    /// What to report of a row of a group whose record failed its check: the record, exactly as its group keeps it.
    pub fn unreadable_row(&self, row: &Row, error: DecodeError) -> Unreadable {
        Unreadable {
            key: self.group_key(row.group()),
            raw: row.stored_text(),
            error,
            domain: Some(row.summary().domain().to_string()),
            id: Some(row.id()),
        }
    }
}
