//! Native figures for the quadtree lab (prints numbers; asserts nothing): the plain tree's build
//! and radius queries against brute force, and the trace of a large scenario.
//! Run with `cargo bench -p sdp-lab-quadtree`.
#![allow(
    clippy::disallowed_methods,
    reason = "a benchmark times native code with the clock"
)]

use rand::RngExt;
use sdp_kit::lab::{Contract, Scenario};
use sdp_lab_quadtree as quadtree;
use sdp_lab_quadtree::tree::{QuadTree, Rect, Shape};
use sdp_lab_quadtree::{Conversion, QuadtreeLab};
use std::hint::black_box;
use std::time::Instant;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn quadtree_bench() {
    let mut rng = sdp_kit::rng::seeded(1);
    let points: Vec<(f64, f64)> = (0..100_000)
        .map(|_| {
            (
                rng.random::<f64>() * 360.0 - 180.0,
                rng.random::<f64>() * 180.0 - 90.0,
            )
        })
        .collect();
    let world = Rect::new(-180.0, -90.0, 180.0, 90.0);
    let queries: Vec<Shape> = (0..1_000)
        .map(|_| {
            let (lng, lat) = (
                rng.random::<f64>() * 360.0 - 180.0,
                rng.random::<f64>() * 160.0 - 80.0,
            );
            Conversion::Corrected.shape(lng, lat, 200.0)
        })
        .collect();
    for capacity in [4, 16, 64] {
        let t = Instant::now();
        let tree = QuadTree::build(world, capacity, 30, &points).expect("valid");
        let build = ms(t);
        let t = Instant::now();
        let mut found = 0usize;
        for q in &queries {
            found += tree.query(q).len();
        }
        let secs = t.elapsed().as_secs_f64();
        black_box(found);
        println!(
            "quadtree capacity {capacity}: build 100,000 points {build:.1} ms ({} nodes, depth {}); 1,000 radius queries (200 km) {:.1} ms = {:.0} queries/s, {:.1} hits/query",
            tree.nodes().len(),
            tree.depth(),
            secs * 1e3,
            queries.len() as f64 / secs,
            found as f64 / queries.len() as f64
        );
    }
    let t = Instant::now();
    let mut found = 0usize;
    for q in &queries {
        found += points.iter().filter(|p| q.contains(p.0, p.1)).count();
    }
    black_box(found);
    println!(
        "brute force, same 1,000 queries over 100,000 points: {:.0} queries/s",
        queries.len() as f64 / t.elapsed().as_secs_f64()
    );
}

fn trace_bench() {
    let mut actions: Vec<quadtree::Action> = (0..56)
        .map(|i| quadtree::Action::AddPoint {
            lng: 10.0 + f64::from(i) * 1e-9,
            lat: 59.9,
        })
        .collect();
    for i in 0..8 {
        actions.push(quadtree::Action::Query {
            lng: 10.75 + f64::from(i),
            lat: 59.91,
            radius_km: 2_000.0,
        });
    }
    let scenario = Scenario {
        params: quadtree::Params {
            points: quadtree::MAX_POINTS - 56,
            capacity: 1,
            max_depth: 30,
            detailed: quadtree::MAX_DETAILED,
            ..quadtree::Params::default()
        },
        seed: 1,
        actions,
    };
    let t = Instant::now();
    let trace = QuadtreeLab::run(&scenario).expect("valid");
    println!(
        "quadtree trace, 10,000 points, capacity 1, depth 30, 200 detailed, 56 near-identical adds, 8 queries of 2,000 km: {:.1} ms, {} steps",
        ms(t),
        trace.len()
    );
}

fn main() {
    quadtree_bench();
    trace_bench();
}
