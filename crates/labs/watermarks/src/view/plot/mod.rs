//! The classic picture on a canvas: processing time across, event time up; every arrived event
//! a marker at `(arrival, event time)` shaped by its route; the diagonal "no delay" line; the
//! global watermark (min over partitions) and the single-source `max_seen − bound` as rising
//! step lines; firing marks where the watermark passes a window end; and below, one lane per
//! partition with its arrivals, its idle timer, idle stretches and watermark.
//!
//! Only the visible time window is drawn (binary searches on the arrival-ordered logs); streams
//! too long for that get an overview strip that bins the whole stream.

use super::WmProps;
use super::draw::{self, Theme};
use crate::engine::Event;
use crate::layout::geom::{self, Frame, PlotLayout};
use crate::layout::prep::{Class, Prep};
use crate::stream::key_name;
use crate::time::{format_duration, format_time, format_watermark};
use crate::watermark::IdlePolicy;
use crate::wm_lab::{WmFocus, WmState};
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

mod lanes;
mod lines;
mod marks;

use lanes::{draw_overview, lanes};
pub use lines::min_partition;
use lines::{
    firings, focus, focus_partition, line_labels, now_line, partition_lines, watermark_line,
};
use marks::{axes, batch_band, diagonal, dots, grid_bands};

/// Above this many visible events, markers give way to a density raster.
pub const MAX_MARKERS: usize = 4_000;
/// Height of the overview strip.
const OVERVIEW_H: f64 = 46.0;

/// What the last drawing put where (for hit testing).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Drawn {
    /// The layout.
    pub layout: PlotLayout,
    /// The frame.
    pub frame: Frame,
}

/// The event-time against processing-time plot.
#[component]
pub fn Plot(props: &WmProps) -> Html {
    let canvas = use_node_ref();
    let overview = use_node_ref();
    let resize = draw::use_resize();
    let hovered = use_state(|| None::<u32>);
    let drawn = use_mut_ref(|| None::<Drawn>);
    let widths = use_mut_ref(|| [(0u32, 0.0f64); 2]);
    {
        let (canvas, overview, drawn) = (canvas.clone(), overview.clone(), drawn.clone());
        use_effect_with(
            (props.clone(), resize, *hovered),
            move |(p, resize, hovered)| {
                if let (Some(el), Some(s)) = (canvas.cast::<HtmlCanvasElement>(), p.state()) {
                    let start = sdp_kit_web::dom::now_ms();
                    let t = draw::theme(draw::dark());
                    let mut widths = widths.borrow_mut();
                    let w = draw::cached_width(&el, &mut widths[0], *resize);
                    *drawn.borrow_mut() = draw_plot(&el, w, s, &p.prep, *hovered, &t);
                    if let Some(ov) = overview.cast::<HtmlCanvasElement>() {
                        let w = draw::cached_width(&ov, &mut widths[1], *resize);
                        draw_overview(&ov, w, s, &p.prep, &t);
                    }
                    draw::record("plot", sdp_kit_web::dom::now_ms() - start);
                }
            },
        );
    }
    let Some(s) = props.state() else {
        return html! {};
    };
    let on_move = {
        let (hovered, drawn, trace, cursor) = (
            hovered.clone(),
            drawn.clone(),
            props.trace.clone(),
            props.cursor,
        );
        Callback::from(move |e: PointerEvent| {
            let Some(d) = *drawn.borrow() else { return };
            let Some(s) = crate::layout::wm_state(&trace, cursor) else {
                return;
            };
            let found = pick(s, &d, f64::from(e.offset_x()), f64::from(e.offset_y()));
            if *hovered != found {
                hovered.set(found);
            }
        })
    };
    let on_leave = {
        let hovered = hovered.clone();
        Callback::from(move |_: PointerEvent| hovered.set(None))
    };
    let frame = props.prep.follow.frame(s.clock_ms);
    let info = hovered
        .and_then(|i| s.world.events.get(i as usize).map(|e| (i, e)))
        .filter(|(i, _)| *i < s.at.arrived)
        .map(|(i, e)| event_text(i, e));
    html! {
        <figure class="watermarks-plot">
            <h3 class="watermarks-h">{"Event time against processing time"}</h3>
            if props.prep.follow.scrolls() {
                <canvas ref={overview} class="watermarks-overview" role="img"
                    aria-label={overview_label(s, &frame)} />
            }
            <canvas ref={canvas} class="watermarks-canvas" role="img" aria-label={describe(s, &props.prep, &frame)}
                onpointermove={on_move.clone()} onpointerdown={on_move} onpointerleave={on_leave} />
            <p class="watermarks-hover" aria-live="off">{ info.unwrap_or_else(|| hint(s)) }</p>
            <figcaption>{ legend(s) }</figcaption>
        </figure>
    }
}

/// The hint under the plot when nothing is picked.
fn hint(s: &WmState) -> String {
    match s.focus {
        WmFocus::Arrival { event } => s
            .world
            .events
            .get(event as usize)
            .map(|e| format!("This step: {}", event_text(event, e)))
            .unwrap_or_default(),
        _ => "Point at (or tap) an event for its details.".to_string(),
    }
}

/// One event in words.
pub fn event_text(i: u32, e: &Event) -> String {
    let late = match e.watermark_before {
        Some(w) if e.event_ms < w => format!(
            ", {} behind the watermark {}",
            format_duration(w - e.event_ms),
            format_time(w)
        ),
        _ => String::new(),
    };
    format!(
        "Event #{} (key {}, P{}{}): event time {}, arrived {} (delay {}): {}{late}.",
        i + 1,
        key_name(e.key),
        e.partition,
        if e.injected { ", injected" } else { "" },
        format_time(e.event_ms),
        format_time(e.arrival_ms),
        format_duration(e.arrival_ms - e.event_ms),
        Class::of(e).words(),
    )
}

/// The event under `(px, py)`, if any.
pub fn pick(s: &WmState, d: &Drawn, px: f64, py: f64) -> Option<u32> {
    let (xs, ys) = d.layout.scales(&d.frame);
    let (lo, hi) = visible_range(s.events(), &d.frame);
    let evs = s.events();
    if hi - lo > MAX_MARKERS {
        return None;
    }
    geom::nearest(
        (lo..hi).filter_map(|i| {
            evs.get(i)
                .map(|e| (i as u32, xs.px(e.arrival_ms), ys.px_clamped(e.event_ms)))
        }),
        px,
        py,
        9.0,
    )
}

/// Indexes `lo..hi` of the events arrived within the frame's processing time.
pub fn visible_range(events: &[Event], f: &Frame) -> (usize, usize) {
    let lo = events.partition_point(|e| e.arrival_ms < f.x0);
    let hi = events.partition_point(|e| e.arrival_ms <= f.x1);
    (lo, hi.max(lo))
}

/// A sentence for screen readers.
fn describe(s: &WmState, prep: &Prep, f: &Frame) -> String {
    let t = &s.totals;
    let on_time = t.arrived - t.late;
    let parts: Vec<String> = s
        .partitions
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                "P{i} {}{}",
                format_watermark(p.watermark),
                if p.idle { " (idle)" } else { "" }
            )
        })
        .collect();
    let (differ, both) = prep.differ_at(s.at.micro);
    format!(
        "Event time against processing time, processing time {} to {}. Now {}: {} of {} events arrived, {} on time, {} late within the allowed lateness, {} to the side output, {} dropped. Global watermark {}, max_seen − bound {}. Partition watermarks: {}. {} of {} windows give different counts in event time and processing time.",
        format_time(f.x0),
        format_time(f.x1),
        format_time(s.clock_ms),
        t.arrived,
        s.world.events.len(),
        on_time,
        t.late_joined,
        t.side_output,
        t.dropped,
        format_watermark(s.global),
        format_watermark(s.watermark),
        parts.join(", "),
        differ,
        both
    )
}

fn overview_label(s: &WmState, f: &Frame) -> String {
    format!(
        "Overview of the whole stream ({} events, {} to {}), arrivals binned by processing time; the plot below shows {} to {}.",
        s.world.events.len(),
        format_time(s.world.start_ms),
        format_time(s.world.extent.max_clock_ms),
        format_time(f.x0),
        format_time(f.x1)
    )
}

/// The legend: every mark, in words and with its glyph.
fn legend(s: &WmState) -> Html {
    let policy = s.world.params.idle_policy;
    let idle = match policy {
        IdlePolicy::Wait => "no idle handling: a silent partition holds the global watermark back",
        IdlePolicy::Advance => {
            "idle timeout fired: the partition's watermark is advanced to processing time (the document)"
        }
        IdlePolicy::Exclude => {
            "idle timeout fired: the partition is excluded from the minimum (Flink, not in source)"
        }
    };
    // Static markup but for the idle policy's words: one raw node (see `svg`).
    Html::from_html_unchecked(AttrValue::from(format!(
        r#"<ul class="watermarks-legend">{LEGEND}<li><svg class="watermarks-stopwatch" viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="9" r="5.5"/><path d="M8 9 V5.5 M8 9 L10.5 10 M6 2 H10"/></svg>{idle}</li><li><span class="watermarks-line timer" aria-hidden="true"></span>lanes: idle timer since the partition's last event; hatched = idle</li></ul>"#
    )))
}

/// The legend's items for the marks and lines.
const LEGEND: &str = concat!(
    r#"<li><span class="watermarks-glyph on-time" aria-hidden="true">●</span>on time</li>"#,
    r#"<li><span class="watermarks-glyph late" aria-hidden="true">▲</span>late, within allowed lateness (joins or re-emits its window)</li>"#,
    r#"<li><span class="watermarks-glyph side" aria-hidden="true">✕</span>too late → side output</li>"#,
    r#"<li><span class="watermarks-glyph dropped" aria-hidden="true">□</span>too late → dropped</li>"#,
    r#"<li><span class="watermarks-glyph injected" aria-hidden="true">◎</span>injected by hand</li>"#,
    r#"<li><span class="watermarks-line global" aria-hidden="true"></span>global watermark = min over partitions (fires windows)</li>"#,
    r#"<li><span class="watermarks-line single" aria-hidden="true"></span>max_seen − bound (one source, M5.1)</li>"#,
    r#"<li><span class="watermarks-line ideal" aria-hidden="true"></span>event time = processing time (no delay)</li>"#,
    r#"<li><span class="watermarks-glyph fire" aria-hidden="true">◆</span>a window fires (watermark ≥ its end); ◇ re-emitted by a late event</li>"#,
);

/// Draws the plot and the lanes; returns what went where.
fn draw_plot(
    el: &HtmlCanvasElement,
    w: f64,
    s: &WmState,
    prep: &Prep,
    hovered: Option<u32>,
    t: &Theme,
) -> Option<Drawn> {
    let parts = s.partitions.len().max(1);
    let layout = PlotLayout::new(w, parts);
    let ctx = draw::prepare(el, w, layout.height)?;
    let frame = prep.follow.frame(s.clock_ms);
    let (xs, ys) = layout.scales(&frame);
    let world = &s.world;
    draw::font(&ctx, false);
    grid_bands(&ctx, world, &layout, &ys, t);
    axes(&ctx, &layout, &frame, &xs, &ys, t);
    diagonal(&ctx, &layout, &frame, &xs, &ys, t);
    batch_band(&ctx, s, &layout, &xs, t);
    ctx.save();
    ctx.begin_path();
    ctx.rect(
        layout.left,
        layout.top - 6.0,
        layout.right - layout.left + 6.0,
        layout.bottom - layout.top + 12.0,
    );
    ctx.clip();
    let (lo, hi) = visible_range(s.events(), &frame);
    dots(&ctx, s, lo, hi, &xs, &ys, t);
    partition_lines(&ctx, s, prep, &frame, &xs, &ys, t);
    watermark_line(&ctx, s, &frame, &xs, &ys, t, true);
    watermark_line(&ctx, s, &frame, &xs, &ys, t, false);
    firings(&ctx, s, &frame, &xs, &ys, t);
    focus(&ctx, s, &xs, &ys, t);
    if let Some(e) = hovered.and_then(|i| s.events().get(i as usize)) {
        ctx.set_stroke_style_str(t.fg);
        ctx.set_line_width(1.5);
        ctx.begin_path();
        let _ = ctx.arc(
            xs.px(e.arrival_ms),
            ys.px_clamped(e.event_ms),
            8.0,
            0.0,
            std::f64::consts::TAU,
        );
        ctx.stroke();
    }
    ctx.restore();
    line_labels(&ctx, s, &layout, &xs, &ys, t);
    now_line(&ctx, s, &layout, &xs, t);
    lanes(&ctx, s, prep, &layout, &frame, &xs, lo, hi, t);
    Some(Drawn { layout, frame })
}
