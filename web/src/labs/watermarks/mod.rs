//! View of the watermarks and windows lab (`#/lab/watermarks`), one component per mode:
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
//! The controls ([`controls`]) edit every parameter and inject an event "now": the page gives
//! [`LabView::controls`] no cursor, so [`LabView::view_step`] records the clock of the step on
//! screen here, and the injection form reads it.

pub mod backpressure;
mod bench;
pub mod checkpoint;
pub mod controls;
pub mod draw;
pub mod geom;
pub mod panels;
pub mod plot;
pub mod prep;
pub mod windows;

use super::{Change, LabView};
use crate::by_id::ById;
use prep::Prep;
use sdp_core::lab::{Lab, Scenario, Trace};
use sdp_stream::engine::WmWorld;
use sdp_stream::stream::Injected;
use sdp_stream::wm_lab::{WmFocus, WmState};
use sdp_stream::{Action, Params, State, WatermarksLab};
use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

pub use bench::{bench_watermarks, largest_watermarks};

thread_local! {
    /// Processing time of the watermarks step on screen (`None` in the other modes).
    static NOW: Cell<Option<i64>> = const { Cell::new(None) };
    /// An event just injected from the form: once its trace is shown, the player moves to the
    /// step where it arrives.
    static PENDING_JUMP: Cell<Option<Injected>> = const { Cell::new(None) };
}

/// Processing time of the watermarks step on screen.
pub fn now() -> Option<i64> {
    NOW.with(Cell::get)
}

/// Remembers an injected event so the player jumps to its arrival once the trace is rebuilt.
pub fn jump_to_injected(i: Injected) {
    PENDING_JUMP.with(|p| p.set(Some(i)));
}

impl LabView for WatermarksLab {
    fn view_step(trace: &Rc<Trace<State>>, cursor: usize) -> Html {
        let Some(step) = trace.get(cursor) else {
            return html! {};
        };
        let trace = trace.clone();
        let body = match &step.state {
            State::Watermarks(s) => {
                NOW.with(|n| n.set(Some(s.clock_ms)));
                html! { <WmView {trace} {cursor} /> }
            }
            State::Checkpoint(_) => {
                NOW.with(|n| n.set(None));
                html! { <checkpoint::CheckpointView {trace} {cursor} /> }
            }
            State::Backpressure(_) => {
                NOW.with(|n| n.set(None));
                html! { <backpressure::BackpressureView {trace} {cursor} /> }
            }
        };
        html! { <div class="watermarks-view">{ body }</div> }
    }

    fn controls(scenario: &Scenario<Params, Action>, change: Callback<Change<Self>>) -> Html {
        html! { <controls::Controls scenario={scenario.clone()} {change} now={now()} /> }
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

/// The watermarks state of step `cursor`.
pub fn wm_state(trace: &Trace<State>, cursor: usize) -> Option<&WmState> {
    match trace.get(cursor).map(|s| &s.state) {
        Some(State::Watermarks(s)) => Some(s),
        _ => None,
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
    use_effect_with(props.trace.clone(), |k| {
        if let Some(inj) = PENDING_JUMP.with(Cell::take) {
            if let Some(step) = injected_step(&k.0, &inj) {
                seek_via_scrub(step, k.0.len(), 60);
            }
        }
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
                <panels::Results ..p.clone() />
                <panels::SideOutput ..p.clone() />
            </div>
            <panels::Comparison ..p />
        </>
    }
}

/// The step at which the injected event `inj` arrives (the first step showing it).
pub fn injected_step(trace: &Trace<State>, inj: &Injected) -> Option<usize> {
    let s = wm_state(trace, 0)?;
    let idx = s.world.events.iter().rposition(|e| {
        e.injected
            && e.event_ms == inj.event_ms
            && e.arrival_ms == inj.arrival_ms
            && e.partition == inj.partition
            && e.key == inj.key
            && e.value == inj.value
    })? as u32;
    trace.steps.iter().position(|st| match &st.state {
        State::Watermarks(w) => match w.focus {
            WmFocus::Arrival { event } => event == idx,
            _ => w.before.arrived <= idx && idx < w.at.arrived,
        },
        _ => false,
    })
}

/// Moves the page's player to `step` through its scrub bar, once the bar knows the new trace
/// length `len` (the page loads the new trace just after this view first draws it).
fn seek_via_scrub(step: usize, len: usize, tries: u32) {
    gloo::timers::callback::Timeout::new(30, move || {
        // The page's own scrub bar: the one that already knows the new length.
        let want = len.to_string();
        let document = gloo::utils::document();
        let found = js_sys::Reflect::get(&document, &"querySelectorAll".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .and_then(|f| f.call1(&document, &"input.scrub".into()).ok())
            .and_then(|list| {
                js_sys::Array::from(&list)
                    .iter()
                    .filter_map(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
                    .find(|i| i.max() == want)
            });
        let Some(input) = found else {
            if tries > 0 {
                seek_via_scrub(step, len, tries - 1);
            }
            return;
        };
        input.set_value(&(step + 1).to_string());
        if let Some(event) = bubbling_event("input") {
            let _ = input.dispatch_event(&event);
        }
    })
    .forget();
}

/// `new Event(kind, { bubbles: true })`.
pub fn bubbling_event(kind: &str) -> Option<web_sys::Event> {
    let window = gloo::utils::window();
    let ctor: js_sys::Function = js_sys::Reflect::get(&window, &"Event".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"bubbles".into(), &true.into()).ok()?;
    let args = js_sys::Array::of2(&kind.into(), &init);
    js_sys::Reflect::construct(&ctor, &args)
        .ok()?
        .dyn_into()
        .ok()
}

/// The scenario's stream parameters (watermarks mode).
pub fn stream_params(s: &Scenario<Params, Action>) -> Option<&sdp_stream::stream::StreamParams> {
    match &s.params {
        Params::Watermarks(p) => Some(p),
        _ => None,
    }
}

/// Lab id, for links.
pub const ID: &str = <WatermarksLab as Lab>::INFO.id;
