//! A point quadtree exactly as F0 Q15 describes it (catalogue M2.5), as a plain, fast structure.
//!
//! * Every node has a boundary rectangle; points live only in leaves. A leaf holds up to
//!   `capacity` points; the next point splits it into four equal children (NW, NE, SW, SE) and
//!   all its points move down.
//! * **Split-line rule** (not in the source): a point with `x ≥ mid_x` goes east, `y ≥ mid_y`
//!   goes north, so a point on a split line lands in exactly one child.
//! * **Identical points** (not in the source): a leaf at `max_depth` (or too small to halve in
//!   floating point) never splits and keeps every point it receives, even beyond `capacity`;
//!   without this, more than `capacity` identical points would recurse forever.
//! * The radius query prunes a node when the closest point of its rectangle to the centre (the
//!   centre clamped to the rectangle) is farther than the radius. A query shape has an `x_scale`
//!   so the same test handles the corrected km→degree conversion (an ellipse in degrees).
//!
//! ```
//! use sdp_lab_quadtree::tree::{QuadTree, Rect, Shape};
//! let mut t = QuadTree::new(Rect::new(0.0, 0.0, 100.0, 100.0), 2, 8).unwrap();
//! for (x, y) in [(10.0, 10.0), (80.0, 80.0), (12.0, 14.0), (50.0, 50.0)] {
//!     t.insert(x, y).unwrap();
//! }
//! let mut found = t.query(&Shape::circle(11.0, 11.0, 5.0));
//! found.sort();
//! assert_eq!(found, vec![0, 2]);
//! ```

use sdp_kit::lab::ParamError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Deepest `max_depth` the plain structure accepts (f64 halves stop being exact long before).
pub const MAX_TREE_DEPTH: u8 = 60;

/// An axis-aligned rectangle, edges included. In the lab: x = longitude, y = latitude (degrees),
/// north up.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rect {
    /// West edge.
    pub min_x: f64,
    /// South edge.
    pub min_y: f64,
    /// East edge.
    pub max_x: f64,
    /// North edge.
    pub max_y: f64,
}

/// The four children of a split node, in the document's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Quadrant {
    /// Upper-left: `x < mid_x`, `y ≥ mid_y`.
    NW,
    /// Upper-right: `x ≥ mid_x`, `y ≥ mid_y`.
    NE,
    /// Lower-left: `x < mid_x`, `y < mid_y`.
    SW,
    /// Lower-right: `x ≥ mid_x`, `y < mid_y`.
    SE,
}

/// The quadrants in child order (index 0–3 of [`Node::children`]).
pub const QUADRANTS: [Quadrant; 4] = [Quadrant::NW, Quadrant::NE, Quadrant::SW, Quadrant::SE];

impl Quadrant {
    /// Child index 0–3.
    pub fn index(self) -> usize {
        self as usize
    }

    /// "NW", "NE", "SW" or "SE".
    pub fn as_str(self) -> &'static str {
        match self {
            Quadrant::NW => "NW",
            Quadrant::NE => "NE",
            Quadrant::SW => "SW",
            Quadrant::SE => "SE",
        }
    }
}

impl Rect {
    /// The rectangle `[min_x, max_x] × [min_y, max_y]`.
    pub const fn new(min_x: f64, min_y: f64, max_x: f64, max_y: f64) -> Self {
        Rect {
            min_x,
            min_y,
            max_x,
            max_y,
        }
    }

    /// Width (the document's `width`).
    pub fn width(&self) -> f64 {
        self.max_x - self.min_x
    }

    /// Height (the document's `height`).
    pub fn height(&self) -> f64 {
        self.max_y - self.min_y
    }

    /// Finite, with positive width and height.
    pub fn is_valid(&self) -> bool {
        [self.min_x, self.min_y, self.max_x, self.max_y]
            .iter()
            .all(|v| v.is_finite())
            && self.min_x < self.max_x
            && self.min_y < self.max_y
            && self.width().is_finite()
            && self.height().is_finite()
    }

    /// True when `(x, y)` is inside or on an edge (false for NaN).
    pub fn contains(&self, x: f64, y: f64) -> bool {
        self.min_x <= x && x <= self.max_x && self.min_y <= y && y <= self.max_y
    }

    /// The split point `(mid_x, mid_y)`.
    pub fn mid(&self) -> (f64, f64) {
        (
            0.5 * self.min_x + 0.5 * self.max_x,
            0.5 * self.min_y + 0.5 * self.max_y,
        )
    }

    /// True when both midpoints fall strictly inside (false once halving no longer works in
    /// floating point).
    pub fn can_halve(&self) -> bool {
        let (mx, my) = self.mid();
        self.min_x < mx && mx < self.max_x && self.min_y < my && my < self.max_y
    }

    /// The child quadrant of `(x, y)`: `x ≥ mid_x` → east, `y ≥ mid_y` → north.
    pub fn quadrant_of(&self, x: f64, y: f64) -> Quadrant {
        let (mx, my) = self.mid();
        match (x >= mx, y >= my) {
            (false, true) => Quadrant::NW,
            (true, true) => Quadrant::NE,
            (false, false) => Quadrant::SW,
            (true, false) => Quadrant::SE,
        }
    }

    /// The rectangle of child `q`.
    pub fn child(&self, q: Quadrant) -> Rect {
        let (mx, my) = self.mid();
        match q {
            Quadrant::NW => Rect::new(self.min_x, my, mx, self.max_y),
            Quadrant::NE => Rect::new(mx, my, self.max_x, self.max_y),
            Quadrant::SW => Rect::new(self.min_x, self.min_y, mx, my),
            Quadrant::SE => Rect::new(mx, self.min_y, self.max_x, my),
        }
    }

    /// The point of the rectangle closest to `(x, y)`: each coordinate clamped to the edges.
    pub fn clamp(&self, x: f64, y: f64) -> (f64, f64) {
        (
            x.clamp(self.min_x, self.max_x),
            y.clamp(self.min_y, self.max_y),
        )
    }
}

/// A query region: the points with `(x_scale·(x − cx))² + (y − cy)² ≤ r²`. With `x_scale = 1`
/// it is the document's circle; with `x_scale = cos φ` it is the corrected ellipse in degrees.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Shape {
    /// Centre x.
    pub cx: f64,
    /// Centre y.
    pub cy: f64,
    /// Radius, in y units.
    pub r: f64,
    /// Factor applied to x differences (0–1; 1 for a circle).
    pub x_scale: f64,
}

impl Shape {
    /// A circle of radius `r` around `(cx, cy)`.
    pub fn circle(cx: f64, cy: f64, r: f64) -> Self {
        Shape {
            cx,
            cy,
            r,
            x_scale: 1.0,
        }
    }

    /// The squared radius; `−∞` for a negative or NaN radius (nothing matches).
    pub fn r2(&self) -> f64 {
        if self.r >= 0.0 {
            self.r * self.r
        } else {
            f64::NEG_INFINITY
        }
    }

    /// Squared scaled distance from the centre to `(x, y)`.
    pub fn dist2(&self, x: f64, y: f64) -> f64 {
        let dx = self.x_scale * (x - self.cx);
        let dy = y - self.cy;
        dx * dx + dy * dy
    }

    /// True when `(x, y)` is inside or on the boundary.
    pub fn contains(&self, x: f64, y: f64) -> bool {
        self.dist2(x, y) <= self.r2()
    }
}

/// One node of the tree.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// Boundary.
    pub rect: Rect,
    /// Depth (root = 0).
    pub depth: u8,
    /// Parent node, `None` for the root.
    pub parent: Option<u32>,
    /// Children NW, NE, SW, SE once split.
    pub children: Option<[u32; 4]>,
    /// Point ids held (leaves only; emptied when the node splits).
    pub points: Vec<u32>,
}

/// Why a point was not inserted (the document's "If point outside this node's boundary → reject").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InsertError {
    /// The point lies outside the root boundary (or is NaN).
    Outside,
}

impl fmt::Display for InsertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the point is outside the tree's boundary")
    }
}

impl std::error::Error for InsertError {}

/// One subdivision during an insert.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Split {
    /// The node that split.
    pub node: u32,
    /// Its new children NW, NE, SW, SE.
    pub children: [u32; 4],
    /// Each point that moved down and the quadrant it went to.
    pub moved: Vec<(u32, Quadrant)>,
}

/// What one insert did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InsertReport {
    /// Id of the new point (insertion order).
    pub id: u32,
    /// Nodes from the root to the leaf that took the point.
    pub path: Vec<u32>,
    /// Subdivisions this insert caused, in order (a cascade when the moved points all land in one
    /// child).
    pub splits: Vec<Split>,
    /// True when the leaf already held `capacity` points and could not split (max depth or too
    /// small), so it now holds more than `capacity`.
    pub overflow: bool,
}

/// What a query walk reports, in depth-first order (children NW, NE, SW, SE).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Visit {
    /// The circle–rectangle test on a node.
    Test {
        /// The node.
        node: u32,
        /// The centre clamped to the node's rectangle.
        clamp: (f64, f64),
        /// Squared scaled distance from the centre to `clamp`.
        dist2: f64,
        /// True when `dist2 ≤ r²` (visit); false prunes the node and its subtree.
        hit: bool,
    },
    /// A point of a visited leaf checked against the shape.
    Check {
        /// The leaf.
        node: u32,
        /// The point.
        point: u32,
        /// Squared scaled distance from the centre.
        dist2: f64,
        /// True when inside the shape (a candidate).
        inside: bool,
    },
}

/// Counts of one query.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryStats {
    /// Nodes whose rectangle intersects the shape.
    pub visited: u32,
    /// Nodes tested and skipped with their subtree.
    pub pruned: u32,
    /// Points whose distance was computed.
    pub checked: u32,
    /// Points inside the shape.
    pub found: u32,
}

/// A point quadtree over a fixed boundary.
#[derive(Clone, Debug, PartialEq)]
pub struct QuadTree {
    capacity: usize,
    max_depth: u8,
    nodes: Vec<Node>,
    points: Vec<(f64, f64)>,
}

impl QuadTree {
    /// An empty tree over `boundary`. Errors name the field: `boundary` (finite, positive size),
    /// `capacity` (≥ 1), `max_depth` (0–[`MAX_TREE_DEPTH`]).
    pub fn new(boundary: Rect, capacity: usize, max_depth: u8) -> Result<Self, ParamError> {
        if !boundary.is_valid() {
            return Err(ParamError::new(
                "boundary",
                "must be finite with min < max on both axes",
            ));
        }
        if capacity == 0 {
            return Err(ParamError::range("capacity", 1, "any", "0"));
        }
        if max_depth > MAX_TREE_DEPTH {
            return Err(ParamError::range(
                "max_depth",
                0,
                MAX_TREE_DEPTH,
                &max_depth.to_string(),
            ));
        }
        Ok(QuadTree {
            capacity,
            max_depth,
            nodes: vec![Node {
                rect: boundary,
                depth: 0,
                parent: None,
                children: None,
                points: Vec::new(),
            }],
            points: Vec::new(),
        })
    }

    /// A tree holding `points` (inserted in order). The first point outside the boundary is an
    /// error naming it (`points[i]`).
    pub fn build(
        boundary: Rect,
        capacity: usize,
        max_depth: u8,
        points: &[(f64, f64)],
    ) -> Result<Self, ParamError> {
        let mut tree = QuadTree::new(boundary, capacity, max_depth)?;
        tree.points.reserve(points.len());
        for (i, &(x, y)) in points.iter().enumerate() {
            tree.insert(x, y)
                .map_err(|e| ParamError::new(format!("points[{i}]"), format!("({x}, {y}): {e}")))?;
        }
        Ok(tree)
    }

    /// The root boundary.
    pub fn boundary(&self) -> Rect {
        self.nodes[0].rect
    }

    /// Most points a leaf takes before it splits.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Depth at which leaves stop splitting.
    pub fn max_depth(&self) -> u8 {
        self.max_depth
    }

    /// Every node; index 0 is the root, children are created four at a time.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// Every point `(x, y)`, indexed by id.
    pub fn points(&self) -> &[(f64, f64)] {
        &self.points
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// True when there is no point.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// Depth of the deepest node.
    pub fn depth(&self) -> u8 {
        self.nodes.iter().map(|n| n.depth).max().unwrap_or(0)
    }

    /// The leaf holding point `id` (found by descending from the root).
    pub fn leaf_of(&self, id: u32) -> Option<u32> {
        let &(x, y) = self.points.get(id as usize)?;
        Some(self.descend(x, y))
    }

    /// The leaf whose rectangle takes `(x, y)` under the split-line rule.
    fn descend(&self, x: f64, y: f64) -> u32 {
        let mut at = 0u32;
        while let Some(children) = self.nodes[at as usize].children {
            let q = self.nodes[at as usize].rect.quadrant_of(x, y);
            at = children[q.index()];
        }
        at
    }

    /// Inserts `(x, y)` and returns its id.
    pub fn insert(&mut self, x: f64, y: f64) -> Result<u32, InsertError> {
        self.insert_inner(x, y, None)
    }

    /// Inserts `(x, y)` and reports the path and every subdivision.
    pub fn insert_traced(&mut self, x: f64, y: f64) -> Result<InsertReport, InsertError> {
        let mut report = InsertReport {
            id: 0,
            path: Vec::new(),
            splits: Vec::new(),
            overflow: false,
        };
        report.id = self.insert_inner(x, y, Some(&mut report))?;
        Ok(report)
    }

    fn insert_inner(
        &mut self,
        x: f64,
        y: f64,
        mut report: Option<&mut InsertReport>,
    ) -> Result<u32, InsertError> {
        if !self.nodes[0].rect.contains(x, y) {
            return Err(InsertError::Outside);
        }
        let id = self.points.len() as u32;
        self.points.push((x, y));
        let mut at = 0u32;
        loop {
            if let Some(r) = report.as_deref_mut() {
                r.path.push(at);
            }
            let node = &self.nodes[at as usize];
            if let Some(children) = node.children {
                at = children[node.rect.quadrant_of(x, y).index()];
                continue;
            }
            let full = node.points.len() >= self.capacity;
            if !full || !self.can_split(at) {
                if let Some(r) = report.as_deref_mut() {
                    r.overflow = full;
                }
                self.nodes[at as usize].points.push(id);
                return Ok(id);
            }
            let split = self.subdivide(at);
            let q = self.nodes[at as usize].rect.quadrant_of(x, y);
            at = split.children[q.index()];
            if let Some(r) = report.as_deref_mut() {
                r.splits.push(split);
            }
        }
    }

    fn can_split(&self, at: u32) -> bool {
        let node = &self.nodes[at as usize];
        node.depth < self.max_depth && node.rect.can_halve()
    }

    /// SUBDIVIDE: four equal children; every point of the node moves to the child that takes it.
    fn subdivide(&mut self, at: u32) -> Split {
        let first = self.nodes.len() as u32;
        let parent = &self.nodes[at as usize];
        let (rect, depth) = (parent.rect, parent.depth + 1);
        for q in QUADRANTS {
            self.nodes.push(Node {
                rect: rect.child(q),
                depth,
                parent: Some(at),
                children: None,
                points: Vec::new(),
            });
        }
        let children = [first, first + 1, first + 2, first + 3];
        let moving = std::mem::take(&mut self.nodes[at as usize].points);
        self.nodes[at as usize].children = Some(children);
        let mut moved = Vec::with_capacity(moving.len());
        for p in moving {
            let (x, y) = self.points[p as usize];
            let q = rect.quadrant_of(x, y);
            self.nodes[children[q.index()] as usize].points.push(p);
            moved.push((p, q));
        }
        Split {
            node: at,
            children,
            moved,
        }
    }

    /// RADIUS QUERY: the ids of the points inside `shape`, in depth-first order.
    pub fn query(&self, shape: &Shape) -> Vec<u32> {
        let mut found = Vec::new();
        self.walk(shape, |v| {
            if let Visit::Check {
                point,
                inside: true,
                ..
            } = v
            {
                found.push(point);
            }
        });
        found
    }

    /// The query's counts without collecting ids.
    pub fn query_stats(&self, shape: &Shape) -> QueryStats {
        let mut s = QueryStats::default();
        self.walk(shape, |v| match v {
            Visit::Test { hit: true, .. } => s.visited += 1,
            Visit::Test { hit: false, .. } => s.pruned += 1,
            Visit::Check { inside, .. } => {
                s.checked += 1;
                s.found += u32::from(inside);
            }
        });
        s
    }

    /// Walks the query depth-first (children NW, NE, SW, SE), reporting every node test and
    /// every point check to `on`.
    pub fn walk<F: FnMut(Visit)>(&self, shape: &Shape, mut on: F) {
        let r2 = shape.r2();
        let mut stack = vec![0u32];
        while let Some(at) = stack.pop() {
            let node = &self.nodes[at as usize];
            let clamp = node.rect.clamp(shape.cx, shape.cy);
            let dist2 = shape.dist2(clamp.0, clamp.1);
            let hit = dist2 <= r2;
            on(Visit::Test {
                node: at,
                clamp,
                dist2,
                hit,
            });
            if !hit {
                continue;
            }
            for &p in &node.points {
                let (x, y) = self.points[p as usize];
                let d2 = shape.dist2(x, y);
                on(Visit::Check {
                    node: at,
                    point: p,
                    dist2: d2,
                    inside: d2 <= r2,
                });
            }
            if let Some(children) = node.children {
                stack.extend(children.iter().rev());
            }
        }
    }
}
