//! Validation: a new customer's domain prefix and the billing details, each field checked by its rules.

use crate::model::customer::cloud::{is_valid_prefix, Cloud};
use crate::model::customer::Customer;
use crate::model::customer::ValidDetails;
use crate::model::rules::countries::country_by_code;
use crate::model::rules::{requires_phone_and_org_number, rules_for, StateRule};

use super::contact::{is_valid_email, is_valid_phone};
use super::draft::*;
use super::field::{Field, FieldError, FieldErrors};
use super::text::text;

/// The values [`ValidDetails`] is made of, borrowed: trimmed, every rule met.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ValidRefs<'a> {
    pub company_name: &'a str,
    pub country: &'a str,
    pub address_line1: &'a str,
    pub address_line2: Option<&'a str>,
    pub city: &'a str,
    pub state: &'a str,
    pub postal_code: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub email: &'a str,
    pub phone: Option<&'a str>,
    pub culture: &'a str,
    pub organization_registration_number: Option<&'a str>,
}

impl ValidRefs<'_> {
    fn to_details(self) -> ValidDetails {
        let own = |s: &str| s.to_string();
        ValidDetails {
            company_name: own(self.company_name),
            country: own(self.country),
            address_line1: own(self.address_line1),
            address_line2: self.address_line2.map(own),
            city: own(self.city),
            state: own(self.state),
            postal_code: own(self.postal_code),
            first_name: own(self.first_name),
            last_name: own(self.last_name),
            email: own(self.email),
            phone: self.phone.map(own),
            culture: own(self.culture),
            organization_registration_number: self.organization_registration_number.map(own),
        }
    }
}

/// Checks a stored customer's billing details by the edit form's rules, without copying them.
pub fn check_stored(customer: &Customer) -> Result<ValidRefs<'_>, FieldErrors> {
    let mut errors = FieldErrors::default();
    check_details(customer, &mut errors).ok_or(errors)
}

/// Checks a domain prefix for a new customer: shape, then availability. Returns it lower-cased.
pub fn check_domain_prefix(
    raw: &str,
    cloud: Cloud,
    is_taken: impl Fn(&str) -> bool,
) -> Result<String, FieldError> {
    let prefix = raw.trim();
    if prefix.is_empty() {
        return Err(FieldError::Required);
    }
    if !is_valid_prefix(prefix) {
        return Err(FieldError::DomainPrefixShape);
    }
    let domain = cloud.domain(prefix);
    if is_taken(&domain) {
        return Err(FieldError::DomainTaken { domain });
    }
    Ok(prefix.to_ascii_lowercase())
}

/// Validates the add form. `is_taken` answers whether a full domain is already some customer's.
pub fn validate_new(
    draft: &CustomerDraft,
    cloud: Cloud,
    is_taken: impl Fn(&str) -> bool,
) -> Result<(String, ValidDetails), FieldErrors> {
    let mut errors = FieldErrors::default();
    let prefix = check_domain_prefix(&draft.domain_prefix, cloud, is_taken)
        .map_err(|e| errors.add(Field::DomainPrefix, e))
        .ok();
    // Each part is Some only when it had no problem.
    match (prefix, check_details(draft, &mut errors)) {
        (Some(prefix), Some(details)) => Ok((prefix, details.to_details())),
        _ => Err(errors),
    }
}

/// Validates the edit form (the domain cannot change, so it is not part of it).
pub fn validate_edit(draft: &CustomerDraft) -> Result<ValidDetails, FieldErrors> {
    let mut errors = FieldErrors::default();
    check_details(draft, &mut errors)
        .map(ValidRefs::to_details)
        .ok_or(errors)
}

fn check_details<'a>(draft: &'a dyn Fields, errors: &mut FieldErrors) -> Option<ValidRefs<'a>> {
    use Field::*;
    let company_name = text(
        errors,
        CompanyName,
        draft.field(CompanyName),
        true,
        MAX_COMPANY_NAME,
    );

    let country = draft.field(Country).trim();
    if country_by_code(country).is_none() {
        errors.add(
            Country,
            if country.is_empty() {
                FieldError::Required
            } else {
                FieldError::UnknownCountry
            },
        );
    }
    let rules = rules_for(country);
    let strict = requires_phone_and_org_number(country);

    let address_line1 = text(
        errors,
        AddressLine1,
        draft.field(AddressLine1),
        true,
        MAX_ADDRESS_LINE,
    );
    let address_line2 = text(
        errors,
        AddressLine2,
        draft.field(AddressLine2),
        false,
        MAX_ADDRESS_LINE,
    );
    let city = text(
        errors,
        City,
        draft.field(City),
        rules.city_required,
        MAX_CITY,
    );

    let state = text(
        errors,
        State,
        draft.field(State),
        rules.state != StateRule::Optional,
        MAX_STATE,
    );
    if let (Some(state), StateRule::OneOf(list)) = (&state, rules.state) {
        if !state.is_empty() && !list.contains(state) {
            errors.add(State, FieldError::UnknownState);
        }
    }

    let postal_code = text(
        errors,
        PostalCode,
        draft.field(PostalCode),
        rules.postal.required,
        MAX_POSTAL_CODE,
    );
    if let Some(code) = &postal_code {
        if !code.is_empty() && !rules.postal.accepts(code) {
            errors.add(
                PostalCode,
                FieldError::PostalCode {
                    example: rules.postal.example(),
                },
            );
        }
    }

    let first_name = text(
        errors,
        FirstName,
        draft.field(FirstName),
        true,
        MAX_PERSON_NAME,
    );
    let last_name = text(
        errors,
        LastName,
        draft.field(LastName),
        true,
        MAX_PERSON_NAME,
    );

    let email = text(errors, Email, draft.field(Email), true, MAX_EMAIL);
    if let Some(email) = &email {
        if !email.is_empty() && !is_valid_email(email) {
            errors.add(Email, FieldError::Email);
        }
    }

    let phone = text(errors, Phone, draft.field(Phone), strict, MAX_PHONE);
    if let Some(phone) = &phone {
        if !phone.is_empty() && !is_valid_phone(phone) {
            errors.add(Phone, FieldError::Phone);
        }
    }

    let culture = draft.field(Language).trim();
    if culture.is_empty() {
        errors.add(Language, FieldError::Required);
    } else if !rules.cultures.contains(&culture) {
        errors.add(Language, FieldError::Language);
    }

    // The number is asked for only where it is required; a value left from another country is not kept.
    let org_number = if strict {
        text(
            errors,
            OrganizationRegistrationNumber,
            draft.field(OrganizationRegistrationNumber),
            true,
            MAX_ORG_NUMBER,
        )
    } else {
        Some("")
    };

    if !errors.is_empty() {
        return None;
    }
    let non_empty = |s: Option<&'a str>| s.filter(|s| !s.is_empty());
    Some(ValidRefs {
        company_name: company_name?,
        country,
        address_line1: address_line1?,
        address_line2: non_empty(address_line2),
        city: city?,
        state: state?,
        postal_code: postal_code?,
        first_name: first_name?,
        last_name: last_name?,
        email: email?,
        phone: non_empty(phone),
        culture,
        organization_registration_number: non_empty(org_number),
    })
}
