//! The framing of a group value: its mark and count, then records each led by a length unit. Reads a value as
//! UTF-8 bytes the fast way when it is made only of unit characters, character by character otherwise.

use std::ops::Range;

use super::bits::{self, unit_char, unit_value, UNIT_MAX};
use super::record::{encode_record, MARK, SORTED};
use crate::model::Customer;
use crate::storage::error::DecodeError;

/// One framed piece of a group value: a record (its stored text as UTF-8, length unit included, and where its
/// units are in [`Frames::units`]), or a tail whose framing is damaged. Both are whole characters of valid UTF-8.
#[cfg_attr(test, derive(Debug, PartialEq))]
pub(in crate::storage) enum Frame<'a> {
    Record(&'a [u8], Range<usize>),
    Damaged(&'a [u8]),
}

/// A group value's framed pieces, and the units of all its records, one after the other (without their length
/// units) in one buffer.
#[cfg_attr(test, derive(Debug, PartialEq))]
#[derive(Default)]
pub(in crate::storage) struct Frames<'a> {
    pub(in crate::storage) units: Vec<u16>,
    pub(in crate::storage) frames: Vec<Frame<'a>>,
}

/// A group value's records (as UTF-8 bytes), after its mark and, in format 3, its count, which comes back too.
pub(in crate::storage) fn body(value: &[u8]) -> Result<(&[u8], Option<u16>), DecodeError> {
    match value.first() {
        Some(&byte) if char::from(byte) == MARK => Ok((&value[1..], None)),
        Some(&byte) if char::from(byte) == SORTED => match unit_at(value, 1) {
            Some(count) => Ok((&value[4..], Some(count))),
            None => Err(DecodeError::Schema("not a customer group".into())),
        },
        Some(byte) if byte.is_ascii_digit() => {
            Err(DecodeError::UnknownVersion(u64::from(byte - b'0')))
        }
        _ => Err(DecodeError::Schema("not a customer group".into())),
    }
}

/// The framed pieces of a group value, given as UTF-8 bytes: a load reads values that way, without a copy of each
/// into a string first.
pub(in crate::storage) fn frames(value: &[u8]) -> Result<Frames<'_>, DecodeError> {
    let (rest, _) = body(value)?;
    if let Some(frames) = unit_frames(rest) {
        return Ok(frames);
    }
    let rest = std::str::from_utf8(rest)
        .map_err(|_| DecodeError::Schema("not a customer group".into()))?;
    Ok(char_frames(rest))
}

/// The frames of a group value's text after its mark, character by character (any text, unit characters or not).
pub(in crate::storage) fn char_frames(rest: &str) -> Frames<'_> {
    let mut found = Frames::default();
    let mut at = 0;
    while at < rest.len() {
        let tail = &rest[at..];
        let Some(byte_len) = segment_len(tail) else {
            // The framing is damaged from here on: keep all of it, as it is.
            found.frames.push(Frame::Damaged(tail.as_bytes()));
            break;
        };
        let raw = &tail[..byte_len];
        let start = found.units.len();
        found
            .units
            .extend(raw.chars().skip(1).filter_map(unit_value));
        found
            .frames
            .push(Frame::Record(raw.as_bytes(), start..found.units.len()));
        at += byte_len;
    }
    found
}

/// Stored text kept as it was: `raw` is whole characters of valid UTF-8 (see [`Frame`]), so nothing is replaced.
pub(in crate::storage) fn kept(raw: &[u8]) -> String {
    String::from_utf8_lossy(raw).into_owned()
}

/// The unit of a unit character (U+3000..=U+AFFF) from its 3 bytes of UTF-8. Inlined: a load decodes every stored
/// unit this way (4.4 million at 50,000 customers), and the release build optimises for size.
#[inline(always)]
pub(in crate::storage) fn unit_of(lead: u8, b: u8, c: u8) -> u16 {
    let code = (u32::from(lead & 0x0F) << 12) | (u32::from(b & 0x3F) << 6) | u32::from(c & 0x3F);
    code.wrapping_sub(bits::UNIT_BASE) as u16
}

/// The unit of one unit character's 3 bytes of UTF-8 (U+3000..=U+AFFF is E3 80 80 ..= EA BF BF; the text is valid
/// UTF-8, so only the lead byte needs a look); `None` for any other character.
pub(in crate::storage) fn unit_of_bytes(c: &[u8]) -> Option<u16> {
    match *c {
        [lead, b, c] if (0xE3..=0xEA).contains(&lead) => Some(unit_of(lead, b, c)),
        _ => None,
    }
}

/// The units of a value made only of unit characters (every character then takes 3 bytes of UTF-8, so unit `i`
/// starts at byte `3 * i`); `None` when anything else is in it.
pub(in crate::storage) fn units_of(text: &str) -> Option<Vec<u16>> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(3) {
        return None;
    }
    bytes.chunks_exact(3).map(unit_of_bytes).collect()
}

/// The unit of the unit character at `bytes[at..at + 3]` as UTF-8: a lead byte E3..=EA and two continuation bytes
/// (every such sequence is a valid character, U+3000..=U+AFFF); `None` for anything else.
#[inline(always)]
pub(in crate::storage) fn unit_at(bytes: &[u8], at: usize) -> Option<u16> {
    match *bytes.get(at..at + 3)? {
        [lead, b, c] if lead.wrapping_sub(0xE3) <= 7 && b & 0xC0 == 0x80 && c & 0xC0 == 0x80 => {
            Some(unit_of(lead, b, c))
        }
        _ => None,
    }
}

/// The frames of a group value made only of unit characters, each record's units decoded once, straight into the
/// group's one buffer (the fast way: every load reads every group); `None` when anything else is in it. Each
/// character is checked as it is decoded, in the same pass: a load goes over some 13 MB of UTF-8 at 50,000
/// customers.
pub(in crate::storage) fn unit_frames(bytes: &[u8]) -> Option<Frames<'_>> {
    if !bytes.len().is_multiple_of(3) {
        return None;
    }
    // Every unit but the length units, which are few.
    let mut units = Vec::with_capacity(bytes.len() / 3);
    let mut frames = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let count = usize::from(unit_at(bytes, at)?);
        let end = at + 3 * (1 + count);
        if count == 0 || end > bytes.len() {
            // Damaged framing: the rest is kept as one piece (still only unit characters, or not the fast way).
            let mut check = at;
            while check < bytes.len() {
                unit_at(bytes, check)?;
                check += 3;
            }
            frames.push(Frame::Damaged(&bytes[at..]));
            break;
        }
        let start = units.len();
        let mut next = at + 3;
        while next < end {
            units.push(unit_at(bytes, next)?);
            next += 3;
        }
        frames.push(Frame::Record(&bytes[at..end], start..units.len()));
        at = end;
    }
    Some(Frames { units, frames })
}

/// The byte length of the well-framed record at the start of `tail`: its length unit, then that many units.
pub(in crate::storage) fn segment_len(tail: &str) -> Option<usize> {
    let mut chars = tail.char_indices();
    let (_, first) = chars.next()?;
    let count = usize::from(unit_value(first)?);
    if count == 0 {
        return None;
    }
    let mut end = first.len_utf8();
    for _ in 0..count {
        let (at, c) = chars.next()?;
        unit_value(c)?;
        end = at + c.len_utf8();
    }
    Some(end)
}

/// The stored text of a record's units, its length unit first (what [`decode_group`] keeps of a record it cannot
/// read). `None` when the record is too long for one length unit.
pub fn framed(units: &[u16]) -> Option<String> {
    let count = u16::try_from(units.len()).ok().filter(|n| *n <= UNIT_MAX)?;
    let mut text = String::with_capacity(3 * (units.len() + 1));
    text.push(unit_char(count));
    text.extend(units.iter().copied().map(unit_char));
    Some(text)
}

/// The stored text of one customer's record, its length unit first. `None` for a record too long for one length
/// unit (over 32,767 units: not a customer any form or import accepts).
pub fn record_text(customer: &Customer) -> Option<String> {
    framed(&encode_record(customer))
}

/// A group value (format 3) from records' stored texts: the first `sorted` are the readable ones, in the list's
/// order, and the rest are kept unreadable records, any damaged tail last (so it stays a tail).
pub fn group_value<'a>(sorted: usize, records: impl IntoIterator<Item = &'a str>) -> String {
    let mut value = String::from(SORTED);
    // A group never holds 32,767 customers (the quota takes about 60,000 in all 2,048 groups).
    value.push(unit_char(sorted.min(usize::from(UNIT_MAX)) as u16));
    for record in records {
        value.push_str(record);
    }
    value
}

/// One record packed under its own key (format 2's framing), as an upgrade from format 1 leaves it for a moment.
pub fn packed_value(record: &str) -> String {
    let mut value = String::from(MARK);
    value.push_str(record);
    value
}
