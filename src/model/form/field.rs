//! The form's fields, and what can be wrong with one.

use crate::model::list::sorting::insertion_sort_by;

/// A field of the customer form, in the order the form shows them (so the first error is the first field).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    CompanyName,
    DomainPrefix,
    Country,
    AddressLine1,
    AddressLine2,
    City,
    State,
    PostalCode,
    FirstName,
    LastName,
    Email,
    Phone,
    Language,
    OrganizationRegistrationNumber,
}

impl Field {
    /// Every field, in form order.
    pub const ALL: [Field; 14] = [
        Field::CompanyName,
        Field::DomainPrefix,
        Field::Country,
        Field::AddressLine1,
        Field::AddressLine2,
        Field::City,
        Field::State,
        Field::PostalCode,
        Field::FirstName,
        Field::LastName,
        Field::Email,
        Field::Phone,
        Field::Language,
        Field::OrganizationRegistrationNumber,
    ];

    /// A stable name for element ids and test hooks.
    pub fn key(self) -> &'static str {
        match self {
            Field::CompanyName => "company-name",
            Field::DomainPrefix => "domain-prefix",
            Field::Country => "country",
            Field::AddressLine1 => "address-line1",
            Field::AddressLine2 => "address-line2",
            Field::City => "city",
            Field::State => "state",
            Field::PostalCode => "postal-code",
            Field::FirstName => "first-name",
            Field::LastName => "last-name",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::Language => "language",
            Field::OrganizationRegistrationNumber => "org-number",
        }
    }
}

/// Why a field's value was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldError {
    Required,
    TooLong {
        max: usize,
    },
    /// Control characters (line breaks, tabs…) have no place in an account field.
    ControlCharacters,
    /// Not 1–27 letters or digits.
    DomainPrefixShape,
    DomainTaken {
        domain: String,
    },
    Email,
    UnknownCountry,
    /// Not one of the country's states or provinces.
    UnknownState,
    /// Postal code of the wrong shape; `example` shows a right one.
    PostalCode {
        example: Option<String>,
    },
    Phone,
    /// A culture the country does not offer.
    Language,
}

impl FieldError {
    /// The kind of refusal, for diagnostics of stored records: without the values a variant holds (and without
    /// `Debug`, whose escaping of text would bring Unicode tables into the wasm).
    pub fn kind(&self) -> &'static str {
        match self {
            FieldError::Required => "Required",
            FieldError::TooLong { .. } => "TooLong",
            FieldError::ControlCharacters => "ControlCharacters",
            FieldError::DomainPrefixShape => "DomainPrefixShape",
            FieldError::DomainTaken { .. } => "DomainTaken",
            FieldError::Email => "Email",
            FieldError::UnknownCountry => "UnknownCountry",
            FieldError::UnknownState => "UnknownState",
            FieldError::PostalCode { .. } => "PostalCode",
            FieldError::Phone => "Phone",
            FieldError::Language => "Language",
        }
    }
}

/// Every problem found, at most one per field, in form order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<(Field, FieldError)>);

impl FieldErrors {
    pub(super) fn add(&mut self, field: Field, error: FieldError) {
        if self.get(field).is_none() {
            self.0.push((field, error));
            insertion_sort_by(&mut self.0, |(a, _), (b, _)| a < b);
        }
    }

    pub fn get(&self, field: Field) -> Option<&FieldError> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, e)| e)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn first(&self) -> Option<Field> {
        self.0.first().map(|(f, _)| *f)
    }

    pub fn iter(&self) -> impl Iterator<Item = &(Field, FieldError)> {
        self.0.iter()
    }
}
