//! Loading: every customer as rows, the list's first page first, and the records older versions left under their
//! own keys.

use std::collections::HashSet;
use std::sync::atomic::Ordering;

use uuid::Uuid;

use super::loaded::{Front, Loaded, LoadedRows, Unreadable};
use super::{Kind, Store};
use crate::model::list::sort_front;
use crate::storage::error::{DecodeError, StorageError};
use crate::storage::format::{self};
use crate::storage::legacy::json_reader_ready;
use crate::storage::row::{self, Head, Row};

/// Units of a group value read to find its first record: the mark, the count, the length and a record of 253
/// units (a realistic customer takes about 90); a longer first record is read again, as far as it goes.
const HEAD_UNITS: usize = 256;

impl Store {
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
                head = row::sorted_head(&prefix, group);
            }
            match head {
                Head::Sorted { count, first } => {
                    total += count;
                    firsts.push(first);
                }
                Head::Whole | Head::Needs(_) => {
                    if prefix.first() == Some(&(format::MARK as u8)) {
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
    pub(super) fn load_legacy(
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
            if !raw.starts_with(format::MARK) && !json_reader_ready() {
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
    pub(super) fn load_group(
        &self,
        key: String,
        group: u16,
        value: &mut Vec<u8>,
        loaded: &mut LoadedRows,
    ) -> Result<(), StorageError> {
        if !self.backend.get_utf8(&key, value)? {
            return Ok(());
        }
        if value.first() == Some(&(format::MARK as u8)) {
            self.format2_seen.store(true, Ordering::Relaxed);
        }
        match row::decode_rows_utf8(value, group) {
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
}
