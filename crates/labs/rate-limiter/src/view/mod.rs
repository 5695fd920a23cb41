//! View of the rate-limiter lab: the lanes of every algorithm on one arrival trace with the
//! narrated lane's level and response headers (`compare`), the dimension meters (`tiers`), and
//! admitted against the intended limit per strategy (`datacenters`); and the controls.

#[cfg(feature = "bench")]
pub mod bench;
mod compare;
mod controls;
mod datacenters;
mod lanes;
mod tiers;

use crate::{Action, RateLimiterLab, State};
use sdp_kit::lab::{ScenarioOf, Trace};
use sdp_kit_web::{ById, LabView};
use yew::prelude::*;

impl LabView for RateLimiterLab {
    const STYLE: &'static str = include_str!("../../style.css");

    fn view_step(trace: &ById<Trace<State>>, cursor: usize) -> Html {
        let Some(step) = trace.get(cursor) else {
            return html! {};
        };
        let trace = trace.clone();
        match &step.state {
            State::Compare(_) => html! { <compare::CompareView {trace} {cursor} /> },
            State::Tiers(_) => html! { <tiers::TiersView {trace} {cursor} /> },
            State::Datacenters(_) => html! { <datacenters::DcView {trace} {cursor} /> },
        }
    }

    fn controls() -> Html {
        html! { <controls::Controls /> }
    }

    /// After requests added by hand, the first step of the new requests (they join the
    /// arrivals in time order, not at the end).
    fn landing(trace: &Trace<State>, scenario: &ScenarioOf<Self>, old_len: usize) -> usize {
        let fallback = old_len.min(trace.len().saturating_sub(1));
        let Some(step) = trace.steps.first() else {
            return fallback;
        };
        match (&step.state, scenario.actions.last()) {
            (State::Compare(c), Some(Action::Requests { at_ms, .. })) => {
                1 + c.world.arrivals.partition_point(|&t| t < *at_ms)
            }
            (State::Tiers(t), Some(Action::Send(_))) => {
                let last = t.world.sends.len().saturating_sub(1);
                t.world
                    .requests
                    .iter()
                    .position(|r| r.send == last)
                    .map_or(fallback, |i| i + 1)
            }
            _ => fallback,
        }
    }
}

/// Properties of the mode views: the trace and the step (compared by identity).
#[derive(Properties, PartialEq)]
pub(crate) struct StepProps {
    pub(crate) trace: ById<Trace<State>>,
    pub(crate) cursor: usize,
}

/// Outcome colours (Okabe–Ito): allowed, queued, rejected, error.
pub(crate) mod colour {
    pub const ALLOWED: &str = "#009E73";
    pub const QUEUED: &str = "#0072B2";
    pub const REJECTED: &str = "#D55E00";
    pub const ERROR: &str = "#CC79A7";
    pub const DIFFERS: &str = "#E69F00";
}
