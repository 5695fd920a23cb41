//! Native figures for the replication lab (prints numbers; asserts nothing).
//! Run with `cargo bench -p sdp-lab-replication`.
#![allow(
    clippy::disallowed_methods,
    reason = "a benchmark times native code with the clock"
)]

use sdp_kit::lab::Contract;
use sdp_lab_replication::ReplicationLab;
use sdp_lab_replication::quorum;
use std::time::Instant;

fn main() {
    let (_, s) = sdp_lab_replication::largest().remove(0);
    let p = &s.params.quorum;
    let cfg = sdp_lab_replication::trace::config(p, s.seed, &s.actions);
    let t = Instant::now();
    let mut events = 0;
    for _ in 0..200 {
        events += quorum::run(&cfg).moments.len();
    }
    println!(
        "replication: quorum simulation (N = 7, 12 operations): {:.2} M events/s",
        events as f64 / t.elapsed().as_secs_f64() / 1e6
    );
    for (mode, s) in sdp_lab_replication::largest() {
        let t = Instant::now();
        let steps = ReplicationLab::run(&s).map_or(0, |t| t.len());
        println!(
            "replication trace, largest {mode:?}: {:.2} ms, {steps} steps",
            t.elapsed().as_secs_f64() * 1e3
        );
    }
}
