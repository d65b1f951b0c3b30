//! Sorting with fewer copies of the standard library's sort in the wasm. Each element type and comparator gets its
//! own copy of `sort_by` (3 to 5 KB of wasm each), so short lists that are sorted rarely use [`insertion_sort_by`],
//! whose copies are a few hundred bytes, and long ones share a copy per element type through [`sort_by_dyn`].

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

/// A stable sort by `compare`, one copy per element type whatever the comparator.
pub fn sort_by_dyn<T>(v: &mut [T], compare: &dyn Fn(&T, &T) -> Ordering) {
    v.sort_by(|a, b| compare(a, b));
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
        fn sort_by_dyn_is_a_stable_sort(pairs in proptest::collection::vec((0u8..8, any::<u16>()), 0..300)) {
            let mut ours = pairs.clone();
            sort_by_dyn(&mut ours, &|a, b| b.0.cmp(&a.0));
            let mut theirs = pairs;
            theirs.sort_by_key(|p| std::cmp::Reverse(p.0));
            prop_assert_eq!(ours, theirs);
        }
    }
}
