//! The customer's pages as the shell opens them: each in its own module of a split build ([`crate::views::lazy`]),
//! fetched when the list has painted (or when the page is first opened), so the first download is for the list.

use leptos::prelude::*;
use uuid::Uuid;

use super::add::AddCustomer;
use super::details::CustomerDetails;
use super::edit::EditCustomer;
use crate::views::lazy::split;

split!(
    /// "Add a new customer".
    add_page, preload_add, ca_add, () -> AnyView => view! { <AddCustomer /> }.into_any()
);
split!(
    /// A customer's account details.
    details_page, preload_details, ca_details, (id: Uuid) -> AnyView => view! { <CustomerDetails id /> }.into_any()
);
split!(
    /// "Update a customer's account details".
    edit_page, preload_edit, ca_edit, (id: Uuid) -> AnyView => view! { <EditCustomer id /> }.into_any()
);
