//! Predict-then-run questions: the opening scenarios' answers, computed here from the window
//! rule (window end, allowed lateness) and the checkpoints' completion ticks (not read back from
//! the routes the trace recorded), and well-formed questions on random scenarios.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use sdp_kit::lab::{Contract, Lab};
use sdp_kit::quiz::problems;
use sdp_lab_watermarks::{State, WatermarksLab};

#[test]
fn the_late_event_questions_follow_the_window_rule() {
    let s = WatermarksLab::mode_scenario(0);
    let t = WatermarksLab::build(&s);
    let qs = WatermarksLab::questions(&s, &t);
    assert!(problems(&qs, t.len()).is_empty());
    let State::Watermarks(last) = &t.steps[t.len() - 1].state else {
        panic!("watermarks mode")
    };
    let world = &last.world;
    let lateness = i64::from(world.params.lateness_ms);
    let late: Vec<_> = qs
        .iter()
        .filter(|q| q.prompt.starts_with("Event #"))
        .collect();
    assert_eq!(late.len(), 4);
    let mut seen = Vec::new();
    for q in late {
        let n: usize = q.prompt["Event #".len()..]
            .split(' ')
            .next()
            .and_then(|x| x.parse().ok())
            .expect("event number");
        let ev = &world.events[n - 1];
        let w = ev.watermark_before.expect("a watermark by then");
        assert!(ev.event_ms < w, "asked about a late event");
        let mut windows = Vec::new();
        world.window.assign_into(ev.event_ms, &mut windows);
        let open = windows.iter().any(|&(_, end)| w < end);
        let kept = windows.iter().any(|&(_, end)| w < end + lateness);
        let want = if open {
            1
        } else if kept {
            2
        } else {
            3
        };
        assert_eq!(q.answer, want, "event #{n}: {}", q.explanation);
        seen.push(want);
    }
    // The opening scenario shows both kinds of kept late events.
    assert!(seen.contains(&1) && seen.contains(&2), "{seen:?}");
}

#[test]
fn the_failure_question_names_the_last_completed_checkpoint() {
    let s = WatermarksLab::mode_scenario(1);
    let t = WatermarksLab::build(&s);
    let qs = WatermarksLab::questions(&s, &t);
    assert!(problems(&qs, t.len()).is_empty());
    assert_eq!(qs.len(), 1);
    let State::Checkpoint(last) = &t.steps[t.len() - 1].state else {
        panic!("checkpoint mode")
    };
    let fail = s.params.checkpoint.fail_at;
    let want = last
        .world
        .checkpoints
        .iter()
        .filter(|c| c.completed.is_some_and(|at| at < fail))
        .map(|c| c.id)
        .max()
        .expect("one completed before the failure");
    let q = &qs[0];
    assert!(q.prompt.contains(&format!("tick {fail}")), "{}", q.prompt);
    assert_eq!(q.choices[q.answer], format!("Checkpoint {want}"));
    assert_eq!(want, 2);
    // The pending checkpoint 3 is a distractor.
    assert!(q.choices.iter().any(|c| c == "Checkpoint 3"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn questions_on_random_scenarios_are_well_formed(
        mode in 0usize..3, events in 1u32..80, lateness in 0u32..8000, fail in 1u32..60,
        every in 1u32..12, seed in 0u64..1000,
    ) {
        let mut s = WatermarksLab::mode_scenario(mode);
        s.seed = seed;
        match mode {
            0 => {
                s.params.watermarks.events = events;
                s.params.watermarks.lateness_ms = lateness;
            }
            1 => {
                s.params.checkpoint.fail_at = fail;
                s.params.checkpoint.every = every;
            }
            _ => {}
        }
        let errors = WatermarksLab::validate(&s);
        prop_assume!(errors.is_empty());
        let t = WatermarksLab::build(&s);
        let qs = WatermarksLab::questions(&s, &t);
        let found = problems(&qs, t.len());
        prop_assert!(found.is_empty(), "{:?}: {found:?}", s.params);
    }
}
