//! In-browser figures for the z-order lab (called by `benches/browser.mjs` through
//! `window.sdpBundle`; feature `bench`): Z and Hilbert encode throughput, trace builds at the
//! largest scenarios, and one step drawn on real (detached) canvases.

use super::curves::draw_curve;
use super::skip::draw::{Dots, draw_step};
use crate::curves::{hilbert_xy2d, z_encode2, z_encode3};
use crate::layout::curves::{Curve, GRID_PX};
use crate::layout::skip::{SCATTER_PX, STRIP_H, row_pixels};
use crate::skipping::{DataShape, Predicate, QueryKind};
use crate::{
    Action, CurvesParams, GridBox, MAX_BATCH, MAX_ROWS, Params, SkipParams, State, ZOrderLab,
    default_skip_scenario,
};
use sdp_kit::lab::{Contract, Scenario};
use sdp_kit_web::canvas::{context_2d, flush, offscreen, spread};
use sdp_kit_web::dom::now_ms;
use sdp_kit_web::palette;
use std::hint::black_box;
use wasm_bindgen::prelude::*;

/// The largest scenarios of the `skip` and `curves` modes (as in `benches/browser.mjs`).
pub fn largest_scenarios() -> [Scenario<Params, Action>; 2] {
    let mut skip = default_skip_scenario();
    skip.params = Params::with_skip(SkipParams {
        rows: MAX_ROWS,
        columns: 3,
        value_bits: 16,
        rows_per_file: MAX_ROWS / 1000,
        sort_column: 0,
        data: DataShape::Clustered,
        batch: MAX_BATCH,
        width_pct: 10,
        kind: QueryKind::Mixed,
    });
    skip.actions = (0..16)
        .map(|i| {
            let lo = i * 3000;
            Action::Query(Predicate {
                ranges: vec![Some((lo, lo + 8000)), Some((lo, lo + 12_000)), None],
            })
        })
        .collect();
    let curves = Scenario {
        params: Params::with_curves(CurvesParams {
            order: 8,
            query: Some(GridBox {
                x0: 37,
                y0: 90,
                x1: 200,
                y1: 170,
            }),
        }),
        seed: 42,
        actions: Vec::new(),
    };
    [skip, curves]
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// Z-order figures in WebAssembly: Z and Hilbert encode throughput, and trace builds at the
/// largest scenarios.
#[wasm_bindgen]
pub fn bench_z_order() -> String {
    const N: u32 = 1 << 20;
    let coords: Vec<(u32, u32)> = (0..N)
        .map(|i| {
            let h = i.wrapping_mul(2_654_435_761);
            (h & 0xFFFF, (h >> 16) ^ (i & 0xFFFF))
        })
        .collect();
    let t = now_ms();
    let mut acc = 0u64;
    for &(x, y) in &coords {
        acc ^= z_encode2(x, y);
    }
    black_box(acc);
    let z2 = now_ms() - t;
    let t = now_ms();
    for &(x, y) in &coords {
        acc ^= z_encode3(x, y, x ^ y);
    }
    black_box(acc);
    let z3 = now_ms() - t;
    let t = now_ms();
    for &(x, y) in &coords {
        acc ^= hilbert_xy2d(16, x & 0xFFFF, y & 0xFFFF);
    }
    black_box(acc);
    let h2 = now_ms() - t;
    let rate = |ms: f64| f64::from(N) / (ms.max(0.001) / 1000.0) / 1e6;
    let mut lines = vec![
        format!(
            "wasm: Z-order encode (2 columns): {:.1} M values/s",
            rate(z2)
        ),
        format!(
            "wasm: Z-order encode (3 columns): {:.1} M values/s",
            rate(z3)
        ),
        format!(
            "wasm: Hilbert encode (2 columns, 16 bits): {:.1} M values/s",
            rate(h2)
        ),
    ];
    for (name, scenario) in [
        "skip (100,000 rows x 3 columns, 1,000 files, 1,000-query batch, 16 queries)",
        "curves (order 8: 256 x 256 cells, with a box)",
    ]
    .iter()
    .zip(largest_scenarios())
    {
        let mut builds = Vec::new();
        let mut steps = 0;
        for _ in 0..3 {
            let t = now_ms();
            steps = ZOrderLab::run(&scenario).map_or(0, |t| t.len());
            builds.push(now_ms() - t);
        }
        lines.push(format!(
            "wasm: z-order trace, {name}: median {:.1} ms, {steps} steps",
            median(builds)
        ));
    }
    lines.push(draw_figures());
    lines.join("\n")
}

/// Time to draw one step of the largest scenarios on real (detached) canvases, flushed.
fn draw_figures() -> String {
    let ink = palette::ink(false);
    let [skip, curves] = largest_scenarios();
    let mut out = Vec::new();
    if let Ok(trace) = ZOrderLab::run(&skip) {
        let dots = Dots::new(match trace.steps.first().map(|st| &st.state) {
            Some(State::Skip(s)) => row_pixels(&s.world.table, SCATTER_PX),
            _ => Vec::new(),
        });
        let canvases: Vec<_> = (0..4)
            .map(|_| {
                (
                    offscreen(SCATTER_PX, SCATTER_PX).map(|c| c.0),
                    offscreen(SCATTER_PX, STRIP_H).map(|c| c.0),
                )
            })
            .collect();
        let mut times = Vec::new();
        for st in trace.steps.iter().step_by(3) {
            if let State::Skip(s) = &st.state {
                let t = now_ms();
                draw_step(s, &dots, &canvases, &ink);
                for (a, b) in &canvases {
                    for c in [a, b].into_iter().flatten() {
                        if let Some(ctx) = context_2d(c) {
                            flush(&ctx);
                        }
                    }
                }
                times.push(now_ms() - t);
            }
        }
        out.push(format!(
            "wasm+canvas: one skip step, 4 panels x 100,000 rows + files + strips: {} ({} steps)",
            spread(times.clone()),
            times.len()
        ));
    }
    let side = GRID_PX as u32;
    if let (Ok(trace), Some((_, ctx))) = (ZOrderLab::run(&curves), offscreen(side, side)) {
        let mut times = Vec::new();
        for st in trace.steps.iter().step_by(4) {
            if let State::Curves(s) = &st.state {
                let t = now_ms();
                for c in [Curve::Z, Curve::Hilbert] {
                    draw_curve(&ctx, s, c, &ink);
                }
                flush(&ctx);
                times.push(now_ms() - t);
            }
        }
        out.push(format!(
            "wasm+canvas: one curves step, both 256 x 256 grids: {} ({} steps)",
            spread(times.clone()),
            times.len()
        ));
    }
    out.join("\n")
}
