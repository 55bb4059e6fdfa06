//! One sort for the whole reader (in the model, so that the app and the model share it). Each
//! `sort` of a new element type or comparison compiles the standard library's sort again, some 3
//! to 5 KB of wasm each (ten stable and several unstable ones were in the build). These sort
//! positions with one comparison behind a reference, so the standard sort is compiled once; what
//! is left per type is putting the items in that order. Stable, like `slice::sort_by`.

use std::cmp::Ordering;

pub fn sort_by<T>(items: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let mut order: Vec<u32> = (0..items.len() as u32).collect();
    positions(&mut order, &|a, b| cmp(&items[a as usize], &items[b as usize]));
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i as usize].take()));
}

pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

#[inline(never)]
fn positions(order: &mut [u32], cmp: &dyn Fn(u32, u32) -> Ordering) {
    order.sort_by(|a, b| cmp(*a, *b));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_the_standard_sort_does_and_keeps_equal_items_in_their_order() {
        let mut seed = 11u64;
        for len in 0..60 {
            let items: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    (((seed >> 33) % 7) as u8, i)
                })
                .collect();
            let (mut ours, mut std_) = (items.clone(), items.clone());
            sort_by_key(&mut ours, |x| x.0);
            std_.sort_by_key(|x| x.0);
            assert_eq!(ours, std_, "stable, as slice::sort_by_key");
            let mut all = items.clone();
            sort(&mut all);
            assert!(all.windows(2).all(|w| w[0] <= w[1]) && all.len() == items.len());
        }
        let mut words = vec!["b".to_string(), "a".to_string(), "c".to_string()];
        sort_by(&mut words, |a, b| b.cmp(a));
        assert_eq!(words, ["c", "b", "a"]);
    }
}
