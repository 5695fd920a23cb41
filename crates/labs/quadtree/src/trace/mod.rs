//! The trace builder of the quadtree lab: the seeded inserts (one step each, then in bulk
//! steps), the learner's points, and the radius queries ([`query`]).

mod points;
mod query;

pub(crate) use points::generate_points;

use crate::tree::{InsertReport, QUADRANTS, QuadTree, Split};
use crate::{
    Action, BULK_STEPS, Distribution, Focus, MAX_SPLIT_STEPS, NodeRecord, Params, PointRecord,
    QueryRecord, State, World, proc_ids,
};
use sdp_kit::fmt::group;
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use std::fmt::Write as _;
use std::sync::Arc;

/// A step before the shared [`World`] is complete.
struct Draft {
    epoch: u32,
    focus: Focus,
    narration: String,
    lines: LinesRun,
    metrics: Vec<Metric>,
}

struct Builder {
    params: Params,
    tree: QuadTree,
    epoch: u32,
    nodes: Vec<NodeRecord>,
    points: Vec<PointRecord>,
    queries: Vec<QueryRecord>,
    leaves: u32,
    depth: u8,
    overflow_leaves: u32,
    drafts: Vec<Draft>,
}

pub(crate) fn build_trace(s: &Scenario<Params, Action>) -> Trace<State> {
    let p = &s.params;
    let Ok(tree) = QuadTree::new(p.bounds, p.capacity as usize, p.max_depth) else {
        return Trace { steps: Vec::new() };
    };
    let mut b = Builder {
        params: p.clone(),
        tree,
        epoch: 0,
        nodes: vec![NodeRecord {
            rect: p.bounds,
            depth: 0,
            parent: None,
            quadrant: None,
            children: None,
            born: 0,
            split: u32::MAX,
        }],
        points: Vec::new(),
        queries: Vec::new(),
        leaves: 1,
        depth: 0,
        overflow_leaves: 0,
        drafts: Vec::new(),
    };
    b.start(&generate_points(p, s.seed));
    for action in &s.actions {
        match *action {
            Action::AddPoint { lng, lat } => b.insert_detailed(lng, lat, true),
            Action::Query {
                lng,
                lat,
                radius_km,
            } => b.query(lng, lat, radius_km),
        }
    }
    b.finish()
}

fn ll(x: f64, y: f64) -> String {
    format!("({x:.3}, {y:.3})")
}

impl Builder {
    fn start(&mut self, seeded: &[(f64, f64)]) {
        let b = self.params.bounds;
        let narration = format!(
            "An empty quadtree: the root covers lng {}…{} × lat {}…{}; a leaf holds up to {} points; leaves at depth {} never split. {} seeded points ({}) will be inserted.",
            b.min_x,
            b.max_x,
            b.min_y,
            b.max_y,
            self.params.capacity,
            self.params.max_depth,
            group(seeded.len() as u64),
            match self.params.dist {
                Distribution::Cities => "clustered around cities",
                Distribution::Uniform => "uniform",
            }
        );
        self.push(Focus::Start, narration, LinesRun::default(), Vec::new());
        let detailed = (self.params.detailed as usize).min(seeded.len());
        for &(x, y) in &seeded[..detailed] {
            self.insert_detailed(x, y, false);
        }
        let rest = &seeded[detailed..];
        if rest.is_empty() {
            return;
        }
        let chunk = rest.len().div_ceil(BULK_STEPS as usize);
        for part in rest.chunks(chunk) {
            let from = self.points.len() as u32;
            let splits_before = self.nodes.len();
            for &(x, y) in part {
                if let Ok(report) = self.tree.insert_traced(x, y) {
                    self.record_splits(&report.splits);
                    self.place(&report, false);
                }
            }
            let to = self.points.len() as u32;
            let splits = (self.nodes.len() - splits_before) / 4;
            let narration = format!(
                "Points #{from}–#{} are inserted the same way ({} subdivisions): the tree now has {} nodes, {} leaves, depth {}.",
                to.saturating_sub(1),
                group(splits as u64),
                group(self.nodes.len() as u64),
                group(u64::from(self.leaves)),
                self.depth
            );
            self.push(
                Focus::Bulk { from, to },
                narration,
                LinesRun::new(proc_ids::INSERT, &[0, 1, 2, 3, 4]),
                Vec::new(),
            );
        }
    }

    /// Records the subdivisions of one insert (one epoch each).
    fn record_splits(&mut self, splits: &[Split]) {
        for split in splits {
            self.epoch += 1;
            let parent = split.node;
            let (rect, depth) = {
                let n = &mut self.nodes[parent as usize];
                n.split = self.epoch;
                n.children = Some(split.children);
                (n.rect, n.depth + 1)
            };
            for q in QUADRANTS {
                self.nodes.push(NodeRecord {
                    rect: rect.child(q),
                    depth,
                    parent: Some(parent),
                    quadrant: Some(q),
                    children: None,
                    born: self.epoch,
                    split: u32::MAX,
                });
            }
            self.leaves += 3;
            self.depth = self.depth.max(depth);
        }
    }

    /// Records the placement of a point (one epoch).
    fn place(&mut self, report: &InsertReport, user: bool) {
        self.epoch += 1;
        let (x, y) = self
            .tree
            .points()
            .get(report.id as usize)
            .copied()
            .unwrap_or_default();
        self.points.push(PointRecord {
            lng: x,
            lat: y,
            born: self.epoch,
            user,
        });
        if report.overflow {
            let leaf = report.path.last().copied().unwrap_or(0);
            let held = self.tree.nodes()[leaf as usize].points.len();
            if held == self.params.capacity as usize + 1 {
                self.overflow_leaves += 1;
            }
        }
    }

    fn insert_detailed(&mut self, x: f64, y: f64, user: bool) {
        let Ok(report) = self.tree.insert_traced(x, y) else {
            return;
        };
        let id = report.id;
        let total = report.splits.len();
        for (i, split) in report.splits.iter().enumerate() {
            self.record_splits(std::slice::from_ref(split));
            if i < MAX_SPLIT_STEPS {
                let narration = self.split_sentence(id, split, (x, y));
                self.push(
                    Focus::Split {
                        node: split.node,
                        moved: split.moved.clone(),
                        arriving: (x, y),
                    },
                    narration,
                    LinesRun::new(proc_ids::SUBDIVIDE, &[0, 1, 2, 3, 4, 5]),
                    Vec::new(),
                );
            } else if i + 1 == total {
                let nodes: Vec<u32> = report.splits[MAX_SPLIT_STEPS..]
                    .iter()
                    .map(|s| s.node)
                    .collect();
                let narration = format!(
                    "The cascade goes on: {} more subdivisions, down to {} at depth {}, because point #{id} and the points already there are (nearly) identical.",
                    nodes.len(),
                    label_of(&self.nodes, split.node),
                    self.nodes[split.node as usize].depth + 1
                );
                self.push(
                    Focus::Cascade {
                        nodes,
                        arriving: (x, y),
                    },
                    narration,
                    LinesRun::new(proc_ids::SUBDIVIDE, &[0, 5]),
                    Vec::new(),
                );
            }
        }
        self.place(&report, user);
        let narration = self.placed_sentence(&report);
        let lines = if report.path.len() > 1 {
            vec![1, 4]
        } else {
            vec![1]
        };
        let on_split_line = split_line_sentence(&self.nodes, &report.path, x, y).is_some();
        self.push(
            Focus::Placed {
                point: id,
                path: report.path.clone(),
                overflow: report.overflow,
                on_split_line,
            },
            narration,
            LinesRun::new(proc_ids::INSERT, &lines),
            Vec::new(),
        );
    }

    fn split_sentence(&self, id: u32, split: &Split, arriving: (f64, f64)) -> String {
        let node = &self.nodes[split.node as usize];
        let (mx, my) = node.rect.mid();
        let mut counts = [0u32; 4];
        for &(_, q) in &split.moved {
            counts[q.index()] += 1;
        }
        let spread: Vec<String> = QUADRANTS
            .iter()
            .filter(|q| counts[q.index()] > 0)
            .map(|q| format!("{} → {}", counts[q.index()], q.as_str()))
            .collect();
        let q_new = node.rect.quadrant_of(arriving.0, arriving.1);
        let again = if counts[q_new.index()] as usize >= self.params.capacity as usize {
            format!(
                " The new point also belongs in {}, which is full again, so it splits in turn.",
                q_new.as_str()
            )
        } else {
            String::new()
        };
        format!(
            "Point #{id} {} reaches leaf {} (depth {}), which already holds {} of {}: it subdivides at lng {mx:.3}, lat {my:.3} into NW, NE, SW, SE and its points move down ({}).{again}",
            ll(arriving.0, arriving.1),
            label_of(&self.nodes, split.node),
            node.depth,
            split.moved.len(),
            self.params.capacity,
            spread.join(", ")
        )
    }

    fn placed_sentence(&self, report: &InsertReport) -> String {
        let Some(&leaf) = report.path.last() else {
            return String::new();
        };
        let (x, y) = self
            .tree
            .points()
            .get(report.id as usize)
            .copied()
            .unwrap_or_default();
        let route: Vec<String> = report
            .path
            .iter()
            .map(|&n| label_of(&self.nodes, n))
            .collect();
        let held = self.tree.nodes()[leaf as usize].points.len();
        let mut s = if report.path.len() > 1 {
            format!(
                "Point #{} {} descends {} and is added to leaf {} (depth {}), now holding {} of {}.",
                report.id,
                ll(x, y),
                route.join(" → "),
                label_of(&self.nodes, leaf),
                self.nodes[leaf as usize].depth,
                held,
                self.params.capacity
            )
        } else {
            format!(
                "Point #{} {} is added to the root, which has room ({} of {}).",
                report.id,
                ll(x, y),
                held,
                self.params.capacity
            )
        };
        if let Some(extra) = split_line_sentence(&self.nodes, &report.path, x, y) {
            s.push(' ');
            s.push_str(&extra);
        }
        if report.overflow {
            let node = &self.nodes[leaf as usize];
            let why = if node.depth >= self.params.max_depth {
                format!("it is at the maximum depth {}", self.params.max_depth)
            } else {
                "it is too small to halve in floating point".to_string()
            };
            let _ = write!(
                s,
                " The leaf was full but {why}, so it keeps {held} points, more than the capacity: this stops identical points from splitting forever."
            );
        }
        s
    }

    fn tree_metrics(&self) -> Vec<Metric> {
        let nodes = self.nodes.len() as u64;
        let mut m = vec![
            Metric::new(
                "points",
                self.points.len() as f64,
                group(self.points.len() as u64),
            ),
            Metric::new(
                "nodes",
                nodes as f64,
                format!(
                    "{} ({} leaves)",
                    group(nodes),
                    group(u64::from(self.leaves))
                ),
            ),
            Metric::new(
                "tree depth",
                f64::from(self.depth),
                format!("{} (max {})", self.depth, self.params.max_depth),
            ),
        ];
        if self.overflow_leaves > 0 {
            m.push(Metric::new(
                "over-capacity leaves",
                f64::from(self.overflow_leaves),
                format!(
                    "{} (at max depth, more than {} points)",
                    self.overflow_leaves, self.params.capacity
                ),
            ));
        }
        m
    }

    fn push(&mut self, focus: Focus, narration: String, lines: LinesRun, extra: Vec<Metric>) {
        let mut metrics = self.tree_metrics();
        metrics.extend(extra);
        self.drafts.push(Draft {
            epoch: self.epoch,
            focus,
            narration,
            lines,
            metrics,
        });
    }

    fn finish(self) -> Trace<State> {
        let world = Arc::new(World {
            bounds: self.params.bounds,
            capacity: self.params.capacity,
            max_depth: self.params.max_depth,
            nodes: self.nodes,
            points: self.points,
            queries: self.queries,
        });
        let steps = self
            .drafts
            .into_iter()
            .map(|d| Step {
                state: State {
                    world: world.clone(),
                    epoch: d.epoch,
                    focus: d.focus,
                },
                narration: d.narration,
                lines: d.lines,
                metrics: d.metrics,
            })
            .collect();
        Trace { steps }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// "root", "NE", "NE·SW", …
pub(crate) fn label_of(nodes: &[NodeRecord], node: u32) -> String {
    let mut parts = Vec::new();
    let mut at = node;
    while let Some(n) = nodes.get(at as usize) {
        match (n.quadrant, n.parent) {
            (Some(q), Some(p)) => {
                parts.push(q.as_str());
                at = p;
            }
            _ => break,
        }
    }
    if parts.is_empty() {
        "root".to_string()
    } else {
        parts.reverse();
        parts.join("·")
    }
}

/// A sentence when the point lies exactly on a split line of a node on its path.
#[allow(
    clippy::float_cmp,
    reason = "exactly on the line is the rule being narrated"
)]
fn split_line_sentence(nodes: &[NodeRecord], path: &[u32], x: f64, y: f64) -> Option<String> {
    let inner = path.len().saturating_sub(1);
    for &n in &path[..inner] {
        let rect = nodes.get(n as usize)?.rect;
        let (mx, my) = rect.mid();
        let on_x = x == mx;
        let on_y = y == my;
        if on_x || on_y {
            let line = match (on_x, on_y) {
                (true, true) => format!(
                    "both split lines of {} (lng {mx}, lat {my})",
                    label_of(nodes, n)
                ),
                (true, false) => format!("the split line lng = {mx} of {}", label_of(nodes, n)),
                _ => format!("the split line lat = {my} of {}", label_of(nodes, n)),
            };
            let dir = match (on_x, on_y) {
                (true, true) => "east and north, into NE",
                (true, false) => "east",
                _ => "north",
            };
            return Some(format!(
                "It lies exactly on {line}; the rule x ≥ mid → east, y ≥ mid → north (not in the document) sends it {dir}, so it is in exactly one child."
            ));
        }
    }
    None
}
