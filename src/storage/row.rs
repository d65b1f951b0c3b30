//! A customer as memory keeps it: its [`Summary`] (what the list shows, sorts and searches on) and its stored record
//! (format 2's units), decoded whole only when the customer is opened, exported or edited.
//!
//! A whole `Customer` holds some twenty strings; a row holds three and one packed record, about a third of the
//! memory, and a load makes it without decoding the rest of each record's text.

use std::ops::Range;
use std::sync::Arc;

use uuid::Uuid;

use super::codec::DecodeError;
use super::compact;
use crate::model::search::{Columns, Listed, Summary};
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
}

impl Record {
    fn units(&self) -> &[u16] {
        match self {
            Record::Own(units) => units,
            Record::InGroup { units, start, end } => units.get(*start..*end).unwrap_or_default(),
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
            compact::read_summary(self.record.units())
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
            record: Record::Own(compact::encode_record(customer).into_boxed_slice()),
            group: super::group_of(customer.id),
            checked: true,
        }
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
        compact::decode_record(self.record.units())
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
        compact::framed(self.record.units()).unwrap_or_default()
    }

    /// Changes whenever the record does (FNV-1a of its units): the list redraws a row only when this changes.
    pub fn version(&self) -> u64 {
        self.record
            .units()
            .iter()
            .fold(0xcbf2_9ce4_8422_2325, |hash, unit| {
                (hash ^ u64::from(*unit)).wrapping_mul(0x0000_0100_0000_01b3)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::customer::Relationship;
    use crate::storage::compact::{decode_rows, encode_record, group_value, record_text, Entry};

    fn customers() -> Vec<Customer> {
        let plain = compact::tests::sample(1);
        let mut chinese = compact::tests::sample(2);
        chinese.company_profile.company_name = "北京云计算有限公司".into();
        chinese.billing_profile.company_name = "北京云计算有限公司".into();
        chinese.billing_profile.first_name = "伟".into();
        let mut unusual = compact::tests::sample(3);
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
                compact::read_summary(&units),
                Ok(Summary::of(&customer)),
                "{customer:?}"
            );
            // A load reads the names only; the other columns come from the record when asked for.
            let names = compact::read_names(&units);
            let without_columns = Summary::new(
                customer.id,
                customer.company_name(),
                customer.domain(),
                None,
            );
            assert_eq!(names, Ok(without_columns));
            let row = Row::unchecked(
                compact::read_names(&units).unwrap_or_else(|_| Summary::of(&customer)),
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
    fn a_summary_refuses_what_a_whole_read_refuses_for_its_framing() {
        let units = encode_record(&customers()[0]);
        // Cut short, and with a unit more than the layout holds.
        assert!(compact::read_summary(&units[..units.len() - 3]).is_err());
        let mut longer = units.clone();
        longer.push(0x7fff);
        assert!(compact::read_summary(&longer).is_err());
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
}
