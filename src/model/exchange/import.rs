//! "Import JSON": the file checked as a whole, then its records a slice at a time, each against the form's rules and
//! the stored-record rules; all or nothing.

use super::problem::{ImportIssue, ImportProblem};

use std::collections::HashSet;

use serde_json::{Map, Value};
use uuid::Uuid;

use crate::model::acceptance::{org_number_not_asked, problems, Problem};
use crate::model::customer::cloud::split_domain;
use crate::model::customer::cloud::Cloud;
use crate::model::customer::{language_of, Customer, WriteStamp};
use crate::model::form::{validate_edit, CustomerDraft};

/// The largest import accepted: more than localStorage could hold anyway (about 70,000 customers), and an export
/// of 100,000 (about 60 MB of JSON) still passes.
pub const MAX_IMPORT_CHARS: usize = 100_000_000;
pub const MAX_IMPORT_ITEMS: usize = 100_000;

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

/// Reads and checks one record (an import's, or a customer Partner Center answered with).
pub(crate) fn read_record(
    item: &Value,
    cloud: Cloud,
    stamp: &WriteStamp,
) -> Result<Customer, Vec<ImportIssue>> {
    let Value::Object(map) = item else {
        return Err(vec![ImportIssue::NotAnObject]);
    };
    let mut map = map.clone();
    complete(&mut map, stamp);
    let mut customer: Customer =
        serde_path_to_error::deserialize(Value::Object(map)).map_err(|e| {
            vec![ImportIssue::BadValue {
                path: e.path().to_string(),
                detail: e.inner().to_string(),
            }]
        })?;

    // A domain this app's cloud could have made; stored lower case, as Partner Center shows it.
    customer.company_profile.domain = customer.company_profile.domain.trim().to_ascii_lowercase();
    match split_domain(customer.domain()) {
        Some((_, found)) if found == cloud => {}
        _ => {
            return Err(vec![ImportIssue::ForeignDomain {
                domain: customer.domain().to_string(),
                suffix: cloud.domain_suffix(),
            }])
        }
    }
    // A number the form would never have asked for is refused, not silently kept or dropped.
    if org_number_not_asked(&customer) {
        return Err(vec![ImportIssue::Rule(Problem::OrgNumberNotAsked)]);
    }

    // The billing profile passes the form's rules; values are stored as the form would store them (trimmed).
    let details = validate_edit(&CustomerDraft::from_customer(&customer)).map_err(|errors| {
        errors
            .iter()
            .map(|(field, error)| ImportIssue::Rule(Problem::Field(*field, error.clone())))
            .collect::<Vec<_>>()
    })?;
    let kept = WriteStamp {
        etag: customer.etag().to_string(),
        now: customer.updated_at.clone(),
    };
    customer.apply(details, kept);

    // Last, the one set of rules every stored record meets, so nothing imported is unreadable on the next load.
    let found = problems(&customer);
    if !found.is_empty() {
        return Err(found.into_iter().map(ImportIssue::Rule).collect());
    }
    Ok(customer)
}

/// Reads an "Export JSON" file. `Ok` only when every record is good and new; otherwise every problem found.
pub fn parse_import(
    text: &str,
    cloud: Cloud,
    existing: &[Customer],
    stamp: &mut dyn FnMut() -> WriteStamp,
) -> Result<Vec<Customer>, Vec<ImportProblem>> {
    let mut reader = ImportReader::open(text, cloud, existing)?;
    while reader.step(usize::MAX, stamp) {}
    reader.finish()
}

/// The top level of an import file, its records left unparsed (borrowed from the text) until their turn: a
/// 30 MB file is not held twice as a tree of values.
#[derive(serde::Deserialize)]
struct FileTop<'a> {
    #[serde(borrow, default)]
    items: Option<&'a serde_json::value::RawValue>,
    #[serde(borrow, default, rename = "totalCount")]
    total_count: Option<&'a serde_json::value::RawValue>,
}

/// An import being read, its records checked a slice at a time, so that a large file can show its progress and be
/// cancelled between slices.
pub struct ImportReader<'a> {
    cloud: Cloud,
    items: Vec<&'a serde_json::value::RawValue>,
    next: usize,
    problems: Vec<ImportProblem>,
    ids: HashSet<Uuid>,
    domains: HashSet<String>,
    accepted: Vec<Customer>,
}

impl<'a> ImportReader<'a> {
    /// Checks the file as a whole: its size, that it is JSON of the export's shape, its count.
    pub fn open(
        text: &'a str,
        cloud: Cloud,
        existing: &[Customer],
    ) -> Result<ImportReader<'a>, Vec<ImportProblem>> {
        let file = |issue: ImportIssue| vec![ImportProblem::file(issue)];
        if text.len() > MAX_IMPORT_CHARS && text.chars().count() > MAX_IMPORT_CHARS {
            return Err(file(ImportIssue::TooLarge));
        }
        let text = text.trim_start_matches('\u{feff}');
        let top: FileTop = match serde_json::from_str(text) {
            Ok(top) => top,
            // Valid JSON of another shape (an array, a number) is the wrong shape, not "not JSON".
            Err(e) if e.is_data() => return Err(file(ImportIssue::WrongShape)),
            Err(e) => {
                return Err(file(ImportIssue::NotJson {
                    line: e.line(),
                    column: e.column(),
                }))
            }
        };
        let Some(items) = top.items else {
            return Err(file(ImportIssue::WrongShape));
        };
        let items: Vec<&serde_json::value::RawValue> =
            serde_json::from_str(items.get()).map_err(|_| file(ImportIssue::WrongShape))?;
        if items.is_empty() {
            return Err(file(ImportIssue::Empty));
        }
        if items.len() > MAX_IMPORT_ITEMS {
            return Err(file(ImportIssue::TooMany {
                count: items.len(),
                max: MAX_IMPORT_ITEMS,
            }));
        }
        let mut problems = Vec::new();
        if let Some(total) = top.total_count {
            if serde_json::from_str::<u64>(total.get()).ok() != Some(items.len() as u64) {
                problems.push(ImportProblem::file(ImportIssue::TotalCount {
                    total: total.get().to_string(),
                    count: items.len(),
                }));
            }
        }
        Ok(ImportReader {
            cloud,
            next: 0,
            problems,
            ids: existing.iter().map(|c| c.id).collect(),
            domains: existing
                .iter()
                .map(|c| c.domain().to_ascii_lowercase())
                .collect(),
            accepted: Vec::with_capacity(items.len()),
            items,
        })
    }

    /// How many records the file has.
    pub fn total(&self) -> usize {
        self.items.len()
    }

    /// How many records have been checked.
    pub fn checked(&self) -> usize {
        self.next
    }

    /// Checks up to `count` more records; returns whether any are left.
    pub fn step(&mut self, count: usize, stamp: &mut dyn FnMut() -> WriteStamp) -> bool {
        let end = self.next.saturating_add(count).min(self.items.len());
        for index in self.next..end {
            let record = Some(index + 1);
            let item =
                serde_json::from_str::<Value>(self.items[index].get()).unwrap_or(Value::Null);
            match read_record(&item, self.cloud, &stamp()) {
                Ok(customer) => {
                    let mut clash = false;
                    if !self.ids.insert(customer.id) {
                        clash = true;
                        self.problems.push(ImportProblem {
                            record,
                            issue: ImportIssue::IdExists(customer.id),
                        });
                    }
                    if !self.domains.insert(customer.domain().to_string()) {
                        clash = true;
                        self.problems.push(ImportProblem {
                            record,
                            issue: ImportIssue::DomainExists(customer.domain().to_string()),
                        });
                    }
                    if !clash {
                        self.accepted.push(customer);
                    }
                }
                Err(found) => self.problems.extend(
                    found
                        .into_iter()
                        .map(|issue| ImportProblem { record, issue }),
                ),
            }
        }
        self.next = end;
        end < self.items.len()
    }

    /// The customers, when every record was good and new; otherwise every problem found.
    pub fn finish(self) -> Result<Vec<Customer>, Vec<ImportProblem>> {
        if self.problems.is_empty() {
            Ok(self.accepted)
        } else {
            Err(self.problems)
        }
    }
}
