use super::order::apply_order;
use super::search::ordered;
use super::*;
use crate::model::form::tests::valid_details;
use crate::model::rules::countries::CountryOrder;
use crate::model::Customer;
use crate::model::{Cloud, WriteStamp};
use uuid::Uuid;

fn full(name: &str, prefix: &str) -> Customer {
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

fn customer(name: &str, prefix: &str) -> Summary {
    Summary::of(&full(name, prefix))
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

fn names(customers: &[Summary], positions: &[usize]) -> Vec<String> {
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
        names(
            &list,
            &arrange(&list, " CONTOSO", order, &CountryOrder::english())
        ),
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
        names(
            &list,
            &arrange(&list, "contoso", down, &CountryOrder::english())
        ),
        ["contoso east", "Contoso", "Northwind Contoso"]
    );
}

#[test]
fn every_column_sorts_both_ways() {
    let mut germany = full("Beta", "zz");
    germany.billing_profile.default_address.country = "DE".into();
    let mut list = vec![
        customer("Gamma", "aa"),
        Summary::of(&germany),
        customer("Alpha", "mm"),
    ];
    sort(&mut list);
    let by = |key, descending| {
        names(
            &list,
            &arrange(
                &list,
                "",
                SortOrder { key, descending },
                &CountryOrder::english(),
            ),
        )
    };
    assert_eq!(by(SortKey::CompanyName, false), ["Alpha", "Beta", "Gamma"]);
    assert_eq!(by(SortKey::CompanyName, true), ["Gamma", "Beta", "Alpha"]);
    // The list's own order is taken as it is: the same as the general way over every customer.
    for descending in [false, true] {
        let order = SortOrder {
            key: SortKey::CompanyName,
            descending,
        };
        let every = (0..list.len() as u32).map(|i| (0, i)).collect();
        assert_eq!(
            arrange(&list, " ", order, &CountryOrder::english()),
            ordered(&list, every, false, order, &CountryOrder::english())
        );
    }
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
fn arranging_gives_what_ranking_each_customer_gives() {
    let mut list = vec![
        customer("Contoso", "contoso"),
        customer("Northwind CONTOSO", "nw"),
        customer("Fabrikam", "fab-contoso"),
        customer("Ürün Ltd", "urun"),
    ];
    sort(&mut list);
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
                arrange(&list, query, order, &CountryOrder::english()),
                direct,
                "{query:?}"
            );
        }
    }
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

#[test]
fn names_sort_as_their_lower_cased_text_past_the_first_sixteen_bytes() {
    let mut list = vec![
        customer("Contoso Pharmaceuticals Beta", "b"),
        customer("contoso pharmaceuticals alpha", "a"),
        customer("Contoso Pharmaceuticals", "c"),
        customer("Contoso Pharmaceuticals Alpha", "aa"),
        customer("北京云计算", "bj"),
        customer("Ábaco", "ab"),
    ];
    sort(&mut list);
    let domains: Vec<&str> = list.iter().map(|c| c.domain()).collect();
    let mut expected = list.clone();
    expected.sort_by(|a, b| {
        (a.company_name().to_lowercase(), a.domain())
            .cmp(&(b.company_name().to_lowercase(), b.domain()))
    });
    let expected: Vec<&str> = expected.iter().map(|c| c.domain()).collect();
    assert_eq!(domains, expected);
    assert_eq!(
        &domains[..4],
        [
            "c.partner.onmschina.cn",
            "a.partner.onmschina.cn",
            "aa.partner.onmschina.cn",
            "b.partner.onmschina.cn"
        ]
    );
    // Customers put in at their place, in any order, one or a few or many at a time, make the same list as
    // sorting them all.
    let mut placed: Vec<Summary> = Vec::new();
    for i in [5, 0, 3] {
        place(&mut placed, vec![list[i].clone()]);
    }
    place(&mut placed, vec![list[1].clone(), list[4].clone()]);
    place(&mut placed, vec![list[2].clone()]);
    assert_eq!(placed, list);
    let many: Vec<Summary> = (0..20)
        .map(|i| {
            customer(
                &format!("Contoso Pharmaceuticals {}", 20 - i),
                &format!("m{i}"),
            )
        })
        .collect();
    place(&mut placed, many.clone());
    let mut all = list.clone();
    all.extend(many);
    sort(&mut all);
    assert_eq!(placed, all);
}

#[test]
fn sorting_the_front_puts_the_first_of_the_whole_order_first() {
    // Names that tie on their first 16 bytes, and differ in case, accents and script.
    let names = [
        "Contoso Pharmaceuticals Beta",
        "contoso pharmaceuticals alpha",
        "Contoso Pharmaceuticals",
        "北京云计算",
        "Ábaco",
        "Fabrikam",
        "fabrikam",
        "Adatum",
        "Zeta",
    ];
    let list: Vec<Summary> = (0..40)
        .map(|i| customer(names[(i * 7) % names.len()], &format!("d{}", (i * 13) % 40)))
        .collect();
    let mut sorted = list.clone();
    sort(&mut sorted);
    for count in [0, 1, 5, 25, 39, 40, 200] {
        let mut front = list.clone();
        sort_front(&mut front, count);
        let shown = count.min(list.len());
        assert_eq!(front[..shown], sorted[..shown], "the first {count}");
        // Nothing lost or repeated: the rest are the others.
        let mut all: Vec<&str> = front.iter().map(Summary::domain).collect();
        all.sort_unstable();
        let mut expected: Vec<&str> = list.iter().map(Summary::domain).collect();
        expected.sort_unstable();
        assert_eq!(all, expected, "count {count}");
        sort(&mut front);
        assert_eq!(front, sorted, "count {count}");
    }
}

#[test]
fn searching_the_text_finds_what_ranking_each_customer_finds() {
    let mut list = vec![
        customer("Contoso", "contoso"),
        customer("Northwind CONTOSO", "nw"),
        customer("Fabrikam", "fab-contoso"),
        customer("Ürün Ltd", "urun"),
        customer("Aaa Aaa", "aaaa"),
        customer("Wingtip", "tip"),
        customer("Tip Top", "top"),
    ];
    sort(&mut list);
    let text = SearchText::new(&list);
    let queries = [
        "", "contoso", " CONT", "ürün", "ÜRÜN", "nothing", "fab-", "aa", "aaa a", "tip", "t", "o",
        ".partner", "n\nw", "so\u{1}", "p.cn", "cn",
    ];
    for query in queries {
        for key in [SortKey::CompanyName, SortKey::Domain, SortKey::Country] {
            for descending in [false, true] {
                let order = SortOrder { key, descending };
                assert_eq!(
                    arrange_with(&list, &text, query, order, &CountryOrder::english()),
                    arrange(&list, query, order, &CountryOrder::english()),
                    "{query:?} {order:?}"
                );
            }
        }
    }
    // A prefix of the domain ranks first though the name also contains it later.
    let tip = arrange_with(
        &list,
        &text,
        "tip",
        SortOrder::default(),
        &CountryOrder::english(),
    );
    let names: Vec<&str> = tip.iter().map(|&i| list[i].company_name()).collect();
    assert_eq!(names, ["Tip Top", "Wingtip"]);
    // A text of another list is not trusted.
    let other = SearchText::new(&list[..1]);
    assert_eq!(
        arrange_with(
            &list,
            &other,
            "contoso",
            SortOrder::default(),
            &CountryOrder::english()
        ),
        arrange(
            &list,
            "contoso",
            SortOrder::default(),
            &CountryOrder::english()
        )
    );
}

#[test]
fn a_longer_query_refines_what_the_shorter_found_and_finds_the_same() {
    let mut list = vec![
        customer("Contoso", "contoso"),
        customer("Northwind CONTOSO", "nw"),
        customer("Fabrikam", "fab-contoso"),
        customer("Ürün Ltd", "urun"),
        customer("Cocoa Co", "coco"),
        customer("Wingtip", "tip"),
    ];
    sort(&mut list);
    let text = SearchText::new(&list);
    // Typed one character at a time, then shortened, then typed again: each answer is a fresh search's.
    let typed = [
        "c", "co", "con", "cont", "conto", "con", "co", "coc", "coco", "coco ", " Coco", "ü", "ür",
        "ürü", "x", "xy", "n", "nw",
    ];
    let mut before: Option<Found> = None;
    for query in typed {
        let found = text.find(query, before.as_ref()).expect("a query");
        assert_eq!(Some(&found), text.find(query, None).as_ref(), "{query:?}");
        for key in [SortKey::CompanyName, SortKey::Domain] {
            let order = SortOrder {
                key,
                descending: false,
            };
            assert_eq!(
                arrange_found(&list, &found, order, &CountryOrder::english()),
                arrange(&list, query, order, &CountryOrder::english()),
                "{query:?} {order:?}"
            );
        }
        before = Some(found);
    }
    // What "con" found in one text is never refined in another: the other text's customers are searched whole.
    let con = text.find("con", None).expect("a query");
    let mut others = vec![customer("Conga", "conga"), customer("Contoso", "contoso")];
    sort(&mut others);
    let other = SearchText::new(&others);
    let cont = other.find("cont", Some(&con)).expect("a query");
    assert_eq!(Some(&cont), other.find("cont", None).as_ref());
    assert_eq!(cont.len(), 1);
    assert_eq!(other.find("con", Some(&con)).map(|f| f.len()), Some(2));
    // Nothing to search for.
    assert_eq!(text.find("  ", None), None);
    assert_eq!(text.find("a\nb", None), None);
}
