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
