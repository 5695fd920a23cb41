//! The geohash grid over a map viewport: the cells of one precision that intersect a
//! latitude/longitude box, for drawing.

use crate::codec::{BBox, Cell, MAX_PRECISION, MIN_PRECISION, check_precision};
use sdp_kit::lab::ParamError;
use serde::{Deserialize, Serialize};

/// Default cap on the cells returned for one viewport.
pub const MAX_VIEWPORT_CELLS: usize = 20_000;

/// A cell to draw, with its box in the viewport's longitude frame (a viewport panned past the
/// date line, say west = 170, east = 200, gets the cell `2pb…` at west = 180 + …, not −180).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ViewportCell {
    /// The cell (its hash is `cell.to_hash()`).
    pub cell: Cell,
    /// Its box, shifted by a multiple of 360° of longitude into the viewport's frame.
    pub bbox: BBox,
}

/// Checks a viewport: finite, south ≤ north within [−90, 90], west ≤ east, at most 360° wide
/// (longitudes may go past ±180 so that a map can pan around the date line).
pub fn check_viewport(view: &BBox) -> Result<(), ParamError> {
    let finite = [view.south, view.north, view.west, view.east]
        .iter()
        .all(|v| v.is_finite());
    if !finite {
        return Err(ParamError::new("viewport", "every edge must be a number"));
    }
    if !(-90.0..=90.0).contains(&view.south) || !(-90.0..=90.0).contains(&view.north) {
        return Err(ParamError::new(
            "viewport",
            "south and north must be between -90 and 90",
        ));
    }
    if view.south > view.north || view.west > view.east {
        return Err(ParamError::new(
            "viewport",
            "south must not exceed north, nor west exceed east",
        ));
    }
    if view.east - view.west > 360.0 || view.west < -540.0 || view.east > 540.0 {
        return Err(ParamError::new(
            "viewport",
            "at most 360° wide, with longitudes within ±540",
        ));
    }
    Ok(())
}

/// Column and row ranges (inclusive) of the cells that intersect `view` at `precision`; the
/// columns are in the viewport's frame and may be negative or beyond the grid width.
fn ranges(view: &BBox, precision: u8) -> ((i64, i64), (i64, i64)) {
    let (dlat, dlng) = Cell::size_deg(precision);
    let (_, rows) = Cell::grid_size(precision);
    let last_row = i64::from(rows) - 1;
    let row = |lat: f64| (((lat + 90.0) / dlat).floor() as i64).clamp(0, last_row);
    let y0 = row(view.south);
    let y1 = row(view.north).max(y0);
    let x0 = ((view.west + 180.0) / dlng).floor() as i64;
    let x1 = (((view.east + 180.0) / dlng).ceil() as i64 - 1).max(x0);
    ((x0, x1), (y0, y1))
}

/// How many cells of `precision` intersect the viewport (without listing them).
pub fn count_in_viewport(view: &BBox, precision: u8) -> u64 {
    let ((x0, x1), (y0, y1)) = ranges(view, precision);
    ((x1 - x0 + 1) as u64).saturating_mul((y1 - y0 + 1) as u64)
}

/// The finest precision (1–12) whose grid over the viewport has at most `cap` cells; 1 if
/// even precision 1 has more.
pub fn finest_precision_for(view: &BBox, cap: usize) -> u8 {
    (MIN_PRECISION..=MAX_PRECISION)
        .rev()
        .find(|&p| count_in_viewport(view, p) <= cap as u64)
        .unwrap_or(MIN_PRECISION)
}

/// The cells of `precision` that intersect `view`, row by row from the south-west; at most
/// `cap` of them, otherwise an error naming `precision` that says which precision fits.
///
/// ```
/// use sdp_lab_geohash::codec::BBox;
/// let world = BBox { south: -90.0, north: 90.0, west: -180.0, east: 180.0 };
/// let cells = sdp_lab_geohash::grid::cells_in_viewport(&world, 1, 100).unwrap();
/// assert_eq!(cells.len(), 32);
/// assert!(sdp_lab_geohash::grid::cells_in_viewport(&world, 4, 20_000).is_err());
/// ```
pub fn cells_in_viewport(
    view: &BBox,
    precision: u8,
    cap: usize,
) -> Result<Vec<ViewportCell>, ParamError> {
    check_precision("precision", precision)?;
    check_viewport(view)?;
    let count = count_in_viewport(view, precision);
    if count > cap as u64 {
        return Err(ParamError::new(
            "precision",
            format!(
                "this viewport holds {count} cells at precision {precision}, more than {cap}; \
                 precision {} or less fits",
                finest_precision_for(view, cap)
            ),
        ));
    }
    let ((x0, x1), (y0, y1)) = ranges(view, precision);
    let (cols, _) = Cell::grid_size(precision);
    let cols = i64::from(cols);
    let dlng = Cell::size_deg(precision).1;
    let mut out = Vec::with_capacity(count as usize);
    for y in y0..=y1 {
        for x in x0..=x1 {
            let wrapped = x.rem_euclid(cols);
            let cell = Cell::from_indexes(wrapped as u32, y as u32, precision);
            let mut bbox = cell.bbox();
            let shift = (x - wrapped) as f64 * dlng;
            bbox.west += shift;
            bbox.east += shift;
            out.push(ViewportCell { cell, bbox });
        }
    }
    Ok(out)
}
