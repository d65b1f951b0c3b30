//! "Display language": the header's choice of the interface's language, applied at once and remembered.

use leptos::prelude::*;

use crate::i18n::{Lang, Text};
use crate::state::AppState;
use crate::views::text::tr;

/// The "Display language" select. Each language is listed by its own name, marked with its `lang`, so that a reader
/// finds theirs whatever the interface is in.
#[component]
pub fn LanguagePicker() -> impl IntoView {
    let Some(state) = use_context::<AppState>() else {
        return ().into_any();
    };
    let lang = state.lang;
    let choose = move |ev: leptos::ev::Event| {
        if let Some(chosen) = Lang::parse(&event_target_value(&ev)) {
            if chosen != lang.get_untracked() {
                state.choose_lang(chosen);
            }
        }
    };
    view! {
        <div class="language-picker">
            <label for="ca-display-language">{tr(Text::DisplayLanguage)}</label>
            <select id="ca-display-language" on:change=choose>
                {Lang::ALL
                    .into_iter()
                    .map(|option| {
                        view! {
                            <option value=option.tag() lang=option.tag() prop:selected=move || lang.get() == option>
                                {option.own_name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
    .into_any()
}
