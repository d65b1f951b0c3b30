//! "Export CSV", "Export JSON" and "Import JSON". Exports take every customer; an import reads the JSON export's
//! shape (`{ "totalCount": N, "items": [ …Partner Center customers… ] }`) as untrusted input: every record is checked
//! with the form's rules and the stored-record rules, and the import is all-or-nothing.

use std::collections::HashSet;

use serde::Serialize;
use serde_json::{Map, Value};
use thiserror::Error;
use uuid::Uuid;

use super::cloud::split_domain;
use super::countries::country_name;
use super::customer::{language_of, Customer, WriteStamp};
use super::validation::{validate_edit, CustomerDraft};
use super::Cloud;
use crate::messages;
use crate::storage::codec::check;

/// The CSV header: Partner Center's list columns first, then the address and contact.
pub const CSV_COLUMNS: [&str; 18] = [
    "Microsoft ID",
    "Company name",
    "Primary domain name",
    "Relationship",
    "Country/region",
    "Address line 1",
    "Address line 2",
    "City",
    "State or province",
    "Postal code",
    "Phone",
    "First name",
    "Last name",
    "Email",
    "Language",
    "Organization registration number",
    "Created",
    "Last updated",
];

/// The largest import accepted: more than localStorage could hold anyway.
pub const MAX_IMPORT_CHARS: usize = 5_000_000;
pub const MAX_IMPORT_ITEMS: usize = 10_000;

/// Why an export could not be written (writing to memory: not expected, but not a reason to panic).
#[derive(Debug, Error)]
#[error("the export could not be written: {0}")]
pub struct ExportError(String);

/// Spreadsheet programs run a cell that starts with `=`, `+`, `-` or `@` as a formula. A leading `'` keeps such
/// text as text; phone numbers like `+86 10 5869 6000` stay as they are.
fn defuse(cell: &str) -> String {
    let phone_like = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_digit() || " ()-+.".contains(c))
            && s.chars().any(|c| c.is_ascii_digit())
    };
    match cell.chars().next() {
        Some('=' | '@' | '\t' | '\r') => format!("'{cell}"),
        Some('+' | '-') if !phone_like(cell) => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// Every customer as CSV: the header, then one row each; CRLF line ends, quoted per RFC 4180.
pub fn export_csv(customers: &[Customer]) -> Result<String, ExportError> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let error = |e: csv::Error| ExportError(e.to_string());
    writer.write_record(CSV_COLUMNS).map_err(error)?;
    for c in customers {
        let b = &c.billing_profile;
        let a = &b.default_address;
        let row = [
            c.id.to_string(),
            b.company_name.clone(),
            c.domain().to_string(),
            messages::relationship(c.relationship_to_partner).to_string(),
            country_name(&a.country).to_string(),
            a.address_line1.clone(),
            a.address_line2.clone().unwrap_or_default(),
            a.city.clone(),
            a.state.clone(),
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
        ];
        writer
            .write_record(row.iter().map(|cell| defuse(cell)))
            .map_err(error)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| ExportError(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| ExportError(e.to_string()))
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

/// One reason an import was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportProblem {
    /// The record's position in `items`, from 1; `None` for the file as a whole.
    pub record: Option<usize>,
    /// The field's label (as the form names it) or the JSON path of the bad value.
    pub field: Option<String>,
    pub message: String,
}

impl ImportProblem {
    fn file(message: impl Into<String>) -> ImportProblem {
        ImportProblem {
            record: None,
            field: None,
            message: message.into(),
        }
    }

    /// The line shown to the user: "Record 3, Email: Enter an email address like name@contoso.com."
    pub fn describe(&self) -> String {
        match (self.record, &self.field) {
            (Some(n), Some(field)) => format!("Record {n}, {field}: {}", self.message),
            (Some(n), None) => format!("Record {n}: {}", self.message),
            _ => self.message.clone(),
        }
    }
}

/// A record's problems, before they are numbered.
type RecordProblems = Vec<(Option<String>, String)>;

/// Fills what a Partner Center API customer lacks (this app's timestamps and etag, the tenant id, the language),
/// so such exports import too. Values that are present are kept, to be checked.
fn complete(item: &mut Map<String, Value>, stamp: &WriteStamp) {
    let fill = |map: &mut Map<String, Value>, key: &str, value: Value| {
        if map.get(key).is_none_or(Value::is_null) {
            map.insert(key.to_string(), value);
        }
    };
    fill(item, "createdAt", Value::String(stamp.now.clone()));
    let created = item.get("createdAt").cloned().unwrap_or(Value::Null);
    fill(item, "updatedAt", created);
    let id = item.get("id").cloned().unwrap_or(Value::Null);
    if let Some(Value::Object(company)) = item.get_mut("companyProfile") {
        fill(company, "tenantId", id);
    }
    if let Some(Value::Object(billing)) = item.get_mut("billingProfile") {
        if let Some(Value::String(culture)) = billing.get("culture") {
            let language = Value::String(language_of(culture));
            fill(billing, "language", language);
        }
        if billing.get("attributes").is_none_or(Value::is_null) {
            billing.insert("attributes".into(), Value::Object(Map::new()));
        }
        if let Some(Value::Object(attributes)) = billing.get_mut("attributes") {
            fill(attributes, "etag", Value::String(stamp.etag.clone()));
        }
    }
}

/// Reads and checks one record.
fn read_record(item: &Value, cloud: Cloud, stamp: &WriteStamp) -> Result<Customer, RecordProblems> {
    let Value::Object(map) = item else {
        return Err(vec![(None, messages::IMPORT_NOT_AN_OBJECT.into())]);
    };
    let mut map = map.clone();
    complete(&mut map, stamp);
    let mut customer: Customer =
        serde_path_to_error::deserialize(Value::Object(map)).map_err(|e| {
            vec![(
                Some(e.path().to_string()),
                messages::import_bad_value(&e.inner().to_string()),
            )]
        })?;

    // A domain this app's cloud could have made; stored lower case, as Partner Center shows it.
    customer.company_profile.domain = customer.company_profile.domain.trim().to_ascii_lowercase();
    match split_domain(customer.domain()) {
        Some((_, found)) if found == cloud => {}
        _ => {
            return Err(vec![(
                Some(messages::DOMAIN.into()),
                messages::import_domain(customer.domain(), cloud.domain_suffix()),
            )])
        }
    }
    if customer.company_profile.tenant_id != customer.id {
        return Err(vec![(
            Some("companyProfile.tenantId".into()),
            messages::IMPORT_TENANT_ID.into(),
        )]);
    }

    // The billing profile passes the form's rules; values are stored as the form would store them (trimmed).
    let details = validate_edit(&CustomerDraft::from_customer(&customer)).map_err(|errors| {
        errors
            .iter()
            .map(|(field, error)| {
                (
                    Some(messages::field_label(*field).to_string()),
                    messages::field_error(*field, error),
                )
            })
            .collect::<RecordProblems>()
    })?;
    let kept = WriteStamp {
        etag: customer.etag().to_string(),
        now: customer.updated_at.clone(),
    };
    customer.apply(details, kept);

    // Last, the rules every stored record meets, so nothing imported is unreadable on the next load.
    check(&customer.id.to_string(), &customer)
        .map_err(|e| vec![(None, messages::import_invalid(&e.to_string()))])?;
    Ok(customer)
}

/// Reads an "Export JSON" file. `Ok` only when every record is good and new; otherwise every problem found.
pub fn parse_import(
    text: &str,
    cloud: Cloud,
    existing: &[Customer],
    stamp: &mut dyn FnMut() -> WriteStamp,
) -> Result<Vec<Customer>, Vec<ImportProblem>> {
    if text.chars().count() > MAX_IMPORT_CHARS {
        return Err(vec![ImportProblem::file(messages::IMPORT_TOO_LARGE)]);
    }
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
        vec![ImportProblem::file(messages::import_not_json(
            e.line(),
            e.column(),
        ))]
    })?;
    let Some(items) = value.get("items").and_then(Value::as_array) else {
        return Err(vec![ImportProblem::file(messages::IMPORT_WRONG_SHAPE)]);
    };
    if items.is_empty() {
        return Err(vec![ImportProblem::file(messages::IMPORT_EMPTY)]);
    }
    if items.len() > MAX_IMPORT_ITEMS {
        return Err(vec![ImportProblem::file(messages::import_too_many(
            items.len(),
            MAX_IMPORT_ITEMS,
        ))]);
    }
    let mut problems = Vec::new();
    match value.get("totalCount") {
        None => {}
        Some(total) if total.as_u64() == Some(items.len() as u64) => {}
        Some(total) => problems.push(ImportProblem::file(messages::import_total_count(
            &total.to_string(),
            items.len(),
        ))),
    }

    let mut ids: HashSet<Uuid> = existing.iter().map(|c| c.id).collect();
    let mut domains: HashSet<String> = existing
        .iter()
        .map(|c| c.domain().to_ascii_lowercase())
        .collect();
    let mut accepted = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let record = Some(index + 1);
        match read_record(item, cloud, &stamp()) {
            Ok(customer) => {
                let mut clash = false;
                if !ids.insert(customer.id) {
                    clash = true;
                    problems.push(ImportProblem {
                        record,
                        field: Some(messages::MICROSOFT_ID.into()),
                        message: messages::import_id_exists(&customer.id.to_string()),
                    });
                }
                if !domains.insert(customer.domain().to_string()) {
                    clash = true;
                    problems.push(ImportProblem {
                        record,
                        field: Some(messages::DOMAIN.into()),
                        message: messages::import_domain_exists(customer.domain()),
                    });
                }
                if !clash {
                    accepted.push(customer);
                }
            }
            Err(found) => {
                problems.extend(found.into_iter().map(|(field, message)| ImportProblem {
                    record,
                    field,
                    message,
                }))
            }
        }
    }
    if problems.is_empty() {
        Ok(accepted)
    } else {
        Err(problems)
    }
}
