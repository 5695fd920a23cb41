//! The lab contract: determinism and serde round trips in every mode, bad input → errors that
//! name the field, caps, URL round trips and junk, the default scenario, and what the states
//! say at key steps.

use sdp_kit::lab::{Contract, Lab, Scenario, Trace};
use sdp_kit::query::{encode, parse};
use sdp_lab_geohash::codec::LatLng;
use sdp_lab_geohash::places::Distribution;
use sdp_lab_geohash::{
    Action, EncodePhase, GeohashLab, MAX_ACTIONS, Mode, NeighbourPhase, Params, SearchPhase, State,
    example_scenario,
};

fn run(s: &Scenario<Params, Action>) -> Trace<State> {
    GeohashLab::run(s).unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn every_mode_is_deterministic_and_round_trips_through_json() {
    for mode in Mode::ALL {
        let mut s = example_scenario(mode);
        if matches!(mode, Mode::Search | Mode::Shards | Mode::Cache) {
            s.params.places = 3_000;
            s.params.queries = 60;
        }
        let a = run(&s);
        let b = run(&s);
        assert!(a.len() > 5, "{mode:?}: {} steps", a.len());
        assert_eq!(a, b, "{mode:?}");
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(
            json,
            serde_json::to_string(&b).unwrap(),
            "{mode:?} byte for byte"
        );
        let back: Trace<State> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, a, "{mode:?}");
        let s_back: Scenario<Params, Action> =
            serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(run(&s_back), a);
        for step in &a.steps {
            assert!(!step.narration.is_empty());
            assert!(step.lines.procedure < GeohashLab::procedures().len());
            let lines = GeohashLab::procedures()[step.lines.procedure].lines.len();
            assert!(
                step.lines.lines.iter().all(|&l| l < lines),
                "{mode:?}: {}",
                step.narration
            );
            assert!(step.metrics.iter().all(|m| m.value.is_finite()), "{mode:?}");
            let ok = matches!(
                (&step.state, mode),
                (State::Encode(_), Mode::Encode)
                    | (State::Neighbours(_), Mode::Neighbours)
                    | (State::Sizes(_), Mode::Sizes)
                    | (State::Search(_), Mode::Search)
                    | (State::Haversine(_), Mode::Haversine)
                    | (State::Shards(_), Mode::Shards)
                    | (State::Cache(_), Mode::Cache)
            );
            assert!(ok, "{mode:?} state");
        }
    }
}

#[test]
fn seeds_change_the_workload() {
    let mut s = example_scenario(Mode::Search);
    s.params.places = 2_000;
    let a = run(&s);
    s.seed += 1;
    assert_ne!(run(&s), a);
}

#[test]
fn encode_steps_one_bit_at_a_time() {
    let s = GeohashLab::default_scenario();
    let t = run(&s);
    let mut bits = 0;
    let mut chars = String::new();
    for step in &t.steps {
        let State::Encode(e) = &step.state else {
            panic!()
        };
        if e.job_index > 0 {
            break;
        }
        match e.phase {
            EncodePhase::Bit { step: b } => {
                bits += 1;
                assert_eq!(usize::from(b.index) + 1, bits);
                assert_eq!(usize::from(e.bits_done), bits);
                assert!(e.current.contains(LatLng::new(37.7749, -122.4194)));
            }
            EncodePhase::Char { ch, value, .. } => {
                assert_eq!(bits % 5, 0);
                assert_eq!(
                    sdp_lab_geohash::codec::BASE32[usize::from(value)] as char,
                    ch
                );
                chars.push(ch);
            }
            EncodePhase::Done => assert_eq!(e.current, e.job.bbox),
            EncodePhase::Start => assert_eq!(e.bits_done, 0),
        }
    }
    assert_eq!(bits, 30);
    assert_eq!(chars, "9q8yyk");
}

#[test]
fn neighbours_of_u0b_show_the_document_grid() {
    let t = run(&example_scenario(Mode::Neighbours));
    let doc = t.steps.iter().find_map(|s| match &s.state {
        State::Neighbours(n) if n.phase == NeighbourPhase::DocumentGrid => Some(n.block.clone()),
        _ => None,
    });
    let block = doc.expect("a DocumentGrid step for u0b");
    assert_eq!(block.hash, "u0b");
    assert_eq!(block.grid[0][0].as_deref(), Some("gcp"));
    assert_eq!(block.document_grid.as_ref().unwrap()[0][0], "u09");
    // zzz: three neighbours beyond the pole, two across the date line.
    let zzz = t
        .steps
        .iter()
        .find_map(|s| match &s.state {
            State::Neighbours(n) if n.block.hash == "zzz" => Some(n.block.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(zzz.neighbours.iter().filter(|n| n.beyond_pole).count(), 3);
    assert_eq!(
        zzz.neighbours
            .iter()
            .filter(|n| n.wrapped && n.cell.is_some())
            .count(),
        2
    );
    let east = &zzz.neighbours[2];
    assert_eq!(east.hash.as_deref(), Some("bpb"));
    assert!(
        east.bbox.unwrap().west >= 180.0,
        "drawn east of the date line"
    );
}

#[test]
fn search_compare_step_shows_misses_and_full_recall() {
    let mut s = example_scenario(Mode::Search);
    s.params.places = 5_000;
    let t = run(&s);
    let compare = t
        .steps
        .iter()
        .find_map(|st| match &st.state {
            State::Search(x) if x.phase == SearchPhase::Compare => x.query.clone(),
            _ => None,
        })
        .unwrap();
    let truth = compare.truth.len();
    assert!(truth > 50);
    let [f0, f4, fixed] = &compare.runs[..] else {
        panic!()
    };
    assert_eq!(f0.plan.precision, 4);
    assert_eq!(f4.plan.precision, 6);
    assert_eq!(fixed.plan.precision, 3);
    assert!(!f0.missed.is_empty(), "F0 p4 misses at 30 km");
    assert!(f4.missed.len() > truth / 2);
    assert!(fixed.missed.is_empty());
    assert_eq!(fixed.within.len(), truth);
    assert_eq!(f0.within.len() + f0.missed.len(), truth);
}

#[test]
fn invalid_params_name_the_field_and_range() {
    let bad = Scenario {
        params: Params {
            lat: 91.0,
            lng: -180.5,
            precision: 13,
            hash: "u0a".into(),
            to_lat: f64::NAN,
            radius_km: 0.0,
            top: 0,
            places: 100_001,
            queries: 0,
            locality: 101,
            interval_s: 0,
            ttl_s: 0,
            fence_m: 2_000_000,
            ..Params::default()
        },
        seed: 1,
        actions: vec![
            Action::Cell("".into()),
            Action::Query {
                at: LatLng::new(0.0, 0.0),
                radius_km: 5.0,
            },
            Action::Point(LatLng::new(0.0, 200.0)),
        ],
    };
    let errors = GeohashLab::run(&bad).unwrap_err();
    let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    // The kit's validation checks the actions once the parameters are valid (below).
    assert!(!text.iter().any(|t| t.starts_with("actions[")), "{text:#?}");
    for expected in [
        "lat: must be between -90 and 90 (got 91)",
        "lat2: must be between -90 and 90 (got NaN)",
        "precision: must be between 1 and 12 (got 13)",
        "radius: must be between 0.01 and 10000 (got 0)",
        "top: must be between 1 and 100 (got 0)",
        "places: must be between 1 and 100000 (got 100001)",
        "queries: must be between 1 and 1000 (got 0)",
        "locality: must be between 0 and 100 (got 101)",
        "fence: must be between 0 and 1000000 (got 2000000)",
    ] {
        assert!(
            text.contains(&expected.to_string()),
            "{expected} not in {text:#?}"
        );
    }
    assert!(
        text.iter()
            .any(|t| t.starts_with("hash: 'a' at position 3")),
        "{text:#?}"
    );
    // Every field is checked on its own: lng is reported beside lat.
    assert!(
        text.contains(&"lng: must be between -180 and 180 (got -180.5)".to_string()),
        "{text:#?}"
    );
    let with_valid_params = Scenario {
        params: Params::default(),
        ..bad
    };
    let errors = GeohashLab::run(&with_valid_params).unwrap_err();
    let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert!(
        text.iter().any(|t| t.starts_with("actions[0]: is empty")),
        "{text:#?}"
    );
    assert!(
        text.iter()
            .any(|t| t.starts_with("actions[1]: this action is not available in mode encode"))
    );
    assert!(
        text.iter()
            .any(|t| t == "actions[2]: lng: must be between -180 and 180 (got 200)"),
        "{text:#?}"
    );
}

#[test]
fn caps_are_enforced() {
    let mut s = example_scenario(Mode::Cache);
    s.params.places = 20_001;
    assert!(
        GeohashLab::run(&s).is_err(),
        "cache mode holds at most 20,000 hotels"
    );
    s.params.places = 100;
    s.params.radius_km = 60.0;
    assert!(GeohashLab::run(&s).is_err(), "cache radius ≤ 50 km");
    let mut s = example_scenario(Mode::Encode);
    s.actions = vec![Action::Point(LatLng::new(1.0, 1.0)); MAX_ACTIONS + 1];
    let errors = GeohashLab::run(&s).unwrap_err();
    assert_eq!(errors[0].field, "actions");
    let mut s = example_scenario(Mode::Search);
    s.params.places = 100_000;
    assert!(
        GeohashLab::validate(&s).is_empty(),
        "100,000 businesses are allowed"
    );
}

#[test]
fn url_round_trip_in_every_mode() {
    for mode in Mode::ALL {
        let mut s = example_scenario(mode);
        s.seed = 987_654_321;
        s.params.lat = -33.868_8;
        s.params.top = 7;
        s.params.distribution = Distribution::Uniform;
        let pairs = GeohashLab::to_query(&s);
        let text = encode(&pairs);
        let (back, errors) = GeohashLab::from_query(&parse(&text));
        assert!(errors.is_empty(), "{mode:?}: {errors:?}");
        assert_eq!(back, s, "{mode:?}: {text}");
        assert!(pairs.iter().any(|(k, v)| k == "mode" && v == mode.as_str()));
    }
    // Only the mode's own keys and the changed ones are written.
    let q = encode(&GeohashLab::to_query(&example_scenario(Mode::Neighbours)));
    assert_eq!(
        q,
        "mode=neighbours&precision=3&hash=u0b&seed=42&a=cell%3Azzz&a=cell%3As00"
    );
}

#[test]
fn url_junk_falls_back_and_is_reported() {
    let junk = parse(
        "mode=search&lat=95&lng=abc&precision=0&hash=u0i&radius=-3&places=200000&dist=dense&top=x&a=q:1,2&a=pt:10,10&a=d:1,2,3,4&a=cell:zz&a=zap&wat=1&step=3&embed=1",
    );
    let (s, errors) = GeohashLab::from_query(&junk);
    let d = Params::for_mode(Mode::Search);
    assert_eq!(s.params, d);
    assert_eq!(s.actions, vec![Action::Point(LatLng::new(10.0, 10.0))]);
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "lat",
            "lng",
            "precision",
            "hash",
            "radius",
            "top",
            "places",
            "dist",
            "a[0]",
            "a[2]",
            "a[3]",
            "a[4]",
            "wat"
        ]
    );
    assert!(GeohashLab::run(&s).is_ok());
    let (s, errors) = GeohashLab::from_query(&parse("mode=teleport"));
    assert_eq!(s.params.mode, Mode::Encode);
    assert_eq!(errors[0].field, "mode");
}

#[test]
fn empty_query_gives_the_default_scenario() {
    let (s, errors) = GeohashLab::from_query(&parse("step=4&embed=1"));
    assert_eq!(s, GeohashLab::default_scenario());
    assert!(errors.is_empty());
    assert_eq!(GeohashLab::INFO.id, "geohash");
}

#[test]
fn uppercase_hashes_are_read_as_lower_case() {
    let mut s = example_scenario(Mode::Neighbours);
    s.params.hash = "U0B".into();
    s.actions.clear();
    let t = run(&s);
    let State::Neighbours(n) = &t.steps[0].state else {
        panic!()
    };
    assert_eq!(n.block.hash, "u0b");
}
