//! The frame around every page: the app itself ([`app`]: state, the hash router, the page for the current route,
//! the title and focus), the header's language choice ([`language`]), the notices above every page ([`notices`]),
//! the not-found page ([`not_found`]), the state's services in a browser ([`services`]), what other tabs write
//! ([`tabs`]) and the stored customers' rarer work, loaded on first use ([`store`]).

pub mod app;
pub mod language;
pub mod not_found;
pub mod notices;
pub mod services;
pub mod store;
pub mod tabs;
