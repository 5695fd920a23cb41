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
