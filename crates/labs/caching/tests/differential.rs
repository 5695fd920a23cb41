//! Differential tests: LRU, LFU (with and without aging), FIFO and Belady against brute-force
//! models written as plainly as possible (a vector scanned in full at every access), on
//! thousands of seeded random traces: the same hit or miss and the same eviction at every
//! access, and the same resident keys in the same order at the end.
#![cfg(not(target_arch = "wasm32"))]

use rand::RngExt;
use sdp_kit::rng::seeded;
use sdp_lab_caching::policy::{self, Policy, Setup};

/// One access of a model: (hit, evicted).
type Step = (bool, Option<u32>);

fn lru_model(trace: &[u32], cap: usize) -> (Vec<Step>, Vec<u32>) {
    let mut order: Vec<u32> = Vec::new(); // least recent first
    let steps = trace
        .iter()
        .map(|&k| {
            if let Some(i) = order.iter().position(|&x| x == k) {
                order.remove(i);
                order.push(k);
                (true, None)
            } else {
                let ev = (order.len() >= cap).then(|| order.remove(0));
                order.push(k);
                (false, ev)
            }
        })
        .collect();
    (steps, order)
}

fn fifo_model(trace: &[u32], cap: usize) -> (Vec<Step>, Vec<u32>) {
    let mut order: Vec<u32> = Vec::new();
    let steps = trace
        .iter()
        .map(|&k| {
            if order.contains(&k) {
                (true, None)
            } else {
                let ev = (order.len() >= cap).then(|| order.remove(0));
                order.push(k);
                (false, ev)
            }
        })
        .collect();
    (steps, order)
}

/// LFU: (key, frequency, time it reached that frequency); the victim is the least frequency,
/// then the earliest time. Aging halves every frequency (at least 1) after every `aging`
/// accesses.
fn lfu_model(trace: &[u32], cap: usize, aging: u32) -> (Vec<Step>, Vec<u32>) {
    let mut held: Vec<(u32, u64, u64)> = Vec::new();
    let mut clock = 0u64;
    let mut steps = Vec::new();
    for (n, &k) in trace.iter().enumerate() {
        clock += 1;
        if let Some(e) = held.iter_mut().find(|e| e.0 == k) {
            e.1 += 1;
            e.2 = clock;
            steps.push((true, None));
        } else {
            let mut ev = None;
            if held.len() >= cap {
                let (i, _) = held
                    .iter()
                    .enumerate()
                    .min_by_key(|(_, e)| (e.1, e.2))
                    .unwrap();
                ev = Some(held.remove(i).0);
            }
            held.push((k, 1, clock));
            steps.push((false, ev));
        }
        if aging > 0 && (n as u64 + 1) % u64::from(aging) == 0 {
            for e in &mut held {
                e.1 = (e.1 / 2).max(1);
            }
        }
    }
    held.sort_by_key(|e| (e.1, e.2));
    (steps, held.iter().map(|e| e.0).collect())
}

/// Belady: on a full miss, scan the future for each resident key's next use.
fn belady_model(trace: &[u32], cap: usize) -> Vec<Step> {
    let mut held: Vec<u32> = Vec::new();
    let mut steps = Vec::new();
    for (i, &k) in trace.iter().enumerate() {
        if held.contains(&k) {
            steps.push((true, None));
            continue;
        }
        let mut ev = None;
        if held.len() >= cap {
            let next = |x: u32| {
                trace[i + 1..]
                    .iter()
                    .position(|&y| y == x)
                    .map_or(usize::MAX, |p| p + i + 1)
            };
            let (j, _) = held
                .iter()
                .enumerate()
                .max_by_key(|(_, x)| (next(**x), **x))
                .unwrap();
            ev = Some(held.remove(j));
        }
        held.push(k);
        steps.push((false, ev));
    }
    steps
}

fn run(
    policy: Policy,
    trace: &[u32],
    cap: usize,
    universe: usize,
    aging: u32,
) -> (Vec<Step>, Vec<u32>) {
    let setup = Setup {
        capacity: cap,
        universe,
        trace,
        seed: 3,
        aging,
    };
    let mut c = policy::build(policy, &setup);
    let steps = trace
        .iter()
        .enumerate()
        .map(|(i, &k)| {
            let o = c.access(i, k);
            assert!(c.len() <= cap);
            (o.hit, o.evicted)
        })
        .collect();
    (steps, c.entries(usize::MAX).iter().map(|e| e.key).collect())
}

fn random_trace(seed: u64) -> (Vec<u32>, usize, usize, u32) {
    let mut rng = seeded(seed);
    let universe = rng.random_range(1..=24usize);
    let len = rng.random_range(1..=300usize);
    let cap = rng.random_range(1..=universe.max(2));
    // Skewed: half the accesses go to the first quarter of the keys.
    let hot = (universe / 4).max(1);
    let trace = (0..len)
        .map(|_| {
            if rng.random::<bool>() {
                rng.random_range(0..hot) as u32
            } else {
                rng.random_range(0..universe) as u32
            }
        })
        .collect();
    let aging = if rng.random::<bool>() {
        0
    } else {
        rng.random_range(1..=40)
    };
    (trace, universe, cap, aging)
}

#[test]
fn lru_fifo_lfu_and_belady_match_their_models_on_3000_traces() {
    for seed in 0..3_000 {
        let (trace, universe, cap, aging) = random_trace(seed);
        let (lru, lru_end) = run(Policy::Lru, &trace, cap, universe, 0);
        assert_eq!((lru, lru_end), lru_model(&trace, cap), "LRU, seed {seed}");
        let (fifo, fifo_end) = run(Policy::Fifo, &trace, cap, universe, 0);
        assert_eq!(
            (fifo, fifo_end),
            fifo_model(&trace, cap),
            "FIFO, seed {seed}"
        );
        let (lfu, lfu_end) = run(Policy::Lfu, &trace, cap, universe, aging);
        assert_eq!(
            (lfu, lfu_end),
            lfu_model(&trace, cap, aging),
            "LFU aging {aging}, seed {seed}"
        );
        let (bel, _) = run(Policy::Belady, &trace, cap, universe, 0);
        assert_eq!(bel, belady_model(&trace, cap), "Belady, seed {seed}");
    }
}

/// The kit's Bloom filter against a brute-force set model on thousands of seeded cases: the
/// model keeps the inserted keys in a set and the bits as a set of positions computed from the
/// double-hashing formula `(h1 + i·h2) mod m` written out plainly. Every query agrees, there is
/// never a false negative, and the false positives are counted exactly.
#[test]
fn the_kit_bloom_filter_matches_a_set_model_with_exact_false_positives_on_2000_cases() {
    use sdp_kit::bloom::{Bloom, murmur3_32};
    use std::collections::BTreeSet;
    let mut rng = seeded(15);
    let mut total_fp = 0u64;
    let mut total_absent = 0u64;
    for case in 0..2_000 {
        let m: u64 = rng.random_range(1..4_000);
        let k: u32 = rng.random_range(1..8);
        let n: usize = rng.random_range(0..300);
        let mut b = Bloom::new(m, k);
        let mut keys = BTreeSet::new();
        let mut bits = BTreeSet::new();
        let model_positions = |key: &str| -> Vec<u64> {
            let h1 = u64::from(murmur3_32(key.as_bytes(), 0));
            let h2 = u64::from(murmur3_32(key.as_bytes(), 1)) | 1;
            (0..u64::from(k)).map(|i| (h1 + i * h2) % m).collect()
        };
        for _ in 0..n {
            let key = format!("user:{}", rng.random_range(0..1_000u32));
            if rng.random::<f64>() < 0.5 {
                b.add(&key);
            } else {
                assert_eq!(b.insert(&key), model_positions(&key), "case {case}");
            }
            bits.extend(model_positions(&key));
            keys.insert(key);
        }
        assert_eq!(b.ones(), bits.len() as u64, "case {case}");
        let (mut fp, mut absent) = (0u64, 0u64);
        for q in 0..200u32 {
            let key = format!("user:{}", q * 7 % 1_500);
            let model = model_positions(&key).iter().all(|p| bits.contains(p));
            let (maybe, ps) = b.query(&key);
            assert_eq!(ps, model_positions(&key));
            assert_eq!(maybe, model, "case {case} {key}");
            assert_eq!(b.contains(&key), model);
            if keys.contains(&key) {
                assert!(maybe, "a false negative: case {case} {key}");
            } else {
                absent += 1;
                fp += u64::from(maybe);
            }
        }
        let model_fp = (0..200u32)
            .map(|q| format!("user:{}", q * 7 % 1_500))
            .filter(|key| {
                !keys.contains(key) && model_positions(key).iter().all(|p| bits.contains(p))
            })
            .count() as u64;
        assert_eq!(fp, model_fp, "case {case}");
        total_fp += fp;
        total_absent += absent;
    }
    assert!(
        total_fp > 0 && total_fp < total_absent,
        "{total_fp} of {total_absent}"
    );
}

/// The negative mode's four lanes against a model written with maps, on seeded workloads:
/// the same outcome for every request.
#[test]
fn the_negative_cache_lanes_match_a_map_model_on_300_workloads() {
    use sdp_lab_caching::negative::{self, Config, Outcome, Variant};
    use std::collections::{BTreeMap, BTreeSet};
    let mut rng = seeded(815);
    for case in 0..300 {
        let c = Config {
            users: rng.random_range(0..300),
            m: rng.random_range(8..3_000),
            k: rng.random_range(1..6),
            requests: rng.random_range(1..400),
            missing: rng.random::<f64>(),
            absent: rng.random_range(1..200),
            creates: rng.random::<f64>() * 0.2,
            skew: 1.0,
            ttl: rng.random_range(1..5_000),
            neg_ttl: rng.random_range(1..3_000),
            duration: 10_000,
        };
        let (reqs, slots) = negative::requests(&c, case);
        let mut filter = negative::filter(&c);
        let answers = negative::answers(&mut filter, &reqs);
        for v in Variant::ALL {
            let out = negative::run(v, &c, &reqs, &answers, slots);
            let mut cached: BTreeMap<u32, u64> = BTreeMap::new();
            let mut missing: BTreeMap<u32, u64> = BTreeMap::new();
            let mut created: BTreeSet<u32> = BTreeSet::new();
            for ((r, s), &maybe) in reqs.iter().zip(&out).zip(&answers) {
                let exists = r.id <= c.users || created.contains(&r.id);
                let want = if r.create {
                    created.insert(r.id);
                    missing.remove(&r.id);
                    Outcome::Created
                } else if v.filters() && !maybe {
                    Outcome::Filtered
                } else if cached.get(&r.id).is_some_and(|&e| r.at < e) {
                    Outcome::Hit
                } else if v.caches_misses() && missing.get(&r.id).is_some_and(|&e| r.at < e) {
                    Outcome::NegativeHit
                } else if exists {
                    cached.insert(r.id, r.at + c.ttl);
                    Outcome::Found
                } else {
                    if v.caches_misses() {
                        missing.insert(r.id, r.at + c.neg_ttl);
                    }
                    Outcome::NotFound
                };
                assert_eq!(s.outcome, want, "case {case} {v:?} {r:?}");
                assert_eq!(s.absent, !exists);
                let live = missing.values().filter(|&&e| e > r.at).count() as u32;
                assert_eq!(s.negatives, live, "case {case} {v:?} {r:?}");
            }
        }
    }
}
