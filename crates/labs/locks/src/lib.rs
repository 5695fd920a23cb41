//! Locks and concurrency-control lab (route `#/lab/locks`; catalogue M10.1–M10.12).
//!
//! Modes, chosen by `mode=`:
//! - `fencing`: clients racing for one resource through the single-node lock manager (lock
//!   record, strict expiry, global token counter, M10.1–M10.2); a GC pause lets the lease expire,
//!   another client acquires, the paused client writes: the fenced storage rejects its stale
//!   token, the unfenced one takes it, side by side on the same schedule (M10.5);
//! - `redis`: `SET NX EX` with the owner-checked Lua release against a bare `DEL` that deletes
//!   someone else's lock (M10.8);
//! - `optimistic`: a version column, the lost update without it, and retries on conflict (M10.9).

mod check;
mod largest;
pub mod lock;
pub mod optimistic;
mod questions;
pub mod sim;
mod text;
pub mod trace;
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

/// Most actions (GC pauses).
pub const MAX_ACTIONS: usize = 8;
/// Most racing clients.
pub const MAX_CLIENTS: usize = 6;
/// Last tick a race may reach, s.
pub const MAX_HORIZON: u64 = 600;

/// Which part of the lab.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    /// Lock manager and fencing tokens.
    #[default]
    Fencing,
    /// Redis owner-checked lock.
    Redis,
    /// Optimistic versions.
    Optimistic,
}

impl Mode {
    /// Every mode, in menu order (the index is the mode number).
    pub const ALL: [Mode; 3] = [Mode::Fencing, Mode::Redis, Mode::Optimistic];
}

/// How a Redis client releases.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Release {
    /// The Lua script: delete only if the value is mine.
    #[default]
    Checked,
    /// A bare `DEL`.
    Unsafe,
}

impl Word for Release {
    const WORDS: &'static [(Self, &'static str)] =
        &[(Release::Checked, "checked"), (Release::Unsafe, "unsafe")];
}

/// Whether writes check the version.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Check {
    /// `WHERE version = ?`.
    #[default]
    Version,
    /// No check: write what I computed.
    None,
}

impl Word for Check {
    const WORDS: &'static [(Self, &'static str)] =
        &[(Check::Version, "version"), (Check::None, "none")];
}

impl Word for optimistic::Order {
    const WORDS: &'static [(Self, &'static str)] = &[
        (optimistic::Order::Phased, "phased"),
        (optimistic::Order::Shuffled, "shuffled"),
    ];
}

/// `fencing` and `redis`: the race.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RaceParams {
    /// Racing clients (`clients`).
    pub clients: u32,
    /// Seconds between the clients' first attempts (`stagger`).
    pub stagger: u64,
    /// Up to this many seconds added to each start, seeded (`jitter`).
    pub jitter: u64,
    /// Writes per client while it holds the lock (`writes`).
    pub writes: u32,
    /// Lock TTL, s (`ttl`; 30).
    pub ttl: u64,
    /// Seconds between attempts (`retry`).
    pub retry: u64,
    /// The global token counter at the start (`counter`; 41).
    pub counter: u64,
    /// Last tick simulated, s (`horizon`).
    pub horizon: u64,
    /// Redis: the Lua owner check or a bare DEL (`release`).
    pub release: Release,
}

impl RaceParams {
    fn for_mode(mode: Mode) -> Self {
        RaceParams {
            clients: if mode == Mode::Redis { 4 } else { 2 },
            stagger: 1,
            jitter: 0,
            writes: 4,
            ttl: 30,
            retry: 1,
            counter: 41,
            horizon: 120,
            release: Release::Checked,
        }
    }
}

impl Default for RaceParams {
    fn default() -> Self {
        Self::for_mode(Mode::Fencing)
    }
}

/// `optimistic`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OptParams {
    /// Clients, each booking a seat (`clients`).
    pub clients: u32,
    /// Seats at the start (`seats`).
    pub seats: u64,
    /// The row's version at the start (`version`; v1).
    pub version: u64,
    /// Retries after a conflict (`retries`).
    pub retries: u32,
    /// The version check or a blind write (`check`).
    pub check: Check,
    /// The interleaving (`order`).
    pub order: optimistic::Order,
}

impl Default for OptParams {
    fn default() -> Self {
        OptParams {
            clients: 2,
            seats: 10,
            version: 1,
            retries: 3,
            check: Check::Version,
            order: optimistic::Order::Phased,
        }
    }
}

/// Lab parameters: the mode, and every mode's fields.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// The mode (`mode`).
    pub mode: Mode,
    /// `fencing`, `redis`.
    pub race: RaceParams,
    /// `optimistic`.
    pub opt: OptParams,
}

/// Something the learner did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// Client `client` (0 = A) stops for `len` s from tick `at` (`pause:A@2:33`).
    Pause {
        /// Client index.
        client: u32,
        /// First frozen second.
        at: u64,
        /// Seconds frozen.
        len: u64,
    },
}

/// What a step's view draws.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum State {
    /// `fencing`, `redis`.
    Race(trace::RaceState),
    /// `optimistic`.
    Optimistic(trace::OptState),
}

/// The locks lab.
pub struct LocksLab;

/// Lab index entry.
pub const INFO: LabInfo = LabInfo {
    id: "locks",
    title: "Locks and concurrency control",
    summary: "Clients racing for one resource on a shared timeline with GC pauses: the lock \
              record and its strict expiry, a lock manager with a global token counter, fencing \
              tokens rejecting the stale write beside the same schedule without them, the Redis \
              SET NX EX lock with the owner-checked release against a DEL that frees someone \
              else's lock, and optimistic version checks against the lost update.",
    catalogue: "M10.1, M10.2, M10.5, M10.8, M10.9",
};

impl Lab for LocksLab {
    type Params = Params;
    type Action = Action;
    type State = State;
    type Checker = Checker;

    const INFO: LabInfo = INFO;
    const MODES: &'static [ModeInfo] = &[
        ModeInfo {
            id: "fencing",
            title: "Lock manager and fencing tokens",
        },
        ModeInfo {
            id: "redis",
            title: "Redis owner-checked lock",
        },
        ModeInfo {
            id: "optimistic",
            title: "Optimistic versions",
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
        let mode = Mode::ALL.get(mode).copied().unwrap_or_default();
        Params {
            mode,
            race: RaceParams::for_mode(mode),
            opt: OptParams::default(),
        }
    }

    fn default_actions(mode: usize) -> Vec<Action> {
        match Mode::ALL.get(mode) {
            Some(Mode::Fencing | Mode::Redis) => vec![Action::Pause {
                client: 0,
                at: 2,
                len: 33,
            }],
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
