//! The predict-then-run questions of the eviction mode, checked against a model written here:
//! on the catalogue's worked example (capacity 2: a b a c c d), LRU evicts b when c arrives and
//! LFU evicts a when d arrives (a and c both used twice; the older at that count goes).

use sdp_kit::lab::{Contract, Lab};
use sdp_lab_caching::{CachingLab, State};

/// The accessed keys' names, step by step, from the trace.
fn accesses(trace: &sdp_kit::lab::Trace<State>) -> Vec<(usize, String)> {
    trace
        .steps
        .iter()
        .enumerate()
        .filter_map(|(i, s)| match &s.state {
            State::Eviction(e) => e.key.map(|k| (i, e.world.names[k as usize].clone())),
            _ => None,
        })
        .collect()
}

/// LRU with `cap` entries: the key evicted by each access (None on a hit or a free slot).
fn lru_victims(keys: &[String], cap: usize) -> Vec<Option<String>> {
    let mut order: Vec<String> = Vec::new();
    keys.iter()
        .map(|k| {
            if let Some(i) = order.iter().position(|x| x == k) {
                let k = order.remove(i);
                order.push(k);
                None
            } else {
                let out = (order.len() == cap).then(|| order.remove(0));
                order.push(k.clone());
                out
            }
        })
        .collect()
}

#[test]
fn the_worked_example_asks_lrus_and_lfus_victims() {
    let s = CachingLab::mode_scenario(0);
    let trace = CachingLab::run(&s).unwrap();
    let qs = CachingLab::questions(&s, &trace);
    assert_eq!(qs.len(), 2, "{qs:#?}");
    let seen = accesses(&trace);
    let names: Vec<String> = seen.iter().map(|(_, n)| n.clone()).collect();
    assert_eq!(names, ["a", "b", "a", "c", "c", "d"]);
    let victims = lru_victims(&names, 2);
    // The first eviction of the model is LRU's question.
    let (i, v) = victims
        .iter()
        .enumerate()
        .find_map(|(i, v)| v.clone().map(|v| (i, v)))
        .unwrap();
    assert_eq!(qs[0].step, seen[i].0);
    assert_eq!(qs[0].choices[qs[0].answer], v);
    assert_eq!(v, "b");
    // LFU on d: a and c have two uses each; a reached two first.
    assert!(qs[1].prompt.contains("LFU"));
    assert_eq!(qs[1].step, seen[5].0);
    assert_eq!(qs[1].choices[qs[1].answer], "a");
    assert!(qs[1].explanation.contains("2 keys were used 2 times"));
}

#[test]
fn random_traces_ask_well_formed_questions() {
    for seed in 0..40 {
        let mut s = CachingLab::mode_scenario(0);
        s.seed = seed;
        let e = &mut s.params.evict;
        e.source = sdp_lab_caching::workload::Source::Zipf;
        e.capacity = 3 + (seed as u32 % 5);
        e.distinct = 20;
        e.length = 200;
        let Ok(trace) = CachingLab::run(&s) else {
            continue;
        };
        let qs = CachingLab::questions(&s, &trace);
        assert!(
            sdp_kit::quiz::problems(&qs, trace.len()).is_empty(),
            "seed {seed}: {qs:#?}"
        );
        assert!(
            !qs.is_empty(),
            "seed {seed}: a Zipf trace over a small cache has evictions"
        );
    }
}
