//! Haversine mode's drawing: what the map frames, which values are out, the Δλ/Δφ guide and
//! the map's text alternative.

use super::frame::{bbox_of_points, near, point_box, union};
use super::view::wrap_lng;
use crate::codec::{BBox, LatLng};
use crate::distance::circle_polygon;
use crate::format::{km, point_text};
use crate::{HaversineCalc, HaversinePhase, HaversineState};

/// Points on a drawn geofence circle.
pub const FENCE_POINTS: usize = 64;

/// The arc, and the geofence when there is one.
pub fn haversine_fit(c: &HaversineCalc) -> BBox {
    let mut b = bbox_of_points(&c.arc).unwrap_or(point_box(c.from));
    if let Some(f) = &c.fence {
        if let Some(fb) = bbox_of_points(&fence_circle(f.centre, f.radius_m)) {
            b = union(b, near(fb, c.from.lng));
        }
    }
    b
}

/// The geofence's outline.
pub fn fence_circle(centre: LatLng, radius_m: u32) -> Vec<LatLng> {
    circle_polygon(centre, f64::from(radius_m) / 1000.0, FENCE_POINTS)
}

/// True when the step has reached phase `p`.
pub fn at_least(s: &HaversineState, p: HaversinePhase) -> bool {
    s.phase as u8 >= p as u8
}

/// The guide from point 1 along its parallel to point 2's meridian, then to point 2, and
/// where its Δλ and Δφ labels go.
pub fn delta_guide(c: &HaversineCalc) -> ([LatLng; 3], LatLng, LatLng) {
    let corner = LatLng::new(c.from.lat, c.to.lng);
    let mid_lng = LatLng::new(
        c.from.lat,
        c.from.lng + wrap_lng(c.to.lng - c.from.lng) / 2.0,
    );
    let mid_lat = LatLng::new(f64::midpoint(c.from.lat, c.to.lat), c.to.lng);
    ([c.from, corner, c.to], mid_lng, mid_lat)
}

/// The map's text alternative.
pub fn describe(s: &HaversineState) -> String {
    let c = &s.calc;
    format!(
        "Map: point 1 at {}, point 2 at {}{}{}.",
        point_text(c.from),
        point_text(c.to),
        if at_least(s, HaversinePhase::Distance) {
            format!("; great-circle arc of {}", km(c.values.d_km))
        } else {
            String::new()
        },
        c.fence
            .filter(|_| s.phase == HaversinePhase::Fence)
            .map(|f| format!(
                "; geofence of {} m around point 1, point 2 {}",
                f.radius_m,
                if f.inside { "inside" } else { "outside" }
            ))
            .unwrap_or_default()
    )
}
