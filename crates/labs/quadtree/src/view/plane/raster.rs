//! The dense part of a plane as one pixel raster: background, the area outside the boundary,
//! the tints of visited and pruned nodes, the split lines, the points, and a query's marks when
//! there are many.

use super::draw::mark_colour;
use crate::layout::marks::{MANY_MARKS, Mark, query_marks};
use crate::layout::plane::{Viewport, alive_nodes, alive_points, grow, intersects};
use crate::view::colour;
use crate::{QueryEvent, QueryPhase, QueryRecord, State, World};
use sdp_kit_web::canvas::{Raster, mix, rgb};
use sdp_kit_web::palette::Ink;

/// The dense part of a plane as pixels: background, the area outside the boundary, the tints
/// of visited and pruned nodes (walk), the split lines of every split node (2 px near the root),
/// the points, and the query's marks when there are many.
pub fn base_raster(
    vp: &Viewport,
    w: &World,
    epoch: u32,
    walk: Option<(&QueryRecord, usize)>,
    marks: &[(u32, Mark)],
    ink: &Ink,
) -> Raster {
    let bg = rgb(ink.bg);
    let mut r = Raster::new(vp.w as u32, vp.h as u32, bg);
    let px = |x: f64| x.round() as i32;
    let (bx, by, bw, bh) = vp.rect_px(&w.bounds);
    // Outside the boundary: shaded (no point can go there).
    let shade = mix(rgb(ink.muted), bg, 0.8);
    let (x0, y0, x1, y1) = (px(bx), px(by), px(bx + bw), px(by + bh));
    let (cw, ch) = (vp.w as i32, vp.h as i32);
    r.rect(0, 0, cw, y0, shade);
    r.rect(0, y1, cw, ch, shade);
    r.rect(0, y0, x0, y1, shade);
    r.rect(x1, y0, cw, y1, shade);
    let visible = vp.visible();
    if let Some((q, count)) = walk {
        let visited = mix(rgb(colour::VISITED), bg, 0.85);
        let pruned = mix(rgb(colour::PRUNED), bg, 0.6);
        for e in &q.events[..count.min(q.events.len())] {
            if let QueryEvent::Test { node, hit, .. } = e {
                if let Some(n) = w.nodes.get(*node as usize) {
                    if intersects(&n.rect, &visible) {
                        let (x, y, rw, rh) = vp.rect_px(&n.rect);
                        r.rect(
                            px(x),
                            px(y),
                            px(x + rw),
                            px(y + rh),
                            if *hit { visited } else { pruned },
                        );
                    }
                }
            }
        }
    }
    let line = rgb(ink.muted);
    let n = alive_nodes(w, epoch);
    for node in &w.nodes[..n] {
        if node.split > epoch || !intersects(&node.rect, &visible) {
            continue;
        }
        let thick = if node.depth < 2 { 2 } else { 1 };
        let (mx, my) = node.rect.mid();
        let (ax, ay) = vp.to_px(node.rect.min_x, my);
        let (bx2, _) = vp.to_px(node.rect.max_x, my);
        r.rect(
            px(ax),
            px(ay) - thick / 2,
            px(bx2),
            px(ay) - thick / 2 + thick,
            line,
        );
        let (vx, vy0) = vp.to_px(mx, node.rect.max_y);
        let (_, vy1) = vp.to_px(mx, node.rect.min_y);
        r.rect(
            px(vx) - thick / 2,
            px(vy0),
            px(vx) - thick / 2 + thick,
            px(vy1),
            line,
        );
    }
    let count = alive_points(w, epoch);
    let side = if count > 3000 { 2 } else { 3 };
    let fg = mix(rgb(ink.fg), bg, 0.2);
    let grown = grow(&visible, 1.02);
    for p in &w.points[..count] {
        if !p.user && grown.contains(p.lng, p.lat) {
            let (x, y) = vp.to_px(p.lng, p.lat);
            r.dot(x, y, side, fg);
        }
    }
    if marks.len() > MANY_MARKS {
        for &(id, m) in marks {
            if let Some(p) = w.points.get(id as usize) {
                let (x, y) = vp.to_px(p.lng, p.lat);
                let size = match m {
                    Mark::Missed => 6,
                    Mark::Outside => 3,
                    _ => 4,
                };
                r.dot(x, y, size, rgb(mark_colour(m, ink)));
            }
        }
    }
    r
}

/// The dense pixels of the main plane for a step (drawn once per step, even while a split
/// animates).
pub fn main_raster(s: &State, vp: &Viewport, ink: &Ink) -> Raster {
    match s.query() {
        Some((q, c)) => {
            let marks = query_marks(q, c.count as usize, c.phase, q.stepped_outcome());
            let walk = (c.phase == QueryPhase::Walk).then_some((q, c.count as usize));
            base_raster(vp, &s.world, s.epoch, walk, &marks, ink)
        }
        None => base_raster(vp, &s.world, s.epoch, None, &[], ink),
    }
}
