//! The app's state as every view shares it through context: its configuration, the customers in memory, the route
//! and the language, and what the views show about storage as a whole.

use std::sync::atomic::{AtomicBool, AtomicU64};
use std::sync::{Arc, Mutex};

use leptos::prelude::*;

use super::outcomes::{ImportProgress, Notice, Removed, Status};
use super::rows::Rows;
use super::services::Services;
use crate::host::Host;
use crate::locale::Lang;
use crate::model::list::SortOrder;
use crate::model::Cloud;
use crate::partner_center::config::SourceSetting;
use crate::routing::Route;
use crate::storage::row::Row;
use crate::storage::{Store, Unreadable, DEFAULT_PREFIX};

/// How an app instance is set up (an embedding page will pass these).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppConfig {
    /// Prefix of every storage key; instances with different prefixes never see each other's customers.
    pub storage_prefix: String,
    /// Decides the domain suffix of new customers.
    pub cloud: Cloud,
    /// The language the embedding element asks for (its `lang` attribute), if any.
    pub lang: Option<String>,
    /// Where the customers come from: `None` for this browser's storage, or Partner Center through the portal's
    /// proxy (checked by its module).
    pub source: Option<SourceSetting>,
}

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig {
            storage_prefix: DEFAULT_PREFIX.into(),
            cloud: Cloud::default(),
            lang: None,
            source: None,
        }
    }
}

/// Rows a load puts in order before the list paints: the most the list's first page shows.
pub const FRONT: usize = 200;

/// Rows the list's first page shows until the person picks another page size: all a load opened at the list reads
/// before it paints (any other page, or page size, waits for [`AppState::finish_load`]).
pub const FIRST_PAGE: usize = 25;

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
    pub(super) unsaved: RwSignal<Option<UnsavedGuard>>,
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
    pub(super) import_cancel: Arc<AtomicBool>,
    pub(super) store: Arc<Store>,
    pub(super) services: Arc<dyn Services>,
    /// Keys written elsewhere, waiting to be applied in a batch.
    pub(super) pending: Arc<Mutex<Vec<Option<String>>>>,
    /// See [`AppState::older_unread`].
    pub(super) older_unread: Arc<AtomicBool>,
    /// How many customers there are, while `customers` holds only the list's first [`FIRST_PAGE`] (a load read
    /// only those, see [`Store::load_front`]; [`AppState::finish_load`] reads the rest once the list has painted).
    pub loading_total: RwSignal<Option<usize>>,
    /// Changes of what the list says about keeping the data: this page's first write, an export, a dismissal of
    /// the backup suggestion (`state::keeping`). A counter: the first download has its signal type already.
    pub keeping: RwSignal<usize>,
    /// Whether this page wrote (see `AppState::wrote`).
    pub(super) wrote_here: Arc<AtomicBool>,
    /// Whether this page asked the browser to keep the data (once a page, see [`AppState::ask_to_keep`]).
    pub(super) asked_persistence: Arc<AtomicBool>,
}

/// A form's "are there unsaved changes?" signal, registered while the form is on the page.
#[derive(Clone, Copy)]
pub(super) struct UnsavedGuard {
    pub(super) id: u64,
    pub(super) pending: Signal<bool>,
}

pub(super) static NEXT_GUARD: AtomicU64 = AtomicU64::new(0);

impl AppState {
    /// Whether this app's reactive state is still there: an app unmounted (an embedded element removed, a test's
    /// app torn down) may still have a timer or a task that runs later, and must then do nothing.
    pub fn alive(&self) -> bool {
        self.customers.try_with_untracked(|_| ()).is_some()
    }
}
