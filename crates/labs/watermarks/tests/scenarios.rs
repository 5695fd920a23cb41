//! The lab contract: determinism, serde round trips, validation errors naming fields, URL round
//! trips and junk, caps.

use proptest::prelude::*;
use sdp_kit::lab::{Contract, Lab, ParamError, Scenario, Trace};
use sdp_kit::query::{encode, parse};
use sdp_lab_watermarks::backpressure::BackpressureParams;
use sdp_lab_watermarks::checkpoint::{Alignment, CheckpointParams, SinkMode};
use sdp_lab_watermarks::stream::{Injected, LatePolicy, MAX_EVENTS, StreamParams};
use sdp_lab_watermarks::time::START_MS;
use sdp_lab_watermarks::watermark::IdlePolicy;
use sdp_lab_watermarks::window::WindowKind;
use sdp_lab_watermarks::{Action, Mode, Params, State, WatermarksLab};

type S = Scenario<Params, Action>;

fn fields(errors: &[ParamError]) -> Vec<&str> {
    errors.iter().map(|e| e.field.as_str()).collect()
}

fn wm(p: StreamParams) -> S {
    Scenario {
        params: Params::watermarks(p),
        seed: 3,
        actions: vec![],
    }
}

fn scenarios() -> Vec<S> {
    let mut v = vec![
        WatermarksLab::default_scenario(),
        wm(StreamParams {
            window: WindowKind::Sliding,
            size_ms: 6_000,
            slide_ms: 2_000,
            idle_policy: IdlePolicy::Exclude,
            late_policy: LatePolicy::Drop,
            ..StreamParams::default()
        }),
        wm(StreamParams {
            window: WindowKind::Session,
            idle_partition: None,
            events: 3_000,
            ..StreamParams::default()
        }),
    ];
    v.push(Scenario {
        params: Params::checkpoint(CheckpointParams::default()),
        seed: 9,
        actions: vec![],
    });
    v.push(Scenario {
        params: Params::checkpoint(CheckpointParams {
            alignment: Alignment::Unaligned,
            sink: SinkMode::AtLeastOnce,
            ..CheckpointParams::default()
        }),
        seed: 9,
        actions: vec![],
    });
    v.push(Scenario {
        params: Params::backpressure(BackpressureParams::default()),
        seed: 0,
        actions: vec![],
    });
    v
}

#[test]
fn same_scenario_same_trace_and_serde_round_trip() {
    for s in scenarios() {
        let a = WatermarksLab::run(&s).expect("valid");
        let b = WatermarksLab::run(&s).expect("valid");
        assert_eq!(a, b);
        assert!(!a.is_empty());
        // Serialise a handful of steps (each carries the shared world).
        let small = Trace {
            steps: a.steps.iter().step_by(a.len() / 4 + 1).cloned().collect(),
        };
        let json = serde_json::to_string(&small).unwrap();
        let json_b = serde_json::to_string(&Trace {
            steps: b.steps.iter().step_by(b.len() / 4 + 1).cloned().collect(),
        })
        .unwrap();
        assert_eq!(json, json_b, "byte for byte");
        let back: Trace<State> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, small);
        let s_back: S = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(WatermarksLab::run(&s_back).unwrap(), a);
    }
    // A different seed changes the stream.
    let s = WatermarksLab::default_scenario();
    let other = Scenario {
        seed: s.seed + 1,
        ..s.clone()
    };
    assert_ne!(
        WatermarksLab::run(&s).unwrap(),
        WatermarksLab::run(&other).unwrap()
    );
}

#[test]
fn every_step_has_narration_lines_and_metrics() {
    let procs = WatermarksLab::procedures();
    for s in scenarios() {
        let t = WatermarksLab::run(&s).unwrap();
        for step in &t.steps {
            assert!(!step.narration.is_empty());
            assert!(!step.metrics.is_empty());
            let p = procs.get(step.lines.procedure).expect("procedure exists");
            assert!(step.lines.lines.iter().all(|&l| l < p.lines.len()));
        }
    }
}

#[test]
fn bad_parameters_name_their_fields() {
    let p = StreamParams {
        events: MAX_EVENTS + 1,
        partitions: 17,
        keys: 0,
        size_ms: 0,
        ..StreamParams::default()
    };
    let e = WatermarksLab::validate(&wm(p));
    let f = fields(&e);
    for want in ["events", "partitions", "keys", "size"] {
        assert!(f.contains(&want), "{want} in {f:?}");
    }
    assert!(
        e.iter()
            .any(|e| e.to_string() == "events: must be between 0 and 100000 (got 100001)")
    );
    let zero_parts = StreamParams {
        partitions: 0,
        idle_partition: None,
        ..StreamParams::default()
    };
    assert!(fields(&WatermarksLab::validate(&wm(zero_parts))).contains(&"partitions"));

    // Sliding rule: slide > size, slide not dividing size, too many windows per event.
    for (size, slide, needle) in [
        (5_000, 6_000, "rule"),
        (5_000, 2_000, "does not divide"),
        (20_000, 1_000, "at most 10"),
        // A slide of 0 is refused by the field itself (the generic range message).
        (5_000, 0, "must be between 1 and"),
    ] {
        let p = StreamParams {
            window: WindowKind::Sliding,
            size_ms: size,
            slide_ms: slide,
            ..StreamParams::default()
        };
        let e = WatermarksLab::validate(&wm(p));
        assert_eq!(fields(&e), ["slide"], "{size}/{slide}");
        assert!(e[0].message.contains(needle), "{}", e[0].message);
    }
    // The assignment cap: 100 000 events × 10 windows each.
    let p = StreamParams {
        events: 100_000,
        interval_ms: 100,
        window: WindowKind::Sliding,
        size_ms: 10_000,
        slide_ms: 1_000,
        ..StreamParams::default()
    };
    let e = WatermarksLab::validate(&wm(p));
    assert_eq!(fields(&e), ["slide"]);
    assert!(
        e[0].message.contains("window assignments"),
        "{}",
        e[0].message
    );
    // Session gap 0.
    let p = StreamParams {
        window: WindowKind::Session,
        gap_ms: 0,
        ..StreamParams::default()
    };
    assert_eq!(fields(&WatermarksLab::validate(&wm(p))), ["gap"]);
    // Idle partition out of range, or with one partition.
    let p = StreamParams {
        idle_partition: Some(3),
        ..StreamParams::default()
    };
    assert_eq!(fields(&WatermarksLab::validate(&wm(p))), ["idle"]);
    let p = StreamParams {
        partitions: 1,
        ..StreamParams::default()
    };
    assert_eq!(fields(&WatermarksLab::validate(&wm(p))), ["idle"]);
    // Stream span cap.
    let p = StreamParams {
        events: 100_000,
        interval_ms: 60_000,
        ..StreamParams::default()
    };
    assert_eq!(fields(&WatermarksLab::validate(&wm(p))), ["interval"]);
    // Bad actions.
    let mut s = WatermarksLab::default_scenario();
    s.actions.push(Action::Inject(Injected {
        event_ms: -1,
        arrival_ms: START_MS,
        partition: 9,
        key: 5,
        value: 0,
    }));
    let e = WatermarksLab::validate(&s);
    // One error per action now, with every problem of it in its message.
    assert_eq!(e.len(), 1);
    assert!(e.iter().all(|e| e.field == "actions[1]"));
    assert_eq!(e[0].message.split("; ").count(), 4, "{}", e[0].message);
    assert!(WatermarksLab::run(&s).is_err());
    // Actions outside watermarks mode.
    let s = Scenario {
        params: Params::checkpoint(CheckpointParams {
            ticks: 5,
            fail_at: 9,
            ..CheckpointParams::default()
        }),
        seed: 0,
        actions: vec![WatermarksLab::default_scenario().actions[0]],
    };
    let e = WatermarksLab::validate(&s);
    // Actions are checked once the parameters are valid (the kit's codec).
    assert_eq!(fields(&e), ["ticks", "fail"]);
    let s = Scenario {
        params: Params::checkpoint(CheckpointParams::default()),
        ..s
    };
    assert_eq!(fields(&WatermarksLab::validate(&s)), ["actions[0]"]);
    let s = Scenario {
        params: Params::backpressure(BackpressureParams {
            buffers: 0,
            slow_from: 30,
            slow_to: 20,
            ..BackpressureParams::default()
        }),
        seed: 0,
        actions: vec![],
    };
    let e = WatermarksLab::validate(&s);
    let mut f = fields(&e);
    f.sort_unstable();
    assert_eq!(f, ["buffers", "slow_to"]);
}

fn round_trip(s: &S) {
    let q = WatermarksLab::to_query(s);
    let text = encode(&q);
    let (back, errors) = WatermarksLab::from_query(&parse(&text));
    assert!(errors.is_empty(), "{errors:?} for {text}");
    assert_eq!(&back, s, "{text}");
}

#[test]
fn url_round_trips() {
    for s in scenarios() {
        round_trip(&s);
    }
    // The player's keys are ignored; an empty query gives the default.
    let (d, e) = WatermarksLab::from_query(&parse("step=4&embed=1"));
    assert!(e.is_empty());
    assert_eq!(d, WatermarksLab::default_scenario());
    let text = encode(&WatermarksLab::to_query(&WatermarksLab::default_scenario()));
    assert!(
        text.contains("a=10%3A00%3A02%4010%3A00%3A20%2F0%2FA%2F1"),
        "{text}"
    );
}

prop_compose! {
    fn any_stream()(
        events in 0u32..=100_000,
        partitions in 2u8..=16,
        keys in 1u8..=8,
        interval in 1u32..=2_000,
        disorder in 0u32..=120_000,
        pct in 0u8..=50,
        straggle in 0u32..=600_000,
        idle in proptest::option::of(0u8..2),
        bound in 0u32..=60_000,
        timeout in 1u32..=600_000,
        policy in 0usize..3,
        kind in 0usize..3,
        slide in 1u32..=1000,
        k in 1u32..=10,
        gap in 1u32..=86_400_000,
        lateness in 0u32..=3_600_000,
        drop in any::<bool>(),
    ) -> StreamParams {
        StreamParams {
            events, partitions, keys, interval_ms: interval, disorder_ms: disorder,
            straggler_pct: pct, straggle_ms: straggle, idle_partition: idle,
            idle_from_ms: 1234, idle_for_ms: 5678, bound_ms: bound, idle_timeout_ms: timeout,
            idle_policy: [IdlePolicy::Wait, IdlePolicy::Advance, IdlePolicy::Exclude][policy],
            window: [WindowKind::Tumbling, WindowKind::Sliding, WindowKind::Session][kind],
            size_ms: slide * k, slide_ms: slide, gap_ms: gap, lateness_ms: lateness,
            late_policy: if drop { LatePolicy::Drop } else { LatePolicy::SideOutput },
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn url_round_trip_of_valid_scenarios(
        p in any_stream(),
        seed in any::<u64>(),
        acts in proptest::collection::vec((0i64..360_000_000, 0i64..360_000_000, 0u8..2, 0u8..1, 1u32..=1000), 0..5),
    ) {
        let actions = acts.into_iter().map(|(e, a, part, key, value)| Action::Inject(Injected {
            event_ms: e, arrival_ms: a, partition: part, key, value,
        })).collect();
        let s = Scenario { params: Params::watermarks(p), seed, actions };
        prop_assume!(WatermarksLab::validate(&s).is_empty());
        round_trip(&s);
    }

    #[test]
    fn junk_queries_never_fail(pairs in proptest::collection::vec(
        (prop_oneof![
            Just("mode".to_string()), Just("events".to_string()), Just("size".to_string()),
            Just("slide".to_string()), Just("a".to_string()), Just("idle".to_string()),
            Just("policy".to_string()), Just("ticks".to_string()), Just("fail".to_string()),
            Just("slow_to".to_string()), "[a-z]{1,6}"
        ], "[ -~]{0,12}"), 0..8)) {
        let (s, _errors) = WatermarksLab::from_query(&pairs);
        prop_assert!(WatermarksLab::validate(&s).is_empty(), "{:?}", WatermarksLab::validate(&s));
    }
}

#[test]
fn junk_is_reported_field_by_field() {
    let (s, e) = WatermarksLab::from_query(&parse(
        "events=-5&partitions=99&size=0&window=round&policy=maybe&late=keep&seed=x&wat=1&\
         a=10:61:00@10:00:00&a=10:00:02&a=10:00:02@10:00:03/7/A/1&a=10:00:02@10:00:03/1/B/2&\
         a=10:00:02@10:00:03/x",
    ));
    let f = fields(&e);
    for want in [
        "events",
        "partitions",
        "size",
        "window",
        "policy",
        "late",
        "seed",
        "wat",
        "a[0]",
        "a[1]",
        "a[2]",
        "a[4]",
    ] {
        assert!(f.contains(&want), "{want} missing from {f:?}");
    }
    // The malformed timestamp names the problem.
    let a0 = e.iter().find(|e| e.field == "a[0]").unwrap();
    assert!(a0.message.contains("minutes and seconds"), "{}", a0.message);
    // The good action survives; bad fields fell back to the defaults.
    assert_eq!(s.actions.len(), 1);
    assert_eq!(s.params.mode, Mode::Watermarks);
    let p = &s.params.watermarks;
    assert_eq!(p.events, StreamParams::default().events);
    assert_eq!(s.seed, sdp_lab_watermarks::DEFAULT_SEED);
    // A sliding slide that breaks the rule is reported and replaced.
    let (s, e) = WatermarksLab::from_query(&parse("window=sliding&size=5000&slide=3000"));
    assert_eq!(fields(&e), ["slide"]);
    assert!(WatermarksLab::validate(&s).is_empty());
    // Unknown mode.
    let (s, e) = WatermarksLab::from_query(&parse("mode=batch"));
    assert_eq!(fields(&e), ["mode"]);
    assert_eq!(s.params, Params::default());
    // Other modes read their own keys; actions there are dropped and reported.
    let (s, e) = WatermarksLab::from_query(&parse(
        "mode=checkpoint&ticks=40&fail=50&align=sideways&a=10:00:00@10:00:00",
    ));
    let mut f = fields(&e);
    f.sort_unstable();
    assert_eq!(f, ["a[0]", "align", "fail"]);
    assert!(s.actions.is_empty());
    assert!(WatermarksLab::validate(&s).is_empty());
    let (s, e) = WatermarksLab::from_query(&parse("mode=backpressure&buffers=99&slow_to=1"));
    let mut f = fields(&e);
    f.sort_unstable();
    assert_eq!(f, ["buffers", "slow_to"]);
    assert!(WatermarksLab::validate(&s).is_empty());
}

#[test]
fn large_scenarios_stay_within_a_few_thousand_steps() {
    let s = wm(StreamParams {
        events: 20_000,
        partitions: 16,
        interval_ms: 50,
        idle_partition: Some(3),
        ..StreamParams::default()
    });
    let t = WatermarksLab::run(&s).unwrap();
    assert!(t.len() <= 2_100, "{} steps", t.len());
    let State::Watermarks(last) = &t.steps.last().unwrap().state else {
        panic!()
    };
    assert_eq!(last.at.arrived, 20_000);
    assert!(last.ended);
    // Every event arrives in exactly one step.
    let mut covered = 0;
    for step in &t.steps {
        let State::Watermarks(st) = &step.state else {
            panic!()
        };
        covered += st.at.arrived - st.before.arrived;
    }
    assert_eq!(covered, 20_000);
}
