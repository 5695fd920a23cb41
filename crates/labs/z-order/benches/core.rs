//! Native figures for the z-order lab and its curves (prints numbers; asserts nothing).
//! Run with `cargo bench -p sdp-lab-z-order`.
#![allow(
    clippy::disallowed_methods,
    reason = "a benchmark times native code with the clock"
)]

use sdp_kit::lab::{Contract, Scenario};
use sdp_lab_z_order as zorder;
use sdp_lab_z_order::curves::{hilbert_xy2d, z_encode2, z_encode3};
use sdp_lab_z_order::skipping::{
    DataShape, LAYOUTS, QueryKind, generate_table, lay_out, random_query, scan,
};
use sdp_lab_z_order::{CurvesParams, SkipParams, ZOrderLab};
use std::hint::black_box;
use std::time::Instant;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
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
    let mut rng = sdp_kit::rng::seeded(1);
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
    let t = Instant::now();
    let trace = ZOrderLab::run(&Scenario {
        params: zorder::Params::with_curves(CurvesParams {
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
    s.params = zorder::Params::with_skip(params);
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
    curve_bench();
    skip_phases();
    trace_bench();
}
