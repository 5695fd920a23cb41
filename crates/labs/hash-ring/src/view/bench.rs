//! In-browser benchmarks (feature `bench`), called from `benches/browser.mjs` through the
//! loader's `window.sdpBundle`. They print figures; nothing here runs unless called.

use crate::ring::{KeyFormat, Ring, md5_position};
use crate::{Action, HashRingLab, MAX_KEYS, MAX_SERVERS, Params, VNODES_RANGE};
use sdp_kit::lab::{Contract, Scenario};
use sdp_kit_web::dom::now_ms;
use std::hint::black_box;
use wasm_bindgen::prelude::*;

/// The largest hash-ring scenario the lab allows (plus a join and a leave).
pub fn largest_hash_ring() -> Scenario<Params, Action> {
    Scenario {
        params: Params {
            servers: MAX_SERVERS,
            vnodes: VNODES_RANGE.1,
            keys: MAX_KEYS,
            detailed: 2,
            format: KeyFormat::F0,
        },
        seed: 1,
        actions: vec![
            Action::RemoveServer("cache1:6379".into()),
            Action::AddServer("extra:1".into()),
        ],
    }
}

/// Hash-ring figures in WebAssembly: trace build at the largest scenario, lookups per second.
#[wasm_bindgen]
pub fn bench_hash_ring() -> String {
    let scenario = largest_hash_ring();
    let mut builds = Vec::new();
    let mut steps = 0;
    for _ in 0..3 {
        let t = now_ms();
        steps = HashRingLab::run(&scenario).map_or(0, |t| t.len());
        builds.push(now_ms() - t);
    }
    builds.sort_by(f64::total_cmp);

    let names: Vec<(String, u8)> = (0..64)
        .map(|i| (format!("cache{i}:6379"), i as u8))
        .collect();
    let refs: Vec<(&str, u8)> = names.iter().map(|(n, i)| (n.as_str(), *i)).collect();
    let ring = Ring::build(&refs, 500, KeyFormat::F0);
    let hashes: Vec<u128> = (0..200_000)
        .map(|i| md5_position(&format!("user:{i}")))
        .collect();
    let t = now_ms();
    let mut acc = 0usize;
    for &h in &hashes {
        acc += ring.lookup(h).map_or(0, |(i, _)| i);
    }
    black_box(acc);
    let lookups = hashes.len() as f64 / ((now_ms() - t).max(0.001) / 1000.0);
    let t = now_ms();
    for i in 0..200_000u32 {
        black_box(ring.lookup(md5_position(&format!("user:{i}"))));
    }
    let with_md5 = 200_000.0 / ((now_ms() - t).max(0.001) / 1000.0);
    format!(
        "wasm: hash-ring trace (64 servers x 500 vnodes, 100,000 keys, leave + join): median {:.1} ms (min {:.1}, max {:.1}), {steps} steps\n\
         wasm: ring lookups (pre-hashed, 32,000 vnodes): {:.1} M/s\n\
         wasm: ring lookups incl. MD5 of the key: {:.2} M/s",
        builds[1],
        builds[0],
        builds[2],
        lookups / 1e6,
        with_md5 / 1e6
    )
}
