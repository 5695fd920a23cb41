//! The lab contract: `scenario → trace`.
//!
//! A [`Scenario`] is validated parameters, a seed and the list of actions the user took. A
//! [`Trace`] is the list of [`Step`]s a lab produces from it; each step carries the state the view
//! draws, one sentence of narration, the procedure lines that ran and the metrics at that point.
//! The same scenario always gives the same trace, byte for byte.

use crate::field::Field;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What the lab index shows about a lab.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LabInfo {
    /// Route id, as in `#/lab/<id>`.
    pub id: &'static str,
    /// Title shown on the index and the lab page.
    pub title: &'static str,
    /// One-sentence description.
    pub summary: &'static str,
    /// Catalogue mechanism ids this lab implements (e.g. `"M1.1, M1.2, M1.6"`).
    pub catalogue: &'static str,
}

/// A procedure as the source document states it, shown beside the animation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Procedure {
    /// Short title ("Finding server for a key").
    pub title: &'static str,
    /// Where it comes from ("F0 §2 l.147–153").
    pub source: &'static str,
    /// The lines, verbatim or faithfully paraphrased.
    pub lines: &'static [&'static str],
}

/// Where the source document is wrong or silent, what the lab shows instead (a "fidelity badge").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FidelityNote {
    /// Short title ("Z-order of (5, 3)").
    pub title: &'static str,
    /// What the document says, with its location ("F0 Q12 l.1650: 29").
    pub document_says: &'static str,
    /// What the lab shows ("27"), or "not in source: …" for a completion.
    pub lab_shows: &'static str,
    /// One or two sentences on why.
    pub why: &'static str,
}

/// Reference to lines of one of a lab's procedures that ran in a step.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinesRun {
    /// Index into [`Lab::procedures`].
    pub procedure: usize,
    /// Zero-based line indexes within that procedure.
    pub lines: Vec<usize>,
}

impl LinesRun {
    /// Lines `lines` of procedure `procedure`.
    pub fn new(procedure: usize, lines: &[usize]) -> Self {
        LinesRun {
            procedure,
            lines: lines.to_vec(),
        }
    }
}

/// One named figure at a step, with its display text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    /// Label shown to the learner ("keys moved").
    pub label: String,
    /// Numeric value, for charts and tests.
    pub value: f64,
    /// Display text ("2 534 of 10 000 (25.3%)").
    pub text: String,
}

impl Metric {
    /// A metric whose display text is given.
    pub fn new(label: &str, value: f64, text: impl Into<String>) -> Self {
        Metric {
            label: label.to_string(),
            value,
            text: text.into(),
        }
    }
}

/// One step of a trace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step<S> {
    /// What the view draws.
    pub state: S,
    /// One sentence saying what happened.
    pub narration: String,
    /// The procedure lines that ran.
    pub lines: LinesRun,
    /// Figures at this point.
    pub metrics: Vec<Metric>,
}

/// The steps of one scenario, in order. Never empty for a valid scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trace<S> {
    /// The steps.
    pub steps: Vec<Step<S>>,
}

impl<S> Trace<S> {
    /// Number of steps.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// True when there is no step.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// Step `k`, clamped to the last step (`None` only for an empty trace).
    pub fn get(&self, k: usize) -> Option<&Step<S>> {
        self.steps.get(k.min(self.steps.len().saturating_sub(1)))
    }
}

/// Parameters, seed and user actions: everything a trace depends on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scenario<P, A> {
    /// Validated lab parameters.
    pub params: P,
    /// Seed of the workload generator.
    pub seed: u64,
    /// Actions the user took, in order.
    pub actions: Vec<A>,
}

/// A rejected input: names the field and says what is allowed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParamError {
    /// The field (`"vnodes"`, `"actions[2]"`, …).
    pub field: String,
    /// What is wrong and what is allowed.
    pub message: String,
}

impl ParamError {
    /// An error on `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        ParamError {
            field: field.into(),
            message: message.into(),
        }
    }

    /// "`field` must be between `min` and `max` (got `got`)".
    ///
    /// ```
    /// let e = sdp_kit::lab::ParamError::range("vnodes", 1, 500, "0");
    /// assert_eq!(e.to_string(), "vnodes: must be between 1 and 500 (got 0)");
    /// ```
    pub fn range(field: &str, min: impl fmt::Display, max: impl fmt::Display, got: &str) -> Self {
        ParamError::new(
            field,
            format!("must be between {min} and {max} (got {got})"),
        )
    }
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for ParamError {}

/// One of a lab's modes, chosen by `mode=` in the URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModeInfo {
    /// The word in the URL (`search`).
    pub id: &'static str,
    /// Menu label ("Proximity search").
    pub title: &'static str,
}

/// Some of a lab's modes, downloaded as their own wasm bundle (`lab-<id>--<name>`) when a
/// lab's view is too large for one page's budget. The modes in no [`ModeBundle`] are in the
/// lab's main bundle (`lab-<id>`), which must hold the default (first) mode. The loader picks
/// the bundle from `mode=`; the page moves to the other bundle when the mode changes.
///
/// ```
/// use sdp_kit::lab::ModeBundle;
/// const MAPS: ModeBundle = ModeBundle { name: "maps", modes: &["search", "shards"] };
/// assert_eq!(MAPS.bin("geohash"), "lab-geohash--maps");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModeBundle {
    /// The bundle's name after the lab's (`maps` in `lab-geohash--maps`).
    pub name: &'static str,
    /// The ids of the modes it draws.
    pub modes: &'static [&'static str],
}

impl ModeBundle {
    /// The bundle's binary name for lab `id`.
    pub fn bin(&self, id: &str) -> String {
        format!("lab-{id}--{}", self.name)
    }
}

/// The repeated `a=` key: how many actions a scenario may hold and how they are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActionSyntax {
    /// Most actions in one scenario.
    pub max: usize,
    /// What the actions are called in the cap message ("actions", "injected events").
    pub noun: &'static str,
    /// What a reader expects, for the "is not …" message: `an action (add:NAME, rm:NAME)`.
    pub expected: &'static str,
    /// Each form with what it does, for the docs (`add:NAME`, "adds a server").
    pub forms: &'static [(&'static str, &'static str)],
}

/// Actions on a lab with none (`a=` is then always refused).
pub const NO_ACTIONS: ActionSyntax = ActionSyntax {
    max: 0,
    noun: "actions",
    expected: "an action (this lab takes none)",
    forms: &[],
};

/// A lab: a pure, deterministic function from a scenario to a trace.
///
/// A lab declares its parameters as URL [`Field`]s, its modes, its actions and its checks;
/// [`Contract`] derives the default scenario, validation, the URL codec and the unknown-key
/// report from them, the same way for every lab.
pub trait Lab: Sized + 'static {
    /// Validated parameters.
    type Params: Clone + PartialEq + fmt::Debug + Serialize + DeserializeOwned;
    /// A user action.
    type Action: Clone + PartialEq + fmt::Debug + Serialize + DeserializeOwned;
    /// What a step's view draws.
    type State: Clone + PartialEq + fmt::Debug + Serialize + DeserializeOwned;
    /// What is remembered while a scenario's actions are checked in order (`()` when each
    /// action is checked on its own).
    type Checker;

    /// Id, title and summary.
    const INFO: LabInfo;
    /// The modes, chosen by `mode=`; empty when the lab has one (no `mode` key).
    const MODES: &'static [ModeInfo] = &[];
    /// Modes downloaded as bundles of their own (none by default: one bundle per lab).
    const MODE_BUNDLES: &'static [ModeBundle] = &[];
    /// Seed of the default scenario.
    const SEED: u64 = 42;
    /// The repeated `a=` key.
    const ACTIONS: ActionSyntax;

    /// The procedures shown beside the animation; [`LinesRun::procedure`] indexes this.
    fn procedures() -> &'static [Procedure];

    /// Where the documents are wrong or silent and what the lab does instead. Empty by default.
    fn notes() -> &'static [FidelityNote] {
        &[]
    }

    /// The URL fields, in URL order. Together with `mode` and `seed` they are the whole of
    /// [`Lab::Params`]: reading every field's written text into the mode's defaults gives the
    /// same parameters back.
    fn fields() -> &'static [Field<Self::Params>];

    /// The mode of `params`: an index into [`Lab::MODES`] (0 when there are none).
    fn mode(params: &Self::Params) -> usize {
        let _ = params;
        0
    }

    /// The parameters mode `mode` opens with (its worked example where it has one).
    fn defaults(mode: usize) -> Self::Params;

    /// The actions mode `mode` opens with (none by default).
    fn default_actions(mode: usize) -> Vec<Self::Action> {
        let _ = mode;
        Vec::new()
    }

    /// Problems that involve several fields (each field's own range is checked by the field).
    fn check(params: &Self::Params) -> Vec<ParamError> {
        let _ = params;
        Vec::new()
    }

    /// Makes parameters read from a URL consistent, reporting what it changed. By default every
    /// [`Lab::check`] problem is reported with "; using the defaults" and the mode's defaults
    /// are used.
    fn repair(params: &mut Self::Params) -> Vec<ParamError> {
        let problems = Self::check(params);
        if !problems.is_empty() {
            *params = Self::defaults(Self::mode(params));
        }
        problems
            .into_iter()
            .map(|mut e| {
                e.message.push_str("; using the defaults");
                e
            })
            .collect()
    }

    /// Reads one action's text; the message names what was expected.
    fn parse_action(text: &str) -> Result<Self::Action, String>;

    /// An action's text in the URL (the inverse of [`Lab::parse_action`]).
    fn action_text(action: &Self::Action) -> String;

    /// A checker for the actions of a scenario with these (valid) parameters.
    fn checker(params: &Self::Params) -> Self::Checker;

    /// Checks the next action and records it; `field` names it in the error.
    fn check_action(
        checker: &mut Self::Checker,
        field: &str,
        action: &Self::Action,
    ) -> Result<(), ParamError>;

    /// The trace of a valid scenario (see [`Contract::run`]). Never panics, never empty.
    fn build(scenario: &Scenario<Self::Params, Self::Action>) -> Trace<Self::State>;

    /// Predict-then-run questions on `trace` (the trace of `scenario`), answered from the trace
    /// itself; the player asks each one a step before the step it is about. None by default;
    /// every lab has at least two over its modes' opening scenarios (the registry checks).
    fn questions(
        scenario: &Scenario<Self::Params, Self::Action>,
        trace: &Trace<Self::State>,
    ) -> Vec<crate::quiz::Question> {
        let _ = (scenario, trace);
        Vec::new()
    }
}

/// A lab's scenario type.
pub type ScenarioOf<L> = Scenario<<L as Lab>::Params, <L as Lab>::Action>;

/// What every lab gets from its declarations: the default scenario, validation, running, and
/// the URL codec. Implemented for every [`Lab`]; not meant to be overridden.
pub trait Contract: Lab {
    /// The scenario a learner sees first: mode 0's defaults and actions, [`Lab::SEED`].
    fn default_scenario() -> ScenarioOf<Self> {
        Self::mode_scenario(0)
    }

    /// The scenario mode `mode` opens with: its defaults and actions, [`Lab::SEED`].
    fn mode_scenario(mode: usize) -> ScenarioOf<Self> {
        Scenario {
            params: Self::defaults(mode),
            seed: Self::SEED,
            actions: Self::default_actions(mode),
        }
    }

    /// Every problem with the scenario (fields, cross-field checks, the action cap, actions
    /// that cannot apply), empty if it is valid.
    fn validate(scenario: &ScenarioOf<Self>) -> Vec<ParamError> {
        crate::codec::validate::<Self>(scenario)
    }

    /// The trace of a scenario; the validation errors if it is invalid. Never panics.
    fn run(scenario: &ScenarioOf<Self>) -> Result<Trace<Self::State>, Vec<ParamError>> {
        let errors = Self::validate(scenario);
        if errors.is_empty() {
            Ok(Self::build(scenario))
        } else {
            Err(errors)
        }
    }

    /// The scenario as URL query pairs (without `step` or `embed`, which belong to the player).
    fn to_query(scenario: &ScenarioOf<Self>) -> Vec<(String, String)> {
        crate::codec::to_query::<Self>(scenario)
    }

    /// A scenario from URL query pairs. Never fails: each bad field keeps its default and is
    /// reported, invalid actions are dropped and reported, unknown keys are reported.
    fn from_query(pairs: &[(String, String)]) -> (ScenarioOf<Self>, Vec<ParamError>) {
        crate::codec::from_query::<Self>(pairs)
    }
}

impl<L: Lab> Contract for L {}
