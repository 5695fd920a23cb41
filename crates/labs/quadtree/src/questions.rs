//! Predict-then-run questions, answered from the trace: whether an arriving point splits its
//! leaf, which child of the root a point descends into, and whether the document's circle
//! misses points that brute force finds.

use crate::tree::Quadrant;
use crate::{Action, Focus, Params, QueryPhase, State, World};
use sdp_kit::fmt::group;
use sdp_kit::lab::{Scenario, Trace};
use sdp_kit::quiz::Question;

/// The questions on `trace`: the first split, the first point that descends into a child of
/// the root without splitting anything, and each query's comparison with brute force.
pub fn questions(_scenario: &Scenario<Params, Action>, trace: &Trace<State>) -> Vec<Question> {
    let mut out = Vec::new();
    let (mut split_asked, mut child_asked) = (false, false);
    for (k, pair) in trace.steps.windows(2).enumerate() {
        let step = k + 1;
        let (before, now) = (&pair[0].state, &pair[1].state);
        let busy = matches!(before.focus, Focus::Split { .. } | Focus::Cascade { .. });
        let q = match &now.focus {
            Focus::Split { node, arriving, .. } if !split_asked && !busy => {
                split_asked = true;
                split_question(step, &now.world, *node, *arriving)
            }
            Focus::Placed { point, path, .. } if !child_asked && !busy && path.len() >= 2 => {
                child_asked = true;
                child_question(step, &now.world, *point, path)
            }
            Focus::Query(c) if c.phase == QueryPhase::Compare => match &before.focus {
                Focus::Query(b) if b.phase == QueryPhase::Filter && b.query == c.query => {
                    miss_question(step, &now.world, c.query)
                }
                _ => None,
            },
            _ => None,
        };
        out.extend(q);
    }
    out
}

fn quadrant_name(q: Quadrant) -> &'static str {
    match q {
        Quadrant::NW => "NW",
        Quadrant::NE => "NE",
        Quadrant::SW => "SW",
        Quadrant::SE => "SE",
    }
}

/// "Will the leaf this point reaches split?" (it does).
fn split_question(step: usize, world: &World, node: u32, at: (f64, f64)) -> Option<Question> {
    let leaf = world.nodes.get(node as usize)?;
    let r = leaf.rect;
    Some(Question::yes_no(
        step,
        format!(
            "A point at ({:.3}, {:.3}) is inserted next. Will the leaf it reaches split?",
            at.0, at.1
        ),
        true,
        format!(
            "It reaches leaf {} (depth {}), which already holds {} points, its capacity: the leaf splits at its centre (lng {:.3}, lat {:.3}) into four children and its points move down.",
            world.label(node),
            leaf.depth,
            world.capacity,
            f64::midpoint(r.min_x, r.max_x),
            f64::midpoint(r.min_y, r.max_y)
        ),
    ))
}

/// "Which child of the root does this point descend into?"
fn child_question(step: usize, world: &World, point: u32, path: &[u32]) -> Option<Question> {
    let p = world.points.get(point as usize)?;
    let root = world.nodes.first()?;
    let child = world.nodes.get(*path.get(1)? as usize)?;
    let quadrant = child.quadrant?;
    let (mx, my) = (
        f64::midpoint(root.rect.min_x, root.rect.max_x),
        f64::midpoint(root.rect.min_y, root.rect.max_y),
    );
    let order = [Quadrant::NW, Quadrant::NE, Quadrant::SW, Quadrant::SE];
    let answer = order.iter().position(|&q| q == quadrant)?;
    let choices: Vec<&str> = order.iter().map(|&q| quadrant_name(q)).collect();
    let ew = if p.lng >= mx { "≥" } else { "<" };
    let ns = if p.lat >= my { "≥" } else { "<" };
    Some(Question::pick(
        step,
        format!(
            "Point #{point} ({:.3}, {:.3}) is inserted next. The root is split at lng {mx:.3}, lat {my:.3}: which of its children does the point descend into?",
            p.lng, p.lat
        ),
        &choices,
        answer,
        format!(
            "Its longitude {:.3} is {ew} {mx:.3} and its latitude {:.3} is {ns} {my:.3}, so it goes to the root's {} child ({}).",
            p.lng,
            p.lat,
            quadrant_name(quadrant),
            world.label(child_index(path)),
        ),
    ))
}

fn child_index(path: &[u32]) -> u32 {
    path.get(1).copied().unwrap_or(0)
}

/// "Will brute force find points the document's circle missed?"
fn miss_question(step: usize, world: &World, query: u32) -> Option<Question> {
    let q = world.queries.get(query as usize)?;
    let doc = &q.doc;
    let missed = doc.missed.len();
    Some(Question::yes_no(
        step,
        format!(
            "The document's conversion searched a circle of {:.3}° (\"~111 km per degree\") for {} km around ({:.3}, {:.3}). Will a brute-force scan find points within {} km that it missed?",
            doc.shape.r, q.radius_km, q.lng, q.lat, q.radius_km
        ),
        missed > 0,
        format!(
            "Brute force finds {} points within {} km; the document's circle returns {} and misses {}{}. The corrected ellipse returns {}.",
            group(q.truth.len() as u64),
            q.radius_km,
            group(doc.results.len() as u64),
            group(missed as u64),
            if missed > 0 {
                " (east and west of the centre a degree of longitude is shorter than 111 km)"
            } else {
                ""
            },
            group(q.corrected.results.len() as u64),
        ),
    ))
}
