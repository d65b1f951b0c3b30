//! Partner Center as the shared source of customers (issue 29), reached through the portal's proxy of its REST API.
//!
//! What is here is pure and tested natively, as the model is: where the app finds the API ([`config`]), the calls it
//! makes as requests a transport can send ([`call`]), what it makes of every answer, read as untrusted input
//! ([`answer`]), when a failed call is tried again ([`retry`]), and one operation's tries over a transport and a
//! timer that are passed in ([`operation`]), and the listing of every customer a page after another, and the search
//! of those not listed yet, on top of it ([`listing`]). [`fetch`] is that transport and timer in the browser, the one part
//! that needs one (tested in `tests/browser.rs`). The transport (the browser's `fetch`) and the
//! source that the state lists, adds and edits through come on top of it, in a module of their own, so that the
//! local mode's first download does not carry them.

pub mod answer;
pub mod call;
pub mod config;
pub mod fetch;
pub mod listing;
pub mod operation;
pub mod retry;

/// A customer as the add form would make it, for the tests of this module.
#[cfg(test)]
pub(crate) fn sample() -> crate::model::Customer {
    use crate::model::demo::demo_drafts;
    use crate::model::form::validate_new;
    use crate::model::{Cloud, Customer, WriteStamp};
    let draft = demo_drafts().remove(0);
    let cloud = Cloud::China21Vianet;
    let (prefix, details) =
        validate_new(&draft, cloud, |_| false).expect("a demo customer passes the form");
    let stamp = WriteStamp {
        etag: "etag-0".into(),
        now: "2026-12-07T09:00:00Z".into(),
    };
    Customer::create(
        uuid::Uuid::from_u128(0x5eed),
        cloud,
        &prefix,
        details,
        stamp,
    )
}
