//! A link to a page of the app. It is a real `<a href>` (so it can be opened in a new tab on a page of its own), but
//! an embedded instance keeps its routes in memory: there a plain click navigates inside the element and never
//! changes the host page's address.

use leptos::prelude::*;

use crate::routing::Route;
use crate::state::AppState;

/// Whether a click asks for something else than "follow here" (new tab, new window, download).
fn is_plain_click(ev: &leptos::ev::MouseEvent) -> bool {
    ev.button() == 0 && !ev.ctrl_key() && !ev.meta_key() && !ev.shift_key() && !ev.alt_key()
}

/// A link to `to`.
#[component]
pub fn Link(
    /// The page the link leads to.
    to: Route,
    /// Classes of the `<a>` (e.g. `button primary`).
    #[prop(optional, into)]
    class: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let href = to.href();
    let click = move |ev: leptos::ev::MouseEvent| {
        if !state.host.owns_page() && is_plain_click(&ev) {
            ev.prevent_default();
            state.navigate(to.clone());
        }
    };
    view! {
        <a href=href class=class on:click=click>
            {children()}
        </a>
    }
}
