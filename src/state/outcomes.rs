//! What the state's operations report: notices about storage as a whole, why a write did not happen, and progress.

use crate::model::exchange::ImportProblem;
use crate::model::Customer;
use crate::partner_center::answer::Failure;
use crate::storage::StorageError;

/// Something the user must know about storage as a whole, shown above every page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// localStorage could not be opened: customers live in memory for this visit.
    StorageBlocked,
    /// Listing the stored records failed.
    LoadFailed(StorageError),
    /// Records an older version wrote are there, and the part of the app that reads them did not load: they are
    /// kept as they are, unread, until a later load.
    OlderNotRead,
}

/// What the last action said, for the page it was said on (the views word it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// An edit was saved ("Changes saved.").
    Saved,
}

/// Why saving an edit did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    Storage(StorageError),
    /// The stored record's etag differs from the one the form was opened with: here is the stored version.
    ChangedElsewhere(Box<Customer>),
    /// The customer is not stored any more (removed, perhaps in another tab).
    NotFound,
    /// Partner Center did not save it.
    Remote(Failure),
}

impl From<StorageError> for SaveError {
    fn from(error: StorageError) -> Self {
        SaveError::Storage(error)
    }
}

/// Why adding a customer did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddError {
    Storage(StorageError),
    /// Another tab stored a customer with this domain since the form checked it.
    DomainTaken,
    /// Partner Center did not create it.
    Remote(Failure),
}

impl From<StorageError> for AddError {
    fn from(error: StorageError) -> Self {
        AddError::Storage(error)
    }
}

/// Why an import stored nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// The file or some of its records are not acceptable.
    Problems(Vec<ImportProblem>),
    /// Storage refused a write; everything written before it was taken back.
    Storage(StorageError),
    /// The person cancelled it before anything was written.
    Cancelled,
}

/// How far a running import is, for its progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportProgress {
    /// Records checked so far, of `total`.
    pub checked: usize,
    pub total: usize,
    /// Checking is done and the customers are being written: too late to cancel.
    pub saving: bool,
}

/// What "Load demo customers" did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DemoOutcome {
    pub added: usize,
    /// Demo customers whose domain was already in use (loaded before, most likely).
    pub skipped: usize,
    /// Demo customers (by company name) whose domain a stored record that can't be read holds.
    pub reserved: Vec<String>,
}

/// A customer just removed, which "Undo" can put back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removed {
    pub customer: Customer,
}
