//! Persistence. The only module that knows how customers are kept: packed (see [`compact`]), many to a key in a
//! fixed number of groups chosen by id, plus a small version key. A save rewrites one group, a few KB at most
//! whatever the number of customers, and other tabs follow group by group.
//!
//! Layout under prefix `P` (default [`DEFAULT_PREFIX`]):
//! - `P:meta` → `{"schemaVersion":3}`
//! - `P:g{n}` (n in hex, 0 to 7ff) → group `n`: `"3"`, a count, then packed records in the list's order (format 2's
//!   groups, `"2"` then records in any order, are read, and rewritten as format 3 by [`Store::upgrade`]).
//! - `P:customer:{id}` → a record of format 1 or 0 (JSON), left by an older version until [`Store::upgrade`] moves
//!   it into its group; while that runs it may hold the record already packed (`"2"…`).

pub mod bits;
pub mod codec;
pub mod compact;
pub mod local;
pub mod memory;
pub mod migrate;
pub mod row;
pub mod text_code;

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use thiserror::Error;
use uuid::Uuid;

use crate::model::search::{sort_front, Listed, Summary};
use crate::model::sorting::insertion_sort_by;
use crate::model::Customer;
pub use codec::{DecodeError, SCHEMA_VERSION};
use compact::{Entry, Head};
use row::Row;

/// The storage prefix when none is configured.
pub const DEFAULT_PREFIX: &str = "customer-accounts";

/// The stored format this build writes (the version key's `schemaVersion`).
pub const FORMAT_VERSION: u64 = 3;

/// How many groups customers are spread over. With 50,000 customers a group holds about 25 (under 4 KB); with few,
/// each customer has its key to itself. Part of the format: a change needs a new format version.
pub const GROUPS: u16 = 2048;

/// The group a customer's record is kept in: FNV-1a of the id, so ids chosen by anyone spread evenly.
pub fn group_of(id: Uuid) -> u16 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in id.as_bytes() {
        hash ^= u32::from(*byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    (hash % u32::from(GROUPS)) as u16
}

/// `items` by the group each belongs to, in group order, only groups that have some: one slot per group, so no
/// hashing and no sort (and none of their code in the download).
fn by_group<T>(
    items: impl IntoIterator<Item = T>,
    group: impl Fn(&T) -> u16,
) -> Vec<(u16, Vec<T>)> {
    let mut slots: Vec<Vec<T>> = std::iter::repeat_with(Vec::new)
        .take(usize::from(GROUPS))
        .collect();
    for item in items {
        // In range: a group is below GROUPS (`group_of`).
        let at = usize::from(group(&item)) % slots.len();
        slots[at].push(item);
    }
    slots
        .into_iter()
        .enumerate()
        .filter(|(_, members)| !members.is_empty())
        .map(|(group, members)| (group as u16, members))
        .collect()
}

/// Whether a `storage-key` may name a namespace: 1 to 64 ASCII letters, digits, `-` or `_`. With no `:` in a
/// namespace, no namespace's keys (`{ns}:g{n}`, `{ns}:customer:{uuid}`, `{ns}:meta`) can start like another's: `crm`
/// and `crm:customer:archive` can never share records.
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
    /// The record would go into a stored group that cannot be read, and writing it would overwrite that group.
    #[error("an unreadable stored record is in the way")]
    Blocked,
}

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

/// A stored value (a whole key's, or one record of a group) that could not be read as a customer. Kept as it was,
/// never overwritten by the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub key: String,
    pub raw: String,
    pub error: DecodeError,
    /// The domain the value names, if one can be made out: it stays reserved while the record is kept.
    pub domain: Option<String>,
    /// The id it names, if one can be made out: it stays reserved too.
    pub id: Option<Uuid>,
}

impl Unreadable {
    fn new(key: String, raw: String, error: DecodeError, id: Option<Uuid>) -> Unreadable {
        let domain = codec::domain_hint(&raw);
        Unreadable {
            key,
            raw,
            error,
            domain,
            id,
        }
    }

    /// The id it names, if one can be made out.
    pub fn id(&self) -> Option<Uuid> {
        self.id
    }
}

/// Everything found under the prefix.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    pub customers: Vec<Customer>,
    pub unreadable: Vec<Unreadable>,
}

/// Everything found under the prefix, as memory keeps it (see [`Store::load_rows`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadedRows {
    pub rows: Vec<Row>,
    pub unreadable: Vec<Unreadable>,
    /// Records of formats 1 and 0 were found and left unread, because the reader of JSON records is not there yet
    /// (a split build, [`set_json_reader`]): load again once it is.
    pub waiting_for_reader: bool,
}

/// The list's first page, read before the rest (see [`Store::load_front`]).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Front {
    /// The first rows in the list's order (up to the number asked for), each as [`Store::load_rows`] reads it; every
    /// row, the first ones in order, when `complete`.
    pub rows: Vec<Row>,
    /// How many customers the groups hold in all, as their counts say.
    pub total: usize,
    /// Unreadable records, when `complete`.
    pub unreadable: Vec<Unreadable>,
    /// Every group was read whole: nothing is left to read.
    pub complete: bool,
}

/// Units of a group value read to find its first record: the mark, the count, the length and a record of 253
/// units (a realistic customer takes about 90); a longer first record is read again, as far as it goes.
const HEAD_UNITS: usize = 256;

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
    codec::decode(key_id, raw)
}

/// Whether JSON records can be read now.
pub fn json_reader_ready() -> bool {
    json_reader().is_some()
}

fn json_reader() -> Option<JsonReader> {
    #[cfg(all(feature = "split", target_family = "wasm"))]
    return JSON_READER.get().copied();
    #[cfg(not(all(feature = "split", target_family = "wasm")))]
    Some(codec::decode)
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
    /// A group as it is now: every customer and unreadable record in it. Customers of the group not in it are gone.
    Group {
        group: u16,
        customers: Vec<Customer>,
        unreadable: Vec<Unreadable>,
    },
}

/// What [`Store::upgrade`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Upgrade {
    /// Older records now kept in their groups.
    pub moved: usize,
    /// Older readable records still under their own keys (storage refused a step; they stay in use).
    pub left: usize,
    /// Groups of format 2 rewritten as format 3.
    pub sorted: usize,
}

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
            Some(raw) => match compact::decode_group(&raw) {
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
            texts.push(compact::record_text(customer).ok_or_else(|| {
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
            &compact::group_value(sorted, texts.iter().map(String::as_str)),
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
        if !raw.starts_with(compact::MARK) {
            let read = json_reader().ok_or(DecodeError::ReaderMissing)?;
            return read(&id.to_string(), raw);
        }
        match compact::decode_group(raw)?.as_slice() {
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

    /// Reads every customer under the prefix, decoded whole and checked. Values that fail to decode or to meet the
    /// rules are reported, not dropped. A customer both in its group and under an older key (an upgrade was
    /// interrupted) is read from its group.
    pub fn load(&self) -> Result<Loaded, StorageError> {
        let LoadedRows {
            rows,
            mut unreadable,
            ..
        } = self.load_rows()?;
        // Each record decoded once: the whole decode is the check.
        let mut customers = Vec::with_capacity(rows.len());
        for row in rows {
            match row.customer() {
                Ok(customer) => customers.push(customer),
                Err(error) => unreadable.push(self.unreadable_row(&row, error)),
            }
        }
        Ok(Loaded {
            customers,
            unreadable,
        })
    }

    /// [`Store::load_rows`], every row then checked whole: those that fail are reported with the unreadable records.
    /// What a check against everything stored needs (ids and domains, readable or not), without a whole customer
    /// kept for each.
    pub fn load_checked(&self) -> Result<LoadedRows, StorageError> {
        let LoadedRows {
            mut rows,
            mut unreadable,
            waiting_for_reader,
        } = self.load_rows()?;
        rows.retain_mut(|row| match row.check() {
            Ok(()) => true,
            Err(error) => {
                unreadable.push(self.unreadable_row(row, error));
                false
            }
        });
        Ok(LoadedRows {
            rows,
            unreadable,
            waiting_for_reader,
        })
    }

    /// Reads every customer under the prefix as a [`Row`]: of a record in a group only what the list shows, not yet
    /// checked against the rules ([`Row::check`] does that, and [`Store::unreadable_row`] says what to report when
    /// it fails). What cannot be read at all is reported here. A record under an older key is decoded and checked
    /// whole (there are none once the store is upgraded).
    pub fn load_rows(&self) -> Result<LoadedRows, StorageError> {
        let (loaded, legacy) = self.load_groups()?;
        if legacy.is_empty() {
            return Ok(loaded);
        }
        self.load_legacy(legacy, loaded)
    }

    /// [`Store::load_rows`] of the groups only: the keys of records under older keys (and the ids they name) come
    /// back unread. A split build's first load reads them so, and the rest from a module of its own (see
    /// `AppState::with_backend`): decoding and checking whole records is not in the first download.
    pub fn load_groups(&self) -> Result<(LoadedRows, Vec<(String, Uuid)>), StorageError> {
        let mut loaded = LoadedRows::default();
        // One buffer for every group's value in turn.
        let mut value = Vec::new();
        let mut legacy = Vec::new();
        for key in self.backend.keys()? {
            match self.kind(&key) {
                Kind::Group(group) => self.load_group(key, group, &mut value, &mut loaded)?,
                Kind::Legacy(id) => legacy.push((key, id)),
                Kind::Meta | Kind::NotOurs => {}
            }
        }
        Ok((loaded, legacy))
    }

    /// The list's first `front` rows (in its order), and how many customers there are, reading whole only the groups
    /// that can hold those rows: a group of format 3 keeps its readable records in the list's order and says how
    /// many it keeps, so its first record is its earliest, and a group whose first record comes after the `front`
    /// earliest first records holds none of the first `front` rows. Of every other group only the first record is
    /// read. Groups of format 2 (or damaged at the start) are read whole. At 50,000 customers this reads about a
    /// tenth of what [`Store::load_rows`] reads, and a load shows the list before reading the rest.
    ///
    /// `None` when records under older keys are there: the load then reads everything. Unreadable records are not
    /// reported unless `complete` (every group was read whole): the whole read that follows reports them.
    pub fn load_front(&self, front: usize) -> Result<Option<Front>, StorageError> {
        // Each group's first record (a group's key is `group_key` of its number: `kind` reads no other spelling).
        let mut firsts: Vec<Row> = Vec::new();
        let mut whole: Vec<(String, u16)> = Vec::new();
        let mut total = 0;
        let mut prefix = Vec::new();
        'keys: for key in self.backend.keys()? {
            let group = match self.kind(&key) {
                Kind::Group(group) => group,
                Kind::Legacy(_) => return Ok(None),
                Kind::Meta | Kind::NotOurs => continue,
            };
            let mut head = Head::Needs(HEAD_UNITS);
            // Read once, or twice when the first record is longer than HEAD_UNITS allows for.
            for _ in 0..2 {
                let Head::Needs(units) = head else { break };
                if !self.backend.get_prefix_utf8(&key, units, &mut prefix)? {
                    // Removed since it was listed.
                    continue 'keys;
                }
                head = compact::sorted_head(&prefix, group);
            }
            match head {
                Head::Sorted { count, first } => {
                    total += count;
                    firsts.push(first);
                }
                Head::Whole | Head::Needs(_) => {
                    if prefix.first() == Some(&(compact::MARK as u8)) {
                        self.format2_seen.store(true, Ordering::Relaxed);
                    }
                    whole.push((key, group));
                }
            }
        }
        // A record kept after the counted ones (it failed the whole check when its group was written, but its
        // names can be read) is not looked for here: the whole read lists it until the rows' check removes it.
        let complete = firsts.len() <= front;
        if !complete {
            sort_front(&mut firsts, front);
            firsts.truncate(front);
        }
        let mut loaded = LoadedRows::default();
        let mut value = Vec::new();
        for first in firsts {
            let group = first.group();
            self.load_group(self.group_key(group), group, &mut value, &mut loaded)?;
        }
        let counted = loaded.rows.len();
        for (key, group) in whole {
            self.load_group(key, group, &mut value, &mut loaded)?;
        }
        let mut rows = loaded.rows;
        if complete {
            // Every group was read whole: this is the whole load.
            total = rows.len();
            sort_front(&mut rows, front);
        } else {
            total += rows.len() - counted;
            sort_front(&mut rows, front);
            rows.truncate(front);
            loaded.unreadable.clear();
        }
        Ok(Some(Front {
            total: total.max(rows.len()),
            rows,
            unreadable: loaded.unreadable,
            complete,
        }))
    }

    /// The rest of [`Store::load_rows`] when records under older keys are there (an upgrade not done yet, or
    /// interrupted). A function of its own: V8 optimises `load_rows` during a load (its loop over the keys runs
    /// long), and the work it compiles should be that loop, not this.
    #[inline(never)]
    fn load_legacy(
        &self,
        legacy: Vec<(String, Uuid)>,
        mut loaded: LoadedRows,
    ) -> Result<LoadedRows, StorageError> {
        // A customer also under an older key (an upgrade was interrupted) is read from its group only when its group
        // copy passes the whole check; otherwise the group copy is reported and the older one is used.
        let older: HashSet<Uuid> = legacy.iter().map(|(_, id)| *id).collect();
        let mut grouped = HashSet::new();
        let mut rows = Vec::with_capacity(loaded.rows.len());
        for mut row in std::mem::take(&mut loaded.rows) {
            if older.contains(&row.id()) {
                if let Err(error) = row.check() {
                    loaded.unreadable.push(self.unreadable_row(&row, error));
                    continue;
                }
                grouped.insert(row.id());
            }
            rows.push(row);
        }
        loaded.rows = rows;
        for (key, id) in legacy {
            if grouped.contains(&id) {
                continue;
            }
            let Some(raw) = self.backend.get(&key)? else {
                continue;
            };
            if !raw.starts_with(compact::MARK) && !json_reader_ready() {
                // Not unreadable: read on the next load, when the reader is there.
                loaded.waiting_for_reader = true;
                continue;
            }
            let row = Self::decode_legacy(id, &raw).and_then(|customer| {
                // What memory keeps is the packed record: one that does not read back the same (a text longer than
                // the packed form holds) is reported where it is, not shown and then found missing.
                let row = Row::of(&customer);
                match row.customer() {
                    Ok(again) if again == customer => Ok(row),
                    Ok(_) => Err(DecodeError::Schema(
                        "the record does not fit the compact form".into(),
                    )),
                    Err(error) => Err(error),
                }
            });
            match row {
                Ok(row) => loaded.rows.push(row),
                Err(error) => loaded
                    .unreadable
                    .push(Unreadable::new(key, raw, error, Some(id))),
            }
        }
        Ok(loaded)
    }

    /// [`Store::load_rows`] of one group. Never inlined: V8 runs a wasm function called once in its baseline code
    /// throughout (it does not replace a running call with optimised code), and one whose loops run long is then
    /// compiled again, optimised, for nothing, beside the load on a 2-core machine. Called once per group, this is
    /// optimised early and the load's work runs optimised.
    #[inline(never)]
    fn load_group(
        &self,
        key: String,
        group: u16,
        value: &mut Vec<u8>,
        loaded: &mut LoadedRows,
    ) -> Result<(), StorageError> {
        if !self.backend.get_utf8(&key, value)? {
            return Ok(());
        }
        if value.first() == Some(&(compact::MARK as u8)) {
            self.format2_seen.store(true, Ordering::Relaxed);
        }
        match compact::decode_rows_utf8(value, group) {
            Ok(entries) => Self::split_entries(
                &key,
                entries,
                |row| loaded.rows.push(row),
                &mut loaded.unreadable,
            ),
            Err(error) => {
                // Kept exactly: a value the browser gave is valid UTF-8.
                let raw = String::from_utf8_lossy(value).into_owned();
                loaded
                    .unreadable
                    .push(Unreadable::new(key, raw, error, None))
            }
        }
        Ok(())
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

    /// Whether `key` is where an older version kept one record (format 1 or 0, or one packed record mid-upgrade).
    pub fn is_older_key(&self, key: &str) -> bool {
        matches!(self.kind(key), Kind::Legacy(_))
    }

    /// Whether a record is still under its own, older key (not yet moved into its group).
    pub fn has_older_record(&self, id: Uuid) -> Result<bool, StorageError> {
        Ok(self.backend.get(&self.legacy_key(id))?.is_some())
    }

    /// Whether a stored record, readable or not, uses this domain.
    pub fn domain_in_use(&self, domain: &str) -> Result<bool, StorageError> {
        Ok(!self.owners_of(domain)?.is_empty())
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

    /// The key a customer's record is kept under.
    pub fn record_key(&self, id: Uuid) -> String {
        self.group_key(group_of(id))
    }

    /// Every domain named by a stored record, readable or not, with the ids of the records naming it (when known):
    /// one pass, for checks of many customers at once. Reads only each record's id and domain: every add and import
    /// asks this, and a full read of 50,000 records (decoded and checked) would cost a third of a second each time.
    pub fn domain_owners(&self) -> Result<HashMap<String, Vec<Uuid>>, StorageError> {
        let mut owners: HashMap<String, Vec<Uuid>> = HashMap::new();
        let mut note = |domain: Option<String>, id: Option<Uuid>| {
            if let Some(domain) = domain {
                owners
                    .entry(domain.to_ascii_lowercase())
                    .or_default()
                    .extend(id);
            }
        };
        for key in self.backend.keys()? {
            let kind = self.kind(&key);
            if !matches!(kind, Kind::Group(_) | Kind::Legacy(_)) {
                continue;
            }
            let Some(raw) = self.backend.get(&key)? else {
                continue;
            };
            match (kind, compact::hints(&raw)) {
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
                (Kind::Legacy(id), None) => note(codec::domain_hint(&raw), Some(id)),
                (_, None) => note(codec::domain_hint(&raw), None),
            }
        }
        Ok(owners)
    }

    /// The ids of the stored records, readable or not, that use this domain.
    pub fn owners_of(&self, domain: &str) -> Result<Vec<Uuid>, StorageError> {
        Ok(self
            .domain_owners()?
            .remove(&domain.to_ascii_lowercase())
            .unwrap_or_default())
    }

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
    fn put(entries: &mut Vec<Entry>, customer: &Customer) {
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
    fn write_meta(&self) -> Result<Option<Option<String>>, StorageError> {
        if self.meta_written.load(Ordering::Relaxed) {
            return Ok(None);
        }
        let meta = codec::encode_meta();
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

    /// Brings what an older version wrote to this format, under the write lock: records under their own keys move
    /// into their groups ([`Store::move_older_records`]), then groups of format 2 are rewritten as format 3
    /// ([`Store::sort_groups`]). What is not done stays readable as it is, and the next load tries again.
    pub fn upgrade(&self) -> Result<Upgrade, StorageError> {
        let moved = self.move_older_records();
        let sorted = self.sort_groups();
        match (moved, sorted) {
            (Ok(upgrade), Ok(sorted)) => Ok(Upgrade { sorted, ..upgrade }),
            // Something was done: the refusal stops only the rest, for this load.
            (Ok(upgrade), Err(_)) if upgrade.moved > 0 => Ok(upgrade),
            (Err(_), Ok(sorted)) if sorted > 0 => Ok(Upgrade {
                sorted,
                ..Upgrade::default()
            }),
            (Err(error), _) | (_, Err(error)) => Err(error),
        }
    }

    /// Rewrites each group of format 2 (records in any order) as format 3 (a count, then the records in the list's
    /// order), group by group; returns how many. Each value grows by one unit, the count: a full quota may refuse
    /// one, which then stays as it is (read whole at every load) and stops this until the next load.
    fn sort_groups(&self) -> Result<usize, StorageError> {
        let mut sorted = 0;
        let mut prefix = Vec::new();
        for key in self.backend.keys()? {
            let Kind::Group(group) = self.kind(&key) else {
                continue;
            };
            if !self.backend.get_prefix_utf8(&key, 1, &mut prefix)?
                || prefix.first() != Some(&(compact::MARK as u8))
            {
                continue;
            }
            // A group that cannot be read at all is never written over.
            if let GroupValue::Entries(entries) = self.read_group(group)? {
                if sorted == 0 {
                    self.write_meta()?;
                    self.meta_written.store(true, Ordering::Relaxed);
                }
                self.write_group(group, &entries)?;
                sorted += 1;
            }
        }
        self.format2_seen.store(false, Ordering::Relaxed);
        Ok(sorted)
    }

    /// Moves records of formats 1 and 0, each under its own key, into their groups, without ever needing more room
    /// than is free: first each is rewritten packed under its own key (smaller, so a full quota takes it), then each
    /// group is written and only then the older keys removed. A refused step stops this; what is not moved stays
    /// readable where it is, and the next load tries again. Unreadable records stay exactly as they are.
    fn move_older_records(&self) -> Result<Upgrade, StorageError> {
        let mut readable: Vec<(String, Customer)> = Vec::new();
        for key in self.backend.keys()? {
            let Kind::Legacy(id) = self.kind(&key) else {
                continue;
            };
            let Some(raw) = self.backend.get(&key)? else {
                continue;
            };
            let Ok(customer) = Self::decode_legacy(id, &raw) else {
                continue;
            };
            if !raw.starts_with(compact::MARK) {
                if let Some(packed) = compact::record_text(&customer) {
                    // Smaller than the JSON it replaces; if it is refused anyway, the JSON stays and is used.
                    let _ = self.backend.set(&key, &compact::packed_value(&packed));
                }
            }
            readable.push((key, customer));
        }
        let mut upgrade = Upgrade::default();
        if readable.is_empty() {
            return Ok(upgrade);
        }
        let mut failed = self.write_meta().err();
        for (group, members) in by_group(readable, |(_, customer)| group_of(customer.id)) {
            if failed.is_some() {
                upgrade.left += members.len();
                continue;
            }
            let step = self.writable_group(group).and_then(|mut entries| {
                for (_, customer) in &members {
                    // A record already in its group (an interrupted upgrade) is newer there.
                    if !entries
                        .iter()
                        .any(|e| matches!(e, Entry::Customer(c) if c.id == customer.id))
                    {
                        entries.push(Entry::Customer(Box::new(customer.clone())));
                    }
                }
                self.write_group(group, &entries)
            });
            match step {
                Ok(()) => {
                    for (key, _) in &members {
                        let _ = self.backend.remove(key);
                    }
                    upgrade.moved += members.len();
                }
                Err(StorageError::Blocked) => upgrade.left += members.len(),
                Err(error) => {
                    upgrade.left += members.len();
                    failed = Some(error);
                }
            }
        }
        self.meta_written.store(failed.is_none(), Ordering::Relaxed);
        match failed {
            Some(error) if upgrade.moved == 0 => Err(error),
            _ => Ok(upgrade),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::memory::MemoryBackend;
    use super::*;
    use crate::model::search;
    use crate::model::validation::tests::valid_details;
    use crate::model::{Cloud, WriteStamp};

    #[test]
    fn items_by_group_come_in_group_order_each_group_once() {
        let items: Vec<(u16, u32)> = vec![(7, 1), (2, 2), (7, 3), (2047, 4), (0, 5), (2, 6)];
        assert_eq!(
            by_group(items, |item| item.0),
            vec![
                (0, vec![(0, 5)]),
                (2, vec![(2, 2), (2, 6)]),
                (7, vec![(7, 1), (7, 3)]),
                (2047, vec![(2047, 4)]),
            ]
        );
        assert!(by_group(Vec::<u16>::new(), |g| *g).is_empty());
    }

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

    /// [`customer`] `n` with another company name.
    fn named(n: u128, name: &str) -> Customer {
        let mut c = customer(n);
        c.company_profile.company_name = name.into();
        c.billing_profile.company_name = name.into();
        c
    }

    fn company_names(customers: &[Customer]) -> Vec<&str> {
        customers.iter().map(Customer::company_name).collect()
    }

    #[test]
    fn a_group_keeps_its_readable_records_in_the_lists_order_and_counts_them() {
        let backend = Arc::new(MemoryBackend::default());
        let store = Store::new(DEFAULT_PREFIX, backend.clone());
        let group = group_of(Uuid::from_u128(1));
        let mates: Vec<Customer> = (1..50_000)
            .filter(|&n| group_of(Uuid::from_u128(n)) == group)
            .zip(["delta", "Alpha", "charlie", "Bravo", "echo"])
            .map(|(n, name)| named(n, name))
            .collect();
        assert_eq!(mates.len(), 5);
        assert_eq!(store.save_all(&mates[..3]), Ok(()));
        assert_eq!(store.save_all(&mates[3..]), Ok(()));
        let value = backend
            .get(&store.group_key(group))
            .ok()
            .flatten()
            .unwrap_or_default();
        assert!(value.starts_with(compact::SORTED));
        let Ok(entries) = compact::decode_group(&value) else {
            panic!("not a group: {value:?}")
        };
        let stored: Vec<Customer> = entries
            .into_iter()
            .filter_map(|e| match e {
                Entry::Customer(c) => Some(*c),
                Entry::Unreadable { .. } => None,
            })
            .collect();
        assert_eq!(
            company_names(&stored),
            ["Alpha", "Bravo", "charlie", "delta", "echo"]
        );
        assert_eq!(
            compact::sorted_head(value.as_bytes(), group),
            compact::read_names(&compact::encode_record(&mates[1]))
                .map(|s| Head::Sorted {
                    count: 5,
                    first: Row::unchecked(s, compact::encode_record(&mates[1]), group)
                })
                .unwrap_or(Head::Whole)
        );
    }

    /// A format 3 group rewritten as the previous version would have written it: `"2"`, then its records in
    /// reverse (any order is format 2's), no count.
    fn as_format_2(backend: &MemoryBackend, key: &str) {
        let Ok(Some(value)) = backend.get(key) else {
            return;
        };
        let Ok(entries) = compact::decode_group(&value) else {
            panic!("not a group: {value:?}")
        };
        let records: String = entries
            .iter()
            .rev()
            .filter_map(|e| match e {
                Entry::Customer(c) => compact::record_text(c),
                Entry::Unreadable { raw, .. } => Some(raw.clone()),
            })
            .collect();
        assert_eq!(backend.set(key, &compact::packed_value(&records)), Ok(()));
    }

    #[test]
    fn the_first_page_read_from_the_groups_first_records_is_the_lists() {
        let backend = Arc::new(MemoryBackend::default());
        let store = Store::new(DEFAULT_PREFIX, backend.clone());
        // Names in an order unlike the ids' (and so unlike the groups'): upper and lower case, accents and Chinese,
        // and names shared by several customers (ordered by domain).
        let customers: Vec<Customer> = (1..=3_000u128)
            .map(|n| {
                let k = (n * 7_919) % 3_001;
                let name = match n % 4 {
                    0 => format!("Company {k:04}"),
                    1 => format!("company {:04}", k + 1),
                    2 => format!("Ärzte {:02}", k % 40),
                    _ => format!("北京{k:04}"),
                };
                named(n, &name)
            })
            .collect();
        assert_eq!(store.save_all(&customers), Ok(()));
        // A group with nothing readable in it: read whole at once, so that it is reported.
        let lone = customer(9_001);
        let broken = compact::record_text(&lone)
            .map(|text| text.chars().take(5).collect::<String>())
            .unwrap_or_default();
        let Some(lone_key) = (0..GROUPS)
            .map(|g| store.group_key(g))
            .find(|k| backend.get(k) == Ok(None))
        else {
            panic!("no empty group")
        };
        assert_eq!(
            backend.set(&lone_key, &compact::group_value(0, [broken.as_str()])),
            Ok(())
        );
        // Every fifth group as the previous version wrote it: read whole.
        for group in (0..GROUPS).step_by(5) {
            as_format_2(&backend, &store.group_key(group));
        }
        let Ok(mut all) = store.load_rows().map(|l| l.rows) else {
            panic!("the store did not load")
        };
        search::sort(&mut all);
        assert_eq!(all.len(), 3_000);

        let Ok(Some(front)) = store.load_front(50) else {
            panic!("no first page")
        };
        assert!(!front.complete);
        assert_eq!(front.total, 3_000);
        assert_eq!(front.rows[..], all[..50]);
        assert!(store.has_older_records().unwrap_or(false), "format 2 seen");

        // A first page as long as the groups are many: everything is read, the first page in order.
        let Ok(Some(whole)) = store.load_front(usize::from(GROUPS)) else {
            panic!("no first page")
        };
        assert!(whole.complete);
        assert_eq!(whole.total, 3_000);
        assert_eq!(whole.rows[..50], all[..50]);
        assert!(
            matches!(&whole.unreadable[..], [u] if u.key == lone_key),
            "{:?}",
            whole.unreadable
        );

        // Records under older keys: the load reads everything.
        format_1_store(&backend, [customer(9_000)]);
        assert_eq!(store.load_front(50), Ok(None));
    }

    /// A store of `count` customers, named against their ids' order, every group in format 2; and its group keys.
    fn format_2_store(count: u128) -> (Arc<MemoryBackend>, Store, Vec<String>) {
        let backend = Arc::new(MemoryBackend::default());
        let store = Store::new(DEFAULT_PREFIX, backend.clone());
        let customers: Vec<Customer> = (1..=count)
            .map(|n| named(n, &format!("Name {}", count - n)))
            .collect();
        assert_eq!(store.save_all(&customers), Ok(()));
        let keys: Vec<String> = backend
            .snapshot()
            .into_keys()
            .filter(|k| k.contains(":g"))
            .collect();
        for key in &keys {
            as_format_2(&backend, key);
        }
        (backend, store, keys)
    }

    #[test]
    fn an_upgrade_rewrites_format_2_groups_in_the_lists_order_losing_nothing() {
        let (backend, store, keys) = format_2_store(400);
        let before = store.load().unwrap_or_default();
        assert_eq!(before.customers.len(), 400);
        let store = Store::new(DEFAULT_PREFIX, backend.clone());
        assert!(store.load_rows().is_ok());
        assert!(store.has_older_records().unwrap_or(false));
        assert_eq!(
            store.upgrade(),
            Ok(Upgrade {
                sorted: keys.len(),
                ..Upgrade::default()
            })
        );
        let snapshot = backend.snapshot();
        assert!(keys.iter().all(|k| snapshot
            .get(k)
            .is_some_and(|v| v.starts_with(compact::SORTED))));
        let mut after = store.load().unwrap_or_default();
        let mut before = before;
        after.customers.sort_by_key(|c| c.id);
        before.customers.sort_by_key(|c| c.id);
        assert_eq!(after, before);
        assert!(!store.has_older_records().unwrap_or(true));
        assert_eq!(store.upgrade(), Ok(Upgrade::default()));
    }

    #[test]
    fn a_full_format_2_store_is_rewritten_as_far_as_the_quota_allows_and_nothing_is_lost() {
        let (backend, store, keys) = format_2_store(300);
        let _ = backend.set(&store.meta_key(), r#"{"schemaVersion":2}"#);
        let old = backend.snapshot();
        let units: usize = old
            .iter()
            .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
            .sum();
        // Room for the counts of 10 groups.
        let full = Arc::new(MemoryBackend::with_quota(units + 10));
        for (k, v) in &old {
            assert_eq!(full.set(k, v), Ok(()));
        }
        let store = Store::new(DEFAULT_PREFIX, full.clone());
        let before = store.load().unwrap_or_default();
        assert_eq!(before.customers.len(), 300);
        assert_eq!(store.upgrade(), Err(StorageError::QuotaExceeded));
        let after = full.snapshot();
        let rewritten = keys
            .iter()
            .filter(|k| {
                after
                    .get(*k)
                    .is_some_and(|v| v.starts_with(compact::SORTED))
            })
            .count();
        assert_eq!(rewritten, 10, "as many as there was room for");
        let mut loaded = store.load().unwrap_or_default();
        let mut before = before;
        loaded.customers.sort_by_key(|c| c.id);
        before.customers.sort_by_key(|c| c.id);
        assert_eq!(loaded, before, "nothing lost");
    }

    /// Units a customer alone in its group takes (key and value).
    fn units_alone(n: u128) -> usize {
        "customer-accounts:g000".len()
            + 2
            + compact::record_text(&customer(n)).map_or(0, |t| t.chars().count())
    }

    const META_UNITS: usize = "customer-accounts:meta".len() + "{\"schemaVersion\":3}".len();

    #[test]
    fn saves_one_key_per_customer_and_reads_them_back() {
        let backend = Arc::new(crate::storage::memory::MemoryBackend::default());
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
        let backend = Arc::new(crate::storage::memory::MemoryBackend::default());
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
        let backend = Arc::new(crate::storage::memory::MemoryBackend::default());
        let a = Store::new("a", backend.clone());
        let b = Store::new("b", backend.clone());
        assert_eq!(a.save(&customer(1)), Ok(()));
        assert_eq!(b.load().map(|l| l.customers.len()), Ok(0));
        assert_eq!(a.load().map(|l| l.customers.len()), Ok(1));
    }

    #[test]
    fn unreadable_values_are_reported_and_left_alone() {
        let backend = Arc::new(crate::storage::memory::MemoryBackend::default());
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
        let quota = META_UNITS + 2 * units_alone(1) + 10;
        let backend = Arc::new(MemoryBackend::with_quota(quota));
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
        let one = Arc::new(MemoryBackend::with_quota(quota));
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
        // Room for one record and a half: the changed record is written (its group comes first), the next refused.
        let backend = Arc::new(MemoryBackend::with_quota(
            META_UNITS + units_alone(1) * 3 / 2,
        ));
        let store = Store::new(DEFAULT_PREFIX, backend.clone());
        assert_eq!(store.save(&customer(1)), Ok(()));
        let before = backend.snapshot();
        let mut changed = customer(1);
        changed.billing_profile.default_address.city = "Shanghai".into();
        let later: Vec<u128> = (2..100)
            .filter(|n| group_of(Uuid::from_u128(*n)) > group_of(changed.id))
            .take(2)
            .collect();
        let writes = backend.write_count();
        assert_eq!(
            store.save_all(&[changed, customer(later[0]), customer(later[1])]),
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
        let backend = Arc::new(crate::storage::memory::MemoryBackend::default());
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
        let backend = Arc::new(crate::storage::memory::MemoryBackend::default());
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
    fn changed_keys_are_classified() {
        let backend = Arc::new(crate::storage::memory::MemoryBackend::default());
        let store = Store::new("a", backend.clone());
        let one = customer(1);
        assert_eq!(store.save(&one), Ok(()));
        let key = store.record_key(one.id);
        assert_eq!(key, format!("a:g{:x}", group_of(one.id)));
        assert_eq!(
            store.current(&key),
            Ok(Change::Group {
                group: group_of(one.id),
                customers: vec![one.clone()],
                unreadable: vec![]
            })
        );
        assert_eq!(store.current("a:meta"), Ok(Change::Meta));
        assert_eq!(
            store.current(&format!("ab:g{:x}", group_of(one.id))),
            Ok(Change::NotOurs)
        );
        assert_eq!(store.current("other"), Ok(Change::NotOurs));
        assert_eq!(store.current("a:customer:not-a-uuid"), Ok(Change::NotOurs));
        assert_eq!(
            store.current("a:g800"),
            Ok(Change::NotOurs),
            "past the last group"
        );
        for not_canonical in ["a:g01", "a:g+1", "a:gA", "a:g", "a:g00", "a:g 1"] {
            assert_eq!(
                store.current(not_canonical),
                Ok(Change::NotOurs),
                "{not_canonical}"
            );
        }
        assert_ne!(store.current("a:g0"), Ok(Change::NotOurs), "group 0");
        // An older record under its own key.
        let two = customer(2);
        let legacy = format!("a:customer:{}", two.id);
        let raw = codec::encode(&two).unwrap_or_default();
        assert_eq!(backend.set(&legacy, &raw), Ok(()));
        assert_eq!(
            store.current(&legacy),
            Ok(Change::Saved(Box::new(two.clone())))
        );
        assert_eq!(backend.set(&legacy, "{nope"), Ok(()));
        assert!(matches!(
            store.current(&legacy),
            Ok(Change::Unreadable(Unreadable { ref raw, id: Some(id), .. })) if raw == "{nope" && id == two.id
        ));
        assert_eq!(backend.remove(&legacy), Ok(()));
        assert_eq!(store.current(&legacy), Ok(Change::Removed(two.id)));
        // Once moved into its group, its older key's removal is not a removal.
        assert_eq!(store.save(&two), Ok(()));
        assert_eq!(
            store.current(&legacy),
            Ok(Change::Saved(Box::new(two.clone())))
        );
        // A record stored under another customer's key is not that customer.
        let other_key = format!("a:customer:{}", Uuid::from_u128(3));
        assert_eq!(backend.set(&other_key, &raw), Ok(()));
        assert!(matches!(
            store.current(&other_key),
            Ok(Change::Unreadable(_))
        ));
    }

    #[test]
    fn domains_in_use_include_unreadable_records() {
        let backend = Arc::new(crate::storage::memory::MemoryBackend::default());
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
        let record_units = units_alone(1);
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
        let backend = Arc::new(MemoryBackend::with_quota(META_UNITS + units_alone(1) + 20));
        let store = Store::new(DEFAULT_PREFIX, backend.clone());
        assert_eq!(store.save(&customer(1)), Ok(()));
        let before = backend.snapshot();
        assert_eq!(store.save(&customer(2)), Err(StorageError::QuotaExceeded));
        assert_eq!(backend.snapshot(), before);
    }

    /// A store of format 1, as the previous version wrote it: one JSON record per key, and the version key.
    fn format_1_store(backend: &MemoryBackend, customers: impl IntoIterator<Item = Customer>) {
        let _ = backend.set("customer-accounts:meta", r#"{"schemaVersion":1}"#);
        for c in customers {
            let key = format!("customer-accounts:customer:{}", c.id);
            assert_eq!(
                backend.set(&key, &codec::encode(&c).unwrap_or_default()),
                Ok(())
            );
        }
    }

    #[test]
    fn upgrade_moves_older_records_into_groups_and_keeps_the_unreadable() {
        let backend = Arc::new(crate::storage::memory::MemoryBackend::default());
        format_1_store(&backend, (1..=40).map(customer));
        let broken_key = format!("customer-accounts:customer:{}", Uuid::from_u128(99));
        assert_eq!(backend.set(&broken_key, "{broken"), Ok(()));
        let store = Store::new(DEFAULT_PREFIX, backend.clone());
        let before = store.load().unwrap_or_default();
        assert_eq!(before.customers.len(), 40);
        assert_eq!(
            store.upgrade(),
            Ok(Upgrade {
                moved: 40,
                ..Upgrade::default()
            })
        );
        let after = store.load().unwrap_or_default();
        let sorted = |mut list: Vec<Customer>| {
            list.sort_by_key(|c| c.id);
            list
        };
        assert_eq!(
            sorted(after.customers),
            sorted(before.customers),
            "nothing lost or changed"
        );
        assert_eq!(after.unreadable, before.unreadable);
        let snapshot = backend.snapshot();
        assert_eq!(
            snapshot.get(&broken_key).map(String::as_str),
            Some("{broken"),
            "kept exactly"
        );
        assert!(
            !snapshot
                .keys()
                .any(|k| k.contains(":customer:") && *k != broken_key),
            "no older record left"
        );
        assert_eq!(
            snapshot.get("customer-accounts:meta").map(String::as_str),
            Some(r#"{"schemaVersion":3}"#)
        );
        let units = |map: &BTreeMap<String, String>| -> usize {
            map.iter()
                .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
                .sum()
        };
        let mut old = BTreeMap::new();
        format_1_store_map(&mut old, (1..=40).map(customer));
        assert!(
            units(&snapshot) * 4 < units(&old),
            "a quarter of the room or less"
        );
        // Nothing left to do the second time.
        assert_eq!(store.upgrade(), Ok(Upgrade::default()));
    }

    fn format_1_store_map(
        map: &mut BTreeMap<String, String>,
        customers: impl IntoIterator<Item = Customer>,
    ) {
        let backend = MemoryBackend::default();
        format_1_store(&backend, customers);
        map.extend(backend.snapshot());
    }

    #[test]
    fn a_full_format_1_store_upgrades_completely() {
        let mut old = BTreeMap::new();
        format_1_store_map(&mut old, (1..=300).map(customer));
        let used: usize = old.iter().map(|(k, v)| k.len() + v.len()).sum();
        // Not even room for one more unit.
        let backend = Arc::new(MemoryBackend::with_quota(used));
        format_1_store(&backend, (1..=300).map(customer));
        assert_eq!(backend.snapshot(), old);
        let store = Store::new(DEFAULT_PREFIX, backend.clone());
        let before = store.load().unwrap_or_default();
        assert_eq!(
            store.upgrade(),
            Ok(Upgrade {
                moved: 300,
                ..Upgrade::default()
            })
        );
        let after = store.load().unwrap_or_default();
        assert_eq!(after.customers.len(), 300);
        for c in &before.customers {
            assert_eq!(store.load_one(c.id), Ok(Some(c.clone())));
        }
        // And there is room now: 300 more fit where there was none.
        assert_eq!(
            store.save_all(&(1000..1300).map(customer).collect::<Vec<_>>()),
            Ok(())
        );
    }

    #[test]
    fn an_interrupted_upgrade_reads_each_customer_once() {
        let backend = Arc::new(crate::storage::memory::MemoryBackend::default());
        format_1_store(&backend, [customer(1), customer(2)]);
        let store = Store::new(DEFAULT_PREFIX, backend.clone());
        // The group was written, the older key not yet removed.
        let mut newer = customer(1);
        newer.billing_profile.default_address.city = "Shanghai".into();
        let group = group_of(newer.id);
        assert_eq!(
            store.write_group(group, &[Entry::Customer(Box::new(newer.clone()))]),
            Ok(())
        );
        let loaded = store.load().unwrap_or_default();
        assert_eq!(loaded.customers.len(), 2);
        assert!(loaded.customers.contains(&newer), "the group's copy wins");
        assert_eq!(
            store.upgrade(),
            Ok(Upgrade {
                moved: 2,
                ..Upgrade::default()
            })
        );
        assert_eq!(store.load_one(newer.id), Ok(Some(newer)));
        assert_eq!(store.load().map(|l| l.customers.len()), Ok(2));
    }

    #[test]
    fn an_interrupted_upgrade_uses_the_older_copy_when_the_group_copy_breaks_the_rules() {
        let backend = Arc::new(crate::storage::memory::MemoryBackend::default());
        let older = customer(1);
        format_1_store(&backend, [older.clone()]);
        let store = Store::new(DEFAULT_PREFIX, backend.clone());
        // The group's copy reads as far as the list needs, but breaks a rule further on.
        let mut broken = older.clone();
        broken.billing_profile.default_address.country = "QQ".into();
        let group = group_of(older.id);
        assert_eq!(
            store.write_group(group, &[Entry::Customer(Box::new(broken.clone()))]),
            Ok(())
        );
        let rows = store.load_rows().unwrap_or_default();
        assert_eq!(rows.rows.len(), 1);
        assert_eq!(rows.rows[0].customer(), Ok(older.clone()));
        assert_eq!(rows.unreadable.len(), 1);
        assert_eq!(rows.unreadable[0].key, store.group_key(group));
        assert_eq!(
            Some(rows.unreadable[0].raw.clone()),
            compact::record_text(&broken)
        );
        let loaded = store.load().unwrap_or_default();
        assert_eq!(loaded.customers, [older]);
        assert_eq!(loaded.unreadable, rows.unreadable);
    }

    #[test]
    fn an_unreadable_group_is_never_written_over() {
        let backend = Arc::new(crate::storage::memory::MemoryBackend::default());
        let store = Store::new(DEFAULT_PREFIX, backend.clone());
        let one = customer(1);
        let key = store.record_key(one.id);
        assert_eq!(backend.set(&key, "9 from a newer version"), Ok(()));
        assert_eq!(store.save(&one), Err(StorageError::Blocked));
        assert_eq!(
            store.save_all(std::slice::from_ref(&one)),
            Err(StorageError::Blocked)
        );
        // An older record of that group stays where it is, readable.
        format_1_store(&backend, [one.clone()]);
        assert_eq!(
            store.upgrade(),
            Ok(Upgrade {
                left: 1,
                ..Upgrade::default()
            })
        );
        assert_eq!(backend.get(&key), Ok(Some("9 from a newer version".into())));
        let loaded = store.load().unwrap_or_default();
        assert_eq!(loaded.customers, vec![one]);
        assert!(
            matches!(&loaded.unreadable[..], [u] if u.key == key && u.error == DecodeError::UnknownVersion(9))
        );
    }

    #[test]
    fn a_damaged_record_in_a_group_stays_exactly_and_can_be_discarded() {
        let backend = Arc::new(crate::storage::memory::MemoryBackend::default());
        let store = Store::new(DEFAULT_PREFIX, backend.clone());
        let one = customer(1);
        // A second customer of the same group.
        let Some(mate) = (2..5000)
            .map(customer)
            .find(|c| group_of(c.id) == group_of(one.id))
        else {
            panic!("no customer shares the group")
        };
        assert_eq!(store.save_all(&[one.clone(), mate.clone()]), Ok(()));
        let key = store.record_key(one.id);
        // The second record no longer passes the rules (as if edited by hand): framed, but not a customer.
        let mut bad_mate = mate.clone();
        bad_mate.billing_profile.email = "not-an-email".into();
        let texts: Vec<String> = [&one, &bad_mate]
            .into_iter()
            .filter_map(compact::record_text)
            .collect();
        let damaged = compact::group_value(2, texts.iter().map(String::as_str));
        assert_eq!(backend.set(&key, &damaged), Ok(()));
        let loaded = store.load().unwrap_or_default();
        let first = loaded.customers.first().map(|c| c.id);
        assert_eq!(loaded.customers.len(), 1);
        assert_eq!(loaded.unreadable.len(), 1);
        let bad = loaded.unreadable[0].clone();
        assert!(damaged.ends_with(&bad.raw));
        assert_eq!(bad.id, Some(mate.id), "its id is still known");
        assert_eq!(first, Some(one.id));
        assert_eq!(store.contains(bad.id.unwrap_or_default()), Ok(true));
        assert_eq!(
            bad.domain.as_deref(),
            Some(mate.domain()),
            "its domain stays reserved"
        );
        assert_eq!(store.domain_in_use(mate.domain()), Ok(true));
        // Saving the readable one again keeps the damaged record, exactly.
        let Some(good) = loaded.customers.first().cloned() else {
            panic!("no readable customer")
        };
        assert_eq!(store.save(&good), Ok(()));
        assert!(backend
            .get(&key)
            .ok()
            .flatten()
            .unwrap_or_default()
            .ends_with(&bad.raw));
        assert_eq!(store.discard_unreadable(&key, "not it"), Ok(false));
        assert_eq!(store.discard_unreadable(&key, &bad.raw), Ok(true));
        let loaded = store.load().unwrap_or_default();
        assert_eq!((loaded.customers, loaded.unreadable.len()), (vec![good], 0));
    }

    #[test]
    fn fifty_thousand_customers_take_under_a_hundred_units_each() {
        let backend = Arc::new(crate::storage::memory::MemoryBackend::default());
        let store = Store::new(DEFAULT_PREFIX, backend.clone());
        let all: Vec<Customer> = (1..=50_000u128).map(customer).collect();
        assert_eq!(store.save_all(&all), Ok(()));
        let snapshot = backend.snapshot();
        assert!(snapshot.len() <= usize::from(GROUPS) + 1);
        let units: usize = snapshot
            .iter()
            .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
            .sum();
        assert!(
            units / 50_000 < 100,
            "{} units per customer",
            units / 50_000
        );
        let largest = snapshot
            .values()
            .map(|v| v.encode_utf16().count())
            .max()
            .unwrap_or(0);
        assert!(largest < 4_000, "a save writes at most {largest} units");
        assert_eq!(store.load().map(|l| l.customers.len()), Ok(50_000));
    }
}
