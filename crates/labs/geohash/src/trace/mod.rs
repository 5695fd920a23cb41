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

/// Builds the trace of a valid scenario of a mode whose group (`modes-main`,
/// `modes-cells`, `modes-cache`, `modes-services`) is compiled in; all are by default.
pub(crate) fn build_trace(s: &Scenario<Params, Action>) -> Trace<State> {
    let steps: Vec<Step<State>> = match s.params.mode {
        #[cfg(feature = "modes-main")]
        Mode::Encode => encode::build(s),
        #[cfg(feature = "modes-cells")]
        Mode::Neighbours => neighbours::build(s),
        #[cfg(feature = "modes-cells")]
        Mode::Sizes => sizes::build(s),
        #[cfg(feature = "modes-services")]
        Mode::Search => search::build(s),
        #[cfg(feature = "modes-main")]
        Mode::Haversine => haversine::build(s),
        #[cfg(feature = "modes-services")]
        Mode::Shards => shards::build(s),
        #[cfg(feature = "modes-cache")]
        Mode::Cache => cache::build(s),
        // Built without this mode's group (a bundle that does not draw it): no steps.
        #[allow(unreachable_patterns)]
        _ => Vec::new(),
    };
    Trace { steps }
}
