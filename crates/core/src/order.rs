//! Sorting through one compiled copy of the standard library's sort.
//!
//! `slice::sort_by` is generic over the element and the comparator: every call site with
//! its own closure compiles its own copy of the sort (quicksort, small-sort, merges), about
//! 5 KB of WebAssembly each, and two dozen of them weighed 130 KB in the page's bundle.
//! These helpers sort the positions `0..n` with a comparator behind `&dyn`, one copy for
//! the whole program, then move the elements into that order. Stable, like `sort_by`.

use std::cmp::Ordering;

/// Sorts `items` by `cmp`, keeping the order of equal elements.
pub fn sort_by<T>(items: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let mut order = {
        let items = &*items;
        sorted_positions(items.len(), &|a, b| match (items.get(a), items.get(b)) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => Ordering::Equal,
        })
    };
    apply(items, &mut order);
}

/// Sorts `items` by the key `key` gives each, keeping the order of equal keys.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// As [`sort_by_key`], computing each element's key once (keys that allocate).
pub fn sort_by_cached_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let mut order = sorted_positions(keys.len(), &|a, b| match (keys.get(a), keys.get(b)) {
        (Some(x), Some(y)) => x.cmp(y),
        _ => Ordering::Equal,
    });
    apply(items, &mut order);
}

/// Sorts `items` in their natural order.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// `0..n` in the order `cmp` gives them: the one sort the program compiles.
#[inline(never)]
fn sorted_positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..n).collect();
    positions.sort_by(|a, b| cmp(*a, *b));
    positions
}

/// Moves `items` so that position `i` holds what was at `order[i]`, in place: each cycle
/// of the permutation is walked once with swaps. `order` is used up (reset to identity).
fn apply<T>(items: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        let mut at = start;
        while let Some(&from) = order.get(at) {
            if let Some(slot) = order.get_mut(at) {
                *slot = at;
            }
            if from == start || from == at {
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

    #[test]
    fn sorts_stably_like_the_standard_sort() {
        let mut a: Vec<(u8, char)> = "dbacbadcab"
            .chars()
            .enumerate()
            .map(|(i, c)| ((c as u8) % 3, char::from(b'a' + i as u8)))
            .collect();
        let mut b = a.clone();
        sort_by_key(&mut a, |x| x.0);
        b.sort_by_key(|x| x.0);
        assert_eq!(a, b);
        let mut words = vec!["pear", "fig", "apple", "kiwi", "date", "fig"];
        let mut expected = words.clone();
        sort(&mut words);
        expected.sort();
        assert_eq!(words, expected);
        let mut empty: Vec<u32> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
    }

    #[test]
    fn every_permutation_of_five_comes_out_sorted() {
        let mut v = [0u8, 1, 2, 3, 4];
        // Heap's algorithm over all 120 orders.
        fn heap(k: usize, v: &mut [u8; 5]) {
            if k == 1 {
                let mut w = *v;
                sort_by(&mut w, |a, b| b.cmp(a));
                assert_eq!(w, [4, 3, 2, 1, 0], "{v:?}");
                return;
            }
            for i in 0..k {
                heap(k - 1, v);
                let j = if k % 2 == 0 { i } else { 0 };
                v.swap(j, k - 1);
            }
        }
        heap(5, &mut v);
    }
}
