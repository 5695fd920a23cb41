//! The catalogue's worked examples and check values (M4.1–M4.9) as golden tests.
#![cfg(not(target_arch = "wasm32"))]

use sdp_kit::lab::Contract;
use sdp_kit::query;
use sdp_lab_rate_limiter::algo::SlidingCounter;
use sdp_lab_rate_limiter::algo::{Config, Lane, Limiter, Outcome};
use sdp_lab_rate_limiter::headers::response;
use sdp_lab_rate_limiter::rate::Rate;
use sdp_lab_rate_limiter::{DEFAULT_EPOCH, RateLimiterLab, State};

fn config(limit: u32, window_s: u64, capacity: u32, rate: Rate) -> Config {
    Config {
        limit,
        window_ms: window_s * 1000,
        capacity,
        rate,
    }
}

fn admitted(lane: Lane, c: &Config, times: &[u64]) -> Vec<bool> {
    let mut l = lane.limiter(c);
    times
        .iter()
        .map(|&t| l.decide(t).outcome.admitted())
        .collect()
}

#[test]
fn token_bucket_check_values() {
    // M4.1 CV: capacity 100, 10/s, start full.
    let c = config(100, 60, 100, Rate::new(10, 1));
    for lane in [Lane::Token, Lane::TokenExact] {
        let mut b = lane.limiter(&c);
        for _ in 0..100 {
            assert_eq!(b.decide(0).outcome, Outcome::Allowed);
        }
        let d = b.decide(50);
        assert_eq!(
            d.outcome,
            Outcome::Rejected,
            "{lane:?}: 0.5 tokens at 0.05 s"
        );
        assert!((d.level - 0.5).abs() < 1e-9);
        let d = b.decide(100);
        assert_eq!(d.outcome, Outcome::Allowed, "{lane:?}: 1.0 at 0.10 s");
        assert!(d.level.abs() < 1e-9);
        let d = b.decide(1000);
        assert_eq!(d.outcome, Outcome::Allowed);
        assert!(
            (d.level - 8.0).abs() < 1e-9,
            "{lane:?}: 9 → 8 at 1 s, got {}",
            d.level
        );
        let d = b.decide(20_000);
        assert_eq!(d.outcome, Outcome::Allowed);
        assert!(
            (d.level - 99.0).abs() < 1e-9,
            "{lane:?}: min(100, 8 + 190) − 1"
        );
    }
}

#[test]
fn the_leaky_bucket_as_written_admits_5_and_corrected_25() {
    // M4.2 CV: capacity 5, leak 10/s, a request every 50 ms from 50 to 2000 ms.
    let c = config(100, 60, 5, Rate::new(10, 1));
    let times: Vec<u64> = (1..=40).map(|i| i * 50).collect();
    let count = |lane| admitted(lane, &c, &times).iter().filter(|&&a| a).count();
    assert_eq!(count(Lane::LeakyDoc), 5);
    assert_eq!(count(Lane::Leaky), 25);
    // The other layout (0, 50, …, 1950) gives 24 corrected, 5 as written.
    let times: Vec<u64> = (0..40).map(|i| i * 50).collect();
    let count = |lane| admitted(lane, &c, &times).iter().filter(|&&a| a).count();
    assert_eq!((count(Lane::LeakyDoc), count(Lane::Leaky)), (5, 24));
}

#[test]
fn the_boundary_burst_admits_200_in_a_minute_with_aligned_windows() {
    // F4 §22: 100 at 0:59 and 100 at 1:00, limit 100/min.
    let c = config(100, 60, 100, Rate::new(100, 60));
    let mut times = vec![59_000; 100];
    times.extend(vec![60_000; 100]);
    let count = |lane| admitted(lane, &c, &times).iter().filter(|&&a| a).count();
    assert_eq!(count(Lane::Fixed), 200);
    assert_eq!(count(Lane::FixedRedis), 200);
    // F4's local form starts its window at t = 0, so 1:00 is exactly at expiry: also 200.
    assert_eq!(count(Lane::FixedLocal), 200);
    assert_eq!(count(Lane::Log), 100);
    assert_eq!(count(Lane::Zset), 100);
    assert_eq!(count(Lane::Sliding), 100);
    // Same-instant requests collapse into one member: the limit is never reached.
    assert_eq!(count(Lane::ZsetDoc), 200);
}

#[test]
fn the_redis_counter_rejects_the_101st_and_opens_window_1_at_60_s() {
    // M4.4 CV: limit 100, window 60.
    let c = config(100, 60, 100, Rate::new(1, 1));
    let mut r = Lane::FixedRedis.limiter(&c);
    for i in 0..100 {
        assert!(r.decide(i * 500).outcome.admitted());
    }
    assert_eq!(r.decide(59_900).outcome, Outcome::Rejected);
    for _ in 0..100 {
        assert!(r.decide(60_000).outcome.admitted());
    }
    assert_eq!(r.decide(60_000).outcome, Outcome::Rejected);
}

#[test]
fn the_weighted_counter_check_values() {
    // M4.6 CV: limit 100, window 60 s, prev = 80: cur 30 at 15 s → 90; cur 50 at 45 s → 70.
    let mut c = SlidingCounter::with_counts(100, 60_000, 1, 80, 30);
    let d = c.decide(75_000);
    match d.detail {
        sdp_lab_rate_limiter::algo::Detail::Sliding { estimate, .. } => {
            assert!((estimate - 90.0).abs() < 1e-9)
        }
        other => panic!("{other:?}"),
    }
    assert!(d.outcome.admitted());
    let mut c = SlidingCounter::with_counts(100, 60_000, 1, 80, 50);
    match c.decide(105_000).detail {
        sdp_lab_rate_limiter::algo::Detail::Sliding { estimate, .. } => {
            assert!((estimate - 70.0).abs() < 1e-9)
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_printed_lua_script_fails_while_under_the_limit() {
    let c = config(3, 60, 100, Rate::new(1, 1));
    let mut l = Lane::ZsetLua.limiter(&c);
    let outcomes: Vec<Outcome> = [0, 10, 20, 30, 40]
        .iter()
        .map(|&t| l.decide(t).outcome)
        .collect();
    assert_eq!(
        outcomes,
        [
            Outcome::Error,
            Outcome::Error,
            Outcome::Error,
            Outcome::Rejected,
            Outcome::Rejected
        ],
        "ZADD ran before EXPIRE failed, so the set still fills"
    );
}

#[test]
fn the_cutoff_decides_the_request_one_window_old() {
    let c = config(1, 60, 100, Rate::new(1, 1));
    assert_eq!(
        admitted(Lane::Log, &c, &[0, 60_000]),
        [true, false],
        "kept at the cutoff"
    );
    assert_eq!(admitted(Lane::LogInclusive, &c, &[0, 60_000]), [true, true]);
    assert_eq!(admitted(Lane::Zset, &c, &[0, 60_000]), [true, true]);
}

#[test]
fn the_headers_example_remaining_47_reset_1704067205() {
    let url = "mode=compare&traffic=headers-example&capacity=100&rate=10&lanes=token&narrate=token";
    let (s, errors) = RateLimiterLab::from_query(&query::parse(url));
    assert!(errors.is_empty(), "{errors:?}");
    let trace = RateLimiterLab::run(&s).unwrap();
    let State::Compare(last) = &trace.steps.last().unwrap().state else {
        panic!()
    };
    let w = &last.world;
    let d = &w.narrated().decisions[52];
    let r = response(d, Lane::Token, &w.config, w.epoch, 0);
    assert_eq!(w.epoch, DEFAULT_EPOCH);
    assert_eq!(
        (r.limit, r.remaining, r.reset, r.status),
        (100, 47, 1_704_067_205, 200)
    );
    assert_eq!(r.retry_after, None);
}

#[test]
fn three_independent_datacenters_admit_300_a_minute() {
    // M4.9 CV: limit 100/min, 3 DCs with independent local limiters → up to 300/min.
    let (s, errors) = RateLimiterLab::from_query(&query::parse(
        "mode=datacenters&dcs=3&limit=100&count=600&span=60",
    ));
    assert!(errors.is_empty());
    let trace = RateLimiterLab::run(&s).unwrap();
    let State::Datacenters(d) = &trace.steps[0].state else {
        panic!()
    };
    let count = |k: usize| d.world.run.admitted[k].iter().filter(|&&a| a).count();
    assert_eq!(count(0), 300, "local");
    assert_eq!(count(2), 100, "global");
    assert!((100..300).contains(&count(1)), "synced: {}", count(1));
}

#[test]
fn dimensions_in_order_spend_the_earlier_limits_on_rejected_requests() {
    let (s, errors) = RateLimiterLab::from_query(&query::parse("mode=tiers"));
    assert!(errors.is_empty());
    let trace = RateLimiterLab::run(&s).unwrap();
    let State::Tiers(t) = &trace.steps[0].state else {
        panic!()
    };
    let w = &t.world;
    let of = |user: &str| -> Vec<usize> {
        (0..w.requests.len())
            .filter(|&i| w.sends[w.requests[i].send].user == user)
            .collect()
    };
    let count = |who: &[usize], k: usize| who.iter().filter(|&&i| w.runs[k][i].allowed).count();
    let (alice, carol) = (of("alice"), of("carol"));
    assert_eq!((count(&carol, 0), count(&carol, 1)), (100, 100));
    // Alice's 60 through the full office IP are refused either way; in order they still count
    // against her free tier (100 an hour), so from home only 40 of 100 pass; checked first, 100.
    assert!(
        alice[..60]
            .iter()
            .all(|&i| !w.runs[0][i].allowed && !w.runs[1][i].allowed)
    );
    assert_eq!(
        w.runs[0][alice[59]].counts[0], 60,
        "the tier counted 60 refused requests"
    );
    assert_eq!(
        w.runs[1][alice[59]].counts[0], 0,
        "checked first: nothing counted"
    );
    assert_eq!((count(&alice, 0), count(&alice, 1)), (40, 100));
    assert_eq!(
        w.runs[0][alice[100]].failed,
        Some(sdp_lab_rate_limiter::tiers::Dim::Tier)
    );
}
