//! Rate-limiter lab (route `#/lab/rate-limiter`; catalogue M4.1–M4.9).
//!
//! Three modes, chosen by `mode=`:
//! - `compare` (the default): one arrival trace through every algorithm side by side: token
//!   bucket, leaky bucket (meter and queue), fixed windows (aligned, F4's local form, F4's Redis
//!   counter), sliding logs (deque, sorted set) and the weighted sliding counter, with the
//!   documents' defects as lanes of their own beside the corrected versions, one lane narrated
//!   step by step with its response headers. Opens on F4's boundary burst.
//! - `tiers`: tiered and multi-dimension limits (M4.7): tier per hour, then user, API key, IP
//!   and global per minute, checked in order as F4 writes it (earlier counters count rejected
//!   requests) beside check-all-then-commit.
//! - `datacenters`: one limit across several datacenters (M4.9): independent local limiters,
//!   periodic sync with lag, and one global counter.

pub mod algo;
mod check;
pub mod datacenters;
pub mod headers;
pub mod layout;
pub mod presets;
mod questions;
pub mod rate;
mod text;
pub mod tiers;
pub mod trace;
pub mod traffic;
mod url;
#[cfg(feature = "view")]
pub mod view;

use algo::{Config, Lane};
use datacenters::Split;
use rate::Rate;
use sdp_kit::field::Field;
use sdp_kit::lab::{
    ActionSyntax, FidelityNote, Lab, LabInfo, ModeInfo, ParamError, Procedure, Scenario, Trace,
};
use serde::{Deserialize, Serialize};
use tiers::Commit;
use traffic::Traffic;

pub use check::Checker;
pub use trace::{CompareState, CompareWorld, DcState, DcWorld, LaneRun, TierState, TierWorld};

/// Most lanes shown at once.
pub const MAX_LANES: usize = 14;
/// Most actions (requests or bursts added by hand).
pub const MAX_ACTIONS: usize = 32;
/// Largest limit, capacity or count per window.
pub const MAX_LIMIT: u32 = 100_000;
/// Longest window, seconds (a day).
pub const MAX_WINDOW_S: u32 = 86_400;
/// Longest span of generated traffic, seconds (an hour).
pub const MAX_SPAN_S: u32 = 3_600;
/// Latest time of a request added by hand, seconds.
pub const MAX_TIME_S: f64 = 86_400.0;
/// Most requests in one `send` burst (tiers mode).
pub const MAX_BURST: u32 = 2_000;
/// Most datacenters.
pub const MAX_DCS: u8 = 8;
/// 2024-01-01 00:00:00 UTC: the Unix time of t = 0 for the headers (F0's example is near it).
pub const DEFAULT_EPOCH: u64 = 1_704_067_200;

/// Which part of the lab.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    /// Every algorithm on one arrival trace.
    #[default]
    Compare,
    /// Tiered and multi-dimension limits.
    Tiers,
    /// Several datacenters.
    Datacenters,
}

impl Mode {
    /// Every mode, in menu order (the index is the mode number of [`Lab::MODES`]).
    pub const ALL: [Mode; 3] = [Mode::Compare, Mode::Tiers, Mode::Datacenters];
}

/// The `compare` mode's parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompareParams {
    /// The arrival pattern (`traffic`).
    pub traffic: Traffic,
    /// Requests of a generated pattern (`count`).
    pub count: u32,
    /// Seconds a generated pattern spans (`span`).
    pub span_s: u32,
    /// Requests per burst (`burst`).
    pub burst: u32,
    /// Requests per window, for the window limiters (`limit`).
    pub limit: u32,
    /// Window, seconds (`window`).
    pub window_s: u32,
    /// Bucket size, tokens or queue places (`capacity`).
    pub capacity: u32,
    /// Refill or leak rate per second, `N` or `N/D` (`rate`).
    pub rate: Rate,
    /// The lanes shown, in order (`lanes`).
    pub lanes: Vec<Lane>,
    /// The lane narrated step by step, one of `lanes` (`narrate`).
    pub narrate: Lane,
    /// Unix time of t = 0 for the headers (`epoch`).
    pub epoch: u64,
}

impl CompareParams {
    /// The limiters' settings.
    pub fn config(&self) -> Config {
        Config {
            limit: self.limit,
            window_ms: u64::from(self.window_s) * 1000,
            capacity: self.capacity,
            rate: self.rate,
        }
    }

    /// The generated patterns' shape.
    pub fn shape(&self) -> traffic::Shape {
        traffic::Shape {
            count: self.count,
            span_ms: u64::from(self.span_s) * 1000,
            burst: self.burst,
            limit: self.limit,
            window_ms: u64::from(self.window_s) * 1000,
        }
    }
}

impl Default for CompareParams {
    fn default() -> Self {
        CompareParams {
            traffic: Traffic::Boundary,
            count: 300,
            span_s: 120,
            burst: 25,
            limit: 100,
            window_s: 60,
            capacity: 100,
            rate: Rate::new(100, 60),
            lanes: vec![
                Lane::Token,
                Lane::Leaky,
                Lane::Fixed,
                Lane::FixedLocal,
                Lane::Log,
                Lane::Sliding,
            ],
            narrate: Lane::Fixed,
            epoch: DEFAULT_EPOCH,
        }
    }
}

/// The `tiers` mode's parameters: F4 §22's limits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TierParams {
    /// Free tier, requests per hour (`free`; F4: 100).
    pub free: u32,
    /// Basic tier, per hour (`basic`; F4: 1 000).
    pub basic: u32,
    /// Premium tier, per hour (`premium`; F4: 10 000).
    pub premium: u32,
    /// Per user, per minute (`user`; F4: 1 000).
    pub user: u32,
    /// Per API key, per minute (`key`; F4: 5 000).
    pub key: u32,
    /// Per IP, per minute (`ip`; F4: 100).
    pub ip: u32,
    /// Global, per minute (`global`; F4: 50 000).
    pub global: u32,
    /// The strategy narrated (`narrate`).
    pub narrate: Commit,
    /// The example's bursts, before any added by hand (`example`).
    pub example: tiers::Example,
}

impl Default for TierParams {
    fn default() -> Self {
        TierParams {
            free: 100,
            basic: 1_000,
            premium: 10_000,
            user: 1_000,
            key: 5_000,
            ip: 100,
            global: 50_000,
            narrate: Commit::InOrder,
            example: tiers::Example::Office,
        }
    }
}

/// The `datacenters` mode's parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DcParams {
    /// Datacenters (`dcs`).
    pub dcs: u8,
    /// The intended global limit per window (`limit`; F0's example: 100).
    pub limit: u32,
    /// Window, seconds (`window`).
    pub window_s: u32,
    /// Requests, evenly over the span (`count`).
    pub count: u32,
    /// Seconds the requests span (`span`).
    pub span_s: u32,
    /// How requests divide among datacenters (`split`).
    pub split: Split,
    /// Seconds between syncs of the synced limiters (`sync`).
    pub sync_s: u32,
    /// Seconds a sync takes to arrive (`lag`).
    pub lag_s: u32,
}

impl Default for DcParams {
    fn default() -> Self {
        DcParams {
            dcs: 3,
            limit: 100,
            window_s: 60,
            count: 600,
            span_s: 60,
            split: Split::Even,
            sync_s: 10,
            lag_s: 2,
        }
    }
}

/// Lab parameters: the mode, and every mode's fields.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// The mode (`mode`).
    pub mode: Mode,
    /// `compare` mode.
    pub compare: CompareParams,
    /// `tiers` mode.
    pub tiers: TierParams,
    /// `datacenters` mode.
    pub dcs: DcParams,
}

/// Something the learner adds by hand.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Action {
    /// `compare`: `count` requests at `at_ms` (`req:SECONDS` or `req:SECONDS*N`).
    Requests {
        /// Arrival, ms since t = 0.
        at_ms: u64,
        /// How many.
        count: u32,
    },
    /// `tiers`: `count` requests 10 ms apart from one client, starting at `at_ms`.
    Send(tiers::Send),
}

/// What a step's view draws.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum State {
    /// `compare` mode.
    Compare(CompareState),
    /// `tiers` mode.
    Tiers(TierState),
    /// `datacenters` mode.
    Datacenters(DcState),
}

/// The rate-limiter lab.
pub struct RateLimiterLab;

/// Lab index entry.
pub const INFO: LabInfo = LabInfo {
    id: "rate-limiter",
    title: "Rate limiters",
    summary: "Token and leaky buckets, fixed windows, sliding logs and the sliding counter on one \
              arrival trace, with the documents' bugs beside the fixes, response headers, tiers \
              and dimensions, and limits across datacenters.",
    catalogue: "M4.1–M4.9",
};

impl Lab for RateLimiterLab {
    type Params = Params;
    type Action = Action;
    type State = State;
    type Checker = Checker;

    const INFO: LabInfo = INFO;
    const MODES: &'static [ModeInfo] = &[
        ModeInfo {
            id: "compare",
            title: "All algorithms on one trace",
        },
        ModeInfo {
            id: "tiers",
            title: "Tiers and dimensions",
        },
        ModeInfo {
            id: "datacenters",
            title: "Several datacenters",
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
        scenario: &Scenario<Params, Action>,
        trace: &Trace<State>,
    ) -> Vec<sdp_kit::quiz::Question> {
        questions::questions(scenario, trace)
    }
}
