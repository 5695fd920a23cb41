//! The trace builders, one per mode; each mode's steps carry the [`State`] variant of the same
//! name.

pub mod cache;
pub mod encode;
pub mod haversine;
pub mod neighbours;
pub mod search;
pub mod shards;
pub mod sizes;

use crate::{Action, Mode, Params, State};
use sdp_kit::lab::{Scenario, Step, Trace};

/// Builds the trace of a valid scenario.
pub(crate) fn build_trace(s: &Scenario<Params, Action>) -> Trace<State> {
    let steps: Vec<Step<State>> = match s.params.mode {
        Mode::Encode => encode::build(s),
        Mode::Neighbours => neighbours::build(s),
        Mode::Sizes => sizes::build(s),
        Mode::Search => search::build(s),
        Mode::Haversine => haversine::build(s),
        Mode::Shards => shards::build(s),
        Mode::Cache => cache::build(s),
    };
    Trace { steps }
}
