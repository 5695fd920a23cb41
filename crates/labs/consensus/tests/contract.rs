//! The shared contract test on this lab alone (the registry runs it for every lab too).
#![cfg(not(target_arch = "wasm32"))]

use sdp_kit::conformance::{Effort, check};
use sdp_lab_consensus::ConsensusLab;

#[test]
fn the_consensus_lab_keeps_the_contract() {
    check::<ConsensusLab>(Effort::default());
}
