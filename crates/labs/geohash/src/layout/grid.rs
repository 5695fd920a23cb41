//! The geohash grid over the map: which precision can be drawn at a zoom, where its lines
//! fall (snapped to device pixels) and which cells get a label, and where.

use super::view::Proj;
use crate::codec::Cell;

/// Cells narrower than this (CSS px) are not drawn one by one.
pub const MIN_CELL_PX: f64 = 4.0;
/// Most cell labels drawn at once (beyond, the grid is drawn without them).
pub const MAX_LABELS: i64 = 2000;

/// Which grid to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GridChoice {
    /// None.
    Off,
    /// The precision the step is about (or the finest that fits).
    Auto,
    /// This precision, if its cells are big enough to see.
    Fixed(u8),
}

impl GridChoice {
    /// The value of the grid menu's option for this choice (`auto`, `off`, `1` … `12`).
    pub fn value(self) -> String {
        match self {
            GridChoice::Off => "off".to_string(),
            GridChoice::Auto => "auto".to_string(),
            GridChoice::Fixed(p) => p.to_string(),
        }
    }

    /// The choice of a grid menu option's value (anything unknown is `Auto`).
    pub fn from_value(v: &str) -> GridChoice {
        match v {
            "off" => GridChoice::Off,
            "auto" => GridChoice::Auto,
            n => n.parse().map_or(GridChoice::Auto, GridChoice::Fixed),
        }
    }
}

/// The grid precision actually drawn, and a note when it differs from the one asked for.
pub fn resolve_grid(choice: GridChoice, auto: u8, proj: &Proj) -> (Option<u8>, Option<String>) {
    let fits = |p: u8| {
        let (dlat, dlng) = Cell::size_deg(p);
        dlat.min(dlng) * proj.k >= MIN_CELL_PX
    };
    match choice {
        GridChoice::Off => (None, None),
        GridChoice::Auto => {
            let want = auto.clamp(1, 12);
            match (1..=want).rev().find(|&p| fits(p)) {
                Some(p) if p == want => (Some(p), None),
                Some(p) => (
                    Some(p),
                    Some(format!(
                        "Grid at precision {p}: precision-{want} cells are under {MIN_CELL_PX} px at this zoom; zoom in to see them."
                    )),
                ),
                None => (None, None),
            }
        }
        GridChoice::Fixed(p) => {
            let p = p.clamp(1, 12);
            if fits(p) {
                (Some(p), None)
            } else {
                (
                    None,
                    Some(format!(
                        "Precision-{p} cells are under {MIN_CELL_PX} px at this zoom: zoom in to see them."
                    )),
                )
            }
        }
    }
}

/// `v` clamped to [lo, hi]; the midpoint when the range is empty (never panics).
pub fn clampf(v: f64, lo: f64, hi: f64) -> f64 {
    if lo <= hi {
        v.max(lo).min(hi)
    } else {
        f64::midpoint(lo, hi)
    }
}

/// Whether a cell `cw` × `ch` CSS px is big enough for its label.
pub fn label_fits(cw: f64, ch: f64, precision: u8) -> bool {
    cw >= label_width(usize::from(precision)) + 8.0 && ch >= 18.0
}

/// Approximate width of a cell label in CSS px (11 px monospace).
pub fn label_width(chars: usize) -> f64 {
    chars as f64 * 6.8 + 6.0
}

/// The grid lines of one precision over the view, as thin rectangles snapped to device pixels
/// (much cheaper to fill than antialiased strokes across a full-screen canvas).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GridLines {
    /// x of each meridian line (CSS px); each runs from `top` to `bottom`.
    pub xs: Vec<f64>,
    /// y of each parallel line (CSS px); each runs across the canvas.
    pub ys: Vec<f64>,
    /// Top of the meridian lines (the north edge of the globe or of the canvas).
    pub top: f64,
    /// Bottom of the meridian lines.
    pub bottom: f64,
    /// Line width, CSS px.
    pub width: f64,
}

/// The lines of the precision-`precision` grid, `px` device pixels wide at `dpr` device pixels
/// per CSS pixel; `None` when no part of the globe is in view.
pub fn grid_lines(proj: &Proj, precision: u8, dpr: f64, px: f64) -> Option<GridLines> {
    let (dlat, dlng) = Cell::size_deg(precision);
    let (south, north) = (proj.south().max(-90.0), proj.north.min(90.0));
    if south >= north {
        return None;
    }
    let dpr = dpr.max(1.0);
    let snap = |v: f64| ((v * dpr).round() - (px / 2.0).floor()) / dpr;
    let x0 = ((proj.west + 180.0) / dlng).floor() as i64;
    let x1 = ((proj.east() + 180.0) / dlng).ceil() as i64;
    let (_, rows) = Cell::grid_size(precision);
    let r0 = ((south + 90.0) / dlat).floor().max(0.0) as i64;
    let r1 = (((north + 90.0) / dlat).ceil() as i64).min(i64::from(rows));
    Some(GridLines {
        xs: (x0..=x1)
            .map(|i| snap(proj.x(-180.0 + i as f64 * dlng)))
            .collect(),
        ys: (r0..=r1)
            .map(|j| snap(proj.y(-90.0 + j as f64 * dlat)))
            .collect(),
        top: proj.y(north).max(0.0),
        bottom: proj.y(south).min(proj.h),
        width: px / dpr,
    })
}

/// The cell labels of a grid: every visible cell, placed in the visible part of its cell.
#[derive(Clone, Debug, PartialEq)]
pub struct GridLabels {
    /// Large labels (13 px, bold) rather than 11 px ones.
    pub big: bool,
    /// Each cell and its label's centre (CSS px).
    pub cells: Vec<(Cell, f64, f64)>,
}

/// The labels of the precision-`precision` grid, or `None` when the cells are too small for
/// them or more than [`MAX_LABELS`] are in view.
pub fn grid_labels(proj: &Proj, precision: u8) -> Option<GridLabels> {
    let (dlat, dlng) = Cell::size_deg(precision);
    let (cw, ch) = (dlng * proj.k, dlat * proj.k);
    if !label_fits(cw, ch, precision) {
        return None;
    }
    let (cols, rows) = Cell::grid_size(precision);
    let (south, north) = (proj.south().max(-90.0), proj.north.min(90.0));
    let x0 = ((proj.west + 180.0) / dlng).floor() as i64;
    let x1 = ((proj.east() + 180.0) / dlng).ceil() as i64 - 1;
    let y0 = ((south + 90.0) / dlat).floor().max(0.0) as i64;
    let y1 = (((north + 90.0) / dlat).ceil() as i64 - 1).min(i64::from(rows) - 1);
    if (x1 - x0 + 1).saturating_mul(y1 - y0 + 1) > MAX_LABELS {
        return None;
    }
    let half = label_width(usize::from(precision)) / 2.0;
    let mut cells = Vec::new();
    for y in y0..=y1 {
        let lat0 = -90.0 + y as f64 * dlat;
        let (top, bottom) = (proj.y(lat0 + dlat), proj.y(lat0));
        // In the visible part of the cell, and inside the cell.
        let cy = clampf(
            f64::midpoint(top.max(0.0), bottom.min(proj.h)),
            top + 8.0,
            bottom - 8.0,
        );
        for x in x0..=x1 {
            let wrapped = x.rem_euclid(i64::from(cols)) as u32;
            let cell = Cell::from_indexes(wrapped, y as u32, precision);
            let lng0 = -180.0 + x as f64 * dlng;
            let (left, right) = (proj.x(lng0), proj.x(lng0 + dlng));
            let cx = clampf(
                f64::midpoint(left.max(0.0), right.min(proj.w)),
                left + half,
                right - half,
            );
            cells.push((cell, cx, cy));
        }
    }
    Some(GridLabels {
        big: cw >= label_width(usize::from(precision)) * 2.0 && ch >= 30.0,
        cells,
    })
}
