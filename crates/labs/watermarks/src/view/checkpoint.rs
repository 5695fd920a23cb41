//! Checkpoint mode (M5.5): the operator graph `S0, S1 → count → sink` as SVG, with records and
//! barriers on the channels, the input buffers (alignment buffers while blocked), the operator's
//! counts, the sink's transaction; the snapshot store; a timeline of every checkpoint and the
//! failure; and the sink's latest outputs.

use super::StepProps;
use crate::State;
use crate::checkpoint::{Alignment, CkFocus, CkState, Item, KEYS, SinkMode};
use crate::stream::key_name;
use sdp_kit_web::palette;
use std::collections::VecDeque;
use yew::prelude::*;

const W: f64 = 860.0;
const H: f64 = 320.0;
/// Channel centre lines.
const LANE_Y: [f64; 2] = [80.0, 240.0];
/// Items drawn per queue.
const TRANSIT_SHOWN: usize = 14;
const INBOX_SHOWN: usize = 6;

/// The checkpoint graph at one step.
#[component]
pub fn CheckpointView(props: &StepProps) -> Html {
    let Some(State::Checkpoint(s)) = props.trace.get(props.cursor).map(|st| &st.state) else {
        return html! {};
    };
    html! {
        <>
            <figure class="watermarks-ck">
                <h3 class="watermarks-h">{"Barriers through the operator graph"}</h3>
                if let CkFocus::Failure { restored } = s.focus {
                    <p class="watermarks-failure" role="status">
                        { format!("✖ Failure at tick {}: everything in flight and the operator's counts are lost; {}. The sources replay from the checkpoint's offsets.", s.tick,
                            match restored { Some(id) => format!("every operator restores checkpoint {id}"), None => "no checkpoint had completed, so everything restarts from scratch".to_string() }) }
                    </p>
                }
                <svg viewBox={format!("0 0 {W} {H}")} class="watermarks-svg" role="img" aria-label={describe(s)}>
                    { graph(s) }
                </svg>
                <figcaption>
                    <ul class="watermarks-legend">
                        <li><span class="watermarks-chip" aria-hidden="true">{"A"}</span>{"a record (letter = key)"}</li>
                        <li><span class="watermarks-barrier" aria-hidden="true"></span>{"barrier n (B1, B2, …): everything before it belongs to checkpoint n"}</li>
                        <li><span class="watermarks-blocked" aria-hidden="true"></span>{"blocked input (dashed): its records wait in the alignment buffer"}</li>
                    </ul>
                </figcaption>
            </figure>
            { timeline(s) }
            { store(s) }
            { outputs(s) }
        </>
    }
}

fn describe(s: &CkState) -> String {
    let q = |c: &VecDeque<Item>| {
        let b: Vec<String> = c
            .iter()
            .filter_map(|i| match i {
                Item::Barrier(n) => Some(format!("barrier {n}")),
                Item::Record { .. } => None,
            })
            .collect();
        if b.is_empty() {
            format!("{} items", c.len())
        } else {
            format!("{} items including {}", c.len(), b.join(", "))
        }
    };
    let counts: Vec<String> = s
        .operator
        .counts
        .iter()
        .enumerate()
        .map(|(k, n)| format!("{}={n}", key_name(k as u8)))
        .collect();
    format!(
        "Tick {}. Source S0 at offset {} of {}, S1 at {} of {}. Channel 0: {} in transit, {} in the input buffer{}. Channel 1: {} in transit, {} in the input buffer{}. Operator counts {}{}. Sink: {} outputs visible, {} in the open transaction, {} duplicates.",
        s.tick,
        s.sources[0].offset,
        s.sources[0].total,
        s.sources[1].offset,
        s.sources[1].total,
        q(&s.channels[0].transit),
        q(&s.channels[0].inbox),
        if s.operator.blocked[0] {
            " (blocked: alignment buffer)"
        } else {
            ""
        },
        q(&s.channels[1].transit),
        q(&s.channels[1].inbox),
        if s.operator.blocked[1] {
            " (blocked: alignment buffer)"
        } else {
            ""
        },
        counts.join(" "),
        s.operator
            .aligning
            .map_or(String::new(), |n| format!(", aligning barrier {n}")),
        s.visible,
        s.pending,
        s.duplicates
    )
}

/// One item of a queue at `(x, y)` (its centre).
fn item(it: &Item, x: f64, y: f64) -> Html {
    match *it {
        Item::Record { key, .. } => html! {
            <g>
                <rect x={fmt(x - 7.0)} y={fmt(y - 7.0)} width="14" height="14" rx="2"
                    fill={palette::series(usize::from(key))} class="watermarks-rec" />
                <text x={fmt(x)} y={fmt(y + 4.0)} class="watermarks-svg-small" text-anchor="middle">{ key_name(key).to_string() }</text>
            </g>
        },
        Item::Barrier(n) => html! {
            <g>
                <rect x={fmt(x - 2.5)} y={fmt(y - 15.0)} width="5" height="30" class="watermarks-svg-barrier" />
                <text x={fmt(x)} y={fmt(y - 18.0)} class="watermarks-svg-small" text-anchor="middle">{ format!("B{n}") }</text>
            </g>
        },
    }
}

fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

/// A queue drawn right to left from `front_x` (front = next out), `gap` apart, at most `max`.
fn queue(q: &VecDeque<Item>, front_x: f64, y: f64, gap: f64, max: usize) -> Html {
    let more = q.len().saturating_sub(max);
    html! {
        <g>
            { for q.iter().take(max).enumerate().map(|(i, it)| item(it, front_x - i as f64 * gap, y)) }
            if more > 0 {
                <text x={fmt(front_x - max as f64 * gap)} y={fmt(y + 4.0)} class="watermarks-svg-small" text-anchor="middle">{ format!("+{more}") }</text>
            }
        </g>
    }
}

fn graph(s: &CkState) -> Html {
    let p = s.world.params;
    let injected = match s.focus {
        CkFocus::Tick { injected, .. } => injected,
        _ => None,
    };
    let completed = match s.focus {
        CkFocus::Tick { completed, .. } => completed,
        _ => None,
    };
    let failed = matches!(s.focus, CkFocus::Failure { .. });
    html! {
        <g>
            <text x="300" y="16" class={classes!("watermarks-svg-text", injected.is_some().then_some("watermarks-svg-hl"))}>
                { match injected { Some(n) => format!("Job manager: injects barrier B{n} at the sources"), None => format!("Job manager: a barrier every {} ticks", p.every) } }
            </text>
            { for (0..2).map(|i| source(s, i)) }
            { for (0..2).map(|i| channel(s, i)) }
            // The operator.
            <rect x="600" y="40" width="130" height="240" rx="8" class={classes!("watermarks-svg-box", failed.then_some("failed"))} />
            <text x="665" y="62" class="watermarks-svg-text" text-anchor="middle">{"count per key"}</text>
            { for (0..KEYS).map(|k| html! {
                <text x="665" y={fmt(92.0 + k as f64 * 24.0)} class="watermarks-svg-big" text-anchor="middle">
                    { format!("{} = {}", key_name(k as u8), s.operator.counts[k]) }
                </text>
            }) }
            <text x="665" y="190" class="watermarks-svg-small" text-anchor="middle">
                { match s.operator.aligning { Some(n) => format!("aligning barrier B{n}"), None => format!("{} processed", s.operator.processed) } }
            </text>
            if let Some(n) = completed {
                <text x="665" y="212" class="watermarks-svg-small watermarks-svg-hl" text-anchor="middle">{ format!("snapshot {n} taken ✓") }</text>
            }
            <text x="665" y="268" class="watermarks-svg-small" text-anchor="middle">
                { if p.alignment == Alignment::Aligned { "aligned barriers" } else { "unaligned barriers" } }
            </text>
            // Operator → sink.
            <line x1="730" y1="160" x2="758" y2="160" class="watermarks-svg-edge" marker-end="url(#watermarks-arrow)" />
            <rect x="760" y="70" width="95" height="180" rx="8" class="watermarks-svg-box" />
            <text x="807" y="92" class="watermarks-svg-text" text-anchor="middle">{"Sink"}</text>
            <text x="807" y="108" class="watermarks-svg-small" text-anchor="middle">
                { if p.sink == SinkMode::ExactlyOnce { "exactly-once" } else { "at-least-once" } }
            </text>
            if p.sink == SinkMode::ExactlyOnce {
                <text x="807" y="122" class="watermarks-svg-small" text-anchor="middle">{"(two-phase commit)"}</text>
            }
            <text x="807" y="140" class="watermarks-svg-small" text-anchor="middle">{ format!("visible {}", s.visible) }</text>
            <text x="807" y="160" class="watermarks-svg-small" text-anchor="middle">{ format!("open txn {}", s.pending) }</text>
            <text x="807" y="180" class={classes!("watermarks-svg-small", (s.duplicates > 0).then_some("watermarks-svg-hl"))} text-anchor="middle">{ format!("duplicates {}", s.duplicates) }</text>
            <text x="807" y="200" class="watermarks-svg-small" text-anchor="middle">{ format!("replayed {}", s.replayed) }</text>
            <defs>
                <marker id="watermarks-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M 0 0 L 10 5 L 0 10 z" class="watermarks-svg-arrow" />
                </marker>
            </defs>
        </g>
    }
}

fn source(s: &CkState, i: usize) -> Html {
    let src = s.sources[i];
    let y = LANE_Y[i] - 35.0;
    let frac = f64::from(src.offset) / f64::from(src.total.max(1));
    html! {
        <g>
            <rect x="8" y={fmt(y)} width="128" height="70" rx="8" class="watermarks-svg-box" />
            <text x="72" y={fmt(y + 18.0)} class="watermarks-svg-text" text-anchor="middle">{ format!("Source S{i}") }</text>
            <text x="72" y={fmt(y + 34.0)} class="watermarks-svg-small" text-anchor="middle">{ format!("Kafka partition {i}") }</text>
            <text x="72" y={fmt(y + 50.0)} class="watermarks-svg-small" text-anchor="middle">{ format!("offset {} of {}", src.offset, src.total) }</text>
            <rect x="18" y={fmt(y + 57.0)} width="108" height="6" class="watermarks-svg-track" />
            <rect x="18" y={fmt(y + 57.0)} width={fmt(108.0 * frac)} height="6" class="watermarks-svg-fill" />
        </g>
    }
}

fn channel(s: &CkState, i: usize) -> Html {
    let c = &s.channels[i];
    let y = LANE_Y[i];
    let blocked = s.operator.blocked[i];
    let period = if c.period == 1 {
        "delivers every tick".to_string()
    } else {
        format!("delivers every {} ticks", c.period)
    };
    html! {
        <g>
            <line x1="136" y1={fmt(y)} x2="470" y2={fmt(y)} class="watermarks-svg-edge" marker-end="url(#watermarks-arrow)" />
            <text x="150" y={fmt(y - 22.0)} class="watermarks-svg-small">{ format!("channel {i}: {} in transit, {period}", c.transit.len()) }</text>
            { queue(&c.transit, 455.0, y, 20.0, TRANSIT_SHOWN) }
            <rect x="472" y={fmt(y - 24.0)} width="124" height="48" rx="4"
                class={classes!("watermarks-svg-inbox", blocked.then_some("blocked"))} />
            <text x="534" y={fmt(y + 38.0)} class={classes!("watermarks-svg-small", blocked.then_some("watermarks-svg-hl"))} text-anchor="middle">
                { if blocked { format!("blocked: alignment buffer ({})", c.inbox.len()) } else { format!("input buffer ({})", c.inbox.len()) } }
            </text>
            { queue(&c.inbox, 584.0, y, 18.0, INBOX_SHOWN) }
            <line x1="596" y1={fmt(y)} x2="600" y2={fmt(y)} class="watermarks-svg-edge" />
        </g>
    }
}

/// Every checkpoint from its barrier to completion or abort, with the failure and now.
fn timeline(s: &CkState) -> Html {
    let p = s.world.params;
    let ticks = f64::from(p.ticks.max(1));
    let (left, right) = (96.0, W - 10.0);
    let x = |t: u32| left + f64::from(t) / ticks * (right - left);
    let rows = 3usize;
    let row_h = 14.0;
    let h = 30.0 + rows as f64 * row_h + 24.0;
    let shown: Vec<_> = s
        .world
        .checkpoints
        .iter()
        .filter(|c| c.started <= s.tick)
        .collect();
    html! {
        <figure class="watermarks-ck-timeline">
            <svg viewBox={format!("0 0 {W} {h}")} class="watermarks-svg" role="img"
                aria-label={format!("Timeline of {} checkpoints up to tick {}: {} completed, {} aborted.", shown.len(), s.tick,
                    shown.iter().filter(|c| c.status_at(s.tick) == Some("completed")).count(),
                    shown.iter().filter(|c| c.status_at(s.tick) == Some("aborted")).count())}>
                <text x="4" y="14" class="watermarks-svg-small">{"checkpoints"}</text>
                <line x1={fmt(left)} y1="22" x2={fmt(right)} y2="22" class="watermarks-svg-axis" />
                { for (0..=p.ticks).step_by(((p.ticks / 10).max(1)) as usize).map(|t| html! {
                    <text x={fmt(x(t))} y="18" class="watermarks-svg-small" text-anchor="middle">{ t }</text>
                }) }
                { for shown.iter().map(|c| {
                    let status = c.status_at(s.tick).unwrap_or("pending");
                    let end = match status {
                        "completed" => c.completed.unwrap_or(s.tick),
                        "aborted" => c.aborted.unwrap_or(s.tick),
                        _ => s.tick,
                    };
                    let y = 28.0 + ((c.id as usize - 1) % rows) as f64 * row_h;
                    let glyph = match status { "completed" => "✓", "aborted" => "✗", _ => "…" };
                    html! {
                        <g>
                            <rect x={fmt(x(c.started))} y={fmt(y)} width={fmt((x(end) - x(c.started)).max(3.0))} height={fmt(row_h - 3.0)}
                                class={classes!("watermarks-svg-cp", status)} />
                            <text x={fmt(x(end) + 3.0)} y={fmt(y + 10.0)} class="watermarks-svg-small">{ format!("{}{glyph}", c.id) }</text>
                        </g>
                    }
                }) }
                if p.fail_at > 0 && p.fail_at <= s.tick {
                    <line x1={fmt(x(p.fail_at))} y1="22" x2={fmt(x(p.fail_at))} y2={fmt(h - 14.0)} class="watermarks-svg-fail" />
                    <text x={fmt(x(p.fail_at))} y={fmt(h - 2.0)} class="watermarks-svg-small watermarks-svg-hl" text-anchor="middle">{ format!("✖ failure (tick {})", p.fail_at) }</text>
                }
                <line x1={fmt(x(s.tick))} y1="22" x2={fmt(x(s.tick))} y2={fmt(h - 14.0)} class="watermarks-svg-now" />
            </svg>
        </figure>
    }
}

/// The snapshot store: every checkpoint started so far.
fn store(s: &CkState) -> Html {
    let t = s.tick;
    let rows: Vec<_> = s
        .world
        .checkpoints
        .iter()
        .filter(|c| c.started <= t)
        .collect();
    let counts = |c: &[u64; KEYS]| {
        c.iter()
            .enumerate()
            .map(|(k, n)| format!("{}={n}", key_name(k as u8)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    html! {
        <section class="watermarks-store" aria-label="Snapshot store">
            <h3 class="watermarks-h">{ format!("Snapshot store ({} checkpoints started; last completed: {})", rows.len(), s.last_completed.map_or("none".to_string(), |n| n.to_string())) }</h3>
            if rows.is_empty() {
                <p class="hint">{ format!("The first barrier is injected at tick {}.", s.world.params.every) }</p>
            } else {
                <div class="table-scroll">
                <table class="watermarks-table">
                    <thead><tr>
                        <th scope="col">{"#"}</th><th scope="col">{"Barrier at tick"}</th><th scope="col">{"Offsets S0 / S1"}</th>
                        <th scope="col">{"Snapshot"}</th><th scope="col">{"In-flight records"}</th><th scope="col">{"Status"}</th>
                    </tr></thead>
                    <tbody>
                    { for rows.iter().rev().take(8).map(|c| {
                        let status = c.status_at(t).unwrap_or("pending");
                        let snap = match c.snapshot { Some(at) if at <= t => format!("tick {at}: {}", counts(&c.state)), _ => "—".to_string() };
                        let text = match status {
                            "completed" => format!("✓ completed at tick {}", c.completed.unwrap_or(t)),
                            "aborted" => format!("✗ aborted at tick {} (failure)", c.aborted.unwrap_or(t)),
                            _ => "… pending".to_string(),
                        };
                        let flight = if c.snapshot.is_some_and(|a| a <= t) { c.in_flight.len().to_string() } else { "—".to_string() };
                        html! {
                            <tr key={c.id.to_string()} class={classes!(status, (s.last_completed == Some(c.id)).then_some("holds"))}>
                                <th scope="row">{ c.id }</th>
                                <td>{ c.started }</td>
                                <td>{ format!("{} / {}", c.offsets[0], c.offsets[1]) }</td>
                                <td>{ snap }</td>
                                <td>{ flight }</td>
                                <td>{ text }</td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
                </div>
            }
        </section>
    }
}

/// The sink's latest outputs with their fate.
fn outputs(s: &CkState) -> Html {
    let t = s.tick;
    let outs = s.world.outputs.get(..s.outputs as usize).unwrap_or(&[]);
    html! {
        <section class="watermarks-results" aria-label="Sink outputs">
            <h3 class="watermarks-h">{ format!("Sink outputs: {} produced, {} visible downstream, {} duplicates", outs.len(), s.visible, s.duplicates) }</h3>
            if outs.is_empty() {
                <p class="hint">{"Nothing yet."}</p>
            } else {
                <ol class="watermarks-list" reversed=true start={outs.len().to_string()}>
                { for outs.iter().enumerate().rev().take(10).map(|(i, o)| {
                    let fate = match (o.visible, o.aborted) {
                        (Some(v), _) if v <= t => if o.duplicate { format!("visible since tick {v} — a DUPLICATE (replayed record)") } else { format!("visible since tick {v}") },
                        (_, Some(a)) if a <= t => format!("rolled back at tick {a} (transaction aborted)"),
                        _ => "in the open transaction (commits when the next checkpoint completes)".to_string(),
                    };
                    html! {
                        <li key={i.to_string()} class={classes!((o.tick == t).then_some("new"), (o.duplicate && o.visible.is_some_and(|v| v <= t)).then_some("reemit"))}>
                            { format!("tick {}: key {} → count {} (S{} offset {}): {fate}", o.tick, key_name(o.key), o.count, o.source, o.offset) }
                        </li>
                    }
                }) }
                </ol>
            }
        </section>
    }
}
