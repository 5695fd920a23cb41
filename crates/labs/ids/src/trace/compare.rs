//! `compare`: the schemes side by side, one row per step, then the whole table.

use crate::compare::{Row, rows};
use crate::text::proc_ids;
use crate::{Action, Params, State};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A step of `compare`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompareState {
    /// The table.
    pub rows: Arc<Vec<Row>>,
    /// The row this step adds (`None`: the whole table).
    pub row: Option<usize>,
}

pub(super) fn build(_: &Scenario<Params, Action>) -> Trace<State> {
    let table = Arc::new(rows());
    let n = table.len();
    let mut steps: Vec<Step<State>> = table
        .iter()
        .enumerate()
        .map(|(i, r)| Step {
            state: State::Compare(CompareState {
                rows: Arc::clone(&table),
                row: Some(i),
            }),
            narration: format!(
                "{}: {}; sorted {}; coordination: {}; collisions: {}; on failure: {}.",
                r.scheme, r.size, r.sortable, r.coordination, r.collisions, r.failure
            ),
            lines: LinesRun::new(proc_ids::COMPARE, &[i.min(5)]),
            metrics: vec![Metric::new(
                "schemes shown",
                (i + 1) as f64,
                format!("{} of {n}", i + 1),
            )],
        })
        .collect();
    steps.push(Step {
        state: State::Compare(CompareState { rows: Arc::clone(&table), row: None }),
        narration: "Side by side: only counters and ranges are dense, only Snowflake and ULID sort by time without a central service, and only the hash prefix can collide.".into(),
        lines: LinesRun::new(proc_ids::COMPARE, &[6]),
        metrics: vec![Metric::new("schemes shown", n as f64, format!("{n} of {n}"))],
    });
    Trace { steps }
}
