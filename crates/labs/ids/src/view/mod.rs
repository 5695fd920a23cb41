//! View of the identifier lab: one component group per mode, the 64-bit strip, and the controls.

mod base62;
#[cfg(feature = "bench")]
pub mod bench;
mod compare;
mod controls;
mod hashcode;
mod nodeids;
mod pregen;
mod ranges;
mod snowflake;
mod strip;
mod ulid;

use crate::{Action, IdsLab, State};
use sdp_kit::lab::{ScenarioOf, Trace};
use sdp_kit_web::{ById, LabView};
use yew::prelude::*;

impl LabView for IdsLab {
    const STYLE: &'static str = include_str!("../../style.css");

    fn view_step(trace: &ById<Trace<State>>, cursor: usize) -> Html {
        let Some(step) = trace.get(cursor) else {
            return html! {};
        };
        match &step.state {
            State::Base62(s) => base62::view(s),
            State::HashPrefix(s) => hashcode::view(s),
            State::Ranges(s) => ranges::view(s),
            State::NodeIds(s) => nodeids::view(s),
            State::Pregen(s) => pregen::view(s),
            State::Compare(s) => compare::view(s),
            State::Snowflake(s) => snowflake::view(s),
            State::Ulid(s) => ulid::view(s),
        }
    }

    fn controls() -> Html {
        html! { <controls::Controls /> }
    }

    /// A crash adds no step (one step per tick), so land on the tick it happened at.
    fn landing(trace: &Trace<State>, scenario: &ScenarioOf<Self>, old_len: usize) -> usize {
        let last = trace.len().saturating_sub(1);
        match scenario.actions.last() {
            Some(Action::Crash { at, .. }) => (*at as usize).min(last),
            _ => old_len.min(last),
        }
    }
}
