//! The document's worked examples (F0 DP11) and the catalogue's computed vectors (M5.1–M5.3),
//! as golden tests, plus the timestamp parser and the fidelity notes.

use sdp_kit::lab::{Contract, Lab, Scenario, Trace};
use sdp_lab_watermarks::engine::Route;
use sdp_lab_watermarks::operator::{EmitCause, WindowStatus};
use sdp_lab_watermarks::stream::{Injected, StreamParams};
use sdp_lab_watermarks::time::{format_time, parse_time, parse_timestamp};
use sdp_lab_watermarks::watermark::{IdlePolicy, global_min, timeline};
use sdp_lab_watermarks::window::{WindowKind, sessions, sliding, tumbling};
use sdp_lab_watermarks::wm_lab::WmState;
use sdp_lab_watermarks::{Action, Params, State, WatermarksLab};

fn t(s: &str) -> i64 {
    parse_time(s).expect("valid time")
}

/// A hand-built stream: no generated events, one partition per injected event's partition.
fn hand(partitions: u8, bound_ms: u32) -> StreamParams {
    StreamParams {
        events: 0,
        partitions,
        keys: 2,
        bound_ms,
        idle_partition: None,
        idle_policy: IdlePolicy::Wait,
        lateness_ms: 0,
        ..StreamParams::default()
    }
}

fn inject(event: &str, arrival: &str, partition: u8, key: u8) -> Action {
    Action::Inject(Injected {
        event_ms: t(event),
        arrival_ms: t(arrival),
        partition,
        key,
        value: 1,
    })
}

fn run(p: StreamParams, actions: Vec<Action>) -> Vec<WmState> {
    let trace: Trace<State> = WatermarksLab::run(&Scenario {
        params: Params::watermarks(p),
        seed: 1,
        actions,
    })
    .expect("valid scenario");
    trace
        .steps
        .into_iter()
        .map(|s| match s.state {
            State::Watermarks(w) => w,
            other => panic!("unexpected state {other:?}"),
        })
        .collect()
}

#[test]
fn watermark_timeline_of_the_document() {
    // F0 l.2633–2636: 5 s bound; events 10:00:01, :05, :03, :08.
    let times: Vec<i64> = ["10:00:01", "10:00:05", "10:00:03", "10:00:08"]
        .iter()
        .map(|s| t(s))
        .collect();
    let got = timeline(&times, 5_000);
    let max_seen: Vec<String> = got.iter().map(|(m, _)| format_time(*m)).collect();
    let wm: Vec<String> = got.iter().map(|(_, w)| format_time(*w)).collect();
    assert_eq!(max_seen, ["10:00:01", "10:00:05", "10:00:05", "10:00:08"]);
    assert_eq!(wm, ["09:59:56", "10:00:00", "10:00:00", "10:00:03"]);
}

#[test]
fn watermark_timeline_through_the_lab() {
    let actions = vec![
        inject("10:00:01", "10:00:01", 0, 0),
        inject("10:00:05", "10:00:05", 0, 0),
        inject("10:00:03", "10:00:06", 0, 0),
        inject("10:00:08", "10:00:08", 0, 0),
    ];
    let states = run(hand(1, 5_000), actions);
    // Step 0 is the start, steps 1–4 the arrivals, then the end of input.
    assert_eq!(states.len(), 6);
    let wm: Vec<String> = states[1..5]
        .iter()
        .map(|s| format_time(s.watermark.unwrap()))
        .collect();
    assert_eq!(wm, ["09:59:56", "10:00:00", "10:00:00", "10:00:03"]);
    let max_seen: Vec<i64> = states[1..5].iter().map(|s| s.max_seen.unwrap()).collect();
    assert_eq!(
        max_seen,
        [t("10:00:01"), t("10:00:05"), t("10:00:05"), t("10:00:08")]
    );
    // One partition: the global watermark is the same line.
    assert!(states[1..5].iter().all(|s| s.global == s.watermark));
    // 10:00:03 arrives after the watermark reached 10:00:00: on time.
    assert_eq!(states[5].world.events[2].route, Route::OnTime);
}

#[test]
fn global_watermark_is_the_minimum_over_partitions() {
    // F0 l.2641–2646.
    assert_eq!(
        global_min(&[
            Some(t("10:00:03")),
            Some(t("10:00:07")),
            Some(t("10:00:01"))
        ]),
        Some(t("10:00:01"))
    );
    let mut p = hand(3, 0);
    p.size_ms = 5_000;
    let actions = vec![
        inject("10:00:03", "10:00:03", 0, 0),
        inject("10:00:07", "10:00:07", 1, 0),
        inject("10:00:01", "10:00:07.500", 2, 0),
        // The slow partition advances; P0 is now the slowest.
        inject("10:00:06", "10:00:09", 2, 0),
        // P0 advances past the window end: [10:00:00, 10:00:05) can close.
        inject("10:00:05", "10:00:10", 0, 1),
    ];
    let states = run(p, actions);
    let g: Vec<Option<i64>> = states[1..6].iter().map(|s| s.global).collect();
    assert_eq!(
        g,
        [
            None,
            None,
            Some(t("10:00:01")),
            Some(t("10:00:03")),
            Some(t("10:00:05"))
        ]
    );
    let lanes: Vec<Option<i64>> = states[3].partitions.iter().map(|p| p.watermark).collect();
    assert_eq!(
        lanes,
        [
            Some(t("10:00:03")),
            Some(t("10:00:07")),
            Some(t("10:00:01"))
        ]
    );
    // "Window [10:00:00-10:00:05] cannot close until slowest partition advances".
    assert!(states[4].event_emits().is_empty());
    let fired = states[5].new_emits();
    assert_eq!(fired.len(), 1);
    assert_eq!(
        (fired[0].start, fired[0].end),
        (t("10:00:00"), t("10:00:05"))
    );
    assert_eq!(fired[0].count, 2, "10:00:03 and 10:00:01 of key A");
}

#[test]
fn tumbling_vector() {
    let (s, e) = tumbling(t("10:07:30"), 5 * 60_000);
    assert_eq!((s, e), (t("10:05:00"), t("10:10:00")));
}

#[test]
fn sliding_vector() {
    let got: Vec<(String, String)> = sliding(t("10:07:30"), 5 * 60_000, 60_000)
        .into_iter()
        .map(|(s, e)| (format_time(s), format_time(e)))
        .collect();
    let want = [
        ("10:03:00", "10:08:00"),
        ("10:04:00", "10:09:00"),
        ("10:05:00", "10:10:00"),
        ("10:06:00", "10:11:00"),
        ("10:07:00", "10:12:00"),
    ];
    assert_eq!(got.len(), 5);
    for (g, w) in got.iter().zip(want) {
        assert_eq!((g.0.as_str(), g.1.as_str()), w);
    }
}

#[test]
fn session_vector() {
    let min = 60_000;
    assert_eq!(
        sessions(&[t("10:00:00"), t("10:03:00"), t("10:09:00")], 5 * min),
        vec![
            (t("10:00:00"), t("10:08:00"), 2),
            (t("10:09:00"), t("10:14:00"), 1)
        ]
    );
}

#[test]
fn window_vectors_through_the_lab() {
    // Sliding 5 min every 1 min, one event at 10:07:30: five windows.
    let mut p = hand(1, 0);
    p.window = WindowKind::Sliding;
    p.size_ms = 5 * 60_000;
    p.slide_ms = 60_000;
    let states = run(p, vec![inject("10:07:30", "10:07:30", 0, 0)]);
    let last = states.last().unwrap();
    let bounds: Vec<(i64, i64)> = last
        .event_windows()
        .iter()
        .map(|w| (w.start, w.end))
        .collect();
    assert_eq!(bounds, sliding(t("10:07:30"), 5 * 60_000, 60_000));

    // Sessions with a 5 min gap: 10:00, 10:03, 10:09 → [10:00, 10:08) ×2 and [10:09, 10:14) ×1.
    let mut p = hand(1, 0);
    p.window = WindowKind::Session;
    p.gap_ms = 5 * 60_000;
    let states = run(
        p,
        vec![
            inject("10:00:00", "10:00:00", 0, 0),
            inject("10:03:00", "10:03:00", 0, 0),
            inject("10:09:00", "10:09:00", 0, 0),
        ],
    );
    let last = states.last().unwrap();
    let emits: Vec<(i64, i64, u32)> = last
        .event_emits()
        .iter()
        .map(|e| (e.start, e.end, e.count))
        .collect();
    assert_eq!(
        emits,
        [
            (t("10:00:00"), t("10:08:00"), 2),
            (t("10:09:00"), t("10:14:00"), 1)
        ]
    );
    // The first session fires when 10:09 pushes the watermark past 10:08 (bound 0).
    assert_eq!(states[3].new_emits().len(), 1);

    // The lab's rule (FidelityNote "Session boundaries"): events exactly one gap apart are
    // separate sessions; a late event that bridges two sessions merges them.
    let mut p = hand(1, 0);
    p.window = WindowKind::Session;
    p.gap_ms = 5 * 60_000;
    p.lateness_ms = 60 * 60_000;
    let states = run(
        p,
        vec![
            inject("10:00:00", "10:00:00", 0, 0),
            inject("10:05:00", "10:05:00", 0, 0),
            inject("10:12:00", "10:12:00", 0, 0),
            inject("10:08:00", "10:12:30", 0, 0),
        ],
    );
    let last = states.last().unwrap();
    let live: Vec<(i64, i64, u32)> = last
        .world
        .event_time
        .windows
        .iter()
        .filter(|w| !matches!(w.closed, Some((_, WindowStatus::MergedInto(_)))))
        .map(|w| {
            let (s, e) = w.bounds_at(u32::MAX);
            (s, e, w.count)
        })
        .collect();
    assert_eq!(
        live,
        [
            (t("10:00:00"), t("10:05:00"), 1),
            (t("10:05:00"), t("10:17:00"), 3)
        ]
    );
}

#[test]
fn late_event_within_allowed_lateness_updates_and_re_emits() {
    let mut p = hand(1, 0);
    p.lateness_ms = 3_000;
    let states = run(
        p,
        vec![
            inject("10:00:01", "10:00:01", 0, 0),
            inject("10:00:06", "10:00:06", 0, 0), // watermark 10:00:06: [10:00:00, :05) fires
            inject("10:00:02", "10:00:07", 0, 0), // late, within 3 s: update and re-emit
            inject("10:00:09", "10:00:09", 0, 0), // watermark 10:00:09 ≥ 10:00:08: purged
            inject("10:00:03", "10:00:10", 0, 0), // too late: side output
        ],
    );
    let last = states.last().unwrap();
    let routes: Vec<Route> = last.world.events.iter().map(|e| e.route).collect();
    assert_eq!(
        routes,
        [
            Route::OnTime,
            Route::OnTime,
            Route::Late,
            Route::OnTime,
            Route::SideOutput
        ]
    );
    let first_window: Vec<(u32, EmitCause)> = last
        .event_emits()
        .iter()
        .filter(|e| e.start == t("10:00:00"))
        .map(|e| (e.count, e.cause))
        .collect();
    assert_eq!(
        first_window,
        [(1, EmitCause::Watermark), (2, EmitCause::LateUpdate)]
    );
    assert_eq!(last.side_output(), &[4]);
    // With drop instead of side output, the event is counted as dropped.
    let mut p = hand(1, 0);
    p.lateness_ms = 0;
    p.late_policy = sdp_lab_watermarks::stream::LatePolicy::Drop;
    let states = run(
        p,
        vec![
            inject("10:00:06", "10:00:06", 0, 0),
            inject("10:00:02", "10:00:07", 0, 0),
        ],
    );
    let last = states.last().unwrap();
    assert_eq!(last.world.events[1].route, Route::Dropped);
    assert_eq!(last.totals.dropped, 1);
    assert!(last.side_output().is_empty());
}

#[test]
fn idle_partition_policies() {
    // P1 says one thing, then stays silent; P0 keeps going.
    let mut p = hand(2, 0);
    p.idle_timeout_ms = 5_000;
    let actions = vec![
        inject("10:00:00", "10:00:00", 0, 0),
        inject("10:00:01", "10:00:01", 1, 0),
        inject("10:00:04", "10:00:04", 0, 0),
        inject("10:00:09", "10:00:09", 0, 0),
        inject("10:00:12", "10:00:12", 0, 0),
    ];
    let wait = run(hand(2, 0), actions.clone());
    // Without idleness handling P1 holds the global watermark at 10:00:01.
    assert_eq!(wait[5].global, Some(t("10:00:01")));

    p.idle_policy = IdlePolicy::Advance;
    let adv = run(p.clone(), actions.clone());
    // P1's timeout fires at 10:00:06 (5 s after 10:00:01): a step of its own.
    let tick = adv
        .iter()
        .position(|s| {
            matches!(
                s.focus,
                sdp_lab_watermarks::wm_lab::WmFocus::IdleTimeout { partition: 1 }
            )
        })
        .expect("idle timeout step");
    assert_eq!(adv[tick].clock_ms, t("10:00:06"));
    assert_eq!(adv[tick].partitions[1].watermark, Some(t("10:00:06")));
    assert!(adv[tick].partitions[1].idle);
    // Advanced to processing time, it follows the clock; the global is now P0's.
    let last_arrival = adv
        .iter()
        .find(|s| s.focus == sdp_lab_watermarks::wm_lab::WmFocus::Arrival { event: 4 })
        .expect("last arrival");
    assert_eq!(last_arrival.partitions[1].watermark, Some(t("10:00:12")));
    assert_eq!(last_arrival.global, Some(t("10:00:12")));

    p.idle_policy = IdlePolicy::Exclude;
    let exc = run(p, actions);
    let tick = exc
        .iter()
        .position(|s| {
            matches!(
                s.focus,
                sdp_lab_watermarks::wm_lab::WmFocus::IdleTimeout { partition: 1 }
            )
        })
        .expect("idle timeout step");
    // Excluded: its own watermark stays, the global follows P0 alone.
    assert_eq!(exc[tick].partitions[1].watermark, Some(t("10:00:01")));
    assert_eq!(exc[tick].global, Some(t("10:00:04")));
}

#[test]
fn advancing_to_processing_time_can_make_events_late() {
    // Both partitions go idle; under "advance" their watermarks follow the processing-time
    // clock, so an event lagging processing time by 3 s arrives late. Under "exclude" the global
    // watermark holds and it is on time (the FidelityNote's point).
    let actions = vec![
        inject("10:00:00", "10:00:00", 0, 0),
        inject("10:00:00", "10:00:00", 1, 0),
        inject("10:00:09", "10:00:12", 1, 0),
    ];
    let mut p = hand(2, 0);
    p.idle_timeout_ms = 5_000;
    p.idle_policy = IdlePolicy::Advance;
    let adv = run(p.clone(), actions.clone());
    assert!(adv.last().unwrap().world.events[2].is_late());
    p.idle_policy = IdlePolicy::Exclude;
    let exc = run(p, actions);
    assert!(!exc.last().unwrap().world.events[2].is_late());
}

#[test]
fn timestamp_parser() {
    assert_eq!(t("10:00:02"), 36_002_000);
    assert_eq!(t(" 9:59:56 "), 35_996_000);
    assert_eq!(t("10:00:02.5"), 36_002_500);
    assert_eq!(t("10:00:02.05"), 36_002_050);
    assert_eq!(t("10:00:02.005"), 36_002_005);
    assert_eq!(t("36002000"), 36_002_000);
    assert_eq!(t("0"), 0);
    for bad in [
        "",
        "10:00",
        "10:60:00",
        "10:00:60",
        "10:00:02.1234",
        "10:0:02",
        "ab:cd:ef",
        "-5",
        "1e3",
        "10:00:02.",
        "100:00:00",
        "360000000",
        "10::02",
        "10:00:02:00",
    ] {
        let e = parse_timestamp("a[0]", bad).expect_err(bad);
        assert_eq!(e.field, "a[0]");
        assert!(!e.message.is_empty());
    }
    for ms in [0, 1, 999, 36_002_000, 36_002_050, 359_999_999] {
        assert_eq!(parse_time(&format_time(ms)), Ok(ms));
    }
}

#[test]
fn fidelity_notes_cover_the_document_issues() {
    let notes = WatermarksLab::notes();
    let find = |needle: &str| {
        notes
            .iter()
            .find(|n| n.title.contains(needle))
            .unwrap_or_else(|| panic!("no note {needle}"))
    };
    let lateness = find("Allowed lateness");
    assert!(lateness.lab_shows.contains("two separate parameters"));
    let state = find("State size");
    assert!(state.document_says.contains("100 GB"));
    assert!(state.lab_shows.contains("100 MB"));
    // 1M keys × 100 bytes.
    assert_eq!(1_000_000u64 * 100, 100 * 1_000_000);
    find("Idle partitions");
    find("Sliding windows");
    assert!(!WatermarksLab::procedures().is_empty());
}
