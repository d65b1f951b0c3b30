//! Filtering and ordering the customer list.

use super::customer::Customer;

/// Whether a customer matches what was typed in the search box: company name or domain contains it, ignoring case
/// and surrounding white space. An empty query matches everyone.
pub fn matches(customer: &Customer, query: &str) -> bool {
    let query = query.trim().to_lowercase();
    query.is_empty()
        || customer.company_name().to_lowercase().contains(&query)
        || customer.domain().contains(&query)
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
}
