//! `#/customers/{id}`: a customer's account, as Partner Center's Account page shows it.

use leptos::prelude::*;
use uuid::Uuid;

use super::link::Link;
use super::not_found::NotFound;
use super::review::row;
use crate::messages;
use crate::model::countries::country_name;
use crate::model::{Customer, Field};
use crate::platform;
use crate::routing::Route;
use crate::state::AppState;

/// The details page of one customer; not-found when there is no such customer.
#[component]
pub fn CustomerDetails(
    /// The customer's Microsoft ID.
    id: Uuid,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = state.status;
    // "Changes saved." after an edit: a status region, so it is announced, and it stays while the page does.
    let saved = move || {
        status.with(|s| {
            s.as_ref()
                .filter(|(route, _)| *route == Route::Details(id))
                .map(|(_, text)| text.clone())
        })
    };
    view! {
        <div class="action-status" role="status">{saved}</div>
        {move || match state.customer(id) {
            Some(customer) => details_view(customer).into_any(),
            None => view! { <NotFound customer=true /> }.into_any(),
        }}
    }
}

/// `YYYY-MM-DD HH:MM UTC` from an RFC 3339 stamp; anything else as it is.
fn short_time(stamp: &str) -> String {
    match (stamp.get(..10), stamp.get(11..16)) {
        (Some(date), Some(time)) if stamp.ends_with('Z') => format!("{date} {time} UTC"),
        _ => stamp.to_string(),
    }
}

/// A stored time in the reader's own time zone; as stored (shortened) when the browser cannot read it.
fn shown_time(stamp: &str) -> String {
    platform::local_time(stamp, messages::LOCALE).unwrap_or_else(|| short_time(stamp))
}

fn details_view(c: Customer) -> impl IntoView {
    let label = messages::field_label;
    let b = c.billing_profile.clone();
    let a = b.default_address.clone();
    view! {
        <nav class="breadcrumb" aria-label=messages::BREADCRUMB>
            <Link to=Route::List>{messages::CUSTOMERS}</Link>
        </nav>
        <div class="page-header">
            <h1 tabindex="-1">{c.company_name().to_string()}</h1>
            <Link class="button primary" to=Route::Edit(c.id)>{messages::EDIT}</Link>
        </div>
        <section aria-labelledby="ca-account-heading">
            <h2 id="ca-account-heading">{messages::ACCOUNT}</h2>
            <dl class="details">
                {row(messages::MICROSOFT_ID, c.id.to_string())}
                {row(messages::DOMAIN, c.domain().to_string())}
                {row(messages::RELATIONSHIP, messages::relationship(c.relationship_to_partner))}
                {c.company_profile.organization_registration_number.clone().map(|n| row(messages::ORG_NUMBER, n))}
                {row(messages::CREATED, shown_time(&c.created_at))}
                {row(messages::UPDATED, shown_time(&c.updated_at))}
            </dl>
        </section>
        <section aria-labelledby="ca-address-heading">
            <h2 id="ca-address-heading">{messages::BILLING_ADDRESS}</h2>
            <dl class="details">
                {row(label(Field::CompanyName), b.company_name.clone())}
                {row(label(Field::AddressLine1), a.address_line1)}
                {row(label(Field::AddressLine2), a.address_line2.unwrap_or_default())}
                {row(label(Field::City), a.city)}
                {row(label(Field::State), a.state)}
                {row(label(Field::PostalCode), a.postal_code)}
                {row(label(Field::Country), country_name(&a.country).to_string())}
                {row(label(Field::Phone), a.phone_number.unwrap_or_default())}
            </dl>
        </section>
        <section aria-labelledby="ca-contact-heading">
            <h2 id="ca-contact-heading">{messages::PRIMARY_CONTACT}</h2>
            <dl class="details">
                {row(messages::NAME, format!("{} {}", b.first_name, b.last_name))}
                {row(label(Field::Email), b.email)}
                {row(label(Field::Language), messages::culture_name(&b.culture))}
            </dl>
        </section>
        <RemoveCustomer id=c.id company=c.company_name().to_string() domain=c.domain().to_string() />
    }
}

/// Removing is for tidying demo data, so it sits last, looks secondary, asks first and can be undone.
#[component]
fn RemoveCustomer(
    /// The customer's Microsoft ID.
    id: Uuid,
    /// Named in the confirmation.
    company: String,
    /// Named in the confirmation.
    domain: String,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let problem = RwSignal::new(None::<String>);
    let remove = move |_| {
        if !platform::confirm(&messages::confirm_remove(&company, &domain)) {
            return;
        }
        let state = state.clone();
        leptos::task::spawn_local(async move {
            match state.remove(id).await {
                Ok(()) => state.navigate(Route::List),
                Err(error) => {
                    problem.try_set(Some(messages::remove_failed(&error)));
                }
            }
        });
    };
    view! {
        <section class="remove" aria-labelledby="ca-remove-heading">
            <h2 id="ca-remove-heading">{messages::REMOVE_SECTION}</h2>
            <p class="hint">{messages::REMOVE_NOTE}</p>
            <div class="form-alert" role="alert">{move || problem.get()}</div>
            <button type="button" class="secondary danger" on:click=remove>{messages::REMOVE_CUSTOMER}</button>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::short_time;

    #[test]
    fn times_are_shortened_only_when_they_are_utc_stamps() {
        assert_eq!(
            short_time("2026-11-24T10:05:33.120Z"),
            "2026-11-24 10:05 UTC"
        );
        assert_eq!(short_time("yesterday"), "yesterday");
    }
}
