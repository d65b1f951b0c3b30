//! Shown for an unknown route or customer id.

use leptos::prelude::*;

use super::link::Link;
use super::text::tr;
use crate::i18n::Text;
use crate::routing::Route;

/// The not-found page, with the way back to the list.
#[component]
pub fn NotFound(
    /// Whether the address named a customer that does not exist (rather than no page at all).
    #[prop(optional)]
    customer: bool,
) -> impl IntoView {
    let title = tr(if customer {
        Text::CustomerNotFoundTitle
    } else {
        Text::NotFoundTitle
    });
    view! {
        <h1 tabindex="-1">{title}</h1>
        <p>{tr(Text::NotFoundText)}</p>
        <p>
            <Link to=Route::List>{tr(Text::Customers)}</Link>
        </p>
    }
}
