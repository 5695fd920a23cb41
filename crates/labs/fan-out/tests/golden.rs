//! Traces byte for byte as the lab built them before the port: the serde JSON of whole traces,
//! digested (FNV-1a 64), against the digests the old `sdp-fanout` crate gave for the same URLs
//! (built from git history and run once; the figures are pasted here).
#![cfg(not(target_arch = "wasm32"))]

use sdp_kit::lab::Contract;
use sdp_kit::query::parse;
use sdp_lab_fan_out::FanOutLab;

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// URL, then the old crate's steps, digest and JSON length.
const GOLDEN: &[(&str, usize, u64, usize)] = &[
    ("step=1", 88, 0x8b41_867e_cef3_7930, 462_395),
    (
        "mode=feed&strategy=pull&seed=42&a=post:0&a=read:497&a=wait:10&a=read:497",
        56,
        0x36d8_2ef0_666a_d9bf,
        297_097,
    ),
    (
        "mode=feed&strategy=hybrid&rank=1&threshold=50&seed=42&a=post:0&a=read:497&a=wait:10&a=read:497",
        86,
        0xff06_a4f1_4d69_9aaf,
        473_277,
    ),
    (
        "mode=feed&strategy=hybrid&users=120&follows=1200&skew=1&inactive=0.3&posts=60&reads=40&detailed=30&threshold=30&workers=1&batch=10&cache=50&page=10&rank=1&seed=3&a=post:0&a=read:100&a=wait:5&a=read:100",
        63,
        0xc67d_422b_6c7b_63fb,
        331_411,
    ),
    (
        "mode=feed&strategy=push&users=3000&follows=30000&skew=1.7&inactive=0.05&posts=2000&reads=3000&detailed=120&threshold=10&workers=3&batch=7&cache=20&page=20&rank=1&seed=11&a=post:5&a=read:2999&a=wait:3",
        155,
        0xa526_c499_0e3e_12c0,
        923_560,
    ),
    (
        "mode=feed&strategy=pull&users=50&follows=2450&skew=0&inactive=0&posts=300&reads=300&detailed=200&seed=8",
        212,
        0x4135_8953_198b_ae6f,
        1_414_761,
    ),
    ("mode=chat&seed=42", 25, 0x9524_ede8_4f03_27ee, 100_625),
    (
        "mode=chat&group=500&messages=300&online=0.1&msg_bytes=7&ref_bytes=1024&seed=5&a=send:3&a=off:3&a=on:3&a=send:499&a=off:0&a=send:1",
        373,
        0x3d86_22aa_d533_2778,
        11_490_994,
    ),
];

#[test]
fn traces_are_byte_for_byte_the_old_ones() {
    for &(query, steps, digest, len) in GOLDEN {
        let (s, errors) = FanOutLab::from_query(&parse(query));
        assert!(errors.is_empty(), "{query}: {errors:?}");
        let t = FanOutLab::run(&s).expect("valid");
        let json = serde_json::to_vec(&t).expect("serialise");
        assert_eq!(
            (t.len(), fnv(&json), json.len()),
            (steps, digest, len),
            "{query}"
        );
    }
}
