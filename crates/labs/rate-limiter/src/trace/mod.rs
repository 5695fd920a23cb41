//! The rate-limiter trace builders, one per mode.

mod compare;
mod datacenters;
mod tiers;

pub use compare::{CompareState, CompareWorld, LaneRun};
pub use datacenters::{DcState, DcWorld};
pub use tiers::{TierState, TierWorld};

use crate::{Action, Mode, Params, State};
use sdp_kit::lab::{Scenario, Trace};

/// The trace of a valid scenario.
pub(crate) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    match s.params.mode {
        Mode::Compare => compare::build(s),
        Mode::Tiers => tiers::build(s),
        Mode::Datacenters => datacenters::build(s),
    }
}

/// `1.250 s`.
pub(crate) fn secs(ms: u64) -> String {
    format!("{}.{:03} s", ms / 1000, ms % 1000)
}

/// `1.250 s`, for the view.
pub fn secs_text(ms: u64) -> String {
    secs(ms)
}
