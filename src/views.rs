//! Components: one page per file, the shared form pieces beside them. Views read and write through
//! [`crate::state::AppState`] only.

pub mod add;
pub mod app;
pub mod customer_form;
pub mod details;
pub mod edit;
pub mod fields;
pub mod language;
pub mod lazy;
pub mod link;
pub mod list;
pub mod list_actions;
pub mod not_found;
pub mod notices;
pub mod review;
pub mod services;
pub mod text;
