//! Messages about storage as a whole, shown above every page: blocked storage, unreadable records (with their
//! download and discard actions), and the "Undo" offer after a removal.
//!
//! The unreadable records' block and the Undo offer come in modules of their own (declared at the end of this
//! file, see [`lazy`]), fetched the first time one shows: most visits need neither, and with their actions they
//! weighed some 6 KB of brotli in the first download. The Undo offer's module is fetched ahead with the pages'
//! (`preload_undo`): a removal offers it at once. The regions that announce them (`role="alert"`, `role="status"`)
//! are in the page from the start, so what arrives in them is announced.

use crate::views::lazy::{self, split, NotLoaded};
use leptos::prelude::*;

use crate::i18n::{Lang, Text};
use crate::messages;
use crate::platform;
use crate::state::{AddError, AppState, Notice, Unreadable};
use crate::views::text::{said, tr, use_lang, Said};

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
    // Damaged records (to download or discard) and records a newer version wrote (to reload for) apart.
    let newer = Memo::new(move |_| {
        unreadable.with(|list| list.iter().filter(|u| u.error.is_newer()).count())
    });
    let count = Memo::new(move |_| unreadable.with(Vec::len) - newer.get());
    let any = Memo::new(move |_| count.get() > 0);

    view! {
        <div class="notices" role="alert">
            {move || notices.get().iter().map(|n| view! { <p class="notice">{text(n, lang.get())}</p> }).collect_view()}
            {move || (newer.get() > 0).then(|| view! { <p class="notice">{move || lang.get().t(Text::Newer)}</p> })}
            {move || {
                any.get()
                    .then(|| {
                        lazy::part(
                            Box::pin(unreadable_records(count, outcome)),
                            Box::new(move |l| messages::unreadable_records(l, count.get())),
                        )
                    })
            }}
            {move || outcome.get().map(|text| view! { <p class="notice">{text(lang.get())}</p> })}
        </div>
        <UndoRemove />
    }
}

/// "3 stored records could not be read", with their download and discard (in its own module: see the top).
#[component]
pub fn UnreadableRecords(
    /// How many records could not be read.
    count: Memo<usize>,
    /// Where the outcome of a download or discard is told (beside this block, in the alert region).
    outcome: RwSignal<Option<Said>>,
) -> impl IntoView {
    let lang = use_lang();
    let state = expect_context::<AppState>();
    let unreadable = state.unreadable;

    let download = move |_| {
        let mut records = unreadable.get_untracked();
        records.retain(|u| !u.error.is_newer());
        let file = lang.get_untracked().t(Text::UnreadableFile);
        leptos::task::spawn_local(async move {
            let started = match recovered_json(records).await {
                Ok(Some(text)) => platform::download(file, "application/json", &text),
                Ok(None) | Err(NotLoaded) => false,
            };
            if !started {
                outcome.try_set(Some(said(|l| l.t(Text::DownloadFailed).into())));
            }
        });
    };
    let discard = move |_| {
        if !platform::confirm(&messages::confirm_discard(
            lang.get_untracked(),
            count.get_untracked(),
        )) {
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
    };

    view! {
        <div class="notice">
            <p>{move || messages::unreadable_records(lang.get(), count.get())}</p>
            <div class="actions">
                <button type="button" on:click=download>{tr(Text::DownloadUnreadable)}</button>
                <button type="button" on:click=discard>{tr(Text::DiscardUnreadable)}</button>
            </div>
        </div>
    }
}

/// The status region of a removal: "Removed Contoso. Undo", while undoing is offered, then what came of it.
#[component]
fn UndoRemove() -> impl IntoView {
    let state = expect_context::<AppState>();
    let removed = state.removed;
    let result = RwSignal::new(None::<Said>);
    // A new removal replaces the last result.
    Effect::new(move |_| {
        if removed.with(Option::is_some) {
            result.set(None);
        }
    });
    let shown = Memo::new(move |_| removed.with(Option::is_some) || result.with(Option::is_some));
    view! {
        <div class="undo-bar" role="status">
            {move || {
                shown
                    .get()
                    .then(|| {
                        lazy::part(
                            Box::pin(undo_offer(result)),
                            Box::new(move |l| {
                                removed
                                    .with(|r| r.as_ref().map(|r| messages::removed(l, r.customer.company_name())))
                                    .unwrap_or_default()
                            }),
                        )
                    })
            }}
        </div>
    }
}

/// The Undo offer and its result (in its own module: see the top).
#[component]
pub fn UndoOffer(
    /// What came of Undo, told in the status region.
    result: RwSignal<Option<Said>>,
) -> impl IntoView {
    let lang = use_lang();
    let state = expect_context::<AppState>();
    let removed = state.removed;
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
                // Partner Center never removes a customer: there is nothing to undo there.
                Err(AddError::Remote(_)) => return,
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
    view! {
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
    }
}

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
