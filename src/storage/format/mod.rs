//! The stored format (3, and format 2, which is still read): customers packed into UTF-16 units, many to a key.
//!
//! A record keeps only what cannot be derived (the tenant id is the id, the language follows the culture, the
//! billing company name is the company's, object types are the API's), numbers as numbers (ids, etags and times as
//! bits), and text in a fixed Huffman code ([`text_code`]) or, when that is longer (Chinese), as UTF-16 units.
//! A realistic customer takes about 75 units, against about 800 as JSON under its own key.
//!
//! A group value (format 3) is `"3"`, one unit giving how many readable records follow, those records in the list's
//! order (company name without regard to case, then domain), then any records kept because they cannot be read.
//! Each record is one unit giving its length in units, then the record. A record that cannot be read is kept as its
//! exact units; damage to the framing keeps everything from there on as one piece. Nothing unreadable is ever
//! dropped or rewritten. The order and the count let a load show the list's first page after reading only the
//! first record of most groups ([`crate::storage::row::sorted_head`]).
//!
//! Format 2 (what the previous version wrote, still read) is `"2"` and records in any order, without the count; a
//! record packed under its own key during an upgrade from format 1 is kept that way too ([`packed_value`]).
//!
//! Files: [`bits`] (units as a bit stream), [`text_code`] (the Huffman code of texts), `record` (one customer),
//! `fields` and `time` (the codecs of its fields), `frame` (a group value's framing), `group` (a group's records).
//! Nothing here knows the list's rows or storage's keys.

pub mod bits;
mod fields;
pub(in crate::storage) mod frame;
pub(in crate::storage) mod group;
mod record;
pub mod text_code;
mod time;

#[cfg(test)]
pub(crate) mod tests;

pub use frame::{framed, group_value, packed_value, record_text};
pub use group::{decode_group, hints, Entry};
pub use record::{decode_record, encode_record, read_names, read_summary, MARK, SORTED};
