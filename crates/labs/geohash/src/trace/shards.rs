//! Shards mode: places sharded by precision-2 prefix; F0's "include neighbours if > 50 km"
//! against the shards the circle really touches.

use crate::codec::{Cell, LatLng};
use crate::distance::{EARTH_RADIUS_KM, KM_PER_DEGREE, circle_polygon};
use crate::format::{km, point};
use crate::places::{Distribution, generate};
use crate::proximity::{Hit, brute_force, missed};
use crate::sharding::{
    DOC_NEIGHBOUR_RADIUS_KM, SHARD_PRECISION, ShardMap, ShardRule, ShardSearch, relevant_shards,
    shard_search,
};
use crate::text::proc_ids::SHARDS;
use crate::{ARC_POINTS, Action, Params, State};
use sdp_kit::fmt::{group, percent};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Places and their shards, shared by every step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShardWorld {
    /// How the places were spread.
    pub distribution: Distribution,
    /// Positions; id = index.
    pub points: Vec<LatLng>,
    /// Every non-empty shard: (precision-2 cell, places), in hash order. Colour the world's
    /// precision-2 grid by these counts.
    pub shards: Vec<(Cell, u32)>,
}

/// One rule's run of a sharded query.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShardRun {
    /// The rule.
    pub rule: ShardRule,
    /// Shards queried, centre shard first (light them).
    pub shards: Vec<Cell>,
    /// Per-shard work and the merged results (nearest first).
    pub search: ShardSearch,
    /// Ids inside the circle in shards that were not queried.
    pub missed: Vec<u32>,
}

/// One query under both rules, shared by its steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShardQueryRun {
    /// Centre.
    pub centre: LatLng,
    /// Radius, km.
    pub radius_km: f64,
    /// Results kept.
    pub top: u32,
    /// The circle polygon, for drawing.
    pub circle: Vec<LatLng>,
    /// The centre's precision-2 cell (its shard).
    pub home: Cell,
    /// Distance from the centre to the nearest edge of its shard, km.
    pub nearest_edge_km: f64,
    /// Every place inside the circle, nearest first.
    pub truth: Vec<Hit>,
    /// F0 then corrected.
    pub runs: Vec<ShardRun>,
}

/// What a shards step shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShardPhase {
    /// The world grid of shards with their counts.
    Sharded,
    /// The centre encoded at precision 2: its shard.
    Home,
    /// The rule picked the shards to query (light `run.shards`).
    Relevant,
    /// Each shard searched in parallel (`run.search.shards` counts).
    Queried,
    /// Results merged and sorted (the first `top` of `run.search.within`).
    Merged,
    /// Brute force: the misses (`run.missed`).
    Missed,
    /// Both rules side by side.
    Compare,
}

/// The state of a shards step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShardState {
    /// Places and shard counts.
    pub world: Arc<ShardWorld>,
    /// The current query (None on the first step).
    pub query: Option<Arc<ShardQueryRun>>,
    /// Which query (0 = from the parameters, then one per action).
    pub query_index: u32,
    /// Index into `query.runs` (None for Sharded, Home, Compare).
    pub rule: Option<usize>,
    /// What this step highlights.
    pub phase: ShardPhase,
}

/// Great-circle distance from `p` to the nearest edge of `cell`'s box, km.
fn nearest_edge_km(p: LatLng, cell: Cell) -> f64 {
    let b = cell.bbox();
    let ns = (b.north - p.lat).min(p.lat - b.south) * KM_PER_DEGREE;
    let cos = p.lat.to_radians().cos();
    let to_meridian = |dlng: f64| {
        (cos * dlng.to_radians().sin())
            .clamp(-1.0, 1.0)
            .asin()
            .abs()
            * EARTH_RADIUS_KM
    };
    ns.min(to_meridian(p.lng - b.west))
        .min(to_meridian(b.east - p.lng))
}

fn run_query(
    map: &ShardMap,
    places: &[LatLng],
    centre: LatLng,
    radius_km: f64,
    top: u32,
) -> ShardQueryRun {
    let truth = brute_force(places, centre, radius_km);
    let home = Cell::encode_unchecked(centre, SHARD_PRECISION);
    let runs = [ShardRule::F0, ShardRule::Corrected]
        .iter()
        .map(|&rule| {
            let shards = relevant_shards(rule, centre, radius_km);
            let search = shard_search(map, places, centre, radius_km, &shards);
            ShardRun {
                rule,
                missed: missed(&truth, &search.within),
                shards,
                search,
            }
        })
        .collect();
    ShardQueryRun {
        centre,
        radius_km,
        top,
        circle: circle_polygon(centre, radius_km, ARC_POINTS),
        home,
        nearest_edge_km: nearest_edge_km(centre, home),
        truth,
        runs,
    }
}

struct Builder {
    steps: Vec<Step<State>>,
    world: Arc<ShardWorld>,
    query: Option<Arc<ShardQueryRun>>,
    query_index: u32,
}

impl Builder {
    fn push(&mut self, rule: Option<usize>, phase: ShardPhase, narration: String, lines: &[usize]) {
        let metrics = match &self.query {
            Some(q) => query_metrics(q, rule, phase),
            None => vec![
                Metric::new(
                    "places",
                    self.world.points.len() as f64,
                    group(self.world.points.len() as u64),
                ),
                Metric::new(
                    "non-empty shards",
                    self.world.shards.len() as f64,
                    format!("{} of 1,024", self.world.shards.len()),
                ),
            ],
        };
        self.steps.push(Step {
            state: State::Shards(ShardState {
                world: self.world.clone(),
                query: self.query.clone(),
                query_index: self.query_index,
                rule,
                phase,
            }),
            narration,
            lines: LinesRun::new(SHARDS, lines),
            metrics,
        });
    }
}

fn recall_text(found: usize, truth: usize) -> String {
    if truth == 0 {
        "100.0%".into()
    } else {
        percent(found as u64, truth as u64)
    }
}

fn query_metrics(q: &ShardQueryRun, rule: Option<usize>, phase: ShardPhase) -> Vec<Metric> {
    let truth = q.truth.len();
    let mut m = vec![Metric::new(
        "nearest shard edge",
        q.nearest_edge_km,
        km(q.nearest_edge_km),
    )];
    let runs: Vec<&ShardRun> = match rule {
        Some(r) => q.runs.get(r).into_iter().collect(),
        None if phase == ShardPhase::Compare => q.runs.iter().collect(),
        None => Vec::new(),
    };
    for run in runs {
        let prefix = if rule.is_none() {
            format!(
                "{}: ",
                if run.rule == ShardRule::F0 {
                    "F0"
                } else {
                    "corrected"
                }
            )
        } else {
            String::new()
        };
        let scanned: u32 = run.search.shards.iter().map(|s| s.scanned).sum();
        m.push(Metric::new(
            &format!("{prefix}shards queried"),
            run.shards.len() as f64,
            run.shards.len().to_string(),
        ));
        if phase as u8 >= ShardPhase::Queried as u8 {
            m.push(Metric::new(
                &format!("{prefix}places scanned"),
                f64::from(scanned),
                group(u64::from(scanned)),
            ));
            m.push(Metric::new(
                &format!("{prefix}results"),
                run.search.within.len() as f64,
                group(run.search.within.len() as u64),
            ));
        }
        if phase as u8 >= ShardPhase::Missed as u8 {
            m.push(Metric::new(
                &format!("{prefix}missed"),
                run.missed.len() as f64,
                format!(
                    "{} (recall {})",
                    group(run.missed.len() as u64),
                    recall_text(run.search.within.len(), truth)
                ),
            ));
        }
    }
    m
}

fn hashes(cells: &[Cell]) -> String {
    cells
        .iter()
        .map(super::super::codec::Cell::to_hash)
        .collect::<Vec<_>>()
        .join(", ")
}

fn rule_steps(b: &mut Builder, q: &ShardQueryRun, r: usize) {
    let Some(run) = q.runs.get(r) else { return };
    let (text, lines): (String, &[usize]) = match run.rule {
        ShardRule::F0 if q.radius_km > DOC_NEIGHBOUR_RADIUS_KM => (
            format!(
                "F0: the radius {} is > 50 km, so the 8 neighbouring regions are added: {} shards ({}).",
                km(q.radius_km),
                run.shards.len(),
                hashes(&run.shards)
            ),
            &[2, 3],
        ),
        ShardRule::F0 => (
            format!(
                "F0: the radius {} is not > 50 km, so only shard {} is queried, although the nearest shard edge is {} away.",
                km(q.radius_km),
                q.home.to_hash(),
                km(q.nearest_edge_km)
            ),
            &[2, 3],
        ),
        ShardRule::Corrected => (
            format!(
                "Corrected: every shard whose region meets the circle's bounding box: {} shard{} ({}).",
                run.shards.len(),
                if run.shards.len() == 1 { "" } else { "s" },
                hashes(&run.shards)
            ),
            &[2],
        ),
    };
    b.push(Some(r), ShardPhase::Relevant, text, lines);
    let scanned: u32 = run.search.shards.iter().map(|s| s.scanned).sum();
    let per: Vec<String> = run
        .search
        .shards
        .iter()
        .filter(|s| s.scanned > 0)
        .map(|s| format!("{} {}/{}", s.cell.to_hash(), s.found, s.scanned))
        .collect();
    b.push(
        Some(r),
        ShardPhase::Queried,
        format!(
            "The shards are queried in parallel: {} places checked, {} within the radius (found/checked: {}).",
            group(u64::from(scanned)),
            group(run.search.within.len() as u64),
            if per.is_empty() { "all empty".to_string() } else { per.join(", ") }
        ),
        &[4],
    );
    let top = (q.top as usize).min(run.search.within.len());
    b.push(
        Some(r),
        ShardPhase::Merged,
        match top.checked_sub(1).and_then(|i| run.search.within.get(i)) {
            Some(last) => format!(
                "Merged and sorted: the top {top} are within {}.",
                km(last.km)
            ),
            None => "Merged: nothing within the radius.".to_string(),
        },
        &[5, 6],
    );
    let truth = q.truth.len();
    b.push(
        Some(r),
        ShardPhase::Missed,
        format!(
            "Brute force finds {} places inside the circle: {} missed (recall {}).",
            group(truth as u64),
            group(run.missed.len() as u64),
            recall_text(run.search.within.len(), truth)
        ),
        &[],
    );
}

fn query_steps(b: &mut Builder, map: &ShardMap, centre: LatLng, radius_km: f64, top: u32) {
    let q = Arc::new(run_query(map, &b.world.points, centre, radius_km, top));
    b.query = Some(q.clone());
    let cell = q.home.bbox();
    b.push(
        None,
        ShardPhase::Home,
        format!(
            "Search {} around {}: at precision 2 the centre is in {} (latitude [{}, {}] × longitude [{}, {}]); its nearest edge is {} away.",
            km(radius_km),
            point(centre),
            q.home.to_hash(),
            cell.south,
            cell.north,
            cell.west,
            cell.east,
            km(q.nearest_edge_km)
        ),
        &[1],
    );
    for r in 0..q.runs.len() {
        rule_steps(b, &q, r);
    }
    let parts: Vec<String> = q
        .runs
        .iter()
        .map(|run| {
            format!(
                "{} queried {} shard{} and found {}",
                if run.rule == ShardRule::F0 {
                    "F0"
                } else {
                    "the corrected rule"
                },
                run.shards.len(),
                if run.shards.len() == 1 { "" } else { "s" },
                group(run.search.within.len() as u64)
            )
        })
        .collect();
    b.push(
        None,
        ShardPhase::Compare,
        format!(
            "{} of {} places inside the circle.",
            parts.join("; "),
            group(q.truth.len() as u64)
        ),
        &[],
    );
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Vec<Step<State>> {
    let p = &s.params;
    let points = generate(p.places, p.distribution, s.seed);
    let map = ShardMap::build(&points);
    let world = Arc::new(ShardWorld {
        distribution: p.distribution,
        shards: map.counts(),
        points,
    });
    let mut b = Builder {
        steps: Vec::new(),
        world,
        query: None,
        query_index: 0,
    };
    let busiest = b
        .world
        .shards
        .iter()
        .max_by_key(|(c, n)| (*n, std::cmp::Reverse(*c)));
    b.push(
        None,
        ShardPhase::Sharded,
        format!(
            "{} places are sharded by their precision-2 geohash (1,024 regions of 11.25° × 5.625°): {} shards hold places{}.",
            group(b.world.points.len() as u64),
            b.world.shards.len(),
            busiest.map_or(String::new(), |(c, n)| format!(
                "; the busiest, {}, holds {}",
                c.to_hash(),
                group(u64::from(*n))
            ))
        ),
        &[0],
    );
    query_steps(&mut b, &map, LatLng::new(p.lat, p.lng), p.radius_km, p.top);
    for a in &s.actions {
        let (at, r) = match a {
            Action::Point(pt) => (*pt, p.radius_km),
            Action::Query { at, radius_km } => (*at, *radius_km),
            _ => continue,
        };
        b.query_index += 1;
        query_steps(&mut b, &map, at, r, p.top);
    }
    b.steps
}
