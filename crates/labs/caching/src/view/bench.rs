//! In-browser benchmarks (feature `bench`), called from `benches/browser.mjs` through the
//! loader's `window.sdpBundle`. They print figures; nothing here runs unless called.

use crate::policy::{Policy, Setup, hits};
use crate::{CachingLab, largest};
use sdp_kit::lab::Contract;
use sdp_kit_web::dom::now_ms;
use std::hint::black_box;
use wasm_bindgen::prelude::*;

/// Caching figures in WebAssembly: LRU and LFU accesses per second, and the trace build at
/// the largest scenario of each mode (median of three).
#[wasm_bindgen]
pub fn bench_caching() -> String {
    let mut out = Vec::new();
    let trace: Vec<u32> = (0..200_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 7) % 5_000)
        .collect();
    for policy in [Policy::Lru, Policy::Lfu, Policy::Belady] {
        let setup = Setup {
            capacity: 500,
            universe: 5_000,
            trace: &trace,
            seed: 1,
            aging: 0,
        };
        let t = now_ms();
        black_box(hits(policy, &setup));
        let per_s = trace.len() as f64 / ((now_ms() - t).max(0.001) / 1000.0);
        out.push(format!(
            "wasm: caching {} accesses {:.2} M/s",
            policy.name(),
            per_s / 1e6
        ));
    }
    for (mode, s) in largest() {
        let mut times = Vec::new();
        let mut steps = 0;
        for _ in 0..3 {
            let t = now_ms();
            steps = CachingLab::run(&s).map_or(0, |t| t.len());
            times.push(now_ms() - t);
        }
        times.sort_by(f64::total_cmp);
        out.push(format!(
            "wasm: caching trace at the largest {mode:?} scenario: median {:.1} ms (min {:.1}, max {:.1}), {steps} steps",
            times[1], times[0], times[2]
        ));
    }
    out.join("\n")
}
