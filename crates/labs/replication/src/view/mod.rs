//! View of the replication lab: one picture per mode, and the controls.

#[cfg(feature = "bench")]
pub mod bench;
mod clocks;
mod consistency;
mod controls;
mod crdt;
mod lag;
mod merkle;
mod quorum;

use crate::{ReplicationLab, State};
use sdp_kit::lab::Trace;
use sdp_kit_web::{ById, LabView};
use yew::prelude::*;

impl LabView for ReplicationLab {
    const STYLE: &'static str = include_str!("../../style.css");

    fn view_step(trace: &ById<Trace<State>>, cursor: usize) -> Html {
        let Some(step) = trace.get(cursor) else {
            return html! {};
        };
        match &step.state {
            State::Quorum(s) => quorum::view(s),
            State::Clocks(s) => clocks::view(s),
            State::Crdt(s) => crdt::view(s),
            State::Merkle(s) => merkle::view(s),
            State::Lag(s) => lag::view(s),
            State::Consistency(s) => consistency::view(s),
        }
    }

    fn controls() -> Html {
        html! { <controls::Controls /> }
    }
}
