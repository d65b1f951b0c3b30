//! The app shell: state, the hash router and the page for the current route, the page's title and language, and
//! the focus on a new page's heading.

use leptos::prelude::*;

use super::language::LanguagePicker;
use super::not_found::{NotFound, PageNotLoaded};
use super::notices::Notices;
use super::store::{check_rows, ensure_json_reader, reload, upgrade_store};
use super::tabs::follow_other_tabs;
use crate::host::Host;
use crate::i18n::Lang;
use crate::i18n::Text;
use crate::messages;
use crate::platform;
use crate::routing::Route;
use crate::state::{AppConfig, AppState};
use crate::views::customer::pages;
use crate::views::lazy::NotLoaded;
use crate::views::list::page::CustomerList;
use crate::views::text::tr;

/// A page from [`pages`]: its view once its module is there (at once when it was loaded before), or, when the module
/// could not be loaded, [`PageNotLoaded`], whose "Try again" loads it again.
fn lazy_page<F>(load: impl Fn() -> F + Send + Sync + 'static) -> AnyView
where
    F: std::future::Future<Output = Result<AnyView, NotLoaded>> + Send + 'static,
{
    let attempt = RwSignal::new(0u32);
    let load = std::sync::Arc::new(load);
    let host = expect_context::<AppState>().host;
    (move || {
        attempt.track();
        let load = load.clone();
        Suspend::new(async move {
            let page = match load().await {
                Ok(page) => page,
                Err(NotLoaded) => {
                    let retry = Callback::new(move |()| attempt.update(|n| *n += 1));
                    view! { <PageNotLoaded retry /> }.into_any()
                }
            };
            // A page that arrived late (or "Try again", whose button has gone) finds the focus nowhere: its heading
            // takes it, as on any new page. The frame comes after the page is in the document.
            request_animation_frame(move || {
                if !host.holds_focus() {
                    host.focus("main h1");
                }
            });
            page
        })
    })
    .into_any()
}

/// Keeps `state.route` in step with the location hash, asking first when a form has unsaved changes.
fn listen_to_hash(state: &AppState) {
    let route = state.route;
    let lang = state.lang;
    let guard = state.clone();
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        let next = Route::parse(&platform::current_hash());
        let current = route.get_untracked();
        if next == current {
            return;
        }
        if guard.has_unsaved_changes()
            && !platform::confirm(lang.get_untracked().t(Text::LeaveUnsaved))
        {
            // Put the address back; the hashchange this causes matches the current route and is ignored.
            platform::set_hash(&current.href());
            return;
        }
        // The page it leads to may need any customer.
        guard.finish_load();
        route.set(next);
    });
    on_cleanup(move || handle.remove());
}

/// For a few frames after a page's heading took the focus: if the page was still being replaced, the heading focused
/// may have gone with it, and the focus with it to the document; then the heading now shown takes it.
fn keep_focus(route: RwSignal<Route>, shown: Route, host: crate::host::Host, frames: u8) {
    if frames == 0 {
        return;
    }
    request_animation_frame(move || {
        if route.try_get_untracked().as_ref() != Some(&shown) {
            return;
        }
        if !host.holds_focus() {
            host.focus("main h1");
        }
        keep_focus(route, shown, host, frames - 1);
    });
}

/// Fetches the pages' modules (and the Undo offer's) in the background, so that a page opens at once when asked
/// for, and still opens when the network has gone by then. Called when the list has painted; a module that fails
/// to load here is loaded again when its page is opened. The actions' modules are fetched when an action is first
/// used: most visits use none, and with the pages' modules a visit still downloads less than the unsplit build did.
fn preload() {
    leptos::task::spawn_local(async {
        let _ = pages::preload_add().await;
        let _ = pages::preload_details().await;
        let _ = pages::preload_edit().await;
        // A removal (from a customer's page) offers Undo at once.
        let _ = super::notices::preload_undo().await;
    });
}

/// Closing or reloading the tab (or, embedded, leaving the host page) with unsaved changes asks first.
fn ask_before_unload(state: &AppState) {
    let guard = state.clone();
    let unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if guard.has_unsaved_changes() {
            ev.prevent_default();
            ev.set_return_value("");
        }
    });
    on_cleanup(move || unload.remove());
}

/// The whole app.
#[component]
pub fn App(
    /// Storage prefix and cloud.
    #[prop(optional)]
    config: AppConfig,
    /// A page of its own (the default), or an element of a host page.
    #[prop(optional)]
    host: Host,
    /// Embedded: the element's `lang` attribute, followed when the host page changes it.
    #[prop(optional)]
    lang_attribute: Option<ArcRwSignal<Option<String>>>,
) -> impl IntoView {
    let state = AppState::init(config, host, std::sync::Arc::new(super::services::Browser));
    provide_context(state.clone());
    // Views read the language through `tr`/`use_lang` (views::text).
    provide_context(state.lang);
    if host.owns_page() {
        listen_to_hash(&state);
    }
    ask_before_unload(&state);
    follow_other_tabs(&state);
    if state.is_remote() {
        // Partner Center's module is fetched at once, while the list paints (its first use comes with the list).
        leptos::task::spawn_local(async {
            let _ = crate::views::remote::preload_connect().await;
        });
    }
    {
        // Work that can wait until the list has been painted (a task after the next frame; a tab in the background
        // gets no frames, so there a timer starts it):
        // - the load read and sorted only the list's first page: the rest is read and sorted;
        // - the browser loads its locale data, which the first date shown would otherwise wait for;
        // - the load read only what the list shows of each customer: each record is checked whole, in slices that
        //   leave the page responsive;
        // - a store an older version wrote is moved to the compact format once; until then (and if storage refuses
        //   a step) its records are read where they are.
        // - the other pages' modules are fetched (a split build), so they open at once, even offline by then.
        let started = std::rc::Rc::new(std::cell::Cell::new(false));
        let begin = {
            let state = state.clone();
            move || {
                if started.replace(true) {
                    return;
                }
                state.finish_load();
                if let Some(lang) = state.lang.try_get_untracked() {
                    platform::prepare_locale(lang.tag());
                }
                // Each in its module (a split build), fetched now: the first download is for the list. Should
                // one not arrive (the network gone since), its work waits, silently as the pages' preloads do, for
                // the next load: rows are still checked whole when opened, and older records are read where they
                // are.
                let checking = state.clone();
                leptos::task::spawn_local(async move {
                    if let Ok(task) = check_rows(checking).await {
                        task.await;
                    }
                });
                // Only a store an older version wrote has anything to upgrade: other loads fetch nothing for it.
                if state.has_older_records() {
                    let upgrading = state.clone();
                    leptos::task::spawn_local(async move {
                        if let Ok(task) = upgrade_store(upgrading).await {
                            task.await;
                        }
                    });
                }
                preload();
            }
        };
        let after_frame = begin.clone();
        request_animation_frame(move || set_timeout(after_frame, std::time::Duration::ZERO));
        set_timeout(begin, std::time::Duration::from_secs(1));
    }
    let route = state.route;
    let host = state.host;

    // A new page's heading takes focus, so keyboard and screen reader users start at its top.
    let status = state.status;
    Effect::new(move |previous: Option<Route>| {
        let current = route.get();
        // A page's status message goes with the page.
        if status.with_untracked(|s| s.as_ref().is_some_and(|(r, _)| *r != current)) {
            status.set(None);
        }
        if previous.is_some_and(|p| p != current) {
            let shown = current.clone();
            // Only if that page is still shown when the frame comes (a hidden tab gets its frames late).
            request_animation_frame(move || {
                if route.try_get_untracked().as_ref() == Some(&shown) {
                    host.focus("main h1");
                    keep_focus(route, shown.clone(), host, 5);
                }
            });
        }
        current
    });

    // The tab's title names the page (and the customer), as people expect of a page with its own address.
    let titles = state.clone();
    let lang = state.lang;
    Effect::new(move |_| {
        if !titles.host.owns_page() {
            // The host page's title is the host's.
            return;
        }
        let l = lang.get();
        let page = match route.get() {
            Route::List => l.t(Text::Customers).to_string(),
            // The add page names its steps itself (views::customer::add): one owner of the title per page.
            Route::New => return,
            Route::Details(id) | Route::Edit(id) => match titles.company_name(id) {
                Some(name) if matches!(route.get_untracked(), Route::Edit(_)) => {
                    messages::edit_heading(l, &name)
                }
                Some(name) => messages::isolate(&name),
                None => l.t(Text::CustomerNotFoundTitle).to_string(),
            },
            Route::NotFound => l.t(Text::NotFoundTitle).to_string(),
        };
        platform::set_title(&messages::page_title(l, &page));
    });

    if let Some(attribute) = lang_attribute {
        Effect::new(move |previous: Option<()>| {
            let asked = attribute.get().as_deref().and_then(Lang::parse);
            if let (Some(_), Some(asked)) = (previous, asked) {
                if asked != lang.get_untracked() {
                    lang.set(asked);
                }
            }
        });
    }

    // The page's (or, embedded, the element's) `lang` follows "Display language", so screen readers pronounce the
    // interface in its language.
    Effect::new(move |_| {
        let tag = lang.get().tag();
        match host.owns_page() {
            true => platform::set_document_lang(tag),
            false => host.set_lang(tag),
        }
    });

    let waiting = state.waiting_for_reader();
    let shell = move || {
        view! {
            <div class="app">
                <header class="app-header">
                    // Past the header and notices, to the page itself (a link, but not to a hash: the hash is the route).
                    <a
                        class="skip-link"
                        href=""
                        on:click=move |ev| {
                            ev.prevent_default();
                            host.focus("main");
                        }
                    >
                        {tr(Text::SkipToMain)}
                    </a>
                    <span class="app-name">{tr(Text::AppName)}</span>
                    <LanguagePicker />
                </header>
                <Notices />
                <main class="page" tabindex="-1">
                    {move || match route.get() {
                        Route::List => view! { <CustomerList /> }.into_any(),
                        Route::New => lazy_page(pages::add_page),
                        Route::Details(id) => lazy_page(move || pages::details_page(id)),
                        Route::Edit(id) => lazy_page(move || pages::edit_page(id)),
                        Route::NotFound => view! { <NotFound /> }.into_any(),
                    }}
                </main>
            </div>
        }
    };
    if !waiting {
        return shell().into_any();
    }
    // A store an older version wrote: its records need the JSON reader, fetched first (a split build), so the list
    // never shows without them. Should the reader not arrive, the list shows what it can, and the records stay
    // where they are, unread, for the next load.
    let reloading = state.clone();
    Suspend::new(async move {
        let read = async {
            ensure_json_reader().await?;
            reload(reloading.clone()).await
        };
        if read.await.is_err() {
            reloading.older_not_read();
        }
        shell()
    })
    .into_any()
}
