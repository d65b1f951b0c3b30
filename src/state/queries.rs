//! What the views ask of memory: one customer (through the index), every customer, whether a domain is in use.

use leptos::prelude::*;
use uuid::Uuid;

use crate::model::list::Listed;
use crate::model::Customer;
use crate::storage::StorageError;

use super::app::*;
use super::outcomes::Notice;

impl AppState {
    /// A customer by id, decoded whole, tracked: views that call it update when the customer changes. `None` when
    /// there is none, or when its record fails the whole check (which, moments after a load, has not reached it
    /// yet: it then leaves the list and is reported).
    pub fn customer(&self, id: Uuid) -> Option<Customer> {
        self.customers.with(|list| {
            list.positions(id)
                .into_iter()
                .find_map(|at| list.get(at)?.customer().ok())
        })
    }

    /// A customer's company name, from its row (tracked): what the tab's title names. The record is not decoded,
    /// so the first download need not hold the whole-record reader; a record that fails its whole check leaves the
    /// list when the check reaches it, and its name with it.
    pub fn company_name(&self, id: Uuid) -> Option<String> {
        // A walk, not the index: the tab's title is the first download's, and the index's code is not (opening the
        // customer, in its own module, builds the index).
        self.customers.with(|list| {
            list.iter()
                .find(|row| row.id() == id)
                .map(|row| row.summary().company_name().to_string())
        })
    }

    /// Every customer, decoded whole (for an export): those whose record fails its check are left out, as the
    /// check leaves them out of the list. While only the first page could be read (the rest failed), the error
    /// why: an export of part of the store would pass for all of it.
    pub fn all_customers(&self) -> Result<Vec<Customer>, StorageError> {
        self.finish_load();
        if self.loading_total.get_untracked().is_some() {
            let why = self.notices.with_untracked(|notices| {
                notices.iter().find_map(|notice| match notice {
                    Notice::LoadFailed(error) => Some(error.clone()),
                    _ => None,
                })
            });
            return Err(
                why.unwrap_or_else(|| StorageError::Failed("the store was not read whole".into()))
            );
        }
        Ok(self
            .customers
            .with_untracked(|list| list.iter().filter_map(|row| row.customer().ok()).collect()))
    }

    /// Whether a full domain belongs to a customer already, or to a stored record that can't be read (tracked, so
    /// availability updates live).
    pub fn is_domain_taken(&self, domain: &str) -> bool {
        self.customers.track();
        self.unreadable.track();
        self.domain_in_memory(domain)
    }

    /// [`AppState::is_domain_taken`], untracked: for the check an add makes under the lock.
    pub(super) fn domain_in_memory(&self, domain: &str) -> bool {
        self.customers
            .with_untracked(|list| list.has_domain(domain))
            || self.unreadable.with_untracked(|list| {
                list.iter().any(|u| {
                    u.domain
                        .as_deref()
                        .is_some_and(|d| d.eq_ignore_ascii_case(domain))
                })
            })
    }
}
