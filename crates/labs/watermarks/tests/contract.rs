//! The kit's one contract test, and the URL the lab writes compared with the old reader's.
#![allow(
    clippy::disallowed_methods,
    reason = "the contract test reports how long it takes"
)]

use sdp_kit::conformance::{Effort, check};
use sdp_kit::lab::{Contract, Scenario};
use sdp_kit::query::encode;
use sdp_lab_watermarks::backpressure::BackpressureParams;
use sdp_lab_watermarks::checkpoint::{Alignment, CheckpointParams, SinkMode};
use sdp_lab_watermarks::stream::{LatePolicy, StreamParams};
use sdp_lab_watermarks::watermark::IdlePolicy;
use sdp_lab_watermarks::window::WindowKind;
use sdp_lab_watermarks::{Action, Mode, Params, WatermarksLab, action_text};
use std::time::Instant;

#[test]
fn conformance() {
    let t = Instant::now();
    check::<WatermarksLab>(Effort::default());
    eprintln!("conformance: {:?}", t.elapsed());
}

fn pair(k: &str, v: impl ToString) -> (String, String) {
    (k.to_string(), v.to_string())
}

/// The URL the lab wrote before the port (the old `url::to_query`, kept here verbatim).
fn old_to_query(s: &Scenario<Params, Action>) -> Vec<(String, String)> {
    let mut q = vec![pair("mode", s.params.mode())];
    match s.params.mode {
        Mode::Watermarks => {
            let p = &s.params.watermarks;
            q.extend([
                pair("events", p.events),
                pair("partitions", p.partitions),
                pair("keys", p.keys),
                pair("interval", p.interval_ms),
                pair("disorder", p.disorder_ms),
                pair("stragglers", p.straggler_pct),
                pair("straggle", p.straggle_ms),
                pair(
                    "idle",
                    p.idle_partition
                        .map_or_else(|| "none".to_string(), |i| i.to_string()),
                ),
                pair("idle_from", p.idle_from_ms),
                pair("idle_for", p.idle_for_ms),
                pair("bound", p.bound_ms),
                pair("timeout", p.idle_timeout_ms),
                pair("policy", p.idle_policy.as_str()),
                pair("window", p.window.as_str()),
                pair("size", p.size_ms),
                pair("slide", p.slide_ms),
                pair("gap", p.gap_ms),
                pair("lateness", p.lateness_ms),
                pair("late", p.late_policy.as_str()),
            ]);
        }
        Mode::Checkpoint => {
            let p = &s.params.checkpoint;
            q.extend([
                pair("ticks", p.ticks),
                pair("records", p.records),
                pair("every", p.every),
                pair("align", p.alignment.as_str()),
                pair("skew", p.skew),
                pair("rate", p.rate),
                pair("fail", p.fail_at),
                pair("sink", p.sink.as_str()),
            ]);
        }
        Mode::Backpressure => {
            let p = &s.params.backpressure;
            q.extend([
                pair("ticks", p.ticks),
                pair("produce", p.produce),
                pair("map", p.map_rate),
                pair("sink", p.sink_rate),
                pair("slow_from", p.slow_from),
                pair("slow_to", p.slow_to),
                pair("slow_rate", p.slow_rate),
                pair("buffers", p.buffers),
            ]);
        }
    }
    q.push(pair("seed", s.seed));
    q.extend(s.actions.iter().map(|a| pair("a", action_text(a))));
    q
}

#[test]
fn the_url_is_the_same_text_as_before() {
    let mut scenarios: Vec<_> = (0..3).map(WatermarksLab::mode_scenario).collect();
    let base = WatermarksLab::default_scenario();
    for params in [
        Params::watermarks(StreamParams {
            window: WindowKind::Sliding,
            size_ms: 6_000,
            slide_ms: 2_000,
            idle_policy: IdlePolicy::Exclude,
            late_policy: LatePolicy::Drop,
            idle_partition: None,
            ..StreamParams::default()
        }),
        Params::watermarks(StreamParams {
            window: WindowKind::Session,
            events: 3_000,
            idle_partition: Some(1),
            ..StreamParams::default()
        }),
        Params::checkpoint(CheckpointParams {
            alignment: Alignment::Unaligned,
            sink: SinkMode::AtLeastOnce,
            ticks: 40,
            fail_at: 0,
            ..CheckpointParams::default()
        }),
        Params::backpressure(BackpressureParams {
            ticks: 100,
            slow_from: 0,
            slow_to: 100,
            slow_rate: 0,
            ..BackpressureParams::default()
        }),
    ] {
        let actions = if params.mode == Mode::Watermarks {
            base.actions.clone()
        } else {
            Vec::new()
        };
        scenarios.push(Scenario {
            params,
            seed: 11,
            actions,
        });
    }
    for s in &scenarios {
        assert!(WatermarksLab::validate(s).is_empty(), "{s:?}");
        assert_eq!(
            encode(&WatermarksLab::to_query(s)),
            encode(&old_to_query(s))
        );
    }
    assert_eq!(
        encode(&WatermarksLab::to_query(&base)),
        "mode=watermarks&events=48&partitions=3&keys=2&interval=500&disorder=3000&stragglers=5&\
         straggle=7000&idle=2&idle_from=8000&idle_for=12000&bound=2000&timeout=5000&policy=advance&\
         window=tumbling&size=5000&slide=1000&gap=2000&lateness=4000&late=side&seed=4&\
         a=10%3A00%3A02%4010%3A00%3A20%2F0%2FA%2F1"
    );
}
