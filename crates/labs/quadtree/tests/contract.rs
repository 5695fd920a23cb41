//! The kit's one contract test on this lab, and the URL the lab writes compared with the old
//! reader's (`crates/sdp-spatial/src/quadtree/url.rs` before the port, kept here verbatim).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::disallowed_methods,
    reason = "the contract test reports how long it takes"
)]

use sdp_kit::conformance::{Effort, check};
use sdp_kit::lab::{Contract, Scenario};
use sdp_kit::query::{encode, parse};
use sdp_lab_quadtree::tree::Rect;
use sdp_lab_quadtree::{Action, Conversion, Distribution, Params, QuadtreeLab, WORLD};
use std::time::Instant;

#[test]
fn conformance() {
    let t = Instant::now();
    check::<QuadtreeLab>(Effort::default());
    eprintln!("conformance: {:?}", t.elapsed());
}

fn old_action_text(a: &Action) -> String {
    match a {
        Action::AddPoint { lng, lat } => format!("p:{lng},{lat}"),
        Action::Query {
            lng,
            lat,
            radius_km,
        } => format!("q:{lng},{lat},{radius_km}"),
    }
}

fn rect_text(r: &Rect) -> String {
    format!("{},{},{},{}", r.min_x, r.min_y, r.max_x, r.max_y)
}

/// The URL the lab wrote before the port.
fn old_to_query(s: &Scenario<Params, Action>) -> Vec<(String, String)> {
    let p = &s.params;
    let mut q = vec![
        ("dist".to_string(), p.dist.as_str().to_string()),
        ("points".to_string(), p.points.to_string()),
        ("capacity".to_string(), p.capacity.to_string()),
        ("max_depth".to_string(), p.max_depth.to_string()),
        ("detailed".to_string(), p.detailed.to_string()),
        ("bounds".to_string(), rect_text(&p.bounds)),
        ("conv".to_string(), p.conv.as_str().to_string()),
        ("seed".to_string(), s.seed.to_string()),
    ];
    q.extend(
        s.actions
            .iter()
            .map(|a| ("a".to_string(), old_action_text(a))),
    );
    q
}

#[test]
fn the_url_is_the_same_text_as_before() {
    let base = QuadtreeLab::default_scenario();
    let scenarios = [
        base.clone(),
        Scenario {
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
                    lat: 59.123_456_789_012_345,
                },
                Action::Query {
                    lng: -78.47,
                    lat: -0.18,
                    radius_km: 123.456,
                },
            ],
        },
        Scenario {
            params: Params {
                points: 0,
                detailed: 0,
                bounds: Rect::new(-25.0, 34.0, 45.0, 72.0),
                ..Params::default()
            },
            seed: 0,
            actions: Vec::new(),
        },
    ];
    for s in &scenarios {
        assert!(QuadtreeLab::validate(s).is_empty(), "{s:?}");
        assert_eq!(encode(&QuadtreeLab::to_query(s)), encode(&old_to_query(s)));
        let (back, errors) = QuadtreeLab::from_query(&parse(&encode(&old_to_query(s))));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(&back, s);
    }
    assert_eq!(base.params.bounds, WORLD);
    assert_eq!(
        encode(&QuadtreeLab::to_query(&base)),
        "dist=cities&points=600&capacity=4&max_depth=12&detailed=24&bounds=-180%2C-90%2C180%2C90&\
         conv=doc&seed=42&a=p%3A0%2C0&a=q%3A10.75%2C59.91%2C500"
    );
}

/// Every message of the old reader, word for word (the e2e tests and the docs quote them).
#[test]
fn the_old_messages_are_kept() {
    let (_, errors) = QuadtreeLab::from_query(&parse(
        "dist=blob&points=-5&capacity=0&max_depth=31&detailed=201&bounds=1,2,3&conv=x&seed=-1\
         &a=p:500,0&a=q:0,0,0&a=q:0,95,5&a=q:200,0,5&a=zz&wat=1",
    ));
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        text,
        [
            "dist: must be cities or uniform (got blob)",
            "points: must be between 0 and 10000 (got -5)",
            "capacity: must be between 1 and 100 (got 0)",
            "max_depth: must be between 1 and 30 (got 31)",
            "detailed: must be between 0 and 200 (got 201)",
            "bounds: must be four numbers min_lng,min_lat,max_lng,max_lat (got 1,2,3)",
            "conv: must be doc or fixed (got x)",
            "seed: must be between 0 and 18446744073709551615 (got -1)",
            "a[0]: point (500, 0) is outside the boundary lng -180…180, lat -90…90; dropped",
            "a[1]: query radius must be more than 0 and at most 20000 km (got 0); dropped",
            "a[2]: query latitude must be between -90 and 90 (got 95); dropped",
            "a[3]: query longitude must be between -180 and 180 (got 200); dropped",
            "a[4]: “zz” is not an action (p:LNG,LAT or q:LNG,LAT,RADIUS_KM); dropped",
            "wat: unknown parameter, ignored",
        ]
    );
    let (_, errors) = QuadtreeLab::from_query(&parse("bounds=10,10,5,5"));
    assert_eq!(
        errors[0].to_string(),
        "bounds: must be min_lng,min_lat,max_lng,max_lat inside −180…180 × −90…90, each side at \
         least 0.001° (got 10,10,5,5)"
    );
    let many: String = (0..10).map(|_| "&a=q:0,0,10").collect();
    let (s, errors) = QuadtreeLab::from_query(&parse(&many));
    assert_eq!(s.actions.len(), 8);
    assert_eq!(errors[0].to_string(), "a[8]: at most 8 queries; dropped");
}
