//! The kit's one contract test, and the URL the lab writes compared with the old writer's.
#![allow(
    clippy::disallowed_methods,
    reason = "the contract test reports how long it takes"
)]

use sdp_kit::conformance::{Effort, check};
use sdp_kit::lab::{Contract, Scenario};
use sdp_kit::query::{encode, parse};
use sdp_lab_z_order::skipping::{COLUMN_NAMES, DataShape, Predicate, QueryKind};
use sdp_lab_z_order::url::kind_text;
use sdp_lab_z_order::{
    Action, BitsParams, CurvesParams, GridBox, Mode, Params, SkipParams, ZOrderLab,
};
use std::time::Instant;

#[test]
fn conformance() {
    let t = Instant::now();
    check::<ZOrderLab>(Effort::default());
    eprintln!("conformance: {:?}", t.elapsed());
}

fn pair(k: &str, v: impl ToString) -> (String, String) {
    (k.to_string(), v.to_string())
}

fn old_action_text(a: &Action) -> String {
    let Action::Query(q) = a;
    let parts: Vec<String> = q
        .ranges
        .iter()
        .map(|r| match r {
            None => "*".to_string(),
            Some((lo, hi)) if lo == hi => lo.to_string(),
            Some((lo, hi)) => format!("{lo}-{hi}"),
        })
        .collect();
    format!("q:{}", parts.join(","))
}

/// The URL the lab wrote before the port (the old `url::to_query`, kept here verbatim).
fn old_to_query(s: &Scenario<Params, Action>) -> Vec<(String, String)> {
    let mut q = vec![pair("mode", s.params.mode.id())];
    match s.params.mode {
        Mode::Bits => {
            let b = &s.params.bits;
            let values: Vec<String> = b.values.iter().map(u64::to_string).collect();
            q.push(pair("values", values.join(",")));
            q.push(pair("bits", b.bits));
        }
        Mode::Curves => {
            let c = &s.params.curves;
            q.push(pair("order", c.order));
            q.push(pair(
                "box",
                match c.query {
                    None => "none".to_string(),
                    Some(b) => format!("{},{},{},{}", b.x0, b.y0, b.x1, b.y1),
                },
            ));
        }
        Mode::Skip => {
            let p = &s.params.skip;
            q.push(pair("rows", p.rows));
            q.push(pair("columns", p.columns));
            q.push(pair("value_bits", p.value_bits));
            q.push(pair("rows_per_file", p.rows_per_file));
            q.push(pair(
                "sort",
                COLUMN_NAMES
                    .get(usize::from(p.sort_column))
                    .copied()
                    .unwrap_or("x"),
            ));
            q.push(pair(
                "data",
                match p.data {
                    DataShape::Uniform => "uniform",
                    DataShape::Clustered => "clustered",
                },
            ));
            q.push(pair("batch", p.batch));
            q.push(pair("width", p.width_pct));
            q.push(pair("kind", kind_text(p.kind)));
        }
    }
    q.push(pair("seed", s.seed));
    q.extend(s.actions.iter().map(|a| pair("a", old_action_text(a))));
    q
}

#[test]
fn the_url_is_the_same_text_as_before() {
    let mut scenarios: Vec<_> = (0..3).map(ZOrderLab::mode_scenario).collect();
    for (params, actions) in [
        (
            Params::with_bits(BitsParams {
                values: vec![7, 0, 5],
                bits: 3,
            }),
            vec![],
        ),
        (
            Params::with_curves(CurvesParams {
                order: 5,
                query: None,
            }),
            vec![],
        ),
        (
            Params::with_curves(CurvesParams {
                order: 4,
                query: Some(GridBox {
                    x0: 0,
                    y0: 3,
                    x1: 15,
                    y1: 3,
                }),
            }),
            vec![],
        ),
        (
            Params::with_skip(SkipParams {
                rows: 3_000,
                columns: 3,
                value_bits: 10,
                rows_per_file: 100,
                sort_column: 2,
                data: DataShape::Clustered,
                batch: 0,
                width_pct: 25,
                kind: QueryKind::Column(2),
            }),
            vec![Action::Query(Predicate {
                ranges: vec![Some((3, 3)), None, Some((10, 900))],
            })],
        ),
        (
            Params::with_skip(SkipParams {
                kind: QueryKind::Box,
                sort_column: 1,
                ..SkipParams::default()
            }),
            vec![],
        ),
    ] {
        scenarios.push(Scenario {
            params,
            seed: 11,
            actions,
        });
    }
    for s in &scenarios {
        assert!(ZOrderLab::validate(s).is_empty(), "{s:?}");
        let text = encode(&ZOrderLab::to_query(s));
        assert_eq!(text, encode(&old_to_query(s)));
        let (back, errors) = ZOrderLab::from_query(&parse(&text));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(&back, s);
    }
    assert_eq!(
        encode(&ZOrderLab::to_query(&ZOrderLab::default_scenario())),
        "mode=bits&values=5%2C3&bits=4&seed=42"
    );
}
