//! Upgrades stored records written by earlier versions of the app, one version step at a time, on read. A migrated
//! record is then checked like any other; it is written back in the current format the next time it is saved.
//!
//! Versions:
//! - **0** (the first prototype): the customer flat, as the form asked for it, without Partner Center's profiles:
//!   `{"schemaVersion":0,"customer":{"id","companyName","domain","culture","etag","createdAt",
//!   "organizationRegistrationNumber"?, "contact":{"firstName","lastName","email","phone"?},
//!   "address":{"country","addressLine1","addressLine2"?,"city","state","postalCode"}}}`.
//! - **1**: Partner Center's customer shape (see [`crate::model::Customer`]).

use serde_json::{json, Map, Value};

use crate::model::customer::language_of;
use crate::storage::error::DecodeError;

/// The version of the stored record format (1 and 0, as JSON under a key of its own) this build reads.
pub const SCHEMA_VERSION: u64 = 1;

/// Brings a record's `customer` value from `version` to [`SCHEMA_VERSION`].
pub fn upgrade(version: u64, mut customer: Value) -> Result<Value, DecodeError> {
    if version > SCHEMA_VERSION {
        return Err(DecodeError::UnknownVersion(version));
    }
    for from in version..SCHEMA_VERSION {
        customer = match from {
            0 => v0_to_v1(customer)?,
            other => return Err(DecodeError::UnknownVersion(other)),
        };
    }
    Ok(customer)
}

fn schema(message: &str) -> DecodeError {
    DecodeError::Schema(format!("version 0 record: {message}"))
}

/// A required string of a v0 object.
fn text(object: &Map<String, Value>, key: &str) -> Result<String, DecodeError> {
    object
        .get(key)
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| schema(&format!("no text “{key}”")))
}

/// An optional string: absent, null and empty all mean "not given".
fn optional(object: &Map<String, Value>, key: &str) -> Option<String> {
    object
        .get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn object<'a>(
    parent: &'a Map<String, Value>,
    key: &str,
) -> Result<&'a Map<String, Value>, DecodeError> {
    parent
        .get(key)
        .and_then(Value::as_object)
        .ok_or_else(|| schema(&format!("no object “{key}”")))
}

fn v0_to_v1(value: Value) -> Result<Value, DecodeError> {
    let customer = value.as_object().ok_or_else(|| schema("not an object"))?;
    let contact = object(customer, "contact")?;
    let address = object(customer, "address")?;
    let id = text(customer, "id")?;
    let company_name = text(customer, "companyName")?;
    let culture = text(customer, "culture")?;
    let created_at = text(customer, "createdAt")?;
    let mut company_profile = json!({
        "tenantId": id,
        "domain": text(customer, "domain")?,
        "companyName": company_name,
    });
    if let Some(number) = optional(customer, "organizationRegistrationNumber") {
        company_profile["organizationRegistrationNumber"] = json!(number);
    }
    let mut default_address = json!({
        "country": text(address, "country")?,
        "city": text(address, "city")?,
        "state": text(address, "state")?,
        "addressLine1": text(address, "addressLine1")?,
        "postalCode": text(address, "postalCode")?,
    });
    if let Some(line2) = optional(address, "addressLine2") {
        default_address["addressLine2"] = json!(line2);
    }
    if let Some(phone) = optional(contact, "phone") {
        default_address["phoneNumber"] = json!(phone);
    }
    Ok(json!({
        "id": id,
        "companyProfile": company_profile,
        "billingProfile": {
            "firstName": text(contact, "firstName")?,
            "lastName": text(contact, "lastName")?,
            "email": text(contact, "email")?,
            "language": language_of(&culture),
            "culture": culture,
            "companyName": company_name,
            "defaultAddress": default_address,
            "attributes": { "etag": text(customer, "etag")?, "objectType": "CustomerBillingProfile" },
        },
        "relationshipToPartner": "reseller",
        "createdAt": created_at,
        "updatedAt": created_at,
        "attributes": { "objectType": "Customer" },
    }))
}
