//! `#/customers/{id}`: a customer's account, as Partner Center's Account page shows it.

use leptos::prelude::*;
use uuid::Uuid;

use super::fetched::{fetch, FetchFailed, Fetching, NotFetched};
use super::review::row;
use crate::i18n::{places, value_lang, Lang, Text};
use crate::messages;
use crate::model::{Customer, Field};
use crate::partner_center::answer::Failure;
use crate::platform;
use crate::routing::Route;
use crate::state::{AppState, Status};
use crate::views::link::Link;
use crate::views::shell::not_found::NotFound;
use crate::views::text::{said, tr, use_lang, Said};

/// The details page of one customer; not-found when there is no such customer.
#[component]
pub fn CustomerDetails(
    /// The customer's Microsoft ID.
    id: Uuid,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = state.status;
    let lang = use_lang();
    // "Changes saved." after an edit: a status region, so it is announced, and it stays while the page does.
    let saved = move || {
        status.with(|s| {
            s.as_ref()
                .filter(|(route, _)| *route == Route::Details(id))
                .map(|(_, Status::Saved)| lang.get().t(Text::Saved))
        })
    };
    // Why Remove failed: kept here, outside what the language rebuilds, so it is worded again, not lost.
    let problem = RwSignal::new(None::<Said>);
    // From Partner Center, the customer is fetched whole on every visit (a list page has only its names, and
    // another person may have changed it): until then, what memory has of it shows, or that it is on its way.
    let remote = state.is_remote();
    let fetched = RwSignal::new(None::<Result<(), Failure>>);
    if remote {
        let state = state.clone();
        leptos::task::spawn_local(async move {
            let outcome = fetch(&state, id).await.map(|_| ());
            fetched.try_set(Some(outcome));
        });
    }
    let shown = state.clone();
    view! {
        <div class="action-status" role="status">{saved}</div>
        // Built again when the language changes: a read-only page, with nothing typed to keep.
        {move || match (state.customer(id), fetched.get()) {
            (Some(customer), _) => details_view(customer, lang.get(), problem, remote).into_any(),
            (None, None) if remote => view! { <Fetching /> }.into_any(),
            (None, Some(Err(failure))) if failure != Failure::NotFound => {
                view! { <NotFetched failure /> }.into_any()
            }
            _ => view! { <NotFound customer=true /> }.into_any(),
        }}
        {move || {
            // Shown above the customer fetched before, when fetching it again failed (offline, say).
            fetched
                .get()
                .and_then(Result::err)
                .filter(|_| shown.customer(id).is_some())
                .map(|failure| view! { <FetchFailed failure /> })
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
fn shown_time(stamp: &str, l: Lang) -> String {
    platform::local_time(stamp, l.tag()).unwrap_or_else(|| short_time(stamp))
}

fn details_view(
    c: Customer,
    l: Lang,
    problem: RwSignal<Option<Said>>,
    remote: bool,
) -> impl IntoView {
    let label = |field| messages::field_label(l, field);
    let row = |term, value: String| row(l, term, value);
    let company = c.company_name().to_string();
    let b = c.billing_profile.clone();
    let a = b.default_address.clone();
    view! {
        <nav class="breadcrumb" aria-label=tr(Text::Breadcrumb)>
            <Link to=Route::List>{tr(Text::Customers)}</Link>
        </nav>
        <div class="page-header">
            <h1 tabindex="-1" lang=value_lang(&company, l)>{company.clone()}</h1>
            <Link class="button primary" to=Route::Edit(c.id)>{tr(Text::Edit)}</Link>
        </div>
        <section aria-labelledby="ca-account-heading">
            <h2 id="ca-account-heading">{tr(Text::Account)}</h2>
            <dl class="details">
                {row(l.t(Text::MicrosoftId), c.id.to_string())}
                {row(l.t(Text::Domain), c.domain().to_string())}
                {row(l.t(Text::Relationship), messages::relationship(l, c.relationship_to_partner).to_string())}
                {c.company_profile.organization_registration_number.clone().map(|n| row(l.t(Text::FieldOrgNumber), n))}
                {row(l.t(Text::Created), shown_time(&c.created_at, l))}
                {row(l.t(Text::Updated), shown_time(&c.updated_at, l))}
            </dl>
        </section>
        <section aria-labelledby="ca-address-heading">
            <h2 id="ca-address-heading">{tr(Text::BillingAddress)}</h2>
            <dl class="details">
                {row(label(Field::CompanyName), b.company_name.clone())}
                {row(label(Field::AddressLine1), a.address_line1)}
                {row(label(Field::AddressLine2), a.address_line2.unwrap_or_default())}
                {row(label(Field::City), a.city)}
                {row(label(Field::State), places::state_name(l, &a.country, &a.state).to_string())}
                {row(label(Field::PostalCode), a.postal_code)}
                {row(label(Field::Country), messages::country_name(l, &a.country))}
                {row(label(Field::Phone), a.phone_number.unwrap_or_default())}
            </dl>
        </section>
        <section aria-labelledby="ca-contact-heading">
            <h2 id="ca-contact-heading">{tr(Text::PrimaryContact)}</h2>
            <dl class="details">
                {row(l.t(Text::Name), format!("{} {}", b.first_name, b.last_name))}
                {row(label(Field::Email), b.email)}
                {row(label(Field::Language), messages::culture_name(l, &b.culture))}
            </dl>
        </section>
        // Partner Center never removes a customer.
        {(!remote).then(|| view! {
            <RemoveCustomer id=c.id company=c.company_name().to_string() domain=c.domain().to_string() problem />
        })}
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
    /// Why the last Remove failed, shown in the alert (the page's, so a language switch keeps it).
    problem: RwSignal<Option<Said>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = use_lang();
    let remove = move |_| {
        if !platform::confirm(&messages::confirm_remove(
            lang.get_untracked(),
            &company,
            &domain,
        )) {
            return;
        }
        let state = state.clone();
        leptos::task::spawn_local(async move {
            match state.remove(id).await {
                Ok(()) => state.navigate(Route::List),
                Err(error) => {
                    problem.try_set(Some(said(move |l| messages::remove_failed(l, &error))));
                }
            }
        });
    };
    view! {
        <section class="remove" aria-labelledby="ca-remove-heading">
            <h2 id="ca-remove-heading">{tr(Text::RemoveSection)}</h2>
            <p class="hint">{tr(Text::RemoveNote)}</p>
            <div class="form-alert" role="alert">{move || problem.get().map(|text| text(lang.get()))}</div>
            <button type="button" class="secondary danger" on:click=remove>{tr(Text::RemoveCustomer)}</button>
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
