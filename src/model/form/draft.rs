//! What the form holds: the values as typed, where a form's values come from, and the longest each may be.
use crate::model::rules::{rules_for, StateRule};

use super::field::Field;
use crate::model::customer::Customer;

/// What the person typed, untrimmed: the form's state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomerDraft {
    pub company_name: String,
    pub domain_prefix: String,
    pub country: String,
    pub address_line1: String,
    pub address_line2: String,
    pub city: String,
    pub state: String,
    pub postal_code: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub culture: String,
    pub organization_registration_number: String,
}

/// Where the form's field values come from: what a person typed, or a stored customer (checked without copying).
pub trait Fields {
    fn field(&self, field: Field) -> &str;
}

impl Fields for CustomerDraft {
    fn field(&self, field: Field) -> &str {
        CustomerDraft::field(self, field)
    }
}

/// A stored customer's values, as the edit form shows them (absent optional values are empty; no domain prefix).
impl Fields for Customer {
    fn field(&self, field: Field) -> &str {
        let billing = &self.billing_profile;
        let address = &billing.default_address;
        match field {
            Field::CompanyName => &billing.company_name,
            Field::DomainPrefix => "",
            Field::Country => &address.country,
            Field::AddressLine1 => &address.address_line1,
            Field::AddressLine2 => address.address_line2.as_deref().unwrap_or(""),
            Field::City => &address.city,
            Field::State => &address.state,
            Field::PostalCode => &address.postal_code,
            Field::FirstName => &billing.first_name,
            Field::LastName => &billing.last_name,
            Field::Email => &billing.email,
            Field::Phone => address.phone_number.as_deref().unwrap_or(""),
            Field::Language => &billing.culture,
            Field::OrganizationRegistrationNumber => self
                .company_profile
                .organization_registration_number
                .as_deref()
                .unwrap_or(""),
        }
    }
}

pub const MAX_COMPANY_NAME: usize = 255;

pub const MAX_PERSON_NAME: usize = 50;

pub const MAX_ADDRESS_LINE: usize = 200;

pub const MAX_CITY: usize = 100;

pub const MAX_STATE: usize = 100;

pub const MAX_POSTAL_CODE: usize = 20;

pub const MAX_EMAIL: usize = 254;

pub const MAX_PHONE: usize = 30;

pub const MAX_ORG_NUMBER: usize = 50;

impl CustomerDraft {
    /// An empty form for a country, with its default language.
    pub fn new_in(country: &str) -> CustomerDraft {
        let mut draft = CustomerDraft::default();
        draft.set_country(country);
        draft
    }

    /// The text of one field, so a view can bind any field by its [`Field`].
    pub fn field(&self, field: Field) -> &str {
        match field {
            Field::CompanyName => &self.company_name,
            Field::DomainPrefix => &self.domain_prefix,
            Field::Country => &self.country,
            Field::AddressLine1 => &self.address_line1,
            Field::AddressLine2 => &self.address_line2,
            Field::City => &self.city,
            Field::State => &self.state,
            Field::PostalCode => &self.postal_code,
            Field::FirstName => &self.first_name,
            Field::LastName => &self.last_name,
            Field::Email => &self.email,
            Field::Phone => &self.phone,
            Field::Language => &self.culture,
            Field::OrganizationRegistrationNumber => &self.organization_registration_number,
        }
    }

    /// Sets one field as typed. The country goes through [`CustomerDraft::set_country`] so dependent fields follow.
    pub fn set_field(&mut self, field: Field, value: String) {
        if field == Field::Country {
            return self.set_country(&value);
        }
        *self.slot(field) = value;
    }

    /// The edit form for a stored customer.
    pub fn from_customer(customer: &Customer) -> CustomerDraft {
        let text = |field| Fields::field(customer, field).to_string();
        let mut draft = CustomerDraft::default();
        for field in Field::ALL {
            *draft.slot(field) = text(field);
        }
        draft
    }

    /// The value of one field, to write (the country without its dependent fields: see `set_field`).
    fn slot(&mut self, field: Field) -> &mut String {
        match field {
            Field::CompanyName => &mut self.company_name,
            Field::DomainPrefix => &mut self.domain_prefix,
            Field::Country => &mut self.country,
            Field::AddressLine1 => &mut self.address_line1,
            Field::AddressLine2 => &mut self.address_line2,
            Field::City => &mut self.city,
            Field::State => &mut self.state,
            Field::PostalCode => &mut self.postal_code,
            Field::FirstName => &mut self.first_name,
            Field::LastName => &mut self.last_name,
            Field::Email => &mut self.email,
            Field::Phone => &mut self.phone,
            Field::Language => &mut self.culture,
            Field::OrganizationRegistrationNumber => &mut self.organization_registration_number,
        }
    }

    /// Changes the country, keeping what still fits: a state from another country's list and a language the new
    /// country does not offer are reset, free text is kept.
    pub fn set_country(&mut self, country: &str) {
        let old = rules_for(&self.country);
        let new = rules_for(country);
        self.country = country.to_string();
        let state_fits = match new.state {
            StateRule::OneOf(list) => list.contains(&self.state.trim()),
            _ => old.state_list().is_none(),
        };
        if !state_fits {
            self.state.clear();
        }
        if !new.cultures.contains(&self.culture.as_str()) {
            self.culture = new.default_culture().to_string();
        }
    }
}
