//! Predict-then-run questions: the opening scenario's answers, computed here by running the
//! narrated lane's limiter over the arrivals (not read back from the trace's decisions), and
//! well-formed questions on random scenarios of every mode.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use sdp_kit::lab::{Contract, Lab};
use sdp_kit::quiz::problems;
use sdp_lab_rate_limiter::{RateLimiterLab, State};

#[test]
fn the_compare_question_matches_the_limiter_run_directly() {
    let s = RateLimiterLab::mode_scenario(0);
    let t = RateLimiterLab::build(&s);
    let qs = RateLimiterLab::questions(&s, &t);
    assert!(problems(&qs, t.len()).is_empty());
    let State::Compare(c) = &t.steps[0].state else {
        panic!("compare mode")
    };
    let world = &c.world;
    let lane = world.lanes[world.narrated].lane;
    let mut limiter = lane.limiter(&world.config);
    let decisions: Vec<(bool, u32)> = world
        .arrivals
        .iter()
        .map(|&at| {
            let d = limiter.decide(at);
            (d.outcome.admitted(), d.remaining)
        })
        .collect();
    let asked: Vec<usize> = (1..decisions.len())
        .filter(|&i| {
            let newly_empty = decisions[i - 1].1 == 0 && (i < 2 || decisions[i - 2].1 != 0);
            newly_empty || decisions[i].0 != decisions[i - 1].0
        })
        .take(3)
        .collect();
    assert_eq!(qs.len(), asked.len());
    for (q, &i) in qs.iter().zip(&asked) {
        assert!(
            q.prompt.contains(&format!("Request {} arrives", i + 1)),
            "{}",
            q.prompt
        );
        assert_eq!(
            q.choices[q.answer],
            if decisions[i].0 { "Yes" } else { "No" }
        );
        assert_eq!(
            q.step,
            i + 1,
            "about the step that decides request {}",
            i + 1
        );
    }
    // F4's edge burst: the aligned window is used up at 59 s, yet request 101 at 60 s passes.
    assert_eq!(asked, [100]);
    assert_eq!(qs[0].choices[qs[0].answer], "Yes");
}

#[test]
fn the_datacenter_question_matches_the_strategies_run_directly() {
    let s = RateLimiterLab::mode_scenario(2);
    let t = RateLimiterLab::build(&s);
    let qs = RateLimiterLab::questions(&s, &t);
    assert!(problems(&qs, t.len()).is_empty());
    assert_eq!(qs.len(), 1);
    let p = &s.params.dcs;
    let arrivals = sdp_lab_rate_limiter::datacenters::arrivals(p);
    let run = sdp_lab_rate_limiter::datacenters::run(p, &arrivals);
    let first = run.admitted[2]
        .iter()
        .position(|a| !a)
        .expect("global refuses one");
    let q = &qs[0];
    assert!(
        q.prompt.starts_with(&format!("Request {} ", first + 1)),
        "{}",
        q.prompt
    );
    assert_eq!(
        q.choices[q.answer],
        if run.admitted[1][first] { "Yes" } else { "No" }
    );
    // The synced DCs have not heard of each other's requests yet: they go over the limit.
    assert_eq!(q.choices[q.answer], "Yes");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn questions_on_random_scenarios_are_well_formed(mode in 0usize..3, seed in 0u64..5000) {
        let mut s = RateLimiterLab::mode_scenario(mode);
        s.seed = seed;
        prop_assume!(RateLimiterLab::validate(&s).is_empty());
        let t = RateLimiterLab::build(&s);
        let qs = RateLimiterLab::questions(&s, &t);
        let found = problems(&qs, t.len());
        prop_assert!(found.is_empty(), "{found:?}");
    }
}
