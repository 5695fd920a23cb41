//! Predict-then-run questions: the opening scenario's answers, computed here with the ring
//! itself (not read back from the trace), and well-formed questions on random scenarios.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use sdp_kit::lab::{Contract, Lab};
use sdp_kit::query;
use sdp_kit::quiz::problems;
use sdp_lab_hash_ring::HashRingLab;
use sdp_lab_hash_ring::ring::{KeyFormat, Ring, ServerId, md5_position};

fn ring_of(names: &[&str]) -> Ring {
    let servers: Vec<(&str, ServerId)> = names
        .iter()
        .map(|n| {
            let id = n[5..6].parse::<u8>().expect("cacheN") - 1;
            (*n, id)
        })
        .collect();
    Ring::build(&servers, 150, KeyFormat::F0)
}

fn owner(ring: &Ring, key: &str) -> ServerId {
    ring.lookup(md5_position(key)).expect("servers").1
}

fn name(id: ServerId) -> String {
    format!("cache{}:6379", id + 1)
}

#[test]
fn the_opening_questions_have_the_ring_s_answers() {
    let s = HashRingLab::default_scenario();
    let trace = HashRingLab::build(&s);
    let qs = HashRingLab::questions(&s, &trace);
    assert!(problems(&qs, trace.len()).is_empty());
    let four = ring_of(&["cache1:6379", "cache2:6379", "cache3:6379", "cache4:6379"]);
    // The two step-by-step lookups: steps 8 and 11 (1-based).
    for (step, key) in [(7, "user:0"), (10, "user:1")] {
        let q = qs.iter().find(|q| q.step == step).expect("lookup question");
        assert!(q.prompt.contains(key), "{}", q.prompt);
        assert_eq!(q.choices.len(), 4);
        assert_eq!(q.choices[q.answer], name(owner(&four, key)));
    }
    // cache5 joins, then cache2 leaves: the share of 1 000 keys that move, to 10 %.
    let five = ring_of(&[
        "cache1:6379",
        "cache2:6379",
        "cache3:6379",
        "cache4:6379",
        "cache5:6379",
    ]);
    let after = ring_of(&["cache1:6379", "cache3:6379", "cache4:6379", "cache5:6379"]);
    let keys: Vec<String> = (0..1000).map(|i| format!("user:{i}")).collect();
    let moved = |a: &Ring, b: &Ring| keys.iter().filter(|k| owner(a, k) != owner(b, k)).count();
    let tens = |m: usize| format!("{}%", (m * 10 + 500) / 1000 * 10);
    let join = qs.iter().find(|q| q.step == 13).expect("join question");
    assert!(join.prompt.starts_with("cache5:6379 joins"));
    assert_eq!(join.choices[join.answer], tens(moved(&four, &five)));
    assert_eq!(join.choices[join.answer], "20%");
    let leave = qs.iter().find(|q| q.step == 15).expect("leave question");
    assert!(leave.prompt.starts_with("cache2:6379 leaves"));
    assert_eq!(leave.choices[leave.answer], tens(moved(&five, &after)));
    // hash mod N's share is the distractor, and the explanation gives the exact count.
    let mod_moved = keys
        .iter()
        .filter(|k| {
            let h = md5_position(k);
            sdp_lab_hash_ring::ring::mod_n(h, 5) != sdp_lab_hash_ring::ring::mod_n(h, 4)
        })
        .count();
    assert!(join.choices.contains(&tens(mod_moved)));
    assert!(
        join.explanation
            .contains(&format!("{} of 1,000", moved(&four, &five))),
        "{}",
        join.explanation
    );
    assert_eq!(qs.len(), 4);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    #[test]
    fn questions_on_random_scenarios_are_well_formed(
        servers in 1u32..7, vnodes in 1u32..60, keys in 0u32..200, detailed in 0u32..5,
        acts in proptest::collection::vec(0u8..6, 0..6), seed in 0u64..1000,
    ) {
        let mut pairs = vec![
            ("servers".to_string(), servers.to_string()),
            ("vnodes".to_string(), vnodes.to_string()),
            ("keys".to_string(), keys.to_string()),
            ("detailed".to_string(), detailed.to_string()),
            ("seed".to_string(), seed.to_string()),
        ];
        for (i, a) in acts.iter().enumerate() {
            let text = match a {
                0 => format!("add:extra{i}"),
                1 => "rm:cache1:6379".to_string(),
                2 => format!("key:k{i}"),
                3 => "batch:20".to_string(),
                4 => "vnodes:3".to_string(),
                _ => "rm:cache2:6379".to_string(),
            };
            pairs.push(("a".to_string(), text));
        }
        let (s, _) = HashRingLab::from_query(&pairs);
        let trace = HashRingLab::build(&s);
        let qs = HashRingLab::questions(&s, &trace);
        let found = problems(&qs, trace.len());
        prop_assert!(found.is_empty(), "?{}: {:?}", query::encode(&pairs), found);
        for q in &qs {
            prop_assert!(q.choices.len() >= 2);
        }
    }
}
