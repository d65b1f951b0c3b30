//! The app's reactive state, between storage and the views: the loaded customers, the current route, and the
//! operations that write (each one storage first, then memory, so memory never shows what was not stored).
//!
//! Everything it needs from the browser beyond storage goes through [`Services`], so it is tested natively.

mod app;
mod bulk;
mod keeping;
mod load;
mod navigation;
mod outcomes;
mod queries;
pub mod remote;
pub mod rows;
pub mod services;
mod tabs;
mod writes;

pub use app::{AppConfig, AppState, FIRST_PAGE, FRONT};
pub use keeping::{BackupWhy, Persistence};
pub use outcomes::{
    AddError, DemoOutcome, ImportError, ImportProgress, Notice, Removed, SaveError, Status,
};
pub use remote::{Added, Remote};
pub use rows::Rows;
pub use services::{Guard, Question, Services};
pub use tabs::BATCH;
pub use writes::{loses, Turn, LONG_STEP_MS, SETTLE};

// What the views need of storage, through the state: they never reach into storage themselves.
pub use crate::storage::row::Row;
#[cfg(all(feature = "split", target_family = "wasm"))]
pub use crate::storage::set_json_reader;
pub use crate::storage::{
    codec_decode, is_valid_namespace, json_reader_ready, JsonReader, StorageError, Unreadable,
    DEFAULT_PREFIX,
};

#[cfg(test)]
mod tests;
