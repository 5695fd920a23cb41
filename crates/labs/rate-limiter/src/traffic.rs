//! The arrival trace every limiter sees: the catalogue's worked examples, and seeded patterns
//! (steady, bursts, Poisson, sawtooth). Times are whole milliseconds since t = 0, sorted; several
//! requests may share an instant.

use rand::RngExt;
use sdp_kit::field::Word;
use serde::{Deserialize, Serialize};

/// Most requests in one scenario (generated plus added by hand).
pub const MAX_REQUESTS: u32 = 5_000;

/// Where the requests come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Traffic {
    /// F4 §22: `limit` requests at 0:59 and `limit` at 1:00 (one second before and at the
    /// first window boundary).
    Boundary,
    /// The token bucket's worked example (catalogue M4.1): 100 at t = 0, then 0.05, 0.10, 1 and
    /// 20 s.
    TokenExample,
    /// The leaky bucket's worked example (M4.2): one request every 50 ms from 50 ms to 2 s.
    LeakExample,
    /// The headers example (M4.8): 53 requests at t = 0.
    HeadersExample,
    /// `count` requests evenly over `span`.
    Steady,
    /// `count` requests in bursts of `burst`, the bursts evenly over `span`.
    Burst,
    /// `count` requests at seeded uniform times over `span` (a Poisson process given its count).
    Poisson,
    /// Four teeth over `span`; in each the rate climbs from 0 to its peak.
    Sawtooth,
}

impl Word for Traffic {
    const WORDS: &'static [(Self, &'static str)] = &[
        (Traffic::Boundary, "boundary"),
        (Traffic::TokenExample, "token-example"),
        (Traffic::LeakExample, "leak-example"),
        (Traffic::HeadersExample, "headers-example"),
        (Traffic::Steady, "steady"),
        (Traffic::Burst, "burst"),
        (Traffic::Poisson, "poisson"),
        (Traffic::Sawtooth, "sawtooth"),
    ];
}

impl Traffic {
    /// True for the patterns whose shape `count`, `span` and `burst` set (the worked examples
    /// are fixed).
    pub fn generated(self) -> bool {
        matches!(
            self,
            Traffic::Steady | Traffic::Burst | Traffic::Poisson | Traffic::Sawtooth
        )
    }

    /// What it is, for the controls.
    pub fn title(self) -> &'static str {
        match self {
            Traffic::Boundary => "Boundary burst: limit at 0:59 + limit at 1:00 (F4 §22)",
            Traffic::TokenExample => "Token bucket example: 100 at 0 s, then 0.05, 0.1, 1, 20 s",
            Traffic::LeakExample => "Leaky bucket example: every 50 ms for 2 s",
            Traffic::HeadersExample => "Headers example: 53 requests at 0 s",
            Traffic::Steady => "Steady",
            Traffic::Burst => "Bursts",
            Traffic::Poisson => "Poisson (seeded)",
            Traffic::Sawtooth => "Sawtooth",
        }
    }
}

/// How the generated patterns are shaped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    /// Requests.
    pub count: u32,
    /// Over this many ms.
    pub span_ms: u64,
    /// Requests per burst (bursts pattern).
    pub burst: u32,
    /// Requests per window in the boundary example.
    pub limit: u32,
    /// Window, ms (the boundary example straddles its first boundary).
    pub window_ms: u64,
}

/// The arrival times of `traffic`, sorted.
///
/// ```
/// use sdp_lab_rate_limiter::traffic::{arrivals, Shape, Traffic};
/// let shape = Shape { count: 4, span_ms: 1000, burst: 2, limit: 2, window_ms: 60_000 };
/// assert_eq!(arrivals(Traffic::Steady, &shape, 1), vec![0, 250, 500, 750]);
/// assert_eq!(arrivals(Traffic::Burst, &shape, 1), vec![0, 0, 500, 500]);
/// assert_eq!(arrivals(Traffic::Boundary, &shape, 1), vec![59_000, 59_000, 60_000, 60_000]);
/// ```
pub fn arrivals(traffic: Traffic, shape: &Shape, seed: u64) -> Vec<u64> {
    let n = u64::from(shape.count);
    let span = shape.span_ms;
    match traffic {
        Traffic::Boundary => {
            let before = shape
                .window_ms
                .saturating_sub(1000.min(shape.window_ms / 2));
            let mut out = vec![before; shape.limit as usize];
            out.extend(vec![shape.window_ms; shape.limit as usize]);
            out
        }
        Traffic::TokenExample => {
            let mut out = vec![0; 100];
            out.extend([50, 100, 1000, 20_000]);
            out
        }
        Traffic::LeakExample => (1..=40).map(|i| i * 50).collect(),
        Traffic::HeadersExample => vec![0; 53],
        Traffic::Steady => (0..n).map(|i| i * span / n.max(1)).collect(),
        Traffic::Burst => {
            let size = u64::from(shape.burst.max(1));
            let bursts = n.div_ceil(size).max(1);
            (0..n).map(|i| (i / size) * span / bursts).collect()
        }
        Traffic::Poisson => {
            let mut rng = sdp_kit::rng::seeded(seed);
            let mut out: Vec<u64> = (0..n).map(|_| rng.random_range(0..span.max(1))).collect();
            out.sort_unstable();
            out
        }
        Traffic::Sawtooth => {
            // In each tooth the density grows like t, so the k-th of m requests sits at
            // tooth × √((k + ½) / m).
            let teeth = 4u64;
            let tooth = span / teeth;
            let per = n / teeth;
            let mut out = Vec::with_capacity(shape.count as usize);
            for i in 0..n {
                let which = i.checked_div(per).map_or(0, |w| w.min(teeth - 1));
                let k = i - which * per;
                let m = if per == 0 {
                    n
                } else if which == teeth - 1 {
                    n - per * (teeth - 1)
                } else {
                    per
                };
                let frac = ((k as f64 + 0.5) / m as f64).sqrt();
                out.push(which * tooth + (frac * tooth as f64) as u64);
            }
            out.sort_unstable();
            out
        }
    }
}

/// How many requests `traffic` makes before any added by hand.
pub fn count_of(traffic: Traffic, shape: &Shape) -> u64 {
    match traffic {
        Traffic::Boundary => 2 * u64::from(shape.limit),
        Traffic::TokenExample => 104,
        Traffic::LeakExample => 40,
        Traffic::HeadersExample => 53,
        _ => u64::from(shape.count),
    }
}
