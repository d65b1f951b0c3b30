//! Why an import was refused: where (the file, or a record) and what, as typed values the views word.

use uuid::Uuid;

use crate::model::acceptance::Problem;

/// One reason an import was refused: where, and what (`messages` words it in the reader's language).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportProblem {
    /// The record's position in `items`, from 1; `None` for the file as a whole.
    pub record: Option<usize>,
    pub issue: ImportIssue,
}

/// What is wrong with an import file, or with one of its records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportIssue {
    /// The file is larger than [`MAX_IMPORT_CHARS`].
    TooLarge,
    /// The file is not JSON; where the reader stopped.
    NotJson { line: usize, column: usize },
    /// JSON, but not an object with an `items` list.
    WrongShape,
    /// No customers in `items`.
    Empty,
    /// More customers than [`MAX_IMPORT_ITEMS`].
    TooMany { count: usize, max: usize },
    /// `totalCount` (as written in the file) differs from the number of customers.
    TotalCount { total: String, count: usize },
    /// A record that is not a JSON object.
    NotAnObject,
    /// A value missing or of the wrong type: its JSON path, and the JSON reader's own words about it.
    BadValue { path: String, detail: String },
    /// A domain this app's cloud could not have made (`suffix` is the cloud's).
    ForeignDomain {
        domain: String,
        suffix: &'static str,
    },
    /// A rule of the form or of stored records.
    Rule(Problem),
    /// The Microsoft ID is used by a customer already (stored, or earlier in the file).
    IdExists(Uuid),
    /// The domain is used by a customer already (stored, or earlier in the file).
    DomainExists(String),
    /// The Microsoft ID is held by a stored record that can't be read.
    IdUnreadable,
    /// The domain is held by a stored record that can't be read.
    DomainUnreadable(String),
    /// Another tab stored some of these domains at the same moment: the import was taken back whole.
    Race,
}

impl ImportProblem {
    /// A problem of the file as a whole.
    pub fn file(issue: ImportIssue) -> ImportProblem {
        ImportProblem {
            record: None,
            issue,
        }
    }
}
