//! The app's reactive state, between storage and the views: the loaded customers, the current route, and the
//! operations that write (each one storage first, then memory, so memory never shows what was not stored).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use leptos::prelude::*;
use uuid::Uuid;

use crate::host::{Host, HostEvent};
use crate::messages;
use crate::model::search::sort;
use crate::model::{Cloud, Customer, ValidDetails, WriteStamp};
use crate::platform;
use crate::routing::Route;
use crate::storage::local::LocalBackend;
use crate::storage::memory::MemoryBackend;
use crate::storage::{Backend, StorageError, Store, DEFAULT_PREFIX};

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
    /// This many stored records could not be read (they are left untouched).
    Unreadable(usize),
    /// Listing the stored records failed.
    LoadFailed(StorageError),
}

/// Why saving an edit did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    Storage(StorageError),
    /// The stored record's etag differs from the one the form was opened with.
    ChangedElsewhere,
    NotFound,
}

impl From<StorageError> for SaveError {
    fn from(error: StorageError) -> Self {
        SaveError::Storage(error)
    }
}

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
    store: Arc<Store>,
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
        let mut state = Self::with_backend(config, backend, notices);
        if !host.owns_page() {
            // An embedded instance starts at its list, whatever the host page's address says.
            state.route.set(Route::List);
        }
        state.host = host;
        state
    }

    /// The same over a given backend (tests use memory).
    pub fn with_backend(
        config: AppConfig,
        backend: Arc<dyn Backend>,
        mut notices: Vec<Notice>,
    ) -> AppState {
        let store = Arc::new(Store::new(&config.storage_prefix, backend));
        let mut customers = match store.load() {
            Ok(loaded) => {
                if !loaded.unreadable.is_empty() {
                    notices.push(Notice::Unreadable(loaded.unreadable.len()));
                }
                loaded.customers
            }
            Err(error) => {
                notices.push(Notice::LoadFailed(error));
                Vec::new()
            }
        };
        sort(&mut customers);
        AppState {
            config,
            host: Host::Page,
            customers: RwSignal::new(customers),
            route: RwSignal::new(Route::parse(&platform::current_hash())),
            search: RwSignal::new(String::new()),
            unsaved: RwSignal::new(None),
            notices: RwSignal::new(notices),
            store,
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
            platform::set_hash(&to.href());
            return;
        }
        if self.route.get_untracked() == to {
            return;
        }
        if self.has_unsaved_changes() && !platform::confirm(messages::LEAVE_UNSAVED) {
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

    fn stamp() -> WriteStamp {
        WriteStamp {
            etag: platform::new_etag(),
            now: platform::now_iso(),
        }
    }

    /// Creates and stores a new customer. Nothing changes in memory unless storage took it.
    pub fn add(&self, prefix: &str, details: ValidDetails) -> Result<Customer, StorageError> {
        let customer = Customer::create(
            platform::new_uuid(),
            self.config.cloud,
            prefix,
            details,
            Self::stamp(),
        );
        self.store.save(&customer)?;
        self.customers.update(|list| {
            list.push(customer.clone());
            sort(list);
        });
        self.host.announce(HostEvent::Created, &customer);
        Ok(customer)
    }

    /// Saves an edit made to the version of the customer with `expected_etag`, as the API's `If-Match` does.
    pub fn update(
        &self,
        id: Uuid,
        expected_etag: &str,
        details: ValidDetails,
    ) -> Result<Customer, SaveError> {
        let current = self
            .customers
            .with_untracked(|list| list.iter().find(|c| c.id == id).cloned());
        let mut customer = current.ok_or(SaveError::NotFound)?;
        // Another tab may have written since this one loaded: the stored etag is the truth.
        let stored_etag = self.store.load_one(id)?.map(|c| c.etag().to_string());
        if customer.etag() != expected_etag || stored_etag.as_deref() != Some(expected_etag) {
            return Err(SaveError::ChangedElsewhere);
        }
        customer.apply(details, Self::stamp());
        self.store.save(&customer)?;
        self.customers.update(|list| {
            if let Some(slot) = list.iter_mut().find(|c| c.id == id) {
                *slot = customer.clone();
            }
            sort(list);
        });
        self.host.announce(HostEvent::Updated, &customer);
        Ok(customer)
    }
}
