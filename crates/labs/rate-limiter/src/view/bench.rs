//! In-browser benchmarks (feature `bench`), called from `benches/browser.mjs` through the
//! loader's `window.sdpBundle`. They print figures; nothing here runs unless called.

use crate::algo::{Config, Lane};
use crate::rate::Rate;
use crate::traffic::Traffic;
use crate::{Mode, Params, RateLimiterLab};
use sdp_kit::lab::{Contract, Scenario};
use sdp_kit_web::dom::now_ms;
use std::hint::black_box;
use wasm_bindgen::prelude::*;

/// The largest scenario of each mode: 5 000 requests through all 14 lanes (compare), the
/// office example plus bursts to 5 000 requests (tiers), 5 000 requests over 8 DCs.
pub fn largest(mode: Mode) -> Scenario<Params, crate::Action> {
    let mut s =
        RateLimiterLab::mode_scenario(Mode::ALL.iter().position(|&m| m == mode).unwrap_or(0));
    match mode {
        Mode::Compare => {
            s.params.compare.traffic = Traffic::Poisson;
            s.params.compare.count = 5_000;
            s.params.compare.lanes = Lane::ALL.to_vec();
        }
        Mode::Tiers => {
            s.actions = (0..2)
                .map(|k| {
                    crate::Action::Send(crate::tiers::Send {
                        at_ms: 200_000 + k * 30_000,
                        user: format!("u{k}"),
                        tier: "premium".into(),
                        key: "k".into(),
                        ip: format!("10.1.0.{k}"),
                        count: 2_000,
                    })
                })
                .collect();
        }
        Mode::Datacenters => {
            s.params.dcs.dcs = 8;
            s.params.dcs.count = 5_000;
            s.params.dcs.sync_s = 1;
            s.params.dcs.span_s = 3_600;
        }
    }
    s
}

/// Rate-limiter figures in WebAssembly: decisions per second per lane, and trace builds at the
/// largest scenario of each mode.
#[wasm_bindgen]
pub fn bench_rate_limiter() -> String {
    let config = Config {
        limit: 1000,
        window_ms: 60_000,
        capacity: 1000,
        rate: Rate::new(1000, 60),
    };
    let arrivals: Vec<u64> = (0..200_000u64).map(|i| i * 7).collect();
    let mut out = Vec::new();
    for lane in Lane::ALL {
        let mut l = lane.limiter(&config);
        let t = now_ms();
        let mut n = 0u32;
        for &a in &arrivals {
            n += u32::from(l.decide(a).outcome.admitted());
        }
        black_box(n);
        let per_s = arrivals.len() as f64 / ((now_ms() - t).max(0.001) / 1000.0);
        out.push(format!(
            "wasm: rate-limiter {:<14} {:.1} M decisions/s",
            lane.id(),
            per_s / 1e6
        ));
    }
    for mode in Mode::ALL {
        let s = largest(mode);
        let mut times = Vec::new();
        let mut steps = 0;
        for _ in 0..3 {
            let t = now_ms();
            steps = RateLimiterLab::run(&s).map_or(0, |t| t.len());
            times.push(now_ms() - t);
        }
        times.sort_by(f64::total_cmp);
        out.push(format!(
            "wasm: rate-limiter trace at the largest {mode:?} scenario: median {:.1} ms (min {:.1}, max {:.1}), {steps} steps",
            times[1], times[0], times[2]
        ));
    }
    out.join("\n")
}
