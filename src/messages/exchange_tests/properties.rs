//! Property tests of import and export: native only (proptest needs processes and a clock the wasm target lacks).

use super::*;
use crate::model::customer::cloud::split_domain;
use crate::model::form::{validate_edit, validate_new};
use crate::model::CustomerDraft;
use crate::storage::legacy::check;
use proptest::prelude::*;

/// Any JSON value, nested a few levels.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            prop::collection::btree_map(".{0,8}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Values that break records in the ways people and tools do, as often as arbitrary JSON.
fn tricky_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        any_json(),
        prop::sample::select(vec![
            json!(""),
            json!(" padded "),
            json!("a\tb"),
            json!("line\nbreak"),
            json!("x".repeat(300)),
            json!(null),
            json!(5),
            json!("ZZ"),
            json!("contoso.partner.onmschina.cn"),
            json!("00000000-0000-0000-0000-000000000009"),
        ]),
    ]
}

/// The JSON pointer of every value in a tree, through objects and arrays.
fn pointers(value: &Value, prefix: &str, out: &mut Vec<String>) {
    let children: Vec<(String, &Value)> = match value {
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v)).collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        _ => Vec::new(),
    };
    for (key, child) in children {
        let pointer = format!("{prefix}/{}", key.replace('~', "~0").replace('/', "~1"));
        out.push(pointer.clone());
        pointers(child, &pointer, out);
    }
}

/// An oracle of its own: the rules an imported customer must meet, as a table of simple checks written from
/// Partner Center's field rules (shared/docs/partner-center.md), not from the code under test.
fn breaks_a_rule(c: &Customer) -> Option<&'static str> {
    let b = &c.billing_profile;
    let a = &b.default_address;
    let text = |value: &str, max: usize| {
        !value.is_empty()
            && value.trim() == value
            && value.chars().count() <= max
            && !value.chars().any(char::is_control)
    };
    let optional =
        |value: &Option<String>, max: usize| value.as_deref().is_none_or(|v| text(v, max));
    let prefix = c
        .domain()
        .strip_suffix(".partner.onmschina.cn")
        .unwrap_or_default();
    let email_ok = b.email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && domain.contains('.') && !domain.contains('@') && !domain.ends_with('.')
    });
    let rules: [(&'static str, bool); 13] = [
        (
            "the tenant id is the Microsoft ID",
            c.company_profile.tenant_id == c.id,
        ),
        (
            "the domain is a 1 to 27 character lower-case alphanumeric prefix of this cloud",
            (1..=27).contains(&prefix.len())
                && prefix
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
        ),
        (
            "the company name is 1 to 255 characters, trimmed",
            text(&b.company_name, 255),
        ),
        (
            "the first name is 1 to 50 characters, trimmed",
            text(&b.first_name, 50),
        ),
        (
            "the last name is 1 to 50 characters, trimmed",
            text(&b.last_name, 50),
        ),
        (
            "the email has a local part and a domain with a dot",
            email_ok && text(&b.email, 254),
        ),
        (
            "address line 1 is 1 to 200 characters, trimmed",
            text(&a.address_line1, 200),
        ),
        (
            "address line 2, when there, is 1 to 200 characters",
            optional(&a.address_line2, 200),
        ),
        (
            "the country is an ISO 3166 alpha-2 code",
            a.country.len() == 2 && a.country.bytes().all(|b| b.is_ascii_uppercase()),
        ),
        (
            "the city, state and postal code are at most 100, 100 and 20 characters",
            a.city.chars().count() <= 100
                && a.state.chars().count() <= 100
                && a.postal_code.chars().count() <= 20,
        ),
        (
            "the phone, when there, is 1 to 30 characters",
            optional(&a.phone_number, 30),
        ),
        (
            "the culture is a language-REGION tag",
            b.culture.len() == 5 && b.culture.as_bytes()[2] == b'-',
        ),
        (
            "the language is the culture's",
            b.culture.get(..2) == Some(b.language.as_str()),
        ),
    ];
    rules.into_iter().find(|(_, ok)| !ok).map(|(rule, _)| rule)
}

#[test]
fn the_oracle_refuses_what_its_rules_refuse() {
    let good = customer(1, "contoso");
    assert_eq!(breaks_a_rule(&good), None);
    let broken: [fn(&mut Customer); 5] = [
        |c| c.billing_profile.first_name = " Wei".into(),
        |c| c.billing_profile.email = "name.contoso.com".into(),
        |c| c.company_profile.domain = "Contoso.partner.onmschina.cn".into(),
        |c| c.company_profile.tenant_id = Uuid::from_u128(99),
        |c| c.billing_profile.default_address.postal_code = "1".repeat(21),
    ];
    for (n, break_it) in broken.into_iter().enumerate() {
        let mut c = good.clone();
        break_it(&mut c);
        assert!(breaks_a_rule(&c).is_some(), "change {n}");
    }
}

fn accepted_are_valid(result: &Result<Vec<Customer>, Vec<ImportProblem>>, existing: &[Customer]) {
    if let Ok(customers) = result {
        for c in customers {
            assert_eq!(breaks_a_rule(c), None, "accepted {c:?}");
            assert_eq!(
                check(&c.id.to_string(), c),
                Ok(()),
                "accepted a record storage would refuse"
            );
            assert!(validate_edit(&CustomerDraft::from_customer(c)).is_ok());
            assert!(!existing
                .iter()
                .any(|e| e.id == c.id || e.domain() == c.domain()));
            assert_eq!(
                split_domain(c.domain()).map(|(_, cloud)| cloud),
                Some(Cloud::default())
            );
        }
    }
}

/// Addresses that every country's rules accept: (country, state, postal code, culture).
const ADDRESSES: [(&str, &str, &str, &str); 6] = [
    ("CN", "Beijing", "100080", "zh-CN"),
    ("US", "Washington", "98052-6399", "en-US"),
    ("DE", "", "80807", "de-DE"),
    ("BR", "São Paulo", "01310-100", "pt-BR"),
    ("JP", "Tokyo", "100-0001", "ja-JP"),
    ("NZ", "", "", "en-US"),
];

/// A customer as the form would make it, from varied text: CJK, accents, punctuation, spaces.
fn any_customer(n: u128) -> impl Strategy<Value = Customer> {
    let text = "[A-Za-zÀ-ÿ\u{4e00}-\u{4e80}][A-Za-z0-9À-ÿ\u{4e00}-\u{4e80} .,&'()-]{0,40}";
    (
        text,
        "[a-z][a-z0-9]{0,15}",
        0..ADDRESSES.len(),
        "[A-Za-z0-9\u{4e00}-\u{4e80}][A-Za-z0-9\u{4e00}-\u{4e80} .,'#/-]{0,60}",
        "[A-Za-z\u{4e00}-\u{4e80}]{1,20}",
        "[A-Za-z\u{4e00}-\u{4e80}]{1,20}",
        "[a-z0-9]{1,8}(\\.[a-z0-9]{1,8})?@[a-z0-9]{1,10}\\.(cn|com|de)",
    )
        .prop_map(
            move |(company, prefix, address, line1, first, last, email)| {
                let (country, state, postal_code, culture) = ADDRESSES[address];
                let draft = CustomerDraft {
                    company_name: company,
                    domain_prefix: format!("{prefix}{n}"),
                    country: country.into(),
                    address_line1: line1,
                    city: "City".into(),
                    state: state.into(),
                    postal_code: postal_code.into(),
                    first_name: first,
                    last_name: last,
                    email,
                    culture: culture.into(),
                    ..CustomerDraft::default()
                };
                let (prefix, details) = match validate_new(&draft, Cloud::default(), |_| false) {
                    Ok(valid) => valid,
                    Err(errors) => {
                        panic!("the generator made an invalid draft: {errors:?}")
                    }
                };
                Customer::create(
                    Uuid::from_u128(n + 1),
                    Cloud::default(),
                    &prefix,
                    details,
                    WriteStamp {
                        etag: format!("etag-{n}"),
                        now: "2026-11-24T10:00:00.000Z".into(),
                    },
                )
            },
        )
}

fn any_customers() -> impl Strategy<Value = Vec<Customer>> {
    (1usize..6).prop_flat_map(|len| (0..len as u128).map(any_customer).collect::<Vec<_>>())
}

/// Fields required in every country, by their place in the export, and the form's label an import problem
/// must name. (City and postal code are optional where the rules are lenient.)
const REQUIRED: [(&str, &str); 6] = [
    ("/billingProfile/companyName", "Company name"),
    ("/billingProfile/firstName", "First name"),
    ("/billingProfile/lastName", "Last name"),
    ("/billingProfile/email", "Email"),
    (
        "/billingProfile/defaultAddress/addressLine1",
        "Address line 1",
    ),
    ("/billingProfile/defaultAddress/country", "Country/region"),
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The converse of the properties below: an unchanged export of valid customers always imports, and
    /// gives back exactly those customers.
    #[test]
    fn an_unchanged_export_always_imports(customers in any_customers()) {
        let text = export_json(&customers).unwrap_or_default();
        prop_assert_eq!(import(&text, &[]), Ok(customers));
    }

    /// A required field blanked in any one record is always refused, naming that record and that field.
    #[test]
    fn a_blank_required_field_is_refused_naming_record_and_field(
        customers in any_customers(),
        pick in any::<prop::sample::Index>(),
        field in 0..REQUIRED.len(),
        blank in prop::sample::select(vec!["", " ", "\t", "\u{3000}"]),
    ) {
        let record = pick.index(customers.len());
        let (pointer, label) = REQUIRED[field];
        let mut value: Value = serde_json::from_str(&export_json(&customers).unwrap_or_default()).unwrap_or_default();
        let target = value.pointer_mut(&format!("/items/{record}{pointer}"));
        prop_assert!(target.is_some(), "the export has {}", pointer);
        if let Some(target) = target {
            *target = json!(blank);
        }
        match import(&value.to_string(), &[]) {
            Ok(_) => prop_assert!(false, "record {} with a blank {} was accepted", record + 1, label),
            Err(problems) => prop_assert!(
                problems.iter().any(|p| p.record == Some(record + 1) && import_issue(Lang::En, &p.issue).0.as_deref() == Some(label)),
                "no problem names record {} and {}: {:?}", record + 1, label, problems
            ),
        }
    }


    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        let result = import(&text, &[]);
        accepted_are_valid(&result, &[]);
    }

    #[test]
    fn arbitrary_json_never_panics_or_gets_in(value in any_json(), wrap in any::<bool>()) {
        let text = if wrap { json!({ "items": [value] }).to_string() } else { value.to_string() };
        let result = import(&text, &[]);
        accepted_are_valid(&result, &[]);
    }

    /// A real export with one value replaced or removed: whatever is accepted is valid, new and storable.
    #[test]
    fn a_mutated_export_is_accepted_only_when_valid(
        mutations in prop::collection::vec(
            (any::<prop::sample::Index>(), tricky_value(), any::<bool>()),
            1..4,
        ),
    ) {
        let existing = vec![customer(9, "existing")];
        let mut value: Value = serde_json::from_str(&export_json(&two()).unwrap_or_default()).unwrap_or_default();
        for (pick, replacement, remove) in mutations {
            let mut all = Vec::new();
            pointers(&value, "", &mut all);
            if all.is_empty() {
                break;
            }
            let pointer = pick.get(&all).clone();
            let (parent, last) = pointer.rsplit_once('/').unwrap_or_default();
            let last = last.replace("~1", "/").replace("~0", "~");
            match value.pointer_mut(parent) {
                Some(Value::Object(map)) if remove => { map.remove(&last); }
                Some(Value::Object(map)) => { map.insert(last, replacement); }
                Some(Value::Array(items)) => {
                    if let Some(slot) = last.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                        *slot = replacement;
                    }
                }
                _ => {}
            }
        }
        let result = import(&value.to_string(), &existing);
        accepted_are_valid(&result, &existing);
    }
}

/// Text heavy in what CSV and the formula guard treat specially, plus any other character.
fn any_cell() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(vec![
                ",", ";", "\"", "\r", "\n", "\r\n", " ", "'", "=", "+", "-", "@", "\t", "北", "😀",
            ])
            .prop_map(String::from),
            2 => any::<char>().prop_map(String::from),
            1 => "[a-z]{1,4}",
        ],
        0..6,
    )
    .prop_map(|parts| parts.concat())
}

/// Customers whose every free-text value is arbitrary (export does not validate).
fn any_exported() -> impl Strategy<Value = Vec<Customer>> {
    prop::collection::vec(prop::collection::vec(any_cell(), 14), 0..4).prop_map(|texts| {
        texts
            .into_iter()
            .enumerate()
            .map(|(n, mut t)| {
                let mut c = customer(n as u128, "export");
                let mut next = || t.pop().unwrap_or_default();
                let b = &mut c.billing_profile;
                b.company_name = next();
                b.first_name = next();
                b.last_name = next();
                b.email = next();
                b.culture = next();
                let a = &mut b.default_address;
                a.address_line1 = next();
                a.address_line2 = Some(next());
                a.city = next();
                a.state = next();
                a.postal_code = next();
                a.phone_number = Some(next());
                c.company_profile.organization_registration_number = Some(next());
                c.created_at = next();
                c.updated_at = next();
                c
            })
            .collect()
    })
}

/// The cells of `text` as a spreadsheet set to split on `;` sees them: a cell ends at `;` or a line break, and
/// only a cell that starts with `"` is quoted (to its closing quote; `""` inside is one quote).
pub(super) fn split_on_semicolons(text: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut chars = text.chars().peekable();
    while chars.peek().is_some() {
        let mut cell = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            while let Some(c) = chars.next() {
                if c == '"' {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                    } else {
                        break;
                    }
                }
                cell.push(c);
            }
        }
        // After a closing quote (or in an unquoted cell), everything to the next `;` or line break is text.
        for c in chars.by_ref() {
            if matches!(c, ';' | '\n' | '\r') {
                break;
            }
            cell.push(c);
        }
        cells.push(cell);
    }
    cells
}

/// "Export CSV" as it was written with the `csv` crate, before `csv_writer` replaced it.
fn export_csv_with_the_crate(customers: &[Customer]) -> Option<String> {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer
        .write_record(CSV_COLUMNS.map(|c| csv_column(Lang::En, c)))
        .ok()?;
    for c in customers {
        writer
            .write_record(csv_cells(c, &Csv(Lang::En)).iter().map(|cell| defuse(cell)))
            .ok()?;
    }
    String::from_utf8(writer.into_inner().ok()?).ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// "Export CSV" is byte for byte what it was with the `csv` crate, whatever the customers hold.
    #[test]
    fn csv_export_is_unchanged_from_the_csv_crate(customers in any_exported()) {
        prop_assert_eq!(export_csv(&customers, &Csv(Lang::En)).ok(), export_csv_with_the_crate(&customers));
    }

    /// Read as a spreadsheet that splits on `;` reads it (Excel in Brazil), no cell starts a formula.
    #[test]
    fn csv_export_split_on_semicolons_starts_no_formula(customers in any_exported()) {
        let text = export_csv(&customers, &Csv(Lang::En)).unwrap_or_default();
        for cell in split_on_semicolons(&text) {
            // Blank characters before a formula do not stop it.
            let start = cell.trim_start_matches(['\t', '\r', '\n', ' ']);
            prop_assert!(!start.starts_with(['=', '+', '-', '@']), "{:?} in {:?}", cell, text);
        }
    }

    /// Every cell reads back as written, with a `'` in front exactly when it starts as a formula would.
    #[test]
    fn csv_export_reads_back_with_only_formulas_defused(customers in any_exported()) {
        let text = export_csv(&customers, &Csv(Lang::En)).unwrap_or_default();
        let mut reader = ::csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.map(|r| r.iter().map(String::from).collect()))
            .collect::<Result<_, _>>()
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let expected: Vec<Vec<String>> = customers
            .iter()
            .map(|c| {
                csv_cells(c, &Csv(Lang::En))
                    .into_iter()
                    .map(|cell| {
                        // A `'` before each formula start: the cell's own, and one after each `;` or line break.
                        // (Spaces between a cell's start and its formula are passed over.)
                        let mut expected = String::new();
                        let mut previous = None;
                        for c in cell.chars() {
                            let inside = matches!(previous, Some(';' | '\n' | '\r'));
                            if (previous.is_none() || inside) && "=+-@\t\r".contains(c)
                                || inside && c == '"'
                            {
                                expected.push('\'');
                            }
                            expected.push(c);
                            if c != ' ' || previous.is_some() && !inside {
                                previous = Some(c);
                            }
                        }
                        expected
                    })
                    .collect()
            })
            .collect();
        prop_assert_eq!(rows, expected);
    }
}
