//! Read-only lists of a customer's values: the add flow's review step and the details page share them.

use leptos::prelude::*;

use crate::messages;
use crate::model::countries::country_name;
use crate::model::{Field, ValidDetails};

/// One `<dt>`/`<dd>` pair; empty values read "Not provided".
pub fn row(term: &'static str, value: impl Into<String>) -> impl IntoView {
    let value = value.into();
    let value = if value.is_empty() {
        messages::NOT_PROVIDED.to_string()
    } else {
        value
    };
    view! {
        <dt>{term}</dt>
        <dd>{value}</dd>
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
    let label = messages::field_label;
    let d = details;
    view! {
        <dl class="details">
            {row(label(Field::CompanyName), d.company_name)}
            {row(messages::DOMAIN, domain)}
            {row(label(Field::Country), country_name(&d.country).to_string())}
            {row(label(Field::AddressLine1), d.address_line1)}
            {row(label(Field::AddressLine2), d.address_line2.unwrap_or_default())}
            {row(label(Field::City), d.city)}
            {row(label(Field::State), d.state)}
            {row(label(Field::PostalCode), d.postal_code)}
            {row(label(Field::FirstName), d.first_name)}
            {row(label(Field::LastName), d.last_name)}
            {row(label(Field::Email), d.email)}
            {row(label(Field::Phone), d.phone.unwrap_or_default())}
            {row(label(Field::Language), messages::culture_name(&d.culture))}
            {d.organization_registration_number.map(|n| row(label(Field::OrganizationRegistrationNumber), n))}
        </dl>
    }
}
