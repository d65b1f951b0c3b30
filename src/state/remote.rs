//! Partner Center as the source of the customers the state shows (issue 29), through the portal's proxy of its API.
//!
//! The state knows Partner Center only as a [`Remote`]: what lists, fetches, creates and updates customers. The one
//! implementation is made in a module of its own (`views::remote`, which a split build fetches only in this mode)
//! and handed to the state's operations by the views that call them, so the local mode's first download carries none
//! of the API client. Rows listed from it hold their names alone ([`Row::listed`]) until the customer is opened and
//! fetched whole.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;
use uuid::Uuid;

use super::app::AppState;
use super::outcomes::{AddError, SaveError};
use crate::host::HostEvent;
use crate::locale::Lang;
use crate::model::list::{Listed, Summary};
use crate::model::{Customer, ValidDetails};
use crate::partner_center::answer::{Created, Failure};
use crate::storage::row::Row;

/// Work a [`Remote`] does after the call has returned.
pub type Task<T> = Pin<Box<dyn Future<Output = T>>>;

/// What the state asks of Partner Center. Each call is one operation, tried again as `partner_center::retry` says;
/// its `Err` is the failure that was not worth another try.
pub trait Remote: Send + Sync {
    /// Every customer, a page after another: `on_page` takes each page's customers and says whether to go on. `Ok`
    /// with whether the last page was reached.
    fn list(
        &self,
        lang: Lang,
        on_page: Box<dyn FnMut(Vec<Summary>) -> bool>,
    ) -> Task<Result<bool, Failure>>;
    /// One customer, whole.
    fn customer(&self, id: Uuid, lang: Lang) -> Task<Result<Customer, Failure>>;
    /// Creates `customer` (its id is Partner Center's to choose): the customer as created, with its sign-in.
    fn create(&self, customer: Customer, lang: Lang) -> Task<Result<Created, Failure>>;
    /// Writes `customer`'s billing profile over the version with `etag`: the customer as saved.
    fn update(
        &self,
        customer: Customer,
        etag: String,
        lang: Lang,
    ) -> Task<Result<Customer, Failure>>;
}

/// A customer just added, with the sign-in Partner Center made for it (shown once, never stored).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Added {
    pub customer: Customer,
    /// Partner Center's `userCredentials`: the administrator's user name (at the customer's domain) and temporary
    /// password. `None` for a
    /// customer of this browser, whose sign-in the add page makes up.
    pub sign_in: Option<(String, String)>,
}

impl AppState {
    /// Whether the customers come from Partner Center (the element's `source`, the page's meta tag).
    pub fn is_remote(&self) -> bool {
        self.config.source.is_some()
    }

    /// The services the state uses (ids, the clock), for the Partner Center client.
    pub fn services(&self) -> Arc<dyn super::Services> {
        self.services.clone()
    }

    /// Takes a page of the list into memory: a customer new to memory comes in as listed; one already there keeps its
    /// whole record unless the page names it otherwise (renamed since it was fetched).
    pub fn take_listed(&self, page: Vec<Summary>) {
        self.customers.try_update(|list| {
            let mut added = Vec::with_capacity(page.len());
            for summary in page {
                let known = list
                    .positions(summary.id)
                    .first()
                    .and_then(|&at| list.get(at))
                    .map(|row| {
                        row.summary().company_name() == summary.company_name()
                            && row.summary().domain() == summary.domain()
                    });
                match known {
                    Some(true) => {}
                    Some(false) => {
                        list.remove(summary.id);
                        added.push(Row::listed(summary));
                    }
                    None => added.push(Row::listed(summary)),
                }
            }
            list.merge(added);
        });
    }

    /// Fetches a customer whole from Partner Center into memory (opening it shows it, and its edit starts from its
    /// latest etag). Nothing changes in memory on a failure.
    pub async fn fetch_customer(&self, remote: &dyn Remote, id: Uuid) -> Result<Customer, Failure> {
        let lang = self.lang.get_untracked();
        let customer = remote.customer(id, lang).await?;
        if customer.id != id {
            return Err(Failure::Malformed);
        }
        if self.alive() {
            self.put_in_memory(&customer);
        }
        Ok(customer)
    }

    /// [`AppState::add_customer`] in Partner Center: one create, tried again (with the same request id) only as
    /// `partner_center::retry` says, so it never makes two customers.
    pub(super) async fn add_remote(
        &self,
        remote: Arc<dyn Remote>,
        candidate: Customer,
    ) -> Result<Added, AddError> {
        let lang = self.lang.get_untracked();
        let created = remote
            .create(candidate, lang)
            .await
            .map_err(|failure| match failure {
                // Partner Center's "invalid property" on a create is most often the domain, taken since the check.
                Failure::Refused {
                    code: Some(3000), ..
                } => AddError::DomainTaken,
                other => AddError::Remote(other),
            })?;
        let Created {
            customer,
            user_name,
            password,
        } = created;
        if self.alive() {
            self.put_in_memory(&customer);
            self.host.announce(HostEvent::Created, &customer);
        }
        // A user named alone (`admin`) signs in at the new customer's domain.
        let user_name = match user_name.contains('@') {
            true => user_name,
            false => format!("{user_name}@{}", customer.domain()),
        };
        Ok(Added {
            customer,
            sign_in: Some((user_name, password)),
        })
    }

    /// [`AppState::update`] in Partner Center: the billing profile written with `If-Match`. A conflict fetches the
    /// newer version, for the form's "Review newer values" and "Overwrite with my changes".
    pub async fn update_remote(
        &self,
        remote: Arc<dyn Remote>,
        id: Uuid,
        expected_etag: &str,
        details: ValidDetails,
    ) -> Result<Customer, SaveError> {
        let lang = self.lang.get_untracked();
        let Some(mut customer) = untrack(|| self.customer(id)) else {
            return Err(SaveError::NotFound);
        };
        customer.apply(details, self.stamp());
        match remote
            .update(customer, expected_etag.to_string(), lang)
            .await
        {
            Ok(saved) if saved.id == id => {
                self.put_in_memory(&saved);
                self.host.announce(HostEvent::Updated, &saved);
                Ok(saved)
            }
            Ok(_) => Err(SaveError::Remote(Failure::Malformed)),
            Err(Failure::Conflict) => match self.fetch_customer(&*remote, id).await {
                Ok(newer) => Err(SaveError::ChangedElsewhere(Box::new(newer))),
                Err(failure) => Err(SaveError::Remote(failure)),
            },
            Err(Failure::NotFound) => Err(SaveError::NotFound),
            Err(failure) => Err(SaveError::Remote(failure)),
        }
    }
}
