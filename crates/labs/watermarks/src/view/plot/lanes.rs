//! The partition lanes under the plot, and the overview strip of the whole stream.

use super::{OVERVIEW_H, focus_partition, min_partition};
use crate::layout::geom::{Frame, PlotLayout, Scale};
use crate::layout::prep::{Class, Prep};
use crate::time::{format_time, format_watermark};
use crate::view::draw::{self, Theme};
use crate::watermark::IdlePolicy;
use crate::wm_lab::WmState;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// One lane per partition: arrivals, idle timer, idle stretches with the timeout firing, and the
/// partition's watermark and state as text.
#[allow(clippy::too_many_arguments)]
pub(super) fn lanes(
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
    let lane_text = |p: usize, now: &crate::watermark::PartitionNow| {
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
pub(super) fn draw_overview(el: &HtmlCanvasElement, w: f64, s: &WmState, prep: &Prep, t: &Theme) {
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
