//! Messages about storage as a whole, shown above every page: blocked storage, unreadable records (with their
//! download and discard actions), and the "Undo" offer after a removal.

use leptos::prelude::*;
use serde::Serialize;

use crate::messages;
use crate::platform;
use crate::state::{AddError, AppState, Notice};

fn text(notice: &Notice) -> String {
    match notice {
        Notice::StorageBlocked => messages::STORAGE_BLOCKED.into(),
        Notice::LoadFailed(error) => messages::storage_error(error),
    }
}

/// One unreadable record in the recovery file: its key and its value exactly as stored.
#[derive(Serialize)]
struct RecoveredRecord<'a> {
    key: &'a str,
    value: &'a str,
    problem: String,
}

/// The app-wide alert region, and the removal status.
#[component]
pub fn Notices() -> impl IntoView {
    let state = expect_context::<AppState>();
    let notices = state.notices;
    let unreadable = state.unreadable;
    let outcome = RwSignal::new(None::<String>);

    let download = move |_| {
        let text = unreadable.with_untracked(|list| {
            let records: Vec<RecoveredRecord> = list
                .iter()
                .map(|u| RecoveredRecord {
                    key: &u.key,
                    value: &u.raw,
                    problem: u.error.to_string(),
                })
                .collect();
            serde_json::to_string_pretty(&records)
        });
        let started = text.is_ok_and(|text| {
            platform::download(messages::UNREADABLE_FILE, "application/json", &text)
        });
        if !started {
            outcome.set(Some(messages::DOWNLOAD_FAILED.into()));
        }
    };
    let discard = {
        let state = state.clone();
        move |_| {
            let count = unreadable.with_untracked(Vec::len);
            if !platform::confirm(&messages::confirm_discard(count)) {
                return;
            }
            let state = state.clone();
            leptos::task::spawn_local(async move {
                let text = match state.discard_unreadable().await {
                    Ok(count) => messages::discarded(count),
                    Err(error) => messages::remove_failed(&error),
                };
                outcome.try_set(Some(text));
            });
        }
    };

    view! {
        <div class="notices" role="alert">
            {move || notices.get().iter().map(|n| view! { <p class="notice">{text(n)}</p> }).collect_view()}
            {move || {
                let count = unreadable.with(Vec::len);
                (count > 0).then(|| {
                    view! {
                        <div class="notice">
                            <p>{messages::unreadable_records(count)}</p>
                            <div class="actions">
                                <button type="button" on:click=download>{messages::DOWNLOAD_UNREADABLE}</button>
                                <button type="button" on:click=discard.clone()>{messages::DISCARD_UNREADABLE}</button>
                            </div>
                        </div>
                    }
                })
            }}
            {move || outcome.get().map(|text| view! { <p class="notice">{text}</p> })}
        </div>
        <UndoRemove />
    }
}

/// "Removed Contoso. Undo", while undoing is offered.
#[component]
fn UndoRemove() -> impl IntoView {
    let state = expect_context::<AppState>();
    let removed = state.removed;
    let result = RwSignal::new(None::<String>);
    let dismiss_state = state.clone();
    let undo = move |_| {
        let state = state.clone();
        leptos::task::spawn_local(async move {
            let text = match state.undo_remove().await {
                Ok(Some(customer)) => messages::restored(customer.company_name()),
                Ok(None) => return,
                Err(AddError::DomainTaken) => messages::UNDO_DOMAIN_TAKEN.into(),
                Err(AddError::Storage(error)) => messages::storage_error(&error),
            };
            result.try_set(Some(text));
            // The Undo button is gone: the focus goes to what happened, never back to the page.
            let host = state.host;
            request_animation_frame(move || host.focus(".undo-result"));
        });
    };
    let dismiss = {
        let state = dismiss_state;
        move |_| {
            state.dismiss_undo();
            // The buttons are gone: the focus goes to the page's heading, never back to the page itself.
            let host = state.host;
            request_animation_frame(move || host.focus("main h1"));
        }
    };
    // A new removal replaces the last result.
    Effect::new(move |_| {
        if removed.with(Option::is_some) {
            result.set(None);
        }
    });
    view! {
        <div class="undo-bar" role="status">
            {move || {
                removed
                    .get()
                    .map(|r| {
                        view! {
                            <p>
                                {messages::removed(r.customer.company_name())} " "
                                <button type="button" on:click=undo.clone()>{messages::UNDO}</button> " "
                                <button type="button" on:click=dismiss.clone()>{messages::DISMISS}</button>
                            </p>
                        }
                    })
            }}
            {move || result.get().map(|text| view! { <p class="undo-result" tabindex="-1">{text}</p> })}
        </div>
    }
}
