//! The interface's texts that are built from values (counts, names, errors), in the reader's language. Plain texts
//! are [`Text`]s, written in [`crate::i18n`]'s table. The English wording of the labels named in the issues is the
//! app's interface: tests and users rely on it exactly.

use crate::i18n::{Lang, Text};
use crate::model::acceptance::Problem;
use crate::model::{Field, FieldError, Relationship};
use crate::storage::StorageError;

mod exchange;
#[cfg(test)]
mod exchange_tests;
pub mod remote;

pub use exchange::{
    csv_column, import_issue, import_problem, import_problem_lines, Csv, PROBLEMS_LISTED,
};

/// User text (a company name, a search, a value from a file) set apart from the words around it, between U+2068
/// (first-strong isolate) and U+2069 (pop directional isolate): a right-to-left override inside it (accepted, as
/// Partner Center accepts it) then reverses only itself, never the rest of a dialog, title or message.
pub fn isolate(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

/// The document title for a page, so tabs, history and screen readers tell pages apart.
pub fn page_title(l: Lang, page: &str) -> String {
    format!("{page} – {}", l.t(Text::AppName))
}
/// A step of a page, for the title: "Review – Add customer".
pub fn step_title(step: &str, page: &str) -> String {
    format!("{step} – {page}")
}

pub fn page_of(l: Lang, page: usize, pages: usize) -> String {
    l.fill(
        Text::PageOf,
        &[("page", &l.number(page)), ("pages", &l.number(pages))],
    )
}

/// "3 customers" ("No customers" for none), or "Showing 1 of 3 customers" while a search filters the list.
pub fn customer_count(l: Lang, shown: usize, total: usize) -> String {
    if total == 0 {
        l.t(Text::CustomersNone).into()
    } else if shown == total {
        count(l, total, Text::CustomersOne, Text::CustomersOther)
    } else {
        let text = l.plural(total, Text::ShowingOne, Text::ShowingOther);
        crate::i18n::fill(
            text,
            &[("shown", &l.number(shown)), ("total", &l.number(total))],
        )
    }
}

/// A text with a `{count}` in the plural form the count takes.
fn count(l: Lang, n: usize, one: Text, other: Text) -> String {
    crate::i18n::fill(l.plural(n, one, other), &[("count", &l.number(n))])
}

pub fn no_match(l: Lang, query: &str) -> String {
    l.fill(Text::NoMatch, &[("query", &isolate(query.trim()))])
}

pub fn domain_available(l: Lang, domain: &str) -> String {
    l.fill(Text::DomainAvailable, &[("domain", domain)])
}

pub fn domain_suffix_hint(l: Lang, suffix: &str) -> String {
    l.fill(Text::DomainSuffixHint, &[("suffix", suffix)])
}

pub fn edit_heading(l: Lang, company: &str) -> String {
    l.fill(Text::EditHeading, &[("company", &isolate(company))])
}

/// Announced in the alert region when "Next: Review" or "Submit" finds problems.
pub fn form_problems(l: Lang, n: usize) -> String {
    count(l, n, Text::FormProblemsOne, Text::FormProblemsOther)
}

/// A field's visible label: the accessible name tests and users rely on.
pub fn field_label(l: Lang, field: Field) -> &'static str {
    l.t(match field {
        Field::CompanyName => Text::FieldCompanyName,
        Field::DomainPrefix => Text::FieldDomainPrefix,
        Field::Country => Text::FieldCountry,
        Field::AddressLine1 => Text::FieldAddressLine1,
        Field::AddressLine2 => Text::FieldAddressLine2,
        Field::City => Text::FieldCity,
        Field::State => Text::FieldState,
        Field::PostalCode => Text::FieldPostalCode,
        Field::FirstName => Text::FieldFirstName,
        Field::LastName => Text::FieldLastName,
        Field::Email => Text::FieldEmail,
        Field::Phone => Text::FieldPhone,
        Field::Language => Text::FieldLanguage,
        Field::OrganizationRegistrationNumber => Text::FieldOrgNumber,
    })
}

/// The message shown under a field, tied to it by `aria-describedby`.
pub fn field_error(l: Lang, field: Field, error: &FieldError) -> String {
    let label = field_label(l, field);
    let with_label = |text: Text| l.fill(text, &[("label", label)]);
    match error {
        FieldError::Required => {
            let text = match field {
                Field::State | Field::Country | Field::Language => Text::ErrSelect,
                _ => Text::ErrEnter,
            };
            // English puts the label mid-sentence ("Enter the first name."); the others quote it as it stands.
            if l == Lang::En {
                // English labels are ASCII.
                l.fill(text, &[("label", &label.to_ascii_lowercase())])
            } else {
                with_label(text)
            }
        }
        FieldError::TooLong { max } => l.fill(
            Text::ErrTooLong,
            &[("label", label), ("max", &l.number(*max))],
        ),
        FieldError::ControlCharacters => with_label(Text::ErrControl),
        FieldError::DomainPrefixShape => l.t(Text::ErrDomainShape).into(),
        FieldError::DomainTaken { domain } => l.fill(Text::ErrDomainTaken, &[("domain", domain)]),
        FieldError::Email => l.t(Text::ErrEmail).into(),
        FieldError::UnknownCountry => l.t(Text::ErrUnknownCountry).into(),
        FieldError::UnknownState => l.t(Text::ErrUnknownState).into(),
        FieldError::PostalCode {
            example: Some(example),
        } => l.fill(Text::ErrPostalExample, &[("example", example)]),
        FieldError::PostalCode { example: None } => l.t(Text::ErrPostal).into(),
        FieldError::Phone => l.t(Text::ErrPhone).into(),
        FieldError::Language => l.t(Text::ErrLanguage).into(),
    }
}

pub fn relationship(l: Lang, relationship: Relationship) -> &'static str {
    l.t(match relationship {
        Relationship::None => Text::RelNone,
        Relationship::Reseller => Text::RelReseller,
        Relationship::Advisor => Text::RelAdvisor,
        Relationship::Syndication => Text::RelSyndication,
        Relationship::MicrosoftSupport => Text::RelMicrosoftSupport,
    })
}

/// A culture as people read it in the "Language" list: its name in the reader's language, then its code.
pub fn culture_name(l: Lang, culture: &str) -> String {
    let english = match culture {
        "zh-CN" => "Chinese (Simplified, China)",
        "en-US" => "English (United States)",
        "es-US" => "Spanish (United States)",
        "en-CA" => "English (Canada)",
        "fr-CA" => "French (Canada)",
        "en-AU" => "English (Australia)",
        "pt-BR" => "Portuguese (Brazil)",
        "en-GB" => "English (United Kingdom)",
        "de-DE" => "German (Germany)",
        "fr-FR" => "French (France)",
        "ja-JP" => "Japanese (Japan)",
        "en-IN" => "English (India)",
        "hi-IN" => "Hindi (India)",
        "ru-RU" => "Russian (Russia)",
        "hu-HU" => "Hungarian (Hungary)",
        _ => return culture.to_string(),
    };
    let name = match l {
        Lang::En => None,
        _ => crate::i18n::intl::language_name(l, culture),
    };
    format!("{} – {culture}", name.as_deref().unwrap_or(english))
}

/// A country's name in the reader's language; the English name where the browser has none.
pub fn country_name(l: Lang, code: &str) -> String {
    let english = crate::model::rules::countries::country_name(code);
    match l {
        Lang::En => english.to_string(),
        _ => crate::i18n::intl::region_name(l, code).unwrap_or_else(|| english.to_string()),
    }
}

/// Countries in the order a reader of `l` expects their names: English as written, the others by `Intl.Collator`.
pub fn country_order(l: Lang) -> crate::model::rules::countries::CountryOrder {
    use crate::model::rules::countries::CountryOrder;
    match l {
        Lang::En => CountryOrder::english(),
        _ => CountryOrder::by_names(&|code| country_name(l, code), &|a, b| {
            crate::i18n::intl::compare(l, a, b)
        }),
    }
}

// Storage
pub fn storage_error(l: Lang, error: &StorageError) -> String {
    match error {
        StorageError::QuotaExceeded => l.t(Text::StorageFull).into(),
        StorageError::Unavailable(_) => l.t(Text::StorageUnavailable).into(),
        StorageError::Failed(detail) => l.fill(Text::StorageFailed, &[("detail", detail)]),
        StorageError::Blocked => l.t(Text::StorageBlockedRecord).into(),
    }
}

/// Export refused to write part of the store as if it were all of it.
pub fn export_incomplete(l: Lang, error: &StorageError) -> String {
    l.fill(
        Text::ExportIncomplete,
        &[("error", &storage_problem(l, error))],
    )
}

/// What storage said, as a phrase inside another sentence ("Nothing was removed: storage is full.").
pub fn storage_problem(l: Lang, error: &StorageError) -> String {
    match error {
        StorageError::QuotaExceeded => l.t(Text::ProblemStorageFull).into(),
        StorageError::Unavailable(detail) => {
            l.fill(Text::ProblemStorageUnavailable, &[("detail", detail)])
        }
        StorageError::Failed(detail) => l.fill(Text::ProblemStorageFailed, &[("detail", detail)]),
        StorageError::Blocked => l.t(Text::ProblemStorageBlocked).into(),
    }
}

/// Shown in place of an embedded app whose `storage-key` attribute is not allowed.
pub fn bad_storage_key(l: Lang, value: &str) -> String {
    l.fill(Text::BadStorageKey, &[("value", &isolate(value))])
}
/// Shown in place of an embedded app whose `cloud` attribute is not one we know.
pub fn unknown_cloud(l: Lang, value: &str) -> String {
    l.fill(Text::UnknownCloud, &[("value", &isolate(value))])
}

pub fn unreadable_records(l: Lang, n: usize) -> String {
    count(l, n, Text::UnreadableOne, Text::UnreadableOther)
}
pub fn confirm_discard(l: Lang, n: usize) -> String {
    count(l, n, Text::ConfirmDiscardOne, Text::ConfirmDiscardOther)
}
pub fn discarded(l: Lang, n: usize) -> String {
    count(l, n, Text::DiscardedOne, Text::DiscardedOther)
}

// List actions
pub fn imported(l: Lang, n: usize) -> String {
    count(l, n, Text::ImportedOne, Text::ImportedOther)
}
pub fn import_checking(l: Lang, checked: usize, total: usize) -> String {
    l.fill(
        Text::ImportChecking,
        &[("checked", &l.number(checked)), ("total", &l.number(total))],
    )
}
pub fn import_saving(l: Lang, total: usize) -> String {
    l.fill(Text::ImportSaving, &[("total", &l.number(total))])
}
pub fn import_bad_value(l: Lang, detail: &str) -> String {
    l.fill(Text::ImportBadValue, &[("detail", detail)])
}
pub fn import_domain(l: Lang, domain: &str, suffix: &str) -> String {
    l.fill(
        Text::ImportDomain,
        &[("domain", &isolate(domain)), ("suffix", suffix)],
    )
}

/// Where a record's problem is and what it is, for import messages ("Record 3, Email: …").
pub fn problem(l: Lang, problem: &Problem) -> (String, String) {
    let at = |place: &str, text: Text| (place.to_string(), l.t(text).to_string());
    const REGION: &str = "billingProfile.defaultAddress.region";
    match problem {
        Problem::Field(field, error) => {
            (field_label(l, *field).into(), field_error(l, *field, error))
        }
        Problem::Untrimmed(field) => at(field_label(l, *field), Text::ProblemUntrimmed),
        Problem::TenantId => at("companyProfile.tenantId", Text::ImportTenantId),
        Problem::Domain => at(l.t(Text::Domain), Text::ProblemDomain),
        Problem::Language => at("billingProfile.language", Text::ProblemLanguage),
        Problem::Stamps => at("createdAt, updatedAt or etag", Text::ProblemStamps),
        Problem::OrgNumberNotAsked => at(
            field_label(l, Field::OrganizationRegistrationNumber),
            Text::ProblemOrgNumber,
        ),
        Problem::Region(FieldError::TooLong { max }) => (
            REGION.into(),
            l.fill(Text::ProblemRegionTooLong, &[("max", &l.number(*max))]),
        ),
        Problem::Region(FieldError::ControlCharacters) => at(REGION, Text::ProblemRegionControl),
        Problem::Region(_) => at(REGION, Text::ProblemRegionOther),
        Problem::CompanyProfileName => at(
            "companyProfile.companyName",
            Text::ProblemCompanyProfileName,
        ),
    }
}
pub fn import_not_json(l: Lang, line: usize, column: usize) -> String {
    l.fill(
        Text::ImportNotJson,
        &[("line", &line.to_string()), ("column", &column.to_string())],
    )
}
pub fn import_too_many(l: Lang, n: usize, max: usize) -> String {
    l.fill(
        Text::ImportTooMany,
        &[("count", &l.number(n)), ("max", &l.number(max))],
    )
}
pub fn import_total_count(l: Lang, total: &str, n: usize) -> String {
    l.fill(
        Text::ImportTotalCount,
        &[("total", total), ("count", &l.number(n))],
    )
}
pub fn import_id_exists(l: Lang, id: &str) -> String {
    l.fill(Text::ImportIdExists, &[("id", id)])
}
pub fn import_domain_unreadable(l: Lang, domain: &str) -> String {
    l.fill(Text::ImportDomainUnreadable, &[("domain", domain)])
}
pub fn import_domain_exists(l: Lang, domain: &str) -> String {
    l.fill(Text::ImportDomainExists, &[("domain", domain)])
}
pub fn import_storage_error(l: Lang, error: &StorageError) -> String {
    match error {
        StorageError::QuotaExceeded => l.t(Text::ImportStorageFull).into(),
        other => l.fill(
            Text::ImportStorageOther,
            &[("error", &storage_problem(l, other))],
        ),
    }
}
pub fn file_unreadable(l: Lang, reason: &str) -> String {
    l.fill(Text::FileUnreadable, &[("reason", reason)])
}
/// "Load demo customers" outcome, naming the demo customers an unreadable record's domain kept out.
pub fn demo_outcome(l: Lang, added: usize, skipped: usize, reserved: &[String]) -> String {
    let mut text = demo_loaded(l, added, skipped);
    if !reserved.is_empty() {
        text.push(' ');
        text.push_str(&l.fill(Text::DemoReserved, &[("domains", &reserved.join(", "))]));
    }
    text
}
pub fn demo_loaded(l: Lang, added: usize, skipped: usize) -> String {
    let text = match (added, skipped) {
        (0, _) => return l.t(Text::DemoAllHere).into(),
        (_, 0) => l.plural(added, Text::DemoAddedOne, Text::DemoAddedOther),
        _ => l.plural(added, Text::DemoSkippedOne, Text::DemoSkippedOther),
    };
    crate::i18n::fill(
        text,
        &[("added", &l.number(added)), ("skipped", &l.number(skipped))],
    )
}
pub fn demo_storage_error(l: Lang, error: &StorageError) -> String {
    match error {
        StorageError::QuotaExceeded => l.t(Text::DemoStorageFull).into(),
        other => l.fill(
            Text::DemoStorageOther,
            &[("error", &storage_problem(l, other))],
        ),
    }
}
pub fn confirm_remove_all(l: Lang, customers: usize, unreadable: usize) -> String {
    let mut what = count(l, customers, Text::CustomersOne, Text::CustomersOther);
    if unreadable > 0 {
        what = crate::i18n::fill(
            l.plural(unreadable, Text::AndUnreadableOne, Text::AndUnreadableOther),
            &[("what", &what), ("count", &l.number(unreadable))],
        );
    }
    l.fill(Text::ConfirmRemoveAll, &[("what", &what)])
}
pub fn remove_failed(l: Lang, error: &StorageError) -> String {
    l.fill(Text::RemoveFailed, &[("error", &storage_problem(l, error))])
}

// Remove (details)
pub fn confirm_remove(l: Lang, company: &str, domain: &str) -> String {
    l.fill(
        Text::ConfirmRemove,
        &[("company", &isolate(company)), ("domain", &isolate(domain))],
    )
}
pub fn removed(l: Lang, company: &str) -> String {
    l.fill(Text::Removed, &[("company", &isolate(company))])
}
pub fn restored(l: Lang, company: &str) -> String {
    l.fill(Text::Restored, &[("company", &isolate(company))])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_in_a_message_reverses_only_itself() {
        // A right-to-left override in a company name, a search or a file's value stays inside its isolate.
        let spoof = "Evil\u{202E}gnp.exe";
        assert_eq!(
            confirm_remove(Lang::En, spoof, "evil.partner.onmschina.cn"),
            "Remove \u{2068}Evil\u{202E}gnp.exe\u{2069} (\u{2068}evil.partner.onmschina.cn\u{2069}) from this \
             browser? You can undo this until your next action."
        );
        for l in Lang::ALL {
            for message in [
                confirm_remove(l, spoof, "x"),
                removed(l, spoof),
                restored(l, spoof),
                edit_heading(l, spoof),
                no_match(l, spoof),
                import_domain(l, spoof, ".partner.onmschina.cn"),
                bad_storage_key(l, spoof),
            ] {
                assert!(message.contains(&isolate(spoof)), "{message}");
            }
        }
    }

    #[test]
    fn counts_read_naturally() {
        assert_eq!(customer_count(Lang::En, 50_000, 50_000), "50,000 customers");
        assert_eq!(customer_count(Lang::En, 3, 3), "3 customers");
        assert_eq!(customer_count(Lang::En, 1, 1), "1 customer");
        assert_eq!(customer_count(Lang::En, 0, 0), "No customers");
        assert_eq!(customer_count(Lang::Pt, 0, 0), "Nenhum cliente");
        assert_eq!(customer_count(Lang::Zh, 0, 0), "没有客户");
        assert_eq!(customer_count(Lang::En, 1, 3), "Showing 1 of 3 customers");
        assert_eq!(
            customer_count(Lang::En, 11, 1_000),
            "Showing 11 of 1,000 customers"
        );
        assert_eq!(customer_count(Lang::Pt, 50_000, 50_000), "50.000 clientes");
        assert_eq!(customer_count(Lang::Pt, 1, 1), "1 cliente");
        assert_eq!(customer_count(Lang::Zh, 50_000, 50_000), "50,000 位客户");
        assert_eq!(customer_count(Lang::Zh, 2, 5), "显示 2 位客户，共 5 位");
        assert_eq!(page_of(Lang::Pt, 2, 1_250), "Página 2 de 1.250");
    }

    #[test]
    fn every_error_names_what_to_do() {
        let errors = [
            FieldError::Required,
            FieldError::TooLong { max: 50 },
            FieldError::ControlCharacters,
            FieldError::DomainPrefixShape,
            FieldError::DomainTaken {
                domain: "a.partner.onmschina.cn".into(),
            },
            FieldError::Email,
            FieldError::UnknownCountry,
            FieldError::UnknownState,
            FieldError::PostalCode {
                example: Some("100080".into()),
            },
            FieldError::Phone,
            FieldError::Language,
        ];
        for lang in Lang::ALL {
            for error in &errors {
                let text = field_error(lang, Field::CompanyName, error);
                assert!(
                    (text.ends_with('.') || text.ends_with('。')) && text.chars().count() > 5,
                    "{text}"
                );
                assert!(!text.contains('{'), "{text}");
            }
        }
        assert_eq!(
            field_error(Lang::En, Field::FirstName, &FieldError::Required),
            "Enter the first name."
        );
        assert_eq!(
            field_error(Lang::En, Field::State, &FieldError::Required),
            "Select a state or province."
        );
        assert_eq!(
            field_error(Lang::Zh, Field::CompanyName, &FieldError::Required),
            "请输入公司名称。"
        );
        assert!(field_error(Lang::En, Field::DomainPrefix, &errors[4]).contains("already in use"));
    }

    #[test]
    fn plural_texts_follow_the_count() {
        assert_eq!(
            form_problems(Lang::En, 1),
            "There is 1 problem. Fix the field marked below."
        );
        assert_eq!(
            form_problems(Lang::En, 3),
            "There are 3 problems. Fix the fields marked below."
        );
        assert_eq!(
            confirm_remove_all(Lang::En, 3, 1),
            "Remove all data? This deletes 3 customers and 1 unreadable record kept by this app in this browser, \
            for good. Export them first if you may need them."
        );
        assert_eq!(
            demo_loaded(Lang::En, 2, 1),
            "Added 2 demo customers; 1 were here already."
        );
        assert_eq!(imported(Lang::Pt, 1_000), "1.000 clientes importados.");
    }

    #[test]
    fn storage_problems_read_as_before_in_english_and_are_translated() {
        for error in [
            StorageError::QuotaExceeded,
            StorageError::Unavailable("SecurityError".into()),
            StorageError::Failed("x".into()),
            StorageError::Blocked,
        ] {
            assert_eq!(storage_problem(Lang::En, &error), error.to_string());
            assert!(crate::i18n::looks_chinese(&remove_failed(Lang::Zh, &error)));
        }
    }

    #[test]
    fn cultures_show_name_and_code() {
        assert_eq!(
            culture_name(Lang::En, "zh-CN"),
            "Chinese (Simplified, China) – zh-CN"
        );
        assert_eq!(culture_name(Lang::En, "xx-YY"), "xx-YY");
    }
}
