//! The identifier trace builders, one per mode.

mod base62;
mod compare;
mod hashcode;
mod nodeids;
mod pregen;
mod ranges;
mod snowflake;
mod ulid;

pub use base62::{BaseState, BaseStep, BaseWorld};
pub use compare::CompareState;
pub use hashcode::{HashState, HashStats, HashStep, HashWorld, MAX_TRIES, url_of};
pub use nodeids::NodeState;
pub use pregen::{PregenState, PregenWorld};
pub use ranges::{MAX_GAPS_SHOWN, RangeState};
pub use snowflake::{Composed, SnowState, SnowStep, SnowWorld, call_text, refusal_text};
pub use ulid::{Generated, UlidState, UlidStep, UlidWorld};

use crate::{Action, Mode, Params, State};
use sdp_kit::lab::{Scenario, Trace};

/// The trace of a valid scenario.
pub(crate) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    match s.params.mode {
        Mode::Base62 => base62::build(s),
        Mode::HashPrefix => hashcode::build(s),
        Mode::Ranges => ranges::build(s),
        Mode::NodeIds => nodeids::build(s),
        Mode::Pregen => pregen::build(s),
        Mode::Compare => compare::build(s),
        Mode::Snowflake => snowflake::build(s),
        Mode::Ulid => ulid::build(s),
    }
}

/// A large number with comma groups (`3,521,614,606,208`).
pub fn big(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
