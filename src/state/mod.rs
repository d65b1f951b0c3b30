//! The app's reactive state, between storage and the views: the loaded customers, the current route, and the
//! operations that write (each one storage first, then memory, so memory never shows what was not stored).
//!
//! Everything it needs from the browser beyond storage goes through [`Services`], so it is tested natively.

pub mod services;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use leptos::prelude::*;
use uuid::Uuid;

use crate::host::{Host, HostEvent};
use crate::messages;
use crate::model::demo::demo_drafts;
use crate::model::search::sort;
use crate::model::transfer::{parse_import, ImportProblem};
use crate::model::validation::validate_new;
use crate::model::{Cloud, Customer, ValidDetails, WriteStamp};
use crate::routing::Route;
use crate::storage::local::LocalBackend;
use crate::storage::memory::MemoryBackend;
use crate::storage::{Backend, Change, StorageError, Store, Unreadable, DEFAULT_PREFIX};
pub use services::Services;

/// How an app instance is set up (an embedding page will pass these).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppConfig {
    /// Prefix of every storage key; instances with different prefixes never see each other's customers.
    pub storage_prefix: String,
    /// Decides the domain suffix of new customers.
    pub cloud: Cloud,
}

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig {
            storage_prefix: DEFAULT_PREFIX.into(),
            cloud: Cloud::default(),
        }
    }
}

/// Something the user must know about storage as a whole, shown above every page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// localStorage could not be opened: customers live in memory for this visit.
    StorageBlocked,
    /// Listing the stored records failed.
    LoadFailed(StorageError),
}

/// Why saving an edit did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    Storage(StorageError),
    /// The stored record's etag differs from the one the form was opened with: here is the stored version.
    ChangedElsewhere(Box<Customer>),
    /// The customer is not stored any more (removed, perhaps in another tab).
    NotFound,
}

impl From<StorageError> for SaveError {
    fn from(error: StorageError) -> Self {
        SaveError::Storage(error)
    }
}

/// Why adding a customer did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddError {
    Storage(StorageError),
    /// Another tab stored a customer with this domain since the form checked it.
    DomainTaken,
}

impl From<StorageError> for AddError {
    fn from(error: StorageError) -> Self {
        AddError::Storage(error)
    }
}

/// Why an import stored nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// The file or some of its records are not acceptable.
    Problems(Vec<ImportProblem>),
    /// Storage refused a write; everything written before it was taken back.
    Storage(StorageError),
}

/// What "Load demo customers" did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoOutcome {
    pub added: usize,
    /// Demo customers whose domain was already in use (loaded before, most likely).
    pub skipped: usize,
}

/// A customer just removed, which "Undo" can put back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removed {
    pub customer: Customer,
    /// Tells successive removals apart, so the timer of an earlier one does not hide a later one.
    pub serial: u64,
}

/// How long "Undo" is offered after a removal.
pub const UNDO_SECONDS: u64 = 10;

/// A form's "are there unsaved changes?" signal, registered while the form is on the page.
#[derive(Clone, Copy)]
struct UnsavedGuard {
    id: u64,
    pending: Signal<bool>,
}

static NEXT_GUARD: AtomicU64 = AtomicU64::new(0);

/// Shared by every view through context.
#[derive(Clone)]
pub struct AppState {
    pub config: AppConfig,
    /// A page of its own, or an element of a host page.
    pub host: Host,
    /// Every readable customer, sorted for the list.
    pub customers: RwSignal<Vec<Customer>>,
    pub route: RwSignal<Route>,
    /// The list's search text, kept while the user visits a customer and comes back.
    pub search: RwSignal<String>,
    /// The unsaved-changes question of the form on the page, if any; leaving asks first when it says yes.
    unsaved: RwSignal<Option<UnsavedGuard>>,
    pub notices: RwSignal<Vec<Notice>>,
    /// Stored values under our prefix that are not readable customers: listed for download, never touched unless
    /// the user discards them.
    pub unreadable: RwSignal<Vec<Unreadable>>,
    /// The last removed customer, while "Undo" is offered.
    pub removed: RwSignal<Option<Removed>>,
    store: Arc<Store>,
    services: Arc<dyn Services>,
}

impl AppState {
    /// Opens storage (memory when the browser blocks it) and loads every customer.
    pub fn init(config: AppConfig, host: Host) -> AppState {
        let mut notices = Vec::new();
        let backend: Arc<dyn Backend> = match LocalBackend::open() {
            Ok(local) => Arc::new(local),
            Err(_) => {
                notices.push(Notice::StorageBlocked);
                Arc::new(MemoryBackend::default())
            }
        };
        let mut state = Self::with_backend(config, backend, Arc::new(services::Browser), notices);
        if !host.owns_page() {
            // An embedded instance starts at its list, whatever the host page's address says.
            state.route.set(Route::List);
        }
        state.host = host;
        state
    }

    /// The same over a given backend and services (tests use memory and stand-ins).
    pub fn with_backend(
        config: AppConfig,
        backend: Arc<dyn Backend>,
        services: Arc<dyn Services>,
        mut notices: Vec<Notice>,
    ) -> AppState {
        let store = Arc::new(Store::new(&config.storage_prefix, backend));
        let (customers, unreadable) = match store.load() {
            Ok(loaded) => (loaded.customers, loaded.unreadable),
            Err(error) => {
                notices.push(Notice::LoadFailed(error));
                (Vec::new(), Vec::new())
            }
        };
        let state = AppState {
            config,
            host: Host::Page,
            customers: RwSignal::new(Vec::new()),
            route: RwSignal::new(Route::parse(&services.current_hash())),
            search: RwSignal::new(String::new()),
            unsaved: RwSignal::new(None),
            notices: RwSignal::new(notices),
            unreadable: RwSignal::new(unreadable),
            removed: RwSignal::new(None),
            store,
            services,
        };
        state.set_customers(customers);
        state
    }

    fn set_customers(&self, mut customers: Vec<Customer>) {
        sort(&mut customers);
        self.customers.set(customers);
    }

    /// Reads everything again (another tab cleared storage, or a write found memory behind).
    pub fn reload(&self) {
        match self.store.load() {
            Ok(loaded) => {
                self.set_customers(loaded.customers);
                self.unreadable.set(loaded.unreadable);
            }
            Err(error) => self.notices.update(|n| {
                if !n.contains(&Notice::LoadFailed(error.clone())) {
                    n.push(Notice::LoadFailed(error));
                }
            }),
        }
    }

    /// Applies a change another tab made, reported by the `storage` event: `key` is `None` when that tab cleared
    /// all of localStorage. Only the changed record is read, so a busy origin does not reload everything.
    pub fn apply_storage_change(&self, key: Option<&str>, new_value: Option<&str>) {
        let Some(key) = key else {
            self.reload();
            return;
        };
        match self.store.classify(key, new_value) {
            Change::NotOurs | Change::Meta => {}
            Change::Saved(customer) => {
                let id = customer.id;
                self.unreadable.update(|list| list.retain(|u| u.key != key));
                self.customers.update(|list| {
                    match list.iter_mut().find(|c| c.id == id) {
                        Some(slot) => *slot = *customer,
                        None => list.push(*customer),
                    }
                    sort(list);
                });
            }
            Change::Removed(id) => {
                self.unreadable.update(|list| list.retain(|u| u.key != key));
                self.customers.update(|list| list.retain(|c| c.id != id));
            }
            Change::Unreadable(unreadable) => {
                // A record another tab broke leaves the list, and joins the unreadable ones, as on a reload.
                let id = key
                    .rsplit(':')
                    .next()
                    .and_then(|id| Uuid::parse_str(id).ok());
                if let Some(id) = id {
                    self.customers.update(|list| list.retain(|c| c.id != id));
                }
                self.unreadable.update(|list| {
                    list.retain(|u| u.key != key);
                    list.push(unreadable);
                });
            }
        }
    }

    /// Registers the calling form's unsaved-changes signal for as long as the form lives. Derived, not set, so it
    /// can never lag behind what the user typed.
    pub fn guard_unsaved(&self, pending: Signal<bool>) {
        let id = NEXT_GUARD.fetch_add(1, Ordering::Relaxed);
        self.unsaved.set(Some(UnsavedGuard { id, pending }));
        let unsaved = self.unsaved;
        // The next page's form may register before this one is dropped: clear only our own guard.
        on_cleanup(move || {
            unsaved.try_update(|guard| {
                if guard.is_some_and(|g| g.id == id) {
                    *guard = None;
                }
            });
        });
    }

    /// Goes to a page. On a page of its own the location hash changes (and the `hashchange` listener asks about
    /// unsaved changes); embedded, the route changes in memory after the same question.
    pub fn navigate(&self, to: Route) {
        if self.host.owns_page() {
            self.services.set_hash(&to.href());
            return;
        }
        if self.route.get_untracked() == to {
            return;
        }
        if self.has_unsaved_changes() && !self.services.confirm(messages::LEAVE_UNSAVED) {
            return;
        }
        self.route.set(to);
    }

    /// Whether leaving now would lose typed values.
    pub fn has_unsaved_changes(&self) -> bool {
        self.unsaved.with_untracked(|guard| {
            guard.is_some_and(|g| g.pending.try_get_untracked().unwrap_or(false))
        })
    }

    /// A customer by id, tracked: views that call it update when the customer changes.
    pub fn customer(&self, id: Uuid) -> Option<Customer> {
        self.customers
            .with(|list| list.iter().find(|c| c.id == id).cloned())
    }

    /// Whether a full domain belongs to a customer already (tracked, so availability updates live).
    pub fn is_domain_taken(&self, domain: &str) -> bool {
        self.customers
            .with(|list| list.iter().any(|c| c.domain().eq_ignore_ascii_case(domain)))
    }

    fn stamp(&self) -> WriteStamp {
        self.services.stamp()
    }

    /// Creates and stores a new customer. Nothing changes in memory unless storage took it.
    pub fn add(&self, prefix: &str, details: ValidDetails) -> Result<Customer, AddError> {
        let customer = Customer::create(
            self.services.new_uuid(),
            self.config.cloud,
            prefix,
            details,
            self.stamp(),
        );
        // Memory follows other tabs within moments, but storage is the truth: check it before the write.
        if self.store.domain_in_use(customer.domain())? {
            self.reload();
            return Err(AddError::DomainTaken);
        }
        self.store.save(&customer)?;
        self.customers.update(|list| {
            list.push(customer.clone());
            sort(list);
        });
        self.host.announce(HostEvent::Created, &customer);
        Ok(customer)
    }

    /// Saves an edit made to the version of the customer with `expected_etag`, as the API's `If-Match` does: when
    /// the stored version has another etag, nothing is written and the stored version is returned in the error.
    pub fn update(
        &self,
        id: Uuid,
        expected_etag: &str,
        details: ValidDetails,
    ) -> Result<Customer, SaveError> {
        // Another tab may have written since this one loaded: the stored record is the truth.
        let Some(mut customer) = self.store.load_one(id)? else {
            return Err(SaveError::NotFound);
        };
        if customer.etag() != expected_etag {
            self.put_in_memory(customer.clone());
            return Err(SaveError::ChangedElsewhere(Box::new(customer)));
        }
        customer.apply(details, self.stamp());
        self.store.save(&customer)?;
        self.put_in_memory(customer.clone());
        self.host.announce(HostEvent::Updated, &customer);
        Ok(customer)
    }

    fn put_in_memory(&self, customer: Customer) {
        self.customers.update(|list| {
            match list.iter_mut().find(|c| c.id == customer.id) {
                Some(slot) => *slot = customer,
                None => list.push(customer),
            }
            sort(list);
        });
    }

    /// Removes a customer, offering "Undo" for [`UNDO_SECONDS`].
    pub fn remove(&self, id: Uuid) -> Result<(), StorageError> {
        let Some(customer) = self
            .customers
            .with_untracked(|list| list.iter().find(|c| c.id == id).cloned())
        else {
            return Ok(());
        };
        self.store.remove(id)?;
        self.customers.update(|list| list.retain(|c| c.id != id));
        let serial = NEXT_GUARD.fetch_add(1, Ordering::Relaxed);
        self.removed.set(Some(Removed { customer, serial }));
        let removed = self.removed;
        self.services.after(
            std::time::Duration::from_secs(UNDO_SECONDS),
            Box::new(move || {
                removed.try_update(|r| {
                    if r.as_ref().is_some_and(|r| r.serial == serial) {
                        *r = None;
                    }
                });
            }),
        );
        Ok(())
    }

    /// Puts the last removed customer back exactly as it was.
    pub fn undo_remove(&self) -> Result<Option<Customer>, AddError> {
        let Some(Removed { customer, .. }) = self.removed.get_untracked() else {
            return Ok(None);
        };
        if self.store.domain_in_use(customer.domain())? {
            self.reload();
            return Err(AddError::DomainTaken);
        }
        self.store.save(&customer)?;
        self.removed.set(None);
        self.put_in_memory(customer.clone());
        Ok(Some(customer))
    }

    /// Removes every stored value under this instance's prefix, unreadable ones included.
    pub fn remove_all(&self) -> Result<usize, StorageError> {
        let removed = self.store.remove_all()?;
        self.customers.set(Vec::new());
        self.unreadable.set(Vec::new());
        self.removed.set(None);
        Ok(removed)
    }

    /// Removes the unreadable records the user chose to discard (those another tab repaired meanwhile stay).
    pub fn discard_unreadable(&self) -> Result<usize, StorageError> {
        let list = self.unreadable.get_untracked();
        let mut discarded = 0;
        for entry in &list {
            if self.store.discard_unreadable(&entry.key, &entry.raw)? {
                discarded += 1;
            }
        }
        self.reload();
        Ok(discarded)
    }

    /// Every customer currently stored (the truth for checks that other tabs may have outdated in memory).
    fn stored_customers(&self) -> Result<Vec<Customer>, StorageError> {
        Ok(self.store.load()?.customers)
    }

    /// Imports an "Export JSON" file: every record or none.
    pub fn import(&self, text: &str) -> Result<usize, ImportError> {
        let existing = self.stored_customers().map_err(ImportError::Storage)?;
        let customers = parse_import(text, self.config.cloud, &existing, &mut || self.stamp())
            .map_err(ImportError::Problems)?;
        // An unreadable record is not in `existing`, but its key must never be written over.
        let mut problems = Vec::new();
        for (index, customer) in customers.iter().enumerate() {
            if self
                .store
                .contains(customer.id)
                .map_err(ImportError::Storage)?
            {
                problems.push(ImportProblem {
                    record: Some(index + 1),
                    field: Some(messages::MICROSOFT_ID.into()),
                    message: messages::ID_IN_USE_UNREADABLE.into(),
                });
            }
        }
        if !problems.is_empty() {
            return Err(ImportError::Problems(problems));
        }
        self.store
            .save_all(&customers)
            .map_err(ImportError::Storage)?;
        let count = customers.len();
        self.customers.update(|list| {
            list.extend(customers);
            sort(list);
        });
        Ok(count)
    }

    /// Adds the demo customers whose domains are free, built and validated as the form builds them.
    pub fn load_demo(&self) -> Result<DemoOutcome, StorageError> {
        let existing = self.stored_customers()?;
        let mut taken: Vec<String> = existing.iter().map(|c| c.domain().to_string()).collect();
        let mut customers = Vec::new();
        let mut skipped = 0;
        for draft in demo_drafts() {
            let valid = validate_new(&draft, self.config.cloud, |domain| {
                taken.iter().any(|t| t.eq_ignore_ascii_case(domain))
            });
            match valid {
                Ok((prefix, details)) => {
                    let customer = Customer::create(
                        self.services.new_uuid(),
                        self.config.cloud,
                        &prefix,
                        details,
                        self.stamp(),
                    );
                    taken.push(customer.domain().to_string());
                    customers.push(customer);
                }
                Err(_) => skipped += 1,
            }
        }
        self.store.save_all(&customers)?;
        let added = customers.len();
        self.customers.update(|list| {
            list.extend(customers);
            sort(list);
        });
        Ok(DemoOutcome { added, skipped })
    }
}

#[cfg(test)]
mod tests;
