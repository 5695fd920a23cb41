//! Native figures for the caching lab (prints numbers; asserts nothing).
//! Run with `cargo bench -p sdp-lab-caching`.
#![allow(
    clippy::disallowed_methods,
    reason = "a benchmark times native code with the clock"
)]

use sdp_kit::lab::Contract;
use sdp_lab_caching::CachingLab;
use sdp_lab_caching::policy::{Policy, Setup, hits};
use sdp_lab_caching::workload::{Shape, Source, generate};
use std::time::Instant;

fn main() {
    let shape = Shape {
        source: Source::Zipf,
        distinct: 5_000,
        length: 200_000,
        skew: 0.9,
        scan: 0,
    };
    let acc = generate(&shape, 7, &[]);
    for policy in Policy::ALL {
        let setup = Setup {
            capacity: 500,
            universe: acc.names.len(),
            trace: &acc.keys,
            seed: 1,
            aging: 0,
        };
        let t = Instant::now();
        let h = hits(policy, &setup);
        println!(
            "caching: {} accesses/s (capacity 500, 5 000 keys, Zipf 0.9): {:.1} M/s, hit rate {:.1} %",
            policy.name(),
            acc.keys.len() as f64 / t.elapsed().as_secs_f64() / 1e6,
            h as f64 / acc.keys.len() as f64 * 100.0
        );
    }
    for (mode, s) in sdp_lab_caching::largest() {
        let t = Instant::now();
        let steps = CachingLab::run(&s).map_or(0, |t| t.len());
        println!(
            "caching trace, largest {mode:?}: {:.1} ms, {steps} steps",
            t.elapsed().as_secs_f64() * 1e3
        );
    }
}
