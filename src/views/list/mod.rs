//! `#/customers`: the customer list ([`page`]) and its data actions ([`actions`]: export, import, demo customers,
//! remove all).

pub mod actions;
pub mod page;
