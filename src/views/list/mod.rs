//! `#/customers`: the customer list ([`page`]), its data actions ([`actions`]: export, import, demo customers,
//! remove all), what they do, in modules of their own ([`work`]), a running import's progress ([`progress`]), and
//! whether the browser keeps the customers, with the backup suggestion ([`keeping`]).

pub mod actions;
pub mod keeping;
pub mod page;
pub mod progress;
pub mod work;
