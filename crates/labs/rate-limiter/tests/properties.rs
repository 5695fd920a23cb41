//! The invariants of issue "rate-limiter lab", as property tests on random arrival traces:
//! token buckets stay within capacity and never admit more than capacity + rate × t; the
//! sliding log never admits more than `limit` in any window; the weighted counter's estimate is
//! its formula; aligned fixed windows admit at most `limit` per window and at most 2 × limit
//! across a boundary; the queue releases requests at most at the leak rate.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use sdp_lab_rate_limiter::algo::{Config, Decision, Detail, Lane, Outcome};
use sdp_lab_rate_limiter::rate::Rate;

fn arrivals() -> impl Strategy<Value = Vec<u64>> {
    prop::collection::vec((0u64..3, 0u64..400), 1..400).prop_map(|gaps| {
        let mut t = 0;
        gaps.into_iter()
            .map(|(same, gap)| {
                if same != 0 {
                    t += gap;
                }
                t
            })
            .collect()
    })
}

fn config() -> impl Strategy<Value = Config> {
    (1u32..20, 1u64..5, 1u32..20, 1u32..50, 1u32..5).prop_map(|(limit, w, capacity, num, den)| {
        Config {
            limit,
            window_ms: w * 500,
            capacity,
            rate: Rate::new(num, den),
        }
    })
}

fn run(lane: Lane, c: &Config, times: &[u64]) -> Vec<Decision> {
    let mut l = lane.limiter(c);
    times.iter().map(|&t| l.decide(t)).collect()
}

fn admitted_times(decisions: &[Decision], times: &[u64]) -> Vec<u64> {
    decisions
        .iter()
        .zip(times)
        .filter(|(d, _)| d.outcome.admitted())
        .map(|(_, &t)| t)
        .collect()
}

proptest! {
    #[test]
    fn token_buckets_stay_within_capacity_and_the_rate(c in config(), times in arrivals()) {
        for lane in [Lane::Token, Lane::TokenExact] {
            let d = run(lane, &c, &times);
            prop_assert!(d.iter().all(|d| d.level <= f64::from(c.capacity) + 1e-9 && d.level >= -1e-9));
            let a = admitted_times(&d, &times);
            for i in 0..a.len() {
                for j in i..a.len() {
                    let bound = f64::from(c.capacity) + c.rate.per_second() * (a[j] - a[i]) as f64 / 1000.0;
                    prop_assert!(((j - i + 1) as f64) <= bound + 1e-6, "{lane:?}: {} admitted in [{}, {}]", j - i + 1, a[i], a[j]);
                }
            }
        }
    }

    #[test]
    fn the_sliding_log_never_admits_more_than_the_limit_in_a_window(c in config(), times in arrivals()) {
        for (lane, closed) in [(Lane::Log, true), (Lane::LogInclusive, false), (Lane::Zset, false)] {
            let a = admitted_times(&run(lane, &c, &times), &times);
            for (j, &t) in a.iter().enumerate() {
                let inside = a[..=j].iter().filter(|&&s| if closed { s + c.window_ms >= t } else { s + c.window_ms > t }).count();
                prop_assert!(inside as u32 <= c.limit, "{lane:?}: {inside} in the window ending {t}");
            }
        }
    }

    #[test]
    fn aligned_windows_admit_the_limit_per_window_and_twice_across_a_boundary(c in config(), times in arrivals()) {
        for lane in [Lane::Fixed, Lane::FixedRedis] {
            let a = admitted_times(&run(lane, &c, &times), &times);
            for (j, &t) in a.iter().enumerate() {
                let same = a[..=j].iter().filter(|&&s| s / c.window_ms == t / c.window_ms).count();
                prop_assert!(same as u32 <= c.limit);
                let sliding = a[..=j].iter().filter(|&&s| s + c.window_ms > t).count();
                prop_assert!(sliding as u32 <= 2 * c.limit);
            }
        }
    }

    #[test]
    fn the_weighted_estimate_is_its_formula(c in config(), times in arrivals()) {
        let d = run(Lane::Sliding, &c, &times);
        // An independent count: admitted per aligned window.
        let mut per_window: std::collections::BTreeMap<u64, u32> = Default::default();
        for (dec, &t) in d.iter().zip(&times) {
            let w = t / c.window_ms;
            let cur = per_window.get(&w).copied().unwrap_or(0);
            let prev = if w == 0 { 0 } else { per_window.get(&(w - 1)).copied().unwrap_or(0) };
            let weight = 1.0 - (t - w * c.window_ms) as f64 / c.window_ms as f64;
            let Detail::Sliding { estimate, .. } = dec.detail else { panic!() };
            prop_assert!((estimate - (f64::from(cur) + f64::from(prev) * weight)).abs() < 1e-9);
            prop_assert_eq!(dec.outcome.admitted(), estimate < f64::from(c.limit));
            if dec.outcome.admitted() {
                *per_window.entry(w).or_insert(0) += 1;
            }
        }
    }

    #[test]
    fn the_queue_releases_at_most_at_the_leak_rate(c in config(), times in arrivals()) {
        let d = run(Lane::LeakyQueue, &c, &times);
        let mut releases: Vec<f64> = d.iter().filter_map(|d| match d.detail {
            Detail::Queue { release_ms: Some(r), .. } => Some(r),
            _ => None,
        }).collect();
        releases.sort_by(f64::total_cmp);
        for pair in releases.windows(2) {
            prop_assert!(pair[1] - pair[0] >= c.rate.ms_per_unit() - 1e-6);
        }
        prop_assert!(d.iter().all(|d| d.level <= f64::from(c.capacity)));
        let queued_or_rejected = d.iter().all(|d| matches!(d.outcome, Outcome::Queued { .. } | Outcome::Rejected));
        prop_assert!(queued_or_rejected);
    }
}
