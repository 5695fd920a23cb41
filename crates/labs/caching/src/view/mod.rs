//! View of the caching lab: one component group per mode, and the controls.

#[cfg(feature = "bench")]
pub mod bench;
mod cdn;
mod charts;
mod controls;
mod eviction;
mod hotkeys;
mod multilevel;
mod negative;
mod stampede;
mod strategies;
mod ttl;

use crate::{Action, CachingLab, State};
use sdp_kit::lab::{ScenarioOf, Trace};
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
            State::MultiLevel(s) => multilevel::view(s),
            State::HotKeys(s) => hotkeys::view(s),
            State::Cdn(s) => cdn::view(s),
            State::Negative(s) => negative::view(s),
        }
    }

    fn controls() -> Html {
        html! { <controls::Controls /> }
    }

    /// A typed key lands on its access (the step before the curve); a crash on its own step.
    fn landing(trace: &Trace<State>, scenario: &ScenarioOf<Self>, old_len: usize) -> usize {
        let last = trace.len().saturating_sub(1);
        match scenario.actions.last() {
            Some(Action::Get(_)) => last.saturating_sub(1),
            Some(Action::Crash(ms)) => {
                let at = u64::from(*ms) * 1000;
                trace
                    .steps
                    .iter()
                    .position(|s| matches!(&s.state, State::Strategies(st) if st.crash == Some(at)))
                    .unwrap_or(last)
            }
            None => old_len.min(last),
        }
    }
}
