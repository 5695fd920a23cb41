//! Distances and degree conversions on a spherical Earth (catalogue M2.4, M2.12).
//!
//! ```
//! use sdp_lab_quadtree::geo::haversine_km;
//! // Catalogue CV: San Francisco → Los Angeles = 559.12 km.
//! let d = haversine_km(-122.4194, 37.7749, -118.2437, 34.0522);
//! assert!((d - 559.12).abs() < 0.01);
//! ```

/// Earth radius used by both documents (km).
pub const EARTH_RADIUS_KM: f64 = 6371.0;

/// The document's conversion factor: "~111 km per degree" (F0 Q15 l.2283), used for both axes.
pub const DOC_KM_PER_DEGREE: f64 = 111.0;

/// Kilometres per degree of latitude on the sphere of radius [`EARTH_RADIUS_KM`]
/// (2πR/360 ≈ 111.195 km).
pub const KM_PER_DEGREE_LAT: f64 = EARTH_RADIUS_KM * std::f64::consts::PI / 180.0;

/// Great-circle distance in km between `(lng1, lat1)` and `(lng2, lat2)` (degrees), with the
/// haversine formula `d = 2R·asin(√a)`.
pub fn haversine_km(lng1: f64, lat1: f64, lng2: f64, lat2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lng2 - lng1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.clamp(0.0, 1.0).sqrt().asin()
}

/// The point `distance_km` from `(lng, lat)` on initial bearing `bearing_deg` (clockwise from
/// north), as `(lng, lat)` degrees with the longitude wrapped to `[-180, 180]`. Used to draw the
/// true circle of a query.
pub fn destination(lng: f64, lat: f64, bearing_deg: f64, distance_km: f64) -> (f64, f64) {
    let (p1, l1) = (lat.to_radians(), lng.to_radians());
    let delta = distance_km / EARTH_RADIUS_KM;
    let theta = bearing_deg.to_radians();
    let p2 = (p1.sin() * delta.cos() + p1.cos() * delta.sin() * theta.cos())
        .clamp(-1.0, 1.0)
        .asin();
    let l2 = l1 + (theta.sin() * delta.sin() * p1.cos()).atan2(delta.cos() - p1.sin() * p2.sin());
    let mut lng2 = l2.to_degrees();
    if lng2 > 180.0 {
        lng2 -= 360.0;
    } else if lng2 < -180.0 {
        lng2 += 360.0;
    }
    (lng2, p2.to_degrees())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_vectors() {
        assert!((KM_PER_DEGREE_LAT - 111.195).abs() < 0.001);
        let one_lng_at_60 = haversine_km(0.0, 60.0, 1.0, 60.0);
        assert!((one_lng_at_60 - 55.597).abs() < 0.01, "{one_lng_at_60}");
        let d = haversine_km(2.2945, 48.8584, 2.3376, 48.8606);
        assert!((d - 3.162).abs() < 0.001, "{d}");
    }

    #[test]
    fn destination_is_at_the_distance() {
        let (lng, lat) = destination(10.75, 59.91, 90.0, 500.0);
        assert!((haversine_km(10.75, 59.91, lng, lat) - 500.0).abs() < 1e-6);
    }
}
