//! `detectors`: one step per heartbeat arrival, checker run, verdict change and φ crossing,
//! then a summary of false suspicions and detection delays.

use crate::detect::{self, Config, Event, Kind, Model, Run, Tally, Verdict};
use crate::text::proc_ids;
use crate::{Action, DetParams, Params, State};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What every step of a detectors run shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DetWorld {
    /// The parameters.
    pub params: DetParams,
    /// The detectors' setup.
    pub config: Config,
    /// The run.
    pub run: Run,
    /// Counts over the whole run.
    pub tally: Tally,
}

/// A step of a detectors run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DetState {
    /// Shared by every step.
    pub world: Arc<DetWorld>,
    /// Events shown (a prefix of `run.events`).
    pub upto: usize,
    /// True for the closing step.
    pub summary: bool,
}

impl DetState {
    /// The events up to this step.
    pub fn events(&self) -> &[Event] {
        let e = &self.world.run.events;
        &e[..self.upto.min(e.len())]
    }

    /// The instant shown, ms.
    pub fn now(&self) -> u64 {
        if self.summary {
            return self.world.config.horizon;
        }
        self.events().last().map_or(0, |e| e.t)
    }
}

/// Seconds with up to three decimals ("20.5 s").
pub fn secs(ms: u64) -> String {
    let s = format!("{}.{:03}", ms / 1000, ms % 1000);
    format!("{} s", s.trim_end_matches('0').trim_end_matches('.'))
}

fn verdict_word(v: Verdict) -> &'static str {
    match v {
        Verdict::Alive => "ALIVE",
        Verdict::Suspect => "SUSPECT",
        Verdict::Dead => "DEAD",
    }
}

/// One event in words.
pub fn event_text(w: &DetWorld, e: &Event) -> String {
    let c = &w.config;
    let at = secs(e.t);
    let falsely = if e.up {
        " (a false suspicion: the node is up)"
    } else {
        ""
    };
    match e.kind {
        Kind::Arrival(k, d) => {
            let sent = w.run.beats.get(k).map_or(0, |b| b.sent);
            let stats = if e.stats.0 > 0.0 {
                format!(
                    "; the window's μ = {:.1} ms, σ = {:.1} ms",
                    e.stats.0, e.stats.1
                )
            } else {
                String::new()
            };
            format!(
                "t = {at}: heartbeat #{} (sent at {}) arrives after {d} ms; the silence restarts{stats}",
                k + 1,
                secs(sent)
            )
        }
        Kind::Crash => format!(
            "t = {at}: the node crashes; no more heartbeats (the last arrived at {})",
            secs(e.last)
        ),
        Kind::Check(s) => format!(
            "t = {at}: the checker runs: {} since the last heartbeat",
            secs(s)
        ),
        Kind::Verdict(Verdict::Alive) => format!("t = {at}: a heartbeat arrived: ALIVE again"),
        Kind::Verdict(Verdict::Suspect) => format!(
            "t = {at}: {} heartbeats missed ({} of silence since {}): SUSPECT{falsely}",
            c.missed,
            secs(e.t - e.last),
            secs(e.last)
        ),
        Kind::Verdict(Verdict::Dead) => format!(
            "t = {at}: {} without a heartbeat (≥ {}): DEAD{falsely}",
            secs(e.t - e.last),
            secs(c.dead)
        ),
        Kind::Phi(true) => format!(
            "t = {at}: φ = {:.3} reaches the threshold {} after {} of silence: phi suspects{falsely}",
            e.phi,
            c.threshold,
            secs(e.t - e.last)
        ),
        Kind::Phi(false) => {
            format!("t = {at}: the heartbeat brings φ back to 0 below the threshold")
        }
    }
}

fn lines(e: &Event) -> LinesRun {
    match e.kind {
        Kind::Arrival(..) | Kind::Crash => LinesRun::new(proc_ids::HEARTBEAT, &[0]),
        Kind::Check(_) => LinesRun::new(proc_ids::HEARTBEAT, &[3]),
        Kind::Verdict(Verdict::Alive) => LinesRun::new(proc_ids::HEARTBEAT, &[4]),
        Kind::Verdict(Verdict::Suspect) => LinesRun::new(proc_ids::HEARTBEAT, &[1]),
        Kind::Verdict(Verdict::Dead) => LinesRun::new(proc_ids::HEARTBEAT, &[2]),
        Kind::Phi(_) => LinesRun::new(proc_ids::PHI, &[3, 4]),
    }
}

fn metrics(w: &DetWorld, events: &[Event], now: u64) -> Vec<Metric> {
    let last = events.last();
    let t = detect::tally(&w.config, events);
    let v = last.map_or(Verdict::Alive, |e| e.verdict);
    let phi = last.map_or(0.0, |e| e.phi);
    let (mu, sd) = last.map_or((0.0, 0.0), |e| e.stats);
    let opt = |o: Option<u64>| o.map_or("—".to_string(), secs);
    vec![
        Metric::new("time", now as f64, secs(now)),
        Metric::new(
            "silence",
            last.map_or(0, |e| e.t - e.last) as f64,
            secs(last.map_or(0, |e| e.t - e.last)),
        ),
        Metric::new("heartbeat verdict", f64::from(v as u8), verdict_word(v)),
        Metric::new("φ", phi, format!("{phi:.3}")),
        Metric::new("window μ, σ", mu, format!("{mu:.1} ms, {sd:.1} ms")),
        Metric::new(
            "false suspicions (heartbeat)",
            f64::from(t.false_suspect),
            t.false_suspect.to_string(),
        ),
        Metric::new(
            "false suspicions (φ)",
            f64::from(t.false_phi),
            t.false_phi.to_string(),
        ),
        Metric::new(
            "crash → DEAD",
            t.dead_after.unwrap_or(0) as f64,
            opt(t.dead_after),
        ),
        Metric::new(
            "crash → φ suspects",
            t.phi_after.unwrap_or(0) as f64,
            opt(t.phi_after),
        ),
    ]
}

fn opening(w: &DetWorld) -> String {
    let c = &w.config;
    let hb = if c.check == 0 {
        format!(
            "SUSPECT after {} missed ({}), DEAD after {} of silence, judged continuously",
            c.missed,
            secs(u64::from(c.missed) * c.interval),
            secs(c.dead)
        )
    } else {
        format!(
            "the checker runs every {} and marks DEAD after {} without a heartbeat{}",
            secs(c.check),
            secs(c.dead),
            if c.missed > 0 {
                format!(" (SUSPECT after {} missed)", c.missed)
            } else {
                String::new()
            }
        )
    };
    let phi = match c.model {
        Model::Normal => format!(
            "φ from a normal fit over the last {} intervals (σ ≥ {} ms); with μ = 1000, σ = 100: φ(1 s) = {:.3}, φ(1.2 s) = {:.3}, φ(1.5 s) = {:.3}, φ(2 s) = {:.2}",
            c.window,
            c.min_sd,
            detect::phi_normal(1000.0, 1000.0, 100.0),
            detect::phi_normal(1200.0, 1000.0, 100.0),
            detect::phi_normal(1500.0, 1000.0, 100.0),
            detect::phi_normal(2000.0, 1000.0, 100.0)
        ),
        Model::Exp => format!(
            "φ = (t/μ)·log10 e over the last {} intervals; with μ = 1 s: φ(1 s) = {:.3}, φ(10 s) = {:.3}, φ(20 s) = {:.3}",
            c.window,
            detect::phi_exp(1000.0, 1000.0),
            detect::phi_exp(10_000.0, 1000.0),
            detect::phi_exp(20_000.0, 1000.0)
        ),
    };
    format!(
        "A node sends a heartbeat every {}; each takes {} ms plus up to {} ms of jitter, {} % are lost. The node {}. Heartbeat detector: {hb}. Phi-accrual: {phi}; it suspects at φ ≥ {}.",
        secs(c.interval),
        c.delay,
        c.jitter,
        c.loss,
        if c.crash == 0 {
            "never crashes".to_string()
        } else {
            format!("crashes at {}", secs(c.crash))
        },
        c.threshold
    )
}

fn summary(w: &DetWorld) -> String {
    let t = w.tally;
    let opt = |o: Option<u64>, what: &str| {
        o.map_or(format!("never {what}"), |d| {
            format!("{what} {} after the crash", secs(d))
        })
    };
    let crash = if w.config.crash == 0 {
        "The node never crashed.".to_string()
    } else {
        format!(
            "After the crash the heartbeat detector {} and {}; φ {}.",
            opt(t.suspect_after, "suspected"),
            opt(t.dead_after, "declared it DEAD"),
            opt(t.phi_after, "suspected")
        )
    };
    format!(
        "{crash} While the node was up: {} false suspicion(s) by the heartbeat detector, {} by φ (over {} heartbeats, {} lost). A false suspicion {}.",
        t.false_suspect,
        t.false_phi,
        w.run.beats.len(),
        w.run.beats.iter().filter(|b| b.arrived.is_none()).count(),
        if t.false_suspect + t.false_phi == 0 {
            "needs jitter or loss (try the jittery preset)"
        } else {
            "is a late or lost heartbeat taken for a crash"
        }
    )
}

pub(super) fn build(sc: &Scenario<Params, Action>) -> Trace<State> {
    let config = sc.params.det.config(sc.seed);
    let run = detect::run(&config);
    let tally = detect::tally(&config, &run.events);
    let w = Arc::new(DetWorld {
        params: sc.params.det.clone(),
        config,
        run,
        tally,
    });
    let state = |upto, summary| {
        State::Detectors(DetState {
            world: Arc::clone(&w),
            upto,
            summary,
        })
    };
    let mut steps = vec![Step {
        state: state(0, false),
        narration: opening(&w),
        lines: LinesRun::new(proc_ids::HEARTBEAT, &[0]),
        metrics: metrics(&w, &[], 0),
    }];
    for (i, e) in w.run.events.iter().enumerate() {
        steps.push(Step {
            state: state(i + 1, false),
            narration: format!("{}.", event_text(&w, e)),
            lines: lines(e),
            metrics: metrics(&w, &w.run.events[..=i], e.t),
        });
    }
    let n = w.run.events.len();
    steps.push(Step {
        state: state(n, true),
        narration: summary(&w),
        lines: LinesRun::new(proc_ids::PHI, &[4]),
        metrics: metrics(&w, &w.run.events, w.config.horizon),
    });
    Trace { steps }
}
