//! What the controls read from their text inputs: coordinates and the boundary. The messages name
//! the input the learner typed into.

use crate::tree::Rect;
use sdp_kit::query::shorten;

/// Parses comma-separated finite numbers (`None` if any is not a number).
///
/// ```
/// use sdp_lab_quadtree::layout::form::parse_numbers;
/// assert_eq!(parse_numbers("1, 2.5"), Some(vec![1.0, 2.5]));
/// assert_eq!(parse_numbers("1,inf"), None);
/// ```
pub fn parse_numbers(text: &str) -> Option<Vec<f64>> {
    text.split(',')
        .map(|s| s.trim().parse::<f64>().ok().filter(|v| v.is_finite()))
        .collect()
}

/// Parses the boundary text `min_lng,min_lat,max_lng,max_lat`.
pub fn parse_bounds(text: &str) -> Result<Rect, String> {
    match parse_numbers(text).as_deref() {
        Some(&[a, b, c, d]) => Ok(Rect::new(a, b, c, d)),
        _ => Err(format!(
            "Boundary: type four numbers min_lng,min_lat,max_lng,max_lat (got “{}”)",
            shorten(text)
        )),
    }
}

/// The boundary as the URL writes it.
pub fn bounds_text(r: &Rect) -> String {
    crate::url::rect_text(r)
}

/// Parses one coordinate input (a message naming the input otherwise).
///
/// ```
/// use sdp_lab_quadtree::layout::form::coordinate;
/// assert_eq!(coordinate("Longitude", " 10.5 "), Ok(10.5));
/// assert_eq!(coordinate("Longitude", "east").unwrap_err(), "Longitude: type a number (got “east”)");
/// ```
pub fn coordinate(label: &str, text: &str) -> Result<f64, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("{label}: type a number (got “{}”)", shorten(text)))
}
