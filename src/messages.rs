//! Every string the interface shows, in one place, so that it can be translated without touching the views.
//! The labels named in the issues are the app's interface: tests and users rely on them exactly.

use crate::model::acceptance::Problem;
use crate::model::{Field, FieldError, Relationship};
use crate::storage::StorageError;

pub const APP_NAME: &str = "Customer Accounts";

/// The document title for a page, so tabs, history and screen readers tell pages apart.
pub fn page_title(page: &str) -> String {
    format!("{page} – {APP_NAME}")
}
/// A step of a page, for the title: "Review – Add customer".
pub fn step_title(step: &str, page: &str) -> String {
    format!("{step} – {page}")
}

// List
pub const CUSTOMERS: &str = "Customers";
pub const SKIP_TO_MAIN: &str = "Skip to main content";
/// The locale dates are written for (`Intl`).
pub const LOCALE: &str = "en-US";
pub const DISMISS: &str = "Dismiss";
pub const ADD_CUSTOMER: &str = "Add customer";
pub const SEARCH_CUSTOMERS: &str = "Search customers";
pub const SEARCH_PLACEHOLDER: &str = "Company name or domain";
pub const COL_COMPANY_NAME: &str = "Company name";
pub const COL_DOMAIN: &str = "Primary domain name";
pub const COL_COUNTRY: &str = "Country/region";
pub const COL_RELATIONSHIP: &str = "Relationship";
pub const EMPTY_TITLE: &str = "No customers yet";
pub const EMPTY_TEXT: &str =
    "Add your first customer to keep their account details here, in this browser.";
pub const EMPTY_ACTION: &str = "Add your first customer";

/// "3 customers", or "Showing 1 of 3 customers" while a search filters the list.
pub const PAGES: &str = "Pages";
pub const ROWS_PER_PAGE: &str = "Rows per page";
pub const FIRST_PAGE: &str = "First page";
pub const PREVIOUS_PAGE: &str = "Previous page";
pub const NEXT_PAGE: &str = "Next page";
pub const LAST_PAGE: &str = "Last page";
pub fn page_of(page: usize, pages: usize) -> String {
    format!("Page {} of {}", number(page), number(pages))
}
/// A count as a reader expects it: "50,000".
pub fn number(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}
pub fn customer_count(shown: usize, total: usize) -> String {
    let noun = if total == 1 { "customer" } else { "customers" };
    if shown == total {
        format!("{} {noun}", number(total))
    } else {
        format!("Showing {} of {} {noun}", number(shown), number(total))
    }
}
pub const SORT_BY: &str = "Sort by";

pub fn no_match(query: &str) -> String {
    format!("No customers match “{}”.", query.trim())
}

// Add
pub const ACCOUNT_INFO: &str = "Account info";
pub const COMPANY_DETAILS: &str = "Company details";
pub const PRIMARY_CONTACT: &str = "Primary contact";
pub const BILLING_ADDRESS: &str = "Billing address";
pub const NEXT_REVIEW: &str = "Next: Review";
pub const REVIEW: &str = "Review";
pub const REVIEW_INTRO: &str =
    "Check the details. The domain can't be changed after the customer is created.";
pub const BACK: &str = "Back";
pub const SUBMIT: &str = "Submit";
pub const CUSTOMER_ADDED: &str = "Customer added";
pub const ADMIN_USER_NAME: &str = "Admin user name";
pub const TEMPORARY_PASSWORD: &str = "Temporary password";
pub const PASSWORD_ONCE: &str =
    "Give these sign-in details to the customer's admin now: the password is shown only this once and is not stored.";
pub const DONE: &str = "Done";
pub const SAVING: &str = "Saving…";
pub const OPTIONAL: &str = "Optional";
pub const SELECT_STATE: &str = "Select a state or province";

pub fn domain_available(domain: &str) -> String {
    format!("{domain} is available.")
}

pub fn domain_suffix_hint(suffix: &str) -> String {
    format!("The domain will end in {suffix}. It can't be changed later.")
}

pub const BREADCRUMB: &str = "Breadcrumb";

// Details
pub const ACCOUNT: &str = "Account";
pub const MICROSOFT_ID: &str = "Microsoft ID";
pub const DOMAIN: &str = "Domain";
pub const RELATIONSHIP: &str = "Relationship";
pub const ORG_NUMBER: &str = "Organization registration number";
pub const CREATED: &str = "Created";
pub const UPDATED: &str = "Last updated";
pub const NAME: &str = "Name";
pub const EDIT: &str = "Edit";
pub const NOT_PROVIDED: &str = "Not provided";

// Edit
pub fn edit_heading(company: &str) -> String {
    format!("Edit account details: {company}")
}
pub const CANCEL: &str = "Cancel";
pub const DOMAIN_READ_ONLY: &str = "The domain can't be changed.";
pub const LEAVE_UNSAVED: &str = "You have unsaved changes. Leave this page and discard them?";
pub const SAVED: &str = "Changes saved.";

// Not found
pub const NOT_FOUND_TITLE: &str = "Page not found";
pub const NOT_FOUND_TEXT: &str =
    "There is no page or customer at this address. It may have been removed.";
pub const CUSTOMER_NOT_FOUND_TITLE: &str = "Customer not found";

/// Announced in the alert region when "Next: Review" or "Submit" finds problems.
pub fn form_problems(count: usize) -> String {
    if count == 1 {
        "There is 1 problem. Fix the field marked below.".into()
    } else {
        format!("There are {count} problems. Fix the fields marked below.")
    }
}

/// A field's visible label: the accessible name tests and users rely on.
pub fn field_label(field: Field) -> &'static str {
    match field {
        Field::CompanyName => "Company name",
        Field::DomainPrefix => "Domain prefix",
        Field::Country => "Country/region",
        Field::AddressLine1 => "Address line 1",
        Field::AddressLine2 => "Address line 2",
        Field::City => "City",
        Field::State => "State or province",
        Field::PostalCode => "Postal code",
        Field::FirstName => "First name",
        Field::LastName => "Last name",
        Field::Email => "Email",
        Field::Phone => "Phone",
        Field::Language => "Language",
        Field::OrganizationRegistrationNumber => "Organization registration number",
    }
}

/// The message shown under a field, tied to it by `aria-describedby`.
pub fn field_error(field: Field, error: &FieldError) -> String {
    let label = field_label(field);
    match error {
        FieldError::Required => match field {
            Field::State | Field::Country | Field::Language => {
                format!("Select a {}.", label.to_lowercase())
            }
            _ => format!("Enter the {}.", label.to_lowercase()),
        },
        FieldError::TooLong { max } => format!("{label} can be at most {max} characters."),
        FieldError::ControlCharacters => format!("{label} can't contain line breaks or tabs."),
        FieldError::DomainPrefixShape => {
            "Use 1 to 27 letters (a–z) or digits, with no spaces, dots or hyphens.".into()
        }
        FieldError::DomainTaken { domain } => {
            format!("{domain} is already in use. Choose another domain prefix.")
        }
        FieldError::Email => "Enter an email address like name@contoso.com.".into(),
        FieldError::UnknownCountry => "Select a country or region from the list.".into(),
        FieldError::UnknownState => "Select a state or province from the list.".into(),
        FieldError::PostalCode {
            example: Some(example),
        } => {
            format!("Enter a postal code in this country's format, for example {example}.")
        }
        FieldError::PostalCode { example: None } => "Enter a valid postal code.".into(),
        FieldError::Phone => {
            "Enter a phone number of 6 to 15 digits, for example +86 10 5869 6000.".into()
        }
        FieldError::Language => "Select a language offered for this country.".into(),
    }
}

pub fn relationship(relationship: Relationship) -> &'static str {
    match relationship {
        Relationship::None => "None",
        Relationship::Reseller => "Reseller",
        Relationship::Advisor => "Advisor",
        Relationship::Syndication => "Syndication",
        Relationship::MicrosoftSupport => "Microsoft support",
    }
}

/// A culture as people read it in the "Language" list.
pub fn culture_name(culture: &str) -> String {
    let name = match culture {
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
    format!("{name} – {culture}")
}

// Storage
pub fn storage_error(error: &StorageError) -> String {
    match error {
        StorageError::QuotaExceeded => {
            "Nothing was saved: this browser's storage for the app is full. Export your \
            customers and remove the ones you no longer need (or other data of this site), then submit again. Your \
            entries are kept."
                .into()
        }
        StorageError::Unavailable(_) => {
            "Nothing was saved: this browser blocks storage for the app. Your entries are \
            kept."
                .into()
        }
        StorageError::Failed(detail) => format!(
            "Nothing was saved: the browser refused to store it ({detail}). Your \
            entries are kept."
        ),
        StorageError::Blocked => "Nothing was saved: an unreadable stored record is kept where this customer \
            would be stored. Use “Download unreadable records”, then “Discard unreadable records”, and submit \
            again. Your entries are kept."
            .into(),
    }
}

/// Shown in place of an embedded app whose `cloud` attribute is not one we know.
pub fn bad_storage_key(value: &str) -> String {
    format!(
        "Customer Accounts can't start: the storage key “{value}” is not allowed. Use 1 to 64 letters (A–Z, a–z), \
        digits, hyphens or underscores."
    )
}
pub fn unknown_cloud(value: &str) -> String {
    format!(
        "Customer Accounts can't start: the cloud “{value}” is unknown. Set the cloud attribute to 21vianet or global."
    )
}

pub const STORAGE_BLOCKED: &str =
    "This browser blocks storage for this page, so customers are kept only until you \
    close or reload it.";

pub fn unreadable_records(count: usize) -> String {
    if count == 1 {
        "1 stored record could not be read and is not listed. It has been left as it was: \
        download it to recover it, or discard it."
            .into()
    } else {
        format!(
            "{count} stored records could not be read and are not listed. They have been left as they were: \
            download them to recover them, or discard them."
        )
    }
}

// Conflicts (edit)
pub const CHANGED_ELSEWHERE: &str =
    "This customer was changed elsewhere (in another tab or window) since you opened it. Nothing was saved. \
    Review the newer values, or overwrite them with yours.";
pub const REVIEW_NEWER: &str = "Review newer values";
pub const OVERWRITE: &str = "Overwrite with my changes";
pub const SHOWING_NEWER: &str =
    "The form now shows the newer values. Make your changes again, then submit.";
pub const CHANGED_WHILE_EDITING: &str =
    "This customer has just been changed in another tab. If you submit, you will be asked what to do.";
pub const REMOVED_ELSEWHERE: &str =
    "This customer was removed elsewhere (in another tab or window). Nothing was saved.";

// Unreadable records
pub const DOWNLOAD_UNREADABLE: &str = "Download unreadable records";
pub const DISCARD_UNREADABLE: &str = "Discard unreadable records";
pub const UNREADABLE_FILE: &str = "unreadable-records.json";
pub fn confirm_discard(count: usize) -> String {
    let records = if count == 1 { "record" } else { "records" };
    format!(
        "Discard {count} unreadable {records}? They are deleted from this browser for good. Download them first if \
        you may want to recover them."
    )
}
pub fn discarded(count: usize) -> String {
    let records = if count == 1 { "record" } else { "records" };
    format!("Discarded {count} unreadable {records}.")
}
pub const ID_IN_USE_UNREADABLE: &str =
    "A stored record with this Microsoft ID exists but can't be read. Download and discard it first.";

// List actions
pub const EXPORT_CSV: &str = "Export CSV";
pub const EXPORT_JSON: &str = "Export JSON";
pub const IMPORT_JSON: &str = "Import JSON";
pub const CSV_FILE: &str = "customers.csv";
pub const JSON_FILE: &str = "customers.json";
pub const MORE_ACTIONS: &str = "More actions";
pub const LOAD_DEMO: &str = "Load demo customers";
pub const REMOVE_ALL: &str = "Remove all data";
pub const DOWNLOAD_FAILED: &str =
    "The browser did not start the download. Try again, or allow downloads for this page.";
pub fn imported(count: usize) -> String {
    let noun = if count == 1 { "customer" } else { "customers" };
    format!("Imported {} {noun}.", number(count))
}
pub const IMPORT_CANCELLED: &str = "Import cancelled. Nothing was imported.";
pub const CANCEL_IMPORT: &str = "Cancel import";
pub const IMPORT_PROGRESS: &str = "Import progress";
pub fn import_checking(checked: usize, total: usize) -> String {
    format!(
        "Checking {} of {} customers…",
        number(checked),
        number(total)
    )
}
pub fn import_saving(total: usize) -> String {
    format!("Saving {} customers…", number(total))
}
pub const IMPORT_NOT_AN_OBJECT: &str = "A customer must be a JSON object.";
pub fn import_bad_value(detail: &str) -> String {
    format!("This value is missing or not valid ({detail}).")
}
pub fn import_domain(domain: &str, suffix: &str) -> String {
    format!("“{domain}” is not a domain this app keeps: it must be a domain prefix followed by {suffix}.")
}
pub const IMPORT_TENANT_ID: &str = "The tenant id must equal the Microsoft ID.";

/// Where a record's problem is and what it is, for import messages ("Record 3, Email: …").
pub fn problem(problem: &Problem) -> (String, String) {
    let at = |place: &str, text: &str| (place.to_string(), text.to_string());
    match problem {
        Problem::Field(field, error) => (field_label(*field).into(), field_error(*field, error)),
        Problem::Untrimmed(field) => at(
            field_label(*field),
            "Remove the spaces at the start or end of this value.",
        ),
        Problem::TenantId => at("companyProfile.tenantId", IMPORT_TENANT_ID),
        Problem::Domain => at(DOMAIN, "This is not a domain this app keeps."),
        Problem::Language => at(
            "billingProfile.language",
            "The language must follow from the culture (zh for zh-CN).",
        ),
        Problem::Stamps => at(
            "createdAt, updatedAt or etag",
            "Each must be a short text without control characters.",
        ),
        Problem::OrgNumberNotAsked => at(
            field_label(Field::OrganizationRegistrationNumber),
            "Partner Center asks for this number only in Armenia, Azerbaijan, Belarus, Hungary, Kazakhstan, \
            Kyrgyzstan, Moldova, Russia, Tajikistan, Uzbekistan and Ukraine: remove it.",
        ),
        Problem::Region(FieldError::TooLong { max }) => (
            "billingProfile.defaultAddress.region".into(),
            format!("Use at most {max} characters."),
        ),
        Problem::Region(FieldError::ControlCharacters) => at(
            "billingProfile.defaultAddress.region",
            "Remove line breaks, tabs, other control characters and surrounding spaces.",
        ),
        Problem::Region(_) => at(
            "billingProfile.defaultAddress.region",
            "Give a visible value, or leave the region out.",
        ),
        Problem::CompanyProfileName => at(
            "companyProfile.companyName",
            "It must be the same as the billing profile's company name.",
        ),
    }
}
pub const IMPORT_TOO_LARGE: &str =
    "Nothing was imported: the file is larger than this browser's storage for the app could hold.";
pub fn import_not_json(line: usize, column: usize) -> String {
    format!("Nothing was imported: the file is not valid JSON (line {line}, column {column}).")
}
pub const IMPORT_WRONG_SHAPE: &str =
    "Nothing was imported: the file must be a JSON object with an “items” list of \
    customers, as “Export JSON” writes it.";
pub const IMPORT_EMPTY: &str = "Nothing was imported: the file has no customers.";
pub fn import_too_many(count: usize, max: usize) -> String {
    format!("Nothing was imported: the file has {count} customers; at most {max} can be imported at once.")
}
pub fn import_total_count(total: &str, count: usize) -> String {
    format!("The file says totalCount is {total}, but it has {count} customers.")
}
pub fn import_id_exists(id: &str) -> String {
    format!("A customer with Microsoft ID {id} already exists.")
}
pub fn import_domain_unreadable(domain: &str) -> String {
    format!("The domain {domain} is used by a stored record that can't be read.")
}
pub const IMPORT_RACE: &str =
    "Nothing was imported: another tab stored some of these customers' domains at the same moment. Import again.";
pub fn import_domain_exists(domain: &str) -> String {
    format!("A customer with the domain {domain} already exists.")
}
pub const IMPORT_PROBLEMS: &str =
    "Nothing was imported. Fix these problems in the file, then import it again:";
pub fn import_storage_error(error: &StorageError) -> String {
    match error {
        StorageError::QuotaExceeded => {
            "Nothing was imported: this browser's storage for the app is full. Export \
            and remove customers you no longer need, then import again."
                .into()
        }
        other => format!("Nothing was imported: {other}."),
    }
}
pub fn file_unreadable(reason: &str) -> String {
    format!("Nothing was imported: the file could not be read ({reason}).")
}
/// "Load demo customers" outcome, naming the demo customers an unreadable record's domain kept out.
pub fn demo_outcome(added: usize, skipped: usize, reserved: &[String]) -> String {
    let mut text = demo_loaded(added, skipped);
    if !reserved.is_empty() {
        text.push_str(&format!(
            " Not added, because a stored record that can't be read uses the domain: {}.",
            reserved.join(", ")
        ));
    }
    text
}
pub fn demo_loaded(added: usize, skipped: usize) -> String {
    let noun = if added == 1 { "customer" } else { "customers" };
    match (added, skipped) {
        (0, _) => "No demo customers were added: they are all here already.".into(),
        (_, 0) => format!("Added {added} demo {noun}."),
        _ => format!("Added {added} demo {noun}; {skipped} were here already."),
    }
}
pub fn demo_storage_error(error: &StorageError) -> String {
    match error {
        StorageError::QuotaExceeded => {
            "No demo customers were added: this browser's storage for the app is full.".into()
        }
        other => format!("No demo customers were added: {other}."),
    }
}
pub fn confirm_remove_all(customers: usize, unreadable: usize) -> String {
    let noun = if customers == 1 {
        "customer"
    } else {
        "customers"
    };
    let extra = match unreadable {
        0 => String::new(),
        1 => " and 1 unreadable record".into(),
        n => format!(" and {n} unreadable records"),
    };
    format!(
        "Remove all data? This deletes {customers} {noun}{extra} kept by this app in this browser, for good. \
        Export them first if you may need them."
    )
}
pub const REMOVED_ALL: &str = "All data was removed.";
pub fn remove_failed(error: &StorageError) -> String {
    format!("Nothing was removed: {error}.")
}

// Remove (details)
pub const REMOVE_CUSTOMER: &str = "Remove customer";
pub const REMOVE_SECTION: &str = "Remove from this browser";
pub const REMOVE_NOTE: &str =
    "Partner Center never deletes a customer. Removing only takes this record out of this \
    browser, to tidy demo data.";
pub fn confirm_remove(company: &str, domain: &str) -> String {
    format!("Remove {company} ({domain}) from this browser? You can undo this for a few seconds.")
}
pub fn removed(company: &str) -> String {
    format!("Removed {company}.")
}
pub const UNDO: &str = "Undo";
pub fn restored(company: &str) -> String {
    format!("Restored {company}.")
}
pub const UNDO_DOMAIN_TAKEN: &str =
    "It can't be restored: its domain is now used by another customer.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(number(0), "0");
        assert_eq!(number(999), "999");
        assert_eq!(number(1_000), "1,000");
        assert_eq!(number(50_000), "50,000");
        assert_eq!(number(1_234_567), "1,234,567");
        assert_eq!(customer_count(50_000, 50_000), "50,000 customers");
        assert_eq!(customer_count(1, 1), "1 customer");
        assert_eq!(customer_count(11, 1_000), "Showing 11 of 1,000 customers");
    }

    #[test]
    fn counts_read_naturally() {
        assert_eq!(customer_count(3, 3), "3 customers");
        assert_eq!(customer_count(1, 1), "1 customer");
        assert_eq!(customer_count(0, 0), "0 customers");
        assert_eq!(customer_count(1, 3), "Showing 1 of 3 customers");
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
        for error in &errors {
            let text = field_error(Field::CompanyName, error);
            assert!(text.ends_with('.') && text.len() > 10, "{text}");
        }
        assert_eq!(
            field_error(Field::FirstName, &FieldError::Required),
            "Enter the first name."
        );
        assert_eq!(
            field_error(Field::State, &FieldError::Required),
            "Select a state or province."
        );
        assert!(field_error(Field::DomainPrefix, &errors[4]).contains("already in use"));
    }

    #[test]
    fn cultures_show_name_and_code() {
        assert_eq!(culture_name("zh-CN"), "Chinese (Simplified, China) – zh-CN");
        assert_eq!(culture_name("xx-YY"), "xx-YY");
    }
}
