//! Feed mode: the graph summary, one drawing per focus, the queue, the side-by-side table.
//! The positions and scales come from [`crate::layout::feed`].

mod compare;
mod graph;
mod post;
mod read;

use super::timeline::Timeline;
use super::{TraceRef, g, strategy_colour, strategy_title};
use crate::layout::feed::{curve, f};
use crate::sim::Strategy;
use crate::state::{BulkView, FeedFocus, FeedState, QuiescenceView};
use graph::{GraphSummary, WorldRef};
use sdp_kit::fmt::percent;
use yew::prelude::*;

pub(super) fn view(trace: &TraceRef, cursor: usize, s: &FeedState) -> Html {
    let w = &s.world;
    let graph_step = matches!(s.focus, FeedFocus::Graph);
    html! {
        <div class="fanout-view fanout-feed">
            { banner(s) }
            <section class="fanout-focus" aria-label="This step">
                { focus(s) }
            </section>
            if !graph_step { { compare::queue_panel(s) } }
            { compare::compare_table(s) }
            <Timeline trace={trace.clone()} {cursor} />
            if !graph_step {
                <details class="fanout-graph-mini">
                    <summary>{ format!("The graph: {} users, {} follows, {} celebrities (≥ {} followers), {} inactive",
                        g(w.users), g(w.follows), g(w.celebrities), g(w.threshold), percent(w.inactive_users.into(), w.users.into())) }</summary>
                    <GraphSummary world={WorldRef(s.world.clone())} />
                </details>
            }
        </div>
    }
}

fn banner(s: &FeedState) -> Html {
    let w = &s.world;
    let planned = w.workload_events;
    html! {
        <p class="fanout-banner">
            <span class="fanout-chip" style={format!("--chip:{}", strategy_colour(w.strategy))}>
                { format!("Narrated and drawn: {}", strategy_title(w.strategy)) }
            </span>
            <span>{ format!(" Tick {} · {} of {} workload events applied{}",
                g(s.tick), g(s.events_done.min(planned)), g(planned),
                if s.events_done > planned { format!(" + {} of yours", s.events_done - planned) } else { String::new() }) }</span>
        </p>
    }
}

fn focus(s: &FeedState) -> Html {
    match &s.focus {
        FeedFocus::Graph => html! {
            <>
                <h2 class="fanout-h">{"The seeded social graph"}</h2>
                <GraphSummary world={WorldRef(s.world.clone())} />
            </>
        },
        FeedFocus::Post(p) => post::post_view(p, s),
        FeedFocus::FanOut(b) => post::fanout_view(b, s),
        FeedFocus::Read(r) => read::read_view(r, s),
        FeedFocus::Bulk(b) => bulk_view(b, s),
        FeedFocus::Wait { ticks, writes } => idle_view("Waiting", *ticks, *writes, s),
        FeedFocus::Drain { ticks, writes } => idle_view("Draining the queues", *ticks, *writes, s),
        FeedFocus::Quiescent(q) => quiet_view(q, s),
    }
}

// ---------------------------------------------------------------------------------------------
// SVG helpers

/// The arrowhead marker `id`.
fn arrow_defs(id: &str) -> Html {
    html! {
        <defs>
            <marker id={id.to_string()} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" class="fanout-arrowhead" />
            </marker>
        </defs>
    }
}

/// A curved arrow from (x0, y0) to (x1, y1).
fn arrow(
    (x0, y0): (f64, f64),
    (x1, y1): (f64, f64),
    marker: &str,
    class: &'static str,
    colour: &str,
    width: f64,
) -> Html {
    html! {
        <path class={class} d={curve((x0, y0), (x1, y1))}
            stroke={colour.to_string()} stroke-width={f(width)} fill="none" marker-end={format!("url(#{marker})")} />
    }
}

/// A box with one or two lines of text.
fn node(x: f64, y: f64, w: f64, h: f64, class: &'static str, title: String, sub: String) -> Html {
    let one = sub.is_empty();
    html! {
        <g class={classes!("fanout-node", class)}>
            <rect x={f(x)} y={f(y)} width={f(w)} height={f(h)} rx="5" />
            <text x={f(x + w / 2.0)} y={f(if one { y + h / 2.0 + 4.0 } else { y + h / 2.0 - 3.0 })} text-anchor="middle" class="fanout-svg-strong">{ title }</text>
            if !one {
                <text x={f(x + w / 2.0)} y={f(y + h / 2.0 + 11.0)} text-anchor="middle" class="fanout-svg-small">{ sub }</text>
            }
        </g>
    }
}

// ---------------------------------------------------------------------------------------------
// Bulk, wait, drain, quiescence

fn bulk_view(b: &BulkView, s: &FeedState) -> Html {
    let w = &s.world;
    let done = f64::from(s.events_done.min(w.workload_events))
        / f64::from(w.workload_events.max(1))
        * 100.0;
    let st = s.stats[w.strategy.index()];
    let work = if w.strategy == Strategy::Pull {
        "Pull writes nothing: its reads merge followees' posts (see “work per feed read” below)."
            .to_string()
    } else {
        format!(
            "{} wrote {} feed entries in these ticks.",
            capital(w.strategy.as_str()),
            g(b.writes)
        )
    };
    html! {
        <>
            <h2 class="fanout-h">{ format!("Ticks {}–{}, summarised", g(b.from_tick), g(b.to_tick)) }</h2>
            <p>{ format!("{} posts ({} by celebrities) and {} feed reads happened here: too many to draw one by one, so only their totals are shown. ",
                g(b.posts), g(b.celebrity_posts), g(b.reads)) }{ work }</p>
            <div class="fanout-progress" role="img" aria-label={format!("Workload {done:.0}% applied")}>
                <span style={format!("width:{done:.1}%")}></span>
            </div>
            <p class="fanout-small">{ format!("Workload applied: {} of {} events ({done:.0}%). {} posts so far, {} reads.",
                g(s.events_done.min(w.workload_events)), g(w.workload_events), g(st.posts), g(st.reads)) }</p>
        </>
    }
}

fn idle_view(title: &str, ticks: u64, writes: u64, s: &FeedState) -> Html {
    let strategy = s.world.strategy;
    let body = if strategy == Strategy::Pull {
        format!(
            "{} ticks without events. Pull has no queue; push and hybrid workers keep writing (see the table).",
            g(ticks)
        )
    } else {
        format!(
            "{} ticks without events: {} workers wrote {} more feed entries.",
            g(ticks),
            strategy.as_str(),
            g(writes)
        )
    };
    html! {
        <>
            <h2 class="fanout-h">{ title.to_string() }</h2>
            <p>{ body }</p>
        </>
    }
}

fn quiet_view(q: &QuiescenceView, s: &FeedState) -> Html {
    let all = q.identical == q.users;
    html! {
        <>
            <h2 class="fanout-h">{"Quiescence: every feed compared"}</h2>
            <p class={classes!(if all { "fanout-ok" } else { "fanout-warn" })}>
                { if all {
                    format!("✓ All {} users see identical feeds under push, pull and hybrid: same posts, same order.", g(q.users))
                } else {
                    format!("✗ {} of {} users see different feeds across the strategies.", g(q.users - q.identical), g(q.users))
                } }
            </p>
            <p class="fanout-small">{ format!("The strategies differ in cost, not in result: compare the table below. User {}'s final page under {}:", q.sample_user, s.world.strategy.as_str()) }</p>
            { read::page_list(&q.sample_feed, false) }
        </>
    }
}

/// `n` and the noun for it.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", g(n as u64), if n == 1 { one } else { many })
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
