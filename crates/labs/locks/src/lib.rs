//! Locks and concurrency-control lab (route `#/lab/locks`; catalogue M10.1–M10.12).
//!
//! Modes, chosen by `mode=`:
//! - `fencing`: clients racing for one resource through the single-node lock manager (lock
//!   record, strict expiry, global token counter, M10.1–M10.2); a GC pause lets the lease expire,
//!   another client acquires, the paused client writes: the fenced storage rejects its stale
//!   token, the unfenced one takes it, side by side on the same schedule (M10.5);
//! - `redis`: `SET NX EX` with the owner-checked Lua release against a bare `DEL` that deletes
//!   someone else's lock (M10.8);
//! - `optimistic`: a version column, the lost update without it, and retries on conflict (M10.9);
//! - `redlock`: five masters, quorum three, validity = TTL − elapsed − drift, with network
//!   delay, crashes, clock jumps and GC pauses as actions (M10.3, M10.4's backoff);
//! - `renewal`: retry policies for a contended lock and a watchdog renewing a 30 s lease every
//!   10 s, until a process pause or a network cut stops it (M10.4, M10.7);
//! - `claims`: workers claiming jobs by a conditional UPDATE or INSERT … ON CONFLICT DO
//!   NOTHING, against the read-then-write that double-claims (M10.10);
//! - `bookings`: the multi-night hotel booking behind four switchable layers, and the
//!   10-minute seat hold that expires (M10.11, M10.12).

pub mod bookings;
mod check;
pub mod claims;
pub mod hold;
mod largest;
pub mod layout;
pub mod lock;
pub mod optimistic;
mod questions;
pub mod redlock;
pub mod renewal;
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

/// Most Redlock masters.
pub const MAX_MASTERS: usize = 9;
/// Most Redlock clients.
pub const MAX_REDLOCK_CLIENTS: usize = 4;
/// Most events in a Redlock race (a cap on the trace).
pub const MAX_REDLOCK_EVENTS: usize = 2_000;
/// Longest `renewal` job, s.
pub const MAX_RENEW_HORIZON: u64 = 600;

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
    /// Redlock over independent masters.
    Redlock,
    /// Retry policies and the auto-renewing client.
    Renewal,
    /// Claims by conditional update or unique constraint.
    Claims,
    /// Hotel bookings behind four layers, and the seat hold.
    Bookings,
}

impl Mode {
    /// Every mode, in menu order (the index is the mode number).
    pub const ALL: [Mode; 7] = [
        Mode::Fencing,
        Mode::Redis,
        Mode::Optimistic,
        Mode::Redlock,
        Mode::Renewal,
        Mode::Claims,
        Mode::Bookings,
    ];
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

/// `redlock`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RedlockParams {
    /// Independent masters (`masters`; 5).
    pub masters: u32,
    /// Successes needed (`quorum`; 3).
    pub quorum: u32,
    /// Key TTL, ms (`ttl`; 30000).
    pub ttl: u64,
    /// Round trip to one master, ms (`latency`; 10).
    pub latency: u64,
    /// Competing clients (`clients`).
    pub clients: u32,
    /// ms between the clients' first attempts (`stagger`).
    pub stagger: u64,
    /// ms from acquiring to the write, then release (`work`).
    pub work: u64,
    /// Attempts after the first (`retries`).
    pub retries: u32,
}

impl Default for RedlockParams {
    fn default() -> Self {
        RedlockParams {
            masters: 5,
            quorum: 3,
            ttl: 30_000,
            latency: 10,
            clients: 2,
            stagger: 1_000,
            work: 10_000,
            retries: 8,
        }
    }
}

/// How a contender retries a busy lock.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Policy {
    /// Wait a fixed delay between attempts (F4: 100 ms, 3 retries).
    #[default]
    Fixed,
    /// `200 ms × 2^attempt + random(0–100 ms)` (F0 Redlock).
    Backoff,
}

impl Word for Policy {
    const WORDS: &'static [(Self, &'static str)] =
        &[(Policy::Fixed, "fixed"), (Policy::Backoff, "backoff")];
}

/// What the application does when the watchdog reports the lock lost.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum OnLost {
    /// Stops writing.
    #[default]
    Stop,
    /// Carries on.
    Ignore,
}

impl Word for OnLost {
    const WORDS: &'static [(Self, &'static str)] =
        &[(OnLost::Stop, "stop"), (OnLost::Ignore, "ignore")];
}

/// `renewal`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RenewParams {
    /// Lease TTL, s (`ttl`; 30).
    pub ttl: u64,
    /// Watchdog period, s (`renew`; 10).
    pub renew: u64,
    /// Holder A's job, s (`work`).
    pub work: u64,
    /// s between A's writes (`every`).
    pub every: u64,
    /// Contenders B, C, … (`contenders`).
    pub contenders: u32,
    /// The contenders' retry policy (`policy`).
    pub policy: Policy,
    /// Fixed delay, ms (`delay`; 100).
    pub delay: u64,
    /// Retries before `BOOKING_IN_PROGRESS` (`retries`; 3).
    pub retries: u32,
    /// s before a contender that gave up comes back (`again`).
    pub again: u64,
    /// What A does on the lock-lost notice (`onlost`).
    pub onlost: OnLost,
}

impl Default for RenewParams {
    fn default() -> Self {
        RenewParams {
            ttl: 30,
            renew: 10,
            work: 60,
            every: 5,
            contenders: 1,
            policy: Policy::Fixed,
            delay: 100,
            retries: 3,
            again: 10,
            onlost: OnLost::Stop,
        }
    }
}

impl Word for claims::Method {
    const WORDS: &'static [(Self, &'static str)] = &[
        (claims::Method::Update, "update"),
        (claims::Method::Insert, "insert"),
        (claims::Method::Naive, "naive"),
    ];
}

/// `claims`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimParams {
    /// Racing workers (`workers`).
    pub workers: u32,
    /// Jobs in the table, or slots (`jobs`).
    pub jobs: u32,
    /// Jobs each worker wants (`per`).
    pub per: u32,
    /// The claim statement (`claim`).
    pub method: claims::Method,
    /// The interleaving (`order`).
    pub order: optimistic::Order,
}

impl Default for ClaimParams {
    fn default() -> Self {
        ClaimParams {
            workers: 3,
            jobs: 1,
            per: 1,
            method: claims::Method::Update,
            order: optimistic::Order::Phased,
        }
    }
}

/// A layer or check switched on or off.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum OnOff {
    /// On.
    #[default]
    On,
    /// Off.
    Off,
}

impl Word for OnOff {
    const WORDS: &'static [(Self, &'static str)] = &[(OnOff::On, "on"), (OnOff::Off, "off")];
}

/// Which booking flow `bookings` runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Flow {
    /// The hotel booking with its four layers (M10.11).
    #[default]
    Hotel,
    /// The 10-minute seat hold (M10.12).
    Hold,
}

impl Word for Flow {
    const WORDS: &'static [(Self, &'static str)] = &[(Flow::Hotel, "hotel"), (Flow::Hold, "hold")];
}

/// `bookings`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BookParams {
    /// Hotel booking or seat hold (`flow`).
    pub flow: Flow,
    /// Bookers A, B, … (`bookers`).
    pub bookers: u32,
    /// ms between the bookers' starts (`stagger`).
    pub stagger: u64,
    /// Up to this many ms added to each database step, seeded (`jitter`).
    pub jitter: u64,
    /// Payment time, ms (`pay`).
    pub pay: u64,
    /// Layer 1, the Redis lock (`lock`).
    pub lock: OnOff,
    /// Layer 2, UNIQUE and CHECK (`constraints`).
    pub constraints: OnOff,
    /// Layer 3, SERIALIZABLE + FOR UPDATE (`serializable`).
    pub serializable: OnOff,
    /// Layer 4, the version column (`version`).
    pub version: OnOff,
    /// Hold length, s (`hold`; 600).
    pub hold: u64,
    /// A's time from hold to payment, s (`think`).
    pub think: u64,
    /// s between the bookers' arrivals at the seat (`arrive`).
    pub arrive: u64,
    /// The sweeper of expired holds (`sweeper`).
    pub sweeper: OnOff,
    /// The confirm checks the hold is still mine (`confirm`).
    pub confirm: OnOff,
}

impl Default for BookParams {
    fn default() -> Self {
        BookParams {
            flow: Flow::Hotel,
            bookers: 3,
            stagger: 10,
            jitter: 0,
            pay: 2_000,
            lock: OnOff::On,
            constraints: OnOff::On,
            serializable: OnOff::On,
            version: OnOff::On,
            hold: 600,
            think: 720,
            arrive: 300,
            sweeper: OnOff::On,
            confirm: OnOff::On,
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
    /// `redlock`.
    pub redlock: RedlockParams,
    /// `renewal`.
    pub renewal: RenewParams,
    /// `claims`.
    pub claims: ClaimParams,
    /// `bookings`.
    pub bookings: BookParams,
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
    /// `redlock`: requests to master `master` (0 = M1) sent from `at` ms on take `ms` more
    /// (`delay:M2@0:400`).
    Delay {
        /// Master index.
        master: u32,
        /// From, ms.
        at: u64,
        /// Extra round trip, ms.
        ms: u64,
    },
    /// `redlock`: master `master` is down from `at` for `len` ms and restarts with no keys
    /// (`crash:M4@0:15000`).
    Crash {
        /// Master index.
        master: u32,
        /// From, ms.
        at: u64,
        /// Down for, ms.
        len: u64,
    },
    /// `redlock`: master `master`'s clock jumps `ms` forward at `at` (`jump:M3@5000:30000`).
    Jump {
        /// Master index.
        master: u32,
        /// When, ms.
        at: u64,
        /// Jump, ms.
        ms: u64,
    },
    /// `renewal`: client `client` cannot reach the lock service from `at` for `len` s
    /// (`cut:A@25:40`).
    Cut {
        /// Client index.
        client: u32,
        /// First cut second.
        at: u64,
        /// Seconds cut.
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
    /// `redlock`.
    Redlock(trace::RedlockState),
    /// `renewal`.
    Renewal(trace::RenewState),
    /// `claims`.
    Claims(trace::ClaimState),
    /// `bookings`.
    Bookings(trace::BookState),
}

/// A mode's URL word.
pub fn mode_id(m: Mode) -> &'static str {
    match m {
        Mode::Fencing => "fencing",
        Mode::Redis => "redis",
        Mode::Optimistic => "optimistic",
        Mode::Redlock => "redlock",
        Mode::Renewal => "renewal",
        Mode::Claims => "claims",
        Mode::Bookings => "bookings",
    }
}

/// The locks lab.
pub struct LocksLab;

/// Lab index entry.
pub const INFO: LabInfo = LabInfo {
    id: "locks",
    title: "Locks and concurrency control",
    summary: "Clients racing for one resource on a shared timeline with GC pauses: the lock \
              record and its strict expiry, a lock manager with a global token counter, fencing \
              tokens rejecting the stale write, the Redis SET NX EX lock with the owner-checked \
              release, optimistic version checks, Redlock over five masters with its validity \
              arithmetic and the clock jump that breaks it, retry policies and a watchdog \
              renewing a lease until a pause lets it lapse, claims by conditional update against \
              the double claim, and the hotel booking behind four switchable layers with a seat \
              hold that expires.",
    catalogue: "M10.1, M10.2, M10.3, M10.4, M10.5, M10.7, M10.8, M10.9, M10.10, M10.11, M10.12",
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
        ModeInfo {
            id: "redlock",
            title: "Redlock over five masters",
        },
        ModeInfo {
            id: "renewal",
            title: "Retry policies and lease renewal",
        },
        ModeInfo {
            id: "claims",
            title: "Claims by conditional update",
        },
        ModeInfo {
            id: "bookings",
            title: "Bookings: four layers and a seat hold",
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
            redlock: RedlockParams::default(),
            renewal: RenewParams::default(),
            claims: ClaimParams::default(),
            bookings: BookParams::default(),
        }
    }

    fn default_actions(mode: usize) -> Vec<Action> {
        match Mode::ALL.get(mode) {
            Some(Mode::Fencing | Mode::Redis) => vec![Action::Pause {
                client: 0,
                at: 2,
                len: 33,
            }],
            Some(Mode::Redlock) => vec![Action::Pause {
                client: 0,
                at: 1_000,
                len: 56_000,
            }],
            Some(Mode::Renewal) => vec![Action::Pause {
                client: 0,
                at: 25,
                len: 40,
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
