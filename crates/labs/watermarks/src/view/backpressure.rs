//! Backpressure mode (M5.7): the chain `Kafka topic → Source → Map → Sink` as SVG with buffer
//! gauges, the credits each sender holds, the credits returned this tick travelling back
//! upstream, blocked senders, and the topic lag; below, the history of lag and buffers.

use super::StepProps;
use crate::State;
use crate::backpressure::{BpState, Stage};
use yew::prelude::*;

const W: f64 = 860.0;
const H: f64 = 250.0;
const Y: f64 = 120.0;

fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

/// The backpressure chain at one step.
#[component]
pub fn BackpressureView(props: &StepProps) -> Html {
    let Some(State::Backpressure(s)) = props.trace.get(props.cursor).map(|st| &st.state) else {
        return html! {};
    };
    let max_lag = s.world.iter().map(|x| x.lag).max().unwrap_or(0).max(1);
    html! {
        <>
            <figure class="watermarks-bp">
                <h3 class="watermarks-h">{ format!("Credit-based flow control, tick {}{}", s.tick, if s.slow { " (slow sink phase)" } else { "" }) }</h3>
                <svg viewBox={format!("0 0 {W} {H}")} class="watermarks-svg" role="img" aria-label={describe(s)}>
                    <defs>
                        <marker id="watermarks-bp-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                            <path d="M 0 0 L 10 5 L 0 10 z" class="watermarks-svg-arrow" />
                        </marker>
                    </defs>
                    { topic(s, max_lag) }
                    <rect x="180" y={fmt(Y - 40.0)} width="120" height="80" rx="8" class={classes!("watermarks-svg-box", s.source_blocked.then_some("blocked"))} />
                    <text x="240" y={fmt(Y - 18.0)} class="watermarks-svg-text" text-anchor="middle">{"Source"}</text>
                    <text x="240" y={fmt(Y + 2.0)} class="watermarks-svg-small" text-anchor="middle">{ format!("read {} this tick", s.read) }</text>
                    if s.source_blocked {
                        <text x="240" y={fmt(Y + 22.0)} class="watermarks-svg-small watermarks-svg-hl" text-anchor="middle">{"✗ no credits: waits"}</text>
                    }
                    <line x1="140" y1={fmt(Y)} x2="178" y2={fmt(Y)} class="watermarks-svg-edge" marker-end="url(#watermarks-bp-arrow)" />
                    { link(300.0, 430.0, s.credits_map, s.returned_map, s.read, "Source") }
                    { stage("Map", &s.map, 430.0, s.map.blocked, "✗ no credits for the Sink") }
                    { link(590.0, 690.0, s.credits_sink, s.returned_sink, s.map.consumed, "Map") }
                    { stage("Sink", &s.sink, 690.0, false, "") }
                    if s.slow {
                        <text x="770" y={fmt(Y + 70.0)} class="watermarks-svg-small watermarks-svg-hl" text-anchor="middle">{ format!("slow phase: rate {}", s.sink.rate) }</text>
                    }
                </svg>
                <figcaption>
                    <ul class="watermarks-legend">
                        <li><span class="watermarks-credit" aria-hidden="true"></span>{"a credit the sender holds = one free buffer slot of the receiver"}</li>
                        <li>{"← arrows below the links: credits returned this tick (usable next tick)"}</li>
                        <li>{"filled slots: records waiting in the receiver's input buffer"}</li>
                    </ul>
                </figcaption>
            </figure>
            { history(s, max_lag) }
        </>
    }
}

fn describe(s: &BpState) -> String {
    format!(
        "Tick {}: topic lag {} records; the Source read {}{}; the Source holds {} credits for the Map; the Map buffer holds {} of {} and forwarded {}{}; the Map holds {} credits for the Sink; the Sink buffer holds {} of {} and consumed {} at rate {}{}. Credits returned this tick: {} to the Source, {} to the Map.",
        s.tick,
        s.lag,
        s.read,
        if s.source_blocked {
            " and is blocked for lack of credits"
        } else {
            ""
        },
        s.credits_map,
        s.map.buffer,
        s.map.capacity,
        s.map.consumed,
        if s.map.blocked {
            " and is blocked for lack of credits"
        } else {
            ""
        },
        s.credits_sink,
        s.sink.buffer,
        s.sink.capacity,
        s.sink.consumed,
        s.sink.rate,
        if s.slow { " (slow phase)" } else { "" },
        s.returned_map,
        s.returned_sink
    )
}

fn topic(s: &BpState, max_lag: u64) -> Html {
    let frac = s.lag as f64 / max_lag as f64;
    let h = 100.0;
    html! {
        <g>
            <rect x="10" y={fmt(Y - 60.0)} width="130" height="120" rx="8" class="watermarks-svg-box" />
            <text x="75" y={fmt(Y - 40.0)} class="watermarks-svg-text" text-anchor="middle">{"Kafka topic"}</text>
            <text x="75" y={fmt(Y - 22.0)} class="watermarks-svg-small" text-anchor="middle">{ format!("lag {}", s.lag) }</text>
            <text x="75" y={fmt(Y - 8.0)} class="watermarks-svg-small" text-anchor="middle">{ format!("{} produced", s.produced) }</text>
            <rect x="30" y={fmt(Y + 52.0 - h * 0.5)} width="90" height={fmt(h * 0.5)} class="watermarks-svg-track" />
            <rect x="30" y={fmt(Y + 52.0 - h * 0.5 * frac)} width="90" height={fmt(h * 0.5 * frac)} class="watermarks-svg-lag" />
        </g>
    }
}

/// The link between a sender and a receiver: the sender's credits as tokens, the records sent
/// this tick, and the credits that came back.
fn link(x0: f64, x1: f64, credits: u32, returned: u32, sent: u32, sender: &str) -> Html {
    let shown = credits.min(16);
    html! {
        <g>
            <line x1={fmt(x0)} y1={fmt(Y)} x2={fmt(x1 - 2.0)} y2={fmt(Y)} class="watermarks-svg-edge" marker-end="url(#watermarks-bp-arrow)" />
            <text x={fmt(f64::midpoint(x0, x1))} y={fmt(Y - 8.0)} class="watermarks-svg-small" text-anchor="middle">{ format!("{sent} sent →") }</text>
            <text x={fmt(x0 + 4.0)} y={fmt(Y - 58.0)} class="watermarks-svg-small">{ format!("{sender} credits: {credits}") }</text>
            { for (0..shown).map(|i| {
                let (c, r) = (i % 8, i / 8);
                html! { <circle cx={fmt(x0 + 10.0 + f64::from(c) * 13.0)} cy={fmt(Y - 42.0 + f64::from(r) * 13.0)} r="5" class="watermarks-svg-credit" /> }
            }) }
            if credits > shown {
                <text x={fmt(x0 + 10.0 + 8.0 * 13.0)} y={fmt(Y - 38.0)} class="watermarks-svg-small">{ format!("+{}", credits - shown) }</text>
            }
            if returned > 0 {
                <line x1={fmt(x1 - 6.0)} y1={fmt(Y + 26.0)} x2={fmt(x0 + 6.0)} y2={fmt(Y + 26.0)} class="watermarks-svg-return" marker-end="url(#watermarks-bp-arrow)" />
                <text x={fmt(f64::midpoint(x0, x1))} y={fmt(Y + 42.0)} class="watermarks-svg-small watermarks-svg-hl" text-anchor="middle">{ format!("← {returned} credit{} back", if returned == 1 { "" } else { "s" }) }</text>
            }
        </g>
    }
}

/// A receiving stage with its buffer gauge (one cell per slot).
fn stage(name: &str, st: &Stage, x: f64, blocked: bool, blocked_text: &str) -> Html {
    let cap = st.capacity.max(1);
    let cols = cap.min(8);
    let rows = cap.div_ceil(cols);
    let cell = (110.0 / f64::from(cols)).min(16.0);
    let width = 160.0;
    html! {
        <g>
            <rect x={fmt(x)} y={fmt(Y - 60.0)} width={fmt(width)} height="130" rx="8" class={classes!("watermarks-svg-box", blocked.then_some("blocked"))} />
            <text x={fmt(x + width / 2.0)} y={fmt(Y - 42.0)} class="watermarks-svg-text" text-anchor="middle">{ format!("{name} (rate {})", st.rate) }</text>
            <text x={fmt(x + width / 2.0)} y={fmt(Y - 27.0)} class="watermarks-svg-small" text-anchor="middle">{ format!("buffer {} of {}, took {}", st.buffer, st.capacity, st.consumed) }</text>
            { for (0..cap).map(|i| {
                let (c, r) = (i % cols, i / cols);
                let filled = i < st.buffer;
                html! { <rect x={fmt(x + 25.0 + f64::from(c) * cell)} y={fmt(Y - 18.0 + f64::from(r) * cell)} width={fmt(cell - 2.0)} height={fmt(cell - 2.0)}
                    class={classes!("watermarks-svg-slot", filled.then_some("filled"))} /> }
            }) }
            if blocked {
                <text x={fmt(x + width / 2.0)} y={fmt(Y + 20.0 + f64::from(rows) * cell)} class="watermarks-svg-small watermarks-svg-hl" text-anchor="middle">{ blocked_text.to_string() }</text>
            }
        </g>
    }
}

/// Lag and buffer occupancy over the ticks so far.
fn history(s: &BpState, max_lag: u64) -> Html {
    let ticks = s.world.len().saturating_sub(1).max(1) as f64;
    let (left, right, top, bottom) = (50.0, W - 10.0, 12.0, 130.0);
    let x = |t: usize| left + t as f64 / ticks * (right - left);
    let cap = f64::from(s.map.capacity.max(1));
    let upto = s.world.get(..=s.tick as usize).unwrap_or(&s.world[..]);
    let line = |f: &dyn Fn(&crate::backpressure::Sample) -> f64| {
        upto.iter()
            .enumerate()
            .map(|(t, x_)| format!("{:.1},{:.1}", x(t), bottom - f(x_) * (bottom - top)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let lag = line(&|x_| x_.lag as f64 / max_lag as f64);
    let map = line(&|x_| f64::from(x_.map_buffer) / cap);
    let sink = line(&|x_| f64::from(x_.sink_buffer) / cap);
    html! {
        <figure class="watermarks-bp-history">
            <svg viewBox={format!("0 0 {W} 160")} class="watermarks-svg" role="img"
                aria-label={format!("History up to tick {}: topic lag now {} (peak so far {}), Map buffer {}, Sink buffer {}.", s.tick, s.lag,
                    upto.iter().map(|x_| x_.lag).max().unwrap_or(0), s.map.buffer, s.sink.buffer)}>
                <line x1={fmt(left)} y1={fmt(bottom)} x2={fmt(right)} y2={fmt(bottom)} class="watermarks-svg-axis" />
                <line x1={fmt(left)} y1={fmt(top)} x2={fmt(left)} y2={fmt(bottom)} class="watermarks-svg-axis" />
                <text x="4" y={fmt(top + 8.0)} class="watermarks-svg-small">{"max"}</text>
                <text x="4" y={fmt(bottom)} class="watermarks-svg-small">{"0"}</text>
                { for (0..s.world.len()).step_by((s.world.len() / 10).max(1)).map(|t| html! {
                    <text x={fmt(x(t))} y={fmt(bottom + 14.0)} class="watermarks-svg-small" text-anchor="middle">{ t }</text>
                }) }
                <polyline points={lag} class="watermarks-svg-series lag" />
                <polyline points={map} class="watermarks-svg-series map" />
                <polyline points={sink} class="watermarks-svg-series sink" />
                <line x1={fmt(x(s.tick as usize))} y1={fmt(top)} x2={fmt(x(s.tick as usize))} y2={fmt(bottom)} class="watermarks-svg-now" />
                <text x={fmt(right)} y="156" class="watermarks-svg-small" text-anchor="end">{"tick →"}</text>
            </svg>
            <figcaption>
                <ul class="watermarks-legend">
                    <li><span class="watermarks-line lag" aria-hidden="true"></span>{ format!("topic lag (0–{max_lag} records)") }</li>
                    <li><span class="watermarks-line map" aria-hidden="true"></span>{"Map buffer (0–capacity)"}</li>
                    <li><span class="watermarks-line sink" aria-hidden="true"></span>{"Sink buffer (0–capacity)"}</li>
                </ul>
            </figcaption>
        </figure>
    }
}
