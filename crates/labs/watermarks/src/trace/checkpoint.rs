//! The checkpoint mode's trace builder: the start and one step per tick.

use crate::checkpoint::{
    CheckpointParams, CheckpointRecord, CkFocus, CkState, CkWorld, KEYS, Sim, SinkMode,
    counts_text, idx,
};
use crate::text::proc_ids;
use sdp_kit::fmt::group;
use sdp_kit::lab::{LinesRun, Metric, Step};
use std::sync::Arc;

struct Draft {
    state: CkState,
    narration: String,
    lines: LinesRun,
}

/// The steps of a validated scenario: the start and one per tick.
pub fn build_steps(p: &CheckpointParams, seed: u64) -> Vec<Step<CkState>> {
    let mut sim = Sim::new(*p, seed);
    let placeholder = Arc::new(CkWorld {
        params: *p,
        keys: [Vec::new(), Vec::new()],
        checkpoints: Vec::new(),
        outputs: Vec::new(),
    });
    let mut drafts = vec![Draft {
        state: sim.state(&placeholder, 0, CkFocus::Start, 0),
        narration: format!(
            "Two Kafka partitions of {} records feed a count-per-key operator through two channels (channel 1 delivers every {} ticks); a barrier every {} ticks, {} checkpoints, {} sink{}.",
            p.records,
            p.skew,
            p.every,
            p.alignment.as_str(),
            match p.sink {
                SinkMode::ExactlyOnce => "exactly-once (two-phase commit)",
                SinkMode::AtLeastOnce => "at-least-once",
            },
            if p.fail_at > 0 {
                format!(", failure at tick {}", p.fail_at)
            } else {
                String::new()
            }
        ),
        lines: LinesRun::new(proc_ids::CHECKPOINT, &[1, 2]),
    }];
    for t in 1..=p.ticks {
        let (focus, narration, lines) = sim.tick(t);
        let outputs = sim.outputs.len() as u32;
        drafts.push(Draft {
            state: sim.state(&placeholder, t, focus, outputs),
            narration,
            lines,
        });
    }
    let world = Arc::new(CkWorld {
        params: *p,
        keys: sim.keys,
        checkpoints: sim.checkpoints,
        outputs: sim.outputs,
    });
    drafts
        .into_iter()
        .map(|d| {
            let metrics = metrics(&d.state, &world);
            Step {
                state: CkState {
                    world: world.clone(),
                    ..d.state
                },
                narration: d.narration,
                lines: d.lines,
                metrics,
            }
        })
        .collect()
}

fn metrics(s: &CkState, world: &CkWorld) -> Vec<Metric> {
    let t = s.tick;
    let completed = world
        .checkpoints
        .iter()
        .filter(|c| c.completed.is_some_and(|x| x <= t))
        .count();
    let last_size = s
        .last_completed
        .and_then(|id| world.checkpoints.get(idx(id)))
        .map_or(0, CheckpointRecord::size);
    let buffered: usize = (0..2)
        .filter(|&i| s.operator.blocked[i])
        .map(|i| s.channels[i].inbox.len())
        .sum();
    let in_transit: usize = s.channels.iter().map(|c| c.transit.len()).sum();
    vec![
        Metric::new("tick", f64::from(t), t.to_string()),
        Metric::new(
            "checkpoints completed",
            completed as f64,
            match s.last_completed {
                Some(id) => format!("{completed} (last: {id})"),
                None => completed.to_string(),
            },
        ),
        Metric::new(
            "last checkpoint size",
            last_size as f64,
            format!("{last_size} entries ({KEYS} keys + in-flight records)"),
        ),
        Metric::new(
            "alignment buffer",
            buffered as f64,
            format!("{buffered} items"),
        ),
        Metric::new("in transit", in_transit as f64, in_transit.to_string()),
        Metric::new(
            "operator counts",
            s.operator.counts.iter().sum::<u64>() as f64,
            counts_text(&s.operator.counts),
        ),
        Metric::new(
            "outputs visible downstream",
            f64::from(s.visible),
            format!(
                "{} ({} in the open transaction)",
                group(s.visible.into()),
                s.pending
            ),
        ),
        Metric::new(
            "duplicates downstream",
            f64::from(s.duplicates),
            s.duplicates.to_string(),
        ),
        Metric::new(
            "records replayed",
            f64::from(s.replayed),
            s.replayed.to_string(),
        ),
    ]
}
