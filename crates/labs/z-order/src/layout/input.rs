//! What the controls' text fields accept: a box of cells and one column's range of a query
//! (the column values are read by [`crate::url::parse_values`]). Each refusal says what to type.

use crate::GridBox;
use sdp_kit::query::shorten;

/// Parses a box `x0,y0,x1,y1` (or `none`, or nothing).
///
/// ```
/// use sdp_lab_z_order::layout::input::parse_box;
/// assert_eq!(parse_box("none"), Ok(None));
/// assert!(parse_box("2,1,5").is_err());
/// ```
pub fn parse_box(text: &str) -> Result<Option<GridBox>, String> {
    let t = text.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    let v: Option<Vec<u32>> = t.split(',').map(|s| s.trim().parse().ok()).collect();
    match v.as_deref() {
        Some(&[x0, y0, x1, y1]) => Ok(Some(GridBox { x0, y0, x1, y1 })),
        _ => Err(format!(
            "Box: type x0,y0,x1,y1 (four whole numbers) or none (got “{}”)",
            shorten(text)
        )),
    }
}

/// Parses one column's range: `lo-hi`, a single value, or `*` / empty for no constraint.
///
/// ```
/// use sdp_lab_z_order::layout::input::parse_range;
/// assert_eq!(parse_range("40-79"), Ok(Some((40, 79))));
/// assert_eq!(parse_range("*"), Ok(None));
/// ```
pub fn parse_range(text: &str) -> Result<Option<(u32, u32)>, String> {
    let t = text.trim();
    if t.is_empty() || t == "*" {
        return Ok(None);
    }
    let bad = || format!("type lo-hi, a single value or * (got “{}”)", shorten(text));
    if let Some((lo, hi)) = t.split_once('-') {
        Ok(Some((
            lo.trim().parse().map_err(|_| bad())?,
            hi.trim().parse().map_err(|_| bad())?,
        )))
    } else {
        let v = t.parse().map_err(|_| bad())?;
        Ok(Some((v, v)))
    }
}

/// The message for column values that are not 2 or 3 whole numbers.
pub fn values_message(text: &str) -> String {
    format!(
        "Values: type 2 or 3 whole numbers separated by commas (got “{}”)",
        shorten(text)
    )
}

/// The box shrunk to fit a grid of order `order` (when the order changes).
pub fn shrink_box(b: Option<GridBox>, order: u8) -> Option<GridBox> {
    let last = (1u32 << order.clamp(1, 8)) - 1;
    b.map(|b| GridBox {
        x0: b.x0.min(last),
        y0: b.y0.min(last),
        x1: b.x1.min(last),
        y1: b.y1.min(last),
    })
}

/// The three example queries of the controls for a table of `columns` columns with values up
/// to `max`: a box on x and y, x only, y only.
pub fn example_queries(columns: usize, max: u32) -> [Vec<Option<(u32, u32)>>; 3] {
    let tenth = (max / 10).max(1);
    let mut box_q = vec![Some((2 * tenth, 4 * tenth)), Some((5 * tenth, 7 * tenth))];
    let mut x_only = vec![Some((6 * tenth, 7 * tenth)), None];
    let mut y_only = vec![None, Some((3 * tenth, 4 * tenth))];
    for q in [&mut box_q, &mut x_only, &mut y_only] {
        q.resize(columns, None);
    }
    [box_q, x_only, y_only]
}
