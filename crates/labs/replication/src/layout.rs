//! What the quorum timeline draws, computed here so it is tested natively: lane positions,
//! the time scale, and how far a message in flight has got.

use crate::quorum::Msg;

/// Timeline width in SVG units.
pub const WIDTH: f64 = 900.0;
/// Left margin for lane labels.
pub const LEFT: f64 = 90.0;
/// Height of one lane.
pub const LANE: f64 = 34.0;
/// Top margin (operation labels).
pub const TOP: f64 = 26.0;

/// The x of time `t` on a timeline spanning `span` ms.
///
/// ```
/// use sdp_lab_replication::layout::{LEFT, WIDTH, x_of};
/// assert_eq!(x_of(0, 100), LEFT);
/// assert_eq!(x_of(100, 100), WIDTH - 10.0);
/// ```
pub fn x_of(t: u32, span: u32) -> f64 {
    let span = f64::from(span.max(1));
    LEFT + (WIDTH - LEFT - 10.0) * f64::from(t) / span
}

/// The y of lane `l` (0 = coordinator).
pub fn y_of(l: usize) -> f64 {
    TOP + LANE * (l as f64 + 0.5)
}

/// Where message `m` is drawn at time `now`: `(x1, y1, x2, y2, arrived)`, its line cut at
/// `now` while in flight, or `None` before it is sent. A lost message ends half-way.
pub fn segment(m: &Msg, now: u32, span: u32) -> Option<(f64, f64, f64, f64, bool)> {
    if m.send > now {
        return None;
    }
    let end = if m.lost {
        m.send + (m.arrive - m.send) / 2
    } else {
        m.arrive
    };
    let shown = end.min(now);
    let frac = if end == m.send {
        1.0
    } else {
        f64::from(shown - m.send) / f64::from(end - m.send)
    };
    let (x1, y1) = (x_of(m.send, span), y_of(m.from));
    let (x2, y2) = (x_of(end, span), y_of(m.to));
    Some((
        x1,
        y1,
        x1 + (x2 - x1) * frac,
        y1 + (y2 - y1) * frac,
        now >= end,
    ))
}

/// The lag chart's size in SVG units: width, height, left margin, bottom margin.
pub const LAG_CHART: (f64, f64, f64, f64) = (600.0, 170.0, 44.0, 22.0);

/// The point of lag `lag` (ms) at time `t` (ms) on the lag chart, the time axis spanning `end`
/// and the lag axis `scale`.
///
/// ```
/// use sdp_lab_replication::layout::{LAG_CHART, lag_point};
/// let (w, h, left, bottom) = LAG_CHART;
/// assert_eq!(lag_point(0, 0, 1000, 6000), (left, h - bottom));
/// assert_eq!(lag_point(1000, 6000, 1000, 6000), (w - 8.0, 8.0));
/// ```
pub fn lag_point(t: u32, lag: u32, end: u32, scale: u32) -> (f64, f64) {
    let (w, h, left, bottom) = LAG_CHART;
    let x = left + (w - 8.0 - left) * f64::from(t) / f64::from(end.max(1));
    let y = (h - bottom) - (h - bottom - 8.0) * f64::from(lag.min(scale)) / f64::from(scale.max(1));
    (x, y)
}

/// The polyline of follower `k`'s lag through the samples up to index `upto` (inclusive), as
/// an SVG `points` list.
pub fn lag_polyline(
    samples: &[(u32, Vec<u32>)],
    k: usize,
    upto: usize,
    end: u32,
    scale: u32,
) -> String {
    samples
        .iter()
        .take(upto + 1)
        .filter_map(|(t, lags)| lags.get(k).map(|&l| lag_point(*t, l, end, scale)))
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A history timeline's geometry: width, left margin, row height, top margin.
pub const HISTORY: (f64, f64, f64, f64) = (600.0, 34.0, 30.0, 14.0);

/// The x of time `t` on a history timeline spanning `0..=span`.
///
/// ```
/// use sdp_lab_replication::layout::{HISTORY, history_x};
/// assert_eq!(history_x(0.0, 10), HISTORY.1);
/// assert_eq!(history_x(10.0, 10), HISTORY.0 - 10.0);
/// ```
pub fn history_x(t: f64, span: u32) -> f64 {
    let (w, left, _, _) = HISTORY;
    left + (w - 10.0 - left) * t / f64::from(span.max(1))
}

/// The y of client `proc`'s row (1-based).
pub fn history_y(proc: u8) -> f64 {
    let (_, _, row, top) = HISTORY;
    top + row * f64::from(proc.saturating_sub(1)) + row / 2.0
}
