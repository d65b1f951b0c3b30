//! What other tabs and elements of this origin write, followed while the app is there: each key written elsewhere
//! is noted, and the noted keys applied in batches, from a module of their own (a split build: most visits see no
//! other tab's writes).

use leptos::prelude::*;

use super::store::{apply_pending, ensure_json_reader};
use crate::platform;
use crate::state::AppState;

/// Follows what other tabs and elements of this origin write: other documents' writes arrive as `storage` events,
/// other instances of this document (two elements with one `storage-key`) post to the namespace's
/// `BroadcastChannel`. Either way the keys are noted and applied in batches, read from storage as it is then.
pub fn follow_other_tabs(state: &AppState) {
    let tabs = state.clone();
    let handle = window_event_listener(leptos::ev::storage, move |ev| {
        if platform::is_local_storage_event(&ev) {
            note_change(&tabs, ev.key());
        }
    });
    on_cleanup(move || handle.remove());

    let Ok(channel) = web_sys::BroadcastChannel::new(&format!(
        "customer-accounts:{}",
        state.config.storage_prefix
    )) else {
        return;
    };
    let same_document = state.clone();
    let listener = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MessageEvent)>::new(
        move |ev: web_sys::MessageEvent| {
            if let Some(keys) = platform::keys_from_this_document(&ev.data()) {
                for key in keys {
                    note_change(&same_document, key);
                }
            }
        },
    );
    channel.set_onmessage(Some(wasm_bindgen::JsCast::unchecked_ref(listener.as_ref())));
    // The channel and its listener live as long as the app: closed and dropped when it unmounts.
    let kept = leptos::prelude::StoredValue::new_local((channel, listener));
    on_cleanup(move || {
        kept.try_with_value(|(channel, _)| {
            channel.set_onmessage(None);
            channel.close();
        });
    });
}

/// Notes a key written elsewhere. A record in an older version's format (an older version of the app in another tab
/// writes them) waits for its reader's module (a split build), and is noted once it is there; if it cannot be
/// fetched, the record stays as written and the notices say so.
fn note_change(state: &AppState, key: Option<String>) {
    match key {
        Some(key) if !crate::state::json_reader_ready() && state.is_older_key(&key) => {
            let state = state.clone();
            leptos::task::spawn_local(async move {
                // If the app is unmounted meanwhile, nothing reaches its signals: the noted change is dropped
                // (`AppState::apply_pending`), and the notice is set with `try_update`.
                match ensure_json_reader().await {
                    Ok(()) => note(&state, Some(key)),
                    Err(_) => state.older_not_read(),
                }
            });
        }
        key => note(state, key),
    }
}

/// Notes a key; the first of a batch has the batch applied, from the module that does it (a split build: most
/// visits see no other tab's writes). On a timer, as `AppState::note_change` does: the keys of a burst of writes
/// (each its own event) are noted first, and applied together.
fn note(state: &AppState, key: Option<String>) {
    if state.note_key(key) {
        let state = state.clone();
        set_timeout(move || apply_noted(state), std::time::Duration::ZERO);
    }
}

/// Applies the noted keys once their module is there. Should it not arrive (the network gone since the page
/// loaded), the keys stay noted and it is fetched again a few seconds later, for as long as the app is there.
fn apply_noted(state: AppState) {
    leptos::task::spawn_local(async move {
        if apply_pending(state.clone()).await.is_err() && state.alive() {
            set_timeout(
                move || apply_noted(state),
                std::time::Duration::from_secs(5),
            );
        }
    });
}
