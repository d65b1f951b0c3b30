//! What a load, a read of one key, or an upgrade returns.

use uuid::Uuid;

use crate::model::Customer;
use crate::storage::error::DecodeError;
use crate::storage::legacy;
use crate::storage::row::Row;

/// A stored value (a whole key's, or one record of a group) that could not be read as a customer. Kept as it was,
/// never overwritten by the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub key: String,
    pub raw: String,
    pub error: DecodeError,
    /// The domain the value names, if one can be made out: it stays reserved while the record is kept.
    pub domain: Option<String>,
    /// The id it names, if one can be made out: it stays reserved too.
    pub id: Option<Uuid>,
}

impl Unreadable {
    pub(super) fn new(
        key: String,
        raw: String,
        error: DecodeError,
        id: Option<Uuid>,
    ) -> Unreadable {
        let domain = legacy::domain_hint(&raw);
        Unreadable {
            key,
            raw,
            error,
            domain,
            id,
        }
    }

    /// The id it names, if one can be made out.
    pub fn id(&self) -> Option<Uuid> {
        self.id
    }
}

/// Everything found under the prefix.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    pub customers: Vec<Customer>,
    pub unreadable: Vec<Unreadable>,
}

/// Everything found under the prefix, as memory keeps it (see [`Store::load_rows`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadedRows {
    pub rows: Vec<Row>,
    pub unreadable: Vec<Unreadable>,
    /// Records of formats 1 and 0 were found and left unread, because the reader of JSON records is not there yet
    /// (a split build, [`set_json_reader`]): load again once it is.
    pub waiting_for_reader: bool,
}

/// The list's first page, read before the rest (see [`Store::load_front`]).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Front {
    /// The first rows in the list's order (up to the number asked for), each as [`Store::load_rows`] reads it; every
    /// row, the first ones in order, when `complete`.
    pub rows: Vec<Row>,
    /// How many customers the groups hold in all, as their counts say.
    pub total: usize,
    /// Unreadable records, when `complete`.
    pub unreadable: Vec<Unreadable>,
    /// Every group was read whole: nothing is left to read.
    pub complete: bool,
}

/// What a key reported changed by the browser's `storage` event means for this store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Another prefix's key, or another app's.
    NotOurs,
    /// The version key.
    Meta,
    /// A customer was written (added or updated).
    Saved(Box<Customer>),
    /// A customer's record was removed.
    Removed(Uuid),
    /// A value under our prefix that is not a readable customer.
    Unreadable(Unreadable),
    /// A group as it is now: every customer and unreadable record in it. Customers of the group not in it are gone.
    Group {
        group: u16,
        customers: Vec<Customer>,
        unreadable: Vec<Unreadable>,
    },
}

/// What [`Store::upgrade`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Upgrade {
    /// Older records now kept in their groups.
    pub moved: usize,
    /// Older readable records still under their own keys (storage refused a step; they stay in use).
    pub left: usize,
    /// Groups of format 2 rewritten as format 3.
    pub sorted: usize,
}
