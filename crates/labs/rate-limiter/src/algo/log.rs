//! The log limiters: F4's deque sliding log (cutoff exclusive, or inclusive) and F4's Redis
//! sorted-set log (corrected, `ZADD key now now`, and the Lua script as printed).

use super::{Decision, Detail, Limiter, Outcome};
use std::collections::VecDeque;

/// F4 §22 `SlidingWindowLog`: drop the timestamps before `now − window` (strictly before; with
/// `inclusive`, the one exactly at the cutoff too), then admit if fewer than `limit` remain.
#[derive(Clone, Debug)]
pub struct SlidingLog {
    limit: u32,
    window_ms: u64,
    inclusive: bool,
    log: VecDeque<u64>,
}

/// Drops the entries at the front before `cutoff` (and at it, when `inclusive`); how many.
fn drop_expired<T>(
    log: &mut VecDeque<T>,
    cutoff: i64,
    inclusive: bool,
    time: fn(&T) -> u64,
) -> u32 {
    let mut removed = 0;
    while log.front().is_some_and(|entry| {
        let t = time(entry) as i64;
        t < cutoff || (inclusive && t == cutoff)
    }) {
        log.pop_front();
        removed += 1;
    }
    removed
}

impl SlidingLog {
    /// An empty log.
    pub fn new(limit: u32, window_ms: u64, inclusive: bool) -> Self {
        SlidingLog {
            limit,
            window_ms,
            inclusive,
            log: VecDeque::new(),
        }
    }
}

impl Limiter for SlidingLog {
    fn decide(&mut self, now_ms: u64) -> Decision {
        let cutoff = now_ms as i64 - self.window_ms as i64;
        let removed = drop_expired(&mut self.log, cutoff, self.inclusive, |&t| t);
        let count = self.log.len() as u32;
        let allowed = count < self.limit;
        if allowed {
            self.log.push_back(now_ms);
        }
        let len = self.log.len() as u32;
        Decision {
            outcome: if allowed {
                Outcome::Allowed
            } else {
                Outcome::Rejected
            },
            remaining: self.limit - len,
            reset_ms: self.log.front().map_or(now_ms, |t| t + self.window_ms),
            level: f64::from(len),
            held: len,
            detail: Detail::Log {
                cutoff_ms: cutoff,
                removed,
                count,
                added: allowed,
            },
        }
    }
}

/// Which version of F4's sorted-set log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZsetVariant {
    /// A unique member per request, `EXPIRE key window`.
    Corrected,
    /// `ZADD key now now`: a second request in the same instant finds its member there already.
    MemberIsNow,
    /// The printed script: `ZADD key now now` and `EXPIRE key window_seconds`, a variable that is
    /// never passed, so `EXPIRE` fails (after `ZADD` ran) whenever the request would be admitted.
    AsPrinted,
}

/// F4 §22 `SlidingWindowRedis`: `ZREMRANGEBYSCORE key 0 window_start` (inclusive), `ZCARD`, and
/// if below the limit `ZADD` + `EXPIRE`.
#[derive(Clone, Debug)]
pub struct SortedSetLog {
    limit: u32,
    window_ms: u64,
    variant: ZsetVariant,
    /// (score, member), in score order (requests arrive in time order).
    set: VecDeque<(u64, u64)>,
    next_member: u64,
}

impl SortedSetLog {
    /// An empty set.
    pub fn new(limit: u32, window_ms: u64, variant: ZsetVariant) -> Self {
        SortedSetLog {
            limit,
            window_ms,
            variant,
            set: VecDeque::new(),
            next_member: 0,
        }
    }
}

impl Limiter for SortedSetLog {
    fn decide(&mut self, now_ms: u64) -> Decision {
        let window_start = now_ms as i64 - self.window_ms as i64;
        let removed = drop_expired(&mut self.set, window_start, true, |&(t, _)| t);
        let count = self.set.len() as u32;
        let below = count < self.limit;
        let mut added = false;
        if below {
            let member = match self.variant {
                ZsetVariant::Corrected => {
                    self.next_member += 1;
                    self.next_member
                }
                ZsetVariant::MemberIsNow | ZsetVariant::AsPrinted => now_ms,
            };
            // Scores only grow, so a member equal to `now` can only be the last one added.
            let present = self.variant != ZsetVariant::Corrected
                && self.set.back().is_some_and(|&(_, m)| m == member);
            if !present {
                self.set.push_back((now_ms, member));
                added = true;
            }
        }
        let outcome = match (below, self.variant) {
            (false, _) => Outcome::Rejected,
            (true, ZsetVariant::AsPrinted) => Outcome::Error,
            (true, _) => Outcome::Allowed,
        };
        let len = self.set.len() as u32;
        Decision {
            outcome,
            remaining: self.limit.saturating_sub(len),
            reset_ms: self.set.front().map_or(now_ms, |(t, _)| t + self.window_ms),
            level: f64::from(len),
            held: 2 * len,
            detail: Detail::Log {
                cutoff_ms: window_start,
                removed,
                count,
                added,
            },
        }
    }
}
