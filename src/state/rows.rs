//! The customers in memory: a list in the list's order, and the indexes that find one customer, or tell whether a
//! domain is in use, without walking the list.
//!
//! The indexes are made on first use (a load at 50,000 customers paints the list without waiting for them) and then
//! kept up to date by every change, never made again. Sorting does not touch them: they hold no positions. They are
//! sorted vectors of [`Keyed`] entries, searched by bisection: the one sort and the vector code the list already has,
//! rather than hash maps whose code would grow the first download by kilobytes.

use std::ops::Deref;
use std::sync::{Mutex, PoisonError};

use uuid::Uuid;

use crate::model::list::sorting::{insertion_sort_by, sort_keyed, Keyed};
use crate::model::list::{name_prefix, place, sort, sort_front, Listed, Summary};

/// Every customer in memory, in the list's order (see [`Rows::is_ordered`]).
pub struct Rows<T> {
    list: Vec<T>,
    /// Whether the whole list is in [`sort`]'s order: just after a load only its front may be (see [`sort_front`]),
    /// and until it is, finding a customer walks the list.
    ordered: bool,
    /// Made on first use. A lock because a signal's value is shared between threads in type (never in fact here: the
    /// lock is never contended), and the standard library's lock is in the download already.
    index: Mutex<Option<Index>>,
}

/// What finds a customer by id or by domain.
#[derive(Clone, Debug, Default)]
struct Index {
    /// An entry per row, by id: `(id, the first 4 bytes of its lower-cased name)`. In the ordered list the rows
    /// whose names start with those bytes stand together, found by bisection; the id is among them (two rows with one
    /// id, for a moment, when a record is both in its group and under an older key).
    ids: Vec<Keyed>,
    /// An entry per domain in use: `(a 64-bit hash of the domain in lower case, how many rows use it)`. A hit is
    /// confirmed against the rows themselves, so two domains that share a hash never make a free domain look taken.
    domains: Vec<Keyed>,
}

/// FNV-1a of a domain in ASCII lower case: domains are compared without regard to ASCII case.
fn domain_hash(domain: &str) -> u128 {
    u128::from(
        domain
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
                (hash ^ u64::from(byte.to_ascii_lowercase())).wrapping_mul(0x0000_0100_0000_01b3)
            }),
    )
}

/// The part of a name's [`name_prefix`] that the id index keeps: its first 4 bytes.
fn name_start(summary: &Summary) -> u32 {
    (name_prefix(summary.name_key()) >> 96) as u32
}

/// Where `key` is, or would go, in a vector sorted by the first element.
fn find(entries: &[Keyed], key: u128) -> usize {
    entries.partition_point(|entry| entry.0 < key)
}

impl Index {
    fn of<T: Listed>(list: &[T]) -> Index {
        let mut ids: Vec<Keyed> = Vec::with_capacity(list.len());
        let mut hashes: Vec<Keyed> = Vec::with_capacity(list.len());
        for row in list {
            let summary = row.summary();
            ids.push((summary.id.as_u128(), name_start(summary)));
            hashes.push((domain_hash(summary.domain()), 1));
        }
        let by_key: &dyn Fn(&Keyed, &Keyed) -> std::cmp::Ordering = &|a, b| a.0.cmp(&b.0);
        sort_keyed(&mut ids, by_key);
        sort_keyed(&mut hashes, by_key);
        // One entry per hash, with its count.
        let mut domains: Vec<Keyed> = Vec::with_capacity(hashes.len());
        for (hash, _) in hashes {
            match domains.last_mut() {
                Some(last) if last.0 == hash => last.1 += 1,
                _ => domains.push((hash, 1)),
            }
        }
        Index { ids, domains }
    }

    fn add(&mut self, summary: &Summary) {
        let id = summary.id.as_u128();
        let at = find(&self.ids, id);
        self.ids.insert(at, (id, name_start(summary)));
        let hash = domain_hash(summary.domain());
        let at = find(&self.domains, hash);
        match self.domains.get_mut(at) {
            Some(entry) if entry.0 == hash => entry.1 += 1,
            _ => self.domains.insert(at, (hash, 1)),
        }
    }

    fn forget(&mut self, summary: &Summary) {
        let id = summary.id.as_u128();
        let from = find(&self.ids, id);
        let same_id = self.ids[from..].partition_point(|entry| entry.0 == id);
        // The entry of this row's name, when the id has two (a record stored twice, under two names).
        let start = name_start(summary);
        let at = self.ids[from..from + same_id]
            .iter()
            .position(|entry| entry.1 == start)
            .unwrap_or(0);
        if at < same_id {
            self.ids.remove(from + at);
        }
        let hash = domain_hash(summary.domain());
        let at = find(&self.domains, hash);
        if let Some(entry) = self.domains.get_mut(at).filter(|entry| entry.0 == hash) {
            entry.1 -= 1;
            if entry.1 == 0 {
                self.domains.remove(at);
            }
        }
    }

    /// The name starts of the rows with this id (none when there is none).
    fn starts(&self, id: Uuid) -> &[Keyed] {
        let id = id.as_u128();
        let from = find(&self.ids, id);
        let to = from + self.ids[from..].partition_point(|entry| entry.0 == id);
        &self.ids[from..to]
    }
}

impl<T> Deref for Rows<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        &self.list
    }
}

impl<T: Clone> Clone for Rows<T> {
    fn clone(&self) -> Self {
        // The copy makes its own index when it needs one.
        Rows {
            list: self.list.clone(),
            ordered: self.ordered,
            index: Mutex::new(None),
        }
    }
}

impl<T> Default for Rows<T> {
    fn default() -> Self {
        Rows {
            list: Vec::new(),
            ordered: true,
            index: Mutex::new(None),
        }
    }
}

impl<T: PartialEq> PartialEq for Rows<T> {
    fn eq(&self, other: &Rows<T>) -> bool {
        self.list == other.list
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Rows<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.list.fmt(f)
    }
}

impl<T: Listed> Rows<T> {
    /// Every customer of a whole load, put in the list's order.
    pub fn sorted(mut list: Vec<T>) -> Rows<T> {
        sort(&mut list);
        Rows {
            list,
            ordered: true,
            index: Mutex::new(None),
        }
    }

    /// A load's customers with only the first `count` in order (what the list's first page shows); [`Rows::sort`]
    /// orders the rest.
    pub fn front_sorted(mut list: Vec<T>, count: usize) -> Rows<T> {
        sort_front(&mut list, count);
        Rows {
            ordered: list.len() <= count,
            list,
            index: Mutex::new(None),
        }
    }

    /// Whether the whole list is in the list's order.
    pub fn is_ordered(&self) -> bool {
        self.ordered
    }

    /// Puts the whole list in order, once.
    pub fn sort(&mut self) {
        if !self.ordered {
            sort(&mut self.list);
            self.ordered = true;
        }
    }

    /// Runs `f` on the index, made first when it is not yet.
    fn with_index<R>(&self, f: impl FnOnce(&Index) -> R) -> R {
        // A lock poisoned by a panic while it was held is used as it is: the index is only ever replaced whole.
        let mut index = self.index.lock().unwrap_or_else(PoisonError::into_inner);
        f(index.get_or_insert_with(|| Index::of(&self.list)))
    }

    /// The index, when it has been made (changes keep it up to date; until it is made there is nothing to keep).
    fn index_mut(&mut self) -> Option<&mut Index> {
        self.index
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner)
            .as_mut()
    }

    /// Makes the index now, if it is not made yet (work done ahead, in idle time, so that no one who needs it waits).
    pub fn prepare_index(&self) {
        self.with_index(|_| ());
    }

    /// Where the rows with this id are (one, unless the same record is stored twice), in the list's order.
    pub fn positions(&self, id: Uuid) -> Vec<usize> {
        let starts: Vec<u32> =
            self.with_index(|index| index.starts(id).iter().map(|e| e.1).collect());
        if starts.is_empty() {
            return Vec::new();
        }
        if self.ordered {
            // The rows whose names start alike stand together: usually a handful.
            let mut found = Vec::new();
            let mut seen: Vec<u32> = Vec::new();
            for &start in &starts {
                if seen.contains(&start) {
                    continue;
                }
                seen.push(start);
                let from = self
                    .list
                    .partition_point(|row| name_start(row.summary()) < start);
                found.extend(
                    self.list[from..]
                        .iter()
                        .take_while(|row| name_start(row.summary()) == start)
                        .enumerate()
                        .filter(|(_, row)| row.summary().id == id)
                        .map(|(offset, _)| from + offset),
                );
            }
            // Two ranges (a record stored twice, under two names): in the list's order.
            insertion_sort_by(&mut found, |a, b| a < b);
            if found.len() == starts.len() {
                return found;
            }
        }
        self.list
            .iter()
            .enumerate()
            .filter(|(_, row)| row.summary().id == id)
            .map(|(at, _)| at)
            .collect()
    }

    /// The first row with this id.
    pub fn by_id(&self, id: Uuid) -> Option<&T> {
        self.positions(id).first().and_then(|&at| self.list.get(at))
    }

    /// Whether a customer in the list uses this domain (ASCII case aside).
    pub fn has_domain(&self, domain: &str) -> bool {
        let hash = domain_hash(domain);
        self.with_index(|index| {
            let domains = &index.domains;
            domains
                .get(find(domains, hash))
                .is_some_and(|entry| entry.0 == hash)
        }) && self
            .list
            .iter()
            .any(|row| row.summary().domain().eq_ignore_ascii_case(domain))
    }

    /// Adds rows, each at its place in the list's order.
    pub fn place(&mut self, added: Vec<T>) {
        if let Some(index) = self.index_mut() {
            for row in &added {
                index.add(row.summary());
            }
        }
        place(&mut self.list, added);
    }

    /// Adds many rows to an ordered list in one pass: they are sorted apart, then merged in, so a page of 500 joining
    /// 50,000 rows costs a sort of 500 and one walk, not a sort of 50,500 (Partner Center's listing adds a page at a
    /// time). An unordered list, or a few rows, goes through [`Rows::place`].
    pub fn merge(&mut self, mut added: Vec<T>) {
        if !self.ordered || added.len() <= 8 {
            return self.place(added);
        }
        if let Some(index) = self.index_mut() {
            for row in &added {
                index.add(row.summary());
            }
        }
        sort(&mut added);
        fn key<T: Listed>(row: &T) -> (&str, &str) {
            (row.summary().name_key(), row.summary().domain())
        }
        let old = std::mem::take(&mut self.list);
        let mut merged = Vec::with_capacity(old.len() + added.len());
        let mut old = old.into_iter().peekable();
        let mut added = added.into_iter().peekable();
        // `sort`'s order: by the lower-cased name, then the domain (equal keys keep the older row first).
        while let (Some(a), Some(b)) = (old.peek(), added.peek()) {
            let next = if key(b) < key(a) {
                added.next()
            } else {
                old.next()
            };
            merged.extend(next);
        }
        merged.extend(old);
        merged.extend(added);
        self.list = merged;
    }

    /// Takes out every row with this id; how many there were.
    pub fn remove(&mut self, id: Uuid) -> usize {
        let positions = self.positions(id);
        for &at in positions.iter().rev() {
            self.remove_at(at);
        }
        positions.len()
    }

    /// Takes out the row at `position`; the rows after it move up.
    pub fn remove_at(&mut self, position: usize) -> Option<T> {
        if position >= self.list.len() {
            return None;
        }
        let row = self.list.remove(position);
        if let Some(index) = self.index_mut() {
            index.forget(row.summary());
        }
        Some(row)
    }

    /// Keeps only the rows `keep` says yes to.
    pub fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        let mut index = self
            .index
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner)
            .as_mut();
        self.list.retain(|row| {
            let kept = keep(row);
            if !kept {
                if let Some(index) = index.as_deref_mut() {
                    index.forget(row.summary());
                }
            }
            kept
        });
    }

    /// The row at `position`, to change in ways that keep its id, company name and domain (its check).
    pub fn get_mut(&mut self, position: usize) -> Option<&mut T> {
        self.list.get_mut(position)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(n: u128, name: &str, domain: &str) -> Summary {
        Summary::new(Uuid::from_u128(n), name, domain, None)
    }

    fn rows() -> Rows<Summary> {
        Rows::sorted(vec![
            summary(1, "Contoso", "contoso.partner.onmschina.cn"),
            summary(2, "Fabrikam", "fabrikam.partner.onmschina.cn"),
            summary(3, "Contoso Ltd", "contosoltd.partner.onmschina.cn"),
            summary(4, "contoso", "contoso2.partner.onmschina.cn"),
        ])
    }

    fn names(rows: &Rows<Summary>) -> Vec<&str> {
        rows.iter().map(Summary::company_name).collect()
    }

    #[test]
    fn merging_many_rows_gives_the_order_a_whole_sort_gives() {
        let names = [
            "delta", "Alpha", "charlie", "bravo", "Echo", "alpha", "foxtrot", "golf", "hotel",
            "india",
        ];
        let summary = |i: usize, name: &str| {
            Summary::new(
                Uuid::from_u128(i as u128 + 1),
                name,
                &format!("{}{i}.example", name.to_lowercase()),
                None,
            )
        };
        let all: Vec<Summary> = (0..40)
            .map(|i| summary(i, names[i % names.len()]))
            .collect();
        let (first, rest) = all.split_at(15);
        let mut merged = Rows::sorted(first.to_vec());
        merged.prepare_index();
        merged.merge(rest.to_vec());
        let whole = Rows::sorted(all.clone());
        let ids = |rows: &Rows<Summary>| rows.iter().map(|s| s.id).collect::<Vec<_>>();
        assert_eq!(ids(&merged), ids(&whole));
        assert!(merged.is_ordered());
        // The index follows: every merged row is found.
        for s in &all {
            assert_eq!(merged.positions(s.id).len(), 1, "{}", s.company_name());
            assert!(merged.has_domain(s.domain()));
        }
    }

    #[test]
    fn finds_every_customer_by_id_in_an_ordered_list() {
        let rows = rows();
        for (at, row) in rows.iter().enumerate() {
            assert_eq!(rows.positions(row.id), vec![at]);
        }
        assert!(rows.positions(Uuid::from_u128(9)).is_empty());
        assert_eq!(
            rows.by_id(Uuid::from_u128(2)).map(|s| s.company_name()),
            Some("Fabrikam")
        );
    }

    #[test]
    fn finds_customers_while_only_the_front_is_in_order() {
        let mut rows = Rows::front_sorted(
            (0..50u128)
                .map(|n| summary(n, &format!("Name {}", 50 - n), &format!("d{n}.example")))
                .collect(),
            5,
        );
        assert!(!rows.is_ordered());
        for n in 0..50u128 {
            let at = rows.positions(Uuid::from_u128(n));
            assert_eq!(at.len(), 1, "customer {n}");
            assert_eq!(rows[at[0]].id, Uuid::from_u128(n));
        }
        rows.sort();
        assert!(rows.is_ordered());
        for n in 0..50u128 {
            assert_eq!(
                rows.by_id(Uuid::from_u128(n)).map(|s| s.id),
                Some(Uuid::from_u128(n))
            );
        }
    }

    #[test]
    fn domains_are_found_without_regard_to_ascii_case() {
        let rows = rows();
        assert!(rows.has_domain("contoso.partner.onmschina.cn"));
        assert!(rows.has_domain("CONTOSO.partner.onmschina.cn"));
        assert!(!rows.has_domain("contoso3.partner.onmschina.cn"));
        assert!(!rows.has_domain(""));
    }

    #[test]
    fn the_indexes_follow_every_change() {
        let mut rows = rows();
        // Made before the changes, so the changes must keep them right.
        assert!(rows.has_domain("fabrikam.partner.onmschina.cn"));
        rows.place(vec![summary(5, "Adatum", "adatum.partner.onmschina.cn")]);
        assert_eq!(names(&rows)[0], "Adatum");
        assert!(rows.has_domain("adatum.partner.onmschina.cn"));
        assert_eq!(rows.remove(Uuid::from_u128(2)), 1);
        assert!(!rows.has_domain("fabrikam.partner.onmschina.cn"));
        assert!(rows.positions(Uuid::from_u128(2)).is_empty());
        rows.retain(|s| s.id != Uuid::from_u128(1));
        assert!(!rows.has_domain("contoso.partner.onmschina.cn"));
        assert!(rows.has_domain("contoso2.partner.onmschina.cn"));
        let removed = rows.remove_at(0).map(|s| s.id);
        assert_eq!(removed, Some(Uuid::from_u128(5)));
        assert!(!rows.has_domain("adatum.partner.onmschina.cn"));
        // An edit: taken out and put back under another name, found at its new place.
        rows.remove(Uuid::from_u128(3));
        rows.place(vec![summary(3, "Zeta", "contosoltd.partner.onmschina.cn")]);
        assert_eq!(names(&rows), vec!["contoso", "Zeta"]);
        assert_eq!(rows.positions(Uuid::from_u128(3)), vec![1]);
        for (at, row) in rows.iter().enumerate() {
            assert_eq!(rows.positions(row.id), vec![at]);
        }
    }

    #[test]
    fn a_record_stored_twice_is_found_twice_and_its_domain_stays_until_both_go() {
        let mut rows = rows();
        rows.place(vec![summary(
            2,
            "Fabrikam",
            "fabrikam.partner.onmschina.cn",
        )]);
        assert_eq!(rows.positions(Uuid::from_u128(2)).len(), 2);
        rows.remove_at(rows.positions(Uuid::from_u128(2))[0]);
        assert!(rows.has_domain("fabrikam.partner.onmschina.cn"));
        assert_eq!(rows.remove(Uuid::from_u128(2)), 1);
        assert!(!rows.has_domain("fabrikam.partner.onmschina.cn"));
    }

    #[test]
    fn a_hash_hit_is_confirmed_by_the_rows() {
        // Two domains sharing a hash is astronomically rare; the index then says "maybe" and the rows decide.
        let mut rows = rows();
        assert!(!rows.has_domain("free.example"));
        // An index that counts a domain no row has (what a collision looks like) never makes it taken.
        if let Some(index) = rows.index_mut() {
            let hash = domain_hash("free.example");
            let at = find(&index.domains, hash);
            index.domains.insert(at, (hash, 1));
        }
        assert!(!rows.has_domain("free.example"));
    }

    #[test]
    fn customers_whose_names_start_alike_are_told_apart() {
        let mut rows = Rows::sorted(
            (0..300u128)
                .map(|n| summary(n, &format!("Company {n:05}"), &format!("c{n}.example")))
                .collect(),
        );
        for n in (0..300u128).step_by(7) {
            let at = rows.positions(Uuid::from_u128(n));
            assert_eq!(at.len(), 1);
            assert_eq!(rows[at[0]].id, Uuid::from_u128(n));
        }
        rows.remove(Uuid::from_u128(150));
        assert!(rows.positions(Uuid::from_u128(150)).is_empty());
        assert!(!rows.has_domain("c150.example"));
        assert!(rows.has_domain("c151.example"));
    }

    #[test]
    fn a_record_stored_twice_under_two_names_is_found_by_each_name() {
        let mut rows = rows();
        rows.place(vec![summary(
            2,
            "Zeta Fabrikam",
            "fabrikam.partner.onmschina.cn",
        )]);
        let both = rows.positions(Uuid::from_u128(2));
        assert_eq!(both.len(), 2);
        assert_eq!(rows[both[1]].company_name(), "Zeta Fabrikam");
        // The copy under the first name goes; the other is found at its place by its own name.
        rows.remove_at(both[0]);
        let left = rows.positions(Uuid::from_u128(2));
        assert_eq!(left.len(), 1);
        assert_eq!(rows[left[0]].company_name(), "Zeta Fabrikam");
        let index = rows
            .index_mut()
            .map(|index| index.starts(Uuid::from_u128(2)).to_vec());
        assert_eq!(
            index,
            Some(vec![(2, name_start(&summary(2, "Zeta Fabrikam", "")))]),
            "the index keeps the remaining copy's name"
        );
    }

    #[test]
    fn the_index_made_ahead_is_the_one_used() {
        let rows = rows();
        assert!(rows.index.lock().map(|i| i.is_none()).unwrap_or(false));
        rows.prepare_index();
        assert!(rows.index.lock().map(|i| i.is_some()).unwrap_or(false));
        assert_eq!(
            rows.by_id(Uuid::from_u128(2)).map(|s| s.company_name()),
            Some("Fabrikam")
        );
    }
}
