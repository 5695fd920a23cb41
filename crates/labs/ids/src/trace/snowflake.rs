//! `snowflake`: the diagram example composed in both readings and parsed back, then every node's
//! GENERATE calls (the first ones and the remarkable ones one step each), then the merged check.

use crate::clock::{Event, Refusal};
use crate::date::iso;
use crate::sim::{Call, Run, run};
use crate::snowflake::{Fields, Layout, compose, parse, split_node};
use crate::text::proc_ids;
use crate::{Action, MAX_EVENT_STEPS, Params, SnowParams, Split, State};
use sdp_kit::fmt::group;
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// One composed example.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Composed {
    /// How the timestamp field is read.
    pub title: String,
    /// The epoch subtracted (0 for the raw reading).
    pub epoch: u64,
    /// The fields.
    pub fields: Fields,
    /// The ID, or `None` when the timestamp does not fit its field.
    pub id: Option<u64>,
}

/// What every step of a `snowflake` trace shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SnowWorld {
    /// The parameters.
    pub params: SnowParams,
    /// The bit layout.
    pub layout: Layout,
    /// The example in the raw reading, then since the epoch.
    pub examples: Vec<Composed>,
    /// The simulation.
    pub run: Run,
}

/// What a step shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SnowStep {
    /// Example `i` composed.
    Compose(usize),
    /// The since-epoch example parsed back.
    Parse,
    /// Call `i` of the simulation.
    Call(usize),
    /// The merged check.
    Merged,
}

/// A step of `snowflake`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SnowState {
    /// Shared by every step.
    pub world: Arc<SnowWorld>,
    /// What this step shows.
    pub step: SnowStep,
}

fn examples(p: &SnowParams) -> Vec<Composed> {
    let l = p.layout();
    let node = match p.split {
        Split::Node => p.node,
        Split::Datacenter => crate::snowflake::node_of(p.dc, p.machine, l),
    };
    let one = |title: &str, epoch: u64| {
        let fields = Fields {
            ts: p.start - epoch,
            node,
            seq: p.seq,
        };
        Composed {
            title: title.to_string(),
            epoch,
            fields,
            id: compose(fields, l).ok(),
        }
    };
    vec![
        one("the diagram's raw Unix ms in the timestamp field", 0),
        one("timestamp − EPOCH, as the formula says", p.epoch),
    ]
}

/// Words for a refusal.
pub fn refusal_text(r: Refusal) -> String {
    match r {
        Refusal::Backwards(s) => format!("ERROR “clock moved backwards” by {s} ms"),
        Refusal::SkewTooLarge(s) => format!("ERROR “clock skew too large”: {s} ms"),
        Refusal::OutOfRange => "ERROR: the timestamp does not fit its field".into(),
    }
}

/// One sentence for a call.
pub fn call_text(w: &SnowWorld, c: &Call) -> String {
    let o = &c.outcome;
    let head = format!(
        "Node {} at real {} ms: clock {}, last {}",
        c.node,
        c.start,
        o.clock,
        o.last.map_or_else(|| "none".to_string(), |l| l.to_string())
    );
    match o.result {
        Err(r) => format!("{head}: {}; no ID.", refusal_text(r)),
        Ok((f, id, e)) => {
            let how = match e {
                Event::NewMs => "a new ms, sequence 0".to_string(),
                Event::SameMs => format!("the same ms, sequence {}", f.seq),
                Event::Overflow(waited) => format!(
                    "the sequence wrapped past {}: spin-waited {waited} ms for the next ms, sequence 0",
                    w.layout.max_seq()
                ),
                Event::Slept(s) => format!(
                    "behind by {s} ms ≤ max {}: slept {s} ms and retried, sequence {}",
                    w.params.max_skew, f.seq
                ),
                Event::Logical(s) => format!(
                    "behind by {s} ms: the logical clock keeps {}, sequence {}",
                    f.ts + w.params.epoch,
                    f.seq
                ),
                Event::LogicalOverflow => {
                    "the sequence wrapped: the logical clock moves 1 ms ahead, sequence 0".into()
                }
            };
            format!("{head}: {how} → ID {id}.")
        }
    }
}

fn lines_of(c: &Call) -> Vec<usize> {
    match c.outcome.result {
        Err(Refusal::Backwards(_) | Refusal::OutOfRange) => vec![0, 1],
        Err(Refusal::SkewTooLarge(_)) | Ok((_, _, Event::Slept(_))) => vec![0, 2],
        Ok((_, _, Event::Logical(_))) => vec![0, 3, 6],
        Ok((_, _, Event::SameMs | Event::Overflow(_) | Event::LogicalOverflow)) => vec![0, 4, 6],
        Ok((_, _, Event::NewMs)) => vec![0, 5, 6],
    }
}

fn remarkable(c: &Call) -> bool {
    !matches!(c.outcome.result, Ok((_, _, Event::NewMs | Event::SameMs)))
}

/// Running totals at each call: issued, refused, slept ms, spin-waits.
fn totals(calls: &[Call]) -> Vec<[u64; 4]> {
    let mut t = [0u64; 4];
    calls
        .iter()
        .map(|c| {
            match c.outcome.result {
                Err(_) => t[1] += 1,
                Ok((_, _, e)) => {
                    t[0] += 1;
                    match e {
                        Event::Slept(s) => t[2] += s,
                        Event::Overflow(_) => t[3] += 1,
                        _ => {}
                    }
                }
            }
            t
        })
        .collect()
}

fn call_metrics(t: [u64; 4]) -> Vec<Metric> {
    vec![
        Metric::new("IDs issued", t[0] as f64, group(t[0])),
        Metric::new("calls refused", t[1] as f64, group(t[1])),
        Metric::new("ms slept", t[2] as f64, group(t[2])),
        Metric::new("spin-waits", t[3] as f64, group(t[3])),
    ]
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let p = &s.params.snow;
    let w = Arc::new(SnowWorld {
        params: p.clone(),
        layout: p.layout(),
        examples: examples(p),
        run: run(p, &s.actions, s.seed),
    });
    let state = |step| {
        State::Snowflake(SnowState {
            world: Arc::clone(&w),
            step,
        })
    };
    let mut steps = Vec::new();
    for (i, e) in w.examples.iter().enumerate() {
        steps.push(Step {
            state: state(SnowStep::Compose(i)),
            narration: compose_text(&w, e),
            lines: LinesRun::new(
                proc_ids::LAYOUT,
                &[0, if p.split == Split::Datacenter { 5 } else { 1 }],
            ),
            metrics: example_metrics(e),
        });
    }
    let e = &w.examples[1];
    steps.push(Step {
        state: state(SnowStep::Parse),
        narration: parse_text(&w, e),
        lines: LinesRun::new(proc_ids::LAYOUT, &[2, 3, 4]),
        metrics: example_metrics(e),
    });
    let totals = totals(&w.run.calls);
    let mut events = 0;
    for (i, c) in w.run.calls.iter().enumerate() {
        let detailed = i < p.detailed as usize;
        if !detailed {
            if !remarkable(c) || events >= MAX_EVENT_STEPS {
                continue;
            }
            events += 1;
        }
        steps.push(Step {
            state: state(SnowStep::Call(i)),
            narration: call_text(&w, c),
            lines: LinesRun {
                procedure: proc_ids::GENERATE,
                lines: lines_of(c),
            },
            metrics: call_metrics(totals[i]),
        });
    }
    steps.push(merged_step(
        &w,
        state(SnowStep::Merged),
        totals.last().copied().unwrap_or_default(),
    ));
    Trace { steps }
}

fn compose_text(w: &SnowWorld, e: &Composed) -> String {
    let f = e.fields;
    let node = if w.params.split == Split::Datacenter {
        let (dc, m) = split_node(f.node, w.layout);
        format!(
            "datacenter {dc} << {} | machine {m} << {}",
            w.layout.seq_bits + w.layout.machine_bits(),
            w.layout.seq_bits
        )
    } else {
        format!("node {} << {}", f.node, w.layout.seq_bits)
    };
    match e.id {
        Some(id) => format!(
            "Reading {}: ID = {} << {} | {node} | sequence {} = {id}.",
            e.title,
            f.ts,
            w.layout.ts_shift(),
            f.seq
        ),
        None => format!(
            "Reading {}: {} needs more than the {} timestamp bits, so no ID.",
            e.title,
            f.ts,
            w.layout.ts_bits()
        ),
    }
}

fn parse_text(w: &SnowWorld, e: &Composed) -> String {
    let Some(id) = e.id else {
        return "Nothing to parse: the since-epoch timestamp does not fit.".into();
    };
    let f = parse(id, w.layout);
    let unix = f.ts + e.epoch;
    format!(
        "Parse {id}: ({id} >> {}) + EPOCH = {unix} ({}), node = ({id} >> {}) & {} = {}, sequence = {id} & {} = {}.",
        w.layout.ts_shift(),
        iso(unix as i64),
        w.layout.seq_bits,
        w.layout.max_node(),
        f.node,
        w.layout.max_seq(),
        f.seq
    )
}

fn example_metrics(e: &Composed) -> Vec<Metric> {
    vec![
        Metric::new(
            "timestamp field",
            e.fields.ts as f64,
            e.fields.ts.to_string(),
        ),
        Metric::new(
            "ID",
            e.id.map_or(0.0, |id| id as f64),
            e.id.map_or_else(|| "does not fit".to_string(), |id| id.to_string()),
        ),
    ]
}

fn merged_step(w: &SnowWorld, state: State, t: [u64; 4]) -> Step<State> {
    let m = &w.run.merged;
    let mut metrics = call_metrics(t);
    metrics.push(Metric::new(
        "duplicates",
        m.duplicates as f64,
        group(m.duplicates),
    ));
    metrics.push(Metric::new(
        "per-node order breaks",
        m.node_order_breaks as f64,
        group(m.node_order_breaks),
    ));
    metrics.push(Metric::new(
        "real-time neighbours out of order",
        m.inversions as f64,
        group(m.inversions),
    ));
    metrics.push(Metric::new(
        "worst disorder",
        m.worst_disorder as f64,
        format!("{} ms", group(m.worst_disorder)),
    ));
    Step {
        state,
        narration: format!(
            "Merged: {} nodes issued {} IDs ({} calls refused): {} duplicates, {} breaks in any node's order; \
             in real-time order {} neighbours are out of order, an ID sorting up to {} ms after one issued later. Unique, roughly time-ordered.",
            w.params.nodes,
            group(m.issued),
            group(m.refused),
            group(m.duplicates),
            group(m.node_order_breaks),
            group(m.inversions),
            group(m.worst_disorder)
        ),
        lines: LinesRun::new(proc_ids::GENERATE, &[7]),
        metrics,
    }
}
