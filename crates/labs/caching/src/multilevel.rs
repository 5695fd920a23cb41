//! Multi-level cache (M8.11) with invalidation between levels (M8.13): each app server has an
//! L1 in-process LRU (F4 §16: capacity 1 000) with an optional TTL (F4 §2: 1 min); all share an
//! L2 cache (F4 §16: Redis, `SETEX` 3 600 s); the database is behind. A read tries L1, then L2
//! (copying into L1), then the database (setting L2 and L1). A write updates the database and
//! deletes the key from L2 and from the writer's L1; the other servers' L1 copies are either
//! left to their TTL ("TTL only") or deleted by a published invalidation after a delay
//! ("pub/sub").

use crate::policy::{Cache, Lru};
use rand::RngExt;
use sdp_kit::detmath;
use sdp_kit::field::Word;
use sdp_kit::rng::seeded;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// The L1 latency the documents give: F4 §16's flow (0.1 ms) or its table (0.0001 ms).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum L1Latency {
    /// “L1 hit 0.1 ms” (F4 §16 flow, l.2934).
    Flow,
    /// “0.0001ms” / 50–100 ns (F4 §16 table, l.2869).
    Table,
}

impl L1Latency {
    /// Milliseconds.
    pub fn ms(self) -> f64 {
        match self {
            L1Latency::Flow => 0.1,
            L1Latency::Table => 0.0001,
        }
    }
}

impl Word for L1Latency {
    const WORDS: &'static [(Self, &'static str)] =
        &[(L1Latency::Flow, "flow"), (L1Latency::Table, "table")];
}

/// How other servers' L1 copies learn of a write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Invalidation {
    /// Only their TTL ends them.
    TtlOnly,
    /// A published invalidation deletes them after a delay.
    PubSub,
}

impl Invalidation {
    /// Both, in lane order.
    pub const ALL: [Invalidation; 2] = [Invalidation::TtlOnly, Invalidation::PubSub];

    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            Invalidation::TtlOnly => "TTL only",
            Invalidation::PubSub => "Pub/sub invalidation",
        }
    }
}

/// Where a read was answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Level {
    /// The server's own L1.
    L1,
    /// The shared L2.
    L2,
    /// The database.
    Db,
}

/// The workload and the levels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Config {
    /// App servers, each with an L1.
    pub servers: u32,
    /// L1 capacity, keys.
    pub l1_cap: u32,
    /// L1 TTL, ms (0: none).
    pub l1_ttl: u64,
    /// L2 TTL, ms.
    pub l2_ttl: u64,
    /// Distinct keys.
    pub keys: u32,
    /// Zipf exponent of the reads.
    pub skew: f64,
    /// Requests.
    pub requests: u32,
    /// Simulated time, ms.
    pub duration: u64,
    /// Share of writes.
    pub writes: f64,
    /// Pub/sub delivery delay, ms.
    pub delay: u64,
}

/// One request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    /// Time, ms.
    pub at: u64,
    /// Server.
    pub server: u32,
    /// Key.
    pub key: u32,
    /// A write.
    pub write: bool,
}

/// What one request did in one lane.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Served {
    /// Where a read was answered (`None` for a write).
    pub level: Option<Level>,
    /// A read older than the database's version.
    pub stale: bool,
}

/// The seeded requests: uniform times, servers and a Zipf key choice.
pub fn requests(c: &Config, seed: u64) -> Vec<Request> {
    let n = c.keys.max(1) as usize;
    let mut cdf = Vec::with_capacity(n);
    let mut total = 0.0;
    for r in 1..=n {
        total += 1.0 / detmath::pow(r as f64, c.skew);
        cdf.push(total);
    }
    let mut rng = seeded(seed ^ 0x11_1e7e1);
    let mut out: Vec<Request> = (0..c.requests)
        .map(|_| {
            let u = rng.random::<f64>() * total;
            Request {
                at: rng.random_range(0..c.duration.max(1)),
                server: rng.random_range(0..c.servers.max(1)),
                key: cdf.partition_point(|&x| x <= u).min(n - 1) as u32,
                write: rng.random::<f64>() < c.writes,
            }
        })
        .collect();
    out.sort_by_key(|r| r.at);
    out
}

struct L1 {
    lru: Lru,
    /// Each key's (version, expiry ms) while resident.
    held: Vec<Option<(u32, u64)>>,
}

/// Runs one lane over `reqs` (sorted by time).
pub fn run(inv: Invalidation, c: &Config, reqs: &[Request]) -> Vec<Served> {
    let keys = c.keys.max(1) as usize;
    let mut l1: Vec<L1> = (0..c.servers.max(1))
        .map(|_| L1 {
            lru: Lru::new(c.l1_cap.max(1) as usize, keys),
            held: vec![None; keys],
        })
        .collect();
    let mut l2: Vec<Option<(u32, u64)>> = vec![None; keys];
    let mut db = vec![0u32; keys];
    let mut pending: VecDeque<(u64, u32, u32)> = VecDeque::new();
    let l1_exp = |t: u64| {
        if c.l1_ttl == 0 {
            u64::MAX
        } else {
            t + c.l1_ttl
        }
    };
    reqs.iter()
        .map(|r| {
            while let Some(&(at, server, key)) = pending.front() {
                if at > r.at {
                    break;
                }
                pending.pop_front();
                let s = &mut l1[server as usize];
                s.lru.remove(key);
                s.held[key as usize] = None;
            }
            let k = r.key as usize;
            let me = r.server as usize;
            if r.write {
                db[k] += 1;
                l2[k] = None;
                l1[me].lru.remove(r.key);
                l1[me].held[k] = None;
                if inv == Invalidation::PubSub {
                    for s in (0..l1.len() as u32).filter(|&s| s != r.server) {
                        pending.push_back((r.at + c.delay, s, r.key));
                    }
                }
                return Served {
                    level: None,
                    stale: false,
                };
            }
            let fresh_l1 = l1[me].held[k].filter(|&(_, e)| r.at < e);
            let (level, v) = if let Some((v, _)) = fresh_l1 {
                l1[me].lru.access(0, r.key);
                (Level::L1, v)
            } else {
                let (level, v) = if let Some((v, _)) = l2[k].filter(|&(_, e)| r.at < e) {
                    (Level::L2, v)
                } else {
                    l2[k] = Some((db[k], r.at + c.l2_ttl));
                    (Level::Db, db[k])
                };
                let s = &mut l1[me];
                let out = s.lru.access(0, r.key);
                if let Some(e) = out.evicted {
                    s.held[e as usize] = None;
                }
                s.held[k] = Some((v, l1_exp(r.at)));
                (level, v)
            };
            Served {
                level: Some(level),
                stale: v < db[k],
            }
        })
        .collect()
}

/// Expected latency, ms, of hit shares `(l1, l2, db)` at latencies `(l1, l2, db)` ms.
///
/// ```
/// // Catalogue M8.11 CV: 0.6 × 0.1 + 0.3 × 2 + 0.1 × 50 = 5.66 ms.
/// let e = sdp_lab_caching::multilevel::expected_latency((0.6, 0.3, 0.1), (0.1, 2.0, 50.0));
/// assert!((e - 5.66).abs() < 1e-9);
/// ```
pub fn expected_latency(shares: (f64, f64, f64), ms: (f64, f64, f64)) -> f64 {
    shares.0 * ms.0 + shares.1 * ms.1 + shares.2 * ms.2
}
