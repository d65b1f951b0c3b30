//! The add and edit forms' values and the rules they must meet before anything is stored: one message per field,
//! never a panic.

mod contact;
mod draft;
mod field;
mod text;
mod validate;

#[cfg(test)]
pub(crate) mod tests;

pub use contact::{is_valid_email, is_valid_phone};
pub use draft::*;
pub use field::{Field, FieldError, FieldErrors};
pub use text::{all_invisible, check_text, is_invisible};
pub use validate::*;
