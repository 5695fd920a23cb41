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
//! use sdp_kit::lab::Contract;
//! use sdp_lab_watermarks::WatermarksLab;
//!
//! let trace = WatermarksLab::run(&WatermarksLab::default_scenario()).expect("valid");
//! assert!(trace.len() > 10);
//! ```

// A bundle built with one group of modes (see Cargo.toml) leaves the other group's builders
// and their helpers unused; the whole core (the default) uses everything.
#![cfg_attr(
    not(all(feature = "modes-main", feature = "modes-flow")),
    allow(dead_code, unused_imports)
)]

pub mod backpressure;
pub mod check;
pub mod checkpoint;
pub mod engine;
pub mod layout;
pub mod operator;
mod questions;
pub mod stream;
pub mod text;
pub mod time;
pub mod trace;
pub mod url;
#[cfg(feature = "view-kit")]
pub mod view;
pub mod watermark;
pub mod window;
pub mod wm_lab;

use backpressure::{BackpressureParams, BpState};
use checkpoint::{CheckpointParams, CkState};
use sdp_kit::field::Field;
use sdp_kit::lab::{
    ActionSyntax, FidelityNote, Lab, LabInfo, ModeBundle, ModeInfo, ParamError, Procedure,
    Scenario, Step, Trace,
};
use serde::{Deserialize, Serialize};
use stream::{Injected, StreamParams};
use wm_lab::WmState;

pub use url::{action_text, parse_action};

/// The modes drawn by the bundle `lab-watermarks--flow` (watermarks, the default, is in
/// `lab-watermarks`): two bundles keep each page within the download budget.
pub const MODE_BUNDLES: &[ModeBundle] = &[ModeBundle {
    name: "flow",
    modes: &["checkpoint", "backpressure"],
}];

/// The lab's three modes (URL `mode`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    /// `mode=watermarks` (the default): event time, watermarks and windows.
    #[default]
    Watermarks,
    /// `mode=checkpoint`: barriers, a failure and replay.
    Checkpoint,
    /// `mode=backpressure`: credit-based flow control.
    Backpressure,
}

impl Mode {
    /// Every mode, in [`WatermarksLab::MODES`] order.
    pub const ALL: [Mode; 3] = [Mode::Watermarks, Mode::Checkpoint, Mode::Backpressure];

    /// The mode's index in [`WatermarksLab::MODES`].
    pub fn index(self) -> usize {
        match self {
            Mode::Watermarks => 0,
            Mode::Checkpoint => 1,
            Mode::Backpressure => 2,
        }
    }

    /// The mode at index `i` (the first for an index out of range).
    pub fn from_index(i: usize) -> Mode {
        Mode::ALL.get(i).copied().unwrap_or_default()
    }

    /// The URL word of the mode.
    pub fn as_str(self) -> &'static str {
        MODES[self.index()].id
    }
}

/// The modes, chosen by `mode=`.
pub const MODES: &[ModeInfo] = &[
    ModeInfo {
        id: "watermarks",
        title: "Watermarks and windows",
    },
    ModeInfo {
        id: "checkpoint",
        title: "Checkpoint barriers",
    },
    ModeInfo {
        id: "backpressure",
        title: "Backpressure",
    },
];

/// Lab parameters: the mode and the parameters of every mode (only the mode's own are used and
/// written in the URL).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// Which mode runs.
    pub mode: Mode,
    /// `mode=watermarks`: the stream, the watermark and the windows.
    pub watermarks: StreamParams,
    /// `mode=checkpoint`.
    pub checkpoint: CheckpointParams,
    /// `mode=backpressure`.
    pub backpressure: BackpressureParams,
}

impl Params {
    /// The URL word of the mode.
    pub fn mode(&self) -> &'static str {
        self.mode.as_str()
    }

    /// Watermarks mode with stream parameters `p` (the other modes at their defaults).
    pub fn watermarks(p: StreamParams) -> Self {
        Params {
            watermarks: p,
            ..Params::default()
        }
    }

    /// Checkpoint mode with parameters `p`.
    pub fn checkpoint(p: CheckpointParams) -> Self {
        Params {
            mode: Mode::Checkpoint,
            checkpoint: p,
            ..Params::default()
        }
    }

    /// Backpressure mode with parameters `p`.
    pub fn backpressure(p: BackpressureParams) -> Self {
        Params {
            mode: Mode::Backpressure,
            backpressure: p,
            ..Params::default()
        }
    }

    /// The defaults of mode `mode`.
    pub fn of_mode(mode: Mode) -> Self {
        Params {
            mode,
            ..Params::default()
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
    type Checker = check::Checker;

    const INFO: LabInfo = INFO;
    const MODES: &'static [ModeInfo] = MODES;
    const SEED: u64 = DEFAULT_SEED;
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
        params.mode.index()
    }

    fn defaults(mode: usize) -> Params {
        Params::of_mode(Mode::from_index(mode))
    }

    fn default_actions(mode: usize) -> Vec<Action> {
        if Mode::from_index(mode) == Mode::Watermarks {
            vec![Action::Inject(DEFAULT_INJECTED)]
        } else {
            Vec::new()
        }
    }

    fn check(params: &Params) -> Vec<ParamError> {
        check::check(params)
    }

    fn repair(params: &mut Params) -> Vec<ParamError> {
        check::repair(params)
    }

    fn parse_action(text: &str) -> Result<Action, String> {
        url::parse_action(text)
    }

    fn action_text(action: &Action) -> String {
        url::action_text(action)
    }

    fn checker(params: &Params) -> check::Checker {
        check::Checker::new(params)
    }

    fn check_action(
        checker: &mut check::Checker,
        field: &str,
        action: &Action,
    ) -> Result<(), ParamError> {
        checker.apply(field, action)
    }

    fn build(scenario: &Scenario<Params, Action>) -> Trace<State> {
        let p = &scenario.params;
        // A mode whose group (`modes-main`, `modes-flow`) is compiled in; both are by default.
        let steps = match p.mode {
            #[cfg(feature = "modes-main")]
            Mode::Watermarks => wrap(
                wm_lab::build_steps(&p.watermarks, scenario.seed, &injected(&scenario.actions)),
                State::Watermarks,
            ),
            #[cfg(feature = "modes-flow")]
            Mode::Checkpoint => wrap(
                checkpoint::build_steps(&p.checkpoint, scenario.seed),
                State::Checkpoint,
            ),
            #[cfg(feature = "modes-flow")]
            Mode::Backpressure => wrap(
                backpressure::build_steps(&p.backpressure),
                State::Backpressure,
            ),
            // Built without this mode's group (a bundle that does not draw it): no steps.
            #[allow(unreachable_patterns)]
            _ => Vec::new(),
        };
        Trace { steps }
    }

    fn questions(
        scenario: &Scenario<Params, Action>,
        trace: &Trace<State>,
    ) -> Vec<sdp_kit::quiz::Question> {
        questions::questions(scenario, trace)
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
