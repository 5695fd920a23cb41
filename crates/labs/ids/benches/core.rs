//! Native figures for the identifier lab (prints numbers; asserts nothing).
//! Run with `cargo bench -p sdp-lab-ids`.
#![allow(
    clippy::disallowed_methods,
    reason = "a benchmark times native code with the clock"
)]

use sdp_kit::lab::Contract;
use sdp_lab_ids::IdsLab;
use sdp_lab_ids::base62::{Order, decode, encode};
use sdp_lab_ids::snowflake::{Fields, Layout, compose, parse};
use sdp_lab_ids::ulid::{self, Ulid};
use std::hint::black_box;
use std::time::Instant;

fn rate(n: u64, t: Instant) -> f64 {
    n as f64 / t.elapsed().as_secs_f64() / 1e6
}

fn main() {
    const N: u64 = 1_000_000;
    let t = Instant::now();
    for i in 0..N {
        let code = encode(black_box(i * 7_919), Order::Code, 7);
        black_box(decode(&code, Order::Code).ok());
    }
    println!(
        "ids: base62 encode + decode (7 chars): {:.1} M/s",
        rate(N, t)
    );
    let t = Instant::now();
    for i in 0..N {
        let f = Fields {
            ts: i,
            node: i & 1023,
            seq: i & 4095,
        };
        let id = compose(black_box(f), Layout::STANDARD).unwrap_or(0);
        black_box(parse(id, Layout::STANDARD));
    }
    println!("ids: Snowflake compose + parse: {:.1} M/s", rate(N, t));
    let t = Instant::now();
    for i in 0..N {
        let u = Ulid {
            time: i,
            random: u128::from(i) * 0x9E37_79B9,
        };
        black_box(ulid::decode(&ulid::encode(black_box(u))).ok());
    }
    println!("ids: ULID encode + decode: {:.1} M/s", rate(N, t));
    for (mode, s) in sdp_lab_ids::largest() {
        let t = Instant::now();
        let steps = IdsLab::run(&s).map_or(0, |t| t.len());
        println!(
            "ids trace, largest {mode:?}: {:.1} ms, {steps} steps",
            t.elapsed().as_secs_f64() * 1e3
        );
    }
}
