//! The domain: customers in Partner Center's shape, countries and their rules, the form's rules, the list's order
//! and search, and exports and imports. Pure Rust: nothing here touches the DOM or storage, nothing here words
//! anything for the reader (the views do, through `messages`), and all of it is tested natively.
//!
//! Folders: [`customer`] (the Partner Center shape, its cloud and validated details), [`rules`] (countries and what
//! each asks for), [`form`] (fields, drafts, validation), [`list`] (summaries, search, order), [`exchange`] (CSV and
//! JSON exports, the JSON import). [`acceptance`] is the one set of rules every stored customer meets; [`backup`] when
//! the list suggests an export.

pub mod acceptance;
pub mod backup;
pub mod customer;
pub mod demo;
pub mod exchange;
pub mod form;
pub mod list;
pub mod password;
pub mod rules;

pub use customer::cloud::Cloud;
pub use customer::{Customer, Relationship, ValidDetails, WriteStamp};
pub use form::{CustomerDraft, Field, FieldError, FieldErrors};
