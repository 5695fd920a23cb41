//! In-browser benchmarks (feature `bench`), called from `benches/browser.mjs` through the
//! loader's `window.sdpBundle`. They print figures; nothing here runs unless called.

use crate::{ReplicationLab, largest};
use sdp_kit::lab::Contract;
use sdp_kit_web::dom::now_ms;
use wasm_bindgen::prelude::*;

/// Trace build at the largest scenario of each mode in WebAssembly (median of five).
#[wasm_bindgen]
pub fn bench_replication() -> String {
    let mut out = Vec::new();
    for (mode, s) in largest() {
        let mut times = Vec::new();
        let mut steps = 0;
        for _ in 0..5 {
            let t = now_ms();
            steps = ReplicationLab::run(&s).map_or(0, |t| t.len());
            times.push(now_ms() - t);
        }
        times.sort_by(f64::total_cmp);
        out.push(format!(
            "wasm: replication trace at the largest {mode:?} scenario: median {:.1} ms (min {:.1}, max {:.1}), {steps} steps",
            times[2], times[0], times[4]
        ));
    }
    out.join("\n")
}
