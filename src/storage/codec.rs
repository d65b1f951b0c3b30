//! Encoding of stored records, and decoding that treats what it reads as untrusted input: any value may have been
//! written by an older version, another tool, or a person with the developer tools open.

use serde::{Deserialize, Serialize};
use thiserror::Error;
use uuid::Uuid;

use crate::model::cloud::split_domain;
use crate::model::customer::language_of;
use crate::model::validation::{validate_edit, CustomerDraft, MAX_ORG_NUMBER};
use crate::model::Customer;

/// The version of the stored record format this build writes and reads.
pub const SCHEMA_VERSION: u64 = 1;

/// Longest etag or timestamp accepted from storage.
const MAX_STAMP: usize = 64;

/// Why a stored value is not a customer.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DecodeError {
    #[error("not valid JSON: {0}")]
    NotJson(String),
    #[error("no schema version")]
    NoVersion,
    #[error("unknown schema version {0}")]
    UnknownVersion(u64),
    #[error("not a customer record: {0}")]
    Schema(String),
    #[error("the record's id does not match its key")]
    IdMismatch,
    #[error("invalid customer: {0}")]
    Invalid(&'static str),
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RecordOut<'a> {
    schema_version: u64,
    customer: &'a Customer,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Envelope {
    schema_version: Option<serde_json::Value>,
    customer: Option<serde_json::Value>,
}

/// The stored text of a customer.
pub fn encode(customer: &Customer) -> Result<String, serde_json::Error> {
    serde_json::to_string(&RecordOut {
        schema_version: SCHEMA_VERSION,
        customer,
    })
}

/// The version key's value.
pub fn encode_meta() -> String {
    format!("{{\"schemaVersion\":{SCHEMA_VERSION}}}")
}

/// Reads a stored record for the id in its key, checking it as the form would have.
pub fn decode(key_id: &str, raw: &str) -> Result<Customer, DecodeError> {
    let envelope: Envelope =
        serde_json::from_str(raw).map_err(|e| DecodeError::NotJson(e.to_string()))?;
    let version = envelope.schema_version.ok_or(DecodeError::NoVersion)?;
    match version.as_u64() {
        Some(SCHEMA_VERSION) => {}
        Some(other) => return Err(DecodeError::UnknownVersion(other)),
        None => return Err(DecodeError::NoVersion),
    }
    let value = envelope
        .customer
        .ok_or_else(|| DecodeError::Schema("no customer".into()))?;
    let customer: Customer =
        serde_json::from_value(value).map_err(|e| DecodeError::Schema(e.to_string()))?;
    check(key_id, &customer)?;
    Ok(customer)
}

/// The rules a stored customer must meet beyond its JSON shape.
pub fn check(key_id: &str, customer: &Customer) -> Result<(), DecodeError> {
    if Uuid::parse_str(key_id).ok() != Some(customer.id) {
        return Err(DecodeError::IdMismatch);
    }
    if customer.company_profile.tenant_id != customer.id {
        return Err(DecodeError::Invalid("tenantId differs from id"));
    }
    if split_domain(customer.domain()).is_none() {
        return Err(DecodeError::Invalid("domain"));
    }
    let billing = &customer.billing_profile;
    if billing.language != language_of(&billing.culture) {
        return Err(DecodeError::Invalid("language does not match culture"));
    }
    let stamp_ok =
        |s: &str| !s.is_empty() && s.len() <= MAX_STAMP && !s.chars().any(char::is_control);
    if !stamp_ok(customer.etag())
        || !stamp_ok(&customer.created_at)
        || !stamp_ok(&customer.updated_at)
    {
        return Err(DecodeError::Invalid("etag or timestamps"));
    }
    if let Some(number) = &customer.company_profile.organization_registration_number {
        if number.trim().is_empty() || number.chars().count() > MAX_ORG_NUMBER {
            return Err(DecodeError::Invalid("organizationRegistrationNumber"));
        }
    }
    // The editable part must pass the same rules as the form, unchanged by trimming.
    let draft = CustomerDraft::from_customer(customer);
    let details = validate_edit(&draft)
        .map_err(|_| DecodeError::Invalid("billing profile fails validation"))?;
    if details.company_name != billing.company_name
        || details.first_name != billing.first_name
        || details.email != billing.email
        || details.address_line1 != billing.default_address.address_line1
    {
        return Err(DecodeError::Invalid("untrimmed values"));
    }
    if customer.company_profile.company_name.trim().is_empty() {
        return Err(DecodeError::Invalid("companyProfile.companyName"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validation::tests::valid_details;
    use crate::model::{Cloud, WriteStamp};
    use serde_json::{json, Value};

    fn sample() -> Customer {
        let stamp = WriteStamp {
            etag: "etag-1".into(),
            now: "2026-11-24T10:00:00.000Z".into(),
        };
        Customer::create(
            Uuid::from_u128(42),
            Cloud::default(),
            "contoso",
            valid_details(),
            stamp,
        )
    }

    fn id() -> String {
        Uuid::from_u128(42).to_string()
    }

    fn tampered(edit: impl FnOnce(&mut Value)) -> String {
        let mut value: Value =
            serde_json::from_str(&encode(&sample()).unwrap_or_default()).unwrap_or_default();
        edit(&mut value);
        value.to_string()
    }

    #[test]
    fn round_trip() {
        let raw = encode(&sample()).unwrap_or_default();
        assert!(raw.starts_with("{\"schemaVersion\":1,\"customer\":{"));
        assert_eq!(decode(&id(), &raw), Ok(sample()));
    }

    #[test]
    fn refuses_what_is_not_a_good_record() {
        assert!(matches!(
            decode(&id(), "not json"),
            Err(DecodeError::NotJson(_))
        ));
        assert!(
            matches!(decode(&id(), "[1,2]"), Err(DecodeError::Schema(_))),
            "serde reads a struct from an array"
        );
        assert_eq!(decode(&id(), "{}"), Err(DecodeError::NoVersion));
        let cases: Vec<(String, DecodeError)> = vec![
            (
                tampered(|v| v["schemaVersion"] = json!(2)),
                DecodeError::UnknownVersion(2),
            ),
            (
                tampered(|v| v["schemaVersion"] = json!("1")),
                DecodeError::NoVersion,
            ),
            (
                tampered(|v| {
                    v["customer"]["companyProfile"]["tenantId"] = json!(Uuid::from_u128(1))
                }),
                DecodeError::Invalid("tenantId differs from id"),
            ),
            (
                tampered(|v| v["customer"]["companyProfile"]["domain"] = json!("evil.example.com")),
                DecodeError::Invalid("domain"),
            ),
            (
                tampered(|v| v["customer"]["billingProfile"]["email"] = json!("nope")),
                DecodeError::Invalid("billing profile fails validation"),
            ),
            (
                tampered(|v| v["customer"]["billingProfile"]["companyName"] = json!(" padded")),
                DecodeError::Invalid("untrimmed values"),
            ),
            (
                tampered(|v| v["customer"]["billingProfile"]["attributes"]["etag"] = json!("")),
                DecodeError::Invalid("etag or timestamps"),
            ),
            (
                tampered(|v| v["customer"]["billingProfile"]["language"] = json!("fr")),
                DecodeError::Invalid("language does not match culture"),
            ),
        ];
        for (raw, expected) in cases {
            assert_eq!(decode(&id(), &raw), Err(expected), "{raw}");
        }
        assert!(matches!(
            decode(&id(), &tampered(|v| v["customer"]["id"] = json!("x"))),
            Err(DecodeError::Schema(_))
        ));
        assert!(matches!(
            decode(
                &id(),
                &tampered(|v| v["customer"]["relationshipToPartner"] = json!("owner"))
            ),
            Err(DecodeError::Schema(_))
        ));
        assert_eq!(
            decode(
                &Uuid::from_u128(7).to_string(),
                &encode(&sample()).unwrap_or_default()
            ),
            Err(DecodeError::IdMismatch)
        );
    }

    #[test]
    fn meta() {
        assert_eq!(encode_meta(), r#"{"schemaVersion":1}"#);
    }
}
