//! Consensus and failure-detection lab (route `#/lab/consensus`; catalogue M9.5–M9.8, M10.6).
//!
//! Modes, chosen by `mode=`:
//! - `raft`: a Raft cluster of 3–7 servers in a discrete-event simulator with integer ms:
//!   terms, roles, randomised (seeded) election timers, votes, log entries with terms, the commit
//!   index, messages in flight; crashes, restarts, partitions, heals and client requests
//!   (ACQUIRE lock-1, the Raft lock service of M10.6) at given times (M9.7, M9.8);
//! - `detectors`: one heartbeat trace with seeded delay jitter and loss, judged by the heartbeat
//!   detector (ALIVE → SUSPECT → DEAD, M9.5) and the phi-accrual detector (M9.6) side by side;
//! - `two-phase`: two-phase commit with a no vote, a coordinator crash that leaves participants
//!   blocked holding their locks, recovery, and 3PC's pre-commit phase (M9.14).

mod check;
pub mod detect;
mod largest;
pub mod layout;
mod questions;
pub mod raft;
mod text;
pub mod trace;
pub mod twopc;
mod url;
#[cfg(feature = "view")]
pub mod view;

use sdp_kit::field::{Field, Word};
use sdp_kit::lab::{
    ActionSyntax, FidelityNote, Lab, LabInfo, ModeInfo, ParamError, Procedure, Scenario, Trace,
};
use serde::{Deserialize, Serialize};

pub use check::Checker;
pub use largest::largest;

/// Most actions (faults and requests).
pub const MAX_ACTIONS: usize = 24;
/// Most two-phase commit participants.
pub const MAX_PARTICIPANTS: usize = 8;
/// Most Raft servers.
pub const MAX_SERVERS: usize = 7;
/// Last millisecond a Raft run may reach.
pub const MAX_RAFT_HORIZON: u64 = 10_000;
/// Most heartbeats (or checker runs) a detectors run may hold.
pub const MAX_BEATS: u64 = 2_000;
/// Last millisecond a detectors run may reach.
pub const MAX_DET_HORIZON: u64 = 600_000;

/// Which part of the lab.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    /// Raft elections and log replication.
    #[default]
    Raft,
    /// Heartbeat and phi-accrual failure detectors.
    Detectors,
    /// Two-phase commit (and 3PC).
    TwoPhase,
}

impl Mode {
    /// Every mode, in menu order (the index is the mode number).
    pub const ALL: [Mode; 3] = [Mode::Raft, Mode::Detectors, Mode::TwoPhase];
}

impl Word for detect::Model {
    const WORDS: &'static [(Self, &'static str)] = &[
        (detect::Model::Normal, "normal"),
        (detect::Model::Exp, "exp"),
    ];
}

impl Word for twopc::Protocol {
    const WORDS: &'static [(Self, &'static str)] = &[
        (twopc::Protocol::TwoPc, "2pc"),
        (twopc::Protocol::ThreePc, "3pc"),
    ];
}

impl Word for twopc::Crash {
    const WORDS: &'static [(Self, &'static str)] = &[
        (twopc::Crash::None, "none"),
        (twopc::Crash::AfterPrepare, "after-prepare"),
        (twopc::Crash::MidCommit, "mid-commit"),
    ];
}

/// Yes or no.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum YesNo {
    /// Yes.
    #[default]
    Yes,
    /// No.
    No,
}

impl Word for YesNo {
    const WORDS: &'static [(Self, &'static str)] = &[(YesNo::Yes, "yes"), (YesNo::No, "no")];
}

/// `two-phase`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TwoParams {
    /// Participants (`participants`).
    pub participants: u32,
    /// 2PC or 3PC (`protocol`).
    pub protocol: twopc::Protocol,
    /// The participant voting no, 0 = none (`no`).
    pub no: u32,
    /// When the coordinator crashes (`crash`).
    pub crash: twopc::Crash,
    /// The coordinator recovers (`recover`).
    pub recover: YesNo,
    /// 3PC: P1 cut off during the termination (`cut`).
    pub cut: YesNo,
}

impl Default for TwoParams {
    fn default() -> Self {
        TwoParams {
            participants: 3,
            protocol: twopc::Protocol::TwoPc,
            no: 0,
            crash: twopc::Crash::None,
            recover: YesNo::Yes,
            cut: YesNo::No,
        }
    }
}

impl TwoParams {
    /// The transaction's setup.
    pub fn setup(&self) -> twopc::Setup {
        twopc::Setup {
            participants: self.participants as usize,
            protocol: self.protocol,
            no: self.no as usize,
            crash: self.crash,
            recover: self.recover == YesNo::Yes,
            cut: self.cut == YesNo::Yes,
        }
    }
}

/// `raft`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RaftParams {
    /// Servers (`servers`).
    pub servers: u32,
    /// Leader heartbeat interval, ms (`heartbeat`).
    pub heartbeat: u64,
    /// Shortest election timeout, ms (`elect_min`).
    pub elect_min: u64,
    /// Longest election timeout, ms (`elect_max`).
    pub elect_max: u64,
    /// Shortest one-way latency, ms (`latency_min`).
    pub latency_min: u64,
    /// Longest one-way latency, ms (`latency_max`).
    pub latency_max: u64,
    /// Last ms simulated (`horizon`).
    pub horizon: u64,
}

impl Default for RaftParams {
    fn default() -> Self {
        RaftParams {
            servers: 5,
            heartbeat: 100,
            elect_min: 300,
            elect_max: 600,
            latency_min: 20,
            latency_max: 40,
            horizon: 4_000,
        }
    }
}

/// `detectors`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DetParams {
    /// Heartbeat interval, ms (`interval`).
    pub interval: u64,
    /// Missed heartbeats before SUSPECT, 0 = none (`missed`).
    pub missed: u32,
    /// Silence before DEAD, ms (`dead`).
    pub dead: u64,
    /// Checker period, ms, 0 = continuous (`check`).
    pub check: u64,
    /// Network delay, ms (`delay`).
    pub delay: u64,
    /// Up to this many ms added per heartbeat, seeded (`jitter`).
    pub jitter: u64,
    /// Heartbeats lost, percent (`loss`).
    pub loss: u32,
    /// The node crashes at this ms, 0 = never (`crash`).
    pub crash: u64,
    /// Last ms simulated (`horizon`).
    pub horizon: u64,
    /// Phi window, intervals (`window`).
    pub window: u32,
    /// Phi threshold (`threshold`).
    pub threshold: f64,
    /// Phi σ floor, ms (`min_sd`).
    pub min_sd: u64,
    /// Phi model (`model`).
    pub model: detect::Model,
}

impl DetParams {
    /// F0 §2: heartbeat every 1 s, suspect after 3 missed, dead after 10 s (the default).
    pub fn f0() -> Self {
        DetParams {
            interval: 1_000,
            missed: 3,
            dead: 10_000,
            check: 0,
            delay: 0,
            jitter: 0,
            loss: 0,
            crash: 20_500,
            horizon: 32_000,
            window: 10,
            threshold: 8.0,
            min_sd: 100,
            model: detect::Model::Normal,
        }
    }

    /// F4 §7: heartbeat every 5 s, the master checks every 10 s, dead after 30 s.
    pub fn f4() -> Self {
        DetParams {
            interval: 5_000,
            missed: 0,
            dead: 30_000,
            check: 10_000,
            crash: 1,
            horizon: 50_000,
            min_sd: 500,
            ..Self::f0()
        }
    }

    /// F0 with up to 900 ms of jitter and 25 % loss: false suspicions appear.
    pub fn jittery() -> Self {
        DetParams {
            delay: 50,
            jitter: 900,
            loss: 25,
            crash: 120_000,
            horizon: 135_000,
            ..Self::f0()
        }
    }

    /// The detectors' setup for seed `seed`.
    pub fn config(&self, seed: u64) -> detect::Config {
        detect::Config {
            interval: self.interval,
            missed: self.missed,
            dead: self.dead,
            check: self.check,
            delay: self.delay,
            jitter: self.jitter,
            loss: self.loss,
            crash: self.crash,
            horizon: self.horizon,
            window: self.window as usize,
            threshold: self.threshold,
            min_sd: self.min_sd as f64,
            model: self.model,
            seed,
        }
    }
}

impl Default for DetParams {
    fn default() -> Self {
        Self::f0()
    }
}

/// Lab parameters: the mode, and every mode's fields.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// The mode (`mode`).
    pub mode: Mode,
    /// `raft`.
    pub raft: RaftParams,
    /// `detectors`.
    pub det: DetParams,
    /// `two-phase`.
    pub two: TwoParams,
}

/// Something the learner did (Raft mode): a fault or a request at a time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    /// When, ms.
    pub at: u64,
    /// What.
    pub fault: raft::Fault,
}

/// What a step's view draws.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum State {
    /// `raft`.
    Raft(trace::RaftState),
    /// `detectors`.
    Detectors(trace::DetState),
    /// `two-phase`.
    TwoPhase(trace::TwoState),
}

/// The consensus lab.
pub struct ConsensusLab;

/// Lab index entry.
pub const INFO: LabInfo = LabInfo {
    id: "consensus",
    title: "Consensus and failure detection",
    summary: "A Raft cluster in the style of RaftScope: terms, roles, seeded election timers, \
              votes, logs with terms and the commit index, messages in flight, with crashes, \
              partitions and client requests to a Raft lock service; and heartbeat and \
              phi-accrual failure detectors judging one jittery heartbeat trace; \
              two-phase commit blocking on a coordinator crash, and 3PC's pre-commit.",
    catalogue: "M9.5, M9.6, M9.7, M9.8, M9.14, M10.6",
};

impl Lab for ConsensusLab {
    type Params = Params;
    type Action = Action;
    type State = State;
    type Checker = Checker;

    const INFO: LabInfo = INFO;
    const MODES: &'static [ModeInfo] = &[
        ModeInfo {
            id: "raft",
            title: "Raft elections and log replication",
        },
        ModeInfo {
            id: "detectors",
            title: "Heartbeat and phi-accrual detectors",
        },
        ModeInfo {
            id: "two-phase",
            title: "Two-phase commit",
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
            raft: RaftParams::default(),
            det: DetParams::default(),
            two: TwoParams::default(),
        }
    }

    fn default_actions(mode: usize) -> Vec<Action> {
        match Mode::ALL.get(mode) {
            Some(Mode::Raft) => url::DEFAULT_ACTIONS
                .iter()
                .filter_map(|t| url::parse_action(t).ok())
                .collect(),
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
        _scenario: &Scenario<Params, Action>,
        trace: &Trace<State>,
    ) -> Vec<sdp_kit::quiz::Question> {
        questions::questions(trace)
    }
}
