//! View of the Z-order / Hilbert lab, in three modes (switched by links, so each mode has its own
//! URL): `bits` weaves the bits of 2–3 columns into a Z-value beside the document's wrong 29;
//! `curves` walks the Z and Hilbert curves side by side over a 2^k × 2^k grid; `skip` lays one
//! table out four ways and lights the files a predicate scans or skips.

#[cfg(feature = "bench")]
pub mod bench;
mod bits;
mod controls;
mod curves;
mod skip;

use crate::layout::{mode_href, mode_tabs};
use crate::{State, ZOrderLab};
use sdp_kit::lab::Trace;
use sdp_kit_web::{ById, LabView, use_lab};
use yew::prelude::*;

impl LabView for ZOrderLab {
    const STYLE: &'static str = include_str!("../../style.css");

    fn view_step(trace: &ById<Trace<State>>, cursor: usize) -> Html {
        html! { <ZOrderView trace={trace.clone()} {cursor} /> }
    }

    fn controls() -> Html {
        html! { <controls::Controls /> }
    }
}

/// Properties: the trace and cursor (compared by identity).
#[derive(Properties, PartialEq)]
pub(crate) struct StepProps {
    /// The trace.
    pub(crate) trace: ById<Trace<State>>,
    /// The step shown.
    pub(crate) cursor: usize,
}

/// The mode tabs (links, so embed mode keeps them: switching mode is navigation, not an edit)
/// and the current mode's drawing.
#[component]
fn ZOrderView(props: &StepProps) -> Html {
    let lab = use_lab::<ZOrderLab>();
    let Some(step) = props.trace.get(props.cursor) else {
        return html! {};
    };
    let current = lab.scenario.params.mode;
    let (trace, cursor) = (props.trace.clone(), props.cursor);
    let body = match &step.state {
        State::Bits(_) => html! { <bits::BitsView {trace} {cursor} /> },
        State::Curves(_) => html! { <curves::CurvesView {trace} {cursor} /> },
        State::Skip(_) => html! { <skip::SkipView {trace} {cursor} /> },
    };
    html! {
        <div class="zorder-view">
            <nav class="zorder-modes" aria-label="Mode">
                { for mode_tabs().iter().map(|(mode, scenario)| {
                    let on = *mode == current;
                    html! {
                        <a href={mode_href(scenario, lab.embed)} class={classes!("zorder-mode", on.then_some("current"))}
                            aria-current={on.then_some("page")}>{ mode.title() }</a>
                    }
                }) }
            </nav>
            { body }
        </div>
    }
}
