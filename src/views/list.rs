//! `#/customers`: every customer, searchable by company name or domain.

use leptos::prelude::*;

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
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=Route::Details(c.id).href()>{c.company_name().to_string()}</a>
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

    let body = move || {
        if total.get() == 0 {
            view! {
                <section class="empty-state" aria-labelledby="ca-empty-heading">
                    <h2 id="ca-empty-heading">{messages::EMPTY_TITLE}</h2>
                    <p>{messages::EMPTY_TEXT}</p>
                    <a class="button primary" href=Route::New.href()>{messages::EMPTY_ACTION}</a>
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
            <a class="button primary" href=Route::New.href()>{messages::ADD_CUSTOMER}</a>
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
        {body}
    }
}
