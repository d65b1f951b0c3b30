//! Writes, each storage first and then memory, under the namespace's lock across tabs: add, edit, remove and Undo,
//! and what is told to the document's other instances.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use uuid::Uuid;

use crate::host::HostEvent;
use crate::model::{Customer, ValidDetails, WriteStamp};
use crate::partner_center::answer::Failure;
use crate::storage::row::Row;
use crate::storage::StorageError;

use super::app::*;
use super::outcomes::*;
use super::remote::{Added, Remote};
use super::rows::Rows;
use super::services::Guard;

/// How long a write made without Web Locks waits before it is checked again: by then every other tab's write of the
/// same moment has reached this tab's copy of storage. Measured on a 2-core machine (docs/architecture.md, "Two tabs
/// at once"): Debian's Chromium 156 passes a write on as it is made, and it reaches another tab within 8 ms idle and
/// 17 ms with both cores busy; Firefox ESR 153 passes a task's writes on when the task ends, and they reach another
/// tab within 29 ms of that.
pub const SETTLE: Duration = Duration::from_millis(250);

/// A locked step without Web Locks that takes longer than this (reading the store to check an import, say) may write
/// after another tab of the same moment has checked: it gives way to any other owner it then sees. One half of
/// [`SETTLE`], so that two shorter steps always see each other's writes when they check.
pub const LONG_STEP_MS: f64 = 125.0;

/// How a locked step met the other tabs' writes, as the check after writing needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Turn {
    /// Under the Web Lock: every other owner seen after writing was there first.
    Locked,
    /// Without Web Locks, in a step short enough that every other writer of the same moment sees its writes when
    /// it checks.
    Quick,
    /// Without Web Locks, in a step so long that another writer may have checked before its writes arrived.
    Long,
}

/// Whether a record with the id `mine` gives up its domain, seen after writing it, to one of `owners` (the ids of
/// every stored record that names the domain, its own included). Under the Web Lock, every other owner was there
/// first. Without it, every quick writer of the same moment waits [`SETTLE`] and sees the same owners, and the
/// smallest id keeps the domain, so they reach one verdict; a long step gives way to any other owner, since that one
/// may not have seen it. At most one record stays. (A record stored longer ago was seen by the check before writing,
/// so it never meets a newer one here.)
pub fn loses(owners: &[Uuid], mine: Uuid, turn: Turn) -> bool {
    match turn {
        Turn::Locked | Turn::Long => owners.iter().any(|id| *id != mine),
        Turn::Quick => owners.iter().any(|id| *id < mine),
    }
}

impl AppState {
    pub(super) fn stamp(&self) -> WriteStamp {
        self.services.stamp()
    }

    /// The name of the lock every tab and element of the origin takes to check and write this namespace.
    pub(super) fn lock_name(&self) -> String {
        format!("customer-accounts:{}", self.config.storage_prefix)
    }

    /// Runs `critical` (which reads what it decides on, then writes) as one step across every tab and element of
    /// the origin, under the namespace's Web Lock (without Web Locks it runs at once), and says how it ran. Another
    /// tab's copy of storage may lag behind even so: callers verify after writing, through [`AppState::settled`].
    pub(super) async fn locked<T: 'static>(
        &self,
        critical: impl FnOnce() -> T + 'static,
    ) -> Result<(T, Turn), StorageError> {
        let slot: Rc<RefCell<Option<(T, f64)>>> = Rc::default();
        let fill = slot.clone();
        let services = self.services.clone();
        let guard = self
            .services
            .locked(
                &self.lock_name(),
                Box::new(move || {
                    let start = services.now_ms();
                    let value = critical();
                    *fill.borrow_mut() = Some((value, services.now_ms() - start));
                }),
            )
            .await;
        let result = slot.borrow_mut().take();
        let (value, took) = result
            .ok_or_else(|| StorageError::Failed("the storage lock was not granted".into()))?;
        let turn = match guard {
            Guard::WebLock => Turn::Locked,
            Guard::Unguarded if took > LONG_STEP_MS => Turn::Long,
            Guard::Unguarded => Turn::Quick,
        };
        Ok((value, turn))
    }

    /// Waits, after a write without Web Locks, until the writes other tabs made at the same moment have arrived
    /// (under the Web Lock the next holder waits instead, so this returns at once).
    pub(super) async fn settled(&self, turn: Turn) {
        if turn != Turn::Locked {
            self.services.sleep(SETTLE).await;
        }
    }

    /// Tells the other instances of this document what was written (other documents learn it from the `storage`
    /// event), and keeps what a write starts ([`AppState::wrote`]).
    pub(super) fn announce_keys(&self, keys: Vec<String>) {
        if !keys.is_empty() {
            self.services.broadcast(&self.lock_name(), keys);
            self.wrote();
        }
    }

    /// Puts customers just stored into memory and tells the document's other instances.
    pub(super) fn stored_new(&self, customers: Vec<Customer>) {
        let keys = customers
            .iter()
            .map(|c| self.store.record_key(c.id))
            .collect();
        self.customers
            .update(|list| list.place(customers.iter().map(Row::of).collect()));
        self.announce_keys(keys);
    }

    /// A tab whose copy of storage lagged (or one without Web Locks) may have stored the domain too: the record that
    /// [`loses`] is taken back by its own tab, so exactly one survives.
    pub(super) fn lost_domain_race(
        &self,
        customer: &Customer,
        turn: Turn,
    ) -> Result<bool, StorageError> {
        let owners = self.store.owners_of(customer.domain())?;
        if loses(&owners, customer.id, turn) {
            self.store.remove(customer.id)?;
            return Ok(true);
        }
        Ok(false)
    }

    /// Whether the id or the domain of `candidate` is stored, for the check before an add writes. Memory stands for
    /// storage once every customer is loaded: its index (and the unreadable records) answer, and only the keys
    /// another tab or element changed since memory last followed them are read again, so a check at 50,000
    /// customers reads a group or two, not every one. Until then, or after a change memory cannot name (storage
    /// cleared), every stored domain is read.
    pub(super) fn stored_clash(&self, candidate: &Customer) -> Result<bool, StorageError> {
        if self.store.contains(candidate.id)? {
            return Ok(true);
        }
        let domain = candidate.domain();
        let noted: Option<Vec<String>> = self
            .pending
            .lock()
            .ok()
            .and_then(|pending| pending.iter().cloned().collect());
        match noted {
            Some(keys) if self.loading_total.get_untracked().is_none() => {
                if self.domain_in_memory(domain) {
                    return Ok(true);
                }
                for key in keys {
                    if self.store.key_uses_domain(&key, domain)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => self.store.domain_in_use(domain),
        }
    }

    /// Stores a customer whose id and domain must be free, as one locked check-and-write; then verifies, since a tab
    /// whose copy of storage lagged may still have passed the check (or there was no lock), and takes a lost race
    /// back. Memory is read again when the domain turned out taken.
    pub(super) async fn insert_unique(&self, customer: &Customer) -> Result<(), AddError> {
        let store = self.store.clone();
        let candidate = customer.clone();
        let state = self.clone();
        let (outcome, turn) = self
            .locked(move || -> Result<(), AddError> {
                if state.stored_clash(&candidate)? {
                    return Err(AddError::DomainTaken);
                }
                store.save(&candidate)?;
                Ok(())
            })
            .await?;
        if outcome.is_ok() {
            self.settled(turn).await;
        }
        let outcome = match outcome {
            Ok(()) if self.lost_domain_race(customer, turn)? => Err(AddError::DomainTaken),
            other => other,
        };
        if outcome == Err(AddError::DomainTaken) {
            self.reload();
        }
        outcome
    }

    /// Creates and stores a new customer (in Partner Center, through `remote`, when it is the source; with its sign-in).
    /// Nothing changes in memory unless storage (or Partner Center) took it.
    pub async fn add_customer(
        &self,
        prefix: &str,
        details: ValidDetails,
        remote: Option<Arc<dyn Remote>>,
    ) -> Result<Added, AddError> {
        self.dismiss_undo();
        let customer = Customer::create(
            self.services.new_uuid(),
            self.config.cloud,
            prefix,
            details,
            self.stamp(),
        );
        if self.is_remote() {
            // Without its client (its module did not arrive), nothing is written anywhere.
            let remote = remote.ok_or(AddError::Remote(Failure::Offline))?;
            return self.add_remote(remote, customer).await;
        }
        self.insert_unique(&customer).await?;
        self.put_in_memory(&customer);
        self.announce_keys(vec![self.store.record_key(customer.id)]);
        self.host.announce(HostEvent::Created, &customer);
        Ok(Added {
            customer,
            sign_in: None,
        })
    }

    /// Saves an edit made to the version of the customer with `expected_etag`, as the API's `If-Match` does: when
    /// the stored version has another etag, nothing is written and the stored version is returned in the error.
    pub async fn update(
        &self,
        id: Uuid,
        expected_etag: &str,
        details: ValidDetails,
    ) -> Result<Customer, SaveError> {
        self.dismiss_undo();
        if self.is_remote() {
            // Partner Center's customers are saved there ([`AppState::update_remote`]), never in this browser.
            return Err(SaveError::Remote(Failure::Offline));
        }
        let store = self.store.clone();
        let expected = expected_etag.to_string();
        let stamp = self.stamp();
        // Read, compare and write in one locked step: two tabs submitting at once cannot both pass the check.
        let (outcome, turn) = self
            .locked(move || -> Result<Customer, SaveError> {
                let Some(mut customer) = store.load_one(id)? else {
                    return Err(SaveError::NotFound);
                };
                if customer.etag() != expected {
                    return Err(SaveError::ChangedElsewhere(Box::new(customer)));
                }
                customer.apply(details, stamp);
                store.save(&customer)?;
                Ok(customer)
            })
            .await?;
        if outcome.is_ok() {
            self.settled(turn).await;
        }
        let outcome = match outcome {
            // A write that landed over ours since (another tab whose copy of storage lagged, or no lock at all) is
            // reported, never taken for ours: of two writes at once, storage keeps the later, and the other tab is
            // told.
            Ok(saved) => match self.store.load_one(id)? {
                Some(now) if now.etag() == saved.etag() => Ok(saved),
                Some(now) => Err(SaveError::ChangedElsewhere(Box::new(now))),
                None => Err(SaveError::NotFound),
            },
            other => other,
        };
        match outcome {
            Ok(customer) => {
                self.put_in_memory(&customer);
                self.announce_keys(vec![self.store.record_key(id)]);
                self.host.announce(HostEvent::Updated, &customer);
                Ok(customer)
            }
            Err(SaveError::ChangedElsewhere(newer)) => {
                self.put_in_memory(&newer);
                Err(SaveError::ChangedElsewhere(newer))
            }
            Err(SaveError::NotFound) => {
                self.customers.update(|list| {
                    list.remove(id);
                });
                Err(SaveError::NotFound)
            }
            Err(other) => Err(other),
        }
    }

    pub(super) fn put_in_memory(&self, customer: &Customer) {
        let row = Row::of(customer);
        self.customers.update(|list| {
            // Taken out and put back at its place: the rest of the list stays in order.
            list.remove(customer.id);
            list.place(vec![row]);
        });
    }

    /// Removes a customer as it is stored now (read under the lock, never a stale copy in memory), offering
    /// "Undo" with that stored version, until the next action.
    pub async fn remove(&self, id: Uuid) -> Result<(), StorageError> {
        let store = self.store.clone();
        let (outcome, _) = self
            .locked(move || -> Result<Option<Customer>, StorageError> {
                let stored = store.load_one(id)?;
                if stored.is_some() {
                    store.remove(id)?;
                }
                Ok(stored)
            })
            .await?;
        let removed_customer = outcome?;
        self.customers.update(|list| {
            list.remove(id);
        });
        let Some(customer) = removed_customer else {
            return Ok(());
        };
        self.announce_keys(vec![self.store.record_key(id)]);
        // Offered until the next action or until dismissed, however long the person takes to read it.
        self.removed.set(Some(Removed { customer }));
        Ok(())
    }

    /// Ends the "Undo" offer (its Dismiss button, or any next action).
    pub fn dismiss_undo(&self) {
        if self.removed.with_untracked(Option::is_some) {
            self.removed.set(None);
        }
    }

    /// Puts the last removed customer back exactly as it was stored, unless its id or domain was taken since.
    pub async fn undo_remove(&self) -> Result<Option<Customer>, AddError> {
        let Some(Removed { customer, .. }) = self.removed.get_untracked() else {
            return Ok(None);
        };
        self.insert_unique(&customer).await?;
        self.removed.set(None);
        self.put_in_memory(&customer);
        self.announce_keys(vec![self.store.record_key(customer.id)]);
        Ok(Some(customer))
    }

    /// Removes every stored value under this instance's prefix, unreadable ones included.
    pub async fn remove_all(&self) -> Result<usize, StorageError> {
        self.finish_load();
        self.dismiss_undo();
        let store = self.store.clone();
        let (outcome, _) = self.locked(move || store.remove_all()).await?;
        let removed = outcome?;
        self.customers.set(Rows::default());
        self.unreadable.set(Vec::new());
        self.removed.set(None);
        // Every instance of the document reads everything again.
        self.announce_keys(vec![String::new()]);
        Ok(removed)
    }

    /// Removes the unreadable records the user chose to discard (those another tab repaired meanwhile stay). Those
    /// a newer version of the app wrote are no damage: they stay, whatever is asked.
    pub async fn discard_unreadable(&self) -> Result<usize, StorageError> {
        self.finish_load();
        self.dismiss_undo();
        let mut list = self.unreadable.get_untracked();
        list.retain(|entry| !entry.error.is_newer());
        let store = self.store.clone();
        let (outcome, _) = self
            .locked(move || -> Result<(usize, Vec<String>), StorageError> {
                let mut keys = Vec::new();
                for entry in &list {
                    if store.discard_unreadable(&entry.key, &entry.raw)? {
                        keys.push(entry.key.clone());
                    }
                }
                Ok((keys.len(), keys))
            })
            .await?;
        let (discarded, keys) = outcome?;
        self.reload();
        self.announce_keys(keys);
        Ok(discarded)
    }
}
