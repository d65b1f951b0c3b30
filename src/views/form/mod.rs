//! The customer form's pieces, shared by the add and edit pages: the account's fields and their rules
//! ([`customer`]), built of labelled controls ([`fields`]).

pub mod customer;
pub mod fields;
