//! `distributed`: each partition's local top-K, F4's reducer summing the lists, and the exact and
//! sketch-merged answers beside it.

use crate::distributed::{Merged, example, planted, run};
use crate::text::proc_ids;
use crate::topk::Entry;
use crate::{Action, DistParams, DistStream, Params, State};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What every step of a `distributed` trace shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DistWorld {
    /// The parameters.
    pub params: DistParams,
    /// Item names.
    pub names: Vec<String>,
    /// Exact counts per partition, per item.
    pub counts: Vec<Vec<u64>>,
    /// The merges.
    pub merged: Merged,
}

/// What a step shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DistStep {
    /// The partitions' data.
    Data,
    /// Partition `i`'s local top-K.
    Local(usize),
    /// The reducer's summed table.
    Reduce,
    /// The reducer's answer beside the exact and the sketch-merged ones.
    Compare,
}

/// A step of `distributed`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DistState {
    /// Shared by every step.
    pub world: Arc<DistWorld>,
    /// What this step shows.
    pub step: DistStep,
}

fn list(w: &DistWorld, entries: &[Entry]) -> String {
    entries
        .iter()
        .map(|e| format!("{} {}", w.names[e.item as usize], e.count))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let p = &s.params.dist;
    let (names, parts) = match p.stream {
        DistStream::Example => example(),
        DistStream::Planted => {
            planted(p.partitions as usize, p.k as usize, p.lead, p.noise, s.seed)
        }
    };
    let merged = run(&names, &parts, p.k as usize, 10_000, 7);
    let counts = parts
        .iter()
        .map(|part| {
            let mut c = vec![0u64; names.names.len()];
            for &i in part {
                c[i as usize] += 1;
            }
            c
        })
        .collect();
    let world = Arc::new(DistWorld {
        params: p.clone(),
        names: names.names.clone(),
        counts,
        merged,
    });
    let w = &world;
    let step = |step, narration: String, lines: &[usize]| Step {
        state: State::Distributed(DistState {
            world: Arc::clone(w),
            step,
        }),
        narration,
        lines: LinesRun::new(proc_ids::DIST, lines),
        metrics: vec![Metric::new("K", f64::from(p.k), p.k.to_string())],
    };
    let mut steps = vec![step(
        DistStep::Data,
        format!(
            "{} partitions, each processed by its own mapper with K = {}.",
            w.counts.len(),
            p.k
        ),
        &[0],
    )];
    for (i, local) in w.merged.local.iter().enumerate() {
        steps.push(step(
            DistStep::Local(i),
            format!(
                "Partition {} keeps its local top {}: {}.",
                i + 1,
                p.k,
                list(w, local)
            ),
            &[0],
        ));
    }
    steps.push(step(
        DistStep::Reduce,
        format!(
            "The reducer sums the local lists: {}.",
            list(w, &w.merged.table)
        ),
        &[1],
    ));
    let missed: Vec<&str> = w
        .merged
        .exact
        .iter()
        .filter(|e| !w.merged.reduced.iter().any(|r| r.item == e.item))
        .map(|e| w.names[e.item as usize].as_str())
        .collect();
    steps.push(step(
        DistStep::Compare,
        format!(
            "F4's merge reports {}; the exact global top {} is {}; merged sketches give {}.{}",
            list(w, &w.merged.reduced),
            p.k,
            list(w, &w.merged.exact),
            list(w, &w.merged.sketched),
            if missed.is_empty() {
                String::new()
            } else {
                format!(
                    " Missed by the merge: {}, below every local cut.",
                    missed.join(", ")
                )
            }
        ),
        &[2],
    ));
    Trace { steps }
}
