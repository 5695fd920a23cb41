//! Property tests of the watermarks mode: monotone watermarks, no lateness without disorder,
//! exact window membership, and emitted results equal to a batch computation.

use proptest::prelude::*;
use sdp_lab_watermarks::engine::{MicroKind, Route, WmWorld};
use sdp_lab_watermarks::operator::{EmitCause, WindowLog, WindowStatus};
use sdp_lab_watermarks::stream::{Injected, LatePolicy, StreamParams};
use sdp_lab_watermarks::watermark::IdlePolicy;
use sdp_lab_watermarks::window::{WindowKind, WindowSpec, sessions};
use sdp_lab_watermarks::wm_lab::{build_steps, world};
use std::collections::BTreeMap;

fn policy() -> impl Strategy<Value = IdlePolicy> {
    prop_oneof![
        Just(IdlePolicy::Wait),
        Just(IdlePolicy::Advance),
        Just(IdlePolicy::Exclude)
    ]
}

/// (kind, size, slide, gap) following the sliding rule.
fn window() -> impl Strategy<Value = (WindowKind, u32, u32, u32)> {
    prop_oneof![
        (1u32..20).prop_map(|k| (WindowKind::Tumbling, k * 500, 500, 1000)),
        (1u32..6, 1u32..5).prop_map(|(n, k)| (WindowKind::Sliding, n * k * 500, k * 500, 1000)),
        (1u32..20).prop_map(|k| (WindowKind::Session, 1000, 1000, k * 300)),
    ]
}

prop_compose! {
    fn params()(
        events in 0u32..250,
        partitions in 1u8..6,
        keys in 1u8..4,
        interval in 20u32..1500,
        disorder in 0u32..6000,
        stragglers in 0u8..25,
        straggle in 0u32..20_000,
        idle in proptest::option::of(0u8..5),
        idle_from in 0u32..20_000,
        idle_for in 0u32..30_000,
        bound in 0u32..5000,
        timeout in 300u32..15_000,
        policy in policy(),
        (kind, size, slide, gap) in window(),
        lateness in 0u32..8000,
        drop in any::<bool>(),
    ) -> StreamParams {
        StreamParams {
            events,
            partitions,
            keys,
            interval_ms: interval,
            disorder_ms: disorder,
            straggler_pct: stragglers,
            straggle_ms: straggle,
            idle_partition: idle.filter(|&i| i < partitions && partitions > 1),
            idle_from_ms: idle_from,
            idle_for_ms: idle_for,
            bound_ms: bound,
            idle_timeout_ms: timeout,
            idle_policy: policy,
            window: kind,
            size_ms: size,
            slide_ms: slide,
            gap_ms: gap,
            lateness_ms: lateness,
            late_policy: if drop { LatePolicy::Drop } else { LatePolicy::SideOutput },
        }
    }
}

fn injections(p: &StreamParams, raw: &[(u32, u32, u8, u8)]) -> Vec<Injected> {
    let start = sdp_lab_watermarks::time::START_MS;
    raw.iter()
        .map(|&(e, a, part, key)| Injected {
            event_ms: start + i64::from(e),
            arrival_ms: start + i64::from(a),
            partition: part % p.partitions,
            key: key % p.keys,
            value: 1,
        })
        .collect()
}

fn assign(spec: &WindowSpec, t: i64) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    spec.assign_into(t, &mut out);
    out
}

/// For each event, the (start, end) of every grid window it is a member of.
fn memberships(log: &WindowLog) -> BTreeMap<u32, Vec<(i64, i64)>> {
    let mut m: BTreeMap<u32, Vec<(i64, i64)>> = BTreeMap::new();
    for w in &log.windows {
        for mem in &w.members {
            m.entry(mem.event).or_default().push((w.start, w.end));
        }
    }
    for v in m.values_mut() {
        v.sort_unstable();
    }
    m
}

fn le(a: Option<i64>, b: Option<i64>) -> bool {
    match (a, b) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(x), Some(y)) => x <= y,
    }
}

fn check_monotone(w: &WmWorld) {
    for pair in w.progress.windows(2) {
        assert!(le(pair[0].global, pair[1].global), "global went back");
        assert!(le(pair[0].single, pair[1].single), "watermark went back");
        assert!(pair[0].clock_ms <= pair[1].clock_ms, "clock went back");
    }
    let mut last: BTreeMap<u8, Option<i64>> = BTreeMap::new();
    for l in &w.lanes {
        let prev = last.insert(l.partition, l.watermark).flatten();
        assert!(le(prev, l.watermark), "partition watermark went back");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn watermarks_never_decrease(
        p in params(),
        seed in any::<u64>(),
        raw in proptest::collection::vec((0u32..60_000, 0u32..60_000, 0u8..8, 0u8..8), 0..6),
    ) {
        let inj = injections(&p, &raw);
        prop_assume!(p.validate().is_empty());
        let w = world(&p, seed, &inj);
        check_monotone(&w);
        // Every step's partition watermarks are monotone too, and cursors only grow.
        let steps = build_steps(&p, seed, &inj);
        for pair in steps.windows(2) {
            let (a, b) = (&pair[0].state, &pair[1].state);
            prop_assert!(le(a.global, b.global));
            prop_assert!(b.at.micro >= a.at.micro && b.at.arrived >= a.at.arrived);
            prop_assert_eq!(b.before, a.at);
            for (x, y) in a.partitions.iter().zip(&b.partitions) {
                prop_assert!(le(x.watermark, y.watermark));
            }
        }
        prop_assert!(steps.last().is_some_and(|s| s.state.ended));
    }

    #[test]
    fn no_disorder_no_late_events(p in params(), seed in any::<u64>()) {
        let p = StreamParams { disorder_ms: 0, straggler_pct: 0, ..p };
        prop_assume!(p.validate().is_empty());
        let w = world(&p, seed, &[]);
        prop_assert!(w.events.iter().all(|e| e.route == Route::OnTime));
        prop_assert!(w.side_output.is_empty());
        prop_assert!(w.event_time.emits.iter().all(|e| e.cause == EmitCause::Watermark));
    }

    #[test]
    fn on_time_events_land_in_exactly_their_windows(
        p in params(),
        seed in any::<u64>(),
        raw in proptest::collection::vec((0u32..60_000, 0u32..60_000, 0u8..8, 0u8..8), 0..6),
    ) {
        let inj = injections(&p, &raw);
        prop_assume!(p.validate().is_empty());
        let w = world(&p, seed, &inj);
        let spec = p.window_spec();
        if spec.kind == WindowKind::Session {
            // Follow each event to the window holding it at the end: it is not merged away,
            // its bounds contain the event, and it belongs to the event's key.
            let mut holder: BTreeMap<u32, usize> = BTreeMap::new();
            for (id, win) in w.event_time.windows.iter().enumerate() {
                if matches!(win.closed, Some((_, WindowStatus::MergedInto(_)))) {
                    continue;
                }
                for m in &win.members {
                    prop_assert!(holder.insert(m.event, id).is_none(), "event in two sessions");
                }
            }
            for (n, e) in w.events.iter().enumerate() {
                let held = holder.get(&(n as u32));
                match e.route {
                    Route::OnTime | Route::Late => {
                        let win = &w.event_time.windows[*held.expect("held")];
                        let (s, end) = win.bounds_at(u32::MAX);
                        prop_assert!(s <= e.event_ms && e.event_ms < end);
                        prop_assert_eq!(win.key, e.key);
                    }
                    _ => prop_assert!(held.is_none()),
                }
            }
        } else {
            let m = memberships(&w.event_time);
            for (n, e) in w.events.iter().enumerate() {
                let got = m.get(&(n as u32)).cloned().unwrap_or_default();
                let want = assign(&spec, e.event_ms);
                match e.route {
                    Route::OnTime => prop_assert_eq!(got, want),
                    Route::Late => {
                        prop_assert!(got.iter().all(|x| want.contains(x)));
                        prop_assert_eq!(got.len(), usize::from(e.windows));
                        prop_assert_eq!(got.len() + usize::from(e.missed), want.len());
                    }
                    _ => prop_assert!(got.is_empty()),
                }
            }
            // Processing time: each window holds exactly the events of its key arriving in it,
            // and every arrival time's windows exist.
            for win in &w.processing_time.windows {
                let n = w.events.iter()
                    .filter(|e| e.key == win.key && win.start <= e.arrival_ms && e.arrival_ms < win.end)
                    .count() as u32;
                prop_assert_eq!(win.count, n);
            }
            for e in &w.events {
                for (s, _) in assign(&spec, e.arrival_ms) {
                    prop_assert!(w.processing_time.windows.iter().any(|x| x.key == e.key && x.start == s));
                }
            }
        }
    }

    #[test]
    fn emitted_results_equal_batch_over_arrived_events(
        p in params(),
        seed in any::<u64>(),
        raw in proptest::collection::vec((0u32..60_000, 0u32..60_000, 0u8..8, 0u8..8), 0..6),
    ) {
        let inj = injections(&p, &raw);
        prop_assume!(p.validate().is_empty() && p.window != WindowKind::Session);
        let w = world(&p, seed, &inj);
        for e in &w.event_time.emits {
            let (mut count, mut sum) = (0u32, 0u64);
            for ev in &w.events[..e.arrived as usize] {
                if ev.key == e.key && e.start <= ev.event_ms && ev.event_ms < e.end {
                    count += 1;
                    sum += u64::from(ev.value);
                }
            }
            prop_assert_eq!((e.count, e.sum), (count, sum), "event-time emission {:?}", e);
        }
        for e in &w.processing_time.emits {
            let count = w.events[..e.arrived as usize]
                .iter()
                .filter(|ev| ev.key == e.key && e.start <= ev.arrival_ms && ev.arrival_ms < e.end)
                .count() as u32;
            prop_assert_eq!(e.count, count);
        }
        // Every window fired exactly once by the watermark, and at the end every window is
        // purged.
        for (id, win) in w.event_time.windows.iter().enumerate() {
            let fires = w.event_time.emits.iter()
                .filter(|e| e.window == id as u32 && e.cause == EmitCause::Watermark)
                .count();
            prop_assert!(fires <= 1);
            prop_assert!(win.fired.is_some());
            prop_assert!(matches!(win.closed, Some((_, WindowStatus::Purged))));
        }
        // The last result per (key, window) equals the batch over every event that was not
        // too late.
        let mut last: BTreeMap<(u8, i64), u32> = BTreeMap::new();
        for e in &w.event_time.emits {
            last.insert((e.key, e.start), e.count);
        }
        for ((key, start), count) in last {
            let end = start + p.window_spec().size_ms;
            let batch = w.events.iter()
                .filter(|ev| ev.key == key && start <= ev.event_ms && ev.event_ms < end)
                .filter(|ev| matches!(ev.route, Route::OnTime | Route::Late))
                .filter(|ev| {
                    // Late events that missed this very window (it was purged) do not count.
                    ev.route == Route::OnTime || ev.watermark_before.is_none_or(|g| g < end + i64::from(p.lateness_ms))
                })
                .count() as u32;
            prop_assert_eq!(count, batch);
        }
    }

    #[test]
    fn sessions_equal_batch_sessions_when_nothing_is_too_late(
        p in params(),
        seed in any::<u64>(),
    ) {
        let p = StreamParams {
            window: WindowKind::Session,
            lateness_ms: 3_600_000,
            ..p
        };
        prop_assume!(p.validate().is_empty());
        let w = world(&p, seed, &[]);
        prop_assume!(w.events.iter().all(|e| matches!(e.route, Route::OnTime | Route::Late)));
        for key in 0..p.keys {
            let times: Vec<i64> = w.events.iter().filter(|e| e.key == key).map(|e| e.event_ms).collect();
            let want = sessions(&times, i64::from(p.gap_ms));
            let mut got: Vec<(i64, i64, u32)> = w.event_time.windows.iter()
                .filter(|win| win.key == key)
                .filter(|win| !matches!(win.closed, Some((_, WindowStatus::MergedInto(_)))))
                .map(|win| {
                    let (s, e) = win.bounds_at(u32::MAX);
                    (s, e, win.count)
                })
                .collect();
            got.sort_unstable();
            prop_assert_eq!(got, want);
        }
    }
}

#[test]
fn micro_steps_are_arrivals_ticks_and_one_end() {
    let p = StreamParams::default();
    let w = world(&p, 3, &[]);
    let arrivals = w
        .progress
        .iter()
        .filter(|x| matches!(x.kind, MicroKind::Arrival(_)))
        .count();
    assert_eq!(arrivals, w.events.len());
    assert_eq!(
        w.progress
            .iter()
            .filter(|x| x.kind == MicroKind::End)
            .count(),
        1
    );
    assert_eq!(w.progress.last().map(|x| x.kind), Some(MicroKind::End));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn comparison_rows_match_a_scan_of_the_results(p in params(), seed in any::<u64>()) {
        prop_assume!(p.validate().is_empty() && p.window != WindowKind::Session);
        let steps = build_steps(&p, seed, &[]);
        for step in steps.iter().step_by(7) {
            let s = &step.state;
            let mut et: BTreeMap<i64, BTreeMap<u8, u32>> = BTreeMap::new();
            for e in s.event_emits() {
                et.entry(e.start).or_default().insert(e.key, e.count);
            }
            let mut pt: BTreeMap<i64, u32> = BTreeMap::new();
            for e in s.processing_emits() {
                *pt.entry(e.start).or_default() += e.count;
            }
            let mut starts: Vec<i64> = et.keys().chain(pt.keys()).copied().collect();
            starts.sort_unstable();
            starts.dedup();
            let want: Vec<(i64, Option<u32>, Option<u32>)> = starts
                .into_iter()
                .map(|st| (st, et.get(&st).map(|m| m.values().sum()), pt.get(&st).copied()))
                .collect();
            let got: Vec<(i64, Option<u32>, Option<u32>)> = s
                .comparison()
                .into_iter()
                .map(|r| (r.start, r.event_time, r.processing_time))
                .collect();
            prop_assert_eq!(got, want);
        }
    }
}
