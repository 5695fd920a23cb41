//! Replication and consistency lab (route `#/lab/replication`; catalogue M9.1–M9.3,
//! M9.10–M9.13, M9.4, M9.16, M9.17).
//!
//! Six modes, chosen by `mode=`:
//! - `quorum`: N replicas with W and R as controls on a history of writes and reads over a
//!   network you can break (crash, recover, partition, drop, delay); every message on a
//!   timeline; the stale read a weaker setting allows on the same history; read repair and a
//!   sloppy quorum's hinted handoff (M9.1–M9.3);
//! - `vector-clocks`: F4's clock comparisons, then one shopping-cart history three ways:
//!   siblings under vector clocks merged by F4's cart merge (the removed item comes back),
//!   last-write-wins on skewed clocks (a write silently lost), and an observed-remove cart
//!   (M9.10, M9.11, M9.13);
//! - `crdt`: G-counter and PN-counter, and the OR-set and LWW-register F4 only names
//!   (M9.12, M9.11);
//! - `merkle`: anti-entropy between two replicas' Merkle trees, walking down only differing
//!   branches, against comparing every key (M9.4);
//! - `lag`: a leader and followers under a write load, replicating synchronously,
//!   semi-synchronously or asynchronously: lag meters against the 5 s alert, a read-your-writes
//!   violation on a follower, a failover that loses the unreplicated tail, write latency per
//!   mode (M9.16);
//! - `consistency`: client histories judged linearizable, sequential and eventual, the first
//!   violating operation named (M9.17).

pub mod cart;
mod check;
pub mod crdt;
pub mod history;
pub mod lag;
pub mod layout;
pub mod merkle;
mod questions;
pub mod quorum;
mod text;
pub mod trace;
mod url;
pub mod vclock;
#[cfg(feature = "view")]
pub mod view;

use quorum::Fault;
use sdp_kit::field::{Field, Word};
use sdp_kit::lab::{
    ActionSyntax, FidelityNote, Lab, LabInfo, ModeInfo, ParamError, Procedure, Scenario, Trace,
};
use serde::{Deserialize, Serialize};

pub use check::Checker;

/// Most actions in a scenario.
pub const MAX_ACTIONS: usize = 32;
/// Longest item name or register value.
pub const MAX_TEXT: usize = 12;

/// Which part of the lab.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    /// Quorum reads and writes.
    #[default]
    Quorum,
    /// Vector clocks, LWW and the cart merge.
    Clocks,
    /// CRDTs.
    Crdt,
    /// Merkle anti-entropy.
    Merkle,
    /// Replication modes and lag.
    Lag,
    /// Consistency models.
    Consistency,
}

impl Mode {
    /// Every mode, in menu order (the index is the mode number).
    pub const ALL: [Mode; 6] = [
        Mode::Quorum,
        Mode::Clocks,
        Mode::Crdt,
        Mode::Merkle,
        Mode::Lag,
        Mode::Consistency,
    ];
}

/// On or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Toggle {
    /// On.
    On,
    /// Off.
    Off,
}

impl Word for Toggle {
    const WORDS: &'static [(Self, &'static str)] = &[(Toggle::On, "on"), (Toggle::Off, "off")];
}

/// `quorum` mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuorumParams {
    /// Nodes in the cluster (`nodes`): the first N are the key's home, the rest spares.
    pub nodes: u32,
    /// Replicas (`n`).
    pub n: u32,
    /// Write quorum (`w`).
    pub w: u32,
    /// Read quorum (`r`).
    pub r: u32,
    /// Sloppy quorum with hinted handoff (`sloppy`).
    pub sloppy: Toggle,
    /// Most extra one-way latency per message, ms (`jitter`).
    pub jitter: u32,
    /// The history, `w` and `r` letters (`history`).
    pub history: String,
    /// The worked example's faults before the typed ones (`preset`).
    pub preset: Toggle,
}

impl Default for QuorumParams {
    fn default() -> Self {
        QuorumParams {
            nodes: 4,
            n: 3,
            w: 2,
            r: 2,
            sloppy: Toggle::On,
            jitter: 10,
            history: "wrwrwr".into(),
            preset: Toggle::On,
        }
    }
}

/// `vector-clocks` mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClockParams {
    /// Replica 2's wall clock against real time, seconds (`skew`).
    pub skew: i32,
    /// The worked example's cart history before the typed actions (`preset`).
    pub preset: Toggle,
}

impl Default for ClockParams {
    fn default() -> Self {
        ClockParams {
            skew: -5,
            preset: Toggle::On,
        }
    }
}

/// The CRDT shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CrdtKind {
    /// Grow-only counter (F4's code).
    GCounter,
    /// Increment/decrement counter.
    PnCounter,
    /// Observed-remove set.
    OrSet,
    /// Last-write-wins register.
    Lww,
}

impl Word for CrdtKind {
    const WORDS: &'static [(Self, &'static str)] = &[
        (CrdtKind::GCounter, "gcounter"),
        (CrdtKind::PnCounter, "pncounter"),
        (CrdtKind::OrSet, "orset"),
        (CrdtKind::Lww, "lww"),
    ];
}

/// `crdt` mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CrdtParams {
    /// The type (`type`).
    pub kind: CrdtKind,
    /// Run the type's worked example first (`preset`).
    pub preset: Toggle,
}

impl Default for CrdtParams {
    fn default() -> Self {
        CrdtParams {
            kind: CrdtKind::GCounter,
            preset: Toggle::On,
        }
    }
}

/// `merkle` mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MerkleParams {
    /// Keys on each replica (`keys`).
    pub keys: u32,
    /// Leaves of each tree, a power of two (`leaves`).
    pub leaves: u32,
    /// Keys that differ between the replicas, seeded (`diffs`).
    pub diffs: u32,
}

impl Default for MerkleParams {
    fn default() -> Self {
        MerkleParams {
            keys: 32,
            leaves: 8,
            diffs: 3,
        }
    }
}

impl Word for lag::Repl {
    const WORDS: &'static [(Self, &'static str)] = &[
        (lag::Repl::Sync, "sync"),
        (lag::Repl::Semi, "semi"),
        (lag::Repl::Async, "async"),
    ];
}

/// `lag` mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LagParams {
    /// When a write is acknowledged (`repl`).
    pub repl: lag::Repl,
    /// Followers (`followers`).
    pub followers: u32,
    /// Writes per second sent to the leader (`load`).
    pub load: u32,
    /// Writes per second a follower replays (`capacity`).
    pub capacity: u32,
    /// One-way latency to follower 1, ms (`net`).
    pub net: u32,
    /// Seconds of load (`seconds`).
    pub seconds: u32,
    /// Second at which the leader fails, 0: never (`crash`).
    pub crash: u32,
    /// Second at which the read-your-writes client writes, 0: no client (`ryw`).
    pub ryw: u32,
}

impl Default for LagParams {
    fn default() -> Self {
        LagParams {
            repl: lag::Repl::Async,
            followers: 2,
            load: 20,
            capacity: 12,
            net: 40,
            seconds: 15,
            crash: 15,
            ryw: 5,
        }
    }
}

/// The history `consistency` starts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Example {
    /// Linearizable: reads concurrent with a write may see either value.
    Bank,
    /// A follower's stale read after the write returned: sequential, not linearizable.
    Stale,
    /// A new value read, then the old one: sequential, not linearizable.
    Inversion,
    /// Two clients see two writes in opposite orders: eventual only.
    Order,
    /// A read returns a value nobody wrote: nothing holds.
    Thin,
    /// A seeded random history.
    Random,
    /// No operations: the typed ones only.
    Empty,
}

impl Word for Example {
    const WORDS: &'static [(Self, &'static str)] = &[
        (Example::Bank, "bank"),
        (Example::Stale, "stale"),
        (Example::Inversion, "inversion"),
        (Example::Order, "order"),
        (Example::Thin, "thin"),
        (Example::Random, "random"),
        (Example::Empty, "empty"),
    ];
}

/// `consistency` mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsistencyParams {
    /// The starting history (`example`).
    pub example: Example,
    /// Operations of a random history (`ops`).
    pub ops: u32,
    /// Registers of a random history (`registers`).
    pub registers: u32,
}

impl Default for ConsistencyParams {
    fn default() -> Self {
        ConsistencyParams {
            example: Example::Stale,
            ops: 6,
            registers: 1,
        }
    }
}

/// Lab parameters: the mode, and every mode's fields.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// The mode (`mode`).
    pub mode: Mode,
    /// `quorum`.
    pub quorum: QuorumParams,
    /// `vector-clocks`.
    pub clocks: ClockParams,
    /// `crdt`.
    pub crdt: CrdtParams,
    /// `merkle`.
    pub merkle: MerkleParams,
    /// `lag`.
    pub lag: LagParams,
    /// `consistency`.
    pub consistency: ConsistencyParams,
}

/// Something the learner did. Replicas are 0-based here, 1-based in the URL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// `quorum`: a fault before an operation (`crash:B@3`, `delay:B+100@3`, …).
    Fault(Fault),
    /// `vector-clocks`: set an item's quantity at a replica (`set:1:x*2`).
    Set(usize, String, u32),
    /// `vector-clocks`, `crdt` (OR-set): remove an item at a replica (`rm:2:y`).
    Rm(usize, String),
    /// `vector-clocks`: two replicas exchange their versions (`sync:1-2`).
    Sync(usize, usize),
    /// `crdt`: increment at a replica (`inc:1`).
    Inc(usize),
    /// `crdt` (PN-counter): decrement at a replica (`dec:1`).
    Dec(usize),
    /// `crdt` (OR-set): add an element at a replica (`add:1:x`).
    Add(usize, String),
    /// `crdt` (LWW-register): write a value with a timestamp (`put:1:A@100`).
    Put(usize, String, u64),
    /// `crdt`: the second replica merges the first's state (`merge:1>2`).
    Merge(usize, usize),
    /// `consistency`: append an operation (`w:1:x=1@0-3`, `r:2:x=0@4-5`).
    Op(history::Op),
    /// `consistency`: remove the K-th operation, 0-based here (`del:3`).
    Del(usize),
}

/// What a step's view draws.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum State {
    /// `quorum`.
    Quorum(trace::QuorumState),
    /// `vector-clocks`.
    Clocks(trace::ClockState),
    /// `crdt`.
    Crdt(trace::CrdtState),
    /// `merkle`.
    Merkle(trace::MerkleState),
    /// `lag`.
    Lag(trace::LagState),
    /// `consistency`.
    Consistency(trace::ConsistencyState),
}

/// The replication lab.
pub struct ReplicationLab;

/// Lab index entry.
pub const INFO: LabInfo = LabInfo {
    id: "replication",
    title: "Replication and consistency",
    summary: "Quorum reads and writes on a network you can break, with read repair and hinted \
              handoff; vector clocks against last-write-wins on the same shopping cart; CRDTs \
              that merge in any order; Merkle-tree anti-entropy; sync, semi-sync and async \
              replication with lag, a stale follower read and a lossy failover; histories \
              judged linearizable, sequential or eventual.",
    catalogue: "M9.1–M9.4, M9.10–M9.13, M9.16, M9.17",
};

impl Lab for ReplicationLab {
    type Params = Params;
    type Action = Action;
    type State = State;
    type Checker = Checker;

    const INFO: LabInfo = INFO;
    const MODES: &'static [ModeInfo] = &[
        ModeInfo {
            id: "quorum",
            title: "Quorums, read repair, hinted handoff",
        },
        ModeInfo {
            id: "vector-clocks",
            title: "Vector clocks, LWW, cart merge",
        },
        ModeInfo {
            id: "crdt",
            title: "CRDTs",
        },
        ModeInfo {
            id: "merkle",
            title: "Merkle anti-entropy",
        },
        ModeInfo {
            id: "lag",
            title: "Replication modes and lag",
        },
        ModeInfo {
            id: "consistency",
            title: "Consistency models",
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
    use quorum::FaultKind;
    use sdp_kit::lab::Contract;
    Mode::ALL
        .iter()
        .enumerate()
        .map(|(i, &mode)| {
            let mut s = ReplicationLab::mode_scenario(i);
            let p = &mut s.params;
            match mode {
                Mode::Quorum => {
                    p.quorum.preset = Toggle::Off;
                    p.quorum.nodes = 7;
                    p.quorum.n = 7;
                    p.quorum.w = 4;
                    p.quorum.r = 4;
                    p.quorum.jitter = 40;
                    p.quorum.history = "wrwrwrwrwrwr".into();
                    let kinds = [FaultKind::Crash, FaultKind::Recover, FaultKind::Delay];
                    s.actions = (0..MAX_ACTIONS)
                        .map(|k| {
                            Action::Fault(Fault {
                                kind: kinds[k % 3],
                                node: k % 7,
                                op: k % 12,
                                ms: if k % 3 == 2 { 200 } else { 0 },
                            })
                        })
                        .collect();
                }
                Mode::Clocks => {
                    p.clocks.preset = Toggle::Off;
                    s.actions = (0..MAX_ACTIONS)
                        .map(|k| match k % 4 {
                            0 => Action::Set(k % 3, format!("item{}", k % 7), 3),
                            1 => Action::Rm((k + 1) % 3, format!("item{}", k % 5)),
                            2 => Action::Set((k + 2) % 3, format!("item{}", k % 6), 1),
                            _ => Action::Sync(k % 3, (k + 1) % 3),
                        })
                        .collect();
                }
                Mode::Crdt => {
                    p.crdt.kind = CrdtKind::OrSet;
                    p.crdt.preset = Toggle::Off;
                    s.actions = (0..MAX_ACTIONS)
                        .map(|k| match k % 3 {
                            0 => Action::Add(k % 3, format!("e{}", k % 5)),
                            1 => Action::Rm((k + 1) % 3, format!("e{}", k % 4)),
                            _ => Action::Merge(k % 3, (k + 1) % 3),
                        })
                        .collect();
                }
                Mode::Merkle => {
                    p.merkle.keys = merkle::MAX_KEYS as u32;
                    p.merkle.leaves = merkle::MAX_LEAVES as u32;
                    p.merkle.diffs = 200;
                }
                Mode::Lag => {
                    p.lag.repl = lag::Repl::Sync;
                    p.lag.followers = lag::MAX_FOLLOWERS as u32;
                    p.lag.load = lag::MAX_RATE;
                    p.lag.capacity = 1;
                    p.lag.net = lag::MAX_NET_MS;
                    p.lag.seconds = lag::MAX_SECONDS;
                    p.lag.crash = 0;
                    p.lag.ryw = lag::MAX_SECONDS - 1;
                }
                Mode::Consistency => {
                    // Ten operations that are neither linearizable nor sequential: the longest
                    // searches (every prefix checked).
                    p.consistency.example = Example::Empty;
                    s.actions = (0..history::MAX_OPS)
                        .map(|k| {
                            let k32 = k as u32;
                            Action::Op(history::Op {
                                proc: (k % 3) as u8 + 1,
                                write: k % 2 == 0,
                                reg: k % 2,
                                value: if k % 2 == 0 {
                                    k32 % 9 + 1
                                } else {
                                    (k32 + 5) % 9 + 1
                                },
                                invoke: k32 * 3,
                                response: k32 * 3 + 8,
                            })
                        })
                        .collect();
                }
            }
            (mode, s)
        })
        .collect()
}
