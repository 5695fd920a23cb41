//! `ttl`: one step per active-expiry cycle, the three variants side by side: keys present,
//! expired keys still holding memory, what the sampler and the reads deleted.

use super::pct;
use crate::expiry::{self, Config, Cycle, Variant};
use crate::text::proc_ids;
use crate::{Action, Params, State, TtlParams};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What every step shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TtlWorld {
    /// The parameters.
    pub params: TtlParams,
    /// Each variant's cycles, in [`Variant::ALL`] order.
    pub runs: Vec<Vec<Cycle>>,
    /// Most keys present at any cycle of any variant (the chart's scale).
    pub peak: u32,
}

/// A step of `ttl`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TtlState {
    /// Shared by every step.
    pub world: Arc<TtlWorld>,
    /// Cycles done (0: the start).
    pub cycle: usize,
}

fn metrics(w: &TtlWorld, v: usize, k: usize) -> Vec<Metric> {
    let Some(c) = k.checked_sub(1).and_then(|i| w.runs[v].get(i)) else {
        return vec![Metric::new(
            "keys present",
            f64::from(w.params.keys),
            w.params.keys.to_string(),
        )];
    };
    let sofar = &w.runs[v][..k];
    let active: u32 = sofar.iter().map(|c| c.active_deleted).sum();
    let lazy: u32 = sofar.iter().map(|c| c.lazy_deleted).sum();
    let served: u32 = sofar.iter().map(|c| c.expired_served).sum();
    let share = f64::from(c.expired_present) / f64::from(c.present.max(1));
    vec![
        Metric::new("variant narrated", 0.0, Variant::ALL[v].name()),
        Metric::new("keys present", f64::from(c.present), c.present.to_string()),
        Metric::new(
            "memory held by expired keys",
            f64::from(c.expired_present),
            format!("{} keys ({} of present)", c.expired_present, pct(share)),
        ),
        Metric::new(
            "this cycle",
            f64::from(c.rounds),
            format!(
                "{} round(s), {} sampled, {} deleted",
                c.rounds, c.sampled, c.active_deleted
            ),
        ),
        Metric::new(
            "deleted by the sampler",
            f64::from(active),
            active.to_string(),
        ),
        Metric::new("deleted by reads (lazy)", f64::from(lazy), lazy.to_string()),
        Metric::new(
            "expired values served",
            f64::from(served),
            served.to_string(),
        ),
    ]
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let p = &s.params.ttl;
    let cfg = Config {
        keys: p.keys,
        sets: p.sets,
        reads: p.reads,
        ttl_min: (p.ttl_min * 1000.0).round() as u64,
        ttl_max: (p.ttl_max * 1000.0).round() as u64,
        cycles: p.duration * p.hz,
        hz: p.hz,
        sample: p.sample,
        repeat: p.repeat,
    };
    let runs: Vec<Vec<Cycle>> = Variant::ALL
        .iter()
        .map(|&v| expiry::run(v, &cfg, s.seed))
        .collect();
    let peak = runs
        .iter()
        .flat_map(|r| r.iter().map(|c| c.present))
        .max()
        .unwrap_or(0)
        .max(p.keys);
    let world = Arc::new(TtlWorld {
        params: p.clone(),
        runs,
        peak,
    });
    let v = Variant::ALL
        .iter()
        .position(|&x| x == p.narrate)
        .unwrap_or(2);
    let mut steps = vec![Step {
        metrics: metrics(&world, v, 0),
        state: State::Ttl(TtlState {
            world: Arc::clone(&world),
            cycle: 0,
        }),
        narration: format!(
            "{} keys set at t = 0 with TTLs between {} s and {} s; {} more per second, {} reads per second. The sampler runs {} times a second.",
            p.keys, p.ttl_min, p.ttl_max, p.sets, p.reads, p.hz
        ),
        lines: LinesRun::new(proc_ids::TTL, &[0, 1]),
    }];
    for k in 1..=cfg.cycles as usize {
        let c = world.runs[v][k - 1];
        let narration = match Variant::ALL[v] {
            Variant::Lazy => format!(
                "t = {:.1} s: reads deleted {} expired key(s); with no sampler, {} expired keys hold memory.",
                c.t as f64 / 1000.0,
                c.lazy_deleted,
                c.expired_present
            ),
            _ => format!(
                "t = {:.1} s: the sampler ran {} round(s) of up to {} keys and deleted {}{}; {} expired keys remain.",
                c.t as f64 / 1000.0,
                c.rounds,
                p.sample,
                c.active_deleted,
                if c.rounds > 1 {
                    format!(" (it repeated while more than {} % were expired)", p.repeat)
                } else {
                    String::new()
                },
                c.expired_present
            ),
        };
        let lines: &[usize] = match (Variant::ALL[v], c.rounds > 1) {
            (Variant::Lazy, _) => &[0],
            (_, true) => &[1, 2, 3],
            (_, false) => &[1, 2],
        };
        steps.push(Step {
            metrics: metrics(&world, v, k),
            state: State::Ttl(TtlState {
                world: Arc::clone(&world),
                cycle: k,
            }),
            narration,
            lines: LinesRun::new(proc_ids::TTL, lines),
        });
    }
    Trace { steps }
}
