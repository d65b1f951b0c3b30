//! Times as numbers: `2026-11-24T10:00:00.123Z` in 44 bits of milliseconds since 1970, written back exactly.

use super::bits::{BitReader, BitWriter, Damaged};
use super::fields::{read_text, skip_text, text};

/// Milliseconds since 1970 fit in 44 bits until the year 2527.
pub(in crate::storage) const TIME_BITS: u32 = 44;

/// A time as milliseconds when it is in the form the app writes (`2026-11-24T10:00:00.000Z`) and reads back the
/// same; any other text as text.
pub(in crate::storage) fn time(w: &mut BitWriter, value: &str) {
    match parse_time(value).filter(|ms| format_time(*ms) == value) {
        Some(ms) => {
            w.flag(true);
            w.u64(ms, TIME_BITS);
        }
        None => {
            w.flag(false);
            text(w, value);
        }
    }
}

pub(in crate::storage) fn read_time(r: &mut BitReader) -> Result<String, Damaged> {
    if r.flag()? {
        Ok(format_time(r.u64(TIME_BITS)?))
    } else {
        read_text(r)
    }
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian; Howard Hinnant's algorithm).
pub(in crate::storage) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

pub(in crate::storage) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

pub(in crate::storage) fn parse_time(value: &str) -> Option<u64> {
    let b = value.as_bytes();
    if b.len() != 24 || [b[4], b[7], b[10], b[13], b[16], b[19], b[23]] != *b"--T::.Z" {
        return None;
    }
    let number = |from: usize, to: usize| -> Option<i64> {
        let digits = value.get(from..to)?;
        digits
            .bytes()
            .all(|d| d.is_ascii_digit())
            .then(|| digits.parse().ok())
            .flatten()
    };
    let (year, month, day) = (number(0, 4)?, number(5, 7)?, number(8, 10)?);
    let (hour, minute, second, milli) = (
        number(11, 13)?,
        number(14, 16)?,
        number(17, 19)?,
        number(20, 23)?,
    );
    if year < 1970 || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let ms = ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + milli;
    u64::try_from(ms).ok().filter(|ms| *ms < 1 << TIME_BITS)
}

pub(in crate::storage) fn format_time(ms: u64) -> String {
    let ms = ms as i64;
    let (days, rest) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000));
    let (year, month, day) = civil_from_days(days);
    // `YYYY-MM-DDTHH:MM:SS.mmmZ`, digit by digit.
    let mut text = Vec::with_capacity(24);
    let mut digits = |value: i64, count: u32, after: u8| {
        for at in (0..count).rev() {
            text.push(b'0' + (value / 10i64.pow(at) % 10) as u8);
        }
        text.push(after);
    };
    digits(year, 4, b'-');
    digits(month, 2, b'-');
    digits(day, 2, b'T');
    digits(rest / 3_600_000, 2, b':');
    digits(rest / 60_000 % 60, 2, b':');
    digits(rest / 1000 % 60, 2, b'.');
    digits(rest % 1000, 3, b'Z');
    String::from_utf8(text).unwrap_or_default()
}

pub(in crate::storage) fn skip_time(r: &mut BitReader) -> Result<(), Damaged> {
    if r.flag()? {
        r.u64(TIME_BITS).map(drop)
    } else {
        skip_text(r)
    }
}
