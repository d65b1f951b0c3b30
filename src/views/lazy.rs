//! What the list does not need to show itself, loaded on first use: the other pages, and the list's data actions
//! (import, export, demo customers, the unreadable records' download).
//!
//! A release build is split (Cargo feature `split`, set by index.html for Trunk; scripts/split.mjs does the
//! splitting after the build): the list, the shell and the storage arrive in the first download, and each function
//! here comes in its own small wasm module the first time it is called, or sooner, when the list has painted
//! ([`preload`]). Without the feature (tests, native builds) these are plain calls.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use uuid::Uuid;

use crate::i18n::Lang;
use crate::model::transfer::{export_csv, export_json};
use crate::platform;
use crate::state::AppState;
use crate::state::Unreadable;
use crate::views::customer::add::AddCustomer;
use crate::views::customer::details::CustomerDetails;
use crate::views::customer::edit::EditCustomer;
use crate::views::list::actions::{self as list_actions, ImportProgress, Work};
use crate::views::shell::notices::{UndoOffer, UnreadableRecords};
use crate::views::text::Said;

/// A page's part of the app could not be loaded (the network went away, say). Opening the page again retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotLoaded;

#[cfg(all(feature = "split", target_family = "wasm"))]
impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// Work that goes on after the call has returned (made in its module, run in the main one).
pub type Task<T> = Pin<Box<dyn Future<Output = T>>>;

/// Declares a function made in its own module when the build is split, and called directly when it is not.
macro_rules! split {
    ($(#[$doc:meta])* $name:ident, $preload:ident, $module:ident, ($($arg:ident: $ty:ty),*) -> $out:ty => $body:expr) => {
        $(#[$doc])*
        #[cfg(all(feature = "split", target_family = "wasm"))]
        #[leptos::wasm_split::wasm_split(
            $module,
            wasm_split_path = ::leptos::wasm_split,
            fallible,
            // Only the pages' modules are fetched ahead (`preload`); the others' preloads go unused.
            preload(#[allow(dead_code)] $preload)
        )]
        pub fn $name($($arg: $ty),*) -> Result<$out, NotLoaded> {
            Ok($body)
        }

        $(#[$doc])*
        #[cfg(not(all(feature = "split", target_family = "wasm")))]
        pub async fn $name($($arg: $ty),*) -> Result<$out, NotLoaded> {
            Ok($body)
        }

        #[cfg(not(all(feature = "split", target_family = "wasm")))]
        #[allow(dead_code)]
        async fn $preload() -> Result<(), NotLoaded> {
            Ok(())
        }
    };
}

/// A part of a view from its module (a notice's, the import's progress), shown once the module is there (at once
/// when it was loaded before). Should the module not arrive (offline), `words` still says what happened, without
/// the part's buttons.
pub fn part<F>(
    load: impl FnOnce() -> F + 'static,
    words: impl Fn(Lang) -> String + Send + Sync + 'static,
) -> AnyView
where
    F: std::future::Future<Output = Result<AnyView, NotLoaded>> + Send + 'static,
{
    let lang = crate::views::text::use_lang();
    let loading = load();
    Suspend::new(async move {
        match loading.await {
            Ok(view) => view,
            Err(NotLoaded) => {
                view! { <p class="notice">{move || words(lang.get())}</p> }.into_any()
            }
        }
    })
    .into_any()
}

split!(
    /// "Add a new customer".
    add_page, preload_add, ca_add, () -> AnyView => view! { <AddCustomer /> }.into_any()
);
split!(
    /// The unreadable records' notice, with its download and discard.
    unreadable_records, preload_unreadable, ca_unreadable,
    (count: Memo<usize>, outcome: RwSignal<Option<Said>>) -> AnyView =>
        view! { <UnreadableRecords count outcome /> }.into_any()
);
split!(
    /// The Undo offer after a removal, and what came of it.
    undo_offer, preload_undo, ca_undo, (result: RwSignal<Option<Said>>) -> AnyView =>
        view! { <UndoOffer result /> }.into_any()
);
split!(
    /// A customer's account details.
    details_page, preload_details, ca_details, (id: Uuid) -> AnyView => view! { <CustomerDetails id /> }.into_any()
);
split!(
    /// "Update a customer's account details".
    edit_page, preload_edit, ca_edit, (id: Uuid) -> AnyView => view! { <EditCustomer id /> }.into_any()
);
split!(
    /// "Export CSV" (with the byte order mark that makes spreadsheet programs read UTF-8) or "Export JSON" of
    /// every customer, whatever the search shows: whether the download started. The records are decoded here, so
    /// the whole-record reader is not part of the first download.
    export_file, preload_export, ca_export, (state: AppState, lang: Lang, csv: bool) -> bool => {
        use crate::i18n::Text;
        if !state.alive() {
            // Unmounted while the module was fetched.
            return Ok(false);
        }
        let customers = state.all_customers();
        if csv {
            export_csv(&customers, &crate::messages::Csv(lang)).is_ok_and(|text| {
                let text = format!("\u{feff}{text}");
                platform::download(lang.t(Text::CsvFile), "text/csv;charset=utf-8", &text)
            })
        } else {
            export_json(&customers).is_ok_and(|text| {
                platform::download(lang.t(Text::JsonFile), "application/json", &text)
            })
        }
    }
);
/// Makes sure no record of an older version is unread before a write that checks ids and domains against every
/// stored record (an import, the demo customers): otherwise such a record could be taken for free.
pub async fn read_older_first(state: &AppState) -> Result<(), NotLoaded> {
    // Unread only if their reader, or the read again, did not load before: both are fetched (again), and the
    // records read. Unless another tab has moved them into groups meanwhile (read as any group write is), or
    // removed them.
    if state.older_unread() && state.has_older_records() {
        ensure_json_reader().await?;
        reload(state.clone()).await?;
        if state.older_unread() {
            return Err(NotLoaded);
        }
    }
    Ok(())
}

split!(
    /// "Import JSON" of the file the user picked: [`crate::views::list::actions::import_work`].
    import_file, preload_import, ca_import, (state: AppState, file: web_sys::File) -> Work =>
        list_actions::import_work(state, file)
);
split!(
    /// The load's own follow-up, once the list has painted: [`AppState::check_rows`] (every row checked whole).
    check_rows, preload_check, ca_check, (state: AppState) -> Task<()> =>
        Box::pin(async move { state.check_rows().await })
);
split!(
    /// A store an older version wrote, brought to this format once ([`AppState::upgrade_store`]); called only when
    /// it has records under older keys or groups of format 2. Records of formats 1 and 0 need their reader first:
    /// if it cannot be fetched, they stay where they are, unread, and the next load tries again.
    upgrade_store, preload_upgrade, ca_upgrade, (state: AppState) -> Task<()> =>
        Box::pin(async move {
            // Records under older keys: their reader comes first (groups of format 2 need none).
            if state.has_older_keys() && ensure_json_reader().await.is_err() {
                return;
            }
            if let Err(error) = state.upgrade_store().await {
                leptos::logging::warn!("stored customers were not upgraded: {error}");
            }
        })
);
split!(
    /// Applies what other tabs and elements wrote ([`AppState::apply_pending`]; it schedules its next batches
    /// itself).
    apply_pending, preload_apply, ca_apply, (state: AppState) -> () => state.apply_pending()
);
split!(
    /// A running import's progress bar, with its Cancel button.
    import_progress, preload_import_progress, ca_progress, (state: AppState) -> AnyView =>
        view! { <ImportProgress state /> }.into_any()
);
split!(
    /// Reads the store again, records under older keys too, each checked whole ([`AppState::reload`]): after
    /// the JSON reader arrived for a store an older version wrote.
    reload, preload_reload, ca_reload, (state: AppState) -> () => state.reload()
);
split!(
    /// "Remove all data", once confirmed: [`crate::views::list::actions::remove_all_work`].
    remove_all, preload_remove_all, ca_remove_all, (state: AppState) -> Work =>
        list_actions::remove_all_work(state)
);
split!(
    /// "Load demo customers": [`crate::views::list::actions::demo_work`].
    load_demo, preload_demo, ca_demo, (state: AppState) -> Work => list_actions::demo_work(state)
);
split!(
    /// The unreadable records as a JSON file to keep: each record's key, its value exactly as stored, and the
    /// problem. `None` when the text could not be made.
    recovered_json, preload_recovered, ca_recovered, (records: Vec<Unreadable>) -> Option<String> => {
        #[derive(serde::Serialize)]
        struct RecoveredRecord<'a> {
            key: &'a str,
            value: &'a str,
            problem: String,
        }
        let records: Vec<RecoveredRecord> = records
            .iter()
            .map(|u| RecoveredRecord { key: &u.key, value: &u.raw, problem: u.error.to_string() })
            .collect();
        serde_json::to_string_pretty(&records).ok()
    }
);

/// The reader of records of formats 1 and 0 (JSON), which only stores an older version wrote need.
#[cfg(all(feature = "split", target_family = "wasm"))]
#[leptos::wasm_split::wasm_split(
    ca_json_reader,
    wasm_split_path = ::leptos::wasm_split,
    fallible,
    preload(preload_json_reader)
)]
fn json_reader() -> Result<crate::state::JsonReader, NotLoaded> {
    Ok(crate::state::codec_decode)
}

/// Makes sure records of formats 1 and 0 can be read ([`crate::state::json_reader_ready`]), fetching their
/// reader's module when the build is split.
pub async fn ensure_json_reader() -> Result<(), NotLoaded> {
    #[cfg(all(feature = "split", target_family = "wasm"))]
    if !crate::state::json_reader_ready() {
        crate::state::set_json_reader(json_reader().await?);
    }
    Ok(())
}

/// Starts fetching the export module when the pointer or the focus reaches the list's data actions, so that an
/// export's download starts within the click's user activation (a browser may block a download started later).
pub fn warm_export() {
    leptos::task::spawn_local(async {
        let _ = preload_export().await;
    });
}

/// Fetches the pages' modules (and the Undo offer's) in the background, so that a page opens at once when asked
/// for, and still opens when the network has gone by then. Called when the list has painted; a module that fails
/// to load here is loaded again when its page is opened. The actions' modules are fetched when an action is first
/// used: most visits use none, and with the pages' modules a visit still downloads less than the unsplit build did.
pub fn preload() {
    leptos::task::spawn_local(async {
        let _ = preload_add().await;
        let _ = preload_details().await;
        let _ = preload_edit().await;
        // A removal (from a customer's page) offers Undo at once.
        let _ = preload_undo().await;
    });
}
