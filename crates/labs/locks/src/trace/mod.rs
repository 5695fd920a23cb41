//! The locks trace builders: the race (`fencing`, `redis`) and `optimistic`.

mod optimistic;
mod race;

pub use optimistic::{OptState, OptWorld};
pub use race::{RaceState, RaceWorld, event_text, setup};

use crate::{Action, Mode, Params, State};
use sdp_kit::lab::{Scenario, Trace};

/// The trace of a valid scenario.
pub(crate) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    match s.params.mode {
        Mode::Fencing | Mode::Redis => race::build(s),
        Mode::Optimistic => optimistic::build(s),
    }
}
