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

pub mod backpressure;
#[cfg(feature = "bench")]
pub mod bench;
pub mod checkpoint;
pub mod controls;
pub mod draw;
pub mod panels;
pub mod plot;
pub mod svg;
pub mod windows;

use crate::engine::WmWorld;
use crate::layout::prep::Prep;
use crate::layout::{landing_step, wm_state};
use crate::wm_lab::WmState;
use crate::{Action, Params, State, WatermarksLab};
use sdp_kit::lab::{Scenario, Trace};
use sdp_kit_web::{ById, LabView};
use std::rc::Rc;
use std::sync::Arc;
use yew::prelude::*;

impl LabView for WatermarksLab {
    const STYLE: &'static str = include_str!("../../style.css");

    fn view_step(trace: &ById<Trace<State>>, cursor: usize) -> Html {
        let Some(step) = trace.get(cursor) else {
            return html! {};
        };
        let trace = trace.clone();
        let body = match &step.state {
            State::Watermarks(_) => html! { <WmView {trace} {cursor} /> },
            State::Checkpoint(s) => checkpoint::checkpoint_view(s),
            State::Backpressure(s) => backpressure::backpressure_view(s),
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
#[derive(Clone)]
struct WorldKey(Option<Arc<WmWorld>>);

impl PartialEq for WorldKey {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

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
