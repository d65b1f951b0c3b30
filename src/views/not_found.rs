//! Shown for an unknown route or customer id.

use leptos::prelude::*;

use super::link::Link;
use crate::messages;
use crate::routing::Route;

/// The not-found page, with the way back to the list.
#[component]
pub fn NotFound(
    /// Whether the address named a customer that does not exist (rather than no page at all).
    #[prop(optional)]
    customer: bool,
) -> impl IntoView {
    let title = if customer {
        messages::CUSTOMER_NOT_FOUND_TITLE
    } else {
        messages::NOT_FOUND_TITLE
    };
    view! {
        <h1 tabindex="-1">{title}</h1>
        <p>{messages::NOT_FOUND_TEXT}</p>
        <p>
            <Link to=Route::List>{messages::CUSTOMERS}</Link>
        </p>
    }
}
