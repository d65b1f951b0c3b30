//! The codecs of a record's fields: texts (Huffman-coded or as UTF-16 units), optional texts, texts that are
//! usually another field's, and hex numbers.

use super::bits::{BitReader, BitWriter, Damaged};
use super::text_code;

/// No text in a record is longer (in bytes or units): anything longer is damage, not a reason to allocate.
pub(in crate::storage) const MAX_TEXT: usize = 4_096;

/// Passes over a text as [`read_text`] reads it, without making a string of it.
pub(in crate::storage) fn skip_text(r: &mut BitReader) -> Result<(), Damaged> {
    if r.flag()? {
        let count = r.varint()?;
        if count as usize > MAX_TEXT {
            return Err(Damaged);
        }
        for _ in 0..count {
            r.bits(16)?;
        }
        Ok(())
    } else {
        SCRATCH.with(|scratch| text_code::read_into(r, MAX_TEXT, &mut scratch.borrow_mut()))
    }
}

pub(in crate::storage) fn skip_optional(r: &mut BitReader) -> Result<(), Damaged> {
    if r.flag()? {
        skip_text(r)?;
    }
    Ok(())
}

thread_local! {
    /// Text is decoded into this one reused buffer, then copied once at its exact size (or not at all when skipped): a
    /// load decodes hundreds of thousands of texts.
    static SCRATCH: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(Vec::with_capacity(256));
}

/// Text in whichever takes fewer bits: the Huffman code (mode 0) or UTF-16 units (mode 1).
pub(in crate::storage) fn text(w: &mut BitWriter, value: &str) {
    let units = value.encode_utf16().count();
    let as_utf16 = 8 * (units / 128 + 1) + 16 * units;
    if text_code::cost(value) <= as_utf16 {
        w.flag(false);
        text_code::write(w, value);
    } else {
        w.flag(true);
        w.varint(units as u32);
        for unit in value.encode_utf16() {
            w.bits(u32::from(unit), 16);
        }
    }
}

pub(in crate::storage) fn read_text(r: &mut BitReader) -> Result<String, Damaged> {
    read_text_then(r, "")
}

/// A text followed by `then` (a domain's suffix), made at its full length at once: a load reads 50,000 domains.
pub(in crate::storage) fn read_text_then(r: &mut BitReader, then: &str) -> Result<String, Damaged> {
    with_text(r, |text| {
        let mut made = String::with_capacity(text.len() + then.len());
        made.push_str(text);
        made.push_str(then);
        made
    })
}

/// Reads a text and hands it to `f`, without a string made of it in the usual (Huffman-coded) form.
pub(in crate::storage) fn with_text<T>(
    r: &mut BitReader,
    f: impl FnOnce(&str) -> T,
) -> Result<T, Damaged> {
    if r.flag()? {
        let count = r.varint()? as usize;
        if count > MAX_TEXT {
            return Err(Damaged);
        }
        let mut units = Vec::with_capacity(count);
        for _ in 0..count {
            units.push(r.bits(16)? as u16);
        }
        let text = String::from_utf16(&units).map_err(|_| Damaged)?;
        Ok(f(&text))
    } else {
        SCRATCH.with(|scratch| {
            let mut bytes = scratch.borrow_mut();
            text_code::read_into(r, MAX_TEXT, &mut bytes)?;
            let text = std::str::from_utf8(&bytes).map_err(|_| Damaged)?;
            Ok(f(text))
        })
    }
}

pub(in crate::storage) fn optional(w: &mut BitWriter, value: Option<&str>) {
    w.flag(value.is_some());
    if let Some(value) = value {
        text(w, value);
    }
}

pub(in crate::storage) fn read_optional(r: &mut BitReader) -> Result<Option<String>, Damaged> {
    if r.flag()? {
        Ok(Some(read_text(r)?))
    } else {
        Ok(None)
    }
}

/// One bit when the value is the usual one, else the text.
pub(in crate::storage) fn same_or_text(w: &mut BitWriter, value: &str, usual: &str) {
    w.flag(value == usual);
    if value != usual {
        text(w, value);
    }
}

pub(in crate::storage) fn read_same_or_text(
    r: &mut BitReader,
    usual: &str,
) -> Result<String, Damaged> {
    if r.flag()? {
        Ok(usual.to_string())
    } else {
        read_text(r)
    }
}

/// A number as 32 lower-case hex digits (without `format!`, which is slow on a path taken 50,000 times a load).
pub(in crate::storage) fn hex32(value: u128) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let text: Vec<u8> = (0..32)
        .rev()
        .map(|at| DIGITS[(value >> (4 * at)) as usize & 0xf])
        .collect();
    String::from_utf8(text).unwrap_or_default()
}

/// 32 lower-case hex digits (the etags this app writes).
pub(in crate::storage) fn hex128(value: &str) -> Option<u128> {
    let canonical = value.len() == 32
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    canonical
        .then(|| u128::from_str_radix(value, 16).ok())
        .flatten()
}
