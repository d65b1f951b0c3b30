use super::*;
use crate::model::customer::cloud::Cloud;
use crate::model::rules::{requires_phone_and_org_number, rules_for};
use crate::model::ValidDetails;

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
