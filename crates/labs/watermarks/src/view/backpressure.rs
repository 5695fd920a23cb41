//! Backpressure mode (M5.7): the chain `Kafka topic → Source → Map → Sink` as SVG with buffer
//! gauges, the credits each sender holds, the credits returned this tick travelling back
//! upstream, blocked senders, and the topic lag; below, the history of lag and buffers.

use super::svg::{Svg, class_if, put};
use crate::backpressure::{BpState, Sample, Stage};
use yew::prelude::*;

const W: f64 = 860.0;
const H: f64 = 250.0;
const Y: f64 = 120.0;

/// The legend under the chain (static markup: one raw node, see `svg`).
const LEGEND: &str = concat!(
    r#"<ul class="watermarks-legend">"#,
    r#"<li><span class="watermarks-credit" aria-hidden="true"></span>a credit the sender holds = one free buffer slot of the receiver</li>"#,
    "<li>← arrows below the links: credits returned this tick (usable next tick)</li>",
    "<li>filled slots: records waiting in the receiver's input buffer</li>",
    "</ul>",
);

/// The history legend's buffer lines.
const HISTORY_LEGEND: &str = concat!(
    r#"<li><span class="watermarks-line map" aria-hidden="true"></span>Map buffer (0–capacity)</li>"#,
    r#"<li><span class="watermarks-line sink" aria-hidden="true"></span>Sink buffer (0–capacity)</li>"#,
);

/// The backpressure chain at one step.
pub fn backpressure_view(s: &BpState) -> Html {
    let max_lag = s.world.iter().map(|x| x.lag).max().unwrap_or(0).max(1);
    html! {
        <>
            <figure class="watermarks-bp">
                <h3 class="watermarks-h">{ format!("Credit-based flow control, tick {}{}", s.tick, if s.slow { " (slow sink phase)" } else { "" }) }</h3>
                { chain(s, max_lag) }
                <figcaption>
                    { Html::from_html_unchecked(AttrValue::from(LEGEND)) }
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
const ARROW: &str = "watermarks-bp-arrow";

/// The chain: topic, Source, Map and Sink with the links between them.
fn chain(s: &BpState, max_lag: u64) -> Html {
    let mut svg = Svg::new(W, H, &describe(s));
    svg.arrow_marker(ARROW);
    topic(&mut svg, s, max_lag);
    let source = class_if(BOX, s.source_blocked, "blocked");
    svg.rect((180.0, Y - 40.0, 120.0, 80.0), 8.0, &source);
    svg.text((240.0, Y - 18.0), TEXT, true, "Source");
    svg.text(
        (240.0, Y + 2.0),
        SMALL,
        true,
        &format!("read {} this tick", s.read),
    );
    if s.source_blocked {
        svg.text((240.0, Y + 22.0), SMALL_HL, true, "✗ no credits: waits");
    }
    svg.line((140.0, Y), (178.0, Y), EDGE, ARROW);
    let to_map = Link {
        x0: 300.0,
        x1: 430.0,
        credits: s.credits_map,
        returned: s.returned_map,
        sent: s.read,
        sender: "Source",
    };
    link(&mut svg, &to_map);
    stage(
        &mut svg,
        "Map",
        &s.map,
        430.0,
        s.map.blocked,
        "✗ no credits for the Sink",
    );
    let to_sink = Link {
        x0: 590.0,
        x1: 690.0,
        credits: s.credits_sink,
        returned: s.returned_sink,
        sent: s.map.consumed,
        sender: "Map",
    };
    link(&mut svg, &to_sink);
    stage(&mut svg, "Sink", &s.sink, 690.0, false, "");
    if s.slow {
        let text = format!("slow phase: rate {}", s.sink.rate);
        svg.text((770.0, Y + 70.0), SMALL_HL, true, &text);
    }
    svg.finish()
}

fn topic(svg: &mut Svg, s: &BpState, max_lag: u64) {
    let frac = s.lag as f64 / max_lag as f64;
    let h = 100.0;
    svg.rect((10.0, Y - 60.0, 130.0, 120.0), 8.0, BOX);
    svg.text((75.0, Y - 40.0), TEXT, true, "Kafka topic");
    svg.text((75.0, Y - 22.0), SMALL, true, &format!("lag {}", s.lag));
    svg.text(
        (75.0, Y - 8.0),
        SMALL,
        true,
        &format!("{} produced", s.produced),
    );
    svg.rect(
        (30.0, Y + 52.0 - h * 0.5, 90.0, h * 0.5),
        0.0,
        "watermarks-svg-track",
    );
    let lag = (30.0, Y + 52.0 - h * 0.5 * frac, 90.0, h * 0.5 * frac);
    svg.rect(lag, 0.0, "watermarks-svg-lag");
}

/// A link between a sender and a receiver.
struct Link {
    x0: f64,
    x1: f64,
    credits: u32,
    returned: u32,
    sent: u32,
    sender: &'static str,
}

/// The link between a sender and a receiver: the sender's credits as tokens, the records sent
/// this tick, and the credits that came back.
fn link(svg: &mut Svg, k: &Link) {
    let (x0, x1) = (k.x0, k.x1);
    let mid = f64::midpoint(x0, x1);
    let shown = k.credits.min(16);
    svg.line((x0, Y), (x1 - 2.0, Y), EDGE, ARROW);
    svg.text((mid, Y - 8.0), SMALL, true, &format!("{} sent →", k.sent));
    let held = format!("{} credits: {}", k.sender, k.credits);
    svg.text((x0 + 4.0, Y - 58.0), SMALL, false, &held);
    for i in 0..shown {
        let (c, r) = (f64::from(i % 8), f64::from(i / 8));
        put!(
            svg,
            r#"<circle cx="{:.1}" cy="{:.1}" r="5" class="watermarks-svg-credit"/>"#,
            x0 + 10.0 + c * 13.0,
            Y - 42.0 + r * 13.0
        );
    }
    if k.credits > shown {
        let more = format!("+{}", k.credits - shown);
        svg.text((x0 + 10.0 + 8.0 * 13.0, Y - 38.0), SMALL, false, &more);
    }
    if k.returned > 0 {
        svg.line(
            (x1 - 6.0, Y + 26.0),
            (x0 + 6.0, Y + 26.0),
            "watermarks-svg-return",
            ARROW,
        );
        let plural = if k.returned == 1 { "" } else { "s" };
        let back = format!("← {} credit{plural} back", k.returned);
        svg.text((mid, Y + 42.0), SMALL_HL, true, &back);
    }
}

/// A receiving stage with its buffer gauge (one cell per slot).
fn stage(svg: &mut Svg, name: &str, st: &Stage, x: f64, blocked: bool, blocked_text: &str) {
    let cap = st.capacity.max(1);
    let cols = cap.min(8);
    let rows = cap.div_ceil(cols);
    let cell = (110.0 / f64::from(cols)).min(16.0);
    let width = 160.0;
    let mid = x + width / 2.0;
    svg.rect(
        (x, Y - 60.0, width, 130.0),
        8.0,
        &class_if(BOX, blocked, "blocked"),
    );
    svg.text(
        (mid, Y - 42.0),
        TEXT,
        true,
        &format!("{name} (rate {})", st.rate),
    );
    let buffer = format!(
        "buffer {} of {}, took {}",
        st.buffer, st.capacity, st.consumed
    );
    svg.text((mid, Y - 27.0), SMALL, true, &buffer);
    for i in 0..cap {
        let (c, r) = (f64::from(i % cols), f64::from(i / cols));
        let slot = (
            x + 25.0 + c * cell,
            Y - 18.0 + r * cell,
            cell - 2.0,
            cell - 2.0,
        );
        svg.rect(
            slot,
            0.0,
            &class_if("watermarks-svg-slot", i < st.buffer, "filled"),
        );
    }
    if blocked {
        svg.text(
            (mid, Y + 20.0 + f64::from(rows) * cell),
            SMALL_HL,
            true,
            blocked_text,
        );
    }
}

/// Lag and buffer occupancy over the ticks so far, with the legend.
fn history(s: &BpState, max_lag: u64) -> Html {
    html! {
        <figure class="watermarks-bp-history">
            { history_svg(s, max_lag) }
            <figcaption>
                { Html::from_html_unchecked(AttrValue::from(format!(
                    r#"<ul class="watermarks-legend"><li><span class="watermarks-line lag" aria-hidden="true"></span>topic lag (0–{max_lag} records)</li>{HISTORY_LEGEND}</ul>"#
                ))) }
            </figcaption>
        </figure>
    }
}

/// A history line: its class and the value plotted (0–1) for a sample.
type Series<'a> = (&'static str, &'a dyn Fn(&Sample) -> f64);

/// The history plot: lag and the two buffers as lines, the ticks, now.
fn history_svg(s: &BpState, max_lag: u64) -> Html {
    let ticks = s.world.len().saturating_sub(1).max(1) as f64;
    let (left, right, top, bottom) = (50.0, W - 10.0, 12.0, 130.0);
    let x = |t: usize| left + t as f64 / ticks * (right - left);
    let cap = f64::from(s.map.capacity.max(1));
    let upto = s.world.get(..=s.tick as usize).unwrap_or(&s.world[..]);
    let label = format!(
        "History up to tick {}: topic lag now {} (peak so far {}), Map buffer {}, Sink buffer {}.",
        s.tick,
        s.lag,
        upto.iter().map(|x_| x_.lag).max().unwrap_or(0),
        s.map.buffer,
        s.sink.buffer
    );
    let mut svg = Svg::new(W, 160.0, &label);
    svg.line((left, bottom), (right, bottom), "watermarks-svg-axis", "");
    svg.line((left, top), (left, bottom), "watermarks-svg-axis", "");
    svg.text((4.0, top + 8.0), SMALL, false, "max");
    svg.text((4.0, bottom), SMALL, false, "0");
    for t in (0..s.world.len()).step_by((s.world.len() / 10).max(1)) {
        svg.text((x(t), bottom + 14.0), SMALL, true, &t.to_string());
    }
    let series: [Series<'_>; 3] = [
        ("lag", &|x_| x_.lag as f64 / max_lag as f64),
        ("map", &|x_| f64::from(x_.map_buffer) / cap),
        ("sink", &|x_| f64::from(x_.sink_buffer) / cap),
    ];
    for (class, f) in series {
        put!(
            svg,
            r#"<polyline class="watermarks-svg-series {class}" points=""#
        );
        for (t, x_) in upto.iter().enumerate() {
            put!(svg, "{:.1},{:.1} ", x(t), bottom - f(x_) * (bottom - top));
        }
        put!(svg, r#""/>"#);
    }
    let now = x(s.tick as usize);
    svg.line((now, top), (now, bottom), "watermarks-svg-now", "");
    put!(
        svg,
        r#"<text x="{right:.1}" y="156" class="{SMALL}" text-anchor="end">tick →</text>"#
    );
    svg.finish()
}
