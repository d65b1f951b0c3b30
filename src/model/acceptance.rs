//! One set of rules for a whole customer record, wherever it comes from: the form, an import, the demo data or a
//! stored record. Storage and import both call [`problems`]; `messages` turns what it finds into text.

use std::fmt;

use crate::model::customer::cloud::split_domain;
use crate::model::customer::Customer;
use crate::model::form::{check_stored, check_text, Field, FieldError, Fields};
use crate::model::rules::requires_phone_and_org_number;

/// Longest etag or timestamp accepted.
pub const MAX_STAMP: usize = 64;
/// Longest `address.region` accepted (Partner Center's API field; the form does not ask for it).
pub const MAX_REGION: usize = 100;

/// Why a customer record is not acceptable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A value the form would refuse, in the form's field.
    Field(Field, FieldError),
    /// `companyProfile.tenantId` differs from the id.
    TenantId,
    /// A domain none of the clouds could have made.
    Domain,
    /// `language` does not follow from `culture`.
    Language,
    /// An empty, overlong or control-character etag or timestamp.
    Stamps,
    /// A value the form would have trimmed, stored untrimmed.
    Untrimmed(Field),
    /// An organization registration number for a country that does not ask for one.
    OrgNumberNotAsked,
    /// `address.region` breaks the text rules.
    Region(FieldError),
    /// `companyProfile.companyName` differs from the billing profile's.
    CompanyProfileName,
}

impl fmt::Display for Problem {
    // Technical wording, for diagnostics of stored records; the interface's words come from `messages`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Field(field, error) => {
                write!(f, "{} fails the rules ({})", field.key(), error.kind())
            }
            Problem::TenantId => f.write_str("tenantId differs from id"),
            Problem::Domain => f.write_str("domain"),
            Problem::Language => f.write_str("language does not match culture"),
            Problem::Stamps => f.write_str("etag or timestamps"),
            Problem::Untrimmed(field) => write!(f, "untrimmed {}", field.key()),
            Problem::OrgNumberNotAsked => {
                f.write_str("organizationRegistrationNumber where none is asked for")
            }
            Problem::Region(error) => write!(f, "region ({})", error.kind()),
            Problem::CompanyProfileName => f.write_str("companyProfile.companyName"),
        }
    }
}

/// An organization registration number where the customer's country asks for none: the form never offers the
/// field there, so no other entry may bring one in.
pub fn org_number_not_asked(customer: &Customer) -> bool {
    customer
        .company_profile
        .organization_registration_number
        .is_some()
        && !requires_phone_and_org_number(&customer.billing_profile.default_address.country)
}

/// Everything wrong with a customer record as it would be stored; empty when it is acceptable.
pub fn problems(customer: &Customer) -> Vec<Problem> {
    let mut found = Vec::new();
    if customer.company_profile.tenant_id != customer.id {
        found.push(Problem::TenantId);
    }
    if split_domain(customer.domain()).is_none() {
        found.push(Problem::Domain);
    }
    let billing = &customer.billing_profile;
    // The language is the culture's first part, lower case (`language_of`, without allocating on every load).
    let first_part = billing.culture.split('-').next().unwrap_or("");
    if !billing.language.eq_ignore_ascii_case(first_part)
        || billing.language.bytes().any(|b| b.is_ascii_uppercase())
    {
        found.push(Problem::Language);
    }
    let stamp_ok =
        |s: &str| !s.is_empty() && s.len() <= MAX_STAMP && !s.chars().any(char::is_control);
    if !stamp_ok(customer.etag())
        || !stamp_ok(&customer.created_at)
        || !stamp_ok(&customer.updated_at)
    {
        found.push(Problem::Stamps);
    }
    if org_number_not_asked(customer) {
        found.push(Problem::OrgNumberNotAsked);
    }
    if let Some(region) = &billing.default_address.region {
        if let Err(error) = check_text(region, true, MAX_REGION) {
            found.push(Problem::Region(error));
        } else if region.trim() != region {
            found.push(Problem::Region(FieldError::ControlCharacters));
        }
    }
    if customer.company_profile.company_name != billing.company_name {
        found.push(Problem::CompanyProfileName);
    }
    // The editable part passes the form's rules, and is stored as the form stores it (trimmed). Checked in place:
    // this runs for every stored customer on every load.
    match check_stored(customer) {
        Err(errors) => found.extend(
            errors
                .iter()
                .map(|(field, error)| Problem::Field(*field, error.clone())),
        ),
        Ok(kept) => {
            // Only the values the form rewrites (trims) can differ from the stored ones.
            for field in Field::ALL {
                let kept = match field {
                    Field::CompanyName => kept.company_name,
                    Field::AddressLine1 => kept.address_line1,
                    Field::AddressLine2 => kept.address_line2.unwrap_or(""),
                    Field::City => kept.city,
                    Field::State => kept.state,
                    Field::PostalCode => kept.postal_code,
                    Field::FirstName => kept.first_name,
                    Field::LastName => kept.last_name,
                    Field::Email => kept.email,
                    Field::Phone => kept.phone.unwrap_or(""),
                    Field::OrganizationRegistrationNumber => {
                        match kept.organization_registration_number {
                            Some(number) => number,
                            None => continue,
                        }
                    }
                    Field::DomainPrefix | Field::Country | Field::Language => continue,
                };
                if Fields::field(customer, field) != kept {
                    found.push(Problem::Untrimmed(field));
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::form::tests::valid_details;
    use crate::model::{Cloud, WriteStamp};
    use uuid::Uuid;

    fn sample() -> Customer {
        Customer::create(
            Uuid::from_u128(42),
            Cloud::default(),
            "contoso",
            valid_details(),
            WriteStamp {
                etag: "etag-1".into(),
                now: "2026-11-24T10:00:00.000Z".into(),
            },
        )
    }

    #[test]
    fn a_customer_made_by_the_form_is_acceptable() {
        assert_eq!(problems(&sample()), vec![]);
        let mut longest = sample();
        longest.billing_profile.attributes.etag = "e".repeat(MAX_STAMP);
        longest.billing_profile.default_address.region = Some("r".repeat(MAX_REGION));
        assert_eq!(problems(&longest), vec![]);
    }

    /// A change to a good record, and the one problem it must cause.
    type Case = (Box<dyn Fn(&mut Customer)>, Problem);

    #[test]
    fn each_rule_is_reported() {
        let cases: Vec<Case> = vec![
            (
                Box::new(|c| c.company_profile.tenant_id = Uuid::from_u128(1)),
                Problem::TenantId,
            ),
            (
                Box::new(|c| c.company_profile.domain = "evil.example.com".into()),
                Problem::Domain,
            ),
            (
                Box::new(|c| c.billing_profile.language = "fr".into()),
                Problem::Language,
            ),
            (
                Box::new(|c| c.billing_profile.attributes.etag = String::new()),
                Problem::Stamps,
            ),
            (
                Box::new(|c| c.billing_profile.attributes.etag = "e".repeat(MAX_STAMP + 1)),
                Problem::Stamps,
            ),
            (
                Box::new(|c| c.created_at = "2026\n".into()),
                Problem::Stamps,
            ),
            (Box::new(|c| c.updated_at = String::new()), Problem::Stamps),
            (
                Box::new(|c| {
                    c.company_profile.organization_registration_number = Some("12\u{7}3".into())
                }),
                Problem::OrgNumberNotAsked,
            ),
            (
                Box::new(|c| {
                    c.billing_profile.default_address.region = Some("r".repeat(1_000_000))
                }),
                Problem::Region(FieldError::TooLong { max: MAX_REGION }),
            ),
            (
                Box::new(|c| c.billing_profile.default_address.region = Some("a\nb".into())),
                Problem::Region(FieldError::ControlCharacters),
            ),
            (
                Box::new(|c| c.billing_profile.default_address.region = Some("\u{200b}".into())),
                Problem::Region(FieldError::Required),
            ),
            (
                Box::new(|c| c.company_profile.company_name = "Other".into()),
                Problem::CompanyProfileName,
            ),
            (
                Box::new(|c| c.billing_profile.email = "nope".into()),
                Problem::Field(Field::Email, FieldError::Email),
            ),
            (
                Box::new(|c| c.billing_profile.first_name = "\u{200b}\u{200d}".into()),
                Problem::Field(Field::FirstName, FieldError::Required),
            ),
            (
                Box::new(|c| c.billing_profile.last_name = " Wei".into()),
                Problem::Untrimmed(Field::LastName),
            ),
        ];
        for (tamper, expected) in cases {
            let mut customer = sample();
            tamper(&mut customer);
            assert_eq!(problems(&customer), vec![expected]);
        }
    }

    #[test]
    fn problems_read_as_what_they_are_about() {
        // Shown with each unreadable record in its download.
        assert_eq!(Problem::TenantId.to_string(), "tenantId differs from id");
        assert_eq!(
            Problem::Field(Field::Email, FieldError::Email).to_string(),
            "email fails the rules (Email)"
        );
        assert_eq!(
            Problem::Untrimmed(Field::City).to_string(),
            "untrimmed city"
        );
    }

    #[test]
    fn a_number_where_it_is_asked_for_follows_the_form_rules() {
        let mut customer = sample();
        customer.billing_profile.default_address.country = "RU".into();
        customer.billing_profile.default_address.state = String::new();
        customer.billing_profile.default_address.postal_code = "125009".into();
        customer.billing_profile.culture = "ru-RU".into();
        customer.billing_profile.language = "ru".into();
        customer.billing_profile.default_address.phone_number = Some("+7 495 123-45-67".into());
        customer.company_profile.organization_registration_number = Some("1027700132195".into());
        assert_eq!(problems(&customer), vec![]);
        customer.company_profile.organization_registration_number = Some("10277\u{1}00".into());
        assert_eq!(
            problems(&customer),
            vec![Problem::Field(
                Field::OrganizationRegistrationNumber,
                FieldError::ControlCharacters
            )]
        );
    }
}
