//! What the list shows, sorts and searches on of one customer.

use uuid::Uuid;

use super::casing::lowercase;
use crate::model::customer::{Customer, Relationship};

/// What the list shows, sorts and searches on of one customer, made once when the customer is read. Memory keeps
/// this for every customer, and the rest of a customer only in its stored form (decoded when it is opened): 50,000
/// customers then take a few megabytes, not tens, and a keystroke compares keys made beforehand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub id: Uuid,
    /// The company name, then the same lower-cased (what sorting and searching compare), then the domain (stored
    /// lower case, so compared as it is): one allocation, where three texts would take three (a load makes 50,000).
    text: Box<str>,
    /// Where the company name ends and the domain starts in `text`.
    name_end: u32,
    domain_start: u32,
    /// The other columns; `None` when only the names were read (a load reads those first, see [`Listed`]).
    columns: Option<Columns>,
}

/// The list's columns besides the names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Columns {
    /// ISO 3166-1 alpha-2; blank when the record holds anything else (a damaged record, which the checks report).
    country: [u8; 2],
    pub relationship: Relationship,
}

impl Columns {
    pub fn new(country: &str, relationship: Relationship) -> Columns {
        let country = match country.as_bytes() {
            [a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => [*a, *b],
            _ => *b"  ",
        };
        Columns {
            country,
            relationship,
        }
    }

    pub fn of(customer: &Customer) -> Columns {
        Columns::new(customer.country(), customer.relationship_to_partner)
    }

    /// The country code (`""` when the record held none the list can show).
    pub fn country(&self) -> &str {
        std::str::from_utf8(&self.country).map_or("", str::trim)
    }
}

impl Summary {
    /// From the company name and domain.
    pub fn new(id: Uuid, company_name: &str, domain: &str, columns: Option<Columns>) -> Summary {
        let mut text = String::with_capacity(2 * company_name.len() + domain.len());
        text.push_str(company_name);
        if company_name.is_ascii() {
            text.extend(company_name.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            text.push_str(&lowercase(company_name));
        }
        let domain_start = text.len();
        text.push_str(domain);
        Summary {
            id,
            text: text.into_boxed_str(),
            name_end: company_name.len() as u32,
            domain_start: domain_start as u32,
            columns,
        }
    }

    /// A customer's summary.
    pub fn of(customer: &Customer) -> Summary {
        Summary::new(
            customer.id,
            customer.company_name(),
            customer.domain(),
            Some(Columns::of(customer)),
        )
    }

    pub fn company_name(&self) -> &str {
        self.text.get(..self.name_end as usize).unwrap_or_default()
    }

    /// The company name lower-cased.
    pub fn name_key(&self) -> &str {
        self.text
            .get(self.name_end as usize..self.domain_start as usize)
            .unwrap_or_default()
    }

    pub fn domain(&self) -> &str {
        self.text
            .get(self.domain_start as usize..)
            .unwrap_or_default()
    }

    /// The other columns, when they were read.
    pub fn columns(&self) -> Option<Columns> {
        self.columns
    }

    /// Fills in the other columns (once the whole record has been read).
    pub fn set_columns(&mut self, columns: Columns) {
        self.columns = Some(columns);
    }
}

/// What the list is made of: a summary, and its other columns, read on demand when the summary lacks them.
pub trait Listed {
    fn summary(&self) -> &Summary;
    fn columns(&self) -> Columns;
}

impl Listed for Summary {
    fn summary(&self) -> &Summary {
        self
    }

    fn columns(&self) -> Columns {
        self.columns.unwrap_or_default()
    }
}
