//! Native figures for the consensus lab (prints numbers; asserts nothing).
//! Run with `cargo bench -p sdp-lab-consensus`.
#![allow(
    clippy::disallowed_methods,
    reason = "a benchmark times native code with the clock"
)]

use sdp_kit::lab::Contract;
use sdp_lab_consensus::ConsensusLab;
use std::time::Instant;

fn main() {
    for (mode, s) in sdp_lab_consensus::largest() {
        let t = Instant::now();
        let steps = ConsensusLab::run(&s).map_or(0, |t| t.len());
        println!(
            "consensus trace, largest {mode:?}: {:.1} ms, {steps} steps",
            t.elapsed().as_secs_f64() * 1e3
        );
    }
}
