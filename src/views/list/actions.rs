//! The list's data actions: "Export CSV", "Export JSON", "Import JSON", and the "More actions" group with
//! "Load demo customers" and "Remove all data". Each reports its outcome: successes in a status region, problems in
//! an alert region. What the actions do comes in modules of their own ([`super::work`]): the buttons and their
//! handlers are in the first download, their work arrives on first use.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use std::future::Future;
use std::pin::Pin;

use super::work::{self, not_loaded, Outcome, Work};
use crate::i18n::Text;
use crate::messages;
use crate::platform;
use crate::state::AppState;
use crate::views::lazy::{self, NotLoaded};
use crate::views::text::{said, tr};

/// The actions and the outcome of the last one.
#[derive(Clone)]
pub struct ListActions {
    state: AppState,
    outcome: RwSignal<Option<Outcome>>,
}

impl ListActions {
    /// The app the actions act on.
    pub fn state(&self) -> AppState {
        self.state.clone()
    }

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
    /// Not generic: one copy of it serves every action (three copies weighed about 1.5 KB of the first download).
    fn run(&self, work: Pin<Box<dyn Future<Output = Result<Work, NotLoaded>>>>, focus: bool) {
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
        move |_| this.run(Box::pin(work::load_demo(this.state.clone())), true)
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
                this.run(Box::pin(work::remove_all(this.state.clone())), true);
            }
        }
    }

    pub(super) fn export(&self, csv: bool) -> impl Fn(leptos::ev::MouseEvent) + Clone + 'static {
        let this = self.clone();
        move |_| {
            let l = this.state.lang.get_untracked();
            let this = this.clone();
            leptos::task::spawn_local(async move {
                match work::export_file(this.state.clone(), l, csv).await {
                    Err(NotLoaded) => this.report(not_loaded()),
                    Ok(Ok(true)) => {
                        this.outcome.try_set(None);
                    }
                    Ok(Err(error)) => {
                        this.outcome.try_set(Some(Outcome::Failed(said(move |l| {
                            messages::export_incomplete(l, &error)
                        }))));
                    }
                    Ok(Ok(false)) => {
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
            this.run(Box::pin(work::import_file(this.state.clone(), file)), false);
        }
    }

    /// A running import's progress bar, from its module (see [`super::progress::ImportProgress`]), while an import runs.
    fn progress_view(&self) -> impl IntoView {
        let state = self.state.clone();
        let progress = self.state.import_progress;
        let running = Memo::new(move |_| progress.with(Option::is_some));
        move || {
            let state = state.clone();
            running.get().then(|| {
                lazy::part(
                    Box::pin(work::import_progress(state)),
                    Box::new(move |l| {
                        progress
                            .with(|p| {
                                p.as_ref()
                                    .map(|p| messages::import_checking(l, p.checked, p.total))
                            })
                            .unwrap_or_default()
                    }),
                )
            })
        }
    }

    /// The toolbar, the menu and the outcome regions. From Partner Center the toolbar is not shown (main.css, beside
    /// `.remote-status`, which only that mode has): it never removes a customer, has no demo data and takes no
    /// import, and what it lists is not whole records to export.
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
                    <ul>{lines(lang.get()).into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                }
                .into_any(),
            ),
            _ => None,
        }
        };
        view! {
            <div
                class="data-actions"
                on:pointerenter=move |_| work::warm_export()
                on:focusin=move |_| work::warm_export()
            >
                <button type="button" on:click=self.export(true)>{tr(Text::ExportCsv)}</button>
                <button type="button" id="ca-export-json" on:click=self.export(false)>{tr(Text::ExportJson)}</button>
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
            {self.keeping_view()}
        }
    }

    /// Under the actions: whether the browser keeps the customers, and, once they have gone 7 days without an
    /// export, the suggestion to keep a copy ([`super::keeping::KeepingLines`], in a module of its own).
    fn keeping_view(&self) -> impl IntoView {
        // Without its module (offline): nothing, as before the browser has answered.
        lazy::part(
            Box::pin(work::keeping_lines(self.clone())),
            Box::new(|_| String::new()),
        )
    }
}
