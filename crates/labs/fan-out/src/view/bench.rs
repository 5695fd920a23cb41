//! In-browser figures for the fan-out lab (called by `benches/browser.mjs` through
//! `window.sdpBundle`; feature `bench`): each strategy's trace at the largest scenario, with
//! and without the ranking funnel, and the largest chat trace.

use crate::sim::Strategy;
use crate::{Action, FanOutLab, Params, largest_chat, largest_feed};
use sdp_kit::lab::{Contract, Scenario};
use sdp_kit_web::dom::now_ms;
use wasm_bindgen::prelude::*;

fn timed(scenario: &Scenario<Params, Action>, runs: usize) -> (f64, f64, f64, usize) {
    let mut times = Vec::with_capacity(runs);
    let mut steps = 0;
    for _ in 0..runs {
        let t = now_ms();
        steps = FanOutLab::run(scenario).map_or(0, |t| t.len());
        times.push(now_ms() - t);
    }
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(0.0);
    let min = times.first().copied().unwrap_or(0.0);
    let max = times.last().copied().unwrap_or(0.0);
    (median, min, max, steps)
}

/// Fan-out figures in WebAssembly: each strategy's trace at the largest scenario (budget
/// 500 ms), the same with the ranking funnel, and the largest chat trace.
#[wasm_bindgen]
pub fn bench_fan_out() -> String {
    let mut out = Vec::new();
    for s in Strategy::ALL {
        for ranking in [false, true] {
            let (median, min, max, steps) = timed(&largest_feed(s, ranking), 3);
            out.push(format!(
                "wasm: fan-out trace, {} narrated{} (100,000 users, 1,000,000 follows, 10,000 posts + 10,000 reads, 32 actions): median {median:.1} ms (min {min:.1}, max {max:.1}), {steps} steps{}",
                s.as_str(),
                if ranking { ", ranking on" } else { "" },
                if median < 500.0 {
                    ", within the 500 ms budget"
                } else {
                    ", OVER the 500 ms budget"
                }
            ));
        }
    }
    let (median, min, max, steps) = timed(&largest_chat(), 3);
    out.push(format!(
        "wasm: fan-out chat trace (500 members, 300 messages, 32 sends): median {median:.1} ms (min {min:.1}, max {max:.1}), {steps} steps"
    ));
    out.join("\n")
}
