//! Predict-then-run questions: the opening scenario's answers, computed here from the seeded
//! points, the split rule and a brute-force haversine scan (not read back from the trace), and
//! well-formed questions on random scenarios.
#![cfg(not(target_arch = "wasm32"))]

use sdp_kit::lab::{Contract, Lab};
use sdp_kit::quiz::problems;
use sdp_kit::rng::seeded;
use sdp_lab_quadtree::geo::haversine_km;
use sdp_lab_quadtree::{Action, QuadtreeLab, seeded_points};

#[test]
fn the_opening_questions_have_the_expected_answers() {
    let s = QuadtreeLab::default_scenario();
    let trace = QuadtreeLab::build(&s);
    let qs = QuadtreeLab::questions(&s, &trace);
    assert!(problems(&qs, trace.len()).is_empty());
    assert_eq!(qs.len(), 3, "{qs:#?}");
    let pts = seeded_points(&s.params, s.seed);
    let cap = s.params.capacity as usize;
    // The first split: the point after `capacity` of them reaches the full root.
    let split = &qs[0];
    let (x, y) = pts[cap];
    assert!(
        split.prompt.contains(&format!("({x:.3}, {y:.3})")),
        "{}",
        split.prompt
    );
    assert_eq!(split.choices[split.answer], "Yes");
    assert_eq!(split.step, cap + 1, "asked while the root is full");
    // The first point placed in a child of the root without a split: NW/NE/SW/SE by the root's
    // centre (the whole world: lng 0, lat 0).
    let child = &qs[1];
    let id: usize = child.prompt["Point #".len()..]
        .split(' ')
        .next()
        .and_then(|t| t.parse().ok())
        .expect("point id");
    let (x, y) = pts[id];
    let want = match (y >= 0.0, x >= 0.0) {
        (true, false) => "NW",
        (true, true) => "NE",
        (false, false) => "SW",
        (false, true) => "SE",
    };
    assert_eq!(child.choices[child.answer], want);
    // The query: brute force against the document's r/111 circle.
    let Some(Action::Query {
        lng,
        lat,
        radius_km,
    }) = s.actions.get(1).cloned()
    else {
        panic!("the opening scenario queries")
    };
    let mut all = pts.clone();
    all.push((0.0, 0.0)); // the added point
    let r = radius_km / 111.0;
    let truth: Vec<_> = all
        .iter()
        .filter(|p| haversine_km(p.0, p.1, lng, lat) <= radius_km)
        .collect();
    let missed = truth
        .iter()
        .filter(|p| (p.0 - lng).powi(2) + (p.1 - lat).powi(2) > r * r)
        .count();
    let miss = &qs[2];
    assert_eq!(
        miss.choices[miss.answer],
        if missed > 0 { "Yes" } else { "No" }
    );
    assert!(
        miss.explanation.contains(&format!("misses {missed}")),
        "{missed}: {}",
        miss.explanation
    );
    assert!(missed > 0);
}

#[test]
fn questions_on_random_scenarios_are_well_formed() {
    let mut rng = seeded(7);
    use rand::RngExt as _;
    let mut ran = 0;
    for i in 0..120 {
        let mut s = QuadtreeLab::default_scenario();
        s.seed = i;
        s.params.points = rng.random_range(0..300);
        s.params.capacity = rng.random_range(1..6);
        s.params.detailed = rng.random_range(0..40);
        if i % 3 == 0 {
            s.actions.clear();
        }
        if i % 4 == 1 {
            s.actions.push(Action::Query {
                lng: rng.random_range(-170.0..170.0),
                lat: rng.random_range(-80.0..80.0),
                radius_km: rng.random_range(10.0..3000.0),
            });
        }
        if !QuadtreeLab::validate(&s).is_empty() {
            continue;
        }
        let trace = QuadtreeLab::build(&s);
        let qs = QuadtreeLab::questions(&s, &trace);
        let found = problems(&qs, trace.len());
        assert!(found.is_empty(), "{:?}: {found:?}", s.params);
        ran += 1;
    }
    assert!(ran > 20, "only {ran} valid scenarios");
}
