//! The domain: customers in Partner Center's shape, countries and their rules, validation and search.
//! Pure Rust: nothing here touches the DOM or storage, and all of it is tested natively.

pub mod acceptance;
pub mod casing;
pub mod cloud;
pub mod countries;
pub mod csv_writer;
pub mod customer;
pub mod demo;
pub mod password;
pub mod rules;
pub mod search;
pub mod sorting;
pub mod transfer;
pub mod validation;

pub use cloud::Cloud;
pub use customer::{Customer, Relationship, WriteStamp};
pub use validation::{CustomerDraft, Field, FieldError, FieldErrors, ValidDetails};
