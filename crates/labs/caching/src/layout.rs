//! What the views draw, computed natively: chart scales and polylines.

/// A chart's inner box, in SVG units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Left edge.
    pub x0: f64,
    /// Top edge.
    pub y0: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Frame {
    /// `x` in `[0, 1]` to SVG x.
    pub fn x(&self, x: f64) -> f64 {
        self.x0 + x.clamp(0.0, 1.0) * self.w
    }

    /// `y` in `[0, 1]` (0 at the bottom) to SVG y.
    pub fn y(&self, y: f64) -> f64 {
        self.y0 + (1.0 - y.clamp(0.0, 1.0)) * self.h
    }
}

/// Position of `v` on a log scale from 1 to `max` (0 for `max` ≤ 1).
///
/// ```
/// assert_eq!(sdp_lab_caching::layout::log_pos(10.0, 100.0), 0.5);
/// ```
pub fn log_pos(v: f64, max: f64) -> f64 {
    if max <= 1.0 {
        return 0.0;
    }
    sdp_kit::detmath::ln(v.max(1.0)) / sdp_kit::detmath::ln(max)
}

/// The `points` attribute of a polyline through `(x, y)` pairs in `[0, 1]²`.
///
/// ```
/// use sdp_lab_caching::layout::{Frame, polyline};
/// let f = Frame { x0: 0.0, y0: 0.0, w: 100.0, h: 10.0 };
/// assert_eq!(polyline(&f, &[(0.0, 0.0), (1.0, 1.0)]), "0.0,10.0 100.0,0.0");
/// ```
pub fn polyline(frame: &Frame, pts: &[(f64, f64)]) -> String {
    pts.iter()
        .map(|&(x, y)| format!("{:.1},{:.1}", frame.x(x), frame.y(y)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A bar chart's bars: `(x, y, width, height)` for each value, scaled to `max`.
pub fn bars(frame: &Frame, values: &[u32], max: u32) -> Vec<(f64, f64, f64, f64)> {
    let n = values.len().max(1) as f64;
    let bw = frame.w / n;
    values
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            let h = f64::from(v) / f64::from(max.max(1)) * frame.h;
            (
                frame.x0 + i as f64 * bw,
                frame.y0 + frame.h - h,
                (bw - 0.5).max(0.5),
                h,
            )
        })
        .collect()
}

/// The distinct values of `times`, sorted: the rows of a sequence diagram drawn one row per
/// moment rather than to scale (a 2 ms cache hop and a 50 ms database hop stay readable).
pub fn ranks(times: impl IntoIterator<Item = u64>) -> Vec<u64> {
    let mut v: Vec<u64> = times.into_iter().collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Where `t` sits among `ranks`, in `[0, 1]` (0 for fewer than two rows).
///
/// ```
/// use sdp_lab_caching::layout::{rank_pos, ranks};
/// let r = ranks([0, 2, 2, 52, 1000]);
/// assert_eq!(rank_pos(&r, 52), 2.0 / 3.0);
/// assert_eq!(rank_pos(&r, 1000), 1.0);
/// ```
pub fn rank_pos(ranks: &[u64], t: u64) -> f64 {
    if ranks.len() < 2 {
        return 0.0;
    }
    let i = ranks.partition_point(|&r| r < t).min(ranks.len() - 1);
    i as f64 / (ranks.len() - 1) as f64
}
