//! Predict-then-run questions: the opening scenarios' answers, computed here with a fresh
//! count-min sketch over the regenerated stream and the partitions' summed counts (not read
//! back from the trace's estimates or merges), and well-formed questions on random scenarios.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use sdp_kit::lab::{Contract, Lab};
use sdp_kit::quiz::problems;
use sdp_lab_sketches::cms::CountMin;
use sdp_lab_sketches::hash::Hashes;
use sdp_lab_sketches::stream::zipf;
use sdp_lab_sketches::{SketchesLab, State};

#[test]
fn the_count_min_questions_match_a_fresh_sketch() {
    let s = SketchesLab::mode_scenario(0);
    let t = SketchesLab::build(&s);
    let qs = SketchesLab::questions(&s, &t);
    assert!(problems(&qs, t.len()).is_empty());
    assert_eq!(qs.len(), 2);
    let p = &s.params.cms;
    let stream = zipf(p.distinct, p.length, p.skew, s.seed);
    let mut cms = CountMin::new(
        Hashes::new(p.hash, p.depth as usize, p.width as usize, s.seed),
        p.update,
    );
    let mut exact = std::collections::HashMap::new();
    for &i in &stream.items {
        let name = stream.name(i);
        cms.add(name, 1);
        *exact.entry(name.to_string()).or_insert(0u64) += 1;
    }
    for q in &qs {
        let name = q.prompt.split(' ').next().expect("item name");
        let truth = exact[name];
        let est = cms.estimate(name);
        assert!(
            q.prompt
                .contains(&format!("seen {} times", sdp_kit::fmt::group(truth)))
        );
        let want = match est.cmp(&truth) {
            std::cmp::Ordering::Less => 0,
            std::cmp::Ordering::Equal => 1,
            std::cmp::Ordering::Greater => 2,
        };
        assert_eq!(q.answer, want, "{name}: {est} vs {truth}");
        assert_ne!(q.answer, 0, "never below the truth");
    }
}

#[test]
fn the_merge_question_matches_the_summed_partitions() {
    let s = SketchesLab::mode_scenario(2);
    let t = SketchesLab::build(&s);
    let qs = SketchesLab::questions(&s, &t);
    assert!(problems(&qs, t.len()).is_empty());
    assert_eq!(qs.len(), 1);
    let State::Distributed(d) = &t.steps[0].state else {
        panic!("distributed mode")
    };
    let w = &d.world;
    let mut total = vec![0u64; w.names.len()];
    for part in &w.counts {
        for (i, c) in part.iter().enumerate() {
            total[i] += c;
        }
    }
    let best = (0..total.len())
        .max_by_key(|&i| (total[i], std::cmp::Reverse(i)))
        .unwrap();
    let q = &qs[0];
    let reported_best = q.prompt.contains(&format!("reports {} ", w.names[best]));
    assert_eq!(
        q.choices[q.answer],
        if reported_best { "Yes" } else { "No" }
    );
    // F4's example: y (18 in all) is below both local cuts.
    assert_eq!(q.choices[q.answer], "No");
    assert!(
        q.explanation
            .contains(&format!("{} {}", w.names[best], total[best]))
    );
}

#[test]
fn the_opening_scenarios_ask_in_several_modes() {
    let mut modes = 0;
    for mode in 0..SketchesLab::MODES.len() {
        let s = SketchesLab::mode_scenario(mode);
        let t = SketchesLab::build(&s);
        let qs = SketchesLab::questions(&s, &t);
        assert!(problems(&qs, t.len()).is_empty());
        modes += usize::from(!qs.is_empty());
    }
    assert!(modes >= 3, "{modes}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn questions_on_random_scenarios_are_well_formed(mode in 0usize..6, seed in 0u64..5000) {
        let mut s = SketchesLab::mode_scenario(mode);
        s.seed = seed;
        prop_assume!(SketchesLab::validate(&s).is_empty());
        let t = SketchesLab::build(&s);
        let qs = SketchesLab::questions(&s, &t);
        let found = problems(&qs, t.len());
        prop_assert!(found.is_empty(), "{found:?}");
    }
}
