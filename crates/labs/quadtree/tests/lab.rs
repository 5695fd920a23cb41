//! Quadtree lab (catalogue M2.5, M2.12): the structure's rules, the km→degree flaw, properties
//! (query = brute force, one leaf per point) and the lab's own checks.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use sdp_kit::lab::{Contract, Lab, Scenario, Trace};
use sdp_lab_quadtree::geo::{KM_PER_DEGREE_LAT, haversine_km};
use sdp_lab_quadtree::tree::{QuadTree, Quadrant, Rect, Shape};
use sdp_lab_quadtree::{
    Action, Conversion, Distribution, Focus, MAX_POINTS, Params, QuadtreeLab, QueryPhase, State,
    WORLD,
};

fn small(points: u32, actions: Vec<Action>) -> Scenario<Params, Action> {
    Scenario {
        params: Params {
            points,
            detailed: 10,
            ..Params::default()
        },
        seed: 7,
        actions,
    }
}

fn last_state(t: &Trace<State>) -> &State {
    &t.steps.last().expect("non-empty").state
}

#[test]
fn subdivide_gives_the_document_quadrants() {
    let r = Rect::new(-180.0, -90.0, 180.0, 90.0);
    assert_eq!(r.child(Quadrant::NW), Rect::new(-180.0, 0.0, 0.0, 90.0));
    assert_eq!(r.child(Quadrant::NE), Rect::new(0.0, 0.0, 180.0, 90.0));
    assert_eq!(r.child(Quadrant::SW), Rect::new(-180.0, -90.0, 0.0, 0.0));
    assert_eq!(r.child(Quadrant::SE), Rect::new(0.0, -90.0, 180.0, 0.0));
    // Split-line rule: x ≥ mid → east, y ≥ mid → north.
    assert_eq!(r.quadrant_of(0.0, 0.0), Quadrant::NE);
    assert_eq!(r.quadrant_of(-0.001, 0.0), Quadrant::NW);
    assert_eq!(r.quadrant_of(0.0, -0.001), Quadrant::SE);
    assert_eq!(r.quadrant_of(-1.0, -1.0), Quadrant::SW);
}

#[test]
fn insert_splits_when_full_and_rejects_outside() {
    let mut t = QuadTree::new(Rect::new(0.0, 0.0, 8.0, 8.0), 2, 10).unwrap();
    assert!(t.insert_traced(1.0, 1.0).unwrap().splits.is_empty());
    assert!(t.insert_traced(7.0, 7.0).unwrap().splits.is_empty());
    let r = t.insert_traced(1.0, 7.0).unwrap();
    assert_eq!(r.splits.len(), 1, "the third point splits the root");
    let moved: Vec<Quadrant> = r.splits[0].moved.iter().map(|m| m.1).collect();
    assert_eq!(moved, [Quadrant::SW, Quadrant::NE]);
    assert!(
        t.nodes()[0].points.is_empty(),
        "points all move to the children"
    );
    assert_eq!(
        t.leaf_of(2),
        Some(r.splits[0].children[0]),
        "(1, 7) is in NW"
    );
    assert!(t.insert(8.5, 1.0).is_err());
    assert!(t.insert(f64::NAN, 1.0).is_err());
    assert_eq!(t.len(), 3, "rejected points are not added");
}

#[test]
fn identical_points_stop_at_max_depth() {
    let mut t = QuadTree::new(Rect::new(0.0, 0.0, 1.0, 1.0), 3, 5).unwrap();
    let mut last = None;
    for _ in 0..10 {
        last = Some(t.insert_traced(0.3, 0.3).unwrap());
    }
    let last = last.unwrap();
    assert!(last.overflow);
    assert_eq!(t.depth(), 5);
    let leaf = t.leaf_of(0).unwrap();
    assert_eq!(t.nodes()[leaf as usize].points.len(), 10);
    assert_eq!(t.nodes()[leaf as usize].depth, 5);
    // One cascade of 5 splits happened on the fourth insert, none after.
    assert_eq!(t.nodes().len(), 1 + 4 * 5);
}

#[test]
fn lab_narrates_the_split_line_and_overflow_rules() {
    let mut actions: Vec<Action> = (0..6)
        .map(|_| Action::AddPoint {
            lng: 20.0,
            lat: 20.0,
        })
        .collect();
    actions.push(Action::AddPoint { lng: 0.0, lat: 0.0 });
    let mut s = small(0, actions);
    s.params.capacity = 2;
    s.params.max_depth = 12;
    let t = QuadtreeLab::run(&s).unwrap();
    let placed: Vec<&str> = t
        .steps
        .iter()
        .filter(|st| matches!(st.state.focus, Focus::Placed { .. }))
        .map(|st| st.narration.as_str())
        .collect();
    assert!(placed[6].contains("exactly on"), "{}", placed[6]);
    assert!(t.steps.iter().any(|st| matches!(
        st.state.focus,
        Focus::Placed {
            on_split_line: true,
            ..
        }
    )));
    let overflow: Vec<&str> = placed
        .iter()
        .copied()
        .filter(|n| n.contains("more than the capacity"))
        .collect();
    assert_eq!(overflow.len(), 4, "identical points 3–6 overflow the leaf");
    assert!(
        t.steps
            .iter()
            .any(|st| matches!(st.state.focus, Focus::Cascade { .. })),
        "a 12-level cascade is cut after MAX_SPLIT_STEPS"
    );
    let last = last_state(&t);
    let leaf = last.leaf_of(0).unwrap();
    assert_eq!(last.world.nodes[leaf as usize].depth, 12);
    let notes = QuadtreeLab::notes();
    assert!(notes.iter().any(|n| n.lab_shows.contains("x ≥ mid_x")));
    assert!(notes.iter().any(|n| n.title.contains("identical")));
}

#[test]
fn catalogue_degree_conversions() {
    // M2.12: 10 km = 0.0899° of latitude; at 60° N, 10 km = 0.1799° of longitude.
    let fixed = Conversion::Corrected.shape(0.0, 60.0, 10.0);
    assert!((fixed.r - 0.0899).abs() < 5e-5, "{}", fixed.r);
    let lng_extent = fixed.r / fixed.x_scale;
    // The lab takes cos at the circle's pole-ward edge (60.09°), slightly wider than 0.1799.
    assert!((0.1799..0.1805).contains(&lng_extent), "{lng_extent}");
    let doc = Conversion::Doc.shape(0.0, 60.0, 10.0);
    assert!((doc.r - 10.0 / 111.0).abs() < 1e-12);
    assert_eq!(doc.x_scale, 1.0);
    assert!((KM_PER_DEGREE_LAT - 111.195).abs() < 1e-3);
}

#[test]
fn document_conversion_misses_points_at_high_latitude() {
    let t = QuadtreeLab::run(&QuadtreeLab::default_scenario()).unwrap();
    let q = &last_state(&t).world.queries[0];
    assert!(!q.truth.is_empty());
    assert!(
        q.doc.missed.len() >= 5,
        "the 111 km/° circle misses east/west points at 60° N: {}",
        q.doc.missed.len()
    );
    assert!(q.corrected.missed.is_empty());
    assert_eq!(q.corrected.results.len(), q.truth.len());
    for &m in &q.doc.missed {
        let p = &last_state(&t).world.points[m as usize];
        // Every missed point is within the circle's latitude band but outside the circle: it is
        // missed because of its longitude.
        assert!((p.lat - q.lat).abs() <= q.doc.shape.r, "{p:?}");
        assert!(!q.doc.shape.contains(p.lng, p.lat), "{p:?}");
    }
    // Near the equator the document's circle is right (111 ≤ 111.2 km per degree).
    let mut s = QuadtreeLab::default_scenario();
    s.actions = vec![Action::Query {
        lng: 3.38,
        lat: 6.52,
        radius_km: 300.0,
    }];
    let t = QuadtreeLab::run(&s).unwrap();
    let q = &last_state(&t).world.queries[0];
    assert!(!q.truth.is_empty());
    assert!(q.doc.missed.is_empty());
    assert!(QuadtreeLab::notes()[0].document_says.contains("111"));
}

#[test]
fn query_steps_walk_every_event_then_filter_and_compare() {
    let t = QuadtreeLab::run(&QuadtreeLab::default_scenario()).unwrap();
    let phases: Vec<(QueryPhase, u32)> = t
        .steps
        .iter()
        .filter_map(|s| s.state.query().map(|(_, c)| (c.phase, c.count)))
        .collect();
    assert_eq!(phases.first().unwrap().0, QueryPhase::Start);
    let (q, _) = last_state(&t).query().unwrap();
    let n = q.events.len() as u32;
    assert_eq!(phases[phases.len() - 2], (QueryPhase::Filter, n));
    assert_eq!(phases[phases.len() - 1], (QueryPhase::Compare, n));
    let walk: Vec<u32> = phases
        .iter()
        .filter(|p| p.0 == QueryPhase::Walk)
        .map(|p| p.1)
        .collect();
    assert_eq!(walk, (1..=n).collect::<Vec<_>>());
    // The stepped totals agree with the plain query's statistics.
    let totals = q.events.last().unwrap().totals();
    let stats = q.doc.stats;
    assert_eq!(
        (
            totals.visited,
            totals.pruned,
            totals.checked,
            totals.candidates
        ),
        (stats.visited, stats.pruned, stats.checked, stats.found)
    );
    assert!(
        stats.checked < q.scanned / 4,
        "the tree measures far fewer points"
    );
}

#[test]
fn state_helpers_match_the_tree() {
    let s = small(800, vec![]);
    let t = QuadtreeLab::run(&s).unwrap();
    let last = last_state(&t);
    let pts: Vec<(f64, f64)> = last.world.points.iter().map(|p| (p.lng, p.lat)).collect();
    let tree = QuadTree::build(WORLD, 4, s.params.max_depth, &pts).unwrap();
    assert_eq!(tree.nodes().len(), last.nodes().count());
    for id in 0..pts.len() as u32 {
        assert_eq!(last.leaf_of(id), tree.leaf_of(id));
    }
    let m = |label: &str| {
        t.steps
            .last()
            .unwrap()
            .metrics
            .iter()
            .find(|m| m.label == label)
            .unwrap()
            .value
    };
    assert_eq!(m("points"), 800.0);
    assert_eq!(m("nodes"), tree.nodes().len() as f64);
    assert_eq!(m("tree depth"), f64::from(tree.depth()));
    // At every step, every visible point is in exactly one visible leaf.
    for step in t.steps.iter().step_by(5) {
        let st = &step.state;
        for (id, p) in st.points() {
            let leaf = st.leaf_of(id).unwrap();
            assert!(st.node_alive(leaf) && !st.node_split(leaf));
            assert!(st.world.nodes[leaf as usize].rect.contains(p.lng, p.lat));
        }
    }
}

#[test]
fn same_scenario_same_trace_and_serde_round_trip() {
    let mut s = QuadtreeLab::default_scenario();
    s.params.points = 300;
    s.params.conv = Conversion::Corrected;
    let a = QuadtreeLab::run(&s).unwrap();
    let b = QuadtreeLab::run(&s).unwrap();
    assert_eq!(a, b);
    let json = serde_json::to_string(&a).unwrap();
    assert_eq!(json, serde_json::to_string(&b).unwrap(), "byte for byte");
    let back: Trace<State> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, a);
    let s_back: Scenario<Params, Action> =
        serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
    assert_eq!(QuadtreeLab::run(&s_back).unwrap(), a);
    let other = QuadtreeLab::run(&Scenario { seed: 8, ..s }).unwrap();
    assert_ne!(other, a, "a different seed gives different points");
}

#[test]
fn invalid_input_names_the_field() {
    let bad = Scenario {
        params: Params {
            points: MAX_POINTS + 1,
            capacity: 0,
            max_depth: 31,
            detailed: 201,
            bounds: Rect::new(-200.0, -90.0, 180.0, 90.0),
            ..Params::default()
        },
        seed: 1,
        actions: vec![
            Action::AddPoint {
                lng: 500.0,
                lat: 0.0,
            },
            Action::Query {
                lng: 0.0,
                lat: 0.0,
                radius_km: 0.0,
            },
            Action::Query {
                lng: 0.0,
                lat: 0.0,
                radius_km: -5.0,
            },
            Action::Query {
                lng: 0.0,
                lat: 95.0,
                radius_km: 5.0,
            },
            Action::AddPoint {
                lng: f64::NAN,
                lat: 0.0,
            },
        ],
    };
    let errors = QuadtreeLab::run(&bad).unwrap_err();
    let mut text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    for expected in [
        "points: must be between 0 and 10000 (got 10001)",
        "capacity: must be between 1 and 100 (got 0)",
        "max_depth: must be between 1 and 30 (got 31)",
        "detailed: must be between 0 and 200 (got 201)",
    ] {
        assert!(text.contains(&expected.to_string()), "{text:?}");
    }
    let mut fields: Vec<String> = errors.iter().map(|e| e.field.clone()).collect();
    assert!(fields.iter().any(|f| f == "bounds"), "{fields:?}");
    // Actions are checked once the parameters are valid (the kit's validation order).
    let actions_only = Scenario {
        params: Params::default(),
        ..bad.clone()
    };
    let errors = QuadtreeLab::run(&actions_only).unwrap_err();
    text.extend(errors.iter().map(|e| e.to_string()));
    fields.extend(errors.iter().map(|e| e.field.clone()));
    let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
    for i in 0..5 {
        assert!(
            fields.contains(&format!("actions[{i}]").as_str()),
            "{fields:?}"
        );
    }
    assert!(text.iter().any(|t| t.contains("outside the boundary")));
    assert!(
        text.iter()
            .any(|t| t.contains("radius must be more than 0"))
    );
    // Caps on the number of points and queries.
    let mut s = small(MAX_POINTS, vec![Action::AddPoint { lng: 1.0, lat: 1.0 }]);
    assert!(QuadtreeLab::run(&s).is_err());
    s.params.points = 0;
    s.actions = (0..9)
        .map(|_| Action::Query {
            lng: 0.0,
            lat: 0.0,
            radius_km: 10.0,
        })
        .collect();
    assert!(QuadtreeLab::run(&s).is_err());
    // The plain structure refuses a zero capacity and an empty boundary.
    assert_eq!(QuadTree::new(WORLD, 0, 5).unwrap_err().field, "capacity");
    assert_eq!(
        QuadTree::new(Rect::new(1.0, 1.0, 1.0, 2.0), 4, 5)
            .unwrap_err()
            .field,
        "boundary"
    );
}

#[test]
fn url_round_trip_and_junk() {
    let s = Scenario {
        params: Params {
            dist: Distribution::Uniform,
            points: 123,
            capacity: 7,
            max_depth: 9,
            detailed: 3,
            bounds: Rect::new(-10.5, 35.25, 40.125, 71.0),
            conv: Conversion::Corrected,
        },
        seed: 99,
        actions: vec![
            Action::AddPoint {
                lng: 0.1 + 0.2,
                lat: 59.123456789012345,
            },
            Action::Query {
                lng: 10.75,
                lat: 59.91,
                radius_km: 123.456,
            },
        ],
    };
    let text = sdp_kit::query::encode(&QuadtreeLab::to_query(&s));
    let (back, errors) = QuadtreeLab::from_query(&sdp_kit::query::parse(&text));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(back, s);

    let junk = sdp_kit::query::parse(
        "points=-1&capacity=0&max_depth=99&dist=blob&conv=x&bounds=1,2,3&a=p:500,0&a=q:0,0,0&a=zap&step=4&wat=1",
    );
    let (fallback, errors) = QuadtreeLab::from_query(&junk);
    assert_eq!(fallback.params, Params::default());
    assert!(fallback.actions.is_empty());
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "dist",
            "points",
            "capacity",
            "max_depth",
            "bounds",
            "conv",
            "a[0]",
            "a[1]",
            "a[2]",
            "wat"
        ]
    );
    assert!(QuadtreeLab::run(&fallback).is_ok());
    let (d, errors) = QuadtreeLab::from_query(&[("embed".into(), "1".into())]);
    assert_eq!(d, QuadtreeLab::default_scenario());
    assert!(errors.is_empty());
}

#[test]
fn traces_stay_small_at_the_caps() {
    let mut actions: Vec<Action> = (0..56)
        .map(|_| Action::AddPoint {
            lng: 10.0,
            lat: 59.9,
        })
        .collect();
    actions.extend((0..8).map(|i| Action::Query {
        lng: 10.0 + f64::from(i),
        lat: 59.9,
        radius_km: 3_000.0,
    }));
    let s = Scenario {
        params: Params {
            points: MAX_POINTS - 56,
            capacity: 1,
            max_depth: 30,
            detailed: 200,
            ..Params::default()
        },
        seed: 3,
        actions,
    };
    let t = QuadtreeLab::run(&s).unwrap();
    assert!(t.len() < 5_000, "{} steps", t.len());
}

fn arb_points() -> impl Strategy<Value = Vec<(f64, f64)>> {
    // Mix of random points, grid points (on split lines) and duplicates.
    prop::collection::vec(
        prop_oneof![
            (0.0..=64.0f64, 0.0..=64.0f64),
            (0u8..=8, 0u8..=8).prop_map(|(x, y)| (f64::from(x) * 8.0, f64::from(y) * 8.0)),
            Just((17.0, 17.0)),
        ],
        0..120,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn radius_query_equals_brute_force(
        pts in arb_points(),
        capacity in 1usize..6,
        depth in 1u8..12,
        cx in -10.0..74.0f64,
        cy in -10.0..74.0f64,
        r in 0.0..40.0f64,
        x_scale in prop_oneof![Just(1.0), 0.0..=1.0f64],
    ) {
        let tree = QuadTree::build(Rect::new(0.0, 0.0, 64.0, 64.0), capacity, depth, &pts).unwrap();
        let shape = Shape { cx, cy, r, x_scale };
        let mut got = tree.query(&shape);
        got.sort_unstable();
        let want: Vec<u32> = (0..pts.len() as u32)
            .filter(|&i| shape.contains(pts[i as usize].0, pts[i as usize].1))
            .collect();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn each_point_is_in_exactly_one_leaf(pts in arb_points(), capacity in 1usize..6, depth in 1u8..12) {
        let tree = QuadTree::build(Rect::new(0.0, 0.0, 64.0, 64.0), capacity, depth, &pts).unwrap();
        let mut seen = vec![0u32; pts.len()];
        for node in tree.nodes() {
            if node.children.is_some() {
                prop_assert!(node.points.is_empty(), "inner nodes hold no points");
            } else if node.points.len() > capacity {
                prop_assert!(node.depth == depth || !node.rect.can_halve());
            }
            for &p in &node.points {
                seen[p as usize] += 1;
                let (x, y) = pts[p as usize];
                prop_assert!(node.rect.contains(x, y));
            }
        }
        prop_assert!(seen.iter().all(|&c| c == 1), "{:?}", seen);
        for id in 0..pts.len() as u32 {
            let leaf = tree.leaf_of(id).unwrap();
            prop_assert!(tree.nodes()[leaf as usize].points.contains(&id));
        }
    }

    #[test]
    fn corrected_conversion_never_misses(
        seed in 0u64..1_000,
        lng in -150.0..150.0f64,
        lat in -85.0..85.0f64,
        radius_km in 1.0..2_500.0f64,
    ) {
        let s = Scenario {
            params: Params { points: 400, detailed: 0, dist: Distribution::Uniform, ..Params::default() },
            seed,
            actions: vec![Action::Query { lng, lat, radius_km }],
        };
        let t = QuadtreeLab::run(&s).unwrap();
        let q = &last_state(&t).world.queries[0];
        let shape = q.corrected.shape;
        // Unless the ellipse crosses ±180° (the tree does not wrap), nothing is missed.
        let crosses = shape.x_scale > 0.0
            && (lng - shape.r / shape.x_scale < -180.0 || lng + shape.r / shape.x_scale > 180.0);
        if !crosses {
            prop_assert!(q.corrected.missed.is_empty(), "{:?}", q.corrected.missed);
        }
        // Results are exactly the candidates within the radius, and truth is brute force.
        let pts = &last_state(&t).world.points;
        let truth: Vec<u32> = (0..pts.len() as u32)
            .filter(|&i| haversine_km(lng, lat, pts[i as usize].lng, pts[i as usize].lat) <= radius_km)
            .collect();
        let mut got: Vec<u32> = q.truth.iter().map(|h| h.point).collect();
        got.sort_unstable();
        prop_assert_eq!(got, truth);
    }
}
