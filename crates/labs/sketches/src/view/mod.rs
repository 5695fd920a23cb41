//! View of the sketches lab: one component per mode, and the controls.

#[cfg(feature = "bench")]
pub mod bench;
mod bloom;
mod cms;
mod controls;
mod distributed;
mod topk;
mod trending;
mod trie;

use crate::{SketchesLab, State};
use sdp_kit::lab::Trace;
use sdp_kit_web::{ById, LabView};
use yew::prelude::*;

impl LabView for SketchesLab {
    const STYLE: &'static str = include_str!("../../style.css");

    fn view_step(trace: &ById<Trace<State>>, cursor: usize) -> Html {
        let Some(step) = trace.get(cursor) else {
            return html! {};
        };
        match &step.state {
            State::Cms(s) => html! { <cms::CmsView state={s.clone()} /> },
            State::TopK(s) => topk::view(s),
            State::Distributed(s) => distributed::view(s),
            State::Bloom(s) => bloom::view(s),
            State::Trie(s) => trie::view(s),
            State::Trending(s) => trending::view(s),
        }
    }

    fn controls() -> Html {
        html! { <controls::Controls /> }
    }
}

/// Heat colour for a shade in `[0, 1]` (light to Okabe–Ito blue), as `rgb(…)`.
pub(crate) fn heat(shade: f64, dark: bool) -> String {
    let (from, to) = if dark {
        ([30.0, 34.0, 40.0], [86.0, 180.0, 233.0])
    } else {
        ([244.0, 246.0, 250.0], [0.0, 114.0, 178.0])
    };
    let c: Vec<String> = (0..3)
        .map(|i| format!("{:.0}", from[i] + (to[i] - from[i]) * shade))
        .collect();
    format!("rgb({})", c.join(","))
}
