//! Rate-limit response headers (catalogue M4.8; F0 Q2 l.369–374, F4 §22 `add_rate_limit_headers`):
//! `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset` (Unix seconds), and
//! `Retry-After = int(reset − now)` when nothing remains; 429 on a rejection.

use crate::algo::{Config, Decision, Lane, Outcome};

/// The response a request gets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// 200, 429 (rejected) or 500 (the limiter failed).
    pub status: u16,
    /// `X-RateLimit-Limit`: the capacity or the limit per window.
    pub limit: u32,
    /// `X-RateLimit-Remaining`.
    pub remaining: u32,
    /// `X-RateLimit-Reset`: when the limit is fully available again, Unix seconds.
    pub reset: u64,
    /// `Retry-After`, seconds, when nothing remains.
    pub retry_after: Option<u64>,
}

/// The response to a decision `lane` made at `now_ms`, with t = 0 at Unix time `epoch`.
///
/// F0's example (capacity 100, 10 tokens/s, 53 requests at Unix time 1704067200):
/// ```
/// use sdp_lab_rate_limiter::algo::{Config, Lane, Limiter};
/// use sdp_lab_rate_limiter::{headers::response, rate::Rate};
/// let c = Config { limit: 100, window_ms: 60_000, capacity: 100, rate: Rate::new(10, 1) };
/// let mut bucket = Lane::Token.limiter(&c);
/// let last = (0..53).map(|_| bucket.decide(0)).last().unwrap();
/// let r = response(&last, Lane::Token, &c, 1_704_067_200, 0);
/// assert_eq!((r.status, r.limit, r.remaining, r.reset), (200, 100, 47, 1_704_067_205));
/// ```
pub fn response(d: &Decision, lane: Lane, c: &Config, epoch: u64, now_ms: u64) -> Response {
    let limit = if lane.is_bucket() {
        c.capacity
    } else {
        c.limit
    };
    let reset = epoch + d.reset_ms / 1000;
    let retry_after = (d.remaining == 0).then(|| {
        let now_s = epoch as f64 + now_ms as f64 / 1000.0;
        (reset as f64 - now_s).max(0.0) as u64
    });
    Response {
        status: match d.outcome {
            Outcome::Allowed | Outcome::Queued { .. } => 200,
            Outcome::Rejected => 429,
            Outcome::Error => 500,
        },
        limit,
        remaining: d.remaining,
        reset,
        retry_after,
    }
}
