//! `eviction`: every policy on the same access trace, one step per detailed access, the LRU
//! list and LFU buckets as they change, then hit rate against capacity with Belady's ceiling.

use super::{HIT_MS, MISS_MS, pct, rate_metrics, two_level_quantile};
use crate::policy::{self, Cache, Entry, Policy, Setup};
use crate::text::proc_ids;
use crate::workload::{Shape, generate};
use crate::{Action, EvictParams, Params, State};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Most resident keys listed per lane.
pub const SHOWN: usize = 24;

/// One point of the hit-rate curve.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SweepPoint {
    /// Capacity.
    pub capacity: u32,
    /// Hits of each policy, in [`Policy::ALL`] order.
    pub hits: Vec<u64>,
}

/// What every step shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvictWorld {
    /// The parameters.
    pub params: EvictParams,
    /// Key names.
    pub names: Vec<String>,
    /// Accesses in all.
    pub length: u64,
    /// Hits against capacity, for every policy.
    pub sweep: Vec<SweepPoint>,
}

/// One policy's cache after a step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lane {
    /// The policy.
    pub policy: Policy,
    /// This step's access: a hit?
    pub hit: Option<bool>,
    /// This step's eviction.
    pub evicted: Option<u32>,
    /// Resident keys, next victim first (at most [`SHOWN`]).
    pub entries: Vec<Entry>,
    /// Keys resident.
    pub len: u32,
    /// Hits so far.
    pub hits: u64,
    /// Evictions so far.
    pub evictions: u64,
}

/// What a step shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EvictPhase {
    /// Before the first access.
    Start,
    /// One access.
    Access,
    /// Many accesses at once.
    Rest,
    /// Hit rate against capacity.
    Sweep,
}

/// A step of `eviction`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvictState {
    /// Shared by every step.
    pub world: Arc<EvictWorld>,
    /// Accesses done.
    pub done: u64,
    /// This step's key, if one access.
    pub key: Option<u32>,
    /// Every policy, in [`Policy::ALL`] order.
    pub lanes: Vec<Lane>,
    /// What the step shows.
    pub phase: EvictPhase,
}

/// Capacities of the hit-rate curve for `universe` keys: about eight from 1 to all, and the
/// chosen one.
///
/// ```
/// assert_eq!(sdp_lab_caching::trace::sweep_capacities(4, 2), vec![1, 2, 3, 4]);
/// ```
pub fn sweep_capacities(universe: u32, chosen: u32) -> Vec<u32> {
    let u = universe.max(1);
    let mut caps: Vec<u32> = (0..=7)
        .map(|j| sdp_kit::detmath::pow(f64::from(u), f64::from(j) / 7.0).round() as u32)
        .map(|c| c.clamp(1, u))
        .collect();
    caps.push(chosen.clamp(1, u.max(chosen)));
    if u <= 8 {
        caps.extend(1..=u);
    }
    caps.sort_unstable();
    caps.dedup();
    caps
}

fn lane(
    policy: Policy,
    cache: &dyn Cache,
    out: Option<policy::Outcome>,
    hits: u64,
    ev: u64,
) -> Lane {
    Lane {
        policy,
        hit: out.map(|o| o.hit),
        evicted: out.and_then(|o| o.evicted),
        entries: cache.entries(SHOWN),
        len: cache.len() as u32,
        hits,
        evictions: ev,
    }
}

fn names_of(entries: &[Entry], names: &[String]) -> String {
    let list: Vec<&str> = entries
        .iter()
        .map(|e| names.get(e.key as usize).map_or("?", String::as_str))
        .collect();
    if list.is_empty() {
        "empty".into()
    } else {
        list.join(", ")
    }
}

fn narrate_access(world: &EvictWorld, lanes: &[Lane], key: u32, narrated: Policy) -> String {
    let name = |k: u32| world.names.get(k as usize).map_or("?", String::as_str);
    let Some(l) = lanes.iter().find(|l| l.policy == narrated) else {
        return String::new();
    };
    let what = match (l.hit, l.evicted) {
        (Some(true), _) => "hit".to_string(),
        (_, Some(e)) => format!("miss, evicts {}", name(e)),
        _ => "miss, inserted".to_string(),
    };
    let order = match narrated {
        Policy::Lru => "LRU → MRU",
        Policy::Lfu => "least frequent, oldest first",
        Policy::Fifo => "oldest first",
        Policy::Random => "slots",
        Policy::Belady => "farthest next use first",
    };
    let others: Vec<String> = lanes
        .iter()
        .filter(|o| o.policy != narrated)
        .map(|o| {
            format!(
                "{} {}",
                o.policy.name().split(' ').next().unwrap_or(""),
                if o.hit == Some(true) { "hit" } else { "miss" }
            )
        })
        .collect();
    format!(
        "Access {}: {} {what}; now [{}] ({order}). Others: {}.",
        name(key),
        narrated.name(),
        names_of(&l.entries, &world.names),
        others.join(", ")
    )
}

fn metrics(state: &EvictState, narrated: Policy) -> Vec<Metric> {
    let cap = u64::from(state.world.params.capacity);
    let done = state.done;
    let mut m = Vec::new();
    if let Some(l) = state.lanes.iter().find(|l| l.policy == narrated) {
        m.push(Metric::new("policy narrated", 0.0, narrated.name()));
        m.extend(rate_metrics(l.hits, done));
        let ev_rate = if done == 0 {
            0.0
        } else {
            l.evictions as f64 / done as f64
        };
        m.push(Metric::new(
            "evictions",
            l.evictions as f64,
            format!("{} ({} of accesses)", l.evictions, pct(ev_rate)),
        ));
        m.push(Metric::new(
            "memory utilisation",
            f64::from(l.len) / cap.max(1) as f64,
            format!(
                "{} of {cap} keys ({})",
                l.len,
                pct(f64::from(l.len) / cap.max(1) as f64)
            ),
        ));
        let p50 = two_level_quantile(0.5, l.hits, done, HIT_MS, MISS_MS);
        let p99 = two_level_quantile(0.99, l.hits, done, HIT_MS, MISS_MS);
        m.push(Metric::new(
            "latency p50 / p99",
            p99,
            format!("{p50} ms / {p99} ms (hit 2 ms, miss 2 + 50 ms)"),
        ));
    }
    for l in &state.lanes {
        m.push(Metric::new(
            &format!("hits, {}", l.policy.name()),
            l.hits as f64,
            format!("{} of {done}", l.hits),
        ));
    }
    m
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let p = &s.params.evict;
    let typed: Vec<String> = s
        .actions
        .iter()
        .filter_map(|a| match a {
            Action::Get(k) => Some(k.clone()),
            Action::Crash(_) => None,
        })
        .collect();
    let shape = Shape {
        source: p.source,
        distinct: p.distinct,
        length: p.length,
        skew: p.skew,
        scan: p.scan,
    };
    let acc = generate(&shape, s.seed, &typed);
    let universe = acc.names.len();
    let generated = acc.keys.len() - typed.len();
    let setup = |capacity: usize| Setup {
        capacity,
        universe,
        trace: &acc.keys,
        seed: s.seed ^ 0xe71c,
        aging: p.aging,
    };
    let sweep = sweep_capacities(universe as u32, p.capacity)
        .into_iter()
        .map(|c| SweepPoint {
            capacity: c,
            hits: Policy::ALL
                .iter()
                .map(|&pol| policy::hits(pol, &setup(c as usize)))
                .collect(),
        })
        .collect();
    let world = Arc::new(EvictWorld {
        params: p.clone(),
        names: acc.names.clone(),
        length: acc.keys.len() as u64,
        sweep,
    });
    let chosen = setup(p.capacity as usize);
    let mut caches: Vec<Box<dyn Cache>> = Policy::ALL
        .iter()
        .map(|&pol| policy::build(pol, &chosen))
        .collect();
    let mut hits = [0u64; 5];
    let mut evs = [0u64; 5];
    let mut steps = Vec::new();
    let lanes_now = |caches: &[Box<dyn Cache>],
                     outs: Option<&[policy::Outcome]>,
                     hits: &[u64; 5],
                     evs: &[u64; 5]| {
        Policy::ALL
            .iter()
            .enumerate()
            .map(|(i, &pol)| lane(pol, caches[i].as_ref(), outs.map(|o| o[i]), hits[i], evs[i]))
            .collect::<Vec<_>>()
    };
    let push = |steps: &mut Vec<Step<State>>,
                state: EvictState,
                narration: String,
                lines: (usize, Vec<usize>)| {
        steps.push(Step {
            metrics: metrics(&state, p.narrate),
            state: State::Eviction(state),
            narration,
            lines: LinesRun::new(lines.0, &lines.1),
        });
    };
    let proc = proc_of(p.narrate);
    push(
        &mut steps,
        EvictState {
            world: Arc::clone(&world),
            done: 0,
            key: None,
            lanes: lanes_now(&caches, None, &hits, &evs),
            phase: EvictPhase::Start,
        },
        format!(
            "Five caches of {} keys, empty, will see the same {} accesses over {} keys.",
            p.capacity,
            acc.keys.len(),
            universe
        ),
        (proc, vec![0]),
    );
    let detailed = p.detailed as usize;
    let mut outs = [policy::Outcome {
        hit: false,
        evicted: None,
    }; 5];
    for (i, &key) in acc.keys.iter().enumerate() {
        for (j, c) in caches.iter_mut().enumerate() {
            outs[j] = c.access(i, key);
            hits[j] += u64::from(outs[j].hit);
            evs[j] += u64::from(outs[j].evicted.is_some());
        }
        let shown = i < detailed || i >= generated;
        if shown {
            let lanes = lanes_now(&caches, Some(&outs), &hits, &evs);
            let narration = narrate_access(&world, &lanes, key, p.narrate);
            let n = outs[Policy::ALL
                .iter()
                .position(|&x| x == p.narrate)
                .unwrap_or(0)];
            push(
                &mut steps,
                EvictState {
                    world: Arc::clone(&world),
                    done: i as u64 + 1,
                    key: Some(key),
                    lanes,
                    phase: EvictPhase::Access,
                },
                narration,
                (proc, access_lines(p.narrate, n)),
            );
        } else if i + 1 == generated {
            push(
                &mut steps,
                EvictState {
                    world: Arc::clone(&world),
                    done: i as u64 + 1,
                    key: None,
                    lanes: lanes_now(&caches, None, &hits, &evs),
                    phase: EvictPhase::Rest,
                },
                format!(
                    "The other {} accesses run the same way.",
                    generated - detailed
                ),
                (proc, vec![0]),
            );
        }
    }
    let best = hits[4];
    let summary = Policy::ALL
        .iter()
        .zip(hits.iter())
        .map(|(pol, h)| {
            format!(
                "{} {}",
                pol.name(),
                pct(*h as f64 / acc.keys.len().max(1) as f64)
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    push(
        &mut steps,
        EvictState {
            world: Arc::clone(&world),
            done: acc.keys.len() as u64,
            key: None,
            lanes: lanes_now(&caches, None, &hits, &evs),
            phase: EvictPhase::Sweep,
        },
        format!(
            "Hit rates at capacity {}: {summary}. Belady's {best} hits are the ceiling: no policy without the future does better. The chart repeats the run at other capacities.",
            p.capacity
        ),
        (proc_ids::BELADY, vec![2]),
    );
    Trace { steps }
}

fn proc_of(p: Policy) -> usize {
    match p {
        Policy::Lru => proc_ids::LRU,
        Policy::Lfu => proc_ids::LFU,
        Policy::Fifo => proc_ids::FIFO,
        Policy::Random => proc_ids::RANDOM,
        Policy::Belady => proc_ids::BELADY,
    }
}

fn access_lines(p: Policy, o: policy::Outcome) -> Vec<usize> {
    match (p, o.hit, o.evicted.is_some()) {
        (Policy::Lfu, true, _) => vec![0, 1],
        (Policy::Lfu, false, false) => vec![3],
        (Policy::Lfu, false, true) => vec![2, 3],
        (Policy::Lru, false, false) => vec![1, 2],
        (Policy::Lru, false, true) => vec![1, 2, 3],
        (_, true, _) => vec![0],
        (_, false, _) => vec![1],
    }
}
