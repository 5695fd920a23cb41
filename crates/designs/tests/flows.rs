//! Contract tests of the request-flow traces, the URL codec, routes, lookup and the index,
//! plus property tests on typed input and URLs.

use proptest::prelude::*;
use sdp_designs::estimate::{Inputs, evaluate, parse_input};
use sdp_designs::flow::{FlowState, flow_trace};
use sdp_designs::url::{DesignQuery, Route, design_href, from_query, parse_route, to_query};
use sdp_designs::{Theme, design, designs, index, lookup};
use sdp_kit::query::{encode, parse};
use std::collections::BTreeMap;

#[test]
fn every_flow_is_a_faithful_deterministic_trace() {
    for d in designs() {
        for (fi, flow) in d.flows.iter().enumerate() {
            let trace = flow_trace(d, &flow.id).unwrap();
            assert_eq!(
                trace,
                flow_trace(d, &flow.id).unwrap(),
                "{}.{}",
                d.id,
                flow.id
            );
            assert_eq!(trace.len(), flow.steps.len());
            let mut seen = 0;
            for (k, (step, src)) in trace.steps.iter().zip(&flow.steps).enumerate() {
                let s = &step.state;
                assert_eq!(
                    (s.design.as_str(), s.flow.as_str(), s.step),
                    (d.id.as_str(), flow.id.as_str(), k)
                );
                assert_eq!(
                    (&s.from, &s.to, &s.message),
                    (&src.from, &src.to, &src.message)
                );
                assert_eq!(step.narration, src.narration);
                assert_eq!(step.lines.procedure, fi);
                assert_eq!(step.lines.lines, vec![k]);
                assert!(s.active.contains(&s.from) && s.active.contains(&s.to));
                assert!(s.active.iter().all(|a| s.visited.contains(a)));
                assert!(s.visited.len() >= seen, "visited only grows");
                seen = s.visited.len();
                assert_eq!(s.hops.len(), flow.steps.len());
                assert_eq!(s.diagram.components.len(), d.components.len());
                assert_eq!(
                    step.metrics[0].text,
                    format!("{} of {}", k + 1, flow.steps.len())
                );
            }
            let json = serde_json::to_string(&trace).unwrap();
            let back: sdp_kit::lab::Trace<FlowState> = serde_json::from_str(&json).unwrap();
            assert_eq!(back, trace, "{}.{}", d.id, flow.id);
        }
    }
}

#[test]
fn steps_share_the_diagram_and_hops() {
    let d = design("url-shortener").unwrap();
    let trace = flow_trace(d, "redirect-miss").unwrap();
    let (a, b) = (&trace.steps[0].state, &trace.steps[3].state);
    assert!(std::sync::Arc::ptr_eq(&a.diagram, &b.diagram));
    assert!(std::sync::Arc::ptr_eq(&a.hops, &b.hops));
    assert_eq!(
        b.visited,
        vec!["client", "gateway", "read-service", "cache"]
    );
    assert_eq!(b.active, vec!["cache", "read-service"]);
}

#[test]
fn an_unknown_flow_is_an_error_naming_the_field() {
    let d = design("url-shortener").unwrap();
    let e = flow_trace(d, "teleport").unwrap_err();
    assert_eq!(e.field, "flow");
    assert!(
        e.message.contains("create, redirect-hit, redirect-miss"),
        "{}",
        e.message
    );
    let mut broken = d.clone();
    broken.flows[0].steps[1].to = "ghost".into();
    let e = flow_trace(&broken, "create").unwrap_err();
    assert_eq!(e.field, "create.step[1].to");
}

#[test]
fn url_round_trip_and_defaults() {
    for d in designs() {
        let default = DesignQuery::default_for(d);
        assert_eq!(default.flow, d.flows[0].id);
        let (q, errors) = from_query(d, &[]);
        assert_eq!((q, errors), (default.clone(), vec![]));
        let (q, errors) = from_query(d, &parse("step=4&embed=1"));
        assert!(errors.is_empty());
        assert_eq!(q, default);
        // Every flow, plus an override of every input at its maximum.
        for flow in &d.flows {
            let q = DesignQuery {
                flow: flow.id.clone(),
                inputs: d
                    .inputs
                    .iter()
                    .filter(|i| i.max != i.value)
                    .map(|i| (i.id.clone(), i.max))
                    .collect(),
            };
            let pairs = to_query(d, &q);
            let (back, errors) = from_query(d, &parse(&encode(&pairs)));
            assert!(errors.is_empty(), "{}: {errors:?}", d.id);
            assert_eq!(back, q);
        }
    }
}

#[test]
fn url_junk_falls_back_and_is_reported() {
    let d = design("url-shortener").unwrap();
    let query = "flow=teleport&in.urls_per_day=-3&in.nope=1&in.bytes_per_url=800&color=red&step=2";
    let (q, errors) = from_query(d, &parse(query));
    assert_eq!(q.flow, "create");
    assert_eq!(
        q.inputs,
        BTreeMap::from([("bytes_per_url".to_string(), 800.0)])
    );
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, vec!["flow", "in.urls_per_day", "in.nope", "color"]);
    assert!(errors[1].message.contains("must not be negative"));
    // An override equal to the document's value is not kept; the last repeated key wins.
    let (q, errors) = from_query(
        d,
        &parse("in.alphabet=62&in.code_length=6&in.code_length=8"),
    );
    assert!(errors.is_empty());
    assert_eq!(q.inputs, BTreeMap::from([("code_length".to_string(), 8.0)]));
    assert_eq!(
        design_href(d, &q),
        "#/design/url-shortener?flow=create&in.code_length=8"
    );
}

#[test]
fn routes() {
    assert_eq!(parse_route("#/designs"), Some(Route::Index));
    assert_eq!(parse_route("/designs/"), Some(Route::Index));
    assert_eq!(
        parse_route("#/design/proximity-service?flow=search-nearby&step=3"),
        Some(Route::Design("proximity-service".into()))
    );
    assert_eq!(
        parse_route("#/design/no%20such"),
        Some(Route::Design("no such".into()))
    );
    assert_eq!(parse_route("#/design/"), None);
    assert_eq!(parse_route("#/design/a/b"), None);
    assert_eq!(parse_route("#/lab/hash-ring"), None);
    assert_eq!(parse_route(""), None);
}

#[test]
fn unknown_designs_get_suggestions() {
    assert_eq!(lookup("url-shortener").unwrap().id, "url-shortener");
    let e = lookup("proximity").unwrap_err();
    assert!(
        e.suggestions.contains(&"proximity-service"),
        "{:?}",
        e.suggestions
    );
    assert!(
        e.suggestions
            .contains(&"hotel-booking-with-proximity-search"),
        "{:?}",
        e.suggestions
    );
    let e = lookup("rate-limitr").unwrap_err();
    assert_eq!(e.suggestions.first(), Some(&"rate-limiter"));
    let e = lookup("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz").unwrap_err();
    assert!(e.suggestions.is_empty());
    assert!(lookup("").is_err());
    assert!(lookup(&"x".repeat(10_000)).is_err());
}

#[test]
fn the_index_groups_every_design_once_by_theme() {
    let groups = index("");
    let total: usize = groups.iter().map(|(_, ds)| ds.len()).sum();
    assert_eq!(total, designs().len());
    let themes: Vec<Theme> = groups.iter().map(|(t, _)| *t).collect();
    // F0's designs fill the first seven themes; Concepts holds F4's concept topics.
    assert_eq!(
        themes[..7],
        Theme::ALL[..7],
        "every theme has a design, in order"
    );
    assert!(themes.len() == 7 || themes == Theme::ALL);
    // F0's designs only (F4's add to these lists as they land).
    let f0 = |filter: &str| -> Vec<&str> {
        index(filter)
            .iter()
            .flat_map(|(_, ds)| ds.iter())
            .filter(|d| d.source.document == "F0")
            .map(|d| d.id.as_str())
            .collect()
    };
    let geo = f0("geohash");
    assert_eq!(geo, vec!["ride-sharing-service", "proximity-service"]);
    let both = f0("LOCK redlock");
    assert_eq!(both, vec!["distributed-lock-service"]);
    assert!(index("no design has this phrase").is_empty());
}

#[test]
fn editing_an_input_changes_the_figures_that_use_it() {
    for d in designs() {
        let base = evaluate(d, &BTreeMap::new());
        for i in &d.inputs {
            let users: Vec<&str> = d
                .figures
                .iter()
                .filter(|f| {
                    sdp_designs::expr::Formula::parse(&f.formula)
                        .unwrap()
                        .names()
                        .contains(&i.id.as_str())
                })
                .map(|f| f.id.as_str())
                .collect();
            if users.is_empty() {
                continue;
            }
            // Some edit (double, half, the minimum or the maximum) changes a figure that uses
            // the input; one edit alone may be absorbed by ceil/min/max.
            let changed = [i.value * 2.0, i.value / 2.0, i.min, i.max]
                .iter()
                .any(|&v| {
                    let mut inputs = Inputs::default();
                    if inputs
                        .edit(d, &i.id, &sdp_designs::units::plain(v))
                        .is_err()
                    {
                        return false;
                    }
                    let eval = evaluate(d, &inputs.values);
                    users
                        .iter()
                        .any(|f| base.figure(f).unwrap().value != eval.figure(f).unwrap().value)
                });
            assert!(changed, "{}: no figure changes with {}", d.id, i.id);
        }
    }
}

fn design_and_values() -> impl Strategy<Value = (usize, Vec<f64>)> {
    (0..designs().len()).prop_flat_map(|k| {
        let ranges: Vec<_> = designs()[k].inputs.iter().map(|_| 0.0..=1.0f64).collect();
        (Just(k), ranges)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_valid_overrides_evaluate_and_round_trip((k, fractions) in design_and_values(), flow in 0usize..6) {
        let d = &designs()[k];
        let mut inputs = BTreeMap::new();
        for (i, t) in d.inputs.iter().zip(&fractions) {
            let mut v = i.min + (i.max - i.min) * t;
            if i.integer { v = v.round(); }
            if parse_input(i, &sdp_designs::units::plain(v)).is_ok() {
                inputs.insert(i.id.clone(), v);
            }
        }
        let eval = evaluate(d, &inputs);
        prop_assert_eq!(eval.figures.len(), d.figures.len());
        let q = DesignQuery { flow: d.flows[flow % d.flows.len()].id.clone(), inputs: inputs.clone() };
        let (back, errors) = from_query(d, &parse(&encode(&to_query(d, &q))));
        prop_assert!(errors.is_empty(), "{:?}", errors);
        let kept: BTreeMap<String, f64> = inputs.into_iter().filter(|(id, v)| d.input(id).map(|i| i.value) != Some(*v)).collect();
        prop_assert_eq!(back.inputs, kept);
    }

    #[test]
    fn typed_text_never_panics(text in ".{0,60}", k in 0usize..21) {
        let d = &designs()[k % designs().len()];
        let i = &d.inputs[0];
        if let Ok(v) = parse_input(i, &text) {
            prop_assert!(v >= i.min && v <= i.max && v.is_finite());
        }
        let _ = from_query(d, &parse(&text));
        let _ = sdp_designs::expr::Formula::parse(&text);
        let _ = parse_route(&text);
    }
}
