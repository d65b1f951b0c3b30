//! Brings what an older version wrote to this format: records under their own keys into their groups, groups of
//! format 2 rewritten in the list's order.

use std::sync::atomic::Ordering;

use super::loaded::Upgrade;
use super::{GroupValue, Kind, Store};
use crate::model::Customer;
use crate::storage::error::StorageError;
use crate::storage::format::{self, Entry};
use crate::storage::layout::{by_group, group_of};

impl Store {
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
    pub(super) fn sort_groups(&self) -> Result<usize, StorageError> {
        let mut sorted = 0;
        let mut prefix = Vec::new();
        for key in self.backend.keys()? {
            let Kind::Group(group) = self.kind(&key) else {
                continue;
            };
            if !self.backend.get_prefix_utf8(&key, 1, &mut prefix)?
                || prefix.first() != Some(&(format::MARK as u8))
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
    pub(super) fn move_older_records(&self) -> Result<Upgrade, StorageError> {
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
            if !raw.starts_with(format::MARK) {
                if let Some(packed) = format::record_text(&customer) {
                    // Smaller than the JSON it replaces; if it is refused anyway, the JSON stays and is used.
                    let _ = self.backend.set(&key, &format::packed_value(&packed));
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
