//! Encoding of stored records, and decoding that treats what it reads as untrusted input: any value may have been
//! written by an older version, another tool, or a person with the developer tools open.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::migrate::SCHEMA_VERSION;
use crate::model::acceptance;
use crate::model::Customer;
use crate::storage::error::DecodeError;

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

/// The version key's value: the stored format's version, not the record's.
pub fn encode_meta() -> String {
    format!(
        "{{\"schemaVersion\":{}}}",
        crate::storage::layout::FORMAT_VERSION
    )
}

/// The domain a stored value names, read leniently: from any `"domain": "…"` in it, whatever else is wrong with the
/// value (truncated, a newer version, a version 0 record). Lower case.
pub fn domain_hint(raw: &str) -> Option<String> {
    let mut rest = raw;
    while let Some(at) = rest.find("\"domain\"") {
        rest = &rest[at + "\"domain\"".len()..];
        let value = rest.trim_start().strip_prefix(':')?.trim_start();
        if let Some(value) = value.strip_prefix('"') {
            if let Some(end) = value.find('"') {
                let domain = &value[..end];
                if !domain.is_empty() && !domain.contains('\\') {
                    return Some(domain.to_ascii_lowercase());
                }
            }
        }
    }
    None
}

/// Reads a stored record for the id in its key, checking it as the form would have.
pub fn decode(key_id: &str, raw: &str) -> Result<Customer, DecodeError> {
    let envelope: Envelope =
        serde_json::from_str(raw).map_err(|e| DecodeError::NotJson(e.to_string()))?;
    let version = envelope
        .schema_version
        .ok_or(DecodeError::NoVersion)?
        .as_u64()
        .ok_or(DecodeError::NoVersion)?;
    let value = envelope
        .customer
        .ok_or_else(|| DecodeError::Schema("no customer".into()))?;
    // Older records are upgraded first, then checked like current ones; newer ones are left for a newer app.
    let value = super::migrate::upgrade(version, value)?;
    // Through the import's deserialiser (it tracks the path, unused here): one copy of `Customer`'s deserialisation
    // in the wasm instead of two.
    let customer: Customer = serde_path_to_error::deserialize(value)
        .map_err(|e| DecodeError::Schema(e.inner().to_string()))?;
    check(key_id, &customer)?;
    Ok(customer)
}

/// The rules a stored customer must meet: stored under its own id, and acceptable by the model's one set of rules
/// (the same the form and an import apply).
pub fn check(key_id: &str, customer: &Customer) -> Result<(), DecodeError> {
    if Uuid::parse_str(key_id).ok() != Some(customer.id) {
        return Err(DecodeError::IdMismatch);
    }
    match acceptance::problems(customer).into_iter().next() {
        Some(problem) => Err(DecodeError::Invalid(problem)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::acceptance::Problem;
    use crate::model::form::tests::valid_details;
    use crate::model::{Cloud, Field, FieldError, WriteStamp};
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
                DecodeError::Invalid(Problem::TenantId),
            ),
            (
                tampered(|v| v["customer"]["companyProfile"]["domain"] = json!("evil.example.com")),
                DecodeError::Invalid(Problem::Domain),
            ),
            (
                tampered(|v| v["customer"]["billingProfile"]["email"] = json!("nope")),
                DecodeError::Invalid(Problem::Field(Field::Email, FieldError::Email)),
            ),
            (
                tampered(|v| v["customer"]["billingProfile"]["companyName"] = json!(" padded")),
                DecodeError::Invalid(Problem::CompanyProfileName),
            ),
            (
                tampered(|v| v["customer"]["billingProfile"]["attributes"]["etag"] = json!("")),
                DecodeError::Invalid(Problem::Stamps),
            ),
            (
                tampered(|v| v["customer"]["billingProfile"]["language"] = json!("fr")),
                DecodeError::Invalid(Problem::Language),
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
    fn a_version_0_record_is_migrated_and_checked() {
        let raw = include_str!("../../../tests/fixtures/v0-record.json");
        let id = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f";
        let customer = decode(id, raw);
        let Ok(customer) = customer else {
            panic!("v0 fixture did not migrate: {customer:?}");
        };
        assert_eq!(customer.id.to_string(), id);
        assert_eq!(customer.company_profile.tenant_id, customer.id);
        assert_eq!(customer.domain(), "yunshan.partner.onmschina.cn");
        assert_eq!(
            customer.company_profile.company_name,
            "北京云杉科技有限公司"
        );
        assert_eq!(customer.company_name(), "北京云杉科技有限公司");
        let billing = &customer.billing_profile;
        assert_eq!(
            (billing.first_name.as_str(), billing.last_name.as_str()),
            ("伟", "张")
        );
        assert_eq!(billing.language, "zh");
        assert_eq!(
            billing.default_address.address_line2, None,
            "empty line 2 means none"
        );
        assert_eq!(
            billing.default_address.phone_number.as_deref(),
            Some("+86 10 5869 6000")
        );
        assert_eq!(billing.default_address.state, "Beijing");
        assert_eq!(customer.etag(), "0f3a9c1e");
        assert_eq!(customer.updated_at, customer.created_at);
        assert_eq!(
            customer.relationship_to_partner,
            crate::model::Relationship::Reseller
        );
        // Once saved again it is a current record.
        let again = encode(&customer).unwrap_or_default();
        assert!(again.starts_with("{\"schemaVersion\":1,"));
        assert_eq!(decode(id, &again), Ok(customer));
    }

    #[test]
    fn a_version_0_record_that_fails_after_migration_is_refused_not_a_panic() {
        let raw = include_str!("../../../tests/fixtures/v0-record.json");
        let id = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f";
        let bad_email = raw.replace("zhang.wei@yunshan.example.cn", "not-an-email");
        assert_eq!(
            decode(id, &bad_email),
            Err(DecodeError::Invalid(Problem::Field(
                Field::Email,
                FieldError::Email
            )))
        );
        let no_contact = raw.replace("\"contact\"", "\"kontakt\"");
        assert!(matches!(
            decode(id, &no_contact),
            Err(DecodeError::Schema(_))
        ));
        let future = raw.replace("\"schemaVersion\":0", "\"schemaVersion\":7");
        assert_eq!(decode(id, &future), Err(DecodeError::UnknownVersion(7)));
    }

    #[test]
    fn the_domain_of_any_value_is_made_out() {
        assert_eq!(
            domain_hint(&encode(&sample()).unwrap_or_default()).as_deref(),
            Some("contoso.partner.onmschina.cn")
        );
        assert_eq!(
            domain_hint(r#"{"schemaVersion":9,"customer":{"companyProfile":{"domain" : "New.Partner.OnMSChina.cn"}"#)
                .as_deref(),
            Some("new.partner.onmschina.cn")
        );
        assert_eq!(
            domain_hint(r#"{"domain":5,"x":{"domain":"b.onmicrosoft.com"}}"#).as_deref(),
            Some("b.onmicrosoft.com")
        );
        assert_eq!(domain_hint("{broken"), None);
        assert_eq!(domain_hint(r#"{"domain":""}"#), None);
    }

    #[test]
    fn meta() {
        assert_eq!(encode_meta(), r#"{"schemaVersion":3}"#);
    }
}
