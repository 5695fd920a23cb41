//! The vector part of a plane, over its raster: the boundary, the learner's points, a query's
//! shapes and marks, the focus of an insert step (animated for a split), the current walk
//! event, the inset map, and the two comparison canvases.

use super::raster::{base_raster, main_raster};
use crate::layout::marks::{MANY_MARKS, Mark, query_marks};
use crate::layout::plane::{
    Viewport, alive_nodes, alive_points, compare_viewport, grow, intersects, shape_half_width,
};
use crate::tree::{Rect, Shape};
use crate::view::colour;
use crate::{Conversion, Focus, QueryEvent, QueryPhase, QueryRecord, State, World};
use sdp_kit_web::canvas::{self, Frames, Raster, dash, rgb, rgba};
use sdp_kit_web::palette::Ink;
use std::f64::consts::PI;
use web_sys::CanvasRenderingContext2d;

/// The colour of a query mark.
pub fn mark_colour(m: Mark, ink: &Ink) -> &'static str {
    match m {
        Mark::Candidate | Mark::Beyond => colour::CANDIDATE,
        Mark::Outside => ink.muted,
        Mark::Result => colour::RESULT,
        Mark::Missed => colour::MISSED,
    }
}

/// The boundary and the points the learner added (diamonds), over the raster.
pub(super) fn draw_vector_base(
    ctx: &CanvasRenderingContext2d,
    vp: &Viewport,
    w: &World,
    epoch: u32,
    ink: &Ink,
) {
    let (bx, by, bw, bh) = vp.rect_px(&w.bounds);
    ctx.set_line_width(1.5);
    ctx.set_stroke_style_str(ink.fg);
    ctx.stroke_rect(bx, by, bw, bh);
    let visible = grow(&vp.visible(), 1.02);
    let users: Vec<(f64, f64)> = w.points[..alive_points(w, epoch)]
        .iter()
        .filter(|p| p.user && visible.contains(p.lng, p.lat))
        .map(|p| vp.to_px(p.lng, p.lat))
        .collect();
    if !users.is_empty() {
        ctx.set_fill_style_str(colour::USER);
        ctx.set_stroke_style_str(ink.fg);
        ctx.set_line_width(1.0);
        ctx.begin_path();
        for (x, y) in users {
            diamond(ctx, x, y, 5.0);
        }
        ctx.fill();
        ctx.stroke();
    }
}

/// A query's marks as shapes (few of them): candidates filled, checked-outside crossed, results
/// filled blue, candidates beyond the radius ringed orange, missed ringed and crossed.
fn draw_marks(
    ctx: &CanvasRenderingContext2d,
    vp: &Viewport,
    w: &World,
    marks: &[(u32, Mark)],
    ink: &Ink,
) {
    if marks.len() > MANY_MARKS {
        return;
    }
    let pt = |id: u32| w.points.get(id as usize).map(|p| vp.to_px(p.lng, p.lat));
    for kind in [
        Mark::Outside,
        Mark::Beyond,
        Mark::Candidate,
        Mark::Result,
        Mark::Missed,
    ] {
        ctx.begin_path();
        for &(id, m) in marks {
            if m != kind {
                continue;
            }
            let Some((x, y)) = pt(id) else { continue };
            match kind {
                Mark::Candidate | Mark::Result => circle(ctx, x, y, 4.5),
                Mark::Outside => cross(ctx, x, y, 3.5),
                Mark::Beyond => circle(ctx, x, y, 5.0),
                Mark::Missed => {
                    circle(ctx, x, y, 7.0);
                    cross(ctx, x, y, 4.0);
                }
            }
        }
        match kind {
            Mark::Candidate | Mark::Result => {
                ctx.set_fill_style_str(mark_colour(kind, ink));
                ctx.fill();
                ctx.set_stroke_style_str(if kind == Mark::Result { ink.bg } else { ink.fg });
                ctx.set_line_width(1.0);
                ctx.stroke();
            }
            Mark::Outside => {
                ctx.set_stroke_style_str(ink.fg);
                ctx.set_line_width(1.5);
                ctx.stroke();
            }
            Mark::Beyond | Mark::Missed => {
                ctx.set_stroke_style_str(mark_colour(kind, ink));
                ctx.set_line_width(2.0);
                ctx.stroke();
            }
        }
    }
}

pub(super) fn diamond(ctx: &CanvasRenderingContext2d, x: f64, y: f64, r: f64) {
    ctx.move_to(x, y - r);
    ctx.line_to(x + r, y);
    ctx.line_to(x, y + r);
    ctx.line_to(x - r, y);
    ctx.close_path();
}

pub(super) fn circle(ctx: &CanvasRenderingContext2d, x: f64, y: f64, r: f64) {
    ctx.move_to(x + r, y);
    let _ = ctx.arc(x, y, r, 0.0, 2.0 * PI);
}

pub(super) fn cross(ctx: &CanvasRenderingContext2d, x: f64, y: f64, r: f64) {
    ctx.move_to(x - r, y - r);
    ctx.line_to(x + r, y + r);
    ctx.move_to(x + r, y - r);
    ctx.line_to(x - r, y + r);
}

/// The font of [`label`] (set once per drawing: setting a font costs a parse).
const LABEL_FONT: &str = "600 19px system-ui, sans-serif";

/// A label in [`LABEL_FONT`] (the caller has set it), haloed in the background colour.
pub(super) fn label(ctx: &CanvasRenderingContext2d, text: &str, x: f64, y: f64, ink: &Ink) {
    ctx.set_line_width(4.0);
    ctx.set_stroke_style_str(ink.bg);
    let _ = ctx.stroke_text(text, x, y);
    ctx.set_fill_style_str(ink.fg);
    let _ = ctx.fill_text(text, x, y);
}

/// The main plane for a step at animation time `t` (0–1; only splits animate), over its raster.
pub fn draw_main(
    ctx: &CanvasRenderingContext2d,
    s: &State,
    base: &Raster,
    vp: &Viewport,
    t: f64,
    ink: &Ink,
) {
    let w = &s.world;
    base.put(ctx);
    ctx.set_font(LABEL_FONT);
    ctx.set_text_align("left");
    ctx.set_text_baseline("alphabetic");
    draw_vector_base(ctx, vp, w, s.epoch, ink);
    if let Some((q, c)) = s.query() {
        if c.phase == QueryPhase::Walk {
            draw_pruned_borders(ctx, vp, w, q, c.count as usize);
        }
        draw_shapes(ctx, vp, q, &q.shape, ink);
        let marks = query_marks(q, c.count as usize, c.phase, q.stepped_outcome());
        draw_marks(ctx, vp, w, &marks, ink);
        if c.phase == QueryPhase::Walk {
            if let Some(e) = (c.count as usize)
                .checked_sub(1)
                .and_then(|i| q.events.get(i))
            {
                draw_current_event(ctx, vp, w, q, e, ink);
            }
        }
    } else {
        super::focus::draw_focus(ctx, s, vp, t, ink);
    }
    let view = vp.visible();
    let b = w.bounds;
    if view.width() < b.width() * 0.95 && view.height() < b.height() * 0.95 {
        draw_inset(ctx, vp, w, s.epoch, ink);
    }
}

/// Pruned rectangles get a dashed border so they read without colour (when few enough to
/// tell apart).
fn draw_pruned_borders(
    ctx: &CanvasRenderingContext2d,
    vp: &Viewport,
    w: &World,
    q: &QueryRecord,
    count: usize,
) {
    let visible = vp.visible();
    let pruned: Vec<&Rect> = q.events[..count.min(q.events.len())]
        .iter()
        .filter_map(|e| match e {
            QueryEvent::Test {
                node, hit: false, ..
            } => w.nodes.get(*node as usize).map(|n| &n.rect),
            _ => None,
        })
        .filter(|r| intersects(r, &visible))
        .collect();
    if pruned.len() > 400 {
        return;
    }
    ctx.set_stroke_style_str(colour::PRUNED);
    ctx.set_line_width(1.0);
    dash(ctx, &[4.0, 3.0]);
    ctx.begin_path();
    for r in pruned {
        let (x, y, rw, rh) = vp.rect_px(r);
        ctx.rect(x + 1.0, y + 1.0, (rw - 2.0).max(0.0), (rh - 2.0).max(0.0));
    }
    ctx.stroke();
    dash(ctx, &[]);
}

/// The query shape in degrees (circle, or ellipse for the corrected conversion).
fn shape_path(ctx: &CanvasRenderingContext2d, vp: &Viewport, s: &Shape) {
    let (cx, cy) = vp.to_px(s.cx, s.cy);
    let rx = (shape_half_width(s) * vp.scale).max(0.5);
    let ry = (s.r * vp.scale).max(0.5);
    ctx.move_to(cx + rx, cy);
    let _ = ctx.ellipse(cx, cy, rx, ry, 0.0, 0.0, 2.0 * PI);
}

/// The true circle on the sphere (dashed), split where it wraps across ±180°.
fn outline_path(ctx: &CanvasRenderingContext2d, vp: &Viewport, q: &QueryRecord) {
    let mut prev: Option<(f64, f64)> = None;
    let first = q.outline.first().copied();
    for &(x, y) in q.outline.iter().chain(first.iter()) {
        let (px, py) = vp.to_px(x, y);
        match prev {
            Some((lx, _)) if (x - lx).abs() <= 180.0 => ctx.line_to(px, py),
            _ => ctx.move_to(px, py),
        }
        prev = Some((x, y));
    }
}

fn centre_marker(ctx: &CanvasRenderingContext2d, vp: &Viewport, q: &QueryRecord, ink: &Ink) {
    let (cx, cy) = vp.to_px(q.lng, q.lat);
    ctx.set_stroke_style_str(ink.fg);
    ctx.set_line_width(2.0);
    ctx.begin_path();
    cross(ctx, cx, cy, 6.0);
    ctx.stroke();
}

fn draw_shapes(
    ctx: &CanvasRenderingContext2d,
    vp: &Viewport,
    q: &QueryRecord,
    shape: &Shape,
    ink: &Ink,
) {
    ctx.set_stroke_style_str(ink.fg);
    ctx.set_line_width(1.2);
    dash(ctx, &[6.0, 4.0]);
    ctx.begin_path();
    outline_path(ctx, vp, q);
    ctx.stroke();
    dash(ctx, &[]);
    ctx.set_stroke_style_str(ink.accent);
    ctx.set_fill_style_str(&rgba(rgb(ink.accent), 0.06));
    ctx.set_line_width(2.2);
    ctx.begin_path();
    shape_path(ctx, vp, shape);
    ctx.fill();
    ctx.stroke();
    centre_marker(ctx, vp, q, ink);
}

fn draw_current_event(
    ctx: &CanvasRenderingContext2d,
    vp: &Viewport,
    w: &World,
    q: &QueryRecord,
    e: &QueryEvent,
    ink: &Ink,
) {
    match e {
        QueryEvent::Test {
            node,
            clamp,
            distance,
            hit,
            ..
        } => {
            let Some(n) = w.nodes.get(*node as usize) else {
                return;
            };
            let (x, y, rw, rh) = vp.rect_px(&n.rect);
            ctx.set_stroke_style_str(if *hit {
                colour::VISITED
            } else {
                colour::MISSED
            });
            ctx.set_line_width(3.0);
            dash(ctx, if *hit { &[] } else { &[7.0, 4.0] });
            ctx.stroke_rect(x, y, rw, rh);
            dash(ctx, &[]);
            let (cx, cy) = vp.to_px(q.lng, q.lat);
            let (kx, ky) = vp.to_px(clamp.0, clamp.1);
            ctx.set_stroke_style_str(ink.fg);
            ctx.set_line_width(2.0);
            ctx.begin_path();
            ctx.move_to(cx, cy);
            ctx.line_to(kx, ky);
            ctx.stroke();
            ctx.set_fill_style_str(ink.accent);
            ctx.begin_path();
            circle(ctx, kx, ky, 5.0);
            ctx.fill();
            let verdict = if *hit { "≤ r: visit" } else { "> r: prune" };
            label(
                ctx,
                &format!("closest point, {distance:.3}° {verdict}"),
                (kx + 8.0).min(vp.w - 220.0).max(4.0),
                (ky - 8.0).max(16.0),
                ink,
            );
        }
        QueryEvent::Check { node, points, .. } => {
            if let Some(n) = w.nodes.get(*node as usize) {
                let (x, y, rw, rh) = vp.rect_px(&n.rect);
                ctx.set_stroke_style_str(colour::VISITED);
                ctx.set_line_width(3.0);
                ctx.stroke_rect(x, y, rw, rh);
            }
            let (cx, cy) = vp.to_px(q.lng, q.lat);
            ctx.set_line_width(1.0);
            for c in points {
                if let Some(p) = w.points.get(c.point as usize) {
                    let (px, py) = vp.to_px(p.lng, p.lat);
                    ctx.set_stroke_style_str(if c.candidate {
                        colour::CANDIDATE
                    } else {
                        ink.muted
                    });
                    dash(ctx, if c.candidate { &[] } else { &[3.0, 3.0] });
                    ctx.begin_path();
                    ctx.move_to(cx, cy);
                    ctx.line_to(px, py);
                    ctx.stroke();
                }
            }
            dash(ctx, &[]);
        }
    }
}

/// A small map of the whole boundary with the close-up's rectangle, top right.
fn draw_inset(ctx: &CanvasRenderingContext2d, vp: &Viewport, w: &World, epoch: u32, ink: &Ink) {
    let b = w.bounds;
    let iw = 180.0;
    let ih = (iw * b.height() / b.width()).clamp(40.0, 140.0);
    let ivp = Viewport::fit(b, iw, ih);
    let (ox, oy) = (vp.w - iw - 8.0, 8.0);
    ctx.save();
    let _ = ctx.translate(ox, oy);
    ctx.set_fill_style_str(ink.bg);
    ctx.fill_rect(0.0, 0.0, iw, ih);
    ctx.set_stroke_style_str(ink.muted);
    ctx.set_line_width(0.8);
    ctx.begin_path();
    let n = alive_nodes(w, epoch);
    for node in &w.nodes[..n] {
        if node.split > epoch || node.depth > 2 {
            continue;
        }
        let (mx, my) = node.rect.mid();
        let (x0, y) = ivp.to_px(node.rect.min_x, my);
        let (x1, _) = ivp.to_px(node.rect.max_x, my);
        ctx.move_to(x0, y);
        ctx.line_to(x1, y);
        let (x, y0) = ivp.to_px(mx, node.rect.max_y);
        let (_, y1) = ivp.to_px(mx, node.rect.min_y);
        ctx.move_to(x, y0);
        ctx.line_to(x, y1);
    }
    ctx.stroke();
    ctx.set_fill_style_str(ink.fg);
    ctx.set_global_alpha(0.6);
    ctx.begin_path();
    let points = alive_points(w, epoch);
    let stride = points.div_ceil(1500).max(1);
    for p in w.points[..points].iter().step_by(stride) {
        let (x, y) = ivp.to_px(p.lng, p.lat);
        ctx.rect(x, y, 1.2, 1.2);
    }
    ctx.fill();
    ctx.set_global_alpha(1.0);
    let v = vp.visible();
    let (x, y, rw, rh) = ivp.rect_px(&v);
    ctx.set_stroke_style_str(ink.accent);
    ctx.set_line_width(2.0);
    ctx.stroke_rect(x, y, rw.max(3.0), rh.max(3.0));
    ctx.set_stroke_style_str(ink.fg);
    ctx.set_line_width(1.0);
    ctx.stroke_rect(0.0, 0.0, iw, ih);
    ctx.restore();
}

/// One of the two comparison canvases: the same query under one conversion, with its shape, the
/// true circle, its results, its candidates beyond the radius and the points it missed.
pub fn draw_compare(
    ctx: &CanvasRenderingContext2d,
    s: &State,
    q: &QueryRecord,
    conv: Conversion,
    ink: &Ink,
) {
    let vp = compare_viewport(q);
    let w = &s.world;
    let o = match conv {
        Conversion::Doc => &q.doc,
        Conversion::Corrected => &q.corrected,
    };
    let marks = query_marks(q, 0, QueryPhase::Compare, o);
    base_raster(&vp, w, q.epoch, None, &marks, ink).put(ctx);
    draw_vector_base(ctx, &vp, w, q.epoch, ink);
    draw_shapes(ctx, &vp, q, &o.shape, ink);
    draw_marks(ctx, &vp, w, &marks, ink);
}

/// Starts drawing the main plane (animated for splits); the returned handle stops it.
pub fn start_main(
    ctx: CanvasRenderingContext2d,
    s: State,
    vp: Viewport,
    ink: Ink,
) -> Option<Frames> {
    let base = main_raster(&s, &vp, &ink);
    if matches!(s.focus, Focus::Split { .. }) {
        canvas::animate(450.0, move |t| draw_main(&ctx, &s, &base, &vp, t, &ink))
    } else {
        draw_main(&ctx, &s, &base, &vp, 1.0, &ink);
        None
    }
}
