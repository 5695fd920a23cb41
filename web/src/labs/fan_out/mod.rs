//! View of the fan-out lab (catalogue M7.1–M7.3, M7.6).
//!
//! Feed mode ([`feed`]): the seeded graph summary, one drawing per event (a post with arrows into
//! a sample of follower feeds, a fan-out batch, a feed read with its merge and optional ranking
//! funnel), the focused strategy's queue, and push, pull and hybrid side by side on the
//! identical workload. Chat mode ([`chat`]): a group message as N copies or one message with N
//! references, every member's delivery state (canvas) and both storage counters. A timeline
//! ([`timeline`]) plots the comparison over the whole trace with the cursor on it.
//!
//! Everything dense is aggregated: at most [`sdp_fanout::lab::SAMPLE_TARGETS`] follower arrows,
//! a few batches, a dozen sources and page entries are drawn; the rest are counted.

mod chat;
mod controls;
mod feed;
mod timeline;

pub use chat::{GridLayout, member_at};
pub use feed::{histogram_x, term_widths};

use super::{Change, LabView};
use crate::by_id::ById;
use crate::dom::now_ms;
use sdp_core::lab::{Lab, Scenario, Trace};
use sdp_fanout::lab::{FanOutLab, MAX_ACTIONS, MAX_DETAILED, MAX_MESSAGES, Mode};
use sdp_fanout::sim::Strategy;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

pub(crate) type Params = <FanOutLab as Lab>::Params;
pub(crate) type Action = <FanOutLab as Lab>::Action;
pub(crate) type State = <FanOutLab as Lab>::State;

/// The fan-out trace, compared by identity.
pub(crate) type TraceRef = ById<Trace<State>>;

impl LabView for FanOutLab {
    fn view_step(trace: &Rc<Trace<State>>, cursor: usize) -> Html {
        html! { <FanOutView trace={trace.clone()} {cursor} /> }
    }

    fn controls(scenario: &Scenario<Params, Action>, change: Callback<Change<Self>>) -> Html {
        html! { <controls::Controls scenario={scenario.clone()} {change} /> }
    }
}

#[derive(Properties, PartialEq)]
struct ViewProps {
    trace: TraceRef,
    cursor: usize,
}

#[component]
fn FanOutView(props: &ViewProps) -> Html {
    let Some(step) = props.trace.0.get(props.cursor) else {
        return html! {};
    };
    match &step.state {
        State::Feed(f) => feed::view(&props.trace, props.cursor, f),
        State::Chat(c) => chat::view(&props.trace, props.cursor, c),
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
    crate::palette::series(s.index())
}

/// Dash pattern of a strategy's line (push solid, pull dotted, hybrid dashed).
pub(crate) fn strategy_dash(s: Strategy) -> &'static [f64] {
    match s {
        Strategy::Push => &[],
        Strategy::Pull => &[2.0, 3.0],
        Strategy::Hybrid => &[7.0, 4.0],
    }
}

/// Digits grouped in threes.
pub(crate) fn g(n: impl Into<u64>) -> String {
    sdp_core::fmt::group(n.into())
}

/// The largest feed scenario the lab allows (100 000 users, 1 000 000 follows, 10 000 posts and
/// 10 000 reads, 200 detailed events, 8 workers, the learner's maximum of 32 actions).
pub fn largest_fan_out(strategy: Strategy, ranking: bool) -> Scenario<Params, Action> {
    let mut actions = Vec::new();
    for i in 0..MAX_ACTIONS as u32 / 4 {
        actions.extend([
            Action::Post(i),
            Action::Read(99_999 - i),
            Action::Wait(20),
            Action::Read(99_999 - i),
        ]);
    }
    Scenario {
        params: Params {
            mode: Mode::Feed,
            strategy,
            users: 100_000,
            follows: 1_000_000,
            posts: 10_000,
            reads: 10_000,
            detailed: MAX_DETAILED,
            threshold: 100,
            workers: 8,
            batch: 100,
            ranking,
            ..Params::default()
        },
        seed: 7,
        actions,
    }
}

/// The largest chat scenario: 500 members, 300 messages, 32 sends.
pub fn largest_chat() -> Scenario<Params, Action> {
    Scenario {
        params: Params {
            mode: Mode::Chat,
            group: 500,
            messages: MAX_MESSAGES,
            ..Params::default()
        },
        seed: 7,
        actions: (0..MAX_ACTIONS as u32).map(Action::Send).collect(),
    }
}

fn timed(scenario: &Scenario<Params, Action>, runs: usize) -> (f64, f64, f64, usize) {
    let mut times = Vec::with_capacity(runs);
    let mut steps = 0;
    for _ in 0..runs {
        let t = now_ms();
        steps = FanOutLab::run(scenario).map(|t| t.len()).unwrap_or(0);
        times.push(now_ms() - t);
    }
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(0.0);
    let min = times.first().copied().unwrap_or(0.0);
    let max = times.last().copied().unwrap_or(0.0);
    (median, min, max, steps)
}

/// Fan-out figures in WebAssembly: each strategy's trace at the largest scenario (budget
/// 500 ms), the same with the ranking funnel, and the largest chat trace.
#[wasm_bindgen]
pub fn bench_fan_out() -> String {
    let mut out = Vec::new();
    for s in Strategy::ALL {
        for ranking in [false, true] {
            let (median, min, max, steps) = timed(&largest_fan_out(s, ranking), 3);
            out.push(format!(
                "wasm: fan-out trace, {} narrated{} (100,000 users, 1,000,000 follows, 10,000 posts + 10,000 reads, 32 actions): median {median:.1} ms (min {min:.1}, max {max:.1}), {steps} steps{}",
                s.as_str(),
                if ranking { ", ranking on" } else { "" },
                if median < 500.0 { ", within the 500 ms budget" } else { ", OVER the 500 ms budget" }
            ));
        }
    }
    let (median, min, max, steps) = timed(&largest_chat(), 3);
    out.push(format!(
        "wasm: fan-out chat trace (500 members, 300 messages, 32 sends): median {median:.1} ms (min {min:.1}, max {max:.1}), {steps} steps"
    ));
    out.join("\n")
}

/// The URL query of a scenario (for the benchmark and tests).
pub fn query_of(scenario: &Scenario<Params, Action>) -> String {
    sdp_core::query::encode(&FanOutLab::to_query(scenario))
}
