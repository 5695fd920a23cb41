//! View of the caching lab: one component group per mode, and the controls.

#[cfg(feature = "bench")]
pub mod bench;
mod charts;
mod controls;
mod eviction;
mod stampede;
mod strategies;
mod ttl;

use crate::{CachingLab, State};
use sdp_kit::lab::Trace;
use sdp_kit_web::{ById, LabView};
use yew::prelude::*;

impl LabView for CachingLab {
    const STYLE: &'static str = include_str!("../../style.css");

    fn view_step(trace: &ById<Trace<State>>, cursor: usize) -> Html {
        let Some(step) = trace.get(cursor) else {
            return html! {};
        };
        match &step.state {
            State::Eviction(s) => eviction::view(s),
            State::Strategies(s) => strategies::view(s),
            State::Ttl(s) => ttl::view(s),
            State::Stampede(s) => stampede::view(s),
        }
    }

    fn controls() -> Html {
        html! { <controls::Controls /> }
    }
}
