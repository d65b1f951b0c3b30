//! Read-only lists of a customer's values: the add flow's review step and the details page share them.

use leptos::prelude::*;

use crate::i18n::{places, value_lang, Lang, Text};
use crate::messages;
use crate::model::{Field, ValidDetails};
use crate::views::text::use_lang;

/// One `<dt>`/`<dd>` pair in language `l`; empty values read "Not provided". A Chinese value in another language's
/// interface is marked `lang="zh"`.
pub fn row(l: Lang, term: &'static str, value: impl Into<String>) -> impl IntoView {
    let value = value.into();
    let (value, marked) = if value.is_empty() {
        (l.t(Text::NotProvided).to_string(), None)
    } else {
        let marked = value_lang(&value, l);
        (value, marked)
    };
    view! {
        <dt>{term}</dt>
        <dd lang=marked>{value}</dd>
    }
}

/// Every value of a new customer, labelled as in the form.
#[component]
pub fn ReviewList(
    /// The full domain the customer will get.
    domain: String,
    /// The validated values.
    details: ValidDetails,
) -> impl IntoView {
    let lang = use_lang();
    move || {
        let l = lang.get();
        let label = |field| messages::field_label(l, field);
        let row = |term, value: String| row(l, term, value);
        let d = details.clone();
        view! {
        <dl class="details">
            {row(label(Field::CompanyName), d.company_name)}
            {row(l.t(Text::Domain), domain.clone())}
            {row(label(Field::Country), messages::country_name(l, &d.country))}
            {row(label(Field::AddressLine1), d.address_line1)}
            {row(label(Field::AddressLine2), d.address_line2.unwrap_or_default())}
            {row(label(Field::City), d.city)}
            {row(label(Field::State), places::state_name(l, &d.country, &d.state).to_string())}
            {row(label(Field::PostalCode), d.postal_code)}
            {row(label(Field::FirstName), d.first_name)}
            {row(label(Field::LastName), d.last_name)}
            {row(label(Field::Email), d.email)}
            {row(label(Field::Phone), d.phone.unwrap_or_default())}
            {row(label(Field::Language), messages::culture_name(l, &d.culture))}
            {d.organization_registration_number.map(|n| row(label(Field::OrganizationRegistrationNumber), n))}
        </dl>
        }
    }
}
