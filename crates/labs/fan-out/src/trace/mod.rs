//! The trace builders, one per mode: [`feed`] (the graph, the workload, the learner's actions,
//! the drain and the quiescence check) and [`chat`] (a group's messages, copies against
//! references).

pub mod chat;
pub mod feed;

use crate::{Action, Mode, Params, State};
use sdp_kit::lab::{Scenario, Trace};

/// The trace of a valid scenario of a mode whose group (`modes-main`: feed, `modes-chat`: chat)
/// is compiled in; both are by default.
pub(crate) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    match s.params.mode {
        #[cfg(feature = "modes-main")]
        Mode::Feed => feed::build(s),
        #[cfg(feature = "modes-chat")]
        Mode::Chat => chat::build(s),
        // Built without this mode's group (a bundle that does not draw it): no steps.
        #[allow(unreachable_patterns)]
        _ => Trace { steps: Vec::new() },
    }
}
