//! In-browser benchmarks (feature `bench`), called from `benches/browser.mjs` through the
//! loader's `window.sdpBundle`. They print figures; nothing here runs unless called.

use crate::estimate::{Inputs, Plan};
use sdp_kit_web::dom::now_ms;
use std::hint::black_box;
use wasm_bindgen::prelude::*;

/// Design figures in WebAssembly: decoding the embedded catalogue (first use; only the bench
/// build embeds it), decoding one design's data file (what a page does after its download),
/// one keystroke's recompute (validate the edit + evaluate every figure) per design, and
/// building every flow's trace.
#[wasm_bindgen]
pub fn bench_designs() -> String {
    let t = now_ms();
    let designs = crate::designs();
    let first = now_ms() - t;
    let mut parse = Vec::new();
    for _ in 0..3 {
        let t = now_ms();
        black_box(crate::from_blob(crate::blob()).designs.len());
        parse.push(now_ms() - t);
    }
    parse.sort_by(f64::total_cmp);
    let file = designs
        .first()
        .map(crate::codec::encode_design)
        .unwrap_or_default();
    let mut one = Vec::new();
    for _ in 0..9 {
        let t = now_ms();
        black_box(crate::codec::decode_design(&file).is_ok());
        one.push(now_ms() - t);
    }
    one.sort_by(f64::total_cmp);

    let mut worst = (0.0f64, "");
    let mut total = 0.0;
    let mut edits = 0usize;
    let mut plan_ms = 0.0;
    for d in designs {
        let t = now_ms();
        let plan = Plan::new(d);
        plan_ms += now_ms() - t;
        let Some(input) = d.inputs.first() else {
            continue;
        };
        let rounds = 50;
        let t = now_ms();
        let mut inputs = Inputs::default();
        for k in 0..rounds {
            let text = format!("{}", input.value * (1.0 + f64::from(k % 5) / 10.0));
            let _ = inputs.edit(d, &input.id, &text);
            black_box(plan.evaluate(d, &inputs.values));
        }
        let per = (now_ms() - t) / f64::from(rounds);
        total += per;
        edits += 1;
        if per > worst.0 {
            worst = (per, d.id.as_str());
        }
    }
    let t = now_ms();
    let mut hops = 0;
    for d in designs {
        for f in &d.flows {
            hops += crate::flow::flow_trace(d, &f.id).map_or(0, |t| t.len());
        }
    }
    let flows = now_ms() - t;
    format!(
        "wasm: designs catalogue first use (decode {} designs + framework, {} KB embedded): {first:.1} ms; re-decode median {:.1} ms\n\
         wasm: one design's data file ({} KB) decode: median {:.2} ms\n\
         wasm: estimator plan (parse formulas, order) all designs: {plan_ms:.2} ms\n\
         wasm: one keystroke (validate + evaluate every figure): mean {:.3} ms over {edits} designs, worst {:.3} ms ({})\n\
         wasm: every flow trace of every design ({hops} steps): {flows:.2} ms",
        designs.len(),
        crate::blob().len() / 1000,
        parse[1],
        file.len() / 1000,
        one[4],
        total / edits.max(1) as f64,
        worst.0,
        worst.1,
    )
}
