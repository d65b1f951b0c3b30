//! "Export CSV", "Export JSON" and "Import JSON". Exports take every customer; an import reads the JSON export's
//! shape (`{ "totalCount": N, "items": [ …Partner Center customers… ] }`) as untrusted input: every record is checked
//! with the form's rules and the stored-record rules, and the import is all-or-nothing.

pub mod csv;
mod export;
mod import;
mod problem;

pub use export::*;
pub(crate) use import::read_record;
pub use import::*;
pub use problem::{ImportIssue, ImportProblem};
