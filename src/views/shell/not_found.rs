//! Shown for an unknown route or customer id.

use leptos::prelude::*;

use crate::i18n::Text;
use crate::routing::Route;
use crate::views::link::Link;
use crate::views::text::tr;

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

/// Shown when a page's part of the app could not be downloaded (a split build, offline): nothing was lost, and
/// "Try again" loads it again.
#[component]
pub fn PageNotLoaded(
    /// Loads the page again.
    retry: Callback<()>,
) -> impl IntoView {
    view! {
        <h1 tabindex="-1">{tr(Text::PageNotLoadedTitle)}</h1>
        <p role="alert">{tr(Text::PageNotLoadedText)}</p>
        <p>
            <button type="button" on:click=move |_| retry.run(())>
                {tr(Text::TryAgain)}
            </button>
            " "
            <Link to=Route::List>{tr(Text::Customers)}</Link>
        </p>
    }
}
