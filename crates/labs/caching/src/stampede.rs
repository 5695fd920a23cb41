//! Cache stampede (M8.10): one hot key under a steady stream of requests, expiring every `ttl`,
//! recomputed from the database in `recompute` ms, under five protections:
//! - none: every request that finds it expired recomputes it;
//! - lock (single flight): the first recomputes, the others wait for that result;
//! - F4's probabilistic early expiry: a hit refreshes asynchronously with p = 1 − remaining/ttl;
//! - `XFetch` (not in source): a hit recomputes when `now − Δ·β·ln(rand) ≥ expiry`;
//! - stale-while-revalidate: after expiry the old value is served while one refresh runs.

use rand::RngExt;
use sdp_kit::detmath;
use sdp_kit::field::Word;
use sdp_kit::rng::seeded;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// A protection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Protection {
    /// No protection.
    None,
    /// A lock: one recompute, the others wait.
    Lock,
    /// F4's linear early refresh.
    Early,
    /// `XFetch`.
    XFetch,
    /// Stale-while-revalidate.
    Swr,
}

impl Protection {
    /// Every protection, in lane order.
    pub const ALL: [Protection; 5] = [
        Protection::None,
        Protection::Lock,
        Protection::Early,
        Protection::XFetch,
        Protection::Swr,
    ];

    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            Protection::None => "No protection",
            Protection::Lock => "Lock (single flight)",
            Protection::Early => "F4 early expiry (p = 1 − remaining/ttl)",
            Protection::XFetch => "XFetch (not in source)",
            Protection::Swr => "Stale-while-revalidate",
        }
    }
}

impl Word for Protection {
    const WORDS: &'static [(Self, &'static str)] = &[
        (Protection::None, "none"),
        (Protection::Lock, "lock"),
        (Protection::Early, "early"),
        (Protection::XFetch, "xfetch"),
        (Protection::Swr, "swr"),
    ];
}

/// F4's refresh probability: `p = 1 − remaining/ttl`, clamped to [0, 1].
///
/// ```
/// use sdp_lab_caching::stampede::early_p;
/// assert_eq!(early_p(1800.0, 3600.0), 0.5);
/// ```
pub fn early_p(remaining: f64, ttl: f64) -> f64 {
    if ttl <= 0.0 {
        return 1.0;
    }
    (1.0 - remaining / ttl).clamp(0.0, 1.0)
}

/// `XFetch`'s test: recompute early when `now − delta·beta·ln(u) ≥ expiry` (u in (0, 1]).
pub fn xfetch(now: f64, delta: f64, beta: f64, u: f64, expiry: f64) -> bool {
    now - delta * beta * detmath::ln(u.max(f64::MIN_POSITIVE)) >= expiry
}

/// The workload.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Config {
    /// TTL, µs.
    pub ttl: u64,
    /// Requests per second.
    pub rate: u32,
    /// Recompute time, µs.
    pub recompute: u64,
    /// Simulated time, µs.
    pub duration: u64,
    /// `XFetch`'s β.
    pub beta: f64,
}

/// One request's fate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Served {
    /// A fresh hit.
    Hit,
    /// The old value after expiry.
    Stale,
    /// Waited for another request's recompute.
    Waited,
    /// Recomputed it itself.
    Recomputed,
}

/// What one protection did.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Run {
    /// Start times of database recomputes, µs (synchronous and background).
    pub loads: Vec<u64>,
    /// Each request: arrival µs, how it was served, its latency µs.
    pub requests: Vec<(u64, Served, u64)>,
    /// Times the key expired with no refresh done in time, µs.
    pub expiries: Vec<u64>,
    /// Most recomputes running at once.
    pub peak: u32,
}

/// The request arrivals: a seeded Poisson stream at `rate` per second.
pub fn arrivals(c: &Config, seed: u64) -> Vec<u64> {
    let mut rng = seeded(seed);
    let mean = 1e6 / f64::from(c.rate.max(1));
    let mut t = 0.0;
    let mut out = Vec::new();
    loop {
        t += -detmath::ln(1.0 - rng.random::<f64>()) * mean;
        if t >= c.duration as f64 {
            return out;
        }
        out.push(t as u64);
    }
}

/// Runs `p` over `arrivals`; the key was computed at t = 0.
pub fn run(p: Protection, c: &Config, arrivals: &[u64], seed: u64) -> Run {
    let mut rng = seeded(seed ^ 0x57a3);
    let mut out = Run::default();
    let mut expiry = c.ttl;
    // Completion times of the recomputes running, soonest first.
    let mut inflight: BinaryHeap<Reverse<u64>> = BinaryHeap::new();
    let mut expired_noted = false;
    for &t in arrivals {
        // Recomputes that finished by now set the value.
        while let Some(&Reverse(done)) = inflight.peek() {
            if done > t {
                break;
            }
            inflight.pop();
            expiry = expiry.max(done + c.ttl);
            expired_noted = false;
        }
        let fresh = t < expiry;
        if !fresh && !expired_noted {
            out.expiries.push(expiry);
            expired_noted = true;
        }
        let load = |inflight: &mut BinaryHeap<Reverse<u64>>, out: &mut Run| {
            inflight.push(Reverse(t + c.recompute));
            out.loads.push(t);
            out.peak = out.peak.max(inflight.len() as u32);
        };
        let served = match (p, fresh) {
            (Protection::None | Protection::Early | Protection::XFetch, false) => {
                load(&mut inflight, &mut out);
                (Served::Recomputed, c.recompute)
            }
            (Protection::Lock, false) => {
                if let Some(&Reverse(done)) = inflight.peek() {
                    (Served::Waited, done - t)
                } else {
                    load(&mut inflight, &mut out);
                    (Served::Recomputed, c.recompute)
                }
            }
            (Protection::Swr, false) => {
                if inflight.is_empty() {
                    load(&mut inflight, &mut out);
                }
                (Served::Stale, 0)
            }
            (Protection::Early, true) => {
                let remaining = (expiry - t) as f64;
                if rng.random::<f64>() < early_p(remaining, c.ttl as f64) {
                    load(&mut inflight, &mut out);
                }
                (Served::Hit, 0)
            }
            (Protection::XFetch, true) => {
                let u = 1.0 - rng.random::<f64>();
                if xfetch(t as f64, c.recompute as f64, c.beta, u, expiry as f64) {
                    load(&mut inflight, &mut out);
                    (Served::Recomputed, c.recompute)
                } else {
                    (Served::Hit, 0)
                }
            }
            (_, true) => (Served::Hit, 0),
        };
        out.requests.push((t, served.0, served.1));
    }
    out
}
