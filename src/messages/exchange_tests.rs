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
mod properties;

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
