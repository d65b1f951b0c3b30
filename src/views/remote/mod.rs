//! Partner Center's part of the app, in a module of its own (`ca_remote`), fetched only when the source is Partner
//! Center: the client the state calls through [`crate::state::Remote`] ([`client`]: the browser's `fetch`, the page's timers, the
//! calls of `partner_center`), and the listing of every customer a page after another with the line that shows how it
//! goes ([`status`]). [`connect`] is the way in: the split point, each app's client, and what the host page is
//! told.

mod client;
mod connect;
mod status;

pub use connect::{client_of, connect, note_failure, preload_connect, AUTH_REQUIRED, RETRY};
