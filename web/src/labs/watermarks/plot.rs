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
use super::geom::{self, Frame, PlotLayout, Scale};
use super::prep::{Class, Prep};
use sdp_stream::engine::{Event, WmWorld};
use sdp_stream::operator::EmitCause;
use sdp_stream::stream::key_name;
use sdp_stream::time::{END_OF_TIME, format_duration, format_time, format_watermark};
use sdp_stream::watermark::IdlePolicy;
use sdp_stream::window::WindowKind;
use sdp_stream::wm_lab::{WmFocus, WmState};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

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
                    let start = crate::dom::now_ms();
                    let t = draw::theme(draw::dark());
                    let mut widths = widths.borrow_mut();
                    let w = draw::cached_width(&el, &mut widths[0], *resize);
                    *drawn.borrow_mut() = draw_plot(&el, w, s, &p.prep, *hovered, &t);
                    if let Some(ov) = overview.cast::<HtmlCanvasElement>() {
                        let w = draw::cached_width(&ov, &mut widths[1], *resize);
                        draw_overview(&ov, w, s, &p.prep, &t);
                    }
                    draw::record("plot", crate::dom::now_ms() - start);
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
            let Some(s) = super::wm_state(&trace, cursor) else {
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
    html! {
        <ul class="watermarks-legend">
            <li><span class="watermarks-glyph on-time" aria-hidden="true">{"●"}</span>{"on time"}</li>
            <li><span class="watermarks-glyph late" aria-hidden="true">{"▲"}</span>{"late, within allowed lateness (joins or re-emits its window)"}</li>
            <li><span class="watermarks-glyph side" aria-hidden="true">{"✕"}</span>{"too late → side output"}</li>
            <li><span class="watermarks-glyph dropped" aria-hidden="true">{"□"}</span>{"too late → dropped"}</li>
            <li><span class="watermarks-glyph injected" aria-hidden="true">{"◎"}</span>{"injected by hand"}</li>
            <li><span class="watermarks-line global" aria-hidden="true"></span>{"global watermark = min over partitions (fires windows)"}</li>
            <li><span class="watermarks-line single" aria-hidden="true"></span>{"max_seen − bound (one source, M5.1)"}</li>
            <li><span class="watermarks-line ideal" aria-hidden="true"></span>{"event time = processing time (no delay)"}</li>
            <li><span class="watermarks-glyph fire" aria-hidden="true">{"◆"}</span>{"a window fires (watermark ≥ its end); ◇ re-emitted by a late event"}</li>
            <li><svg class="watermarks-stopwatch" viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="9" r="5.5" /><path d="M8 9 V5.5 M8 9 L10.5 10 M6 2 H10" /></svg>{ idle }</li>
            <li><span class="watermarks-line timer" aria-hidden="true"></span>{"lanes: idle timer since the partition's last event; hatched = idle"}</li>
        </ul>
    }
}

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

/// Alternate shading of the tumbling or sliding grid on the event-time axis.
fn grid_bands(
    ctx: &CanvasRenderingContext2d,
    world: &WmWorld,
    l: &PlotLayout,
    ys: &Scale,
    t: &Theme,
) {
    let spec = world.window;
    let step = match spec.kind {
        WindowKind::Tumbling => spec.size_ms,
        WindowKind::Sliding => spec.slide_ms,
        WindowKind::Session => return,
    }
    .max(1);
    let (y0, y1) = (ys.t0, ys.t1);
    if (y1 - y0) / step > 300 {
        return;
    }
    let mut k = y0.div_euclid(step);
    ctx.set_fill_style_str(t.faint);
    while k * step < y1 {
        if k.rem_euclid(2) == 0 {
            let (a, b) = (ys.px_clamped(k * step), ys.px_clamped((k + 1) * step));
            ctx.fill_rect(l.left, b, l.right - l.left, a - b);
        }
        k += 1;
    }
}

fn axes(
    ctx: &CanvasRenderingContext2d,
    l: &PlotLayout,
    f: &Frame,
    xs: &Scale,
    ys: &Scale,
    t: &Theme,
) {
    ctx.set_stroke_style_str(t.muted);
    ctx.set_line_width(1.0);
    ctx.begin_path();
    ctx.move_to(l.left, l.top);
    ctx.line_to(l.left, l.bottom);
    ctx.line_to(l.right, l.bottom);
    ctx.stroke();
    ctx.set_fill_style_str(t.fg);
    let max_x = ((l.right - l.left) / 95.0).max(2.0) as usize;
    let (_, xt) = geom::ticks(f.x0, f.x1, max_x);
    ctx.set_text_align("center");
    ctx.begin_path();
    for &x in &xt {
        let px = xs.px(x);
        ctx.move_to(px, l.bottom);
        ctx.line_to(px, l.bottom + 4.0);
        let text = geom::tick_label(x);
        let half = draw::text_width(ctx, &text) / 2.0;
        let cx = px.clamp(half + 2.0, l.width - half - 2.0);
        let _ = ctx.fill_text(&text, cx, l.bottom + 15.0);
    }
    let max_y = ((l.bottom - l.top) / 36.0).max(2.0) as usize;
    let (_, yt) = geom::ticks(f.y0, f.y1, max_y);
    ctx.set_text_align("right");
    for &y in &yt {
        let py = ys.px(y);
        ctx.move_to(l.left - 4.0, py);
        ctx.line_to(l.left, py);
        let _ = ctx.fill_text(&geom::tick_label(y), l.left - 6.0, py + 4.0);
    }
    ctx.stroke();
    ctx.set_text_align("center");
    let _ = ctx.fill_text(
        "processing time (arrival) →",
        (l.left + l.right) / 2.0,
        l.bottom + 30.0,
    );
    ctx.set_text_align("left");
    let _ = ctx.fill_text("↑ event time", 4.0, l.top - 12.0);
}

fn diagonal(
    ctx: &CanvasRenderingContext2d,
    l: &PlotLayout,
    f: &Frame,
    xs: &Scale,
    ys: &Scale,
    t: &Theme,
) {
    let a = f.x0.max(f.y0);
    let b = f.x1.min(f.y1);
    if a >= b {
        return;
    }
    ctx.set_stroke_style_str(t.muted);
    ctx.set_line_width(1.0);
    draw::set_dash(ctx, &[2.0, 3.0]);
    ctx.begin_path();
    ctx.move_to(xs.px(a), ys.px(a));
    ctx.line_to(xs.px(b), ys.px(b));
    ctx.stroke();
    draw::set_dash(ctx, &[]);
    let _ = l;
}

/// Shades the processing time a batch step covered.
fn batch_band(ctx: &CanvasRenderingContext2d, s: &WmState, l: &PlotLayout, xs: &Scale, t: &Theme) {
    if !matches!(s.focus, WmFocus::Batch { .. }) {
        return;
    }
    let from = s
        .before
        .micro
        .checked_sub(1)
        .and_then(|i| s.world.progress.get(i as usize))
        .map_or(s.world.start_ms, |p| p.clock_ms);
    let (a, b) = (xs.px_clamped(from), xs.px_clamped(s.clock_ms));
    ctx.set_global_alpha(0.12);
    ctx.set_fill_style_str(t.accent);
    ctx.fill_rect(a, l.top, (b - a).max(1.0), l.bottom - l.top);
    ctx.set_global_alpha(1.0);
}

/// The arrived events in the frame: markers by class, or a density raster when too many.
fn dots(
    ctx: &CanvasRenderingContext2d,
    s: &WmState,
    lo: usize,
    hi: usize,
    xs: &Scale,
    ys: &Scale,
    t: &Theme,
) {
    let evs = s.events();
    let slice = evs.get(lo..hi).unwrap_or(&[]);
    if slice.len() > MAX_MARKERS {
        raster(ctx, slice, xs, ys, t);
        return;
    }
    let r = if slice.len() > 800 { 2.2 } else { 3.4 };
    // How late: a thin line from each late event up to the watermark it arrived behind.
    ctx.set_line_width(1.0);
    for class in [Class::Late, Class::Side, Class::Dropped] {
        ctx.set_stroke_style_str(t.class(class));
        ctx.set_global_alpha(0.55);
        ctx.begin_path();
        for e in slice.iter().filter(|e| Class::of(e) == class) {
            if let Some(w) = e.watermark_before {
                let x = xs.px(e.arrival_ms);
                ctx.move_to(x, ys.px_clamped(e.event_ms));
                ctx.line_to(x, ys.px_clamped(w));
            }
        }
        ctx.stroke();
    }
    ctx.set_global_alpha(1.0);
    for class in Class::ALL {
        ctx.begin_path();
        let mut any = false;
        for e in slice.iter().filter(|e| Class::of(e) == class) {
            any = true;
            draw::marker(
                ctx,
                class,
                xs.px(e.arrival_ms),
                ys.px_clamped(e.event_ms),
                r,
            );
        }
        if !any {
            continue;
        }
        if draw::filled(class) {
            ctx.set_fill_style_str(t.class(class));
            ctx.fill();
            if class == Class::Late {
                ctx.set_stroke_style_str(t.fg);
                ctx.set_line_width(0.8);
                ctx.stroke();
            }
        } else {
            ctx.set_stroke_style_str(t.class(class));
            ctx.set_line_width(2.0);
            ctx.stroke();
        }
    }
    // Injected events: a ring, and their event time when off the chart.
    ctx.set_stroke_style_str(t.fg);
    ctx.set_line_width(1.2);
    ctx.set_fill_style_str(t.fg);
    for e in slice.iter().filter(|e| e.injected) {
        let (x, y) = (xs.px(e.arrival_ms), ys.px_clamped(e.event_ms));
        ctx.begin_path();
        let _ = ctx.arc(x, y, r + 3.5, 0.0, std::f64::consts::TAU);
        ctx.stroke();
        if !ys.contains(e.event_ms) {
            let below = e.event_ms < ys.t0;
            let _ = ctx.fill_text(
                &format!(
                    "{} {}",
                    if below { "↓" } else { "↑" },
                    format_time(e.event_ms)
                ),
                x + 8.0,
                if below { y - 6.0 } else { y + 14.0 },
            );
        }
    }
}

/// Density raster: one cell per 3 px, shaded by count, coloured by the latest class in it.
fn raster(ctx: &CanvasRenderingContext2d, slice: &[Event], xs: &Scale, ys: &Scale, t: &Theme) {
    const CELL: f64 = 3.0;
    let (x0, x1) = (xs.p0.min(xs.p1), xs.p0.max(xs.p1));
    let (y0, y1) = (ys.p0.min(ys.p1), ys.p0.max(ys.p1));
    let cols = ((x1 - x0) / CELL).ceil().max(1.0) as usize + 1;
    let rows = ((y1 - y0) / CELL).ceil().max(1.0) as usize + 1;
    let mut cells = vec![(0u16, 0u8); cols * rows];
    for e in slice {
        let c = ((xs.px(e.arrival_ms) - x0) / CELL) as usize;
        let r = ((ys.px_clamped(e.event_ms) - y0) / CELL) as usize;
        if let Some(cell) = cells.get_mut(r.min(rows - 1) * cols + c.min(cols - 1)) {
            cell.0 = cell.0.saturating_add(1);
            cell.1 = cell.1.max(Class::of(e).index() as u8);
        }
    }
    for class in Class::ALL {
        ctx.set_fill_style_str(t.class(class));
        for (i, &(n, k)) in cells.iter().enumerate() {
            if n == 0 || usize::from(k) != class.index() {
                continue;
            }
            ctx.set_global_alpha((0.35 + f64::from(n) / 6.0).min(1.0));
            let (c, r) = (i % cols, i / cols);
            ctx.fill_rect(x0 + c as f64 * CELL, y0 + r as f64 * CELL, CELL, CELL);
        }
    }
    ctx.set_global_alpha(1.0);
}

/// A monotone step line through `(clock, value)` points, clipped to the frame.
fn step_line(
    ctx: &CanvasRenderingContext2d,
    points: impl Iterator<Item = (i64, Option<i64>)>,
    until: i64,
    xs: &Scale,
    ys: &Scale,
) {
    let mut last: Option<(f64, f64)> = None;
    ctx.begin_path();
    for (clock, value) in points {
        let x = xs.px(clock);
        match (value, last) {
            (None, _) => last = None,
            (Some(v), None) => {
                let y = ys.px_clamped(v.min(ys.t1 + 1));
                ctx.move_to(x, y);
                last = Some((x, y));
            }
            (Some(v), Some((lx, ly))) => {
                let y = ys.px_clamped(v.min(ys.t1 + 1));
                if (x - lx).abs() < 0.5 && (y - ly).abs() < 0.5 {
                    continue;
                }
                ctx.line_to(x, ly);
                ctx.line_to(x, y);
                last = Some((x, y));
            }
        }
    }
    if let Some((_, ly)) = last {
        ctx.line_to(xs.px(until), ly);
    }
    ctx.stroke();
}

/// The global (`global = true`) or single-source watermark up to the current micro-step.
fn watermark_line(
    ctx: &CanvasRenderingContext2d,
    s: &WmState,
    f: &Frame,
    xs: &Scale,
    ys: &Scale,
    t: &Theme,
    global: bool,
) {
    let progress = s.world.progress.get(..s.at.micro as usize).unwrap_or(&[]);
    let from = progress
        .partition_point(|p| p.clock_ms < f.x0)
        .saturating_sub(1);
    let to = progress.partition_point(|p| p.clock_ms <= f.x1);
    let pts = progress
        .get(from..to)
        .unwrap_or(&[])
        .iter()
        .map(|p| (p.clock_ms, if global { p.global } else { p.single }));
    if global {
        ctx.set_stroke_style_str(t.global);
        ctx.set_line_width(2.6);
    } else {
        ctx.set_stroke_style_str(t.single);
        ctx.set_line_width(1.6);
        draw::set_dash(ctx, &[6.0, 4.0]);
    }
    step_line(ctx, pts, s.clock_ms.min(f.x1), xs, ys);
    draw::set_dash(ctx, &[]);
    // The current value as a dot at now (visible even before the line has any length).
    let now = if global { s.global } else { s.watermark };
    if let Some(v) = now.filter(|_| xs.contains(s.clock_ms)) {
        ctx.set_fill_style_str(if global { t.global } else { t.single });
        ctx.begin_path();
        let _ = ctx.arc(
            xs.px(s.clock_ms),
            ys.px_clamped(v.min(ys.t1 + 1)),
            if global { 4.0 } else { 3.0 },
            0.0,
            std::f64::consts::TAU,
        );
        ctx.fill();
    }
}

/// Thin lines of the partition watermarks: all of them up to four partitions, else the one
/// holding the global minimum and the one of this step.
fn partition_lines(
    ctx: &CanvasRenderingContext2d,
    s: &WmState,
    prep: &Prep,
    f: &Frame,
    xs: &Scale,
    ys: &Scale,
    t: &Theme,
) {
    if s.partitions.len() < 2 {
        return;
    }
    let focus = focus_partition(s);
    let min = min_partition(s);
    let mut ends: Vec<(usize, f64)> = Vec::new();
    for (p, idx) in prep.lanes.iter().enumerate() {
        let p8 = p as u8;
        if s.partitions.len() > 4 && Some(p8) != focus && Some(p8) != min {
            continue;
        }
        let lanes = &s.world.lanes;
        let n = idx.partition_point(|&i| i < s.at.lanes);
        let shown = idx.get(..n).unwrap_or(&[]);
        let from = shown
            .partition_point(|&i| lanes.get(i as usize).is_some_and(|c| c.clock_ms < f.x0))
            .saturating_sub(1);
        ctx.set_stroke_style_str(if Some(p8) == focus { t.accent } else { t.muted });
        ctx.set_line_width(1.2);
        ctx.begin_path();
        let mut last: Option<(i64, i64, bool)> = None;
        let until = s.clock_ms.min(f.x1);
        for &i in shown.get(from..).unwrap_or(&[]) {
            let Some(c) = lanes.get(i as usize) else {
                continue;
            };
            if c.clock_ms > f.x1 {
                break;
            }
            let Some(w) = c.watermark else { continue };
            match last {
                None => ctx.move_to(xs.px(c.clock_ms), ys.px_clamped(w)),
                Some((lc, lw, tracks)) => {
                    let reach = if tracks { c.clock_ms } else { lw };
                    let _ = lc;
                    ctx.line_to(xs.px(c.clock_ms), ys.px_clamped(reach));
                    ctx.line_to(xs.px(c.clock_ms), ys.px_clamped(w));
                }
            }
            last = Some((c.clock_ms, w, c.tracks_clock));
        }
        let mut end = None;
        if let Some((_, lw, tracks)) = last {
            let reach = if tracks { until } else { lw };
            ctx.line_to(xs.px(until), ys.px_clamped(reach));
            end = Some(ys.px_clamped(reach));
        }
        ctx.stroke();
        if let Some(y) = end {
            ends.push((p, y));
        }
    }
    // Partition names just left of now, where their lines end.
    ctx.set_text_align("right");
    let x = xs.px(s.clock_ms.min(f.x1)) - 4.0;
    let mut used: Vec<f64> = Vec::new();
    for (p, y) in ends {
        if used.iter().any(|u| (u - y).abs() < 10.0) {
            continue;
        }
        used.push(y);
        ctx.set_fill_style_str(if Some(p as u8) == focus {
            t.accent
        } else {
            t.muted
        });
        let _ = ctx.fill_text(&format!("P{p}"), x, y - 3.0);
    }
}

/// The partition of this step's event or idle timeout.
fn focus_partition(s: &WmState) -> Option<u8> {
    match s.focus {
        WmFocus::Arrival { event } => s.world.events.get(event as usize).map(|e| e.partition),
        WmFocus::IdleTimeout { partition } => Some(partition),
        _ => None,
    }
}

/// The partition holding the global watermark back (lowest watermark among those counted).
pub fn min_partition(s: &WmState) -> Option<u8> {
    let exclude = s.world.params.idle_policy == IdlePolicy::Exclude;
    s.partitions
        .iter()
        .enumerate()
        .filter(|(_, p)| !(exclude && p.idle))
        .min_by_key(|(_, p)| p.watermark.unwrap_or(i64::MIN))
        .map(|(i, _)| i as u8)
}

/// Diamonds where the watermark fired a window (filled) or a late event re-emitted one (open).
fn firings(
    ctx: &CanvasRenderingContext2d,
    s: &WmState,
    f: &Frame,
    xs: &Scale,
    ys: &Scale,
    t: &Theme,
) {
    let progress = &s.world.progress;
    let emits = s.event_emits();
    let first_micro = progress.partition_point(|p| p.clock_ms < f.x0) as u32;
    let from = emits.partition_point(|e| e.at < first_micro);
    let mut last = (u32::MAX, i64::MIN, false);
    let mut shown = 0;
    for e in emits.get(from..).unwrap_or(&[]) {
        let Some(p) = progress.get(e.at as usize) else {
            continue;
        };
        if p.clock_ms > f.x1 || shown > 2_000 {
            break;
        }
        let watermark = e.cause == EmitCause::Watermark;
        if (e.at, e.end, watermark) == last || !ys.contains(e.end) {
            continue;
        }
        last = (e.at, e.end, watermark);
        shown += 1;
        let (x, y) = (xs.px(p.clock_ms), ys.px(e.end));
        ctx.begin_path();
        ctx.move_to(x, y - 5.0);
        ctx.line_to(x + 4.0, y);
        ctx.line_to(x, y + 5.0);
        ctx.line_to(x - 4.0, y);
        ctx.close_path();
        if watermark {
            ctx.set_fill_style_str(t.fg);
            ctx.fill();
        } else {
            ctx.set_stroke_style_str(t.late);
            ctx.set_line_width(1.5);
            ctx.stroke();
        }
    }
}

/// The event of this step: a ring, guides to both axes, and how far behind the watermark.
fn focus(ctx: &CanvasRenderingContext2d, s: &WmState, xs: &Scale, ys: &Scale, t: &Theme) {
    let WmFocus::Arrival { event } = s.focus else {
        return;
    };
    let Some(e) = s.world.events.get(event as usize) else {
        return;
    };
    let (x, y) = (xs.px(e.arrival_ms), ys.px_clamped(e.event_ms));
    ctx.set_stroke_style_str(t.accent);
    ctx.set_line_width(1.0);
    draw::set_dash(ctx, &[3.0, 3.0]);
    ctx.begin_path();
    ctx.move_to(xs.p0, y);
    ctx.line_to(x, y);
    ctx.line_to(x, ys.p0);
    ctx.stroke();
    draw::set_dash(ctx, &[]);
    ctx.set_line_width(2.5);
    ctx.begin_path();
    let _ = ctx.arc(x, y, 9.0, 0.0, std::f64::consts::TAU);
    ctx.stroke();
    if let Some(w) = e.watermark_before.filter(|w| e.event_ms < *w) {
        ctx.set_line_width(3.0);
        ctx.begin_path();
        ctx.move_to(x, y);
        ctx.line_to(x, ys.px_clamped(w));
        ctx.stroke();
        ctx.set_fill_style_str(t.accent);
        draw::font(ctx, true);
        let mid = (y + ys.px_clamped(w)) / 2.0;
        draw::label_near(
            ctx,
            &format!("late by {}", format_duration(w - e.event_ms)),
            x + 3.0,
            mid + 4.0,
            (xs.p0, xs.p1),
            t.accent,
            t,
        );
        draw::font(ctx, false);
    }
}

/// Labels at the right end of the two watermark lines.
fn line_labels(
    ctx: &CanvasRenderingContext2d,
    s: &WmState,
    l: &PlotLayout,
    xs: &Scale,
    ys: &Scale,
    t: &Theme,
) {
    let x = xs.px_clamped(s.clock_ms);
    draw::font(ctx, true);
    let mut used: Vec<f64> = Vec::new();
    let mut put = |text: String, value: Option<i64>, colour: &str, below: bool| {
        let Some(v) = value else { return };
        let mut y = if v == END_OF_TIME {
            ys.p1 + 12.0
        } else {
            ys.px_clamped(v)
        };
        y += if below { 14.0 } else { -5.0 };
        while used.iter().any(|u| (u - y).abs() < 13.0) {
            y += if below { 13.0 } else { -13.0 };
        }
        used.push(y);
        draw::label_near(
            ctx,
            &text,
            x,
            y.clamp(l.top + 10.0, l.bottom - 2.0),
            (l.left, l.width - 2.0),
            colour,
            t,
        );
    };
    put(
        format!("global watermark {}", format_watermark(s.global)),
        s.global,
        t.global,
        true,
    );
    put(
        format!("max_seen − bound {}", format_watermark(s.watermark)),
        s.watermark,
        t.single,
        false,
    );
    draw::font(ctx, false);
}

/// The current processing time across the plot and the lanes.
fn now_line(ctx: &CanvasRenderingContext2d, s: &WmState, l: &PlotLayout, xs: &Scale, t: &Theme) {
    let x = xs.px_clamped(s.clock_ms);
    ctx.set_stroke_style_str(t.fg);
    ctx.set_line_width(1.0);
    draw::set_dash(ctx, &[1.0, 3.0]);
    ctx.begin_path();
    ctx.move_to(x, l.top);
    ctx.line_to(x, l.height - 6.0);
    ctx.stroke();
    draw::set_dash(ctx, &[]);
    draw::font(ctx, true);
    draw::label_near(
        ctx,
        &format!("now {}", format_time(s.clock_ms)),
        x,
        l.top - 4.0,
        (l.left, l.width - 2.0),
        t.fg,
        t,
    );
    draw::font(ctx, false);
}

/// One lane per partition: arrivals, idle timer, idle stretches with the timeout firing, and the
/// partition's watermark and state as text.
#[allow(clippy::too_many_arguments)]
fn lanes(
    ctx: &CanvasRenderingContext2d,
    s: &WmState,
    prep: &Prep,
    l: &PlotLayout,
    f: &Frame,
    xs: &Scale,
    lo: usize,
    hi: usize,
    t: &Theme,
) {
    let policy = s.world.params.idle_policy;
    let timeout = i64::from(s.world.params.idle_timeout_ms);
    let focus = focus_partition(s);
    let min = min_partition(s);
    let lh = l.lane_h;
    let lane_y = |p: usize| l.lanes_top + p as f64 * lh;
    ctx.set_fill_style_str(t.fg);
    ctx.set_text_align("left");
    let _ = ctx.fill_text(
        if l.width < 560.0 {
            "Partitions"
        } else {
            "Partitions: arrivals, idle timer, idle stretches, watermark"
        },
        l.left,
        l.lanes_top - 5.0,
    );
    for (p, now) in s.partitions.iter().enumerate() {
        let y = lane_y(p);
        if p % 2 == 0 {
            ctx.set_fill_style_str(t.faint);
            ctx.fill_rect(l.left, y, l.right - l.left, lh);
        }
        if Some(p as u8) == focus {
            ctx.set_stroke_style_str(t.accent);
            ctx.set_line_width(2.0);
            ctx.stroke_rect(l.left + 1.0, y + 1.0, l.right - l.left - 2.0, lh - 2.0);
        }
        ctx.set_fill_style_str(if Some(p as u8) == focus {
            t.accent
        } else {
            t.fg
        });
        ctx.set_text_align("right");
        let _ = ctx.fill_text(&format!("P{p}"), l.left - 6.0, y + lh / 2.0 + 4.0);
        // Idle timer: from the last event to the deadline, the elapsed part thicker.
        if policy != IdlePolicy::Wait && !now.idle {
            let deadline = now.last_activity_ms.saturating_add(timeout);
            let (a, b, c) = (
                xs.px_clamped(now.last_activity_ms),
                xs.px_clamped(s.clock_ms.min(deadline)),
                xs.px_clamped(deadline),
            );
            let ty = y + lh - 3.0;
            ctx.set_stroke_style_str(t.muted);
            ctx.set_line_width(1.0);
            ctx.begin_path();
            ctx.move_to(a, ty);
            ctx.line_to(c, ty);
            if xs.contains(deadline) {
                ctx.move_to(c, ty - 4.0);
                ctx.line_to(c, ty + 2.0);
            }
            ctx.stroke();
            ctx.set_stroke_style_str(t.fg);
            ctx.set_line_width(2.5);
            ctx.begin_path();
            ctx.move_to(a, ty);
            ctx.line_to(b, ty);
            ctx.stroke();
        }
    }
    // Idle stretches and timeout firings.
    for span in prep.idle.iter().take_while(|sp| sp.from_at < s.at.micro) {
        let end = match span.to {
            Some((ms, at)) if at < s.at.micro => ms,
            _ => s.clock_ms,
        };
        if end < f.x0 || span.from_ms > f.x1 {
            continue;
        }
        let y = lane_y(usize::from(span.partition));
        let (a, b) = (xs.px_clamped(span.from_ms), xs.px_clamped(end));
        draw::hatch(ctx, a, y + 1.0, (b - a).max(2.0), lh - 2.0, t.muted, 5.0);
        if xs.contains(span.from_ms) {
            draw::stopwatch(ctx, a, y + lh / 2.0 + 1.0, (lh / 2.0 - 4.0).max(3.0), t.fg);
        }
        if b - a > 70.0 {
            ctx.set_fill_style_str(t.fg);
            ctx.set_text_align("left");
            draw::label(
                ctx,
                match policy {
                    IdlePolicy::Exclude => "idle: excluded",
                    _ => "idle: wm = now",
                },
                (a + 10.0, y + lh / 2.0 + 4.0),
                "left",
                t.fg,
                t,
            );
        }
    }
    // Arrival ticks, by class.
    let evs = s.events();
    for class in Class::ALL {
        ctx.set_stroke_style_str(if class == Class::OnTime {
            t.muted
        } else {
            t.class(class)
        });
        ctx.set_line_width(if class == Class::OnTime { 1.0 } else { 2.0 });
        ctx.begin_path();
        let mut last_x = f64::NAN;
        for e in evs
            .get(lo..hi)
            .unwrap_or(&[])
            .iter()
            .filter(|e| Class::of(e) == class)
        {
            let x = xs.px(e.arrival_ms);
            if (x - last_x).abs() < 0.5 && class == Class::OnTime {
                continue;
            }
            last_x = x;
            let y = lane_y(usize::from(e.partition));
            ctx.move_to(x, y + 3.0);
            ctx.line_to(x, y + lh - 6.0);
        }
        ctx.stroke();
    }
    // Watermark and state, right-aligned in each lane (the partition holding the min in bold,
    // last, so the font changes once).
    let lane_text = |p: usize, now: &sdp_stream::watermark::PartitionNow| {
        let mut text = format!("wm {}", format_watermark(now.watermark));
        if now.idle {
            text.push_str(match policy {
                IdlePolicy::Exclude => " · idle, excluded",
                IdlePolicy::Advance => " · idle, follows now",
                IdlePolicy::Wait => " · silent",
            });
        }
        if Some(p as u8) == min && s.partitions.len() > 1 && !s.ended {
            text.push_str(" · holds the min");
        }
        text
    };
    draw::font(ctx, false);
    for (p, now) in s.partitions.iter().enumerate() {
        if Some(p as u8) != min {
            let y = lane_y(p) + lh / 2.0 + 4.0;
            draw::label(
                ctx,
                &lane_text(p, now),
                (l.right - 4.0, y),
                "right",
                t.fg,
                t,
            );
        }
    }
    if let Some((p, now)) = min.and_then(|m| {
        s.partitions
            .get(usize::from(m))
            .map(|n| (usize::from(m), n))
    }) {
        draw::font(ctx, true);
        let y = lane_y(p) + lh / 2.0 + 4.0;
        draw::label(
            ctx,
            &lane_text(p, now),
            (l.right - 4.0, y),
            "right",
            t.fg,
            t,
        );
    }
    draw::font(ctx, false);
}

/// The overview strip: every arrival of the stream binned by processing time (arrived bins by
/// class, the rest grey), the window the plot shows, and now.
fn draw_overview(el: &HtmlCanvasElement, w: f64, s: &WmState, prep: &Prep, t: &Theme) {
    let Some(ctx) = draw::prepare(el, w, OVERVIEW_H) else {
        return;
    };
    let ov = &prep.overview;
    let n = ov.counts.len().max(1);
    let (left, right) = (4.0, w - 4.0);
    let bw = (right - left) / n as f64;
    let h = OVERVIEW_H - 16.0;
    let top = 2.0;
    let max = f64::from(ov.max.max(1));
    let arrived = s.at.arrived;
    for b in 0..n {
        let total: u32 = ov.counts.get(b).map_or(0, |c| c.iter().sum());
        let now = ov.at(&s.world, b, arrived);
        let x = left + b as f64 * bw;
        let full = f64::from(total) / max * h;
        ctx.set_fill_style_str(t.faint);
        ctx.fill_rect(x, top + h - full, bw.max(1.0), full);
        let mut y = top + h;
        for class in Class::ALL {
            let v = f64::from(now[class.index()]) / max * h;
            if v <= 0.0 {
                continue;
            }
            let v = if class == Class::OnTime {
                v
            } else {
                v.max(1.5)
            };
            ctx.set_fill_style_str(if class == Class::OnTime {
                t.muted
            } else {
                t.class(class)
            });
            ctx.fill_rect(x, y - v, bw.max(1.0), v);
            y -= v;
        }
    }
    let span = (ov.bin * n as i64).max(1);
    let xs = Scale::new(ov.t0, ov.t0 + span, left, right);
    let f = prep.follow.frame(s.clock_ms);
    ctx.set_stroke_style_str(t.accent);
    ctx.set_line_width(2.0);
    let (a, b) = (xs.px_clamped(f.x0), xs.px_clamped(f.x1));
    ctx.stroke_rect(a, top, (b - a).max(2.0), h);
    ctx.set_fill_style_str(t.fg);
    ctx.set_text_align("left");
    let _ = ctx.fill_text(
        &format!(
            "whole stream: {} events binned by arrival, {} to {}; box = shown below",
            s.world.events.len(),
            format_time(ov.t0),
            format_time(s.world.extent.max_clock_ms)
        ),
        left,
        OVERVIEW_H - 3.0,
    );
}
