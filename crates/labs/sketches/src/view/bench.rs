//! In-browser benchmarks (feature `bench`), called from `benches/browser.mjs` through the
//! loader's `window.sdpBundle`. They print figures; nothing here runs unless called.

use crate::hash::{Family, Hashes};
use crate::{SketchesLab, largest};
use sdp_kit::lab::Contract;
use sdp_kit_web::dom::now_ms;
use std::hint::black_box;
use wasm_bindgen::prelude::*;

/// Sketches figures in WebAssembly: count-min adds per second, and the trace build at the
/// largest scenario of each mode (median of three).
#[wasm_bindgen]
pub fn bench_sketches() -> String {
    let mut out = Vec::new();
    let names: Vec<String> = (0..10_000).map(|i| format!("item{i}")).collect();
    let mut cms = crate::cms::CountMin::new(
        Hashes::new(Family::Murmur3, 7, 10_000, 1),
        crate::cms::Update::Standard,
    );
    let t = now_ms();
    for i in 0..200_000usize {
        cms.add(&names[i % names.len()], 1);
    }
    black_box(cms.estimate(&names[0]));
    let per_s = 200_000.0 / ((now_ms() - t).max(0.001) / 1000.0);
    out.push(format!(
        "wasm: sketches count-min 7×10 000 add {:.2} M/s",
        per_s / 1e6
    ));
    for (mode, s) in largest() {
        let mut times = Vec::new();
        let mut steps = 0;
        for _ in 0..3 {
            let t = now_ms();
            steps = SketchesLab::run(&s).map_or(0, |t| t.len());
            times.push(now_ms() - t);
        }
        times.sort_by(f64::total_cmp);
        out.push(format!(
            "wasm: sketches trace at the largest {mode:?} scenario: median {:.1} ms (min {:.1}, max {:.1}), {steps} steps",
            times[1], times[0], times[2]
        ));
    }
    out.join("\n")
}
