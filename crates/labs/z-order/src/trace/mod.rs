//! The trace builders, one per mode.

mod bits;
pub(crate) mod curves;
mod skip;

use crate::{Action, Mode, Params, State};
use sdp_kit::lab::{Scenario, Trace};

/// The trace of a valid scenario: the builder of its mode.
pub(crate) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    match s.params.mode {
        Mode::Bits => bits::build(&s.params.bits),
        Mode::Curves => curves::build(&s.params.curves),
        Mode::Skip => skip::build(&s.params.skip, s.seed, &s.actions),
    }
}
