//! `pregen`: the pre-generated ID cache, one refill tick per step: the level against the
//! low-water mark, refills, gets from the cache and on-demand fallbacks.

use crate::pregen::{Cache, Settings};
use crate::text::proc_ids;
use crate::{Action, Params, PregenParams, State};
use sdp_kit::fmt::group;
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What every step of a `pregen` trace shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PregenWorld {
    /// The parameters.
    pub params: PregenParams,
    /// The level after each tick (index 0: the start).
    pub levels: Vec<u64>,
}

/// A step of `pregen`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PregenState {
    /// Shared by every step.
    pub world: Arc<PregenWorld>,
    /// Ticks done.
    pub tick: usize,
    /// The cache after this tick.
    pub cache: Cache,
    /// IDs the refill added this tick.
    pub added: u64,
    /// On-demand IDs this tick.
    pub fallback: u64,
    /// True for the closing step.
    pub summary: bool,
}

fn settings(p: &PregenParams) -> Settings {
    Settings {
        capacity: p.capacity,
        low: p.low,
        chunk: p.chunk,
    }
}

fn metrics(c: &Cache) -> Vec<Metric> {
    vec![
        Metric::new("cache level", c.level as f64, group(c.level)),
        Metric::new(
            "served from the cache",
            c.from_cache as f64,
            group(c.from_cache),
        ),
        Metric::new(
            "generated on demand",
            c.on_demand as f64,
            group(c.on_demand),
        ),
        Metric::new("refills", c.refills as f64, group(c.refills)),
    ]
}

pub(super) fn build(sc: &Scenario<Params, Action>) -> Trace<State> {
    let p = &sc.params.pregen;
    let s = settings(p);
    let ticks = (p.duration / p.interval) as usize;
    let per_tick = p.rate * p.interval;
    let mut cache = Cache::full(s);
    let mut levels = vec![cache.level];
    let mut rows = Vec::with_capacity(ticks);
    for _ in 0..ticks {
        let before = cache.level;
        let added = cache.refill(s);
        let fallback = cache.get(per_tick);
        levels.push(cache.level);
        rows.push((before, added, fallback, cache));
    }
    let w = Arc::new(PregenWorld {
        params: p.clone(),
        levels,
    });
    let state = |tick, cache, added, fallback, summary| {
        State::Pregen(PregenState {
            world: Arc::clone(&w),
            tick,
            cache,
            added,
            fallback,
            summary,
        })
    };
    let start = Cache::full(s);
    let mut steps = vec![Step {
        state: state(0, start, 0, 0, false),
        narration: format!(
            "The cache starts full with {} IDs; every {} ms the refill checks it: below {} it adds {}. Gets arrive at {} per ms ({} per tick).",
            group(p.capacity),
            p.interval,
            group(p.low),
            group(p.chunk),
            group(p.rate),
            group(per_tick)
        ),
        lines: LinesRun::new(proc_ids::PREGEN, &[0]),
        metrics: metrics(&start),
    }];
    for (i, (before, added, fallback, c)) in rows.into_iter().enumerate() {
        let refill = if added > 0 {
            format!(
                "{} < {}: refill + {}",
                group(before),
                group(p.low),
                group(added)
            )
        } else {
            format!("{} ≥ {}: no refill", group(before), group(p.low))
        };
        let gets = if fallback > 0 {
            format!(
                "the cache runs dry and {} IDs are generated on demand",
                group(fallback)
            )
        } else {
            format!("{} gets served from the cache", group(per_tick))
        };
        steps.push(Step {
            state: state(i + 1, c, added, fallback, false),
            narration: format!(
                "t = {} ms: {refill}; {gets}; level {}.",
                (i as u64 + 1) * p.interval,
                group(c.level)
            ),
            lines: LinesRun::new(
                proc_ids::PREGEN,
                if fallback > 0 {
                    &[1, 3]
                } else if added > 0 {
                    &[1, 2]
                } else {
                    &[2]
                },
            ),
            metrics: metrics(&c),
        });
    }
    let end = match &steps.last().map(|s| &s.state) {
        Some(State::Pregen(st)) => st.cache,
        _ => start,
    };
    let keeps_up = p.chunk >= per_tick;
    steps.push(Step {
        state: state(ticks, end, 0, 0, true),
        narration: format!(
            "The refill adds at most {} IDs per {} ms against {} consumed: it {}. {} of {} IDs came from the cache, {} were generated on demand.",
            group(p.chunk),
            p.interval,
            group(per_tick),
            if keeps_up { "keeps up, and the level settles near the low-water mark" } else { "cannot keep up, so the cache drains and every get past it waits for generation" },
            group(end.from_cache),
            group(end.from_cache + end.on_demand),
            group(end.on_demand)
        ),
        lines: LinesRun::new(proc_ids::PREGEN, &[4]),
        metrics: metrics(&end),
    });
    Trace { steps }
}
