//! View of the watermarks and windows lab (`#/lab/watermarks`), one view per mode:
//!
//! - **watermarks**: the classic picture (event time against processing time, events as dots
//!   shaped by what happened to them, the global and single-source watermarks rising, firings,
//!   per-partition lanes with idle timeouts) in [`plot`]; window bands on the event-time axis with
//!   their contents and status, and the event-time against processing-time results, in
//!   [`windows`]; results, side output, partitions and the comparison table in [`panels`];
//! - **checkpoint**: the operator graph with barriers, alignment buffers, snapshots, failure and
//!   replay, and the sink's outputs, in [`checkpoint`];
//! - **backpressure**: the chain with buffers, credits flowing back and lag, in
//!   [`backpressure`].
//!
//! Only what holds state (hooks) is a component; figures and panels with no handlers are
//! written as markup ([`svg`]) and inserted as one raw node each, which keeps the bundle small.
//!
//! The controls ([`controls`]) edit every parameter and inject an event "now": the injection
//! form reads the clock of the step on screen from [`use_step`], and after an injection the
//! player lands on the step where the event arrives ([`LabView::landing`]).

#[cfg(feature = "view-flow")]
pub mod backpressure;
#[cfg(feature = "bench")]
pub mod bench;
#[cfg(feature = "view-flow")]
pub mod checkpoint;
pub mod controls;
pub mod draw;
#[cfg(feature = "view-main")]
pub mod panels;
#[cfg(feature = "view-main")]
pub mod plot;
pub mod svg;
#[cfg(feature = "view-main")]
pub mod windows;

use crate::engine::WmWorld;
use crate::layout::prep::Prep;
use crate::layout::{landing_step, wm_state};
use crate::wm_lab::WmState;
use crate::{Action, Params, State, WatermarksLab};
use sdp_kit::lab::{Scenario, Trace};
use sdp_kit_web::{ById, LabView, ViewModes};
use std::rc::Rc;
use std::sync::Arc;
use yew::prelude::*;

impl LabView for WatermarksLab {
    const STYLE: &'static str = include_str!("../../style.css");
    // A bundle enables one group of modes (Cargo.toml); tests and benchmarks enable both.
    const VIEW_MODES: ViewModes = ViewModes::of_two(
        cfg!(feature = "view-main"),
        cfg!(feature = "view-flow"),
        "flow",
    );

    fn view_step(trace: &ById<Trace<State>>, cursor: usize) -> Html {
        let Some(step) = trace.get(cursor) else {
            return html! {};
        };
        let body = match &step.state {
            #[cfg(feature = "view-main")]
            State::Watermarks(_) => html! { <WmView trace={trace.clone()} {cursor} /> },
            #[cfg(feature = "view-flow")]
            State::Checkpoint(s) => checkpoint::checkpoint_view(s),
            #[cfg(feature = "view-flow")]
            State::Backpressure(s) => backpressure::backpressure_view(s),
            // A mode of the other bundle: the page does not draw it (it moves to that bundle).
            #[allow(unreachable_patterns)]
            _ => html! {},
        };
        html! { <div class="watermarks-view">{ body }</div> }
    }

    fn controls() -> Html {
        html! { <controls::Controls /> }
    }

    fn landing(trace: &Trace<State>, scenario: &Scenario<Params, Action>, old_len: usize) -> usize {
        landing_step(trace, &scenario.actions)
            .unwrap_or_else(|| old_len.min(trace.len().saturating_sub(1)))
    }
}

/// A trace and a cursor, compared by trace identity.
#[derive(Properties, Clone, PartialEq)]
pub struct StepProps {
    /// The trace.
    pub trace: ById<Trace<State>>,
    /// The step shown.
    pub cursor: usize,
}

/// A watermarks step with its precomputed world.
#[derive(Properties, Clone, PartialEq)]
pub struct WmProps {
    /// The trace.
    pub trace: ById<Trace<State>>,
    /// The step shown.
    pub cursor: usize,
    /// Precomputed per world.
    pub prep: ById<Prep>,
}

impl WmProps {
    /// The watermarks state of the step shown.
    pub fn state(&self) -> Option<&WmState> {
        wm_state(&self.trace, self.cursor)
    }
}

/// A world compared by identity (holding it keeps its address from being reused).
#[cfg(feature = "view-main")]
#[derive(Clone)]
struct WorldKey(Option<Arc<WmWorld>>);

#[cfg(feature = "view-main")]
impl PartialEq for WorldKey {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

#[cfg(feature = "view-main")]
#[component]
fn WmView(props: &StepProps) -> Html {
    let world = wm_state(&props.trace, props.cursor).map(|s| s.world.clone());
    let prep = use_memo(WorldKey(world), |k| {
        k.0.as_ref().map(|w| Rc::new(Prep::new(w)))
    });
    let Some(prep) = (*prep).clone() else {
        return html! {};
    };
    let p = WmProps {
        trace: props.trace.clone(),
        cursor: props.cursor,
        prep: prep.into(),
    };
    html! {
        <>
            <plot::Plot ..p.clone() />
            <panels::Partitions ..p.clone() />
            <windows::Windows ..p.clone() />
            <div class="watermarks-outputs">
                { panels::results(&p) }
                { panels::side_output(&p) }
            </div>
            { panels::comparison(&p) }
        </>
    }
}
