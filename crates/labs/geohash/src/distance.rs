//! Haversine distance (catalogue M2.4) and the conversions the search rules need (M2.12).

use crate::codec::LatLng;
use serde::{Deserialize, Serialize};

/// Earth radius both documents use, km (F0 l.2225, F4 l.765).
pub const EARTH_RADIUS_KM: f64 = 6371.0;

/// Kilometres per degree along a great circle (1° of latitude): 2πR/360 ≈ 111.195 km.
pub const KM_PER_DEGREE: f64 = EARTH_RADIUS_KM * std::f64::consts::PI / 180.0;

/// Great-circle distance in km on a sphere of radius [`EARTH_RADIUS_KM`].
///
/// ```
/// use sdp_lab_geohash::codec::LatLng;
/// let d = sdp_lab_geohash::distance::haversine_km(LatLng::new(37.7749, -122.4194), LatLng::new(34.0522, -118.2437));
/// assert!((d - 559.12).abs() < 0.005);
/// ```
pub fn haversine_km(p: LatLng, q: LatLng) -> f64 {
    let (phi1, phi2) = (p.lat.to_radians(), q.lat.to_radians());
    let dphi = phi2 - phi1;
    let dlambda = (q.lng - p.lng).to_radians();
    let a = (dphi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (dlambda / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.clamp(0.0, 1.0).sqrt().asin()
}

/// Every intermediate value of the haversine formula, for showing it step by step.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct HaversineSteps {
    /// lat2 − lat1, degrees.
    pub dlat_deg: f64,
    /// lng2 − lng1, degrees (not wrapped: sin²(Δlon/2) is the same either way).
    pub dlng_deg: f64,
    /// Δlat in radians.
    pub dlat_rad: f64,
    /// Δlon in radians.
    pub dlng_rad: f64,
    /// cos(lat1).
    pub cos_lat1: f64,
    /// cos(lat2).
    pub cos_lat2: f64,
    /// a = sin²(Δlat/2) + cos(lat1)·cos(lat2)·sin²(Δlon/2).
    pub a: f64,
    /// c = 2·atan2(√a, √(1−a)) (F4 l.764), radians.
    pub c: f64,
    /// 2·asin(√a) (F0 l.2227's form), radians: equal to `c`.
    pub c_asin: f64,
    /// Radius used, km.
    pub radius_km: f64,
    /// d = R·c, km.
    pub d_km: f64,
}

/// The haversine formula one value at a time, with radius `radius_km`.
///
/// ```
/// use sdp_lab_geohash::codec::LatLng;
/// let s = sdp_lab_geohash::distance::haversine_steps(LatLng::new(0.0, 0.0), LatLng::new(1.0, 0.0), 6371.0);
/// assert!((s.d_km - 111.195).abs() < 0.001);
/// assert!((s.c - s.c_asin).abs() < 1e-15);
/// ```
pub fn haversine_steps(p: LatLng, q: LatLng, radius_km: f64) -> HaversineSteps {
    let dlat_deg = q.lat - p.lat;
    let dlng_deg = q.lng - p.lng;
    let (dlat_rad, dlng_rad) = (dlat_deg.to_radians(), dlng_deg.to_radians());
    let (cos_lat1, cos_lat2) = (p.lat.to_radians().cos(), q.lat.to_radians().cos());
    let a = ((dlat_rad / 2.0).sin().powi(2) + cos_lat1 * cos_lat2 * (dlng_rad / 2.0).sin().powi(2))
        .clamp(0.0, 1.0);
    let c = 2.0 * a.sqrt().atan2((1.0 - a).sqrt());
    HaversineSteps {
        dlat_deg,
        dlng_deg,
        dlat_rad,
        dlng_rad,
        cos_lat1,
        cos_lat2,
        a,
        c,
        c_asin: 2.0 * a.sqrt().asin(),
        radius_km,
        d_km: radius_km * c,
    }
}

/// Points along the great circle from `p` to `q` (both included), for drawing the arc.
pub fn great_circle_points(p: LatLng, q: LatLng, segments: usize) -> Vec<LatLng> {
    let to_vec = |x: LatLng| {
        let (phi, lambda) = (x.lat.to_radians(), x.lng.to_radians());
        [
            phi.cos() * lambda.cos(),
            phi.cos() * lambda.sin(),
            phi.sin(),
        ]
    };
    let (u, v) = (to_vec(p), to_vec(q));
    let dot = (u[0] * v[0] + u[1] * v[1] + u[2] * v[2]).clamp(-1.0, 1.0);
    let omega = dot.acos();
    let segments = segments.max(1);
    (0..=segments)
        .map(|i| {
            let t = i as f64 / segments as f64;
            let (wa, wb) = if omega.sin().abs() < 1e-12 {
                (1.0 - t, t)
            } else {
                (
                    ((1.0 - t) * omega).sin() / omega.sin(),
                    (t * omega).sin() / omega.sin(),
                )
            };
            let w = [
                wa * u[0] + wb * v[0],
                wa * u[1] + wb * v[1],
                wa * u[2] + wb * v[2],
            ];
            let lat = w[2].atan2((w[0] * w[0] + w[1] * w[1]).sqrt()).to_degrees();
            let lng = w[1].atan2(w[0]).to_degrees();
            LatLng::new(lat, lng)
        })
        .collect()
}

/// The latitude/longitude box that exactly contains the spherical circle of `radius_km`
/// around `c`: (south, north, half-width in degrees of longitude). The half-width is `None`
/// when the circle contains a pole (every longitude is inside then).
pub fn circle_extent(c: LatLng, radius_km: f64) -> (f64, f64, Option<f64>) {
    let delta = radius_km / EARTH_RADIUS_KM; // angular radius, radians
    let delta_deg = delta.to_degrees();
    let (south, north) = (c.lat - delta_deg, c.lat + delta_deg);
    if north >= 90.0 || south <= -90.0 || delta >= std::f64::consts::FRAC_PI_2 {
        return (south.max(-90.0), north.min(90.0), None);
    }
    let ratio = delta.sin() / c.lat.to_radians().cos();
    let half = if ratio >= 1.0 {
        None
    } else {
        Some(ratio.asin().to_degrees())
    };
    (south, north, half)
}

/// The point at `distance_km` from `from` along initial bearing `bearing_deg` (0 = north,
/// 90 = east), longitude wrapped into [−180, 180).
pub fn destination(from: LatLng, bearing_deg: f64, distance_km: f64) -> LatLng {
    let delta = distance_km / EARTH_RADIUS_KM;
    let theta = bearing_deg.to_radians();
    let (phi1, lambda1) = (from.lat.to_radians(), from.lng.to_radians());
    let sin_phi2 =
        (phi1.sin() * delta.cos() + phi1.cos() * delta.sin() * theta.cos()).clamp(-1.0, 1.0);
    let phi2 = sin_phi2.asin();
    let lambda2 = lambda1
        + (theta.sin() * delta.sin() * phi1.cos()).atan2(delta.cos() - phi1.sin() * sin_phi2);
    let lng = (lambda2.to_degrees() + 180.0).rem_euclid(360.0) - 180.0;
    LatLng::new(phi2.to_degrees(), lng)
}

/// The search circle as a polygon of `n` points (bearings 0, 360/n, …), for drawing.
pub fn circle_polygon(centre: LatLng, radius_km: f64, n: usize) -> Vec<LatLng> {
    let n = n.max(3);
    (0..n)
        .map(|i| destination(centre, 360.0 * i as f64 / n as f64, radius_km))
        .collect()
}
