//! In-browser benchmarks (feature `bench`), called from `benches/browser.mjs` through the
//! loader's `window.sdpBundle`. They print figures; nothing here runs unless called.

use crate::{ConsensusLab, largest};
use sdp_kit::lab::Contract;
use sdp_kit_web::dom::now_ms;
use wasm_bindgen::prelude::*;

/// Consensus figures in WebAssembly: the trace build at the largest scenario of each mode
/// (median of three).
#[wasm_bindgen]
pub fn bench_consensus() -> String {
    let mut out = Vec::new();
    for (mode, s) in largest() {
        let mut times = Vec::new();
        let mut steps = 0;
        for _ in 0..3 {
            let t = now_ms();
            steps = ConsensusLab::run(&s).map_or(0, |t| t.len());
            times.push(now_ms() - t);
        }
        times.sort_by(f64::total_cmp);
        out.push(format!(
            "wasm: consensus trace at the largest {mode:?} scenario: median {:.1} ms (min {:.1}, max {:.1}), {steps} steps",
            times[1], times[0], times[2]
        ));
    }
    out.join("\n")
}
