//! Filtering and ordering the customer list.

use super::order::{name_prefix, SortKey, SortOrder};
use super::summary::{Listed, Summary};

use std::cmp::Ordering;

use crate::model::list::casing::lowercase;
use crate::model::list::sorting::{sort_keyed, stably, Keyed};
use crate::model::rules::countries::CountryOrder;

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
    rank_in(customer.name_key(), customer.domain(), query)
}

/// The rank of a lower-cased company name and domain for a trimmed, lower-cased, non-empty query.
fn rank_in(name: &str, domain: &str, query: &str) -> Option<u8> {
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

/// Every customer's lower-cased company name and domain in one text, position for position with the list: a search
/// is one pass over it, in memory order, rather than a visit to 100,000 strings spread over the heap. Made once per
/// change of the list, and only once somebody searches.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchText {
    /// Each customer as `name \u{1} domain \n`.
    text: String,
    /// Where each customer's entry starts.
    starts: Vec<u32>,
    /// Which text this is: a [`Found`] of another text (another list) is never refined here.
    serial: u64,
}

/// Between a name and its domain, and after the domain: characters a query never holds (see [`SearchText::find`]).
const NAME_END: char = '\u{1}';
const ENTRY_END: char = '\n';

/// What a query found in a [`SearchText`]: each matching customer's position in the list, in list order, with its
/// rank (0: the name or domain starts with the query). The list keeps it, so that the next keystroke, which mostly
/// lengthens the query, looks only at these customers, and a change of order does not search again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    /// The query, trimmed and lower-cased.
    query: String,
    /// The [`SearchText::serial`] searched.
    serial: u64,
    /// `(rank, position)` of each match, in list order.
    hits: Vec<(u8, u32)>,
    /// How many customers the text held.
    size: usize,
}

impl Found {
    /// How many customers matched.
    pub fn len(&self) -> usize {
        self.hits.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hits.is_empty()
    }
}

impl SearchText {
    pub fn new<T: Listed>(customers: &[T]) -> SearchText {
        // Texts are told apart by a number of their own (not by their content, which would cost a comparison of
        // megabytes): memory of a page holds one list at a time, and a counter never repeats.
        static SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
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
        let serial = SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        SearchText {
            text,
            starts,
            serial,
        }
    }

    /// The customers whose company name or domain contains `query` (case and surrounding white space ignored).
    /// `before`, what the previous keystroke found: when it searched this same text for a query that the new one
    /// lengthens, only its matches are looked at again (a customer that did not contain "co" cannot contain "con").
    /// `None` for a query the text cannot answer: an empty one, or one holding the text's separators.
    pub fn find(&self, query: &str, before: Option<&Found>) -> Option<Found> {
        let query = lowercase(query.trim());
        if query.is_empty() || query.contains([NAME_END, ENTRY_END]) {
            return None;
        }
        if let Some(before) =
            before.filter(|b| b.serial == self.serial && query.starts_with(b.query.as_str()))
        {
            let hits = before
                .hits
                .iter()
                .filter_map(|&(_, row)| Some((self.rank(row as usize, &query)?, row)))
                .collect();
            return Some(self.found(query, hits));
        }
        let (text, starts) = (self.text.as_str(), &self.starts);
        let mut hits: Vec<(u8, u32)> = Vec::new();
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
            match hits.last_mut() {
                Some((best, seen)) if *seen == row as u32 => *best = (*best).min(rank),
                _ => hits.push((rank, row as u32)),
            }
        }
        Some(self.found(query, hits))
    }

    fn found(&self, query: String, hits: Vec<(u8, u32)>) -> Found {
        Found {
            query,
            serial: self.serial,
            hits,
            size: self.starts.len(),
        }
    }

    /// The rank of the customer at `row` for a trimmed, lower-cased query, from its entry in the text.
    fn rank(&self, row: usize, query: &str) -> Option<u8> {
        let start = *self.starts.get(row)? as usize;
        let end = self
            .starts
            .get(row + 1)
            .map_or(self.text.len(), |&e| e as usize);
        let entry = self.text.get(start..end)?.strip_suffix(ENTRY_END)?;
        let (name, domain) = entry.split_once(NAME_END)?;
        rank_in(name, domain, query)
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

/// [`arrange`] of what a [`SearchText`] of the same `customers` found.
pub fn arrange_found<T: Listed>(
    customers: &[T],
    found: &Found,
    order: SortOrder,
    countries: &CountryOrder,
) -> Vec<usize> {
    if found.size != customers.len() {
        // A text of another list: not expected, and not trusted.
        return arrange(customers, &found.query, order, countries);
    }
    ordered(customers, found.hits.clone(), true, order, countries)
}

/// [`arrange`], searching the list's [`SearchText`] (made from the same `customers`).
pub fn arrange_with<T: Listed>(
    customers: &[T],
    search: &SearchText,
    query: &str,
    order: SortOrder,
    countries: &CountryOrder,
) -> Vec<usize> {
    match search.find(query, None) {
        Some(found) => arrange_found(customers, &found, order, countries),
        None => arrange(customers, query, order, countries),
    }
}

/// Sorts matches (`(rank, position)`, in list order) by `order`, then by rank when there is a query.
pub(super) fn ordered<T: Listed>(
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
