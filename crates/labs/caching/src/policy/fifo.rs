//! FIFO (M8.7): evict the oldest inserted key, whatever its accesses.

use super::{Cache, Entry, Outcome};
use std::collections::VecDeque;

/// A FIFO cache of keys `0..universe`.
pub struct Fifo {
    cap: usize,
    queue: VecDeque<u32>,
    present: Vec<bool>,
}

impl Fifo {
    /// An empty cache holding at most `cap` keys.
    pub fn new(cap: usize, universe: usize) -> Self {
        Fifo {
            cap,
            queue: VecDeque::new(),
            present: vec![false; universe],
        }
    }
}

impl Cache for Fifo {
    fn access(&mut self, _at: usize, key: u32) -> Outcome {
        let k = key as usize;
        if self.present.get(k).copied().unwrap_or(true) {
            return Outcome {
                hit: k < self.present.len(),
                evicted: None,
            };
        }
        let mut evicted = None;
        if self.queue.len() >= self.cap
            && let Some(old) = self.queue.pop_front()
        {
            self.present[old as usize] = false;
            evicted = Some(old);
        }
        self.queue.push_back(key);
        self.present[k] = true;
        Outcome {
            hit: false,
            evicted,
        }
    }

    fn len(&self) -> usize {
        self.queue.len()
    }

    fn entries(&self, limit: usize) -> Vec<Entry> {
        self.queue
            .iter()
            .take(limit)
            .map(|&key| Entry { key, tag: 0 })
            .collect()
    }
}
