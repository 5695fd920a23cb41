//! What the view draws, computed natively: server positions on a ring, messages in flight
//! between them, election-timer fractions, and the detectors' time and φ scales.

use crate::detect::{Event, Kind, Verdict};
use crate::raft::{Packet, Server};
use std::fmt::Write;

/// Side of the Raft picture's square viewBox.
pub const RING_BOX: f64 = 320.0;
/// Radius of a server's circle.
pub const NODE_R: f64 = 26.0;

/// Server `i` of `n` on a ring, the first at the top, clockwise.
pub fn ring(n: usize) -> Vec<(f64, f64)> {
    let c = RING_BOX / 2.0;
    let r = c - NODE_R - 12.0;
    (0..n)
        .map(|i| {
            let a = std::f64::consts::TAU * i as f64 / n.max(1) as f64;
            (c + r * a.sin(), c - r * a.cos())
        })
        .collect()
}

/// Where a message in flight is at `now`: the fraction of its trip done, along the line from
/// its sender's centre to its receiver's.
pub fn packet_pos(p: &Packet, now: u64, pos: &[(f64, f64)]) -> Option<(f64, f64)> {
    let (a, b) = (pos.get(p.from)?, pos.get(p.to)?);
    let span = p.arrives.saturating_sub(p.sent).max(1) as f64;
    let f = (now.saturating_sub(p.sent) as f64 / span).clamp(0.0, 1.0);
    Some((a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f))
}

/// The fraction of a follower's election timeout still to run at `now` (1 = just reset).
pub fn timer_left(s: &Server, now: u64) -> f64 {
    if s.timeout == 0 {
        return 0.0;
    }
    (s.deadline.saturating_sub(now) as f64 / s.timeout as f64).clamp(0.0, 1.0)
}

/// An SVG arc path (the timer ring) around `(cx, cy)` covering `frac` of a turn from the top.
pub fn arc(cx: f64, cy: f64, r: f64, frac: f64) -> String {
    let f = frac.clamp(0.0, 0.9999);
    let a = std::f64::consts::TAU * f;
    let (x, y) = (cx + r * a.sin(), cy - r * a.cos());
    let large = u8::from(f > 0.5);
    format!(
        "M {cx:.1} {:.1} A {r:.1} {r:.1} 0 {large} 1 {x:.1} {y:.1}",
        cy - r
    )
}

/// Width of the detectors' timeline viewBox.
pub const TL_W: f64 = 600.0;
/// Left margin of the timeline.
pub const TL_LEFT: f64 = 34.0;

/// The x of time `t` ms on a timeline ending at `end` ms.
pub fn tx(t: u64, end: u64) -> f64 {
    TL_LEFT + t as f64 / end.max(1) as f64 * (TL_W - TL_LEFT - 6.0)
}

/// The φ curve up to `upto` ms as an SVG polyline's points, φ clamped at `ymax`, in a band of
/// height `h` whose top is `top`.
pub fn phi_points(
    curve: &[f64],
    res: u64,
    upto: u64,
    end: u64,
    ymax: f64,
    top: f64,
    h: f64,
) -> String {
    let mut out = String::new();
    for (k, &p) in curve.iter().enumerate() {
        let t = k as u64 * res;
        if t > upto {
            break;
        }
        let y = top + h - p.min(ymax) / ymax * h;
        if !out.is_empty() {
            out.push(' ');
        }
        let _ = write!(out, "{:.1},{y:.1}", tx(t, end));
    }
    out
}

/// The heartbeat detector's verdict as segments `(from, to, verdict)` up to `now`.
pub fn verdict_segments(events: &[Event], now: u64) -> Vec<(u64, u64, Verdict)> {
    let mut out = Vec::new();
    let (mut from, mut v) = (0, Verdict::Alive);
    for e in events {
        if let Kind::Verdict(nv) = e.kind {
            if e.t > from {
                out.push((from, e.t, v));
            }
            from = e.t;
            v = nv;
        }
    }
    if now >= from {
        out.push((from, now, v));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raft::Msg;

    #[test]
    fn the_ring_starts_at_the_top_and_stays_inside_the_box() {
        let r = ring(5);
        assert!((r[0].0 - RING_BOX / 2.0).abs() < 1e-9);
        assert!(r[0].1 < RING_BOX / 2.0);
        for (x, y) in r {
            assert!(
                x - NODE_R >= 0.0
                    && x + NODE_R <= RING_BOX
                    && y - NODE_R >= 0.0
                    && y + NODE_R <= RING_BOX
            );
        }
    }

    #[test]
    fn a_packet_moves_from_sender_to_receiver() {
        let pos = ring(3);
        let p = Packet {
            from: 0,
            to: 1,
            term: 1,
            msg: Msg::VoteReply { granted: true },
            sent: 100,
            arrives: 120,
        };
        assert_eq!(packet_pos(&p, 100, &pos), Some(pos[0]));
        assert_eq!(packet_pos(&p, 120, &pos), Some(pos[1]));
        let mid = packet_pos(&p, 110, &pos).unwrap();
        assert!((mid.0 - (pos[0].0 + pos[1].0) / 2.0).abs() < 1e-9);
        assert_eq!(packet_pos(&Packet { to: 9, ..p }, 110, &pos), None);
    }

    #[test]
    fn verdict_segments_cover_time_up_to_now() {
        let ev = |t, v| Event {
            t,
            kind: Kind::Verdict(v),
            last: 0,
            verdict: v,
            phi: 0.0,
            stats: (0.0, 0.0),
            up: true,
        };
        let segs = verdict_segments(
            &[ev(3000, Verdict::Suspect), ev(10_000, Verdict::Dead)],
            12_000,
        );
        assert_eq!(
            segs,
            vec![
                (0, 3000, Verdict::Alive),
                (3000, 10_000, Verdict::Suspect),
                (10_000, 12_000, Verdict::Dead)
            ]
        );
        assert_eq!(verdict_segments(&[], 50), vec![(0, 50, Verdict::Alive)]);
    }

    #[test]
    fn the_phi_band_is_clamped_and_stops_at_now() {
        let pts = phi_points(&[0.0, 5.0, 100.0, 1.0], 10, 20, 30, 10.0, 0.0, 50.0);
        assert_eq!(pts.split(' ').count(), 3);
        assert!(pts.ends_with(",0.0"), "{pts}");
        assert!(tx(0, 100) < tx(100, 100));
    }
}
