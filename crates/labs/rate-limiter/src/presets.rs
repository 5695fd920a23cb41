//! The `compare` mode's worked examples, one click each in the controls.

use crate::CompareParams;
use crate::algo::Lane;
use crate::rate::Rate;
use crate::traffic::Traffic;

/// Each worked example: its button label and its parameters.
pub fn presets() -> Vec<(&'static str, CompareParams)> {
    let base = CompareParams::default();
    let with = |traffic, capacity, rate, lanes: &[Lane], narrate| CompareParams {
        traffic,
        capacity,
        rate,
        lanes: lanes.to_vec(),
        narrate,
        ..CompareParams::default()
    };
    vec![
        ("Boundary burst: 200 in a minute (F4 §22)", base.clone()),
        (
            "Token bucket example (M4.1)",
            with(
                Traffic::TokenExample,
                100,
                Rate::new(10, 1),
                &[Lane::Token, Lane::TokenExact],
                Lane::Token,
            ),
        ),
        (
            "Leaky bucket: 5 as written, 25 corrected (M4.2)",
            with(
                Traffic::LeakExample,
                5,
                Rate::new(10, 1),
                &[Lane::LeakyDoc, Lane::Leaky, Lane::LeakyQueue],
                Lane::LeakyDoc,
            ),
        ),
        (
            "Headers: Remaining 47, Reset 1704067205 (M4.8)",
            with(
                Traffic::HeadersExample,
                100,
                Rate::new(10, 1),
                &[Lane::Token],
                Lane::Token,
            ),
        ),
        (
            "Sorted sets: ZADD now now, the printed Lua (M4.5)",
            CompareParams {
                lanes: vec![
                    Lane::Log,
                    Lane::LogInclusive,
                    Lane::Zset,
                    Lane::ZsetDoc,
                    Lane::ZsetLua,
                ],
                narrate: Lane::ZsetDoc,
                ..base.clone()
            },
        ),
        (
            "Every lane on Poisson traffic",
            CompareParams {
                traffic: Traffic::Poisson,
                count: 400,
                span_s: 180,
                lanes: Lane::ALL.to_vec(),
                narrate: Lane::Sliding,
                ..base
            },
        ),
    ]
}
