//! The shared contract test on this lab alone (the registry runs it for every lab too).
#![cfg(not(target_arch = "wasm32"))]

use sdp_kit::conformance::{Effort, check};
use sdp_lab_rate_limiter::RateLimiterLab;

#[test]
fn the_rate_limiter_keeps_the_lab_contract() {
    check::<RateLimiterLab>(Effort::default());
}
