//! `#/customers`: every customer, searchable by company name or domain.

use leptos::prelude::*;

use super::actions::ListActions;
use crate::i18n::{value_lang, Text};
use crate::messages;
use crate::model::list::{arrange, arrange_found, Found, Listed, SearchText, SortKey, SortOrder};
use crate::model::rules::countries::CountryOrder;
use crate::routing::Route;
use crate::state::AppState;
use crate::state::Row;
use crate::views::link::Link;
use crate::views::text::{tr, use_lang};

/// Rows per page the user can pick ("Rows per page").
const PAGE_SIZES: [usize; 4] = [25, 50, 100, 200];
// A load sorts only this many rows before the list paints (the rest just after): enough for any first page.
const _: () = assert!(PAGE_SIZES[PAGE_SIZES.len() - 1] <= crate::state::FRONT);
/// Rows per page at first: about a screenful (react-admin's too). Each row drawn costs time on every load and
/// keystroke: 25 rather than 50 took a search among 50,000 from 17 to 11 ms.
const DEFAULT_PAGE_SIZE: usize = crate::state::FIRST_PAGE;

/// The customer list page.
#[component]
pub fn CustomerList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let customers = state.customers;
    let search = state.search;
    let lang = use_lang();
    // While a load has read only the list's first page, how many customers there are comes from storage's counts.
    let loading_total = state.loading_total;
    let total = Memo::new(move |_| {
        loading_total
            .get()
            .unwrap_or_else(|| customers.with(|list| list.len()))
    });
    // Positions of the matching customers: no customer is copied to filter, and only one page is drawn, so a list
    // of thousands stays quick to update (another tab's import arrives in batches, each redrawing one page).
    let order = state.sort_order;
    // Every name and domain in one text, made (lazily: memos run when read) once somebody searches, and again
    // after a change of the list; a keystroke makes one pass over it.
    let text = Memo::new(move |_| customers.with(|list| SearchText::new(list)));
    // Countries in the order of the names shown, made only when the list is sorted by them.
    let country_order = Memo::new(move |_| messages::country_order(lang.get()));
    // What the last search found, kept for the next: a keystroke that lengthens the query looks only at what the
    // last one found, and a change of order does not search again.
    let last_found = std::sync::Arc::new(std::sync::Mutex::new(None::<Found>));
    let matching = Memo::new(move |_| {
        let query = search.get();
        let order = order.get();
        let arranged = |countries: &CountryOrder| {
            let mut last = last_found
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            *last = if query.trim().is_empty() {
                None
            } else {
                text.with(|text| text.find(&query, last.as_ref()))
            };
            customers.with(|list| match last.as_ref() {
                Some(found) => arrange_found(list, found, order, countries),
                None => arrange(list, &query, order, countries),
            })
        };
        if order.key == SortKey::Country {
            country_order.with(arranged)
        } else {
            arranged(&CountryOrder::default())
        }
    });
    // How many customers the list shows: those found, or, while only the first page is read (nothing searched
    // then, in the list's own order), all of them.
    let listed = Memo::new(move |_| {
        matching
            .with(Vec::len)
            .max(loading_total.get().unwrap_or(0))
    });
    let page_size = RwSignal::new(DEFAULT_PAGE_SIZE);
    let page = RwSignal::new(0usize);
    let pages = Memo::new(move |_| listed.get().div_ceil(page_size.get()).max(1));
    // Anything but the first page as the load showed it needs every customer: the rest is read first (it is
    // anyway, the moment the list has painted).
    let finish = {
        let state = state.clone();
        Callback::new(move |()| state.finish_load())
    };
    // Another order starts again at the first page.
    Effect::new(move |previous: Option<SortOrder>| {
        let now = order.get();
        if previous.is_some_and(|p| p != now) {
            page.set(0);
        }
        now
    });
    // The page shown, kept in range when the list shrinks under it.
    let current = Memo::new(move |_| page.get().min(pages.get() - 1));
    let rows = Memo::new(move |_| {
        let size = page_size.get();
        let first = current.get() * size;
        matching.with(|positions| {
            customers.with(|list| {
                positions
                    .iter()
                    .skip(first)
                    .take(size)
                    .filter_map(|&i| list.get(i).cloned())
                    .enumerate()
                    // Row 1 is the header row, so the first customer is row 2.
                    .map(|(n, c)| (first + n + 2, c))
                    .collect::<Vec<(usize, Row)>>()
            })
        })
    });

    let table = move || {
        view! {
            <table
                class="customers"
                aria-labelledby="ca-list-heading"
                aria-rowcount=move || listed.get() + 1
            >
                <thead>
                    <tr aria-rowindex="1">
                        <SortHeader key=SortKey::CompanyName label=Text::ColCompanyName order finish />
                        <SortHeader key=SortKey::Domain label=Text::ColDomain order finish />
                        <SortHeader key=SortKey::Country label=Text::ColCountry order finish />
                        <SortHeader key=SortKey::Relationship label=Text::ColRelationship order finish />
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || rows.get()
                        key=|(n, c)| (*n, c.id(), c.version())
                        children=move |(n, row)| {
                            let c = row.summary();
                            let columns = row.columns();
                            let name = c.company_name().to_string();
                            let name_lang = {
                                let name = name.clone();
                                move || value_lang(&name, lang.get())
                            };
                            let country = columns.country().to_string();
                            let relationship = columns.relationship;
                            view! {
                                // Each cell repeats its column's name for the narrow layout, where rows become
                                // cards and the header row is out of sight (screen readers have the headers).
                                <tr aria-rowindex=n>
                                    <th scope="row">
                                        <span class="cell-label" aria-hidden="true">{move || lang.get().t(Text::ColCompanyName)}</span>
                                        <Link to=Route::Details(c.id)><span lang=name_lang>{name}</span></Link>
                                    </th>
                                    <td>
                                        <span class="cell-label" aria-hidden="true">{move || lang.get().t(Text::ColDomain)}</span>
                                        {c.domain().to_string()}
                                    </td>
                                    <td>
                                        <span class="cell-label" aria-hidden="true">{move || lang.get().t(Text::ColCountry)}</span>
                                        {move || messages::country_name(lang.get(), &country)}
                                    </td>
                                    <td>
                                        <span class="cell-label" aria-hidden="true">{move || lang.get().t(Text::ColRelationship)}</span>
                                        {move || messages::relationship(lang.get(), relationship)}
                                    </td>
                                </tr>
                            }
                        }
                    />
                </tbody>
            </table>
            <Show when=move || { listed.get() > PAGE_SIZES[0] }>
            <nav class="pager" aria-label=tr(Text::Pages)>
                <label for="ca-page-size">{tr(Text::RowsPerPage)}</label>
                <select
                    id="ca-page-size"
                    on:change=move |ev| {
                        finish.run(());
                        if let Ok(size) = event_target_value(&ev).parse::<usize>() {
                            if PAGE_SIZES.contains(&size) {
                                page_size.set(size);
                                page.set(0);
                            }
                        }
                    }
                >
                    {PAGE_SIZES
                        .iter()
                        .map(|&size| {
                            view! {
                                <option value=size.to_string() selected=move || page_size.get() == size>
                                    {size.to_string()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                // aria-disabled, not disabled: a button pressed at the end keeps the focus (a disabled one would drop
                // it to the page), and says it does nothing now.
                <button
                    type="button"
                    aria-disabled=move || (current.get() == 0).to_string()
                    on:click=move |_| {
                        finish.run(());
                        page.set(0);
                    }
                >
                    {tr(Text::FirstPage)}
                </button>
                <button
                    type="button"
                    aria-disabled=move || (current.get() == 0).to_string()
                    on:click=move |_| {
                        finish.run(());
                        page.set(current.get_untracked().saturating_sub(1));
                    }
                >
                    {tr(Text::PreviousPage)}
                </button>
                <span class="page-of">{move || messages::page_of(lang.get(), current.get() + 1, pages.get())}</span>
                <button
                    type="button"
                    aria-disabled=move || (current.get() + 1 >= pages.get()).to_string()
                    on:click=move |_| {
                        finish.run(());
                        page.set((current.get_untracked() + 1).min(pages.get_untracked() - 1));
                    }
                >
                    {tr(Text::NextPage)}
                </button>
                <button
                    type="button"
                    aria-disabled=move || (current.get() + 1 >= pages.get()).to_string()
                    on:click=move |_| {
                        finish.run(());
                        page.set(pages.get_untracked() - 1);
                    }
                >
                    {tr(Text::LastPage)}
                </button>
            </nav>
            </Show>
        }
    };

    let actions = ListActions::new(&state);
    let load_demo = actions.load_demo();
    // Which of the three the page shows, apart from what it shows: a keystroke that changes the customers found
    // redraws the rows, never the whole table.
    let empty = Memo::new(move |_| total.get() == 0);
    let none_found = Memo::new(move |_| matching.with(Vec::is_empty));
    let body = move || {
        if empty.get() {
            view! {
                <section class="empty-state" aria-labelledby="ca-empty-heading">
                    <h2 id="ca-empty-heading">{tr(Text::EmptyTitle)}</h2>
                    <p>{tr(Text::EmptyText)}</p>
                    <div class="actions">
                        <Link class="button primary" to=Route::New>{tr(Text::EmptyAction)}</Link>
                        // Not shown from Partner Center, which has no demo data (main.css, beside `.remote-status`).
                        <button type="button" on:click=load_demo.clone()>{tr(Text::LoadDemo)}</button>
                    </div>
                </section>
            }
            .into_any()
        } else if none_found.get() {
            view! { <p class="no-match">{move || messages::no_match(lang.get(), &search.get())}</p> }.into_any()
        } else {
            table().into_any()
        }
    };

    view! {
        <div class="page-header">
            <h1 id="ca-list-heading" tabindex="-1">{tr(Text::Customers)}</h1>
            <Link class="button primary" to=Route::New>{tr(Text::AddCustomer)}</Link>
        </div>
        <div class="toolbar">
            <div class="search">
                <label for="ca-search">{tr(Text::SearchCustomers)}</label>
                <input
                    id="ca-search"
                    type="search"
                    autocomplete="off"
                    placeholder=tr(Text::SearchPlaceholder)
                    prop:value=move || search.get()
                    on:input=move |ev| {
                        finish.run(());
                        search.set(event_target_value(&ev));
                        page.set(0);
                    }
                />
            </div>
            <p class="count" role="status">{move || messages::customer_count(lang.get(), listed.get(), total.get())}</p>
        </div>
        {actions.view()}
        {body}
    }
}

/// A column header that sorts the list by its column; a second click turns the order around. `aria-sort` tells
/// screen readers which column orders the list, and which way.
#[component]
fn SortHeader(
    /// The column.
    key: SortKey,
    /// The header's text (the button's name).
    label: Text,
    /// The list's order, shared by the headers.
    order: RwSignal<SortOrder>,
    /// Reads every customer first, if the load has read only the first page ([`AppState::finish_load`]).
    finish: Callback<()>,
) -> impl IntoView {
    let sort = move || {
        order.with(|o| match (o.key == key, o.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        })
    };
    view! {
        <th scope="col" aria-sort=sort>
            <button
                type="button"
                class="sort"
                on:click=move |_| {
                    finish.run(());
                    order.update(|o| *o = o.toggled(key));
                }
            >
                {tr(label)}
                <span class="sort-mark" aria-hidden="true">
                    {move || match sort() {
                        "ascending" => " ▲",
                        "descending" => " ▼",
                        _ => "",
                    }}
                </span>
            </button>
        </th>
    }
}
