//! The plane's geometry, in degrees and canvas pixels: the canvas sizes, the viewport (plate
//! carrée: one degree of longitude as wide as one of latitude, the space the tree splits), what
//! a step zooms on, and how a click or a drag becomes an action. Pure: the view draws with it,
//! and `tests/layout.rs` tests it natively.

use crate::geo::haversine_km;
use crate::tree::{Rect, Shape};
use crate::{Focus, QueryRecord, State, World};

/// Width of the main plane canvas (pixels of the bitmap; CSS scales it).
pub const PLANE_W: f64 = 960.0;
/// Size of each of the two comparison canvases.
pub const COMPARE_W: f64 = 640.0;
/// Height of each comparison canvas.
pub const COMPARE_H: f64 = 400.0;

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
    let km = haversine_km(lng, lat, lng1, lat1.clamp(-90.0, 90.0));
    let km = if km >= 10.0 {
        km.round()
    } else {
        round_to(km, 2)
    };
    Some((lng, lat, km.max(0.01)))
}

/// `r` grown by `factor` around its centre.
pub fn grow(r: &Rect, factor: f64) -> Rect {
    let (cx, cy) = r.mid();
    let (hw, hh) = (r.width() * factor / 2.0, r.height() * factor / 2.0);
    Rect::new(cx - hw, cy - hh, cx + hw, cy + hh)
}

/// The smallest rectangle holding `a` and `b`.
pub fn union(a: &Rect, b: &Rect) -> Rect {
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

/// True when the rectangles overlap (edges included).
pub fn intersects(a: &Rect, b: &Rect) -> bool {
    a.min_x <= b.max_x && b.min_x <= a.max_x && a.min_y <= b.max_y && b.min_y <= a.max_y
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

/// Whether a press from `start` to `end` (canvas pixels, `ratio` canvas pixels per CSS pixel)
/// is a drag (more than 6 CSS pixels) rather than a click.
pub fn is_drag(start: (f64, f64), end: (f64, f64), ratio: f64) -> bool {
    let (dx, dy) = (end.0 - start.0, end.1 - start.1);
    (dx * dx + dy * dy).sqrt() / ratio.max(1e-9) > 6.0
}
