//! The plot's background and marks: grid bands, axes, the diagonal, the batch band, the event dots (or a raster when there are many).

use super::MAX_MARKERS;
use crate::engine::{Event, WmWorld};
use crate::layout::geom::{self, Frame, PlotLayout, Scale};
use crate::layout::prep::Class;
use crate::time::format_time;
use crate::view::draw::{self, Theme};
use crate::window::WindowKind;
use crate::wm_lab::{WmFocus, WmState};
use web_sys::CanvasRenderingContext2d;

/// Alternate shading of the tumbling or sliding grid on the event-time axis.
pub(super) fn grid_bands(
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

pub(super) fn axes(
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
        f64::midpoint(l.left, l.right),
        l.bottom + 30.0,
    );
    ctx.set_text_align("left");
    let _ = ctx.fill_text("↑ event time", 4.0, l.top - 12.0);
}

pub(super) fn diagonal(
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
pub(super) fn batch_band(
    ctx: &CanvasRenderingContext2d,
    s: &WmState,
    l: &PlotLayout,
    xs: &Scale,
    t: &Theme,
) {
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
pub(super) fn dots(
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
pub(super) fn raster(
    ctx: &CanvasRenderingContext2d,
    slice: &[Event],
    xs: &Scale,
    ys: &Scale,
    t: &Theme,
) {
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
