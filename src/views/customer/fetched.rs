//! A customer page from Partner Center: the customer fetched whole on every visit (a list page gives only its names,
//! and another person may have changed it), what shows meanwhile, and what shows when it could not be fetched. The
//! details and edit pages share it.

use std::sync::Arc;

use leptos::prelude::*;
use uuid::Uuid;

use crate::i18n::Text;
use crate::messages::remote::{self as words, Word};
use crate::model::Customer;
use crate::partner_center::answer::Failure;
use crate::routing::Route;
use crate::state::{AppState, Remote};
use crate::views::link::Link;
use crate::views::text::{tr, use_lang};

/// The customer fetched whole into memory, with the client that fetched it; a failure that says the portal's session
/// has ended is told to the host page.
pub async fn fetch(state: &AppState, id: Uuid) -> Result<(Customer, Arc<dyn Remote>), Failure> {
    let outcome = match crate::views::remote::client_of(state).await {
        Some(remote) => state
            .fetch_customer(&*remote, id)
            .await
            .map(|customer| (customer, remote)),
        None => Err(Failure::Offline),
    };
    if let Err(failure) = &outcome {
        crate::views::remote::note_failure(state, failure);
    }
    outcome
}

/// "Loading the customer from Partner Center…", in a status region.
#[component]
pub fn Fetching() -> impl IntoView {
    let lang = use_lang();
    view! { <p class="loading" role="status">{move || words::word(lang.get(), Word::Fetching)}</p> }
}

/// Why the customer is not shown (no connection, an ended session…), in an alert.
#[component]
pub fn FetchFailed(
    /// What went wrong.
    failure: Failure,
) -> impl IntoView {
    let lang = use_lang();
    view! { <p class="form-alert" role="alert">{move || words::failure(lang.get(), &failure)}</p> }
}

/// The page of a customer that could not be fetched: the way back to the list, and why.
#[component]
pub fn NotFetched(
    /// What went wrong.
    failure: Failure,
) -> impl IntoView {
    view! {
        <nav class="breadcrumb" aria-label=tr(Text::Breadcrumb)>
            <Link to=Route::List>{tr(Text::Customers)}</Link>
        </nav>
        <h1 tabindex="-1">{tr(Text::CustomerNotFoundTitle)}</h1>
        <FetchFailed failure />
    }
}
