//! Eviction policies (M8.5–M8.7, M8.9) and the offline optimum: LRU, LFU, FIFO, random and
//! Belady's MIN, each a cache of whole-number keys `0..universe` with a fixed capacity, driven
//! by demand accesses (a miss inserts the key, evicting one first when the cache is full).

mod belady;
mod fifo;
mod lfu;
mod lru;
mod random;

pub use belady::{Belady, next_uses};
pub use fifo::Fifo;
pub use lfu::Lfu;
pub use lru::Lru;
pub use random::RandomEvict;

use sdp_kit::field::Word;
use serde::{Deserialize, Serialize};

/// Which policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Policy {
    /// Least recently used (M8.5).
    Lru,
    /// Least frequently used, ties to the oldest at that frequency (M8.6, corrected).
    Lfu,
    /// First in, first out (M8.7).
    Fifo,
    /// A resident key chosen at random (M8.9).
    Random,
    /// The offline optimum: evict the key used farthest in the future (not in source).
    Belady,
}

impl Policy {
    /// Every policy, in lane order.
    pub const ALL: [Policy; 5] = [
        Policy::Lru,
        Policy::Lfu,
        Policy::Fifo,
        Policy::Random,
        Policy::Belady,
    ];

    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            Policy::Lru => "LRU",
            Policy::Lfu => "LFU",
            Policy::Fifo => "FIFO",
            Policy::Random => "Random",
            Policy::Belady => "Belady (offline optimum)",
        }
    }
}

impl Word for Policy {
    const WORDS: &'static [(Self, &'static str)] = &[
        (Policy::Lru, "lru"),
        (Policy::Lfu, "lfu"),
        (Policy::Fifo, "fifo"),
        (Policy::Random, "random"),
        (Policy::Belady, "belady"),
    ];
}

/// What one access did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// The key was resident.
    pub hit: bool,
    /// The key evicted to make room, if any.
    pub evicted: Option<u32>,
}

/// A resident key as the view lists it, next victim first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The key.
    pub key: u32,
    /// LFU: its frequency; Belady: the position of its next use (`u64::MAX`: never); else 0.
    pub tag: u64,
}

/// A cache under one policy.
pub trait Cache {
    /// Access `key`, the `at`-th access of the trace (Belady reads the future by position).
    fn access(&mut self, at: usize, key: u32) -> Outcome;
    /// Keys resident.
    fn len(&self) -> usize;
    /// True when nothing is resident.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The resident keys, next victim first (random: in slot order), at most `limit`.
    fn entries(&self, limit: usize) -> Vec<Entry>;
}

/// Settings a cache is built with.
#[derive(Clone, Copy, Debug)]
pub struct Setup<'a> {
    /// Most keys resident (at least 1).
    pub capacity: usize,
    /// Keys are `0..universe`.
    pub universe: usize,
    /// The whole access trace (Belady's future).
    pub trace: &'a [u32],
    /// Seed of the random policy.
    pub seed: u64,
    /// LFU aging: halve every frequency after this many accesses (0: never; not in source).
    pub aging: u32,
}

/// A cache of `policy` with `setup`.
pub fn build(policy: Policy, setup: &Setup<'_>) -> Box<dyn Cache> {
    let cap = setup.capacity.max(1);
    match policy {
        Policy::Lru => Box::new(Lru::new(cap, setup.universe)),
        Policy::Lfu => Box::new(Lfu::new(cap, setup.universe, setup.aging)),
        Policy::Fifo => Box::new(Fifo::new(cap, setup.universe)),
        Policy::Random => Box::new(RandomEvict::new(cap, setup.universe, setup.seed)),
        Policy::Belady => Box::new(Belady::new(cap, setup.universe, setup.trace)),
    }
}

/// Hits of `policy` over the whole trace of `setup`.
///
/// ```
/// use sdp_lab_caching::policy::{Policy, Setup, hits};
/// let trace = [0, 1, 0, 2, 2, 3];
/// let s = Setup { capacity: 2, universe: 4, trace: &trace, seed: 1, aging: 0 };
/// assert_eq!(hits(Policy::Lru, &s), 2);
/// assert!(hits(Policy::Belady, &s) >= hits(Policy::Fifo, &s));
/// ```
pub fn hits(policy: Policy, setup: &Setup<'_>) -> u64 {
    let mut cache = build(policy, setup);
    setup
        .trace
        .iter()
        .enumerate()
        .map(|(i, &k)| u64::from(cache.access(i, k).hit))
        .sum()
}
