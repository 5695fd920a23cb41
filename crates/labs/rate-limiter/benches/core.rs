//! Native figures for the rate limiters (prints numbers; asserts nothing).
//! Run with `cargo bench -p sdp-lab-rate-limiter`.
#![allow(
    clippy::disallowed_methods,
    reason = "a benchmark times native code with the clock"
)]

use sdp_kit::lab::Contract;
use sdp_lab_rate_limiter::algo::{Config, Lane};
use sdp_lab_rate_limiter::rate::Rate;
use sdp_lab_rate_limiter::{Mode, Params, RateLimiterLab};
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let config = Config {
        limit: 1000,
        window_ms: 60_000,
        capacity: 1000,
        rate: Rate::new(1000, 60),
    };
    let arrivals: Vec<u64> = (0..1_000_000u64).map(|i| i * 7).collect();
    for lane in Lane::ALL {
        let mut limiter = lane.limiter(&config);
        let t = Instant::now();
        let mut admitted = 0u32;
        for &a in &arrivals {
            admitted += u32::from(limiter.decide(a).outcome.admitted());
        }
        black_box(admitted);
        let per_s = arrivals.len() as f64 / t.elapsed().as_secs_f64();
        println!(
            "rate-limiter {:<14} {:>6.1} M decisions/s",
            lane.id(),
            per_s / 1e6
        );
    }
    for mode in Mode::ALL {
        let mut s =
            RateLimiterLab::mode_scenario(Mode::ALL.iter().position(|&m| m == mode).unwrap_or(0));
        if mode == Mode::Compare {
            s.params.compare = largest();
        }
        let t = Instant::now();
        let steps = RateLimiterLab::run(&s).map(|t| t.len()).unwrap_or(0);
        println!(
            "rate-limiter trace, mode {mode:?}: {:.1} ms, {steps} steps",
            t.elapsed().as_secs_f64() * 1e3
        );
    }
}

/// The largest compare scenario: 5 000 Poisson requests through all 14 lanes.
fn largest() -> sdp_lab_rate_limiter::CompareParams {
    let mut p = Params::default().compare;
    p.traffic = sdp_lab_rate_limiter::traffic::Traffic::Poisson;
    p.count = 5_000;
    p.lanes = Lane::ALL.to_vec();
    p
}
