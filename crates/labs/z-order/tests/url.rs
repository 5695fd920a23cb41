//! The z-order scenario in the URL: each bad field named with what it allows, round trips of
//! every mode, and junk that falls back to the defaults (moved out of `lab.rs`).

use sdp_kit::lab::{Contract, Scenario};
use sdp_lab_z_order::skipping::{DataShape, Predicate, QueryKind};
use sdp_lab_z_order::{Action, BitsParams, CurvesParams, GridBox, Params, SkipParams, ZOrderLab};

#[test]
fn invalid_input_names_the_field() {
    let text = |p: Params, actions: Vec<Action>| -> Vec<String> {
        ZOrderLab::run(&Scenario {
            params: p,
            seed: 1,
            actions,
        })
        .unwrap_err()
        .iter()
        .map(|e| e.to_string())
        .collect()
    };
    let t = text(
        Params::with_curves(CurvesParams {
            order: 9,
            query: None,
        }),
        vec![],
    );
    assert_eq!(t, ["order: must be between 1 and 8 (got 9)"]);
    let t = text(
        Params::with_curves(CurvesParams {
            order: 3,
            query: Some(GridBox {
                x0: 0,
                y0: 0,
                x1: 8,
                y1: 1,
            }),
        }),
        vec![],
    );
    assert!(t[0].starts_with("box:"), "{t:?}");
    let t = text(
        Params::with_bits(BitsParams {
            values: vec![16, 3],
            bits: 4,
        }),
        vec![],
    );
    assert!(
        t[0].starts_with("values: x = 16 does not fit in 4 bits"),
        "{t:?}"
    );
    let t = text(
        Params::with_bits(BitsParams {
            values: vec![1],
            bits: 17,
        }),
        vec![],
    );
    assert_eq!(t.len(), 2, "{t:?}");
    let t = text(
        Params::with_skip(SkipParams {
            rows: 100_001,
            columns: 4,
            value_bits: 0,
            rows_per_file: 10,
            sort_column: 3,
            batch: 1_001,
            width_pct: 0,
            kind: QueryKind::Column(5),
            ..SkipParams::default()
        }),
        vec![Action::Query(Predicate {
            ranges: vec![Some((5, 1)), None],
        })],
    );
    for field in [
        "rows:",
        "columns:",
        "value_bits:",
        "rows_per_file:",
        "sort:",
        "batch:",
        "width:",
        "kind:",
    ] {
        assert!(t.iter().any(|e| e.starts_with(field)), "{field} in {t:?}");
    }
    // The kit checks actions once the parameters are valid (the old reader checked both at
    // once); with valid parameters the same action is reported.
    let t = text(
        Params::with_skip(SkipParams::default()),
        vec![Action::Query(Predicate {
            ranges: vec![Some((5, 1)), None],
        })],
    );
    assert!(t.iter().any(|e| e.starts_with("actions[0]:")), "{t:?}");
    // Too many files for the rows.
    let t = text(
        Params::with_skip(SkipParams {
            rows: 100_000,
            rows_per_file: 99,
            ..SkipParams::default()
        }),
        vec![],
    );
    assert_eq!(
        t,
        ["rows_per_file: must be between 100 and 100000 (got 99)"]
    );
    // Queries only in skip mode, and they must fit the table.
    let q = Action::Query(Predicate {
        ranges: vec![Some((1, 2)), None],
    });
    assert!(text(Params::default(), vec![q])[0].contains("only in mode=skip"));
    let t = text(
        Params::with_skip(SkipParams::default()),
        vec![
            Action::Query(Predicate {
                ranges: vec![None, None],
            }),
            Action::Query(Predicate {
                ranges: vec![Some((0, 256)), None],
            }),
            Action::Query(Predicate {
                ranges: vec![Some((0, 1))],
            }),
        ],
    );
    assert_eq!(t.len(), 3, "{t:?}");
}

#[test]
fn url_round_trip_and_junk() {
    let scenarios = [
        Scenario {
            params: Params::with_bits(BitsParams {
                values: vec![9, 0, 65_535],
                bits: 16,
            }),
            seed: 3,
            actions: vec![],
        },
        Scenario {
            params: Params::with_curves(CurvesParams {
                order: 5,
                query: None,
            }),
            seed: 4,
            actions: vec![],
        },
        Scenario {
            params: Params::with_curves(CurvesParams {
                order: 5,
                query: Some(GridBox {
                    x0: 1,
                    y0: 2,
                    x1: 30,
                    y1: 31,
                }),
            }),
            seed: 4,
            actions: vec![],
        },
        Scenario {
            params: Params::with_skip(SkipParams {
                rows: 5_000,
                columns: 3,
                value_bits: 12,
                rows_per_file: 77,
                sort_column: 2,
                data: DataShape::Clustered,
                batch: 0,
                width_pct: 3,
                kind: QueryKind::Column(1),
            }),
            seed: u64::MAX,
            actions: vec![Action::Query(Predicate {
                ranges: vec![Some((1, 4000)), None, Some((9, 9))],
            })],
        },
    ];
    for s in scenarios {
        let text = sdp_kit::query::encode(&ZOrderLab::to_query(&s));
        let (back, errors) = ZOrderLab::from_query(&sdp_kit::query::parse(&text));
        assert!(errors.is_empty(), "{text}: {errors:?}");
        assert_eq!(back, s, "{text}");
    }
    let junk =
        sdp_kit::query::parse("mode=curves&order=12&box=1,2&rows=5&a=q:1-2,*&step=2&embed=1&zzz=0");
    let (fallback, errors) = ZOrderLab::from_query(&junk);
    assert_eq!(
        fallback.params,
        Params::with_curves(CurvesParams::default())
    );
    assert!(fallback.actions.is_empty());
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["order", "box", "a[0]", "rows", "zzz"]);
    let junk = sdp_kit::query::parse(
        "mode=skip&rows=100&rows_per_file=0&sort=w&data=x&kind=q&a=q:1-2&a=q:*,*&a=q:a-b,3",
    );
    let (fallback, errors) = ZOrderLab::from_query(&junk);
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "rows_per_file",
            "sort",
            "data",
            "kind",
            "a[0]",
            "a[1]",
            "a[2]"
        ]
    );
    assert!(ZOrderLab::run(&fallback).is_ok());
    let (fallback, errors) = ZOrderLab::from_query(&sdp_kit::query::parse("mode=nope&bits=2"));
    assert_eq!(errors.len(), 1);
    assert!(
        ZOrderLab::run(&fallback).is_ok(),
        "values fall back to fit 2 bits"
    );
    let (d, errors) = ZOrderLab::from_query(&[("step".into(), "3".into())]);
    assert_eq!(d, ZOrderLab::default_scenario());
    assert!(errors.is_empty());
}
