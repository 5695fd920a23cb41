//! The plot's lines: the single-source, global and partition watermarks, firings, the focus, line labels and the clock.

use crate::layout::geom::{Frame, PlotLayout, Scale};
use crate::layout::prep::Prep;
use crate::operator::EmitCause;
use crate::time::{END_OF_TIME, format_duration, format_time, format_watermark};
use crate::view::draw::{self, Theme};
use crate::watermark::IdlePolicy;
use crate::wm_lab::{WmFocus, WmState};
use web_sys::CanvasRenderingContext2d;

/// A monotone step line through `(clock, value)` points, clipped to the frame.
pub(super) fn step_line(
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
pub(super) fn watermark_line(
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
pub(super) fn partition_lines(
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
pub(super) fn focus_partition(s: &WmState) -> Option<u8> {
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
pub(super) fn firings(
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
pub(super) fn focus(
    ctx: &CanvasRenderingContext2d,
    s: &WmState,
    xs: &Scale,
    ys: &Scale,
    t: &Theme,
) {
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
        let mid = f64::midpoint(y, ys.px_clamped(w));
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
pub(super) fn line_labels(
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
pub(super) fn now_line(
    ctx: &CanvasRenderingContext2d,
    s: &WmState,
    l: &PlotLayout,
    xs: &Scale,
    t: &Theme,
) {
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
