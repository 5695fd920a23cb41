//! The focus of an insert step on the plane: a split (its children fading in, the split lines
//! growing, the moved points ringed), a cascade, a placed point with its path, a bulk step.

use super::draw::{circle, diamond, label};
use crate::layout::plane::Viewport;
use crate::tree::QUADRANTS;
use crate::view::colour::quadrant_colour;
use crate::{Focus, State};
use sdp_kit_web::canvas::{dash, rgb, rgba};
use sdp_kit_web::palette::Ink;
use web_sys::CanvasRenderingContext2d;

/// The focus of an insert step.
#[allow(
    clippy::float_cmp,
    reason = "a point exactly on a split line is what is drawn"
)]
pub(super) fn draw_focus(
    ctx: &CanvasRenderingContext2d,
    s: &State,
    vp: &Viewport,
    t: f64,
    ink: &Ink,
) {
    let w = &s.world;
    match &s.focus {
        Focus::Split {
            node,
            moved,
            arriving,
        } => {
            let Some(n) = w.nodes.get(*node as usize) else {
                return;
            };
            let children = n.children.unwrap_or([0; 4]);
            // The four children fade in, each in its colour, with its name.
            for (i, q) in QUADRANTS.iter().enumerate() {
                let r = w
                    .nodes
                    .get(children[i] as usize)
                    .map_or(n.rect.child(*q), |c| c.rect);
                let (x, y, cw, ch) = vp.rect_px(&r);
                ctx.set_fill_style_str(&rgba(rgb(quadrant_colour(*q)), 0.22 * t));
                ctx.fill_rect(x, y, cw, ch);
                if cw > 40.0 && ch > 24.0 {
                    ctx.set_text_align("center");
                    label(ctx, q.as_str(), x + cw / 2.0, y + 18.0, ink);
                    ctx.set_text_align("left");
                }
            }
            // The split lines grow from the centre.
            let (mx, my) = n.rect.mid();
            let (cx, cy) = vp.to_px(mx, my);
            let (x, y, rw, rh) = vp.rect_px(&n.rect);
            ctx.set_stroke_style_str(ink.accent);
            ctx.set_line_width(3.0);
            ctx.begin_path();
            ctx.move_to(cx - rw / 2.0 * t, cy);
            ctx.line_to(cx + rw / 2.0 * t, cy);
            ctx.move_to(cx, cy - rh / 2.0 * t);
            ctx.line_to(cx, cy + rh / 2.0 * t);
            ctx.stroke();
            ctx.set_line_width(2.5);
            ctx.stroke_rect(x, y, rw, rh);
            // Moved points: ringed in the colour of the child they move to.
            for &(p, q) in moved {
                if let Some(pt) = w.points.get(p as usize) {
                    let (px, py) = vp.to_px(pt.lng, pt.lat);
                    ctx.set_stroke_style_str(quadrant_colour(q));
                    ctx.set_line_width(2.5);
                    ctx.begin_path();
                    circle(ctx, px, py, 5.0 + 3.0 * t);
                    ctx.stroke();
                }
            }
            arriving_marker(ctx, vp, *arriving, ink);
        }
        Focus::Cascade { nodes, arriving } => {
            ctx.set_stroke_style_str(ink.accent);
            ctx.set_line_width(2.0);
            for &i in nodes {
                if let Some(n) = w.nodes.get(i as usize) {
                    let (x, y, rw, rh) = vp.rect_px(&n.rect);
                    ctx.stroke_rect(x, y, rw, rh);
                }
            }
            arriving_marker(ctx, vp, *arriving, ink);
        }
        Focus::Placed {
            point,
            path,
            overflow,
            on_split_line,
        } => {
            ctx.set_stroke_style_str(ink.accent);
            for (k, &i) in path.iter().enumerate() {
                let Some(n) = w.nodes.get(i as usize) else {
                    continue;
                };
                let leaf = k + 1 == path.len();
                ctx.set_line_width(if leaf { 3.0 } else { 1.2 });
                dash(ctx, if leaf { &[] } else { &[5.0, 4.0] });
                let (x, y, rw, rh) = vp.rect_px(&n.rect);
                ctx.stroke_rect(x, y, rw, rh);
            }
            dash(ctx, &[]);
            let Some(p) = w.points.get(*point as usize) else {
                return;
            };
            if *on_split_line {
                for &i in &path[..path.len().saturating_sub(1)] {
                    let Some(n) = w.nodes.get(i as usize) else {
                        continue;
                    };
                    let (mx, my) = n.rect.mid();
                    ctx.set_line_width(2.0);
                    dash(ctx, &[2.0, 3.0]);
                    ctx.begin_path();
                    if p.lng == mx {
                        let (x, y0) = vp.to_px(mx, n.rect.max_y);
                        let (_, y1) = vp.to_px(mx, n.rect.min_y);
                        ctx.move_to(x, y0);
                        ctx.line_to(x, y1);
                    }
                    if p.lat == my {
                        let (x0, y) = vp.to_px(n.rect.min_x, my);
                        let (x1, _) = vp.to_px(n.rect.max_x, my);
                        ctx.move_to(x0, y);
                        ctx.line_to(x1, y);
                    }
                    ctx.stroke();
                    dash(ctx, &[]);
                }
            }
            let (x, y) = vp.to_px(p.lng, p.lat);
            ctx.set_fill_style_str(ink.accent);
            ctx.begin_path();
            circle(ctx, x, y, 6.0);
            ctx.fill();
            let mut text = format!("#{point}");
            if *overflow {
                text.push_str(" (leaf over capacity)");
            }
            if *on_split_line {
                text.push_str(" on a split line");
            }
            label(ctx, &text, x + 9.0, y - 8.0, ink);
        }
        Focus::Bulk { from, to } => {
            ctx.set_fill_style_str(ink.accent);
            ctx.begin_path();
            let visible = vp.visible();
            let (from, to) = (*from as usize, (*to as usize).min(w.points.len()));
            for p in w.points.get(from..to).unwrap_or(&[]) {
                if visible.contains(p.lng, p.lat) {
                    let (x, y) = vp.to_px(p.lng, p.lat);
                    ctx.rect(x - 2.0, y - 2.0, 4.0, 4.0);
                }
            }
            ctx.fill();
        }
        Focus::Start | Focus::Query(_) => {}
    }
}

fn arriving_marker(ctx: &CanvasRenderingContext2d, vp: &Viewport, p: (f64, f64), ink: &Ink) {
    let (x, y) = vp.to_px(p.0, p.1);
    ctx.set_stroke_style_str(ink.accent);
    ctx.set_fill_style_str(ink.bg);
    ctx.set_line_width(3.0);
    ctx.begin_path();
    diamond(ctx, x, y, 8.0);
    ctx.fill();
    ctx.stroke();
    label(ctx, "new point", x + 11.0, y - 9.0, ink);
}
