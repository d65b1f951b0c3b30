//! Under the list's actions: whether the browser keeps the customers, and, after 7 days without an export, the
//! suggestion to keep a copy, with "Export JSON" and "Dismiss" beside it. In a module of its own (a split build),
//! with the calls to the browser's storage manager: the first download holds only the texts.

use leptos::prelude::*;

use super::actions::ListActions;
use super::work;
use crate::i18n::Text;
use crate::platform;
use crate::state::{BackupWhy, Persistence};
use crate::views::text::tr;

/// The browser's answer in one line, and the backup suggestion (announced politely) with its two buttons, hidden
/// rather than removed while there is none. Asks the browser whether it keeps the data as it mounts, and to keep it
/// after this page's first write (once a page: [`AppState::ask_to_keep`]).
#[component]
pub fn KeepingLines(
    /// The list's actions (and through them the app), whose "Export JSON" the suggestion's button runs.
    actions: ListActions,
) -> impl IntoView {
    let state = actions.state();
    let lang = state.lang;
    let persistence = RwSignal::new(Persistence::Unknown);
    leptos::task::spawn_local(async move {
        let answer = platform::storage_persisted(false).await;
        persistence.try_set(Persistence::from_answer(answer));
    });
    Effect::new({
        let state = state.clone();
        move |_| {
            state.keeping.track();
            // Only once the browser has said whether it keeps the data already.
            let known = persistence.get();
            if known != Persistence::Unknown && state.ask_to_keep(known) {
                leptos::task::spawn_local(async move {
                    let answer = platform::storage_persisted(true).await;
                    persistence.try_set(Persistence::from_answer(answer));
                });
            }
        }
    });
    let line = move || match persistence.get() {
        Persistence::Kept => Some(lang.get().t(Text::KeptHere).to_string()),
        Persistence::MayClear => Some(lang.get().t(Text::MayClear).to_string()),
        Persistence::Unknown => None,
    };
    let apple = platform::is_apple_webkit();
    // Asked by the sentence and by the buttons, each reading a small stored key: a memo of this type of its own
    // weighed 330 B more of the first download.
    let due = {
        let state = state.clone();
        move || state.backup_due(persistence.get(), apple)
    };
    let why = {
        let due = due.clone();
        move || {
            due().map(|why| {
                let l = lang.get();
                // Where the browser refused to keep the data, the line above says so already.
                let because = match why {
                    BackupWhy::Safari => l.t(Text::BackupSafari),
                    BackupWhy::Refused | BackupWhy::Week => "",
                };
                format!("{} {because}", l.t(Text::BackupDue))
                    .trim_end()
                    .to_string()
            })
        }
    };
    // The buttons leave with the suggestion: the focus goes to the toolbar's "Export JSON", never to the page.
    let host = state.host;
    let export = actions.export(false);
    let dismiss = move |_| {
        state.dismiss_backup();
        host.focus("#ca-export-json");
    };
    view! {
        <p class="keeping">{line}</p>
        <p class="backup" role="status">{why}</p>
        <div
            class="backup-actions"
            hidden=move || due().is_none()
            on:pointerenter=move |_| work::warm_export()
            on:focusin=move |_| work::warm_export()
        >
            <button
                type="button"
                on:click=move |ev| {
                    export(ev);
                    host.focus("#ca-export-json");
                }
            >
                {tr(Text::ExportJson)}
            </button>
            <button type="button" on:click=dismiss>{tr(Text::Dismiss)}</button>
        </div>
    }
}
