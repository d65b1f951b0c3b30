//! Sorting with fewer copies of the standard library's sort in the wasm. Each element type and comparator gets its
//! own copy of `sort_by` (3 to 5 KB of wasm each), so short lists that are sorted rarely use [`insertion_sort_by`],
//! whose copies are a few hundred bytes, and every long sort sorts [`Keyed`] entries through [`sort_keyed`]: one
//! copy in all.

use std::cmp::Ordering;

/// Sorts a short slice (a few hundred elements) stably by `less`: each element is put after every element not
/// greater than it, found by binary search, so `less` runs O(n log n) times (it may be a call into the browser).
pub fn insertion_sort_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for i in 1..v.len() {
        let (sorted, rest) = v.split_at(i);
        let at = sorted.partition_point(|x| !less(&rest[0], x));
        v[at..=i].rotate_right(1);
    }
}

/// What a long sort sorts: a number that orders most pairs by itself (a name's first bytes, a column's place), and
/// a position that says where the rest of the entry is.
pub type Keyed = (u128, u32);

/// Sorts `v` by `compare`, not stably: a caller that needs ties kept in order compares positions last (see
/// [`stably`]).
pub fn sort_keyed(v: &mut [Keyed], compare: &dyn Fn(&Keyed, &Keyed) -> Ordering) {
    v.sort_unstable_by(|a, b| compare(a, b));
}

/// `compare`, with ties ordered by position: [`sort_keyed`] with it is a stable sort of entries whose positions
/// are in their original order.
pub fn stably(compare: Ordering, a: &Keyed, b: &Keyed) -> Ordering {
    compare.then(a.1.cmp(&b.1))
}

// proptest runs natively only (Cargo.toml).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard library's stable sort, ties included.
        #[test]
        fn insertion_sort_is_a_stable_sort(pairs in proptest::collection::vec((0u8..8, any::<u16>()), 0..300)) {
            let mut ours = pairs.clone();
            insertion_sort_by(&mut ours, |a, b| a.0 < b.0);
            let mut theirs = pairs;
            theirs.sort_by_key(|p| p.0);
            prop_assert_eq!(ours, theirs);
        }

        #[test]
        fn sorting_keyed_entries_stably_is_a_stable_sort(keys in proptest::collection::vec(0u128..8, 0..300)) {
            let mut ours: Vec<Keyed> = keys.iter().enumerate().map(|(i, k)| (*k, i as u32)).collect();
            let theirs = {
                let mut v = ours.clone();
                v.sort_by_key(|p| std::cmp::Reverse(p.0));
                v
            };
            sort_keyed(&mut ours, &|a, b| stably(b.0.cmp(&a.0), a, b));
            prop_assert_eq!(ours, theirs);
        }
    }
}
