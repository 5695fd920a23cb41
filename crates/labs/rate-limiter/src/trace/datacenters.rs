//! `datacenters`: one limit, several DCs; local, synced and global limiters on the same
//! requests, one step per request.

use super::secs;
use crate::datacenters::{DcRun, Strategy, arrivals, run};
use crate::text::proc_ids;
use crate::{Action, DcParams, Params, State};
use sdp_kit::fmt::group;
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What every step of a `datacenters` trace shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DcWorld {
    /// The parameters.
    pub params: DcParams,
    /// Arrival time (ms) and DC of every request.
    pub arrivals: Vec<(u64, u8)>,
    /// What the strategies did.
    pub run: DcRun,
    /// Admitted among the first `i` requests, per strategy (`len + 1` entries each).
    pub admitted: [Vec<u32>; 3],
}

/// A step of `datacenters`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DcState {
    /// Shared by every step.
    pub world: Arc<DcWorld>,
    /// The request this step decides (`None` before the first).
    pub at: Option<usize>,
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let p = &s.params.dcs;
    let arrivals = arrivals(p);
    let run = run(p, &arrivals);
    let admitted = std::array::from_fn(|k| {
        let mut v = Vec::with_capacity(arrivals.len() + 1);
        v.push(0);
        for &a in &run.admitted[k] {
            let n = v.last().copied().unwrap_or(0);
            v.push(n + u32::from(a));
        }
        v
    });
    let world = Arc::new(DcWorld {
        params: p.clone(),
        arrivals,
        run,
        admitted,
    });
    let mut steps = vec![Step {
        state: State::Datacenters(DcState {
            world: Arc::clone(&world),
            at: None,
        }),
        narration: format!(
            "{} requests over {} s split among {} DCs; the intended limit is {} per {} s for all of \
             them together. Local limiters each allow the full limit; synced ones add the others' \
             counts every {} s, {} s late; one global counter is exact.",
            group(u64::from(p.count)),
            p.span_s,
            p.dcs,
            group(u64::from(p.limit)),
            p.window_s,
            p.sync_s,
            p.lag_s
        ),
        lines: LinesRun::new(proc_ids::DCS, &[0, 1, 2]),
        metrics: metrics(&world, None),
    }];
    for i in 0..world.arrivals.len() {
        steps.push(Step {
            state: State::Datacenters(DcState {
                world: Arc::clone(&world),
                at: Some(i),
            }),
            narration: narrate(&world, i),
            lines: LinesRun::new(proc_ids::DCS, &[0, 1, 2]),
            metrics: metrics(&world, Some(i)),
        });
    }
    Trace { steps }
}

fn metrics(w: &DcWorld, at: Option<usize>) -> Vec<Metric> {
    let done = at.map_or(0, |i| i + 1);
    let window = u64::from(w.params.window_s) * 1000;
    let start = at.map_or(0, |i| {
        let index = w.arrivals[i].0 / window;
        w.arrivals.partition_point(|&(t, _)| t / window < index)
    });
    let mut out = vec![Metric::new(
        "requests so far",
        done as f64,
        group(done as u64),
    )];
    for (k, s) in Strategy::ALL.iter().enumerate() {
        let in_window = w.admitted[k][done] - w.admitted[k][start.min(done)];
        out.push(Metric::new(
            &format!("admitted this window, {}", s.title()),
            f64::from(in_window),
            format!(
                "{} (limit {})",
                group(u64::from(in_window)),
                group(u64::from(w.params.limit))
            ),
        ));
    }
    out
}

fn narrate(w: &DcWorld, i: usize) -> String {
    let (t, dc) = w.arrivals[i];
    let yes = |k: usize| {
        if w.run.admitted[k][i] {
            "allowed"
        } else {
            "rejected"
        }
    };
    format!(
        "Request {} at {} in DC {}: local {}; synced {} (own {} + others {} known from the last \
         sync, limit {}); global {}.",
        group(i as u64 + 1),
        secs(t),
        dc + 1,
        yes(0),
        yes(1),
        w.run.own[i],
        w.run.known[i],
        w.params.limit,
        yes(2)
    )
}
