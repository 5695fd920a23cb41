//! What the view draws, computed here so it is tested natively: the time axis of the lanes,
//! window boundaries, and admitted-per-window series.

use std::fmt::Write as _;

/// Maps times (ms) to x positions in `[left, left + width]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeScale {
    /// First time shown, ms.
    pub start_ms: u64,
    /// Last time shown, ms (greater than `start_ms`).
    pub end_ms: u64,
    /// Left edge, px.
    pub left: f64,
    /// Width, px.
    pub width: f64,
}

impl TimeScale {
    /// A scale covering `arrivals` (with a little room on the right).
    ///
    /// ```
    /// use sdp_lab_rate_limiter::layout::TimeScale;
    /// let s = TimeScale::covering(&[59_000, 60_000], 0.0, 100.0);
    /// assert!(s.x(59_000) < s.x(60_000) && s.x(60_000) <= 100.0);
    /// ```
    pub fn covering(arrivals: &[u64], left: f64, width: f64) -> TimeScale {
        let first = arrivals.first().copied().unwrap_or(0);
        let last = arrivals.last().copied().unwrap_or(0);
        let pad = ((last - first) / 20).max(50);
        TimeScale {
            start_ms: first.saturating_sub(pad),
            end_ms: last + pad,
            left,
            width,
        }
    }

    /// The x of time `t`.
    pub fn x(&self, t: u64) -> f64 {
        let span = (self.end_ms - self.start_ms).max(1) as f64;
        self.left + (t.saturating_sub(self.start_ms)) as f64 / span * self.width
    }
}

/// The window boundaries (multiples of `window_ms`) inside the scale, at most `max` of them
/// (none when they would be closer than a few pixels).
pub fn window_marks(scale: &TimeScale, window_ms: u64, max: usize) -> Vec<u64> {
    let first = scale.start_ms.div_ceil(window_ms) * window_ms;
    let count = (scale.end_ms.saturating_sub(first)) / window_ms.max(1) + 1;
    if count as usize > max {
        return Vec::new();
    }
    (0..count)
        .map(|k| first + k * window_ms)
        .filter(|&t| t <= scale.end_ms)
        .collect()
}

/// Requests shown as ticks: when there are more than `max`, every `k`-th (the count is shown
/// beside).
pub fn tick_stride(n: usize, max: usize) -> usize {
    n.div_ceil(max.max(1)).max(1)
}

/// At most `max` points of a step series `(t, value)`, keeping the first and the last and the
/// largest value of each stretch it drops (so peaks stay visible).
///
/// ```
/// let pts: Vec<(u64, f64)> = (0..1000).map(|i| (i, (i % 7) as f64)).collect();
/// let kept = sdp_lab_rate_limiter::layout::decimate(&pts, 100);
/// assert!(kept.len() <= 101 && kept[0] == pts[0] && *kept.last().unwrap() == pts[999]);
/// assert!(kept.iter().any(|p| p.1 == 6.0));
/// ```
pub fn decimate(points: &[(u64, f64)], max: usize) -> Vec<(u64, f64)> {
    if points.len() <= max || max < 2 {
        return points.to_vec();
    }
    let chunk = points.len().div_ceil(max - 1);
    let mut out: Vec<(u64, f64)> = points
        .chunks(chunk)
        .filter_map(|c| c.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1)))
        .collect();
    out[0] = points[0];
    if let Some(&last) = points.last() {
        if out.last() != Some(&last) {
            out.push(last);
        }
    }
    out
}

/// `x,y x,y …` for an SVG polyline of `points` (time on x through `scale`, value on y mapped
/// from `[0, top]` to `[bottom, bottom − height]`), drawn as steps.
pub fn step_path(
    points: &[(u64, f64)],
    scale: &TimeScale,
    top: f64,
    bottom: f64,
    height: f64,
) -> String {
    let y = |v: f64| bottom - (v / top.max(1e-9)).clamp(0.0, 1.0) * height;
    let mut out = String::new();
    let mut last_y = None;
    for &(t, v) in points {
        let x = scale.x(t);
        if let Some(ly) = last_y {
            let _ = write!(out, "{x:.1},{ly:.1} ");
        }
        let _ = write!(out, "{x:.1},{:.1} ", y(v));
        last_y = Some(y(v));
    }
    out.trim_end().to_string()
}
