//! Native figures for the locks lab (prints numbers; asserts nothing).
//! Run with `cargo bench -p sdp-lab-locks`.
#![allow(
    clippy::disallowed_methods,
    reason = "a benchmark times native code with the clock"
)]

use sdp_kit::lab::Contract;
use sdp_lab_locks::LocksLab;
use sdp_lab_locks::lock::{Fenced, Manager};
use std::hint::black_box;
use std::time::Instant;

fn main() {
    const N: u64 = 1_000_000;
    let t = Instant::now();
    let mut m = Manager::new(0);
    let mut f = Fenced::default();
    for i in 0..N {
        let now = black_box(i * 10_000);
        let got = m.acquire("r", if i % 2 == 0 { "a" } else { "b" }, 30_000, now);
        black_box(&got);
        black_box(f.write(m.counter));
    }
    println!(
        "locks: manager acquire + fenced write: {:.1} M/s",
        N as f64 / t.elapsed().as_secs_f64() / 1e6
    );
    for (mode, s) in sdp_lab_locks::largest() {
        let t = Instant::now();
        let steps = LocksLab::run(&s).map_or(0, |t| t.len());
        println!(
            "locks trace, largest {mode:?}: {:.1} ms, {steps} steps",
            t.elapsed().as_secs_f64() * 1e3
        );
    }
}
