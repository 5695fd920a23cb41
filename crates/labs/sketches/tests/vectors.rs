//! The catalogue's worked examples and check values (M6.1–M6.8) as golden tests.
#![cfg(not(target_arch = "wasm32"))]

use sdp_kit::lab::Contract;
use sdp_kit::query;
use sdp_lab_sketches::bloom::{bits_per_element, false_positive, optimal_k};
use sdp_lab_sketches::cms::{delta, epsilon};
use sdp_lab_sketches::distributed::{example, run};
use sdp_lab_sketches::stream::Stream;
use sdp_lab_sketches::topk::{Lossy, LossyVersion, SavingVersion, SpaceSaving};
use sdp_lab_sketches::trie::Trie;
use sdp_lab_sketches::{SketchesLab, State};

fn names(s: &Stream, entries: &[sdp_lab_sketches::topk::Entry]) -> Vec<(String, u64)> {
    entries
        .iter()
        .map(|e| (s.name(e.item).to_string(), e.count))
        .collect()
}

#[test]
fn count_min_bounds() {
    assert!((epsilon(10_000) - 2.72e-4).abs() < 1e-6);
    assert!((delta(7) - 9.1e-4).abs() < 1e-5);
    assert!((epsilon(100_000) - 2.7e-5).abs() < 1e-6);
}

#[test]
fn lossy_counting_check_values() {
    // ε = 0.25, so buckets of 4.
    let s = Stream::typed(&["a", "a", "b", "c"]);
    let run = |v, s: &Stream| {
        let mut l = Lossy::new(v, 0.25);
        for &i in &s.items {
            l.add(i);
        }
        l
    };
    assert!(
        run(LossyVersion::Doc, &s).entries().is_empty(),
        "F4 prunes a: 2 + 0 ≤ 2"
    );
    let std = run(LossyVersion::Standard, &s).entries();
    assert_eq!((names(&s, &std), std[0].error), (vec![("a".into(), 2)], 0));
    let s = Stream::typed(&["a", "a", "b", "c", "a", "a", "b", "d"]);
    assert!(
        run(LossyVersion::Doc, &s).frequent(0.3).is_empty(),
        "F4 loses a (50 %)"
    );
    let f = run(LossyVersion::Standard, &s).frequent(0.3);
    assert_eq!(names(&s, &f), vec![("a".into(), 4)]);
}

#[test]
fn space_saving_check_values() {
    let s = Stream::typed(&["a", "a", "a", "b", "c"]);
    let run = |v| {
        let mut ss = SpaceSaving::new(v, 2);
        for &i in &s.items {
            ss.add(i, s.name(i));
        }
        let mut got = names(&s, &ss.top());
        got.sort();
        got
    };
    assert_eq!(
        run(SavingVersion::Doc),
        vec![("b".into(), 1), ("c".into(), 2)],
        "F4 evicts a"
    );
    assert_eq!(
        run(SavingVersion::Standard),
        vec![("a".into(), 3), ("c".into(), 2)]
    );
}

#[test]
fn distributed_top_k_misses_y() {
    let (s, parts) = example();
    let m = run(&s, &parts, 1, 10_000, 7);
    assert_eq!(names(&s, &m.reduced), vec![("x".into(), 10)]);
    assert_eq!(names(&s, &m.exact), vec![("y".into(), 18)]);
    assert_eq!(names(&s, &m.sketched), vec![("y".into(), 18)]);
}

#[test]
fn bloom_filter_sizings() {
    // F0 Q10: 10 bits per element: optimal k 6.93; with k = 7, 0.82 %.
    assert!((optimal_k(10, 1) - 6.93).abs() < 0.01);
    assert!((false_positive(10_000_000, 1_000_000, 7) - 0.0082).abs() < 0.0001);
    // Exactly 1 % needs 9.59 bits per element: 11.98 GB for 10 billion.
    let gb = bits_per_element(0.01) * 1e10 / 8.0 / 1e9;
    assert!((gb - 11.98).abs() < 0.01, "{gb}");
    // F4 §18: m = 1 000 000, k = 3.
    for (n, want) in [(50_000, 0.0027), (100_000, 0.0174), (1_000_000, 0.858)] {
        let p = false_positive(1_000_000, n, 3);
        assert!(
            (p - want).abs() < 0.0005 * want.max(0.01) * 10.0,
            "n = {n}: {p}"
        );
    }
}

#[test]
fn the_trie_reproduces_the_documents_list() {
    let mut t = Trie::new(5);
    for (q, c) in [
        ("apple", 100),
        ("application", 80),
        ("app store", 60),
        ("appointment", 40),
        ("appetite", 20),
        ("apply", 10),
    ] {
        t.insert(q, c);
    }
    let got: Vec<String> = t.suggest("app").into_iter().map(|(q, _)| q).collect();
    assert_eq!(
        got,
        [
            "apple",
            "application",
            "app store",
            "appointment",
            "appetite"
        ]
    );
    let (s, errors) = SketchesLab::from_query(&query::parse("mode=trie"));
    assert!(errors.is_empty());
    let trace = SketchesLab::run(&s).unwrap();
    assert!(
        trace
            .steps
            .last()
            .unwrap()
            .narration
            .contains("apple, application, app store, appointment, appetite")
    );
}

#[test]
fn every_mode_opens_on_its_example() {
    let (s, _) = SketchesLab::from_query(&query::parse("mode=distributed"));
    let t = SketchesLab::run(&s).unwrap();
    assert!(
        t.steps
            .last()
            .unwrap()
            .narration
            .contains("Missed by the merge: y")
    );
    let (s, _) = SketchesLab::from_query(&query::parse("mode=topk&stream=saving&k=2"));
    let t = SketchesLab::run(&s).unwrap();
    let State::TopK(last) = &t.steps.last().unwrap().state else {
        panic!()
    };
    let doc: Vec<u64> = last.views[4].entries.iter().map(|e| e.count).collect();
    assert_eq!(doc, [2, 1], "F4's space-saving keeps c: 2 and b: 1");
}
