//! What a query step made of each point (candidate, checked outside, result, beyond the
//! radius, missed), from which the plane draws its marks.

use crate::{Outcome, QueryEvent, QueryPhase, QueryRecord};
use std::collections::HashSet;

/// Above this many marked points a query's marks are pixels instead of vector shapes.
pub const MANY_MARKS: usize = 1500;

/// What a query made of a point (drawn with a shape per kind).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Inside the search shape (walk).
    Candidate,
    /// Checked and outside the shape (walk).
    Outside,
    /// Within the radius by haversine.
    Result,
    /// A candidate beyond the radius.
    Beyond,
    /// Truly within the radius but never returned.
    Missed,
}

/// The marked points of a query step: the walk's checked points, or an outcome's results,
/// candidates beyond the radius and missed points.
pub fn query_marks(
    q: &QueryRecord,
    count: usize,
    phase: QueryPhase,
    o: &Outcome,
) -> Vec<(u32, Mark)> {
    match phase {
        QueryPhase::Start => Vec::new(),
        QueryPhase::Walk => q.events[..count.min(q.events.len())]
            .iter()
            .filter_map(|e| match e {
                QueryEvent::Check { points, .. } => Some(points),
                QueryEvent::Test { .. } => None,
            })
            .flatten()
            .map(|c| {
                (
                    c.point,
                    if c.candidate {
                        Mark::Candidate
                    } else {
                        Mark::Outside
                    },
                )
            })
            .collect(),
        QueryPhase::Filter | QueryPhase::Compare => {
            let results: HashSet<u32> = o.results.iter().map(|h| h.point).collect();
            let mut marks: Vec<(u32, Mark)> = o
                .candidates
                .iter()
                .filter(|c| !results.contains(c))
                .map(|&c| (c, Mark::Beyond))
                .collect();
            marks.extend(o.results.iter().map(|h| (h.point, Mark::Result)));
            // Missed points belong to the comparison with brute force (the last step).
            if phase == QueryPhase::Compare {
                marks.extend(o.missed.iter().map(|&m| (m, Mark::Missed)));
            }
            marks
        }
    }
}
