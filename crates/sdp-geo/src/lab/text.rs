//! Number formatting for narration and metrics.

use crate::codec::LatLng;

/// Degrees with up to 10 decimals, trailing zeros trimmed ("37.7749", "-180", "0.703125").
pub(super) fn deg(x: f64) -> String {
    let s = format!("{x:.10}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" { "0".to_string() } else { s }
}

/// A point as "(lat, lng)".
pub(super) fn point(p: LatLng) -> String {
    format!("({}, {})", deg(p.lat), deg(p.lng))
}

/// A distance: "5004 km", "39.1 km", "4.89 km", "611 m", "0.15 m".
pub(super) fn km(x: f64) -> String {
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

/// An interval "[lo, hi]".
pub(super) fn interval(lo: f64, hi: f64) -> String {
    format!("[{}, {}]", deg(lo), deg(hi))
}
