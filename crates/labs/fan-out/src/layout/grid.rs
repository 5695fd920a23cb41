//! The chat member grid: where each member's cell sits on the canvas, and which member a
//! point falls on.

/// Width of the member grid in canvas pixels.
pub const GRID_W: f64 = 480.0;

/// Where members sit on the canvas: `cols` per row, square cells of `cell` pixels, member `m`
/// at row `m / cols`, column `m % cols`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GridLayout {
    /// Cells per row.
    pub cols: u32,
    /// Rows.
    pub rows: u32,
    /// Cell side in canvas pixels.
    pub cell: f64,
}

impl GridLayout {
    /// The layout for a group of `members`: 10 per row up to 60 members, 20 up to 200, else 25.
    ///
    /// ```
    /// let l = sdp_lab_fan_out::layout::grid::GridLayout::new(50);
    /// assert_eq!((l.cols, l.rows, l.cell), (10, 5, 48.0));
    /// ```
    pub fn new(members: u32) -> Self {
        let cols = if members <= 60 {
            10
        } else if members <= 200 {
            20
        } else {
            25
        };
        GridLayout {
            cols,
            rows: members.div_ceil(cols).max(1),
            cell: GRID_W / f64::from(cols),
        }
    }

    /// Canvas height.
    pub fn height(&self) -> f64 {
        f64::from(self.rows) * self.cell
    }

    /// Top-left corner of member `m`'s cell.
    pub fn origin(&self, m: u32) -> (f64, f64) {
        (
            f64::from(m % self.cols) * self.cell,
            f64::from(m / self.cols) * self.cell,
        )
    }
}

/// The member under canvas point `(x, y)` in a group of `members`, if any.
///
/// ```
/// use sdp_lab_fan_out::layout::grid::{GridLayout, member_at};
/// let l = GridLayout::new(50); // 48-pixel cells, 10 per row
/// assert_eq!(member_at(&l, 50, 5.0, 5.0), Some(0));
/// assert_eq!(member_at(&l, 50, 100.0, 50.0), Some(12));
/// assert_eq!(member_at(&l, 50, 5.0, 250.0), None); // below the last row
/// ```
pub fn member_at(layout: &GridLayout, members: u32, x: f64, y: f64) -> Option<u32> {
    if !(x >= 0.0 && y >= 0.0 && x < GRID_W && layout.cell > 0.0) {
        return None;
    }
    let col = (x / layout.cell) as u32;
    let row = (y / layout.cell) as u32;
    if col >= layout.cols {
        return None;
    }
    let m = row.checked_mul(layout.cols)?.checked_add(col)?;
    (m < members).then_some(m)
}

/// The canvas point of a click at `(offset_x, offset_y)` CSS pixels on a canvas drawn
/// `client_width` CSS pixels wide (the canvas is [`GRID_W`] pixels wide and scaled to fit).
///
/// ```
/// use sdp_lab_fan_out::layout::grid::to_canvas;
/// assert_eq!(to_canvas(10, 20, 240), (20.0, 40.0));
/// ```
pub fn to_canvas(offset_x: i32, offset_y: i32, client_width: i32) -> (f64, f64) {
    let scale = GRID_W / f64::from(client_width.max(1));
    (f64::from(offset_x) * scale, f64::from(offset_y) * scale)
}
