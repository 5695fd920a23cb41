//! Differential tests against independent, deliberately naive implementations: a
//! millisecond-by-millisecond watermark simulation, brute-force window assignment, and a
//! per-step replay of the partition watermarks.

use rand::RngExt;
use sdp_lab_watermarks::engine::{MicroKind, Route};
use sdp_lab_watermarks::stream::{LatePolicy, StreamParams, generate};
use sdp_lab_watermarks::watermark::IdlePolicy;
use sdp_lab_watermarks::window::{WindowKind, WindowSpec, sliding, tumbling};
use sdp_lab_watermarks::wm_lab::world;

#[derive(Clone, Copy)]
struct Part {
    max: Option<i64>,
    wm: Option<i64>,
    last: i64,
    idle: bool,
}

/// Naive reference: walks processing time one millisecond at a time. At each millisecond, the
/// arrivals of that millisecond (in order), then the idle timeouts due (by partition).
/// Returns the global watermark before each arrival, and the sequence of micro-step kinds.
fn naive(p: &StreamParams, seed: u64) -> (Vec<Option<i64>>, Vec<MicroKind>) {
    let arrivals = generate(p, seed, &[]);
    let start = arrivals
        .first()
        .map_or(sdp_lab_watermarks::time::START_MS, |a| {
            a.arrival_ms.min(sdp_lab_watermarks::time::START_MS)
        });
    let bound = i64::from(p.bound_ms);
    let timeout = i64::from(p.idle_timeout_ms);
    let mut parts = vec![
        Part {
            max: None,
            wm: None,
            last: start,
            idle: false
        };
        usize::from(p.partitions)
    ];
    let mut global: Option<i64> = None;
    let recompute = |parts: &[Part], global: Option<i64>| -> Option<i64> {
        let considered: Vec<&Part> = parts
            .iter()
            .filter(|q| !(p.idle_policy == IdlePolicy::Exclude && q.idle))
            .collect();
        if considered.is_empty() || considered.iter().any(|q| q.wm.is_none()) {
            return global;
        }
        let min = considered.iter().filter_map(|q| q.wm).min();
        match (global, min) {
            (Some(g), Some(m)) => Some(g.max(m)),
            (g, m) => m.or(g),
        }
    };
    let mut before = Vec::new();
    let mut kinds = Vec::new();
    let mut i = 0;
    let mut t = start;
    loop {
        while let Some(a) = arrivals.get(i).filter(|a| a.arrival_ms == t) {
            if p.idle_policy == IdlePolicy::Advance {
                for q in parts.iter_mut().filter(|q| q.idle) {
                    q.wm = Some(q.wm.map_or(t, |w| w.max(t)));
                }
                global = recompute(&parts, global);
            }
            before.push(global);
            let q = &mut parts[usize::from(a.partition)];
            q.idle = false;
            q.last = t;
            q.max = Some(q.max.map_or(a.event_ms, |m| m.max(a.event_ms)));
            let w = q.max.unwrap_or(a.event_ms) - bound;
            q.wm = Some(q.wm.map_or(w, |x| x.max(w)));
            global = recompute(&parts, global);
            kinds.push(MicroKind::Arrival(i as u32));
            i += 1;
        }
        if p.idle_policy != IdlePolicy::Wait {
            for n in 0..parts.len() {
                if !parts[n].idle && t - parts[n].last >= timeout {
                    parts[n].idle = true;
                    if p.idle_policy == IdlePolicy::Advance {
                        for q in parts.iter_mut().filter(|q| q.idle) {
                            q.wm = Some(q.wm.map_or(t, |w| w.max(t)));
                        }
                    }
                    global = recompute(&parts, global);
                    kinds.push(MicroKind::IdleTimeout(n as u8));
                }
            }
        }
        let all_idle = p.idle_policy == IdlePolicy::Wait || parts.iter().all(|q| q.idle);
        if i >= arrivals.len() && all_idle {
            break;
        }
        t += 1;
    }
    kinds.push(MicroKind::End);
    (before, kinds)
}

#[test]
fn engine_matches_a_millisecond_by_millisecond_reference() {
    let mut rng = sdp_kit::rng::seeded(99);
    for round in 0..150 {
        let partitions = rng.random_range(1..5u8);
        let p = StreamParams {
            events: rng.random_range(0..120),
            partitions,
            keys: rng.random_range(1..4),
            interval_ms: rng.random_range(10..400),
            disorder_ms: rng.random_range(0..3000),
            straggler_pct: rng.random_range(0..20),
            straggle_ms: rng.random_range(0..6000),
            idle_partition: (partitions > 1).then(|| rng.random_range(0..partitions)),
            idle_from_ms: rng.random_range(0..5000),
            idle_for_ms: rng.random_range(0..8000),
            bound_ms: rng.random_range(0..3000),
            idle_timeout_ms: rng.random_range(100..4000),
            idle_policy: [IdlePolicy::Wait, IdlePolicy::Advance, IdlePolicy::Exclude][round % 3],
            lateness_ms: rng.random_range(0..3000),
            late_policy: LatePolicy::SideOutput,
            ..StreamParams::default()
        };
        assert!(p.validate().is_empty(), "{:?}", p.validate());
        let seed = rng.random::<u64>();
        let w = world(&p, seed, &[]);
        let (before, kinds) = naive(&p, seed);
        let got_before: Vec<Option<i64>> = w.events.iter().map(|e| e.watermark_before).collect();
        assert_eq!(
            got_before, before,
            "round {round}: watermark before each arrival"
        );
        let got_kinds: Vec<MicroKind> = w.progress.iter().map(|x| x.kind).collect();
        assert_eq!(got_kinds, kinds, "round {round}: micro-step sequence");
        for (e, wb) in w.events.iter().zip(&before) {
            let late = wb.is_some_and(|g| e.event_ms < g);
            assert_eq!(e.route != Route::OnTime, late, "round {round}");
        }
    }
}

/// Brute force: every multiple of `slide` in a wide range whose window contains `t`.
fn brute_windows(t: i64, size: i64, slide: i64) -> Vec<(i64, i64)> {
    let lo = (t - size - 2 * slide).div_euclid(slide) * slide;
    let mut out = Vec::new();
    let mut s = lo;
    while s <= t + slide {
        if s <= t && t < s + size {
            out.push((s, s + size));
        }
        s += slide;
    }
    out
}

#[test]
fn window_assignment_matches_brute_force() {
    let mut rng = sdp_kit::rng::seeded(7);
    for _ in 0..5_000 {
        let t: i64 = rng.random_range(-1_000_000..100_000_000);
        let slide: i64 = rng.random_range(1..5_000);
        let k: i64 = rng.random_range(1..=10);
        let size = slide * k;
        assert_eq!(sliding(t, size, slide), brute_windows(t, size, slide));
        assert_eq!(vec![tumbling(t, size)], brute_windows(t, size, size));
        let mut out = Vec::new();
        WindowSpec::sliding(size, slide).assign_into(t, &mut out);
        assert_eq!(out.len() as i64, k, "size/slide windows per event");
        WindowSpec::tumbling(size).assign_into(t, &mut out);
        assert_eq!(out, vec![tumbling(t, size)]);
    }
}

#[test]
fn step_states_replay_the_lane_log() {
    // Rebuild each partition's watermark at every step from the shared lane log (what a view
    // does) and compare with the per-step copy.
    let mut rng = sdp_kit::rng::seeded(5);
    for round in 0..40 {
        let p = StreamParams {
            events: rng.random_range(0..400),
            partitions: rng.random_range(2..8),
            idle_policy: [IdlePolicy::Wait, IdlePolicy::Advance, IdlePolicy::Exclude][round % 3],
            window: [
                WindowKind::Tumbling,
                WindowKind::Sliding,
                WindowKind::Session,
            ][round % 3],
            size_ms: 4_000,
            slide_ms: 2_000,
            ..StreamParams::default()
        };
        let steps = sdp_lab_watermarks::wm_lab::build_steps(&p, rng.random(), &[]);
        for step in &steps {
            let s = &step.state;
            let mut wm = vec![None; usize::from(p.partitions)];
            let mut tracks = vec![false; usize::from(p.partitions)];
            for l in &s.world.lanes[..s.at.lanes as usize] {
                wm[usize::from(l.partition)] = l.watermark;
                tracks[usize::from(l.partition)] = l.tracks_clock;
            }
            for (n, part) in s.partitions.iter().enumerate() {
                let expect = if tracks[n] {
                    wm[n].map(|w| w.max(s.clock_ms))
                } else {
                    wm[n]
                };
                assert_eq!(part.watermark, expect, "round {round}, partition {n}");
            }
            if let Some(last) = s.at.micro.checked_sub(1) {
                assert_eq!(s.world.progress[last as usize].global, s.global);
            }
        }
    }
}
