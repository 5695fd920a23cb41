//! The plane: the tree outline, the points and the step's focus on a canvas, with the
//! coordinate transforms (degrees ↔ canvas pixels) the pointer handlers and tests use.
//!
//! Plate carrée: one degree of longitude is as wide on screen as one degree of latitude, which is
//! the space the tree splits (and the space where the document's 111 km/° circle is round).

use super::canvas::{self, Frames, Raster, dash, mix, rgb, rgba};
use crate::palette::{self, Ink};
use sdp_spatial::quadtree::tree::{QUADRANTS, Quadrant, Rect, Shape};
use sdp_spatial::quadtree::{
    Conversion, Focus, Outcome, QueryEvent, QueryPhase, QueryRecord, State, World,
};
use std::collections::HashSet;
use std::f64::consts::PI;
use web_sys::CanvasRenderingContext2d;

/// Width of the main plane canvas (pixels of the bitmap; CSS scales it).
pub const PLANE_W: f64 = 960.0;
/// Size of each of the two comparison canvases.
pub const COMPARE_W: f64 = 640.0;
/// Height of each comparison canvas.
pub const COMPARE_H: f64 = 400.0;

/// Colours with a meaning (Okabe–Ito; every use also has a shape or a label).
pub mod colour {
    /// Visited node / result point.
    pub const VISITED: &str = "#009E73";
    /// Result point.
    pub const RESULT: &str = "#0072B2";
    /// Candidate outside the radius.
    pub const CANDIDATE: &str = "#E69F00";
    /// Missed point / pruned subtree accent.
    pub const MISSED: &str = "#D55E00";
    /// Pruned node fill.
    pub const PRUNED: &str = "#999999";
    /// User-added points.
    pub const USER: &str = "#CC79A7";
}

/// Quadrant colours NW, NE, SW, SE (labels are drawn too).
pub fn quadrant_colour(q: Quadrant) -> &'static str {
    match q {
        Quadrant::NW => palette::series(0),
        Quadrant::NE => palette::series(1),
        Quadrant::SW => palette::series(2),
        Quadrant::SE => palette::series(6),
    }
}

/// Canvas height for a boundary: degrees stay square, between 0.3 and 0.75 of the width.
pub fn plane_height(bounds: &Rect) -> f64 {
    let ratio = if bounds.width() > 0.0 {
        bounds.height() / bounds.width()
    } else {
        0.5
    };
    (PLANE_W * ratio)
        .clamp(PLANE_W * 0.3, PLANE_W * 0.75)
        .round()
}

/// A mapping from degrees to canvas pixels: `view` fitted into `w × h` with one scale for both
/// axes, centred, north up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// Canvas width (px).
    pub w: f64,
    /// Canvas height (px).
    pub h: f64,
    /// Pixels per degree.
    pub scale: f64,
    /// Longitude at the left edge of the canvas.
    pub lng0: f64,
    /// Latitude at the top edge of the canvas.
    pub lat0: f64,
}

impl Viewport {
    /// Fits `view` into a `w × h` canvas.
    pub fn fit(view: Rect, w: f64, h: f64) -> Self {
        let vw = view.width().max(1e-9);
        let vh = view.height().max(1e-9);
        let scale = (w / vw).min(h / vh);
        let (cx, cy) = view.mid();
        Viewport {
            w,
            h,
            scale,
            lng0: cx - w / 2.0 / scale,
            lat0: cy + h / 2.0 / scale,
        }
    }

    /// Degrees → pixels.
    pub fn to_px(&self, lng: f64, lat: f64) -> (f64, f64) {
        (
            (lng - self.lng0) * self.scale,
            (self.lat0 - lat) * self.scale,
        )
    }

    /// Pixels → degrees.
    pub fn to_deg(&self, x: f64, y: f64) -> (f64, f64) {
        (self.lng0 + x / self.scale, self.lat0 - y / self.scale)
    }

    /// The degrees visible on the canvas.
    pub fn visible(&self) -> Rect {
        Rect::new(
            self.lng0,
            self.lat0 - self.h / self.scale,
            self.lng0 + self.w / self.scale,
            self.lat0,
        )
    }

    /// A rectangle in pixels `(x, y, w, h)`.
    pub fn rect_px(&self, r: &Rect) -> (f64, f64, f64, f64) {
        let (x0, y0) = self.to_px(r.min_x, r.max_y);
        let (x1, y1) = self.to_px(r.max_x, r.min_y);
        (x0, y0, x1 - x0, y1 - y0)
    }

    /// Decimal places that resolve one pixel (for rounding clicked coordinates).
    pub fn decimals(&self) -> usize {
        let per_px = 1.0 / self.scale.max(1e-12);
        (-per_px.log10()).ceil().clamp(0.0, 6.0) as usize
    }
}

/// Rounds `v` to `decimals` places.
pub fn round_to(v: f64, decimals: usize) -> f64 {
    let f = 10f64.powi(decimals as i32);
    (v * f).round() / f
}

/// A clicked position as a point to add: rounded to what a pixel resolves, kept inside the
/// boundary when the click was inside it. `None` for non-finite input.
pub fn click_point(vp: &Viewport, bounds: &Rect, x: f64, y: f64) -> Option<(f64, f64)> {
    let (lng, lat) = vp.to_deg(x, y);
    if !(lng.is_finite() && lat.is_finite()) {
        return None;
    }
    let d = vp.decimals();
    let (mut rl, mut ra) = (round_to(lng, d), round_to(lat, d));
    if bounds.contains(lng, lat) {
        rl = rl.clamp(bounds.min_x, bounds.max_x);
        ra = ra.clamp(bounds.min_y, bounds.max_y);
    }
    Some((rl, ra))
}

/// A drag from `(x0, y0)` to `(x1, y1)` as a query: centre (rounded, clamped to the world) and
/// radius in km (haversine to the release point; whole km above 10 km).
pub fn drag_query(vp: &Viewport, x0: f64, y0: f64, x1: f64, y1: f64) -> Option<(f64, f64, f64)> {
    let (lng, lat) = vp.to_deg(x0, y0);
    let (lng1, lat1) = vp.to_deg(x1, y1);
    if ![lng, lat, lng1, lat1].iter().all(|v| v.is_finite()) {
        return None;
    }
    let d = vp.decimals();
    let (lng, lat) = (
        round_to(lng.clamp(-180.0, 180.0), d),
        round_to(lat.clamp(-90.0, 90.0), d),
    );
    let km = sdp_spatial::geo::haversine_km(lng, lat, lng1, lat1.clamp(-90.0, 90.0));
    let km = if km >= 10.0 {
        km.round()
    } else {
        round_to(km, 2)
    };
    Some((lng, lat, km.max(0.01)))
}

/// `r` grown by `factor` around its centre.
fn grow(r: &Rect, factor: f64) -> Rect {
    let (cx, cy) = r.mid();
    let (hw, hh) = (r.width() * factor / 2.0, r.height() * factor / 2.0);
    Rect::new(cx - hw, cy - hh, cx + hw, cy + hh)
}

fn union(a: &Rect, b: &Rect) -> Rect {
    Rect::new(
        a.min_x.min(b.min_x),
        a.min_y.min(b.min_y),
        a.max_x.max(b.max_x),
        a.max_y.max(b.max_y),
    )
}

/// Half-width in longitude degrees of a query shape (capped so the pole-ward ellipse stays
/// drawable).
pub fn shape_half_width(s: &Shape) -> f64 {
    if s.x_scale > 1e-6 {
        (s.r / s.x_scale).min(400.0)
    } else {
        400.0
    }
}

/// The degrees a query needs on screen: both shapes and the true circle.
pub fn query_rect(q: &QueryRecord) -> Rect {
    let mut r = Rect::new(q.lng, q.lat, q.lng, q.lat);
    for o in [&q.doc, &q.corrected] {
        let hw = shape_half_width(&o.shape);
        r = union(
            &r,
            &Rect::new(q.lng - hw, q.lat - o.shape.r, q.lng + hw, q.lat + o.shape.r),
        );
    }
    for &(x, y) in &q.outline {
        // Skip vertices wrapped across ±180°: they belong to the other side of the map.
        if (x - q.lng).abs() <= 180.0 {
            r = union(&r, &Rect::new(x, y, x, y));
        }
    }
    r
}

/// What the plane should show for a step: the whole boundary, or a close-up of the focus.
pub fn focus_rect(s: &State, follow: bool) -> Rect {
    let w = &s.world;
    let bounds = w.bounds;
    if !follow {
        return bounds;
    }
    let node_rect = |i: u32| w.nodes.get(i as usize).map(|n| n.rect);
    let wanted = match &s.focus {
        Focus::Start | Focus::Bulk { .. } => None,
        Focus::Split { node, .. } => node_rect(*node).map(|r| grow(&r, 1.6)),
        Focus::Cascade { nodes, .. } => nodes
            .first()
            .and_then(|&n| node_rect(n))
            .map(|r| grow(&r, 1.3)),
        Focus::Placed { path, .. } => {
            let at = path.len().saturating_sub(2);
            path.get(at)
                .and_then(|&n| node_rect(n))
                .map(|r| grow(&r, 1.3))
        }
        Focus::Query(_) => s.query().map(|(q, _)| grow(&query_rect(q), 1.25)),
    };
    match wanted {
        // A close-up that would show most of the boundary anyway is not worth the jump.
        Some(r) if r.width() < bounds.width() * 0.6 || r.height() < bounds.height() * 0.6 => {
            let min = bounds.width().min(bounds.height()) * 1e-6;
            if r.width() > min && r.height() > min {
                r
            } else {
                bounds
            }
        }
        _ => bounds,
    }
}

/// The viewport of the main plane for a step.
pub fn main_viewport(s: &State, follow: bool) -> Viewport {
    Viewport::fit(
        focus_rect(s, follow),
        PLANE_W,
        plane_height(&s.world.bounds),
    )
}

/// Number of alive items in a list whose `born` epochs never decrease.
fn alive_prefix<T>(items: &[T], born: impl Fn(&T) -> u32, epoch: u32) -> usize {
    items.partition_point(|t| born(t) <= epoch)
}

/// Nodes alive at the step.
pub fn alive_nodes(w: &World, epoch: u32) -> usize {
    alive_prefix(&w.nodes, |n| n.born, epoch)
}

/// Points in the tree at the step.
pub fn alive_points(w: &World, epoch: u32) -> usize {
    alive_prefix(&w.points, |p| p.born, epoch)
}

fn intersects(a: &Rect, b: &Rect) -> bool {
    a.min_x <= b.max_x && b.min_x <= a.max_x && a.min_y <= b.max_y && b.min_y <= a.max_y
}

/// Above this many marked points a query's marks are pixels instead of vector shapes.
const MANY_MARKS: usize = 1500;

/// What a query made of a point (drawn with a shape per kind).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Inside the search shape (walk).
    Candidate,
    /// Checked and outside the shape (walk).
    Outside,
    /// Within the radius by haversine.
    Result,
    /// A candidate beyond the radius.
    Beyond,
    /// Truly within the radius but never returned.
    Missed,
}

impl Mark {
    fn colour(self, ink: &Ink) -> &'static str {
        match self {
            Mark::Candidate | Mark::Beyond => colour::CANDIDATE,
            Mark::Outside => ink.muted,
            Mark::Result => colour::RESULT,
            Mark::Missed => colour::MISSED,
        }
    }
}

/// The marked points of a query step: the walk's checked points, or an outcome's results,
/// candidates beyond the radius and missed points.
pub fn query_marks(
    q: &QueryRecord,
    count: usize,
    phase: QueryPhase,
    o: &Outcome,
) -> Vec<(u32, Mark)> {
    match phase {
        QueryPhase::Start => Vec::new(),
        QueryPhase::Walk => q.events[..count.min(q.events.len())]
            .iter()
            .filter_map(|e| match e {
                QueryEvent::Check { points, .. } => Some(points),
                QueryEvent::Test { .. } => None,
            })
            .flatten()
            .map(|c| {
                (
                    c.point,
                    if c.candidate {
                        Mark::Candidate
                    } else {
                        Mark::Outside
                    },
                )
            })
            .collect(),
        QueryPhase::Filter | QueryPhase::Compare => {
            let results: HashSet<u32> = o.results.iter().map(|h| h.point).collect();
            let mut marks: Vec<(u32, Mark)> = o
                .candidates
                .iter()
                .filter(|c| !results.contains(c))
                .map(|&c| (c, Mark::Beyond))
                .collect();
            marks.extend(o.results.iter().map(|h| (h.point, Mark::Result)));
            // Missed points belong to the comparison with brute force (the last step).
            if phase == QueryPhase::Compare {
                marks.extend(o.missed.iter().map(|&m| (m, Mark::Missed)));
            }
            marks
        }
    }
}

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
    let dot = if count > 3000 { 2 } else { 3 };
    let fg = mix(rgb(ink.fg), bg, 0.2);
    let grown = grow(&visible, 1.02);
    for p in &w.points[..count] {
        if !p.user && grown.contains(p.lng, p.lat) {
            let (x, y) = vp.to_px(p.lng, p.lat);
            r.dot(x, y, dot, fg);
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
                r.dot(x, y, size, rgb(m.colour(ink)));
            }
        }
    }
    r
}

/// The boundary and the points the learner added (diamonds), over the raster.
fn draw_vector_base(
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
                ctx.set_fill_style_str(kind.colour(ink));
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
                ctx.set_stroke_style_str(kind.colour(ink));
                ctx.set_line_width(2.0);
                ctx.stroke();
            }
        }
    }
}

fn diamond(ctx: &CanvasRenderingContext2d, x: f64, y: f64, r: f64) {
    ctx.move_to(x, y - r);
    ctx.line_to(x + r, y);
    ctx.line_to(x, y + r);
    ctx.line_to(x - r, y);
    ctx.close_path();
}

fn circle(ctx: &CanvasRenderingContext2d, x: f64, y: f64, r: f64) {
    ctx.move_to(x + r, y);
    let _ = ctx.arc(x, y, r, 0.0, 2.0 * PI);
}

fn cross(ctx: &CanvasRenderingContext2d, x: f64, y: f64, r: f64) {
    ctx.move_to(x - r, y - r);
    ctx.line_to(x + r, y + r);
    ctx.move_to(x + r, y - r);
    ctx.line_to(x - r, y + r);
}

fn label(ctx: &CanvasRenderingContext2d, text: &str, x: f64, y: f64, ink: &Ink) {
    ctx.set_font("600 19px system-ui, sans-serif");
    ctx.set_line_width(4.0);
    ctx.set_stroke_style_str(ink.bg);
    let _ = ctx.stroke_text(text, x, y);
    ctx.set_fill_style_str(ink.fg);
    let _ = ctx.fill_text(text, x, y);
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
        draw_focus(ctx, s, vp, t, ink);
    }
    let view = vp.visible();
    let b = w.bounds;
    if view.width() < b.width() * 0.95 && view.height() < b.height() * 0.95 {
        draw_inset(ctx, vp, w, s.epoch, ink);
    }
}

/// The focus of an insert step.
fn draw_focus(ctx: &CanvasRenderingContext2d, s: &State, vp: &Viewport, t: f64, ink: &Ink) {
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

/// The viewport of a comparison canvas.
pub fn compare_viewport(q: &QueryRecord) -> Viewport {
    Viewport::fit(grow(&query_rect(q), 1.15), COMPARE_W, COMPARE_H)
}

/// A one-sentence text alternative for the plane.
pub fn describe(s: &State) -> String {
    let w = &s.world;
    let points = alive_points(w, s.epoch);
    let nodes = alive_nodes(w, s.epoch);
    let base = format!(
        "Quadtree over lng {}…{}, lat {}…{}: {points} points, {nodes} nodes.",
        w.bounds.min_x, w.bounds.max_x, w.bounds.min_y, w.bounds.max_y
    );
    let extra = match &s.focus {
        Focus::Split { node, moved, .. } => format!(
            " Node {} splits into NW, NE, SW, SE; {} points move down.",
            w.label(*node),
            moved.len()
        ),
        Focus::Placed { point, path, .. } => format!(
            " Point #{point} is placed in leaf {}.",
            path.last().map(|&n| w.label(n)).unwrap_or_default()
        ),
        Focus::Query(c) => match w.queries.get(c.query as usize) {
            Some(q) => format!(
                " Radius query of {} km around ({}, {}); {} events of {} done.",
                q.radius_km,
                q.lng,
                q.lat,
                c.count,
                q.events.len()
            ),
            None => String::new(),
        },
        _ => String::new(),
    };
    base + &extra
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
