//! The customer list: what it keeps of each customer ([`Summary`]), search as you type, and its order.

pub mod casing;
mod order;
mod search;
pub mod sorting;
mod summary;

#[cfg(test)]
mod tests;

pub use order::*;
pub use search::*;
pub use summary::{Columns, Listed, Summary};
