//! A running import's progress, shown under the list's data actions while an import runs.

use leptos::prelude::*;

use crate::i18n::Text;
use crate::messages;
use crate::state::AppState;
use crate::views::text::tr;

/// A running import's progress bar, with its Cancel button (until writing starts). The elements stay while the
/// import runs and only their values change, so focus on the button is never lost. In a module of its own (the
/// first download is for the list): fetched when an import starts.
#[component]
pub fn ImportProgress(
    /// The app, whose import this follows.
    state: AppState,
) -> impl IntoView {
    let progress = state.import_progress;
    let field = move |pick: fn(&crate::state::ImportProgress) -> usize| {
        move || progress.with(|p| p.as_ref().map_or(0, pick))
    };
    let (checked, total) = (field(|p| p.checked), field(|p| p.total));
    let saving = move || progress.with(|p| p.is_some_and(|p| p.saving));
    let lang = state.lang;
    let text = move || {
        if saving() {
            messages::import_saving(lang.get(), total())
        } else {
            messages::import_checking(lang.get(), checked(), total())
        }
    };
    let width = move || {
        let percent = (checked() * 100).checked_div(total()).unwrap_or(0);
        format!("{percent}%")
    };
    view! {
        <div class="import-progress">
            <div
                class="progress-track"
                role="progressbar"
                aria-label=tr(Text::ImportProgress)
                aria-valuemin="0"
                aria-valuemax=move || total().to_string()
                aria-valuenow=move || checked().to_string()
                aria-valuetext=text
            >
                <div class="progress-fill" style:width=width></div>
            </div>
            <p class="progress-text">{text}</p>
            <button type="button" disabled=saving on:click=move |_| state.cancel_import()>
                {tr(Text::CancelImport)}
            </button>
        </div>
    }
}
