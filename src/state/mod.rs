//! The app's reactive state, between storage and the views: the loaded customers, the current route, and the
//! operations that write (each one storage first, then memory, so memory never shows what was not stored).
//!
//! Everything it needs from the browser beyond storage goes through [`Services`], so it is tested natively.

pub mod rows;
pub mod services;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use leptos::prelude::*;
use uuid::Uuid;

use crate::host::{Host, HostEvent};
use crate::locale::Lang;
use crate::model::demo::demo_drafts;
use crate::model::exchange::{ImportIssue, ImportProblem, ImportReader};
use crate::model::form::validate_new;
use crate::model::list::{Listed, SortOrder};
use crate::model::{Cloud, Customer, ValidDetails, WriteStamp};
use crate::routing::Route;
use crate::storage::backend::local::LocalBackend;
use crate::storage::backend::memory::MemoryBackend;
use crate::storage::{group_of, Backend, Change, LoadedRows, Store, Upgrade, GROUPS};
pub use rows::Rows;
// What the views need of storage, through the state: they never reach into storage themselves.
pub use crate::storage::row::Row;
#[cfg(all(feature = "split", target_family = "wasm"))]
pub use crate::storage::set_json_reader;
pub use crate::storage::{
    codec_decode, is_valid_namespace, json_reader_ready, JsonReader, StorageError, Unreadable,
    DEFAULT_PREFIX,
};
pub use services::{Question, Services};

/// How an app instance is set up (an embedding page will pass these).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppConfig {
    /// Prefix of every storage key; instances with different prefixes never see each other's customers.
    pub storage_prefix: String,
    /// Decides the domain suffix of new customers.
    pub cloud: Cloud,
    /// The language the embedding element asks for (its `lang` attribute), if any.
    pub lang: Option<String>,
}

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig {
            storage_prefix: DEFAULT_PREFIX.into(),
            cloud: Cloud::default(),
            lang: None,
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
    /// Records an older version wrote are there, and the part of the app that reads them did not load: they are
    /// kept as they are, unread, until a later load.
    OlderNotRead,
}

/// What the last action said, for the page it was said on (the views word it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// An edit was saved ("Changes saved.").
    Saved,
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
    /// The person cancelled it before anything was written.
    Cancelled,
}

/// How far a running import is, for its progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportProgress {
    /// Records checked so far, of `total`.
    pub checked: usize,
    pub total: usize,
    /// Checking is done and the customers are being written: too late to cancel.
    pub saving: bool,
}

/// Records checked between two pauses of an import: a few tens of milliseconds of work.
const IMPORT_SLICE: usize = 500;

/// What "Load demo customers" did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DemoOutcome {
    pub added: usize,
    /// Demo customers whose domain was already in use (loaded before, most likely).
    pub skipped: usize,
    /// Demo customers (by company name) whose domain a stored record that can't be read holds.
    pub reserved: Vec<String>,
}

/// A customer just removed, which "Undo" can put back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removed {
    pub customer: Customer,
}

/// Rows a load puts in order before the list paints: the most the list's first page shows.
pub const FRONT: usize = 200;

/// Rows the list's first page shows until the person picks another page size: all a load opened at the list reads
/// before it paints (any other page, or page size, waits for [`AppState::finish_load`]).
pub const FIRST_PAGE: usize = 25;

/// Every customer under the store's prefix, as rows, each checked whole later (`check_rows`). A split build reads
/// records under older keys (a store an older version wrote, an upgrade interrupted) from a module of its own: the
/// app then waits for it before showing the list (`waiting_for_reader`).
fn load_all(store: &Store) -> Result<LoadedRows, StorageError> {
    if cfg!(all(feature = "split", target_family = "wasm")) {
        store.load_groups().map(|(mut loaded, legacy)| {
            loaded.waiting_for_reader |= !legacy.is_empty();
            loaded
        })
    } else {
        store.load_rows()
    }
}

/// How many changes made elsewhere are applied in one turn of the event loop.
pub const BATCH: usize = 60;

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
    /// Every readable customer, as a [`Row`] (what the list shows, and the stored record), sorted for the list
    /// (just after a load, only the first [`FRONT`] until [`AppState::finish_load`]), with the indexes that find
    /// one customer or domain.
    pub customers: RwSignal<Rows<Row>>,
    pub route: RwSignal<Route>,
    /// The interface's language ("Display language").
    pub lang: RwSignal<Lang>,
    /// The list's search text, kept while the user visits a customer and comes back.
    pub search: RwSignal<String>,
    /// The list's order, chosen by its column headers and kept for the visit.
    pub sort_order: RwSignal<SortOrder>,
    /// The unsaved-changes question of the form on the page, if any; leaving asks first when it says yes.
    unsaved: RwSignal<Option<UnsavedGuard>>,
    pub notices: RwSignal<Vec<Notice>>,
    /// Stored values under our prefix that are not readable customers: listed for download, never touched unless
    /// the user discards them.
    pub unreadable: RwSignal<Vec<Unreadable>>,
    /// The last removed customer, while "Undo" is offered.
    pub removed: RwSignal<Option<Removed>>,
    /// What the last save said ("Changes saved."), for the page it was said on; it goes when that page does. A
    /// text, not a string, so it follows "Display language".
    pub status: RwSignal<Option<(Route, Status)>>,
    /// The running import's progress; `None` when none runs.
    pub import_progress: RwSignal<Option<ImportProgress>>,
    /// Set to stop the running import before it writes.
    import_cancel: Arc<AtomicBool>,
    store: Arc<Store>,
    services: Arc<dyn Services>,
    /// Keys written elsewhere, waiting to be applied in a batch.
    pending: Arc<Mutex<Vec<Option<String>>>>,
    /// See [`AppState::older_unread`].
    older_unread: Arc<AtomicBool>,
    /// How many customers there are, while `customers` holds only the list's first [`FIRST_PAGE`] (a load read
    /// only those, see [`Store::load_front`]; [`AppState::finish_load`] reads the rest once the list has painted).
    pub loading_total: RwSignal<Option<usize>>,
}

impl AppState {
    /// Asked as the app mounts: whether the load left records of formats 1 and 0 unread until the reader of JSON
    /// records is there (a split build: see [`crate::storage::set_json_reader`]); then the list waits for it, and
    /// [`AppState::reload`] reads them. The same as [`AppState::older_unread`] until then.
    pub fn waiting_for_reader(&self) -> bool {
        self.older_unread()
    }

    /// Whether another tab's write to `key` is a record in an older version's format (an older version of the app
    /// in another tab), which needs the reader of such records.
    pub fn is_older_key(&self, key: &str) -> bool {
        self.store.is_older_key(key)
    }

    /// Whether records of an older version are known to be in storage but not in memory: the load left them for
    /// their reader ([`AppState::waiting_for_reader`]), or their reader or the read again did not load. Cleared by
    /// a [`AppState::reload`] that read them. A write that checks ids and domains against every stored record waits
    /// for them first (`views::shell::store::read_older_first`).
    pub fn older_unread(&self) -> bool {
        self.older_unread.load(Ordering::Relaxed)
    }

    /// Says that records of an older version stay unread (their reader did not load).
    pub fn older_not_read(&self) {
        self.older_unread.store(true, Ordering::Relaxed);
        // Called after an await: the app may have gone meanwhile.
        self.notices.try_update(|n| {
            if !n.contains(&Notice::OlderNotRead) {
                n.push(Notice::OlderNotRead);
            }
        });
    }

    /// Opens storage (memory when the browser blocks it) and loads every customer; `services` are the browser's.
    pub fn init(config: AppConfig, host: Host, services: Arc<dyn Services>) -> AppState {
        let mut notices = Vec::new();
        let backend: Arc<dyn Backend> = match LocalBackend::open() {
            Ok(local) => Arc::new(local),
            Err(_) => {
                notices.push(Notice::StorageBlocked);
                Arc::new(MemoryBackend::default())
            }
        };
        let mut state = Self::with_backend(config, backend, services, notices);
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
        let route = Route::parse(&services.current_hash());
        // Opened at the list, the load reads only what its first page shows, and the rest once it has painted
        // (`finish_load`). Elsewhere a page may need any customer at once.
        let front = if route == Route::List {
            store.load_front(FIRST_PAGE)
        } else {
            Ok(None)
        };
        let mut loading_total = None;
        let loaded = match front {
            Ok(Some(front)) => {
                if !front.complete {
                    loading_total = Some(front.total);
                }
                Ok(LoadedRows {
                    rows: front.rows,
                    unreadable: front.unreadable,
                    waiting_for_reader: false,
                })
            }
            Ok(None) => load_all(&store),
            Err(error) => Err(error),
        };
        let (customers, unreadable, waiting_for_reader) = match loaded {
            Ok(loaded) => (loaded.rows, loaded.unreadable, loaded.waiting_for_reader),
            Err(error) => {
                notices.push(Notice::LoadFailed(error));
                (Vec::new(), Vec::new(), false)
            }
        };
        let remembered = store.display_language();
        let browser = services.languages();
        let lang = Lang::initial(
            remembered.as_deref(),
            config.lang.as_deref(),
            browser.iter().map(String::as_str),
        );
        let state = AppState {
            config,
            host: Host::Page,
            lang: RwSignal::new(lang),
            customers: RwSignal::new(Rows::default()),
            route: RwSignal::new(route),
            search: RwSignal::new(String::new()),
            sort_order: RwSignal::new(SortOrder::default()),
            unsaved: RwSignal::new(None),
            notices: RwSignal::new(notices),
            unreadable: RwSignal::new(unreadable),
            removed: RwSignal::new(None),
            status: RwSignal::new(None),
            import_progress: RwSignal::new(None),
            import_cancel: Arc::default(),
            store,
            services,
            pending: Arc::default(),
            older_unread: Arc::new(AtomicBool::new(waiting_for_reader)),
            loading_total: RwSignal::new(loading_total),
        };
        // Only what the list's first page can show, the rest after the list has painted.
        state.customers.set(Rows::front_sorted(customers, FRONT));
        state
    }

    /// Every customer, put in the list's order (a whole load's).
    fn set_customers(&self, customers: Vec<Row>) {
        self.customers.set(Rows::sorted(customers));
        if self.loading_total.get_untracked().is_some() {
            self.loading_total.set(None);
        }
    }

    /// Finishes a load that read or sorted only the list's first page: reads every customer (when the load read only
    /// the first page) and puts them all in the list's order. First of all once the list has painted (before
    /// [`AppState::check_rows`], which walks the rows by position), or sooner when the person searches, sorts, pages
    /// or leaves the list, or another tab's change comes in (a tab in the background gets no frames, and starts
    /// that work on a timer). Once done, it does nothing.
    pub fn finish_load(&self) {
        // Also called from a timer: the app may have been unmounted meanwhile.
        if self.loading_total.try_get_untracked().flatten().is_some() {
            match load_all(&self.store) {
                Ok(loaded) => {
                    if loaded.waiting_for_reader {
                        // Another tab of an older version wrote records of its format since the first page was read.
                        self.older_unread.store(true, Ordering::Relaxed);
                    }
                    self.set_customers(loaded.rows);
                    self.unreadable.set(loaded.unreadable);
                }
                Err(error) => {
                    // The first page stays, with the total, and the next call tries again: nothing that needs every
                    // customer (an export, an import) works from the first page alone.
                    self.notices.update(|n| {
                        if !n.contains(&Notice::LoadFailed(error.clone())) {
                            n.push(Notice::LoadFailed(error));
                        }
                    });
                }
            }
        }
        if self.customers.try_with_untracked(Rows::is_ordered) == Some(false) {
            self.customers.try_update(Rows::sort);
        }
    }

    /// Checks every row a load read but did not check (each record decoded whole and held to the rules), a slice at
    /// a time between turns of the event loop, so the list shows first and stays responsive. A row that fails leaves
    /// the list and joins the unreadable records, as it would have on a load that checked everything at once.
    pub async fn check_rows(&self) {
        /// Rows checked between two pauses: a few milliseconds of work.
        const SLICE: usize = 500;
        let mut at = 0;
        // Every access is a `try_`: the app may have been unmounted while this paused (an embedded element removed),
        // and then this simply stops.
        loop {
            // First of all after the list is drawn.
            self.services.pause().await;
            let mut failed = Vec::new();
            let Some(end) = self.customers.try_update_untracked(|rows| {
                let mut end = (at + SLICE).min(rows.len());
                let mut position = at;
                while position < end {
                    match rows.get_mut(position).map(Row::check) {
                        None | Some(Ok(())) => position += 1,
                        Some(Err(error)) => {
                            // Taken out where it is (an exact copy elsewhere is checked, and reported, on its own);
                            // the rows after it move up.
                            if let Some(row) = rows.remove_at(position) {
                                failed.push(self.store.unreadable_row(&row, error));
                            }
                            end -= 1;
                        }
                    }
                }
                end
            }) else {
                return;
            };
            at = end;
            if !failed.is_empty() {
                self.customers.try_update(|_| {});
                self.unreadable.try_update(|list| list.extend(failed));
            }
            // At the end, rows that moved while this paused (another tab's changes) are found by a pass from the start.
            let Some(len) = self.customers.try_with_untracked(|rows| rows.len()) else {
                return;
            };
            if at >= len {
                let all_checked = self
                    .customers
                    .try_with_untracked(|rows| rows.iter().all(Row::is_checked));
                if all_checked != Some(false) {
                    return;
                }
                at = 0;
            }
        }
    }

    /// Reads everything again (another tab cleared storage, or a write found memory behind), checked at once.
    pub fn reload(&self) {
        // Also called from timers and after awaits: the app may have been unmounted meanwhile.
        if !self.alive() {
            return;
        }
        match self.store.load_checked() {
            Ok(loaded) => {
                self.older_unread
                    .store(loaded.waiting_for_reader, Ordering::Relaxed);
                if !loaded.waiting_for_reader {
                    // Read now: the notice that said they were not is out of date.
                    self.notices
                        .update(|n| n.retain(|n| *n != Notice::OlderNotRead));
                }
                self.set_customers(loaded.rows);
                self.unreadable.set(loaded.unreadable);
            }
            Err(error) => self.notices.update(|n| {
                if !n.contains(&Notice::LoadFailed(error.clone())) {
                    n.push(Notice::LoadFailed(error));
                }
            }),
        }
    }

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

    /// Whether this app's reactive state is still there: an app unmounted (an embedded element removed, a test's
    /// app torn down) may still have a timer or a task that runs later, and must then do nothing.
    pub fn alive(&self) -> bool {
        self.customers.try_with_untracked(|_| ()).is_some()
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
    fn apply_changes(&self, changes: Vec<(String, Change)>) {
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

    /// Switches the interface to `lang` and remembers the choice for this storage namespace (best effort: a
    /// browser that refuses to store it still switches for this visit).
    pub fn choose_lang(&self, lang: Lang) {
        self.lang.set(lang);
        if let Err(error) = self.store.set_display_language(lang.tag()) {
            leptos::logging::warn!("the display language was not remembered: {error}");
        }
    }

    /// Goes to a page. On a page of its own the location hash changes (and the `hashchange` listener asks about
    /// unsaved changes); embedded, the route changes in memory after the same question.
    pub fn navigate(&self, to: Route) {
        // The page it leads to may need any customer.
        self.finish_load();
        if self.host.owns_page() {
            self.services.set_hash(&to.href());
            return;
        }
        if self.route.get_untracked() == to {
            return;
        }
        if self.has_unsaved_changes()
            && !self
                .services
                .confirm(Question::LeaveUnsaved, self.lang.get_untracked())
        {
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

    /// A customer by id, decoded whole, tracked: views that call it update when the customer changes. `None` when
    /// there is none, or when its record fails the whole check (which, moments after a load, has not reached it
    /// yet: it then leaves the list and is reported).
    pub fn customer(&self, id: Uuid) -> Option<Customer> {
        self.customers.with(|list| {
            list.positions(id)
                .into_iter()
                .find_map(|at| list.get(at)?.customer().ok())
        })
    }

    /// A customer's company name, from its row (tracked): what the tab's title names. The record is not decoded,
    /// so the first download need not hold the whole-record reader; a record that fails its whole check leaves the
    /// list when the check reaches it, and its name with it.
    pub fn company_name(&self, id: Uuid) -> Option<String> {
        // A walk, not the index: the tab's title is the first download's, and the index's code is not (opening the
        // customer, in its own module, builds the index).
        self.customers.with(|list| {
            list.iter()
                .find(|row| row.id() == id)
                .map(|row| row.summary().company_name().to_string())
        })
    }

    /// Every customer, decoded whole (for an export): those whose record fails its check are left out, as the
    /// check leaves them out of the list.
    pub fn all_customers(&self) -> Vec<Customer> {
        self.finish_load();
        self.customers
            .with_untracked(|list| list.iter().filter_map(|row| row.customer().ok()).collect())
    }

    /// Whether a full domain belongs to a customer already, or to a stored record that can't be read (tracked, so
    /// availability updates live).
    pub fn is_domain_taken(&self, domain: &str) -> bool {
        self.customers.with(|list| list.has_domain(domain))
            || self.unreadable.with(|list| {
                list.iter().any(|u| {
                    u.domain
                        .as_deref()
                        .is_some_and(|d| d.eq_ignore_ascii_case(domain))
                })
            })
    }

    fn stamp(&self) -> WriteStamp {
        self.services.stamp()
    }

    /// The name of the lock every tab and element of the origin takes to check and write this namespace.
    fn lock_name(&self) -> String {
        format!("customer-accounts:{}", self.config.storage_prefix)
    }

    /// Runs `critical` (which reads what it decides on, then writes) as one step across every tab and element of
    /// the origin, under the namespace's Web Lock (without Web Locks it runs at once). Another tab's copy of storage
    /// may lag behind even so: callers verify after writing.
    async fn locked<T: 'static>(
        &self,
        critical: impl FnOnce() -> T + 'static,
    ) -> Result<T, StorageError> {
        let slot: Rc<RefCell<Option<T>>> = Rc::default();
        let fill = slot.clone();
        self.services
            .locked(
                &self.lock_name(),
                Box::new(move || {
                    *fill.borrow_mut() = Some(critical());
                }),
            )
            .await;
        let result = slot.borrow_mut().take();
        result.ok_or_else(|| StorageError::Failed("the storage lock was not granted".into()))
    }

    /// Whether records of formats 1 and 0 are still under their own keys (so [`AppState::upgrade_store`] has work).
    pub fn has_older_records(&self) -> bool {
        self.store.has_older_records().unwrap_or(false)
    }

    /// Whether records of formats 1 and 0 are under their own keys (the upgrade needs their reader).
    pub fn has_older_keys(&self) -> bool {
        self.store.has_older_keys().unwrap_or(true)
    }

    /// Brings what an older version wrote to this format ([`Store::upgrade`]: records under their own keys into
    /// their groups, groups of format 2 rewritten as format 3), under the write lock, so that two tabs never do it
    /// at once. Reads everything again when it moved any record. What storage refuses stays as it is, in use.
    pub async fn upgrade_store(&self) -> Result<Upgrade, StorageError> {
        if !self.store.has_older_records()? {
            return Ok(Upgrade::default());
        }
        let store = self.store.clone();
        let upgrade = self.locked(move || store.upgrade()).await??;
        if upgrade.moved > 0 {
            self.reload();
        }
        Ok(upgrade)
    }

    /// Tells the other instances of this document what was written (other documents learn it from the `storage`
    /// event).
    fn announce_keys(&self, keys: Vec<String>) {
        if !keys.is_empty() {
            self.services.broadcast(&self.lock_name(), keys);
        }
    }

    /// Puts customers just stored into memory and tells the document's other instances.
    fn stored_new(&self, customers: Vec<Customer>) {
        let keys = customers
            .iter()
            .map(|c| self.store.record_key(c.id))
            .collect();
        self.customers
            .update(|list| list.place(customers.iter().map(Row::of).collect()));
        self.announce_keys(keys);
    }

    /// A tab whose copy of storage lagged (or one without Web Locks) may have stored the domain too: whoever sees
    /// another owner after writing takes its own record back, so at most one survives.
    fn lost_domain_race(&self, customer: &Customer) -> Result<bool, StorageError> {
        let owners = self.store.owners_of(customer.domain())?;
        if owners.iter().any(|id| *id != customer.id) {
            self.store.remove(customer.id)?;
            return Ok(true);
        }
        Ok(false)
    }

    /// Stores a customer whose id and domain must be free, as one locked check-and-write; then verifies, since a tab
    /// whose copy of storage lagged may still have passed the check (or there was no lock), and takes a lost race
    /// back. Memory is read again when the domain turned out taken.
    async fn insert_unique(&self, customer: &Customer) -> Result<(), AddError> {
        let store = self.store.clone();
        let candidate = customer.clone();
        let outcome = self
            .locked(move || -> Result<(), AddError> {
                if store.contains(candidate.id)? || store.domain_in_use(candidate.domain())? {
                    return Err(AddError::DomainTaken);
                }
                store.save(&candidate)?;
                Ok(())
            })
            .await?;
        let outcome = match outcome {
            Ok(()) if self.lost_domain_race(customer)? => Err(AddError::DomainTaken),
            other => other,
        };
        if outcome == Err(AddError::DomainTaken) {
            self.reload();
        }
        outcome
    }

    /// Creates and stores a new customer. Nothing changes in memory unless storage took it.
    pub async fn add(&self, prefix: &str, details: ValidDetails) -> Result<Customer, AddError> {
        self.dismiss_undo();
        let customer = Customer::create(
            self.services.new_uuid(),
            self.config.cloud,
            prefix,
            details,
            self.stamp(),
        );
        self.insert_unique(&customer).await?;
        self.put_in_memory(&customer);
        self.announce_keys(vec![self.store.record_key(customer.id)]);
        self.host.announce(HostEvent::Created, &customer);
        Ok(customer)
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
        let store = self.store.clone();
        let expected = expected_etag.to_string();
        let stamp = self.stamp();
        // Read, compare and write in one locked step: two tabs submitting at once cannot both pass the check.
        let outcome = self
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
        let outcome = match outcome {
            // A write that landed over ours since (another tab whose copy of storage lagged, or no lock at all) is
            // reported, never taken for ours.
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

    fn put_in_memory(&self, customer: &Customer) {
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
        let outcome = self
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
        let outcome = self.locked(move || store.remove_all()).await?;
        let removed = outcome?;
        self.customers.set(Rows::default());
        self.unreadable.set(Vec::new());
        self.removed.set(None);
        // Every instance of the document reads everything again.
        self.announce_keys(vec![String::new()]);
        Ok(removed)
    }

    /// Removes the unreadable records the user chose to discard (those another tab repaired meanwhile stay).
    pub async fn discard_unreadable(&self) -> Result<usize, StorageError> {
        self.finish_load();
        self.dismiss_undo();
        let list = self.unreadable.get_untracked();
        let store = self.store.clone();
        let outcome = self
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

    /// Imports an "Export JSON" file: every record or none. The file is read and checked first; the check against
    /// what is stored (ids and domains, readable or not) and the writes are one locked step.
    pub async fn import(&self, text: &str) -> Result<usize, ImportError> {
        self.finish_load();
        self.dismiss_undo();
        self.import_cancel.store(false, Ordering::Relaxed);
        let outcome = self.run_import(text).await;
        self.import_progress.set(None);
        outcome
    }

    /// Stops the running import, if it is still checking records: nothing is written.
    pub fn cancel_import(&self) {
        self.import_cancel.store(true, Ordering::Relaxed);
    }

    async fn run_import(&self, text: &str) -> Result<usize, ImportError> {
        // Every record on its own: shape and rules, ids and domains within the file; a slice at a time, pausing
        // between slices so the page stays responsive, shows progress, and can cancel.
        let mut reader =
            ImportReader::open(text, self.config.cloud, &[]).map_err(ImportError::Problems)?;
        let total = reader.total();
        loop {
            self.import_progress.set(Some(ImportProgress {
                checked: reader.checked(),
                total,
                saving: false,
            }));
            self.services.pause().await;
            if self.import_cancel.load(Ordering::Relaxed) {
                return Err(ImportError::Cancelled);
            }
            if !reader.step(IMPORT_SLICE, &mut || self.stamp()) {
                break;
            }
        }
        let customers = reader.finish().map_err(ImportError::Problems)?;
        self.import_progress.set(Some(ImportProgress {
            checked: total,
            total,
            saving: true,
        }));
        self.services.pause().await;
        if self.import_cancel.load(Ordering::Relaxed) {
            return Err(ImportError::Cancelled);
        }
        let store = self.store.clone();
        let batch = customers.clone();
        let outcome = self
            .locked(move || -> Result<(), ImportError> {
                let loaded = store.load_checked().map_err(ImportError::Storage)?;
                let problems = import_clashes(&batch, &loaded);
                if !problems.is_empty() {
                    return Err(ImportError::Problems(problems));
                }
                store.save_all(&batch).map_err(ImportError::Storage)
            })
            .await
            .map_err(ImportError::Storage)?;
        outcome?;
        // A tab whose copy of storage lagged may have stored one of these domains meanwhile: then this import
        // yields, whole.
        let owners = self.store.domain_owners().map_err(ImportError::Storage)?;
        let lost = customers
            .iter()
            .any(|customer| has_rival(&owners, customer));
        if lost {
            for customer in &customers {
                self.store
                    .remove(customer.id)
                    .map_err(ImportError::Storage)?;
            }
            self.reload();
            return Err(ImportError::Problems(vec![ImportProblem::file(
                ImportIssue::Race,
            )]));
        }
        let count = customers.len();
        self.stored_new(customers);
        Ok(count)
    }

    /// Adds the demo customers whose domains are free, built and validated as the form builds them. Those whose
    /// domain a customer uses already are skipped; those whose domain an unreadable record holds are named.
    pub async fn load_demo(&self) -> Result<DemoOutcome, StorageError> {
        self.finish_load();
        self.dismiss_undo();
        let cloud = self.config.cloud;
        let mut candidates = Vec::new();
        for draft in demo_drafts() {
            if let Ok((prefix, details)) = validate_new(&draft, cloud, |_| false) {
                candidates.push((prefix, details));
            }
        }
        let services = self.services.clone();
        let store = self.store.clone();
        let outcome = self
            .locked(
                move || -> Result<(Vec<Customer>, DemoOutcome), StorageError> {
                    let loaded = store.load_checked()?;
                    let mut taken: HashSet<String> = loaded
                        .rows
                        .iter()
                        .map(|row| row.summary().domain().to_ascii_lowercase())
                        .collect();
                    let reserved: HashSet<String> = loaded
                        .unreadable
                        .iter()
                        .filter_map(|u| u.domain.clone())
                        .collect();
                    let mut outcome = DemoOutcome::default();
                    let mut customers = Vec::new();
                    for (prefix, details) in candidates {
                        let domain = cloud.domain(&prefix);
                        if reserved.contains(&domain) {
                            outcome.reserved.push(details.company_name.clone());
                        } else if taken.insert(domain) {
                            customers.push(Customer::create(
                                services.new_uuid(),
                                cloud,
                                &prefix,
                                details,
                                services.stamp(),
                            ));
                        } else {
                            outcome.skipped += 1;
                        }
                    }
                    store.save_all(&customers)?;
                    outcome.added = customers.len();
                    Ok((customers, outcome))
                },
            )
            .await?;
        let (customers, mut outcome) = outcome?;
        let owners = self.store.domain_owners()?;
        let mut lost = 0;
        for customer in &customers {
            if has_rival(&owners, customer) {
                self.store.remove(customer.id)?;
                lost += 1;
            }
        }
        if lost > 0 {
            outcome.added -= lost;
            outcome.skipped += lost;
            self.reload();
        } else {
            self.stored_new(customers);
        }
        Ok(outcome)
    }
}

#[cfg(test)]
mod tests;

/// Whether another record than this customer's own names its domain (`owners`: [`Store::domain_owners`]).
fn has_rival(owners: &HashMap<String, Vec<Uuid>>, customer: &Customer) -> bool {
    owners
        .get(customer.domain())
        .is_some_and(|ids| ids.iter().any(|id| *id != customer.id))
}

/// The problems of an import against what is stored: ids and domains in use by customers, or reserved by records
/// that can't be read.
fn import_clashes(customers: &[Customer], loaded: &LoadedRows) -> Vec<ImportProblem> {
    let ids: HashSet<Uuid> = loaded.rows.iter().map(Row::id).collect();
    let domains: HashSet<String> = loaded
        .rows
        .iter()
        .map(|row| row.summary().domain().to_ascii_lowercase())
        .collect();
    let mut problems = Vec::new();
    for (index, customer) in customers.iter().enumerate() {
        let mut problem = |issue: ImportIssue| {
            problems.push(ImportProblem {
                record: Some(index + 1),
                issue,
            })
        };
        if ids.contains(&customer.id) {
            problem(ImportIssue::IdExists(customer.id));
        } else if loaded
            .unreadable
            .iter()
            .any(|u| u.id() == Some(customer.id))
        {
            problem(ImportIssue::IdUnreadable);
        }
        let domain = customer.domain().to_string();
        if domains.contains(customer.domain()) {
            problem(ImportIssue::DomainExists(domain));
        } else if loaded
            .unreadable
            .iter()
            .any(|u| u.domain.as_deref() == Some(customer.domain()))
        {
            problem(ImportIssue::DomainUnreadable(domain));
        }
    }
    problems
}
