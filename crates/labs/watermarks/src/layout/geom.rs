//! Pure geometry of the watermarks view: time scales, axis ticks, the visible time window around
//! the current step, sub-rows of overlapping windows, and hit testing. No browser API here, so
//! it is tested natively and in the browser alike.

use crate::time::format_time;

/// A linear map from times (ms) to pixels. `p0` may be larger than `p1` (a y axis).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    /// First time.
    pub t0: i64,
    /// Last time (always > `t0`).
    pub t1: i64,
    /// Pixel of `t0`.
    pub p0: f64,
    /// Pixel of `t1`.
    pub p1: f64,
}

impl Scale {
    /// The map of `[t0, t1]` onto `[p0, p1]`; an empty range is widened by 1 ms.
    pub fn new(t0: i64, t1: i64, p0: f64, p1: f64) -> Self {
        let t1 = if t1 > t0 { t1 } else { t0.saturating_add(1) };
        Scale { t0, t1, p0, p1 }
    }

    /// Pixel of time `t` (not clamped).
    pub fn px(&self, t: i64) -> f64 {
        let f = (t as f64 - self.t0 as f64) / (self.t1 as f64 - self.t0 as f64);
        self.p0 + f * (self.p1 - self.p0)
    }

    /// Pixel of `t`, clamped to the range.
    pub fn px_clamped(&self, t: i64) -> f64 {
        self.px(t.clamp(self.t0, self.t1))
    }

    /// Time at pixel `p` (rounded to the millisecond).
    pub fn time(&self, p: f64) -> i64 {
        let f = (p - self.p0) / (self.p1 - self.p0);
        (self.t0 as f64 + f * (self.t1 as f64 - self.t0 as f64)).round() as i64
    }

    /// True if `t` is in `[t0, t1]`.
    pub fn contains(&self, t: i64) -> bool {
        (self.t0..=self.t1).contains(&t)
    }

    /// Pixels per millisecond (absolute).
    pub fn density(&self) -> f64 {
        ((self.p1 - self.p0) / (self.t1 - self.t0) as f64).abs()
    }
}

/// Tick spacings offered, in ms.
const STEPS: [i64; 31] = [
    1,
    2,
    5,
    10,
    20,
    50,
    100,
    200,
    250,
    500,
    1_000,
    2_000,
    5_000,
    10_000,
    15_000,
    30_000,
    60_000,
    120_000,
    300_000,
    600_000,
    900_000,
    1_800_000,
    3_600_000,
    7_200_000,
    10_800_000,
    21_600_000,
    43_200_000,
    86_400_000,
    172_800_000,
    345_600_000,
    864_000_000,
];

/// The smallest "nice" spacing that puts at most `max_ticks` ticks on `span_ms`.
///
/// ```
/// use sdp_lab_watermarks::layout::geom::tick_step;
/// assert_eq!(tick_step(30_000, 6), 10_000);
/// assert_eq!(tick_step(3_000, 10), 500);
/// ```
pub fn tick_step(span_ms: i64, max_ticks: usize) -> i64 {
    let max = max_ticks.max(1) as i64;
    STEPS
        .iter()
        .copied()
        .find(|s| span_ms / s < max)
        .unwrap_or(STEPS[STEPS.len() - 1])
}

/// Tick times: multiples of [`tick_step`] inside `[t0, t1]`.
pub fn ticks(t0: i64, t1: i64, max_ticks: usize) -> (i64, Vec<i64>) {
    let step = tick_step(t1.saturating_sub(t0).max(1), max_ticks);
    let first = t0 + (step - t0.rem_euclid(step)) % step;
    let mut out = Vec::new();
    let mut t = first;
    while t <= t1 && out.len() <= max_ticks + 1 {
        out.push(t);
        t += step;
    }
    (step, out)
}

/// Label of a tick: `10:00:05`, or with milliseconds when the spacing is below a second; past
/// 24 h the hours keep counting (`26:00:00`).
pub fn tick_label(t: i64) -> String {
    format_time(t)
}

/// A time window on both axes of the classic plot: processing time `x0..x1`, event time
/// `y0..y1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Frame {
    /// First processing time shown.
    pub x0: i64,
    /// Last processing time shown.
    pub x1: i64,
    /// Lowest event time shown.
    pub y0: i64,
    /// Highest event time shown.
    pub y1: i64,
}

/// How the plot follows the clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Follow {
    /// The whole stream fits: fixed axes.
    Whole(Frame),
    /// A window of `width` ms of processing time that scrolls with the clock, and `lag` ms more
    /// of event time below it (the largest delay of the stream plus the bound).
    Window {
        /// Start of the stream (processing time).
        start: i64,
        /// Processing time shown.
        width: i64,
        /// Extra event time shown below the window.
        lag: i64,
    },
}

impl Follow {
    /// The frame shown when the clock reads `clock`: the window ends a tenth of its width after
    /// the clock (never before the stream start + width).
    ///
    /// ```
    /// use sdp_lab_watermarks::layout::geom::{Follow, Frame};
    /// let f = Follow::Window { start: 0, width: 1_000, lag: 200 };
    /// assert_eq!(f.frame(0), Frame { x0: 0, x1: 1_000, y0: -200, y1: 1_000 });
    /// assert_eq!(f.frame(5_000), Frame { x0: 4_100, x1: 5_100, y0: 3_900, y1: 5_100 });
    /// ```
    pub fn frame(&self, clock: i64) -> Frame {
        match *self {
            Follow::Whole(f) => f,
            Follow::Window { start, width, lag } => {
                let x1 = clock
                    .saturating_add(width / 10)
                    .max(start.saturating_add(width));
                let x0 = x1 - width;
                Frame {
                    x0,
                    x1,
                    y0: x0 - lag,
                    y1: x1,
                }
            }
        }
    }

    /// True when the plot scrolls (an overview of the whole stream is then shown above it).
    pub fn scrolls(&self) -> bool {
        matches!(self, Follow::Window { .. })
    }
}

/// Sub-row of a sliding window starting at `start`, among `rows = size / slide` rows, so the
/// windows of one row never overlap.
///
/// ```
/// use sdp_lab_watermarks::layout::geom::sub_row;
/// assert_eq!(sub_row(0, 1_000, 5), 0);
/// assert_eq!(sub_row(7_000, 1_000, 5), 2);
/// assert_eq!(sub_row(-1_000, 1_000, 5), 4);
/// ```
pub fn sub_row(start: i64, slide: i64, rows: usize) -> usize {
    let rows = rows.max(1) as i64;
    start.div_euclid(slide.max(1)).rem_euclid(rows) as usize
}

/// The segments of diagonal hatching (lines rising to the right, `gap` pixels apart) inside the
/// rectangle `(x, y, w, h)`, each already cut to the rectangle, so many rectangles can share one
/// path and one stroke without a clip.
///
/// ```
/// use sdp_lab_watermarks::layout::geom::hatch_segments;
/// let segs = hatch_segments(0.0, 0.0, 10.0, 4.0, 4.0);
/// assert!(!segs.is_empty());
/// assert!(segs.iter().all(|&((ax, ay), (bx, by))| ax < bx && ay > by
///     && (0.0..=10.0).contains(&ax) && (0.0..=10.0).contains(&bx)
///     && (0.0..=4.0).contains(&ay) && (0.0..=4.0).contains(&by)));
/// assert!(hatch_segments(0.0, 0.0, 0.0, 4.0, 4.0).is_empty());
/// ```
pub fn hatch_segments(x: f64, y: f64, w: f64, h: f64, gap: f64) -> Vec<Segment> {
    let mut out = Vec::new();
    if w <= 0.0 || h <= 0.0 || gap <= 0.0 {
        return out;
    }
    let right = x + w;
    let mut k = -h;
    while k < w {
        // The line from (x + k, y + h) up to (x + k + h, y), cut to [x, x + w].
        let (x0, x1) = (x + k, x + k + h);
        let a = if x0 < x {
            (x, y + h - (x - x0))
        } else {
            (x0, y + h)
        };
        let b = if x1 > right {
            (right, y + (x1 - right))
        } else {
            (x1, y)
        };
        if b.0 > a.0 {
            out.push((a, b));
        }
        k += gap;
    }
    out
}

/// A line segment from one point to another.
pub type Segment = ((f64, f64), (f64, f64));

/// The closest point to `(px, py)` within `radius` pixels, from `(id, x, y)` candidates.
///
/// ```
/// use sdp_lab_watermarks::layout::geom::nearest;
/// let pts = [(0, 10.0, 10.0), (1, 30.0, 10.0), (2, 100.0, 100.0)];
/// assert_eq!(nearest(pts.into_iter(), 27.0, 12.0, 8.0), Some(1));
/// assert_eq!(nearest(pts.into_iter(), 60.0, 60.0, 8.0), None);
/// ```
pub fn nearest<I: Iterator<Item = (u32, f64, f64)>>(
    points: I,
    px: f64,
    py: f64,
    radius: f64,
) -> Option<u32> {
    let mut best: Option<(f64, u32)> = None;
    for (id, x, y) in points {
        let d = (x - px).powi(2) + (y - py).powi(2);
        if d <= radius * radius && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, id));
        }
    }
    best.map(|(_, id)| id)
}

/// A rectangle in CSS pixels, with what it stands for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HitRect<T> {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
    /// What it is.
    pub what: T,
}

/// The last rectangle containing `(px, py)` (drawn last = on top), widened to at least
/// `min_w` pixels so thin bands can still be picked.
pub fn hit<T: Copy>(rects: &[HitRect<T>], px: f64, py: f64, min_w: f64) -> Option<T> {
    rects.iter().rev().find_map(|r| {
        let extra = ((min_w - r.w) / 2.0).max(0.0);
        (px >= r.x - extra && px <= r.x + r.w + extra && py >= r.y && py <= r.y + r.h)
            .then_some(r.what)
    })
}

/// Pixel layout of the classic plot and its partition lanes inside a canvas `width` wide.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlotLayout {
    /// Canvas width (CSS px).
    pub width: f64,
    /// Canvas height (CSS px).
    pub height: f64,
    /// Left edge of the plot area (room for the y labels).
    pub left: f64,
    /// Right edge of the plot area.
    pub right: f64,
    /// Top of the plot area.
    pub top: f64,
    /// Bottom of the plot area (the x axis).
    pub bottom: f64,
    /// Top of the first partition lane.
    pub lanes_top: f64,
    /// Height of one lane.
    pub lane_h: f64,
}

impl PlotLayout {
    /// The layout for a canvas `width` px wide with `partitions` lanes.
    ///
    /// ```
    /// use sdp_lab_watermarks::layout::geom::PlotLayout;
    /// let l = PlotLayout::new(800.0, 3);
    /// assert!(l.left < l.right && l.top < l.bottom && l.bottom < l.lanes_top);
    /// assert!((l.height - (l.lanes_top + 3.0 * l.lane_h + 8.0)).abs() < 1e-9);
    /// ```
    pub fn new(width: f64, partitions: usize) -> Self {
        let width = width.max(200.0);
        let narrow = width < 560.0;
        let left = if narrow { 60.0 } else { 74.0 };
        let right = width - if narrow { 8.0 } else { 14.0 };
        let top = 26.0;
        let plot_h = (width * 0.42).clamp(220.0, 360.0);
        let bottom = top + plot_h;
        let lanes_top = bottom + 54.0;
        let lane_h = if partitions > 8 { 15.0 } else { 20.0 };
        let height = lanes_top + partitions as f64 * lane_h + 8.0;
        PlotLayout {
            width,
            height,
            left,
            right,
            top,
            bottom,
            lanes_top,
            lane_h,
        }
    }

    /// The scales of `frame`: x = processing time, y = event time (upwards).
    pub fn scales(&self, frame: &Frame) -> (Scale, Scale) {
        (
            Scale::new(frame.x0, frame.x1, self.left, self.right),
            Scale::new(frame.y0, frame.y1, self.bottom, self.top),
        )
    }
}
