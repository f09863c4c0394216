//! Stable sorting through one shared copy of the sorting algorithm.
//!
//! Each call of `slice::sort_by` with a comparator of its own is compiled into a copy of the
//! whole stable sort, about 3 KB of WebAssembly each; sorting positions with a comparator
//! behind `dyn` compiles it once for every caller. Used where lists are short (rankings,
//! explanations), so the extra indirection costs nothing that shows.

use std::cmp::Ordering;

/// `items` sorted stably by `compare`: the order `slice::sort_by` gives.
pub(crate) fn sorted_by<T>(items: Vec<T>, compare: impl Fn(&T, &T) -> Ordering) -> Vec<T> {
    let mut positions: Vec<usize> = (0..items.len()).collect();
    sort_positions(&mut positions, &mut |a, b| compare(&items[*a], &items[*b]));
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    positions.into_iter().filter_map(|position| slots[position].take()).collect()
}

/// The one copy of the stable sort.
#[inline(never)]
fn sort_positions(positions: &mut [usize], compare: &mut dyn FnMut(&usize, &usize) -> Ordering) {
    positions.sort_by(compare);
}

#[cfg(test)]
mod tests {
    use super::sorted_by;

    #[test]
    fn sorts_stably_as_sort_by_does() {
        let items = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        let mut expected = items.clone();
        expected.sort_by_key(|a| a.0);
        assert_eq!(sorted_by(items, |a, b| a.0.cmp(&b.0)), expected);
        assert_eq!(expected, [(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]);
        assert!(sorted_by(Vec::<u8>::new(), u8::cmp).is_empty());
    }
}
