//! One small sort for every list the lab orders. The standard library's sorts are fast, but each
//! element type they sort adds several kilobytes to the WebAssembly bundle (a pattern-defeating
//! quicksort or a driftsort with its small-sorts per type); this heapsort is a few hundred bytes
//! per type and still O(n log n). It is not stable: callers that need an order among equal keys
//! compare a tie-breaker too.

use std::cmp::Ordering;

/// Sorts `v` ascending by `cmp` (not stable; in place, no allocation).
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let less = |a: &T, b: &T| cmp(a, b) == Ordering::Less;
    for start in (0..v.len() / 2).rev() {
        sift_down(v, start, v.len(), &less);
    }
    for end in (1..v.len()).rev() {
        v.swap(0, end);
        sift_down(v, 0, end, &less);
    }
}

/// Sorts `v` ascending (not stable).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Moves `v[root]` down the max-heap `v[..end]` to its place.
fn sift_down<T>(v: &mut [T], mut root: usize, end: usize, less: &impl Fn(&T, &T) -> bool) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && less(&v[child], &v[child + 1]) {
            child += 1;
        }
        if !less(&v[root], &v[child]) {
            return;
        }
        v.swap(root, child);
        root = child;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library() {
        let mut seed = 12345u64;
        for n in [0usize, 1, 2, 3, 7, 64, 1000] {
            let v: Vec<u32> = (0..n)
                .map(|_| {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    (seed >> 40) as u32 % 50
                })
                .collect();
            let mut mine = v.clone();
            sort(&mut mine);
            let mut std = v;
            std.sort_unstable();
            assert_eq!(mine, std);
        }
        let mut f = vec![3.5, -1.0, 2.0, 0.0];
        sort_by(&mut f, f64::total_cmp);
        assert_eq!(f, vec![-1.0, 0.0, 2.0, 3.5]);
    }
}
