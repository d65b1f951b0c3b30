//! Partner Center's part of the app, in a module of its own (`ca_remote`), fetched only when the source is Partner
//! Center: the client the state calls through [`Remote`] (the browser's `fetch`, the page's timers, the calls of
//! `partner_center`), the listing of every customer a page after another, and the line that shows how it goes, with
//! Cancel and Refresh.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use leptos::prelude::*;
use uuid::Uuid;

use crate::i18n::Lang;
use crate::messages::remote::{self as words, Word};
use crate::model::list::Summary;
use crate::model::{Cloud, Customer};
use crate::partner_center::answer::{self, Created, Failure};
use crate::partner_center::call::Call;
use crate::partner_center::config::{ApiBase, Source, SourceError, SourceSetting};
use crate::partner_center::fetch::{Fetch, Timers};
use crate::partner_center::listing::{Client, Flow};
use crate::partner_center::operation::{run, Answer};
use crate::state::remote::Task;
use crate::state::{AppState, Remote, Services};
use crate::views::lazy::split;
use crate::views::text::use_lang;

split!(
    /// Connects the app to Partner Center (the source is `state.config.source`) and starts listing its customers,
    /// the first time it is called; with `show`, gives the line that tells how the listing goes (the list shows it
    /// in place of the local mode's lines about keeping the data). The pages call it before they fetch, create or
    /// save a customer.
    connect, preload_connect, ca_remote, (state: AppState, show: bool) -> (Option<Arc<dyn Remote>>, AnyView) =>
        connect_now(state, show)
);

/// The app's Partner Center client (connecting first): `None` when its module or its setting failed, and then
/// nothing can be fetched, created or saved.
pub async fn client_of(state: &AppState) -> Option<Arc<dyn Remote>> {
    connect(state.clone(), false)
        .await
        .ok()
        .and_then(|(remote, _)| remote)
}

thread_local! {
    /// Each app's client, found by the app's list of customers (an app is one `AppState`, however often cloned).
    static CLIENTS: std::cell::RefCell<Vec<(AppState, Arc<PartnerCenter>)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The client: calls under the portal's base, in the display language, each one an operation of `run`.
#[derive(Clone)]
struct PartnerCenter {
    base: ApiBase,
    cloud: Cloud,
    services: Arc<dyn Services>,
    /// The seconds of the wait under way because Partner Center said it is busy (429).
    busy: ArcRwSignal<Option<u32>>,
    /// How the listing goes, and the reader's Cancel.
    listing: ArcRwSignal<Listing>,
    stop: Arc<AtomicBool>,
}

impl PartnerCenter {
    fn timers(&self) -> Timers {
        let busy = self.busy.clone();
        Timers {
            on_wait: Box::new(move |ms, is_busy| {
                busy.try_set(is_busy.then_some(ms.div_ceil(1000)));
            }),
        }
    }

    /// One operation: the answer whatever its status, or the failure not worth another try.
    async fn call(&self, call: Call, lang: Lang) -> Result<Answer, Failure> {
        let services = self.services.clone();
        let new_id = move || services.new_uuid();
        let outcome = run(
            &Fetch::default(),
            &self.timers(),
            &self.base,
            &call,
            lang.tag(),
            new_id(),
            &new_id,
        )
        .await;
        self.busy.try_set(None);
        outcome
    }
}

/// The failure an answer with a status other than the call's own stands for.
fn failed(answer: &Answer) -> Failure {
    Failure::of(answer.status, answer.retry_after.as_deref(), &answer.body)
}

impl Remote for PartnerCenter {
    fn list(
        &self,
        lang: Lang,
        mut on_page: Box<dyn FnMut(Vec<Summary>) -> bool>,
    ) -> Task<Result<bool, Failure>> {
        let this = self.clone();
        Box::pin(async move {
            let services = this.services.clone();
            let new_id = move || services.new_uuid();
            let transport = Fetch::default();
            let timers = this.timers();
            let client = Client {
                transport: &transport,
                wait: &timers,
                base: &this.base,
                cloud: this.cloud,
                locale: lang.tag(),
                new_id: &new_id,
            };
            let outcome = client
                .list_all(&mut |page| if on_page(page) { Flow::Go } else { Flow::Stop })
                .await;
            this.busy.try_set(None);
            outcome
                .map(|listed| listed.complete)
                .map_err(|(failure, _)| failure)
        })
    }

    fn customer(&self, id: Uuid, lang: Lang) -> Task<Result<Customer, Failure>> {
        let this = self.clone();
        Box::pin(async move {
            let answer = this.call(Call::Customer { id }, lang).await?;
            match answer.status {
                200 => answer::customer(&answer.body, this.cloud, &this.services.stamp()),
                _ => Err(failed(&answer)),
            }
        })
    }

    fn create(&self, customer: Customer, lang: Lang) -> Task<Result<Created, Failure>> {
        let this = self.clone();
        Box::pin(async move {
            let call = Call::Create {
                customer: Box::new(customer),
            };
            let answer = this.call(call, lang).await?;
            match answer.status {
                200 | 201 => answer::created(&answer.body, this.cloud, &this.services.stamp()),
                _ => Err(failed(&answer)),
            }
        })
    }

    fn update(
        &self,
        customer: Customer,
        etag: String,
        lang: Lang,
    ) -> Task<Result<Customer, Failure>> {
        let this = self.clone();
        Box::pin(async move {
            let call = Call::UpdateBilling {
                customer: Box::new(customer.clone()),
                etag,
            };
            let answer = this.call(call, lang).await?;
            match answer.status {
                200 => answer::billing(&answer.body, &customer, this.cloud, &this.services.stamp()),
                _ => Err(failed(&answer)),
            }
        })
    }
}

/// How the listing goes.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Listing {
    /// Pages are coming: this many customers so far.
    Running(usize),
    /// It ended: every customer (`complete`), or the reader stopped it.
    Ended { count: usize, complete: bool },
    /// A page failed: what was listed stays.
    Failed { count: usize, failure: Failure },
}

/// Lists every customer into the state, a page after another, until the last page, a failure or Cancel; nothing
/// when a listing is under way.
fn list_all(state: AppState, remote: Arc<PartnerCenter>) {
    let listing = remote.listing.clone();
    if matches!(listing.get_untracked(), Listing::Running(_)) {
        return;
    }
    remote.stop.store(false, Ordering::Relaxed);
    listing.set(Listing::Running(0));
    let lang = state.lang.get_untracked();
    leptos::task::spawn_local(async move {
        let mut count = 0;
        let taker = state.clone();
        let stopping = remote.stop.clone();
        let shown = listing.clone();
        let on_page = Box::new(move |page: Vec<Summary>| {
            if !taker.alive() {
                return false;
            }
            count += page.len();
            taker.take_listed(page);
            shown.try_set(Listing::Running(count));
            !stopping.load(Ordering::Relaxed)
        });
        let outcome = remote.list(lang, on_page).await;
        let count = match listing.try_get_untracked() {
            Some(Listing::Running(count)) => count,
            _ => return,
        };
        listing.try_set(match outcome {
            Ok(complete) => Listing::Ended { count, complete },
            Err(failure) => Listing::Failed { count, failure },
        });
    });
}

/// The state's Partner Center client, made (and its listing started) the first time.
fn client(state: &AppState) -> Result<Arc<PartnerCenter>, SourceError> {
    let known = CLIENTS.with_borrow_mut(|clients| {
        // Apps unmounted since (an element removed) let go of theirs.
        clients.retain(|(app, _)| app.alive());
        clients
            .iter()
            .find(|(app, _)| app.customers == state.customers)
            .map(|(_, client)| client.clone())
    });
    if let Some(client) = known {
        return Ok(client);
    }
    let base = match state.config.source.as_ref().map(SourceSetting::source) {
        Some(Ok(Source::PartnerCenter(base))) => base,
        Some(Err(error)) => return Err(error),
        // Not asked for: the app was not given a source (never called then).
        None | Some(Ok(Source::Local)) => return Err(SourceError::MissingApiBase),
    };
    let client = Arc::new(PartnerCenter {
        base,
        cloud: state.config.cloud,
        services: state.services(),
        busy: ArcRwSignal::new(None),
        listing: ArcRwSignal::new(Listing::Ended {
            count: 0,
            complete: false,
        }),
        stop: Arc::default(),
    });
    CLIENTS.with_borrow_mut(|clients| clients.push((state.clone(), client.clone())));
    list_all(state.clone(), client.clone());
    Ok(client)
}

fn connect_now(state: AppState, show: bool) -> (Option<Arc<dyn Remote>>, AnyView) {
    let client = client(&state);
    let remote = client
        .as_ref()
        .ok()
        .map(|client| client.clone() as Arc<dyn Remote>);
    if !show {
        return (remote, ().into_any());
    }
    (remote, status(state, client))
}

/// The line that tells how the listing goes, with Cancel and Refresh; or why there is none.
fn status(state: AppState, client: Result<Arc<PartnerCenter>, SourceError>) -> AnyView {
    let lang = use_lang();
    let client = match client {
        Ok(client) => client,
        // Said where the listing's line goes: nothing is listed, and this browser's own customers are not shown.
        Err(error) => {
            return view! {
                <p class="form-alert remote-status" role="alert">{move || words::source_error(lang.get(), &error)}</p>
            }
            .into_any();
        }
    };
    let listing = client.listing.clone();
    let busy = client.busy.clone();
    let said = {
        let listing = listing.clone();
        move || {
            let l = lang.get();
            match listing.get() {
                Listing::Running(count) => words::listing(l, count),
                Listing::Ended { count, complete } => words::listed(l, count, complete),
                Listing::Failed { count, .. } => words::listed(l, count, false),
            }
        }
    };
    let running = {
        let listing = listing.clone();
        move || matches!(listing.get(), Listing::Running(_))
    };
    let failure = {
        let listing = listing.clone();
        move || match listing.get() {
            Listing::Failed { failure, .. } => Some(words::failure(lang.get(), &failure)),
            _ => None,
        }
    };
    let stop = client.stop.clone();
    let cancel = move |_| stop.store(true, Ordering::Relaxed);
    let refresh = {
        let state = state.clone();
        move |_| list_all(state.clone(), client.clone())
    };
    view! {
        <section class="remote-status" aria-label=move || words::word(lang.get(), Word::Source)>
            <p class="remote-count" role="status">{said.clone()}</p>
            <p class="remote-busy" role="status">
                {move || busy.get().map(|secs| words::busy(lang.get(), secs))}
            </p>
            <div class="form-alert" role="alert">{failure}</div>
            {move || if running() {
                view! {
                    // No value: Partner Center gives no total, so the bar says only that pages are coming, and its
                    // text how many so far.
                    <progress
                        class="listing-progress"
                        aria-label=move || words::word(lang.get(), Word::Progress)
                        aria-valuetext=said.clone()
                    ></progress>
                    <button type="button" on:click=cancel.clone()>{move || words::word(lang.get(), Word::Cancel)}</button>
                }
                .into_any()
            } else {
                view! {
                    <button type="button" on:click=refresh.clone()>{move || words::word(lang.get(), Word::Refresh)}</button>
                }
                .into_any()
            }}
        </section>
    }
    .into_any()
}
