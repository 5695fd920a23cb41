//! Encode mode's drawing: the box after so many bits, what the map frames, each axis's
//! interval and last bisection, and the map's text alternative.

use super::frame::widened;
use super::view::WORLD;
use crate::codec::{Axis, BBox, BitStep};
use crate::format::{deg_to, point_text};
use crate::{EncodeJob, EncodePhase, EncodeState, JobKind};

/// The box after the first `n` bits of a job.
pub fn box_after(job: &EncodeJob, n: usize) -> BBox {
    let mut b = WORLD;
    for s in job.bits.iter().take(n) {
        let (lo, hi) = s.kept();
        match s.axis {
            Axis::Lng => (b.west, b.east) = (lo, hi),
            Axis::Lat => (b.south, b.north) = (lo, hi),
        }
    }
    b
}

/// What the map frames at this step and the grid precision that shows the next character's
/// 32 choices: the box at the start of the character being worked on.
pub fn encode_fit(s: &EncodeState) -> (BBox, u8) {
    let done = usize::from(s.bits_done);
    let p = s.job.cell.precision;
    match s.phase {
        EncodePhase::Start => (WORLD, 1),
        EncodePhase::Done => (widened(s.job.bbox, 1.0), p),
        EncodePhase::Char { .. } if s.job.kind == JobKind::Decode => {
            (box_after(&s.job, done), (done / 5 + 1).min(12) as u8)
        }
        _ => {
            let b0 = done.saturating_sub(1) / 5 * 5;
            (box_after(&s.job, b0), (b0 / 5 + 1).min(12) as u8)
        }
    }
}

/// The current bisection, if this step is one.
pub fn current_bit(s: &EncodeState) -> Option<BitStep> {
    match s.phase {
        EncodePhase::Bit { step } => Some(step),
        _ => None,
    }
}

/// The box before the current bit, and the bit (the map draws it split at its midpoint).
pub fn before_bit(s: &EncodeState) -> Option<(BBox, BitStep)> {
    let step = current_bit(s)?;
    let mut before = s.current;
    match step.axis {
        Axis::Lng => (before.west, before.east) = (step.lo, step.hi),
        Axis::Lat => (before.south, before.north) = (step.lo, step.hi),
    }
    Some((before, step))
}

/// The hash's characters done so far.
pub fn hash_so_far(s: &EncodeState) -> String {
    s.job.hash.chars().take(usize::from(s.chars_done)).collect()
}

/// The map's text alternative.
pub fn describe(s: &EncodeState) -> String {
    let c = s.current;
    let hash = hash_so_far(s);
    format!(
        "World map. The current box after {} of {} bits is latitude {} to {} and longitude {} to {}{}. Hash so far: {}.",
        s.bits_done,
        s.job.bits.len(),
        deg_to(c.south, 7),
        deg_to(c.north, 7),
        deg_to(c.west, 7),
        deg_to(c.east, 7),
        s.job
            .point
            .map(|p| format!("; the point {} is marked", point_text(p)))
            .unwrap_or_default(),
        if hash.is_empty() { "none".into() } else { hash }
    )
}

/// One axis of the encoding at a step: its whole range, the current interval, the bits spent
/// on it and the last bisection.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AxisRow {
    /// "Longitude" or "Latitude".
    pub name: &'static str,
    /// λ or φ.
    pub symbol: &'static str,
    /// The whole range: [−180, 180] or [−90, 90].
    pub full: (f64, f64),
    /// The current interval.
    pub interval: (f64, f64),
    /// Bits spent on this axis so far.
    pub bits: usize,
    /// The last bisection of this axis, if any.
    pub last: Option<BitStep>,
    /// True when this step bisects this axis.
    pub active: bool,
    /// The encoded point's coordinate on this axis (none when decoding).
    pub value: Option<f64>,
}

/// Axis `axis` at step `s`.
pub fn axis_row(s: &EncodeState, axis: Axis) -> AxisRow {
    let (name, symbol, full) = match axis {
        Axis::Lng => ("Longitude", "λ", (-180.0, 180.0)),
        Axis::Lat => ("Latitude", "φ", (-90.0, 90.0)),
    };
    let c = s.current;
    let interval = match axis {
        Axis::Lng => (c.west, c.east),
        Axis::Lat => (c.south, c.north),
    };
    let done = &s.job.bits[..usize::from(s.bits_done).min(s.job.bits.len())];
    AxisRow {
        name,
        symbol,
        full,
        interval,
        bits: done.iter().filter(|b| b.axis == axis).count(),
        last: done.iter().rev().find(|b| b.axis == axis).copied(),
        active: current_bit(s).is_some_and(|b| b.axis == axis),
        value: s.job.point.map(|p| match axis {
            Axis::Lng => p.lng,
            Axis::Lat => p.lat,
        }),
    }
}

impl AxisRow {
    /// The row's text alternative.
    pub fn describe(&self) -> String {
        let (lo, hi) = self.interval;
        format!(
            "{}: {} bits so far; interval [{}, {}]{}",
            self.name,
            self.bits,
            deg_to(lo, 10),
            deg_to(hi, 10),
            self.last
                .map(|b| format!(
                    "; last bit {}: midpoint {} of [{}, {}], kept the {} half",
                    u8::from(b.bit),
                    deg_to(b.mid, 10),
                    deg_to(b.lo, 10),
                    deg_to(b.hi, 10),
                    if b.bit { "upper" } else { "lower" }
                ))
                .unwrap_or_default()
        )
    }
}

/// x of `v` on a bar from `a` to `b` drawn `w` wide with `pad` on each side.
pub fn bar_x(v: f64, (a, b): (f64, f64), w: f64, pad: f64) -> f64 {
    pad + (v - a) / (b - a) * (w - 2.0 * pad)
}
