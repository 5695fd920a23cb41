//! The trace builders, one per mode: [`feed`] (the graph, the workload, the learner's actions,
//! the drain and the quiescence check) and [`chat`] (a group's messages, copies against
//! references).

pub mod chat;
pub mod feed;

use crate::{Action, Mode, Params, State};
use sdp_kit::lab::{Scenario, Trace};

/// The trace of a valid scenario.
pub(crate) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    match s.params.mode {
        Mode::Feed => feed::build(s),
        Mode::Chat => chat::build(s),
    }
}
