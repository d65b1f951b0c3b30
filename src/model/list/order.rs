//! The list's order: by company name without regard to case, then by domain; kept as customers come and go.

use std::cmp::Ordering;

use super::sorting::sort_keyed;
use super::summary::{Listed, Summary};

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
pub(super) fn apply_order<T>(items: &mut [T], order: &[usize]) {
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
