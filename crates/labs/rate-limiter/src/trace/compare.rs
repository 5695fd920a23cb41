//! `compare`: one arrival trace through every lane; one lane narrated request by request.

use super::secs;
use crate::algo::{Config, Decision, Detail, Lane, Outcome};
use crate::text::{proc_ids, procedure_of};
use crate::traffic::arrivals;
use crate::{Action, Params, State};
use sdp_kit::fmt::group;
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::sync::Arc;

/// One lane's decisions on every request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LaneRun {
    /// The lane.
    pub lane: Lane,
    /// One decision per request.
    pub decisions: Vec<Decision>,
    /// Requests admitted among the first `i` (`admitted[i]`, so `len + 1` entries).
    pub admitted: Vec<u32>,
    /// The most admitted in any window-long stretch up to each request.
    pub peak: Vec<u32>,
}

/// What every step of a `compare` trace shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompareWorld {
    /// The limiters' settings.
    pub config: Config,
    /// Unix time of t = 0.
    pub epoch: u64,
    /// Arrival times, ms, sorted.
    pub arrivals: Vec<u64>,
    /// The lanes, in display order.
    pub lanes: Vec<LaneRun>,
    /// Index of the narrated lane in `lanes`.
    pub narrated: usize,
    /// Requests on which the lanes disagree (admitted by some, not by others).
    pub differs: Vec<bool>,
}

impl CompareWorld {
    /// The narrated lane.
    pub fn narrated(&self) -> &LaneRun {
        &self.lanes[self.narrated.min(self.lanes.len() - 1)]
    }
}

/// A step of `compare`: the world, and the request just decided (`None` before the first).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompareState {
    /// Shared by every step.
    pub world: Arc<CompareWorld>,
    /// The request this step decides.
    pub at: Option<usize>,
}

/// Runs one lane over the arrivals.
pub fn run_lane(lane: Lane, config: &Config, arrivals: &[u64]) -> LaneRun {
    let mut limiter = lane.limiter(config);
    let decisions: Vec<Decision> = arrivals.iter().map(|&t| limiter.decide(t)).collect();
    let mut admitted = Vec::with_capacity(decisions.len() + 1);
    admitted.push(0);
    let mut peak = Vec::with_capacity(decisions.len());
    let mut recent: VecDeque<u64> = VecDeque::new();
    let mut best = 0;
    for (d, &t) in decisions.iter().zip(arrivals) {
        let n = admitted.last().copied().unwrap_or(0);
        admitted.push(n + u32::from(d.outcome.admitted()));
        if d.outcome.admitted() {
            recent.push_back(t);
        }
        while recent.front().is_some_and(|&s| s + config.window_ms <= t) {
            recent.pop_front();
        }
        best = best.max(recent.len() as u32);
        peak.push(best);
    }
    LaneRun {
        lane,
        decisions,
        admitted,
        peak,
    }
}

/// Every arrival: the traffic pattern's, then the hand-added requests, in time order.
pub fn all_arrivals(p: &Params, seed: u64, actions: &[Action]) -> Vec<u64> {
    let c = &p.compare;
    let mut out = arrivals(c.traffic, &c.shape(), seed);
    for a in actions {
        if let Action::Requests { at_ms, count } = a {
            out.extend(std::iter::repeat_n(*at_ms, *count as usize));
        }
    }
    out.sort_unstable();
    out
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let c = &s.params.compare;
    let config = c.config();
    let arrivals = all_arrivals(&s.params, s.seed, &s.actions);
    let lanes: Vec<LaneRun> = c
        .lanes
        .iter()
        .map(|&l| run_lane(l, &config, &arrivals))
        .collect();
    let narrated = c.lanes.iter().position(|&l| l == c.narrate).unwrap_or(0);
    let differs = (0..arrivals.len())
        .map(|i| {
            let mut it = lanes.iter().map(|r| r.decisions[i].outcome.admitted());
            let first = it.next();
            it.any(|a| Some(a) != first)
        })
        .collect();
    let world = Arc::new(CompareWorld {
        config,
        epoch: c.epoch,
        arrivals,
        lanes,
        narrated,
        differs,
    });
    let lane = c.narrate;
    let mut steps = vec![Step {
        state: State::Compare(CompareState {
            world: Arc::clone(&world),
            at: None,
        }),
        narration: intro(&world),
        lines: LinesRun::new(procedure_of(lane), &[0]),
        metrics: metrics(&world, None),
    }];
    let mut disagreements = 0;
    for i in 0..world.arrivals.len() {
        disagreements += usize::from(world.differs[i]);
        let run = world.narrated();
        let d = &run.decisions[i];
        let mut m = metrics(&world, Some(i));
        m.push(Metric::new(
            "requests where lanes disagree",
            disagreements as f64,
            group(disagreements as u64),
        ));
        steps.push(Step {
            state: State::Compare(CompareState {
                world: Arc::clone(&world),
                at: Some(i),
            }),
            narration: narrate(lane, &config, i, world.arrivals[i], d),
            lines: LinesRun::new(procedure_of(lane), &lines_of(lane, d)),
            metrics: m,
        });
    }
    Trace { steps }
}

fn intro(w: &CompareWorld) -> String {
    let c = &w.config;
    format!(
        "{} requests go through {} limiters. Window limiters allow {} per {} s; buckets hold {} \
         and refill or leak {} per second. Each step decides one request in every lane; the \
         narrated lane is “{}”.",
        group(w.arrivals.len() as u64),
        w.lanes.len(),
        group(u64::from(c.limit)),
        c.window_ms / 1000,
        group(u64::from(c.capacity)),
        c.rate,
        w.narrated().lane.title()
    )
}

fn metrics(w: &CompareWorld, at: Option<usize>) -> Vec<Metric> {
    let run = w.narrated();
    let done = at.map_or(0, |i| i + 1);
    let admitted = run.admitted[done];
    let rejected = done as u32 - admitted;
    let peak = at.map_or(0, |i| run.peak[i]);
    let held = at.map_or(0, |i| run.decisions[i].held);
    let mut out = vec![
        Metric::new("requests so far", done as f64, group(done as u64)),
        Metric::new("admitted", f64::from(admitted), group(u64::from(admitted))),
        Metric::new("rejected", f64::from(rejected), group(u64::from(rejected))),
        Metric::new(
            "most admitted in one window",
            f64::from(peak),
            format!(
                "{} (limit {})",
                group(u64::from(peak)),
                group(u64::from(w.config.limit))
            ),
        ),
        Metric::new(
            "numbers held for this key",
            f64::from(held),
            group(u64::from(held)),
        ),
    ];
    if run.lane == Lane::LeakyQueue {
        let wait = run.decisions[..done]
            .iter()
            .filter_map(|d| match d.outcome {
                Outcome::Queued { wait_ms } => Some(wait_ms),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        out.push(Metric::new("longest wait", wait as f64, secs(wait)));
    }
    out
}

fn verdict(d: &Decision) -> String {
    match d.outcome {
        Outcome::Allowed => "allowed".into(),
        Outcome::Queued { wait_ms: 0 } => "admitted and processed at once".into(),
        Outcome::Queued { wait_ms } => format!("queued, processed after {}", secs(wait_ms)),
        Outcome::Rejected => "rejected (429)".into(),
        Outcome::Error => "an error (500)".into(),
    }
}

fn num(x: f64) -> String {
    let s = format!("{x:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// One sentence on the narrated lane's decision.
fn narrate(lane: Lane, c: &Config, i: usize, t: u64, d: &Decision) -> String {
    let head = format!("Request {} at {}: ", group(i as u64 + 1), secs(t));
    let body = match &d.detail {
        Detail::Token {
            elapsed_ms,
            before,
            added,
            refilled,
        } => format!(
            "{} since the last refill adds {} tokens ({} → {}, at most {}); {} {} 1, so it is {}. \
             Remaining {}.",
            secs(*elapsed_ms),
            num(*added),
            num(*before),
            num(*refilled),
            c.capacity,
            num(*refilled),
            if *refilled >= 1.0 { "≥" } else { "<" },
            verdict(d),
            d.remaining
        ),
        Detail::Leak {
            elapsed_ms,
            leaks,
            popped,
            before,
            last_leak_ms,
        } => format!(
            "{} since last_leak gives int(elapsed × rate) = {leaks} leaks; {popped} of {before} \
             queued leave; last_leak is now {} ms{}. The queue holds {} of {}: {}.",
            secs(*elapsed_ms),
            num(*last_leak_ms),
            if lane == Lane::LeakyDoc && *leaks == 0 && *elapsed_ms > 0 {
                " (as written: the time since the last leak is thrown away)"
            } else {
                ""
            },
            d.level,
            c.capacity,
            verdict(d)
        ),
        Detail::Queue { waiting, .. } => format!(
            "{waiting} requests are waiting (room for {}): {}.",
            c.capacity,
            verdict(d)
        ),
        Detail::Window {
            start_ms,
            opened,
            before,
        } => format!(
            "{}the window from {} has counted {before} of {}: {}.",
            if *opened { "a new window opens; " } else { "" },
            secs(*start_ms),
            c.limit,
            verdict(d)
        ),
        Detail::Redis { key, count } => format!(
            "INCR key:{key} returns {count}; {count} {} {}, so it is {}.",
            if *count <= c.limit { "≤" } else { ">" },
            c.limit,
            verdict(d)
        ),
        Detail::Log {
            cutoff_ms,
            removed,
            count,
            added,
        } => format!(
            "cutoff {} drops {removed} old entries; {count} remain of {}: {}{}.",
            if *cutoff_ms < 0 {
                "before t = 0".to_string()
            } else {
                secs(*cutoff_ms as u64)
            },
            c.limit,
            verdict(d),
            if !*added && d.outcome != Outcome::Rejected {
                "; ZADD found the member already there, so the set did not grow"
            } else {
                ""
            }
        ),
        Detail::Sliding {
            prev,
            cur,
            weight,
            estimate,
        } => format!(
            "estimate = {cur} + {prev} × {} = {}; {} {} {}, so it is {}.",
            num(*weight),
            num(*estimate),
            num(*estimate),
            if *estimate < f64::from(c.limit) {
                "<"
            } else {
                "≥"
            },
            c.limit,
            verdict(d)
        ),
    };
    format!("{head}{} — {body}", lane.title())
}

/// The procedure lines a decision ran.
fn lines_of(lane: Lane, d: &Decision) -> Vec<usize> {
    let admitted = d.outcome.admitted();
    match procedure_of(lane) {
        proc_ids::TOKEN => {
            if admitted {
                vec![1, 2, 3, 4, 6]
            } else {
                vec![1, 2, 3, 5, 6]
            }
        }
        proc_ids::LEAKY => {
            let mut v = vec![3, 4, 5, 6];
            v.push(if admitted { 1 } else { 2 });
            v
        }
        proc_ids::QUEUE => {
            if admitted {
                vec![0, 1, 2]
            } else {
                vec![0, 3]
            }
        }
        proc_ids::FIXED => match &d.detail {
            Detail::Window { opened: true, .. } => vec![0, 1, if admitted { 2 } else { 3 }],
            _ => vec![0, if admitted { 2 } else { 3 }],
        },
        proc_ids::REDIS => vec![0, 1, 2, 3],
        proc_ids::LOG => vec![0, 1, if admitted { 2 } else { 3 }],
        proc_ids::ZSET => {
            if matches!(d.outcome, Outcome::Rejected) {
                vec![0, 1, 2, 7]
            } else {
                vec![0, 1, 2, 3, 4, 5, 6]
            }
        }
        _ => vec![0, 1, 2, if admitted { 3 } else { 4 }],
    }
}
