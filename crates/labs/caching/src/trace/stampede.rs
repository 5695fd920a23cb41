//! `stampede`: the five protections on the same requests, one step per `step` ms: database
//! recomputes per window, how requests were served, and recomputes per expiry.

use super::quantile;
use crate::stampede::{self, Config, Protection, Run, Served, early_p};
use crate::text::proc_ids;
use crate::{Action, Params, StampedeParams, State};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// One protection in one window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bin {
    /// Requests.
    pub requests: u32,
    /// Database recomputes started.
    pub loads: u32,
    /// Served stale.
    pub stale: u32,
    /// Waited for a recompute.
    pub waited: u32,
    /// Recomputed themselves.
    pub recomputed: u32,
    /// Latency p99 of the window's requests, µs.
    pub p99: u64,
}

/// What every step shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StampedeWorld {
    /// The parameters.
    pub params: StampedeParams,
    /// Each protection's windows, in [`Protection::ALL`] order.
    pub bins: Vec<Vec<Bin>>,
    /// Each protection's peak of concurrent recomputes.
    pub peaks: Vec<u32>,
    /// F4's p at remaining = ttl, ttl/2, ttl/10 and 0.
    pub p_table: Vec<(f64, f64)>,
}

/// A step of `stampede`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StampedeState {
    /// Shared by every step.
    pub world: Arc<StampedeWorld>,
    /// Windows done (0: the opening table).
    pub window: usize,
}

fn bins(run: &Run, step_us: u64, n: usize) -> Vec<Bin> {
    let mut out = vec![Bin::default(); n];
    let mut lat: Vec<Vec<u64>> = vec![Vec::new(); n];
    for &(t, served, l) in &run.requests {
        let i = ((t / step_us) as usize).min(n - 1);
        let b = &mut out[i];
        b.requests += 1;
        match served {
            Served::Stale => b.stale += 1,
            Served::Waited => b.waited += 1,
            Served::Recomputed => b.recomputed += 1,
            Served::Hit => {}
        }
        lat[i].push(l);
    }
    for &t in &run.loads {
        out[((t / step_us) as usize).min(n - 1)].loads += 1;
    }
    for (b, l) in out.iter_mut().zip(lat.iter_mut()) {
        l.sort_unstable();
        b.p99 = quantile(l, 0.99);
    }
    out
}

fn metrics(w: &StampedeWorld, v: usize, k: usize) -> Vec<Metric> {
    let sofar = &w.bins[v][..k];
    let req: u32 = sofar.iter().map(|b| b.requests).sum();
    let loads: u32 = sofar.iter().map(|b| b.loads).sum();
    let stale: u32 = sofar.iter().map(|b| b.stale).sum();
    let hits = req - sofar.iter().map(|b| b.waited + b.recomputed).sum::<u32>();
    let elapsed_s = f64::from(w.params.step_ms) * k as f64 / 1000.0;
    // TTL periods begun so far (at least one): the key expires once per period unprotected.
    let periods = (elapsed_s / f64::from(w.params.ttl_s.max(1)))
        .floor()
        .max(1.0);
    let per_ttl = f64::from(loads) / periods;
    let mut m = vec![Metric::new(
        "protection narrated",
        0.0,
        Protection::ALL[v].name(),
    )];
    m.extend(super::rate_metrics(u64::from(hits), u64::from(req)));
    m.push(Metric::new(
        "database recomputes",
        f64::from(loads),
        loads.to_string(),
    ));
    m.push(Metric::new(
        "DB recomputes per TTL period",
        per_ttl,
        format!("{per_ttl:.1} (ideal: 1)"),
    ));
    m.push(Metric::new(
        "stale served",
        f64::from(stale),
        stale.to_string(),
    ));
    let p99 = sofar.last().map_or(0, |b| b.p99);
    m.push(Metric::new(
        "latency p99, this window",
        p99 as f64 / 1000.0,
        format!("{:.0} ms", p99 as f64 / 1000.0),
    ));
    m
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let p = &s.params.stampede;
    let c = Config {
        ttl: u64::from(p.ttl_s) * 1_000_000,
        rate: p.rate,
        recompute: u64::from(p.recompute_ms) * 1000,
        duration: u64::from(p.duration_s) * 1_000_000,
        beta: p.beta,
    };
    let step_us = u64::from(p.step_ms) * 1000;
    let n = c.duration.div_ceil(step_us).max(1) as usize;
    let arrivals = stampede::arrivals(&c, s.seed);
    let runs: Vec<Run> = Protection::ALL
        .iter()
        .map(|&pr| stampede::run(pr, &c, &arrivals, s.seed))
        .collect();
    let ttl = f64::from(p.ttl_s);
    let world = Arc::new(StampedeWorld {
        params: p.clone(),
        bins: runs.iter().map(|r| bins(r, step_us, n)).collect(),
        peaks: runs.iter().map(|r| r.peak).collect(),
        p_table: [1.0, 0.5, 0.1, 0.0]
            .iter()
            .map(|f| (ttl * f, early_p(ttl * f, ttl)))
            .collect(),
    });
    let v = Protection::ALL
        .iter()
        .position(|&x| x == p.narrate)
        .unwrap_or(0);
    let mut steps = vec![Step {
        metrics: metrics(&world, v, 0),
        state: State::Stampede(StampedeState {
            world: Arc::clone(&world),
            window: 0,
        }),
        narration: format!(
            "One hot key, {} requests a second, TTL {} s, {} ms to recompute. F4's early expiry refreshes with p = 1 − remaining/ttl: {}.",
            p.rate,
            p.ttl_s,
            p.recompute_ms,
            world
                .p_table
                .iter()
                .map(|(r, pp)| format!("remaining {r} s → {pp}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        lines: LinesRun::new(proc_ids::STAMPEDE, &[2]),
    }];
    for k in 1..=n {
        let b = world.bins[v][k - 1];
        let from = (k - 1) as f64 * f64::from(p.step_ms) / 1000.0;
        let narration = format!(
            "{:.1}–{:.1} s, {}: {} requests, {} recompute(s) started, {} waited, {} served stale.",
            from,
            from + f64::from(p.step_ms) / 1000.0,
            Protection::ALL[v].name(),
            b.requests,
            b.loads,
            b.waited,
            b.stale
        );
        let line = match Protection::ALL[v] {
            Protection::None => 0,
            Protection::Lock => 1,
            Protection::Early => 2,
            Protection::XFetch => 3,
            Protection::Swr => 4,
        };
        steps.push(Step {
            metrics: metrics(&world, v, k),
            state: State::Stampede(StampedeState {
                world: Arc::clone(&world),
                window: k,
            }),
            narration,
            lines: LinesRun::new(proc_ids::STAMPEDE, &[line]),
        });
    }
    Trace { steps }
}
