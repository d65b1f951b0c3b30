//! The list's data actions: "Export CSV", "Export JSON", "Import JSON", and the "More actions" group with
//! "Load demo customers" and "Remove all data". Each reports its outcome: successes in a status region, problems in
//! an alert region.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use std::future::Future;

use crate::i18n::Text;
use crate::messages;
use crate::platform;
use crate::state::{AppState, ImportError};
use crate::views::lazy::{self, NotLoaded, Task};
use crate::views::text::{said, tr, Said};

/// What an action said.
#[derive(Clone)]
pub enum Outcome {
    Done(Said),
    Failed(Said),
    /// An import refused: the intro and one line per problem.
    Problems(Vec<String>),
}

/// An action whose module could not be fetched: nothing was done.
fn not_loaded() -> Outcome {
    Outcome::Failed(said(|l| l.t(Text::ActionNotLoaded).into()))
}

/// An action's work, made in its module: what to show when it is done (`None`: nothing happened, as when the user
/// said no to a confirmation).
pub type Work = Task<Option<Outcome>>;

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

    /// Runs an action whose work is in a module of its own (fetched now if it was not yet): the click handlers stay
    /// in the first download, and what they do and say arrives with the module. `focus`: whether the outcome takes
    /// the focus ([`Self::report`]).
    fn run<F>(&self, work: F, focus: bool)
    where
        F: Future<Output = Result<Work, NotLoaded>> + 'static,
    {
        let this = self.clone();
        leptos::task::spawn_local(async move {
            let outcome = match work.await {
                Err(NotLoaded) => Some(not_loaded()),
                Ok(work) => work.await,
            };
            match outcome {
                Some(outcome) if focus => this.report(outcome),
                Some(outcome) => {
                    this.outcome.try_set(Some(outcome));
                }
                None => {}
            }
        });
    }

    /// The "Load demo customers" click handler (also offered on the empty list).
    pub fn load_demo(&self) -> impl Fn(leptos::ev::MouseEvent) + Clone + 'static {
        let this = self.clone();
        move |_| this.run(lazy::load_demo(this.state.clone()), true)
    }

    fn remove_all(&self) -> impl Fn(leptos::ev::MouseEvent) + Clone + 'static {
        let this = self.clone();
        move |_| {
            // Asked at once, on the click, before the module is fetched: a confirmation that came later, after a
            // slow fetch, would follow a click that seemed to do nothing.
            let l = this.state.lang.get_untracked();
            // Every customer counted, not only a first page a load has read so far.
            this.state.finish_load();
            let customers = this.state.customers.with_untracked(|list| list.len());
            let unreadable = this.state.unreadable.with_untracked(Vec::len);
            if platform::confirm(&messages::confirm_remove_all(l, customers, unreadable)) {
                this.run(lazy::remove_all(this.state.clone()), true);
            }
        }
    }

    fn export(&self, csv: bool) -> impl Fn(leptos::ev::MouseEvent) + Clone + 'static {
        let this = self.clone();
        move |_| {
            let l = this.state.lang.get_untracked();
            let this = this.clone();
            leptos::task::spawn_local(async move {
                match lazy::export_file(this.state.clone(), l, csv).await {
                    Err(NotLoaded) => this.report(not_loaded()),
                    Ok(true) => {
                        this.outcome.try_set(None);
                    }
                    Ok(false) => {
                        this.outcome.try_set(Some(Outcome::Failed(said(|l| {
                            l.t(Text::DownloadFailed).into()
                        }))));
                    }
                }
            });
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
            this.run(lazy::import_file(this.state.clone(), file), false);
        }
    }

    /// A running import's progress bar, from its module (see [`ImportProgress`]), while an import runs.
    fn progress_view(&self) -> impl IntoView {
        let state = self.state.clone();
        let progress = self.state.import_progress;
        let running = Memo::new(move |_| progress.with(Option::is_some));
        move || {
            let state = state.clone();
            running.get().then(|| {
                lazy::part(
                    move || lazy::import_progress(state),
                    move |l| {
                        progress
                            .with(|p| {
                                p.as_ref()
                                    .map(|p| messages::import_checking(l, p.checked, p.total))
                            })
                            .unwrap_or_default()
                    },
                )
            })
        }
    }

    /// The toolbar, the menu and the outcome regions.
    pub fn view(&self) -> impl IntoView {
        let outcome = self.outcome;
        let lang = self.state.lang;
        let done = move || match outcome.get() {
            Some(Outcome::Done(text)) => Some(text(lang.get())),
            _ => None,
        };
        let failed = move || {
            match outcome.get() {
            Some(Outcome::Failed(text)) => Some(view! { <p>{text(lang.get())}</p> }.into_any()),
            Some(Outcome::Problems(lines)) => Some(
                view! {
                    <p>{tr(Text::ImportProblems)}</p>
                    <ul>{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                }
                .into_any(),
            ),
            _ => None,
        }
        };
        view! {
            <div
                class="data-actions"
                on:pointerenter=move |_| lazy::warm_export()
                on:focusin=move |_| lazy::warm_export()
            >
                <button type="button" on:click=self.export(true)>{tr(Text::ExportCsv)}</button>
                <button type="button" on:click=self.export(false)>{tr(Text::ExportJson)}</button>
                <span class="file-button">
                    <label for="ca-import">{tr(Text::ImportJson)}</label>
                    <input
                        id="ca-import"
                        type="file"
                        accept=".json,application/json"
                        on:change=self.import()
                    />
                </span>
                // A plain group of buttons rather than a menu: nothing to open, close or trap the focus in.
                <div class="more-actions" role="group" aria-labelledby="ca-more-actions">
                    <span class="group-label" id="ca-more-actions">{tr(Text::MoreActions)}</span>
                    <button type="button" on:click=self.load_demo()>{tr(Text::LoadDemo)}</button>
                    <button type="button" class="danger" on:click=self.remove_all()>
                        {tr(Text::RemoveAll)}
                    </button>
                </div>
            </div>
            {self.progress_view()}
            <div class="action-status" role="status" tabindex="-1">{done}</div>
            <div class="action-alert" role="alert" tabindex="-1">{failed}</div>
        }
    }
}

/// "Load demo customers" (in its module): once records of an older version are read, as an import's are.
pub fn demo_work(state: AppState) -> Work {
    Box::pin(async move {
        // The module was fetched meanwhile: the app may have been unmounted (an embedded element removed).
        if !state.alive() {
            return None;
        }
        if lazy::read_older_first(&state).await.is_err() {
            return Some(not_loaded());
        }
        Some(match state.load_demo().await {
            Ok(done) => Outcome::Done(said(move |l| {
                messages::demo_outcome(l, done.added, done.skipped, &done.reserved)
            })),
            Err(error) => Outcome::Failed(said(move |l| messages::demo_storage_error(l, &error))),
        })
    })
}

/// "Remove all data" (in its module), which the user has confirmed.
pub fn remove_all_work(state: AppState) -> Work {
    Box::pin(async move {
        if !state.alive() {
            return None;
        }
        Some(match state.remove_all().await {
            Ok(_) => Outcome::Done(said(|l| l.t(Text::RemovedAll).into())),
            Err(error) => Outcome::Failed(said(move |l| messages::remove_failed(l, &error))),
        })
    })
}

/// "Import JSON" of the file the user picked (in its module): [`AppState::import`], once records of an older
/// version are read. Its problems are worded in the language of the moment the import starts.
pub fn import_work(state: AppState, file: web_sys::File) -> Work {
    Box::pin(async move {
        // `None`: the app was unmounted while the module was fetched.
        let lang = state.lang.try_get_untracked()?;
        let text = match platform::read_text(file).await {
            Ok(text) => text,
            Err(reason) => {
                return Some(Outcome::Failed(said(move |l| {
                    messages::file_unreadable(l, &reason)
                })))
            }
        };
        if lazy::read_older_first(&state).await.is_err() {
            return Some(not_loaded());
        }
        Some(match state.import(&text).await {
            Ok(count) => Outcome::Done(said(move |l| messages::imported(l, count))),
            Err(ImportError::Problems(problems)) => Outcome::Problems(
                problems
                    .iter()
                    .map(|p| messages::import_problem(lang, p))
                    .collect(),
            ),
            Err(ImportError::Storage(error)) => {
                Outcome::Failed(said(move |l| messages::import_storage_error(l, &error)))
            }
            Err(ImportError::Cancelled) => {
                Outcome::Done(said(|l| l.t(Text::ImportCancelled).into()))
            }
        })
    })
}

/// A running import's progress bar, with its Cancel button (until writing starts). The elements stay while the
/// import runs and only their values change, so focus on the button is never lost. In a module of its own (the
/// first download is for the list): fetched when an import starts.
#[component]
pub fn ImportProgress(
    /// The app, whose import this follows.
    state: AppState,
) -> impl IntoView {
    let progress = state.import_progress;
    let field = move |pick: fn(&crate::state::ImportProgress) -> usize| {
        move || progress.with(|p| p.as_ref().map_or(0, pick))
    };
    let (checked, total) = (field(|p| p.checked), field(|p| p.total));
    let saving = move || progress.with(|p| p.is_some_and(|p| p.saving));
    let lang = state.lang;
    let text = move || {
        if saving() {
            messages::import_saving(lang.get(), total())
        } else {
            messages::import_checking(lang.get(), checked(), total())
        }
    };
    let width = move || {
        let percent = (checked() * 100).checked_div(total()).unwrap_or(0);
        format!("{percent}%")
    };
    view! {
        <div class="import-progress">
            <div
                class="progress-track"
                role="progressbar"
                aria-label=tr(Text::ImportProgress)
                aria-valuemin="0"
                aria-valuemax=move || total().to_string()
                aria-valuenow=move || checked().to_string()
                aria-valuetext=text
            >
                <div class="progress-fill" style:width=width></div>
            </div>
            <p class="progress-text">{text}</p>
            <button type="button" disabled=saving on:click=move |_| state.cancel_import()>
                {tr(Text::CancelImport)}
            </button>
        </div>
    }
}
