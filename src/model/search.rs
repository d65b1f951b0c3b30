//! Filtering and ordering the customer list.

use super::customer::Customer;

use std::cmp::Ordering;

use super::countries::country_name;

/// How well a customer matches what was typed in the search box: company name or domain starting with it ranks
/// before containing it; `None` when neither contains it. Case and surrounding white space are ignored; an empty
/// query matches everyone alike.
pub fn rank(customer: &Customer, query: &str) -> Option<u8> {
    let query = query.trim().to_lowercase();
    rank_lowered(customer, &query)
}

fn rank_lowered(customer: &Customer, query: &str) -> Option<u8> {
    if query.is_empty() {
        return Some(0);
    }
    let name = customer.company_name().to_lowercase();
    let domain = customer.domain();
    if name.starts_with(query) || domain.starts_with(query) {
        Some(0)
    } else if name.contains(query) || domain.contains(query) {
        Some(1)
    } else {
        None
    }
}

/// Whether a customer matches what was typed in the search box (see [`rank`]).
pub fn matches(customer: &Customer, query: &str) -> bool {
    rank(customer, query).is_some()
}

/// A column of the list the user can sort by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    CompanyName,
    Domain,
    Country,
    Relationship,
}

/// The list's order: a column and a direction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SortOrder {
    pub key: SortKey,
    pub descending: bool,
}

impl SortOrder {
    /// The order after a click on `key`'s header: the same column turns around, another starts ascending.
    pub fn toggled(self, key: SortKey) -> SortOrder {
        SortOrder {
            key,
            descending: self.key == key && !self.descending,
        }
    }

    fn compare(self, a: &Customer, b: &Customer) -> Ordering {
        let by_name = || {
            a.company_name()
                .to_lowercase()
                .cmp(&b.company_name().to_lowercase())
                .then_with(|| a.domain().cmp(b.domain()))
        };
        let primary = match self.key {
            SortKey::CompanyName => by_name(),
            SortKey::Domain => a.domain().cmp(b.domain()),
            SortKey::Country => country_name(a.country()).cmp(country_name(b.country())),
            // In the order Partner Center lists relationships (none, reseller, advisor, …).
            SortKey::Relationship => {
                (a.relationship_to_partner as u8).cmp(&(b.relationship_to_partner as u8))
            }
        };
        let primary = if self.descending {
            primary.reverse()
        } else {
            primary
        };
        // Ties keep a stable, readable order: by name, then domain.
        primary.then_with(by_name)
    }
}

/// The positions in `customers` of those that match `query`, prefix matches first, each group in `order`.
pub fn arrange(customers: &[Customer], query: &str, order: SortOrder) -> Vec<usize> {
    let query = query.trim().to_lowercase();
    let mut found: Vec<(u8, usize)> = customers
        .iter()
        .enumerate()
        .filter_map(|(i, c)| rank_lowered(c, &query).map(|r| (r, i)))
        .collect();
    found.sort_by(|(ra, a), (rb, b)| {
        ra.cmp(rb)
            .then_with(|| order.compare(&customers[*a], &customers[*b]))
    });
    found.into_iter().map(|(_, i)| i).collect()
}

/// The list's order: by company name without regard to case, then by domain so equal names stay stable.
pub fn sort(customers: &mut [Customer]) {
    customers.sort_by_cached_key(|c| (c.company_name().to_lowercase(), c.domain().to_string()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validation::tests::valid_details;
    use crate::model::{Cloud, WriteStamp};
    use uuid::Uuid;

    fn customer(name: &str, prefix: &str) -> Customer {
        let mut details = valid_details();
        details.company_name = name.into();
        let stamp = WriteStamp {
            etag: "e".into(),
            now: "t".into(),
        };
        Customer::create(
            Uuid::from_u128(prefix.len() as u128),
            Cloud::default(),
            prefix,
            details,
            stamp,
        )
    }

    #[test]
    fn by_name_or_domain_ignoring_case() {
        let c = customer("Contoso Ltd", "wingtip");
        assert!(matches(&c, ""));
        assert!(matches(&c, "  CONTOSO "));
        assert!(matches(&c, "toso l"));
        assert!(matches(&c, "WingTip"));
        assert!(matches(&c, "onmschina"));
        assert!(!matches(&c, "fabrikam"));
        assert!(matches(&customer("Über Café", "uber"), "über"));
    }

    #[test]
    fn sorted_by_name_case_insensitively() {
        let mut list = vec![
            customer("beta", "b"),
            customer("Alpha", "a"),
            customer("alpha", "aa"),
        ];
        sort(&mut list);
        let names: Vec<_> = list.iter().map(|c| c.domain().to_string()).collect();
        assert_eq!(
            names,
            [
                "a.partner.onmschina.cn",
                "aa.partner.onmschina.cn",
                "b.partner.onmschina.cn"
            ]
        );
    }

    fn names(customers: &[Customer], positions: &[usize]) -> Vec<String> {
        positions
            .iter()
            .map(|&i| customers[i].company_name().to_string())
            .collect()
    }

    #[test]
    fn prefix_matches_come_first_then_contains() {
        let list = vec![
            customer("Adventure Works", "adventure"),
            customer("Contoso", "contoso"),
            customer("Northwind Contoso", "northwind"),
            customer("contoso east", "ce"),
            customer("Fabrikam", "fabrikam"),
        ];
        let order = SortOrder::default();
        assert_eq!(
            names(&list, &arrange(&list, " CONTOSO", order)),
            ["Contoso", "contoso east", "Northwind Contoso"]
        );
        assert_eq!(rank(&list[2], "contoso"), Some(1));
        assert_eq!(rank(&list[1], "contoso"), Some(0));
        assert_eq!(rank(&list[4], "contoso"), None);
        // A domain prefix counts as a prefix match.
        assert_eq!(rank(&list[3], "ce.partner"), Some(0));
        // Descending keeps prefix matches first, and turns each group around.
        let down = SortOrder::default().toggled(SortKey::CompanyName);
        assert!(down.descending);
        assert_eq!(
            names(&list, &arrange(&list, "contoso", down)),
            ["contoso east", "Contoso", "Northwind Contoso"]
        );
    }

    #[test]
    fn every_column_sorts_both_ways() {
        let mut germany = customer("Beta", "zz");
        germany.billing_profile.default_address.country = "DE".into();
        let list = vec![customer("Gamma", "aa"), germany, customer("Alpha", "mm")];
        let by = |key, descending| names(&list, &arrange(&list, "", SortOrder { key, descending }));
        assert_eq!(by(SortKey::CompanyName, false), ["Alpha", "Beta", "Gamma"]);
        assert_eq!(by(SortKey::Domain, false), ["Gamma", "Alpha", "Beta"]);
        assert_eq!(by(SortKey::Domain, true), ["Beta", "Alpha", "Gamma"]);
        // China before Germany; ties by name.
        assert_eq!(by(SortKey::Country, false), ["Alpha", "Gamma", "Beta"]);
        assert_eq!(by(SortKey::Country, true), ["Beta", "Alpha", "Gamma"]);
        assert_eq!(by(SortKey::Relationship, false), ["Alpha", "Beta", "Gamma"]);
        // Another column starts ascending.
        let order = SortOrder::default().toggled(SortKey::Domain);
        assert_eq!(
            order,
            SortOrder {
                key: SortKey::Domain,
                descending: false
            }
        );
        assert!(order.toggled(SortKey::Domain).descending);
    }
}
