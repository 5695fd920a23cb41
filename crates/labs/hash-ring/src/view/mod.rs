//! View of the consistent-hashing lab: the ring (canvas), the binary search, load bars for the
//! ring against hash mod N, keys moved, and the lab's controls.

#[cfg(feature = "bench")]
pub mod bench;
mod charts;
mod controls;
mod ring;

use crate::{HashRingLab, State};
use sdp_kit::lab::Trace;
use sdp_kit_web::{ById, LabView};
use yew::prelude::*;

impl LabView for HashRingLab {
    const STYLE: &'static str = include_str!("../../style.css");

    fn view_step(trace: &ById<Trace<State>>, cursor: usize) -> Html {
        let Some(step) = trace.get(cursor) else {
            return html! {};
        };
        let s = &step.state;
        html! {
            <div class="hash-ring-view">
                <ring::RingCanvas trace={trace.clone()} {cursor} />
                <charts::Legend state={s.clone()} />
                { charts::search_table(s) }
                <charts::LoadBars state={s.clone()} />
                <charts::MovedBars state={s.clone()} />
            </div>
        }
    }

    fn controls() -> Html {
        html! { <controls::Controls /> }
    }
}
