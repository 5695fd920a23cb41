//! Clipping and wrapping: what of a shape on the globe falls on the canvas, in every copy of
//! the globe the view shows (a shape repeats across the date line), as pixel pieces the canvas
//! only has to trace.

use super::view::{Proj, wrap_lng};
use crate::codec::{BBox, LatLng};

/// True when the boxes overlap (edges touching count).
pub fn intersects(a: &BBox, b: &BBox) -> bool {
    a.west <= b.east && a.east >= b.west && a.south <= b.north && a.north >= b.south
}

/// True when `a` lies inside `outer`.
pub fn inside(a: &BBox, outer: &BBox) -> bool {
    a.west >= outer.west && a.east <= outer.east && a.south >= outer.south && a.north <= outer.north
}

/// `b` moved east by `shift` degrees.
pub fn shifted(b: &BBox, shift: f64) -> BBox {
    BBox {
        west: b.west + shift,
        east: b.east + shift,
        ..*b
    }
}

/// Clips a polygon (degrees, (x, y) = (lng, lat)) to a box: Sutherland–Hodgman.
pub fn clip_polygon(pts: &[(f64, f64)], b: &BBox) -> Vec<(f64, f64)> {
    type Inside = fn(&BBox, (f64, f64)) -> bool;
    type Cut = fn(&BBox, (f64, f64), (f64, f64)) -> (f64, f64);
    let mut out: Vec<(f64, f64)> = pts.to_vec();
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
        let Some(&last) = out.last() else {
            break;
        };
        let input = std::mem::take(&mut out);
        let mut prev = last;
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

/// Clips a segment to a box (Liang–Barsky); `None` if it misses.
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

/// Unwraps a line's longitudes so consecutive points differ by less than 180°: (lng, lat).
pub fn unwrap_line(pts: &[LatLng]) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(pts.len() + 2);
    for p in pts {
        let lng = match out.last() {
            None => p.lng,
            Some(&(q, _)) => q + wrap_lng(p.lng - q),
        };
        out.push((lng, p.lat));
    }
    out
}

/// Unwraps a ring's longitudes like [`unwrap_line`]; a ring around a pole is closed along
/// that pole.
pub fn unwrap_ring(pts: &[LatLng]) -> Vec<(f64, f64)> {
    let mut out = unwrap_line(pts);
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

/// The box of (lng, lat) points (an inverted, empty box for none).
pub fn bbox_of(pts: &[(f64, f64)]) -> BBox {
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

/// One copy of a box on the canvas, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RectPiece {
    /// The part inside the clip box: x, y, width, height.
    pub clipped: (f64, f64, f64, f64),
    /// The whole copy: left, right, top, bottom (may lie off the canvas).
    pub full: (f64, f64, f64, f64),
}

/// Every copy of box `b` that meets the clip box `clip`.
pub fn rect_pieces(proj: &Proj, b: &BBox, clip: &BBox) -> Vec<RectPiece> {
    proj.shifts(b.west, b.east)
        .map(|s| shifted(b, s))
        .filter(|sb| intersects(sb, clip))
        .map(|sb| {
            let (x0, x1) = (
                proj.x(sb.west.max(clip.west)),
                proj.x(sb.east.min(clip.east)),
            );
            let (y0, y1) = (
                proj.y(sb.north.min(clip.north)),
                proj.y(sb.south.max(clip.south)),
            );
            RectPiece {
                clipped: (x0, y0, x1 - x0, y1 - y0),
                full: (
                    proj.x(sb.west),
                    proj.x(sb.east),
                    proj.y(sb.north),
                    proj.y(sb.south),
                ),
            }
        })
        .collect()
}

/// A traced piece of a path, in CSS pixels.
#[derive(Clone, Debug, PartialEq)]
pub enum PathPiece {
    /// A closed ring.
    Ring(Vec<(f64, f64)>),
    /// One segment of an open line.
    Segment((f64, f64), (f64, f64)),
}

/// A path in degrees (already unwrapped) clipped to `clip` in every copy the view shows:
/// closed paths as rings, open ones as segments.
pub fn path_pieces(proj: &Proj, pts: &[(f64, f64)], closed: bool, clip: &BBox) -> Vec<PathPiece> {
    let b = bbox_of(pts);
    let px = |(x, y): (f64, f64)| (proj.x(x), proj.y(y));
    let mut out = Vec::new();
    for s in proj.shifts(b.west, b.east) {
        let sb = shifted(&b, s);
        if !intersects(&sb, clip) {
            continue;
        }
        let moved: Vec<(f64, f64)> = pts.iter().map(|&(x, y)| (x + s, y)).collect();
        if closed {
            let ring = if inside(&sb, clip) {
                moved
            } else {
                clip_polygon(&moved, clip)
            };
            out.push(PathPiece::Ring(ring.into_iter().map(px).collect()));
        } else {
            out.extend(
                moved
                    .windows(2)
                    .filter_map(|w| clip_segment(w[0], w[1], clip))
                    .map(|(a, c)| PathPiece::Segment(px(a), px(c))),
            );
        }
    }
    out
}

/// The label's centre in a cell piece `(left, right, top, bottom)` on a `w` × `h` canvas: the
/// middle of the piece's visible part, kept inside the piece; `None` when a label of `chars`
/// characters does not fit.
pub fn label_spot(
    (x0, x1, y0, y1): (f64, f64, f64, f64),
    (w, h): (f64, f64),
    chars: usize,
) -> Option<(f64, f64)> {
    (x1 - x0 >= super::grid::label_width(chars) && y1 - y0 >= 16.0).then(|| {
        (
            super::grid::clampf(f64::midpoint(x0.max(0.0), x1.min(w)), x0, x1),
            super::grid::clampf(f64::midpoint(y0.max(0.0), y1.min(h)), y0, y1),
        )
    })
}
