//! Search mode's drawing: how far each rule has got at a step, what the three maps frame
//! (the same box, so they compare at one scale), and each map's text alternative.

use super::frame::{bbox_of_points, near, point_box, union};
use crate::codec::BBox;
use crate::format::{km, point_text};
use crate::{QueryRun, RuleRun, SearchPhase, SearchState};
use sdp_kit::fmt::percent;
use std::fmt::Write as _;

/// How far rule `r` has got at this step (`None`: not started).
pub fn stage(s: &SearchState, r: usize) -> Option<SearchPhase> {
    match (s.phase, s.rule) {
        (SearchPhase::Compare, _) => Some(SearchPhase::Missed),
        (_, Some(cur)) if r < cur => Some(SearchPhase::Missed),
        (ph, Some(cur)) if r == cur => Some(ph),
        _ => None,
    }
}

/// True when a rule at `stage` has reached phase `p`.
pub fn at_least(stage: Option<SearchPhase>, p: SearchPhase) -> bool {
    stage.is_some_and(|s| s as u8 >= p as u8)
}

/// What the three maps frame: the circle and the cells of the rule this step is about; the
/// circle alone once the misses show.
pub fn search_fit(q: &QueryRun, rule: Option<usize>, phase: SearchPhase) -> BBox {
    let c = q.centre;
    let mut b = bbox_of_points(&q.circle).unwrap_or(point_box(c));
    if matches!(phase, SearchPhase::Missed | SearchPhase::Compare) {
        return b;
    }
    if let Some(run) = rule.and_then(|r| q.runs.get(r)) {
        if phase as u8 >= SearchPhase::Cells as u8 {
            for (cell, _) in &run.plan.cells {
                b = union(b, near(cell.bbox(), c.lng));
            }
        }
    }
    b
}

/// The share of the points inside the circle that a rule returned ("100.0%" when there are
/// none).
pub fn recall(found: usize, truth: usize) -> String {
    if truth == 0 {
        "100.0%".to_string()
    } else {
        percent(found as u64, truth as u64)
    }
}

/// One rule's map's text alternative.
pub fn describe(q: &QueryRun, run: &RuleRun, stage: Option<SearchPhase>) -> String {
    let mut s = format!(
        "Map for the {} rule: circle of {} around {}",
        run.plan.rule.label(),
        km(q.radius_km),
        point_text(q.centre)
    );
    if at_least(stage, SearchPhase::Cells) {
        let _ = write!(
            s,
            "; {} searched cells at precision {}",
            run.plan.cells.len(),
            run.plan.precision
        );
    }
    if at_least(stage, SearchPhase::Candidates) {
        let _ = write!(s, "; {} candidates", run.candidates.len());
    }
    if at_least(stage, SearchPhase::Filtered) {
        let _ = write!(s, "; {} results", run.within.len());
    }
    if at_least(stage, SearchPhase::Missed) {
        let _ = write!(
            s,
            "; {} missed points marked with crosses",
            run.missed.len()
        );
    }
    s + "."
}
