//! A customer, in Partner Center's JSON shape (property names as the REST API uses them), so that exports and imports
//! move between this app and scripts written against the API without translation.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub mod cloud;
mod details;

pub use details::ValidDetails;

use cloud::Cloud;

/// How the partner relates to the customer. Customers added here are resold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relationship {
    None,
    #[default]
    Reseller,
    Advisor,
    Syndication,
    MicrosoftSupport,
}

/// `CustomerCompanyProfile`: fixed at creation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompanyProfile {
    /// The customer's tenant id: equal to the customer's `id` (its Microsoft ID).
    pub tenant_id: Uuid,
    /// `{prefix}{suffix}`, lower case; never changes.
    pub domain: String,
    pub company_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_registration_number: Option<String>,
}

/// `Address`, the billing profile's `defaultAddress`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub state: String,
    pub address_line1: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line2: Option<String>,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
}

/// `attributes` of the billing profile: the etag changes on every write, as the API's does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BillingAttributes {
    pub etag: String,
    #[serde(default = "billing_object_type")]
    pub object_type: String,
}

fn billing_object_type() -> String {
    "CustomerBillingProfile".into()
}

/// `CustomerBillingProfile`: the only part of a customer that can be edited.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BillingProfile {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// e.g. `zh-CN`.
    pub culture: String,
    /// Two letters, derived from the culture.
    pub language: String,
    pub company_name: String,
    pub default_address: Address,
    pub attributes: BillingAttributes,
}

/// The customer's own `attributes`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerAttributes {
    #[serde(default = "customer_object_type")]
    pub object_type: String,
}

fn customer_object_type() -> String {
    "Customer".into()
}

impl Default for CustomerAttributes {
    fn default() -> Self {
        CustomerAttributes {
            object_type: customer_object_type(),
        }
    }
}

/// A customer account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    /// The Microsoft ID (a random UUID v4), also `companyProfile.tenantId`.
    pub id: Uuid,
    pub company_profile: CompanyProfile,
    pub billing_profile: BillingProfile,
    pub relationship_to_partner: Relationship,
    /// When this app created the record (RFC 3339, UTC).
    pub created_at: String,
    /// When this app last wrote the record (RFC 3339, UTC).
    pub updated_at: String,
    #[serde(default)]
    pub attributes: CustomerAttributes,
}

/// What a write needs from outside the model: fresh randomness and the clock, so the model stays pure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteStamp {
    pub etag: String,
    pub now: String,
}

/// The two-letter language of a culture (`zh-CN` → `zh`).
pub fn language_of(culture: &str) -> String {
    culture
        .split('-')
        .next()
        .unwrap_or(culture)
        .to_ascii_lowercase()
}

impl Customer {
    /// A new reseller customer from validated form values. `id` must be a fresh random UUID v4.
    pub fn create(
        id: Uuid,
        cloud: Cloud,
        prefix: &str,
        details: ValidDetails,
        stamp: WriteStamp,
    ) -> Customer {
        let org_number = details.organization_registration_number.clone();
        let mut customer = Customer {
            id,
            company_profile: CompanyProfile {
                tenant_id: id,
                domain: cloud.domain(prefix),
                company_name: String::new(),
                organization_registration_number: org_number,
            },
            billing_profile: BillingProfile {
                first_name: String::new(),
                last_name: String::new(),
                email: String::new(),
                culture: String::new(),
                language: String::new(),
                company_name: String::new(),
                default_address: Address::default(),
                attributes: BillingAttributes {
                    etag: String::new(),
                    object_type: billing_object_type(),
                },
            },
            relationship_to_partner: Relationship::Reseller,
            created_at: stamp.now.clone(),
            updated_at: String::new(),
            attributes: CustomerAttributes::default(),
        };
        customer.apply(details, stamp);
        customer
    }

    /// Writes validated billing details over this customer, with a new etag. The domain and id never change.
    pub fn apply(&mut self, details: ValidDetails, stamp: WriteStamp) {
        let ValidDetails {
            company_name,
            country,
            address_line1,
            address_line2,
            city,
            state,
            postal_code,
            first_name,
            last_name,
            email,
            phone,
            culture,
            organization_registration_number,
        } = details;
        self.company_profile.company_name = company_name.clone();
        if organization_registration_number.is_some() {
            self.company_profile.organization_registration_number =
                organization_registration_number;
        }
        let billing = &mut self.billing_profile;
        billing.company_name = company_name;
        billing.first_name = first_name;
        billing.last_name = last_name;
        billing.email = email;
        billing.language = language_of(&culture);
        billing.culture = culture;
        let region = billing.default_address.region.take();
        billing.default_address = Address {
            country,
            region,
            city,
            state,
            address_line1,
            address_line2,
            postal_code,
            phone_number: phone,
        };
        billing.attributes.etag = stamp.etag;
        self.updated_at = stamp.now;
    }

    pub fn company_name(&self) -> &str {
        &self.billing_profile.company_name
    }

    pub fn domain(&self) -> &str {
        &self.company_profile.domain
    }

    pub fn country(&self) -> &str {
        &self.billing_profile.default_address.country
    }

    pub fn etag(&self) -> &str {
        &self.billing_profile.attributes.etag
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::form::tests::valid_details;

    fn stamp(etag: &str, now: &str) -> WriteStamp {
        WriteStamp {
            etag: etag.into(),
            now: now.into(),
        }
    }

    #[test]
    fn create_fills_partner_center_shape() {
        let id = Uuid::from_u128(0x1234);
        let c = Customer::create(
            id,
            Cloud::default(),
            "Contoso",
            valid_details(),
            stamp("e1", "2026-01-01T00:00:00Z"),
        );
        assert_eq!(c.company_profile.tenant_id, id);
        assert_eq!(c.domain(), "contoso.partner.onmschina.cn");
        assert_eq!(c.relationship_to_partner, Relationship::Reseller);
        assert_eq!(c.billing_profile.language, "zh");
        assert_eq!(c.etag(), "e1");
        assert_eq!(c.created_at, c.updated_at);

        let json = serde_json::to_value(&c).unwrap_or_default();
        assert_eq!(json["companyProfile"]["tenantId"], json["id"]);
        assert_eq!(json["relationshipToPartner"], "reseller");
        assert_eq!(
            json["billingProfile"]["defaultAddress"]["addressLine1"],
            "No. 1 Zhongguancun East Road"
        );
        assert_eq!(json["billingProfile"]["attributes"]["etag"], "e1");
        assert_eq!(
            json["billingProfile"]["attributes"]["objectType"],
            "CustomerBillingProfile"
        );
        assert!(json["billingProfile"]["defaultAddress"]
            .get("addressLine2")
            .is_none());
    }

    #[test]
    fn apply_changes_etag_and_time_but_not_identity() {
        let id = Uuid::from_u128(7);
        let mut c = Customer::create(
            id,
            Cloud::Global,
            "fabrikam",
            valid_details(),
            stamp("e1", "t1"),
        );
        let mut details = valid_details();
        details.company_name = "Fabrikam Ltd".into();
        details.city = "Shenzhen".into();
        c.apply(details, stamp("e2", "t2"));
        assert_eq!((c.id, c.domain()), (id, "fabrikam.onmicrosoft.com"));
        assert_eq!(c.company_name(), "Fabrikam Ltd");
        assert_eq!(c.company_profile.company_name, "Fabrikam Ltd");
        assert_eq!(c.billing_profile.default_address.city, "Shenzhen");
        assert_eq!(
            (c.etag(), c.created_at.as_str(), c.updated_at.as_str()),
            ("e2", "t1", "t2")
        );
    }

    #[test]
    fn language_is_the_first_part_of_the_culture() {
        assert_eq!(language_of("zh-CN"), "zh");
        assert_eq!(language_of("en"), "en");
    }
}
