//! What the list's data actions do, each in its own module of a split build ([`crate::views::lazy`]), fetched when
//! the action is first used (export: when the pointer or the focus reaches the actions): most visits use none.

use leptos::prelude::*;

use super::actions::ListActions;
use super::keeping::KeepingLines;
use super::progress::ImportProgress;
use crate::i18n::{Lang, Text};
use crate::messages;
use crate::model::exchange::{export_csv, export_json};
use crate::platform;
use crate::state::{AppState, ImportError, StorageError};
use crate::views::lazy::{split, Task};
use crate::views::shell::store::read_older_first;
use crate::views::text::{said, Said};

/// What an action said.
#[derive(Clone)]
pub enum Outcome {
    Done(Said),
    Failed(Said),
    /// An import refused: the intro, then its problems' lines (worded in the module, in the language asked for).
    Problems(std::sync::Arc<dyn Fn(Lang) -> Vec<String> + Send + Sync>),
}

/// An action whose module could not be fetched: nothing was done.
pub fn not_loaded() -> Outcome {
    Outcome::Failed(said(|l| l.t(Text::ActionNotLoaded).into()))
}

/// An action's work, made in its module: what to show when it is done (`None`: nothing happened, as when the user
/// said no to a confirmation).
pub type Work = Task<Option<Outcome>>;

split!(
    /// "Export CSV" (with the byte order mark that makes spreadsheet programs read UTF-8) or "Export JSON" of
    /// every customer, whatever the search shows: whether the download started, or why the store could not be read
    /// whole (then nothing is written). The records are decoded here, so the whole-record reader is not part of the
    /// first download.
    export_file, preload_export, ca_export, (state: AppState, lang: Lang, csv: bool) -> Result<bool, StorageError> => {
        use crate::i18n::Text;
        if !state.alive() {
            // Unmounted while the module was fetched.
            return Ok(Ok(false));
        }
        let customers = match state.all_customers() {
            Ok(customers) => customers,
            Err(error) => return Ok(Err(error)),
        };
        let started = if csv {
            export_csv(&customers, &crate::messages::Csv(lang)).is_ok_and(|text| {
                let text = format!("\u{feff}{text}");
                platform::download(lang.t(Text::CsvFile), "text/csv;charset=utf-8", &text)
            })
        } else {
            export_json(&customers).is_ok_and(|text| {
                platform::download(lang.t(Text::JsonFile), "application/json", &text)
            })
        };
        if started {
            // The copy the backup suggestion asks for.
            state.exported();
        }
        Ok(started)
    }
);
split!(
    /// "Import JSON" of the file the user picked: [`import_work`].
    import_file, preload_import, ca_import, (state: AppState, file: web_sys::File) -> Work =>
        import_work(state, file)
);
split!(
    /// A running import's progress bar, with its Cancel button.
    import_progress, preload_import_progress, ca_progress, (state: AppState) -> AnyView =>
        view! { <ImportProgress state /> }.into_any()
);
split!(
    /// The lines about keeping the customers: [`super::keeping::KeepingLines`]. From Partner Center, which keeps
    /// them, the line that says how its listing goes instead (in its own module, `views::remote`): this slot is the
    /// local mode's first download's already, so that mode's download carries nothing of Partner Center's.
    keeping_lines, preload_keeping, ca_keeping, (actions: ListActions) -> AnyView =>
        if actions.state().is_remote() {
            crate::views::lazy::part(
                Box::pin(async move {
                    crate::views::remote::connect(actions.state(), true)
                        .await
                        .map(|(_, status)| status)
                }),
                Box::new(|l| l.t(Text::ActionNotLoaded).into()),
            )
        } else {
            view! { <KeepingLines actions /> }.into_any()
        }
);
split!(
    /// "Remove all data", once confirmed: [`remove_all_work`].
    remove_all, preload_remove_all, ca_remove_all, (state: AppState) -> Work =>
        remove_all_work(state)
);
split!(
    /// "Load demo customers": [`demo_work`].
    load_demo, preload_demo, ca_demo, (state: AppState) -> Work => demo_work(state)
);
/// Starts fetching the export module when the pointer or the focus reaches the list's data actions, so that an
/// export's download starts within the click's user activation (a browser may block a download started later).
pub fn warm_export() {
    leptos::task::spawn_local(async {
        let _ = preload_export().await;
    });
}

/// "Load demo customers" (in its module): once records of an older version are read, as an import's are.
pub fn demo_work(state: AppState) -> Work {
    Box::pin(async move {
        // The module was fetched meanwhile: the app may have been unmounted (an embedded element removed).
        if !state.alive() {
            return None;
        }
        if read_older_first(&state).await.is_err() {
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
/// version are read. Its problems are worded in the display language, again whenever it changes.
pub fn import_work(state: AppState, file: web_sys::File) -> Work {
    Box::pin(async move {
        // `None`: the app was unmounted while the module was fetched.
        state.lang.try_get_untracked()?;
        let text = match platform::read_text(file).await {
            Ok(text) => text,
            Err(reason) => {
                return Some(Outcome::Failed(said(move |l| {
                    messages::file_unreadable(l, &reason)
                })))
            }
        };
        if read_older_first(&state).await.is_err() {
            return Some(not_loaded());
        }
        Some(match state.import(&text).await {
            Ok(count) => Outcome::Done(said(move |l| messages::imported(l, count))),
            Err(ImportError::Problems(problems)) => {
                Outcome::Problems(std::sync::Arc::new(move |l| {
                    messages::import_problem_lines(l, &problems)
                }))
            }
            Err(ImportError::Storage(error)) => {
                Outcome::Failed(said(move |l| messages::import_storage_error(l, &error)))
            }
            Err(ImportError::Cancelled) => {
                Outcome::Done(said(|l| l.t(Text::ImportCancelled).into()))
            }
        })
    })
}
