//! Each limiter against an independent model on thousands of seeded traces: the exact token
//! bucket against GCRA (virtual scheduling, a different formulation of the same limit); the
//! corrected leaky bucket against a tick-by-tick drain; the aligned window against counts per
//! window; the sliding logs against a brute-force count; the corrected sorted set against the
//! inclusive deque.
#![cfg(not(target_arch = "wasm32"))]

use rand::RngExt;
use sdp_lab_rate_limiter::algo::{Config, Lane};
use sdp_lab_rate_limiter::rate::Rate;

fn decisions(lane: Lane, c: &Config, times: &[u64]) -> Vec<bool> {
    let mut l = lane.limiter(c);
    times
        .iter()
        .map(|&t| l.decide(t).outcome.admitted())
        .collect()
}

/// GCRA: emission interval T = 1/rate, tolerance τ = (capacity − 1) T; a request at t conforms
/// iff t ≥ TAT − τ, and then TAT = max(t, TAT) + T. Units of 1/num ms, so all exact.
fn gcra(c: &Config, times: &[u64]) -> Vec<bool> {
    let num = u64::from(c.rate.num);
    let t_unit = u64::from(c.rate.den) * 1000;
    let tau = u64::from(c.capacity - 1) * t_unit;
    let mut tat = 0u64;
    times
        .iter()
        .map(|&t| {
            let now = t * num;
            if now + tau >= tat {
                tat = tat.max(now) + t_unit;
                true
            } else {
                false
            }
        })
        .collect()
}

/// The corrected leaky bucket as a drain: one queued request leaves at every multiple of 1/rate.
fn drain(c: &Config, times: &[u64]) -> Vec<bool> {
    let num = u64::from(c.rate.num);
    let t_unit = u64::from(c.rate.den) * 1000;
    let mut len = 0u32;
    let mut next_tick = t_unit;
    times
        .iter()
        .map(|&t| {
            while next_tick <= t * num {
                len = len.saturating_sub(1);
                next_tick += t_unit;
            }
            if len < c.capacity {
                len += 1;
                true
            } else {
                false
            }
        })
        .collect()
}

fn per_window(c: &Config, times: &[u64]) -> Vec<bool> {
    let mut counts = std::collections::BTreeMap::new();
    times
        .iter()
        .map(|&t| {
            let n = counts.entry(t / c.window_ms).or_insert(0u32);
            if *n < c.limit {
                *n += 1;
                true
            } else {
                false
            }
        })
        .collect()
}

/// Admit iff fewer than `limit` admitted requests lie in the window ending now (closed at the
/// cutoff when `closed`).
fn brute_log(c: &Config, times: &[u64], closed: bool) -> Vec<bool> {
    let mut admitted: Vec<u64> = Vec::new();
    times
        .iter()
        .map(|&t| {
            let inside = admitted
                .iter()
                .filter(|&&s| {
                    if closed {
                        s + c.window_ms >= t
                    } else {
                        s + c.window_ms > t
                    }
                })
                .count() as u32;
            let ok = inside < c.limit;
            if ok {
                admitted.push(t);
            }
            ok
        })
        .collect()
}

#[test]
fn every_limiter_agrees_with_its_model_on_thousands_of_traces() {
    let mut rng = sdp_kit::rng::seeded(2026);
    for case in 0..3_000 {
        let c = Config {
            limit: rng.random_range(1..30),
            window_ms: rng.random_range(1..20) * 250,
            capacity: rng.random_range(1..30),
            rate: Rate::new(rng.random_range(1..60), rng.random_range(1..7)),
        };
        let mut t = 0;
        let times: Vec<u64> = (0..rng.random_range(1..300))
            .map(|_| {
                if rng.random_bool(0.7) {
                    t += rng.random_range(0..300);
                }
                t
            })
            .collect();
        assert_eq!(
            decisions(Lane::TokenExact, &c, &times),
            gcra(&c, &times),
            "case {case}: {c:?}"
        );
        assert_eq!(
            decisions(Lane::Leaky, &c, &times),
            drain(&c, &times),
            "case {case}: {c:?}"
        );
        assert_eq!(
            decisions(Lane::Fixed, &c, &times),
            per_window(&c, &times),
            "case {case}"
        );
        assert_eq!(
            decisions(Lane::FixedRedis, &c, &times),
            per_window(&c, &times),
            "case {case}"
        );
        assert_eq!(
            decisions(Lane::Log, &c, &times),
            brute_log(&c, &times, true),
            "case {case}"
        );
        assert_eq!(
            decisions(Lane::LogInclusive, &c, &times),
            brute_log(&c, &times, false),
            "case {case}"
        );
        assert_eq!(
            decisions(Lane::Zset, &c, &times),
            decisions(Lane::LogInclusive, &c, &times),
            "case {case}"
        );
    }
}
