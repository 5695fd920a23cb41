//! Caching lab (route `#/lab/caching`; catalogue M8.1–M8.16).
//!
//! Eight modes, chosen by `mode=`:
//! - `eviction` (the default): LRU, LFU, FIFO and random eviction on one access trace beside
//!   Belady's offline optimum, the LRU list and LFU buckets drawn, hit rate against capacity
//!   (M8.5–M8.7, M8.9). Opens on the catalogue's worked example `a b a c c d`, capacity 2.
//! - `strategies`: cache-aside, read-through, write-through and write-back on one read/write
//!   workload, every request's messages between client, cache and database, stale reads,
//!   write latency, database load, and a cache crash losing write-back's unflushed writes
//!   (M8.1–M8.4). Opens on the cache-aside race of M8.1.
//! - `ttl`: lazy expiry on access and Redis's active sampling (sample 20, repeat while more
//!   than 25 % expired), and the memory expired keys hold (M8.8).
//! - `stampede`: a hot key expiring under load with no protection, a lock, F4's probabilistic
//!   early expiry, `XFetch` and stale-while-revalidate; database requests per expiry (M8.10).
//! - `multi-level`: L1 in-process LRUs on several app servers, a shared L2 and the database,
//!   hit ratio per level, expected latency with both of F4's L1 figures, and the stale L1
//!   copies that TTL-only invalidation leaves beside pub/sub invalidation and versioned keys,
//!   and the memory each holds (M8.11, M8.13).
//! - `hot-keys`: one key with a large share of the traffic on one shard; load per shard
//!   without mitigation, with key splitting and with local caching (M8.14).
//! - `cdn`: edge → regional → origin, pull only beside push-popular + pull; hit ratio per tier
//!   and origin offload against F4 §1's 95 % (M8.16).
//! - `negative`: lookups of ids that do not exist against no protection, a negative cache, F4
//!   §18's Bloom filter (1 000 000 bits, k = 3) and both; database load per variant, the
//!   filter's false positives against `(1 − e^(−kn/m))^k` (M8.15, M6.7).
//!
//! Every mode reports the metrics of M8.12 at every step.

// A bundle built with one group of modes (see Cargo.toml) leaves the other group's builders
// and their helpers unused; the whole core (the default) uses everything.
#![cfg_attr(
    not(all(feature = "modes-main", feature = "modes-tiers")),
    allow(dead_code, unused_imports)
)]

pub mod cdn;
mod check;
pub mod expiry;
pub mod hotkeys;
pub mod layout;
pub mod multilevel;
pub mod negative;
pub mod policy;
mod questions;
pub mod stampede;
pub mod strategy;
mod text;
pub mod trace;
mod url;
#[cfg(feature = "view-kit")]
pub mod view;
pub mod workload;

use policy::Policy;
use sdp_kit::field::Field;
use sdp_kit::lab::{
    ActionSyntax, FidelityNote, Lab, LabInfo, ModeBundle, ModeInfo, ParamError, Procedure,
    Scenario, Trace,
};
use serde::{Deserialize, Serialize};
use workload::Source;

pub use negative::NegParams;

pub use check::Checker;

/// The modes drawn by the bundle `lab-caching--tiers` (the others, the default among them, are
/// in `lab-caching`): two bundles keep each page within the download budget.
pub const MODE_BUNDLES: &[ModeBundle] = &[ModeBundle {
    name: "tiers",
    modes: &["multi-level", "hot-keys", "cdn", "negative"],
}];

/// Most actions (typed keys, crashes).
pub const MAX_ACTIONS: usize = 32;
/// Longest generated access trace (eviction).
pub const MAX_LENGTH: u32 = 10_000;
/// Most distinct keys of a generated trace (eviction).
pub const MAX_DISTINCT: u32 = 5_000;
/// Largest cache (eviction).
pub const MAX_CAPACITY: u32 = 10_000;
/// Longest typed key.
pub const MAX_TEXT: usize = 24;
/// Most operations of the strategies workload.
pub const MAX_OPS: u32 = 80;

/// Which part of the lab.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    /// Eviction policies side by side.
    #[default]
    Eviction,
    /// Read and write strategies.
    Strategies,
    /// TTL expiry.
    Ttl,
    /// Cache stampede.
    Stampede,
    /// Multi-level cache and invalidation.
    MultiLevel,
    /// Hot keys.
    HotKeys,
    /// CDN tiers.
    Cdn,
    /// Negative caching with a Bloom filter.
    Negative,
}

impl Mode {
    /// Every mode, in menu order (the index is the mode number).
    pub const ALL: [Mode; 8] = [
        Mode::Eviction,
        Mode::Strategies,
        Mode::Ttl,
        Mode::Stampede,
        Mode::MultiLevel,
        Mode::HotKeys,
        Mode::Cdn,
        Mode::Negative,
    ];
}

/// `eviction` mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvictParams {
    /// Where the accesses come from (`trace`).
    pub source: Source,
    /// Keys the cache holds (`capacity`).
    pub capacity: u32,
    /// Distinct keys of a generated trace (`distinct`).
    pub distinct: u32,
    /// Accesses of a generated trace (`length`).
    pub length: u32,
    /// Zipf exponent (`skew`).
    pub skew: f64,
    /// Scan trace: Zipf accesses between scans; each scan reads half as many cold keys (`scan`).
    pub scan: u32,
    /// The policy narrated (`narrate`).
    pub narrate: Policy,
    /// Accesses shown one step each (`detailed`).
    pub detailed: u32,
    /// LFU aging: halve every frequency after this many accesses, 0 for never (`aging`).
    pub aging: u32,
}

impl Default for EvictParams {
    fn default() -> Self {
        EvictParams {
            source: Source::Example,
            capacity: 2,
            distinct: 100,
            length: 2_000,
            skew: 0.9,
            scan: 200,
            narrate: Policy::Lfu,
            detailed: 40,
            aging: 0,
        }
    }
}

/// `strategies` mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StrategyParams {
    /// The workload (`workload`).
    pub workload: strategy::Workload,
    /// Operations of the mixed workload (`ops`).
    pub ops: u32,
    /// Share of writes in the mixed workload (`writes`).
    pub writes: f64,
    /// Keys of the mixed workload (`keys`).
    pub keys: u32,
    /// Mean time between operations, ms (`gap`).
    pub gap_ms: u32,
    /// Each hop takes its one-way time × (1 + U[0, jitter]) (`jitter`).
    pub jitter: f64,
    /// Round trip to the cache, ms (`cache_rtt`; F4 §16: 2).
    pub cache_rtt: u32,
    /// Round trip to the database, ms (`db_rtt`; F4 §16: 50).
    pub db_rtt: u32,
    /// Write-back's flush interval, ms (`flush`).
    pub flush_ms: u32,
    /// Write-through's order (`order`; F4: cache first).
    pub order: strategy::Order,
    /// The strategy narrated and drawn (`narrate`).
    pub narrate: strategy::Strategy,
}

impl Default for StrategyParams {
    fn default() -> Self {
        StrategyParams {
            workload: strategy::Workload::Race,
            ops: 24,
            writes: 0.3,
            keys: 3,
            gap_ms: 30,
            jitter: 0.5,
            cache_rtt: 2,
            db_rtt: 50,
            flush_ms: 500,
            order: strategy::Order::CacheFirst,
            narrate: strategy::Strategy::CacheAside,
        }
    }
}

/// `ttl` mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TtlParams {
    /// Keys set at t = 0 (`keys`).
    pub keys: u32,
    /// New keys set per second (`sets`).
    pub sets: u32,
    /// Reads per second of random present keys (`reads`).
    pub reads: u32,
    /// Shortest TTL, s (`ttl_min`).
    pub ttl_min: f64,
    /// Longest TTL, s (`ttl_max`).
    pub ttl_max: f64,
    /// Seconds simulated (`duration`).
    pub duration: u32,
    /// Active expiry cycles per second (`hz`; Redis: 10).
    pub hz: u32,
    /// Keys sampled per round (`sample`; Redis: 20).
    pub sample: u32,
    /// Repeat while more than this percentage of the sample was expired (`repeat`; Redis: 25).
    pub repeat: u32,
    /// The variant narrated (`narrate`).
    pub narrate: expiry::Variant,
}

impl Default for TtlParams {
    fn default() -> Self {
        TtlParams {
            keys: 200,
            sets: 20,
            reads: 50,
            ttl_min: 1.0,
            ttl_max: 5.0,
            duration: 10,
            hz: 10,
            sample: 20,
            repeat: 25,
            narrate: expiry::Variant::Both,
        }
    }
}

/// `stampede` mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StampedeParams {
    /// The hot key's TTL, s (`ttl`).
    pub ttl_s: u32,
    /// Requests per second for it (`rate`).
    pub rate: u32,
    /// Time to recompute it from the database, ms (`recompute`).
    pub recompute_ms: u32,
    /// Seconds simulated (`duration`).
    pub duration_s: u32,
    /// `XFetch`'s β (`beta`).
    pub beta: f64,
    /// Simulated ms per step (`window`).
    pub step_ms: u32,
    /// The protection narrated (`narrate`).
    pub narrate: stampede::Protection,
}

impl Default for StampedeParams {
    fn default() -> Self {
        StampedeParams {
            ttl_s: 10,
            rate: 200,
            recompute_ms: 500,
            duration_s: 30,
            beta: 1.0,
            step_ms: 500,
            narrate: stampede::Protection::None,
        }
    }
}

/// `multi-level` mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MultiParams {
    /// App servers, each with its own L1 (`servers`).
    pub servers: u32,
    /// L1 capacity, keys (`l1_cap`; F4 §16: 1 000).
    pub l1_cap: u32,
    /// L1 TTL, s, 0 for none (`l1_ttl`; F4 §2: 60).
    pub l1_ttl: u32,
    /// L2 TTL, s (`l2_ttl`; F4 §16: 3 600).
    pub l2_ttl: u32,
    /// Distinct keys (`keys`).
    pub keys: u32,
    /// Zipf exponent (`skew`).
    pub skew: f64,
    /// Requests (`requests`).
    pub requests: u32,
    /// Seconds the requests span (`duration`).
    pub duration: u32,
    /// Share of writes (`writes`).
    pub writes: f64,
    /// Pub/sub delivery delay, ms (`delay`).
    pub delay_ms: u32,
    /// F4's L1 latency: the flow's 0.1 ms or the table's 0.0001 ms (`l1_latency`).
    pub l1_latency: multilevel::L1Latency,
    /// Requests shown one step each (`detailed`).
    pub detailed: u32,
}

impl Default for MultiParams {
    fn default() -> Self {
        MultiParams {
            servers: 3,
            l1_cap: 1_000,
            l1_ttl: 60,
            l2_ttl: 3_600,
            keys: 5_000,
            skew: 1.0,
            requests: 20_000,
            duration: 600,
            writes: 0.02,
            delay_ms: 5,
            l1_latency: multilevel::L1Latency::Flow,
            detailed: 10,
        }
    }
}

/// `hot-keys` mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HotParams {
    /// Shards (`shards`).
    pub shards: u32,
    /// Other keys, Zipf-distributed (`keys`).
    pub keys: u32,
    /// Zipf exponent of the other keys (`skew`).
    pub skew: f64,
    /// Requests (`requests`).
    pub requests: u32,
    /// Share of requests for the hot key (`hot`).
    pub hot: f64,
    /// Copies when splitting (`split`).
    pub split: u32,
    /// Clients with a local cache (`clients`).
    pub clients: u32,
    /// Local cache TTL, ms (`local_ttl`).
    pub local_ttl: u32,
    /// Seconds the requests span (`duration`).
    pub duration: u32,
    /// Share of the hot key's requests that are writes (`writes`).
    pub writes: f64,
}

impl Default for HotParams {
    fn default() -> Self {
        HotParams {
            shards: 8,
            keys: 1_000,
            skew: 1.0,
            requests: 20_000,
            hot: 0.3,
            split: 8,
            clients: 20,
            local_ttl: 1_000,
            duration: 10,
            writes: 0.01,
        }
    }
}

/// `cdn` mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CdnParams {
    /// Objects (`objects`).
    pub objects: u32,
    /// Zipf exponent (`skew`).
    pub skew: f64,
    /// Requests (`requests`).
    pub requests: u32,
    /// Edges (`edges`).
    pub edges: u32,
    /// Regions (`regions`).
    pub regions: u32,
    /// Objects an edge holds (`edge_cap`).
    pub edge_cap: u32,
    /// Objects a region holds (`region_cap`).
    pub region_cap: u32,
    /// Most popular objects pushed to every edge and region (`push`).
    pub push: u32,
}

impl Default for CdnParams {
    fn default() -> Self {
        CdnParams {
            objects: 10_000,
            skew: 1.0,
            requests: 50_000,
            edges: 8,
            regions: 2,
            edge_cap: 500,
            region_cap: 2_000,
            push: 200,
        }
    }
}

/// Lab parameters: the mode, and every mode's fields.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// The mode (`mode`).
    pub mode: Mode,
    /// `eviction`.
    pub evict: EvictParams,
    /// `strategies`.
    pub strat: StrategyParams,
    /// `ttl`.
    pub ttl: TtlParams,
    /// `stampede`.
    pub stampede: StampedeParams,
    /// `multi-level`.
    pub multi: MultiParams,
    /// `hot-keys`.
    pub hot: HotParams,
    /// `cdn`.
    pub cdn: CdnParams,
    /// `negative`.
    pub neg: NegParams,
}

/// Something the learner adds by hand.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// `eviction`: one more access of a key at the end of the trace (`get:NAME`).
    Get(String),
    /// `strategies`: the cache crashes at this time, ms (`crash:MS`).
    Crash(u32),
}

/// What a step's view draws.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum State {
    /// `eviction`.
    Eviction(trace::EvictState),
    /// `strategies`.
    Strategies(trace::StrategyState),
    /// `ttl`.
    Ttl(trace::TtlState),
    /// `stampede`.
    Stampede(trace::StampedeState),
    /// `multi-level`.
    MultiLevel(trace::MultiState),
    /// `hot-keys`.
    HotKeys(trace::HotState),
    /// `cdn`.
    Cdn(trace::CdnState),
    /// `negative`.
    Negative(trace::NegState),
}

/// The caching lab.
pub struct CachingLab;

/// Lab index entry.
pub const INFO: LabInfo = LabInfo {
    id: "caching",
    title: "Caching",
    summary: "LRU, LFU, FIFO and random eviction beside the offline optimum, cache-aside, \
              read-through, write-through and write-back on one workload (with a cache crash), \
              TTL expiry by sampling, cache stampedes with four protections, and an L1 → L2 → \
              database hierarchy with TTL-only, pub/sub or versioned-key invalidation, hot keys split or \
              cached locally, CDN tiers, and negative caching behind a Bloom filter.",
    catalogue: "M8.1–M8.16",
};

impl Lab for CachingLab {
    type Params = Params;
    type Action = Action;
    type State = State;
    type Checker = Checker;

    const INFO: LabInfo = INFO;
    const MODES: &'static [ModeInfo] = &[
        ModeInfo {
            id: "eviction",
            title: "Eviction policies",
        },
        ModeInfo {
            id: "strategies",
            title: "Read and write strategies",
        },
        ModeInfo {
            id: "ttl",
            title: "TTL expiry",
        },
        ModeInfo {
            id: "stampede",
            title: "Cache stampede",
        },
        ModeInfo {
            id: "multi-level",
            title: "Multi-level cache and invalidation",
        },
        ModeInfo {
            id: "hot-keys",
            title: "Hot keys",
        },
        ModeInfo {
            id: "cdn",
            title: "CDN tiers",
        },
        ModeInfo {
            id: "negative",
            title: "Negative caching with a Bloom filter",
        },
    ];
    const MODE_BUNDLES: &'static [ModeBundle] = MODE_BUNDLES;
    const ACTIONS: ActionSyntax = url::ACTIONS;

    fn procedures() -> &'static [Procedure] {
        text::PROCEDURES
    }

    fn notes() -> &'static [FidelityNote] {
        text::NOTES
    }

    fn fields() -> &'static [Field<Params>] {
        url::FIELDS
    }

    fn mode(params: &Params) -> usize {
        Mode::ALL
            .iter()
            .position(|m| *m == params.mode)
            .unwrap_or(0)
    }

    fn defaults(mode: usize) -> Params {
        Params {
            mode: Mode::ALL.get(mode).copied().unwrap_or_default(),
            ..Params::default()
        }
    }

    fn check(params: &Params) -> Vec<ParamError> {
        check::check_params(params)
    }

    fn parse_action(text: &str) -> Result<Action, String> {
        url::parse_action(text)
    }

    fn action_text(action: &Action) -> String {
        url::action_text(action)
    }

    fn checker(params: &Params) -> Checker {
        Checker::new(params)
    }

    fn check_action(checker: &mut Checker, field: &str, action: &Action) -> Result<(), ParamError> {
        checker.apply(field, action)
    }

    fn build(scenario: &Scenario<Params, Action>) -> Trace<State> {
        trace::build(scenario)
    }

    fn questions(
        _scenario: &Scenario<Params, Action>,
        trace: &Trace<State>,
    ) -> Vec<sdp_kit::quiz::Question> {
        questions::questions(trace)
    }
}

/// The largest scenario of each mode (for the benchmarks and the trace-time budget).
pub fn largest() -> Vec<(Mode, Scenario<Params, Action>)> {
    use sdp_kit::lab::Contract;
    Mode::ALL
        .iter()
        .enumerate()
        .map(|(i, &mode)| {
            let mut s = CachingLab::mode_scenario(i);
            let p = &mut s.params;
            match mode {
                Mode::Eviction => {
                    p.evict.source = Source::Scan;
                    p.evict.length = MAX_LENGTH;
                    p.evict.distinct = MAX_DISTINCT;
                    p.evict.capacity = 500;
                    p.evict.scan = 1_000;
                    p.evict.detailed = 200;
                    p.evict.aging = 1_000;
                    s.actions = (0..MAX_ACTIONS)
                        .map(|i| Action::Get(format!("typed{i}")))
                        .collect();
                }
                Mode::Strategies => {
                    p.strat.workload = strategy::Workload::Mixed;
                    p.strat.ops = MAX_OPS;
                    p.strat.keys = 8;
                    s.actions = (0..MAX_ACTIONS as u32)
                        .map(|i| Action::Crash(100 + i * 50))
                        .collect();
                }
                Mode::Ttl => {
                    p.ttl.keys = 5_000;
                    p.ttl.sets = 250;
                    p.ttl.reads = 2_000;
                    p.ttl.duration = 60;
                    p.ttl.hz = 16;
                    p.ttl.sample = 100;
                    p.ttl.repeat = 1;
                }
                Mode::Stampede => {
                    p.stampede.rate = 5_000;
                    p.stampede.duration_s = 40;
                    p.stampede.ttl_s = 1;
                    p.stampede.step_ms = 100;
                }
                Mode::MultiLevel => {
                    p.multi.servers = 8;
                    p.multi.keys = 25_000;
                    p.multi.requests = check::MAX_MULTI_REQUESTS;
                    p.multi.detailed = 50;
                    p.multi.writes = 0.2;
                }
                Mode::HotKeys => {
                    p.hot.shards = 64;
                    p.hot.keys = 50_000;
                    p.hot.requests = check::MAX_MULTI_REQUESTS;
                    p.hot.split = 64;
                    p.hot.clients = 200;
                    p.hot.writes = 0.5;
                }
                Mode::Cdn => {
                    p.cdn.objects = 50_000;
                    p.cdn.requests = check::MAX_MULTI_REQUESTS;
                    p.cdn.edges = 16;
                    p.cdn.regions = 8;
                    p.cdn.edge_cap = 5_000;
                    p.cdn.region_cap = 20_000;
                    p.cdn.push = 1_000;
                }
                Mode::Negative => {
                    p.neg.users = negative::MAX_USERS;
                    p.neg.m = negative::MAX_BITS;
                    p.neg.k = 20;
                    p.neg.requests = check::MAX_MULTI_REQUESTS;
                    p.neg.absent = negative::MAX_ABSENT;
                    p.neg.creates = 0.2;
                    p.neg.detailed = 50;
                }
            }
            (mode, s)
        })
        .collect()
}
