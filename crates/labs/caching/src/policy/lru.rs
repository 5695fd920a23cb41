//! LRU (M8.5): F4's `OrderedDict`, as a doubly linked list over key slots. A hit moves the key to
//! the most recently used end; a miss in a full cache evicts from the least recently used end.

use super::{Cache, Entry, Outcome};

/// An LRU cache of keys `0..universe`.
pub struct Lru {
    cap: usize,
    len: usize,
    /// Slot `universe` is the sentinel: `next[s]` is the LRU end, `prev[s]` the MRU end.
    prev: Vec<usize>,
    next: Vec<usize>,
    present: Vec<bool>,
}

impl Lru {
    /// An empty cache holding at most `cap` keys.
    pub fn new(cap: usize, universe: usize) -> Self {
        let s = universe;
        Lru {
            cap,
            len: 0,
            prev: vec![s; universe + 1],
            next: vec![s; universe + 1],
            present: vec![false; universe],
        }
    }

    /// True when `key` is resident.
    pub fn contains(&self, key: u32) -> bool {
        self.present.get(key as usize).copied().unwrap_or(false)
    }

    /// Removes `key` if resident (an invalidation); true if it was.
    pub fn remove(&mut self, key: u32) -> bool {
        let k = key as usize;
        if !self.present.get(k).copied().unwrap_or(false) {
            return false;
        }
        self.unlink(k);
        self.present[k] = false;
        self.len -= 1;
        true
    }

    fn sentinel(&self) -> usize {
        self.present.len()
    }

    fn unlink(&mut self, k: usize) {
        let (p, n) = (self.prev[k], self.next[k]);
        self.next[p] = n;
        self.prev[n] = p;
    }

    fn push_mru(&mut self, k: usize) {
        let s = self.sentinel();
        let last = self.prev[s];
        self.next[last] = k;
        self.prev[k] = last;
        self.next[k] = s;
        self.prev[s] = k;
    }
}

impl Cache for Lru {
    fn access(&mut self, _at: usize, key: u32) -> Outcome {
        let k = key as usize;
        if k >= self.present.len() {
            return Outcome {
                hit: false,
                evicted: None,
            };
        }
        if self.present[k] {
            self.unlink(k);
            self.push_mru(k);
            return Outcome {
                hit: true,
                evicted: None,
            };
        }
        let mut evicted = None;
        if self.len >= self.cap {
            let victim = self.next[self.sentinel()];
            self.unlink(victim);
            self.present[victim] = false;
            self.len -= 1;
            evicted = Some(victim as u32);
        }
        self.present[k] = true;
        self.push_mru(k);
        self.len += 1;
        Outcome {
            hit: false,
            evicted,
        }
    }

    fn len(&self) -> usize {
        self.len
    }

    fn entries(&self, limit: usize) -> Vec<Entry> {
        let s = self.sentinel();
        let mut out = Vec::new();
        let mut k = self.next[s];
        while k != s && out.len() < limit {
            out.push(Entry {
                key: k as u32,
                tag: 0,
            });
            k = self.next[k];
        }
        out
    }
}
