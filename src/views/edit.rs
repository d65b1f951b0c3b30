//! `#/customers/{id}/edit`: the billing profile, the only part Partner Center lets a partner change.

use leptos::prelude::*;
use uuid::Uuid;

use super::customer_form::{focus_first_error, CustomerFields, DomainField, FormAlert};
use super::link::Link;
use super::not_found::NotFound;
use crate::messages;
use crate::model::validation::validate_edit;
use crate::model::{Customer, CustomerDraft, FieldErrors};
use crate::routing::Route;
use crate::state::{AppState, SaveError};

/// The edit page of one customer; not-found when there is no such customer.
#[component]
pub fn EditCustomer(
    /// The customer's Microsoft ID.
    id: Uuid,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    // The form edits the version it was opened with: its etag is what the save is checked against.
    match state
        .customers
        .with_untracked(|list| list.iter().find(|c| c.id == id).cloned())
    {
        Some(customer) => view! { <EditForm customer /> }.into_any(),
        None => view! { <NotFound customer=true /> }.into_any(),
    }
}

#[component]
fn EditForm(customer: Customer) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = customer.id;
    let etag = customer.etag().to_string();
    let original = CustomerDraft::from_customer(&customer);
    let draft = RwSignal::new(original.clone());
    let tried = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let errors = Signal::derive(move || {
        if tried.get() {
            draft.with(|d| validate_edit(d).err().unwrap_or_default())
        } else {
            FieldErrors::default()
        }
    });

    // Set once the values are saved or deliberately discarded: then leaving asks nothing.
    let settled = RwSignal::new(false);
    state.guard_unsaved(Signal::derive(move || {
        !settled.get() && draft.with(|d| *d != original)
    }));

    let cancel_state = state.clone();
    let submit = {
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            tried.set(true);
            problem.set(None);
            let details = match draft.with(validate_edit) {
                Ok(details) => details,
                Err(errors) => {
                    focus_first_error(&state.host, &errors);
                    return;
                }
            };
            match state.update(id, &etag, details) {
                Ok(_) => {
                    settled.set(true);
                    state.navigate(Route::Details(id));
                }
                Err(SaveError::ChangedElsewhere) => {
                    problem.set(Some(messages::CHANGED_ELSEWHERE.into()))
                }
                Err(SaveError::NotFound) => problem.set(Some(messages::NOT_FOUND_TEXT.into())),
                Err(SaveError::Storage(error)) => {
                    problem.set(Some(messages::storage_error(&error)))
                }
            }
        }
    };
    let cancel = move |_| {
        // Cancel is the deliberate way to discard: no question asked.
        settled.set(true);
        cancel_state.navigate(Route::Details(id));
    };

    view! {
        <nav class="breadcrumb" aria-label=messages::BREADCRUMB>
            <Link to=Route::List>{messages::CUSTOMERS}</Link>
        </nav>
        <h1 tabindex="-1">{messages::edit_heading(customer.company_name())}</h1>
        <form class="customer-form" novalidate on:submit=submit>
            <FormAlert errors problem />
            <CustomerFields draft errors domain=DomainField::Fixed(customer.domain().to_string()) />
            <div class="actions">
                <button type="submit" class="primary">{messages::SUBMIT}</button>
                <button type="button" on:click=cancel>{messages::CANCEL}</button>
            </div>
        </form>
    }
}
