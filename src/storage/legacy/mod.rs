//! What older versions wrote: records of format 1 (Partner Center's JSON, under a key of their own) and format 0 (the
//! first prototype's shape, migrated on read), and the hand-over of their reader in a split build.

pub mod json;
pub mod migrate;
pub mod reader;

pub use json::{check, decode, domain_hint, encode, encode_meta};
pub use migrate::SCHEMA_VERSION;
#[cfg(all(feature = "split", target_family = "wasm"))]
pub use reader::set_json_reader;
pub use reader::{codec_decode, json_reader_ready, JsonReader};
