//! The replication trace builders, one per mode.

mod clocks;
mod consistency;
mod crdt;
mod lag;
mod merkle;
mod quorum;

pub use clocks::{ClockState, ClockStep, ReplicaView};
pub use consistency::{ConsistencyState, ConsistencyWorld, Phase, example_ops, history_of, points};
pub use crdt::{CrdtCheck, CrdtState, CrdtValue};
pub use lag::{LagEvent, LagState, LagWorld, ModeRow, ms, setup};
pub use merkle::{MerkleState, MerkleWorld};
pub use quorum::{QuorumState, QuorumWorld, config};

use crate::{Action, Mode, Params, State};
use sdp_kit::lab::{Scenario, Trace};

/// The trace of a valid scenario.
pub(crate) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    match s.params.mode {
        Mode::Quorum => quorum::build(s),
        Mode::Clocks => clocks::build(s),
        Mode::Crdt => crdt::build(s),
        Mode::Merkle => merkle::build(s),
        Mode::Lag => lag::build(s),
        Mode::Consistency => consistency::build(s),
    }
}

/// `1st`, `2nd`, `3rd`, `4th` …
pub fn ordinal(k: usize) -> String {
    let suffix = match (k % 10, k % 100) {
        (1, x) if x != 11 => "st",
        (2, x) if x != 12 => "nd",
        (3, x) if x != 13 => "rd",
        _ => "th",
    };
    format!("{k}{suffix}")
}
