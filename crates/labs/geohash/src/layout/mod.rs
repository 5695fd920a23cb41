//! What the view draws, computed natively (no browser): the map's projection, zoom and pan
//! ([`view`]), pointer gestures ([`gesture`]), clipping across the date line ([`clip`]), the
//! grid's lines and labels ([`grid`]), dense points ([`dots`]), the coastline ([`coast`]),
//! colours and styles ([`paint`]), framed boxes ([`frame`]), and per mode what a step frames,
//! highlights and says to a screen reader.

pub mod cache;
pub mod clip;
pub mod coast;
pub mod dots;
pub mod encode;
pub mod frame;
pub mod gesture;
pub mod grid;
pub mod haversine;
pub mod neighbours;
pub mod paint;
pub mod search;
pub mod shards;
pub mod sizes;
pub mod view;

/// An SVG path through points (`M x,y L x,y …`, one decimal).
///
/// ```
/// use sdp_lab_geohash::layout::svg_path;
/// assert_eq!(svg_path([(1.0, 2.0), (3.25, 4.0)]), "M1.0,2.0L3.2,4.0");
/// ```
pub fn svg_path(points: impl IntoIterator<Item = (f64, f64)>) -> String {
    use std::fmt::Write as _;
    points
        .into_iter()
        .enumerate()
        .fold(String::new(), |mut d, (i, (x, y))| {
            let _ = write!(d, "{}{x:.1},{y:.1}", if i == 0 { "M" } else { "L" });
            d
        })
}
