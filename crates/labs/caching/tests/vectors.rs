//! The catalogue's worked examples and CVs (B8) as golden tests.
#![cfg(not(target_arch = "wasm32"))]

use sdp_kit::lab::Contract;
use sdp_lab_caching::policy::{Cache, Lfu, Lru, Policy, Setup, hits};
use sdp_lab_caching::stampede::early_p;
use sdp_lab_caching::strategy::{self, Net, Order, Strategy, Workload};
use sdp_lab_caching::trace::{EvictPhase, two_level_quantile};
use sdp_lab_caching::{CachingLab, Mode, State};

/// a = 0, b = 1, c = 2, d = 3.
const ABACCD: [u32; 6] = [0, 1, 0, 2, 2, 3];

#[test]
fn m8_5_lru_capacity_2_evicts_b_and_keeps_a_then_c() {
    // put a, put b, get a, put c → evicts b; order [a, c].
    let mut c = Lru::new(2, 4);
    let outs: Vec<_> = [0, 1, 0, 2]
        .iter()
        .enumerate()
        .map(|(i, &k)| c.access(i, k))
        .collect();
    assert_eq!(outs[3].evicted, Some(1));
    let order: Vec<u32> = c.entries(10).iter().map(|e| e.key).collect();
    assert_eq!(order, vec![0, 2], "LRU end first: a, then c");
}

#[test]
fn m8_6_lfu_cv_evicts_b_then_the_oldest_at_frequency_2() {
    // put a, put b, get a, put c → evict b; get c; put d → a and c at freq 2 → evict a → {c, d}.
    let mut c = Lfu::new(2, 4, 0);
    let outs: Vec<_> = ABACCD
        .iter()
        .enumerate()
        .map(|(i, &k)| c.access(i, k))
        .collect();
    assert_eq!(outs[3].evicted, Some(1), "b goes first");
    assert_eq!(outs[5].evicted, Some(0), "a reached freq 2 before c");
    let mut keys: Vec<u32> = c.entries(10).iter().map(|e| e.key).collect();
    keys.sort_unstable();
    assert_eq!(keys, vec![2, 3]);
    assert_eq!(c.frequency(2), Some(2));
    assert_eq!(c.frequency(3), Some(1));
}

#[test]
fn the_eviction_mode_opens_on_the_catalogue_example() {
    let trace = CachingLab::run(&CachingLab::default_scenario()).unwrap();
    assert_eq!(trace.len(), 1 + 6 + 1, "start, six accesses, the curve");
    let State::Eviction(last_access) = &trace.steps[6].state else {
        panic!("eviction")
    };
    assert_eq!(last_access.phase, EvictPhase::Access);
    let lfu = &last_access.lanes[1];
    assert_eq!(lfu.policy, Policy::Lfu);
    assert_eq!(lfu.evicted, Some(0), "LFU evicts a at the last access");
    let lru = &last_access.lanes[0];
    assert_eq!(lru.evicted, Some(0), "LRU also evicts a (c was used last)");
    assert!(
        trace.steps[6].narration.contains("evicts a"),
        "{}",
        trace.steps[6].narration
    );
}

#[test]
fn belady_on_the_example_gets_two_hits() {
    let s = Setup {
        capacity: 2,
        universe: 4,
        trace: &ABACCD,
        seed: 1,
        aging: 0,
    };
    assert_eq!(hits(Policy::Belady, &s), 2);
    assert_eq!(hits(Policy::Lru, &s), 2);
    assert_eq!(hits(Policy::Fifo, &s), 2);
}

#[test]
fn m8_10_f4_early_expiry_probabilities() {
    for (remaining, p) in [(3600.0, 0.0), (1800.0, 0.5), (360.0, 0.9), (0.0, 1.0)] {
        assert!(
            (early_p(remaining, 3600.0) - p).abs() < 1e-12,
            "remaining {remaining}"
        );
    }
}

#[test]
fn m8_11_expected_latency_of_the_hit_shares() {
    // Catalogue CV: 0.6 × 0.1 + 0.3 × 2 + 0.1 × 50 = 5.66 ms.
    let e: f64 = [(0.6, 0.1), (0.3, 2.0), (0.1, 50.0)]
        .iter()
        .map(|(s, l)| s * l)
        .sum();
    assert!((e - 5.66).abs() < 1e-9);
}

#[test]
fn m8_12_latency_quantiles_of_hits_and_misses() {
    assert_eq!(two_level_quantile(0.5, 81, 100, 2.0, 52.0), 2.0);
    assert_eq!(two_level_quantile(0.99, 81, 100, 2.0, 52.0), 52.0);
}

fn race_run(s: Strategy) -> strategy::Run {
    let ops = strategy::ops(Workload::Race, 0, 0.0, 1, 30, 1);
    let net = Net {
        cache: 1000,
        db: 25_000,
        jitter: 0.0,
        flush: 500_000,
        order: Order::CacheFirst,
    };
    strategy::run(s, &ops, 1, &net, &[], 1)
}

#[test]
fn m8_1_cache_aside_race_leaves_v0_cached_after_v1_is_written() {
    let run = race_run(Strategy::CacheAside);
    // Op 2 (A reads at 200 ms) hits the stale v0 although B's write of v1 finished long before.
    assert!(run.outcomes[2].hit);
    assert_eq!(run.outcomes[2].value, 0);
    assert!(run.outcomes[2].stale);
    // Op 4 writes v2 and deletes; op 5 then reads v2.
    assert_eq!(run.outcomes[5].value, 2);
    assert!(!run.outcomes[5].stale);
}

#[test]
fn write_through_and_write_back_do_not_fall_into_the_race() {
    for s in [Strategy::WriteThrough, Strategy::WriteBack] {
        let run = race_run(s);
        assert!(run.outcomes.iter().all(|o| !o.stale), "{s:?}");
        assert_eq!(run.outcomes[2].value, 1, "{s:?}");
    }
}

#[test]
fn write_back_acknowledges_in_one_cache_round_trip() {
    let run = race_run(Strategy::WriteBack);
    let ops = strategy::ops(Workload::Race, 0, 0.0, 1, 30, 1);
    assert_eq!(
        run.outcomes[1].end - ops[1].at,
        2_000,
        "2 ms: the cache's round trip"
    );
    let wt = race_run(Strategy::WriteThrough);
    assert_eq!(
        wt.outcomes[1].end - ops[1].at,
        52_000,
        "write-through waits for the database"
    );
}

#[test]
fn a_crash_before_the_flush_loses_write_backs_queued_write() {
    let ops = strategy::ops(Workload::Race, 0, 0.0, 1, 30, 1);
    let net = Net {
        cache: 1000,
        db: 25_000,
        jitter: 0.0,
        flush: 500_000,
        order: Order::CacheFirst,
    };
    let run = strategy::run(Strategy::WriteBack, &ops, 1, &net, &[100_000], 1);
    assert_eq!(
        run.crashes,
        vec![(100_000, 1)],
        "v1 was queued, not flushed"
    );
    // After the crash, A's read at 200 ms loads v0 from the database: v1 is gone.
    assert_eq!(run.outcomes[2].value, 0);
    assert!(run.outcomes[2].stale);
}

#[test]
fn every_mode_runs_its_default() {
    for (i, _) in Mode::ALL.iter().enumerate() {
        let t = CachingLab::run(&CachingLab::mode_scenario(i)).unwrap();
        assert!(t.len() > 2, "mode {i}");
    }
}

#[test]
fn m8_11_the_multi_level_mode_opens_on_the_cv_and_ttl_only_leaves_stale_l1_copies() {
    let i = Mode::ALL
        .iter()
        .position(|m| *m == Mode::MultiLevel)
        .unwrap();
    let trace = CachingLab::run(&CachingLab::mode_scenario(i)).unwrap();
    assert!(
        trace.steps[0].narration.contains("5.66 ms"),
        "{}",
        trace.steps[0].narration
    );
    assert!(
        trace.steps[0].narration.contains("5.60006 ms"),
        "{}",
        trace.steps[0].narration
    );
    let State::MultiLevel(last) = &trace.steps.last().unwrap().state else {
        panic!("multi-level")
    };
    let (ttl, pubsub) = (last.counts[0], last.counts[1]);
    assert_eq!(ttl.reads + ttl.writes, 20_000);
    assert!(
        ttl.stale > pubsub.stale,
        "TTL only {} vs pub/sub {}",
        ttl.stale,
        pubsub.stale
    );
    assert_eq!((ttl.l1 + ttl.l2 + ttl.db), ttl.reads);
    let versioned = last.counts[2];
    assert_eq!(versioned.stale, 0, "versioned keys never read an old value");
    assert_eq!(versioned.lookups, versioned.reads);
    assert!(
        versioned.held.l1_old + versioned.held.l2_old > pubsub.held.l1_old + pubsub.held.l2_old,
        "dead versions hold memory: {:?} vs {:?}",
        versioned.held,
        pubsub.held
    );
    assert!(versioned.held.l2_old > 0 && pubsub.held.l2_old == 0);
    assert!(
        versioned.latency(0.1) > pubsub.latency(0.1) + 1.5,
        "the version lookup costs an L2 round trip per read"
    );
}

#[test]
fn m8_14_splitting_and_local_caching_flatten_the_hot_shard() {
    let i = Mode::ALL.iter().position(|m| *m == Mode::HotKeys).unwrap();
    let trace = CachingLab::run(&CachingLab::mode_scenario(i)).unwrap();
    let State::HotKeys(last) = &trace.steps.last().unwrap().state else {
        panic!("hot-keys")
    };
    assert_eq!(
        last.world.detected[0].0, "hot",
        "counting finds the hot key first"
    );
    let p2m = |l: &Vec<u64>| sdp_kit::stats::LoadStats::of(l).peak_to_mean();
    let (none, split, local) = (
        p2m(&last.loads[0]),
        p2m(&last.loads[1]),
        p2m(&last.loads[2]),
    );
    assert!(none > 2.0, "30 % of traffic on one of 8 shards: {none}");
    assert!(split < none && local < none, "{none} {split} {local}");
    assert_eq!(last.loads[0].iter().sum::<u64>(), 20_000);
}

#[test]
fn m8_16_cdn_tiers_count_every_request_once_and_push_offloads_the_origin() {
    let i = Mode::ALL.iter().position(|m| *m == Mode::Cdn).unwrap();
    let trace = CachingLab::run(&CachingLab::mode_scenario(i)).unwrap();
    let State::Cdn(last) = &trace.steps.last().unwrap().state else {
        panic!("cdn")
    };
    for lane in &last.lanes {
        assert_eq!(lane.total(), 50_000);
    }
    assert!(
        last.lanes[1].origin < last.lanes[0].origin,
        "{:?}",
        last.lanes
    );
    assert!(
        last.world.top10 > 0.5,
        "Zipf 1.0 puts most requests on the top 10 %"
    );
}

#[test]
fn m8_15_the_negative_mode_opens_on_f4s_filter_and_the_filter_spares_the_database() {
    use sdp_lab_caching::negative::Variant;
    let i = Mode::ALL.iter().position(|m| *m == Mode::Negative).unwrap();
    let trace = CachingLab::run(&CachingLab::mode_scenario(i)).unwrap();
    // Catalogue M6.7 CV for F4's filter (m = 1 000 000, k = 3).
    let first = &trace.steps[0].narration;
    for want in ["0.27 %", "1.74 %", "85.80 %"] {
        assert!(first.contains(want), "{want}: {first}");
    }
    let State::Negative(last) = &trace.steps.last().unwrap().state else {
        panic!("negative")
    };
    let c = |v: Variant| last.counts[v.lane()];
    for v in Variant::ALL {
        assert_eq!(c(v).reads + c(v).creates, 20_000, "{v:?}");
    }
    let (none, neg, bloom, both) = (
        c(Variant::None),
        c(Variant::Negative),
        c(Variant::Bloom),
        c(Variant::Both),
    );
    // Without protection every lookup of a missing id reaches the database.
    assert_eq!(none.db_absent, none.absent_reads);
    assert!(neg.db_absent < none.db_absent / 2, "{neg:?} {none:?}");
    assert!(bloom.db_absent < neg.db_absent, "{bloom:?} {neg:?}");
    assert!(both.db_absent <= bloom.db_absent);
    assert_eq!(bloom.db_absent, bloom.false_positives);
    assert_eq!(bloom.filtered + bloom.false_positives, bloom.absent_reads);
    // 100 000 users in F4's filter: 1.74 % by the formula; the probe of 20 000 fresh ids agrees.
    let (start, _) = last.world.probed;
    assert!((start - 0.0174).abs() < 0.003, "{start}");
    assert!(
        trace.steps[1].narration.contains("1.74 %"),
        "{}",
        trace.steps[1].narration
    );
}

#[test]
fn the_largest_scenario_of_every_mode_is_valid() {
    for (mode, s) in sdp_lab_caching::largest() {
        assert!(CachingLab::run(&s).is_ok(), "{mode:?}");
    }
}
