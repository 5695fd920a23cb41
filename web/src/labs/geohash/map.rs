//! The world map: an equirectangular (plate carrée) canvas, zoom and pan by wheel, drag, pinch,
//! buttons and keys; the geohash grid at any precision with labels where they fit and parent
//! boundaries on demand; the bundled coastline; and a per-mode overlay.
//!
//! Projection (CSS pixels): `x = (lng − west) · k`, `y = (north − lat) · k`, with `k` pixels per
//! degree on both axes. The canvas publishes `data-view="west,north,k"` so that tests can turn a
//! pixel back into a point independently.

use super::coast::{self, Coast, CoastStatus};
use crate::dom;
use gloo::events::{EventListener, EventListenerOptions};
use sdp_geo::codec::{BBox, Cell, LatLng};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{Clamped, JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

/// Smallest latitude span across the canvas, degrees (a precision-12 cell is 1.7e-7° tall).
pub const MIN_SPAN: f64 = 1e-7;
/// Largest latitude span across the canvas, degrees.
pub const MAX_SPAN: f64 = 400.0;
/// Cells narrower than this (CSS px) are not drawn one by one.
pub const MIN_CELL_PX: f64 = 4.0;
/// Points drawn as shapes up to this many; more are plotted as pixels.
pub const MAX_SHAPES: usize = 2500;
/// Decimals kept for a point dropped on the map (0.11 m).
pub const PICK_DECIMALS: i32 = 6;

/// What the map looks at: its centre and the latitude span across its height.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// Centre (longitude in [−180, 180)).
    pub centre: LatLng,
    /// Degrees of latitude from the top edge to the bottom edge.
    pub lat_span: f64,
}

/// The whole globe.
pub const WORLD: BBox = BBox {
    south: -90.0,
    north: 90.0,
    west: -180.0,
    east: 180.0,
};

/// Wraps a longitude into [−180, 180).
pub fn wrap_lng(lng: f64) -> f64 {
    (lng + 180.0).rem_euclid(360.0) - 180.0
}

impl View {
    /// The view that shows `b` (in any longitude frame) with a margin, on a canvas `aspect`
    /// times as wide as it is tall.
    pub fn fit(b: BBox, aspect: f64) -> View {
        let aspect = if aspect.is_finite() && aspect > 0.1 {
            aspect
        } else {
            2.0
        };
        let span = (b.height().max(b.width() / aspect) * 1.2).max(MIN_SPAN * 4.0);
        View {
            centre: b.centre(),
            lat_span: span,
        }
        .clamped()
    }

    /// Keeps the view sensible: span within [MIN_SPAN, MAX_SPAN], no more than 15 % of the
    /// height beyond a pole, longitude wrapped.
    pub fn clamped(self) -> View {
        let span = if self.lat_span.is_finite() {
            self.lat_span.clamp(MIN_SPAN, MAX_SPAN)
        } else {
            180.0
        };
        let half = span / 2.0;
        let allow = 0.15 * span;
        let (lo, hi) = (-90.0 - allow + half, 90.0 + allow - half);
        let lat = if !self.centre.lat.is_finite() || lo > hi {
            0.0
        } else {
            self.centre.lat.clamp(lo, hi)
        };
        let lng = if self.centre.lng.is_finite() {
            wrap_lng(self.centre.lng)
        } else {
            0.0
        };
        View {
            centre: LatLng::new(lat, lng),
            lat_span: span,
        }
    }

    /// The projection onto a `w` × `h` CSS-pixel canvas.
    pub fn projection(&self, w: f64, h: f64) -> Proj {
        let (w, h) = (w.max(1.0), h.max(1.0));
        let k = h / self.lat_span;
        Proj {
            west: self.centre.lng - w / 2.0 / k,
            north: self.centre.lat + h / 2.0 / k,
            k,
            w,
            h,
        }
    }

    /// Zoomed by `factor` (< 1 zooms in) keeping the point under (x, y) where it is.
    pub fn zoom_at(&self, factor: f64, x: f64, y: f64, w: f64, h: f64) -> View {
        let proj = self.projection(w, h);
        let (lat, lng) = proj.unproject(x, y);
        let span = (self.lat_span * factor).clamp(MIN_SPAN, MAX_SPAN);
        let r = span / self.lat_span;
        View {
            centre: LatLng::new(
                lat + (self.centre.lat - lat) * r,
                lng + (self.centre.lng - lng) * r,
            ),
            lat_span: span,
        }
        .clamped()
    }

    /// Zoomed by `factor` about the centre.
    pub fn zoom(&self, factor: f64) -> View {
        View {
            lat_span: self.lat_span * factor,
            ..*self
        }
        .clamped()
    }

    /// Moved by a fraction of the span (east and north positive).
    pub fn pan_by(&self, east: f64, north: f64) -> View {
        View {
            centre: LatLng::new(
                self.centre.lat + north * self.lat_span,
                self.centre.lng + east * self.lat_span,
            ),
            lat_span: self.lat_span,
        }
        .clamped()
    }

    /// Moved so that the content follows a drag of (dx, dy) CSS pixels on a canvas `h` tall.
    pub fn dragged(&self, dx: f64, dy: f64, h: f64) -> View {
        let k = h.max(1.0) / self.lat_span;
        View {
            centre: LatLng::new(self.centre.lat + dy / k, self.centre.lng - dx / k),
            lat_span: self.lat_span,
        }
        .clamped()
    }
}

/// Degrees ↔ CSS pixels for one canvas.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Proj {
    /// Longitude at x = 0 (may be below −180 when the view crosses the date line).
    pub west: f64,
    /// Latitude at y = 0 (may exceed 90).
    pub north: f64,
    /// Pixels per degree.
    pub k: f64,
    /// Width, CSS px.
    pub w: f64,
    /// Height, CSS px.
    pub h: f64,
}

impl Proj {
    /// x of a longitude (in the view's frame).
    pub fn x(&self, lng: f64) -> f64 {
        (lng - self.west) * self.k
    }
    /// y of a latitude.
    pub fn y(&self, lat: f64) -> f64 {
        (self.north - lat) * self.k
    }
    /// Eastern edge.
    pub fn east(&self) -> f64 {
        self.west + self.w / self.k
    }
    /// Southern edge.
    pub fn south(&self) -> f64 {
        self.north - self.h / self.k
    }
    /// (lat, lng) under a pixel, longitude in the view's frame (not wrapped).
    pub fn unproject(&self, x: f64, y: f64) -> (f64, f64) {
        (self.north - y / self.k, self.west + x / self.k)
    }
    /// The point a click at (x, y) drops: latitude clamped to the globe, longitude wrapped,
    /// both rounded to [`PICK_DECIMALS`] decimals.
    pub fn pick(&self, x: f64, y: f64) -> LatLng {
        let (lat, lng) = self.unproject(x, y);
        let round = |v: f64| {
            let f = 10f64.powi(PICK_DECIMALS);
            let r = (v * f).round() / f;
            if r == 0.0 { 0.0 } else { r }
        };
        let lng = round(wrap_lng(lng));
        LatLng::new(
            round(lat.clamp(-90.0, 90.0)),
            if lng >= 180.0 { -180.0 } else { lng },
        )
    }
    /// The visible box.
    pub fn bbox(&self) -> BBox {
        BBox {
            south: self.south(),
            north: self.north,
            west: self.west,
            east: self.east(),
        }
    }
    /// Multiples of 360° that bring [west, east] into view (at most four).
    pub fn shifts(&self, west: f64, east: f64) -> impl Iterator<Item = f64> {
        let lo = ((self.west - east) / 360.0).ceil() as i64;
        let hi = ((self.east() - west) / 360.0).floor() as i64;
        (lo..=hi.min(lo + 3)).map(|k| k as f64 * 360.0)
    }
    /// The shift (multiple of 360°) that puts `lng` closest to the view's centre.
    pub fn nearest_shift(&self, lng: f64) -> f64 {
        let c = (self.west + self.east()) / 2.0;
        ((c - lng) / 360.0).round() * 360.0
    }
}

/// Map colours for the current colour scheme (Okabe–Ito for the data).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapInk {
    /// Sea.
    pub water: &'static str,
    /// Land.
    pub land: &'static str,
    /// Coastline.
    pub coast: &'static str,
    /// Grid lines.
    pub grid: &'static str,
    /// Parent grid lines.
    pub parent: &'static str,
    /// Text.
    pub text: &'static str,
    /// Text halo.
    pub halo: &'static str,
    /// Beyond the poles.
    pub void: &'static str,
    /// Equator, prime meridian, date line.
    pub reference: &'static str,
    /// Base points (places, hotels).
    pub dots: &'static str,
    /// The thing this step is about.
    pub focus: &'static str,
    /// Searched cells, queried shards.
    pub cells: &'static str,
    /// Results.
    pub result: &'static str,
    /// Missed points.
    pub miss: &'static str,
    /// Candidates.
    pub candidate: &'static str,
}

/// The ink for light or dark mode.
pub fn map_ink(dark: bool) -> MapInk {
    if dark {
        MapInk {
            water: "#141a21",
            land: "#2c3029",
            coast: "#707468",
            grid: "rgba(255,255,255,0.28)",
            parent: "rgba(255,255,255,0.75)",
            text: "#e8e8e8",
            halo: "rgba(20,26,33,0.85)",
            void: "#24262b",
            reference: "#8a939e",
            dots: "#8d96a0",
            focus: "#E69F00",
            cells: "#56B4E9",
            result: "#009E73",
            miss: "#ff8a3d",
            candidate: "#56B4E9",
        }
    } else {
        MapInk {
            water: "#f2f6f9",
            land: "#e3e0d4",
            coast: "#9a978b",
            grid: "rgba(0,0,0,0.30)",
            parent: "rgba(0,0,0,0.75)",
            text: "#1d1d1f",
            halo: "rgba(255,255,255,0.85)",
            void: "#dcdcdc",
            reference: "#6d7782",
            dots: "#7d858e",
            focus: "#E69F00",
            cells: "#0072B2",
            result: "#009E73",
            miss: "#D55E00",
            candidate: "#0072B2",
        }
    }
}

/// Which grid to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GridChoice {
    /// None.
    Off,
    /// The precision the step is about (or the finest that fits).
    Auto,
    /// This precision, if its cells are big enough to see.
    Fixed(u8),
}

/// The grid precision actually drawn, and a note when it differs from the one asked for.
pub fn resolve_grid(choice: GridChoice, auto: u8, proj: &Proj) -> (Option<u8>, Option<String>) {
    let fits = |p: u8| {
        let (dlat, dlng) = Cell::size_deg(p);
        dlat.min(dlng) * proj.k >= MIN_CELL_PX
    };
    match choice {
        GridChoice::Off => (None, None),
        GridChoice::Auto => {
            let want = auto.clamp(1, 12);
            match (1..=want).rev().find(|&p| fits(p)) {
                Some(p) if p == want => (Some(p), None),
                Some(p) => (
                    Some(p),
                    Some(format!(
                        "Grid at precision {p}: precision-{want} cells are under {MIN_CELL_PX} px at this zoom; zoom in to see them."
                    )),
                ),
                None => (None, None),
            }
        }
        GridChoice::Fixed(p) => {
            let p = p.clamp(1, 12);
            if fits(p) {
                (Some(p), None)
            } else {
                (
                    None,
                    Some(format!(
                        "Precision-{p} cells are under {MIN_CELL_PX} px at this zoom: zoom in to see them."
                    )),
                )
            }
        }
    }
}

/// `v` clamped to [lo, hi]; the midpoint when the range is empty (never panics).
pub fn clampf(v: f64, lo: f64, hi: f64) -> f64 {
    if lo <= hi {
        v.max(lo).min(hi)
    } else {
        (lo + hi) / 2.0
    }
}

/// Most cell labels drawn at once (beyond, the grid is drawn without them).
pub const MAX_LABELS: i64 = 2000;

/// Whether a cell `cw` × `ch` CSS px is big enough for its label.
pub fn label_fits(cw: f64, ch: f64, precision: u8) -> bool {
    cw >= label_width(usize::from(precision)) + 8.0 && ch >= 18.0
}

/// Approximate width of a cell label in CSS px (11 px monospace).
pub fn label_width(chars: usize) -> f64 {
    chars as f64 * 6.8 + 6.0
}

/// How a shape is painted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    /// Fill colour.
    pub fill: Option<&'static str>,
    /// Fill opacity.
    pub fill_alpha: f64,
    /// Stroke colour.
    pub stroke: Option<&'static str>,
    /// Stroke width, CSS px.
    pub width: f64,
    /// Dashed stroke.
    pub dash: bool,
}

impl Style {
    /// Stroke only.
    pub const fn line(colour: &'static str, width: f64) -> Style {
        Style {
            fill: None,
            fill_alpha: 0.0,
            stroke: Some(colour),
            width,
            dash: false,
        }
    }
    /// Dashed stroke.
    pub const fn dashed(colour: &'static str, width: f64) -> Style {
        Style {
            dash: true,
            ..Style::line(colour, width)
        }
    }
    /// Translucent fill with a stroke.
    pub const fn area(colour: &'static str, alpha: f64, width: f64) -> Style {
        Style {
            fill: Some(colour),
            fill_alpha: alpha,
            stroke: Some(colour),
            width,
            dash: false,
        }
    }
}

/// Point shapes (so that no category is told by colour alone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Filled disc.
    Dot,
    /// Hollow square.
    Square,
    /// Diagonal cross.
    Cross,
    /// Filled diamond.
    Diamond,
    /// Ring.
    Ring,
}

fn js_dash(on: bool) -> JsValue {
    let a = js_sys::Array::new();
    if on {
        a.push(&JsValue::from_f64(5.0));
        a.push(&JsValue::from_f64(4.0));
    }
    a.into()
}

/// Parses "#rrggbb".
pub fn rgb(hex: &str) -> [u8; 3] {
    let h = hex.trim_start_matches('#');
    let c = |i: usize| {
        h.get(i..i + 2)
            .and_then(|s| u8::from_str_radix(s, 16).ok())
            .unwrap_or(128)
    };
    [c(0), c(2), c(4)]
}

/// Clips a polygon (degrees) to a box: Sutherland–Hodgman.
pub fn clip_polygon(pts: &[(f64, f64)], b: &BBox) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = pts.to_vec();
    type Inside = fn(&BBox, (f64, f64)) -> bool;
    type Cut = fn(&BBox, (f64, f64), (f64, f64)) -> (f64, f64);
    let edges: [(Inside, Cut); 4] = [
        (
            |b, p| p.0 >= b.west,
            |b, p, q| (b.west, p.1 + (q.1 - p.1) * (b.west - p.0) / (q.0 - p.0)),
        ),
        (
            |b, p| p.0 <= b.east,
            |b, p, q| (b.east, p.1 + (q.1 - p.1) * (b.east - p.0) / (q.0 - p.0)),
        ),
        (
            |b, p| p.1 >= b.south,
            |b, p, q| (p.0 + (q.0 - p.0) * (b.south - p.1) / (q.1 - p.1), b.south),
        ),
        (
            |b, p| p.1 <= b.north,
            |b, p, q| (p.0 + (q.0 - p.0) * (b.north - p.1) / (q.1 - p.1), b.north),
        ),
    ];
    for (inside, cut) in edges {
        if out.is_empty() {
            break;
        }
        let input = std::mem::take(&mut out);
        let mut prev = input[input.len() - 1];
        for &cur in &input {
            match (inside(b, cur), inside(b, prev)) {
                (true, true) => out.push(cur),
                (true, false) => {
                    out.push(cut(b, prev, cur));
                    out.push(cur);
                }
                (false, true) => out.push(cut(b, prev, cur)),
                (false, false) => {}
            }
            prev = cur;
        }
    }
    out
}

/// Clips a segment to a box (Liang–Barsky); None if it misses.
pub fn clip_segment(p: (f64, f64), q: (f64, f64), b: &BBox) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (den, num) in [
        (-dx, p.0 - b.west),
        (dx, b.east - p.0),
        (-dy, p.1 - b.south),
        (dy, b.north - p.1),
    ] {
        if den == 0.0 {
            if num < 0.0 {
                return None;
            }
        } else {
            let t = num / den;
            if den < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return None;
            }
        }
    }
    Some((
        (p.0 + t0 * dx, p.1 + t0 * dy),
        (p.0 + t1 * dx, p.1 + t1 * dy),
    ))
}

fn intersects(a: &BBox, b: &BBox) -> bool {
    a.west <= b.east && a.east >= b.west && a.south <= b.north && a.north >= b.south
}

fn inside(a: &BBox, outer: &BBox) -> bool {
    a.west >= outer.west && a.east <= outer.east && a.south >= outer.south && a.north <= outer.north
}

/// Unwraps a ring's longitudes so consecutive points differ by less than 180°; a ring around
/// a pole is closed along that pole.
pub fn unwrap_ring(pts: &[LatLng]) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(pts.len() + 2);
    let mut prev: Option<f64> = None;
    for p in pts {
        let lng = match prev {
            None => p.lng,
            Some(q) => q + wrap_lng(p.lng - q),
        };
        out.push((lng, p.lat));
        prev = Some(lng);
    }
    if let (Some(first), Some(last)) = (out.first().copied(), out.last().copied()) {
        if (last.0 - first.0).abs() > 180.0 {
            let mean = pts.iter().map(|p| p.lat).sum::<f64>() / pts.len() as f64;
            let pole = if mean >= 0.0 { 90.0 } else { -90.0 };
            out.push((last.0, pole));
            out.push((first.0, pole));
        }
    }
    out
}

fn bbox_of(pts: &[(f64, f64)]) -> BBox {
    let mut b = BBox {
        south: f64::INFINITY,
        north: f64::NEG_INFINITY,
        west: f64::INFINITY,
        east: f64::NEG_INFINITY,
    };
    for &(x, y) in pts {
        b.west = b.west.min(x);
        b.east = b.east.max(x);
        b.south = b.south.min(y);
        b.north = b.north.max(y);
    }
    b
}

/// Draws on the map in degrees; every shape repeats across the date line as the view needs.
pub struct Painter<'a> {
    /// The 2D context, scaled to CSS pixels.
    pub ctx: &'a CanvasRenderingContext2d,
    /// The projection.
    pub proj: Proj,
    /// Colours.
    pub ink: MapInk,
    /// Device pixels per CSS pixel.
    pub dpr: f64,
    /// The grid precision whose cell labels are drawn (overlay labels of the same cells skip).
    pub grid_labels: Option<u8>,
}

impl Painter<'_> {
    /// The visible box widened by a margin (for clipping).
    fn clip_box(&self) -> BBox {
        let b = self.proj.bbox();
        let m = 20.0 / self.proj.k;
        BBox {
            south: b.south - m,
            north: b.north + m,
            west: b.west - m,
            east: b.east + m,
        }
    }

    fn apply(&self, style: &Style) {
        let _ = self.ctx.set_line_dash(&js_dash(style.dash));
        self.ctx.set_line_width(style.width);
        if let Some(s) = style.stroke {
            self.ctx.set_stroke_style_str(s);
        }
        if let Some(f) = style.fill {
            self.ctx.set_fill_style_str(f);
        }
    }

    fn finish(&self, style: &Style) {
        if style.fill.is_some() && style.fill_alpha > 0.0 {
            self.ctx.set_global_alpha(style.fill_alpha);
            self.ctx.fill();
            self.ctx.set_global_alpha(1.0);
        }
        if style.stroke.is_some() && style.width > 0.0 {
            self.ctx.stroke();
        }
        let _ = self.ctx.set_line_dash(&js_dash(false));
    }

    /// A box (a cell), with an optional label in its middle if it fits.
    pub fn rect(&self, b: BBox, style: &Style, label: Option<&str>) {
        let clip = self.clip_box();
        self.apply(style);
        self.ctx.begin_path();
        let mut spots = Vec::new();
        for s in self.proj.shifts(b.west, b.east) {
            let sb = BBox {
                west: b.west + s,
                east: b.east + s,
                ..b
            };
            if !intersects(&sb, &clip) {
                continue;
            }
            let (w, e) = (sb.west.max(clip.west), sb.east.min(clip.east));
            let (so, n) = (sb.south.max(clip.south), sb.north.min(clip.north));
            let (x0, x1, y0, y1) = (
                self.proj.x(w),
                self.proj.x(e),
                self.proj.y(n),
                self.proj.y(so),
            );
            self.ctx.rect(x0, y0, x1 - x0, y1 - y0);
            spots.push((
                self.proj.x(sb.west),
                self.proj.x(sb.east),
                self.proj.y(sb.north),
                self.proj.y(sb.south),
            ));
        }
        self.finish(style);
        if let Some(text) = label {
            for (x0, x1, y0, y1) in spots {
                if x1 - x0 >= label_width(text.chars().count()) && y1 - y0 >= 16.0 {
                    let cx = clampf((x0.max(0.0) + x1.min(self.proj.w)) / 2.0, x0, x1);
                    let cy = clampf((y0.max(0.0) + y1.min(self.proj.h)) / 2.0, y0, y1);
                    self.text(cx, cy, text, true);
                }
            }
        }
    }

    /// Many boxes in one path (no labels).
    pub fn rects(&self, boxes: &[BBox], style: &Style) {
        let clip = self.clip_box();
        self.apply(style);
        self.ctx.begin_path();
        for b in boxes {
            for s in self.proj.shifts(b.west, b.east) {
                let sb = BBox {
                    west: b.west + s,
                    east: b.east + s,
                    ..*b
                };
                if !intersects(&sb, &clip) {
                    continue;
                }
                let (x0, x1) = (
                    self.proj.x(sb.west.max(clip.west)),
                    self.proj.x(sb.east.min(clip.east)),
                );
                let (y0, y1) = (
                    self.proj.y(sb.north.min(clip.north)),
                    self.proj.y(sb.south.max(clip.south)),
                );
                self.ctx.rect(x0, y0, x1 - x0, y1 - y0);
            }
        }
        self.finish(style);
    }

    /// A cell's label, unless the grid already labels cells of its precision.
    pub fn cell_label(&self, cell: Cell) -> Option<String> {
        (self.grid_labels != Some(cell.precision)).then(|| cell.to_hash())
    }

    /// Text centred at a pixel, with a halo so it reads over anything.
    pub fn text(&self, x: f64, y: f64, text: &str, bold: bool) {
        let ctx = self.ctx;
        ctx.set_font(if bold {
            "600 11px ui-monospace, SFMono-Regular, Menlo, monospace"
        } else {
            "11px ui-monospace, SFMono-Regular, Menlo, monospace"
        });
        ctx.set_text_align("center");
        ctx.set_text_baseline("middle");
        ctx.set_line_width(3.0);
        ctx.set_stroke_style_str(self.ink.halo);
        let _ = ctx.set_line_dash(&js_dash(false));
        let _ = ctx.stroke_text(text, x, y);
        ctx.set_fill_style_str(self.ink.text);
        let _ = ctx.fill_text(text, x, y);
    }

    /// Text at a point on the globe (repeated across the date line), offset in pixels.
    pub fn text_at(&self, p: LatLng, dx: f64, dy: f64, text: &str) {
        for s in self.proj.shifts(p.lng, p.lng) {
            let (x, y) = (self.proj.x(p.lng + s) + dx, self.proj.y(p.lat) + dy);
            if (-60.0..self.proj.w + 60.0).contains(&x) && (-20.0..self.proj.h + 20.0).contains(&y)
            {
                self.text(x, y, text, true);
            }
        }
    }

    /// A closed polygon given as points on the globe (unwrapped across the date line).
    pub fn polygon(&self, pts: &[LatLng], style: &Style) {
        if pts.len() < 3 {
            return;
        }
        let ring = unwrap_ring(pts);
        self.path(&ring, true, style);
    }

    /// An open line through points on the globe (unwrapped across the date line).
    pub fn polyline(&self, pts: &[LatLng], style: &Style) {
        if pts.len() < 2 {
            return;
        }
        let mut line: Vec<(f64, f64)> = Vec::with_capacity(pts.len());
        for p in pts {
            let lng = match line.last() {
                None => p.lng,
                Some(&(q, _)) => q + wrap_lng(p.lng - q),
            };
            line.push((lng, p.lat));
        }
        self.path(&line, false, style);
    }

    /// A path in degrees (already unwrapped), clipped and repeated.
    pub fn path(&self, pts: &[(f64, f64)], closed: bool, style: &Style) {
        let clip = self.clip_box();
        let b = bbox_of(pts);
        self.apply(style);
        self.ctx.begin_path();
        for s in self.proj.shifts(b.west, b.east) {
            let shifted: Vec<(f64, f64)> = pts.iter().map(|&(x, y)| (x + s, y)).collect();
            let sb = BBox {
                west: b.west + s,
                east: b.east + s,
                ..b
            };
            if !intersects(&sb, &clip) {
                continue;
            }
            if closed {
                let ring = if inside(&sb, &clip) {
                    shifted
                } else {
                    clip_polygon(&shifted, &clip)
                };
                self.ring_path(&ring);
            } else {
                for w in shifted.windows(2) {
                    if let Some((a, c)) = clip_segment(w[0], w[1], &clip) {
                        self.ctx.move_to(self.proj.x(a.0), self.proj.y(a.1));
                        self.ctx.line_to(self.proj.x(c.0), self.proj.y(c.1));
                    }
                }
            }
        }
        self.finish(style);
    }

    fn ring_path(&self, ring: &[(f64, f64)]) {
        let mut first = true;
        for &(x, y) in ring {
            let (px, py) = (self.proj.x(x), self.proj.y(y));
            if first {
                self.ctx.move_to(px, py);
                first = false;
            } else {
                self.ctx.line_to(px, py);
            }
        }
        if !first {
            self.ctx.close_path();
        }
    }

    /// A horizontal line at a latitude across the view.
    pub fn parallel(&self, lat: f64, style: &Style) {
        let y = self.proj.y(lat);
        if !(-2.0..=self.proj.h + 2.0).contains(&y) {
            return;
        }
        self.apply(style);
        self.ctx.begin_path();
        self.ctx.move_to(0.0, y);
        self.ctx.line_to(self.proj.w, y);
        self.finish(style);
    }

    /// A vertical line at a longitude (repeated), between two latitudes.
    pub fn meridian(&self, lng: f64, south: f64, north: f64, style: &Style) {
        let (y0, y1) = (
            self.proj.y(north.min(self.proj.north)),
            self.proj.y(south.max(self.proj.south())),
        );
        self.apply(style);
        self.ctx.begin_path();
        for s in self.proj.shifts(lng, lng) {
            let x = self.proj.x(lng + s);
            self.ctx.move_to(x, y0);
            self.ctx.line_to(x, y1);
        }
        self.finish(style);
    }

    /// One marker with an optional label beside it.
    pub fn marker(&self, p: LatLng, shape: Shape, colour: &'static str, label: Option<&str>) {
        for s in self.proj.shifts(p.lng, p.lng) {
            let (x, y) = (self.proj.x(p.lng + s), self.proj.y(p.lat));
            if !(-20.0..self.proj.w + 20.0).contains(&x)
                || !(-20.0..self.proj.h + 20.0).contains(&y)
            {
                continue;
            }
            self.ctx.begin_path();
            self.shape_path(shape, x, y, 6.0);
            self.ctx.set_line_width(3.0);
            self.ctx.set_stroke_style_str(self.ink.halo);
            self.ctx.stroke();
            self.paint_shape(shape, colour, 2.0);
            if let Some(l) = label {
                self.ctx.set_text_align("left");
                self.text(
                    x + 10.0 + label_width(l.chars().count()) / 2.0 - 3.0,
                    y - 8.0,
                    l,
                    true,
                );
            }
        }
    }

    fn shape_path(&self, shape: Shape, x: f64, y: f64, r: f64) {
        let ctx = self.ctx;
        match shape {
            Shape::Dot | Shape::Ring => {
                ctx.move_to(x + r, y);
                let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
            }
            Shape::Square => ctx.rect(x - r * 0.8, y - r * 0.8, r * 1.6, r * 1.6),
            Shape::Cross => {
                ctx.move_to(x - r, y - r);
                ctx.line_to(x + r, y + r);
                ctx.move_to(x - r, y + r);
                ctx.line_to(x + r, y - r);
            }
            Shape::Diamond => {
                ctx.move_to(x, y - r);
                ctx.line_to(x + r, y);
                ctx.line_to(x, y + r);
                ctx.line_to(x - r, y);
                ctx.close_path();
            }
        }
    }

    fn paint_shape(&self, shape: Shape, colour: &'static str, width: f64) {
        match shape {
            Shape::Dot | Shape::Diamond => {
                self.ctx.set_fill_style_str(colour);
                self.ctx.fill();
            }
            _ => {
                self.ctx.set_line_width(width);
                self.ctx.set_stroke_style_str(colour);
                self.ctx.stroke();
            }
        }
    }

    /// Many points: shapes up to [`MAX_SHAPES`] visible, pixels beyond (one image for
    /// any number of points, so 100 000 stay fast).
    pub fn dots(
        &self,
        pts: &mut dyn Iterator<Item = LatLng>,
        shape: Shape,
        colour: &'static str,
        r: f64,
    ) {
        let proj = &self.proj;
        let m = r / proj.k;
        let (west, east) = (proj.west - m, proj.east() + m);
        let (south, north) = (proj.south() - m, proj.north + m);
        // Longitudes are within [−180, 180]: the shifts that can bring one into view.
        let lo = ((west - 180.0) / 360.0).ceil() as i64;
        let hi = (((east + 180.0) / 360.0).floor() as i64).min(lo + 3);
        let shifts: Vec<f64> = (lo..=hi).map(|k| k as f64 * 360.0).collect();
        let mut shapes: Vec<(f64, f64)> = Vec::new();
        let mut dense: Option<Dense> = None;
        for p in pts {
            if p.lat < south || p.lat > north {
                continue;
            }
            let y = proj.y(p.lat);
            for s in &shifts {
                let lng = p.lng + s;
                if lng < west || lng > east {
                    continue;
                }
                let x = proj.x(lng);
                match &mut dense {
                    Some(d) => d.plot(x, y),
                    None => {
                        shapes.push((x, y));
                        if shapes.len() > MAX_SHAPES {
                            let mut d = Dense::new(self, colour);
                            for &(x, y) in &shapes {
                                d.plot(x, y);
                            }
                            shapes.clear();
                            dense = Some(d);
                        }
                    }
                }
            }
        }
        if let Some(d) = dense {
            d.finish(self);
            return;
        }
        if shapes.is_empty() {
            return;
        }
        self.ctx.begin_path();
        for &(x, y) in &shapes {
            self.shape_path(shape, x, y, r);
        }
        self.paint_shape(shape, colour, 1.5);
    }
}

/// Points plotted into an image the size of the canvas (device pixels).
struct Dense {
    buf: Vec<u8>,
    w: usize,
    h: usize,
    dpr: f64,
    size: isize,
    rgba: [u8; 4],
}

impl Dense {
    fn new(p: &Painter, colour: &str) -> Dense {
        let (w, h) = (
            (p.proj.w * p.dpr).round().max(1.0) as usize,
            (p.proj.h * p.dpr).round().max(1.0) as usize,
        );
        let mut buf = SCRATCH.with(|s| std::mem::take(&mut *s.borrow_mut()));
        buf.clear();
        buf.resize(w * h * 4, 0);
        let c = rgb(colour);
        Dense {
            buf,
            w,
            h,
            dpr: p.dpr,
            size: if p.dpr > 1.5 { 3 } else { 2 },
            rgba: [c[0], c[1], c[2], 235],
        }
    }

    fn plot(&mut self, x: f64, y: f64) {
        let (px, py) = (
            (x * self.dpr) as isize - self.size / 2,
            (y * self.dpr) as isize - self.size / 2,
        );
        let (w, h) = (self.w as isize, self.h as isize);
        for yy in py.max(0)..(py + self.size).min(h) {
            let row = yy as usize * self.w;
            for xx in px.max(0)..(px + self.size).min(w) {
                let i = (row + xx as usize) * 4;
                if let Some(px) = self.buf.get_mut(i..i + 4) {
                    px.copy_from_slice(&self.rgba);
                }
            }
        }
    }

    fn finish(self, p: &Painter) {
        let Dense { buf, w, h, .. } = self;
        if let Ok(image) = web_sys::ImageData::new_with_u8_clamped_array_and_sh(
            Clamped(&buf[..]),
            w as u32,
            h as u32,
        ) {
            if let Some((canvas, ctx)) = scratch_canvas(w as u32, h as u32) {
                let _ = ctx.put_image_data(&image, 0.0, 0.0);
                p.ctx.save();
                let _ = p.ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
                let _ = p.ctx.draw_image_with_html_canvas_element(&canvas, 0.0, 0.0);
                p.ctx.restore();
            }
        }
        SCRATCH.with(|s| *s.borrow_mut() = buf);
    }
}

thread_local! {
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static SCRATCH_CANVAS: RefCell<Option<(HtmlCanvasElement, CanvasRenderingContext2d)>> = const { RefCell::new(None) };
}

fn new_canvas(w: u32, h: u32) -> Option<(HtmlCanvasElement, CanvasRenderingContext2d)> {
    let canvas: HtmlCanvasElement = gloo::utils::document()
        .create_element("canvas")
        .ok()?
        .dyn_into()
        .ok()?;
    canvas.set_width(w);
    canvas.set_height(h);
    let ctx = context(&canvas)?;
    Some((canvas, ctx))
}

fn scratch_canvas(w: u32, h: u32) -> Option<(HtmlCanvasElement, CanvasRenderingContext2d)> {
    SCRATCH_CANVAS.with(|s| {
        let mut s = s.borrow_mut();
        if s.is_none() {
            *s = new_canvas(w, h);
        }
        let (canvas, ctx) = s.as_ref()?;
        if canvas.width() != w || canvas.height() != h {
            canvas.set_width(w);
            canvas.set_height(h);
        }
        Some((canvas.clone(), ctx.clone()))
    })
}

/// The 2D context of a canvas.
pub fn context(el: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    el.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// Something that holds points (the places of a trace).
pub trait PointSource {
    /// The points.
    fn points(&self) -> &[LatLng];
}

/// Points drawn under everything (places, hotels), cached with the base layer.
#[derive(Clone)]
pub struct BasePoints {
    /// Identity (the shared data's address).
    pub id: usize,
    /// The points.
    pub source: Rc<dyn PointSource>,
}

impl PartialEq for BasePoints {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

thread_local! {
    /// The latest base points (kept alive, so their address cannot be reused) and their
    /// latitude-sorted copy.
    static SORTED: RefCell<Option<(BasePoints, Rc<Vec<LatLng>>)>> = const { RefCell::new(None) };
}

/// The base points sorted by latitude, cached for the latest set (one sort per trace).
pub fn sorted_by_lat(base: &BasePoints) -> Rc<Vec<LatLng>> {
    if let Some(v) = SORTED.with(|s| {
        s.borrow()
            .as_ref()
            .filter(|(b, _)| b == base)
            .map(|(_, v)| v.clone())
    }) {
        return v;
    }
    let mut v = base.source.points().to_vec();
    v.sort_unstable_by(|a, b| a.lat.total_cmp(&b.lat));
    let v = Rc::new(v);
    SORTED.with(|s| *s.borrow_mut() = Some((base.clone(), v.clone())));
    v
}

/// What a mode draws over the base map, with a key that changes whenever the drawing does.
#[derive(Clone)]
pub struct Overlay {
    /// Identity of what is drawn (trace address, cursor, …).
    pub key: (usize, usize, u64),
    /// The drawing.
    pub draw: Rc<dyn Fn(&Painter)>,
}

impl PartialEq for Overlay {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

/// Everything the base layer depends on.
#[derive(Clone, Debug, PartialEq)]
struct BaseKey {
    proj: Proj,
    dpr: f64,
    dark: bool,
    coast: bool,
    points: usize,
    grid: Option<u8>,
    parents: bool,
}

/// What the base layer is drawn from.
pub struct Base<'a> {
    /// Projection.
    pub proj: Proj,
    /// Device pixels per CSS pixel.
    pub dpr: f64,
    /// Colours.
    pub ink: MapInk,
    /// Coastline, if loaded.
    pub coast: Option<&'a Coast>,
    /// Grid precision, if any.
    pub grid: Option<u8>,
    /// Parent boundaries.
    pub parents: bool,
    /// Points under everything, sorted by latitude ([`sorted_by_lat`]).
    pub points: Option<&'a [LatLng]>,
}

/// Background, beyond-the-pole hatching, reference lines, coastline, grid and labels, base
/// points. Returns the precision whose labels were drawn.
pub fn draw_base(ctx: &CanvasRenderingContext2d, base: &Base) -> Option<u8> {
    let Base {
        proj,
        dpr,
        ink,
        coast,
        grid,
        parents,
        points,
    } = *base;
    let proj = &proj;
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    ctx.set_fill_style_str(ink.water);
    ctx.fill_rect(0.0, 0.0, proj.w, proj.h);
    let (top, bottom) = (proj.y(90.0), proj.y(-90.0));
    ctx.set_fill_style_str(ink.void);
    if top > 0.0 {
        ctx.fill_rect(0.0, 0.0, proj.w, top);
    }
    if bottom < proj.h {
        ctx.fill_rect(0.0, bottom, proj.w, proj.h - bottom);
    }
    let painter = Painter {
        ctx,
        proj: *proj,
        ink,
        dpr,
        grid_labels: None,
    };
    if let Some(c) = coast {
        if !draw_coast_tiled(&painter, c) {
            draw_coast(&painter, c);
        }
    }
    let labelled = grid.and_then(|p| draw_grid(&painter, p, parents));
    let refs = Style::dashed(ink.reference, 1.0);
    painter.parallel(0.0, &refs);
    painter.meridian(0.0, -90.0, 90.0, &refs);
    painter.meridian(180.0, -90.0, 90.0, &refs);
    if top > 14.0 {
        painter.text(proj.w / 2.0, top / 2.0, "beyond the North Pole", false);
    }
    if proj.h - bottom > 14.0 {
        painter.text(
            proj.w / 2.0,
            (bottom + proj.h) / 2.0,
            "beyond the South Pole",
            false,
        );
    }
    ref_labels(&painter);
    if let Some(pts) = points {
        // Sorted by latitude: only the band in view is visited.
        let m = 2.0 / proj.k;
        let lo = pts.partition_point(|p| p.lat < proj.south() - m);
        let hi = pts.partition_point(|p| p.lat <= proj.north + m);
        painter.dots(
            &mut pts[lo..hi.max(lo)].iter().copied(),
            Shape::Dot,
            ink.dots,
            1.5,
        );
    }
    labelled
}

fn ref_labels(p: &Painter) {
    let y = p.proj.y(0.0);
    if (10.0..p.proj.h - 10.0).contains(&y) {
        p.ctx.set_font("10px system-ui, sans-serif");
        p.ctx.set_fill_style_str(p.ink.reference);
        p.ctx.set_text_align("left");
        p.ctx.set_text_baseline("bottom");
        let _ = p.ctx.fill_text("equator", 4.0, y - 2.0);
    }
    let label_y = 12.0f64.max(p.proj.y(90.0) + 12.0);
    for (lng, name) in [(0.0, "prime meridian"), (180.0, "date line")] {
        for s in p.proj.shifts(lng, lng) {
            let x = p.proj.x(lng + s);
            if (4.0..p.proj.w - 90.0).contains(&x) && label_y < p.proj.h {
                p.ctx.set_font("10px system-ui, sans-serif");
                p.ctx.set_fill_style_str(p.ink.reference);
                p.ctx.set_text_align("left");
                p.ctx.set_text_baseline("top");
                let _ = p.ctx.fill_text(name, x + 3.0, label_y - 8.0);
            }
        }
    }
}

thread_local! {
    /// The whole world's land drawn at a few scales (most recent first), reused while a map
    /// pans at one zoom: filling the land is the costliest part of a world-scale frame.
    static COAST_TILES: RefCell<Vec<(TileKey, HtmlCanvasElement)>> = const { RefCell::new(Vec::new()) };
}

/// Forgets the cached coast tiles (benchmarks: the first frame at a new zoom).
pub fn clear_coast_tiles() {
    COAST_TILES.with(|t| t.borrow_mut().clear());
}

/// What a coast tile depends on.
#[derive(Clone, Copy, Debug, PartialEq)]
struct TileKey {
    k: f64,
    dpr: f64,
    land: &'static str,
    coast: usize,
}

/// Largest coast tile side, device pixels.
const MAX_TILE: f64 = 4096.0;

/// Blits the world's land from a cached tile; false when the scale is too large for a tile.
fn draw_coast_tiled(p: &Painter, coast: &Coast) -> bool {
    let (k, dpr) = (p.proj.k, p.dpr);
    let (tw, th) = ((360.0 * k * dpr).ceil(), (180.0 * k * dpr).ceil());
    if tw > MAX_TILE || th > MAX_TILE || tw < 1.0 || th < 1.0 {
        return false;
    }
    let key = TileKey {
        k,
        dpr,
        land: p.ink.land,
        coast: coast as *const Coast as usize,
    };
    let cached = COAST_TILES.with(|t| {
        let mut t = t.borrow_mut();
        let i = t.iter().position(|(tk, _)| *tk == key)?;
        let entry = t.remove(i);
        let canvas = entry.1.clone();
        t.insert(0, entry);
        Some(canvas)
    });
    let tile = match cached {
        Some(c) => c,
        None => {
            let Some((canvas, ctx)) = new_canvas(tw as u32, th as u32) else {
                return false;
            };
            let tp = Painter {
                ctx: &ctx,
                proj: Proj {
                    west: -180.0,
                    north: 90.0,
                    k,
                    w: 360.0 * k,
                    h: 180.0 * k,
                },
                ink: p.ink,
                dpr,
                grid_labels: None,
            };
            let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
            draw_coast(&tp, coast);
            COAST_TILES.with(|t| {
                let mut t = t.borrow_mut();
                t.insert(0, (key, canvas.clone()));
                t.truncate(3);
            });
            canvas
        }
    };
    p.ctx.save();
    let _ = p.ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    let y = (p.proj.y(90.0) * dpr).round();
    for s in p.proj.shifts(-180.0, 180.0) {
        let x = (p.proj.x(-180.0 + s) * dpr).round();
        let _ = p.ctx.draw_image_with_html_canvas_element(&tile, x, y);
    }
    p.ctx.restore();
    true
}

fn draw_coast(p: &Painter, coast: &Coast) {
    let clip = p.clip_box();
    let ctx = p.ctx;
    ctx.begin_path();
    for s in p.proj.shifts(-180.0, 180.0) {
        for ring in &coast.rings {
            let b = BBox {
                west: ring.bbox.west + s,
                east: ring.bbox.east + s,
                ..ring.bbox
            };
            if !intersects(&b, &clip) {
                continue;
            }
            if inside(&b, &clip) {
                let mut first = true;
                for &(x, y) in &ring.pts {
                    let (px, py) = (p.proj.x(x + s), p.proj.y(y));
                    if first {
                        ctx.move_to(px, py);
                        first = false;
                    } else {
                        ctx.line_to(px, py);
                    }
                }
                ctx.close_path();
            } else {
                let shifted: Vec<(f64, f64)> = ring.pts.iter().map(|&(x, y)| (x + s, y)).collect();
                p.ring_path(&clip_polygon(&shifted, &clip));
            }
        }
    }
    ctx.set_fill_style_str(p.ink.land);
    ctx.fill();
    ctx.set_line_width(0.8);
    let _ = ctx.set_line_dash(&js_dash(false));
    ctx.set_stroke_style_str(p.ink.coast);
    ctx.stroke();
}

/// Grid lines of one precision over the view, `px` device pixels wide: rectangles snapped to
/// device pixels (much cheaper to fill than antialiased strokes across a full-screen canvas).
fn grid_lines(p: &Painter, precision: u8, px: f64) {
    let proj = &p.proj;
    let (dlat, dlng) = Cell::size_deg(precision);
    let ctx = p.ctx;
    let (south, north) = (proj.south().max(-90.0), proj.north.min(90.0));
    if south >= north {
        return;
    }
    let dpr = p.dpr.max(1.0);
    let snap = |v: f64| ((v * dpr).round() - (px / 2.0).floor()) / dpr;
    let width = px / dpr;
    let (y_top, y_bottom) = (proj.y(north).max(0.0), proj.y(south).min(proj.h));
    let x0 = ((proj.west + 180.0) / dlng).floor() as i64;
    let x1 = ((proj.east() + 180.0) / dlng).ceil() as i64;
    for i in x0..=x1 {
        let x = snap(proj.x(-180.0 + i as f64 * dlng));
        ctx.fill_rect(x, y_top, width, y_bottom - y_top);
    }
    let (_, rows) = Cell::grid_size(precision);
    let r0 = ((south + 90.0) / dlat).floor().max(0.0) as i64;
    let r1 = (((north + 90.0) / dlat).ceil() as i64).min(i64::from(rows));
    for j in r0..=r1 {
        let y = snap(proj.y(-90.0 + j as f64 * dlat));
        ctx.fill_rect(0.0, y, proj.w, width);
    }
}

/// The grid at `precision` (and its parents' boundaries); labels every cell if they fit.
/// Returns the precision labelled.
pub fn draw_grid(p: &Painter, precision: u8, parents: bool) -> Option<u8> {
    let proj = &p.proj;
    let (dlat, dlng) = Cell::size_deg(precision);
    let (cw, ch) = (dlng * proj.k, dlat * proj.k);
    let dpr = p.dpr.max(1.0);
    p.ctx.set_fill_style_str(p.ink.grid);
    grid_lines(p, precision, dpr.round());
    if parents && precision > 1 {
        p.ctx.set_fill_style_str(p.ink.parent);
        grid_lines(p, precision - 1, (2.0 * dpr).round());
    }
    if !label_fits(cw, ch, precision) {
        return None;
    }
    let (cols, rows) = Cell::grid_size(precision);
    let (south, north) = (proj.south().max(-90.0), proj.north.min(90.0));
    let x0 = ((proj.west + 180.0) / dlng).floor() as i64;
    let x1 = ((proj.east() + 180.0) / dlng).ceil() as i64 - 1;
    let y0 = ((south + 90.0) / dlat).floor().max(0.0) as i64;
    let y1 = (((north + 90.0) / dlat).ceil() as i64 - 1).min(i64::from(rows) - 1);
    if (x1 - x0 + 1).saturating_mul(y1 - y0 + 1) > MAX_LABELS {
        return None;
    }
    let big = cw >= label_width(usize::from(precision)) * 2.0 && ch >= 30.0;
    let ctx = p.ctx;
    ctx.set_font(if big {
        "600 13px ui-monospace, SFMono-Regular, Menlo, monospace"
    } else {
        "11px ui-monospace, SFMono-Regular, Menlo, monospace"
    });
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    ctx.set_fill_style_str(p.ink.text);
    for y in y0..=y1 {
        let lat0 = -90.0 + y as f64 * dlat;
        let (top, bottom) = (proj.y(lat0 + dlat), proj.y(lat0));
        // In the visible part of the cell, and inside the cell.
        let cy = clampf(
            (top.max(0.0) + bottom.min(proj.h)) / 2.0,
            top + 8.0,
            bottom - 8.0,
        );
        let half = label_width(usize::from(precision)) / 2.0;
        for x in x0..=x1 {
            let wrapped = x.rem_euclid(i64::from(cols)) as u32;
            let cell = Cell::from_indexes(wrapped, y as u32, precision);
            let lng0 = -180.0 + x as f64 * dlng;
            let (left, right) = (proj.x(lng0), proj.x(lng0 + dlng));
            let cx = clampf(
                (left.max(0.0) + right.min(proj.w)) / 2.0,
                left + half,
                right - half,
            );
            let _ = ctx.fill_text(&cell.to_hash(), cx, cy);
        }
    }
    Some(precision)
}

/// Draws a whole map (no caching): base, then overlay. For benchmarks.
pub fn draw_full(ctx: &CanvasRenderingContext2d, base: &Base, overlay: Option<&dyn Fn(&Painter)>) {
    let labels = draw_base(ctx, base);
    if let Some(draw) = overlay {
        draw(&Painter {
            ctx,
            proj: base.proj,
            ink: base.ink,
            dpr: base.dpr,
            grid_labels: labels,
        });
    }
}

/// A map's width / height: `wide` on a desktop, squarer on a phone.
pub fn map_aspect(wide: f64) -> f64 {
    let w = web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(1280.0);
    if w < 600.0 { wide.min(1.3) } else { wide }
}

/// Messages to the map controller.
#[derive(Clone, Debug, PartialEq)]
pub enum CtlMsg {
    /// The learner moved the map (stops following the steps).
    SetView(View),
    /// Follow the steps again.
    Follow,
    /// Grid choice.
    Grid(GridChoice),
    /// Parent boundaries on or off.
    Parents(bool),
}

/// The controller's state.
#[derive(Clone, Debug, PartialEq)]
pub struct CtlState {
    view: View,
    follow: bool,
    grid: GridChoice,
    parents: bool,
}

impl Reducible for CtlState {
    type Action = CtlMsg;
    fn reduce(self: Rc<Self>, msg: CtlMsg) -> Rc<Self> {
        let mut s = (*self).clone();
        match msg {
            CtlMsg::SetView(v) => {
                s.view = v.clamped();
                s.follow = false;
            }
            CtlMsg::Follow => s.follow = true,
            CtlMsg::Grid(g) => s.grid = g,
            CtlMsg::Parents(p) => s.parents = p,
        }
        Rc::new(s)
    }
}

/// A map's view and grid settings, shared by its toolbar and canvases.
#[derive(Clone, PartialEq)]
pub struct MapCtl {
    /// The view to draw (the step's fit while following).
    pub view: View,
    /// Following the steps.
    pub follow: bool,
    /// Grid choice.
    pub grid: GridChoice,
    /// Parent boundaries.
    pub parents: bool,
    /// Width / height of the canvases.
    pub aspect: f64,
    /// Sends messages.
    pub send: UseReducerDispatcher<CtlState>,
}

/// A map controller that follows `fit` (the step's region) until the learner moves the map.
#[hook]
pub fn use_map_ctl(fit: BBox, aspect: f64, parents: bool, grid: GridChoice) -> MapCtl {
    let state = use_reducer(|| CtlState {
        view: View::fit(fit, aspect),
        follow: true,
        grid,
        parents,
    });
    MapCtl {
        view: if state.follow {
            View::fit(fit, aspect)
        } else {
            state.view
        },
        follow: state.follow,
        grid: state.grid,
        parents: state.parents,
        aspect,
        send: state.dispatcher(),
    }
}

/// Properties of [`MapToolbar`].
#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// The controller.
    pub ctl: MapCtl,
    /// The precision "Auto" stands for.
    pub auto_precision: u8,
    /// Whether a click drops a point (for the hint).
    #[prop_or_default]
    pub pick_hint: Option<AttrValue>,
    /// What "auto" means, when not one precision.
    #[prop_or_default]
    pub auto_text: Option<AttrValue>,
}

/// Zoom buttons, follow, whole world, grid precision and parent boundaries.
#[component]
pub fn MapToolbar(props: &ToolbarProps) -> Html {
    let ctl = &props.ctl;
    let send = |msg: fn(&MapCtl) -> CtlMsg| {
        let ctl = ctl.clone();
        Callback::from(move |_: MouseEvent| ctl.send.dispatch(msg(&ctl)))
    };
    let on_grid = {
        let send = ctl.send.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .map(|s| s.value())
                .unwrap_or_default();
            send.dispatch(CtlMsg::Grid(match v.as_str() {
                "off" => GridChoice::Off,
                "auto" => GridChoice::Auto,
                n => n.parse().map_or(GridChoice::Auto, GridChoice::Fixed),
            }));
        })
    };
    let on_parents = {
        let send = ctl.send.clone();
        Callback::from(move |e: Event| {
            let on = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .is_some_and(|i| i.checked());
            send.dispatch(CtlMsg::Parents(on));
        })
    };
    let grid_value = match ctl.grid {
        GridChoice::Off => "off".to_string(),
        GridChoice::Auto => "auto".to_string(),
        GridChoice::Fixed(p) => p.to_string(),
    };
    html! {
        <div class="geohash-toolbar" role="group" aria-label="Map">
            <button type="button" aria-label="Zoom in" title="Zoom in (+ on the map)" onclick={send(|c| CtlMsg::SetView(c.view.zoom(0.5)))}>{"+"}</button>
            <button type="button" aria-label="Zoom out" title="Zoom out (− on the map)" onclick={send(|c| CtlMsg::SetView(c.view.zoom(2.0)))}>{"−"}</button>
            <button type="button" aria-pressed={ctl.follow.to_string()} title="Zoom to what each step is about" onclick={send(|_| CtlMsg::Follow)}>{"Follow steps"}</button>
            <button type="button" onclick={send(|c| CtlMsg::SetView(View::fit(WORLD, c.aspect)))}>{"Whole world"}</button>
            <label class="geohash-inline">{"Grid "}
                <select aria-label="Grid precision" onchange={on_grid}>
                    <option value="auto" selected={grid_value == "auto"}>{ props.auto_text.as_ref().map_or_else(|| format!("auto (precision {})", props.auto_precision), |t| format!("auto ({t})")) }</option>
                    <option value="off" selected={grid_value == "off"}>{"off"}</option>
                    { for (1..=12u8).map(|p| html! {
                        <option value={p.to_string()} selected={grid_value == p.to_string()}>{ format!("precision {p}") }</option>
                    }) }
                </select>
            </label>
            <label class="geohash-inline"><input type="checkbox" checked={ctl.parents} onchange={on_parents} />{" Parent cells"}</label>
            <p class="hint geohash-map-hint">{"Drag or arrow keys to pan; wheel, pinch or + − to zoom"}{ props.pick_hint.as_ref().map(|h| format!("; {h}")).unwrap_or_default() }{"."}</p>
        </div>
    }
}

/// Properties of [`GeoMap`].
#[derive(Properties, PartialEq)]
pub struct MapProps {
    /// View and grid settings.
    pub ctl: MapCtl,
    /// The precision the grid's "auto" draws.
    pub auto_precision: u8,
    /// Points drawn under the overlay.
    #[prop_or_default]
    pub base: Option<BasePoints>,
    /// The mode's drawing.
    pub overlay: Overlay,
    /// Text alternative.
    pub label: AttrValue,
    /// A click (or Enter) drops a point here.
    #[prop_or_default]
    pub on_pick: Option<Callback<LatLng>>,
}

/// What the native listeners need from the latest render.
struct Live {
    view: View,
    send: Option<UseReducerDispatcher<CtlState>>,
    on_pick: Option<Callback<LatLng>>,
    pointers: Vec<(i32, f64, f64)>,
    start: Option<(f64, f64)>,
    moved: bool,
    pinch: f64,
}

impl Live {
    fn set_view(&mut self, v: View) {
        self.view = v.clamped();
        if let Some(s) = &self.send {
            s.dispatch(CtlMsg::SetView(self.view));
        }
    }
}

fn local(el: &HtmlCanvasElement, client_x: f64, client_y: f64) -> (f64, f64, f64, f64) {
    let r = el.get_bounding_client_rect();
    (
        client_x - r.left(),
        client_y - r.top(),
        r.width().max(1.0),
        r.height().max(1.0),
    )
}

/// Listens on the canvas: wheel, pointers (mouse, pen, touch, pinch) and keys.
fn listen(el: &HtmlCanvasElement, live: Rc<RefCell<Live>>) -> Vec<EventListener> {
    let opts = EventListenerOptions::enable_prevent_default();
    let mut out = Vec::new();
    {
        let (el2, live) = (el.clone(), live.clone());
        out.push(EventListener::new_with_options(
            el,
            "wheel",
            opts,
            move |e| {
                let Some(e) = e.dyn_ref::<web_sys::WheelEvent>() else {
                    return;
                };
                e.prevent_default();
                let dy = match e.delta_mode() {
                    1 => e.delta_y() * 16.0,
                    2 => e.delta_y() * 400.0,
                    _ => e.delta_y(),
                };
                let factor = (dy * 0.002).clamp(-1.0, 1.0).exp();
                let (x, y, w, h) = local(&el2, f64::from(e.client_x()), f64::from(e.client_y()));
                let mut l = live.borrow_mut();
                let v = l.view.zoom_at(factor, x, y, w, h);
                l.set_view(v);
            },
        ));
    }
    {
        let (el2, live) = (el.clone(), live.clone());
        out.push(EventListener::new(el, "pointerdown", move |e| {
            let Some(e) = e.dyn_ref::<web_sys::PointerEvent>() else {
                return;
            };
            if e.pointer_type() == "mouse" && e.button() != 0 {
                return;
            }
            let _ = el2.set_pointer_capture(e.pointer_id());
            let (x, y, _, _) = local(&el2, f64::from(e.client_x()), f64::from(e.client_y()));
            let mut l = live.borrow_mut();
            l.pointers.retain(|p| p.0 != e.pointer_id());
            l.pointers.push((e.pointer_id(), x, y));
            match l.pointers.len() {
                1 => {
                    l.start = Some((x, y));
                    l.moved = false;
                }
                2 => {
                    let (a, b) = (l.pointers[0], l.pointers[1]);
                    l.pinch = ((a.1 - b.1).powi(2) + (a.2 - b.2).powi(2)).sqrt().max(1.0);
                    l.moved = true;
                }
                _ => l.moved = true,
            }
        }));
    }
    {
        let (el2, live) = (el.clone(), live.clone());
        out.push(EventListener::new(el, "pointermove", move |e| {
            let Some(e) = e.dyn_ref::<web_sys::PointerEvent>() else {
                return;
            };
            let (x, y, w, h) = local(&el2, f64::from(e.client_x()), f64::from(e.client_y()));
            let mut l = live.borrow_mut();
            let Some(i) = l.pointers.iter().position(|p| p.0 == e.pointer_id()) else {
                return;
            };
            let (_, px, py) = l.pointers[i];
            l.pointers[i] = (e.pointer_id(), x, y);
            if l.pointers.len() == 1 {
                if let Some((sx, sy)) = l.start {
                    if (x - sx).abs() + (y - sy).abs() > 5.0 {
                        l.moved = true;
                    }
                }
                if l.moved {
                    let v = l.view.dragged(x - px, y - py, h);
                    l.set_view(v);
                }
            } else if l.pointers.len() == 2 {
                let (a, b) = (l.pointers[0], l.pointers[1]);
                let d = ((a.1 - b.1).powi(2) + (a.2 - b.2).powi(2)).sqrt().max(1.0);
                let factor = l.pinch / d;
                l.pinch = d;
                let v = l
                    .view
                    .zoom_at(factor, (a.1 + b.1) / 2.0, (a.2 + b.2) / 2.0, w, h);
                l.set_view(v);
            }
        }));
    }
    for kind in ["pointerup", "pointercancel"] {
        let (el2, live) = (el.clone(), live.clone());
        out.push(EventListener::new(el, kind, move |e| {
            let Some(e) = e.dyn_ref::<web_sys::PointerEvent>() else {
                return;
            };
            let (x, y, w, h) = local(&el2, f64::from(e.client_x()), f64::from(e.client_y()));
            let pick = {
                let mut l = live.borrow_mut();
                let was = l.pointers.len();
                let known = l.pointers.iter().any(|p| p.0 == e.pointer_id());
                l.pointers.retain(|p| p.0 != e.pointer_id());
                let click = known && was == 1 && !l.moved && e.type_() == "pointerup";
                if l.pointers.is_empty() {
                    l.start = None;
                }
                click.then(|| (l.view.projection(w, h).pick(x, y), l.on_pick.clone()))
            };
            if let Some((p, Some(cb))) = pick {
                cb.emit(p);
            }
        }));
    }
    {
        let (el2, live) = (el.clone(), live.clone());
        out.push(EventListener::new_with_options(
            el,
            "keydown",
            opts,
            move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                let r = el2.get_bounding_client_rect();
                let (w, h) = (r.width().max(1.0), r.height().max(1.0));
                let mut l = live.borrow_mut();
                let v = l.view;
                let next = match e.key().as_str() {
                    "ArrowLeft" => Some(v.pan_by(-0.15, 0.0)),
                    "ArrowRight" => Some(v.pan_by(0.15, 0.0)),
                    "ArrowUp" => Some(v.pan_by(0.0, 0.15)),
                    "ArrowDown" => Some(v.pan_by(0.0, -0.15)),
                    "+" | "=" => Some(v.zoom(0.5)),
                    "-" | "_" => Some(v.zoom(2.0)),
                    "Enter" => {
                        let p = v.projection(w, h).pick(w / 2.0, h / 2.0);
                        let cb = l.on_pick.clone();
                        drop(l);
                        e.prevent_default();
                        e.stop_propagation();
                        if let Some(cb) = cb {
                            cb.emit(p);
                        }
                        return;
                    }
                    _ => None,
                };
                if let Some(next) = next {
                    e.prevent_default();
                    e.stop_propagation();
                    l.set_view(next);
                }
            },
        ));
    }
    out
}

/// Re-renders on window resize.
#[hook]
fn use_resize() -> u32 {
    let tick = use_state(|| 0u32);
    {
        let tick = tick.clone();
        use_effect_with((), move |_| {
            let l = EventListener::new(&gloo::utils::window(), "resize", move |_| {
                tick.set(tick.wrapping_add(1));
            });
            move || drop(l)
        });
    }
    *tick
}

/// The coastline status, re-rendering when it changes.
#[hook]
fn use_coast() -> CoastStatus {
    let update = use_force_update();
    use_effect_with((), move |_| {
        coast::request(Callback::from(move |_| update.force_update()));
    });
    coast::status()
}

/// The map canvas.
#[component]
pub fn GeoMap(props: &MapProps) -> Html {
    let canvas = use_node_ref();
    let coast = use_coast();
    let resize = use_resize();
    let live = use_mut_ref(|| Live {
        view: props.ctl.view,
        send: None,
        on_pick: None,
        pointers: Vec::new(),
        start: None,
        moved: false,
        pinch: 1.0,
    });
    {
        let mut l = live.borrow_mut();
        l.view = props.ctl.view;
        l.send = Some(props.ctl.send.clone());
        l.on_pick = props.on_pick.clone();
    }
    {
        let (canvas, live) = (canvas.clone(), live.clone());
        use_effect_with((), move |_| {
            let listeners = canvas
                .cast::<HtmlCanvasElement>()
                .map(|el| listen(&el, live))
                .unwrap_or_default();
            move || drop(listeners)
        });
    }
    let base_cache =
        use_mut_ref(|| None::<(BaseKey, HtmlCanvasElement, Option<u8>, Option<BasePoints>)>);
    let note = use_state(|| None::<String>);
    {
        let canvas = canvas.clone();
        let (ctl, auto, base, overlay) = (
            props.ctl.clone(),
            props.auto_precision,
            props.base.clone(),
            props.overlay.clone(),
        );
        let coast = coast.clone();
        let coast_key = match &coast {
            CoastStatus::Loading => 0,
            CoastStatus::Ready(c) => Rc::as_ptr(c) as usize,
            CoastStatus::Failed(_) => 1,
        };
        let note = note.clone();
        use_effect_with(
            (
                ctl.clone(),
                auto,
                base.clone(),
                overlay.clone(),
                coast_key,
                resize,
            ),
            move |_| {
                let Some(el) = canvas.cast::<HtmlCanvasElement>() else {
                    return;
                };
                let dpr = gloo::utils::window().device_pixel_ratio().clamp(1.0, 3.0);
                // The same box the pointer handlers measure (the canvas has no border).
                let rect = el.get_bounding_client_rect();
                let w = rect.width().max(100.0);
                let h = if rect.height() >= 50.0 {
                    rect.height()
                } else {
                    w / ctl.aspect
                };
                let (bw, bh) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
                if el.width() != bw || el.height() != bh {
                    el.set_width(bw);
                    el.set_height(bh);
                }
                let proj = ctl.view.projection(w, h);
                // Attributes change only when their value does (a write restyles the page).
                let set = |name: &str, value: &str| {
                    if el.get_attribute(name).as_deref() != Some(value) {
                        let _ = el.set_attribute(name, value);
                    }
                };
                set(
                    "data-view",
                    &format!("{},{},{}", proj.west, proj.north, proj.k),
                );
                set(
                    "data-coast",
                    match coast {
                        CoastStatus::Loading => "loading",
                        CoastStatus::Ready(_) => "ready",
                        CoastStatus::Failed(_) => "failed",
                    },
                );
                let (grid, grid_note) = resolve_grid(ctl.grid, auto, &proj);
                if *note != grid_note {
                    note.set(grid_note);
                }
                let Some(ctx) = context(&el) else { return };
                let dark = dom::prefers_dark();
                let ink = map_ink(dark);
                let key = BaseKey {
                    proj,
                    dpr,
                    dark,
                    coast: matches!(coast, CoastStatus::Ready(_)),
                    points: base.as_ref().map_or(0, |b| b.id),
                    grid,
                    parents: ctl.parents,
                };
                let mut cache = base_cache.borrow_mut();
                let fresh = cache.as_ref().is_none_or(|(k, _, _, _)| *k != key);
                if fresh {
                    let reuse = cache.take().map(|(_, c, _, _)| c).filter(|c| {
                        if c.width() != bw || c.height() != bh {
                            c.set_width(bw);
                            c.set_height(bh);
                        }
                        true
                    });
                    let offscreen = reuse.or_else(|| new_canvas(bw, bh).map(|(c, _)| c));
                    if let Some((c, cctx)) = offscreen.and_then(|c| context(&c).map(|x| (c, x))) {
                        let sorted = base.as_ref().map(sorted_by_lat);
                        let coast_ref = match &coast {
                            CoastStatus::Ready(c) => Some(c.as_ref()),
                            _ => None,
                        };
                        let labels = draw_base(
                            &cctx,
                            &Base {
                                proj,
                                dpr,
                                ink,
                                coast: coast_ref,
                                grid,
                                parents: ctl.parents,
                                points: sorted.as_deref().map(|v| v.as_slice()),
                            },
                        );
                        *cache = Some((key, c, labels, base.clone()));
                    }
                }
                let Some((_, base_canvas, labels, _)) = cache.as_ref() else {
                    return;
                };
                let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
                ctx.clear_rect(0.0, 0.0, f64::from(bw), f64::from(bh));
                let _ = ctx.draw_image_with_html_canvas_element(base_canvas, 0.0, 0.0);
                let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
                (overlay.draw)(&Painter {
                    ctx: &ctx,
                    proj,
                    ink,
                    dpr,
                    grid_labels: *labels,
                });
            },
        );
    }
    let coast_note = match &coast {
        CoastStatus::Failed(why) => Some(format!(
            "The coastline could not be loaded ({why}); the map works without it."
        )),
        _ => None,
    };
    let style = format!("aspect-ratio: {}", props.ctl.aspect);
    html! {
        <div class="geohash-map">
            <canvas ref={canvas} class="geohash-canvas" tabindex="0" role="img" {style}
                aria-label={props.label.clone()}
                aria-roledescription="interactive map" />
            if let Some(n) = &*note { <p class="geohash-map-note">{ n }</p> }
            if let Some(n) = coast_note { <p class="geohash-map-note geohash-coast-note">{ n }</p> }
        </div>
    }
}
