//! The window limiters: fixed windows (aligned, F4's local form, F4's Redis counter) and the
//! weighted sliding window counter.

use super::{Decision, Detail, Limiter, Outcome};
use std::collections::BTreeMap;

fn allowed_if(yes: bool) -> Outcome {
    if yes {
        Outcome::Allowed
    } else {
        Outcome::Rejected
    }
}

/// A fixed window aligned to `now // window`: the count resets at every multiple of the window.
#[derive(Clone, Debug)]
pub struct FixedAligned {
    limit: u32,
    window_ms: u64,
    index: u64,
    count: u32,
}

impl FixedAligned {
    /// No request yet.
    pub fn new(limit: u32, window_ms: u64) -> Self {
        FixedAligned {
            limit,
            window_ms,
            index: 0,
            count: 0,
        }
    }
}

impl Limiter for FixedAligned {
    fn decide(&mut self, now_ms: u64) -> Decision {
        let index = now_ms / self.window_ms;
        let opened = index != self.index;
        if opened {
            self.index = index;
            self.count = 0;
        }
        let before = self.count;
        let allowed = before < self.limit;
        if allowed {
            self.count += 1;
        }
        Decision {
            outcome: allowed_if(allowed),
            remaining: self.limit - self.count,
            reset_ms: (index + 1) * self.window_ms,
            level: f64::from(self.count),
            held: 2,
            detail: Detail::Window {
                start_ms: index * self.window_ms,
                opened,
                before,
            },
        }
    }
}

/// F4 §22 `FixedWindowCounter`: the window starts when the limiter is made (t = 0) and again at
/// the first request at least a window after the start.
#[derive(Clone, Debug)]
pub struct FixedLocal {
    limit: u32,
    window_ms: u64,
    start_ms: u64,
    count: u32,
}

impl FixedLocal {
    /// Made at t = 0.
    pub fn new(limit: u32, window_ms: u64) -> Self {
        FixedLocal {
            limit,
            window_ms,
            start_ms: 0,
            count: 0,
        }
    }
}

impl Limiter for FixedLocal {
    fn decide(&mut self, now_ms: u64) -> Decision {
        let opened = now_ms - self.start_ms >= self.window_ms;
        if opened {
            self.count = 0;
            self.start_ms = now_ms;
        }
        let before = self.count;
        let allowed = before < self.limit;
        if allowed {
            self.count += 1;
        }
        Decision {
            outcome: allowed_if(allowed),
            remaining: self.limit - self.count,
            reset_ms: self.start_ms + self.window_ms,
            level: f64::from(self.count),
            held: 2,
            detail: Detail::Window {
                start_ms: self.start_ms,
                opened,
                before,
            },
        }
    }
}

/// F4 §22 centralized counter: `INCR key:now//window`, `EXPIRE … window × 2`; allowed iff the
/// count is at most the limit. Rejected requests still count.
#[derive(Clone, Debug)]
pub struct FixedRedis {
    limit: u32,
    window_ms: u64,
    /// Window number → (count, expiry time in ms).
    keys: BTreeMap<u64, (u32, u64)>,
}

impl FixedRedis {
    /// No key yet.
    pub fn new(limit: u32, window_ms: u64) -> Self {
        FixedRedis {
            limit,
            window_ms,
            keys: BTreeMap::new(),
        }
    }
}

impl Limiter for FixedRedis {
    fn decide(&mut self, now_ms: u64) -> Decision {
        self.keys.retain(|_, (_, expires)| *expires > now_ms);
        let key = now_ms / self.window_ms;
        let entry = self.keys.entry(key).or_insert((0, 0));
        entry.0 = entry.0.saturating_add(1);
        entry.1 = now_ms + 2 * self.window_ms;
        let count = entry.0;
        Decision {
            outcome: allowed_if(count <= self.limit),
            remaining: self.limit.saturating_sub(count),
            reset_ms: (key + 1) * self.window_ms,
            level: f64::from(count),
            held: 2 * self.keys.len() as u32,
            detail: Detail::Redis { key, count },
        }
    }
}

/// Sliding window counter: the current aligned window's count plus the previous window's count
/// weighted by how much of the previous window the sliding window still covers:
/// `estimate = cur + prev × (1 − elapsed_in_cur / window)`; allowed iff `estimate < limit`.
#[derive(Clone, Debug)]
pub struct SlidingCounter {
    limit: u32,
    window_ms: u64,
    index: u64,
    cur: u32,
    prev: u32,
}

impl SlidingCounter {
    /// No request yet.
    pub fn new(limit: u32, window_ms: u64) -> Self {
        SlidingCounter {
            limit,
            window_ms,
            index: 0,
            cur: 0,
            prev: 0,
        }
    }

    /// A counter that starts in window `index` with these counts (the catalogue's example
    /// starts with `prev = 80`).
    pub fn with_counts(limit: u32, window_ms: u64, index: u64, prev: u32, cur: u32) -> Self {
        SlidingCounter {
            limit,
            window_ms,
            index,
            cur,
            prev,
        }
    }
}

impl Limiter for SlidingCounter {
    fn decide(&mut self, now_ms: u64) -> Decision {
        let index = now_ms / self.window_ms;
        if index != self.index {
            self.prev = if index == self.index + 1 { self.cur } else { 0 };
            self.cur = 0;
            self.index = index;
        }
        let elapsed = now_ms - index * self.window_ms;
        let weight = 1.0 - elapsed as f64 / self.window_ms as f64;
        let (prev, cur) = (self.prev, self.cur);
        let estimate = f64::from(cur) + f64::from(prev) * weight;
        let allowed = estimate < f64::from(self.limit);
        if allowed {
            self.cur += 1;
        }
        let after = f64::from(self.cur) + f64::from(self.prev) * weight;
        Decision {
            outcome: allowed_if(allowed),
            remaining: (f64::from(self.limit) - after).max(0.0).floor() as u32,
            reset_ms: (index + 1) * self.window_ms,
            level: after,
            held: 3,
            detail: Detail::Sliding {
                prev,
                cur,
                weight,
                estimate,
            },
        }
    }
}
