//! View of the consensus lab: the Raft cluster (ring, messages, logs), the detectors'
//! timeline, and the controls.

#[cfg(feature = "bench")]
pub mod bench;
mod controls;
mod detectors;
mod raft;
mod twopc;

use crate::{ConsensusLab, State};
use sdp_kit::lab::Trace;
use sdp_kit_web::{ById, LabView};
use yew::prelude::*;

impl LabView for ConsensusLab {
    const STYLE: &'static str = include_str!("../../style.css");

    fn view_step(trace: &ById<Trace<State>>, cursor: usize) -> Html {
        let Some(step) = trace.get(cursor) else {
            return html! {};
        };
        match &step.state {
            State::Raft(s) => raft::view(s),
            State::Detectors(s) => detectors::view(s),
            State::TwoPhase(s) => twopc::view(s),
        }
    }

    fn controls() -> Html {
        html! { <controls::Controls /> }
    }

    /// After a fault or request: the first step at or after its time.
    fn landing(
        trace: &Trace<State>,
        scenario: &sdp_kit::lab::ScenarioOf<Self>,
        old_len: usize,
    ) -> usize {
        let Some(at) = scenario.actions.last().map(|a| a.at) else {
            return old_len.min(trace.len().saturating_sub(1));
        };
        trace
            .steps
            .iter()
            .position(|s| match &s.state {
                State::Raft(r) => r.snap.is_some() && r.cluster().t >= at,
                State::Detectors(_) | State::TwoPhase(_) => false,
            })
            .unwrap_or(trace.len().saturating_sub(1))
    }
}
