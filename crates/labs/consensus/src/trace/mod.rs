//! The consensus trace builders: `raft` and `detectors`.

mod detectors;
mod raft;
mod twopc;

pub use detectors::{DetState, DetWorld, event_text as det_event_text, secs as secs_text};
pub use raft::{RaftState, RaftWorld, committed_prefix, config, event_text};

pub use twopc::{TwoState, TwoWorld};

use crate::{Action, Mode, Params, State};
use sdp_kit::lab::{Scenario, Trace};

/// The trace of a valid scenario.
pub(crate) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    match s.params.mode {
        Mode::Raft => raft::build(s),
        Mode::Detectors => detectors::build(s),
        Mode::TwoPhase => twopc::build(s),
    }
}
