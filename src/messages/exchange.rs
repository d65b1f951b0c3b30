//! The words of "Export CSV" and of an import's problems, made from the model's typed values.

use super::{
    country_name, field_label, import_bad_value, import_domain, import_domain_exists,
    import_domain_unreadable, import_id_exists, import_not_json, import_too_many,
    import_total_count, problem, relationship,
};
use crate::i18n::{places, Lang, Text};
use crate::model::exchange::{CsvColumn, CsvWords, ImportIssue, ImportProblem};
use crate::model::{Field, Relationship};

/// "Export CSV"'s words in the reader's language.
pub struct Csv(pub Lang);

impl CsvWords for Csv {
    fn column(&self, column: CsvColumn) -> String {
        csv_column(self.0, column).to_string()
    }

    fn relationship(&self, value: Relationship) -> String {
        relationship(self.0, value).to_string()
    }

    fn country(&self, code: &str) -> String {
        country_name(self.0, code)
    }

    fn state(&self, country: &str, state: &str) -> String {
        places::state_name(self.0, country, state).to_string()
    }
}

/// A CSV column's header: the list's column names, then the form's labels.
pub fn csv_column(l: Lang, column: CsvColumn) -> &'static str {
    let form = |field: Field| field_label(l, field);
    match column {
        CsvColumn::MicrosoftId => l.t(Text::MicrosoftId),
        CsvColumn::CompanyName => l.t(Text::ColCompanyName),
        CsvColumn::Domain => l.t(Text::ColDomain),
        CsvColumn::Relationship => l.t(Text::Relationship),
        CsvColumn::Country => l.t(Text::ColCountry),
        CsvColumn::AddressLine1 => form(Field::AddressLine1),
        CsvColumn::AddressLine2 => form(Field::AddressLine2),
        CsvColumn::City => form(Field::City),
        CsvColumn::State => form(Field::State),
        CsvColumn::PostalCode => form(Field::PostalCode),
        CsvColumn::Phone => form(Field::Phone),
        CsvColumn::FirstName => form(Field::FirstName),
        CsvColumn::LastName => form(Field::LastName),
        CsvColumn::Email => form(Field::Email),
        CsvColumn::Language => form(Field::Language),
        CsvColumn::OrgNumber => form(Field::OrganizationRegistrationNumber),
        CsvColumn::Created => l.t(Text::Created),
        CsvColumn::Updated => l.t(Text::Updated),
    }
}

/// Where a problem is (a field's label or a JSON path; `None` for the record or file as a whole), and what it is.
pub fn import_issue(l: Lang, issue: &ImportIssue) -> (Option<String>, String) {
    let whole = |text: Text| (None, l.t(text).to_string());
    let at = |place: Text, message: String| (Some(l.t(place).to_string()), message);
    match issue {
        ImportIssue::TooLarge => whole(Text::ImportTooLarge),
        ImportIssue::NotJson { line, column } => (None, import_not_json(l, *line, *column)),
        ImportIssue::WrongShape => whole(Text::ImportWrongShape),
        ImportIssue::Empty => whole(Text::ImportEmpty),
        ImportIssue::TooMany { count, max } => (None, import_too_many(l, *count, *max)),
        ImportIssue::TotalCount { total, count } => (None, import_total_count(l, total, *count)),
        ImportIssue::NotAnObject => whole(Text::ImportNotAnObject),
        ImportIssue::BadValue { path, detail } => (Some(path.clone()), import_bad_value(l, detail)),
        ImportIssue::ForeignDomain { domain, suffix } => {
            at(Text::Domain, import_domain(l, domain, suffix))
        }
        ImportIssue::Rule(rule) => {
            let (place, message) = problem(l, rule);
            (Some(place), message)
        }
        ImportIssue::IdExists(id) => at(Text::MicrosoftId, import_id_exists(l, &id.to_string())),
        ImportIssue::DomainExists(domain) => at(Text::Domain, import_domain_exists(l, domain)),
        ImportIssue::IdUnreadable => at(Text::MicrosoftId, l.t(Text::IdInUseUnreadable).into()),
        ImportIssue::DomainUnreadable(domain) => {
            at(Text::Domain, import_domain_unreadable(l, domain))
        }
        ImportIssue::Race => whole(Text::ImportRace),
    }
}

/// The most problem lines an import lists: a file of thousands of bad records would otherwise put every line in the
/// page (5,000 bad records made 45,000 lines and took 2 s), when the first show what to fix.
pub const PROBLEMS_LISTED: usize = 50;

/// The lines shown for an import's problems: the first [`PROBLEMS_LISTED`] in the file's order, then one that counts
/// the rest.
pub fn import_problem_lines(l: Lang, problems: &[ImportProblem]) -> Vec<String> {
    let mut lines: Vec<String> = problems
        .iter()
        .take(PROBLEMS_LISTED)
        .map(|problem| import_problem(l, problem))
        .collect();
    let rest = problems.len().saturating_sub(PROBLEMS_LISTED);
    if rest > 0 {
        lines.push(l.fill(Text::MoreProblems, &[("count", &l.number(rest))]));
    }
    lines
}

/// The line shown to the user: "Record 3, Email: Enter an email address like name@contoso.com."
pub fn import_problem(l: Lang, problem: &ImportProblem) -> String {
    let (place, message) = import_issue(l, &problem.issue);
    let Some(record) = problem.record else {
        return message;
    };
    let n = record.to_string();
    match place {
        Some(field) => l.fill(
            Text::RecordField,
            &[("n", &n), ("field", &field), ("message", &message)],
        ),
        None => l.fill(Text::RecordOnly, &[("n", &n), ("message", &message)]),
    }
}
