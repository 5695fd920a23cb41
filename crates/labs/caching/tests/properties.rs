//! Property tests for the invariants: no policy exceeds its capacity; Belady's hit count
//! is at least every other policy's on the same trace; write-through leaves the cache and the
//! database agreeing whenever a write completes; a key typed by hand always adds one step.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use sdp_kit::lab::Contract;
use sdp_lab_caching::policy::{self, Policy, Setup};
use sdp_lab_caching::strategy::{self, Net, Order, Place, Strategy as Strat, Workload};
use sdp_lab_caching::{Action, CachingLab};

fn trace_strategy() -> impl Strategy<Value = (Vec<u32>, usize)> {
    (1usize..16).prop_flat_map(|u| (proptest::collection::vec(0..u as u32, 1..200), Just(u)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn no_policy_exceeds_capacity((trace, universe) in trace_strategy(), cap in 1usize..12, aging in 0u32..20) {
        for p in Policy::ALL {
            let setup = Setup { capacity: cap, universe, trace: &trace, seed: 9, aging };
            let mut c = policy::build(p, &setup);
            for (i, &k) in trace.iter().enumerate() {
                c.access(i, k);
                prop_assert!(c.len() <= cap, "{p:?} holds {} > {cap}", c.len());
            }
        }
    }

    #[test]
    fn belady_is_the_ceiling((trace, universe) in trace_strategy(), cap in 1usize..12, seed in 0u64..1000) {
        let setup = Setup { capacity: cap, universe, trace: &trace, seed, aging: 0 };
        let best = policy::hits(Policy::Belady, &setup);
        for p in [Policy::Lru, Policy::Lfu, Policy::Fifo, Policy::Random] {
            prop_assert!(best >= policy::hits(p, &setup), "{p:?} beats Belady");
        }
    }

    #[test]
    fn write_through_agrees_whenever_a_write_completes(
        seed in 0u64..10_000, ops in 1u32..60, keys in 1u32..4, writes in 0.0f64..1.0,
        jitter in 0.0f64..3.0, db_first in any::<bool>(), crash in proptest::option::of(0u64..2_000_000),
    ) {
        let list = strategy::ops(Workload::Mixed, ops, writes, keys, 10, seed);
        let net = Net {
            cache: 1_000, db: 25_000, jitter, flush: 500_000,
            order: if db_first { Order::DbFirst } else { Order::CacheFirst },
        };
        let crashes: Vec<u64> = crash.into_iter().collect();
        let run = strategy::run(Strat::WriteThrough, &list, keys as usize, &net, &crashes, seed);
        for &(op, upto) in &run.completions {
            let key = list[op].key;
            let (mut cache, mut db) = (None, 0);
            for &(_, place, k, v) in &run.changes[..upto] {
                if k != key { continue; }
                match place { Place::Cache => cache = v, Place::Db => db = v.unwrap_or(0) }
            }
            prop_assert!(cache.is_none_or(|c| c == db), "op {op}: cache {cache:?}, database v{db}");
        }
        prop_assert_eq!(run.completions.len(), list.iter().filter(|o| o.write.is_some()).count());
    }

    #[test]
    fn pub_sub_without_delay_never_serves_a_stale_l1_copy(
        seed in 0u64..10_000, servers in 1u32..6, keys in 1u32..50, writes in 0.0f64..0.5, cap in 1u32..40,
    ) {
        use sdp_lab_caching::multilevel::{self, Config, Invalidation};
        let c = Config {
            servers, l1_cap: cap, l1_ttl: 0, l2_ttl: 3_600_000, keys, skew: 1.0,
            requests: 400, duration: 10_000, writes, delay: 0,
        };
        let reqs = multilevel::requests(&c, seed);
        let out = multilevel::run(Invalidation::PubSub, &c, &reqs);
        prop_assert!(out.iter().all(|s| !s.stale));
        // With TTL only and no L1 TTL, a stale copy appears whenever another server had the key.
        let ttl = multilevel::run(Invalidation::TtlOnly, &c, &reqs);
        if servers == 1 {
            prop_assert!(ttl.iter().all(|s| !s.stale), "one server invalidates its own L1");
        }
    }

    #[test]
    fn versioned_keys_never_serve_an_old_value_and_keep_the_same_hits_without_writes(
        seed in 0u64..10_000, servers in 1u32..6, keys in 1u32..50, writes in 0.0f64..0.5, cap in 1u32..40,
        l1_ttl in 0u64..3_000, l2_ttl in 1u64..5_000,
    ) {
        use sdp_lab_caching::multilevel::{self, Config, Invalidation};
        let c = Config {
            servers, l1_cap: cap, l1_ttl, l2_ttl, keys, skew: 1.0,
            requests: 400, duration: 10_000, writes, delay: 3,
        };
        let reqs = multilevel::requests(&c, seed);
        let v = multilevel::run(Invalidation::Versioned, &c, &reqs);
        prop_assert!(v.iter().all(|s| !s.stale));
        prop_assert!(v.iter().all(|s| s.lookup == s.level.is_some()));
        for lane in Invalidation::ALL {
            let out = multilevel::run(lane, &c, &reqs);
            for (r, s) in reqs.iter().zip(&out) {
                let h = s.held;
                prop_assert!(h.l1 <= servers * cap && h.l1_old <= h.l1 && h.l2_old <= h.l2, "{lane:?} {h:?}");
                prop_assert!(h.l2 <= keys + reqs.iter().filter(|r| r.write).count() as u32);
                if lane != Invalidation::Versioned {
                    prop_assert_eq!(h.l2_old, 0, "a write deletes the L2 entry");
                }
                let _ = r;
            }
            if writes == 0.0 || reqs.iter().all(|r| !r.write) {
                let levels = |o: &[multilevel::Served]| o.iter().map(|s| s.level).collect::<Vec<_>>();
                prop_assert_eq!(levels(&out), levels(&v));
            }
        }
        // Without an L1 TTL and with one server, TTL only never holds an old copy.
        if servers == 1 {
            let t = multilevel::run(Invalidation::TtlOnly, &c, &reqs);
            prop_assert!(t.iter().all(|s| s.held.l1_old == 0));
        }
    }

    #[test]
    fn splitting_sends_reads_to_one_copy_and_writes_to_all(
        seed in 0u64..10_000, shards in 2u32..16, split in 1u32..10, hot in 0.0f64..1.0, writes in 0.0f64..1.0,
    ) {
        use sdp_lab_caching::hotkeys::{self, Config, Mitigation};
        let c = Config {
            shards, keys: 50, skew: 1.0, requests: 300, hot_share: hot, split, clients: 4,
            local_ttl: 100, duration: 1_000, writes,
        };
        let reqs = hotkeys::requests(&c, seed);
        let none = hotkeys::run(Mitigation::None, &c, &reqs, seed);
        let cut = hotkeys::run(Mitigation::Split, &c, &reqs, seed);
        let local = hotkeys::run(Mitigation::Local, &c, &reqs, seed);
        for (i, r) in reqs.iter().enumerate() {
            prop_assert_eq!(none[i].shards.len(), 1);
            let want = if r.key == 0 && r.write { split as usize } else { 1 };
            prop_assert_eq!(cut[i].shards.len(), want);
            prop_assert!(cut[i].shards.iter().all(|&s| s < shards));
            prop_assert!(local[i].shards.len() <= 1);
            if r.key != 0 || r.write { prop_assert_eq!(local[i].shards.len(), 1); }
        }
    }

    #[test]
    fn a_cdn_request_reaches_the_origin_only_on_its_first_access_or_after_eviction(
        seed in 0u64..10_000, objects in 1u32..200, edges in 1u32..5, regions in 1u32..3,
        edge_cap in 2u32..50, push in 0u32..2,
    ) {
        use sdp_lab_caching::cdn::{self, Config, Tier};
        let c = Config { objects, skew: 1.0, requests: 500, edges, regions, edge_cap, region_cap: edge_cap * 2, push };
        let reqs = cdn::requests(&c, seed);
        let tiers = cdn::run(&c, push, &reqs);
        let mut seen = vec![false; objects as usize];
        for (r, t) in reqs.iter().zip(&tiers) {
            if !seen[r.1 as usize] && r.1 >= push {
                prop_assert_eq!(*t, Tier::Origin, "a first access comes from the origin");
            }
            if r.1 < push {
                prop_assert_eq!(*t, Tier::Edge, "pushed objects are at every edge");
            }
            seen[r.1 as usize] = true;
        }
        // With caches holding every object, only each region's first access of an object
        // reaches the origin.
        let big = Config { edge_cap: objects + 1, region_cap: objects + 1, ..c };
        let all = cdn::run(&big, 0, &reqs);
        let mut pairs: Vec<(u32, u32)> = reqs.iter().map(|r| (r.0 % regions, r.1)).collect();
        pairs.sort_unstable();
        pairs.dedup();
        prop_assert_eq!(all.iter().filter(|&&t| t == Tier::Origin).count(), pairs.len());
    }

    #[test]
    fn a_typed_key_adds_one_step(key in "[a-z]{1,8}") {
        let mut s = CachingLab::default_scenario();
        let before = CachingLab::run(&s).unwrap().len();
        s.actions.push(Action::Get(key));
        prop_assert_eq!(CachingLab::run(&s).unwrap().len(), before + 1);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_filter_never_turns_away_a_user_that_exists(
        seed in 0u64..10_000, users in 0u32..400, m in 8u32..4_000, k in 1u32..8,
        missing in 0.0f64..1.0, absent in 1u32..300, creates in 0.0f64..0.3,
    ) {
        use sdp_lab_caching::negative::{self, Config, Outcome, Variant};
        let c = Config {
            users, m, k, requests: 300, missing, absent, creates, skew: 1.0,
            ttl: 2_000, neg_ttl: 500, duration: 10_000,
        };
        let (reqs, slots) = negative::requests(&c, seed);
        let mut filter = negative::filter(&c);
        let answers = negative::answers(&mut filter, &reqs);
        let lanes: Vec<_> = Variant::ALL.iter().map(|&v| negative::run(v, &c, &reqs, &answers, slots)).collect();
        for (i, r) in reqs.iter().enumerate() {
            for (v, lane) in Variant::ALL.iter().zip(&lanes) {
                let s = lane[i];
                // No false negatives: an existing user is never answered "definitely not".
                if !s.absent {
                    prop_assert!(s.outcome != Outcome::Filtered, "{v:?} {r:?}");
                }
                if !v.filters() {
                    prop_assert!(s.outcome != Outcome::Filtered && !s.false_positive);
                }
                if !v.caches_misses() {
                    prop_assert!(s.outcome != Outcome::NegativeHit && s.negatives == 0);
                }
            }
            // A negative entry only ever saves database requests, and so does the filter.
            let db = |v: Variant| lanes[v.lane()][i].outcome.database();
            prop_assert!(!db(Variant::Negative) || db(Variant::None));
            prop_assert!(!db(Variant::Both) || db(Variant::Bloom));
            prop_assert!(!db(Variant::Bloom) || db(Variant::None));
        }
        // Every id inserted, users and creates alike, answers "maybe" at the end.
        for id in (1..=users).chain(reqs.iter().filter(|r| r.create).map(|r| r.id)) {
            prop_assert!(filter.contains(&negative::key_name(id)), "user:{id}");
        }
    }
}
