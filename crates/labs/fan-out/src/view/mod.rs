//! View of the fan-out lab (catalogue M7.1–M7.3, M7.6).
//!
//! Feed mode ([`feed`]): the seeded graph summary, one drawing per event (a post with arrows into
//! a sample of follower feeds, a fan-out batch, a feed read with its merge and optional ranking
//! funnel), the focused strategy's queue, and push, pull and hybrid side by side on the
//! identical workload. Chat mode ([`chat`]): a group message as N copies or one message with N
//! references, every member's delivery state (canvas) and both storage counters. A timeline
//! ([`timeline`]) plots the comparison over the whole trace with the cursor on it. What they
//! draw is computed in [`crate::layout`].
//!
//! Everything dense is aggregated: at most [`crate::SAMPLE_TARGETS`] follower arrows, a few
//! batches, a dozen sources and page entries are drawn; the rest are counted.

#[cfg(feature = "bench")]
pub mod bench;
#[cfg(feature = "view-chat")]
mod chat;
mod controls;
#[cfg(feature = "view-main")]
mod feed;
mod timeline;

use crate::layout::timeline as tl;
use crate::sim::Strategy;
use crate::{FanOutLab, State};
use sdp_kit::lab::Trace;
use sdp_kit_web::{ById, LabView, ViewModes, palette};
use yew::prelude::*;

/// The fan-out trace, compared by identity.
pub(crate) type TraceRef = ById<Trace<State>>;

impl LabView for FanOutLab {
    const STYLE: &'static str = include_str!("../../style.css");
    // A bundle enables one group of modes (Cargo.toml); tests and benchmarks enable both.
    const VIEW_MODES: ViewModes = ViewModes::of_two(
        cfg!(feature = "view-main"),
        cfg!(feature = "view-chat"),
        "chat",
    );

    fn view_step(trace: &TraceRef, cursor: usize) -> Html {
        html! { <FanOutView trace={trace.clone()} {cursor} /> }
    }

    fn controls() -> Html {
        html! { <controls::Controls /> }
    }
}

#[derive(Properties, PartialEq)]
struct ViewProps {
    trace: TraceRef,
    cursor: usize,
}

#[component]
fn FanOutView(props: &ViewProps) -> Html {
    let Some(step) = props.trace.get(props.cursor) else {
        return html! {};
    };
    match &step.state {
        #[cfg(feature = "view-main")]
        State::Feed(f) => feed::view(&props.trace, props.cursor, f),
        #[cfg(feature = "view-chat")]
        State::Chat(c) => chat::view(&props.trace, props.cursor, c),
        // A mode of the other bundle: the page does not draw it (it moves to that bundle).
        #[allow(unreachable_patterns)]
        _ => html! {},
    }
}

/// Display name of a strategy.
pub(crate) fn strategy_title(s: Strategy) -> &'static str {
    match s {
        Strategy::Push => "push (fan-out on write)",
        Strategy::Pull => "pull (fan-out on read)",
        Strategy::Hybrid => "hybrid (push below the threshold, pull celebrities)",
    }
}

/// Colour of a strategy (Okabe–Ito: orange, sky blue, bluish green); always paired with a
/// name or a dash pattern.
pub(crate) fn strategy_colour(s: Strategy) -> &'static str {
    palette::series(tl::strategy_colour(s))
}

/// Digits grouped in threes.
pub(crate) fn g(n: impl Into<u64>) -> String {
    sdp_kit::fmt::group(n.into())
}
