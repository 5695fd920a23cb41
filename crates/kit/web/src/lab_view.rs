//! What a lab's view provides ([`LabView`]), and what every component below the lab page can
//! reach without props: the page's [`LabCtx`] (scenario, change and seek callbacks, embed flag)
//! and the [`StepCtx`] (trace and cursor).

use crate::by_id::ById;
use sdp_kit::lab::{Lab, ScenarioOf, Trace};
use std::rc::Rc;
use yew::prelude::*;

/// A change the learner makes to the scenario.
pub enum Change<L: Lab> {
    /// Append an action.
    Action(L::Action),
    /// Replace the parameters and seed (actions that no longer apply are dropped, with a message).
    Params(L::Params, u64),
    /// Back to the scenario mode `mode` opens with.
    Mode(usize),
    /// Back to the lab's default scenario.
    Defaults,
}

/// What a lab's view provides: how to draw one step, its controls and its styles.
pub trait LabView: Lab {
    /// The lab's stylesheet (its folder's `style.css`), present while the lab is on screen.
    const STYLE: &'static str = "";

    /// Which of the lab's modes this build of the view draws, for a lab whose modes are split
    /// over bundles ([`Lab::MODE_BUNDLES`]); every mode by default.
    const VIEW_MODES: ViewModes = ViewModes::All;

    /// Draws step `cursor` of `trace`. Components below may call [`use_lab`] and [`use_step`].
    fn view_step(trace: &ById<Trace<Self::State>>, cursor: usize) -> Html;

    /// The lab's own controls (parameters and actions); not shown in embed mode. Components
    /// here call [`use_lab`] for the scenario and the change callback.
    fn controls() -> Html;

    /// The step to show once an appended action's trace is built: by default the first step
    /// the action produced (`old_len`, clamped).
    fn landing(trace: &Trace<Self::State>, scenario: &ScenarioOf<Self>, old_len: usize) -> usize {
        let _ = scenario;
        old_len.min(trace.len().saturating_sub(1))
    }
}

/// Which of a lab's modes one build of its view draws ([`LabView::VIEW_MODES`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewModes {
    /// Every mode (one bundle per lab, and the tests and benchmarks of a split lab).
    All,
    /// The modes in none of [`Lab::MODE_BUNDLES`] (the bundle `lab-<id>`).
    Main,
    /// The modes of the mode bundle with this name (the bundle `lab-<id>--<name>`).
    Bundle(&'static str),
}

impl ViewModes {
    /// The build of a lab split over two bundles, `lab-<id>` (feature `main`) and
    /// `lab-<id>--<name>` (feature `bundle`), from which of the two features it has: both
    /// (tests, benchmarks) draw every mode.
    ///
    /// ```
    /// # use sdp_kit_web::lab_view::ViewModes;
    /// assert_eq!(ViewModes::of_two(true, true, "chat"), ViewModes::All);
    /// assert_eq!(ViewModes::of_two(false, true, "chat"), ViewModes::Bundle("chat"));
    /// assert_eq!(ViewModes::of_two(true, false, "chat"), ViewModes::Main);
    /// ```
    #[must_use]
    pub const fn of_two(main: bool, bundle: bool, name: &'static str) -> ViewModes {
        match (main, bundle) {
            (true, true) => ViewModes::All,
            (false, true) => ViewModes::Bundle(name),
            _ => ViewModes::Main,
        }
    }
}

/// Whether this build of lab `L`'s view draws mode `mode` (a [`sdp_kit::lab::ModeInfo`] id).
///
/// ```
/// # use sdp_kit_web::lab_view::{draws_mode, ViewModes};
/// # use sdp_kit::lab::ModeBundle;
/// const SPLIT: &[ModeBundle] = &[ModeBundle { name: "maps", modes: &["search"] }];
/// assert!(draws_mode(ViewModes::Main, SPLIT, "encode"));
/// assert!(!draws_mode(ViewModes::Main, SPLIT, "search"));
/// assert!(draws_mode(ViewModes::Bundle("maps"), SPLIT, "search"));
/// assert!(!draws_mode(ViewModes::Bundle("maps"), SPLIT, "encode"));
/// assert!(draws_mode(ViewModes::All, SPLIT, "search"));
/// ```
pub fn draws_mode(view: ViewModes, bundles: &[sdp_kit::lab::ModeBundle], mode: &str) -> bool {
    let holder = bundles.iter().find(|b| b.modes.contains(&mode));
    match view {
        ViewModes::All => true,
        ViewModes::Main => holder.is_none(),
        ViewModes::Bundle(name) => holder.is_some_and(|b| b.name == name),
    }
}

/// The lab page as its view sees it. Compared by identity: it changes when the scenario does,
/// not from step to step.
pub struct LabCtx<L: Lab> {
    /// The scenario on screen.
    pub scenario: Rc<ScenarioOf<L>>,
    /// Sends a change to the page (does nothing in embed mode).
    pub change: Callback<Change<L>>,
    /// Moves the player to a step (zero-based).
    pub seek: Callback<usize>,
    /// True in embed mode: nothing may invite an edit.
    pub embed: bool,
}

impl<L: Lab> Clone for LabCtx<L> {
    fn clone(&self) -> Self {
        LabCtx {
            scenario: Rc::clone(&self.scenario),
            change: self.change.clone(),
            seek: self.seek.clone(),
            embed: self.embed,
        }
    }
}

impl<L: Lab> PartialEq for LabCtx<L> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.scenario, &other.scenario)
            && self.change == other.change
            && self.seek == other.seek
            && self.embed == other.embed
    }
}

impl<L: Lab> LabCtx<L> {
    /// True when the learner may change the scenario here (not embedded).
    pub fn editable(&self) -> bool {
        !self.embed
    }

    /// Appends an action, unless embedded.
    pub fn act(&self, action: L::Action) {
        if self.editable() {
            self.change.emit(Change::Action(action));
        }
    }

    /// Sends a change, unless embedded.
    pub fn send(&self, change: Change<L>) {
        if self.editable() {
            self.change.emit(change);
        }
    }

    /// A context that is not attached to a page: the default scenario, embedded, callbacks
    /// that do nothing. What [`use_lab`] gives outside a lab page.
    pub fn detached() -> Self {
        use sdp_kit::lab::Contract;
        LabCtx {
            scenario: Rc::new(L::default_scenario()),
            change: Callback::noop(),
            seek: Callback::noop(),
            embed: true,
        }
    }
}

/// The trace on screen and the step shown; changes on every step, so only components that
/// draw per step should read it.
pub struct StepCtx<S> {
    /// The trace.
    pub trace: ById<Trace<S>>,
    /// The step shown (zero-based).
    pub cursor: usize,
}

impl<S> Clone for StepCtx<S> {
    fn clone(&self) -> Self {
        StepCtx {
            trace: self.trace.clone(),
            cursor: self.cursor,
        }
    }
}

impl<S> PartialEq for StepCtx<S> {
    fn eq(&self, other: &Self) -> bool {
        self.trace == other.trace && self.cursor == other.cursor
    }
}

/// The page's [`LabCtx`] (a detached one outside a lab page).
#[hook]
pub fn use_lab<L: Lab>() -> LabCtx<L> {
    use_context::<LabCtx<L>>().unwrap_or_else(LabCtx::detached)
}

/// The trace and cursor on screen, if inside a lab page.
#[hook]
pub fn use_step<L: Lab>() -> Option<StepCtx<L::State>> {
    use_context::<StepCtx<L::State>>()
}
