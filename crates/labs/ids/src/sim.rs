//! Several Snowflake nodes generating IDs on their own simulated clocks, and the check of the
//! merged IDs: never a duplicate, each node's strictly increasing, the whole only roughly sorted.

use crate::clock::{Clock, Generator, Jump, Outcome};
use crate::{Action, SnowParams};
use rand::RngExt;
use serde::{Deserialize, Serialize};

/// One GENERATE call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Call {
    /// The node's index.
    pub node: u32,
    /// Real time the request arrived (ms since the start).
    pub arrive: u64,
    /// Real time the node took it up (later than `arrive` while it was busy).
    pub start: u64,
    /// The generator's answer.
    pub outcome: Outcome,
}

impl Call {
    /// The ID, if one was issued.
    pub fn id(&self) -> Option<u64> {
        self.outcome.result.ok().map(|(_, id, _)| id)
    }
}

/// What the merged IDs show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merged {
    /// IDs issued.
    pub issued: u64,
    /// Calls refused.
    pub refused: u64,
    /// IDs issued more than once.
    pub duplicates: u64,
    /// Places where a node's next ID is not above its previous one.
    pub node_order_breaks: u64,
    /// Neighbours in real-time order (by the time each call returned) whose IDs are out of order.
    pub inversions: u64,
    /// The most real ms by which an ID sorts after one issued later.
    pub worst_disorder: u64,
}

/// A simulation's result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    /// Each node's node field.
    pub node_fields: Vec<u64>,
    /// Each node's clock.
    pub clocks: Vec<Clock>,
    /// Every call, by arrival then node.
    pub calls: Vec<Call>,
    /// The merged check.
    pub merged: Merged,
}

/// Every node's clock: the start plus a seeded offset within ± drift, and the jumps asked for.
pub fn clocks(p: &SnowParams, actions: &[Action], seed: u64) -> Vec<Clock> {
    let mut rng = sdp_kit::rng::seeded(seed);
    let drift = i64::from(p.drift);
    (0..p.nodes)
        .map(|i| {
            let offset = if drift == 0 {
                0
            } else {
                rng.random_range(-drift..=drift)
            };
            Clock {
                base: p.start as i64 + offset,
                jumps: actions
                    .iter()
                    .filter_map(|a| match *a {
                        Action::Back { node, at, back } if node == i => Some(Jump { at, back }),
                        Action::Back { .. } | Action::Crash { .. } => None,
                    })
                    .collect(),
            }
        })
        .collect()
}

/// Runs `p.nodes` generators for `p.duration` ms, `p.per_ms` calls each per ms.
pub fn run(p: &SnowParams, actions: &[Action], seed: u64) -> Run {
    let clocks = clocks(p, actions, seed);
    let node_fields: Vec<u64> = (0..u64::from(p.nodes)).map(|i| p.node_field(i)).collect();
    let mut gens: Vec<Generator> = node_fields
        .iter()
        .map(|&n| Generator::new(n, p.epoch, p.layout(), p.policy, p.max_skew))
        .collect();
    let mut busy = vec![0u64; gens.len()];
    let mut calls = Vec::new();
    for t in 0..u64::from(p.duration) {
        for (i, g) in gens.iter_mut().enumerate() {
            for _ in 0..p.per_ms {
                let start = busy[i].max(t);
                let outcome = g.next(start, &clocks[i]);
                busy[i] = outcome.done;
                calls.push(Call {
                    node: i as u32,
                    arrive: t,
                    start,
                    outcome,
                });
            }
        }
    }
    let merged = check(&calls);
    Run {
        node_fields,
        clocks,
        calls,
        merged,
    }
}

/// The merged check of a list of calls (see [`Merged`]).
pub fn check(calls: &[Call]) -> Merged {
    let mut m = Merged::default();
    let mut last: Vec<Option<u64>> = Vec::new();
    let mut issued: Vec<(u64, u64, u32, usize)> = Vec::new();
    for (k, c) in calls.iter().enumerate() {
        let Some(id) = c.id() else {
            m.refused += 1;
            continue;
        };
        let n = c.node as usize;
        if last.len() <= n {
            last.resize(n + 1, None);
        }
        if last[n].is_some_and(|prev| id <= prev) {
            m.node_order_breaks += 1;
        }
        last[n] = Some(id);
        issued.push((c.outcome.done, id, c.node, k));
    }
    m.issued = issued.len() as u64;
    issued.sort_unstable();
    m.inversions = issued.windows(2).filter(|w| w[1].1 < w[0].1).count() as u64;
    let mut by_id: Vec<(u64, u64)> = issued.iter().map(|&(done, id, _, _)| (id, done)).collect();
    by_id.sort_unstable();
    m.duplicates = by_id.windows(2).filter(|w| w[0].0 == w[1].0).count() as u64;
    let mut latest = 0;
    for &(_, done) in &by_id {
        latest = latest.max(done);
        m.worst_disorder = m.worst_disorder.max(latest - done);
    }
    m
}
