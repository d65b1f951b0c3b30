//! The list's data actions: "Export CSV", "Export JSON", "Import JSON", and the "More actions" group with
//! "Load demo customers" and "Remove all data". Each reports its outcome: successes in a status region, problems in
//! an alert region.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::messages;
use crate::model::transfer::{export_csv, export_json};
use crate::platform;
use crate::state::{AppState, ImportError};

/// What the last action said.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Outcome {
    Done(String),
    Failed(String),
    /// An import refused: the intro and one line per problem.
    Problems(Vec<String>),
}

/// The actions and the outcome of the last one.
#[derive(Clone)]
pub struct ListActions {
    state: AppState,
    outcome: RwSignal<Option<Outcome>>,
}

impl ListActions {
    pub fn new(state: &AppState) -> ListActions {
        ListActions {
            state: state.clone(),
            outcome: RwSignal::new(None),
        }
    }

    /// Shows what an action did and moves the focus to it: the button pressed may be gone (the empty list's "Load
    /// demo customers"), and the focus must never fall back to the page.
    fn report(&self, outcome: Outcome) {
        let region = if matches!(outcome, Outcome::Done(_)) {
            ".action-status"
        } else {
            ".action-alert"
        };
        self.outcome.try_set(Some(outcome));
        let host = self.state.host;
        request_animation_frame(move || host.focus(region));
    }

    /// The "Load demo customers" click handler (also offered on the empty list).
    pub fn load_demo(&self) -> impl Fn(leptos::ev::MouseEvent) + Clone + 'static {
        let this = self.clone();
        move |_| {
            let this = this.clone();
            leptos::task::spawn_local(async move {
                let outcome = match this.state.load_demo().await {
                    Ok(done) => Outcome::Done(messages::demo_outcome(
                        done.added,
                        done.skipped,
                        &done.reserved,
                    )),
                    Err(error) => Outcome::Failed(messages::demo_storage_error(&error)),
                };
                this.report(outcome);
            });
        }
    }

    fn remove_all(&self) -> impl Fn(leptos::ev::MouseEvent) + Clone + 'static {
        let this = self.clone();
        move |_| {
            let customers = this.state.customers.with_untracked(Vec::len);
            let unreadable = this.state.unreadable.with_untracked(Vec::len);
            if !platform::confirm(&messages::confirm_remove_all(customers, unreadable)) {
                return;
            }
            let this = this.clone();
            leptos::task::spawn_local(async move {
                let outcome = match this.state.remove_all().await {
                    Ok(_) => Outcome::Done(messages::REMOVED_ALL.into()),
                    Err(error) => Outcome::Failed(messages::remove_failed(&error)),
                };
                this.report(outcome);
            });
        }
    }

    fn export(&self, csv: bool) -> impl Fn(leptos::ev::MouseEvent) + Clone + 'static {
        let this = self.clone();
        move |_| {
            // Every customer, whatever the search shows.
            let all = this.state.all_customers();
            let started = if csv {
                // The byte order mark makes spreadsheet programs read the UTF-8 (Chinese names) correctly.
                export_csv(&all).is_ok_and(|text| {
                    let text = format!("\u{feff}{text}");
                    platform::download(messages::CSV_FILE, "text/csv;charset=utf-8", &text)
                })
            } else {
                export_json(&all).is_ok_and(|text| {
                    platform::download(messages::JSON_FILE, "application/json", &text)
                })
            };
            this.outcome
                .set((!started).then(|| Outcome::Failed(messages::DOWNLOAD_FAILED.into())));
        }
    }

    fn import(&self) -> impl Fn(leptos::ev::Event) + Clone + 'static {
        let this = self.clone();
        move |ev| {
            let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            // Choosing the same file again (after fixing it) must fire `change` again.
            input.set_value("");
            this.outcome.set(None);
            let this = this.clone();
            leptos::task::spawn_local(async move {
                let outcome = match platform::read_text(file).await {
                    Err(reason) => Outcome::Failed(messages::file_unreadable(&reason)),
                    Ok(text) => match this.state.import(&text).await {
                        Ok(count) => Outcome::Done(messages::imported(count)),
                        Err(ImportError::Storage(error)) => {
                            Outcome::Failed(messages::import_storage_error(&error))
                        }
                        Err(ImportError::Problems(problems)) => {
                            Outcome::Problems(problems.iter().map(|p| p.describe()).collect())
                        }
                        Err(ImportError::Cancelled) => {
                            Outcome::Done(messages::IMPORT_CANCELLED.into())
                        }
                    },
                };
                this.outcome.try_set(Some(outcome));
            });
        }
    }

    /// A running import's progress bar, with its Cancel button (until writing starts). The elements stay while the
    /// import runs and only their values change, so focus on the button is never lost.
    fn progress_view(&self) -> impl IntoView {
        let state = self.state.clone();
        let progress = self.state.import_progress;
        let field = move |pick: fn(&crate::state::ImportProgress) -> usize| {
            move || progress.with(|p| p.as_ref().map_or(0, pick))
        };
        let (checked, total) = (field(|p| p.checked), field(|p| p.total));
        let saving = move || progress.with(|p| p.is_some_and(|p| p.saving));
        let text = move || {
            if saving() {
                messages::import_saving(total())
            } else {
                messages::import_checking(checked(), total())
            }
        };
        let width = move || {
            let percent = (checked() * 100).checked_div(total()).unwrap_or(0);
            format!("{percent}%")
        };
        view! {
            <Show when=move || progress.with(Option::is_some)>
                <div class="import-progress">
                    <div
                        class="progress-track"
                        role="progressbar"
                        aria-label=messages::IMPORT_PROGRESS
                        aria-valuemin="0"
                        aria-valuemax=move || total().to_string()
                        aria-valuenow=move || checked().to_string()
                        aria-valuetext=text
                    >
                        <div class="progress-fill" style:width=width></div>
                    </div>
                    <p class="progress-text">{text}</p>
                    <button
                        type="button"
                        disabled=saving
                        on:click={
                            let state = state.clone();
                            move |_| state.cancel_import()
                        }
                    >
                        {messages::CANCEL_IMPORT}
                    </button>
                </div>
            </Show>
        }
    }

    /// The toolbar, the menu and the outcome regions.
    pub fn view(&self) -> impl IntoView {
        let outcome = self.outcome;
        let done = move || match outcome.get() {
            Some(Outcome::Done(text)) => Some(text),
            _ => None,
        };
        let failed = move || {
            match outcome.get() {
            Some(Outcome::Failed(text)) => Some(view! { <p>{text}</p> }.into_any()),
            Some(Outcome::Problems(lines)) => Some(
                view! {
                    <p>{messages::IMPORT_PROBLEMS}</p>
                    <ul>{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                }
                .into_any(),
            ),
            _ => None,
        }
        };
        view! {
            <div class="data-actions">
                <button type="button" on:click=self.export(true)>{messages::EXPORT_CSV}</button>
                <button type="button" on:click=self.export(false)>{messages::EXPORT_JSON}</button>
                <span class="file-button">
                    <label for="ca-import">{messages::IMPORT_JSON}</label>
                    <input
                        id="ca-import"
                        type="file"
                        accept=".json,application/json"
                        on:change=self.import()
                    />
                </span>
                // A plain group of buttons rather than a menu: nothing to open, close or trap the focus in.
                <div class="more-actions" role="group" aria-labelledby="ca-more-actions">
                    <span class="group-label" id="ca-more-actions">{messages::MORE_ACTIONS}</span>
                    <button type="button" on:click=self.load_demo()>{messages::LOAD_DEMO}</button>
                    <button type="button" class="danger" on:click=self.remove_all()>
                        {messages::REMOVE_ALL}
                    </button>
                </div>
            </div>
            {self.progress_view()}
            <div class="action-status" role="status" tabindex="-1">{done}</div>
            <div class="action-alert" role="alert" tabindex="-1">{failed}</div>
        }
    }
}
