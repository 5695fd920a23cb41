//! Cell-size mode's drawing: the cell the map shows for a row, what it frames, the verdict
//! badges and the log-scale chart's axes.

use super::frame::widened;
use super::view::WORLD;
use crate::codec::{BBox, Cell, LatLng};
use crate::sizes::Verdict;
use crate::{Figure, SizesPhase, SizesState};

/// The cell the map shows: precision `p` at the table's latitude on the prime meridian.
pub fn shown_cell(lat: f64, p: u8) -> Cell {
    Cell::encode_unchecked(LatLng::new(lat.clamp(-90.0, 90.0), 0.0), p)
}

/// The precision of the row this step adds, if any.
pub fn current_precision(s: &SizesState) -> Option<u8> {
    match s.phase {
        SizesPhase::Row(p) => Some(p),
        SizesPhase::Start => None,
    }
}

/// What the map frames (the row's cell with two cells around it) and the grid precision.
pub fn sizes_fit(s: &SizesState) -> (BBox, u8) {
    match current_precision(s) {
        None => (WORLD, 1),
        Some(p) => (widened(shown_cell(s.table.lat, p).bbox(), 2.0), p),
    }
}

/// A document figure's badge: its class and text.
pub fn verdict(f: &Figure) -> (&'static str, &'static str) {
    match f.verdict {
        Verdict::Correct => ("ok", "✓ correct"),
        Verdict::HalfCell => ("wrong", "✗ half a cell"),
        Verdict::Rough => ("rough", "≈ rough"),
    }
}

/// The chart's plot area and scales: precision across, log10 km up (1 cm … 10 000 km).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SizeChart {
    /// Width of the drawing.
    pub w: f64,
    /// Height of the drawing.
    pub h: f64,
    /// Left margin (for the tick labels).
    pub left: f64,
    /// Right margin.
    pub right: f64,
    /// Top margin.
    pub top: f64,
    /// Bottom margin (for the precision labels).
    pub bottom: f64,
}

/// The chart the view draws.
pub const SIZE_CHART: SizeChart = SizeChart {
    w: 640.0,
    h: 260.0,
    left: 70.0,
    right: 12.0,
    top: 12.0,
    bottom: 36.0,
};

/// Lowest and highest log10 km on the chart.
pub const LOG_KM: (f64, f64) = (-5.0, 4.0);

impl SizeChart {
    /// x of a precision (1–12).
    pub fn x(&self, p: u8) -> f64 {
        self.left + (f64::from(p) - 1.0) / 11.0 * (self.w - self.left - self.right)
    }

    /// y of a length in km (log scale, clamped to the chart).
    pub fn y(&self, km: f64) -> f64 {
        let (lo, hi) = LOG_KM;
        let l = km.max(1e-5).log10().clamp(lo, hi);
        self.top + (hi - l) / (hi - lo) * (self.h - self.top - self.bottom)
    }
}

/// The text of the chart's tick at 10^`e` km.
pub fn tick_text(e: i32) -> String {
    match e {
        -5 => "1 cm".to_string(),
        -4 => "10 cm".into(),
        -3 => "1 m".into(),
        -2 => "10 m".into(),
        -1 => "100 m".into(),
        0 => "1 km".into(),
        _ => format!("{} km", 10u32.pow(e.unsigned_abs())),
    }
}
