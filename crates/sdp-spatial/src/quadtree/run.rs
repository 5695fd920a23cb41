//! Validation and trace building for the quadtree lab.

use super::cities::CITIES;
use super::tree::{InsertReport, QUADRANTS, QuadTree, Rect, Shape, Split, Visit};
use super::{
    Action, BULK_STEPS, CAPACITY_RANGE, CLUSTER_SIGMA_KM, Conversion, DEPTH_RANGE, Distribution,
    Focus, Hit, MAX_ACTIONS, MAX_DETAILED, MAX_POINTS, MAX_QUERIES, MAX_QUERY_STEPS, MAX_RADIUS_KM,
    MAX_SPLIT_STEPS, MIN_BOUNDS_SIZE, NodeRecord, OUTLINE_VERTICES, Outcome, Params, PointCheck,
    PointRecord, QueryCursor, QueryEvent, QueryPhase, QueryRecord, State, Totals, WORLD, World,
    proc_ids,
};
use crate::geo::{DOC_KM_PER_DEGREE, KM_PER_DEGREE_LAT, destination, haversine_km};
use rand::RngExt;
use sdp_core::fmt::{group, percent};
use sdp_core::lab::{LinesRun, Metric, ParamError, Scenario, Step, Trace};
use std::sync::Arc;

/// Errors in the parameters alone.
pub(super) fn validate_params(p: &Params) -> Vec<ParamError> {
    let mut errors = Vec::new();
    if p.points > MAX_POINTS {
        errors.push(ParamError::range(
            "points",
            0,
            MAX_POINTS,
            &p.points.to_string(),
        ));
    }
    let (lo, hi) = CAPACITY_RANGE;
    if !(lo..=hi).contains(&p.capacity) {
        errors.push(ParamError::range(
            "capacity",
            lo,
            hi,
            &p.capacity.to_string(),
        ));
    }
    let (lo, hi) = DEPTH_RANGE;
    if !(lo..=hi).contains(&p.max_depth) {
        errors.push(ParamError::range(
            "max_depth",
            lo,
            hi,
            &p.max_depth.to_string(),
        ));
    }
    if p.detailed > MAX_DETAILED {
        errors.push(ParamError::range(
            "detailed",
            0,
            MAX_DETAILED,
            &p.detailed.to_string(),
        ));
    }
    if let Some(e) = check_bounds(&p.bounds) {
        errors.push(e);
    }
    errors
}

/// Checks the boundary: finite, inside the world, each side at least [`MIN_BOUNDS_SIZE`].
pub(super) fn check_bounds(b: &Rect) -> Option<ParamError> {
    let text = format!("{},{},{},{}", b.min_x, b.min_y, b.max_x, b.max_y);
    let inside = b.is_valid()
        && b.min_x >= WORLD.min_x
        && b.max_x <= WORLD.max_x
        && b.min_y >= WORLD.min_y
        && b.max_y <= WORLD.max_y;
    if !inside || b.width() < MIN_BOUNDS_SIZE || b.height() < MIN_BOUNDS_SIZE {
        Some(ParamError::new(
            "bounds",
            format!(
                "must be min_lng,min_lat,max_lng,max_lat inside −180…180 × −90…90, each side at least {MIN_BOUNDS_SIZE}° (got {})",
                sdp_core::query::shorten(&text)
            ),
        ))
    } else {
        None
    }
}

/// Tracks what actions can see: the boundary, the point count, the number of queries.
pub(super) struct Checker {
    bounds: Rect,
    points: u32,
    queries: usize,
}

impl Checker {
    pub(super) fn new(p: &Params) -> Self {
        Checker {
            bounds: if check_bounds(&p.bounds).is_none() {
                p.bounds
            } else {
                WORLD
            },
            points: p.points.min(MAX_POINTS),
            queries: 0,
        }
    }

    /// Applies `action` if it can apply; otherwise says why.
    pub(super) fn apply(&mut self, field: &str, action: &Action) -> Result<(), ParamError> {
        match *action {
            Action::AddPoint { lng, lat } => {
                let b = self.bounds;
                if !b.contains(lng, lat) {
                    return Err(ParamError::new(
                        field,
                        format!(
                            "point ({lng}, {lat}) is outside the boundary lng {}…{}, lat {}…{}",
                            b.min_x, b.max_x, b.min_y, b.max_y
                        ),
                    ));
                }
                if self.points >= MAX_POINTS {
                    return Err(ParamError::new(
                        field,
                        format!("at most {} points in all", group(u64::from(MAX_POINTS))),
                    ));
                }
                self.points += 1;
            }
            Action::Query {
                lng,
                lat,
                radius_km,
            } => {
                if !(-180.0..=180.0).contains(&lng) {
                    return Err(ParamError::new(
                        field,
                        format!("query longitude must be between -180 and 180 (got {lng})"),
                    ));
                }
                if !(-90.0..=90.0).contains(&lat) {
                    return Err(ParamError::new(
                        field,
                        format!("query latitude must be between -90 and 90 (got {lat})"),
                    ));
                }
                if !(radius_km > 0.0 && radius_km <= MAX_RADIUS_KM) {
                    return Err(ParamError::new(
                        field,
                        format!(
                            "query radius must be more than 0 and at most {MAX_RADIUS_KM} km (got {radius_km})"
                        ),
                    ));
                }
                if self.queries >= MAX_QUERIES {
                    return Err(ParamError::new(
                        field,
                        format!("at most {MAX_QUERIES} queries"),
                    ));
                }
                self.queries += 1;
            }
        }
        Ok(())
    }
}

pub(super) fn validate(s: &Scenario<Params, Action>) -> Vec<ParamError> {
    let mut errors = validate_params(&s.params);
    if s.actions.len() > MAX_ACTIONS {
        errors.push(ParamError::new(
            "actions",
            format!("at most {MAX_ACTIONS} actions"),
        ));
    }
    let mut checker = Checker::new(&s.params);
    for (i, action) in s.actions.iter().enumerate() {
        if let Err(e) = checker.apply(&format!("actions[{i}]"), action) {
            errors.push(e);
        }
    }
    errors
}

/// The seeded points: uniform over the boundary, or clustered around the cities inside it
/// (eight seeded centres when no city is inside). Cluster offsets are Irwin–Hall (sum of three
/// uniforms) with standard deviation [`CLUSTER_SIGMA_KM`] per axis, so no platform `cos`/`ln`
/// is involved.
pub(super) fn generate_points(p: &Params, seed: u64) -> Vec<(f64, f64)> {
    let mut rng = sdp_core::rng::seeded(seed);
    let b = p.bounds;
    let n = p.points.min(MAX_POINTS) as usize;
    let clamp = |x: f64, y: f64| (x.clamp(b.min_x, b.max_x), y.clamp(b.min_y, b.max_y));
    match p.dist {
        Distribution::Uniform => (0..n)
            .map(|_| {
                let (u, v): (f64, f64) = (rng.random(), rng.random());
                clamp(b.min_x + u * b.width(), b.min_y + v * b.height())
            })
            .collect(),
        Distribution::Cities => {
            let mut centres: Vec<(f64, f64, f64)> = CITIES
                .iter()
                .filter(|c| b.contains(c.lng, c.lat))
                .map(|c| (c.lng, c.lat, c.cos_lat))
                .collect();
            if centres.is_empty() {
                centres = (0..8)
                    .map(|_| {
                        let (u, v): (f64, f64) = (rng.random(), rng.random());
                        (b.min_x + u * b.width(), b.min_y + v * b.height(), 1.0)
                    })
                    .collect();
            }
            (0..n)
                .map(|_| {
                    let (cx, cy, cos_lat) = centres[rng.random_range(0..centres.len())];
                    let mut irwin = || {
                        let s: f64 =
                            rng.random::<f64>() + rng.random::<f64>() + rng.random::<f64>();
                        (s - 1.5) * 2.0 * CLUSTER_SIGMA_KM
                    };
                    let (dx_km, dy_km) = (irwin(), irwin());
                    clamp(
                        cx + dx_km / (KM_PER_DEGREE_LAT * cos_lat),
                        cy + dy_km / KM_PER_DEGREE_LAT,
                    )
                })
                .collect()
        }
    }
}

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

pub(super) fn build_trace(s: &Scenario<Params, Action>) -> Trace<State> {
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
            s.push_str(&format!(
                " The leaf was full but {why}, so it keeps {held} points, more than the capacity: this stops identical points from splitting forever."
            ));
        }
        s
    }

    fn query(&mut self, lng: f64, lat: f64, radius_km: f64) {
        let index = self.queries.len() as u32;
        let truth = self.brute_force(lng, lat, radius_km);
        let doc = self.outcome(Conversion::Doc, lng, lat, radius_km, &truth);
        let corrected = self.outcome(Conversion::Corrected, lng, lat, radius_km, &truth);
        let stepped = self.params.conv;
        let shape = stepped.shape(lng, lat, radius_km);
        let events = self.walk_events(&shape);
        let outline = (0..OUTLINE_VERTICES)
            .map(|i| {
                destination(
                    lng,
                    lat,
                    i as f64 * 360.0 / OUTLINE_VERTICES as f64,
                    radius_km,
                )
            })
            .collect();
        let record = QueryRecord {
            lng,
            lat,
            radius_km,
            epoch: self.epoch,
            stepped,
            shape,
            events,
            doc,
            corrected,
            truth,
            scanned: self.points.len() as u32,
            outline,
        };
        self.query_steps(index, &record);
        self.queries.push(record);
    }

    fn brute_force(&self, lng: f64, lat: f64, radius_km: f64) -> Vec<Hit> {
        let mut hits: Vec<Hit> = self
            .points
            .iter()
            .enumerate()
            .map(|(i, p)| Hit {
                point: i as u32,
                km: haversine_km(lng, lat, p.lng, p.lat),
            })
            .filter(|h| h.km <= radius_km)
            .collect();
        sort_hits(&mut hits);
        hits
    }

    fn outcome(
        &self,
        conv: Conversion,
        lng: f64,
        lat: f64,
        radius_km: f64,
        truth: &[Hit],
    ) -> Outcome {
        let shape = conv.shape(lng, lat, radius_km);
        let candidates = self.tree.query(&shape);
        let stats = self.tree.query_stats(&shape);
        let mut results: Vec<Hit> = candidates
            .iter()
            .map(|&p| {
                let pt = &self.points[p as usize];
                Hit {
                    point: p,
                    km: haversine_km(lng, lat, pt.lng, pt.lat),
                }
            })
            .filter(|h| h.km <= radius_km)
            .collect();
        sort_hits(&mut results);
        let mut found = vec![false; self.points.len()];
        for h in &results {
            found[h.point as usize] = true;
        }
        let missed = truth
            .iter()
            .filter(|h| !found[h.point as usize])
            .map(|h| h.point)
            .collect();
        Outcome {
            conv,
            shape,
            stats,
            candidates,
            results,
            missed,
        }
    }

    fn walk_events(&self, shape: &Shape) -> Vec<QueryEvent> {
        let mut events: Vec<QueryEvent> = Vec::new();
        let mut t = Totals::default();
        self.tree.walk(shape, |v| match v {
            Visit::Test {
                node,
                clamp,
                dist2,
                hit,
            } => {
                if hit {
                    t.visited += 1;
                } else {
                    t.pruned += 1;
                }
                events.push(QueryEvent::Test {
                    node,
                    clamp,
                    distance: dist2.sqrt(),
                    hit,
                    totals: t,
                });
            }
            Visit::Check {
                node,
                point,
                dist2,
                inside,
            } => {
                t.checked += 1;
                t.candidates += u32::from(inside);
                let check = PointCheck {
                    point,
                    distance: dist2.sqrt(),
                    candidate: inside,
                };
                match events.last_mut() {
                    Some(QueryEvent::Check {
                        node: n,
                        points,
                        totals,
                    }) if *n == node => {
                        points.push(check);
                        *totals = t;
                    }
                    _ => events.push(QueryEvent::Check {
                        node,
                        points: vec![check],
                        totals: t,
                    }),
                }
            }
        });
        events
    }

    fn query_steps(&mut self, index: u32, q: &QueryRecord) {
        let cursor = |count: usize, phase| {
            Focus::Query(QueryCursor {
                query: index,
                count: count as u32,
                phase,
            })
        };
        let out = q.stepped_outcome();
        let shape_text = match q.stepped {
            Conversion::Doc => format!(
                "The document converts it at ~{DOC_KM_PER_DEGREE} km per degree into a circle of {:.3}° on both axes.",
                q.shape.r
            ),
            Conversion::Corrected => format!(
                "The corrected conversion gives {:.3}° of latitude and {:.3}° of longitude (÷ cos {:.1}°): an ellipse in degrees.",
                q.shape.r,
                q.shape.r / q.shape.x_scale.max(1e-12),
                (q.lat.abs() + q.shape.r).min(90.0)
            ),
        };
        self.push(
            cursor(0, QueryPhase::Start),
            format!(
                "Query: every point within {} km of {}. {shape_text}",
                q.radius_km,
                ll(q.lng, q.lat)
            ),
            LinesRun::new(proc_ids::SEARCH, &[0, 1]),
            query_metrics(q, Totals::default(), None),
        );
        let shown = q.events.len().min(MAX_QUERY_STEPS);
        for (k, event) in q.events.iter().take(shown).enumerate() {
            let (narration, lines) = self.event_sentence(q, event);
            self.push(
                cursor(k + 1, QueryPhase::Walk),
                narration,
                LinesRun::new(proc_ids::QUERY, &lines),
                query_metrics(q, event.totals(), None),
            );
        }
        if q.events.len() > shown {
            let t = out.stats;
            self.push(
                cursor(q.events.len(), QueryPhase::Walk),
                format!(
                    "The remaining {} tests and leaf checks run the same way: in all {} nodes visited, {} pruned, {} points checked, {} candidates.",
                    q.events.len() - shown,
                    t.visited,
                    t.pruned,
                    t.checked,
                    t.found
                ),
                LinesRun::new(proc_ids::QUERY, &[0, 1, 2]),
                query_metrics(q, last_totals(q), None),
            );
        }
        let n = q.events.len();
        self.push(
            cursor(n, QueryPhase::Filter),
            format!(
                "The service measures the {} candidates with the haversine formula: {} are within {} km, nearest first ({} distance computations in all, against {} for a brute-force scan).",
                group(out.candidates.len() as u64),
                group(out.results.len() as u64),
                q.radius_km,
                group(u64::from(out.stats.checked) + out.candidates.len() as u64),
                group(u64::from(q.scanned))
            ),
            LinesRun::new(proc_ids::SEARCH, &[3, 4, 5]),
            query_metrics(q, last_totals(q), Some(QueryPhase::Filter)),
        );
        self.push(
            cursor(n, QueryPhase::Compare),
            compare_sentence(q),
            LinesRun::new(proc_ids::SEARCH, &[0]),
            query_metrics(q, last_totals(q), Some(QueryPhase::Compare)),
        );
    }

    fn event_sentence(&self, q: &QueryRecord, event: &QueryEvent) -> (String, Vec<usize>) {
        let unit = match q.stepped {
            Conversion::Doc => "°",
            Conversion::Corrected => "° (longitude × cos φ)",
        };
        match event {
            QueryEvent::Test {
                node,
                clamp,
                distance,
                hit,
                ..
            } => {
                let n = &self.nodes[*node as usize];
                let name = label_of(&self.nodes, *node);
                let closest = if *distance == 0.0 {
                    "contains the centre, so the distance is 0".to_string()
                } else {
                    format!(
                        "has its closest point to the centre at {} (the centre clamped to the rectangle), {:.3}{unit} away",
                        ll(clamp.0, clamp.1),
                        distance
                    )
                };
                if *hit {
                    let next = if self.is_split_at(*node, q.epoch) {
                        "; recurse into its four children"
                    } else if self.leaf_size_at(*node, q.epoch) > 0 {
                        "; check its points"
                    } else {
                        "; it is an empty leaf"
                    };
                    (
                        format!(
                            "Node {name} (depth {}) {closest} ≤ {:.3}°: it intersects the search shape, so visit it{next}.",
                            n.depth, q.shape.r
                        ),
                        vec![3, 2],
                    )
                } else {
                    (
                        format!(
                            "Node {name} (depth {}) {closest} > {:.3}°: no intersection, so skip it{}.",
                            n.depth,
                            q.shape.r,
                            match self.subtree_points_at(*node, q.epoch) {
                                0 => String::new(),
                                1 => " and its 1 point without measuring it".to_string(),
                                k => format!(" and its {k} points without measuring them"),
                            }
                        ),
                        vec![0, 3],
                    )
                }
            }
            QueryEvent::Check { node, points, .. } => {
                let inside = points.iter().filter(|p| p.candidate).count();
                (
                    format!(
                        "Leaf {} holds {}: {} within {:.3}{unit} of the centre become candidates, {} are outside.",
                        label_of(&self.nodes, *node),
                        plural(points.len(), "point"),
                        inside,
                        q.shape.r,
                        points.len() - inside
                    ),
                    vec![1],
                )
            }
        }
    }

    fn is_split_at(&self, node: u32, epoch: u32) -> bool {
        self.nodes[node as usize].split <= epoch
    }

    fn leaf_size_at(&self, node: u32, epoch: u32) -> usize {
        self.tree.nodes()[node as usize]
            .points
            .iter()
            .filter(|&&p| self.points[p as usize].born <= epoch)
            .count()
    }

    /// Points under `node` at `epoch` (the tree at query time is the live tree).
    fn subtree_points_at(&self, node: u32, epoch: u32) -> usize {
        let mut stack = vec![node];
        let mut total = 0;
        while let Some(at) = stack.pop() {
            if self.is_split_at(at, epoch) {
                if let Some(c) = self.nodes[at as usize].children {
                    stack.extend(c);
                }
            } else {
                total += self.leaf_size_at(at, epoch);
            }
        }
        total
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

fn sort_hits(hits: &mut [Hit]) {
    hits.sort_by(|a, b| a.km.total_cmp(&b.km).then(a.point.cmp(&b.point)));
}

fn last_totals(q: &QueryRecord) -> Totals {
    q.events.last().map(QueryEvent::totals).unwrap_or_default()
}

/// "root", "NE", "NE·SW", …
pub(super) fn label_of(nodes: &[NodeRecord], node: u32) -> String {
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

fn query_metrics(q: &QueryRecord, t: Totals, phase: Option<QueryPhase>) -> Vec<Metric> {
    let out = q.stepped_outcome();
    let mut m = vec![
        Metric::new("visited nodes", f64::from(t.visited), t.visited.to_string()),
        Metric::new("pruned nodes", f64::from(t.pruned), t.pruned.to_string()),
        Metric::new(
            "distance computations",
            f64::from(t.checked),
            format!(
                "{} in the tree vs {} brute force",
                group(u64::from(t.checked)),
                group(u64::from(q.scanned))
            ),
        ),
        Metric::new(
            "candidates",
            f64::from(t.candidates),
            group(u64::from(t.candidates)),
        ),
    ];
    if phase.is_some() {
        m.push(Metric::new(
            "results",
            out.results.len() as f64,
            format!(
                "{} of {} candidates within {} km",
                group(out.results.len() as u64),
                group(out.candidates.len() as u64),
                q.radius_km
            ),
        ));
    }
    if phase == Some(QueryPhase::Compare) {
        let truth = q.truth.len() as u64;
        for o in [&q.doc, &q.corrected] {
            let missed = o.missed.len() as u64;
            m.push(Metric::new(
                match o.conv {
                    Conversion::Doc => "missed: document (111 km/°)",
                    Conversion::Corrected => "missed: corrected (cos φ)",
                },
                missed as f64,
                format!(
                    "{} of {} ({})",
                    group(missed),
                    group(truth),
                    percent(missed, truth)
                ),
            ));
        }
    }
    m
}

fn compare_sentence(q: &QueryRecord) -> String {
    let (d, c) = (&q.doc, &q.corrected);
    let truth = q.truth.len();
    let doc_part = if d.missed.is_empty() {
        format!("the document's {:.3}° circle finds all of them", d.shape.r)
    } else {
        format!(
            "the document's {:.3}° circle finds {} and misses {} (they lie east or west, where a degree of longitude is only {:.1} km here)",
            d.shape.r,
            d.results.len(),
            d.missed.len(),
            KM_PER_DEGREE_LAT * q.lat.to_radians().cos()
        )
    };
    let fixed_part = if c.missed.is_empty() {
        format!(
            "the corrected {:.3}° × {:.3}° ellipse finds all {} with {} candidates",
            c.shape.r / c.shape.x_scale.max(1e-12),
            c.shape.r,
            c.results.len(),
            c.candidates.len()
        )
    } else {
        format!(
            "the corrected ellipse finds {} and misses {} across the ±180° meridian, which the tree does not wrap",
            c.results.len(),
            c.missed.len()
        )
    };
    format!(
        "Brute force: {} haversines find {} points within {} km; {doc_part}; {fixed_part}.",
        group(u64::from(q.scanned)),
        group(truth as u64),
        q.radius_km
    )
}
