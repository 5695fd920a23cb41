//! Raft's safety invariants on thousands of seeded fault schedules (crashes, restarts,
//! partitions, heals, requests): at most one leader per term, log matching, committed entries
//! never lost or reordered; the checker itself catches corrupted runs; the largest scenario of
//! each mode is valid and builds in time.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use rand::RngExt;
use sdp_kit::lab::Contract;
use sdp_lab_consensus::raft::{self, Config, Entry, Fault, Role, Target};
use sdp_lab_consensus::{ConsensusLab, Mode, largest};
use std::sync::Arc;

fn schedule(seed: u64) -> Config {
    let mut r = sdp_kit::rng::seeded(seed ^ 0xfa17);
    let servers = r.random_range(3..=7);
    let lo = r.random_range(50..=300);
    let lat_lo = r.random_range(1..=30);
    let faults = (0..r.random_range(0..20))
        .map(|_| {
            let at = r.random_range(0..3000);
            let target = if r.random_range(0..2) == 0 {
                Target::Leader
            } else {
                Target::Server(r.random_range(0..servers))
            };
            let f = match r.random_range(0..6) {
                0 => Fault::Crash(target),
                1 => Fault::Restart(None),
                2 => Fault::Partition(vec![target, Target::Server(r.random_range(0..servers))]),
                3 => Fault::Heal,
                _ => Fault::Request(r.random_range(0..3)),
            };
            (at, f)
        })
        .collect::<Vec<_>>();
    let mut faults = faults;
    faults.sort_by_key(|f| f.0);
    Config {
        servers,
        heartbeat: r.random_range(20..=lo),
        elect: (lo, lo + r.random_range(0..=300)),
        latency: (lat_lo, lat_lo + r.random_range(0..=60)),
        horizon: 3000,
        seed,
        faults,
    }
}

#[test]
fn raft_is_safe_on_3000_seeded_fault_schedules() {
    let mut elections = 0;
    let mut commits = 0;
    for seed in 0..3000 {
        let cfg = schedule(seed);
        let run = raft::run(&cfg);
        assert_eq!(raft::check(&run), Ok(()), "seed {seed}: {cfg:?}");
        let last = run.snaps.last().unwrap();
        elections += last.servers.iter().map(|s| s.term).max().unwrap_or(0);
        commits += last.servers.iter().map(|s| s.commit).max().unwrap_or(0);
    }
    // The schedules are not vacuous: there are elections and commits.
    assert!(elections > 3000 && commits > 1000, "{elections} {commits}");
}

#[test]
fn the_checker_catches_two_leaders_in_a_term_and_a_changed_committed_entry() {
    let run = raft::run(&schedule(7));
    let mut bad = run.clone();
    let snap = bad.snaps.last_mut().unwrap();
    let term = snap.servers[0].term;
    for s in &mut snap.servers[..2] {
        s.role = Role::Leader;
        s.term = term;
    }
    assert!(raft::check(&bad).unwrap_err().contains("two leaders"));

    let mut bad = (0..)
        .map(|seed| raft::run(&schedule(seed)))
        .find(|r| r.snaps.last().unwrap().servers.iter().any(|s| s.commit > 0))
        .unwrap();
    let snap = bad.snaps.last_mut().unwrap();
    let i = snap
        .servers
        .iter()
        .position(|s| s.commit > 0)
        .expect("something committed");
    let mut log = (*snap.servers[i].log).clone();
    log[0] = Entry {
        term: log[0].term + 100,
        session: 9,
    };
    snap.servers[i].log = Arc::new(log);
    assert!(raft::check(&bad).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn same_schedule_same_run(seed in any::<u64>()) {
        let cfg = schedule(seed);
        prop_assert_eq!(raft::run(&cfg), raft::run(&cfg));
    }

    #[test]
    fn the_cluster_survives_a_minority_of_crashes(seed in 0u64..5000, n in 3usize..=7) {
        // Crash ⌊(n−1)/2⌋ servers at the start: the rest still elect and commit.
        let f = (n - 1) / 2;
        let mut faults: Vec<(u64, Fault)> = (0..f).map(|i| (0, Fault::Crash(Target::Server(i)))).collect();
        faults.push((1500, Fault::Request(0)));
        let cfg = Config { servers: n, heartbeat: 50, elect: (150, 300), latency: (5, 20), horizon: 2500, seed, faults };
        let run = raft::run(&cfg);
        let last = run.snaps.last().unwrap();
        prop_assert!(last.servers.iter().any(|s| s.alive && s.commit == 1), "seed {}", seed);
        prop_assert_eq!(raft::check(&run), Ok(()));
    }
}

#[test]
#[allow(
    clippy::disallowed_methods,
    reason = "the test times the native build against a budget"
)]
fn the_largest_scenarios_are_valid_and_build_within_budget() {
    for (mode, s) in largest() {
        assert!(
            ConsensusLab::validate(&s).is_empty(),
            "{mode:?}: {:?}",
            ConsensusLab::validate(&s)
        );
        let t = std::time::Instant::now();
        let trace = ConsensusLab::run(&s).unwrap();
        let ms = t.elapsed().as_secs_f64() * 1e3;
        println!("largest {mode:?}: {} steps in {ms:.1} ms", trace.len());
        let least = if mode == Mode::TwoPhase { 30 } else { 100 };
        assert!(trace.len() > least, "{mode:?}: {} steps", trace.len());
        assert!(ms < 2000.0, "{mode:?}: {ms} ms (debug build)");
    }
}
