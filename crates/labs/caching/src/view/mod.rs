//! View of the caching lab: one component group per mode, and the controls.

#[cfg(feature = "bench")]
pub mod bench;
#[cfg(feature = "view-tiers")]
mod cdn;
#[cfg(feature = "view-main")]
mod charts;
mod controls;
#[cfg(feature = "view-main")]
mod eviction;
#[cfg(feature = "view-tiers")]
mod hotkeys;
#[cfg(feature = "view-tiers")]
mod multilevel;
#[cfg(feature = "view-tiers")]
mod negative;
#[cfg(feature = "view-main")]
mod stampede;
#[cfg(feature = "view-main")]
mod strategies;
#[cfg(feature = "view-main")]
mod ttl;

use crate::{Action, CachingLab, State};
use sdp_kit::lab::{ScenarioOf, Trace};
use sdp_kit_web::{ById, LabView, ViewModes};
use yew::prelude::*;

impl LabView for CachingLab {
    const STYLE: &'static str = include_str!("../../style.css");
    // A bundle enables one group of modes (Cargo.toml); tests and benchmarks enable both.
    const VIEW_MODES: ViewModes = ViewModes::of_two(
        cfg!(feature = "view-main"),
        cfg!(feature = "view-tiers"),
        "tiers",
    );

    fn view_step(trace: &ById<Trace<State>>, cursor: usize) -> Html {
        let Some(step) = trace.get(cursor) else {
            return html! {};
        };
        match &step.state {
            #[cfg(feature = "view-main")]
            State::Eviction(s) => eviction::view(s),
            #[cfg(feature = "view-main")]
            State::Strategies(s) => strategies::view(s),
            #[cfg(feature = "view-main")]
            State::Ttl(s) => ttl::view(s),
            #[cfg(feature = "view-main")]
            State::Stampede(s) => stampede::view(s),
            #[cfg(feature = "view-tiers")]
            State::MultiLevel(s) => multilevel::view(s),
            #[cfg(feature = "view-tiers")]
            State::HotKeys(s) => hotkeys::view(s),
            #[cfg(feature = "view-tiers")]
            State::Cdn(s) => cdn::view(s),
            #[cfg(feature = "view-tiers")]
            State::Negative(s) => negative::view(s),
            // A mode of the other bundle: the page does not draw it (it moves to that bundle).
            #[allow(unreachable_patterns)]
            _ => html! {},
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
