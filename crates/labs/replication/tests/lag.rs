//! `lag` (M9.16): the default scenario as a golden vector (the 5 s alert, the read-your-writes
//! violation, the lossy async failover), F4's 100 ms end below capacity; the invariant that
//! sync and semi-sync never lose an acknowledged write on failover, on any seeded schedule;
//! and, against a millisecond-by-millisecond model of the queues, that async loses exactly
//! the unreplicated tail.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use sdp_kit::lab::Contract;
use sdp_lab_replication::lag::{
    self, ALERT_MS, COMMIT_MS, Repl, Setup, distance, failover, jitter, service_ms,
};
use sdp_lab_replication::trace::{LagEvent, setup};
use sdp_lab_replication::{LagParams, ReplicationLab, State};
use std::collections::VecDeque;

fn scenario(
    q: &str,
) -> sdp_kit::lab::Scenario<sdp_lab_replication::Params, sdp_lab_replication::Action> {
    let (s, problems) = ReplicationLab::from_query(&sdp_kit::query::parse(q));
    assert!(problems.is_empty(), "{problems:?}");
    s
}

#[test]
fn the_default_async_run_fires_the_alert_breaks_read_your_writes_and_loses_the_tail() {
    let s = scenario("mode=lag");
    assert_eq!(s.params.lag, LagParams::default());
    let t = ReplicationLab::run(&s).unwrap();
    let State::Lag(last) = &t.steps.last().unwrap().state else {
        panic!("a lag state")
    };
    let w = &*last.world;
    let (at, _) = w.alert.expect("the alert fires");
    assert!((12_000..13_000).contains(&at), "alert at {at}");
    assert!(lag::lag(&w.writes, 0, at) > ALERT_MS || lag::lag(&w.writes, 1, at) > ALERT_MS);
    let r = w.ryw.as_ref().unwrap();
    assert!(r.violated, "{r:?}");
    assert_eq!(r.follower, 1, "the farthest follower");
    let f = w.failover.as_ref().unwrap();
    assert_eq!((f.committed, f.kept), (300, 180));
    assert_eq!(f.lost_acked, 120, "async acknowledged every lost write");
    // Per mode: async acks on commit, sync waits for the slowest, semi in between.
    let by = |m: Repl| w.table.iter().find(|r| r.repl == m).unwrap().clone();
    assert_eq!(by(Repl::Async).median, COMMIT_MS);
    assert!(by(Repl::Semi).median <= by(Repl::Sync).median);
    assert!(by(Repl::Semi).median > 1_000, "the lag moved into the wait");
    assert_eq!(by(Repl::Sync).stale_read, Some(false));
    assert_eq!(
        by(Repl::Semi).stale_read,
        Some(true),
        "semi: the farthest follower may lack it"
    );
    assert_eq!(by(Repl::Sync).failover.unwrap().lost_acked, 0);
    assert_eq!(by(Repl::Semi).failover.unwrap().lost_acked, 0);
    let events: Vec<LagEvent> = t
        .steps
        .iter()
        .map(|s| match &s.state {
            State::Lag(l) => l.event,
            _ => panic!(),
        })
        .collect();
    for e in [
        LagEvent::RywWrite,
        LagEvent::RywRead,
        LagEvent::Alert,
        LagEvent::Failover,
        LagEvent::Summary,
    ] {
        assert_eq!(events.iter().filter(|&&x| x == e).count(), 1, "{e:?}");
    }
    assert!(
        t.steps
            .iter()
            .any(|s| s.narration.contains("Read-your-writes violated"))
    );
}

#[test]
fn below_capacity_the_lag_stays_near_f4s_100_ms_end_and_no_alert_fires() {
    let s = scenario("mode=lag&load=10&capacity=40&net=40&crash=0");
    let t = ReplicationLab::run(&s).unwrap();
    let State::Lag(last) = &t.steps.last().unwrap().state else {
        panic!()
    };
    let w = &*last.world;
    assert_eq!(w.alert, None);
    let top = w
        .table
        .iter()
        .find(|r| r.repl == Repl::Async)
        .unwrap()
        .max_lag;
    assert!((50..=300).contains(&top), "largest lag {top} ms");
    // Without a failover the followers catch up by the end.
    assert!(
        last.have.iter().all(|&h| h == last.committed),
        "{:?}",
        last.have
    );
}

/// The brute-force model: milliseconds one by one; each follower takes its oldest write once it
/// has arrived and it is free, and needs the replay time; the leader stops at the crash.
#[allow(
    clippy::needless_range_loop,
    reason = "the model indexes its per-follower queues"
)]
fn tick_model(s: &Setup, crash: u32) -> (Vec<usize>, usize) {
    let end = s.seconds * 1_000;
    let svc = service_ms(s.capacity);
    let mut issues = Vec::new();
    let mut i = 0u64;
    loop {
        let issue = (i * 1_000 / u64::from(s.load)) as u32;
        if issue >= end || issue + COMMIT_MS > crash.min(end) {
            break;
        }
        issues.push(issue);
        i += 1;
    }
    let n = s.followers;
    let mut queue: Vec<VecDeque<(u32, usize)>> = vec![VecDeque::new(); n];
    let mut busy: Vec<Option<(u32, usize)>> = vec![None; n];
    let mut log: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut committed = 0;
    for t in 0..=crash {
        while committed < issues.len() && issues[committed] + COMMIT_MS == t {
            for k in 0..n {
                let d = distance(s.net, k);
                queue[k].push_back((t + d + jitter(s.seed, committed, k, d), committed));
            }
            committed += 1;
        }
        for k in 0..n {
            if let Some((finish, idx)) = busy[k] {
                if finish == t {
                    log[k].push(idx);
                    busy[k] = None;
                }
            }
            if busy[k].is_none() {
                if let Some(&(arrive, idx)) = queue[k].front() {
                    if arrive <= t {
                        queue[k].pop_front();
                        if t + svc <= crash {
                            busy[k] = Some((t + svc, idx));
                        } else {
                            busy[k] = Some((u32::MAX, idx));
                        }
                    }
                }
            }
        }
    }
    let best = (0..n).fold(0, |b, k| if log[k].len() > log[b].len() { k } else { b });
    let lost = (0..committed).filter(|i| !log[best].contains(i)).collect();
    (lost, committed)
}

fn random_setup(rng: &mut sdp_kit::rng::LabRng, repl: Repl) -> (Setup, u32) {
    use rand::RngExt;
    let seconds = rng.random_range(1..=6);
    let crash = rng.random_range(1..=seconds * 1_000 + 500);
    let s = Setup {
        repl,
        followers: rng.random_range(1..=4),
        load: rng.random_range(1..=100),
        capacity: rng.random_range(1..=100),
        net: rng.random_range(1..=500),
        seconds,
        crash: Some(crash),
        ryw: None,
        seed: rng.random(),
    };
    (s, crash)
}

#[test]
fn async_loses_exactly_the_unreplicated_tail_of_a_millisecond_model() {
    let mut rng = sdp_kit::rng::seeded(16);
    for case in 0..300 {
        let (s, crash) = random_setup(&mut rng, Repl::Async);
        let ws = lag::writes(&s);
        let f = failover(&ws, s.followers, crash);
        let (lost, committed) = tick_model(&s, crash);
        assert_eq!(f.committed, committed, "case {case}: {s:?}");
        let tail: Vec<usize> = (f.kept..f.committed).collect();
        assert_eq!(lost, tail, "case {case}: {s:?}");
        assert_eq!(f.lost_acked, lost.len(), "async acks every committed write");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn sync_and_semi_sync_never_lose_an_acknowledged_write(
        followers in 1usize..=4, load in 1u32..=100, capacity in 1u32..=100, net in 1u32..=500,
        seconds in 1u32..=8, crash_frac in 0.0f64..1.2, seed: u64, semi: bool,
    ) {
        let crash = 1 + (f64::from(seconds * 1_000) * crash_frac) as u32;
        let s = Setup {
            repl: if semi { Repl::Semi } else { Repl::Sync },
            followers, load, capacity, net, seconds, crash: Some(crash), ryw: None, seed,
        };
        let ws = lag::writes(&s);
        let f = failover(&ws, followers, crash);
        prop_assert_eq!(f.lost_acked, 0);
        for (i, w) in ws.iter().enumerate() {
            if w.ack <= crash {
                prop_assert!(i < f.kept, "acknowledged write {} lost ({:?})", i, f);
            }
        }
    }

    #[test]
    fn sync_reads_its_writes_on_every_follower(
        followers in 1usize..=4, load in 1u32..=100, capacity in 1u32..=100, net in 1u32..=500,
        ryw in 1u32..=5, seed: u64,
    ) {
        let p = LagParams { repl: Repl::Sync, followers: followers as u32, load, capacity, net, seconds: 6, crash: 0, ryw };
        let s = setup(&p, seed);
        let ws = lag::writes(&s);
        if let Some(r) = lag::ryw(&ws, &s) {
            prop_assert!(!r.violated, "{:?}", r);
        }
    }
}

#[test]
fn every_largest_scenario_is_valid_and_builds() {
    for (mode, s) in sdp_lab_replication::largest() {
        assert_eq!(ReplicationLab::validate(&s), vec![], "{mode:?}");
        assert!(ReplicationLab::run(&s).unwrap().len() > 2, "{mode:?}");
    }
}

#[test]
fn bad_lag_input_names_the_field() {
    let (_, problems) =
        ReplicationLab::from_query(&sdp_kit::query::parse("mode=lag&ryw=20&seconds=10"));
    assert!(problems.iter().any(|p| p.field == "ryw"), "{problems:?}");
    let (_, problems) = ReplicationLab::from_query(&sdp_kit::query::parse("mode=lag&followers=9"));
    assert!(
        problems
            .iter()
            .any(|p| p.field == "followers" && p.message.contains("1 and 4")),
        "{problems:?}"
    );
    let (_, problems) = ReplicationLab::from_query(&sdp_kit::query::parse("mode=lag&a=inc:1"));
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("mode=lag takes no actions")),
        "{problems:?}"
    );
}
