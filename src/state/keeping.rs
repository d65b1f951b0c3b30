//! Keeping the customers beyond the browser's housekeeping: whether to ask the browser to keep this origin's data
//! (once a page, after its first write), and when the list suggests an export ([`BackupClock`]).
//!
//! The first download holds only what a write must note (a flag and a counter): the rest is called from the list's
//! module of its own that shows the lines (`views::list::keeping`), after the paint.

use std::sync::atomic::Ordering;

use crate::model::backup::BackupClock;

use super::app::AppState;
use leptos::prelude::*;

/// What the browser does with the origin's data when it runs short of space.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Persistence {
    /// Not known yet.
    Unknown,
    /// It keeps the data until the user removes it.
    Kept,
    /// It may clear the data: it said so, or cannot say (no `navigator.storage`: an old browser, or a page served
    /// over plain `http://`), which promises nothing either.
    MayClear,
}

impl Persistence {
    /// From the browser's answer (`navigator.storage.persisted()` or `persist()`; `None` where it has neither).
    pub fn from_answer(answer: Option<bool>) -> Persistence {
        if answer == Some(true) {
            Persistence::Kept
        } else {
            Persistence::MayClear
        }
    }
}

/// Why the list suggests an export, said beside the suggestion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackupWhy {
    /// Safari (WebKit as Apple ships it) deletes a site's storage after 7 days of use without a visit.
    Safari,
    /// The browser did not agree to keep the data.
    Refused,
    /// Only that a week went by: a copy outside the browser is the one that outlives it.
    Week,
}

impl AppState {
    /// After each write that storage took (in the first download: only a flag and a counter).
    pub(super) fn wrote(&self) {
        if !self.wrote_here.swap(true, Ordering::Relaxed) {
            self.keeping.update(|n| *n += 1);
        }
    }

    /// Whether to ask the browser now to keep the data (`persist()`, which may ask the reader): after this page's
    /// first write, once a page, unless it keeps the data already. Firefox asks the reader, and a refusal stands.
    pub fn ask_to_keep(&self, persistence: Persistence) -> bool {
        self.wrote_here.load(Ordering::Relaxed)
            && persistence != Persistence::Kept
            && !self.asked_persistence.swap(true, Ordering::Relaxed)
    }

    /// The namespace's clock (tracked: an export, a dismissal or a page's first write changes it), its count started
    /// by this page's first write if it had not been and there are customers.
    pub fn backup_clock(&self) -> BackupClock {
        self.keeping.track();
        let clock = self.store.backup_clock(self.wall_ms());
        // Only for customers: after "Remove all data" the count waits for the next customer.
        if clock.since.is_none()
            && self.wrote_here.load(Ordering::Relaxed)
            && self.customers.with_untracked(|list| !list.is_empty())
        {
            let started = BackupClock {
                since: Some(self.wall_ms()),
                ..clock
            };
            // Storage full: the count starts on a later write.
            if self.store.set_backup_clock(&started).is_ok() {
                return started;
            }
        }
        clock
    }

    /// Whether the list suggests an export now (tracked: it follows the customers and the clock), and why, given
    /// what the browser said and whether it is Safari's WebKit.
    pub fn backup_due(&self, persistence: Persistence, apple: bool) -> Option<BackupWhy> {
        let any =
            self.customers.with(|list| !list.is_empty()) || self.loading_total.get().is_some();
        if !any || !self.backup_clock().due(self.wall_ms(), any) {
            return None;
        }
        Some(if apple {
            BackupWhy::Safari
        } else if persistence == Persistence::MayClear {
            BackupWhy::Refused
        } else {
            BackupWhy::Week
        })
    }

    /// An export (JSON or CSV) was downloaded: the suggestion goes, for 7 days.
    pub fn exported(&self) {
        self.update_backup(|clock, now| clock.exported = Some(now));
    }

    /// The reader dismissed the suggestion: it comes back in 7 days, unless an export comes first.
    pub fn dismiss_backup(&self) {
        self.update_backup(|clock, now| clock.since = Some(now));
    }

    /// Changes the stored clock at the present time; storage refusing it (full) leaves the suggestion as it was.
    fn update_backup(&self, change: impl FnOnce(&mut BackupClock, u64)) {
        let now = self.wall_ms();
        let mut clock = self.store.backup_clock(now);
        change(&mut clock, now);
        if self.store.set_backup_clock(&clock).is_ok() {
            self.keeping.try_update(|n| *n += 1);
        }
    }

    fn wall_ms(&self) -> u64 {
        self.services.now_ms().max(0.0) as u64
    }
}
