//! Validated billing details: what the add and edit forms (and an import) hand to a customer.

use crate::model::rules::countries::DEFAULT_COUNTRY;

/// Validated billing details: trimmed, every rule met. Only [`validate_new`] and [`validate_edit`] make one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidDetails {
    pub company_name: String,
    pub country: String,
    pub address_line1: String,
    pub address_line2: Option<String>,
    pub city: String,
    pub state: String,
    pub postal_code: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub culture: String,
    pub organization_registration_number: Option<String>,
}

impl Default for ValidDetails {
    fn default() -> Self {
        ValidDetails {
            company_name: String::new(),
            country: DEFAULT_COUNTRY.into(),
            address_line1: String::new(),
            address_line2: None,
            city: String::new(),
            state: String::new(),
            postal_code: String::new(),
            first_name: String::new(),
            last_name: String::new(),
            email: String::new(),
            phone: None,
            culture: String::new(),
            organization_registration_number: None,
        }
    }
}
