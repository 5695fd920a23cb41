//! Predict-then-run questions: the opening scenarios' answers, computed here by long division
//! and from the ULIDs' clocks and decoded random parts (not read back from the trace's rows or
//! its "made" labels), and well-formed questions on random scenarios of every mode.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use sdp_kit::lab::{Contract, Lab};
use sdp_kit::quiz::problems;
use sdp_lab_ids::IdsLab;
use sdp_lab_ids::base62::CODE_CHARS;
use sdp_lab_ids::ulid::decode;

fn mode_index(id: &str) -> usize {
    IdsLab::MODES.iter().position(|m| m.id == id).expect("mode")
}

#[test]
fn the_base62_question_is_the_long_division_s_character() {
    let s = IdsLab::mode_scenario(mode_index("base62"));
    let t = IdsLab::build(&s);
    let qs = IdsLab::questions(&s, &t);
    assert!(problems(&qs, t.len()).is_empty());
    assert_eq!(qs.len(), 1);
    // The first remainder of 10 or more (a letter) in 123 456 789's division by 62.
    let mut n = s.params.base62.n;
    let r = loop {
        let r = n % 62;
        if r >= 10 {
            break r;
        }
        n /= 62;
    };
    let q = &qs[0];
    let ch = char::from(CODE_CHARS[r as usize]);
    assert_eq!(q.choices[q.answer], format!("“{ch}”"));
    assert_eq!(ch, 'X');
    // The other order's character is a distractor.
    assert!(q.choices.contains(&"“H”".to_string()), "{:?}", q.choices);
}

#[test]
fn the_ulid_questions_follow_the_clock() {
    let s = IdsLab::mode_scenario(mode_index("ulid"));
    let t = IdsLab::build(&s);
    let qs = IdsLab::questions(&s, &t);
    assert!(problems(&qs, t.len()).is_empty());
    let p = &s.params.ulid;
    let clock = |i: u32| p.time + u64::from((i - 1) / p.per_ms);
    let mut expected = Vec::new();
    for i in 2..=p.count {
        let kind = usize::from(clock(i) != clock(i - 1));
        if !expected.iter().any(|&(_, k)| k == kind) {
            expected.push((i, kind));
        }
    }
    assert_eq!(qs.len(), expected.len());
    for (q, &(i, kind)) in qs.iter().zip(&expected) {
        assert!(q.prompt.starts_with(&format!("ULID {i} ")), "{}", q.prompt);
        assert_eq!(q.answer, kind, "{}", q.prompt);
        // The incremented one decodes to the last random part + 1.
        if kind == 0 {
            let last = q.prompt.split("the last one, ").nth(1).unwrap();
            let last = decode(&last[..26]).unwrap();
            let this = q
                .explanation
                .rsplit("→ ")
                .next()
                .unwrap()
                .trim_end_matches('.');
            assert_eq!(decode(this).unwrap().random, last.random + 1);
        }
    }
    assert_eq!(expected, [(2, 0), (4, 1)]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn questions_on_random_scenarios_are_well_formed(
        mode in 0usize..8, n in 0u64..u64::MAX, per_ms in 1u32..6, count in 1u32..30,
        near_max: bool, seed in 0u64..5000,
    ) {
        let mode = mode % IdsLab::MODES.len();
        let mut s = IdsLab::mode_scenario(mode);
        s.seed = seed;
        match IdsLab::MODES[mode].id {
            "base62" => s.params.base62.n = n,
            "ulid" => {
                s.params.ulid.per_ms = per_ms;
                s.params.ulid.count = count;
                s.params.ulid.near_max = near_max;
            }
            _ => {}
        }
        let errors = IdsLab::validate(&s);
        prop_assume!(errors.is_empty());
        let t = IdsLab::build(&s);
        let qs = IdsLab::questions(&s, &t);
        let found = problems(&qs, t.len());
        prop_assert!(found.is_empty(), "{:?}: {found:?}", s.params);
    }
}
