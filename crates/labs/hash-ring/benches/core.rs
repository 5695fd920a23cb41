//! Native throughput figures for the core (prints numbers; asserts nothing).
#![allow(
    clippy::disallowed_methods,
    reason = "a benchmark times native code with the clock"
)]
//! Run with `cargo bench -p sdp-lab-hash-ring`.

use sdp_kit::lab::Contract;
use sdp_kit::lab::Scenario;
use sdp_lab_hash_ring::ring::{KeyFormat, Ring, md5_position};
use sdp_lab_hash_ring::{Action, HashRingLab, Params};
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let names: Vec<(String, u8)> = (0..64)
        .map(|i| (format!("cache{i}:6379"), i as u8))
        .collect();
    let refs: Vec<(&str, u8)> = names.iter().map(|(n, i)| (n.as_str(), *i)).collect();
    let t = Instant::now();
    let ring = Ring::build(&refs, 500, KeyFormat::F0);
    println!(
        "ring build, 64 servers x 500 vnodes: {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );

    let hashes: Vec<u128> = (0..1_000_000)
        .map(|i| md5_position(&format!("user:{i}")))
        .collect();
    let t = Instant::now();
    let mut acc = 0usize;
    for &h in &hashes {
        acc += ring.lookup(h).map_or(0, |(i, _)| i);
    }
    black_box(acc);
    let secs = t.elapsed().as_secs_f64();
    println!(
        "ring lookups (pre-hashed): {:.1} M/s",
        hashes.len() as f64 / secs / 1e6
    );

    let t = Instant::now();
    for i in 0..1_000_000u32 {
        black_box(ring.lookup(md5_position(&format!("user:{i}"))));
    }
    println!(
        "ring lookups incl. MD5: {:.2} M/s",
        1.0 / t.elapsed().as_secs_f64()
    );

    let scenario = Scenario {
        params: Params {
            servers: 64,
            vnodes: 500,
            keys: 100_000,
            detailed: 2,
            format: KeyFormat::F0,
        },
        seed: 1,
        actions: vec![
            Action::RemoveServer("cache1:6379".into()),
            Action::AddServer("extra:1".into()),
        ],
    };
    let t = Instant::now();
    let trace = HashRingLab::run(&scenario).expect("valid");
    println!(
        "hash-ring trace, 64 x 500 vnodes, 100,000 keys, leave + join: {:.1} ms, {} steps",
        t.elapsed().as_secs_f64() * 1e3,
        trace.len()
    );
}
