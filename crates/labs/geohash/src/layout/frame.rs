//! Boxes a map frames: around points, widened, joined, and moved next to a longitude.

use super::view::wrap_lng;
use crate::codec::{BBox, LatLng};

/// The smallest box holding both (same longitude frame).
pub fn union(a: BBox, b: BBox) -> BBox {
    BBox {
        south: a.south.min(b.south),
        north: a.north.max(b.north),
        west: a.west.min(b.west),
        east: a.east.max(b.east),
    }
}

/// The box around points, longitudes unwrapped from the first one.
///
/// ```
/// use sdp_lab_geohash::codec::LatLng;
/// use sdp_lab_geohash::layout::frame::bbox_of_points;
/// // Across the date line: 20° wide, not 340°.
/// let b = bbox_of_points(&[LatLng::new(0.0, 170.0), LatLng::new(1.0, -170.0)]).unwrap();
/// assert_eq!((b.west, b.east), (170.0, 190.0));
/// ```
pub fn bbox_of_points(pts: &[LatLng]) -> Option<BBox> {
    let (first, rest) = pts.split_first()?;
    let mut b = BBox {
        south: first.lat,
        north: first.lat,
        west: first.lng,
        east: first.lng,
    };
    let mut prev = first.lng;
    for p in rest {
        let lng = prev + wrap_lng(p.lng - prev);
        prev = lng;
        b.south = b.south.min(p.lat);
        b.north = b.north.max(p.lat);
        b.west = b.west.min(lng);
        b.east = b.east.max(lng);
    }
    Some(b)
}

/// A box of one point.
pub fn point_box(p: LatLng) -> BBox {
    BBox {
        south: p.lat,
        north: p.lat,
        west: p.lng,
        east: p.lng,
    }
}

/// `b` shifted by a multiple of 360° so its centre is nearest `lng`.
pub fn near(b: BBox, lng: f64) -> BBox {
    let c = f64::midpoint(b.west, b.east);
    let s = ((lng - c) / 360.0).round() * 360.0;
    BBox {
        west: b.west + s,
        east: b.east + s,
        ..b
    }
}

/// `b` widened by `n` of its own heights and widths on every side.
pub fn widened(b: BBox, n: f64) -> BBox {
    let (h, w) = (b.height(), b.width());
    BBox {
        south: b.south - n * h,
        north: b.north + n * h,
        west: b.west - n * w,
        east: b.east + n * w,
    }
}

/// Why circles look like ellipses away from the equator (the map is plate carrée): the note
/// for a map centred at latitude `lat`, if it is far enough from the equator to matter.
pub fn stretch_note(lat: f64) -> Option<String> {
    let cos = lat.to_radians().cos();
    if lat.abs() < 20.0 || cos <= 0.01 {
        return None;
    }
    Some(format!(
        "The map draws degrees of latitude and longitude the same size (plate carrée), so at {:.0}° {} a circle on the ground looks {:.2} times wider than tall, and so do square cells.",
        lat.abs(),
        if lat >= 0.0 { "N" } else { "S" },
        1.0 / cos
    ))
}
