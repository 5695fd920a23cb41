//! Failure detectors on one heartbeat trace: the heartbeat detector (ALIVE → SUSPECT after
//! missed heartbeats → DEAD after a timeout, checked continuously or every check period; M9.5)
//! and the phi-accrual detector over a sliding window of inter-arrival times (M9.6).
//! Logarithms and exponentials come from the kit's detmath, so the numbers are the same bytes
//! natively and in WebAssembly.

use rand::RngExt;
use sdp_kit::detmath;
use serde::{Deserialize, Serialize};

/// log10(e).
pub const LOG10_E: f64 = std::f64::consts::LOG10_E;

/// The phi model.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Model {
    /// Normal(μ, σ) fitted over the window (Hayashibara).
    #[default]
    Normal,
    /// Exponential with mean μ (Cassandra): φ = (t/μ)·log10 e.
    Exp,
}

/// The detectors' setup.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Config {
    /// Heartbeat interval, ms.
    pub interval: u64,
    /// SUSPECT after this many intervals without a heartbeat (0: no SUSPECT state).
    pub missed: u32,
    /// DEAD after this long without a heartbeat, ms.
    pub dead: u64,
    /// The checker runs every this many ms (0: continuously).
    pub check: u64,
    /// Network delay, ms.
    pub delay: u64,
    /// Up to this many ms added to each delay (seeded).
    pub jitter: u64,
    /// Heartbeats lost, percent (seeded).
    pub loss: u32,
    /// The node crashes at this ms (0: never).
    pub crash: u64,
    /// Last ms simulated.
    pub horizon: u64,
    /// Phi: inter-arrival intervals kept.
    pub window: usize,
    /// Phi: suspect at or above this φ.
    pub threshold: f64,
    /// Phi: σ never below this, ms.
    pub min_sd: f64,
    /// Phi model.
    pub model: Model,
    /// Seed of the jitter and loss.
    pub seed: u64,
}

/// The heartbeat detector's verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// Heartbeats are arriving.
    Alive,
    /// Some heartbeats missed.
    Suspect,
    /// Declared dead.
    Dead,
}

/// One heartbeat.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Beat {
    /// Sent at, ms.
    pub sent: u64,
    /// Arrived at, ms (`None`: lost).
    pub arrived: Option<u64>,
}

/// Something the monitor saw or decided.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Kind {
    /// Heartbeat `k` arrived (after this delay, ms).
    Arrival(usize, u64),
    /// The node crashed.
    Crash,
    /// The checker ran and found this silence, ms.
    Check(u64),
    /// The heartbeat detector changed its verdict.
    Verdict(Verdict),
    /// φ reached the threshold (true) or fell below it on an arrival (false).
    Phi(bool),
}

/// An event at a time.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// When, ms.
    pub t: u64,
    /// What.
    pub kind: Kind,
    /// Last arrival at or before `t`, ms.
    pub last: u64,
    /// The heartbeat verdict after the event.
    pub verdict: Verdict,
    /// φ at `t` (after the event).
    pub phi: f64,
    /// Window mean and σ (after the floor) at `t`, ms (0 before two arrivals).
    pub stats: (f64, f64),
    /// True when the node was alive at `t`.
    pub up: bool,
}

/// The run: heartbeats, events in time order, and φ sampled for the curve.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Run {
    /// Every heartbeat sent.
    pub beats: Vec<Beat>,
    /// Events in time order.
    pub events: Vec<Event>,
    /// φ every `res` ms from 0.
    pub curve: Vec<f64>,
    /// Curve resolution, ms.
    pub res: u64,
}

/// ln of the complementary error function, for x ≥ 0 (Chebyshev fit, relative error < 1.2e-7,
/// written as t·exp(…) so the tail never underflows).
fn ln_erfc_pos(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.5 * x);
    let poly = -1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    detmath::ln(t) - x * x + poly
}

/// φ after `t` ms of silence under the normal model: −log10 P(interval > t).
pub fn phi_normal(t: f64, mean: f64, sd: f64) -> f64 {
    let x = (t - mean) / (sd * std::f64::consts::SQRT_2);
    let ln_p = if x >= 0.0 {
        detmath::ln(0.5) + ln_erfc_pos(x)
    } else {
        detmath::ln(1.0 - 0.5 * detmath::exp(ln_erfc_pos(-x)))
    };
    (-ln_p * LOG10_E).max(0.0)
}

/// φ after `t` ms of silence under the exponential model: (t/μ)·log10 e.
pub fn phi_exp(t: f64, mean: f64) -> f64 {
    if mean <= 0.0 { 0.0 } else { t / mean * LOG10_E }
}

/// Mean and σ (at least `min_sd`) of the last `window` intervals.
pub fn window_stats(intervals: &[u64], window: usize, min_sd: f64) -> Option<(f64, f64)> {
    let w = &intervals[intervals.len().saturating_sub(window)..];
    if w.is_empty() {
        return None;
    }
    let n = w.len() as f64;
    let mean = w.iter().map(|&v| v as f64).sum::<f64>() / n;
    let var = w.iter().map(|&v| (v as f64 - mean).powi(2)).sum::<f64>() / n;
    Some((mean, var.sqrt().max(min_sd)))
}

fn phi_of(cfg: &Config, stats: Option<(f64, f64)>, silence: u64) -> f64 {
    match stats {
        None => 0.0,
        Some((m, sd)) => match cfg.model {
            Model::Normal => phi_normal(silence as f64, m, sd),
            Model::Exp => phi_exp(silence as f64, m),
        },
    }
}

/// The heartbeats sent and when they arrive (seeded jitter and loss).
pub fn beats(cfg: &Config) -> Vec<Beat> {
    let mut rng = sdp_kit::rng::seeded(cfg.seed);
    let mut out = Vec::new();
    let mut t = 0;
    while t <= cfg.horizon && (cfg.crash == 0 || t < cfg.crash) {
        let j = rng.random_range(0..=cfg.jitter);
        let lost = rng.random_range(0..100) < cfg.loss;
        out.push(Beat {
            sent: t,
            arrived: (!lost).then_some(t + cfg.delay + j),
        });
        t += cfg.interval.max(1);
    }
    out
}

/// The heartbeat verdict after `silence` ms.
pub fn verdict(cfg: &Config, silence: u64) -> Verdict {
    if silence >= cfg.dead {
        Verdict::Dead
    } else if cfg.missed > 0 && silence >= u64::from(cfg.missed) * cfg.interval {
        Verdict::Suspect
    } else {
        Verdict::Alive
    }
}

/// Runs both detectors on one trace of heartbeats.
pub fn run(cfg: &Config) -> Run {
    let beats = beats(cfg);
    let mut arrivals: Vec<(u64, usize)> = beats
        .iter()
        .enumerate()
        .filter_map(|(k, b)| b.arrived.map(|a| (a, k)))
        .filter(|a| a.0 <= cfg.horizon)
        .collect();
    arrivals.sort_unstable();
    let up = |t: u64| cfg.crash == 0 || t < cfg.crash;
    let mut events = Vec::new();
    let mut last = 0u64;
    let mut intervals: Vec<u64> = Vec::new();
    let mut seen = false;
    let mut v = Verdict::Alive;
    let mut above = false;
    let mut stats = None;
    // Candidate instants between arrivals: suspect/dead deadlines or checks, the crash, φ crossing.
    let mut ai = 0;
    let mut t = 0u64;
    let mut crashed = false;
    let mut started = false;
    loop {
        let next_arrival = arrivals.get(ai).map(|a| a.0);
        let deadline = if let Some(q) = t.checked_div(cfg.check) {
            Some((q + 1) * cfg.check)
        } else {
            let s = (cfg.missed > 0 && v == Verdict::Alive)
                .then_some(last + u64::from(cfg.missed) * cfg.interval);
            let d = (v != Verdict::Dead).then_some(last + cfg.dead);
            s.into_iter().chain(d).min()
        };
        let crash = (cfg.crash > 0 && !crashed).then_some(cfg.crash);
        let phi_cross = if !above && stats.is_some() {
            let hi = next_arrival.unwrap_or(cfg.horizon).min(cfg.horizon);
            crossing(cfg, stats, last, t.max(last) + 1, hi)
        } else {
            None
        };
        let Some(nt) = [next_arrival, deadline, crash, phi_cross]
            .into_iter()
            .flatten()
            .filter(|&c| !started || c > t)
            .min()
        else {
            break;
        };
        started = true;
        if nt > cfg.horizon {
            break;
        }
        t = nt;
        let mut push = |kind: Kind, last: u64, v: Verdict, stats: Option<(f64, f64)>, phi: f64| {
            events.push(Event {
                t,
                kind,
                last,
                verdict: v,
                phi,
                stats: stats.unwrap_or((0.0, 0.0)),
                up: up(t),
            });
        };
        if crash == Some(t) {
            crashed = true;
            push(Kind::Crash, last, v, stats, phi_of(cfg, stats, t - last));
        }
        while let Some(&(a, k)) = arrivals.get(ai) {
            if a != t {
                break;
            }
            ai += 1;
            if seen {
                intervals.push(a - last);
            }
            seen = true;
            last = a;
            stats = window_stats(&intervals, cfg.window, cfg.min_sd);
            let delay = a - beats[k].sent;
            let nv = if cfg.check == 0 { Verdict::Alive } else { v };
            push(Kind::Arrival(k, delay), last, nv, stats, 0.0);
            if nv != v {
                v = nv;
                push(Kind::Verdict(v), last, v, stats, 0.0);
            }
            if above {
                above = false;
                push(Kind::Phi(false), last, v, stats, 0.0);
            }
        }
        let phi = phi_of(cfg, stats, t - last);
        if cfg.check == 0 {
            let nv = verdict(cfg, t - last);
            if nv != v {
                v = nv;
                push(Kind::Verdict(v), last, v, stats, phi);
            }
        } else if t > 0 && t % cfg.check == 0 {
            push(Kind::Check(t - last), last, v, stats, phi);
            let nv = verdict(cfg, t - last);
            if nv != v {
                v = nv;
                push(Kind::Verdict(v), last, v, stats, phi);
            }
        }
        if !above && stats.is_some() && phi >= cfg.threshold {
            above = true;
            push(Kind::Phi(true), last, v, stats, phi);
        }
    }
    let res = (cfg.horizon / 1200).max(1);
    let curve = curve(cfg, &arrivals, res);
    Run {
        beats,
        events,
        curve,
        res,
    }
}

/// The first ms in `lo..=hi` where φ reaches the threshold (φ grows with the silence).
fn crossing(cfg: &Config, stats: Option<(f64, f64)>, last: u64, lo: u64, hi: u64) -> Option<u64> {
    let ok = |t: u64| phi_of(cfg, stats, t - last) >= cfg.threshold;
    if lo > hi || !ok(hi) {
        return None;
    }
    let (mut a, mut b) = (lo, hi);
    while a < b {
        let m = a + (b - a) / 2;
        if ok(m) { b = m } else { a = m + 1 }
    }
    Some(a)
}

fn curve(cfg: &Config, arrivals: &[(u64, usize)], res: u64) -> Vec<f64> {
    let mut out = Vec::new();
    let mut ai = 0;
    let mut last = 0;
    let mut seen = false;
    let mut intervals = Vec::new();
    let mut stats = None;
    let mut t = 0;
    while t <= cfg.horizon {
        while let Some(&(a, _)) = arrivals.get(ai) {
            if a > t {
                break;
            }
            if seen {
                intervals.push(a - last);
            }
            seen = true;
            last = a;
            ai += 1;
            stats = window_stats(&intervals, cfg.window, cfg.min_sd);
        }
        let p = phi_of(cfg, stats, t - last);
        out.push((p * 1000.0).round() / 1000.0);
        t += res;
    }
    out
}

/// Counts over a run: false suspicions (SUSPECT or DEAD while the node was up), φ false
/// crossings, and the detection delays after the crash, ms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// Heartbeat detector: SUSPECT or DEAD verdicts while the node was up.
    pub false_suspect: u32,
    /// φ crossings while the node was up.
    pub false_phi: u32,
    /// Crash → DEAD, ms.
    pub dead_after: Option<u64>,
    /// Crash → SUSPECT, ms.
    pub suspect_after: Option<u64>,
    /// Crash → φ crossing, ms.
    pub phi_after: Option<u64>,
}

/// The tally of events up to (and including) `upto`.
pub fn tally(cfg: &Config, events: &[Event]) -> Tally {
    let mut t = Tally::default();
    for e in events {
        match e.kind {
            Kind::Verdict(v @ (Verdict::Suspect | Verdict::Dead)) => {
                if e.up {
                    t.false_suspect += 1;
                } else if v == Verdict::Dead {
                    t.dead_after.get_or_insert(e.t - cfg.crash);
                } else {
                    t.suspect_after.get_or_insert(e.t - cfg.crash);
                }
            }
            Kind::Phi(true) => {
                if e.up {
                    t.false_phi += 1;
                } else {
                    t.phi_after.get_or_insert(e.t - cfg.crash);
                }
            }
            _ => {}
        }
    }
    t
}
