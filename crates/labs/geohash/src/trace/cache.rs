//! Cache mode: a seeded stream of hotel searches through F4's geohash-keyed cache and a fixed
//! one, with hit rates, wrong answers and missed hotels, and the hit-rate curve by precision.

use crate::cache::{
    CacheEntry, CacheFlow, CacheQuery, CacheSettings, CacheTotals, Db, GeoCache, QueryOutcome,
    run_query,
};
use crate::codec::LatLng;
use crate::format::{km, point};
use crate::places::{generate, near_city, pick_city};
use crate::proximity::GeoIndex;
use crate::text::proc_ids::{CACHE_DOC, CACHE_FIXED};
use crate::{Action, DETAILED_QUERIES, Params, State};
use rand::RngExt;
use sdp_kit::fmt::{group, percent};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Number of popular spots the local queries repeat.
pub const HOTSPOTS: usize = 20;
/// Precisions of the document flow's hit-rate curve.
pub const CURVE_PRECISIONS: [u8; 6] = [3, 4, 5, 6, 7, 8];

/// The document flow at one key precision over the whole stream.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurvePoint {
    /// Key precision.
    pub precision: u8,
    /// Key hit rate, 0–1.
    pub hit_rate: f64,
    /// Share of the hotels within the radius that were returned, 0–1.
    pub recall: f64,
    /// Returned hotels beyond the radius (all queries).
    pub wrong: u64,
}

/// The stream and both flows' outcomes, shared by every step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CacheWorld {
    /// Hotels; id = index.
    pub hotels: Vec<LatLng>,
    /// The popular spots local queries come back to.
    pub hotspots: Vec<LatLng>,
    /// Every query, in time order (generated ones, then the user's).
    pub queries: Vec<CacheQuery>,
    /// Radius, document precision, TTL.
    pub settings: CacheSettings,
    /// Per query: the document flow.
    pub doc: Vec<QueryOutcome>,
    /// Per query: the fixed flow.
    pub fixed: Vec<QueryOutcome>,
    /// The document flow's hit rate and recall at precisions 3–8 (draw as a curve).
    pub curve: Vec<CurvePoint>,
}

/// What a cache step shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CachePhase {
    /// Empty caches.
    Start,
    /// One query through both flows (`current`).
    Query,
    /// Many queries at once (up to `done`).
    Bulk,
    /// The hit-rate-by-precision curve.
    Curve,
}

/// The state of a cache step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CacheState {
    /// Shared data.
    pub world: Arc<CacheWorld>,
    /// Queries processed so far (a prefix of `world.queries`).
    pub done: u32,
    /// The query this step is about (Query phase).
    pub current: Option<u32>,
    /// The document cache's unexpired keys after this step (`hotels:geo:{hash}`, TTL bar).
    pub doc_cache: Arc<Vec<CacheEntry>>,
    /// The fixed cache's unexpired keys after this step.
    pub fixed_cache: Arc<Vec<CacheEntry>>,
    /// Document flow totals so far.
    pub doc_totals: CacheTotals,
    /// Fixed flow totals so far.
    pub fixed_totals: CacheTotals,
    /// What this step highlights.
    pub phase: CachePhase,
}

fn make_queries(p: &Params, seed: u64, extra: &[LatLng]) -> (Vec<LatLng>, Vec<CacheQuery>) {
    let mut rng = sdp_kit::rng::seeded(seed ^ 0x5eed_cafe_f00d_0001);
    let hotspots: Vec<LatLng> = (0..HOTSPOTS)
        .map(|_| {
            let c = pick_city(&mut rng);
            near_city(&mut rng, c)
        })
        .collect();
    let mut queries = Vec::with_capacity(p.queries as usize + extra.len());
    for i in 0..u64::from(p.queries) {
        let local = rng.random_range(0..100u32) < p.locality;
        let at = if local {
            let h = hotspots[rng.random_range(0..HOTSPOTS)];
            LatLng::new(
                (h.lat + rng.random_range(-0.001..0.001)).clamp(-90.0, 90.0),
                (h.lng + rng.random_range(-0.001..0.001)).clamp(-180.0, 180.0),
            )
        } else {
            let c = pick_city(&mut rng);
            near_city(&mut rng, c)
        };
        queries.push(CacheQuery {
            t_s: i * u64::from(p.interval_s),
            at,
        });
    }
    let base = u64::from(p.queries);
    for (k, at) in extra.iter().enumerate() {
        queries.push(CacheQuery {
            t_s: (base + k as u64) * u64::from(p.interval_s),
            at: *at,
        });
    }
    (hotspots, queries)
}

fn metrics(s: &CacheState) -> Vec<Metric> {
    let rate = |t: &CacheTotals| {
        format!(
            "{} ({} of {} keys)",
            percent(t.hits, t.hits + t.misses),
            group(t.hits),
            group(t.hits + t.misses)
        )
    };
    let recall = |t: &CacheTotals| {
        if t.truth == 0 {
            "—".to_string()
        } else {
            format!(
                "{} ({} missed)",
                percent(t.truth - t.missed, t.truth),
                group(t.missed)
            )
        }
    };
    let (d, f) = (&s.doc_totals, &s.fixed_totals);
    vec![
        Metric::new("queries", f64::from(s.done), group(u64::from(s.done))),
        Metric::new("F4: hit rate", d.hit_rate(), rate(d)),
        Metric::new("F4: recall", d.recall(), recall(d)),
        Metric::new(
            "F4: wrong results",
            d.wrong as f64,
            format!("{} beyond the radius", group(d.wrong)),
        ),
        Metric::new("F4: DB rows", d.db_rows as f64, group(d.db_rows)),
        Metric::new("fixed: hit rate", f.hit_rate(), rate(f)),
        Metric::new("fixed: recall", f.recall(), recall(f)),
        Metric::new("fixed: DB rows", f.db_rows as f64, group(f.db_rows)),
    ]
}

/// "1 hotel", "1,234 hotels".
fn hotels(n: u32) -> String {
    if n == 1 {
        "1 hotel".to_string()
    } else {
        format!("{} hotels", group(u64::from(n)))
    }
}

fn query_sentence(i: usize, w: &CacheWorld) -> String {
    let (Some(q), Some(d), Some(f)) = (w.queries.get(i), w.doc.get(i), w.fixed.get(i)) else {
        return String::new();
    };
    let key = d
        .keys
        .first()
        .map_or(String::new(), super::super::codec::Cell::to_hash);
    let doc = if d.hits > 0 {
        format!(
            "hit on hotels:geo:{key}, filtered to {} hotels",
            group(u64::from(d.returned))
        )
    } else {
        format!(
            "miss on hotels:geo:{key}: the database returns the cell's {}, cached for {} s and returned unfiltered{}",
            hotels(d.db_rows),
            w.settings.ttl_s,
            if d.wrong > 0 {
                format!(" ({} beyond {})", d.wrong, km(w.settings.radius_km))
            } else {
                String::new()
            }
        )
    };
    let precision = f.keys.first().map_or(0, |c| c.precision);
    format!(
        "Query {} at t = {} s near {}: {} within {}. F4: {doc}; {} missed. Fixed: precision {precision}, {} keys ({} hits, {} misses), {} returned, {} missed.",
        i + 1,
        q.t_s,
        point(q.at),
        hotels(d.truth),
        km(w.settings.radius_km),
        group(u64::from(d.missed)),
        f.keys.len(),
        f.hits,
        f.misses,
        group(u64::from(f.returned)),
        group(u64::from(f.missed)),
    )
}

/// What replaying a stream gives: per-query outcomes of both flows, the curve, and cache
/// snapshots (document, fixed) after the requested queries.
struct Replay {
    doc: Vec<QueryOutcome>,
    fixed: Vec<QueryOutcome>,
    curve: Vec<CurvePoint>,
    snaps: Vec<(Vec<CacheEntry>, Vec<CacheEntry>)>,
}

/// Replays the whole stream through both flows and the curve caches, recording snapshots
/// after the queries in `snap_after`.
fn simulate(
    hotels: &[LatLng],
    queries: &[CacheQuery],
    settings: CacheSettings,
    snap_after: &[usize],
) -> Replay {
    let index = GeoIndex::build(hotels);
    let db = Db {
        hotels,
        index: &index,
    };
    let (mut doc_cache, mut fixed_cache) = (GeoCache::default(), GeoCache::default());
    let mut curve_caches: Vec<(GeoCache, CacheTotals)> = CURVE_PRECISIONS
        .iter()
        .map(|_| (GeoCache::default(), CacheTotals::default()))
        .collect();
    let (mut doc, mut fixed, mut snaps) = (Vec::new(), Vec::new(), Vec::new());
    for (i, q) in queries.iter().enumerate() {
        let truth = db.truth(q.at, settings.radius_km);
        doc.push(run_query(
            &mut doc_cache,
            &db,
            CacheFlow::Document,
            q,
            &settings,
            &truth,
        ));
        fixed.push(run_query(
            &mut fixed_cache,
            &db,
            CacheFlow::Fixed,
            q,
            &settings,
            &truth,
        ));
        for ((cache, totals), &precision) in curve_caches.iter_mut().zip(&CURVE_PRECISIONS) {
            let s = CacheSettings {
                precision,
                ..settings
            };
            totals.add(&run_query(cache, &db, CacheFlow::Document, q, &s, &truth));
        }
        if snap_after.contains(&i) {
            snaps.push((doc_cache.snapshot(q.t_s), fixed_cache.snapshot(q.t_s)));
        }
    }
    let curve = curve_caches
        .iter()
        .zip(&CURVE_PRECISIONS)
        .map(|((_, t), &precision)| CurvePoint {
            precision,
            hit_rate: t.hit_rate(),
            recall: t.recall(),
            wrong: t.wrong,
        })
        .collect();
    Replay {
        doc,
        fixed,
        curve,
        snaps,
    }
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Vec<Step<State>> {
    let p = &s.params;
    let extra: Vec<LatLng> = s
        .actions
        .iter()
        .filter_map(|a| match a {
            Action::Point(pt) => Some(*pt),
            _ => None,
        })
        .collect();
    let hotels = generate(p.places, p.distribution, s.seed);
    let (hotspots, queries) = make_queries(p, s.seed, &extra);
    let settings = CacheSettings {
        radius_km: p.radius_km,
        precision: p.precision,
        ttl_s: p.ttl_s,
    };
    let generated = p.queries as usize;
    let detailed_head = generated.min(DETAILED_QUERIES as usize);
    // Steps: each detailed head query, one bulk step (if any), then each user query.
    let mut plan: Vec<(CachePhase, usize)> =
        (0..detailed_head).map(|i| (CachePhase::Query, i)).collect();
    if generated > detailed_head {
        plan.push((CachePhase::Bulk, generated - 1));
    }
    plan.extend((generated..queries.len()).map(|i| (CachePhase::Query, i)));
    let snap_after: Vec<usize> = plan.iter().map(|(_, i)| *i).collect();
    let Replay {
        doc,
        fixed,
        curve,
        snaps,
    } = simulate(&hotels, &queries, settings, &snap_after);
    let world = Arc::new(CacheWorld {
        hotels,
        hotspots,
        queries,
        settings,
        doc,
        fixed,
        curve,
    });
    let mut steps = Vec::new();
    let empty = Arc::new(Vec::new());
    let mut state = CacheState {
        world: world.clone(),
        done: 0,
        current: None,
        doc_cache: empty.clone(),
        fixed_cache: empty,
        doc_totals: CacheTotals::default(),
        fixed_totals: CacheTotals::default(),
        phase: CachePhase::Start,
    };
    let push =
        |steps: &mut Vec<Step<State>>, st: &CacheState, narration: String, lines: LinesRun| {
            steps.push(Step {
                metrics: metrics(st),
                state: State::Cache(st.clone()),
                narration,
                lines,
            });
        };
    push(
        &mut steps,
        &state,
        format!(
            "{} hotels; {} searches within {}, one every {} s, {}% of them at {HOTSPOTS} popular spots. F4's cache keys on the precision-{} cell of the centre with a {} s TTL; the fixed cache keys every cell of a block whose precision follows the radius.",
            group(world.hotels.len() as u64),
            group(world.queries.len() as u64),
            km(p.radius_km),
            p.interval_s,
            p.locality,
            p.precision,
            p.ttl_s
        ),
        LinesRun::new(CACHE_DOC, &[0, 1, 3]),
    );
    for ((phase, upto), (doc_snap, fixed_snap)) in plan.iter().zip(snaps) {
        let from = state.done as usize;
        for i in from..=*upto {
            if let (Some(d), Some(f)) = (world.doc.get(i), world.fixed.get(i)) {
                state.doc_totals.add(d);
                state.fixed_totals.add(f);
            }
        }
        state.done = (*upto + 1) as u32;
        state.doc_cache = Arc::new(doc_snap);
        state.fixed_cache = Arc::new(fixed_snap);
        state.phase = *phase;
        let (narration, lines) = if *phase == CachePhase::Bulk {
            state.current = None;
            (
                format!(
                    "Queries {}–{} run the same way: F4's cache hits {} of its keys and returns {} of the hotels within the radius; the fixed cache hits {} and returns all of them.",
                    from + 1,
                    upto + 1,
                    percent(
                        state.doc_totals.hits,
                        state.doc_totals.hits + state.doc_totals.misses
                    ),
                    percent(
                        state.doc_totals.truth - state.doc_totals.missed,
                        state.doc_totals.truth
                    ),
                    percent(
                        state.fixed_totals.hits,
                        state.fixed_totals.hits + state.fixed_totals.misses
                    ),
                ),
                LinesRun::new(CACHE_DOC, &[4, 5, 6, 7, 8, 9]),
            )
        } else {
            state.current = Some(*upto as u32);
            let hit = world.doc.get(*upto).is_some_and(|d| d.hits > 0);
            let lines: &[usize] = if hit {
                &[1, 2, 3, 4, 5, 6]
            } else {
                &[1, 2, 3, 4, 7, 8, 9]
            };
            (
                query_sentence(*upto, &world),
                LinesRun::new(CACHE_DOC, lines),
            )
        };
        push(&mut steps, &state, narration, lines);
    }
    state.phase = CachePhase::Curve;
    state.current = None;
    let curve_text: Vec<String> = world
        .curve
        .iter()
        .map(|c| {
            format!(
                "p{} hits {:.0}%, returns {:.0}% and adds {} beyond the radius",
                c.precision,
                c.hit_rate * 100.0,
                c.recall * 100.0,
                group(c.wrong)
            )
        })
        .collect();
    push(
        &mut steps,
        &state,
        format!(
            "F4's flow at other key precisions on the same stream: {}. Coarser keys hit more often and miss fewer hotels, but their unfiltered misses return hotels beyond the radius; the fixed flow gets both right by choosing the precision from the radius and filtering always.",
            curve_text.join("; ")
        ),
        LinesRun::new(CACHE_FIXED, &[0, 1, 2, 3]),
    );
    steps
}
