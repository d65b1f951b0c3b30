//! Stored format 2: customers packed into UTF-16 units, many to a key.
//!
//! A record keeps only what cannot be derived (the tenant id is the id, the language follows the culture, the
//! billing company name is the company's, object types are the API's), numbers as numbers (ids, etags and times as
//! bits), and text in a fixed Huffman code ([`super::text_code`]) or, when that is longer (Chinese), as UTF-16 units.
//! A realistic customer takes about 75 units, against about 800 as JSON under its own key.
//!
//! A group value (format 3) is `"3"`, one unit giving how many readable records follow, those records in the list's
//! order (company name without regard to case, then domain), then any records kept because they cannot be read.
//! Each record is one unit giving its length in units, then the record. A record that cannot be read is kept as its
//! exact units; damage to the framing keeps everything from there on as one piece. Nothing unreadable is ever
//! dropped or rewritten. The order and the count let a load show the list's first page after reading only the
//! first record of most groups ([`sorted_head`]).
//!
//! Format 2 (what the previous version wrote, still read) is `"2"` and records in any order, without the count; a
//! record packed under its own key during an upgrade from format 1 is kept that way too ([`packed_value`]).

use std::ops::Range;
use std::sync::Arc;

use uuid::Uuid;

use super::bits::{self, unit_char, unit_value, BitReader, BitWriter, Damaged, UNIT_MAX};
use super::codec::DecodeError;
use super::row::Row;
use super::text_code;
use crate::model::acceptance;
use crate::model::customer::{
    language_of, Address, BillingAttributes, BillingProfile, CompanyProfile, CustomerAttributes,
    Relationship,
};
use crate::model::search::{Columns, Summary};
use crate::model::{Cloud, Customer};

/// The first character of a format 2 value: a group the previous version wrote (records in any order, no count),
/// or one record packed under its own key mid-upgrade.
pub const MARK: char = '2';
/// The first character of a group value of format 3: a count, then the readable records in the list's order.
pub const SORTED: char = '3';
/// The layout of a record, its first 3 bits: a later layout gets the next number.
const LAYOUT: u32 = 1;
/// No text in a record is longer (in bytes or units): anything longer is damage, not a reason to allocate.
const MAX_TEXT: usize = 4_096;
/// Relationships, in the order their numbers are stored.
const RELATIONSHIPS: [Relationship; 5] = [
    Relationship::None,
    Relationship::Reseller,
    Relationship::Advisor,
    Relationship::Syndication,
    Relationship::MicrosoftSupport,
];

fn damaged(_: Damaged) -> DecodeError {
    DecodeError::Schema("the record is cut short or damaged".into())
}

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

/// Encodes one customer's record (without its length unit).
pub fn encode_record(c: &Customer) -> Vec<u16> {
    let mut w = BitWriter::default();
    w.bits(LAYOUT, 3);
    w.u128(c.id.as_u128());
    let company = &c.company_profile;
    match Cloud::ALL
        .iter()
        .position(|cloud| company.domain.ends_with(cloud.domain_suffix()))
    {
        Some(at) => {
            w.bits(at as u32 + 1, 2);
            let suffix = Cloud::ALL[at].domain_suffix();
            text(
                &mut w,
                &company.domain[..company.domain.len() - suffix.len()],
            );
        }
        None => {
            w.bits(0, 2);
            text(&mut w, &company.domain);
        }
    }
    w.flag(company.tenant_id == c.id);
    if company.tenant_id != c.id {
        w.u128(company.tenant_id.as_u128());
    }
    text(&mut w, &company.company_name);
    optional(&mut w, company.organization_registration_number.as_deref());
    let billing = &c.billing_profile;
    same_or_text(&mut w, &billing.company_name, &company.company_name);
    text(&mut w, &billing.first_name);
    text(&mut w, &billing.last_name);
    text(&mut w, &billing.email);
    text(&mut w, &billing.culture);
    same_or_text(&mut w, &billing.language, &language_of(&billing.culture));
    let address = &billing.default_address;
    text(&mut w, &address.country);
    optional(&mut w, address.region.as_deref());
    text(&mut w, &address.city);
    text(&mut w, &address.state);
    text(&mut w, &address.address_line1);
    optional(&mut w, address.address_line2.as_deref());
    text(&mut w, &address.postal_code);
    optional(&mut w, address.phone_number.as_deref());
    let etag = &billing.attributes.etag;
    match hex128(etag) {
        Some(value) => {
            w.flag(true);
            w.u128(value);
        }
        None => {
            w.flag(false);
            text(&mut w, etag);
        }
    }
    same_or_text(
        &mut w,
        &billing.attributes.object_type,
        "CustomerBillingProfile",
    );
    let relationship = RELATIONSHIPS
        .iter()
        .position(|r| *r == c.relationship_to_partner)
        .unwrap_or(1);
    w.bits(relationship as u32, 3);
    time(&mut w, &c.created_at);
    w.flag(c.updated_at == c.created_at);
    if c.updated_at != c.created_at {
        time(&mut w, &c.updated_at);
    }
    same_or_text(&mut w, &c.attributes.object_type, "Customer");
    w.finish()
}

/// A reader past a record's layout number, which must be this build's.
fn open(units: &[u16]) -> Result<BitReader<'_>, DecodeError> {
    let mut r = BitReader::new(units);
    let layout = r.bits(3).map_err(damaged)?;
    if layout != LAYOUT {
        return Err(DecodeError::UnknownVersion(u64::from(layout) + 1));
    }
    Ok(r)
}

/// Whether a record read whole has nothing left over.
fn finished(r: &BitReader) -> Result<(), DecodeError> {
    if r.at_end() {
        Ok(())
    } else {
        Err(DecodeError::Schema(
            "the record has more data than fits its layout".into(),
        ))
    }
}

/// Decodes one record (without its length unit) and checks it as every stored customer is checked.
pub fn decode_record(units: &[u16]) -> Result<Customer, DecodeError> {
    let mut r = open(units)?;
    let customer = read_customer(&mut r).map_err(damaged)?;
    finished(&r)?;
    // The rules every stored customer meets (its id is inside the record, so it cannot mismatch a key).
    match acceptance::problems(&customer).into_iter().next() {
        Some(problem) => Err(DecodeError::Invalid(problem)),
        None => Ok(customer),
    }
}

/// What can be made out of a damaged record: its id and domain, which stay reserved while it is kept.
fn hint(units: &[u16]) -> (Option<Uuid>, Option<String>) {
    let mut r = BitReader::new(units);
    if r.bits(3) != Ok(LAYOUT) {
        return (None, None);
    }
    let Ok(id) = r.u128() else {
        return (None, None);
    };
    (Some(Uuid::from_u128(id)), read_domain(&mut r).ok())
}

fn read_domain(r: &mut BitReader) -> Result<String, Damaged> {
    let suffix = domain_suffix(r)?;
    read_text_then(r, suffix)
}

/// The suffix a domain is stored without (its cloud's), from the bits before the domain's text.
fn domain_suffix(r: &mut BitReader) -> Result<&'static str, Damaged> {
    Ok(match r.bits(2)? {
        0 => "",
        n => Cloud::ALL
            .get(n as usize - 1)
            .ok_or(Damaged)?
            .domain_suffix(),
    })
}

fn read_customer(r: &mut BitReader) -> Result<Customer, Damaged> {
    let id = Uuid::from_u128(r.u128()?);
    let domain = read_domain(r)?;
    let tenant_id = if r.flag()? {
        id
    } else {
        Uuid::from_u128(r.u128()?)
    };
    let company_name = read_text(r)?;
    let organization_registration_number = read_optional(r)?;
    let billing_company = read_same_or_text(r, &company_name)?;
    let first_name = read_text(r)?;
    let last_name = read_text(r)?;
    let email = read_text(r)?;
    let culture = read_text(r)?;
    let language = if r.flag()? {
        language_of(&culture)
    } else {
        read_text(r)?
    };
    let default_address = Address {
        country: read_text(r)?,
        region: read_optional(r)?,
        city: read_text(r)?,
        state: read_text(r)?,
        address_line1: read_text(r)?,
        address_line2: read_optional(r)?,
        postal_code: read_text(r)?,
        phone_number: read_optional(r)?,
    };
    let etag = if r.flag()? {
        hex32(r.u128()?)
    } else {
        read_text(r)?
    };
    let billing_type = read_same_or_text(r, "CustomerBillingProfile")?;
    let relationship = *RELATIONSHIPS.get(r.bits(3)? as usize).ok_or(Damaged)?;
    let created_at = read_time(r)?;
    let updated_at = if r.flag()? {
        created_at.clone()
    } else {
        read_time(r)?
    };
    let object_type = read_same_or_text(r, "Customer")?;
    Ok(Customer {
        id,
        company_profile: CompanyProfile {
            tenant_id,
            domain,
            company_name,
            organization_registration_number,
        },
        billing_profile: BillingProfile {
            first_name,
            last_name,
            email,
            culture,
            language,
            company_name: billing_company,
            default_address,
            attributes: BillingAttributes {
                etag,
                object_type: billing_type,
            },
        },
        relationship_to_partner: relationship,
        created_at,
        updated_at,
        attributes: CustomerAttributes { object_type },
    })
}

/// What the list needs of a record ([`Summary`]), read without the rest's text being made or the record checked
/// against the rules: a load reads every record this way, and a record is decoded whole, and checked, when it is
/// opened (or by the check that follows a load). Walks every field in [`read_customer`]'s order, so a record cut short
/// or with data past its layout is refused here as there.
pub fn read_summary(units: &[u16]) -> Result<Summary, DecodeError> {
    let mut r = open(units)?;
    let summary = summary_fields(&mut r).map_err(damaged)?;
    finished(&r)?;
    Ok(summary)
}

/// The names and domain of a record, from its first fields: all a load reads of each record, since the list is
/// sorted and searched by these. The other columns are read when they are needed ([`read_summary`]), and the whole
/// record when it is checked.
pub fn read_names(units: &[u16]) -> Result<Summary, DecodeError> {
    let mut r = open(units)?;
    names(&mut r).map_err(damaged)
}

thread_local! {
    /// The domain and company name of the record being read by [`names`], in buffers used again for the next.
    static NAMES: std::cell::RefCell<(String, String)> = const { std::cell::RefCell::new((String::new(), String::new())) };
}

/// The id, domain and company name (the billing profile's, which the list shows), as a [`Summary`] without its
/// other columns. The texts are read into buffers kept for the next record: the summary is the one allocation.
fn names(r: &mut BitReader) -> Result<Summary, Damaged> {
    let id = Uuid::from_u128(r.u128()?);
    let suffix = domain_suffix(r)?;
    NAMES.with(|names| {
        let mut names = names.try_borrow_mut().map_err(|_| Damaged)?;
        let (domain, company) = &mut *names;
        domain.clear();
        with_text(r, |text| {
            domain.push_str(text);
            domain.push_str(suffix);
        })?;
        if !r.flag()? {
            r.u128()?;
        }
        company.clear();
        with_text(r, |text| company.push_str(text))?;
        skip_optional(r)?; // organization registration number
        if !r.flag()? {
            // The billing profile's own company name.
            company.clear();
            with_text(r, |text| company.push_str(text))?;
        }
        Ok(Summary::new(id, company, domain, None))
    })
}

fn summary_fields(r: &mut BitReader) -> Result<Summary, Damaged> {
    let mut summary = names(r)?;
    for _ in 0..4 {
        skip_text(r)?; // first and last name, email, culture
    }
    if !r.flag()? {
        skip_text(r)?; // language
    }
    let country = read_text(r)?;
    skip_optional(r)?; // region
    for _ in 0..3 {
        skip_text(r)?; // city, state, address line 1
    }
    skip_optional(r)?; // address line 2
    skip_text(r)?; // postal code
    skip_optional(r)?; // phone number
    if r.flag()? {
        r.u128()?;
    } else {
        skip_text(r)?; // etag
    }
    if !r.flag()? {
        skip_text(r)?; // billing object type
    }
    let relationship = *RELATIONSHIPS.get(r.bits(3)? as usize).ok_or(Damaged)?;
    skip_time(r)?;
    if !r.flag()? {
        skip_time(r)?;
    }
    if !r.flag()? {
        skip_text(r)?; // object type
    }
    summary.set_columns(Columns::new(&country, relationship));
    Ok(summary)
}

/// Passes over a text as [`read_text`] reads it, without making a string of it.
fn skip_text(r: &mut BitReader) -> Result<(), Damaged> {
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

fn skip_optional(r: &mut BitReader) -> Result<(), Damaged> {
    if r.flag()? {
        skip_text(r)?;
    }
    Ok(())
}

fn skip_time(r: &mut BitReader) -> Result<(), Damaged> {
    if r.flag()? {
        r.u64(TIME_BITS).map(drop)
    } else {
        skip_text(r)
    }
}

thread_local! {
    /// Text is decoded into this one reused buffer, then copied once at its exact size (or not at all when skipped): a
    /// load decodes hundreds of thousands of texts.
    static SCRATCH: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(Vec::with_capacity(256));
}

/// Text in whichever takes fewer bits: the Huffman code (mode 0) or UTF-16 units (mode 1).
fn text(w: &mut BitWriter, value: &str) {
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

fn read_text(r: &mut BitReader) -> Result<String, Damaged> {
    read_text_then(r, "")
}

/// A text followed by `then` (a domain's suffix), made at its full length at once: a load reads 50,000 domains.
fn read_text_then(r: &mut BitReader, then: &str) -> Result<String, Damaged> {
    with_text(r, |text| {
        let mut made = String::with_capacity(text.len() + then.len());
        made.push_str(text);
        made.push_str(then);
        made
    })
}

/// Reads a text and hands it to `f`, without a string made of it in the usual (Huffman-coded) form.
fn with_text<T>(r: &mut BitReader, f: impl FnOnce(&str) -> T) -> Result<T, Damaged> {
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

fn optional(w: &mut BitWriter, value: Option<&str>) {
    w.flag(value.is_some());
    if let Some(value) = value {
        text(w, value);
    }
}

fn read_optional(r: &mut BitReader) -> Result<Option<String>, Damaged> {
    if r.flag()? {
        Ok(Some(read_text(r)?))
    } else {
        Ok(None)
    }
}

/// One bit when the value is the usual one, else the text.
fn same_or_text(w: &mut BitWriter, value: &str, usual: &str) {
    w.flag(value == usual);
    if value != usual {
        text(w, value);
    }
}

fn read_same_or_text(r: &mut BitReader, usual: &str) -> Result<String, Damaged> {
    if r.flag()? {
        Ok(usual.to_string())
    } else {
        read_text(r)
    }
}

/// A number as 32 lower-case hex digits (without `format!`, which is slow on a path taken 50,000 times a load).
fn hex32(value: u128) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let text: Vec<u8> = (0..32)
        .rev()
        .map(|at| DIGITS[(value >> (4 * at)) as usize & 0xf])
        .collect();
    String::from_utf8(text).unwrap_or_default()
}

/// 32 lower-case hex digits (the etags this app writes).
fn hex128(value: &str) -> Option<u128> {
    let canonical = value.len() == 32
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    canonical
        .then(|| u128::from_str_radix(value, 16).ok())
        .flatten()
}

/// Milliseconds since 1970 fit in 44 bits until the year 2527.
const TIME_BITS: u32 = 44;

/// A time as milliseconds when it is in the form the app writes (`2026-11-24T10:00:00.000Z`) and reads back the
/// same; any other text as text.
fn time(w: &mut BitWriter, value: &str) {
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

fn read_time(r: &mut BitReader) -> Result<String, Damaged> {
    if r.flag()? {
        Ok(format_time(r.u64(TIME_BITS)?))
    } else {
        read_text(r)
    }
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian; Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
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

fn parse_time(value: &str) -> Option<u64> {
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

fn format_time(ms: u64) -> String {
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

/// A group value's records (of group `group`), in stored order, as rows: only what the list shows is decoded, and nothing is checked
/// against the rules yet ([`Row::check`] does that).
pub fn decode_rows(value: &str, group: u16) -> Result<Vec<Entry<Row>>, DecodeError> {
    decode_rows_utf8(value.as_bytes(), group)
}

/// [`decode_rows`] of a value as UTF-8 bytes (as [`super::Backend::get_utf8`] reads it); bytes that are not UTF-8
/// are not a group.
pub fn decode_rows_utf8(value: &[u8], group: u16) -> Result<Vec<Entry<Row>>, DecodeError> {
    let Frames { units, frames } = frames(value)?;
    // The rows share the group's units: one allocation per group rather than one per customer.
    let units: Arc<[u16]> = units.into();
    Ok(frames
        .into_iter()
        .map(|frame| match frame {
            Frame::Record(raw, range) => {
                let record = units.get(range.clone()).unwrap_or_default();
                match read_names(record) {
                    Ok(summary) => Entry::Customer(Row::in_group(summary, &units, range, group)),
                    Err(error) => unreadable(raw, record, error),
                }
            }
            Frame::Damaged(tail) => damaged_tail(tail),
        })
        .collect())
}

/// One framed piece of a group value: a record (its stored text as UTF-8, length unit included, and where its
/// units are in [`Frames::units`]), or a tail whose framing is damaged. Both are whole characters of valid UTF-8.
#[cfg_attr(test, derive(Debug, PartialEq))]
enum Frame<'a> {
    Record(&'a [u8], Range<usize>),
    Damaged(&'a [u8]),
}

/// A group value's framed pieces, and the units of all its records, one after the other (without their length
/// units) in one buffer.
#[cfg_attr(test, derive(Debug, PartialEq))]
#[derive(Default)]
struct Frames<'a> {
    units: Vec<u16>,
    frames: Vec<Frame<'a>>,
}

/// A group value's records (as UTF-8 bytes), after its mark and, in format 3, its count, which comes back too.
fn body(value: &[u8]) -> Result<(&[u8], Option<u16>), DecodeError> {
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
fn frames(value: &[u8]) -> Result<Frames<'_>, DecodeError> {
    let (rest, _) = body(value)?;
    if let Some(frames) = unit_frames(rest) {
        return Ok(frames);
    }
    let rest = std::str::from_utf8(rest)
        .map_err(|_| DecodeError::Schema("not a customer group".into()))?;
    Ok(char_frames(rest))
}

/// The frames of a group value's text after its mark, character by character (any text, unit characters or not).
fn char_frames(rest: &str) -> Frames<'_> {
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
fn kept(raw: &[u8]) -> String {
    String::from_utf8_lossy(raw).into_owned()
}

fn damaged_tail<T>(tail: &[u8]) -> Entry<T> {
    Entry::Unreadable {
        raw: kept(tail),
        error: DecodeError::Schema("the stored group is damaged".into()),
        id: None,
        domain: None,
    }
}

/// A framed record that cannot be read: `raw` its stored text (length unit included), kept exactly.
fn unreadable<T>(raw: &[u8], units: &[u16], error: DecodeError) -> Entry<T> {
    let (id, domain) = hint(units);
    Entry::Unreadable {
        raw: kept(raw),
        error,
        id,
        domain,
    }
}

/// The unit of a unit character (U+3000..=U+AFFF) from its 3 bytes of UTF-8. Inlined: a load decodes every stored
/// unit this way (4.4 million at 50,000 customers), and the release build optimises for size.
#[inline(always)]
fn unit_of(lead: u8, b: u8, c: u8) -> u16 {
    let code = (u32::from(lead & 0x0F) << 12) | (u32::from(b & 0x3F) << 6) | u32::from(c & 0x3F);
    code.wrapping_sub(bits::UNIT_BASE) as u16
}

/// The unit of one unit character's 3 bytes of UTF-8 (U+3000..=U+AFFF is E3 80 80 ..= EA BF BF; the text is valid
/// UTF-8, so only the lead byte needs a look); `None` for any other character.
fn unit_of_bytes(c: &[u8]) -> Option<u16> {
    match *c {
        [lead, b, c] if (0xE3..=0xEA).contains(&lead) => Some(unit_of(lead, b, c)),
        _ => None,
    }
}

/// The units of a value made only of unit characters (every character then takes 3 bytes of UTF-8, so unit `i`
/// starts at byte `3 * i`); `None` when anything else is in it.
fn units_of(text: &str) -> Option<Vec<u16>> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(3) {
        return None;
    }
    bytes.chunks_exact(3).map(unit_of_bytes).collect()
}

/// The unit of the unit character at `bytes[at..at + 3]` as UTF-8: a lead byte E3..=EA and two continuation bytes
/// (every such sequence is a valid character, U+3000..=U+AFFF); `None` for anything else.
#[inline(always)]
fn unit_at(bytes: &[u8], at: usize) -> Option<u16> {
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
fn unit_frames(bytes: &[u8]) -> Option<Frames<'_>> {
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

/// The byte length of the well-framed record at the start of `tail`: its length unit, then that many units.
fn segment_len(tail: &str) -> Option<usize> {
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

/// What the start of a group value says (see [`sorted_head`]).
#[derive(Debug, PartialEq, Eq)]
pub enum Head {
    /// A group of format 3: how many readable records it holds, and the first of them, which comes first in the
    /// list's order.
    Sorted { count: usize, first: Row },
    /// The first `n` units of the value are needed to read its first record.
    Needs(usize),
    /// Anything else (format 2, damage): the group is read whole.
    Whole,
}

/// The count and the first record (as a row of group `group`) of a group value of format 3, from the UTF-8 of the
/// value's first units: a load finds the list's first page from these, reading whole only the groups whose first
/// record comes early enough.
pub fn sorted_head(prefix: &[u8], group: u16) -> Head {
    // Format 2 and anything that is not a group have no count.
    let Ok((records, Some(count))) = body(prefix) else {
        return Head::Whole;
    };
    // No count, or no first record (only records that cannot be read, or damage): read whole, so that what cannot
    // be read is reported.
    let (count, Some(length)) = (usize::from(count), unit_at(records, 0)) else {
        return Head::Whole;
    };
    let length = usize::from(length);
    if count == 0 || length == 0 {
        return Head::Whole;
    }
    // The length unit, then the record, 3 bytes a unit.
    let end = 3 * (1 + length);
    if records.len() < end {
        // The mark, the count and the length, then the record.
        return Head::Needs(3 + length);
    }
    let units: Option<Vec<u16>> = (3..end).step_by(3).map(|at| unit_at(records, at)).collect();
    match units.map(|units| (read_names(&units), units)) {
        Some((Ok(summary), units)) => Head::Sorted {
            count,
            first: Row::unchecked(summary, units, group),
        },
        _ => Head::Whole,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::search::Listed;
    use crate::model::validation::tests::valid_details;
    use crate::model::WriteStamp;

    pub fn sample(n: u128) -> Customer {
        let stamp = WriteStamp {
            etag: format!("{:032x}", n * 7919),
            now: "2026-11-24T10:00:00.123Z".into(),
        };
        Customer::create(
            Uuid::from_u128(n),
            Cloud::default(),
            &format!("contoso{n}"),
            valid_details(),
            stamp,
        )
    }

    #[test]
    fn a_record_round_trips_in_a_fraction_of_json() {
        let customer = sample(42);
        let units = encode_record(&customer);
        assert_eq!(decode_record(&units), Ok(customer.clone()));
        let json = super::super::codec::encode(&customer).unwrap_or_default();
        assert!(
            units.len() * 5 < json.len(),
            "{} units against {} of JSON",
            units.len(),
            json.len()
        );
    }

    #[test]
    fn unusual_values_round_trip_too() {
        let mut c = sample(7);
        c.company_profile.domain = "weird.example.org".into();
        c.company_profile.tenant_id = Uuid::from_u128(99);
        c.company_profile.company_name = "北京云计算有限公司".into();
        c.billing_profile.company_name = "Other Name".into();
        c.billing_profile.language = "xx".into();
        c.billing_profile.attributes.etag = "W/\"datetime'2026'\"".into();
        c.billing_profile.attributes.object_type = "Other".into();
        c.billing_profile.default_address.region = Some("区域".into());
        c.billing_profile.default_address.address_line2 = Some("Suite 5".into());
        c.relationship_to_partner = Relationship::Advisor;
        c.created_at = "2026-11-24T10:00:00Z".into();
        c.updated_at = "2027-01-01T00:00:00.000Z".into();
        c.attributes.object_type = "Thing".into();
        let units = encode_record(&c);
        let mut r = BitReader::new(&units);
        assert_eq!(r.bits(3), Ok(LAYOUT));
        assert_eq!(read_customer(&mut r), Ok(c));
    }

    #[test]
    fn times_convert_both_ways() {
        for text in [
            "1970-01-01T00:00:00.000Z",
            "2000-02-29T23:59:59.999Z",
            "2026-11-24T10:00:00.123Z",
            "2100-03-01T00:00:00.000Z",
        ] {
            let ms = parse_time(text);
            assert_eq!(ms.map(format_time).as_deref(), Some(text));
        }
        assert_eq!(
            parse_time("2026-11-24T10:00:00.000Z"),
            Some(1_795_514_400_000)
        );
        assert_eq!(parse_time("2026-11-24T10:00:00Z"), None);
        assert_eq!(parse_time("1969-12-31T23:59:59.999Z"), None);
        // Not a real date: it would not read back the same, so it is kept as text.
        assert_eq!(
            parse_time("2026-02-31T00:00:00.000Z")
                .map(format_time)
                .as_deref(),
            Some("2026-03-03T00:00:00.000Z")
        );
    }

    #[test]
    fn a_group_keeps_damaged_records_exactly() {
        let good = record_text(&sample(1)).unwrap_or_default();
        let other = record_text(&sample(2)).unwrap_or_default();
        // A record whose last unit is changed: still framed, no longer a customer.
        let mut broken: Vec<char> = other.chars().collect();
        if let Some(last) = broken.last_mut() {
            *last = unit_char(UNIT_MAX);
        }
        let broken: String = broken.into_iter().collect();
        let value = group_value(1, [good.as_str(), broken.as_str()]);
        let entries = decode_group(&value).unwrap_or_default();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0], Entry::Customer(Box::new(sample(1))));
        assert!(matches!(
            &entries[1],
            Entry::Unreadable { raw, id: Some(id), domain: Some(domain), .. }
                if *raw == broken && *id == Uuid::from_u128(2) && domain.starts_with("contoso2.")
        ));
        // Framing cut short: the rest is kept whole.
        let cut = format!("{value}{}", unit_char(500));
        let entries = decode_group(&cut).unwrap_or_default();
        assert_eq!(entries.len(), 3);
        assert!(
            matches!(&entries[2], Entry::Unreadable { raw, .. } if *raw == unit_char(500).to_string())
        );
    }

    #[test]
    fn a_character_outside_the_packed_range_keeps_the_rest_whole() {
        let good = record_text(&sample(1)).unwrap_or_default();
        let other = record_text(&sample(2)).unwrap_or_default();
        // An ASCII character typed into the second record (by hand, in the developer tools).
        let mut broken: Vec<char> = other.chars().collect();
        broken.insert(5, 'x');
        let broken: String = broken.into_iter().collect();
        let value = group_value(1, [good.as_str(), broken.as_str()]);
        let entries = decode_group(&value).unwrap_or_default();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0], Entry::Customer(Box::new(sample(1))));
        assert!(matches!(&entries[1], Entry::Unreadable { raw, .. } if *raw == broken));
    }

    #[test]
    fn the_fast_frames_are_the_character_frames() {
        let good = record_text(&sample(1)).unwrap_or_default();
        let other = record_text(&sample(2)).unwrap_or_default();
        let whole = format!("{good}{other}");
        let rest = whole.as_str();
        let cut: String = rest.chars().take(rest.chars().count() - 3).collect();
        for value in [
            rest.to_string(),
            // A frame longer than what is left, and a frame of length 0: the rest is one damaged piece.
            cut,
            format!("{good}{}{}", unit_char(0), unit_char(7)),
            String::new(),
        ] {
            let fast = unit_frames(value.as_bytes());
            assert_eq!(fast, Some(char_frames(&value)), "{value:?}");
        }
        // Anything but unit characters, anywhere (in a record or in a damaged tail), is for the character frames.
        for value in [
            format!("{good}x"),
            // 3 bytes of UTF-8 each, outside the unit range.
            format!("€{good}"),
            format!("{good}{other}€"),
            format!("{good}{}€", unit_char(0)),
        ] {
            assert_eq!(unit_frames(value.as_bytes()), None, "{value:?}");
            assert!(!char_frames(&value).frames.is_empty());
        }
    }

    #[test]
    fn rows_read_from_bytes_as_from_text() {
        let good = record_text(&sample(1)).unwrap_or_default();
        let other = record_text(&sample(2)).unwrap_or_default();
        let mut typed: Vec<char> = other.chars().collect();
        typed.insert(5, 'x');
        let typed: String = typed.into_iter().collect();
        // The fast way (unit characters only), the slow way (a character outside the packed range), a cut frame.
        // Records read the slow way (a character outside the packed range, in the last one): the second's units are
        // further on in the group's shared buffer.
        let value = group_value(2, [other.as_str(), good.as_str(), typed.as_str()]);
        let slow = decode_rows(&value, 7).unwrap_or_default();
        assert_eq!(slow.len(), 3);
        match &slow[1] {
            Entry::Customer(row) => {
                assert_eq!(row.customer(), Ok(sample(1)));
                assert_eq!(row.stored_text(), good);
            }
            other => panic!("not a customer: {other:?}"),
        }
        assert!(matches!(&slow[2], Entry::Unreadable { raw, .. } if *raw == typed));
        for value in [
            group_value(2, [good.as_str(), other.as_str()]),
            group_value(1, [good.as_str(), typed.as_str()]),
            format!("{}{}", group_value(1, [good.as_str()]), unit_char(500)),
            // Format 2: no count.
            packed_value(&format!("{good}{other}")),
        ] {
            let rows = decode_rows(&value, 7).unwrap_or_default();
            assert_eq!(decode_rows_utf8(value.as_bytes(), 7), Ok(rows.clone()));
            assert!(!rows.is_empty());
            match &rows[0] {
                Entry::Customer(row) => {
                    assert_eq!(row.customer(), Ok(sample(1)));
                    assert_eq!(row.summary().company_name(), sample(1).company_name());
                    assert_eq!(row.summary().domain(), sample(1).domain());
                }
                other => panic!("not a customer: {other:?}"),
            }
        }
        // Bytes that are not UTF-8 are not a group; neither is a continuation byte out of place among unit
        // characters.
        let mut bytes = group_value(1, [good.as_str()]).into_bytes();
        assert!(decode_rows_utf8(&bytes[..bytes.len() - 1], 7).is_err());
        // In the first record's length unit (the mark is 1 byte, the count 3).
        bytes[5] = b'A';
        assert!(decode_rows_utf8(&bytes, 7).is_err());
        assert!(matches!(
            decode_rows_utf8(b"\xff\xfe", 7),
            Err(DecodeError::Schema(_))
        ));
    }

    #[test]
    fn a_groups_head_is_read_from_its_first_units() {
        let good = record_text(&sample(1)).unwrap_or_default();
        let other = record_text(&sample(2)).unwrap_or_default();
        let value = group_value(2, [good.as_str(), other.as_str()]);
        let units_1 = encode_record(&sample(1));
        let Ok(summary) = read_names(&units_1) else {
            panic!("the record's names do not read")
        };
        let first = Row::unchecked(summary, units_1, 7);
        let units = 3 + good.chars().count() - 1;
        let prefix = |n: usize| value.chars().take(n).collect::<String>();
        assert_eq!(
            sorted_head(prefix(units).as_bytes(), 7),
            Head::Sorted { count: 2, first }
        );
        assert_eq!(sorted_head(prefix(20).as_bytes(), 7), Head::Needs(units));
        assert_eq!(sorted_head(prefix(3).as_bytes(), 7), Head::Needs(units));
        // Format 2, a cut count, a damaged first record: read whole.
        assert_eq!(sorted_head(packed_value(&good).as_bytes(), 7), Head::Whole);
        assert_eq!(sorted_head(prefix(2).as_bytes(), 7), Head::Whole);
        let mut broken: Vec<char> = value.chars().collect();
        broken[4] = 'x';
        let broken: String = broken.into_iter().collect();
        assert_eq!(sorted_head(broken.as_bytes(), 7), Head::Whole);
        // Only unreadable records: read whole, so that they are reported.
        assert_eq!(
            sorted_head(group_value(0, [other.as_str()]).as_bytes(), 7),
            Head::Whole
        );
    }

    #[test]
    fn other_values_are_not_groups() {
        assert!(matches!(
            decode_group("{\"a\":1}"),
            Err(DecodeError::Schema(_))
        ));
        assert_eq!(decode_group("4abc"), Err(DecodeError::UnknownVersion(4)));
        // Format 3 without its count.
        assert!(matches!(decode_group("3abc"), Err(DecodeError::Schema(_))));
        assert_eq!(decode_group("2"), Ok(vec![]));
        assert_eq!(decode_group(&group_value(0, [])), Ok(vec![]));
    }

    #[test]
    fn damaged_bits_are_an_error_never_a_panic() {
        let units = encode_record(&sample(3));
        for cut in 0..units.len() {
            assert!(decode_record(&units[..cut]).is_err());
        }
        for at in 0..units.len() {
            let mut flipped = units.clone();
            flipped[at] ^= 0x5555;
            let _ = decode_record(&flipped);
        }
    }
}
