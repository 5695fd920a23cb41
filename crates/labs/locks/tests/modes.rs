//! The new modes' catalogue examples (M10.3, M10.4, M10.7, M10.10) as golden tests, and their
//! invariants on seeded schedules: no two valid Redlocks at once while clocks behave (and the
//! clock-jump schedule that breaks it), and no job claimed twice by a conditional claim over
//! every interleaving of small races (brute force) and thousands of seeded larger ones.
#![cfg(not(target_arch = "wasm32"))]

use rand::RngExt;
use sdp_kit::lab::{Contract, Lab};
use sdp_lab_locks::claims::{self, Method, Setup as ClaimSetup};
use sdp_lab_locks::redlock::{self, Fault, Kind, Setup};
use sdp_lab_locks::renewal::{self, Kind as RKind};
use sdp_lab_locks::{LocksLab, State};

fn trace(query: &str) -> sdp_kit::lab::Trace<State> {
    let (s, problems) = LocksLab::from_query(&sdp_kit::query::parse(query));
    assert!(problems.is_empty(), "{problems:?}");
    LocksLab::run(&s).unwrap()
}

fn narrations(query: &str) -> Vec<String> {
    trace(query)
        .steps
        .into_iter()
        .map(|s| s.narration)
        .collect()
}

fn five(faults: Vec<Fault>, starts: Vec<u64>, work: u64) -> Setup {
    Setup {
        masters: 5,
        quorum: 3,
        ttl: 30_000,
        latency: 10,
        starts,
        work,
        retries: 8,
        faults,
    }
}

fn run(s: &Setup, seed: u64) -> redlock::Run {
    redlock::run(s, &mut sdp_kit::rng::seeded(seed), 5_000)
}

#[test]
fn m10_3_validity_is_ttl_minus_elapsed_minus_drift() {
    assert_eq!(redlock::drift(30_000), 302);
    assert_eq!(redlock::drift(10_000), 102);
    assert_eq!(redlock::validity(30_000, 50), 29_648);
    let r = run(&five(vec![], vec![0], 1_000), 1);
    let won: Vec<_> = r
        .events
        .iter()
        .filter_map(|e| match e.kind {
            Kind::Won(ok, el, v) => Some((ok, el, v)),
            _ => None,
        })
        .collect();
    assert_eq!(won, vec![(5, 50, 29_648)], "five SETs of 10 ms: elapsed 50");
    assert_eq!(r.holds[0].valid_until, 50 + 29_648);
}

#[test]
fn m10_3_two_masters_down_still_wins_three_down_fails() {
    let down = |ms: &[usize]| ms.iter().map(|&m| Fault::Crash(m, 0, 100_000)).collect();
    let two = run(&five(down(&[3, 4]), vec![0], 1_000), 1);
    assert!(matches!(
        two.events
            .iter()
            .find(|e| matches!(e.kind, Kind::Won(..) | Kind::Lost(..)))
            .map(|e| e.kind),
        Some(Kind::Won(3, 50, 29_648))
    ));
    let three = run(&five(down(&[2, 3, 4]), vec![0], 1_000), 1);
    assert!(matches!(
        three
            .events
            .iter()
            .find(|e| matches!(e.kind, Kind::Won(..) | Kind::Lost(..)))
            .map(|e| e.kind),
        Some(Kind::Lost(2, 50, _))
    ));
    assert!(three.holds.is_empty());
}

#[test]
fn m10_3_three_clients_at_once_split_the_vote() {
    let r = run(&five(vec![], vec![0, 0, 0], 1_000), 3);
    let first: Vec<_> = r
        .events
        .iter()
        .filter_map(|e| match e.kind {
            Kind::Lost(ok, ..) => Some(ok),
            _ => None,
        })
        .take(3)
        .collect();
    assert_eq!(
        first,
        vec![1, 2, 2],
        "neither reaches quorum on the first round"
    );
    assert!(r.overlaps().is_empty());
}

#[test]
fn m10_3_the_default_scenario_shows_the_paused_write_after_b_acquired() {
    let n = narrations("mode=redlock&a=pause:A@1000:56000");
    assert!(
        n[7].contains("validity 30,000 − 50 − 302 = 29,648 ms"),
        "{}",
        n[7]
    );
    assert!(n.iter().any(|s| s.contains(
        "A writes, but its validity ran out long ago, and another client holds the Redlock now"
    )));
    let last = n.last().unwrap();
    assert!(
        last.contains("no two were valid at the same time"),
        "{last}"
    );
    assert_eq!(LocksLab::default_actions(3).len(), 1);
}

#[test]
fn m10_3_the_clock_jump_breaks_it_and_the_same_schedule_without_it_does_not() {
    let base = vec![Fault::Crash(3, 0, 20_000), Fault::Crash(4, 0, 20_000)];
    let safe = run(&five(base.clone(), vec![0, 1_000], 29_000), 42);
    assert!(safe.overlaps().is_empty(), "{:?}", safe.holds);
    let mut jump = base;
    jump.push(Fault::Jump(2, 5_000, 30_000));
    let broken = run(&five(jump, vec![0, 1_000], 29_000), 42);
    let over = broken.overlaps();
    assert_eq!(over.len(), 1, "{:?}", broken.holds);
    assert_eq!((over[0].0.client, over[0].1.client), (0, 1));
    let n = narrations(
        "mode=redlock&work=29000&a=crash:M4@0:20000&a=crash:M5@0:20000&a=jump:M3@5000:30000",
    );
    assert!(
        n.last()
            .unwrap()
            .starts_with("Two valid Redlocks at once: A")
    );
}

#[test]
fn redlock_no_two_valid_at_once_while_clocks_behave() {
    // Seeded schedules: 1–4 clients, pauses, network delays, crashes that restart only after a
    // TTL (so no master forgets a live key), no clock jumps, quorum a majority.
    let mut rng = sdp_kit::rng::seeded(7);
    let mut taken = 0;
    for seed in 0..3_000u64 {
        let masters = rng.random_range(3..=7usize);
        let clients = rng.random_range(1..=4usize);
        let ttl = rng.random_range(500..=30_000u64);
        let mut faults = Vec::new();
        for _ in 0..rng.random_range(0..6) {
            let at = rng.random_range(0..40_000);
            faults.push(match rng.random_range(0..3) {
                0 => Fault::Pause(
                    rng.random_range(0..clients),
                    at,
                    rng.random_range(1..60_000),
                ),
                1 => Fault::Delay(rng.random_range(0..masters), at, rng.random_range(1..3_000)),
                _ => Fault::Crash(
                    rng.random_range(0..masters),
                    at,
                    ttl + rng.random_range(1..20_000),
                ),
            });
        }
        let s = Setup {
            masters,
            quorum: masters / 2 + 1,
            ttl,
            latency: rng.random_range(0..200),
            starts: (0..clients).map(|_| rng.random_range(0..5_000)).collect(),
            work: rng.random_range(0..40_000),
            retries: rng.random_range(0..10),
            faults,
        };
        let r = run(&s, seed);
        taken += r.holds.len();
        assert!(r.overlaps().is_empty(), "seed {seed}: {s:?} {:?}", r.holds);
    }
    assert!(taken > 3_000, "the schedules take locks ({taken})");
}

#[test]
fn redlock_a_minority_quorum_is_not_safe() {
    // The invariant test above can fail: with quorum 2 of 5, two clients win at once.
    let mut s = five(vec![], vec![0, 0], 20_000);
    s.quorum = 2;
    assert!(!run(&s, 1).overlaps().is_empty());
}

#[test]
fn m10_4_backoff_ranges() {
    for (attempt, lo) in [(0, 200), (1, 400), (2, 800), (3, 1_600)] {
        assert_eq!(redlock::backoff(attempt, 0), lo);
        assert_eq!(redlock::backoff(attempt, 100), lo + 100);
    }
    let e = renewal_events("mode=renewal&policy=backoff");
    let waits: Vec<u64> = e
        .iter()
        .filter_map(|e| match e.kind {
            RKind::Wait(d) => Some(d),
            _ => None,
        })
        .take(3)
        .collect();
    for (k, d) in waits.iter().enumerate() {
        let lo = 200 << k;
        assert!((lo..=lo + 100).contains(d), "attempt {k}: {d}");
    }
}

fn renewal_events(query: &str) -> Vec<renewal::Event> {
    match &trace(query).steps.last().unwrap().state {
        State::Renewal(s) => s.world.events.clone(),
        _ => panic!("not renewal"),
    }
}

#[test]
fn m10_4_fixed_100_ms_three_retries_then_booking_in_progress() {
    let e = renewal_events("mode=renewal");
    let b: Vec<(u64, RKind)> = e
        .iter()
        .filter(|e| e.client == 1)
        .take(8)
        .map(|e| (e.t, e.kind))
        .collect();
    let tries: Vec<u64> = b
        .iter()
        .filter(|(_, k)| matches!(k, RKind::Busy(..)))
        .map(|(t, _)| *t)
        .collect();
    assert_eq!(tries, vec![2_000, 2_100, 2_200, 2_300]);
    assert!(b.iter().any(|(t, k)| *t == 2_300 && *k == RKind::GaveUp));
}

#[test]
fn m10_7_the_watchdog_keeps_the_lease_without_faults() {
    let e = renewal_events("mode=renewal&contenders=2");
    let t = renewal::tally(&e);
    assert_eq!(t.stale, 0);
    assert_eq!(t.failed, 0);
    assert!(t.renewed >= 5, "{t:?}");
    assert!(!e.iter().any(|e| e.kind == RKind::Lapsed));
    let a_release = e
        .iter()
        .find(|e| e.client == 0 && matches!(e.kind, RKind::Release(_)))
        .unwrap()
        .t;
    assert_eq!(a_release, 60_000);
    assert!(
        e.iter()
            .filter(|e| matches!(e.kind, RKind::Acquired(..)) && e.client != 0)
            .all(|e| e.t > a_release)
    );
}

#[test]
fn m10_7_a_pause_lapses_the_lease_and_the_holder_still_writes() {
    let e = renewal_events("mode=renewal&a=pause:A@25:40");
    let lapse = e.iter().find(|e| e.kind == RKind::Lapsed).unwrap();
    assert_eq!(
        (lapse.client, lapse.t),
        (0, 50_001),
        "last extend at 20 s + 30 s, strictly after"
    );
    let b = e
        .iter()
        .find(|e| e.client == 1 && matches!(e.kind, RKind::Acquired(..)))
        .unwrap();
    assert!(matches!(b.kind, RKind::Acquired(_, 43)));
    let stale = e.iter().find(|e| e.kind == RKind::Write(true)).unwrap();
    assert_eq!((stale.client, stale.t), (0, 65_000));
    assert!(stale.t > b.t);
    assert_eq!(
        stale.lock.map(|l| l.0),
        Some(1),
        "B holds the lock while A writes"
    );
}

#[test]
fn m10_7_a_cut_fails_the_renewal_and_the_notice_decides() {
    let stop = renewal::tally(&renewal_events("mode=renewal&a=cut:A@25:40"));
    assert_eq!((stop.failed, stop.stale), (1, 0));
    let ignore = renewal::tally(&renewal_events("mode=renewal&onlost=ignore&a=cut:A@25:40"));
    assert!(ignore.stale >= 2, "{ignore:?}");
}

/// Every interleaving of the race: odometer over the choices.
fn every_interleaving(s: &ClaimSetup, mut check: impl FnMut(&claims::Run)) -> usize {
    let mut script: Vec<usize> = Vec::new();
    let mut count = 0;
    loop {
        let mut widths = Vec::new();
        let mut k = 0;
        let r = claims::run_with(s, &mut |open, _| {
            let c = script.get(k).copied().unwrap_or(0);
            widths.push(open.len());
            k += 1;
            c
        });
        count += 1;
        check(&r);
        script.resize(widths.len(), 0);
        // Advance the last position that has choices left.
        let mut i = widths.len();
        loop {
            if i == 0 {
                return count;
            }
            i -= 1;
            if script[i] + 1 < widths[i] {
                script[i] += 1;
                script.truncate(i + 1);
                break;
            }
        }
    }
}

#[test]
fn m10_10_no_conditional_claim_twice_in_any_interleaving() {
    for method in [Method::Update, Method::Insert] {
        for (workers, jobs, per) in [(2, 1, 1), (3, 1, 1), (3, 2, 1), (2, 2, 2), (3, 2, 2)] {
            let s = ClaimSetup {
                workers,
                jobs,
                per,
                method,
            };
            let n = every_interleaving(&s, |r| {
                assert_eq!(r.doubles(), 0, "{s:?}");
                let claimed: usize = r.told.iter().map(Vec::len).sum();
                assert_eq!(
                    claimed,
                    jobs.min(workers * per as usize),
                    "{s:?}: every job claimed once"
                );
            });
            assert!(n > 2, "{s:?}: {n} interleavings");
        }
    }
}

#[test]
fn m10_10_the_naive_claim_doubles_in_some_interleaving() {
    let s = ClaimSetup {
        workers: 2,
        jobs: 1,
        per: 1,
        method: Method::Naive,
    };
    let mut doubled = 0;
    let n = every_interleaving(&s, |r| doubled += usize::from(r.doubles() > 0));
    assert!(doubled > 0 && doubled < n, "{doubled} of {n}");
}

#[test]
fn m10_10_thousands_of_seeded_races() {
    let mut rng = sdp_kit::rng::seeded(11);
    let mut naive_doubles = 0;
    for _ in 0..3_000 {
        let workers = rng.random_range(1..=8);
        let jobs = rng.random_range(1..=20);
        let per = rng.random_range(1..=5);
        for method in [Method::Update, Method::Insert, Method::Naive] {
            let s = ClaimSetup {
                workers,
                jobs,
                per,
                method,
            };
            let mut r2 = sdp_kit::rng::seeded(rng.random());
            let r = claims::run_with(&s, &mut |open, _| r2.random_range(0..open.len()));
            if method == Method::Naive {
                naive_doubles += r.doubles();
            } else {
                assert_eq!(r.doubles(), 0, "{s:?}");
            }
        }
    }
    assert!(naive_doubles > 100, "{naive_doubles}");
}

#[test]
fn m10_10_the_example_three_attempts_one_row() {
    let n = narrations("mode=claims");
    assert!(n[4].contains("→ 1 row: W1 claims it"));
    assert!(n[5].contains("→ 0 rows: already claimed by W1"));
    assert!(
        narrations("mode=claims&claim=naive")
            .last()
            .unwrap()
            .starts_with("1 job(s) claimed by more than one worker")
    );
    assert!(
        narrations("mode=claims&claim=insert&workers=2")
            .iter()
            .any(|s| s.contains("→ null: W1 booked it first; retry"))
    );
}

#[test]
fn new_actions_name_their_modes_and_ranges() {
    for (q, want) in [
        ("mode=redlock&a=crash:M6@0:100", "M1–M5"),
        ("mode=redlock&a=pause:C@0:100", "A–B"),
        ("mode=fencing&a=jump:M1@0:100", "mode=redlock"),
        ("mode=renewal&a=delay:M1@0:100", "mode=redlock"),
        ("mode=claims&a=cut:A@0:10", "mode=renewal"),
        ("mode=redlock&quorum=6", "quorum"),
    ] {
        let (_, problems) = LocksLab::from_query(&sdp_kit::query::parse(q));
        assert!(
            problems
                .iter()
                .any(|p| p.message.contains(want) || p.field == want),
            "{q}: {problems:?}"
        );
    }
    assert_eq!(
        LocksLab::parse_action("jump:M3@5000:30000").map(|a| LocksLab::action_text(&a)),
        Ok("jump:M3@5000:30000".to_string())
    );
}

#[test]
fn the_timelines_lay_out_the_valid_locks_and_the_stale_writes() {
    let t = trace("mode=redlock&a=pause:A@1000:56000");
    let State::Redlock(s) = &t.steps.last().unwrap().state else {
        panic!("not redlock")
    };
    let l = sdp_lab_locks::layout::redlock_lanes(s);
    assert_eq!(l.valid.len(), 2);
    assert!(
        l.valid
            .iter()
            .all(|b| 0.0 <= b.from && b.from <= b.to && b.to <= 1.0)
    );
    assert_eq!(l.pauses.len(), 1);
    assert_eq!(
        l.marks.iter().filter(|m| m.class == "w rejected").count(),
        1
    );
    assert!((l.now - 1.0).abs() < 1e-9);
    let t = trace("mode=renewal&a=pause:A@25:40");
    let State::Renewal(s) = &t.steps.last().unwrap().state else {
        panic!("not renewal")
    };
    let l = sdp_lab_locks::layout::renewal_lanes(s);
    let lanes: Vec<usize> = l.valid.iter().map(|b| b.client).collect();
    assert_eq!(lanes, vec![0, 1], "A's lease, then B's");
    assert!(
        l.valid[0].to < l.valid[1].from,
        "a gap: nobody holds it between the lapse and B"
    );
    assert_eq!(
        l.marks.iter().filter(|m| m.class == "w rejected").count(),
        1
    );
    assert!(l.marks.iter().any(|m| m.class == "renew failed"));
}
