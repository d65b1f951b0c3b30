//! The rules every text of the form follows: not blank, not only invisible characters, not too long.

use super::field::{Field, FieldError, FieldErrors};

/// Whether a character shows nothing by itself: white space (Zs and the like), control characters (Cc) and format
/// characters (Cf: zero-width spaces and joiners, direction marks, soft hyphens, tags…). A required text made only
/// of these counts as empty: it would give an invisible name and a link nobody can click.
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFFB}'
                | '\u{0600}'..='\u{0605}'
                | '\u{06DD}'
                | '\u{070F}'
                | '\u{08E2}'
                | '\u{110BD}'
                | '\u{110CD}'
                | '\u{13430}'..='\u{1343F}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// Checks one trimmed text value: required or not, a maximum length in characters, no control characters; text made
/// only of invisible characters counts as empty.
pub fn check_text(value: &str, required: bool, max: usize) -> Result<(), FieldError> {
    // One pass (ASCII, the common case, by bytes): this runs for every field of every stored customer on each load.
    let (count, visible, control) = if value.is_ascii() {
        let bytes = value.as_bytes();
        (
            bytes.len(),
            bytes
                .iter()
                .any(|b| !b.is_ascii_whitespace() && !b.is_ascii_control()),
            bytes.iter().any(u8::is_ascii_control),
        )
    } else {
        value
            .chars()
            .fold((0, false, false), |(count, visible, control), c| {
                (
                    count + 1,
                    visible || !is_invisible(c),
                    control || c.is_control(),
                )
            })
    };
    if !visible {
        return if required {
            Err(FieldError::Required)
        } else {
            Ok(())
        };
    }
    if count > max {
        Err(FieldError::TooLong { max })
    } else if control {
        Err(FieldError::ControlCharacters)
    } else {
        Ok(())
    }
}

/// Whether a text shows nothing at all (see [`is_invisible`]).
pub fn all_invisible(value: &str) -> bool {
    if value.is_ascii() {
        value
            .bytes()
            .all(|b| b.is_ascii_whitespace() || b.is_ascii_control())
    } else {
        value.chars().all(is_invisible)
    }
}

/// Trims and checks one text value (see [`check_text`]).
pub(super) fn text<'a>(
    errors: &mut FieldErrors,
    field: Field,
    raw: &'a str,
    required: bool,
    max: usize,
) -> Option<&'a str> {
    let mut value = raw.trim();
    if all_invisible(value) {
        // Nothing visible is nothing: an optional field keeps no zero-width characters either.
        value = "";
    }
    match check_text(value, required, max) {
        Err(error) => {
            errors.add(field, error);
            None
        }
        Ok(()) => Some(value),
    }
}
