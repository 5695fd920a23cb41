//! In-browser figures for the watermarks lab (called by `benches/browser.mjs` through
//! `window.sdpBundle`; feature `bench`): trace build at the largest scenario (100 000 events, 16 partitions)
//! for each window shape, the view's per-trace precomputation, and the per-step slicing the
//! view does before drawing.

use super::plot::visible_range;
use super::windows::MAX_BANDS;
use crate::layout::prep::Prep;
use crate::stream::{MAX_EVENTS, MAX_PARTITIONS, StreamParams};
use crate::window::WindowKind;
use crate::{Action, Params, State, WatermarksLab};
use sdp_kit::lab::{Contract, Scenario};
use sdp_kit_web::dom::now_ms;
use std::hint::black_box;
use wasm_bindgen::prelude::*;

/// The largest watermarks scenario the lab allows (as in the core's native benchmark).
pub fn largest_watermarks(window: WindowKind) -> Scenario<Params, Action> {
    Scenario {
        params: Params::watermarks(StreamParams {
            events: MAX_EVENTS,
            partitions: MAX_PARTITIONS,
            keys: 8,
            interval_ms: 100,
            disorder_ms: 3_000,
            straggler_pct: 5,
            straggle_ms: 7_000,
            idle_partition: Some(5),
            idle_from_ms: 600_000,
            idle_for_ms: 120_000,
            window,
            size_ms: 10_000,
            slide_ms: 2_000,
            gap_ms: 2_000,
            ..StreamParams::default()
        }),
        seed: 1,
        actions: Vec::new(),
    }
}

fn median(mut v: Vec<f64>) -> (f64, f64, f64) {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        return (0.0, 0.0, 0.0);
    }
    (v[n / 2], v[0], v[n - 1])
}

/// Watermarks figures in WebAssembly.
#[wasm_bindgen]
pub fn bench_watermarks() -> String {
    let mut out = Vec::new();
    for kind in [
        WindowKind::Tumbling,
        WindowKind::Sliding,
        WindowKind::Session,
    ] {
        let scenario = largest_watermarks(kind);
        let mut builds = Vec::new();
        let mut trace = None;
        for _ in 0..5 {
            let t = now_ms();
            let built = WatermarksLab::run(&scenario).ok();
            builds.push(now_ms() - t);
            trace = built;
        }
        let Some(trace) = trace else {
            out.push(format!(
                "wasm: watermarks {}: scenario refused",
                kind.as_str()
            ));
            continue;
        };
        let (med, min, max) = median(builds);
        let Some(State::Watermarks(first)) = trace.steps.first().map(|s| &s.state) else {
            continue;
        };
        let mut preps = Vec::new();
        let mut prep = None;
        for _ in 0..3 {
            let t = now_ms();
            prep = Some(Prep::new(&first.world));
            preps.push(now_ms() - t);
        }
        let (prep_med, _, _) = median(preps);
        let Some(prep) = prep else { continue };
        // The slicing a step costs before any canvas call, over spread-out steps.
        let mut steps = Vec::new();
        let n = trace.len();
        for i in 0..200usize {
            let k = (i * 7919) % n;
            let t = now_ms();
            if let Some(State::Watermarks(s)) = trace.get(k).map(|st| &st.state) {
                let f = prep.follow.frame(s.clock_ms);
                let (lo, hi) = visible_range(s.events(), &f);
                let (shown, more) = prep.et_index.visible(
                    &s.world.event_time.windows,
                    f.y0,
                    f.y1,
                    s.at.micro,
                    MAX_BANDS,
                );
                let rows = s.comparison_in(f.y0, f.y1);
                black_box((
                    hi - lo,
                    shown.len(),
                    more,
                    rows.len(),
                    prep.differ_at(s.at.micro),
                ));
            }
            steps.push(now_ms() - t);
        }
        let (step_med, _, step_max) = median(steps);
        let w = &first.world;
        out.push(format!(
            "wasm: watermarks trace, 100,000 events / 16 partitions, {}: median {med:.1} ms (min {min:.1}, max {max:.1}) over 5 builds, {n} steps, {} windows, {} results; view precompute median {prep_med:.1} ms; per-step slicing median {step_med:.3} ms, max {step_max:.3} ms",
            kind.as_str(),
            w.event_time.windows.len(),
            w.event_time.emits.len(),
        ));
    }
    out.join("\n")
}
