//! Negative caching with a Bloom filter (M8.15, F4 §18 "1. Bloom Filters (Negative Cache)";
//! the filter itself is the kit's, M6.7). Users `user:1` … `user:n` exist and are in the
//! filter (F4: `BloomFilter(size=1000000, hash_functions=3)`); a share of the lookups asks for
//! ids that do not exist. Four variants on the same requests:
//! - no protection: cache-aside (M8.1) caches only what it finds, so every lookup of a missing
//!   key goes to the database;
//! - negative cache: a "not found" answer is cached too, for a short TTL (not in source);
//! - Bloom filter: F4's `if not bloom.might_contain(user_id): return None`, then cache-aside;
//!   only the filter's false positives reach the database;
//! - both: the filter, and a negative entry for each false positive.
//!
//! `create_user` inserts into the database and `bloom.add`s the id (F4); it also deletes a
//! negative entry for the id (cache-aside's delete on write).

use rand::RngExt;
use sdp_kit::bloom::Bloom;
use sdp_kit::detmath;
use sdp_kit::field::Word;
use sdp_kit::rng::seeded;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::fmt::Write as _;

/// Most existing users a scenario inserts into the filter.
pub const MAX_USERS: u32 = 100_000;
/// Largest filter, bits.
pub const MAX_BITS: u32 = 2_000_000;
/// Most ids that do not exist (the pool missing lookups draw from).
pub const MAX_ABSENT: u32 = 1_000_000;

/// The variant narrated and drawn, and the lanes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Variant {
    /// Cache-aside only.
    None,
    /// A cached "not found" with a short TTL.
    Negative,
    /// F4's Bloom filter in front of cache-aside.
    Bloom,
    /// The filter and a negative entry for its false positives.
    Both,
}

impl Variant {
    /// Every variant, in lane order.
    pub const ALL: [Variant; 4] = [
        Variant::None,
        Variant::Negative,
        Variant::Bloom,
        Variant::Both,
    ];

    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            Variant::None => "no protection",
            Variant::Negative => "negative cache",
            Variant::Bloom => "Bloom filter",
            Variant::Both => "Bloom filter + negative cache",
        }
    }

    /// Whether the filter answers first.
    pub fn filters(self) -> bool {
        matches!(self, Variant::Bloom | Variant::Both)
    }

    /// Whether "not found" is cached.
    pub fn caches_misses(self) -> bool {
        matches!(self, Variant::Negative | Variant::Both)
    }

    /// Index in [`Variant::ALL`].
    pub fn lane(self) -> usize {
        Variant::ALL.iter().position(|&v| v == self).unwrap_or(0)
    }
}

impl Word for Variant {
    const WORDS: &'static [(Self, &'static str)] = &[
        (Variant::None, "none"),
        (Variant::Negative, "negative"),
        (Variant::Bloom, "bloom"),
        (Variant::Both, "both"),
    ];
}

/// The workload, the filter and the caches.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Config {
    /// Existing users, `user:1` … `user:n`, all in the filter.
    pub users: u32,
    /// Filter bits.
    pub m: u32,
    /// Filter hashes.
    pub k: u32,
    /// Requests.
    pub requests: u32,
    /// Share of lookups for ids that do not exist.
    pub missing: f64,
    /// Ids that do not exist, `user:n+1` … (missing lookups pick one uniformly).
    pub absent: u32,
    /// Share of requests that create one of those ids.
    pub creates: f64,
    /// Zipf exponent of the existing users' lookups.
    pub skew: f64,
    /// Positive entries' TTL, ms.
    pub ttl: u64,
    /// Negative entries' TTL, ms.
    pub neg_ttl: u64,
    /// Simulated time, ms.
    pub duration: u64,
}

/// One request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    /// Time, ms.
    pub at: u64,
    /// The user id (`user:<id>`).
    pub id: u32,
    /// `create_user` (else `get_user`).
    pub create: bool,
    /// Dense index of the id among the ids the requests name.
    pub slot: u32,
}

/// The key text of a user id.
pub fn key_name(id: u32) -> String {
    format!("user:{id}")
}

/// The seeded requests (sorted by time) and how many distinct ids they name.
pub fn requests(c: &Config, seed: u64) -> (Vec<Request>, usize) {
    let n = c.users.max(1) as usize;
    let mut cdf = Vec::with_capacity(n);
    let mut total = 0.0;
    for r in 1..=n {
        total += 1.0 / detmath::pow(r as f64, c.skew);
        cdf.push(total);
    }
    let mut rng = seeded(seed ^ 0xb100_f11e);
    let mut out: Vec<Request> = (0..c.requests)
        .map(|_| {
            let at = rng.random_range(0..c.duration.max(1));
            let create = rng.random::<f64>() < c.creates;
            let id = if create || rng.random::<f64>() < c.missing {
                c.users + 1 + rng.random_range(0..c.absent.max(1))
            } else {
                let u = rng.random::<f64>() * total;
                cdf.partition_point(|&x| x <= u).min(n - 1) as u32 + 1
            };
            Request {
                at,
                id,
                create,
                slot: 0,
            }
        })
        .collect();
    out.sort_by_key(|r| r.at);
    let mut ids: Vec<u32> = out.iter().map(|r| r.id).collect();
    ids.sort_unstable();
    ids.dedup();
    for r in &mut out {
        r.slot = ids.partition_point(|&x| x < r.id) as u32;
    }
    (out, ids.len())
}

/// The filter with `user:1` … `user:n` added.
pub fn filter(c: &Config) -> Bloom {
    let mut b = Bloom::new(u64::from(c.m), c.k);
    let mut name = String::new();
    for id in 1..=c.users {
        name.clear();
        let _ = write!(name, "user:{id}");
        b.add(&name);
    }
    b
}

/// The filter's answer to each request: "maybe" (true) or "definitely not", adding created
/// ids as F4's `create_user` does (the same for both filtered lanes). `filter` ends as the
/// filter after the last request.
pub fn answers(filter: &mut Bloom, reqs: &[Request]) -> Vec<bool> {
    let mut name = String::new();
    reqs.iter()
        .map(|r| {
            name.clear();
            let _ = write!(name, "user:{}", r.id);
            if r.create {
                filter.add(&name);
                true
            } else {
                filter.contains(&name)
            }
        })
        .collect()
}

/// How a request ended in one lane.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// The filter said "definitely not": neither cache nor database asked.
    Filtered,
    /// A cached user.
    Hit,
    /// A cached "not found".
    NegativeHit,
    /// The database found the user (now cached).
    Found,
    /// The database did not find it (cached as "not found" where the lane does so).
    NotFound,
    /// `create_user`: a database insert.
    Created,
}

impl Outcome {
    /// Whether the database was asked.
    pub fn database(self) -> bool {
        matches!(self, Outcome::Found | Outcome::NotFound | Outcome::Created)
    }
}

/// What one request did in one lane.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Served {
    /// How it ended.
    pub outcome: Outcome,
    /// The id did not exist at the time.
    pub absent: bool,
    /// The filter answered "maybe" for an id that did not exist.
    pub false_positive: bool,
    /// Negative entries within their TTL after the request.
    pub negatives: u32,
}

/// Runs one lane over `reqs` with the filter's `answers` (ignored by unfiltered lanes);
/// `slots` is the number of distinct ids.
pub fn run(
    v: Variant,
    c: &Config,
    reqs: &[Request],
    answers: &[bool],
    slots: usize,
) -> Vec<Served> {
    // Expiry per slot (0: none); the database's created ids.
    let mut cached = vec![0u64; slots];
    let mut negative = vec![0u64; slots];
    let mut created = vec![false; slots];
    let mut queue: VecDeque<(u64, u32)> = VecDeque::new();
    let mut negatives = 0u32;
    reqs.iter()
        .zip(answers.iter().chain(std::iter::repeat(&true)))
        .map(|(r, &maybe)| {
            while let Some(&(at, s)) = queue.front() {
                if at > r.at {
                    break;
                }
                queue.pop_front();
                if negative[s as usize] == at {
                    negative[s as usize] = 0;
                    negatives -= 1;
                }
            }
            let s = r.slot as usize;
            let exists = r.id <= c.users || created[s];
            if r.create {
                created[s] = true;
                if negative[s] != 0 {
                    negative[s] = 0;
                    negatives -= 1;
                }
                return Served {
                    outcome: Outcome::Created,
                    absent: !exists,
                    false_positive: false,
                    negatives,
                };
            }
            let filtered = v.filters() && !maybe;
            let outcome = if filtered {
                Outcome::Filtered
            } else if cached[s] > r.at {
                Outcome::Hit
            } else if v.caches_misses() && negative[s] > r.at {
                Outcome::NegativeHit
            } else if exists {
                cached[s] = r.at + c.ttl;
                Outcome::Found
            } else {
                if v.caches_misses() {
                    let at = r.at + c.neg_ttl.max(1);
                    negative[s] = at;
                    negatives += 1;
                    queue.push_back((at, r.slot));
                }
                Outcome::NotFound
            };
            Served {
                outcome,
                absent: !exists,
                false_positive: v.filters() && maybe && !exists,
                negatives,
            }
        })
        .collect()
}

/// The share of `probes` ids never inserted that the filter answers "maybe" for: `probe:1` …
pub fn probe(filter: &Bloom, probes: u32) -> f64 {
    let mut name = String::new();
    let hits = (1..=probes)
        .filter(|i| {
            name.clear();
            let _ = write!(name, "probe:{i}");
            filter.contains(&name)
        })
        .count();
    hits as f64 / f64::from(probes.max(1))
}

/// `negative` mode's parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NegParams {
    /// Existing users in the filter (`users`).
    pub users: u32,
    /// Filter bits (`m`; F4 §18: 1 000 000).
    pub m: u32,
    /// Filter hashes (`k`; F4 §18: 3).
    pub k: u32,
    /// Requests (`requests`).
    pub requests: u32,
    /// Share of lookups for ids that do not exist (`missing`).
    pub missing: f64,
    /// Ids that do not exist, which missing lookups draw from (`absent`).
    pub absent: u32,
    /// Share of requests that create one of them (`creates`).
    pub creates: f64,
    /// Zipf exponent of the existing users' lookups (`skew`).
    pub skew: f64,
    /// Positive entries' TTL, s (`ttl`; F4 §18: 3 600).
    pub ttl: u32,
    /// Negative entries' TTL, s (`neg_ttl`).
    pub neg_ttl: u32,
    /// Seconds the requests span (`duration`).
    pub duration: u32,
    /// Requests shown one step each (`detailed`).
    pub detailed: u32,
    /// The variant narrated and drawn (`narrate`).
    pub narrate: Variant,
}

impl Default for NegParams {
    fn default() -> Self {
        NegParams {
            users: 100_000,
            m: 1_000_000,
            k: 3,
            requests: 20_000,
            missing: 0.3,
            absent: 200,
            creates: 0.005,
            skew: 1.0,
            ttl: 3_600,
            neg_ttl: 60,
            duration: 600,
            detailed: 12,
            narrate: Variant::Bloom,
        }
    }
}

impl NegParams {
    /// The mechanism's configuration.
    pub fn config(&self) -> Config {
        Config {
            users: self.users,
            m: self.m,
            k: self.k,
            requests: self.requests,
            missing: self.missing,
            absent: self.absent,
            creates: self.creates,
            skew: self.skew,
            ttl: u64::from(self.ttl) * 1000,
            neg_ttl: u64::from(self.neg_ttl) * 1000,
            duration: u64::from(self.duration) * 1000,
        }
    }
}
