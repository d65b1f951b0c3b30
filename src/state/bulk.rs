//! Work on many customers at once: an import (checked a slice at a time, cancellable, all or nothing) and the demo
//! customers.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::Ordering;

use leptos::prelude::*;
use uuid::Uuid;

use crate::model::demo::demo_drafts;
use crate::model::exchange::{ImportIssue, ImportProblem, ImportReader};
use crate::model::form::validate_new;
use crate::model::list::Listed;
use crate::model::Customer;
use crate::storage::row::Row;
use crate::storage::{LoadedRows, StorageError};

use super::app::*;
use super::outcomes::*;
use super::writes::{loses, Turn};

/// Records checked between two pauses of an import: a few tens of milliseconds of work.
const IMPORT_SLICE: usize = 500;

impl AppState {
    /// Imports an "Export JSON" file: every record or none. The file is read and checked first; the check against
    /// what is stored (ids and domains, readable or not) and the writes are one locked step.
    pub async fn import(&self, text: &str) -> Result<usize, ImportError> {
        self.finish_load();
        self.dismiss_undo();
        self.import_cancel.store(false, Ordering::Relaxed);
        let outcome = self.run_import(text).await;
        self.import_progress.set(None);
        outcome
    }

    /// Stops the running import, if it is still checking records: nothing is written.
    pub fn cancel_import(&self) {
        self.import_cancel.store(true, Ordering::Relaxed);
    }

    pub(super) async fn run_import(&self, text: &str) -> Result<usize, ImportError> {
        // Every record on its own: shape and rules, ids and domains within the file; a slice at a time, pausing
        // between slices so the page stays responsive, shows progress, and can cancel.
        let mut reader =
            ImportReader::open(text, self.config.cloud, &[]).map_err(ImportError::Problems)?;
        let total = reader.total();
        loop {
            self.import_progress.set(Some(ImportProgress {
                checked: reader.checked(),
                total,
                saving: false,
            }));
            self.services.pause().await;
            if self.import_cancel.load(Ordering::Relaxed) {
                return Err(ImportError::Cancelled);
            }
            if !reader.step(IMPORT_SLICE, &mut || self.stamp()) {
                break;
            }
        }
        let customers = reader.finish().map_err(ImportError::Problems)?;
        self.import_progress.set(Some(ImportProgress {
            checked: total,
            total,
            saving: true,
        }));
        self.services.pause().await;
        if self.import_cancel.load(Ordering::Relaxed) {
            return Err(ImportError::Cancelled);
        }
        let store = self.store.clone();
        let batch = customers.clone();
        let (outcome, turn) = self
            .locked(move || -> Result<(), ImportError> {
                let loaded = store.load_checked().map_err(ImportError::Storage)?;
                let problems = import_clashes(&batch, &loaded);
                if !problems.is_empty() {
                    return Err(ImportError::Problems(problems));
                }
                store.save_all(&batch).map_err(ImportError::Storage)
            })
            .await
            .map_err(ImportError::Storage)?;
        outcome?;
        // A tab whose copy of storage lagged (or one without Web Locks) may have stored one of these domains
        // meanwhile: if this import loses any of them, it yields, whole.
        self.settled(turn).await;
        let owners = self.store.domain_owners().map_err(ImportError::Storage)?;
        let lost = customers
            .iter()
            .any(|customer| has_rival(&owners, customer, turn));
        if lost {
            for customer in &customers {
                self.store
                    .remove(customer.id)
                    .map_err(ImportError::Storage)?;
            }
            self.reload();
            return Err(ImportError::Problems(vec![ImportProblem::file(
                ImportIssue::Race,
            )]));
        }
        let count = customers.len();
        self.stored_new(customers);
        Ok(count)
    }

    /// Adds the demo customers whose domains are free, built and validated as the form builds them. Those whose
    /// domain a customer uses already are skipped; those whose domain an unreadable record holds are named.
    pub async fn load_demo(&self) -> Result<DemoOutcome, StorageError> {
        self.finish_load();
        self.dismiss_undo();
        let cloud = self.config.cloud;
        let mut candidates = Vec::new();
        for draft in demo_drafts() {
            if let Ok((prefix, details)) = validate_new(&draft, cloud, |_| false) {
                candidates.push((prefix, details));
            }
        }
        let services = self.services.clone();
        let store = self.store.clone();
        let (outcome, turn) = self
            .locked(
                move || -> Result<(Vec<Customer>, DemoOutcome), StorageError> {
                    let loaded = store.load_checked()?;
                    let mut taken: HashSet<String> = loaded
                        .rows
                        .iter()
                        .map(|row| row.summary().domain().to_ascii_lowercase())
                        .collect();
                    let reserved: HashSet<String> = loaded
                        .unreadable
                        .iter()
                        .filter_map(|u| u.domain.clone())
                        .collect();
                    let mut outcome = DemoOutcome::default();
                    let mut customers = Vec::new();
                    for (prefix, details) in candidates {
                        let domain = cloud.domain(&prefix);
                        if reserved.contains(&domain) {
                            outcome.reserved.push(details.company_name.clone());
                        } else if taken.insert(domain) {
                            customers.push(Customer::create(
                                services.new_uuid(),
                                cloud,
                                &prefix,
                                details,
                                services.stamp(),
                            ));
                        } else {
                            outcome.skipped += 1;
                        }
                    }
                    store.save_all(&customers)?;
                    outcome.added = customers.len();
                    Ok((customers, outcome))
                },
            )
            .await?;
        let (customers, mut outcome) = outcome?;
        self.settled(turn).await;
        let owners = self.store.domain_owners()?;
        let mut lost = 0;
        for customer in &customers {
            if has_rival(&owners, customer, turn) {
                self.store.remove(customer.id)?;
                lost += 1;
            }
        }
        if lost > 0 {
            outcome.added -= lost;
            outcome.skipped += lost;
            self.reload();
        } else {
            self.stored_new(customers);
        }
        Ok(outcome)
    }
}

/// Whether this customer, just stored, gives its domain up to another record ([`loses`]; `owners`:
/// [`Store::domain_owners`](crate::storage::Store::domain_owners)).
fn has_rival(owners: &HashMap<String, Vec<Uuid>>, customer: &Customer, turn: Turn) -> bool {
    owners
        .get(customer.domain())
        .is_some_and(|ids| loses(ids, customer.id, turn))
}

/// The problems of an import against what is stored: ids and domains in use by customers, or reserved by records
/// that can't be read.
fn import_clashes(customers: &[Customer], loaded: &LoadedRows) -> Vec<ImportProblem> {
    let ids: HashSet<Uuid> = loaded.rows.iter().map(Row::id).collect();
    let domains: HashSet<String> = loaded
        .rows
        .iter()
        .map(|row| row.summary().domain().to_ascii_lowercase())
        .collect();
    let mut problems = Vec::new();
    for (index, customer) in customers.iter().enumerate() {
        let mut problem = |issue: ImportIssue| {
            problems.push(ImportProblem {
                record: Some(index + 1),
                issue,
            })
        };
        if ids.contains(&customer.id) {
            problem(ImportIssue::IdExists(customer.id));
        } else if loaded
            .unreadable
            .iter()
            .any(|u| u.id() == Some(customer.id))
        {
            problem(ImportIssue::IdUnreadable);
        }
        let domain = customer.domain().to_string();
        if domains.contains(customer.domain()) {
            problem(ImportIssue::DomainExists(domain));
        } else if loaded
            .unreadable
            .iter()
            .any(|u| u.domain.as_deref() == Some(customer.domain()))
        {
            problem(ImportIssue::DomainUnreadable(domain));
        }
    }
    problems
}
