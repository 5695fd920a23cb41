//! The ID pre-generation cache (M3.9): a background refill adds `chunk` IDs whenever the cache
//! is below the low-water mark at a refill tick; gets take from the cache, or generate on
//! demand when it is empty.

use serde::{Deserialize, Serialize};

/// The cache's settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Most IDs held (1 000).
    pub capacity: u64,
    /// Refill below this (500).
    pub low: u64,
    /// IDs added per refill (100).
    pub chunk: u64,
}

/// The cache's counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cache {
    /// IDs held.
    pub level: u64,
    /// IDs served from the cache.
    pub from_cache: u64,
    /// IDs generated on demand because the cache was empty.
    pub on_demand: u64,
    /// Refills done.
    pub refills: u64,
}

impl Cache {
    /// A full cache.
    pub fn full(s: Settings) -> Self {
        Cache {
            level: s.capacity,
            ..Cache::default()
        }
    }

    /// A refill tick: below the low-water mark, add a chunk (never past capacity). Returns the
    /// IDs added.
    pub fn refill(&mut self, s: Settings) -> u64 {
        if self.level >= s.low {
            return 0;
        }
        let add = s.chunk.min(s.capacity - self.level);
        self.level += add;
        self.refills += 1;
        add
    }

    /// `n` single gets: from the cache while it lasts, the rest on demand. Returns the on-demand
    /// count.
    pub fn get(&mut self, n: u64) -> u64 {
        let cached = n.min(self.level);
        self.level -= cached;
        self.from_cache += cached;
        self.on_demand += n - cached;
        n - cached
    }
}
