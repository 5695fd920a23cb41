//! The shared contract test on this lab alone (the registry runs it for every lab too).
#![cfg(not(target_arch = "wasm32"))]

use sdp_kit::conformance::{Effort, check};
use sdp_lab_locks::LocksLab;

#[test]
fn the_locks_lab_keeps_the_contract() {
    check::<LocksLab>(Effort::default());
}
