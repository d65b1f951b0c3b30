//! `#/customers/{id}/edit`: the billing profile, the only part Partner Center lets a partner change.

use leptos::prelude::*;
use uuid::Uuid;

use super::fetched::{fetch, Fetching, NotFetched};
use crate::i18n::Text;
use crate::messages;
use crate::model::form::validate_edit;
use crate::model::{Customer, CustomerDraft, FieldErrors};
use crate::partner_center::answer::Failure;
use crate::routing::Route;
use crate::state::Remote;
use crate::state::{AppState, SaveError, Status};
use crate::views::form::customer::{
    enter_submits, focus_first_error, CustomerFields, DomainField, FormAlert,
};
use crate::views::link::Link;
use crate::views::shell::not_found::NotFound;
use crate::views::text::{said, tr, use_lang, Said};
use std::sync::Arc;

/// The edit page of one customer; not-found when there is no such customer.
#[component]
pub fn EditCustomer(
    /// The customer's Microsoft ID.
    id: Uuid,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    if state.is_remote() {
        // From Partner Center, the form opens on the customer as it is there now, with its latest etag.
        let opened = RwSignal::new(None::<Result<(Customer, Arc<dyn Remote>), Failure>>);
        leptos::task::spawn_local(async move {
            let outcome = fetch(&state, id).await;
            opened.try_set(Some(outcome));
        });
        return (move || match opened.get() {
            None => view! { <Fetching /> }.into_any(),
            Some(Ok((customer, remote))) => view! { <EditForm customer remote /> }.into_any(),
            Some(Err(Failure::NotFound)) => view! { <NotFound customer=true /> }.into_any(),
            Some(Err(failure)) => view! { <NotFetched failure /> }.into_any(),
        })
        .into_any();
    }
    // The form edits the version it was opened with: its etag is what the save is checked against.
    match untrack(|| state.customer(id)) {
        Some(customer) => view! { <EditForm customer /> }.into_any(),
        None => view! { <NotFound customer=true /> }.into_any(),
    }
}

/// The billing profile form of one customer, opened on one version of it (its etag).
#[component]
fn EditForm(
    /// The customer as the form opens on it.
    customer: Customer,
    /// Partner Center, where the customers come from there: it saves them.
    #[prop(optional)]
    remote: Option<Arc<dyn Remote>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = customer.id;
    let domain = customer.domain().to_string();
    let lang = use_lang();
    let company = customer.company_name().to_string();
    let heading = move || messages::edit_heading(lang.get(), &company);
    // The version the values came from: saving sends its etag, as the API's If-Match does.
    let etag = RwSignal::new(customer.etag().to_string());
    let original = RwSignal::new(CustomerDraft::from_customer(&customer));
    let draft = RwSignal::new(CustomerDraft::from_customer(&customer));
    let tried = RwSignal::new(false);
    let problem = RwSignal::new(None::<Said>);
    // The newer stored version found by a refused save, while the user decides.
    let conflict = RwSignal::new(None::<Customer>);
    let reviewing = RwSignal::new(false);
    // Validated once per change of the values, however many fields show their error.
    let errors = Memo::new(move |_| {
        if tried.get() {
            draft.with(|d| validate_edit(d).err().unwrap_or_default())
        } else {
            FieldErrors::default()
        }
    });

    // Set once the values are saved or deliberately discarded: then leaving asks nothing.
    let settled = RwSignal::new(false);
    state.guard_unsaved(Signal::derive(move || {
        !settled.get() && original.with(|o| draft.with(|d| d != o))
    }));

    // Another tab's save shows up here at once (memory follows the storage event); the typed values stay.
    let live = {
        let state = state.clone();
        move || match state.customer(id) {
            None => Some(lang.get().t(Text::RemovedElsewhere)),
            Some(c) if c.etag() != etag.get() && conflict.with(Option::is_none) => {
                Some(lang.get().t(Text::ChangedWhileEditing))
            }
            _ => None,
        }
    };

    // Set while a save waits for the storage lock, so a second click does not save twice.
    let busy = RwSignal::new(false);
    // Saves the form's values over the version with `expected`; the outcome decides what the user sees next.
    let save = {
        let state = state.clone();
        move |expected: String| {
            if busy.get_untracked() {
                return;
            }
            tried.set(true);
            problem.set(None);
            reviewing.set(false);
            let details = match draft.with(validate_edit) {
                Ok(details) => details,
                Err(errors) => {
                    focus_first_error(&state.host, &errors);
                    return;
                }
            };
            busy.set(true);
            let state = state.clone();
            let remote = remote.clone();
            leptos::task::spawn_local(async move {
                let outcome = match remote {
                    Some(remote) => state.update_remote(remote, id, &expected, details).await,
                    None => state.update(id, &expected, details).await,
                };
                busy.try_set(false);
                match outcome {
                    Ok(_) => {
                        settled.try_set(true);
                        conflict.try_set(None);
                        state
                            .status
                            .try_set(Some((Route::Details(id), Status::Saved)));
                        state.navigate(Route::Details(id));
                    }
                    Err(SaveError::ChangedElsewhere(newer)) => {
                        conflict.try_set(Some(*newer));
                        problem.try_set(Some(said(|l| l.t(Text::ChangedElsewhere).into())));
                    }
                    Err(SaveError::NotFound) => {
                        problem.try_set(Some(said(|l| l.t(Text::RemovedElsewhere).into())));
                    }
                    Err(SaveError::Storage(error)) => {
                        problem.try_set(Some(said(move |l| messages::storage_error(l, &error))));
                    }
                    Err(SaveError::Remote(failure)) => {
                        crate::views::remote::note_failure(&state, &failure);
                        problem
                            .try_set(Some(said(move |l| messages::remote::failure(l, &failure))));
                    }
                }
            });
        }
    };
    let submit = {
        let save = save.clone();
        move || save(etag.get_untracked())
    };
    // "Overwrite with my changes": a deliberate save over the newer version the refusal found.
    let overwrite = move |_| {
        if let Some(newer) = conflict.get_untracked() {
            save(newer.etag().to_string());
        }
    };
    // "Review newer values": the form shows the stored version, and edits continue from it.
    let review = {
        let host = state.host;
        move |_| {
            let Some(newer) = conflict.get_untracked() else {
                return;
            };
            let values = CustomerDraft::from_customer(&newer);
            etag.set(newer.etag().to_string());
            original.set(values.clone());
            draft.set(values);
            conflict.set(None);
            problem.set(None);
            tried.set(false);
            reviewing.set(true);
            host.focus("#ca-edit-status");
        }
    };
    let cancel = {
        let state = state.clone();
        move |_| {
            // Cancel is the deliberate way to discard: no question asked.
            settled.set(true);
            state.navigate(Route::Details(id));
        }
    };

    let submit_click = submit.clone();
    view! {
        <nav class="breadcrumb" aria-label=tr(Text::Breadcrumb)>
            <Link to=Route::List>{tr(Text::Customers)}</Link>
        </nav>
        <h1 tabindex="-1">{heading}</h1>
        <p id="ca-edit-status" class="edit-status" role="status" tabindex="-1">
            {move || if reviewing.get() { Some(lang.get().t(Text::ShowingNewer)) } else { live() }}
        </p>
        <form
            class="customer-form"
            novalidate
            on:submit=|ev| ev.prevent_default()
            on:keydown={
                let submit = submit.clone();
                move |ev| {
                    if enter_submits(&ev) {
                        ev.prevent_default();
                        submit();
                    }
                }
            }
        >
            <FormAlert errors problem />
            {move || {
                conflict
                    .with(Option::is_some)
                    .then(|| {
                        view! {
                            <div class="actions conflict-actions">
                                <button type="button" on:click=review>{tr(Text::ReviewNewer)}</button>
                                <button type="button" on:click=overwrite.clone()>{tr(Text::Overwrite)}</button>
                            </div>
                        }
                    })
            }}
            <CustomerFields draft errors domain=DomainField::Fixed(domain) />
            <div class="actions">
                <button type="button" class="primary" on:click=move |_| submit_click()>
                    {tr(Text::Submit)}
                </button>
                <button type="button" on:click=cancel>{tr(Text::Cancel)}</button>
            </div>
        </form>
    }
}
