//! Hash-ring lab: catalogue vectors (M1.1, M1.2, M1.6), a differential test against an independent
//! lookup (F4's linear scan and a BTreeMap), property tests and the lab contract.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use sdp_kit::lab::{Contract, Scenario};
use sdp_lab_hash_ring::ring::{KeyFormat, Ring, ServerId, md5_position, mod_n};
use sdp_lab_hash_ring::{Action, Assignment, HashRingLab, Params, State};
use std::collections::BTreeMap;

const CACHES: [&str; 3] = ["cache1:6379", "cache2:6379", "cache3:6379"];

fn ring_of(names: &[&str], vnodes: u32, format: KeyFormat) -> Ring {
    let servers: Vec<(&str, ServerId)> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (*n, i as ServerId))
        .collect();
    Ring::build(&servers, vnodes, format)
}

fn owner(ring: &Ring, key: &str) -> usize {
    ring.lookup(md5_position(key)).expect("non-empty ring").1 as usize
}

fn distribution(ring: &Ring, servers: usize) -> Vec<u32> {
    let mut loads = vec![0; servers];
    for i in 0..10_000 {
        loads[owner(ring, &format!("user:{i}"))] += 1;
    }
    loads
}

#[test]
fn catalogue_vectors_f4_format() {
    let ring = ring_of(&CACHES, 150, KeyFormat::F4);
    let got: Vec<&str> = ["user:1", "user:2", "user:3", "user:42", "resource:123"]
        .iter()
        .map(|k| CACHES[owner(&ring, k)])
        .collect();
    assert_eq!(
        got,
        [
            "cache1:6379",
            "cache2:6379",
            "cache2:6379",
            "cache3:6379",
            "cache3:6379"
        ]
    );
    assert_eq!(distribution(&ring, 3), [3105, 3527, 3368]);
}

#[test]
fn catalogue_vectors_f0_format() {
    let ring = ring_of(&CACHES, 150, KeyFormat::F0);
    let got: Vec<&str> = ["user:1", "user:2", "user:3", "user:42", "resource:123"]
        .iter()
        .map(|k| CACHES[owner(&ring, k)])
        .collect();
    assert_eq!(
        got,
        [
            "cache3:6379",
            "cache3:6379",
            "cache3:6379",
            "cache1:6379",
            "cache2:6379"
        ]
    );
    assert_eq!(distribution(&ring, 3), [3535, 2942, 3523]);
}

#[test]
fn one_vnode_is_skewed() {
    assert_eq!(
        distribution(&ring_of(&CACHES, 1, KeyFormat::F4), 3),
        [3401, 1079, 5520]
    );
}

fn moved_by(scenario: &Scenario<Params, Action>) -> (Assignment, Assignment) {
    let trace = HashRingLab::run(scenario).expect("valid");
    let last: &State = &trace.steps.last().unwrap().state;
    (
        (*last.previous.clone().unwrap()).clone(),
        (*last.assignment.clone().unwrap()).clone(),
    )
}

fn three_caches(format: KeyFormat, action: Action) -> Scenario<Params, Action> {
    Scenario {
        params: Params {
            servers: 3,
            vnodes: 150,
            keys: 10_000,
            detailed: 0,
            format,
        },
        seed: 1,
        actions: vec![action],
    }
}

#[test]
fn adding_cache4_moves_the_catalogue_counts_only_to_cache4() {
    for (format, expected) in [(KeyFormat::F4, 2534), (KeyFormat::F0, 2539)] {
        let (before, after) = moved_by(&three_caches(
            format,
            Action::AddServer("cache4:6379".into()),
        ));
        let moved: Vec<usize> = (0..before.ring.len())
            .filter(|&i| before.ring[i] != after.ring[i])
            .collect();
        assert_eq!(moved.len(), expected, "{format:?}");
        assert!(
            moved.iter().all(|&i| after.ring[i] == 3),
            "every moved key goes to cache4"
        );
        // M1.2: hash mod N going from 3 to 4 servers moves 7,463 of the same keys.
        let mod_moved = (0..before.mod_n.len())
            .filter(|&i| before.mod_n[i] != after.mod_n[i])
            .count();
        assert_eq!(mod_moved, 7463);
    }
}

#[test]
fn removing_cache3_moves_exactly_its_keys() {
    let (before, after) = moved_by(&three_caches(
        KeyFormat::F4,
        Action::RemoveServer("cache3:6379".into()),
    ));
    let moved: Vec<usize> = (0..before.ring.len())
        .filter(|&i| before.ring[i] != after.ring[i])
        .collect();
    assert_eq!(moved.len(), 3368);
    assert!(moved.iter().all(|&i| before.ring[i] == 2));
}

#[test]
fn mod_n_small_integer_examples() {
    // F4 §17 with Python's identity hash of an int.
    assert_eq!(mod_n(123, 4), 3);
    assert_eq!(mod_n(456, 4), 0);
}

/// F4's `get_node`: a linear scan for the first ring key ≥ hash, else the first.
fn linear_scan(points: &[(u128, ServerId)], hash: u128) -> ServerId {
    points.iter().find(|p| hash <= p.0).unwrap_or(&points[0]).1
}

#[test]
fn differential_against_linear_scan_and_btreemap() {
    let mut rng = sdp_kit::rng::seeded(2024);
    use rand::RngExt;
    for round in 0..40 {
        let servers = rng.random_range(1..12usize);
        let vnodes = rng.random_range(1..60u32);
        let names: Vec<String> = (0..servers).map(|i| format!("s{round}-{i}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let format = if round % 2 == 0 {
            KeyFormat::F0
        } else {
            KeyFormat::F4
        };
        let ring = ring_of(&refs, vnodes, format);
        let map: BTreeMap<u128, ServerId> = ring.points().iter().copied().collect();
        for _ in 0..250 {
            let h: u128 = if rng.random_bool(0.5) {
                md5_position(&format!("k{}", rng.random::<u64>()))
            } else {
                rng.random()
            };
            let expected = map
                .range(h..)
                .next()
                .or_else(|| map.iter().next())
                .map(|(_, s)| *s)
                .unwrap();
            assert_eq!(ring.lookup(h).unwrap().1, expected);
            assert_eq!(linear_scan(ring.points(), h), expected);
            let traced = ring.lookup_traced(h).unwrap();
            assert_eq!(traced.server, expected);
            assert!(traced.probes.len() <= 64);
        }
    }
}

#[test]
fn wrap_around_goes_to_the_first_position() {
    let ring = ring_of(&CACHES, 5, KeyFormat::F0);
    let last = ring.points().last().unwrap().0;
    let l = ring.lookup_traced(last + 1).unwrap();
    assert!(l.wrapped);
    assert_eq!(l.index, 0);
    assert_eq!(l.server, ring.points()[0].1);
    assert!(!ring.lookup_traced(last).unwrap().wrapped);
}

#[test]
fn same_scenario_same_trace_and_serde_round_trip() {
    let scenario = Scenario {
        params: Params {
            servers: 5,
            vnodes: 20,
            keys: 300,
            detailed: 2,
            format: KeyFormat::F4,
        },
        seed: 9,
        actions: vec![
            Action::AddBatch(50),
            Action::AddKey("hello".into()),
            Action::SetVnodes(3),
            Action::AddServer("x".into()),
            Action::RemoveServer("cache1:6379".into()),
        ],
    };
    let a = HashRingLab::run(&scenario).unwrap();
    let b = HashRingLab::run(&scenario).unwrap();
    assert_eq!(a, b);
    let json = serde_json::to_string(&a).unwrap();
    assert_eq!(json, serde_json::to_string(&b).unwrap(), "byte for byte");
    let back: sdp_kit::lab::Trace<State> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, a);
    let s_json = serde_json::to_string(&scenario).unwrap();
    let s_back: Scenario<Params, Action> = serde_json::from_str(&s_json).unwrap();
    assert_eq!(HashRingLab::run(&s_back).unwrap(), a);
    // A different seed changes the random batch.
    let other = HashRingLab::run(&Scenario {
        seed: 10,
        ..scenario
    })
    .unwrap();
    assert_ne!(other, a);
}

#[test]
fn invalid_params_name_the_field_and_range() {
    let bad = Scenario {
        params: Params {
            servers: 0,
            vnodes: 501,
            keys: 100_001,
            detailed: 11,
            format: KeyFormat::F0,
        },
        seed: 1,
        actions: vec![Action::RemoveServer("nope".into()), Action::AddBatch(0)],
    };
    let errors = HashRingLab::run(&bad).unwrap_err();
    let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert!(
        text.contains(&"servers: must be between 1 and 64 (got 0)".to_string()),
        "{text:?}"
    );
    assert!(
        text.contains(&"vnodes: must be between 1 and 500 (got 501)".to_string()),
        "{text:?}"
    );
    assert!(
        text.contains(&"keys: must be between 0 and 100000 (got 100001)".to_string()),
        "{text:?}"
    );
    // Actions are checked once the parameters are valid.
    let bad_actions = Scenario {
        params: Params::default(),
        ..bad
    };
    let text: Vec<String> = HashRingLab::run(&bad_actions)
        .unwrap_err()
        .iter()
        .map(|e| e.to_string())
        .collect();
    assert!(
        text.iter()
            .any(|t| t.starts_with("actions[0]: nope is not on the ring")),
        "{text:?}"
    );
    assert!(
        text.iter().any(|t| t.starts_with("actions[1]:")),
        "{text:?}"
    );
}

#[test]
fn caps_are_enforced() {
    let mut s = HashRingLab::default_scenario();
    s.params.servers = 64;
    s.actions = vec![Action::AddServer("one-too-many".into())];
    assert!(HashRingLab::run(&s).is_err());
    s.params.servers = 1;
    s.actions = vec![Action::RemoveServer("cache1:6379".into())];
    assert!(
        HashRingLab::run(&s).is_err(),
        "the last server cannot leave"
    );
    s.params.keys = 100_000;
    s.actions = vec![Action::AddKey("k".into())];
    assert!(HashRingLab::run(&s).is_err());
}

#[test]
fn url_round_trip_and_junk() {
    let s = Scenario {
        params: Params {
            servers: 7,
            vnodes: 33,
            keys: 12,
            detailed: 1,
            format: KeyFormat::F4,
        },
        seed: 77,
        actions: vec![
            Action::AddServer("a b&c=d".into()),
            Action::AddKey("user:π".into()),
            Action::SetVnodes(2),
        ],
    };
    let text = sdp_kit::query::encode(&HashRingLab::to_query(&s));
    let (back, errors) = HashRingLab::from_query(&sdp_kit::query::parse(&text));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(back, s);

    let junk =
        sdp_kit::query::parse("servers=999&vnodes=abc&format=f9&a=rm:ghost&a=zap&step=3&wat=1");
    let (fallback, errors) = HashRingLab::from_query(&junk);
    assert_eq!(fallback.params, Params::default());
    assert!(fallback.actions.is_empty());
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        ["servers", "vnodes", "format", "a[0]", "a[1]", "wat"]
    );
    assert!(HashRingLab::run(&fallback).is_ok());
}

#[test]
fn empty_query_gives_the_default_scenario() {
    let (s, errors) = HashRingLab::from_query(&[("step".into(), "4".into())]);
    assert_eq!(s, HashRingLab::default_scenario());
    assert!(errors.is_empty());
}

#[test]
fn vnodes_even_out_the_load() {
    let run = |vnodes| {
        let s = Scenario {
            params: Params {
                servers: 8,
                vnodes,
                keys: 20_000,
                detailed: 0,
                format: KeyFormat::F0,
            },
            seed: 1,
            actions: vec![],
        };
        let trace = HashRingLab::run(&s).unwrap();
        trace
            .steps
            .last()
            .unwrap()
            .metrics
            .iter()
            .find(|m| m.label == "ring: max / mean")
            .unwrap()
            .value
    };
    let (one, many) = (run(1), run(150));
    assert!(one > 1.5, "1 vnode: max/mean {one}");
    assert!(many < 1.2, "150 vnodes: max/mean {many}");
}

fn arb_scenario() -> impl Strategy<Value = Scenario<Params, Action>> {
    (
        1u32..6,
        1u32..30,
        0u32..400,
        any::<u64>(),
        prop::collection::vec((0u8..5, 0u32..8), 0..6),
    )
        .prop_map(|(servers, vnodes, keys, seed, raw)| {
            let mut actions = Vec::new();
            let mut active: Vec<String> = (1..=servers).map(|i| format!("cache{i}:6379")).collect();
            for (kind, arg) in raw {
                let action = match kind {
                    0 => Action::AddServer(format!("n{arg}")),
                    1 if active.len() > 1 => {
                        Action::RemoveServer(active[arg as usize % active.len()].clone())
                    }
                    2 => Action::AddKey(format!("k{arg}")),
                    3 => Action::AddBatch(arg + 1),
                    _ => Action::SetVnodes(arg + 1),
                };
                match &action {
                    Action::AddServer(n) if active.contains(n) => continue,
                    Action::AddServer(n) => active.push(n.clone()),
                    Action::RemoveServer(n) => active.retain(|a| a != n),
                    _ => {}
                }
                actions.push(action);
            }
            Scenario {
                params: Params {
                    servers,
                    vnodes,
                    keys,
                    detailed: 1,
                    format: KeyFormat::F0,
                },
                seed,
                actions,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_change_moves_only_what_it_must(s in arb_scenario()) {
        let trace = HashRingLab::run(&s).unwrap();
        prop_assert_eq!(&trace, &HashRingLab::run(&s).unwrap());
        for step in &trace.steps {
            let st = &step.state;
            if let (Some(prev), Some(now)) = (&st.previous, &st.assignment) {
                let joined: Vec<ServerId> = now.ring.iter().copied().filter(|o| !prev.ring.contains(o)).collect();
                for i in 0..prev.ring.len() {
                    if prev.ring[i] != now.ring[i] {
                        let from_gone = !st.servers.contains(&prev.ring[i]);
                        let to_new = joined.contains(&now.ring[i]);
                        // Adding moves keys only to the new server; removing moves only the
                        // removed server's keys. (Changing vnodes may move anything.)
                        prop_assert!(from_gone || to_new || step.narration.starts_with("vnodes changed"),
                            "key {} moved {} -> {} at: {}", i, prev.ring[i], now.ring[i], step.narration);
                    }
                }
            }
            if let Some(a) = &st.assignment {
                // Lookups are total: every key has an owner that is on the ring.
                for &o in a.ring.iter() {
                    prop_assert!(st.servers.contains(&o) || st.previous.is_none() && matches!(st.focus, sdp_lab_hash_ring::Focus::Removed(_)));
                }
            }
        }
    }

    #[test]
    fn lookup_is_total_and_deterministic(names in prop::collection::vec("[a-z]{1,6}", 1..6), vnodes in 1u32..40, keys in prop::collection::vec(any::<String>(), 1..50)) {
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let ring = ring_of(&refs, vnodes, KeyFormat::F0);
        for k in &keys {
            let h = md5_position(k);
            let (i, s) = ring.lookup(h).unwrap();
            prop_assert_eq!(ring.lookup(h).unwrap(), (i, s));
            prop_assert!(ring.points()[i].0 >= h || i == 0);
            prop_assert!(i == 0 || ring.points()[i - 1].0 < h);
        }
    }
}

proptest! {
    #[test]
    fn mod_n_equals_u128_remainder(h in any::<u128>(), n in 1usize..=64) {
        prop_assert_eq!(mod_n(h, n), (h % n as u128) as usize);
    }
}
