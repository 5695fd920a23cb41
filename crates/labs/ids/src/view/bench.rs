//! In-browser benchmarks (feature `bench`), called from `benches/browser.mjs` through the
//! loader's `window.sdpBundle`. They print figures; nothing here runs unless called.

use crate::base62::{Order, decode, encode};
use crate::{IdsLab, largest};
use sdp_kit::lab::Contract;
use sdp_kit_web::dom::now_ms;
use std::hint::black_box;
use wasm_bindgen::prelude::*;

/// Identifier figures in WebAssembly: base62 round trips per second, and the trace build at the
/// largest scenario of each mode (median of three).
#[wasm_bindgen]
pub fn bench_ids() -> String {
    let mut out = Vec::new();
    let t = now_ms();
    for i in 0..200_000u64 {
        let code = encode(black_box(i * 7_919), Order::Code, 7);
        black_box(decode(&code, Order::Code).ok());
    }
    let per_s = 200_000.0 / ((now_ms() - t).max(0.001) / 1000.0);
    out.push(format!(
        "wasm: ids base62 encode + decode {:.2} M/s",
        per_s / 1e6
    ));
    for (mode, s) in largest() {
        let mut times = Vec::new();
        let mut steps = 0;
        for _ in 0..3 {
            let t = now_ms();
            steps = IdsLab::run(&s).map_or(0, |t| t.len());
            times.push(now_ms() - t);
        }
        times.sort_by(f64::total_cmp);
        out.push(format!(
            "wasm: ids trace at the largest {mode:?} scenario: median {:.1} ms (min {:.1}, max {:.1}), {steps} steps",
            times[1], times[0], times[2]
        ));
    }
    out.join("\n")
}
