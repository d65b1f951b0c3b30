//! Form values and the rules they must meet before anything is stored: one message per field, never a panic.

use super::cloud::{is_valid_prefix, Cloud};
use super::countries::{country_by_code, DEFAULT_COUNTRY};
use super::customer::Customer;
use super::rules::{requires_phone_and_org_number, rules_for, StateRule};
use super::sorting::insertion_sort_by;

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
    fn add(&mut self, field: Field, error: FieldError) {
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

/// Whether a character shows nothing by itself: white space (Zs and the like), control characters (Cc) and format
/// characters (Cf: zero-width spaces and joiners, direction marks, soft hyphens, tags…). A required text made only
/// of these counts as empty: it would give an invisible name and a link nobody can click.
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFFB}'
                | '\u{0600}'..='\u{0605}'
                | '\u{06DD}'
                | '\u{070F}'
                | '\u{08E2}'
                | '\u{110BD}'
                | '\u{110CD}'
                | '\u{13430}'..='\u{1343F}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// Checks one trimmed text value: required or not, a maximum length in characters, no control characters; text made
/// only of invisible characters counts as empty.
pub fn check_text(value: &str, required: bool, max: usize) -> Result<(), FieldError> {
    // One pass (ASCII, the common case, by bytes): this runs for every field of every stored customer on each load.
    let (count, visible, control) = if value.is_ascii() {
        let bytes = value.as_bytes();
        (
            bytes.len(),
            bytes
                .iter()
                .any(|b| !b.is_ascii_whitespace() && !b.is_ascii_control()),
            bytes.iter().any(u8::is_ascii_control),
        )
    } else {
        value
            .chars()
            .fold((0, false, false), |(count, visible, control), c| {
                (
                    count + 1,
                    visible || !is_invisible(c),
                    control || c.is_control(),
                )
            })
    };
    if !visible {
        return if required {
            Err(FieldError::Required)
        } else {
            Ok(())
        };
    }
    if count > max {
        Err(FieldError::TooLong { max })
    } else if control {
        Err(FieldError::ControlCharacters)
    } else {
        Ok(())
    }
}

/// Whether a text shows nothing at all (see [`is_invisible`]).
fn all_invisible(value: &str) -> bool {
    if value.is_ascii() {
        value
            .bytes()
            .all(|b| b.is_ascii_whitespace() || b.is_ascii_control())
    } else {
        value.chars().all(is_invisible)
    }
}

/// Trims and checks one text value (see [`check_text`]).
fn text<'a>(
    errors: &mut FieldErrors,
    field: Field,
    raw: &'a str,
    required: bool,
    max: usize,
) -> Option<&'a str> {
    let mut value = raw.trim();
    if all_invisible(value) {
        // Nothing visible is nothing: an optional field keeps no zero-width characters either.
        value = "";
    }
    match check_text(value, required, max) {
        Err(error) => {
            errors.add(field, error);
            None
        }
        Ok(()) => Some(value),
    }
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

/// A pragmatic check of an address's shape: `local@domain.tld`, no spaces, labels of letters, digits and hyphens.
pub fn is_valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.chars().count() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let domain_ok = domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label.chars().count() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && domain
            .rsplit('.')
            .next()
            .is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic));
    local_ok && domain_ok
}

/// A phone number: an optional leading `+`, then 6–15 digits, which may be grouped by spaces, hyphens, dots or
/// parentheses.
pub fn is_valid_phone(phone: &str) -> bool {
    let body = phone.strip_prefix('+').unwrap_or(phone);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    (6..=15).contains(&digits)
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || " -.()".contains(c))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A complete, valid Chinese customer's form.
    pub(crate) fn china_draft() -> CustomerDraft {
        CustomerDraft {
            company_name: "Contoso 北京".into(),
            domain_prefix: "Contoso".into(),
            country: "CN".into(),
            address_line1: "No. 1 Zhongguancun East Road".into(),
            address_line2: String::new(),
            city: "Beijing".into(),
            state: "Beijing".into(),
            postal_code: "100080".into(),
            first_name: "Li".into(),
            last_name: "Wei".into(),
            email: "li.wei@contoso.cn".into(),
            phone: String::new(),
            culture: "zh-CN".into(),
            organization_registration_number: String::new(),
        }
    }

    pub(crate) fn valid_details() -> ValidDetails {
        match validate_edit(&china_draft()) {
            Ok(details) => details,
            Err(errors) => panic!("fixture invalid: {errors:?}"),
        }
    }

    fn none_taken(_: &str) -> bool {
        false
    }

    /// The errors of a draft that must be refused; a draft that passes fails the test.
    fn errors_of(draft: &CustomerDraft) -> FieldErrors {
        match validate_new(draft, Cloud::default(), none_taken) {
            Ok(valid) => panic!("expected problems, but it passed: {valid:?}"),
            Err(errors) => errors,
        }
    }

    /// The details of a draft that must pass; a refusal fails the test with its problems.
    fn edit_ok(draft: &CustomerDraft) -> ValidDetails {
        match validate_edit(draft) {
            Ok(details) => details,
            Err(errors) => panic!("expected a valid draft: {errors:?}"),
        }
    }

    #[test]
    fn a_complete_chinese_customer_passes_trimmed() {
        let mut draft = china_draft();
        draft.company_name = "  Contoso 北京\u{3000}".into();
        draft.domain_prefix = " Contoso ".into();
        let (prefix, details) = match validate_new(&draft, Cloud::default(), none_taken) {
            Ok(valid) => valid,
            Err(errors) => panic!("expected a valid draft: {errors:?}"),
        };
        assert_eq!(prefix, "contoso");
        assert_eq!(details.company_name, "Contoso 北京");
        assert_eq!(details.address_line2, None);
        assert_eq!(details.phone, None);
        assert_eq!(details.organization_registration_number, None);
    }

    #[test]
    fn characters_are_kept_as_typed() {
        let mut draft = china_draft();
        draft.first_name = "Zoë".into();
        draft.last_name = "O'Brien-Núñez".into();
        draft.company_name = "Ünïcode & Söhne 株式会社".into();
        let details = edit_ok(&draft);
        assert_eq!(details.first_name, "Zoë");
        assert_eq!(details.last_name, "O'Brien-Núñez");
        assert_eq!(details.company_name, "Ünïcode & Söhne 株式会社");
    }

    #[test]
    fn empty_form_reports_each_required_field_once_in_order() {
        let errors = errors_of(&CustomerDraft::new_in("CN"));
        let fields: Vec<Field> = errors.iter().map(|(f, _)| *f).collect();
        use Field::*;
        assert_eq!(
            fields,
            [
                CompanyName,
                DomainPrefix,
                AddressLine1,
                City,
                State,
                PostalCode,
                FirstName,
                LastName,
                Email
            ]
        );
        assert!(errors.iter().all(|(_, e)| *e == FieldError::Required));
        assert_eq!(errors.first(), Some(CompanyName));
    }

    #[test]
    fn lengths() {
        let mut draft = china_draft();
        draft.company_name = "x".repeat(256);
        draft.first_name = "名".repeat(51);
        draft.address_line1 = "a".repeat(201);
        draft.address_line2 = "a".repeat(201);
        let errors = errors_of(&draft);
        assert_eq!(
            errors.get(Field::CompanyName),
            Some(&FieldError::TooLong { max: 255 })
        );
        assert_eq!(
            errors.get(Field::FirstName),
            Some(&FieldError::TooLong { max: 50 })
        );
        assert_eq!(
            errors.get(Field::AddressLine1),
            Some(&FieldError::TooLong { max: 200 })
        );
        assert_eq!(
            errors.get(Field::AddressLine2),
            Some(&FieldError::TooLong { max: 200 })
        );
        draft.company_name = "x".repeat(255);
        draft.first_name = "名".repeat(50);
        assert!(errors_of(&draft).get(Field::CompanyName).is_none());
        assert!(errors_of(&draft).get(Field::FirstName).is_none());
    }

    #[test]
    fn control_characters_are_refused() {
        let mut draft = china_draft();
        draft.company_name = "Contoso\nInc".into();
        assert_eq!(
            errors_of(&draft).get(Field::CompanyName),
            Some(&FieldError::ControlCharacters)
        );
    }

    #[test]
    fn domain_prefix_shape_and_availability() {
        let taken = |d: &str| d == "contoso.partner.onmschina.cn";
        assert_eq!(
            check_domain_prefix("CONTOSO", Cloud::default(), taken),
            Err(FieldError::DomainTaken {
                domain: "contoso.partner.onmschina.cn".into()
            })
        );
        assert_eq!(
            check_domain_prefix("contoso", Cloud::Global, taken),
            Ok("contoso".into())
        );
        assert_eq!(
            check_domain_prefix("con-toso", Cloud::default(), taken),
            Err(FieldError::DomainPrefixShape)
        );
        assert_eq!(
            check_domain_prefix(&"a".repeat(28), Cloud::default(), taken),
            Err(FieldError::DomainPrefixShape)
        );
        assert_eq!(
            check_domain_prefix("  ", Cloud::default(), taken),
            Err(FieldError::Required)
        );
    }

    #[test]
    fn china_rules() {
        let mut draft = china_draft();
        draft.state = "California".into();
        draft.postal_code = "10008".into();
        draft.culture = "fr-FR".into();
        let errors = errors_of(&draft);
        assert_eq!(errors.get(Field::State), Some(&FieldError::UnknownState));
        assert_eq!(
            errors.get(Field::PostalCode),
            Some(&FieldError::PostalCode {
                example: Some("100080".into())
            })
        );
        assert_eq!(errors.get(Field::Language), Some(&FieldError::Language));
    }

    fn us_draft() -> CustomerDraft {
        let mut draft = china_draft();
        draft.set_country("US");
        draft.state = "Washington".into();
        draft.city = "Redmond".into();
        draft.postal_code = "98052-6399".into();
        draft
    }

    #[test]
    fn united_states_rules() {
        let draft = us_draft();
        assert_eq!(
            draft.culture, "en-US",
            "changing country picks its default language"
        );
        assert!(validate_edit(&draft).is_ok());
        let mut bad = draft.clone();
        bad.postal_code = "980".into();
        bad.state = "Ontario".into();
        let errors = errors_of(&bad);
        assert!(matches!(
            errors.get(Field::PostalCode),
            Some(FieldError::PostalCode { .. })
        ));
        assert_eq!(errors.get(Field::State), Some(&FieldError::UnknownState));
    }

    #[test]
    fn eleven_countries_require_phone_and_org_number() {
        let mut draft = china_draft();
        draft.set_country("RU");
        assert_eq!(draft.state, "", "a Chinese province does not carry over");
        draft.postal_code = "125009".into();
        let errors = errors_of(&draft);
        assert_eq!(errors.get(Field::Phone), Some(&FieldError::Required));
        assert_eq!(
            errors.get(Field::OrganizationRegistrationNumber),
            Some(&FieldError::Required)
        );
        draft.phone = "+7 495 123-45-67".into();
        draft.organization_registration_number = "1027700132195".into();
        let details = edit_ok(&draft);
        assert_eq!(details.phone.as_deref(), Some("+7 495 123-45-67"));
        assert_eq!(
            details.organization_registration_number.as_deref(),
            Some("1027700132195")
        );

        // Armenia has no table of its own, but the requirement still holds.
        draft.set_country("AM");
        draft.phone.clear();
        assert_eq!(
            errors_of(&draft).get(Field::Phone),
            Some(&FieldError::Required)
        );
    }

    #[test]
    fn org_number_is_dropped_where_not_asked_for() {
        let mut draft = china_draft();
        draft.organization_registration_number = "left over".into();
        assert_eq!(edit_ok(&draft).organization_registration_number, None);
    }

    /// A valid draft for a country with a table of its own (city, state and postal code as that country expects).
    fn draft_in(country: &str, state: &str, postal_code: &str) -> CustomerDraft {
        let mut draft = china_draft();
        draft.set_country(country);
        draft.city = "City".into();
        draft.state = state.into();
        draft.postal_code = postal_code.into();
        draft.culture = rules_for(country).default_culture().into();
        if requires_phone_and_org_number(country) {
            draft.phone = "+36 1 234 5678".into();
            draft.organization_registration_number = "01-09-562739".into();
        }
        draft
    }

    #[test]
    fn eight_more_countries_refuse_what_they_do_not_accept() {
        // (country, a valid state, a valid postal code, a wrong postal code, a state it does not know or None
        // where the state is free text)
        let cases = [
            ("CA", "Ontario", "K1A 0B1", "K1A-0B1", Some("Washington")),
            ("AU", "New South Wales", "2000", "20000", Some("Ontario")),
            ("GB", "", "SW1A 1AA", "SW1A1AA", None),
            ("DE", "Bayern", "80807", "8080", None),
            ("FR", "", "75008", "F-75008", None),
            ("JP", "Tokyo", "100-0001", "1000001", None),
            ("IN", "Delhi", "110001", "11001", None),
            ("HU", "", "1051", "H-1051", None),
        ];
        for (country, state, good, bad, unknown_state) in cases {
            let draft = draft_in(country, state, good);
            assert!(
                validate_edit(&draft).is_ok(),
                "{country}: {:?}",
                validate_edit(&draft)
            );

            let mut wrong = draft.clone();
            wrong.postal_code = bad.into();
            assert!(
                matches!(
                    errors_of(&wrong).get(Field::PostalCode),
                    Some(FieldError::PostalCode { example: Some(_) })
                ),
                "{country} accepts postal code {bad}"
            );

            let mut missing = draft.clone();
            missing.postal_code.clear();
            missing.city.clear();
            let errors = errors_of(&missing);
            assert_eq!(
                errors.get(Field::PostalCode),
                Some(&FieldError::Required),
                "{country}"
            );
            assert_eq!(
                errors.get(Field::City),
                Some(&FieldError::Required),
                "{country}"
            );

            let mut culture = draft.clone();
            culture.culture = "zh-CN".into();
            assert_eq!(
                errors_of(&culture).get(Field::Language),
                Some(&FieldError::Language),
                "{country} offers zh-CN"
            );

            if let Some(unknown) = unknown_state {
                let mut wrong_state = draft.clone();
                wrong_state.state = unknown.into();
                assert_eq!(
                    errors_of(&wrong_state).get(Field::State),
                    Some(&FieldError::UnknownState),
                    "{country}"
                );
            }
        }

        // Japan and India require a state or prefecture as free text; Hungary requires a phone and number.
        for country in ["JP", "IN"] {
            let mut draft = draft_in(country, "", "100-0001");
            draft.postal_code = rules_for(country).postal.example().unwrap_or_default();
            assert_eq!(
                errors_of(&draft).get(Field::State),
                Some(&FieldError::Required),
                "{country}"
            );
        }
        let mut hungary = draft_in("HU", "", "1051");
        hungary.phone.clear();
        hungary.organization_registration_number.clear();
        let errors = errors_of(&hungary);
        assert_eq!(errors.get(Field::Phone), Some(&FieldError::Required));
        assert_eq!(
            errors.get(Field::OrganizationRegistrationNumber),
            Some(&FieldError::Required)
        );
    }

    #[test]
    fn one_bad_field_is_enough_to_refuse() {
        // Everything valid but one field: still refused, with exactly that field.
        let mut draft = china_draft();
        draft.domain_prefix = "con-toso".into();
        let errors = errors_of(&draft);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors.first(), Some(Field::DomainPrefix));
        let mut edit = china_draft();
        edit.email = "a b@contoso.com".into();
        let refused = validate_edit(&edit).err().unwrap_or_default();
        assert_eq!(refused.len(), 1, "{refused:?}");
        assert_eq!(refused.get(Field::Email), Some(&FieldError::Email));
        assert_eq!(errors_of(&CustomerDraft::new_in("CN")).len(), 9);
    }

    #[test]
    fn field_keys_are_distinct_ids() {
        let keys: std::collections::BTreeSet<&str> = Field::ALL.iter().map(|f| f.key()).collect();
        assert_eq!(keys.len(), Field::ALL.len());
        assert!(keys.iter().all(|k| !k.is_empty()
            && k.bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit())));
        assert_eq!(Field::Email.key(), "email");
    }

    #[test]
    fn lenient_countries_accept_free_text() {
        let mut draft = china_draft();
        draft.set_country("NZ");
        draft.state.clear();
        draft.city.clear();
        draft.postal_code = "Private Bag 92019".into();
        assert!(validate_edit(&draft).is_ok(), "{:?}", validate_edit(&draft));
        draft.postal_code.clear();
        assert!(validate_edit(&draft).is_ok());
    }

    #[test]
    fn unknown_country() {
        let mut draft = china_draft();
        draft.country = "XX".into();
        assert_eq!(
            errors_of(&draft).get(Field::Country),
            Some(&FieldError::UnknownCountry)
        );
        draft.country = "cn".into();
        assert_eq!(
            errors_of(&draft).get(Field::Country),
            Some(&FieldError::UnknownCountry)
        );
    }

    #[test]
    fn set_country_keeps_free_text_state_between_free_text_countries() {
        let mut draft = CustomerDraft::new_in("DE");
        draft.state = "Bayern".into();
        draft.set_country("FR");
        assert_eq!(draft.state, "Bayern");
        draft.set_country("US");
        assert_eq!(draft.state, "");
    }

    #[test]
    fn fields_are_addressable() {
        let mut draft = CustomerDraft::new_in("CN");
        draft.set_field(Field::City, "Shanghai".into());
        assert_eq!(draft.field(Field::City), "Shanghai");
        draft.set_field(Field::Language, "en-US".into());
        assert_eq!(draft.culture, "en-US");
        draft.set_field(Field::Country, "DE".into());
        assert_eq!(
            (draft.field(Field::Country), draft.field(Field::Language)),
            ("DE", "en-US")
        );
        draft.set_field(Field::Language, "de-DE".into());
        draft.set_field(Field::Country, "JP".into());
        assert_eq!(
            draft.culture, "ja-JP",
            "a language JP does not offer is replaced by its default"
        );
    }

    #[test]
    fn emails() {
        for good in [
            "a@b.cn",
            "li.wei+crm@contoso.partner.onmschina.cn",
            "o'brien@example.co.uk",
            "用户@例子.中国",
            "dana@my-company.example.com",
        ] {
            assert!(is_valid_email(good), "{good}");
        }
        for bad in [
            "", "a", "a@", "@b.cn", "a@b", "a@b.c", "a b@c.cn", "a@b..cn", ".a@b.cn", "a@-b.cn",
            "a@b.c1", "a@@b.cn",
        ] {
            assert!(!is_valid_email(bad), "{bad}");
        }
    }

    #[test]
    fn phones() {
        for good in [
            "+86 10 5869 6000",
            "(425) 555-0100",
            "4255550100",
            "+7.495.123.45.67",
        ] {
            assert!(is_valid_phone(good), "{good}");
        }
        for bad in ["12345", "+86 10 ext 5", "++8610586960", "1234567890123456"] {
            assert!(!is_valid_phone(bad), "{bad}");
        }
    }
}
