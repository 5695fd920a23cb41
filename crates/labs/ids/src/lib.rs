//! Identifier lab (route `#/lab/ids`; catalogue M3.1–M3.9).
//!
//! Modes, chosen by `mode=`:
//! - `base62`: the long-division table one digit per step, the decode accumulator, the
//!   document's two character orders, `encode(0)`, padding and capacity (M3.1);
//! - `hash-prefix`: MD5 / SHA-256 prefixes as short codes, collisions retried with a counter,
//!   the observed collisions against the birthday bound (M3.2);
//! - `ranges`: a coordinator handing out ranges, the document's off-by-one as a toggle, crashes
//!   and the gaps they leave (M3.3);
//! - `snowflake`: the 64-bit strip composed and parsed, the diagram example in both readings,
//!   then nodes generating IDs on simulated clocks with backward jumps under one of three
//!   policies, the datacenter split, and the merged IDs checked (M3.4–M3.6);
//! - `ulid`: the document's example decoded from Crockford base32, monotonic IDs within a
//!   millisecond, sorting, and the timestamp's lifetime corrected (M3.8);
//! - `node-ids`: node ids by static config, `ZooKeeper` sequential znodes or a lease table (M3.7);
//! - `pregen`: the pre-generated ID cache with its low-water refill against a consumption rate
//!   (M3.9);
//! - `compare`: the schemes side by side.

pub mod base62;
mod check;
pub mod clock;
pub mod compare;
pub mod date;
pub mod hashcode;
mod largest;
pub mod layout;
pub mod nodeids;
pub mod pregen;
mod questions;
pub mod ranges;
pub mod sim;
pub mod snowflake;
mod text;
pub mod trace;
pub mod ulid;
mod url;
#[cfg(feature = "view")]
pub mod view;

use base62::Order;
use clock::Policy;
use sdp_kit::field::{Field, Word};
use sdp_kit::lab::{
    ActionSyntax, FidelityNote, Lab, LabInfo, ModeInfo, ParamError, Procedure, Scenario, Trace,
};
use serde::{Deserialize, Serialize};

pub use check::Checker;
pub use largest::largest;

/// Most actions (clock jumps).
pub const MAX_ACTIONS: usize = 16;
/// Most GENERATE calls a Snowflake scenario may make (`nodes × duration × per_ms`).
pub const MAX_CALLS: u64 = 100_000;
/// Most steps shown for remarkable calls after the detailed ones.
pub const MAX_EVENT_STEPS: usize = 100;
/// Most ULIDs generated.
pub const MAX_ULIDS: u32 = 1_000;
/// Most seeded URLs in `hash-prefix`.
pub const MAX_URLS: u32 = 20_000;

/// Which part of the lab.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    /// Base62 codes.
    #[default]
    Base62,
    /// Hash-prefix codes.
    HashPrefix,
    /// Range allocation.
    Ranges,
    /// Snowflake IDs.
    Snowflake,
    /// ULIDs.
    Ulid,
    /// Node-ID assignment.
    NodeIds,
    /// The pre-generation cache.
    Pregen,
    /// Side by side.
    Compare,
}

impl Mode {
    /// Every mode, in menu order (the index is the mode number).
    pub const ALL: [Mode; 8] = [
        Mode::Base62,
        Mode::HashPrefix,
        Mode::Ranges,
        Mode::Snowflake,
        Mode::Ulid,
        Mode::NodeIds,
        Mode::Pregen,
        Mode::Compare,
    ];
}

/// `hash-prefix` mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HashParams {
    /// MD5 or SHA-256 (`hash`).
    pub algo: hashcode::Algo,
    /// Hex characters kept (`length`; 7).
    pub length: u32,
    /// The first URL shortened (`url`).
    pub url: String,
    /// Seeded URLs shortened after it (`urls`).
    pub urls: u32,
    /// URLs shown one step each (`detailed`; collisions always are).
    pub detailed: u32,
}

impl Default for HashParams {
    fn default() -> Self {
        HashParams {
            algo: hashcode::Algo::Md5,
            length: 7,
            url: "https://example.com".into(),
            urls: 1_000,
            detailed: 5,
        }
    }
}

/// `ranges` mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RangeParams {
    /// IDs each server issues per tick; one entry per server (`rates`).
    pub rates: Vec<u32>,
    /// IDs per range (`size`; 10 000).
    pub size: u64,
    /// Ticks simulated (`ticks`).
    pub ticks: u32,
    /// The document's `≥ range_end` or the fixed `>` (`rule`).
    pub rule: ranges::Rule,
}

impl Default for RangeParams {
    fn default() -> Self {
        RangeParams {
            rates: vec![800, 500, 200],
            size: 10_000,
            ticks: 30,
            rule: ranges::Rule::Doc,
        }
    }
}

/// `node-ids` mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NodeParams {
    /// Static, `ZooKeeper` or lease (`strategy`).
    pub strategy: nodeids::Strategy,
    /// Static: each node's configured id (`config`).
    pub config: Vec<u64>,
    /// `ZooKeeper` and lease: nodes (`nodes`).
    pub nodes: u32,
    /// Ticks simulated (`ticks`).
    pub ticks: u32,
    /// `ZooKeeper`'s sequence counter at the start (`zk_start`).
    pub zk_start: u64,
    /// A node reconnects every `churn` ticks (`churn`; 0: never).
    pub churn: u32,
    /// Sequence number or lowest free id (`zk_id`).
    pub zk_id: nodeids::ZkId,
    /// Most lease rows (`slots`; the document's 1024).
    pub slots: u64,
    /// Lease length, ticks (`lease`; the document's 5 minutes).
    pub lease: u64,
    /// Renew every this many ticks (`renew`).
    pub renew: u64,
}

impl Default for NodeParams {
    fn default() -> Self {
        NodeParams {
            strategy: nodeids::Strategy::Zookeeper,
            config: vec![0, 1, 2, 2],
            nodes: 4,
            ticks: 16,
            zk_start: 1_019,
            churn: 2,
            zk_id: nodeids::ZkId::Sequence,
            slots: 4,
            lease: 5,
            renew: 2,
        }
    }
}

/// `pregen` mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PregenParams {
    /// Cache capacity (`capacity`; 1 000).
    pub capacity: u64,
    /// Low-water mark (`low`; 500).
    pub low: u64,
    /// IDs per refill (`chunk`; 100).
    pub chunk: u64,
    /// Refill interval, ms (`interval`).
    pub interval: u64,
    /// Gets per ms (`rate`).
    pub rate: u64,
    /// Simulated ms (`duration`).
    pub duration: u64,
}

impl Default for PregenParams {
    fn default() -> Self {
        PregenParams {
            capacity: 1_000,
            low: 500,
            chunk: 100,
            interval: 10,
            rate: 12,
            duration: 600,
        }
    }
}

/// `base62` mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Base62Params {
    /// The number encoded (`n`).
    pub n: u64,
    /// The character order (`order`).
    pub order: Order,
    /// Fixed width, left-padded with the zero digit (`pad`; 0: none).
    pub pad: u32,
    /// A code to decode (`code`; empty: the encoded one).
    pub code: String,
}

impl Default for Base62Params {
    fn default() -> Self {
        Base62Params {
            n: 123_456_789,
            order: Order::Code,
            pad: 0,
            code: String::new(),
        }
    }
}

/// The Snowflake bit split.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Split {
    /// One node field (M3.4).
    #[default]
    Node,
    /// Datacenter (5 bits) + machine (M3.6).
    Datacenter,
}

impl Word for Split {
    const WORDS: &'static [(Self, &'static str)] =
        &[(Split::Node, "node"), (Split::Datacenter, "datacenter")];
}

/// `snowflake` mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SnowParams {
    /// One node field or datacenter + machine (`split`).
    pub split: Split,
    /// Node field bits (`node_bits`; 10).
    pub node_bits: u32,
    /// Sequence bits (`seq_bits`; 12).
    pub seq_bits: u32,
    /// The custom epoch, Unix ms (`epoch`).
    pub epoch: u64,
    /// Wall clock at the start, Unix ms (`start`; the diagram's 1704067200000).
    pub start: u64,
    /// The example's node id, and the first simulated node's (`node`).
    pub node: u64,
    /// The example's datacenter (`dc`; datacenter split).
    pub dc: u64,
    /// The example's machine, and the first simulated node's (`machine`; datacenter split).
    pub machine: u64,
    /// The example's sequence (`seq`).
    pub seq: u64,
    /// Simulated nodes (`nodes`).
    pub nodes: u32,
    /// Calls per node per ms (`per_ms`).
    pub per_ms: u32,
    /// Simulated ms (`duration`).
    pub duration: u32,
    /// Largest clock offset of a node, ± ms, seeded (`drift`).
    pub drift: u32,
    /// What a backward clock does (`policy`).
    pub policy: Policy,
    /// The sleep policy's largest skew, ms (`max_skew`).
    pub max_skew: u64,
    /// Calls shown one step each (`detailed`).
    pub detailed: u32,
}

impl Default for SnowParams {
    fn default() -> Self {
        SnowParams {
            split: Split::Node,
            node_bits: 10,
            seq_bits: 12,
            epoch: snowflake::EPOCH_2020,
            start: 1_704_067_200_000,
            node: 42,
            dc: 3,
            machine: 10,
            seq: 1234,
            nodes: 2,
            per_ms: 2,
            duration: 6,
            drift: 0,
            policy: Policy::Sleep,
            max_skew: 5_000,
            detailed: 30,
        }
    }
}

impl SnowParams {
    /// The bit layout these parameters choose.
    pub fn layout(&self) -> snowflake::Layout {
        snowflake::Layout {
            node_bits: self.node_bits,
            seq_bits: self.seq_bits,
            dc_bits: if self.split == Split::Datacenter {
                5
            } else {
                0
            },
        }
    }

    /// The node field of simulated node `i`.
    pub fn node_field(&self, i: u64) -> u64 {
        match self.split {
            Split::Node => self.node + i,
            Split::Datacenter => snowflake::node_of(self.dc, self.machine + i, self.layout()),
        }
    }
}

/// `ulid` mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UlidParams {
    /// The ULID decoded first (`decode`; the document's example).
    pub decode: String,
    /// Clock of the first generated ULID, Unix ms (`time`).
    pub time: u64,
    /// ULIDs generated (`count`).
    pub count: u32,
    /// ULIDs per ms (`per_ms`).
    pub per_ms: u32,
    /// Start the random part just below 2^80 − 1, to see the overflow (`near_max`).
    pub near_max: bool,
}

impl Default for UlidParams {
    fn default() -> Self {
        UlidParams {
            decode: ulid::EXAMPLE.to_string(),
            time: 1_469_922_850_259,
            count: 8,
            per_ms: 3,
            near_max: false,
        }
    }
}

/// Lab parameters: the mode, and every mode's fields.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// The mode (`mode`).
    pub mode: Mode,
    /// `base62`.
    pub base62: Base62Params,
    /// `hash-prefix`.
    pub hash: HashParams,
    /// `ranges`.
    pub ranges: RangeParams,
    /// `snowflake`.
    pub snow: SnowParams,
    /// `ulid`.
    pub ulid: UlidParams,
    /// `node-ids`.
    pub nodes: NodeParams,
    /// `pregen`.
    pub pregen: PregenParams,
}

/// Something the learner did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// `snowflake`: node `node`'s clock goes back `back` ms at real time `at` (`back:N@T:MS`).
    Back {
        /// Simulated node index (0-based).
        node: u32,
        /// Real time, ms since the start.
        at: u64,
        /// Milliseconds back.
        back: u64,
    },
    /// `ranges`: server `server` (1-based) crashes at tick `at` (`crash:S@T`).
    Crash {
        /// Server number, from 1.
        server: u32,
        /// Tick, from 1.
        at: u32,
    },
}

/// What a step's view draws.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum State {
    /// `base62`.
    Base62(trace::BaseState),
    /// `hash-prefix`.
    HashPrefix(trace::HashState),
    /// `ranges`.
    Ranges(trace::RangeState),
    /// `snowflake`.
    Snowflake(trace::SnowState),
    /// `ulid`.
    Ulid(trace::UlidState),
    /// `node-ids`.
    NodeIds(trace::NodeState),
    /// `pregen`.
    Pregen(trace::PregenState),
    /// `compare`.
    Compare(trace::CompareState),
}

/// The identifier lab.
pub struct IdsLab;

/// Lab index entry.
pub const INFO: LabInfo = LabInfo {
    id: "ids",
    title: "Identifiers",
    summary: "Base62 short codes by long division (with the document's two character orders), \
              hash-prefix codes and their collisions, ID ranges with the document's off-by-one, \
              Snowflake IDs on skewed clocks under three policies, node ids from config, \
              ZooKeeper or leases, ULIDs in Crockford base32, \
              a pre-generated ID cache, and the schemes side by side.",
    catalogue: "M3.1–M3.9",
};

impl Lab for IdsLab {
    type Params = Params;
    type Action = Action;
    type State = State;
    type Checker = Checker;

    const INFO: LabInfo = INFO;
    const MODES: &'static [ModeInfo] = &[
        ModeInfo {
            id: "base62",
            title: "Base62 codes",
        },
        ModeInfo {
            id: "hash-prefix",
            title: "Hash-prefix codes",
        },
        ModeInfo {
            id: "ranges",
            title: "Range allocation",
        },
        ModeInfo {
            id: "snowflake",
            title: "Snowflake IDs",
        },
        ModeInfo {
            id: "ulid",
            title: "ULID",
        },
        ModeInfo {
            id: "node-ids",
            title: "Node IDs",
        },
        ModeInfo {
            id: "pregen",
            title: "Pre-generated IDs",
        },
        ModeInfo {
            id: "compare",
            title: "Side by side",
        },
    ];
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

    fn default_actions(mode: usize) -> Vec<Action> {
        match Mode::ALL.get(mode) {
            Some(Mode::Snowflake) => vec![Action::Back {
                node: 0,
                at: 3,
                back: 3,
            }],
            Some(Mode::Ranges) => vec![Action::Crash { server: 2, at: 12 }],
            Some(Mode::NodeIds) => vec![Action::Crash { server: 2, at: 4 }],
            _ => Vec::new(),
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
        scenario: &Scenario<Params, Action>,
        trace: &Trace<State>,
    ) -> Vec<sdp_kit::quiz::Question> {
        questions::questions(scenario, trace)
    }
}
