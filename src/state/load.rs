//! Loading: the list's first page first, the rest once it has painted, every row checked a slice at a time, and
//! reading everything again when another tab cleared storage.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use leptos::prelude::*;

use crate::host::Host;
use crate::locale::Lang;
use crate::model::list::SortOrder;
use crate::routing::Route;
use crate::storage::backend::local::LocalBackend;
use crate::storage::backend::memory::MemoryBackend;
use crate::storage::row::Row;
use crate::storage::{Backend, LoadedRows, StorageError, Store, Upgrade};

use super::app::*;
use super::outcomes::*;
use super::rows::Rows;
use super::services::Services;

/// Every customer under the store's prefix, as rows, each checked whole later (`check_rows`). A split build reads
/// records under older keys (a store an older version wrote, an upgrade interrupted) from a module of its own: the
/// app then waits for it before showing the list (`waiting_for_reader`).
pub(super) fn load_all(store: &Store) -> Result<LoadedRows, StorageError> {
    if cfg!(all(feature = "split", target_family = "wasm")) {
        store.load_groups().map(|(mut loaded, legacy)| {
            loaded.waiting_for_reader |= !legacy.is_empty();
            loaded
        })
    } else {
        store.load_rows()
    }
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

    /// Every customer, put in the list's order (a whole load's).
    pub(super) fn set_customers(&self, customers: Vec<Row>) {
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
                    // Every row is in: the index that opening a customer and the domain check use is made now,
                    // in this idle work after the paint, rather than by whoever needs it first.
                    self.customers
                        .try_with_untracked(|rows| rows.prepare_index());
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
        let (upgrade, _) = self.locked(move || store.upgrade()).await?;
        let upgrade = upgrade?;
        if upgrade.moved > 0 {
            self.reload();
        }
        Ok(upgrade)
    }
}

impl AppState {
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
        // Partner Center's customers are never mixed with this browser's own: they have a key space of their own.
        let prefix = match &config.source {
            None => config.storage_prefix.clone(),
            Some(source) => format!("{}@{}", config.storage_prefix, source.text()),
        };
        let store = Arc::new(Store::new(&prefix, backend));
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
            keeping: RwSignal::new(0),
            wrote_here: Arc::default(),
            asked_persistence: Arc::default(),
        };
        // Only what the list's first page can show, the rest after the list has painted.
        state.customers.set(Rows::front_sorted(customers, FRONT));
        state
    }
}
