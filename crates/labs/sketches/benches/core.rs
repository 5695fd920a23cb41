//! Native figures for the sketches (prints numbers; asserts nothing).
//! Run with `cargo bench -p sdp-lab-sketches`.
#![allow(
    clippy::disallowed_methods,
    reason = "a benchmark times native code with the clock"
)]

use sdp_kit::lab::Contract;
use sdp_lab_sketches::SketchesLab;
use sdp_lab_sketches::bloom::Bloom;
use sdp_lab_sketches::cms::{CountMin, Update};
use sdp_lab_sketches::hash::{Family, Hashes};
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let names: Vec<String> = (0..100_000).map(|i| format!("i{i}")).collect();
    let mut cms = CountMin::new(Hashes::new(Family::Murmur3, 7, 10_000, 1), Update::Standard);
    let t = Instant::now();
    for n in &names {
        cms.add(n, 1);
    }
    println!(
        "sketches: count-min adds (7 × 10 000): {:.1} M/s",
        names.len() as f64 / t.elapsed().as_secs_f64() / 1e6
    );
    let mut bloom = Bloom::new(1_000_000, 7);
    let t = Instant::now();
    for n in &names {
        black_box(bloom.insert(n));
    }
    println!(
        "sketches: Bloom inserts (m = 1 000 000, k = 7): {:.1} M/s",
        names.len() as f64 / t.elapsed().as_secs_f64() / 1e6
    );
    for (mode, s) in sdp_lab_sketches::largest() {
        let t = Instant::now();
        let steps = SketchesLab::run(&s).map_or(0, |t| t.len());
        println!(
            "sketches trace, largest {mode:?}: {:.1} ms, {steps} steps",
            t.elapsed().as_secs_f64() * 1e3
        );
    }
}
