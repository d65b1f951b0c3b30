//! Components, in folders by what they show: [`shell`] (the frame around every page: routing, header, notices),
//! [`list`] (the customer list and its data actions), [`customer`] (a customer's pages: add, details, edit) and
//! [`form`] (the account fields the add and edit pages share). The files beside the folders are what every view
//! uses: [`text`] (the interface's language), [`link`] (links to the app's pages) and [`lazy`] (the parts loaded on
//! first use). [`remote`] is Partner Center's part, fetched only when it is the source. Views read and write through
//! [`crate::state::AppState`] only.

pub mod customer;
pub mod form;
pub mod lazy;
pub mod link;
pub mod list;
pub mod remote;
pub mod shell;
pub mod text;
