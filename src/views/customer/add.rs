//! `#/customers/new`: Account info → Review → confirmation, as Partner Center's "Add customer" flow.

use leptos::prelude::*;

use super::review::ReviewList;
use crate::i18n::Text;
use crate::messages;
use crate::model::form::validate_new;
use crate::model::password::temporary_password;
use crate::model::rules::countries::DEFAULT_COUNTRY;
use crate::model::{CustomerDraft, FieldErrors, ValidDetails};
use crate::platform;
use crate::routing::Route;
use crate::state::{AddError, AppState};
use crate::views::form::customer::{
    enter_submits, focus_first_error, CustomerFields, DomainField, FormAlert,
};
use crate::views::link::Link;
use crate::views::text::{said, tr, use_lang, Said};

/// Where the user is in the flow.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Form,
    Review {
        prefix: String,
        details: Box<ValidDetails>,
    },
    Done {
        domain: String,
        user_name: String,
        password: String,
    },
}

/// Moves focus to the first invalid field once the form is drawn again, unless the user has moved on meanwhile (a
/// hidden tab gets its frames late: a stale focus must not land in a later form while someone types).
fn focus_on_form(step: RwSignal<Step>, host: crate::host::Host, errors: FieldErrors) {
    request_animation_frame(move || {
        if step.try_get_untracked() == Some(Step::Form) {
            focus_first_error(&host, &errors);
        }
    });
}

/// The add-customer page.
#[component]
pub fn AddCustomer() -> impl IntoView {
    let state = expect_context::<AppState>();
    let cloud = state.config.cloud;
    let host = state.host;
    let lang = use_lang();
    let blank = CustomerDraft::new_in(DEFAULT_COUNTRY);
    let draft = RwSignal::new(blank.clone());
    let step = RwSignal::new(Step::Form);
    // Errors show only after the first try, then follow the values live.
    let tried = RwSignal::new(false);
    let problem = RwSignal::new(None::<Said>);

    let validate = {
        let state = state.clone();
        move || draft.with(|d| validate_new(d, cloud, |domain| state.is_domain_taken(domain)))
    };
    // Validated once per change of the values (or of the domains in use), however many fields show their error:
    // each field's message reads this memo, never the validation itself.
    let errors = Memo::new({
        let validate = validate.clone();
        move |_| {
            if tried.get() {
                validate().err().unwrap_or_default()
            } else {
                FieldErrors::default()
            }
        }
    });

    // Typed values are unsaved work until the customer is created.
    state.guard_unsaved(Signal::derive(move || {
        !matches!(step.get(), Step::Done { .. }) && draft.with(|d| *d != blank)
    }));

    let next = {
        let validate = validate.clone();
        move || {
            tried.set(true);
            problem.set(None);
            match validate() {
                Ok((prefix, details)) => step.set(Step::Review {
                    prefix,
                    details: Box::new(details),
                }),
                Err(errors) => {
                    focus_first_error(&host, &errors);
                }
            }
        }
    };

    // Set while a submission waits for the storage lock, so a second click does not add the customer twice.
    let busy = RwSignal::new(false);
    let submit = {
        let state = state.clone();
        move |_| {
            if busy.get_untracked() {
                return;
            }
            problem.set(None);
            // The domain may have been taken since the review opened (another tab): check again.
            let (prefix, details) = match validate() {
                Ok(valid) => valid,
                Err(errors) => {
                    step.set(Step::Form);
                    focus_on_form(step, host, errors);
                    return;
                }
            };
            busy.set(true);
            let state = state.clone();
            let validate = validate.clone();
            leptos::task::spawn_local(async move {
                let remote = match state.is_remote() {
                    true => crate::views::remote::client_of(&state).await,
                    false => None,
                };
                let outcome = state.add_customer(&prefix, details, remote).await;
                busy.try_set(false);
                match outcome {
                    Ok(added) => {
                        let domain = added.customer.domain().to_string();
                        // Partner Center's sign-in when it made the customer; in this browser, one made up here.
                        let (user_name, password) = added.sign_in.unwrap_or_else(|| {
                            (
                                format!("admin@{domain}"),
                                temporary_password(platform::random_bytes()),
                            )
                        });
                        step.try_set(Step::Done {
                            domain,
                            user_name,
                            password,
                        });
                    }
                    Err(AddError::Storage(error)) => {
                        problem.try_set(Some(said(move |l| messages::storage_error(l, &error))));
                    }
                    Err(AddError::Remote(failure)) => {
                        crate::views::remote::note_failure(&state, &failure);
                        // Every typed value stays: the review, then the form, keep them.
                        problem
                            .try_set(Some(said(move |l| messages::remote::failure(l, &failure))));
                    }
                    Err(AddError::DomainTaken) => {
                        // Another tab took the domain a moment ago; memory now knows, so the form shows why.
                        let errors = validate().err().unwrap_or_default();
                        step.try_set(Step::Form);
                        focus_on_form(step, host, errors);
                    }
                }
            });
        }
    };

    let form_view = move || {
        let on_click = next.clone();
        let on_enter = next.clone();
        view! {
            <form
                class="customer-form"
                novalidate
                on:submit=|ev| ev.prevent_default()
                on:keydown=move |ev| {
                    if enter_submits(&ev) {
                        ev.prevent_default();
                        on_enter();
                    }
                }
            >
                <h2>{tr(Text::AccountInfo)}</h2>
                <FormAlert errors problem />
                <CustomerFields draft errors domain=DomainField::Editable />
                <div class="actions">
                    <button type="button" class="primary" on:click=move |_| on_click()>
                        {tr(Text::NextReview)}
                    </button>
                    <Link class="button" to=Route::List>{tr(Text::Cancel)}</Link>
                </div>
            </form>
        }
    };

    let done_state = state.clone();
    let content = move || {
        let done_state = done_state.clone();
        match step.get() {
        Step::Form => form_view().into_any(),
        Step::Review { prefix, details } => {
            let submit = submit.clone();
            view! {
                <section class="review" aria-labelledby="ca-review-heading">
                    <h2 id="ca-review-heading" tabindex="-1">{tr(Text::Review)}</h2>
                    <FormAlert errors problem />
                    <p>{tr(Text::ReviewIntro)}</p>
                    <ReviewList domain=cloud.domain(&prefix) details=*details />
                    <div class="actions">
                        <button type="button" on:click=move |_| step.set(Step::Form)>{tr(Text::Back)}</button>
                        <button type="button" class="primary" on:click=submit>{tr(Text::Submit)}</button>
                    </div>
                </section>
            }
            .into_any()
        }
        Step::Done {
            domain,
            user_name,
            password,
        } => view! {
            <section class="confirmation" aria-labelledby="ca-done-heading">
                <h2 id="ca-done-heading" tabindex="-1">{tr(Text::CustomerAdded)}</h2>
                <dl class="details">
                    <dt>{tr(Text::Domain)}</dt>
                    <dd>{domain.clone()}</dd>
                    <dt>{tr(Text::AdminUserName)}</dt>
                    <dd class="credential">{user_name}</dd>
                    <dt>{tr(Text::TemporaryPassword)}</dt>
                    <dd class="credential">{password}</dd>
                </dl>
                <p class="note">{tr(Text::PasswordOnce)}</p>
                <div class="actions">
                    <button type="button" class="primary" on:click=move |_| done_state.navigate(Route::List)>
                        {tr(Text::Done)}
                    </button>
                </div>
            </section>
        }
        .into_any(),
    }
    };

    // The tab's title names the page and its step ("Review – Add customer – Customer Accounts"), in the current
    // language; the app's title effect leaves this page to it.
    Effect::new(move |_| {
        let l = lang.get();
        let step_name = match &*step.read() {
            Step::Form => None,
            Step::Review { .. } => Some(l.t(Text::Review)),
            Step::Done { .. } => Some(l.t(Text::CustomerAdded)),
        };
        if host.owns_page() {
            let page = match step_name {
                Some(name) => messages::step_title(name, l.t(Text::AddCustomer)),
                None => l.t(Text::AddCustomer).to_string(),
            };
            platform::set_title(&messages::page_title(l, &page));
        }
    });
    // Each step's heading takes focus, so keyboard and screen reader users start at its top (back on the form, its
    // heading).
    Effect::new(move |previous: Option<bool>| {
        let in_form = matches!(step.get(), Step::Form);
        if previous.is_some() {
            let host = host;
            let shown = step.get_untracked();
            let target = if in_form { "main h1" } else { "main h2" };
            // Only if that step is still shown when the frame comes (a hidden tab gets its frames late).
            request_animation_frame(move || {
                // Back on a form with problems, the first problem has the focus already (focus_on_form).
                let problems = in_form && host.has("main [aria-invalid='true']");
                if step.try_get_untracked().as_ref() == Some(&shown) && !problems {
                    host.focus(target);
                }
            });
        }
        in_form
    });

    view! {
        <h1 tabindex="-1">{tr(Text::AddCustomer)}</h1>
        {content}
    }
}
