//! The bucket limiters: token bucket (float as written, and exact), leaky bucket as a meter (as
//! written, and corrected) and as a queue.

use super::{Decision, Detail, Limiter, Outcome};
use crate::rate::Rate;
use std::collections::VecDeque;

/// F0 Q2 / F4 §22 token bucket: starts full; each request refills by `elapsed × rate` (capped at
/// capacity), then takes a token if there is one. Float tokens, as the documents write it.
#[derive(Clone, Debug)]
pub struct TokenBucket {
    capacity: f64,
    rate: f64,
    tokens: f64,
    last_refill_ms: u64,
}

impl TokenBucket {
    /// A full bucket at t = 0.
    pub fn new(capacity: u32, rate: Rate) -> Self {
        TokenBucket {
            capacity: f64::from(capacity),
            rate: rate.per_second(),
            tokens: f64::from(capacity),
            last_refill_ms: 0,
        }
    }
}

impl Limiter for TokenBucket {
    fn decide(&mut self, now_ms: u64) -> Decision {
        let elapsed_ms = now_ms.saturating_sub(self.last_refill_ms);
        let before = self.tokens;
        let added = elapsed_ms as f64 / 1000.0 * self.rate;
        let refilled = self.capacity.min(before + added);
        let allowed = refilled >= 1.0;
        self.tokens = if allowed { refilled - 1.0 } else { refilled };
        self.last_refill_ms = now_ms;
        let to_full_ms = ((self.capacity - self.tokens) / self.rate * 1000.0).ceil();
        Decision {
            outcome: if allowed {
                Outcome::Allowed
            } else {
                Outcome::Rejected
            },
            remaining: self.tokens.floor() as u32,
            reset_ms: now_ms + to_full_ms.max(0.0) as u64,
            level: self.tokens,
            held: 2,
            detail: Detail::Token {
                elapsed_ms,
                before,
                added,
                refilled,
            },
        }
    }
}

/// The token bucket in exact arithmetic: tokens are counted in `1 / (den × 1000)` of a token, so
/// `elapsed_ms × num` of them arrive and nothing is rounded (not in source).
#[derive(Clone, Debug)]
pub struct TokenBucketExact {
    unit: u64,
    capacity: u64,
    num: u64,
    level: u64,
    last_refill_ms: u64,
}

impl TokenBucketExact {
    /// A full bucket at t = 0.
    pub fn new(capacity: u32, rate: Rate) -> Self {
        let unit = u64::from(rate.den) * 1000;
        TokenBucketExact {
            unit,
            capacity: u64::from(capacity) * unit,
            num: u64::from(rate.num),
            level: u64::from(capacity) * unit,
            last_refill_ms: 0,
        }
    }

    fn tokens(&self, level: u64) -> f64 {
        level as f64 / self.unit as f64
    }
}

impl Limiter for TokenBucketExact {
    fn decide(&mut self, now_ms: u64) -> Decision {
        let elapsed_ms = now_ms.saturating_sub(self.last_refill_ms);
        let before = self.level;
        let refilled = self
            .capacity
            .min(before.saturating_add(elapsed_ms.saturating_mul(self.num)));
        let allowed = refilled >= self.unit;
        self.level = if allowed {
            refilled - self.unit
        } else {
            refilled
        };
        self.last_refill_ms = now_ms;
        let to_full_ms = (self.capacity - self.level).div_ceil(self.num);
        Decision {
            outcome: if allowed {
                Outcome::Allowed
            } else {
                Outcome::Rejected
            },
            remaining: (self.level / self.unit) as u32,
            reset_ms: now_ms + to_full_ms,
            level: self.tokens(self.level),
            held: 2,
            detail: Detail::Token {
                elapsed_ms,
                before: self.tokens(before),
                added: self.tokens(refilled) - self.tokens(before),
                refilled: self.tokens(refilled),
            },
        }
    }
}

/// F4 §22 leaky bucket, a meter: the queue holds admission times; each request first leaks
/// `int(elapsed × rate)` entries, then is admitted if the queue has room. As written
/// (`corrected = false`), `last_leak = now` on every call, so the fraction of a leak that had
/// built up is lost; corrected, `last_leak` advances by the time the leaks took.
#[derive(Clone, Debug)]
pub struct LeakyBucket {
    capacity: u32,
    rate: Rate,
    corrected: bool,
    queue: VecDeque<u64>,
    /// `last_leak` in units of `1 / num` ms (exact for any rate).
    last_leak: u64,
}

impl LeakyBucket {
    /// An empty bucket at t = 0.
    pub fn new(capacity: u32, rate: Rate, corrected: bool) -> Self {
        LeakyBucket {
            capacity,
            rate,
            corrected,
            queue: VecDeque::new(),
            last_leak: 0,
        }
    }

    /// One leak, in units of `1 / num` ms.
    fn per_leak(&self) -> u64 {
        u64::from(self.rate.den) * 1000
    }
}

impl Limiter for LeakyBucket {
    fn decide(&mut self, now_ms: u64) -> Decision {
        let num = u64::from(self.rate.num);
        let now = now_ms.saturating_mul(num);
        let elapsed = now.saturating_sub(self.last_leak);
        let leaks = elapsed / self.per_leak();
        let before = self.queue.len() as u32;
        let popped = leaks.min(u64::from(before)) as u32;
        for _ in 0..popped {
            self.queue.pop_front();
        }
        if self.corrected {
            self.last_leak += leaks * self.per_leak();
        } else {
            self.last_leak = now;
        }
        let allowed = (self.queue.len() as u32) < self.capacity;
        if allowed {
            self.queue.push_back(now_ms);
        }
        let len = self.queue.len() as u64;
        let empty_at = (self.last_leak + len * self.per_leak()).div_ceil(num);
        Decision {
            outcome: if allowed {
                Outcome::Allowed
            } else {
                Outcome::Rejected
            },
            remaining: self.capacity - len as u32,
            reset_ms: empty_at.max(now_ms),
            level: len as f64,
            held: len as u32 + 1,
            detail: Detail::Leak {
                elapsed_ms: elapsed / num,
                leaks,
                popped,
                before,
                last_leak_ms: self.last_leak as f64 / num as f64,
            },
        }
    }
}

/// Leaky bucket as a queue (F0 Q2's "requests processed at fixed rate, queue overflow
/// rejected"): a request waits in the bucket until its turn; turns come every `1 / rate`; when
/// `capacity` requests are waiting the next one is rejected.
#[derive(Clone, Debug)]
pub struct LeakyQueue {
    capacity: u32,
    num: u64,
    per_leak: u64,
    /// Release times of the waiting requests, in units of `1 / num` ms.
    waiting: VecDeque<u64>,
    last_release: Option<u64>,
}

impl LeakyQueue {
    /// An empty queue at t = 0.
    pub fn new(capacity: u32, rate: Rate) -> Self {
        LeakyQueue {
            capacity,
            num: u64::from(rate.num),
            per_leak: u64::from(rate.den) * 1000,
            waiting: VecDeque::new(),
            last_release: None,
        }
    }
}

impl Limiter for LeakyQueue {
    fn decide(&mut self, now_ms: u64) -> Decision {
        let now = now_ms.saturating_mul(self.num);
        while self.waiting.front().is_some_and(|&r| r <= now) {
            self.waiting.pop_front();
        }
        let waiting = self.waiting.len() as u32;
        let (outcome, release) = if waiting < self.capacity {
            let release = self
                .last_release
                .map_or(now, |last| (last + self.per_leak).max(now));
            self.last_release = Some(release);
            if release > now {
                self.waiting.push_back(release);
            }
            let wait_ms = (release - now).div_ceil(self.num);
            (Outcome::Queued { wait_ms }, Some(release))
        } else {
            (Outcome::Rejected, None)
        };
        let len = self.waiting.len() as u32;
        let empty_at = self
            .waiting
            .back()
            .map_or(now_ms, |&r| r.div_ceil(self.num));
        Decision {
            outcome,
            remaining: self.capacity - len,
            reset_ms: empty_at,
            level: f64::from(len),
            held: len + 1,
            detail: Detail::Queue {
                waiting,
                release_ms: release.map(|r| r as f64 / self.num as f64),
            },
        }
    }
}
