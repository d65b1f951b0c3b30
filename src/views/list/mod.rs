//! `#/customers`: the customer list ([`page`]), its data actions ([`actions`]: export, import, demo customers,
//! remove all), what they do, in modules of their own ([`work`]), and a running import's progress ([`progress`]).

pub mod actions;
pub mod page;
pub mod progress;
pub mod work;
