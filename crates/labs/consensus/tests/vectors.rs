//! Catalogue worked examples as golden vectors: M9.6's φ tables (normal and exponential), M9.5's
//! F0 (suspect at 3 s, dead at 10 s) and F4 (dead at the 30 s check) timings, M10.6's apply
//! rules, and the Raft opening scenario's story (the old leader steps down, its entry is
//! overwritten, nextIndex backs off).
#![cfg(not(target_arch = "wasm32"))]

use sdp_kit::lab::{Contract, Scenario};
use sdp_kit::query::parse;
use sdp_lab_consensus::detect::{self, Kind, Verdict, phi_exp, phi_normal};
use sdp_lab_consensus::raft::{self, Entry, Event, Fault, Role};
use sdp_lab_consensus::{ConsensusLab, DetParams, State};

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn phi_normal_matches_the_catalogue_table() {
    for (t, want) in [
        (1000.0, 0.301),
        (1200.0, 1.643),
        (1500.0, 6.543),
        (2000.0, 23.12),
    ] {
        let got = phi_normal(t, 1000.0, 100.0);
        assert!(
            close(got, want, 0.0015 * want.max(1.0)),
            "t={t}: {got} vs {want}"
        );
    }
}

#[test]
fn phi_exponential_matches_the_catalogue_table_and_crosses_8_near_18_4_s() {
    for (t, want) in [
        (1000.0, 0.434),
        (5000.0, 2.171),
        (10_000.0, 4.343),
        (20_000.0, 8.686),
    ] {
        assert!(close(phi_exp(t, 1000.0), want, 0.001), "t={t}");
    }
    let cross = (0..40_000)
        .find(|&t| phi_exp(f64::from(t), 1000.0) >= 8.0)
        .unwrap();
    assert!((18_400..18_500).contains(&cross), "{cross}");
}

fn verdicts(cfg: &detect::Config) -> Vec<(u64, Verdict)> {
    detect::run(cfg)
        .events
        .iter()
        .filter_map(|e| match e.kind {
            Kind::Verdict(v) => Some((e.t, v)),
            _ => None,
        })
        .collect()
}

#[test]
fn f0_last_heartbeat_then_suspect_after_3_s_and_dead_after_10_s() {
    let cfg = DetParams::f0().config(42);
    assert_eq!(
        verdicts(&cfg),
        vec![(23_000, Verdict::Suspect), (30_000, Verdict::Dead)]
    );
    let t = detect::tally(&cfg, &detect::run(&cfg).events);
    assert_eq!((t.false_suspect, t.false_phi), (0, 0));
    assert_eq!(t.dead_after, Some(9_500));
}

#[test]
fn f4_last_heartbeat_at_0_is_dead_at_the_30_s_check() {
    let cfg = DetParams::f4().config(42);
    let run = detect::run(&cfg);
    let checks: Vec<u64> = run
        .events
        .iter()
        .filter_map(|e| matches!(e.kind, Kind::Check(_)).then_some(e.t))
        .take(3)
        .collect();
    assert_eq!(checks, vec![10_000, 20_000, 30_000]);
    assert_eq!(verdicts(&cfg), vec![(30_000, Verdict::Dead)]);
}

#[test]
fn the_jittery_preset_shows_false_suspicions() {
    let cfg = DetParams::jittery().config(42);
    let t = detect::tally(&cfg, &detect::run(&cfg).events);
    assert!(t.false_suspect + t.false_phi > 0, "{t:?}");
}

#[test]
fn the_raft_lock_service_applies_the_three_rules() {
    let e = |session| Entry { term: 1, session };
    let (held, answers) = raft::apply(&[e(0), e(1), e(0), e(2)]);
    assert_eq!(held, Some((0, 1)));
    assert_eq!(answers, vec![Ok(1), Err(0), Ok(1), Err(0)]);
    assert_eq!(raft::apply(&[]).0, None);
}

fn default_raft() -> (
    Scenario<sdp_lab_consensus::Params, sdp_lab_consensus::Action>,
    raft::Run,
) {
    let s = ConsensusLab::mode_scenario(0);
    let run = raft::run(&sdp_lab_consensus::trace::config(&s));
    (s, run)
}

#[test]
fn the_raft_opening_elects_a_leader_and_replicates_with_a_majority() {
    let (_, run) = default_raft();
    assert_eq!(raft::check(&run), Ok(()));
    let events: Vec<&Event> = run.snaps.iter().flat_map(|s| &s.events).collect();
    assert!(events.iter().any(|e| matches!(e, Event::Elected(_, 1))));
    assert!(
        events.iter().any(|e| matches!(e, Event::SteppedDown(..))),
        "the old leader steps down"
    );
    assert!(
        events.iter().any(|e| matches!(e, Event::Truncated(..))),
        "its uncommitted entry is overwritten"
    );
    assert!(
        events.iter().any(|e| matches!(e, Event::BackOff(..))),
        "nextIndex backs off"
    );
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::Fault(Fault::Crash(_), Some(_))))
    );
    let last = run.snaps.last().unwrap();
    assert!(
        last.servers
            .iter()
            .filter(|s| s.role == Role::Leader && s.alive)
            .count()
            >= 1
    );
}

#[test]
fn a_minority_partition_cannot_commit() {
    // Leader cut off alone, then a request reaches it: the entry never commits there.
    let (s, problems) = ConsensusLab::from_query(&parse(
        "mode=raft&a=req:a@1000&a=part:L@1500&a=req:b@1502&horizon=2400",
    ));
    assert!(problems.is_empty(), "{problems:?}");
    let run = raft::run(&sdp_lab_consensus::trace::config(&s));
    let cut = run
        .snaps
        .last()
        .unwrap()
        .servers
        .iter()
        .position(|x| x.group == 1)
        .unwrap();
    let srv = &run.snaps.last().unwrap().servers[cut];
    assert_eq!(srv.log.len(), 2);
    assert_eq!(
        srv.commit, 1,
        "only the entry from before the partition is committed"
    );
}

#[test]
fn the_trace_opens_on_the_timers_and_ends_on_the_safety_verdict() {
    let t = ConsensusLab::run(&ConsensusLab::mode_scenario(0)).unwrap();
    assert!(
        t.steps[0]
            .narration
            .contains("Election timers drawn from 300–600 ms")
    );
    let last = t.steps.last().unwrap();
    assert!(last.narration.contains("Safety held"), "{}", last.narration);
    assert!(matches!(&last.state, State::Raft(r) if r.summary));
    let d = ConsensusLab::run(&ConsensusLab::mode_scenario(1)).unwrap();
    assert!(
        d.steps[0].narration.contains("φ(1.2 s) = 1.643"),
        "{}",
        d.steps[0].narration
    );
    assert!(
        d.steps
            .iter()
            .any(|s| s.narration.contains("t = 23 s: 3 heartbeats missed"))
    );
    assert!(
        d.steps
            .iter()
            .any(|s| s.narration.contains("t = 30 s: 10 s without a heartbeat"))
    );
}
