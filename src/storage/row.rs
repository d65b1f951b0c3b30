//! A customer as memory keeps it: its [`Summary`] (what the list shows, sorts and searches on) and its stored record
//! (format 2's units), decoded whole only when the customer is opened, exported or edited.
//!
//! A row listed from Partner Center has no record until the customer is fetched whole: a list page gives only the
//! names and the relationship ([`Row::listed`]).
//!
//! A whole `Customer` holds some twenty strings; a row holds three and one packed record, about a third of the
//! memory, and a load makes it without decoding the rest of each record's text.

use std::ops::Range;
use std::sync::Arc;

use uuid::Uuid;

use super::error::DecodeError;
use super::format::frame::{body, frames, unit_at, Frame, Frames};
use super::format::group::{damaged_tail, unreadable};
use super::format::{self, Entry};
use crate::model::list::{Columns, Listed, Summary};
use crate::model::Customer;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    summary: Summary,
    record: Record,
    /// The group the record was read from (its id's, unless the store was written by something else).
    group: u16,
    /// Whether the whole record is known to decode and meet the rules every stored customer meets.
    checked: bool,
}

/// A record's units (format 2, without the length unit).
#[derive(Clone)]
enum Record {
    /// Its own: a customer saved, imported or decoded since the load.
    Own(Box<[u16]>),
    /// Its place among the units its whole group was read into: a load reads 50,000 records, and one buffer per
    /// group (2,048) spares an allocation per customer.
    InGroup {
        units: Arc<[u16]>,
        start: usize,
        end: usize,
    },
    /// None yet: listed from Partner Center, whose list pages carry no billing profile.
    Absent,
}

impl Record {
    fn units(&self) -> &[u16] {
        match self {
            Record::Own(units) => units,
            Record::InGroup { units, start, end } => units.get(*start..*end).unwrap_or_default(),
            Record::Absent => &[],
        }
    }
}

impl PartialEq for Record {
    fn eq(&self, other: &Record) -> bool {
        self.units() == other.units()
    }
}

impl Eq for Record {}

impl std::fmt::Debug for Record {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.units().fmt(f)
    }
}

impl Listed for Row {
    fn summary(&self) -> &Summary {
        &self.summary
    }

    /// Read from the record when the load read only the names (until the row is checked).
    fn columns(&self) -> Columns {
        self.summary.columns().unwrap_or_else(|| {
            format::read_summary(self.record.units())
                .ok()
                .and_then(|s| s.columns())
                .unwrap_or_default()
        })
    }
}

impl Row {
    /// A customer's row (a customer in memory has been decoded and checked, or made by the app).
    pub fn of(customer: &Customer) -> Row {
        Row {
            summary: Summary::of(customer),
            record: Record::Own(format::encode_record(customer).into_boxed_slice()),
            group: super::layout::group_of(customer.id),
            checked: true,
        }
    }

    /// A customer as a list page of Partner Center gives it: its summary alone, with the columns the page knows (the
    /// relationship; the country stays blank). [`Row::customer`] says [`DecodeError::NotFetched`] until the customer
    /// is fetched whole and its row replaced.
    pub fn listed(summary: Summary) -> Row {
        Row {
            group: super::layout::group_of(summary.id),
            summary,
            record: Record::Absent,
            checked: true,
        }
    }

    /// Whether the row holds the customer's whole record (every row but one [`Row::listed`] does).
    pub fn has_record(&self) -> bool {
        !matches!(self.record, Record::Absent)
    }

    /// A row read from a group whose record is not checked yet, its units its own.
    pub(super) fn unchecked(summary: Summary, record: Vec<u16>, group: u16) -> Row {
        Row {
            summary,
            record: Record::Own(record.into_boxed_slice()),
            group,
            checked: false,
        }
    }

    /// A row read from a group whose record is not checked yet: the record is `range` of the group's `units`.
    pub(super) fn in_group(
        summary: Summary,
        units: &Arc<[u16]>,
        range: Range<usize>,
        group: u16,
    ) -> Row {
        Row {
            summary,
            record: Record::InGroup {
                units: Arc::clone(units),
                start: range.start,
                end: range.end,
            },
            group,
            checked: false,
        }
    }

    pub fn id(&self) -> Uuid {
        self.summary.id
    }

    /// The group its record is kept in.
    pub fn group(&self) -> u16 {
        self.group
    }

    /// The whole customer, decoded and checked.
    pub fn customer(&self) -> Result<Customer, DecodeError> {
        match self.record {
            Record::Absent => Err(DecodeError::NotFetched),
            _ => format::decode_record(self.record.units()),
        }
    }

    pub fn is_checked(&self) -> bool {
        self.checked
    }

    /// Checks the whole record once: `Err` with the reason when it cannot be used (the caller reports it as
    /// unreadable and takes the row out of the list).
    pub fn check(&mut self) -> Result<(), DecodeError> {
        if !self.checked {
            let customer = self.customer()?;
            self.summary.set_columns(Columns::of(&customer));
            self.checked = true;
        }
        Ok(())
    }

    /// The record as it is stored in its group (length unit first), kept exactly when it cannot be read.
    pub fn stored_text(&self) -> String {
        format::framed(self.record.units()).unwrap_or_default()
    }

    /// Changes whenever the record does (FNV-1a of its units, 0 with none): the list redraws a row only when this
    /// changes.
    pub fn version(&self) -> u64 {
        let fold =
            |hash: u64, unit: u16| (hash ^ u64::from(unit)).wrapping_mul(0x0000_0100_0000_01b3);
        match self.record {
            // A listed row changes with its names (another person renamed the customer).
            Record::Absent => self
                .summary
                .company_name()
                .bytes()
                .chain([0])
                .chain(self.summary.domain().bytes())
                .fold(0x8422_2325_cbf2_9ce4, |hash, byte| {
                    fold(hash, u16::from(byte))
                }),
            _ => self
                .record
                .units()
                .iter()
                .fold(0xcbf2_9ce4_8422_2325, |hash, unit| fold(hash, *unit)),
        }
    }
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
                match format::read_names(record) {
                    Ok(summary) => Entry::Customer(Row::in_group(summary, &units, range, group)),
                    Err(error) => unreadable(raw, record, error),
                }
            }
            Frame::Damaged(tail) => damaged_tail(tail),
        })
        .collect())
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
    match units.map(|units| (format::read_names(&units), units)) {
        Some((Ok(summary), units)) => Head::Sorted {
            count,
            first: Row::unchecked(summary, units, group),
        },
        _ => Head::Whole,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::customer::Relationship;
    use crate::storage::format::bits::unit_char;
    use crate::storage::format::tests::sample;
    use crate::storage::format::{
        encode_record, group_value, packed_value, read_names, record_text, Entry,
    };

    fn customers() -> Vec<Customer> {
        let plain = format::tests::sample(1);
        let mut chinese = format::tests::sample(2);
        chinese.company_profile.company_name = "北京云计算有限公司".into();
        chinese.billing_profile.company_name = "北京云计算有限公司".into();
        chinese.billing_profile.first_name = "伟".into();
        let mut unusual = format::tests::sample(3);
        // Every field the summary skips in its rarer form: another billing name, language, etag, times, types.
        unusual.billing_profile.company_name = "Billing Name Ltd".into();
        unusual.billing_profile.language = "xx".into();
        unusual.billing_profile.attributes.etag = "W/\"not-hex\"".into();
        unusual.billing_profile.attributes.object_type = "Other".into();
        unusual.billing_profile.default_address.region = Some("Region".into());
        unusual.billing_profile.default_address.address_line2 = Some("Floor 2".into());
        unusual.billing_profile.default_address.phone_number = Some("+86 10 1234 5678".into());
        unusual.company_profile.organization_registration_number = Some("91110000".into());
        unusual.created_at = "yesterday".into();
        unusual.updated_at = "2026-11-24T10:00:00.456Z".into();
        unusual.attributes.object_type = "Something".into();
        unusual.relationship_to_partner = Relationship::Advisor;
        vec![plain, chinese, unusual]
    }

    #[test]
    fn a_summary_read_from_a_record_is_the_customers_summary() {
        for customer in customers() {
            let units = encode_record(&customer);
            assert_eq!(
                format::read_summary(&units),
                Ok(Summary::of(&customer)),
                "{customer:?}"
            );
            // A load reads the names only; the other columns come from the record when asked for.
            let names = format::read_names(&units);
            let without_columns = Summary::new(
                customer.id,
                customer.company_name(),
                customer.domain(),
                None,
            );
            assert_eq!(names, Ok(without_columns));
            let row = Row::unchecked(
                format::read_names(&units).unwrap_or_else(|_| Summary::of(&customer)),
                units.clone(),
                0,
            );
            assert_eq!(row.columns(), Columns::of(&customer));
            let row = Row::of(&customer);
            assert_eq!(row.summary(), &Summary::of(&customer));
            if customer.billing_profile.language == "xx" {
                // The unusual one breaks the rules (a language not of its culture): a whole read says so.
                assert!(matches!(row.customer(), Err(DecodeError::Invalid(_))));
            } else {
                assert_eq!(row.customer(), Ok(customer.clone()));
            }
        }
    }

    #[test]
    fn a_listed_row_has_its_names_and_relationship_and_no_record_until_fetched() {
        let customer = customers()[0].clone();
        let summary = Summary::new(
            customer.id,
            customer.company_name(),
            customer.domain(),
            Some(Columns::new("", Relationship::Advisor)),
        );
        let mut row = Row::listed(summary.clone());
        assert!(!row.has_record());
        assert_eq!(row.customer(), Err(DecodeError::NotFetched));
        // Nothing to check, and nothing reported: it is not damage.
        assert_eq!(row.check(), Ok(()));
        assert_eq!(row.columns().relationship, Relationship::Advisor);
        assert_eq!(row.columns().country(), "");
        assert_eq!(row.group(), crate::storage::layout::group_of(customer.id));
        // Its version follows its names, and differs from the fetched customer's row.
        let renamed = Row::listed(Summary::new(
            customer.id,
            "Renamed",
            customer.domain(),
            None,
        ));
        assert_ne!(row.version(), renamed.version());
        let whole = Row::of(&customer);
        assert!(whole.has_record());
        assert_ne!(row.version(), whole.version());
    }

    #[test]
    fn a_summary_refuses_what_a_whole_read_refuses_for_its_framing() {
        let units = encode_record(&customers()[0]);
        // Cut short, and with a unit more than the layout holds.
        assert!(format::read_summary(&units[..units.len() - 3]).is_err());
        let mut longer = units.clone();
        longer.push(0x7fff);
        assert!(format::read_summary(&longer).is_err());
    }

    #[test]
    fn rows_of_a_group_are_checked_apart_and_kept_exactly_when_they_fail() {
        let good = customers()[0].clone();
        let mut breaking = customers()[1].clone();
        // Decodes, but breaks the rules (no such country): found by the check, not by the row's read.
        breaking.billing_profile.default_address.country = "QQ".into();
        let texts = [
            record_text(&good).unwrap_or_default(),
            record_text(&breaking).unwrap_or_default(),
        ];
        let value = group_value(2, texts.iter().map(String::as_str));
        let entries = decode_rows(&value, 0).unwrap_or_default();
        let mut rows: Vec<Row> = entries
            .into_iter()
            .filter_map(|e| match e {
                Entry::Customer(row) => Some(row),
                Entry::Unreadable { .. } => None,
            })
            .collect();
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|r| !r.is_checked()));
        assert_eq!(rows[0].summary().columns(), None);
        assert_eq!(rows[0].check(), Ok(()));
        assert_eq!(rows[0].summary().columns(), Some(Columns::of(&good)));
        assert!(rows[0].is_checked());
        assert!(matches!(rows[1].check(), Err(DecodeError::Invalid(_))));
        assert!(!rows[1].is_checked());
        // What is kept of the failing record is its stored text, exactly.
        assert_eq!(rows[1].stored_text(), texts[1]);
        assert_ne!(rows[0].version(), rows[1].version());
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
}
