//! `cdn`: the requests through edge → regional → origin, pull only beside push-popular + pull,
//! in batches: hit ratio per tier, origin offload, against F4 §1's 95 % CDN hit.

use super::pct;
use crate::cdn::{self, Config, Tier};
use crate::text::proc_ids;
use crate::{Action, CdnParams, Params, State};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Batches the requests are shown in.
pub const CDN_BATCHES: usize = 20;

/// One lane's counts so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierCounts {
    /// Served by an edge.
    pub edge: u32,
    /// Served by a region.
    pub regional: u32,
    /// Served by the origin.
    pub origin: u32,
}

impl TierCounts {
    /// Requests counted.
    pub fn total(&self) -> u32 {
        self.edge + self.regional + self.origin
    }

    /// Share served by the CDN (edge or region): the origin offload.
    pub fn offload(&self) -> f64 {
        1.0 - f64::from(self.origin) / f64::from(self.total().max(1))
    }
}

/// What every step shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CdnWorld {
    /// The parameters.
    pub params: CdnParams,
    /// Requests in all.
    pub total: u32,
    /// Share of requests on the top 10 % of objects.
    pub top10: f64,
}

/// A step of `cdn`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CdnState {
    /// Shared by every step.
    pub world: Arc<CdnWorld>,
    /// Requests done.
    pub done: u32,
    /// Pull only, then push + pull.
    pub lanes: Vec<TierCounts>,
}

fn metrics(lanes: &[TierCounts]) -> Vec<Metric> {
    let mut m = Vec::new();
    for (c, name) in lanes.iter().zip(["pull only", "push + pull"]) {
        let n = f64::from(c.total().max(1));
        m.push(Metric::new(
            &format!("edge hit ratio, {name}"),
            f64::from(c.edge) / n,
            pct(f64::from(c.edge) / n),
        ));
        let reached = f64::from((c.regional + c.origin).max(1));
        m.push(Metric::new(
            &format!("regional hit ratio, {name}"),
            f64::from(c.regional) / reached,
            format!(
                "{} of requests reaching a region",
                pct(f64::from(c.regional) / reached)
            ),
        ));
        m.push(Metric::new(
            &format!("CDN hit (origin offload), {name}"),
            c.offload(),
            format!("{} (F4 §1: 95 %)", pct(c.offload())),
        ));
    }
    m
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let p = &s.params.cdn;
    let c = Config {
        objects: p.objects,
        skew: p.skew,
        requests: p.requests,
        edges: p.edges,
        regions: p.regions,
        edge_cap: p.edge_cap,
        region_cap: p.region_cap,
        push: p.push,
    };
    let reqs = cdn::requests(&c, s.seed);
    let runs = [cdn::run(&c, 0, &reqs), cdn::run(&c, p.push, &reqs)];
    let world = Arc::new(CdnWorld {
        params: p.clone(),
        total: reqs.len() as u32,
        top10: cdn::top_share(&reqs, p.objects, 0.1),
    });
    let mut lanes = vec![TierCounts::default(); 2];
    let mut steps = vec![Step {
        metrics: metrics(&lanes),
        state: State::Cdn(CdnState {
            world: Arc::clone(&world),
            done: 0,
            lanes: lanes.clone(),
        }),
        narration: format!(
            "{} edges in {} regions, {} objects; {} of requests go to the top 10 % of objects (F4 §5: 80 % of views on 10 % of videos). Push pre-populates the top {} at every edge and region.",
            p.edges,
            p.regions,
            p.objects,
            pct(world.top10),
            p.push
        ),
        lines: LinesRun::new(proc_ids::CDN, &[0, 3]),
    }];
    let batch = reqs.len().div_ceil(CDN_BATCHES).max(1);
    let mut i = 0;
    while i < reqs.len() {
        let end = (i + batch).min(reqs.len());
        for (lane, run) in lanes.iter_mut().zip(&runs) {
            for t in &run[i..end] {
                match t {
                    Tier::Edge => lane.edge += 1,
                    Tier::Regional => lane.regional += 1,
                    Tier::Origin => lane.origin += 1,
                }
            }
        }
        steps.push(Step {
            metrics: metrics(&lanes),
            state: State::Cdn(CdnState { world: Arc::clone(&world), done: end as u32, lanes: lanes.clone() }),
            narration: format!(
                "{} of {} requests: the CDN served {} pulling only and {} with the top {} pushed; the origin saw {} and {} requests.",
                end, reqs.len(), pct(lanes[0].offload()), pct(lanes[1].offload()), p.push, lanes[0].origin, lanes[1].origin
            ),
            lines: LinesRun::new(proc_ids::CDN, &[1, 2]),
        });
        i = end;
    }
    Trace { steps }
}
