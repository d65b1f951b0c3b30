//! The listing of every customer, a page after another, and the line that tells how it goes: a progress bar, the
//! count so far, Cancel and Refresh; with what goes on around it (a search while the list is incomplete, a listing
//! again on coming back to the tab, `element.retry()` after an ended session).

use std::sync::atomic::Ordering;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::client::PartnerCenter;
use super::connect::{note_failure, RETRY};
use crate::messages::remote::{self as words, Word};
use crate::model::list::Summary;
use crate::partner_center::answer::Failure;
use crate::partner_center::config::SourceError;
use crate::state::{AppState, Remote};
use crate::views::text::use_lang;

/// Coming back to the tab this long after the last listing ended lists again (another person's changes come in).
const STALE_MS: f64 = 60_000.0;
/// A search waits this long after the last keystroke before it asks Partner Center.
const SEARCH_DELAY_MS: i32 = 300;

/// How the listing goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Listing {
    /// Pages are coming: this many customers so far.
    Running(usize),
    /// It ended: every customer (`complete`), or the reader stopped it.
    Ended { count: usize, complete: bool },
    /// A page failed: what was listed stays.
    Failed { count: usize, failure: Failure },
}

/// Lists every customer into the state, a page after another, until the last page, a failure or Cancel; nothing
/// when a listing is under way.
pub(super) fn list_all(state: AppState, remote: Arc<PartnerCenter>) {
    let listing = remote.listing.clone();
    if matches!(listing.get_untracked(), Listing::Running(_)) {
        return;
    }
    remote.stop.store(false, Ordering::Relaxed);
    listing.set(Listing::Running(0));
    let lang = state.lang.get_untracked();
    leptos::task::spawn_local(async move {
        let mut count = 0;
        let taker = state.clone();
        let stopping = remote.stop.clone();
        let shown = listing.clone();
        let on_page = Box::new(move |page: Vec<Summary>| {
            if !taker.alive() {
                return false;
            }
            count += page.len();
            taker.take_listed(page);
            shown.try_set(Listing::Running(count));
            !stopping.load(Ordering::Relaxed)
        });
        let outcome = remote.list(lang, on_page).await;
        let count = match listing.try_get_untracked() {
            Some(Listing::Running(count)) => count,
            _ => return,
        };
        if let Err(failure) = &outcome {
            note_failure(&state, failure);
        }
        listing.try_set(match outcome {
            Ok(complete) => Listing::Ended { count, complete },
            Err(failure) => Listing::Failed { count, failure },
        });
        if let Ok(mut ended) = remote.ended_at.lock() {
            *ended = state.services().now_ms();
        }
    });
}

/// The line that tells how the listing goes, with Cancel and Refresh; or why there is none.
pub(super) fn status(state: AppState, client: Result<Arc<PartnerCenter>, SourceError>) -> AnyView {
    let lang = use_lang();
    let client = match client {
        Ok(client) => client,
        // Said where the listing's line goes: nothing is listed, and this browser's own customers are not shown.
        Err(error) => {
            return view! {
                <p class="form-alert remote-status" role="alert">{move || words::source_error(lang.get(), &error)}</p>
            }
            .into_any();
        }
    };
    let listing = client.listing.clone();
    let busy = client.busy.clone();
    let said = {
        let listing = listing.clone();
        move || {
            let l = lang.get();
            match listing.get() {
                Listing::Running(count) => words::listing(l, count),
                Listing::Ended { count, complete } => words::listed(l, count, complete),
                Listing::Failed { count, .. } => words::listed(l, count, false),
            }
        }
    };
    let running = {
        let listing = listing.clone();
        move || matches!(listing.get(), Listing::Running(_))
    };
    let failure = {
        let listing = listing.clone();
        move || match listing.get() {
            Listing::Failed { failure, .. } => Some(words::failure(lang.get(), &failure)),
            _ => None,
        }
    };
    search_while_incomplete(&state, &client);
    relist_on_return(&state, &client);
    resume_on_retry(&state, &client);
    let stop = client.stop.clone();
    let cancel = move |_| stop.store(true, Ordering::Relaxed);
    let refresh = {
        let state = state.clone();
        move |_| list_all(state.clone(), client.clone())
    };
    view! {
        <section class="remote-status" aria-label=move || words::word(lang.get(), Word::Source)>
            <p class="remote-count" role="status">{said.clone()}</p>
            <p class="remote-busy" role="status">
                {move || busy.get().map(|secs| words::busy(lang.get(), secs))}
            </p>
            <div class="form-alert" role="alert">{failure}</div>
            {move || if running() {
                view! {
                    // No value: Partner Center gives no total, so the bar says only that pages are coming, and its
                    // text how many so far.
                    <progress
                        class="listing-progress"
                        aria-label=move || words::word(lang.get(), Word::Progress)
                        aria-valuetext=said.clone()
                    ></progress>
                    <button type="button" on:click=cancel.clone()>{move || words::word(lang.get(), Word::Cancel)}</button>
                }
                .into_any()
            } else {
                view! {
                    <button type="button" on:click=refresh.clone()>{move || words::word(lang.get(), Word::Refresh)}</button>
                }
                .into_any()
            }}
        </section>
    }
    .into_any()
}

/// While the list is incomplete (still coming, stopped, or failed part-way), a search also asks Partner Center's
/// `starts_with` filter, a moment after the last keystroke, so a customer not listed yet is found; what it finds joins
/// the list. The search itself runs over what is listed, as always.
fn search_while_incomplete(state: &AppState, client: &Arc<PartnerCenter>) {
    let search = state.search;
    let state = state.clone();
    let client = client.clone();
    Effect::new(move |_| {
        let text = search.get();
        let complete = client
            .listing
            .with_untracked(|l| matches!(l, Listing::Ended { complete: true, .. }));
        if complete || text.trim().is_empty() {
            return;
        }
        let state = state.clone();
        let client = client.clone();
        leptos::task::spawn_local(async move {
            crate::platform::sleep(SEARCH_DELAY_MS).await;
            // Typed on since: the later keystroke searches.
            if state.search.try_get_untracked().as_deref() != Some(text.as_str()) {
                return;
            }
            let lang = state.lang.get_untracked();
            // A failed search leaves the list's own results; the listing's line says what is wrong with the API.
            if let Ok(found) = client.search(&text, lang).await {
                if state.alive() {
                    state.take_listed(found);
                }
            }
        });
    });
}

/// Coming back to the tab a minute or more after the last listing ended lists again, so the rows another person
/// added or renamed meanwhile appear without a reload.
fn relist_on_return(state: &AppState, client: &Arc<PartnerCenter>) {
    let state = state.clone();
    let client = client.clone();
    let handle = window_event_listener(leptos::ev::visibilitychange, move |_| {
        let visible = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| !d.hidden());
        let ended = client.ended_at.lock().map_or(0.0, |at| *at);
        let idle = !matches!(client.listing.get_untracked(), Listing::Running(_));
        if visible && idle && state.services().now_ms() - ended >= STALE_MS {
            list_all(state.clone(), client.clone());
        }
    });
    on_cleanup(move || handle.remove());
}

/// `element.retry()`, once the host signed the reader in again: a listing that the ended session stopped goes on
/// (from the start: the pages listed stay, each customer once).
fn resume_on_retry(state: &AppState, client: &Arc<PartnerCenter>) {
    let Some(target) = state.host.target() else {
        return;
    };
    let state = state.clone();
    let client = client.clone();
    let listener = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        if matches!(
            client.listing.get_untracked(),
            Listing::Failed {
                failure: Failure::SignedOut,
                ..
            }
        ) {
            list_all(state.clone(), client.clone());
        }
    });
    let callback: js_sys::Function = listener
        .as_ref()
        .unchecked_ref::<js_sys::Function>()
        .clone();
    if target
        .add_event_listener_with_callback(RETRY, &callback)
        .is_ok()
    {
        // Kept on this thread (the cleanup must be `Send`); removed with the line.
        let kept = StoredValue::new_local((target, callback, listener));
        on_cleanup(move || {
            kept.try_with_value(|(target, callback, _)| {
                let _ = target.remove_event_listener_with_callback(RETRY, callback);
            });
        });
    }
}
