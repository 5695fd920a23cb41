//! In-browser benchmarks (feature `bench`), called from `benches/browser.mjs` through the
//! loader's `window.sdpBundle`. They print figures; nothing here runs unless called.

use crate::layout::plane::{PLANE_W, alive_points, main_viewport};
use crate::tree::{QuadTree, Rect, Shape};
use crate::view::plane::{draw, raster};
use crate::{
    Action, Conversion, Distribution, MAX_DETAILED, MAX_POINTS, MAX_QUERIES, Params, QuadtreeLab,
    WORLD,
};
use sdp_kit::lab::{Contract, Scenario};
use sdp_kit_web::canvas;
use sdp_kit_web::dom::now_ms;
use sdp_kit_web::palette;
use std::hint::black_box;
use wasm_bindgen::prelude::*;

/// The largest quadtree scenario the lab allows: 10 000 points (200 one step each) and eight
/// queries, small to half the Earth.
pub fn largest_quadtree() -> Scenario<Params, Action> {
    let queries = [
        (10.75, 59.91, 500.0),
        (-0.13, 51.5, 2000.0),
        (18.96, 69.65, 300.0),
        (-78.47, -0.18, 800.0),
        (139.69, 35.69, 5000.0),
        (-74.0, 40.7, 20_000.0),
        (2.35, 48.86, 50.0),
        (151.2, -33.87, 1500.0),
    ];
    Scenario {
        params: Params {
            dist: Distribution::Cities,
            points: MAX_POINTS - 8,
            capacity: 4,
            max_depth: 30,
            detailed: MAX_DETAILED,
            bounds: WORLD,
            conv: Conversion::Doc,
        },
        seed: 7,
        actions: (0..8)
            .map(|i| Action::AddPoint {
                lng: 10.0 + f64::from(i) * 0.001,
                lat: 60.0,
            })
            .chain(
                queries
                    .iter()
                    .take(MAX_QUERIES)
                    .map(|&(lng, lat, radius_km)| Action::Query {
                        lng,
                        lat,
                        radius_km,
                    }),
            )
            .collect(),
    }
}

/// A uniform number in [0, 1) from a `SplitMix64` state (benchmark inputs only).
fn unit(state: &mut u64) -> f64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// Quadtree figures in WebAssembly: 100 000 points and 1 000 radius queries on the plain tree,
/// and the trace build of the largest scenario.
#[wasm_bindgen]
pub fn bench_quadtree() -> String {
    let mut state = 11u64;
    let mut uniform = |lo: f64, hi: f64| lo + (hi - lo) * unit(&mut state);
    let points: Vec<(f64, f64)> = (0..100_000)
        .map(|_| (uniform(-180.0, 180.0), uniform(-90.0, 90.0)))
        .collect();
    let t = now_ms();
    let tree = QuadTree::build(WORLD, 8, 30, &points);
    let build_ms = now_ms() - t;
    let Ok(tree) = tree else {
        return "quadtree build failed".into();
    };
    let queries: Vec<Shape> = (0..1000)
        .map(|_| {
            Shape::circle(
                uniform(-180.0, 180.0),
                uniform(-90.0, 90.0),
                uniform(0.5, 5.0),
            )
        })
        .collect();
    let t = now_ms();
    let mut found = 0usize;
    for q in &queries {
        found += black_box(tree.query(q)).len();
    }
    let query_ms = now_ms() - t;
    let scenario = largest_quadtree();
    let mut builds = Vec::new();
    let mut steps = 0;
    for _ in 0..3 {
        let t = now_ms();
        steps = QuadtreeLab::run(&scenario).map_or(0, |t| t.len());
        builds.push(now_ms() - t);
    }
    // Drawing the plane with every point in the tree (the query steps), whole boundary and
    // close-up, flushed so the canvas has really drawn.
    let draws = QuadtreeLab::run(&scenario)
        .ok()
        .and_then(|trace| {
            let (_, ctx) = canvas::offscreen(PLANE_W as u32, 480)?;
            let ink = palette::ink(false);
            let mut whole = Vec::new();
            let mut close = Vec::new();
            let mut points = 0;
            for st in trace.steps.iter().filter(|st| st.state.query().is_some()).step_by(4) {
                points = alive_points(&st.state.world, st.state.epoch);
                for (follow, out) in [(false, &mut whole), (true, &mut close)] {
                    let t = now_ms();
                    let vp = main_viewport(&st.state, follow);
                    let base = raster::main_raster(&st.state, &vp, &ink);
                    draw::draw_main(&ctx, &st.state, &base, &vp, 1.0, &ink);
                    canvas::flush(&ctx);
                    out.push(now_ms() - t);
                }
            }
            Some(format!(
                "wasm+canvas: one plane frame with {points} points and the outline: whole boundary {}; close-up {} ({} frames each)",
                canvas::spread(whole.clone()),
                canvas::spread(close),
                whole.len()
            ))
        })
        .unwrap_or_default();
    let b = Rect::new(-180.0, -90.0, 180.0, 90.0);
    format!(
        "wasm: quadtree build, 100,000 uniform points (capacity 8): {build_ms:.1} ms, {} nodes\n\
         wasm: 1,000 radius queries (r 0.5–5°): {query_ms:.1} ms = {:.0} queries/s ({found} points returned)\n\
         wasm: quadtree trace, largest scenario (10,000 points, 200 one step each, 8 queries): median {:.1} ms, {steps} steps\n\
         (boundary {} × {}°)\n{draws}",
        tree.nodes().len(),
        1000.0 / (query_ms.max(0.001) / 1000.0),
        median(builds),
        b.width(),
        b.height()
    )
}
