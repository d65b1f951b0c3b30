//! Messages about storage as a whole, shown above every page: blocked storage, unreadable records (with their
//! download and discard actions), and the "Undo" offer after a removal.

use super::lazy::{self, NotLoaded};
use leptos::prelude::*;

use super::text::{said, tr, use_lang, Said};
use crate::i18n::{Lang, Text};
use crate::messages;
use crate::platform;
use crate::state::{AddError, AppState, Notice};

fn text(notice: &Notice, l: Lang) -> String {
    match notice {
        Notice::StorageBlocked => l.t(Text::StorageBlocked).into(),
        Notice::LoadFailed(error) => messages::storage_error(l, error),
        Notice::OlderNotRead => l.t(Text::OlderNotRead).into(),
    }
}

/// The app-wide alert region, and the removal status.
#[component]
pub fn Notices() -> impl IntoView {
    let lang = use_lang();
    let state = expect_context::<AppState>();
    let notices = state.notices;
    let unreadable = state.unreadable;
    let outcome = RwSignal::new(None::<Said>);

    let download = move |_| {
        let records = unreadable.get_untracked();
        let file = lang.get_untracked().t(Text::UnreadableFile);
        leptos::task::spawn_local(async move {
            let started = match lazy::recovered_json(records).await {
                Ok(Some(text)) => platform::download(file, "application/json", &text),
                Ok(None) | Err(NotLoaded) => false,
            };
            if !started {
                outcome.try_set(Some(said(|l| l.t(Text::DownloadFailed).into())));
            }
        });
    };
    let discard = {
        let state = state.clone();
        move |_| {
            let count = unreadable.with_untracked(Vec::len);
            if !platform::confirm(&messages::confirm_discard(lang.get_untracked(), count)) {
                return;
            }
            let state = state.clone();
            leptos::task::spawn_local(async move {
                let text = match state.discard_unreadable().await {
                    Ok(count) => said(move |l| messages::discarded(l, count)),
                    Err(error) => said(move |l| messages::remove_failed(l, &error)),
                };
                outcome.try_set(Some(text));
            });
        }
    };

    view! {
        <div class="notices" role="alert">
            {move || notices.get().iter().map(|n| view! { <p class="notice">{text(n, lang.get())}</p> }).collect_view()}
            {move || {
                let count = unreadable.with(Vec::len);
                (count > 0).then(|| {
                    view! {
                        <div class="notice">
                            <p>{move || messages::unreadable_records(lang.get(), count)}</p>
                            <div class="actions">
                                <button type="button" on:click=download>{tr(Text::DownloadUnreadable)}</button>
                                <button type="button" on:click=discard.clone()>{tr(Text::DiscardUnreadable)}</button>
                            </div>
                        </div>
                    }
                })
            }}
            {move || outcome.get().map(|text| view! { <p class="notice">{text(lang.get())}</p> })}
        </div>
        <UndoRemove />
    }
}

/// "Removed Contoso. Undo", while undoing is offered.
#[component]
fn UndoRemove() -> impl IntoView {
    let lang = use_lang();
    let state = expect_context::<AppState>();
    let removed = state.removed;
    let result = RwSignal::new(None::<Said>);
    let dismiss_state = state.clone();
    let undo = move |_| {
        let state = state.clone();
        leptos::task::spawn_local(async move {
            let text = match state.undo_remove().await {
                Ok(Some(customer)) => {
                    let company = customer.company_name().to_string();
                    said(move |l| messages::restored(l, &company))
                }
                Ok(None) => return,
                Err(AddError::DomainTaken) => said(|l| l.t(Text::UndoDomainTaken).into()),
                Err(AddError::Storage(error)) => said(move |l| messages::storage_error(l, &error)),
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
                                {let company = r.customer.company_name().to_string(); move || messages::removed(lang.get(), &company)} " "
                                <button type="button" on:click=undo.clone()>{tr(Text::Undo)}</button> " "
                                <button type="button" on:click=dismiss.clone()>{tr(Text::Dismiss)}</button>
                            </p>
                        }
                    })
            }}
            {move || result.get().map(|text| view! { <p class="undo-result" tabindex="-1">{text(lang.get())}</p> })}
        </div>
    }
}
