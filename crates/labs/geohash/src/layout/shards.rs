//! Shards mode's drawing: how far each rule has got, what the maps frame, and the shard-size
//! choropleth's buckets.

use super::frame::{bbox_of_points, near, union};
use crate::codec::{BBox, Cell};
use crate::sharding::ShardRule;
use crate::{ShardPhase, ShardQueryRun, ShardState};

/// Buckets of the shard-size choropleth.
pub const BUCKETS: usize = 5;

/// How far rule `r` has got at this step.
pub fn stage(s: &ShardState, r: usize) -> Option<ShardPhase> {
    match (s.phase, s.rule) {
        (ShardPhase::Compare, _) => Some(ShardPhase::Missed),
        (_, Some(cur)) if r < cur => Some(ShardPhase::Missed),
        (ph, Some(cur)) if r == cur => Some(ph),
        (ShardPhase::Home, None) => Some(ShardPhase::Home),
        _ => None,
    }
}

/// True when a rule at `stage` has reached phase `p`.
pub fn at_least(stage: Option<ShardPhase>, p: ShardPhase) -> bool {
    stage.is_some_and(|s| s as u8 >= p as u8)
}

/// A rule's heading.
pub fn rule_name(rule: ShardRule) -> &'static str {
    match rule {
        ShardRule::F0 => "F0: centre shard, + 8 neighbours if radius > 50 km",
        ShardRule::Corrected => "Corrected: every shard the circle touches",
    }
}

/// The region framed at a step: the home shard and the queried shards while they are chosen
/// and searched; the circle alone once the misses show (they sit along its edge).
pub fn shards_fit(q: &ShardQueryRun, rule: Option<usize>, phase: ShardPhase) -> BBox {
    let c = q.centre;
    let circle = bbox_of_points(&q.circle).unwrap_or(q.home.bbox());
    match phase {
        ShardPhase::Missed | ShardPhase::Compare => circle,
        _ => {
            let mut b = union(circle, near(q.home.bbox(), c.lng));
            if let Some(run) = rule.and_then(|r| q.runs.get(r)) {
                for cell in &run.shards {
                    b = union(b, near(cell.bbox(), c.lng));
                }
            }
            b
        }
    }
}

/// The choropleth: the shards of each of [`BUCKETS`] buckets of log(count), lightest first,
/// with the bucket's fill opacity.
pub fn choropleth(shards: &[(Cell, u32)]) -> Vec<(f64, Vec<BBox>)> {
    let max = f64::from(shards.iter().map(|x| x.1).max().unwrap_or(1).max(1));
    (0..BUCKETS)
        .map(|bucket| {
            let cells = shards
                .iter()
                .filter(|(_, n)| {
                    let f = (f64::from(*n) + 1.0).ln() / (max + 1.0).ln();
                    ((f * BUCKETS as f64).floor() as usize).min(BUCKETS - 1) == bucket
                })
                .map(|(c, _)| c.bbox())
                .collect();
            (0.08 + 0.1 * bucket as f64, cells)
        })
        .collect()
}
