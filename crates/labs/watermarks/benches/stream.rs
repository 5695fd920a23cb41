//! Native figures for the watermarks lab (prints numbers; asserts nothing).
//! Run with `cargo bench -p sdp-lab-watermarks`.
#![allow(
    clippy::disallowed_methods,
    reason = "a benchmark times native code with the clock"
)]

use sdp_kit::lab::{Contract, Scenario};
use sdp_lab_watermarks::backpressure::BackpressureParams;
use sdp_lab_watermarks::checkpoint::CheckpointParams;
use sdp_lab_watermarks::operator::WindowStatus;
use sdp_lab_watermarks::stream::{MAX_EVENTS, MAX_PARTITIONS, StreamParams, generate};
use sdp_lab_watermarks::window::WindowKind;
use sdp_lab_watermarks::wm_lab::WmState;
use sdp_lab_watermarks::{Params, State, WatermarksLab};
use std::hint::black_box;
use std::time::Instant;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

/// CPU time of this thread in ns (Linux), so figures stay meaningful on a busy machine; `None`
/// elsewhere.
fn cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// Runs `f`, returning (wall ms, CPU ms or wall ms when unavailable) and its result.
fn timed<T>(f: impl FnOnce() -> T) -> (f64, f64, T) {
    let c0 = cpu_ns();
    let t = Instant::now();
    let out = f();
    let wall = ms(t);
    let cpu = match (c0, cpu_ns()) {
        (Some(a), Some(b)) => (b - a) as f64 / 1e6,
        _ => wall,
    };
    (wall, cpu, out)
}

fn largest(window: WindowKind) -> StreamParams {
    StreamParams {
        events: MAX_EVENTS,
        partitions: MAX_PARTITIONS,
        keys: 8,
        interval_ms: 100,
        disorder_ms: 3_000,
        straggler_pct: 5,
        straggle_ms: 7_000,
        idle_partition: Some(5),
        idle_from_ms: 600_000,
        idle_for_ms: 120_000,
        window,
        // Sliding: 5 windows per event, the most the assignment cap allows at 100 000 events.
        size_ms: 10_000,
        slide_ms: 2_000,
        gap_ms: 2_000,
        ..StreamParams::default()
    }
}

/// What a view does to show step `k`: the visible slice of each log, window bands in a visible
/// event-time range with their status and counts, the partition lanes, the comparison rows.
fn show(s: &WmState, span_ms: i64) -> usize {
    let micro = s.at.micro;
    let hi = s.max_seen.unwrap_or(s.world.start_ms);
    let lo = hi - span_ms;
    let mut drawn = 0;
    // Dots: events arrived in the visible processing-time range (binary search on arrival).
    let events = s.events();
    let from = events.partition_point(|e| e.arrival_ms < s.clock_ms - span_ms);
    drawn += events.len() - from;
    // Window bands overlapping [lo, hi): scan back from the newest window.
    for w in s.event_windows().iter().rev().take(4_000) {
        let (start, end) = w.bounds_at(micro);
        let merged = matches!(w.status_at(micro), Some(WindowStatus::MergedInto(_)));
        if end > lo && start < hi && !merged {
            drawn += w.count_at(micro);
        }
    }
    // Watermark line points in range.
    let progress = &s.world.progress[..micro as usize];
    let p_from = progress.partition_point(|p| p.clock_ms < s.clock_ms - span_ms);
    drawn += progress.len() - p_from;
    drawn += s.world.lanes[..s.at.lanes as usize].len().min(1);
    // Comparison rows of the visible windows.
    drawn += s.comparison_in(lo, hi).len();
    drawn
}

fn bench_watermarks(window: WindowKind) {
    let p = largest(window);
    let (_, gen_ms, arrivals) = timed(|| generate(&p, 1, &[]));
    let (_, sim_ms, world) = timed(|| sdp_lab_watermarks::engine::simulate(&p, &arrivals));
    let windows = world.event_time.windows.len();
    let emits = world.event_time.emits.len();
    drop(world);
    let scenario = Scenario {
        params: Params::watermarks(p),
        seed: 1,
        actions: vec![],
    };
    // Best of 5 full trace builds (what the browser does on load or on every action), in CPU
    // time of this thread; the best wall time is printed too.
    let (mut best, mut best_wall) = (f64::MAX, f64::MAX);
    let mut trace = None;
    for _ in 0..5 {
        let (wall, cpu, tr) = timed(|| WatermarksLab::run(&scenario).expect("valid"));
        best = best.min(cpu);
        best_wall = best_wall.min(wall);
        trace = Some(tr);
    }
    let trace = trace.expect("built");
    println!(
        "watermarks {:>8}: 100,000 events / 16 partitions: generate {gen_ms:.1} ms, simulate {sim_ms:.1} ms, \
         full trace {best:.1} ms CPU (wall {best_wall:.1} ms; {} steps, {windows} windows, {emits} results)",
        window.as_str(),
        trace.len()
    );
    // Seek: clone step k's state (what the player hands the view) and draw 60 s around it.
    let mut rng_k: u64 = 12345;
    let n = 500;
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        rng_k = rng_k
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let k = (rng_k >> 33) as usize % trace.len();
        let t = Instant::now();
        let step = trace.get(k).expect("step").clone();
        if let State::Watermarks(s) = &step.state {
            black_box(show(s, 60_000));
        }
        times.push(t.elapsed().as_secs_f64() * 1e6);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "watermarks {:>8}: seek + draw one step (60 s visible): median {:.1} µs, p99 {:.1} µs, max {:.1} µs over {n} random steps",
        window.as_str(),
        times[n / 2],
        times[n * 99 / 100],
        times[n - 1]
    );
    // The comparison table at the last step (scans every result).
    if let Some(State::Watermarks(s)) = trace.steps.last().map(|s| &s.state) {
        let t = Instant::now();
        let rows = s.comparison();
        println!(
            "watermarks {:>8}: comparison table at the last step: {:.2} ms ({} rows, {} differ)",
            window.as_str(),
            ms(t),
            rows.len(),
            rows.iter().filter(|r| r.differs()).count()
        );
    }
}

fn main() {
    // `SDP_BENCH_ONLY=sliding` (or tumbling, session) runs one window kind only.
    let only = std::env::var("SDP_BENCH_ONLY").ok();
    for kind in [
        WindowKind::Tumbling,
        WindowKind::Sliding,
        WindowKind::Session,
    ] {
        if only.as_deref().is_none_or(|o| o == kind.as_str()) {
            bench_watermarks(kind);
        }
    }
    if only.is_some() {
        return;
    }
    let t = Instant::now();
    let d = WatermarksLab::run(&WatermarksLab::default_scenario()).expect("valid");
    println!("default scenario: {:.2} ms, {} steps", ms(t), d.len());
    for (name, params) in [
        (
            "checkpoint 300 ticks",
            Params::checkpoint(CheckpointParams {
                ticks: 300,
                records: 200,
                fail_at: 150,
                ..CheckpointParams::default()
            }),
        ),
        (
            "backpressure 300 ticks",
            Params::backpressure(BackpressureParams {
                ticks: 300,
                ..BackpressureParams::default()
            }),
        ),
    ] {
        let s = Scenario {
            params,
            seed: 1,
            actions: vec![],
        };
        let t = Instant::now();
        let tr = WatermarksLab::run(&s).expect("valid");
        println!("{name}: trace {:.2} ms, {} steps", ms(t), tr.len());
    }
}
