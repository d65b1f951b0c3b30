//! The customer's account fields, shared by the add and edit forms so both follow the same rules and labels.

use leptos::prelude::*;

use super::fields::{SelectField, TextField};
use crate::host::Host;
use crate::i18n::{places, Lang, Text};
use crate::messages;
use crate::model::form::check_domain_prefix;
use crate::model::rules::countries::COUNTRIES;
use crate::model::rules::{requires_phone_and_org_number, rules_for, StateRule};
use crate::model::{CustomerDraft, Field, FieldErrors};
use crate::state::AppState;
use crate::views::text::{tr, use_lang, Said};

/// What the form does with the domain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DomainField {
    /// A new customer: the "Domain prefix" input, checked for availability as the user types.
    Editable,
    /// An existing customer: the domain as read-only text, never an input.
    Fixed(String),
}

/// The live availability line under "Domain prefix".
#[component]
fn DomainAvailability(draft: RwSignal<CustomerDraft>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let cloud = state.config.cloud;
    let lang = use_lang();
    // Only "Domain prefix" changes it: typing in another field reads nothing of the domains in use.
    let prefix = Memo::new(move |_| draft.with(|d| d.domain_prefix.clone()));
    let status = Memo::new(move |_| {
        let l = lang.get();
        let prefix = prefix.get();
        if prefix.trim().is_empty() {
            return None;
        }
        Some(
            match check_domain_prefix(&prefix, cloud, |domain| state.is_domain_taken(domain)) {
                Ok(prefix) => (true, messages::domain_available(l, &cloud.domain(&prefix))),
                Err(error) => (false, messages::field_error(l, Field::DomainPrefix, &error)),
            },
        )
    });
    view! {
        <p
            id="ca-domain-status"
            class="domain-status"
            role="status"
            class:available=move || status.with(|s| matches!(s, Some((true, _))))
            class:unavailable=move || status.with(|s| matches!(s, Some((false, _))))
        >
            {move || status.get().map(|(_, text)| text)}
        </p>
    }
}

/// Every account field of a customer, in Partner Center's order.
#[component]
pub fn CustomerFields(
    /// The values being edited.
    draft: RwSignal<CustomerDraft>,
    /// The errors to show (empty until the user first tries to go on).
    #[prop(into)]
    errors: Signal<FieldErrors>,
    /// Whether the domain can be chosen.
    domain: DomainField,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let suffix = state.config.cloud.domain_suffix();
    let country = Memo::new(move |_| draft.with(|d| d.country.clone()));
    let rules = Memo::new(move |_| rules_for(&country.get()));
    let strict = Memo::new(move |_| requires_phone_and_org_number(&country.get()));

    let lang = use_lang();
    // Country names in the reader's language, in the order a reader of it expects.
    let countries = Memo::new(move |_| {
        let l = lang.get();
        let name = |code: &str| messages::country_name(l, code);
        match l {
            // The table is in English order already (China first, as the 21Vianet cloud expects).
            Lang::En => COUNTRIES
                .iter()
                .map(|c| (c.code.to_string(), name(c.code)))
                .collect::<Vec<_>>(),
            _ => messages::country_order(l)
                .codes()
                .iter()
                .map(|code| (code.to_string(), name(code)))
                .collect(),
        }
    });
    let cultures = Signal::derive(move || {
        rules
            .get()
            .cultures
            .iter()
            .map(|c| (c.to_string(), messages::culture_name(lang.get(), c)))
            .collect::<Vec<_>>()
    });
    let states = Signal::derive(move || {
        let l = lang.get();
        let country = country.get();
        rules
            .get()
            .state_list()
            .unwrap_or_default()
            .iter()
            .map(|s| {
                (
                    s.to_string(),
                    places::state_name(l, &country, s).to_string(),
                )
            })
            .collect::<Vec<_>>()
    });

    let domain_view = match domain {
        DomainField::Editable => view! {
            <TextField
                field=Field::DomainPrefix
                draft
                errors
                hint=("ca-domain-hint".to_string(), Signal::derive(move || messages::domain_suffix_hint(lang.get(), suffix)))
                after=move || view! { <span class="suffix" aria-hidden="true">{suffix}</span> }
            />
            <DomainAvailability draft />
        }
        .into_any(),
        DomainField::Fixed(domain) => view! {
            <div class="field">
                <span class="label">{tr(Text::Domain)}</span>
                <p class="read-only">{domain}</p>
                <p class="hint">{tr(Text::DomainReadOnly)}</p>
            </div>
        }
        .into_any(),
    };

    view! {
        <fieldset>
            <legend>{tr(Text::CompanyDetails)}</legend>
            <TextField field=Field::CompanyName draft errors autocomplete="organization" />
            {domain_view}
        </fieldset>
        <fieldset>
            <legend>{tr(Text::BillingAddress)}</legend>
            <SelectField field=Field::Country draft errors options=countries />
            <TextField field=Field::AddressLine1 draft errors autocomplete="address-line1" />
            <TextField field=Field::AddressLine2 draft errors autocomplete="address-line2" optional=true />
            <TextField
                field=Field::City
                draft
                errors
                autocomplete="address-level2"
                optional=Signal::derive(move || !rules.get().city_required)
            />
            {move || match rules.get().state {
                StateRule::OneOf(_) => view! {
                    <SelectField
                        field=Field::State
                        draft
                        errors
                        options=states
                        placeholder=Signal::derive(tr(Text::SelectState))
                    />
                }
                .into_any(),
                rule => view! {
                    <TextField
                        field=Field::State
                        draft
                        errors
                        autocomplete="address-level1"
                        optional=rule == StateRule::Optional
                    />
                }
                .into_any(),
            }}
            <TextField
                field=Field::PostalCode
                draft
                errors
                autocomplete="postal-code"
                optional=Signal::derive(move || !rules.get().postal.required)
            />
        </fieldset>
        <fieldset>
            <legend>{tr(Text::PrimaryContact)}</legend>
            <TextField field=Field::FirstName draft errors autocomplete="given-name" />
            <TextField field=Field::LastName draft errors autocomplete="family-name" />
            <TextField field=Field::Email draft errors input_type="email" autocomplete="email" />
            <TextField
                field=Field::Phone
                draft
                errors
                input_type="tel"
                autocomplete="tel"
                optional=Signal::derive(move || !strict.get())
            />
            <SelectField field=Field::Language draft errors options=cultures />
            <Show when=move || strict.get()>
                <TextField field=Field::OrganizationRegistrationNumber draft errors />
            </Show>
        </fieldset>
    }
}

/// The form's alert region: always in the page, so screen readers announce what appears in it.
#[component]
pub fn FormAlert(
    /// Field problems (after a try).
    #[prop(into)]
    errors: Signal<FieldErrors>,
    /// A problem that is not one field's: storage refused, changed elsewhere.
    #[prop(into)]
    problem: Signal<Option<Said>>,
) -> impl IntoView {
    let lang = use_lang();
    let text = move || {
        problem.get().map(|text| text(lang.get())).or_else(|| {
            errors.with(|e| (!e.is_empty()).then(|| messages::form_problems(lang.get(), e.len())))
        })
    };
    view! {
        <div class="form-alert" role="alert" class:active=move || text().is_some()>
            {text}
        </div>
    }
}

/// After a failed try, moves focus to the first invalid field, so keyboard and screen reader users land on it.
pub fn focus_first_error(host: &Host, errors: &FieldErrors) {
    if let Some(field) = errors.first() {
        host.focus(&format!("#{}", super::fields::field_id(field)));
    }
}

/// Whether a key press in the form should do what the form's primary button does: Enter in a text field. The forms
/// never rely on the `submit` event, which a frame sandboxed without `allow-forms` never fires.
pub fn enter_submits(ev: &leptos::ev::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.key() == "Enter"
        && !ev.is_composing()
        && ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .is_some()
}
