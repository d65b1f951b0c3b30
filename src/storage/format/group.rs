//! A group value's records: decoded whole, or only their ids and domains; what cannot be read is kept exactly.

use uuid::Uuid;

use super::bits::unit_value;
use super::frame::{body, frames, kept, units_of, Frame, Frames};
use super::record::{decode_record, hint};
use crate::model::Customer;
use crate::storage::error::DecodeError;

/// One record of a group: read (as a whole customer, or as a [`Row`]), or kept as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry<T = Box<Customer>> {
    Customer(T),
    /// The record's exact stored text (its length unit included), why it is unreadable, and what could be made out
    /// of it.
    Unreadable {
        raw: String,
        error: DecodeError,
        id: Option<Uuid>,
        domain: Option<String>,
    },
}

/// A group value's records, in stored order, each decoded whole and checked.
pub fn decode_group(value: &str) -> Result<Vec<Entry>, DecodeError> {
    let Frames { units, frames } = frames(value.as_bytes())?;
    Ok(frames
        .into_iter()
        .map(|frame| match frame {
            Frame::Record(raw, range) => {
                let units = units.get(range).unwrap_or_default();
                match decode_record(units) {
                    Ok(customer) => Entry::Customer(Box::new(customer)),
                    Err(error) => unreadable(raw, units, error),
                }
            }
            Frame::Damaged(tail) => damaged_tail(tail),
        })
        .collect())
}

pub(in crate::storage) fn damaged_tail<T>(tail: &[u8]) -> Entry<T> {
    Entry::Unreadable {
        raw: kept(tail),
        error: DecodeError::Schema("the stored group is damaged".into()),
        id: None,
        domain: None,
    }
}

/// A framed record that cannot be read: `raw` its stored text (length unit included), kept exactly.
pub(in crate::storage) fn unreadable<T>(raw: &[u8], units: &[u16], error: DecodeError) -> Entry<T> {
    let (id, domain) = hint(units);
    Entry::Unreadable {
        raw: kept(raw),
        error,
        id,
        domain,
    }
}

/// The id and domain each framed record of a group value names, readable or not, without decoding the rest or
/// checking it: what domain checks need, at a fraction of a full read. `None` when the value is not a group.
pub fn hints(value: &str) -> Option<Vec<(Option<Uuid>, Option<String>)>> {
    let (rest, _) = body(value.as_bytes()).ok()?;
    // After the mark and the count unit: a boundary between characters.
    let rest = value.get(value.len() - rest.len()..)?;
    // A character outside the packed range ends what can be read (as a damaged tail does in `decode_group`).
    let units = units_of(rest).unwrap_or_else(|| rest.chars().map_while(unit_value).collect());
    let mut found = Vec::new();
    let mut at = 0;
    while at < units.len() {
        let end = at + 1 + usize::from(units[at]);
        if end == at + 1 || end > units.len() {
            break;
        }
        found.push(hint(&units[at + 1..end]));
        at = end;
    }
    Some(found)
}
