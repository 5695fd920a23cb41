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
