//! Hot-key mitigation (M8.14): one key takes a large share of the traffic and lands on one
//! shard. Detection by access counting; mitigations: key splitting (F0: append a suffix, so the
//! key lives as `hot#0` … `hot#n−1` on different shards; a read picks one copy at random, a
//! write updates every copy) and client-side (local) caching of the hot key with a TTL.
//! Shards are chosen by an FNV-1a hash of the key mod the shard count (not in source).

use rand::RngExt;
use sdp_kit::detmath;
use sdp_kit::rng::seeded;
use serde::{Deserialize, Serialize};

/// A mitigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mitigation {
    /// None: every request goes to the key's shard.
    None,
    /// Key splitting with suffixes.
    Split,
    /// Local caching of the hot key on each client.
    Local,
}

impl Mitigation {
    /// Every mitigation, in lane order.
    pub const ALL: [Mitigation; 3] = [Mitigation::None, Mitigation::Split, Mitigation::Local];

    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            Mitigation::None => "No mitigation",
            Mitigation::Split => "Key splitting (suffixes)",
            Mitigation::Local => "Local caching of the hot key",
        }
    }
}

/// FNV-1a, 64 bits.
///
/// ```
/// assert_eq!(sdp_lab_caching::hotkeys::fnv1a(b""), 0xcbf2_9ce4_8422_2325);
/// ```
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The shard of a key name.
pub fn shard_of(name: &str, shards: u32) -> u32 {
    (fnv1a(name.as_bytes()) % u64::from(shards.max(1))) as u32
}

/// The workload.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Config {
    /// Shards.
    pub shards: u32,
    /// Other keys (`k1` …), Zipf-distributed.
    pub keys: u32,
    /// Zipf exponent of the other keys.
    pub skew: f64,
    /// Requests.
    pub requests: u32,
    /// Share of requests for the hot key.
    pub hot_share: f64,
    /// Copies when splitting.
    pub split: u32,
    /// Clients (app servers) with a local cache.
    pub clients: u32,
    /// Local cache TTL, ms.
    pub local_ttl: u64,
    /// Simulated time, ms.
    pub duration: u64,
    /// Share of the hot key's requests that are writes.
    pub writes: f64,
}

/// One request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    /// Time, ms.
    pub at: u64,
    /// Client.
    pub client: u32,
    /// Key: 0 is the hot key, `i ≥ 1` is `k{i}`.
    pub key: u32,
    /// A write.
    pub write: bool,
}

/// The name of key `k`.
pub fn name(k: u32) -> String {
    if k == 0 {
        "hot".into()
    } else {
        format!("k{k}")
    }
}

/// The seeded requests, sorted by time.
pub fn requests(c: &Config, seed: u64) -> Vec<Request> {
    let n = c.keys.max(1) as usize;
    let mut cdf = Vec::with_capacity(n);
    let mut total = 0.0;
    for r in 1..=n {
        total += 1.0 / detmath::pow(r as f64, c.skew);
        cdf.push(total);
    }
    let mut rng = seeded(seed ^ 0x0407_4e75);
    let mut out: Vec<Request> = (0..c.requests)
        .map(|_| {
            let hot = rng.random::<f64>() < c.hot_share;
            let key = if hot {
                0
            } else {
                let u = rng.random::<f64>() * total;
                cdf.partition_point(|&x| x <= u).min(n - 1) as u32 + 1
            };
            Request {
                at: rng.random_range(0..c.duration.max(1)),
                client: rng.random_range(0..c.clients.max(1)),
                key,
                write: hot && rng.random::<f64>() < c.writes,
            }
        })
        .collect();
    out.sort_by_key(|r| r.at);
    out
}

/// What one request did: the shards it reached (empty: answered locally), and whether it read
/// a stale local copy.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Touch {
    /// Shards reached.
    pub shards: Vec<u32>,
    /// A local copy older than the last write.
    pub stale: bool,
}

/// Runs mitigation `m` over `reqs`.
pub fn run(m: Mitigation, c: &Config, reqs: &[Request], seed: u64) -> Vec<Touch> {
    let mut rng = seeded(seed ^ 0x5b11);
    let home: Vec<u32> = (0..c.split.max(1))
        .map(|j| shard_of(&format!("hot#{j}"), c.shards))
        .collect();
    let hot_shard = shard_of("hot", c.shards);
    // Local caches: (fetched at, version) per client.
    let mut local: Vec<Option<(u64, u32)>> = vec![None; c.clients.max(1) as usize];
    let mut version = 0u32;
    reqs.iter()
        .map(|r| {
            if r.key != 0 {
                return Touch {
                    shards: vec![shard_of(&name(r.key), c.shards)],
                    stale: false,
                };
            }
            if r.write {
                version += 1;
            }
            match (m, r.write) {
                (Mitigation::None, _) => Touch {
                    shards: vec![hot_shard],
                    stale: false,
                },
                (Mitigation::Split, true) => Touch {
                    shards: home.clone(),
                    stale: false,
                },
                (Mitigation::Split, false) => {
                    let j = rng.random_range(0..home.len());
                    Touch {
                        shards: vec![home[j]],
                        stale: false,
                    }
                }
                (Mitigation::Local, true) => {
                    local[r.client as usize] = None;
                    Touch {
                        shards: vec![hot_shard],
                        stale: false,
                    }
                }
                (Mitigation::Local, false) => match local[r.client as usize] {
                    Some((at, v)) if r.at < at + c.local_ttl => Touch {
                        shards: vec![],
                        stale: v < version,
                    },
                    _ => {
                        local[r.client as usize] = Some((r.at, version));
                        Touch {
                            shards: vec![hot_shard],
                            stale: false,
                        }
                    }
                },
            }
        })
        .collect()
}

/// The keys whose access count exceeds `factor` × the mean count, with their counts, most
/// accessed first (detection by access counting).
pub fn detect(reqs: &[Request], factor: f64) -> Vec<(u32, u64)> {
    let mut counts: std::collections::BTreeMap<u32, u64> = std::collections::BTreeMap::new();
    for r in reqs {
        *counts.entry(r.key).or_default() += 1;
    }
    let mean = reqs.len() as f64 / counts.len().max(1) as f64;
    let mut hot: Vec<(u32, u64)> = counts
        .into_iter()
        .filter(|&(_, n)| n as f64 > factor * mean)
        .collect();
    hot.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    hot.truncate(5);
    hot
}
