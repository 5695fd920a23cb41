//! What the view draws, computed here so it is tested natively: heat colours, the trie's
//! layout.

use crate::trie::Trie;

/// A cell's shade in `[0, 1]`: its value against the largest, on a square-root scale so small
/// counts stay visible.
///
/// ```
/// use sdp_lab_sketches::layout::shade;
/// assert_eq!(shade(0, 100), 0.0);
/// assert_eq!(shade(100, 100), 1.0);
/// assert!(shade(25, 100) == 0.5);
/// ```
pub fn shade(value: u64, max: u64) -> f64 {
    if max == 0 {
        0.0
    } else {
        (value as f64 / max as f64).sqrt().clamp(0.0, 1.0)
    }
}

/// Positions of the trie's nodes for drawing: `(node, depth, column)`, children left to right in
/// character order, leaves on consecutive columns, a parent centred over its children. At most
/// `max` nodes (the first in depth-first order).
pub fn trie_layout(trie: &Trie, max: usize) -> Vec<(usize, usize, f64)> {
    fn walk(
        t: &Trie,
        n: usize,
        depth: usize,
        next: &mut f64,
        out: &mut Vec<(usize, usize, f64)>,
        max: usize,
    ) -> f64 {
        if out.len() >= max {
            return *next;
        }
        let slot = out.len();
        out.push((n, depth, 0.0));
        let kids: Vec<usize> = t.nodes[n].children.values().copied().collect();
        let x = if kids.is_empty() {
            let x = *next;
            *next += 1.0;
            x
        } else {
            let xs: Vec<f64> = kids
                .iter()
                .map(|&c| walk(t, c, depth + 1, next, out, max))
                .collect();
            f64::midpoint(xs[0], xs[xs.len() - 1])
        };
        out[slot].2 = x;
        x
    }
    let mut out = Vec::new();
    let mut next = 0.0;
    if !trie.nodes.is_empty() {
        walk(trie, 0, 0, &mut next, &mut out, max);
    }
    out
}
