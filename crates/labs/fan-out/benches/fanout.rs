//! Fan-out lab benchmark: prints figures, asserts nothing.
//!
//! `cargo bench -p sdp-lab-fan-out` — graph generation, simulation throughput and the trace build
//! time of each strategy at the largest allowed scenario (100 000 users, 1 000 000 follows,
//! 10 000 posts, 10 000 reads), plus a dense graph and the chat mode.

#![allow(
    clippy::disallowed_methods,
    reason = "a benchmark times native code with the clock"
)]

use sdp_kit::lab::{Contract, Scenario};
use sdp_lab_fan_out::graph::{Graph, GraphSpec};
use sdp_lab_fan_out::sim::{Simulation, Strategy};
use sdp_lab_fan_out::{Action, FanOutLab, Mode, Params, sim_config, workload};
use sdp_lab_fan_out::{MAX_ACTIONS, MAX_DETAILED, MAX_MESSAGES};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn best_of<T>(runs: u32, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let out = black_box(f());
        best = best.min(t.elapsed());
        last = Some(out);
    }
    (best, last.expect("at least one run"))
}

/// CPU time of this thread so far (Linux `/proc`, 10 ms resolution), to read figures on a
/// busy machine where wall time includes waiting for a core.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// Builds `scenario` `runs` times; prints the best wall time and the mean CPU time.
fn report(name: &str, runs: u32, scenario: &Scenario<Params, Action>) {
    let before = thread_cpu();
    let (t, trace) = best_of(runs, || FanOutLab::run(scenario).expect("valid"));
    let cpu = match (before, thread_cpu()) {
        (Some(a), Some(b)) => format!(", CPU {:.0} ms per build", ms(b - a) / f64::from(runs)),
        _ => String::new(),
    };
    println!("{name}: best {:.1} ms{cpu}, {} steps", ms(t), trace.len());
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn largest(strategy: Strategy, ranking: bool) -> Scenario<Params, Action> {
    let d = Params::default();
    Scenario {
        params: Params {
            strategy,
            users: 100_000,
            follows: 1_000_000,
            posts: 10_000,
            reads: 10_000,
            detailed: MAX_DETAILED,
            threshold: 100,
            workers: 8,
            batch: 100,
            ranking,
            ..d
        },
        seed: 7,
        actions: vec![
            Action::Post(0),
            Action::Read(99_999),
            Action::Wait(50),
            Action::Read(99_999),
        ],
    }
}

fn main() {
    let p = largest(Strategy::Push, false).params;
    let spec = GraphSpec {
        users: p.users,
        follows: p.follows,
        skew: p.skew,
        inactive: p.inactive,
    };
    let (t, g) = best_of(5, || Graph::generate(&spec, &mut sdp_kit::rng::seeded(7)));
    println!(
        "graph 100 000 users / 1 000 000 follows: {:.1} ms ({:.1} M edges/s)",
        ms(t),
        1.0 / t.as_secs_f64()
    );
    let events = workload::generate(&g, p.posts, p.reads, &mut sdp_kit::rng::seeded(8));
    let (t, writes) = best_of(5, || {
        let mut sim = Simulation::new(&g, sim_config(&p, 7));
        for &e in &events {
            sim.tick(Some(e), None);
        }
        sim.drain();
        sim.stats(Strategy::Push).feed_writes + sim.stats(Strategy::Hybrid).feed_writes
    });
    println!(
        "simulation of 20 000 events, all three strategies: {:.1} ms ({} feed writes, {:.2} M events/s)",
        ms(t),
        writes,
        events.len() as f64 / t.as_secs_f64() / 1e6
    );
    for ranking in [false, true] {
        for s in Strategy::ALL {
            let name = format!(
                "trace, largest scenario, strategy {:<6} ranking {}",
                s.as_str(),
                u8::from(ranking)
            );
            report(&name, 10, &largest(s, ranking));
        }
    }
    // Worst write amplification: celebrities posting as every action.
    let mut heavy = largest(Strategy::Push, false);
    heavy.params.threshold = 1_000_000;
    heavy.actions = (0..MAX_ACTIONS as u32)
        .map(|i| Action::Post(i % 4))
        .collect();
    let name = format!("trace, largest scenario + {MAX_ACTIONS} celebrity posts, nobody pulled");
    report(&name, 5, &heavy);
    // Densest allowed graphs: 100 follows per user, and a complete graph of 101 users.
    for (users, follows) in [(10_000u32, 1_000_000u32), (101, 10_100)] {
        let mut dense = largest(Strategy::Pull, false);
        dense.params.users = users;
        dense.params.follows = follows;
        dense.params.threshold = 1_000_000;
        dense.actions = vec![Action::Post(0), Action::Read(users - 1)];
        for s in Strategy::ALL {
            dense.params.strategy = s;
            let name = format!(
                "trace, dense {users} users / {follows} follows, nobody pulled, {:<6}",
                s.as_str()
            );
            report(&name, 5, &dense);
        }
    }
    let chat = Scenario {
        params: Params {
            mode: Mode::Chat,
            group: 500,
            messages: MAX_MESSAGES,
            ..Params::default()
        },
        seed: 3,
        actions: Vec::new(),
    };
    report(
        &format!("trace, chat 500 members / {MAX_MESSAGES} messages"),
        10,
        &chat,
    );
    let (t, json) = best_of(3, || {
        serde_json::to_string(&FanOutLab::run(&largest(Strategy::Hybrid, true)).expect("valid"))
            .map(|s| s.len())
            .unwrap_or(0)
    });
    println!(
        "largest hybrid ranked trace as JSON: {:.1} MB, build + serialise {:.1} ms",
        json as f64 / 1e6,
        ms(t)
    );
}
