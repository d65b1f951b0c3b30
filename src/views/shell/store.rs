//! The stored customers' rarer work, each in its own module of a split build ([`crate::views::lazy`]): checking
//! every row whole after the list has painted, upgrading a store an older version wrote (and the reader of its
//! records), applying what other tabs wrote, and reading the store again. Most loads fetch none of them but the
//! check.

use crate::state::AppState;
use crate::views::lazy::{split, NotLoaded, Task};

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
    /// Reads the store again, records under older keys too, each checked whole ([`AppState::reload`]): after
    /// the JSON reader arrived for a store an older version wrote.
    reload, preload_reload, ca_reload, (state: AppState) -> () => state.reload()
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
