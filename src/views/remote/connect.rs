//! The way in: the split point, each app's client, made on first use, and what the host page is told.

use std::sync::Arc;

use leptos::prelude::*;

use crate::partner_center::answer::Failure;
use crate::partner_center::config::{Source, SourceError, SourceSetting};
use crate::state::{AppState, Remote};
use crate::views::lazy::split;

use super::client::PartnerCenter;
use super::status::{list_all, status, Listing};

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

/// Dispatched on the element (the standalone page: its document) when Partner Center says the portal's session has
/// ended (401 or 403): the host signs the reader in again, then calls `element.retry()`.
pub const AUTH_REQUIRED: &str = "customer-accounts-auth-required";
/// What `element.retry()` dispatches on the element (embed.js; on the standalone page's document, the host's to
/// dispatch): the app goes on where the session ended.
pub const RETRY: &str = "customer-accounts-retry";

/// Tells the host page when a call failed because the portal's session has ended; every page calls it with the
/// failures it shows (typed values stay on the form, and Submit after `retry()` sends them).
pub fn note_failure(state: &AppState, failure: &Failure) {
    if *failure == Failure::SignedOut {
        state.host.signal(AUTH_REQUIRED);
    }
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
        ended_at: Arc::default(),
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
