//! The tree panel's numbers: per-node aggregates at an epoch (points, nodes and height of each
//! subtree), the node a step expands down to, and what the query made of each node so far.

use super::plane::{alive_nodes, alive_points};
use crate::{Focus, QueryEvent, State, World};
use std::collections::HashMap;

/// Per-node aggregates at one epoch (indexed by node id; only alive nodes).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeStats {
    /// Points in the node's subtree.
    pub points: Vec<u32>,
    /// Nodes in the subtree, itself included.
    pub nodes: Vec<u32>,
    /// Levels below the node (0 for a leaf).
    pub height: Vec<u8>,
}

/// The leaf each point lands in once every split of the scenario has happened (computed once
/// per trace). At an earlier epoch a point sits in an ancestor of that leaf, so subtree counts at
/// any epoch follow from these without walking the tree again.
pub fn final_leaves(w: &World) -> Vec<u32> {
    w.points
        .iter()
        .map(|p| {
            let mut at = 0usize;
            while let Some(children) = w.nodes.get(at).and_then(|n| n.children.map(|c| (n, c))) {
                let (n, c) = children;
                at = c[n.rect.quadrant_of(p.lng, p.lat).index()] as usize;
            }
            at as u32
        })
        .collect()
}

/// Aggregates every alive node at `epoch`, from [`final_leaves`]: O(points + nodes).
pub fn node_stats_with(w: &World, epoch: u32, leaves: &[u32]) -> NodeStats {
    let alive = alive_nodes(w, epoch);
    let total = w.nodes.len();
    let mut all = vec![0u32; total];
    for &leaf in leaves.iter().take(alive_points(w, epoch)) {
        if let Some(c) = all.get_mut(leaf as usize) {
            *c += 1;
        }
    }
    for i in (1..total).rev() {
        if let Some(p) = w.nodes[i].parent.map(|p| p as usize).filter(|&p| p < i) {
            all[p] += all[i];
        }
    }
    all.truncate(alive);
    let mut nodes = vec![1u32; alive];
    let mut height = vec![0u8; alive];
    for i in (1..alive).rev() {
        if let Some(p) = w.nodes[i].parent.map(|p| p as usize).filter(|&p| p < alive) {
            nodes[p] += nodes[i];
            height[p] = height[p].max(height[i].saturating_add(1));
        }
    }
    NodeStats {
        points: all,
        nodes,
        height,
    }
}

/// Aggregates every alive node at `epoch` (computes the final leaves first).
pub fn node_stats(w: &World, epoch: u32) -> NodeStats {
    node_stats_with(w, epoch, &final_leaves(w))
}

/// The node the panel expands down to for a step, if any.
pub fn focus_node(s: &State) -> Option<u32> {
    match &s.focus {
        Focus::Split { node, .. } => Some(*node),
        Focus::Cascade { nodes, .. } => nodes.last().copied(),
        Focus::Placed { path, .. } => path.last().copied(),
        Focus::Query(c) => s.query().and_then(|(q, _)| {
            let i = (c.count as usize).checked_sub(1)?;
            match q.events.get(i)? {
                QueryEvent::Test { node, .. } | QueryEvent::Check { node, .. } => Some(*node),
            }
        }),
        Focus::Start | Focus::Bulk { .. } => None,
    }
}

/// Nodes from the root to `node`.
pub fn path_to(w: &World, node: u32) -> Vec<u32> {
    let mut path = vec![node];
    let mut at = node;
    while let Some(p) = w.nodes.get(at as usize).and_then(|n| n.parent) {
        path.push(p);
        at = p;
        if path.len() > 64 {
            break;
        }
    }
    path.reverse();
    path
}

/// What the query has made of each node so far: `true` visited, `false` pruned.
pub fn node_marks(s: &State) -> HashMap<u32, bool> {
    let mut marks = HashMap::new();
    if let Some((q, c)) = s.query() {
        for e in q.events.iter().take(c.count as usize) {
            if let QueryEvent::Test { node, hit, .. } = e {
                marks.insert(*node, *hit);
            }
        }
    }
    marks
}
