//! Multi-level cache (M8.11) with invalidation between levels (M8.13): each app server has an
//! L1 in-process LRU (F4 §16: capacity 1 000) with an optional TTL (F4 §2: 1 min); all share an
//! L2 cache (F4 §16: Redis, `SETEX` 3 600 s); the database is behind. A read tries L1, then L2
//! (copying into L1), then the database (setting L2 and L1). A write updates the database and
//! deletes the key from L2 and from the writer's L1; the other servers' L1 copies are either
//! left to their TTL ("TTL only") or deleted by a published invalidation after a delay
//! ("pub/sub"). With versioned keys (F4 §16 "Version-based: Increment version on update") a
//! write deletes nothing: it bumps the key's version, and readers, which fetch the version from
//! L2 first (not in source), ask for `key:v<n>`, so an old entry is never read again and holds
//! memory until LRU eviction (L1) or its TTL (L2).

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
    /// Versioned keys: a write bumps the key's version and readers ask for `key:v<n>`, so old
    /// entries are never read again; they stay until LRU eviction or their TTL.
    Versioned,
}

impl Invalidation {
    /// Both, in lane order.
    pub const ALL: [Invalidation; 3] = [
        Invalidation::TtlOnly,
        Invalidation::PubSub,
        Invalidation::Versioned,
    ];

    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            Invalidation::TtlOnly => "TTL only",
            Invalidation::PubSub => "Pub/sub invalidation",
            Invalidation::Versioned => "Versioned keys",
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

/// Entries held at one moment, summed over the servers' L1s and the L2.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Held {
    /// L1 entries resident (expired ones too: L1 expiry is lazy).
    pub l1: u32,
    /// Of those, entries older than the database: stale copies, or dead versions.
    pub l1_old: u32,
    /// L2 entries within their TTL.
    pub l2: u32,
    /// Of those, entries older than the database.
    pub l2_old: u32,
}

/// What one request did in one lane.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Served {
    /// Where a read was answered (`None` for a write).
    pub level: Option<Level>,
    /// A read older than the database's version.
    pub stale: bool,
    /// The read first fetched the key's version from L2 (versioned keys).
    pub lookup: bool,
    /// Entries held after the request.
    pub held: Held,
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

/// One server's L1 over entry slots.
struct L1 {
    lru: Lru,
    /// Each slot's (version, expiry ms) while resident.
    held: Vec<Option<(u32, u64)>>,
}

/// One lane's caches. A slot is what a cache key names: the key itself, or with versioned keys
/// one `key:v<n>` (a fresh slot per write).
struct Lane {
    inv: Invalidation,
    l1: Vec<L1>,
    l2: Vec<Option<(u32, u64)>>,
    /// L2 sets in time order (the TTL is the same for all): (expiry, slot, version).
    expiries: VecDeque<(u64, u32, u32)>,
    db: Vec<u32>,
    /// Versioned keys: each key's current slot, and each slot's key.
    current: Vec<u32>,
    key_of: Vec<u32>,
    /// Versioned keys: the next fresh slot.
    next_slot: u32,
    held: Held,
}

impl Lane {
    fn new(inv: Invalidation, c: &Config, writes: usize) -> Self {
        let keys = c.keys.max(1) as usize;
        let slots = if inv == Invalidation::Versioned {
            keys + writes
        } else {
            keys
        };
        Lane {
            inv,
            l1: (0..c.servers.max(1))
                .map(|_| L1 {
                    lru: Lru::new(c.l1_cap.max(1) as usize, slots),
                    held: vec![None; slots],
                })
                .collect(),
            l2: vec![None; slots],
            expiries: VecDeque::new(),
            db: vec![0; keys],
            current: (0..keys as u32).collect(),
            key_of: (0..slots as u32).map(|s| s.min(keys as u32 - 1)).collect(),
            next_slot: keys as u32,
            held: Held::default(),
        }
    }

    fn old(&self, slot: u32, v: u32) -> bool {
        v < self.db[self.key_of[slot as usize] as usize]
    }

    /// Drops a slot from a server's L1 (an eviction or an invalidation).
    fn drop_l1(&mut self, server: usize, slot: u32) {
        if let Some((v, _)) = self.l1[server].held[slot as usize].take() {
            self.held.l1 -= 1;
            self.held.l1_old -= u32::from(self.old(slot, v));
        }
    }

    fn drop_l2(&mut self, slot: u32) {
        if let Some((v, _)) = self.l2[slot as usize].take() {
            self.held.l2 -= 1;
            self.held.l2_old -= u32::from(self.old(slot, v));
        }
    }

    /// L2 entries whose TTL has passed by `now` go (reads treat them as misses either way).
    fn expire_l2(&mut self, now: u64) {
        while let Some(&(at, slot, v)) = self.expiries.front() {
            if at > now {
                break;
            }
            self.expiries.pop_front();
            if self.l2[slot as usize] == Some((v, at)) {
                self.drop_l2(slot);
            }
        }
    }

    fn set_l1(&mut self, server: usize, slot: u32, v: u32, expiry: u64) {
        self.drop_l1(server, slot);
        let out = self.l1[server].lru.access(0, slot);
        if let Some(e) = out.evicted {
            self.drop_l1(server, e);
        }
        self.l1[server].held[slot as usize] = Some((v, expiry));
        self.held.l1 += 1;
        self.held.l1_old += u32::from(self.old(slot, v));
    }

    /// A write: the database's version goes up; what held the old one is now old.
    fn write(&mut self, r: &Request, c: &Config, pending: &mut VecDeque<(u64, u32, u32)>) {
        let k = r.key as usize;
        let slot = self.current[k];
        let now_old = self
            .l1
            .iter()
            .filter(|s| s.held[slot as usize].is_some_and(|(v, _)| v == self.db[k]))
            .count() as u32;
        self.held.l1_old += now_old;
        let l2_now_old = self.l2[slot as usize].is_some_and(|(v, _)| v == self.db[k]);
        self.held.l2_old += u32::from(l2_now_old);
        self.db[k] += 1;
        if self.inv == Invalidation::Versioned {
            // No delete anywhere: readers move on to the next slot, the old one ages out.
            let fresh = self.next_slot.min(self.key_of.len() as u32 - 1);
            self.next_slot += 1;
            self.current[k] = fresh;
            self.key_of[fresh as usize] = r.key;
            return;
        }
        self.drop_l2(slot);
        let me = r.server as usize;
        self.l1[me].lru.remove(slot);
        self.drop_l1(me, slot);
        if self.inv == Invalidation::PubSub {
            for s in (0..self.l1.len() as u32).filter(|&s| s != r.server) {
                pending.push_back((r.at + c.delay, s, slot));
            }
        }
    }
}

/// Runs one lane over `reqs` (sorted by time).
pub fn run(inv: Invalidation, c: &Config, reqs: &[Request]) -> Vec<Served> {
    let writes = reqs.iter().filter(|r| r.write).count();
    let mut lane = Lane::new(inv, c, writes);
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
            while let Some(&(at, server, slot)) = pending.front() {
                if at > r.at {
                    break;
                }
                pending.pop_front();
                lane.l1[server as usize].lru.remove(slot);
                lane.drop_l1(server as usize, slot);
            }
            lane.expire_l2(r.at);
            let k = r.key as usize;
            let me = r.server as usize;
            if r.write {
                lane.write(r, c, &mut pending);
                return Served {
                    level: None,
                    stale: false,
                    lookup: false,
                    held: lane.held,
                };
            }
            let slot = lane.current[k];
            let fresh_l1 = lane.l1[me].held[slot as usize].filter(|&(_, e)| r.at < e);
            let (level, v) = if let Some((v, _)) = fresh_l1 {
                lane.l1[me].lru.access(0, slot);
                (Level::L1, v)
            } else {
                let (level, v) = if let Some((v, _)) = lane.l2[slot as usize] {
                    (Level::L2, v)
                } else {
                    let v = lane.db[k];
                    let at = r.at + c.l2_ttl;
                    lane.l2[slot as usize] = Some((v, at));
                    lane.expiries.push_back((at, slot, v));
                    lane.held.l2 += 1;
                    (Level::Db, v)
                };
                lane.set_l1(me, slot, v, l1_exp(r.at));
                (level, v)
            };
            Served {
                level: Some(level),
                stale: v < lane.db[k],
                lookup: inv == Invalidation::Versioned,
                held: lane.held,
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
