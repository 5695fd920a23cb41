//! Belady's MIN, the offline optimum (not in source): a full cache evicts the resident key whose
//! next use lies farthest in the future (never used again counts as farthest). No policy that
//! cannot see the future has more hits on the same trace.

use super::{Cache, Entry, Outcome};
use std::collections::BTreeSet;

/// Position of each access's next use of the same key (`usize::MAX`: never again).
///
/// ```
/// assert_eq!(sdp_lab_caching::policy::next_uses(&[0, 1, 0]), vec![2, usize::MAX, usize::MAX]);
/// ```
pub fn next_uses(trace: &[u32]) -> Vec<usize> {
    let universe = trace.iter().max().map_or(0, |&m| m as usize + 1);
    let mut last = vec![usize::MAX; universe];
    let mut next = vec![usize::MAX; trace.len()];
    for (i, &k) in trace.iter().enumerate().rev() {
        next[i] = last[k as usize];
        last[k as usize] = i;
    }
    next
}

/// A Belady cache over one known trace.
pub struct Belady {
    cap: usize,
    next: Vec<usize>,
    /// (next use, key) of every resident key; the last is the victim.
    order: BTreeSet<(usize, u32)>,
    /// Each resident key's next use.
    slot: Vec<Option<usize>>,
}

impl Belady {
    /// An empty cache holding at most `cap` keys, for `trace`.
    pub fn new(cap: usize, universe: usize, trace: &[u32]) -> Self {
        Belady {
            cap,
            next: next_uses(trace),
            order: BTreeSet::new(),
            slot: vec![None; universe],
        }
    }
}

impl Cache for Belady {
    fn access(&mut self, at: usize, key: u32) -> Outcome {
        let k = key as usize;
        let next = self.next.get(at).copied().unwrap_or(usize::MAX);
        if k >= self.slot.len() {
            return Outcome {
                hit: false,
                evicted: None,
            };
        }
        if let Some(n) = self.slot[k] {
            self.order.remove(&(n, key));
            self.order.insert((next, key));
            self.slot[k] = Some(next);
            return Outcome {
                hit: true,
                evicted: None,
            };
        }
        let mut evicted = None;
        if self.order.len() >= self.cap
            && let Some((_, victim)) = self.order.pop_last()
        {
            self.slot[victim as usize] = None;
            evicted = Some(victim);
        }
        self.order.insert((next, key));
        self.slot[k] = Some(next);
        Outcome {
            hit: false,
            evicted,
        }
    }

    fn len(&self) -> usize {
        self.order.len()
    }

    fn entries(&self, limit: usize) -> Vec<Entry> {
        self.order
            .iter()
            .rev()
            .take(limit)
            .map(|&(n, key)| Entry {
                key,
                tag: if n == usize::MAX { u64::MAX } else { n as u64 },
            })
            .collect()
    }
}
