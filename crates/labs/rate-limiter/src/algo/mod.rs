//! The limiters, one per lane, each as the documents write it or as the lab corrects it. Every
//! limiter sees the same requests (arrival times in whole milliseconds since t = 0, sorted) and
//! decides each one; its [`Decision`] carries what the narration shows: elapsed time, tokens added
//! or leaked, counter or log contents, the decision and what remains.

mod bucket;
mod log;
mod window;

pub use bucket::{LeakyBucket, LeakyQueue, TokenBucket, TokenBucketExact};
pub use log::{SlidingLog, SortedSetLog, ZsetVariant};
pub use window::{FixedAligned, FixedLocal, FixedRedis, SlidingCounter};

use crate::rate::Rate;
use serde::{Deserialize, Serialize};

/// One algorithm (or one version of it) with a lane of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Lane {
    /// Token bucket as F0 Q2 and F4 §22 write it: float tokens.
    Token,
    /// Token bucket in exact integer fractions of a token (not in source).
    TokenExact,
    /// F4 §22 leaky bucket as written: `last_leak = now` even when nothing leaked.
    LeakyDoc,
    /// F4 §22 leaky bucket corrected: `last_leak` advances by the time the leaks took.
    Leaky,
    /// Leaky bucket as a queue: requests wait and leave at the leak rate (F0 Q2's meaning).
    LeakyQueue,
    /// Fixed window aligned to `now // window` (the windows of F4's Redis counter, kept locally).
    Fixed,
    /// F4 §22 `FixedWindowCounter`: a window starts at the first request after the last expired.
    FixedLocal,
    /// F4 §22 centralized counter: `INCR` + `EXPIRE window × 2` on `key:now // window`.
    FixedRedis,
    /// F4 §22 sliding window log (deque): drops entries strictly before the cutoff.
    Log,
    /// The same log dropping entries at the cutoff too (like `ZREMRANGEBYSCORE 0 window_start`).
    LogInclusive,
    /// F4 §22 Redis sorted-set log, corrected: a unique member per request, the window passed in.
    Zset,
    /// The sorted-set log as written, `ZADD key now now`: requests in the same instant collapse.
    ZsetDoc,
    /// The Lua script as printed: `window_seconds` is never passed, so `EXPIRE` fails.
    ZsetLua,
    /// Sliding window counter: `cur + prev × (1 − elapsed / window)` (formula not in source).
    Sliding,
}

impl Lane {
    /// Every lane, in display order.
    pub const ALL: [Lane; 14] = [
        Lane::Token,
        Lane::TokenExact,
        Lane::LeakyDoc,
        Lane::Leaky,
        Lane::LeakyQueue,
        Lane::Fixed,
        Lane::FixedLocal,
        Lane::FixedRedis,
        Lane::Log,
        Lane::LogInclusive,
        Lane::Zset,
        Lane::ZsetDoc,
        Lane::ZsetLua,
        Lane::Sliding,
    ];

    /// The id in the URL (`lanes=token,fixed`).
    pub fn id(self) -> &'static str {
        match self {
            Lane::Token => "token",
            Lane::TokenExact => "token-exact",
            Lane::LeakyDoc => "leaky-doc",
            Lane::Leaky => "leaky",
            Lane::LeakyQueue => "leaky-queue",
            Lane::Fixed => "fixed",
            Lane::FixedLocal => "fixed-local",
            Lane::FixedRedis => "fixed-redis",
            Lane::Log => "log",
            Lane::LogInclusive => "log-inclusive",
            Lane::Zset => "zset",
            Lane::ZsetDoc => "zset-doc",
            Lane::ZsetLua => "zset-lua",
            Lane::Sliding => "sliding",
        }
    }

    /// The lane with this id.
    pub fn from_id(id: &str) -> Option<Lane> {
        Lane::ALL.into_iter().find(|l| l.id() == id)
    }

    /// Its name on screen.
    pub fn title(self) -> &'static str {
        match self {
            Lane::Token => "Token bucket",
            Lane::TokenExact => "Token bucket, exact tokens",
            Lane::LeakyDoc => "Leaky bucket (F4 as written)",
            Lane::Leaky => "Leaky bucket (corrected)",
            Lane::LeakyQueue => "Leaky bucket, queue",
            Lane::Fixed => "Fixed window, aligned",
            Lane::FixedLocal => "Fixed window (F4 local)",
            Lane::FixedRedis => "Fixed window, Redis INCR",
            Lane::Log => "Sliding log (deque)",
            Lane::LogInclusive => "Sliding log, cutoff inclusive",
            Lane::Zset => "Sliding log, Redis sorted set",
            Lane::ZsetDoc => "Sorted set, ZADD now now (F4)",
            Lane::ZsetLua => "Sorted set, Lua as printed (F4)",
            Lane::Sliding => "Sliding window counter",
        }
    }

    /// Where it comes from, and what differs from the source.
    pub fn source(self) -> &'static str {
        match self {
            Lane::Token => "F0 Q2 l.341–367; F4 §22 TokenBucket",
            Lane::TokenExact => "not in source: the same bucket in exact fractions of a token",
            Lane::LeakyDoc => "F4 §22 LeakyBucket, as written",
            Lane::Leaky => "F4 §22 LeakyBucket with last_leak advanced by leaks ÷ rate (corrected)",
            Lane::LeakyQueue => {
                "F0 Q2 table: requests processed at a fixed rate (queue form, not in F4)"
            }
            Lane::Fixed => "F0 Q2 table; windows as F4's now // window",
            Lane::FixedLocal => "F4 §22 FixedWindowCounter",
            Lane::FixedRedis => "F4 §22 DistributedRateLimiter (INCR + EXPIRE)",
            Lane::Log => "F4 §22 SlidingWindowLog",
            Lane::LogInclusive => "the deque with ZREMRANGEBYSCORE's inclusive cutoff",
            Lane::Zset => "F4 §22 SlidingWindowRedis, corrected (F4 calls it a “counter”)",
            Lane::ZsetDoc => "F4 §22 SlidingWindowRedis: ZADD key now now",
            Lane::ZsetLua => "F4 §22 SlidingWindowRedis: the Lua script as printed",
            Lane::Sliding => "F0 Q2 table; the weighted formula is not in source",
        }
    }

    /// A limiter for this lane.
    pub fn limiter(self, c: &Config) -> Box<dyn Limiter> {
        match self {
            Lane::Token => Box::new(TokenBucket::new(c.capacity, c.rate)),
            Lane::TokenExact => Box::new(TokenBucketExact::new(c.capacity, c.rate)),
            Lane::LeakyDoc => Box::new(LeakyBucket::new(c.capacity, c.rate, false)),
            Lane::Leaky => Box::new(LeakyBucket::new(c.capacity, c.rate, true)),
            Lane::LeakyQueue => Box::new(LeakyQueue::new(c.capacity, c.rate)),
            Lane::Fixed => Box::new(FixedAligned::new(c.limit, c.window_ms)),
            Lane::FixedLocal => Box::new(FixedLocal::new(c.limit, c.window_ms)),
            Lane::FixedRedis => Box::new(FixedRedis::new(c.limit, c.window_ms)),
            Lane::Log => Box::new(SlidingLog::new(c.limit, c.window_ms, false)),
            Lane::LogInclusive => Box::new(SlidingLog::new(c.limit, c.window_ms, true)),
            Lane::Zset => Box::new(SortedSetLog::new(
                c.limit,
                c.window_ms,
                ZsetVariant::Corrected,
            )),
            Lane::ZsetDoc => Box::new(SortedSetLog::new(
                c.limit,
                c.window_ms,
                ZsetVariant::MemberIsNow,
            )),
            Lane::ZsetLua => Box::new(SortedSetLog::new(
                c.limit,
                c.window_ms,
                ZsetVariant::AsPrinted,
            )),
            Lane::Sliding => Box::new(SlidingCounter::new(c.limit, c.window_ms)),
        }
    }

    /// The bucket lanes limit by capacity and rate; the others by limit per window.
    pub fn is_bucket(self) -> bool {
        matches!(
            self,
            Lane::Token | Lane::TokenExact | Lane::LeakyDoc | Lane::Leaky | Lane::LeakyQueue
        )
    }
}

/// The settings every limiter reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Config {
    /// Requests per window (window limiters).
    pub limit: u32,
    /// Window length, ms.
    pub window_ms: u64,
    /// Bucket size: tokens, or queue places (bucket limiters).
    pub capacity: u32,
    /// Refill or leak rate, per second.
    pub rate: Rate,
}

/// What happened to a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// Admitted now.
    Allowed,
    /// Admitted into the queue; processed after waiting this long (ms).
    Queued {
        /// Wait, ms.
        wait_ms: u64,
    },
    /// Refused: 429.
    Rejected,
    /// The limiter failed (the printed Lua script): 500.
    Error,
}

impl Outcome {
    /// True when the request goes through (now or after a wait).
    pub fn admitted(self) -> bool {
        matches!(self, Outcome::Allowed | Outcome::Queued { .. })
    }
}

/// What a limiter computed for one request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// The outcome.
    pub outcome: Outcome,
    /// What is left for the next request (tokens, window count, queue places), for headers.
    pub remaining: u32,
    /// When the limit is fully available again, ms since t = 0 (the `X-RateLimit-Reset`).
    pub reset_ms: u64,
    /// The limiter's level after the request: tokens, count, log length, queue length, estimate.
    pub level: f64,
    /// Numbers the limiter holds for this key after the request (its memory).
    pub held: u32,
    /// The step by step.
    pub detail: Detail,
}

/// The working of one decision, for the narration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Detail {
    /// Token bucket: elapsed since the last refill, tokens before and added, capped at capacity.
    Token {
        /// Since the last refill, ms.
        elapsed_ms: u64,
        /// Tokens before the refill.
        before: f64,
        /// Tokens added by the refill.
        added: f64,
        /// Tokens after the refill, before this request took one.
        refilled: f64,
    },
    /// Leaky bucket (meter): leaks since `last_leak`, queue length before and after.
    Leak {
        /// Since `last_leak`, ms.
        elapsed_ms: u64,
        /// `int(elapsed × rate)`.
        leaks: u64,
        /// Entries popped (at most the queue length).
        popped: u32,
        /// Queue length before this request.
        before: u32,
        /// `last_leak` after the leak, ms (fractional in the corrected version).
        last_leak_ms: f64,
    },
    /// Leaky bucket (queue): requests still waiting, and this one's release time.
    Queue {
        /// Requests waiting before this one (released ones dropped).
        waiting: u32,
        /// When this request leaves the bucket, ms (none if rejected).
        release_ms: Option<f64>,
    },
    /// Fixed window: which window, and its count before and after.
    Window {
        /// Start of the current window, ms.
        start_ms: u64,
        /// True when this request opened a new window.
        opened: bool,
        /// Count before this request.
        before: u32,
    },
    /// Redis fixed window: the key's window number, its count after `INCR`, keys alive.
    Redis {
        /// `now // window`.
        key: u64,
        /// The count `INCR` returned.
        count: u32,
    },
    /// Sliding log: the cutoff, entries removed, length before the check.
    Log {
        /// `now − window`, ms (negative before the first full window).
        cutoff_ms: i64,
        /// Entries dropped.
        removed: u32,
        /// Entries left before this request.
        count: u32,
        /// False when `ZADD key now now` found the member already there (or nothing was added).
        added: bool,
    },
    /// Sliding window counter: the two windows and the weight of the previous one.
    Sliding {
        /// Previous window's count.
        prev: u32,
        /// Current window's count before this request.
        cur: u32,
        /// `1 − elapsed_in_cur / window`.
        weight: f64,
        /// `cur + prev × weight`.
        estimate: f64,
    },
}

/// A limiter for one key.
pub trait Limiter {
    /// Decides the request arriving at `now_ms` (never earlier than the previous one).
    fn decide(&mut self, now_ms: u64) -> Decision;
}
