//! TTL expiry (M8.8): lazy expiry (a read checks the TTL and deletes an expired key), Redis's
//! active expiry (a cycle `hz` times a second samples keys with a TTL, deletes the expired ones,
//! and samples again while more than `repeat` % of the sample was expired; not in source: the
//! documents name no constants), and both together, as Redis does.

use rand::RngExt;
use sdp_kit::field::Word;
use sdp_kit::rng::{LabRng, seeded};
use serde::{Deserialize, Serialize};

/// Most sampling rounds in one active cycle (Redis stops on a time budget; not in source).
pub const MAX_ROUNDS: u32 = 16;

/// Which expiry runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Variant {
    /// Only on access.
    Lazy,
    /// Only the sampling cycle (a read may return an expired value).
    Active,
    /// Both (Redis).
    Both,
}

impl Variant {
    /// Every variant, in lane order.
    pub const ALL: [Variant; 3] = [Variant::Lazy, Variant::Active, Variant::Both];

    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            Variant::Lazy => "Lazy only",
            Variant::Active => "Active sampling only",
            Variant::Both => "Lazy + active (Redis)",
        }
    }

    fn lazy(self) -> bool {
        self != Variant::Active
    }

    fn active(self) -> bool {
        self != Variant::Lazy
    }
}

impl Word for Variant {
    const WORDS: &'static [(Self, &'static str)] = &[
        (Variant::Lazy, "lazy"),
        (Variant::Active, "active"),
        (Variant::Both, "both"),
    ];
}

/// The workload and the cycle's constants.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Config {
    /// Keys set at t = 0.
    pub keys: u32,
    /// New keys per second.
    pub sets: u32,
    /// Reads per second.
    pub reads: u32,
    /// TTL range, ms.
    pub ttl_min: u64,
    /// TTL range, ms.
    pub ttl_max: u64,
    /// Cycles simulated.
    pub cycles: u32,
    /// Cycles per second.
    pub hz: u32,
    /// Keys sampled per round.
    pub sample: u32,
    /// Repeat while more than this % of a sample was expired.
    pub repeat: u32,
}

/// What one cycle (1/hz s) did, and the keyspace at its end.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cycle {
    /// End of the cycle, ms.
    pub t: u64,
    /// Sampling rounds run.
    pub rounds: u32,
    /// Keys sampled in all rounds.
    pub sampled: u32,
    /// Expired keys the sampler deleted.
    pub active_deleted: u32,
    /// Expired keys reads deleted.
    pub lazy_deleted: u32,
    /// Reads that returned an expired value (active only).
    pub expired_served: u32,
    /// Keys present.
    pub present: u32,
    /// Of those, expired (memory held for nothing).
    pub expired_present: u32,
}

struct Space {
    /// Expiry time (ms) of each present key.
    keys: Vec<u64>,
}

impl Space {
    fn remove(&mut self, i: usize) {
        self.keys.swap_remove(i);
    }

    fn expired(&self, now: u64) -> u32 {
        self.keys.iter().filter(|&&e| e <= now).count() as u32
    }
}

fn ttl(rng: &mut LabRng, c: &Config) -> u64 {
    if c.ttl_max <= c.ttl_min {
        c.ttl_min
    } else {
        rng.random_range(c.ttl_min..=c.ttl_max)
    }
}

/// One active cycle at `now`: rounds of `sample` distinct random keys; returns (rounds,
/// sampled, deleted).
fn active_cycle(s: &mut Space, rng: &mut LabRng, c: &Config, now: u64) -> (u32, u32, u32) {
    let (mut rounds, mut sampled, mut deleted) = (0, 0, 0);
    while rounds < MAX_ROUNDS && !s.keys.is_empty() {
        rounds += 1;
        let n = (c.sample as usize).min(s.keys.len());
        // Partial Fisher–Yates: the first n slots become the sample.
        for i in 0..n {
            let j = rng.random_range(i..s.keys.len());
            s.keys.swap(i, j);
        }
        let mut found = 0;
        let mut i = n;
        while i > 0 {
            i -= 1;
            if s.keys[i] <= now {
                s.remove(i);
                found += 1;
            }
        }
        sampled += n as u32;
        deleted += found;
        if u64::from(found) * 100 <= u64::from(c.repeat) * n as u64 {
            break;
        }
    }
    (rounds, sampled, deleted)
}

/// Cycle by cycle, the keyspace under `variant`. The keys' TTLs and the times of sets and reads
/// are the same for every variant (the seed's first generator); reads pick present keys with
/// a second one, and the sampler with a third.
pub fn run(variant: Variant, c: &Config, seed: u64) -> Vec<Cycle> {
    let mut work = seeded(seed);
    let mut reads_rng = seeded(seed ^ 0x5eed_0001);
    let mut sampler = seeded(seed ^ 0x5eed_0002);
    let hz = u64::from(c.hz.max(1));
    let mut s = Space {
        keys: (0..c.keys).map(|_| ttl(&mut work, c)).collect(),
    };
    let mut out = Vec::with_capacity(c.cycles as usize);
    for i in 0..u64::from(c.cycles) {
        let (start, end) = (i * 1000 / hz, (i + 1) * 1000 / hz);
        let mut cy = Cycle {
            t: end,
            ..Cycle::default()
        };
        let sets = (i + 1) * u64::from(c.sets) / hz - i * u64::from(c.sets) / hz;
        for j in 0..sets {
            let at = start + j * (end - start) / sets.max(1);
            s.keys.push(at + ttl(&mut work, c));
        }
        let reads = (i + 1) * u64::from(c.reads) / hz - i * u64::from(c.reads) / hz;
        for j in 0..reads {
            if s.keys.is_empty() {
                break;
            }
            let at = start + j * (end - start) / reads.max(1);
            let k = reads_rng.random_range(0..s.keys.len());
            if s.keys[k] <= at {
                if variant.lazy() {
                    s.remove(k);
                    cy.lazy_deleted += 1;
                } else {
                    cy.expired_served += 1;
                }
            }
        }
        if variant.active() {
            let (r, n, d) = active_cycle(&mut s, &mut sampler, c, end);
            cy.rounds = r;
            cy.sampled = n;
            cy.active_deleted = d;
        }
        cy.present = s.keys.len() as u32;
        cy.expired_present = s.expired(end);
        out.push(cy);
    }
    out
}
