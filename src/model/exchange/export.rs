//! "Export CSV" and "Export JSON": every customer, in Partner Center's list shape or as a spreadsheet's rows.

use serde::Serialize;
use thiserror::Error;

use crate::model::customer::{Customer, Relationship};
use crate::model::exchange::csv as csv_writer;

/// A column of "Export CSV". Its header is worded in the reader's language by a [`CsvWords`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvColumn {
    MicrosoftId,
    CompanyName,
    Domain,
    Relationship,
    Country,
    AddressLine1,
    AddressLine2,
    City,
    State,
    PostalCode,
    Phone,
    FirstName,
    LastName,
    Email,
    Language,
    OrgNumber,
    Created,
    Updated,
}

/// The CSV columns in order: Partner Center's list columns first, then the address and contact.
pub const CSV_COLUMNS: [CsvColumn; 18] = [
    CsvColumn::MicrosoftId,
    CsvColumn::CompanyName,
    CsvColumn::Domain,
    CsvColumn::Relationship,
    CsvColumn::Country,
    CsvColumn::AddressLine1,
    CsvColumn::AddressLine2,
    CsvColumn::City,
    CsvColumn::State,
    CsvColumn::PostalCode,
    CsvColumn::Phone,
    CsvColumn::FirstName,
    CsvColumn::LastName,
    CsvColumn::Email,
    CsvColumn::Language,
    CsvColumn::OrgNumber,
    CsvColumn::Created,
    CsvColumn::Updated,
];

/// The words a CSV export writes besides the customers' own values, in the reader's language (the views give
/// `messages`'): the model knows which, not how they read.
pub trait CsvWords {
    fn column(&self, column: CsvColumn) -> String;
    fn relationship(&self, relationship: Relationship) -> String;
    /// A country's name, from its ISO 3166-1 code.
    fn country(&self, code: &str) -> String;
    /// A state's or province's name, from its code in `country`.
    fn state(&self, country: &str, state: &str) -> String;
}

/// Why an export could not be written (writing to memory: not expected, but not a reason to panic).
#[derive(Debug, Error)]
#[error("the export could not be written: {0}")]
pub struct ExportError(String);

/// Spreadsheet programs run a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula
/// (OWASP's "CSV injection"). A `'` in front keeps such text as text. Phone numbers like `+86 10 5869 6000` get it
/// too: a spreadsheet would otherwise compute them into an error. "Export JSON" keeps every value exactly.
///
/// A cell may also start inside ours: a spreadsheet set to split on `;` (Excel in Brazil, for one) starts a cell
/// after every `;`, and after a line break it does not take for quoted, wherever our quotes put them. So the `'` goes
/// after each of those too, when a formula would start there: `x;=cmd` is written `x;'=cmd`. A quote there gets one
/// as well, since that spreadsheet reads `;""=cmd` as a cell that starts with `=` once its empty quotes are closed;
/// and spaces in front of a formula are passed over.
pub(crate) fn defuse(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len() + 1);
    let mut start = Some(false);
    for c in cell.chars() {
        // `start`: whether a cell starts here, and whether inside ours (after a `;` or a line break).
        if let Some(inside) = start {
            if matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r') || (inside && c == '"') {
                out.push('\'');
            }
        }
        out.push(c);
        // Spaces before a formula do not stop it.
        start = match c {
            ';' | '\n' | '\r' => Some(true),
            ' ' => start,
            _ => None,
        };
    }
    out
}

/// One customer's CSV cells, in [`CSV_COLUMNS`] order, before the formula guard.
pub(crate) fn csv_cells(c: &Customer, words: &dyn CsvWords) -> [String; 18] {
    let b = &c.billing_profile;
    let a = &b.default_address;
    [
        c.id.to_string(),
        b.company_name.clone(),
        c.domain().to_string(),
        words.relationship(c.relationship_to_partner),
        words.country(&a.country),
        a.address_line1.clone(),
        a.address_line2.clone().unwrap_or_default(),
        a.city.clone(),
        words.state(&a.country, &a.state),
        a.postal_code.clone(),
        a.phone_number.clone().unwrap_or_default(),
        b.first_name.clone(),
        b.last_name.clone(),
        b.email.clone(),
        b.culture.clone(),
        c.company_profile
            .organization_registration_number
            .clone()
            .unwrap_or_default(),
        c.created_at.clone(),
        c.updated_at.clone(),
    ]
}

/// Every customer as CSV: the header, then one row each; CRLF line ends, quoted per RFC 4180 ([`csv_writer`]).
/// Writing to a `String` cannot fail; the `Result` matches [`export_json`].
pub fn export_csv(customers: &[Customer], words: &dyn CsvWords) -> Result<String, ExportError> {
    let mut text = String::new();
    csv_writer::push_record(&mut text, CSV_COLUMNS.map(|column| words.column(column)));
    for c in customers {
        csv_writer::push_record(
            &mut text,
            csv_cells(c, words).iter().map(|cell| defuse(cell)),
        );
    }
    Ok(text)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Export<'a> {
    total_count: usize,
    items: &'a [Customer],
}

/// Every customer as Partner Center's list shape.
pub fn export_json(customers: &[Customer]) -> Result<String, ExportError> {
    serde_json::to_string_pretty(&Export {
        total_count: customers.len(),
        items: customers,
    })
    .map_err(|e| ExportError(e.to_string()))
}
