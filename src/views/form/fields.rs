//! Labelled form controls bound to one [`Field`] of a [`CustomerDraft`]: the label is tied to the control, and an
//! error makes the control `aria-invalid="true"` with its message tied by `aria-describedby`.

use leptos::prelude::*;

use crate::i18n::Text;
use crate::messages;
use crate::model::{CustomerDraft, Field, FieldErrors};
use crate::views::text::{tr, use_lang};

/// The DOM id of a field's control. One form is on the page at a time, so ids are unique.
pub fn field_id(field: Field) -> String {
    format!("ca-{}", field.key())
}

fn error_id(field: Field) -> String {
    format!("ca-{}-error", field.key())
}

/// The message for a field, when it has one.
fn error_text(
    errors: Signal<FieldErrors>,
    field: Field,
) -> impl Fn() -> Option<String> + Copy + Send + Sync {
    let lang = use_lang();
    move || {
        errors.with(|e| {
            e.get(field)
                .map(|error| messages::field_error(lang.get(), field, error))
        })
    }
}

/// `aria-describedby`: the hint (when given) and the error (when shown).
fn described_by(field: Field, hint_id: Option<String>, has_error: bool) -> Option<String> {
    let ids: Vec<String> = hint_id
        .into_iter()
        .chain(has_error.then(|| error_id(field)))
        .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A field's error message, in a paragraph the control points at.
#[component]
fn FieldMessage(field: Field, errors: Signal<FieldErrors>) -> impl IntoView {
    let error = error_text(errors, field);
    move || error().map(|text| view! { <p class="field-error" id=error_id(field)>{text}</p> })
}

/// A text input.
#[component]
pub fn TextField(
    /// The field it edits.
    field: Field,
    /// The form's values.
    draft: RwSignal<CustomerDraft>,
    /// The errors to show (empty until the user first tries to go on).
    errors: Signal<FieldErrors>,
    /// `type` of the input: `text`, `email`, `tel`.
    #[prop(default = "text")]
    input_type: &'static str,
    /// `autocomplete` token, so browsers can fill known values.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// Shown as "Optional" beside the label.
    #[prop(into, default = Signal::stored(false))]
    optional: Signal<bool>,
    /// Text shown under the label and tied to the input, with its element id.
    #[prop(optional)]
    hint: Option<(String, Signal<String>)>,
    /// Something shown right after the input (the domain suffix).
    #[prop(optional, into)]
    after: Option<ViewFn>,
) -> impl IntoView {
    let error = error_text(errors, field);
    let lang = use_lang();
    let hint_id = hint.as_ref().map(|(id, _)| id.clone());
    // This field's value alone: a keystroke in another field changes the draft, not this.
    let value = Memo::new(move |_| draft.with(|d| d.field(field).to_string()));
    view! {
        <div class="field" class:has-error=move || error().is_some()>
            <label for=field_id(field)>{move || messages::field_label(lang.get(), field)}</label>
            <Show when=move || optional.get()>
                <span class="optional">{tr(Text::Optional)}</span>
            </Show>
            {hint.map(|(id, text)| view! { <p class="hint" id=id>{text}</p> })}
            <div class="control">
                <input
                    id=field_id(field)
                    name=field.key()
                    type=input_type
                    autocomplete=autocomplete
                    prop:value=value
                    on:input=move |ev| draft.update(|d| d.set_field(field, event_target_value(&ev)))
                    aria-required=move || (!optional.get()).then_some("true")
                    aria-invalid=move || error().is_some().then_some("true")
                    aria-describedby=move || described_by(field, hint_id.clone(), error().is_some())
                />
                {after.map(|after| after.run())}
            </div>
            <FieldMessage field errors />
        </div>
    }
}

/// A select of fixed choices: `(value, visible text)` pairs, with an optional empty first choice.
#[component]
pub fn SelectField(
    /// The field it edits.
    field: Field,
    /// The form's values.
    draft: RwSignal<CustomerDraft>,
    /// The errors to show.
    errors: Signal<FieldErrors>,
    /// The choices, recomputed when they depend on other fields (states follow the country).
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// Text of an empty first choice, for fields the user must pick themselves.
    #[prop(optional, into)]
    placeholder: Option<Signal<&'static str>>,
) -> impl IntoView {
    let error = error_text(errors, field);
    let lang = use_lang();
    // This field's value alone, for each choice's `selected`: a keystroke in another field changes the draft, and
    // would otherwise ask every choice of every list (some 250 countries) again.
    let current = Memo::new(move |_| draft.with(|d| d.field(field).to_string()));
    view! {
        <div class="field" class:has-error=move || error().is_some()>
            <label for=field_id(field)>{move || messages::field_label(lang.get(), field)}</label>
            <div class="control">
                <select
                    id=field_id(field)
                    name=field.key()
                    on:change=move |ev| draft.update(|d| d.set_field(field, event_target_value(&ev)))
                    // Every select of the form is a required choice (country, state from a list, language).
                    aria-required="true"
                    aria-invalid=move || error().is_some().then_some("true")
                    aria-describedby=move || described_by(field, None, error().is_some())
                >
                    {placeholder.map(|text| view! {
                        <option value="" prop:selected=move || current.with(String::is_empty)>{text}</option>
                    })}
                    {move || {
                        options
                            .get()
                            .into_iter()
                            .map(|(value, text)| {
                                let selected = value.clone();
                                view! {
                                    <option value=value prop:selected=move || current.with(|c| *c == selected)>{text}</option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <FieldMessage field errors />
        </div>
    }
}
