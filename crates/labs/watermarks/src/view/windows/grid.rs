//! The comparison rows: what event time and processing time emitted for the same windows.

use super::{BandLayout, MAX_BANDS, Pick};
use crate::layout::geom::{self, HitRect, Scale};
use crate::layout::prep::Prep;
use crate::operator::WindowStatus;
use crate::view::draw::{self, Theme};
use crate::window::WindowKind;
use crate::wm_lab::WmState;
use sdp_kit_web::palette;
use web_sys::CanvasRenderingContext2d;

/// Two rows: what event time and processing time emitted for the same grid windows.
#[allow(clippy::too_many_arguments)]
pub(super) fn comparison_rows(
    ctx: &CanvasRenderingContext2d,
    s: &WmState,
    l: &BandLayout,
    top: f64,
    xs: &Scale,
    hovered: Option<Pick>,
    t: &Theme,
    hits: &mut Vec<HitRect<Pick>>,
) {
    let rows = s.comparison_in(xs.t0 - s.world.window.size_ms, xs.t1);
    let slide = match s.world.window.kind {
        WindowKind::Sliding => s.world.window.slide_ms,
        _ => s.world.window.size_ms,
    };
    for row in rows.iter().take(MAX_BANDS) {
        let r = if l.sub > 1 {
            geom::sub_row(row.start, slide, l.sub)
        } else {
            0
        };
        let (a, b) = (xs.px_clamped(row.start), xs.px_clamped(row.end));
        if b - a < 0.5 {
            continue;
        }
        let differs = row.differs();
        for (i, value) in [row.event_time, row.processing_time]
            .into_iter()
            .enumerate()
        {
            let Some(v) = value else { continue };
            let (y, h) = l.band_y(top + i as f64 * l.key_h, r);
            let bw = (b - a).max(1.5);
            ctx.set_global_alpha(0.45);
            ctx.set_fill_style_str(if i == 0 { t.global } else { t.muted });
            ctx.fill_rect(a, y, bw, h);
            ctx.set_global_alpha(1.0);
            ctx.set_stroke_style_str(if differs { t.accent } else { t.fg });
            ctx.set_line_width(if differs { 2.5 } else { 0.8 });
            ctx.stroke_rect(a + 0.5, y + 0.5, bw - 1.0, h - 1.0);
            if hovered == Some(Pick::Grid(row.start)) {
                ctx.set_stroke_style_str(t.fg);
                ctx.set_line_width(2.0);
                draw::set_dash(ctx, &[2.0, 2.0]);
                ctx.stroke_rect(a - 1.0, y - 1.0, bw + 2.0, h + 2.0);
                draw::set_dash(ctx, &[]);
            }
            if h >= 11.0 {
                let text = if differs {
                    format!("≠{v}")
                } else {
                    v.to_string()
                };
                let tw = draw::text_width(ctx, &text);
                if tw + 6.0 < bw {
                    ctx.set_fill_style_str(t.fg);
                    ctx.set_text_align("left");
                    let _ = ctx.fill_text(&text, a + 3.0, y + h / 2.0 + 4.0);
                }
            }
            hits.push(HitRect {
                x: a,
                y,
                w: bw,
                h,
                what: Pick::Grid(row.start),
            });
        }
    }
}

/// Processing-time sessions, one row per key: windows of arrival times.
pub(super) fn pt_sessions(
    ctx: &CanvasRenderingContext2d,
    s: &WmState,
    prep: &Prep,
    l: &BandLayout,
    top: f64,
    xs: &Scale,
    t: &Theme,
) {
    let log = &s.world.processing_time;
    let (shown, _) = prep
        .pt_index
        .visible(&log.windows, xs.t0, xs.t1, s.at.micro, MAX_BANDS);
    for w in &shown {
        let (y, h) = l.band_y(top + f64::from(w.key) * l.key_h, 0);
        let (a, b) = (xs.px_clamped(w.start), xs.px_clamped(w.end));
        let bw = (b - a).max(1.5);
        let fired = w.status != WindowStatus::Open;
        ctx.set_global_alpha(if fired { 0.5 } else { 0.15 });
        ctx.set_fill_style_str(palette::series(usize::from(w.key)));
        ctx.fill_rect(a, y, bw, h);
        ctx.set_global_alpha(1.0);
        ctx.set_stroke_style_str(if fired { t.fg } else { t.muted });
        ctx.set_line_width(1.0);
        ctx.stroke_rect(a + 0.5, y + 0.5, bw - 1.0, h - 1.0);
        let n = log
            .windows
            .get(w.id as usize)
            .map_or(0, |r| r.count_at(s.at.micro));
        let text = if fired {
            format!("✓{n}")
        } else {
            n.to_string()
        };
        if draw::text_width(ctx, &text) + 6.0 < bw {
            ctx.set_fill_style_str(t.fg);
            ctx.set_text_align("left");
            let _ = ctx.fill_text(&text, a + 3.0, y + h / 2.0 + 4.0);
        }
    }
}
