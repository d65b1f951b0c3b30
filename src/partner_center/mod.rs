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

#[cfg(test)]
pub(crate) mod testing;
