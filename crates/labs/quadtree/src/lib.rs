//! Quadtree lab (catalogue M2.5, M2.12; route `#/lab/quadtree`).
//!
//! Points (longitude, latitude) are inserted one per step; full leaves split into NW/NE/SW/SE
//! and their points move down. A radius query then walks the tree node by node (circle–rectangle
//! test with the clamped closest point), checks the points of the visited leaves, filters the
//! candidates by haversine distance and compares the document's km→degree conversion (111 km/°
//! on both axes) with the corrected one (longitude degrees shrink by cos φ) on the same query.
//!
//! Coordinates: x = longitude, y = latitude, in degrees, north up; the tree does not wrap
//! across ±180°.

pub mod check;
pub mod cities;
pub mod geo;
pub mod layout;
mod questions;
mod text;
mod trace;
pub mod tree;
mod url;
#[cfg(feature = "view")]
pub mod view;

use crate::geo::{DOC_KM_PER_DEGREE, KM_PER_DEGREE_LAT};
use sdp_kit::field::Field;
use sdp_kit::lab::{
    ActionSyntax, FidelityNote, Lab, LabInfo, ParamError, Procedure, Scenario, Trace,
};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use tree::{Quadrant, QueryStats, Rect, Shape};

/// Most points in one scenario (seeded plus added).
pub const MAX_POINTS: u32 = 10_000;
/// Leaf capacity: the allowed range.
pub const CAPACITY_RANGE: (u32, u32) = (1, 100);
/// Maximum depth: the allowed range (root = depth 0).
pub const DEPTH_RANGE: (u8, u8) = (1, 30);
/// Most seeded points inserted one step at a time (the rest go in bulk steps).
pub const MAX_DETAILED: u32 = 200;
/// Most user actions.
pub const MAX_ACTIONS: usize = 64;
/// Most radius queries among the actions.
pub const MAX_QUERIES: usize = 8;
/// Largest query radius (km; about half the Earth's circumference).
pub const MAX_RADIUS_KM: f64 = 20_000.0;
/// Smallest side of the tree's boundary (degrees).
pub const MIN_BOUNDS_SIZE: f64 = 0.001;
/// Node tests and leaf checks of one query shown one step each; the rest share one step.
pub const MAX_QUERY_STEPS: usize = 120;
/// Subdivisions of one insert shown one step each; the rest of a cascade shares one step.
pub const MAX_SPLIT_STEPS: usize = 8;
/// Bulk steps the non-detailed seeded points are spread over.
pub const BULK_STEPS: u32 = 10;
/// Standard deviation of a city cluster (km), per axis.
pub const CLUSTER_SIGMA_KM: f64 = 60.0;
/// Vertices of the true (spherical) query circle in [`QueryRecord::outline`].
pub const OUTLINE_VERTICES: usize = 72;

/// The document's world: lng [−180, 180] × lat [−90, 90].
pub const WORLD: Rect = Rect::new(-180.0, -90.0, 180.0, 90.0);

/// How the seeded points are spread.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Distribution {
    /// Clustered around real cities inside the boundary (URL `cities`).
    #[default]
    Cities,
    /// Uniform over the boundary (URL `uniform`).
    Uniform,
}

impl Distribution {
    /// The URL value.
    pub fn as_str(self) -> &'static str {
        sdp_kit::field::Word::word(self)
    }
}

/// How the query radius (km) becomes a shape in degrees.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Conversion {
    /// The document's "~111 km per degree" on both axes: a circle of `r/111` degrees (URL `doc`).
    #[default]
    Doc,
    /// Latitude degrees of `r/111.195`, longitude degrees wider by `1/cos φ`, with φ the circle's
    /// pole-ward edge, so the ellipse contains the whole spherical circle (URL `fixed`).
    Corrected,
}

impl Conversion {
    /// The URL value.
    pub fn as_str(self) -> &'static str {
        sdp_kit::field::Word::word(self)
    }

    /// The query shape in degrees for a circle of `radius_km` around `(lng, lat)`.
    ///
    /// ```
    /// use sdp_lab_quadtree::Conversion;
    /// let doc = Conversion::Doc.shape(10.0, 60.0, 111.0);
    /// assert_eq!((doc.r, doc.x_scale), (1.0, 1.0));
    /// let fixed = Conversion::Corrected.shape(10.0, 60.0, 111.195);
    /// assert!((fixed.r - 1.0).abs() < 1e-3 && fixed.x_scale < 0.5);
    /// ```
    pub fn shape(self, lng: f64, lat: f64, radius_km: f64) -> Shape {
        match self {
            Conversion::Doc => Shape::circle(lng, lat, radius_km / DOC_KM_PER_DEGREE),
            Conversion::Corrected => {
                let r = radius_km / KM_PER_DEGREE_LAT;
                let edge = (lat.abs() + r).min(90.0);
                Shape {
                    cx: lng,
                    cy: lat,
                    r,
                    x_scale: edge.to_radians().cos().max(0.0),
                }
            }
        }
    }
}

/// Lab parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// Spread of the seeded points (URL `dist`).
    pub dist: Distribution,
    /// Seeded points inserted at the start (0–[`MAX_POINTS`]; URL `points`).
    pub points: u32,
    /// Points a leaf holds before it splits (1–100; URL `capacity`).
    pub capacity: u32,
    /// Depth at which leaves stop splitting (1–30; URL `max_depth`).
    pub max_depth: u8,
    /// How many of the seeded points are inserted one step at a time (0–200; URL `detailed`).
    pub detailed: u32,
    /// The root's boundary in degrees, inside [`WORLD`] (URL `bounds=min_lng,min_lat,max_lng,max_lat`).
    pub bounds: Rect,
    /// The conversion stepped through in queries; the other one is shown beside it (URL `conv`).
    pub conv: Conversion,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            dist: Distribution::Cities,
            points: 600,
            capacity: 4,
            max_depth: 12,
            detailed: 24,
            bounds: WORLD,
            conv: Conversion::Doc,
        }
    }
}

/// Something the learner does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Action {
    /// Insert a point at `(lng, lat)`, step by step (URL `a=p:LNG,LAT`).
    AddPoint {
        /// Longitude (degrees), inside the boundary.
        lng: f64,
        /// Latitude (degrees), inside the boundary.
        lat: f64,
    },
    /// Run a radius query (URL `a=q:LNG,LAT,RADIUS_KM`).
    Query {
        /// Centre longitude (−180–180).
        lng: f64,
        /// Centre latitude (−90–90).
        lat: f64,
        /// Radius in km (> 0, ≤ [`MAX_RADIUS_KM`]).
        radius_km: f64,
    },
}

/// One node over the whole scenario. It exists at epochs `≥ born` and has children at epochs
/// `≥ split`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NodeRecord {
    /// Boundary in degrees (x = lng, y = lat).
    pub rect: Rect,
    /// Depth (root = 0).
    pub depth: u8,
    /// Parent node index, `None` for the root.
    pub parent: Option<u32>,
    /// Which child of its parent it is, `None` for the root.
    pub quadrant: Option<Quadrant>,
    /// Children NW, NE, SW, SE (indexes into [`World::nodes`]) if it ever splits.
    pub children: Option<[u32; 4]>,
    /// Epoch at which the node appears.
    pub born: u32,
    /// Epoch at which it splits (`u32::MAX` if never).
    pub split: u32,
}

/// One point over the whole scenario (id = index in [`World::points`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PointRecord {
    /// Longitude (degrees).
    pub lng: f64,
    /// Latitude (degrees).
    pub lat: f64,
    /// Epoch at which it is in the tree.
    pub born: u32,
    /// True for a point the learner added.
    pub user: bool,
}

/// A brute-force or filtered hit: a point and its haversine distance.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// Point id.
    pub point: u32,
    /// Great-circle distance from the query centre (km).
    pub km: f64,
}

/// Counters after a query event (cumulative).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// Nodes whose rectangle passed the circle–rectangle test.
    pub visited: u32,
    /// Nodes that failed it (skipped with their subtree).
    pub pruned: u32,
    /// Points whose (degree) distance was computed.
    pub checked: u32,
    /// Points inside the query shape.
    pub candidates: u32,
}

/// One point of a visited leaf, checked against the query shape.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PointCheck {
    /// Point id.
    pub point: u32,
    /// Scaled distance from the centre in degrees (compare with [`QueryRecord::shape`]`.r`).
    pub distance: f64,
    /// Inside the shape: a candidate.
    pub candidate: bool,
}

/// One event of the stepped query walk (depth-first, children NW, NE, SW, SE).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum QueryEvent {
    /// The circle–rectangle test on a node. Draw a line from the centre to `clamp`.
    Test {
        /// Node index.
        node: u32,
        /// The centre clamped to the node's rectangle (its closest point), degrees.
        clamp: (f64, f64),
        /// Scaled distance from the centre to `clamp`, degrees.
        distance: f64,
        /// Visit (distance ≤ radius) or prune.
        hit: bool,
        /// Counters after this event.
        totals: Totals,
    },
    /// The points of a visited leaf checked one by one.
    Check {
        /// Leaf index.
        node: u32,
        /// Each point with its distance.
        points: Vec<PointCheck>,
        /// Counters after this event.
        totals: Totals,
    },
}

impl QueryEvent {
    /// Counters after this event.
    pub fn totals(&self) -> Totals {
        match self {
            QueryEvent::Test { totals, .. } | QueryEvent::Check { totals, .. } => *totals,
        }
    }
}

/// What one conversion finds for a query.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// The conversion.
    pub conv: Conversion,
    /// The query shape in degrees: the points with `(x_scale·Δlng)² + Δlat² ≤ r²`. For
    /// `x_scale = 1` draw a circle of radius `r`; otherwise an ellipse with semi-axes
    /// `r / x_scale` (longitude) and `r` (latitude).
    pub shape: Shape,
    /// Nodes visited / pruned, points checked, candidates.
    pub stats: QueryStats,
    /// Candidate point ids (inside the shape), in walk order.
    pub candidates: Vec<u32>,
    /// Candidates within the radius by haversine, nearest first (the document's steps 4–6).
    pub results: Vec<Hit>,
    /// Points truly within the radius that the tree never returned (ids, nearest first).
    pub missed: Vec<u32>,
}

/// A radius query over the tree at one epoch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueryRecord {
    /// Centre longitude.
    pub lng: f64,
    /// Centre latitude.
    pub lat: f64,
    /// Radius (km).
    pub radius_km: f64,
    /// Tree epoch the query ran on (points born after it are not in the tree yet).
    pub epoch: u32,
    /// The conversion stepped through ([`QueryRecord::events`]).
    pub stepped: Conversion,
    /// The stepped conversion's shape (same as its [`Outcome::shape`]).
    pub shape: Shape,
    /// The stepped walk.
    pub events: Vec<QueryEvent>,
    /// The document's conversion.
    pub doc: Outcome,
    /// The corrected conversion.
    pub corrected: Outcome,
    /// Brute force: every point within the radius by haversine, nearest first.
    pub truth: Vec<Hit>,
    /// Points the brute-force scan measured (one haversine each).
    pub scanned: u32,
    /// The true circle on the sphere as a polygon of `(lng, lat)` vertices (longitudes wrapped
    /// to ±180°, so split the drawing where consecutive vertices jump by more than 180°).
    pub outline: Vec<(f64, f64)>,
}

impl QueryRecord {
    /// The outcome of the stepped conversion.
    pub fn stepped_outcome(&self) -> &Outcome {
        match self.stepped {
            Conversion::Doc => &self.doc,
            Conversion::Corrected => &self.corrected,
        }
    }
}

/// Everything shared by all steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct World {
    /// The root's boundary (degrees).
    pub bounds: Rect,
    /// Leaf capacity.
    pub capacity: u32,
    /// Depth at which leaves stop splitting.
    pub max_depth: u8,
    /// Every node ever created; index 0 is the root; children come four at a time.
    pub nodes: Vec<NodeRecord>,
    /// Every point, by id.
    pub points: Vec<PointRecord>,
    /// Every query, in order.
    pub queries: Vec<QueryRecord>,
}

impl World {
    /// A node's path label: "root", "NE", "NE·SW", …
    pub fn label(&self, node: u32) -> String {
        trace::label_of(&self.nodes, node)
    }
}

/// Which part of a query a step shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QueryPhase {
    /// The query shape is drawn; nothing tested yet.
    Start,
    /// The walk: events `..events` are done, the last one is current.
    Walk,
    /// Candidates filtered by haversine: show candidates vs results.
    Filter,
    /// Both conversions and the brute-force truth side by side; missed points highlighted.
    Compare,
}

/// Where a query step is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryCursor {
    /// Index into [`World::queries`].
    pub query: u32,
    /// Events shown: `events[..count]` are done (visited nodes, pruned nodes, checked points);
    /// `events[count − 1]` is the current one.
    pub count: u32,
    /// The phase.
    pub phase: QueryPhase,
}

/// What the current step highlights.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Focus {
    /// The empty tree.
    Start,
    /// A full leaf split because a point arrived at `arriving` (lng, lat), not yet placed.
    Split {
        /// The node that split; its children are in [`NodeRecord::children`].
        node: u32,
        /// Each point that moved and the child it went to.
        moved: Vec<(u32, Quadrant)>,
        /// The arriving point (lng, lat).
        arriving: (f64, f64),
    },
    /// The rest of a long cascade of splits (identical or very close points), in one step.
    Cascade {
        /// The nodes that split in this step, top down.
        nodes: Vec<u32>,
        /// The arriving point (lng, lat).
        arriving: (f64, f64),
    },
    /// A point was placed in a leaf.
    Placed {
        /// Point id.
        point: u32,
        /// Nodes from the root to the leaf.
        path: Vec<u32>,
        /// The leaf now holds more than `capacity` points (it cannot split).
        overflow: bool,
        /// The point lies exactly on a split line of some node on its path.
        on_split_line: bool,
    },
    /// Points `from..to` were inserted in one step.
    Bulk {
        /// First point id.
        from: u32,
        /// One past the last point id.
        to: u32,
    },
    /// A radius query.
    Query(QueryCursor),
}

/// The state a step's view draws.
///
/// Draw: the boundary; every node with `born ≤ epoch` as its rectangle (leaves are nodes that are
/// not split at this epoch: `split > epoch`); every point with `born ≤ epoch`; the tree as a tree
/// from [`NodeRecord::parent`] / [`NodeRecord::children`] (children shown once `split ≤ epoch`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// Shared data: nodes, points, queries.
    pub world: Arc<World>,
    /// Tree epoch shown.
    pub epoch: u32,
    /// What this step highlights.
    pub focus: Focus,
}

impl State {
    /// True when node `i` exists at this step.
    pub fn node_alive(&self, i: u32) -> bool {
        self.world
            .nodes
            .get(i as usize)
            .is_some_and(|n| n.born <= self.epoch)
    }

    /// True when node `i` exists and has children at this step.
    pub fn node_split(&self, i: u32) -> bool {
        self.world
            .nodes
            .get(i as usize)
            .is_some_and(|n| n.split <= self.epoch)
    }

    /// Nodes existing at this step, with their index.
    pub fn nodes(&self) -> impl Iterator<Item = (u32, &NodeRecord)> {
        let e = self.epoch;
        self.world
            .nodes
            .iter()
            .enumerate()
            .filter(move |(_, n)| n.born <= e)
            .map(|(i, n)| (i as u32, n))
    }

    /// Points in the tree at this step, with their id.
    pub fn points(&self) -> impl Iterator<Item = (u32, &PointRecord)> {
        let e = self.epoch;
        self.world
            .points
            .iter()
            .enumerate()
            .filter(move |(_, p)| p.born <= e)
            .map(|(i, p)| (i as u32, p))
    }

    /// The leaf holding point `id` at this step (`None` if it is not in the tree yet).
    pub fn leaf_of(&self, id: u32) -> Option<u32> {
        let p = self.world.points.get(id as usize)?;
        if p.born > self.epoch {
            return None;
        }
        let mut at = 0u32;
        loop {
            let n = self.world.nodes.get(at as usize)?;
            match n.children {
                Some(children) if n.split <= self.epoch => {
                    at = children[n.rect.quadrant_of(p.lng, p.lat).index()];
                }
                _ => return Some(at),
            }
        }
    }

    /// The query of this step, with its cursor.
    pub fn query(&self) -> Option<(&QueryRecord, QueryCursor)> {
        match &self.focus {
            Focus::Query(c) => self.world.queries.get(c.query as usize).map(|q| (q, *c)),
            _ => None,
        }
    }
}

/// The quadtree lab.
pub struct QuadtreeLab;

/// Lab index entry.
pub const INFO: LabInfo = LabInfo {
    id: "quadtree",
    title: "Quadtree",
    summary: "Insert points one at a time and watch full leaves split into four; then run a radius \
              query node by node, and see what the document's 111 km-per-degree conversion misses \
              at high latitude.",
    catalogue: "M2.5, M2.12",
};

/// Index of each procedure in [`Lab::procedures`].
pub(crate) mod proc_ids {
    pub const INSERT: usize = 0;
    pub const SUBDIVIDE: usize = 1;
    pub const QUERY: usize = 2;
    pub const SEARCH: usize = 3;
}

impl Lab for QuadtreeLab {
    type Params = Params;
    type Action = Action;
    type State = State;
    type Checker = check::Checker;

    const INFO: LabInfo = INFO;
    const ACTIONS: ActionSyntax = url::ACTIONS;

    fn procedures() -> &'static [Procedure] {
        text::PROCEDURES
    }

    fn notes() -> &'static [FidelityNote] {
        text::NOTES
    }

    fn fields() -> &'static [Field<Params>] {
        url::FIELDS
    }

    fn defaults(_mode: usize) -> Params {
        Params::default()
    }

    fn default_actions(_mode: usize) -> Vec<Action> {
        vec![
            Action::AddPoint { lng: 0.0, lat: 0.0 },
            Action::Query {
                lng: 10.75,
                lat: 59.91,
                radius_km: 500.0,
            },
        ]
    }

    fn parse_action(text: &str) -> Result<Action, String> {
        url::parse_action(text)
    }

    fn action_text(action: &Action) -> String {
        url::action_text(action)
    }

    fn checker(params: &Params) -> check::Checker {
        check::Checker::new(params)
    }

    fn check_action(
        checker: &mut check::Checker,
        field: &str,
        action: &Action,
    ) -> Result<(), ParamError> {
        checker.apply(field, action)
    }

    fn build(scenario: &Scenario<Params, Action>) -> Trace<State> {
        trace::build_trace(scenario)
    }

    fn questions(
        scenario: &Scenario<Params, Action>,
        trace: &Trace<State>,
    ) -> Vec<sdp_kit::quiz::Question> {
        questions::questions(scenario, trace)
    }
}

/// The seeded points of `params` (the same ones the lab inserts), as `(lng, lat)`.
pub fn seeded_points(params: &Params, seed: u64) -> Vec<(f64, f64)> {
    trace::generate_points(params, seed)
}
