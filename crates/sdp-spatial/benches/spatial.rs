//! Native figures for the spatial crate (prints numbers; asserts nothing).
//! Run with `cargo bench -p sdp-spatial`.

use rand::RngExt;
use sdp_core::lab::{Lab, Scenario};
use sdp_spatial::curves::{hilbert_xy2d, z_encode2, z_encode3};
use sdp_spatial::quadtree::tree::{QuadTree, Rect, Shape};
use sdp_spatial::quadtree::{self, Conversion, QuadtreeLab};
use sdp_spatial::zorder::skipping::{
    DataShape, LAYOUTS, QueryKind, generate_table, lay_out, random_query, scan,
};
use sdp_spatial::zorder::{self, CurvesParams, SkipParams, ZOrderLab};
use std::hint::black_box;
use std::time::Instant;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn quadtree_bench() {
    let mut rng = sdp_core::rng::seeded(1);
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

fn curve_bench() {
    let n = 10_000_000u32;
    let t = Instant::now();
    let mut acc = 0u64;
    for i in 0..n {
        acc ^= z_encode2(i, i.wrapping_mul(2_654_435_761));
    }
    black_box(acc);
    println!(
        "z_encode2: {:.0} M/s",
        f64::from(n) / t.elapsed().as_secs_f64() / 1e6
    );
    let t = Instant::now();
    for i in 0..n {
        acc ^= z_encode3(i, i >> 3, i.wrapping_mul(7));
    }
    black_box(acc);
    println!(
        "z_encode3: {:.0} M/s",
        f64::from(n) / t.elapsed().as_secs_f64() / 1e6
    );
    for order in [8u32, 16, 32] {
        let mask = if order == 32 {
            u32::MAX
        } else {
            (1 << order) - 1
        };
        let t = Instant::now();
        for i in 0..n {
            acc ^= hilbert_xy2d(order, i & mask, i.wrapping_mul(2_654_435_761) & mask);
        }
        black_box(acc);
        let ours = f64::from(n) / t.elapsed().as_secs_f64() / 1e6;
        let t = Instant::now();
        for i in 0..n {
            acc ^= fast_hilbert::xy2h(i & mask, i.wrapping_mul(2_654_435_761) & mask, order as u8);
        }
        black_box(acc);
        println!(
            "hilbert_xy2d order {order}: {ours:.0} M/s (fast_hilbert's lookup table: {:.0} M/s)",
            f64::from(n) / t.elapsed().as_secs_f64() / 1e6
        );
    }
}

fn skip_phases() {
    let mut rng = sdp_core::rng::seeded(1);
    let t = Instant::now();
    let table = generate_table(&mut rng, 100_000, 3, 16, DataShape::Clustered);
    let gen_ms = ms(t);
    let t = Instant::now();
    let layouts: Vec<_> = LAYOUTS
        .iter()
        .map(|&l| lay_out(&table, l, 0, 100))
        .collect();
    let lay_ms = ms(t);
    let queries: Vec<_> = (0..1_000)
        .map(|i| random_query(&mut rng, i, QueryKind::Mixed, 3, 16, 10))
        .collect();
    let t = Instant::now();
    let mut read = 0u64;
    for l in &layouts {
        for q in &queries {
            read += u64::from(scan(&l.files, q).rows_read);
        }
    }
    black_box(read);
    println!(
        "skip phases, 100,000 rows x 3 columns: generate {gen_ms:.1} ms, 4 layouts {lay_ms:.1} ms, 4,000 scans of 1,000 files {:.1} ms",
        ms(t)
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

    let t = Instant::now();
    let trace = ZOrderLab::run(&Scenario {
        params: zorder::Params::Curves(CurvesParams {
            order: 8,
            query: Some(zorder::GridBox {
                x0: 10,
                y0: 20,
                x1: 200,
                y1: 180,
            }),
        }),
        seed: 1,
        actions: vec![],
    })
    .expect("valid");
    println!(
        "z-order curves trace, order 8 (65,536 cells): {:.1} ms, {} steps",
        ms(t),
        trace.len()
    );

    let params = SkipParams {
        rows: zorder::MAX_ROWS,
        columns: 3,
        value_bits: 16,
        rows_per_file: zorder::MAX_ROWS / zorder::MAX_FILES,
        sort_column: 0,
        data: DataShape::Clustered,
        batch: zorder::MAX_BATCH,
        width_pct: 10,
        kind: QueryKind::Mixed,
    };
    let mut s = zorder::default_skip_scenario();
    s.params = zorder::Params::Skip(params);
    s.actions = (0..zorder::MAX_QUERIES)
        .map(|i| {
            let lo = (i as u32) * 1000;
            zorder::Action::Query(zorder::skipping::Predicate {
                ranges: vec![Some((lo, lo + 6000)), Some((lo, lo + 6000)), None],
            })
        })
        .collect();
    let t = Instant::now();
    let trace = ZOrderLab::run(&s).expect("valid");
    println!(
        "z-order skip trace, 100,000 rows x 3 columns, 1,000 files, 16 queries, batch of 1,000: {:.1} ms, {} steps",
        ms(t),
        trace.len()
    );
}

fn main() {
    quadtree_bench();
    curve_bench();
    skip_phases();
    trace_bench();
}
