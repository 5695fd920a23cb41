//! `merkle`: both trees, the top-down comparison one hash at a time, the keys of the differing
//! leaves exchanged, and the count against comparing every key.

use crate::merkle::{Tree, Visit, leaf_range, replicas, sync, walk};
use crate::text::proc_ids;
use crate::{Action, MerkleParams, Params, State};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What every step of a `merkle` trace shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MerkleWorld {
    /// The parameters.
    pub params: MerkleParams,
    /// Replica A's versions before the exchange (0: missing).
    pub a: Vec<u32>,
    /// Replica B's.
    pub b: Vec<u32>,
    /// A after it.
    pub synced: Vec<u32>,
    /// B after it.
    pub synced_b: Vec<u32>,
    /// A's tree before.
    pub tree_a: Tree,
    /// B's tree before.
    pub tree_b: Tree,
    /// The comparisons, in order.
    pub visits: Vec<Visit>,
    /// The differing leaves.
    pub leaves: Vec<usize>,
    /// Keys exchanged.
    pub sent: usize,
}

/// A step of `merkle`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MerkleState {
    /// Shared by every step.
    pub world: Arc<MerkleWorld>,
    /// Comparisons made so far.
    pub visited: usize,
    /// Differing leaves already exchanged.
    pub exchanged: usize,
    /// The last step: both trees rebuilt after the exchange.
    pub done: bool,
}

fn short(h: u64) -> String {
    format!("{:04x}", h >> 48)
}

fn range_text(w: &MerkleWorld, node: usize) -> String {
    // The keys under `node`: its leaves' ranges joined.
    let leaves = w.tree_a.leaves;
    let mut lo = node;
    let mut hi = node;
    while lo < leaves {
        lo *= 2;
        hi = 2 * hi + 1;
    }
    let keys = w.a.len();
    let first = leaf_range(lo - leaves, leaves, keys).start;
    let last = leaf_range(hi - leaves, leaves, keys).end;
    format!("keys {first}–{}", last.saturating_sub(1))
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let p = &s.params.merkle;
    let (keys, n_leaves) = (p.keys as usize, p.leaves as usize);
    let (a, b) = replicas(keys, p.diffs as usize, s.seed);
    let tree_a = Tree::build(&a, n_leaves);
    let tree_b = Tree::build(&b, n_leaves);
    let (visits, leaves) = walk(&tree_a, &tree_b);
    let (mut sa, mut sb) = (a.clone(), b.clone());
    let sent = sync(&mut sa, &mut sb, &leaves, n_leaves);
    let world = Arc::new(MerkleWorld {
        params: p.clone(),
        a,
        b,
        synced: sa,
        synced_b: sb,
        tree_a,
        tree_b,
        visits,
        leaves,
        sent,
    });
    let w = &world;
    let metrics = |visited: usize, exchanged: usize| {
        let sent: usize = w.leaves[..exchanged]
            .iter()
            .map(|&l| leaf_range(l, n_leaves, keys).len())
            .sum();
        vec![
            Metric::new("hash comparisons", visited as f64, visited.to_string()),
            Metric::new("full scan: key comparisons", keys as f64, keys.to_string()),
            Metric::new("keys exchanged", sent as f64, sent.to_string()),
            Metric::new(
                "differing leaves",
                w.leaves.len() as f64,
                format!("{} of {n_leaves}", w.leaves.len()),
            ),
        ]
    };
    let step = |visited, exchanged, done, narration: String, lines: &[usize]| Step {
        state: State::Merkle(MerkleState {
            world: Arc::clone(w),
            visited,
            exchanged,
            done,
        }),
        narration,
        lines: LinesRun::new(proc_ids::MERKLE, lines),
        metrics: metrics(visited, exchanged),
    };
    let differ = w.a.iter().zip(&w.b).filter(|(x, y)| x != y).count();
    let mut steps = vec![step(
        0,
        0,
        false,
        format!(
            "Replicas A and B each hash {keys} keys into {n_leaves} leaves and pairs of children into parents; {differ} key(s) differ."
        ),
        &[0, 1],
    )];
    for (i, v) in w.visits.iter().enumerate() {
        let (ha, hb) = (w.tree_a.hashes[v.node], w.tree_b.hashes[v.node]);
        let what = if v.node == 1 {
            "the roots".to_string()
        } else {
            format!("node {} ({})", v.node, range_text(w, v.node))
        };
        let verdict = if v.equal {
            "equal, so nothing below needs a look".to_string()
        } else if v.node >= n_leaves {
            "different: this leaf's keys will be exchanged".to_string()
        } else {
            "different: descend into both children".to_string()
        };
        steps.push(step(
            i + 1,
            0,
            false,
            format!(
                "Compare {what}: A {} vs B {} — {verdict}.",
                short(ha),
                short(hb)
            ),
            &[2, 3],
        ));
    }
    let visited = w.visits.len();
    for (j, &leaf) in w.leaves.iter().enumerate() {
        let r = leaf_range(leaf, n_leaves, keys);
        let fixed: Vec<String> = r
            .clone()
            .filter(|&k| w.a[k] != w.b[k])
            .map(|k| format!("k{k} → v{}", w.synced[k]))
            .collect();
        steps.push(step(
            visited,
            j + 1,
            false,
            format!(
                "Leaf {leaf}: exchange keys {}–{} ({} keys); the newer version wins: {}.",
                r.start,
                r.end.saturating_sub(1),
                r.len(),
                fixed.join(", ")
            ),
            &[4],
        ));
    }
    let same = Tree::build(&w.synced, n_leaves) == Tree::build(&w.synced_b, n_leaves);
    steps.push(step(
        visited,
        w.leaves.len(),
        true,
        format!(
            "Rebuilt, the trees are identical{}: {visited} hash comparisons and {} keys sent, against {keys} key comparisons for a full scan.",
            if same { "" } else { " (not!)" },
            w.sent
        ),
        &[4],
    ));
    Trace { steps }
}
