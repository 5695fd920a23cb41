//! `hot-keys`: load per shard without mitigation, with key splitting and with local caching,
//! batch by batch on the same requests; the hot keys detected by counting.

use super::pct;
use crate::hotkeys::{self, Config, Mitigation, Touch, shard_of};
use crate::text::proc_ids;
use crate::{Action, HotParams, Params, State};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use sdp_kit::stats::LoadStats;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Batches the requests are shown in.
pub const HOT_BATCHES: usize = 20;

/// What every step shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HotWorld {
    /// The parameters.
    pub params: HotParams,
    /// The hot key's shard, and its copies' shards when split.
    pub home: u32,
    /// The split copies' shards.
    pub copies: Vec<u32>,
    /// Keys detected by access counting (> 10 × the mean count): (key name, count).
    pub detected: Vec<(String, u64)>,
    /// Requests in all.
    pub total: u32,
}

/// A step of `hot-keys`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HotState {
    /// Shared by every step.
    pub world: Arc<HotWorld>,
    /// Requests done.
    pub done: u32,
    /// Requests reaching each shard so far, per mitigation in [`Mitigation::ALL`] order.
    pub loads: Vec<Vec<u64>>,
    /// Stale local reads so far (local caching).
    pub stale: u64,
}

fn metrics(loads: &[Vec<u64>], stale: u64) -> Vec<Metric> {
    let mut m = Vec::new();
    for (l, mit) in loads.iter().zip(Mitigation::ALL) {
        let s = LoadStats::of(l);
        m.push(Metric::new(
            &format!("peak / mean, {}", mit.name()),
            s.peak_to_mean(),
            format!("{:.2} (busiest shard {})", s.peak_to_mean(), s.max),
        ));
    }
    let total: u64 = loads[0].iter().sum();
    let local: u64 = loads[2].iter().sum();
    let saved = if total == 0 {
        0.0
    } else {
        1.0 - local as f64 / total as f64
    };
    m.push(Metric::new(
        "shard requests saved by local caching",
        saved,
        pct(saved),
    ));
    m.push(Metric::new(
        "stale local reads",
        stale as f64,
        stale.to_string(),
    ));
    m
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let p = &s.params.hot;
    let c = Config {
        shards: p.shards,
        keys: p.keys,
        skew: p.skew,
        requests: p.requests,
        hot_share: p.hot,
        split: p.split,
        clients: p.clients,
        local_ttl: u64::from(p.local_ttl),
        duration: u64::from(p.duration) * 1000,
        writes: p.writes,
    };
    let reqs = hotkeys::requests(&c, s.seed);
    let touches: Vec<Vec<Touch>> = Mitigation::ALL
        .iter()
        .map(|&m| hotkeys::run(m, &c, &reqs, s.seed))
        .collect();
    let copies: Vec<u32> = (0..p.split)
        .map(|j| shard_of(&format!("hot#{j}"), p.shards))
        .collect();
    let world = Arc::new(HotWorld {
        params: p.clone(),
        home: shard_of("hot", p.shards),
        copies,
        detected: hotkeys::detect(&reqs, 10.0)
            .into_iter()
            .map(|(k, n)| (hotkeys::name(k), n))
            .collect(),
        total: reqs.len() as u32,
    });
    let mut loads = vec![vec![0u64; p.shards as usize]; 3];
    let mut stale = 0u64;
    let mut steps = vec![Step {
        metrics: metrics(&loads, 0),
        state: State::HotKeys(HotState {
            world: Arc::clone(&world),
            done: 0,
            loads: loads.clone(),
            stale: 0,
        }),
        narration: format!(
            "{} shards; {} of {} requests go to one key, “hot”, on shard {}. Counting accesses finds it: {}.",
            p.shards,
            pct(p.hot),
            p.requests,
            world.home + 1,
            world
                .detected
                .iter()
                .map(|(k, n)| format!("{k} × {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        lines: LinesRun::new(proc_ids::HOT, &[0]),
    }];
    let batch = reqs.len().div_ceil(HOT_BATCHES).max(1);
    let mut i = 0;
    while i < reqs.len() {
        let end = (i + batch).min(reqs.len());
        for (lane, t) in touches.iter().enumerate() {
            for touch in &t[i..end] {
                for &sh in &touch.shards {
                    loads[lane][sh as usize] += 1;
                }
                if lane == 2 {
                    stale += u64::from(touch.stale);
                }
            }
        }
        let st: Vec<LoadStats> = loads.iter().map(|l| LoadStats::of(l)).collect();
        steps.push(Step {
            metrics: metrics(&loads, stale),
            state: State::HotKeys(HotState { world: Arc::clone(&world), done: end as u32, loads: loads.clone(), stale }),
            narration: format!(
                "{} of {} requests: busiest shard / mean load is {:.2} without mitigation, {:.2} split into {} copies, {:.2} with local caching ({} stale local reads).",
                end, reqs.len(), st[0].peak_to_mean(), st[1].peak_to_mean(), p.split, st[2].peak_to_mean(), stale
            ),
            lines: LinesRun::new(proc_ids::HOT, &[1, 2, 3]),
        });
        i = end;
    }
    Trace { steps }
}
