//! Why storage refused an operation, and why a stored value is not a customer.

use thiserror::Error;

use crate::model::acceptance::Problem;

/// Why storage refused an operation.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum StorageError {
    /// The origin's storage quota is used up; nothing of the value was written.
    #[error("storage is full")]
    QuotaExceeded,
    /// Storage is missing or blocked (disabled by the user, a sandboxed frame).
    #[error("storage is not available: {0}")]
    Unavailable(String),
    /// Any other refusal by the browser.
    #[error("storage refused the operation: {0}")]
    Failed(String),
    /// The record would go into a stored group that cannot be read, and writing it would overwrite that group.
    #[error("an unreadable stored record is in the way")]
    Blocked,
}

/// Why a stored value is not a customer.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DecodeError {
    #[error("not valid JSON: {0}")]
    NotJson(String),
    #[error("no schema version")]
    NoVersion,
    /// A version this build does not know: a newer version of the app wrote it (every older one it reads).
    #[error("a newer version's format {0}")]
    UnknownVersion(u64),
    #[error("not a customer record: {0}")]
    Schema(String),
    #[error("the record's id does not match its key")]
    IdMismatch,
    #[error("invalid customer: {0}")]
    Invalid(Problem),
    /// A split build reads records of formats 1 and 0 with code of its own, fetched when needed; it did not arrive.
    #[error("not read: the part of the app that reads older records did not load (reload the page to read it)")]
    ReaderMissing,
    /// A row listed from Partner Center holds only what a list page gives (no billing profile) until the customer
    /// is fetched whole.
    #[error("not fetched from Partner Center yet")]
    NotFetched,
}

impl DecodeError {
    /// Whether a newer version of the app wrote the value: it is then no damage, never offered for discard or
    /// download, and a reload (bringing the newer build) reads it.
    pub fn is_newer(&self) -> bool {
        matches!(self, DecodeError::UnknownVersion(_))
    }
}
