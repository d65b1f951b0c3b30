//! `#/customers`: every customer, searchable by company name or domain.

use leptos::prelude::*;

use super::link::Link;
use super::list_actions::ListActions;
use crate::messages;
use crate::model::countries::country_name;
use crate::model::search::matches;
use crate::model::Customer;
use crate::routing::Route;
use crate::state::AppState;

/// The customer list page.
#[component]
pub fn CustomerList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let customers = state.customers;
    let search = state.search;
    let total = Memo::new(move |_| customers.with(Vec::len));
    let shown = Memo::new(move |_| {
        let query = search.get();
        customers.with(|list| {
            list.iter()
                .filter(|c| matches(c, &query))
                .cloned()
                .collect::<Vec<Customer>>()
        })
    });

    let table = move || {
        view! {
            <table class="customers">
                <thead>
                    <tr>
                        <th scope="col">{messages::COL_COMPANY_NAME}</th>
                        <th scope="col">{messages::COL_DOMAIN}</th>
                        <th scope="col">{messages::COL_COUNTRY}</th>
                        <th scope="col">{messages::COL_RELATIONSHIP}</th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || shown.get()
                        key=|c| (c.id, c.etag().to_string())
                        children=move |c| {
                            let name = c.company_name().to_string();
                            view! {
                                <tr>
                                    <th scope="row">
                                        <Link to=Route::Details(c.id)>{name}</Link>
                                    </th>
                                    <td>{c.domain().to_string()}</td>
                                    <td>{country_name(c.country()).to_string()}</td>
                                    <td>{messages::relationship(c.relationship_to_partner)}</td>
                                </tr>
                            }
                        }
                    />
                </tbody>
            </table>
        }
    };

    let actions = ListActions::new(&state);
    let load_demo = actions.load_demo();
    let body = move || {
        if total.get() == 0 {
            view! {
                <section class="empty-state" aria-labelledby="ca-empty-heading">
                    <h2 id="ca-empty-heading">{messages::EMPTY_TITLE}</h2>
                    <p>{messages::EMPTY_TEXT}</p>
                    <div class="actions">
                        <Link class="button primary" to=Route::New>{messages::EMPTY_ACTION}</Link>
                        <button type="button" on:click=load_demo.clone()>{messages::LOAD_DEMO}</button>
                    </div>
                </section>
            }
            .into_any()
        } else if shown.with(Vec::is_empty) {
            view! { <p class="no-match">{move || messages::no_match(&search.get())}</p> }.into_any()
        } else {
            table().into_any()
        }
    };

    view! {
        <div class="page-header">
            <h1 tabindex="-1">{messages::CUSTOMERS}</h1>
            <Link class="button primary" to=Route::New>{messages::ADD_CUSTOMER}</Link>
        </div>
        <div class="toolbar">
            <div class="search">
                <label for="ca-search">{messages::SEARCH_CUSTOMERS}</label>
                <input
                    id="ca-search"
                    type="search"
                    autocomplete="off"
                    placeholder=messages::SEARCH_PLACEHOLDER
                    prop:value=move || search.get()
                    on:input=move |ev| search.set(event_target_value(&ev))
                />
            </div>
            <p class="count" role="status">{move || messages::customer_count(shown.with(Vec::len), total.get())}</p>
        </div>
        {actions.view()}
        {body}
    }
}
