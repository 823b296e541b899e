//! One stable sort for the whole core.
//!
//! Each `sort_by_key` with its own element type or closure is another copy of the standard
//! library's stable sort in the Wasm core (about 3.5 KB each, four of them). Sorting plain
//! `(key, key, index)` triples with `sort_unstable` gives the same order as a stable sort (the index
//! breaks every tie as insertion order would), and the core carries that sort once.

/// `items` ordered by `key`, items with equal keys in their original order: what
/// `items.sort_by_key(key)` gives, without its code.
pub fn by_key<T>(mut items: Vec<T>, key: impl Fn(&T) -> (usize, usize)) -> Vec<T> {
    // Already in order (one hit in a block, hits found left to right): a stable sort would leave
    // them as they are.
    if items.windows(2).all(|w| key(&w[0]) <= key(&w[1])) {
        return items;
    }
    // Moved into place along the permutation's cycles, each item once: no second vector of items
    // (all of a page's hits are sorted at once, and a copy of them was the scan's third-largest
    // allocation at its peak).
    const DONE: usize = usize::MAX;
    let mut order = order_by(&items, key);
    for start in 0..order.len() {
        let mut at = start;
        // `at` takes the item at `order[at]`; the cycle ends where it comes back to `start`,
        // whose item has been carried along to `at`.
        while order[at] != DONE {
            let from = std::mem::replace(&mut order[at], DONE);
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
    items
}

/// The indices of `items` in the order of [`by_key`].
pub fn order_by<T>(items: &[T], key: impl Fn(&T) -> (usize, usize)) -> Vec<usize> {
    let mut keyed: Vec<(usize, usize, usize)> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let (a, b) = key(item);
            (a, b, i)
        })
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, _, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_keep_their_order_as_a_stable_sort_does() {
        let items: Vec<(usize, char)> = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        let mut stable = items.clone();
        stable.sort_by_key(|&(k, _)| k);
        assert_eq!(by_key(items.clone(), |&(k, _)| (k, 0)), stable);
        assert_eq!(order_by(&items, |&(k, _)| (k, 0)), [3, 1, 4, 0, 2]);
        // In order already, ties included: as they are.
        let sorted = vec![(0, 'a'), (1, 'b'), (1, 'c'), (2, 'd')];
        assert_eq!(by_key(sorted.clone(), |&(k, _)| (k, 0)), sorted);
        assert_eq!(by_key(Vec::<(usize, char)>::new(), |&(k, _)| (k, 0)), []);
    }

    #[test]
    fn sorts_as_a_stable_sort_does() {
        let mut seed = 3u32;
        for len in 0..60 {
            let items: Vec<(usize, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    ((seed >> 16) as usize % (len / 3 + 1), i)
                })
                .collect();
            let mut stable = items.clone();
            stable.sort_by_key(|&(k, _)| k);
            assert_eq!(by_key(items, |&(k, _)| (k, 0)), stable);
        }
    }
}
