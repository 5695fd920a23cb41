//! Drawing the window bands: rows per key, each window with its status and member ticks, the axis and the watermark lines.

use super::{
    BandLayout, MAX_BANDS, MAX_TICKS, Pick, comparison_rows, focus_event, pt_sessions, sub_rows,
    windows_of,
};
use crate::engine::Event;
use crate::layout::geom::{self, HitRect, Scale};
use crate::layout::prep::{Prep, Shown};
use crate::operator::WindowStatus;
use crate::stream::key_name;
use crate::time::{END_OF_TIME, format_time};
use crate::view::draw::{self, Theme};
use crate::window::WindowKind;
use crate::wm_lab::WmState;
use sdp_kit_web::palette;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Draws the bands; returns the hit rectangles.
pub(super) fn draw_bands(
    el: &HtmlCanvasElement,
    w: f64,
    s: &WmState,
    prep: &Prep,
    hovered: Option<Pick>,
    t: &Theme,
) -> Vec<HitRect<Pick>> {
    let keys = usize::from(s.world.params.keys.max(1));
    let sub = sub_rows(s);
    let session = s.world.window.kind == WindowKind::Session;
    let l = BandLayout::new(w, keys, sub, if session { keys } else { 2 });
    let Some(ctx) = draw::prepare(el, w, l.height) else {
        return Vec::new();
    };
    let frame = prep.follow.frame(s.clock_ms);
    let xs = Scale::new(frame.y0, frame.y1, l.left, l.right);
    let micro = s.at.micro;
    let mut hits = Vec::new();
    draw::font(&ctx, false);
    // Row labels and backgrounds.
    for k in 0..keys {
        let y = l.top + k as f64 * l.key_h;
        if k % 2 == 0 {
            ctx.set_fill_style_str(t.faint);
            ctx.fill_rect(l.left, y, l.right - l.left, l.key_h);
        }
        ctx.set_fill_style_str(t.fg);
        ctx.set_text_align("right");
        let _ = ctx.fill_text(
            &format!("key {}", key_name(k as u8)),
            l.left - 8.0,
            y + l.key_h / 2.0 + 4.0,
        );
    }
    if let Some(c) = l.cmp_top {
        ctx.set_text_align("left");
        let _ = ctx.fill_text(
            if session {
                "Processing-time sessions of the same stream (cut by gaps in arrival time):"
            } else {
                "Emitted over all keys, same windows:"
            },
            l.left,
            c - 6.0,
        );
        ctx.set_text_align("right");
        for i in 0..l.cmp_rows {
            let y = c + i as f64 * l.key_h;
            let name = if session {
                format!("arrival {}", key_name(i as u8))
            } else if i == 0 {
                "event time".to_string()
            } else {
                "processing".to_string()
            };
            ctx.set_fill_style_str(t.faint);
            ctx.fill_rect(l.left, y, l.right - l.left, l.key_h);
            ctx.set_fill_style_str(t.fg);
            let _ = ctx.fill_text(&name, l.left - 8.0, y + l.key_h / 2.0 + 4.0);
        }
    }
    axis(&ctx, &l, &xs, t);
    let (shown, _) =
        prep.et_index
            .visible(&s.world.event_time.windows, xs.t0, xs.t1, micro, MAX_BANDS);
    let emitted: Vec<u32> = s.new_emits().iter().map(|e| e.window).collect();
    let focus = focus_event(s);
    let focus_windows = focus
        .map(|(i, _)| windows_of(s, &shown, i))
        .unwrap_or_default();
    let slide = s.world.window.slide_ms;
    let mut ticks_left = MAX_TICKS;
    let events = &s.world.events;
    let rect = |w: &Shown| band_rect(&l, &xs, w, sub, slide);
    purged_bands(
        &ctx,
        shown
            .iter()
            .filter(|w| !matches!(w.status, WindowStatus::Open | WindowStatus::Fired))
            .map(rect),
        t,
    );
    // Member ticks of every band, stroked once after the bands.
    let mut ticks = Vec::new();
    for w in &shown {
        let (a, y, bw, h) = rect(w);
        let colour = palette::series(usize::from(w.key));
        let Some(rec) = s.world.event_time.windows.get(w.id as usize) else {
            continue;
        };
        let members = rec.members_at(micro);
        match w.status {
            WindowStatus::Open => {
                ctx.set_global_alpha(0.16);
                ctx.set_fill_style_str(colour);
                ctx.fill_rect(a, y, bw, h);
                ctx.set_global_alpha(1.0);
                ctx.set_stroke_style_str(colour);
                ctx.set_line_width(1.2);
                ctx.stroke_rect(a + 0.5, y + 0.5, bw - 1.0, h - 1.0);
            }
            WindowStatus::Fired => {
                ctx.set_global_alpha(0.6);
                ctx.set_fill_style_str(colour);
                ctx.fill_rect(a, y, bw, h);
                ctx.set_global_alpha(1.0);
                ctx.set_stroke_style_str(t.fg);
                ctx.set_line_width(1.0);
                ctx.stroke_rect(a + 0.5, y + 0.5, bw - 1.0, h - 1.0);
            }
            // Purged (or merged): hatched with the others before this loop.
            _ => {}
        }
        // The events copied into it.
        if ticks_left >= members.len() {
            ticks_left -= members.len();
            ticks.extend(members.iter().filter_map(|m| {
                let e = events.get(m.event as usize)?;
                Some((xs.px_clamped(e.event_ms), y + h, (h * 0.45).min(8.0)))
            }));
        }
        if emitted.contains(&w.id) || focus_windows.contains(&w.id) {
            ctx.set_stroke_style_str(t.accent);
            ctx.set_line_width(if emitted.contains(&w.id) { 3.0 } else { 2.0 });
            ctx.stroke_rect(a + 1.0, y + 1.0, bw - 2.0, h - 2.0);
        }
        if hovered == Some(Pick::Window(w.id)) {
            ctx.set_stroke_style_str(t.fg);
            ctx.set_line_width(2.0);
            draw::set_dash(&ctx, &[2.0, 2.0]);
            ctx.stroke_rect(a - 1.0, y - 1.0, bw + 2.0, h + 2.0);
            draw::set_dash(&ctx, &[]);
        }
        if h >= 11.0 {
            let glyph = match w.status {
                WindowStatus::Fired => "✓",
                WindowStatus::Purged => "✗",
                _ => "",
            };
            let text = format!("{glyph}{}", members.len());
            let tw = draw::text_width(&ctx, &text);
            if tw + 6.0 < bw {
                ctx.set_fill_style_str(t.fg);
                ctx.set_text_align("left");
                let _ = ctx.fill_text(&text, a + 3.0, y + h / 2.0 + 1.0);
            }
        }
        hits.push(HitRect {
            x: a,
            y,
            w: bw,
            h,
            what: Pick::Window(w.id),
        });
    }
    ctx.set_stroke_style_str(t.fg);
    ctx.set_line_width(1.0);
    ctx.begin_path();
    for (x, bottom, len) in ticks {
        ctx.move_to(x, bottom);
        ctx.line_to(x, bottom - len);
    }
    ctx.stroke();
    if let Some(c) = l.cmp_top {
        if session {
            pt_sessions(&ctx, s, prep, &l, c, &xs, t);
        } else {
            comparison_rows(&ctx, s, &l, c, &xs, hovered, t, &mut hits);
        }
    }
    marks(&ctx, s, &l, &xs, focus.map(|(_, e)| e), t);
    hits
}

/// Where a band goes: `(x, y, width, height)`.
fn band_rect(
    l: &BandLayout,
    xs: &Scale,
    w: &Shown,
    sub: usize,
    slide: i64,
) -> (f64, f64, f64, f64) {
    let row_top = l.top + f64::from(w.key) * l.key_h;
    let r = if sub > 1 {
        geom::sub_row(w.start, slide, sub)
    } else {
        0
    };
    let (y, h) = l.band_y(row_top, r);
    let (a, b) = (xs.px_clamped(w.start), xs.px_clamped(w.end));
    (a, y, (b - a).max(1.5), h)
}

/// Purged bands, hatched with a dashed outline: one path for every hatching, one for every
/// outline (a few calls in all, however many bands).
fn purged_bands(
    ctx: &CanvasRenderingContext2d,
    rects: impl Iterator<Item = (f64, f64, f64, f64)>,
    t: &Theme,
) {
    let rects: Vec<_> = rects.collect();
    if rects.is_empty() {
        return;
    }
    ctx.set_stroke_style_str(t.muted);
    ctx.set_line_width(1.0);
    ctx.begin_path();
    for &(a, y, bw, h) in &rects {
        draw::hatch_path(ctx, a, y, bw, h, 4.0);
    }
    ctx.stroke();
    draw::set_dash(ctx, &[3.0, 2.0]);
    ctx.begin_path();
    for &(a, y, bw, h) in &rects {
        ctx.rect(a + 0.5, y + 0.5, bw - 1.0, h - 1.0);
    }
    ctx.stroke();
    draw::set_dash(ctx, &[]);
}

pub(super) fn axis(ctx: &CanvasRenderingContext2d, l: &BandLayout, xs: &Scale, t: &Theme) {
    ctx.set_stroke_style_str(t.muted);
    ctx.set_line_width(1.0);
    ctx.begin_path();
    ctx.move_to(l.left, l.bottom);
    ctx.line_to(l.right, l.bottom);
    let max = ((l.right - l.left) / 95.0).max(2.0) as usize;
    let (_, ticks) = geom::ticks(xs.t0, xs.t1, max);
    ctx.set_fill_style_str(t.fg);
    ctx.set_text_align("center");
    for &x in &ticks {
        let px = xs.px(x);
        ctx.move_to(px, l.bottom);
        ctx.line_to(px, l.bottom + 4.0);
        let text = geom::tick_label(x);
        let half = draw::text_width(ctx, &text) / 2.0;
        let _ = ctx.fill_text(
            &text,
            px.clamp(half + 2.0, l.width - half - 2.0),
            l.bottom + 15.0,
        );
    }
    ctx.stroke();
    let _ = ctx.fill_text(
        "event time → (processing-time windows: arrival time)",
        f64::midpoint(l.left, l.right),
        l.bottom + 30.0,
    );
}

/// The global watermark and the purge line across the key rows; now across the
/// processing-time row; the focused event's time in its key row.
pub(super) fn marks(
    ctx: &CanvasRenderingContext2d,
    s: &WmState,
    l: &BandLayout,
    xs: &Scale,
    focus: Option<&Event>,
    t: &Theme,
) {
    let keys_bottom = l.top + f64::from(s.world.params.keys.max(1)) * l.key_h;
    let lateness = i64::from(s.world.params.lateness_ms);
    draw::font(ctx, true);
    match s.global {
        Some(g) if g != END_OF_TIME => {
            let purge = g - lateness;
            if lateness > 0 && xs.contains(purge) {
                let x = xs.px(purge);
                ctx.set_stroke_style_str(t.muted);
                ctx.set_line_width(1.5);
                draw::set_dash(ctx, &[4.0, 3.0]);
                ctx.begin_path();
                ctx.move_to(x, l.top - 4.0);
                ctx.line_to(x, keys_bottom);
                ctx.stroke();
                draw::set_dash(ctx, &[]);
                draw::label_near(
                    ctx,
                    "purge: watermark − allowed lateness",
                    x,
                    l.top - 4.0,
                    (2.0, l.width - 2.0),
                    t.muted,
                    t,
                );
            }
            let x = xs.px_clamped(g);
            ctx.set_stroke_style_str(t.global);
            ctx.set_line_width(2.5);
            ctx.begin_path();
            ctx.move_to(x, l.top - 32.0);
            ctx.line_to(x, keys_bottom);
            ctx.stroke();
            let text = if xs.contains(g) {
                format!("watermark {}", format_time(g))
            } else {
                format!("watermark {} →", format_time(g))
            };
            draw::label_near(
                ctx,
                &text,
                x,
                l.top - 20.0,
                (2.0, l.width - 2.0),
                t.global,
                t,
            );
        }
        Some(_) => draw::label(
            ctx,
            "watermark +∞: everything fired",
            (l.right, l.top - 20.0),
            "right",
            t.global,
            t,
        ),
        None => draw::label(
            ctx,
            "watermark −∞: nothing can fire yet",
            (l.left, l.top - 20.0),
            "left",
            t.muted,
            t,
        ),
    }
    if let Some(c) = l.cmp_top {
        if xs.contains(s.clock_ms) && !s.ended {
            let x = xs.px(s.clock_ms);
            ctx.set_stroke_style_str(t.fg);
            ctx.set_line_width(1.5);
            draw::set_dash(ctx, &[1.0, 3.0]);
            let from = if l.cmp_rows == 2 { c + l.key_h } else { c };
            ctx.begin_path();
            ctx.move_to(x, from);
            ctx.line_to(x, c + l.cmp_rows as f64 * l.key_h);
            ctx.stroke();
            draw::set_dash(ctx, &[]);
        }
    }
    if let Some(e) = focus {
        let y = l.top + f64::from(e.key) * l.key_h;
        let x = xs.px_clamped(e.event_ms);
        ctx.set_fill_style_str(t.accent);
        ctx.set_stroke_style_str(t.accent);
        ctx.set_line_width(2.0);
        ctx.begin_path();
        ctx.move_to(x, y);
        ctx.line_to(x, y + l.key_h);
        ctx.stroke();
        ctx.begin_path();
        ctx.move_to(x - 5.0, y - 1.0);
        ctx.line_to(x + 5.0, y - 1.0);
        ctx.line_to(x, y + 6.0);
        ctx.close_path();
        ctx.fill();
    }
    draw::font(ctx, false);
}
