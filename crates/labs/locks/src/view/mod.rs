//! View of the locks lab: the race timeline with its lock and storage panels, the optimistic
//! schedule, and the controls.

#[cfg(feature = "bench")]
pub mod bench;
mod bookings;
mod claims;
mod controls;
mod optimistic;
mod race;
mod redlock;
mod renewal;

use crate::{LocksLab, State};
use sdp_kit::lab::Trace;
use sdp_kit_web::{ById, LabView};
use yew::prelude::*;

impl LabView for LocksLab {
    const STYLE: &'static str = include_str!("../../style.css");

    fn view_step(trace: &ById<Trace<State>>, cursor: usize) -> Html {
        let Some(step) = trace.get(cursor) else {
            return html! {};
        };
        match &step.state {
            State::Race(s) => race::view(s),
            State::Optimistic(s) => optimistic::view(s),
            State::Redlock(s) => redlock::view(s),
            State::Renewal(s) => renewal::view(s),
            State::Claims(s) => claims::view(s),
            State::Bookings(s) => bookings::view(s),
        }
    }

    fn controls() -> Html {
        html! { <controls::Controls /> }
    }
}
