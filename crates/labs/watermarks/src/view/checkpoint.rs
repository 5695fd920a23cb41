//! Checkpoint mode (M5.5): the operator graph `S0, S1 → count → sink` as SVG, with records and
//! barriers on the channels, the input buffers (alignment buffers while blocked), the operator's
//! counts, the sink's transaction; the snapshot store; a timeline of every checkpoint and the
//! failure; and the sink's latest outputs.

use super::svg::{Markup, Svg, class_if, esc, put};
use crate::checkpoint::{
    Alignment, CheckpointRecord as Checkpoint, CkFocus, CkState, Item, KEYS, SinkMode,
};
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

/// The legend under the graph (static markup: one raw node, see `svg`).
const LEGEND: &str = concat!(
    r#"<ul class="watermarks-legend">"#,
    r#"<li><span class="watermarks-chip" aria-hidden="true">A</span>a record (letter = key)</li>"#,
    r#"<li><span class="watermarks-barrier" aria-hidden="true"></span>barrier n (B1, B2, …): everything before it belongs to checkpoint n</li>"#,
    r#"<li><span class="watermarks-blocked" aria-hidden="true"></span>blocked input (dashed): its records wait in the alignment buffer</li>"#,
    "</ul>",
);

/// The checkpoint graph at one step.
pub fn checkpoint_view(s: &CkState) -> Html {
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
                { graph(s) }
                <figcaption>
                    { Html::from_html_unchecked(AttrValue::from(LEGEND)) }
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
fn item(svg: &mut Svg, it: &Item, x: f64, y: f64) {
    match *it {
        Item::Record { key, .. } => {
            put!(
                svg,
                r#"<rect x="{:.1}" y="{:.1}" width="14" height="14" rx="2" fill="{}" class="watermarks-rec"/>"#,
                x - 7.0,
                y - 7.0,
                palette::series(usize::from(key))
            );
            svg.text(
                (x, y + 4.0),
                SMALL,
                true,
                key_name(key).encode_utf8(&mut [0; 4]),
            );
        }
        Item::Barrier(n) => {
            svg.rect(
                (x - 2.5, y - 15.0, 5.0, 30.0),
                0.0,
                "watermarks-svg-barrier",
            );
            svg.text((x, y - 18.0), SMALL, true, &format!("B{n}"));
        }
    }
}

/// The small text class.
const SMALL: &str = "watermarks-svg-small";
/// The small highlighted text class.
const SMALL_HL: &str = "watermarks-svg-small watermarks-svg-hl";
/// The label text class.
const TEXT: &str = "watermarks-svg-text";
/// The box class.
const BOX: &str = "watermarks-svg-box";
/// The edge class.
const EDGE: &str = "watermarks-svg-edge";
/// The arrow marker's element id.
const ARROW: &str = "watermarks-arrow";

/// A queue drawn right to left from `front_x` (front = next out), `gap` apart, at most `max`.
fn queue(svg: &mut Svg, q: &VecDeque<Item>, front_x: f64, y: f64, gap: f64, max: usize) {
    for (i, it) in q.iter().take(max).enumerate() {
        item(svg, it, front_x - i as f64 * gap, y);
    }
    let more = q.len().saturating_sub(max);
    if more > 0 {
        svg.text(
            (front_x - max as f64 * gap, y + 4.0),
            SMALL,
            true,
            &format!("+{more}"),
        );
    }
}

fn graph(s: &CkState) -> Html {
    let p = s.world.params;
    let (injected, completed) = match s.focus {
        CkFocus::Tick {
            injected,
            completed,
            ..
        } => (injected, completed),
        _ => (None, None),
    };
    let failed = matches!(s.focus, CkFocus::Failure { .. });
    let mut svg = Svg::new(W, H, &describe(s));
    svg.arrow_marker(ARROW);
    let manager = match injected {
        Some(n) => format!("Job manager: injects barrier B{n} at the sources"),
        None => format!("Job manager: a barrier every {} ticks", p.every),
    };
    let hl = class_if(TEXT, injected.is_some(), "watermarks-svg-hl");
    put!(
        svg,
        r#"<text x="300" y="16" class="{hl}">{}</text>"#,
        esc(&manager)
    );
    for i in 0..2 {
        source(&mut svg, s, i);
        channel(&mut svg, s, i);
    }
    operator(&mut svg, s, completed, failed);
    sink(&mut svg, s);
    svg.finish()
}

/// The counting operator.
fn operator(svg: &mut Svg, s: &CkState, completed: Option<u32>, failed: bool) {
    let p = s.world.params;
    svg.rect(
        (600.0, 40.0, 130.0, 240.0),
        8.0,
        &class_if(BOX, failed, "failed"),
    );
    svg.text((665.0, 62.0), TEXT, true, "count per key");
    for k in 0..KEYS {
        let text = format!("{} = {}", key_name(k as u8), s.operator.counts[k]);
        svg.text(
            (665.0, 92.0 + k as f64 * 24.0),
            "watermarks-svg-big",
            true,
            &text,
        );
    }
    let state = match s.operator.aligning {
        Some(n) => format!("aligning barrier B{n}"),
        None => format!("{} processed", s.operator.processed),
    };
    svg.text((665.0, 190.0), SMALL, true, &state);
    if let Some(n) = completed {
        svg.text(
            (665.0, 212.0),
            SMALL_HL,
            true,
            &format!("snapshot {n} taken ✓"),
        );
    }
    let align = if p.alignment == Alignment::Aligned {
        "aligned barriers"
    } else {
        "unaligned barriers"
    };
    svg.text((665.0, 268.0), SMALL, true, align);
}

/// The sink and its transaction.
fn sink(svg: &mut Svg, s: &CkState) {
    let exactly = s.world.params.sink == SinkMode::ExactlyOnce;
    svg.line((730.0, 160.0), (758.0, 160.0), EDGE, ARROW);
    svg.rect((760.0, 70.0, 95.0, 180.0), 8.0, BOX);
    svg.text((807.0, 92.0), TEXT, true, "Sink");
    let mode = if exactly {
        "exactly-once"
    } else {
        "at-least-once"
    };
    svg.text((807.0, 108.0), SMALL, true, mode);
    if exactly {
        svg.text((807.0, 122.0), SMALL, true, "(two-phase commit)");
    }
    svg.text(
        (807.0, 140.0),
        SMALL,
        true,
        &format!("visible {}", s.visible),
    );
    svg.text(
        (807.0, 160.0),
        SMALL,
        true,
        &format!("open txn {}", s.pending),
    );
    let dup = if s.duplicates > 0 { SMALL_HL } else { SMALL };
    svg.text(
        (807.0, 180.0),
        dup,
        true,
        &format!("duplicates {}", s.duplicates),
    );
    svg.text(
        (807.0, 200.0),
        SMALL,
        true,
        &format!("replayed {}", s.replayed),
    );
}

fn source(svg: &mut Svg, s: &CkState, i: usize) {
    let src = s.sources[i];
    let y = LANE_Y[i] - 35.0;
    let frac = f64::from(src.offset) / f64::from(src.total.max(1));
    svg.rect((8.0, y, 128.0, 70.0), 8.0, BOX);
    svg.text((72.0, y + 18.0), TEXT, true, &format!("Source S{i}"));
    svg.text(
        (72.0, y + 34.0),
        SMALL,
        true,
        &format!("Kafka partition {i}"),
    );
    let offset = format!("offset {} of {}", src.offset, src.total);
    svg.text((72.0, y + 50.0), SMALL, true, &offset);
    svg.rect((18.0, y + 57.0, 108.0, 6.0), 0.0, "watermarks-svg-track");
    svg.rect(
        (18.0, y + 57.0, 108.0 * frac, 6.0),
        0.0,
        "watermarks-svg-fill",
    );
}

fn channel(svg: &mut Svg, s: &CkState, i: usize) {
    let c = &s.channels[i];
    let y = LANE_Y[i];
    let blocked = s.operator.blocked[i];
    let period = if c.period == 1 {
        "delivers every tick".to_string()
    } else {
        format!("delivers every {} ticks", c.period)
    };
    svg.line((136.0, y), (470.0, y), EDGE, ARROW);
    let head = format!("channel {i}: {} in transit, {period}", c.transit.len());
    svg.text((150.0, y - 22.0), SMALL, false, &head);
    queue(svg, &c.transit, 455.0, y, 20.0, TRANSIT_SHOWN);
    let inbox = class_if("watermarks-svg-inbox", blocked, "blocked");
    svg.rect((472.0, y - 24.0, 124.0, 48.0), 4.0, &inbox);
    let (class, text) = if blocked {
        (
            SMALL_HL,
            format!("blocked: alignment buffer ({})", c.inbox.len()),
        )
    } else {
        (SMALL, format!("input buffer ({})", c.inbox.len()))
    };
    svg.text((534.0, y + 38.0), class, true, &text);
    queue(svg, &c.inbox, 584.0, y, 18.0, INBOX_SHOWN);
    svg.line((596.0, y), (600.0, y), EDGE, "");
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
    let count = |st: &str| {
        shown
            .iter()
            .filter(|c| c.status_at(s.tick) == Some(st))
            .count()
    };
    let label = format!(
        "Timeline of {} checkpoints up to tick {}: {} completed, {} aborted.",
        shown.len(),
        s.tick,
        count("completed"),
        count("aborted")
    );
    let mut svg = Svg::new(W, h, &label);
    svg.text((4.0, 14.0), SMALL, false, "checkpoints");
    svg.line((left, 22.0), (right, 22.0), "watermarks-svg-axis", "");
    for t in (0..=p.ticks).step_by(((p.ticks / 10).max(1)) as usize) {
        svg.text((x(t), 18.0), SMALL, true, &t.to_string());
    }
    for c in &shown {
        let status = c.status_at(s.tick).unwrap_or("pending");
        let (end, glyph) = match status {
            "completed" => (c.completed.unwrap_or(s.tick), "✓"),
            "aborted" => (c.aborted.unwrap_or(s.tick), "✗"),
            _ => (s.tick, "…"),
        };
        let y = 28.0 + ((c.id as usize - 1) % rows) as f64 * row_h;
        let width = (x(end) - x(c.started)).max(3.0);
        let class = format!("watermarks-svg-cp {status}");
        svg.rect((x(c.started), y, width, row_h - 3.0), 0.0, &class);
        svg.text(
            (x(end) + 3.0, y + 10.0),
            SMALL,
            false,
            &format!("{}{glyph}", c.id),
        );
    }
    if p.fail_at > 0 && p.fail_at <= s.tick {
        let f = x(p.fail_at);
        svg.line((f, 22.0), (f, h - 14.0), "watermarks-svg-fail", "");
        let text = format!("✖ failure (tick {})", p.fail_at);
        svg.text((f, h - 2.0), SMALL_HL, true, &text);
    }
    let now = x(s.tick);
    svg.line((now, 22.0), (now, h - 14.0), "watermarks-svg-now", "");
    html! {
        <figure class="watermarks-ck-timeline">{ svg.finish() }</figure>
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
    let last = s
        .last_completed
        .map_or("none".to_string(), |n| n.to_string());
    let mut m = Markup::default();
    put!(
        m,
        r#"<section class="watermarks-store" aria-label="Snapshot store"><h3 class="watermarks-h">Snapshot store ({} checkpoints started; last completed: {last})</h3>"#,
        rows.len()
    );
    if rows.is_empty() {
        put!(
            m,
            r#"<p class="hint">The first barrier is injected at tick {}.</p>"#,
            s.world.params.every
        );
    } else {
        put!(m, "{STORE_HEAD}");
        for c in rows.iter().rev().take(8) {
            store_row(&mut m, s, c);
        }
        put!(m, "</tbody></table></div>");
    }
    put!(m, "</section>");
    m.finish()
}

/// The store table's opening and header row.
const STORE_HEAD: &str = concat!(
    r#"<div class="table-scroll"><table class="watermarks-table"><thead><tr>"#,
    r#"<th scope="col">#</th><th scope="col">Barrier at tick</th><th scope="col">Offsets S0 / S1</th>"#,
    r#"<th scope="col">Snapshot</th><th scope="col">In-flight records</th><th scope="col">Status</th>"#,
    "</tr></thead><tbody>",
);

/// One checkpoint in the store.
fn store_row(m: &mut Markup, s: &CkState, c: &Checkpoint) {
    let t = s.tick;
    let status = c.status_at(t).unwrap_or("pending");
    let counts = c
        .state
        .iter()
        .enumerate()
        .map(|(k, n)| format!("{}={n}", key_name(k as u8)))
        .collect::<Vec<_>>()
        .join(" ");
    let snap = match c.snapshot {
        Some(at) if at <= t => format!("tick {at}: {counts}"),
        _ => "—".to_string(),
    };
    let text = match status {
        "completed" => format!("✓ completed at tick {}", c.completed.unwrap_or(t)),
        "aborted" => format!("✗ aborted at tick {} (failure)", c.aborted.unwrap_or(t)),
        _ => "… pending".to_string(),
    };
    let flight = if c.snapshot.is_some_and(|a| a <= t) {
        c.in_flight.len().to_string()
    } else {
        "—".to_string()
    };
    let class = class_if(status, s.last_completed == Some(c.id), "holds");
    put!(
        m,
        r#"<tr class="{class}"><th scope="row">{}</th><td>{}</td><td>{} / {}</td><td>{}</td><td>{flight}</td><td>{}</td></tr>"#,
        c.id,
        c.started,
        c.offsets[0],
        c.offsets[1],
        esc(&snap),
        esc(&text)
    );
}

/// The sink's latest outputs with their fate.
fn outputs(s: &CkState) -> Html {
    let t = s.tick;
    let outs = s.world.outputs.get(..s.outputs as usize).unwrap_or(&[]);
    let mut m = Markup::default();
    put!(
        m,
        r#"<section class="watermarks-results" aria-label="Sink outputs"><h3 class="watermarks-h">Sink outputs: {} produced, {} visible downstream, {} duplicates</h3>"#,
        outs.len(),
        s.visible,
        s.duplicates
    );
    if outs.is_empty() {
        put!(m, r#"<p class="hint">Nothing yet.</p>"#);
    } else {
        put!(
            m,
            r#"<ol class="watermarks-list" reversed start="{}">"#,
            outs.len()
        );
        for o in outs.iter().rev().take(10) {
            let fate = match (o.visible, o.aborted) {
                (Some(v), _) if v <= t && o.duplicate => {
                    format!("visible since tick {v} — a DUPLICATE (replayed record)")
                }
                (Some(v), _) if v <= t => format!("visible since tick {v}"),
                (_, Some(a)) if a <= t => format!("rolled back at tick {a} (transaction aborted)"),
                _ => "in the open transaction (commits when the next checkpoint completes)"
                    .to_string(),
            };
            let new = if o.tick == t { "new" } else { "" };
            let dup = o.duplicate && o.visible.is_some_and(|v| v <= t);
            put!(
                m,
                r#"<li class="{}">tick {}: key {} → count {} (S{} offset {}): {}</li>"#,
                class_if(new, dup, "reemit"),
                o.tick,
                key_name(o.key),
                o.count,
                o.source,
                o.offset,
                esc(&fate)
            );
        }
        put!(m, "</ol>");
    }
    put!(m, "</section>");
    m.finish()
}
