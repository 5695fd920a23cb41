//! The shared contract test on this lab alone (the registry runs it for every lab too): quick
//! feedback while working on the lab.
#![cfg(not(target_arch = "wasm32"))]

use sdp_kit::conformance::{Effort, check};
use sdp_lab_hash_ring::HashRingLab;

#[test]
fn the_hash_ring_keeps_the_lab_contract() {
    check::<HashRingLab>(Effort::default());
}
