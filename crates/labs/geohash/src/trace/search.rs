//! Search mode: the same query under F0's thresholds, F4's fixed precision 6 and the corrected
//! rule, with the points each one misses.

use crate::codec::{Cell, LatLng};
use crate::distance::circle_polygon;
use crate::format::{km, point};
use crate::places::{CITIES, Distribution, generate};
use crate::proximity::{GeoIndex, Hit, Plan, Rule, brute_force, missed, plan, search};
use crate::sizes::cell_size;
use crate::text::proc_ids::{ADD, SEARCH_CORRECTED, SEARCH_F0, SEARCH_F4};
use crate::{ARC_POINTS, Action, Params, State};
use sdp_kit::fmt::{group, percent};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The places (businesses), shared by every step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlacesWorld {
    /// How they were spread.
    pub distribution: Distribution,
    /// Positions; a place's id is its index.
    pub points: Vec<LatLng>,
}

/// One rule's run of a query.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleRun {
    /// Rule, precision, the searched cells (draw them; `CellRole` says centre/neighbour) and
    /// the radius they are guaranteed to cover.
    pub plan: Plan,
    /// Candidates scanned (places read from the cells).
    pub scanned: u32,
    /// Haversine evaluations.
    pub distance_computations: u32,
    /// Ids of the candidates (places in the searched cells), ascending.
    pub candidates: Vec<u32>,
    /// Candidates within the radius, nearest first; the first `top` are the answer.
    pub within: Vec<Hit>,
    /// Ids inside the circle but outside the searched cells (draw them as "missed").
    pub missed: Vec<u32>,
}

impl RuleRun {
    /// Share of the places inside the circle that this rule found (1 when there are none).
    pub fn recall(&self, truth: usize) -> f64 {
        if truth == 0 {
            1.0
        } else {
            self.within.len() as f64 / truth as f64
        }
    }
}

/// One query under all three rules, shared by its steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueryRun {
    /// Search centre.
    pub centre: LatLng,
    /// Radius, km.
    pub radius_km: f64,
    /// Results kept (top N).
    pub top: u32,
    /// The circle as a polygon (degrees), for drawing.
    pub circle: Vec<LatLng>,
    /// Every place inside the circle (brute force), nearest first.
    pub truth: Vec<Hit>,
    /// One run per rule, in [`Rule::ALL`] order: F0 thresholds, F4 fixed 6, corrected.
    pub runs: Vec<RuleRun>,
}

/// What a search-mode step shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SearchPhase {
    /// The places were indexed (draw them all).
    Indexed,
    /// The rule chose a precision (show the precision and the reach vs the radius).
    Precision,
    /// The centre cell and its neighbours (draw `plan.cells`).
    Cells,
    /// Candidates collected by range scans (highlight `candidates`).
    Candidates,
    /// Haversine filter (highlight `within`).
    Filtered,
    /// Sorted; the top N (number the first `top` of `within`).
    Sorted,
    /// Brute force shows the misses (draw `missed`).
    Missed,
    /// The three rules side by side.
    Compare,
}

/// The state of a search-mode step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchState {
    /// All places.
    pub places: Arc<PlacesWorld>,
    /// The current query (None on the first step).
    pub query: Option<Arc<QueryRun>>,
    /// Which query (0 = from the parameters, then one per action).
    pub query_index: u32,
    /// Index into `query.runs` of the rule this step is about (None for Indexed/Compare).
    pub rule: Option<usize>,
    /// What this step highlights.
    pub phase: SearchPhase,
}

/// Runs one query under every rule.
pub(crate) fn run_query(
    index: &GeoIndex,
    places: &[LatLng],
    centre: LatLng,
    radius_km: f64,
    top: u32,
) -> QueryRun {
    let truth = brute_force(places, centre, radius_km);
    let runs = Rule::ALL
        .iter()
        .map(|&rule| {
            let plan = plan(rule, centre, radius_km);
            let r = search(index, places, centre, radius_km, &plan);
            let mut candidates: Vec<u32> = plan
                .cells
                .iter()
                .flat_map(|(c, _)| index.scan(*c).iter().map(|e| e.1))
                .collect();
            crate::sort::sort(&mut candidates);
            RuleRun {
                missed: missed(&truth, &r.within),
                plan,
                scanned: r.scanned,
                distance_computations: r.distance_computations,
                candidates,
                within: r.within,
            }
        })
        .collect();
    QueryRun {
        centre,
        radius_km,
        top,
        circle: circle_polygon(centre, radius_km, ARC_POINTS),
        truth,
        runs,
    }
}

struct Builder {
    steps: Vec<Step<State>>,
    places: Arc<PlacesWorld>,
    query: Option<Arc<QueryRun>>,
    query_index: u32,
}

impl Builder {
    fn push(
        &mut self,
        rule: Option<usize>,
        phase: SearchPhase,
        narration: String,
        lines: LinesRun,
    ) {
        let metrics = match (&self.query, rule) {
            (Some(q), Some(r)) => rule_metrics(q, r, phase),
            (Some(q), None) => compare_metrics(q),
            _ => vec![Metric::new(
                "places",
                self.places.points.len() as f64,
                group(self.places.points.len() as u64),
            )],
        };
        self.steps.push(Step {
            state: State::Search(SearchState {
                places: self.places.clone(),
                query: self.query.clone(),
                query_index: self.query_index,
                rule,
                phase,
            }),
            narration,
            lines,
            metrics,
        });
    }
}

fn rule_metrics(q: &QueryRun, r: usize, phase: SearchPhase) -> Vec<Metric> {
    let Some(run) = q.runs.get(r) else {
        return Vec::new();
    };
    let mut m = vec![
        Metric::new(
            "precision",
            f64::from(run.plan.precision),
            run.plan.precision.to_string(),
        ),
        Metric::new(
            "block reach",
            run.plan.covered_km,
            format!("{} (radius {})", km(run.plan.covered_km), km(q.radius_km)),
        ),
    ];
    let at_least = |p: SearchPhase| phase as u8 >= p as u8;
    if at_least(SearchPhase::Cells) {
        let n = run.plan.cells.len();
        m.push(Metric::new("cells", n as f64, n.to_string()));
    }
    if at_least(SearchPhase::Candidates) {
        m.push(Metric::new(
            "candidates scanned",
            f64::from(run.scanned),
            group(u64::from(run.scanned)),
        ));
    }
    if at_least(SearchPhase::Filtered) {
        m.push(Metric::new(
            "distance computations",
            f64::from(run.distance_computations),
            group(u64::from(run.distance_computations)),
        ));
        m.push(Metric::new(
            "results",
            run.within.len() as f64,
            group(run.within.len() as u64),
        ));
    }
    if at_least(SearchPhase::Missed) {
        let truth = q.truth.len();
        m.push(Metric::new(
            "missed",
            run.missed.len() as f64,
            format!(
                "{} of {} inside the circle",
                group(run.missed.len() as u64),
                group(truth as u64)
            ),
        ));
        m.push(Metric::new(
            "recall",
            run.recall(truth),
            percent(run.within.len() as u64, truth as u64),
        ));
    }
    m
}

fn compare_metrics(q: &QueryRun) -> Vec<Metric> {
    let truth = q.truth.len();
    let mut m = vec![Metric::new(
        "inside the circle",
        truth as f64,
        group(truth as u64),
    )];
    for run in &q.runs {
        let label = run.plan.rule.label();
        m.push(Metric::new(
            &format!("{label}: recall"),
            run.recall(truth),
            format!(
                "{} (p{}, {} scanned, {} missed)",
                if truth == 0 {
                    "100.0%".to_string()
                } else {
                    percent(run.within.len() as u64, truth as u64)
                },
                run.plan.precision,
                group(u64::from(run.scanned)),
                group(run.missed.len() as u64)
            ),
        ));
    }
    m
}

fn precision_sentence(q: &QueryRun, run: &RuleRun) -> (String, LinesRun) {
    let p = run.plan.precision;
    let size = cell_size(p, q.centre.lat);
    let reach = format!(
        "a 3×3 block of {} N–S × {} E–W cells reaches {} here, {} the {} radius",
        km(size.ns_km),
        km(size.ew_km),
        km(run.plan.covered_km),
        if run.plan.covered_km >= q.radius_km {
            "covering"
        } else {
            "short of"
        },
        km(q.radius_km)
    );
    match run.plan.rule {
        Rule::F0Thresholds => {
            let (line, quote) = match p {
                3 => (2, "> 100 km → precision 3 (“~78 km cells”)"),
                4 => (3, "> 10 km → precision 4 (“~20 km cells”)"),
                5 => (4, "> 1 km → precision 5 (“~2.4 km cells”)"),
                _ => (5, "else → precision 6 (“~0.6 km cells”)"),
            };
            (
                format!("F0 rule: radius {}, so {quote}; {reach}.", km(q.radius_km)),
                LinesRun::new(SEARCH_F0, &[1, line]),
            )
        }
        Rule::F4Fixed6 => (
            format!("F4 rule: always precision 6, whatever the radius; {reach}."),
            LinesRun::new(SEARCH_F4, &[0, 1]),
        ),
        Rule::Corrected if run.plan.fallback => (
            format!(
                "Corrected rule: no precision's 3×3 block reaches {} here (the circle is too large or holds a pole), so every precision-1 cell meeting the circle's bounding box is searched.",
                km(q.radius_km)
            ),
            LinesRun::new(SEARCH_CORRECTED, &[0, 1, 2, 4]),
        ),
        Rule::Corrected => (
            format!(
                "Corrected rule: the finest precision whose block reaches the radius at latitude {:.2}° is {p}; {reach}.",
                q.centre.lat
            ),
            LinesRun::new(SEARCH_CORRECTED, &[0, 1, 2, 3]),
        ),
    }
}

/// Procedure and lines for each later phase of a rule.
fn phase_lines(rule: Rule, phase: SearchPhase) -> LinesRun {
    let (proc, lines): (usize, &[usize]) = match (rule, phase) {
        (Rule::F4Fixed6, SearchPhase::Cells) => (SEARCH_F4, &[1, 2]),
        (Rule::F4Fixed6, SearchPhase::Candidates) => (SEARCH_F4, &[2, 3, 4]),
        (Rule::F4Fixed6, SearchPhase::Filtered) => (SEARCH_F4, &[5]),
        (Rule::F4Fixed6, SearchPhase::Sorted) => (SEARCH_F4, &[8]),
        (Rule::Corrected, SearchPhase::Cells) => (SEARCH_CORRECTED, &[5]),
        (_, SearchPhase::Cells) => (SEARCH_F0, &[6, 7]),
        (_, SearchPhase::Candidates) => (SEARCH_F0, &[8]),
        (_, SearchPhase::Filtered) => (SEARCH_F0, &[9]),
        (_, SearchPhase::Sorted) => (SEARCH_F0, &[10]),
        _ => (SEARCH_F0, &[]),
    };
    LinesRun::new(proc, lines)
}

fn cells_text(plan: &Plan) -> String {
    let hashes: Vec<String> = plan.cells.iter().map(|(c, _)| c.to_hash()).collect();
    if hashes.len() > 9 {
        format!("{} cells ({} …)", hashes.len(), hashes[..9].join(", "))
    } else {
        hashes.join(", ")
    }
}

fn rule_steps(b: &mut Builder, q: &Arc<QueryRun>, r: usize) {
    let Some(run) = q.runs.get(r) else { return };
    let rule = run.plan.rule;
    let (text, lines) = precision_sentence(q, run);
    b.push(Some(r), SearchPhase::Precision, text, lines);
    let centre_hash = Cell::encode_unchecked(q.centre, run.plan.precision).to_hash();
    let cells = if run.plan.fallback {
        format!("The cover: {}.", cells_text(&run.plan))
    } else {
        format!(
            "Encode the centre → {centre_hash}; with its neighbours that is {} cells: {}.",
            run.plan.cells.len(),
            cells_text(&run.plan)
        )
    };
    b.push(
        Some(r),
        SearchPhase::Cells,
        cells,
        phase_lines(rule, SearchPhase::Cells),
    );
    b.push(
        Some(r),
        SearchPhase::Candidates,
        format!(
            "{} prefix range scans of the sorted index collect {} candidates.",
            run.plan.cells.len(),
            group(u64::from(run.scanned))
        ),
        phase_lines(rule, SearchPhase::Candidates),
    );
    b.push(
        Some(r),
        SearchPhase::Filtered,
        format!(
            "{} haversine distances; {} candidates are within {}.",
            group(u64::from(run.distance_computations)),
            group(run.within.len() as u64),
            km(q.radius_km)
        ),
        phase_lines(rule, SearchPhase::Filtered),
    );
    let top = (q.top as usize).min(run.within.len());
    let sorted = match (
        run.within.first(),
        top.checked_sub(1).and_then(|i| run.within.get(i)),
    ) {
        (Some(first), Some(last)) => format!(
            "Sorted by distance, the top {top} run from {} to {}.",
            km(first.km),
            km(last.km)
        ),
        _ => "Nothing to sort: no candidate is within the radius.".to_string(),
    };
    b.push(
        Some(r),
        SearchPhase::Sorted,
        sorted,
        phase_lines(rule, SearchPhase::Sorted),
    );
    let truth = q.truth.len();
    let verdict = if run.missed.is_empty() {
        "nothing is missed".to_string()
    } else {
        format!(
            "{} are missed: inside the circle but outside the searched cells",
            group(run.missed.len() as u64)
        )
    };
    b.push(
        Some(r),
        SearchPhase::Missed,
        format!(
            "Checking all {} places by brute force finds {} within {}: {verdict} (recall {}).",
            group(b.places.points.len() as u64),
            group(truth as u64),
            km(q.radius_km),
            if truth == 0 {
                "100.0%".to_string()
            } else {
                percent(run.within.len() as u64, truth as u64)
            }
        ),
        LinesRun::new(rule_procedure(rule), &[]),
    );
}

/// The procedure a rule's steps show.
fn rule_procedure(rule: Rule) -> usize {
    match rule {
        Rule::F0Thresholds => SEARCH_F0,
        Rule::F4Fixed6 => SEARCH_F4,
        Rule::Corrected => SEARCH_CORRECTED,
    }
}

fn query_steps(b: &mut Builder, index: &GeoIndex, centre: LatLng, radius_km: f64, top: u32) {
    let q = Arc::new(run_query(index, &b.places.points, centre, radius_km, top));
    b.query = Some(q.clone());
    for r in 0..q.runs.len() {
        rule_steps(b, &q, r);
    }
    let truth = q.truth.len();
    let parts: Vec<String> = q
        .runs
        .iter()
        .map(|run| {
            format!(
                "{} (p{}) found {} scanning {}",
                run.plan.rule.label(),
                run.plan.precision,
                group(run.within.len() as u64),
                group(u64::from(run.scanned))
            )
        })
        .collect();
    b.push(
        None,
        SearchPhase::Compare,
        format!(
            "Same query around {} within {}: {} places inside the circle; {}.",
            point(centre),
            km(radius_km),
            group(truth as u64),
            parts.join("; ")
        ),
        LinesRun::new(SEARCH_CORRECTED, &[]),
    );
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Vec<Step<State>> {
    let p = &s.params;
    let points = generate(p.places, p.distribution, s.seed);
    let index = GeoIndex::build(&points);
    let mut b = Builder {
        steps: Vec::new(),
        places: Arc::new(PlacesWorld {
            distribution: p.distribution,
            points,
        }),
        query: None,
        query_index: 0,
    };
    let spread = match p.distribution {
        Distribution::Uniform => "spread uniformly over the globe".to_string(),
        Distribution::Cities => format!("clustered around {} cities", CITIES.len()),
    };
    b.push(
        None,
        SearchPhase::Indexed,
        format!(
            "{} seeded businesses, {spread}, are encoded and kept in one index sorted by their 12-character geohash, so any cell is a prefix range scan.",
            group(b.places.points.len() as u64)
        ),
        LinesRun::new(ADD, &[0, 1, 2, 4]),
    );
    query_steps(
        &mut b,
        &index,
        LatLng::new(p.lat, p.lng),
        p.radius_km,
        p.top,
    );
    for a in &s.actions {
        let (at, r) = match a {
            Action::Point(pt) => (*pt, p.radius_km),
            Action::Query { at, radius_km } => (*at, *radius_km),
            _ => continue,
        };
        b.query_index += 1;
        query_steps(&mut b, &index, at, r, p.top);
    }
    b.steps
}
