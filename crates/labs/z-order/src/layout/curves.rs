//! The grids of `curves` mode: cell ↔ pixel with y up on the grid (and down on the canvas),
//! drags as boxes, the colour ramp along a curve, and the jumps walked so far.

use crate::curves::manhattan;
use crate::{CurveGrid, CurvePhase, CurveState, GridBox};

/// Side of each grid canvas in pixels (a multiple of every 2^k up to 256).
pub const GRID_PX: f64 = 512.0;

/// Grids up to this many cells a side are drawn with lines, the path and every jump.
pub const SMALL_SIDE: u32 = 32;

/// Pixels per cell.
///
/// ```
/// assert_eq!(sdp_lab_z_order::layout::curves::cell_px(8), 64.0);
/// ```
pub fn cell_px(side: u32) -> f64 {
    GRID_PX / f64::from(side.max(1))
}

/// Centre of cell `(x, y)` in canvas pixels (y grows upwards on the grid, downwards on canvas).
pub fn cell_centre(side: u32, x: u32, y: u32) -> (f64, f64) {
    let cs = cell_px(side);
    (
        (f64::from(x) + 0.5) * cs,
        (f64::from(side.saturating_sub(1).saturating_sub(y)) + 0.5) * cs,
    )
}

/// Top-left corner of cell `(x, y)` in canvas pixels.
pub fn cell_corner(side: u32, x: u32, y: u32) -> (f64, f64) {
    let cs = cell_px(side);
    (
        f64::from(x) * cs,
        f64::from(side.saturating_sub(1).saturating_sub(y)) * cs,
    )
}

/// The cell under canvas pixel `(px, py)`, clamped to the grid.
pub fn cell_at(side: u32, px: f64, py: f64) -> (u32, u32) {
    let cs = cell_px(side);
    let last = side.saturating_sub(1);
    let x = (px / cs).floor().clamp(0.0, f64::from(last)) as u32;
    let row = (py / cs).floor().clamp(0.0, f64::from(last)) as u32;
    (x, last - row)
}

/// The box spanned by two cells.
pub fn drag_box(a: (u32, u32), b: (u32, u32)) -> GridBox {
    GridBox {
        x0: a.0.min(b.0),
        y0: a.1.min(b.1),
        x1: a.0.max(b.0),
        y1: a.1.max(b.1),
    }
}

/// A box of cells in canvas pixels: `(x, y, width, height)`.
pub fn box_px(side: u32, b: &GridBox) -> (f64, f64, f64, f64) {
    let cs = cell_px(side);
    let (x, y) = cell_corner(side, b.x0, b.y1);
    (
        x,
        y,
        f64::from(b.x1 - b.x0 + 1) * cs,
        f64::from(b.y1 - b.y0 + 1) * cs,
    )
}

/// Sequential colour for position `t` (0–1) along a curve (viridis stops: readable for
/// colour-blind learners, dark to light).
///
/// ```
/// use sdp_lab_z_order::layout::curves::ramp;
/// assert_eq!(ramp(0.0), [68, 1, 84]);
/// assert_eq!(ramp(1.0), [253, 231, 37]);
/// ```
pub fn ramp(t: f64) -> [u8; 3] {
    const STOPS: [[u8; 3]; 5] = [
        [68, 1, 84],
        [59, 82, 139],
        [33, 145, 140],
        [94, 201, 98],
        [253, 231, 37],
    ];
    let t = t.clamp(0.0, 1.0) * (STOPS.len() - 1) as f64;
    let i = (t.floor() as usize).min(STOPS.len() - 2);
    let f = t - i as f64;
    let (a, b) = (STOPS[i], STOPS[i + 1]);
    [0, 1, 2].map(|k| (f64::from(a[k]) + (f64::from(b[k]) - f64::from(a[k])) * f).round() as u8)
}

/// Which curve a grid shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Curve {
    /// Z-order (Morton).
    Z,
    /// Hilbert.
    Hilbert,
}

impl Curve {
    /// The cell of each index `d`.
    pub fn path(self, g: &CurveGrid) -> &[(u16, u16)] {
        match self {
            Curve::Z => &g.z,
            Curve::Hilbert => &g.hilbert,
        }
    }

    /// The indexes `d` after which the curve jumps.
    pub fn jumps(self, g: &CurveGrid) -> &[u32] {
        match self {
            Curve::Z => &g.z_jumps,
            Curve::Hilbert => &g.hilbert_jumps,
        }
    }

    /// The runs of indexes that cover the box.
    pub fn ranges(self, g: &CurveGrid) -> &[(u32, u32)] {
        match self {
            Curve::Z => &g.z_ranges,
            Curve::Hilbert => &g.hilbert_ranges,
        }
    }

    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            Curve::Z => "Z-order",
            Curve::Hilbert => "Hilbert",
        }
    }
}

/// Jumps walked so far (`d` with `d + 1 ≤ cursor`) and the longest of them, in cells.
///
/// ```
/// use sdp_lab_z_order::layout::curves::walked_jumps;
/// let path = [(0u16, 0u16), (1, 0), (0, 1), (1, 1), (2, 0)];
/// assert_eq!(walked_jumps(&path, &[1, 3], 2), (1, 2));
/// ```
pub fn walked_jumps(path: &[(u16, u16)], jumps: &[u32], cursor: u32) -> (usize, u32) {
    let n = jumps.partition_point(|&d| d < cursor);
    let longest = jumps[..n]
        .iter()
        .filter_map(|&d| {
            let a = *path.get(d as usize)?;
            let b = *path.get(d as usize + 1)?;
            Some(manhattan(a, b))
        })
        .max()
        .unwrap_or(0);
    (n, longest)
}

/// The shortest jump drawn on a grid of `side` cells (large grids keep only the long ones).
pub fn min_jump(side: u32) -> u32 {
    if side <= SMALL_SIDE {
        2
    } else {
        (side / 8).max(2)
    }
}

/// The jumps drawn at a step: index `d` of each jump walked so far that is at least
/// [`min_jump`] cells long (none while the ranges are shown).
pub fn shown_jumps(s: &CurveState, curve: Curve) -> Vec<usize> {
    if s.phase == CurvePhase::Ranges {
        return Vec::new();
    }
    let g = &s.grid;
    let path = curve.path(g);
    let cursor = (s.cursor as usize).min(path.len().saturating_sub(1));
    let min = min_jump(g.side);
    curve
        .jumps(g)
        .iter()
        .map(|&d| d as usize)
        .take_while(|&d| d < cursor)
        .filter(|&d| d + 1 < path.len() && manhattan(path[d], path[d + 1]) >= min)
        .collect()
}

/// For the ranges step: the range that holds each index `d` (`None` outside the box); empty
/// at other steps.
pub fn range_of(s: &CurveState, curve: Curve) -> Vec<Option<usize>> {
    if s.phase != CurvePhase::Ranges {
        return Vec::new();
    }
    let g = &s.grid;
    let mut out = vec![None; curve.path(g).len()];
    for (i, &(a, b)) in curve.ranges(g).iter().enumerate() {
        for d in a..=b {
            if let Some(slot) = out.get_mut(d as usize) {
                *slot = Some(i);
            }
        }
    }
    out
}

/// Text alternative for one curve at a step.
pub fn describe(s: &CurveState, curve: Curve) -> String {
    let g = &s.grid;
    let path = curve.path(g);
    let (x, y) = path.get(s.cursor as usize).copied().unwrap_or((0, 0));
    let (jumps, longest) = walked_jumps(path, curve.jumps(g), s.cursor);
    let mut text = format!(
        "{} curve on a {} × {} grid: cursor at d = {} in cell ({x}, {y}); {jumps} jumps so far (longest {longest} cells).",
        curve.name(),
        g.side,
        g.side,
        s.cursor
    );
    if s.phase == CurvePhase::Ranges {
        text.push_str(" The box takes ");
        text.push_str(&curve.ranges(g).len().to_string());
        text.push_str(" ranges.");
    }
    text
}

/// The cursor `d` of a grid of order `order` in binary, and its even bits (x) and odd bits (y).
///
/// ```
/// let (d, x, y) = sdp_lab_z_order::layout::curves::cursor_bits(2, 2);
/// assert_eq!((d.as_str(), x.as_str(), y.as_str()), ("0010", "00", "01"));
/// ```
pub fn cursor_bits(d: u32, order: u8) -> (String, String, String) {
    let order = u32::from(order);
    let bit = |i: u32| if (d >> i) & 1 == 1 { '1' } else { '0' };
    (
        (0..order * 2).rev().map(bit).collect(),
        (0..order).rev().map(|i| bit(2 * i)).collect(),
        (0..order).rev().map(|i| bit(2 * i + 1)).collect(),
    )
}
