//! The shared contract test on this lab alone (the registry runs it for every lab too).
#![cfg(not(target_arch = "wasm32"))]

use sdp_kit::conformance::{Effort, check};
use sdp_lab_ids::IdsLab;

#[test]
fn the_identifiers_keep_the_lab_contract() {
    check::<IdsLab>(Effort::default());
}
