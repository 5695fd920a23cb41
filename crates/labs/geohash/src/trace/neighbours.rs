//! Neighbours mode: a cell's 3×3 block one neighbour at a time, with the date line, the poles,
//! parent changes, the F4 §6 grid and the prefix discontinuity.

use crate::codec::{BBox, Cell, Direction, LatLng, MAX_PRECISION, common_prefix, parse_field};
use crate::distance::{KM_PER_DEGREE, haversine_km};
use crate::format::{deg, km, point};
use crate::text::F4_U0B_GRID;
use crate::text::proc_ids::NEIGHBOURS;
use crate::{Action, Params, State};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// One of the eight neighbours.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NeighbourInfo {
    /// Direction from the centre.
    pub direction: Direction,
    /// The cell; None beyond a pole.
    pub cell: Option<Cell>,
    /// Its hash; None beyond a pole.
    pub hash: Option<String>,
    /// Its box in the centre cell's longitude frame (a neighbour across the date line gets
    /// longitudes past ±180 so it draws next to the centre; its true box is `cell.bbox()`).
    pub bbox: Option<BBox>,
    /// Characters its hash shares with the centre's, from the start.
    pub common_prefix: u8,
    /// True when its parent (hash minus the last character) differs from the centre's.
    pub parent_changed: bool,
    /// True when reaching it crossed the date line (longitude wrapped).
    pub wrapped: bool,
    /// True when there is no neighbour because it would lie beyond a pole.
    pub beyond_pole: bool,
}

/// Two points close together, either side of a cell edge, whose hashes share little or no
/// prefix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Discontinuity {
    /// The neighbour across whose edge the points sit (None for the fixed examples).
    pub direction: Option<Direction>,
    /// First point.
    pub a: LatLng,
    /// Second point.
    pub b: LatLng,
    /// First point's 12-character hash.
    pub hash_a: String,
    /// Second point's 12-character hash.
    pub hash_b: String,
    /// Characters the two hashes share.
    pub common_prefix: u8,
    /// Distance between the points, km.
    pub km: f64,
}

/// A cell's block, shared by the steps that reveal it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// The centre cell.
    pub centre: Cell,
    /// Its hash.
    pub hash: String,
    /// Its box.
    pub bbox: BBox,
    /// The eight neighbours in N, NE, E, SE, S, SW, W, NW order.
    pub neighbours: Vec<NeighbourInfo>,
    /// The 3×3 block drawn north-up: `grid[row][col]`, row 0 = north, col 0 = west; None
    /// beyond a pole.
    pub grid: Vec<Vec<Option<String>>>,
    /// F4 §6's printed grid, when the centre is `u0b` (same layout).
    pub document_grid: Option<Vec<Vec<String>>>,
    /// Two points ~metres apart across the edge with the shortest common prefix.
    pub discontinuity: Option<Discontinuity>,
}

/// What a neighbours-mode step shows.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum NeighbourPhase {
    /// The centre cell alone.
    Centre,
    /// One neighbour was just found (or found missing beyond a pole).
    Neighbour(Direction),
    /// The full 3×3 block.
    Grid,
    /// The document's grid beside the correct one (only for `u0b`); draw both, mark the
    /// cells that differ.
    DocumentGrid,
    /// The two close points with different prefixes (`block.discontinuity`).
    Discontinuity,
}

/// The state of a neighbours-mode step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NeighbourState {
    /// The block being revealed.
    pub block: Arc<Block>,
    /// Which block of the scenario (0 = from the parameters, then one per action).
    pub block_index: u32,
    /// How many neighbours are revealed, in N, NE, E, … order (0–8).
    pub revealed: u8,
    /// What this step highlights.
    pub phase: NeighbourPhase,
}

fn info(centre: Cell, dir: Direction) -> NeighbourInfo {
    let hash = centre.to_hash();
    let (x, _) = centre.indexes();
    let (cols, _) = Cell::grid_size(centre.precision);
    let dx = i64::from(dir.offset().1);
    let nx = i64::from(x) + dx;
    let wrapped = nx < 0 || nx >= i64::from(cols);
    match centre.neighbour(dir) {
        None => NeighbourInfo {
            direction: dir,
            cell: None,
            hash: None,
            bbox: None,
            common_prefix: 0,
            parent_changed: false,
            wrapped: false,
            beyond_pole: true,
        },
        Some(n) => {
            let nh = n.to_hash();
            let mut bbox = n.bbox();
            let shift = if nx < 0 {
                -360.0
            } else if wrapped {
                360.0
            } else {
                0.0
            };
            bbox.west += shift;
            bbox.east += shift;
            NeighbourInfo {
                direction: dir,
                cell: Some(n),
                common_prefix: common_prefix(&hash, &nh) as u8,
                parent_changed: centre.parent().is_some() && n.parent() != centre.parent(),
                hash: Some(nh),
                bbox: Some(bbox),
                wrapped,
                beyond_pole: false,
            }
        }
    }
}

/// A pair of points either side of the edge between `centre` and its `dir` neighbour.
fn across_edge(centre: Cell, dir: Direction) -> Option<Discontinuity> {
    centre.neighbour(dir)?;
    let b = centre.bbox();
    let eps = (b.height().min(b.width()) / 4.0).min(0.0001);
    let mid = b.centre();
    let wrap = |lng: f64| (lng + 180.0).rem_euclid(360.0) - 180.0;
    let (pa, pb) = match dir {
        Direction::N => (
            LatLng::new(b.north - eps, mid.lng),
            LatLng::new(b.north + eps, mid.lng),
        ),
        Direction::S => (
            LatLng::new(b.south + eps, mid.lng),
            LatLng::new(b.south - eps, mid.lng),
        ),
        Direction::E => (
            LatLng::new(mid.lat, b.east - eps),
            LatLng::new(mid.lat, wrap(b.east + eps)),
        ),
        _ => (
            LatLng::new(mid.lat, b.west + eps),
            LatLng::new(mid.lat, wrap(b.west - eps)),
        ),
    };
    let mut d = pair(pa, pb);
    d.direction = Some(dir);
    Some(d)
}

fn pair(a: LatLng, b: LatLng) -> Discontinuity {
    let ha = Cell::encode_unchecked(a, MAX_PRECISION).to_hash();
    let hb = Cell::encode_unchecked(b, MAX_PRECISION).to_hash();
    Discontinuity {
        direction: None,
        a,
        b,
        common_prefix: common_prefix(&ha, &hb) as u8,
        hash_a: ha,
        hash_b: hb,
        km: haversine_km(a, b),
    }
}

/// Point pairs a few metres apart whose hashes share no prefix: across the equator, the prime
/// meridian (Greenwich) and the date line.
///
/// ```
/// for d in sdp_lab_geohash::discontinuity_examples() {
///     assert_eq!(d.common_prefix, 0);
///     assert!(d.km < 0.03);
/// }
/// ```
pub fn discontinuity_examples() -> Vec<Discontinuity> {
    vec![
        pair(LatLng::new(0.0001, 10.0), LatLng::new(-0.0001, 10.0)),
        pair(LatLng::new(51.4779, 0.0001), LatLng::new(51.4779, -0.0001)),
        pair(LatLng::new(-17.0, 179.9999), LatLng::new(-17.0, -179.9999)),
    ]
}

/// The block around `centre`.
pub(crate) fn block(centre: Cell) -> Block {
    let hash = centre.to_hash();
    let neighbours: Vec<NeighbourInfo> = Direction::ALL.iter().map(|d| info(centre, *d)).collect();
    let mut grid = vec![vec![None; 3]; 3];
    grid[1][1] = Some(hash.clone());
    for n in &neighbours {
        let (r, c) = n.direction.grid_position();
        grid[r][c].clone_from(&n.hash);
    }
    let discontinuity = [Direction::N, Direction::E, Direction::S, Direction::W]
        .iter()
        .filter_map(|d| across_edge(centre, *d))
        .min_by_key(|d| d.common_prefix);
    Block {
        centre,
        bbox: centre.bbox(),
        document_grid: (hash == "u0b").then(|| {
            F4_U0B_GRID
                .iter()
                .map(|row| row.iter().map(std::string::ToString::to_string).collect())
                .collect()
        }),
        hash,
        neighbours,
        grid,
        discontinuity,
    }
}

struct Builder {
    steps: Vec<Step<State>>,
    block: Arc<Block>,
    block_index: u32,
    revealed: u8,
}

impl Builder {
    fn push(&mut self, phase: NeighbourPhase, narration: String, lines: &[usize]) {
        let state = NeighbourState {
            block: self.block.clone(),
            block_index: self.block_index,
            revealed: self.revealed,
            phase,
        };
        let metrics = metrics(&state);
        self.steps.push(Step {
            state: State::Neighbours(state),
            narration,
            lines: LinesRun::new(NEIGHBOURS, lines),
            metrics,
        });
    }
}

fn metrics(s: &NeighbourState) -> Vec<Metric> {
    let shown = &s.block.neighbours[..usize::from(s.revealed).min(8)];
    let found = shown.iter().filter(|n| n.cell.is_some()).count();
    let pole = shown.iter().filter(|n| n.beyond_pole).count();
    let wrapped = shown
        .iter()
        .filter(|n| n.wrapped && n.cell.is_some())
        .count();
    let parent = shown.iter().filter(|n| n.parent_changed).count();
    let min_prefix = shown
        .iter()
        .filter(|n| n.cell.is_some())
        .map(|n| n.common_prefix)
        .min();
    vec![
        Metric::new(
            "neighbours",
            found as f64,
            format!("{found} of {} revealed", shown.len()),
        ),
        Metric::new("beyond a pole", pole as f64, pole.to_string()),
        Metric::new("across the date line", wrapped as f64, wrapped.to_string()),
        Metric::new("parent changed", parent as f64, parent.to_string()),
        Metric::new(
            "shortest shared prefix",
            min_prefix.map_or(0.0, f64::from),
            min_prefix.map_or("—".to_string(), characters),
        ),
    ]
}

/// "1 character", "0 characters".
fn characters(n: u8) -> String {
    if n == 1 {
        "1 character".to_string()
    } else {
        format!("{n} characters")
    }
}

fn grid_text(grid: &[Vec<Option<String>>]) -> String {
    grid.iter()
        .map(|row| {
            row.iter()
                .map(|c| c.clone().unwrap_or_else(|| "—".into()))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

fn neighbour_sentence(centre: &Block, n: &NeighbourInfo) -> (String, Vec<usize>) {
    let (dlat, dlng) = Cell::size_deg(centre.centre.precision);
    let (dy, dx) = n.direction.offset();
    let mut step = Vec::new();
    if dy != 0 {
        step.push(format!(
            "{} by {}°",
            if dy > 0 { "north" } else { "south" },
            deg(dlat)
        ));
    }
    if dx != 0 {
        step.push(format!(
            "{} by {}°",
            if dx > 0 { "east" } else { "west" },
            deg(dlng)
        ));
    }
    let moved = step.join(" and ");
    let d = n.direction.label();
    match &n.hash {
        None => (
            format!(
                "{d}: moving {moved} goes past the {} pole; there is no cell there, so {d} is empty (beyond the pole).",
                if dy > 0 { "north" } else { "south" }
            ),
            vec![1, 2, 3],
        ),
        Some(h) => {
            let mut extra = Vec::new();
            if n.wrapped {
                extra.push("longitude wraps across the date line".to_string());
            }
            if n.parent_changed {
                extra.push(format!(
                    "its parent is {} not {}",
                    &h[..h.len().saturating_sub(1)],
                    &centre.hash[..centre.hash.len().saturating_sub(1)]
                ));
            }
            extra.push(format!(
                "it shares {} characters with {}",
                n.common_prefix, centre.hash
            ));
            (
                format!(
                    "{d}: move the centre {moved} and re-encode → {h}; {}.",
                    extra.join("; ")
                ),
                if n.wrapped {
                    vec![1, 2, 3, 4]
                } else {
                    vec![2, 3, 4]
                },
            )
        }
    }
}

fn run_block(b: &mut Builder, centre: Cell) {
    b.block = Arc::new(block(centre));
    b.revealed = 0;
    let blk = b.block.clone();
    let ns = blk.bbox.height() * KM_PER_DEGREE;
    let ew = blk.bbox.width() * KM_PER_DEGREE * blk.bbox.centre().lat.to_radians().cos();
    b.push(
        NeighbourPhase::Centre,
        format!(
            "Cell {} (precision {}): latitude [{}, {}] × longitude [{}, {}], about {} N–S × {} E–W. Its 8 neighbours are one cell away in each direction.",
            blk.hash,
            centre.precision,
            deg(blk.bbox.south),
            deg(blk.bbox.north),
            deg(blk.bbox.west),
            deg(blk.bbox.east),
            km(ns),
            km(ew)
        ),
        &[0, 2],
    );
    for n in &blk.neighbours {
        b.revealed += 1;
        let (text, lines) = neighbour_sentence(&blk, n);
        b.push(NeighbourPhase::Neighbour(n.direction), text, &lines);
    }
    let parents = blk.neighbours.iter().filter(|n| n.parent_changed).count();
    let missing = blk.neighbours.iter().filter(|n| n.beyond_pole).count();
    b.push(
        NeighbourPhase::Grid,
        format!(
            "The block, north row first: {}. {parents} of the neighbours lie in another parent cell{}.",
            grid_text(&blk.grid),
            if missing > 0 {
                format!("; {missing} would lie beyond the pole")
            } else {
                String::new()
            }
        ),
        &[0],
    );
    if let Some(doc) = &blk.document_grid {
        let wrong = (0..3)
            .flat_map(|r| (0..3).map(move |c| (r, c)))
            .filter(|&(r, c)| blk.grid[r][c].as_deref() != Some(doc[r][c].as_str()))
            .count();
        let doc_text = doc
            .iter()
            .map(|r| r.join(" "))
            .collect::<Vec<_>>()
            .join(" / ");
        b.push(
            NeighbourPhase::DocumentGrid,
            format!(
                "F4 §6 prints {doc_text} for this block: {wrong} of its 8 neighbours are wrong (and u09 appears twice). u0b touches the prime meridian and the top of u0, so the west column starts with g and the north row with u1."
            ),
            &[0],
        );
    }
    if let Some(d) = &blk.discontinuity {
        b.push(
            NeighbourPhase::Discontinuity,
            format!(
                "Prefix discontinuity: {} and {} are {} apart across the {} edge, yet their hashes {} and {} share {}. Near points can have different prefixes, which is why a search takes the neighbours too.",
                point(d.a),
                point(d.b),
                km(d.km),
                d.direction.map_or("", |x| x.label()),
                d.hash_a,
                d.hash_b,
                characters(d.common_prefix)
            ),
            &[0],
        );
    }
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Vec<Step<State>> {
    let p = &s.params;
    let first = match parse_field("hash", &p.hash) {
        Ok(c) if !p.hash.is_empty() => c,
        _ => Cell::encode_unchecked(LatLng::new(p.lat, p.lng), p.precision),
    };
    let mut b = Builder {
        steps: Vec::new(),
        block: Arc::new(block(first)),
        block_index: 0,
        revealed: 0,
    };
    run_block(&mut b, first);
    for a in &s.actions {
        let cell = match a {
            Action::Point(pt) => Some(Cell::encode_unchecked(*pt, p.precision)),
            Action::Cell(h) => parse_field("hash", h).ok(),
            _ => None,
        };
        if let Some(c) = cell {
            b.block_index += 1;
            run_block(&mut b, c);
        }
    }
    b.steps
}
