//! Exports and imports as a user reads them: the model's CSV and import problems, worded in each language.

use serde_json::{json, Value};
use uuid::Uuid;

use super::*;
use crate::i18n::{Lang, Text};
use crate::model::exchange::*;
use crate::model::form::tests::valid_details;
use crate::model::{Cloud, Customer, WriteStamp};

fn stamp() -> WriteStamp {
    WriteStamp {
        etag: "import-etag".into(),
        now: "2026-11-25T09:00:00.000Z".into(),
    }
}

fn customer(n: u128, prefix: &str) -> Customer {
    Customer::create(
        Uuid::from_u128(n),
        Cloud::default(),
        prefix,
        valid_details(),
        WriteStamp {
            etag: format!("etag-{n}"),
            now: "2026-11-24T10:00:00.000Z".into(),
        },
    )
}

fn two() -> Vec<Customer> {
    vec![customer(1, "contoso"), customer(2, "fabrikam")]
}

fn import(text: &str, existing: &[Customer]) -> Result<Vec<Customer>, Vec<ImportProblem>> {
    parse_import(text, Cloud::default(), existing, &mut stamp)
}

/// The export of `two()`, edited as a JSON value.
fn edited(edit: impl FnOnce(&mut Value)) -> String {
    let mut value: Value =
        serde_json::from_str(&export_json(&two()).unwrap_or_default()).unwrap_or_default();
    edit(&mut value);
    value.to_string()
}

fn describe(result: Result<Vec<Customer>, Vec<ImportProblem>>) -> Vec<String> {
    result
        .err()
        .unwrap_or_default()
        .iter()
        .map(|p| import_problem(Lang::En, p))
        .collect()
}

#[test]
fn csv_has_the_columns_one_row_per_customer_and_rfc_4180_quoting() {
    let mut tricky = customer(3, "tricky");
    tricky.billing_profile.company_name = "Fabrikam, \"Inc.\"".into();
    tricky.billing_profile.default_address.address_line2 = Some("Floor 3\r\nRoom 301".into());
    tricky.billing_profile.first_name = "=HYPERLINK(\"x\")".into();
    tricky.billing_profile.last_name = "-1+1".into();
    tricky.billing_profile.default_address.phone_number = Some("+86 10 5869 6000".into());
    let mut chinese = customer(4, "beijing");
    chinese.billing_profile.company_name = "北京云杉科技有限公司".into();
    let text = export_csv(&[tricky.clone(), chinese], &Csv(Lang::En)).unwrap_or_default();
    assert!(text
        .starts_with("Microsoft ID,Company name,Primary domain name,Relationship,Country/region,"));
    assert!(text.contains("\r\n"), "CRLF line ends");
    assert!(text.contains("\"Fabrikam, \"\"Inc.\"\"\""), "{text}");

    let mut reader = ::csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map(|h| h.iter().map(String::from).collect())
        .unwrap_or_default();
    assert_eq!(header, CSV_COLUMNS.map(|c| csv_column(Lang::En, c)));
    let rows: Vec<::csv::StringRecord> = reader.records().filter_map(Result::ok).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][0], tricky.id.to_string());
    assert_eq!(&rows[0][1], "Fabrikam, \"Inc.\"");
    assert_eq!(&rows[0][2], "tricky.partner.onmschina.cn");
    assert_eq!(&rows[0][3], "Reseller");
    assert_eq!(&rows[0][6], "Floor 3\r\nRoom 301");
    assert_eq!(
        &rows[0][10], "'+86 10 5869 6000",
        "a phone number is not computed either"
    );
    assert_eq!(&rows[0][11], "'=HYPERLINK(\"x\")", "formulas are defused");
    assert_eq!(&rows[0][12], "'-1+1");
    // Excel set to split on ";" (as in Brazil) would start a cell after the ";": that cell is defused too.
    assert_eq!(defuse("x;=cmd|' /C calc'!A0;y"), "x;'=cmd|' /C calc'!A0;y");
    assert_eq!(defuse("Floor 3\r\n=1+1"), "Floor 3\r\n'=1+1");
    assert_eq!(&rows[1][1], "北京云杉科技有限公司");
    assert_eq!(
        export_csv(&[], &Csv(Lang::En))
            .map(|t| t.lines().count())
            .ok(),
        Some(1),
        "just the header"
    );
}

#[test]
fn csv_headers_and_relationships_follow_the_display_language() {
    let text = export_csv(&[customer(3, "tricky")], &Csv(Lang::Zh)).unwrap_or_default();
    assert!(
        text.starts_with("Microsoft ID,公司名称,主域名,关系,国家/地区,"),
        "{text}"
    );
    let row = text.lines().nth(1).unwrap_or_default();
    assert!(row.contains(",经销商,"), "{row}");
    let text = export_csv(&[], &Csv(Lang::Pt)).unwrap_or_default();
    assert!(
        text.starts_with("ID da Microsoft,Nome da empresa,"),
        "{text}"
    );
}

#[test]
fn import_problems_are_told_in_the_display_language() {
    let text = edited(|v| v["items"][1]["billingProfile"]["email"] = json!("nope"));
    let problems = parse_import(&text, Cloud::default(), &[], &mut stamp)
        .err()
        .unwrap_or_default();
    let lines: Vec<String> = problems
        .iter()
        .map(|p| import_problem(Lang::Zh, p))
        .collect();
    assert_eq!(
        lines,
        ["第 2 条记录，电子邮件：请输入电子邮件地址，例如 name@contoso.com。"]
    );
}

#[test]
fn json_export_imports_back_into_an_empty_store() {
    let text = export_json(&two()).unwrap_or_default();
    let value: Value = serde_json::from_str(&text).unwrap_or_default();
    assert_eq!(value["totalCount"], json!(2));
    assert_eq!(
        value["items"][0]["companyProfile"]["domain"],
        json!("contoso.partner.onmschina.cn")
    );
    assert_eq!(import(&text, &[]), Ok(two()));
}

#[test]
fn a_partner_center_api_customer_without_our_stamps_imports() {
    let text = edited(|v| {
        let item = &mut v["items"][0];
        for key in ["createdAt", "updatedAt", "attributes"] {
            item.as_object_mut().map(|o| o.remove(key));
        }
        item["companyProfile"]
            .as_object_mut()
            .map(|o| o.remove("tenantId"));
        item["billingProfile"]
            .as_object_mut()
            .map(|o| o.remove("language"));
        item["billingProfile"]["attributes"] = json!({ "objectType": "CustomerBillingProfile" });
        item["links"] = json!({ "self": { "uri": "/customers/1" } });
        item["companyProfile"]["domain"] = json!("  Contoso.partner.onmschina.cn ");
        item["billingProfile"]["firstName"] = json!("  Li  ");
    });
    let imported = import(&text, &[]);
    let Ok(imported) = imported else {
        panic!("{:?}", describe(imported));
    };
    let first = &imported[0];
    assert_eq!(first.created_at, "2026-11-25T09:00:00.000Z");
    assert_eq!(first.updated_at, first.created_at);
    assert_eq!(first.etag(), "import-etag");
    assert_eq!(first.company_profile.tenant_id, first.id);
    assert_eq!(first.domain(), "contoso.partner.onmschina.cn");
    assert_eq!(
        first.billing_profile.first_name, "Li",
        "stored as the form would store it"
    );
    assert_eq!(first.billing_profile.language, "zh");
}

#[test]
fn every_problem_is_reported_with_its_record_and_field() {
    let text = edited(|v| {
        v["items"][0]["billingProfile"]["email"] = json!("nope");
        v["items"][0]["billingProfile"]["defaultAddress"]["postalCode"] = json!("12");
        v["items"][1]["companyProfile"]["domain"] = json!("fabrikam.onmicrosoft.com");
    });
    let problems = describe(import(&text, &[]));
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(problems
        .contains(&"Record 1, Email: Enter an email address like name@contoso.com.".to_string()));
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("Record 1, Postal code: ")),
        "{problems:?}"
    );
    assert!(problems
        .iter()
        .any(|p| p.starts_with("Record 2, Domain: ") && p.contains(".partner.onmschina.cn")));

    let wrong_type = describe(import(
        &edited(|v| v["items"][1]["billingProfile"]["lastName"] = json!(5)),
        &[],
    ));
    assert_eq!(wrong_type.len(), 1);
    assert!(
        wrong_type[0].starts_with("Record 2, billingProfile.lastName: "),
        "{wrong_type:?}"
    );

    let tenant = describe(import(
        &edited(|v| v["items"][0]["companyProfile"]["tenantId"] = json!(Uuid::from_u128(9))),
        &[],
    ));
    assert!(tenant[0].contains("tenant id"), "{tenant:?}");
    let not_object = describe(import(&edited(|v| v["items"][1] = json!("customer")), &[]));
    assert_eq!(not_object, ["Record 2: A customer must be a JSON object."]);
}

#[test]
fn existing_and_repeated_ids_and_domains_are_reported_not_duplicated() {
    let text = export_json(&two()).unwrap_or_default();
    let problems = describe(import(
        &text,
        &[customer(1, "other"), customer(7, "fabrikam")],
    ));
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].starts_with("Record 1, Microsoft ID: A customer with Microsoft ID"));
    assert!(problems[1]
        .starts_with("Record 2, Domain: A customer with the domain fabrikam.partner.onmschina.cn"));
    let twice = edited(|v| {
        let first = v["items"][0].clone();
        v["items"][1] = first;
    });
    let problems = describe(import(&twice, &[]));
    assert_eq!(
        problems.len(),
        2,
        "total count fine; id and domain repeated: {problems:?}"
    );
    assert!(problems.iter().all(|p| p.starts_with("Record 2, ")));
}

#[test]
fn files_that_are_not_an_export_get_one_clear_message() {
    let file_problem = |text: &str| describe(import(text, &[]));
    assert_eq!(
        file_problem("{\"items\": ["),
        ["Nothing was imported: the file is not valid JSON (line 1, column 11)."]
    );
    assert!(file_problem("[]")[0].contains("“items” list"));
    assert!(file_problem("{\"items\": {}}")[0].contains("“items” list"));
    assert_eq!(
        file_problem("{\"items\": []}"),
        ["Nothing was imported: the file has no customers."]
    );
    let miscounted = file_problem(&edited(|v| v["totalCount"] = json!(5)));
    assert_eq!(
        miscounted,
        ["The file says totalCount is 5, but it has 2 customers."]
    );
    let huge = format!(
        "{{\"items\": [{}]}}",
        vec!["{}"; MAX_IMPORT_ITEMS + 1].join(",")
    );
    assert!(
        file_problem(&huge)[0].contains("has 100,001 customers; at most 100,000 can be imported")
    );
    assert!(file_problem(&" ".repeat(MAX_IMPORT_CHARS + 1))[0].contains("larger"));
    // A byte order mark (as spreadsheet tools write) is not a problem.
    assert!(import(
        &format!("\u{feff}{}", export_json(&two()).unwrap_or_default()),
        &[]
    )
    .is_ok());
}

#[test]
fn import_runs_the_same_rules_as_the_form_and_storage() {
    // A number for a country that does not ask for one, with a control character: refused, not kept.
    let number = describe(import(
        &edited(|v| {
            v["items"][1]["companyProfile"]["organizationRegistrationNumber"] = json!("12\u{1}34")
        }),
        &[],
    ));
    assert_eq!(number.len(), 1, "{number:?}");
    assert!(
        number[0].starts_with("Record 2, Organization registration number: Partner Center asks"),
        "{number:?}"
    );
    // A region of a million characters.
    let region = describe(import(
        &edited(|v| {
            v["items"][0]["billingProfile"]["defaultAddress"]["region"] =
                json!("r".repeat(1_000_000))
        }),
        &[],
    ));
    assert_eq!(
        region,
        ["Record 1, billingProfile.defaultAddress.region: Use at most 100 characters."]
    );
    // Names of zero-width spaces and joiners only are empty.
    let invisible = describe(import(
        &edited(|v| {
            v["items"][0]["billingProfile"]["companyName"] = json!("\u{200b}\u{200d}\u{2060}");
            v["items"][0]["billingProfile"]["firstName"] = json!("\u{feff}");
        }),
        &[],
    ));
    assert_eq!(
        invisible,
        [
            "Record 1, Company name: Enter the company name.",
            "Record 1, First name: Enter the first name."
        ]
    );
}

#[test]
fn the_limits_themselves_are_allowed() {
    // Exactly the most characters and items allowed: refused for what they hold, not for their size.
    let spaces = " ".repeat(MAX_IMPORT_CHARS);
    assert!(!describe(import(&spaces, &[]))[0].contains("larger"));
    let most = format!(
        "{{\"items\": [{}]}}",
        vec!["{}"; MAX_IMPORT_ITEMS].join(",")
    );
    assert!(!describe(import(&most, &[]))
        .iter()
        .any(|p| p.contains("at most")));
}

/// Property tests: native only (proptest needs processes and a clock the wasm target lacks).
#[cfg(not(target_arch = "wasm32"))]
mod properties {
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
            !local.is_empty()
                && domain.contains('.')
                && !domain.contains('@')
                && !domain.ends_with('.')
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

    fn accepted_are_valid(
        result: &Result<Vec<Customer>, Vec<ImportProblem>>,
        existing: &[Customer],
    ) {
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
                    let (prefix, details) = match validate_new(&draft, Cloud::default(), |_| false)
                    {
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
}

#[test]
fn clashes_with_stored_records_are_worded_with_their_record_and_field() {
    let problem = |issue| {
        import_problem(
            Lang::En,
            &ImportProblem {
                record: Some(1),
                issue,
            },
        )
    };
    assert_eq!(
        problem(ImportIssue::IdUnreadable),
        format!(
            "Record 1, Microsoft ID: {}",
            Text::IdInUseUnreadable.get(Lang::En)
        )
    );
    assert_eq!(
        problem(ImportIssue::DomainUnreadable("reserved.partner.onmschina.cn".into())),
        "Record 1, Domain: The domain reserved.partner.onmschina.cn is used by a stored record that can't be read."
    );
    assert_eq!(
        problem(ImportIssue::DomainExists(
            "contoso.partner.onmschina.cn".into()
        )),
        "Record 1, Domain: A customer with the domain contoso.partner.onmschina.cn already exists."
    );
    // A problem of the whole file names no record.
    assert_eq!(
        import_problem(Lang::En, &ImportProblem::file(ImportIssue::Race)),
        Text::ImportRace.get(Lang::En)
    );
}

#[test]
fn thousands_of_import_problems_list_the_first_and_count_the_rest() {
    let problems: Vec<ImportProblem> = (1..=5_000)
        .map(|record| ImportProblem {
            record: Some(record),
            issue: ImportIssue::Race,
        })
        .collect();
    let lines = import_problem_lines(Lang::En, &problems);
    assert_eq!(lines.len(), PROBLEMS_LISTED + 1);
    assert_eq!(lines[0], import_problem(Lang::En, &problems[0]));
    assert_eq!(lines[PROBLEMS_LISTED], "…and 4,950 more.");
    assert_eq!(
        import_problem_lines(Lang::Pt, &problems[..PROBLEMS_LISTED + 1])[PROBLEMS_LISTED],
        "…e mais 1."
    );
    // A file with no more problems than that lists each of them, and nothing else.
    assert_eq!(
        import_problem_lines(Lang::Zh, &problems[..3]),
        problems[..3]
            .iter()
            .map(|p| import_problem(Lang::Zh, p))
            .collect::<Vec<_>>()
    );
}
