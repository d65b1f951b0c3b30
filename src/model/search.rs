//! Filtering and ordering the customer list.

use super::customer::Customer;

use super::countries::country_name;

/// How well a customer matches what was typed in the search box: company name or domain starting with it ranks
/// before containing it; `None` when neither contains it. Case and surrounding white space are ignored; an empty
/// query matches everyone alike.
pub fn rank(customer: &Customer, query: &str) -> Option<u8> {
    let query = query.trim().to_lowercase();
    rank_lowered(customer, &query)
}

fn rank_lowered(customer: &Customer, query: &str) -> Option<u8> {
    rank_keys(
        &customer.company_name().to_lowercase(),
        customer.domain(),
        query,
    )
}

/// The rank of a customer by its lower-cased name and domain, for a trimmed, lower-cased query.
fn rank_keys(name: &str, domain: &str, query: &str) -> Option<u8> {
    if query.is_empty() {
        return Some(0);
    }
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
}

/// The positions in `customers` of those that match `query`, prefix matches first, each group in `order`.
/// `customers` must be in name order (as [`sort`] leaves it, and the app's state keeps it): then the name order
/// costs nothing, and ties in another column stay in name order, because the sorts here are stable.
pub fn arrange(customers: &[Customer], query: &str, order: SortOrder) -> Vec<usize> {
    arrange_indexed(customers, &SearchIndex::new(customers), query, order)
}

/// What a search compares, made once per change of the list rather than on every keystroke: each customer's
/// lower-cased company name and domain, position for position with the list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchIndex {
    keys: Vec<(String, String)>,
}

impl SearchIndex {
    pub fn new(customers: &[Customer]) -> SearchIndex {
        SearchIndex {
            keys: customers
                .iter()
                .map(|c| {
                    (
                        c.company_name().to_lowercase(),
                        c.domain().to_ascii_lowercase(),
                    )
                })
                .collect(),
        }
    }
}

/// [`arrange`] with the list's [`SearchIndex`] (made from the same `customers`).
pub fn arrange_indexed(
    customers: &[Customer],
    index: &SearchIndex,
    query: &str,
    order: SortOrder,
) -> Vec<usize> {
    let query = query.trim().to_lowercase();
    let mut found: Vec<(u8, usize)> = if index.keys.len() == customers.len() {
        index
            .keys
            .iter()
            .enumerate()
            .filter_map(|(i, (name, domain))| rank_keys(name, domain, &query).map(|r| (r, i)))
            .collect()
    } else {
        // An index of another list (not expected): rank directly rather than wrongly.
        customers
            .iter()
            .enumerate()
            .filter_map(|(i, c)| rank_lowered(c, &query).map(|r| (r, i)))
            .collect()
    };
    let at = |i: usize| &customers[i];
    match order.key {
        SortKey::CompanyName => {}
        SortKey::Domain => found.sort_by(|(_, a), (_, b)| at(*a).domain().cmp(at(*b).domain())),
        SortKey::Country => found.sort_by_key(|(_, i)| country_name(at(*i).country())),
        // In the order Partner Center lists relationships (none, reseller, advisor, …).
        SortKey::Relationship => found.sort_by_key(|(_, i)| at(*i).relationship_to_partner as u8),
    }
    if order.descending {
        // Turned around, ties too; then the stable sort by rank keeps each rank's order.
        found.reverse();
    }
    found.sort_by_key(|(rank, _)| *rank);
    found.into_iter().map(|(_, i)| i).collect()
}

/// The list's order: by company name without regard to case, then by domain so equal names stay stable.
pub fn sort(customers: &mut [Customer]) {
    // Each name lower-cased once; domains compared as they are (stored lower case), without copies.
    let keys: Vec<String> = customers
        .iter()
        .map(|c| c.company_name().to_lowercase())
        .collect();
    let mut order: Vec<usize> = (0..customers.len()).collect();
    order.sort_by(|&a, &b| {
        keys[a]
            .cmp(&keys[b])
            .then_with(|| customers[a].domain().cmp(customers[b].domain()))
    });
    apply_order(customers, &order);
}

/// Rearranges `items` so that position `i` holds what was at `order[i]` (a permutation), by following cycles.
fn apply_order<T>(items: &mut [T], order: &[usize]) {
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        if placed[start] {
            continue;
        }
        let mut at = start;
        loop {
            placed[at] = true;
            let from = order[at];
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
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
        let mut list = vec![
            customer("Adventure Works", "adventure"),
            customer("Contoso", "contoso"),
            customer("Northwind Contoso", "northwind"),
            customer("contoso east", "ce"),
            customer("Fabrikam", "fabrikam"),
        ];
        sort(&mut list);
        let order = SortOrder::default();
        assert_eq!(
            names(&list, &arrange(&list, " CONTOSO", order)),
            ["Contoso", "contoso east", "Northwind Contoso"]
        );
        let named = |name: &str| list.iter().find(|c| c.company_name() == name);
        assert_eq!(
            named("Northwind Contoso").and_then(|c| rank(c, "contoso")),
            Some(1)
        );
        assert_eq!(named("Contoso").and_then(|c| rank(c, "contoso")), Some(0));
        assert_eq!(named("Fabrikam").and_then(|c| rank(c, "contoso")), None);
        // A domain prefix counts as a prefix match.
        assert_eq!(
            named("contoso east").and_then(|c| rank(c, "ce.partner")),
            Some(0)
        );
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
        let mut list = vec![customer("Gamma", "aa"), germany, customer("Alpha", "mm")];
        sort(&mut list);
        let by = |key, descending| names(&list, &arrange(&list, "", SortOrder { key, descending }));
        assert_eq!(by(SortKey::CompanyName, false), ["Alpha", "Beta", "Gamma"]);
        assert_eq!(by(SortKey::Domain, false), ["Gamma", "Alpha", "Beta"]);
        assert_eq!(by(SortKey::Domain, true), ["Beta", "Alpha", "Gamma"]);
        // China before Germany; ties by name.
        assert_eq!(by(SortKey::Country, false), ["Alpha", "Gamma", "Beta"]);
        // Descending turns ties around too (Gamma, Alpha in China).
        assert_eq!(by(SortKey::Country, true), ["Beta", "Gamma", "Alpha"]);
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

    #[test]
    fn an_index_gives_what_ranking_each_customer_gives() {
        let mut list = vec![
            customer("Contoso", "contoso"),
            customer("Northwind CONTOSO", "nw"),
            customer("Fabrikam", "fab-contoso"),
            customer("Ürün Ltd", "urun"),
        ];
        sort(&mut list);
        let index = SearchIndex::new(&list);
        for query in ["", "contoso", " CONT", "ürün", "ÜRÜN", "nothing", "fab-"] {
            for order in [
                SortOrder::default(),
                SortOrder::default().toggled(SortKey::CompanyName),
            ] {
                let direct: Vec<usize> = {
                    let mut found: Vec<(u8, usize)> = list
                        .iter()
                        .enumerate()
                        .filter_map(|(i, c)| rank(c, query).map(|r| (r, i)))
                        .collect();
                    if order.descending {
                        found.reverse();
                    }
                    found.sort_by_key(|(r, _)| *r);
                    found.into_iter().map(|(_, i)| i).collect()
                };
                assert_eq!(
                    arrange_indexed(&list, &index, query, order),
                    direct,
                    "{query:?}"
                );
            }
        }
        // An index of another list is not trusted.
        let other = SearchIndex::new(&list[..1]);
        assert_eq!(
            arrange_indexed(&list, &other, "contoso", SortOrder::default()).len(),
            3
        );
    }

    #[test]
    fn apply_order_puts_each_item_where_the_order_says() {
        // Every permutation of five items.
        fn permutations(n: usize) -> Vec<Vec<usize>> {
            if n == 0 {
                return vec![vec![]];
            }
            let mut all = Vec::new();
            for p in permutations(n - 1) {
                for at in 0..=p.len() {
                    let mut q = p.clone();
                    q.insert(at, n - 1);
                    all.push(q);
                }
            }
            all
        }
        for order in permutations(5) {
            let mut items: Vec<char> = "abcde".chars().collect();
            let expected: Vec<char> = order.iter().map(|&i| items[i]).collect();
            apply_order(&mut items, &order);
            assert_eq!(items, expected, "{order:?}");
        }
    }
}
