//! Watermarks and windows lab (catalogue M5.1–M5.5, M5.7), route `#/lab/watermarks`.
//!
//! Three modes share one lab:
//! - **watermarks** (M5.1–M5.4): a seeded, out-of-order stream on several partitions, the
//!   bounded-out-of-order watermark, per-partition watermarks and their minimum, idle partitions
//!   (two policies), tumbling / sliding / session windows with allowed lateness and a side
//!   output, and the same windows in processing time for comparison ([`wm_lab`], [`engine`]);
//! - **checkpoint** (M5.5): barriers through a small operator graph, aligned or unaligned, with a
//!   failure and replay ([`checkpoint`]);
//! - **backpressure** (M5.7): credit-based flow control along a chain ([`backpressure`]).
//!
//! ```
//! use sdp_core::lab::Lab;
//! use sdp_stream::WatermarksLab;
//!
//! let trace = WatermarksLab::run(&WatermarksLab::default_scenario()).expect("valid");
//! assert!(trace.len() > 10);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod backpressure;
pub mod checkpoint;
pub mod engine;
pub mod operator;
pub mod stream;
pub mod text;
pub mod time;
mod url;
pub mod watermark;
pub mod window;
pub mod wm_lab;

use backpressure::{BackpressureParams, BpState};
use checkpoint::{CheckpointParams, CkState};
use sdp_core::lab::{FidelityNote, Lab, LabInfo, ParamError, Procedure, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use stream::{Injected, StreamParams};
use wm_lab::WmState;

pub use url::{action_text, parse_action};

/// Lab parameters: one variant per mode (URL `mode`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Params {
    /// `mode=watermarks` (the default).
    Watermarks(StreamParams),
    /// `mode=checkpoint`.
    Checkpoint(CheckpointParams),
    /// `mode=backpressure`.
    Backpressure(BackpressureParams),
}

impl Default for Params {
    fn default() -> Self {
        Params::Watermarks(StreamParams::default())
    }
}

impl Params {
    /// The URL word of the mode.
    pub fn mode(&self) -> &'static str {
        match self {
            Params::Watermarks(_) => "watermarks",
            Params::Checkpoint(_) => "checkpoint",
            Params::Backpressure(_) => "backpressure",
        }
    }
}

/// A learner's action (watermarks mode only).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// "An event with time … arrives now" (URL `a=EVENT@ARRIVAL/PARTITION/KEY/VALUE`).
    Inject(Injected),
}

/// What a step draws, by mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum State {
    /// Watermarks mode.
    Watermarks(WmState),
    /// Checkpoint mode.
    Checkpoint(CkState),
    /// Backpressure mode.
    Backpressure(BpState),
}

/// The watermarks and windows lab.
pub struct WatermarksLab;

/// Lab index entry.
pub const INFO: LabInfo = LabInfo {
    id: "watermarks",
    title: "Watermarks and windows",
    summary: "Step an out-of-order event stream through per-partition watermarks, tumbling, sliding \
              and session windows with allowed lateness, against processing-time windows; then \
              checkpoint barriers with a failure, and credit-based backpressure.",
    catalogue: "M5.1, M5.2, M5.3, M5.4, M5.5, M5.7",
};

/// The injected event of the default scenario: event time 10:00:02 arriving at 10:00:20, too
/// late for its window.
pub const DEFAULT_INJECTED: Injected = Injected {
    event_ms: 10 * time::HOUR + 2 * time::SECOND,
    arrival_ms: 10 * time::HOUR + 20 * time::SECOND,
    partition: 0,
    key: 0,
    value: 1,
};

/// Seed of the default scenario.
pub const DEFAULT_SEED: u64 = 4;

impl Lab for WatermarksLab {
    type Params = Params;
    type Action = Action;
    type State = State;

    const INFO: LabInfo = INFO;

    fn procedures() -> &'static [Procedure] {
        text::PROCEDURES
    }

    fn notes() -> &'static [FidelityNote] {
        text::NOTES
    }

    fn default_scenario() -> Scenario<Params, Action> {
        Scenario {
            params: Params::default(),
            seed: DEFAULT_SEED,
            actions: vec![Action::Inject(DEFAULT_INJECTED)],
        }
    }

    fn validate(scenario: &Scenario<Params, Action>) -> Vec<ParamError> {
        match &scenario.params {
            Params::Watermarks(p) => wm_lab::validate(p, &injected(&scenario.actions)),
            Params::Checkpoint(p) => {
                let mut e = p.validate();
                e.extend(actions_not_allowed(&scenario.actions));
                e
            }
            Params::Backpressure(p) => {
                let mut e = p.validate();
                e.extend(actions_not_allowed(&scenario.actions));
                e
            }
        }
    }

    fn run(scenario: &Scenario<Params, Action>) -> Result<Trace<State>, Vec<ParamError>> {
        let errors = Self::validate(scenario);
        if !errors.is_empty() {
            return Err(errors);
        }
        let steps = match &scenario.params {
            Params::Watermarks(p) => wrap(
                wm_lab::build_steps(p, scenario.seed, &injected(&scenario.actions)),
                State::Watermarks,
            ),
            Params::Checkpoint(p) => {
                wrap(checkpoint::build_steps(p, scenario.seed), State::Checkpoint)
            }
            Params::Backpressure(p) => wrap(backpressure::build_steps(p), State::Backpressure),
        };
        Ok(Trace { steps })
    }

    fn to_query(scenario: &Scenario<Params, Action>) -> Vec<(String, String)> {
        url::to_query(scenario)
    }

    fn from_query(pairs: &[(String, String)]) -> (Scenario<Params, Action>, Vec<ParamError>) {
        url::from_query(pairs)
    }
}

/// The injected events of a list of actions.
pub fn injected(actions: &[Action]) -> Vec<Injected> {
    actions
        .iter()
        .map(|a| match a {
            Action::Inject(i) => *i,
        })
        .collect()
}

fn actions_not_allowed(actions: &[Action]) -> Vec<ParamError> {
    (0..actions.len())
        .map(|i| {
            ParamError::new(
                format!("actions[{i}]"),
                "injected events apply only in mode=watermarks",
            )
        })
        .collect()
}

fn wrap<S>(steps: Vec<Step<S>>, f: fn(S) -> State) -> Vec<Step<State>> {
    steps
        .into_iter()
        .map(|s| Step {
            state: f(s.state),
            narration: s.narration,
            lines: s.lines,
            metrics: s.metrics,
        })
        .collect()
}
