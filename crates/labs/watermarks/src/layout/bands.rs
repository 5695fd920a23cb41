//! Geometry of the window-bands canvas: its rows, and what a band stands for.

/// Most windows drawn one by one.
pub const MAX_BANDS: usize = 2_500;
/// What a band stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    /// An event-time window (id).
    Window(u32),
    /// A grid window in the comparison rows (start).
    Grid(i64),
}

/// Row geometry of the bands canvas.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BandLayout {
    /// Canvas width.
    pub width: f64,
    /// Canvas height.
    pub height: f64,
    /// Left edge of the bands.
    pub left: f64,
    /// Right edge.
    pub right: f64,
    /// Top of the first key row.
    pub top: f64,
    /// Height of a key row.
    pub key_h: f64,
    /// Sub-rows per key row.
    pub sub: usize,
    /// Top of the comparison rows (if any).
    pub cmp_top: Option<f64>,
    /// Number of comparison rows.
    pub cmp_rows: usize,
    /// Bottom of the rows (axis line).
    pub bottom: f64,
}

impl BandLayout {
    /// The layout for `keys` keys, `sub` sub-rows and `cmp_rows` comparison rows.
    ///
    /// ```
    /// use sdp_lab_watermarks::layout::bands::BandLayout;
    /// let l = BandLayout::new(700.0, 2, 1, 2);
    /// assert!(l.cmp_top.is_some_and(|c| c > l.top + 2.0 * l.key_h));
    /// assert!(l.bottom < l.height);
    /// ```
    pub fn new(width: f64, keys: usize, sub: usize, cmp_rows: usize) -> Self {
        let width = width.max(200.0);
        let sub = sub.max(1);
        let key_h = if sub == 1 {
            30.0
        } else {
            (sub as f64 * 9.0).clamp(30.0, 64.0)
        };
        let left = if width < 560.0 { 72.0 } else { 92.0 };
        let top = 38.0;
        let rows_bottom = top + keys as f64 * key_h;
        let (cmp_top, bottom) = if cmp_rows > 0 {
            let c = rows_bottom + 22.0;
            (Some(c), c + cmp_rows as f64 * key_h)
        } else {
            (None, rows_bottom)
        };
        BandLayout {
            width,
            height: bottom + 34.0,
            left,
            right: width - 10.0,
            top,
            key_h,
            sub,
            cmp_top,
            cmp_rows,
            bottom,
        }
    }

    /// Top and height of the band of sub-row `r` in the row starting at `row_top`.
    pub fn band_y(&self, row_top: f64, r: usize) -> (f64, f64) {
        let h = self.key_h / self.sub as f64;
        (row_top + r as f64 * h + 1.0, (h - 2.0).max(2.0))
    }
}
