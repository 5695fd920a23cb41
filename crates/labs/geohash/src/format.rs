//! Number formatting for narration, metrics and the view's labels.

use crate::codec::LatLng;

/// Degrees with up to `decimals` decimals, trailing zeros trimmed ("37.7749", "-180",
/// "0.703125"); never "-0".
///
/// ```
/// use sdp_lab_geohash::format::deg_to;
/// assert_eq!(deg_to(37.774_900_01, 6), "37.7749");
/// assert_eq!(deg_to(-0.000_000_1, 6), "0");
/// assert_eq!(deg_to(-180.0, 0), "-180");
/// ```
pub fn deg_to(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" { "0".to_string() } else { s }
}

/// Degrees with up to 10 decimals (narration).
pub fn deg(x: f64) -> String {
    deg_to(x, 10)
}

/// A point as "(lat, lng)" with up to 10 decimals (narration).
pub fn point(p: LatLng) -> String {
    format!("({}, {})", deg(p.lat), deg(p.lng))
}

/// A point as "(lat, lng)" with up to 6 decimals (the view's labels).
pub fn point_text(p: LatLng) -> String {
    format!("({}, {})", deg_to(p.lat, 6), deg_to(p.lng, 6))
}

/// A distance: "5004 km", "139.1 km", "4.89 km", "611 m", "0.15 m".
///
/// ```
/// use sdp_lab_geohash::format::km;
/// assert_eq!(km(5004.2), "5004 km");
/// assert_eq!(km(139.12), "139.1 km");
/// assert_eq!(km(4.891), "4.89 km");
/// assert_eq!(km(0.611), "611 m");
/// assert_eq!(km(0.00015), "0.15 m");
/// ```
pub fn km(x: f64) -> String {
    if x >= 1000.0 {
        format!("{x:.0} km")
    } else if x >= 100.0 {
        format!("{x:.1} km")
    } else if x >= 1.0 {
        format!("{x:.2} km")
    } else if x >= 0.01 {
        format!("{:.0} m", x * 1000.0)
    } else {
        format!("{:.2} m", x * 1000.0)
    }
}

/// An interval "[lo, hi]" (narration).
pub fn interval(lo: f64, hi: f64) -> String {
    format!("[{}, {}]", deg(lo), deg(hi))
}
