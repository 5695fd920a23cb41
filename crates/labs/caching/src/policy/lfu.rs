//! LFU (M8.6), corrected: F4's frequency lists with the least frequency evicted first and,
//! within a frequency, the key that reached it first (F4's `append` / `[0]`). A hit raises the
//! frequency by one; a new key starts at 1. Optional aging (not in source) halves every
//! frequency after a fixed number of accesses, keeping the order within each frequency.

use super::{Cache, Entry, Outcome};
use std::collections::BTreeSet;

/// An LFU cache of keys `0..universe`.
pub struct Lfu {
    cap: usize,
    /// (frequency, arrival at that frequency, key), next victim first.
    order: BTreeSet<(u64, u64, u32)>,
    /// Each resident key's (frequency, arrival).
    slot: Vec<Option<(u64, u64)>>,
    clock: u64,
    aging: u32,
    accesses: u64,
}

impl Lfu {
    /// An empty cache holding at most `cap` keys; `aging` accesses between halvings (0: none).
    pub fn new(cap: usize, universe: usize, aging: u32) -> Self {
        Lfu {
            cap,
            order: BTreeSet::new(),
            slot: vec![None; universe],
            clock: 0,
            aging,
            accesses: 0,
        }
    }

    /// The frequency of `key`, if resident.
    pub fn frequency(&self, key: u32) -> Option<u64> {
        self.slot.get(key as usize).copied().flatten().map(|s| s.0)
    }

    fn tick(&mut self) -> u64 {
        self.clock += 1;
        self.clock
    }

    /// Halves every frequency (at least 1), keeping the order within each frequency.
    fn age(&mut self) {
        let old = std::mem::take(&mut self.order);
        for (f, t, k) in old {
            let f = (f / 2).max(1);
            self.order.insert((f, t, k));
            self.slot[k as usize] = Some((f, t));
        }
    }
}

impl Cache for Lfu {
    fn access(&mut self, _at: usize, key: u32) -> Outcome {
        let k = key as usize;
        if k >= self.slot.len() {
            return Outcome {
                hit: false,
                evicted: None,
            };
        }
        self.accesses += 1;
        let out = if let Some((f, t)) = self.slot[k] {
            self.order.remove(&(f, t, key));
            let t = self.tick();
            self.order.insert((f + 1, t, key));
            self.slot[k] = Some((f + 1, t));
            Outcome {
                hit: true,
                evicted: None,
            }
        } else {
            let mut evicted = None;
            if self.order.len() >= self.cap
                && let Some((_, _, victim)) = self.order.pop_first()
            {
                self.slot[victim as usize] = None;
                evicted = Some(victim);
            }
            let t = self.tick();
            self.order.insert((1, t, key));
            self.slot[k] = Some((1, t));
            Outcome {
                hit: false,
                evicted,
            }
        };
        if self.aging > 0 && self.accesses % u64::from(self.aging) == 0 {
            self.age();
        }
        out
    }

    fn len(&self) -> usize {
        self.order.len()
    }

    fn entries(&self, limit: usize) -> Vec<Entry> {
        self.order
            .iter()
            .take(limit)
            .map(|&(f, _, key)| Entry { key, tag: f })
            .collect()
    }
}
