//! One stable sort for the whole core.
//!
//! Each `sort_by_key` with its own element type or closure is another copy of the standard
//! library's stable sort in the Wasm core (about 3.5 KB each, four of them). Sorting plain
//! `(key, key, index)` triples with `sort_unstable` gives the same order as a stable sort (the index
//! breaks every tie as insertion order would), and the core carries that sort once.

/// `items` ordered by `key`, items with equal keys in their original order: what
/// `items.sort_by_key(key)` gives, without its code.
pub fn by_key<T>(items: Vec<T>, key: impl Fn(&T) -> (usize, usize)) -> Vec<T> {
    // Already in order (one hit in a block, hits found left to right): a stable sort would leave
    // them as they are, and the three vectors below would be made for nothing.
    if items.windows(2).all(|w| key(&w[0]) <= key(&w[1])) {
        return items;
    }
    let order = order_by(&items, key);
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    // Each index is in `order` exactly once, so every slot is taken once.
    order.into_iter().filter_map(|i| slots[i].take()).collect()
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
}
