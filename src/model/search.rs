//! Filtering and ordering the customer list.

use std::cmp::Ordering;

use uuid::Uuid;

use super::casing::lowercase;
use super::countries::CountryOrder;
use super::customer::{Customer, Relationship};
use super::sorting::{sort_keyed, stably, Keyed};

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

/// How well a customer matches what was typed in the search box: company name or domain starting with it ranks
/// before containing it; `None` when neither contains it. Case and surrounding white space are ignored; an empty
/// query matches everyone alike.
pub fn rank(customer: &Summary, query: &str) -> Option<u8> {
    rank_keys(customer, &lowercase(query.trim()))
}

/// The rank of a customer for a trimmed, lower-cased query.
fn rank_keys(customer: &Summary, query: &str) -> Option<u8> {
    if query.is_empty() {
        return Some(0);
    }
    let (name, domain) = (customer.name_key(), customer.domain());
    if name.starts_with(query) || domain.starts_with(query) {
        Some(0)
    } else if name.contains(query) || domain.contains(query) {
        Some(1)
    } else {
        None
    }
}

/// Whether a customer matches what was typed in the search box (see [`rank`]).
pub fn matches(customer: &Summary, query: &str) -> bool {
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

/// Every customer's lower-cased company name and domain in one text, position for position with the list: a search
/// is one pass over it, in memory order, rather than a visit to 100,000 strings spread over the heap. Made once per
/// change of the list, and only once somebody searches.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchText {
    /// Each customer as `name \u{1} domain \n`.
    text: String,
    /// Where each customer's entry starts.
    starts: Vec<u32>,
}

/// Between a name and its domain, and after the domain: characters a query never holds (see [`arrange_with`]).
const NAME_END: char = '\u{1}';
const ENTRY_END: char = '\n';

impl SearchText {
    pub fn new<T: Listed>(customers: &[T]) -> SearchText {
        let size: usize = customers
            .iter()
            .map(|c| c.summary().name_key().len() + c.summary().domain().len() + 2)
            .sum();
        let mut text = String::with_capacity(size);
        let mut starts = Vec::with_capacity(customers.len());
        for c in customers {
            starts.push(text.len() as u32);
            text.push_str(c.summary().name_key());
            text.push(NAME_END);
            text.push_str(c.summary().domain());
            text.push(ENTRY_END);
        }
        SearchText { text, starts }
    }
}

/// The positions in `customers` of those that match `query`, prefix matches first, each group in `order`.
/// `customers` must be in name order (as [`sort`] leaves it, and the app's state keeps it once a load has finished
/// sorting, see `AppState::finish_load`): then the name order
/// costs nothing, and ties in another column stay in name order, because the sorts here are stable. By
/// "Country/region", countries come in `countries`' order (the reader's names, alphabetically).
pub fn arrange<T: Listed>(
    customers: &[T],
    query: &str,
    order: SortOrder,
    countries: &CountryOrder,
) -> Vec<usize> {
    let query = lowercase(query.trim());
    if query.is_empty() && order.key == SortKey::CompanyName {
        // The list's own order (what the first page of a load shows): every position as it is, or turned around,
        // without a pass over every customer.
        let all = 0..customers.len();
        return if order.descending {
            all.rev().collect()
        } else {
            all.collect()
        };
    }
    let found = customers
        .iter()
        .enumerate()
        .filter_map(|(i, c)| rank_keys(c.summary(), &query).map(|r| (r, i as u32)))
        .collect();
    ordered(customers, found, !query.is_empty(), order, countries)
}

/// [`arrange`], searching the list's [`SearchText`] (made from the same `customers`).
pub fn arrange_with<T: Listed>(
    customers: &[T],
    search: &SearchText,
    query: &str,
    order: SortOrder,
    countries: &CountryOrder,
) -> Vec<usize> {
    let query = lowercase(query.trim());
    if query.is_empty()
        || query.contains([NAME_END, ENTRY_END])
        || search.starts.len() != customers.len()
    {
        // Nothing to search for, or a query the text cannot answer (or a text of another list: not expected).
        return arrange(customers, &query, order, countries);
    }
    let (text, starts) = (search.text.as_str(), &search.starts);
    let mut found: Vec<(u8, u32)> = Vec::new();
    let mut row = 0;
    // Matches come in the text's order: the row is found by walking forward, never searched for.
    for (at, _) in text.match_indices(query.as_str()) {
        while row + 1 < starts.len() && starts[row + 1] as usize <= at {
            row += 1;
        }
        // A match never spans a name's end or an entry's (the query holds neither), so it lies within the name or
        // within the domain; at the start of either, it is a prefix match.
        let prefix = at == starts[row] as usize || text.as_bytes()[at - 1] == NAME_END as u8;
        let rank = u8::from(!prefix);
        match found.last_mut() {
            Some((best, seen)) if *seen == row as u32 => *best = (*best).min(rank),
            _ => found.push((rank, row as u32)),
        }
    }
    ordered(customers, found, true, order, countries)
}

/// Sorts matches (`(rank, position)`, in list order) by `order`, then by rank when there is a query.
fn ordered<T: Listed>(
    customers: &[T],
    mut found: Vec<(u8, u32)>,
    ranked: bool,
    order: SortOrder,
    countries: &CountryOrder,
) -> Vec<usize> {
    let at = |i: u32| &customers[i as usize];
    // Each match's key for the column, found once per match (not once per comparison), then one sort of
    // (key, index into `found`) whatever the column (sorting::sort_keyed). `found` is in list order, so ties broken
    // by that index keep it: the sort is stable.
    let by =
        |key: &dyn Fn(&T) -> u128, tie: &dyn Fn(&Keyed, &Keyed) -> Ordering| -> Vec<(u8, u32)> {
            let mut keyed: Vec<Keyed> = found
                .iter()
                .enumerate()
                .map(|(n, (_, i))| (key(at(*i)), n as u32))
                .collect();
            sort_keyed(&mut keyed, &|a, b| {
                stably(a.0.cmp(&b.0).then_with(|| tie(a, b)), a, b)
            });
            keyed.iter().map(|(_, n)| found[*n as usize]).collect()
        };
    let equal = |_: &Keyed, _: &Keyed| Ordering::Equal;
    match order.key {
        SortKey::CompanyName => {}
        // The first 16 bytes order most domains; the rest only where those are equal.
        SortKey::Domain => {
            let domain = |k: &Keyed| at(found[k.1 as usize].1).summary().domain();
            found = by(&|c| name_prefix(c.summary().domain()), &|a, b| {
                domain(a).cmp(domain(b))
            });
        }
        SortKey::Country => {
            found = by(
                &|c| u128::from(countries.place(c.columns().country())),
                &equal,
            );
        }
        // In the order Partner Center lists relationships (none, reseller, advisor, …).
        SortKey::Relationship => {
            found = by(&|c| u128::from(c.columns().relationship as u8), &equal);
        }
    }
    if order.descending {
        // Turned around, ties too; then the stable split by rank keeps each rank's order.
        found.reverse();
    }
    if ranked {
        // Prefix matches (rank 0), then the others, each in the order above: a stable sort by rank, in one pass.
        let (mut first, rest): (Vec<_>, Vec<_>) =
            found.into_iter().partition(|(rank, _)| *rank == 0);
        first.extend(rest);
        found = first;
    }
    found.into_iter().map(|(_, i)| i as usize).collect()
}

/// The list's order: by company name without regard to case, then by domain so equal names stay stable.
pub fn sort<T: Listed>(customers: &mut [T]) {
    let mut order = sort_keys(customers);
    // The prefixes order most pairs; the whole names and domains only the rest.
    sort_keyed(&mut order, &|a, b| compare_keys(customers, a, b));
    let order: Vec<usize> = order.into_iter().map(|(_, i)| i as usize).collect();
    apply_order(customers, &order);
}

/// Puts the first `count` customers of [`sort`]'s order at the front, in that order, and the others after them in
/// no particular order: what a load needs to show the list's first page, at a fraction of a whole sort (one pass;
/// at 50,000 customers the sort is about 20 ms of the load in the browser). [`sort`] then finishes the job.
///
/// Never inlined: its loop would make the function it is inlined into (the app's first render, called once) long
/// enough for V8 to compile that again, optimised, for nothing (see `Store::load_group`).
#[inline(never)]
pub fn sort_front<T: Listed>(customers: &mut [T], count: usize) {
    if count >= customers.len() {
        sort(customers);
        return;
    }
    // The first `count` seen so far, in order. It runs once over every customer, so it does as little as it can for
    // each (a browser runs such a loop as baseline code): once `count` are kept, a customer whose prefix comes after
    // the last one's is turned away by one comparison.
    let mut front: Vec<(u128, u32)> = Vec::with_capacity(count + 1);
    let mut bound = u128::MAX;
    for (i, customer) in customers.iter().enumerate() {
        let key = (name_prefix(customer.summary().name_key()), i as u32);
        if key.0 > bound {
            continue;
        }
        let at = front.partition_point(|kept| compare_keys(customers, kept, &key).is_lt());
        if at < count {
            front.insert(at, key);
            front.truncate(count);
            if front.len() == count {
                bound = front[count - 1].0;
            }
        }
    }
    // Position p < count takes front[p]; what stood there moves to a place a front customer left. Nothing else
    // moves.
    let mut order: Vec<usize> = (0..customers.len()).collect();
    let mut stays = vec![false; count];
    let mut left = Vec::new();
    for &(_, i) in &front {
        match stays.get_mut(i as usize) {
            Some(stay) => *stay = true,
            None => left.push(i as usize),
        }
    }
    let displaced = (0..count).filter(|&p| !stays[p]);
    for (to, from) in left.into_iter().zip(displaced) {
        order[to] = from;
    }
    for (p, &(_, i)) in front.iter().enumerate() {
        order[p] = i as usize;
    }
    apply_order(customers, &order);
}

/// The first 16 bytes of a lower-cased name as a number: it decides most comparisons without reading the strings.
pub fn name_prefix(key: &str) -> u128 {
    let mut bytes = [0u8; 16];
    let n = key.len().min(16);
    bytes[..n].copy_from_slice(&key.as_bytes()[..n]);
    u128::from_be_bytes(bytes)
}

/// Each customer's sort key: its [`name_prefix`] and its position.
fn sort_keys<T: Listed>(customers: &[T]) -> Vec<(u128, u32)> {
    customers
        .iter()
        .enumerate()
        .map(|(i, c)| (name_prefix(c.summary().name_key()), i as u32))
        .collect()
}

/// [`sort`]'s order of two keys from [`sort_keys`]: by the prefix, then the whole names and domains. A total order
/// (domains are unique), so an unstable sort gives the one result.
fn compare_keys<T: Listed>(customers: &[T], a: &(u128, u32), b: &(u128, u32)) -> Ordering {
    a.0.cmp(&b.0).then_with(|| {
        let (a, b) = (
            customers[a.1 as usize].summary(),
            customers[b.1 as usize].summary(),
        );
        a.name_key()
            .cmp(b.name_key())
            .then_with(|| a.domain().cmp(b.domain()))
    })
}

/// Where a customer goes in a list in [`sort`]'s order: after every customer that comes before it.
pub fn sorted_position<T: Listed>(customers: &[T], customer: &Summary) -> usize {
    let key = (customer.name_key(), customer.domain());
    customers.partition_point(|c| (c.summary().name_key(), c.summary().domain()) < key)
}

/// Adds customers to a list in [`sort`]'s order, keeping that order: a few (an edit, another tab's change) each at
/// its place, found by a binary search, rather than sorting 50,000 again; many at once, then sorted.
pub fn place<T: Listed>(customers: &mut Vec<T>, added: Vec<T>) {
    /// Each insertion moves the rows after it: past this many, one sort costs less.
    const FEW: usize = 8;
    if added.len() <= FEW {
        for customer in added {
            let at = sorted_position(customers, customer.summary());
            customers.insert(at, customer);
        }
    } else {
        customers.extend(added);
        sort(customers);
    }
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
            "", "contoso", " CONT", "ürün", "ÜRÜN", "nothing", "fab-", "aa", "aaa a", "tip", "t",
            "o", ".partner", "n\nw", "so\u{1}", "p.cn", "cn",
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
}
