//! The frame around every page: the app itself (state, the hash router, the page for the current route, the title
//! and focus), the header's language choice, the notices above every page, the not-found page and the state's
//! services in a browser.

pub mod app;
pub mod language;
pub mod not_found;
pub mod notices;
pub mod services;
pub mod store;
