//! Other tabs' and elements' changes: noted as they come, applied in batches, each put at its place in the list.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use leptos::prelude::*;
use uuid::Uuid;

use crate::storage::row::Row;
use crate::storage::{group_of, Change, GROUPS};

use super::app::*;

/// How many changes made elsewhere are applied in one turn of the event loop.
pub const BATCH: usize = 60;

impl AppState {
    /// Notes a key another tab or element wrote (`None`: all of localStorage was cleared). Changes are applied in
    /// batches, read from storage as they are then: a burst of a thousand writes costs a few re-renders, not a
    /// thousand, and the page stays responsive.
    pub fn note_change(&self, key: Option<String>) {
        if self.note_key(key) {
            let this = self.clone();
            self.services
                .after(Duration::ZERO, Box::new(move || this.apply_pending()));
        }
    }

    /// [`AppState::note_change`] without the scheduling: whether this key starts a batch, which the caller then has
    /// [`AppState::apply_pending`] apply (the app does so from a module of its own, see `views::shell::store`).
    pub fn note_key(&self, key: Option<String>) -> bool {
        match self.pending.lock() {
            Ok(mut pending) => {
                let first = pending.is_empty();
                pending.push(key);
                first
            }
            Err(_) => false,
        }
    }

    /// Applies up to [`BATCH`] noted changes, and schedules the rest for the next turn.
    pub fn apply_pending(&self) {
        if !self.alive() {
            return;
        }
        // A change is put at its place by a binary search: over the whole list, in order.
        self.finish_load();
        let (batch, more) = match self.pending.lock() {
            Ok(mut pending) => {
                let take = pending.len().min(BATCH);
                let batch: Vec<Option<String>> = pending.drain(..take).collect();
                (batch, !pending.is_empty())
            }
            Err(_) => return,
        };
        if batch.iter().any(Option::is_none) {
            self.reload();
        } else {
            // Each key once, in the order the changes came (a batch is at most BATCH keys: no sort needed, and
            // none of a sort's code for strings in the download).
            let mut keys: Vec<String> = Vec::with_capacity(batch.len());
            for key in batch.into_iter().flatten() {
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
            let changes: Vec<(String, Change)> = keys
                .into_iter()
                .filter_map(|key| {
                    let change = self.store.current(&key).ok()?;
                    Some((key, change))
                })
                .collect();
            self.apply_changes(changes);
        }
        if more {
            let this = self.clone();
            self.services
                .after(Duration::ZERO, Box::new(move || this.apply_pending()));
        }
    }

    /// Applies classified changes to memory: one update of each signal, one sort.
    pub(super) fn apply_changes(&self, changes: Vec<(String, Change)>) {
        let mut saved: HashMap<Uuid, Row> = HashMap::new();
        let mut gone: HashSet<Uuid> = HashSet::new();
        // Groups read whole (one flag per group): their customers not in `saved` are gone.
        let mut groups = vec![false; usize::from(GROUPS)];
        let mut any_group = false;
        // Each key once (`apply_pending` deduplicates them): a list, not a set.
        let mut touched_keys: Vec<String> = Vec::new();
        let mut broken = Vec::new();
        for (key, change) in changes {
            match change {
                Change::NotOurs | Change::Meta => continue,
                Change::Saved(customer) => {
                    gone.remove(&customer.id);
                    saved.insert(customer.id, Row::of(&customer));
                }
                Change::Removed(id) => {
                    if !saved.contains_key(&id) {
                        gone.insert(id);
                    }
                }
                Change::Unreadable(unreadable) => {
                    // A record another tab broke leaves the list, and joins the unreadable ones, as on a reload.
                    if let Some(id) = unreadable.id() {
                        saved.remove(&id);
                        gone.insert(id);
                    }
                    broken.push(unreadable);
                }
                Change::Group {
                    group,
                    customers,
                    unreadable,
                } => {
                    if let Some(flag) = groups.get_mut(usize::from(group)) {
                        *flag = true;
                        any_group = true;
                    }
                    for customer in customers {
                        gone.remove(&customer.id);
                        saved.insert(customer.id, Row::of(&customer));
                    }
                    broken.extend(unreadable);
                }
            }
            touched_keys.push(key);
        }
        if touched_keys.is_empty() {
            return;
        }
        self.unreadable.update(|list| {
            list.retain(|u| !touched_keys.contains(&u.key));
            list.extend(broken);
        });
        if any_group {
            // A customer of a changed group that is not in it is gone, unless it is still under its older key (an
            // upgrade that storage refused to finish).
            self.customers.with_untracked(|list| {
                for c in list.iter() {
                    if groups
                        .get(usize::from(group_of(c.id())))
                        .copied()
                        .unwrap_or(false)
                        && !saved.contains_key(&c.id())
                        && !self.store.has_older_record(c.id()).unwrap_or(false)
                    {
                        gone.insert(c.id());
                    }
                }
            });
        }
        self.customers.update(|list| {
            list.retain(|c| !gone.contains(&c.id()) && !saved.contains_key(&c.id()));
            list.place(saved.into_values().collect());
        });
    }
}
