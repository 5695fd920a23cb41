//! Unit tests of the estimation evaluator: units and conversions (per day → per second,
//! bytes → TB, × 365, peak factor), precedence, errors, cycles, input validation and the
//! "keep the last valid value" behaviour.

use sdp_designs::estimate::{Inputs, Plan, evaluate, parse_input};
use sdp_designs::expr::Formula;
use sdp_designs::model::{Estimation, Figure, Input};
use sdp_designs::units::Unit;
use std::collections::BTreeMap;

/// A hand-built estimation.
struct Est {
    inputs: Vec<Input>,
    figures: Vec<Figure>,
}

impl Estimation for Est {
    fn inputs(&self) -> &[Input] {
        &self.inputs
    }
    fn figures(&self) -> &[Figure] {
        &self.figures
    }
}

fn input(id: &str, value: f64, unit: &str, min: f64, max: f64) -> Input {
    Input {
        id: id.into(),
        label: id.into(),
        value,
        unit: unit.into(),
        min,
        max,
        integer: false,
        source: String::new(),
        stated: "test".into(),
        note: String::new(),
    }
}

fn figure(id: &str, formula: &str, unit: &str) -> Figure {
    Figure {
        id: id.into(),
        label: id.into(),
        formula: formula.into(),
        unit: unit.into(),
        source: String::new(),
        stated: None,
        note: "test".into(),
        tolerance: None,
    }
}

fn eval_one(formula: &str) -> Result<f64, String> {
    Formula::parse(formula)
        .map_err(|e| e.to_string())?
        .eval(&|_| None)
        .map_err(|e| e.message)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

/// The URL shortener's estimate as a small estimation.
fn shortener() -> Est {
    Est {
        inputs: vec![
            input("urls", 100.0, "M/day", 0.001, 1e6),
            input("size", 500.0, "B", 1.0, 1e6),
            input("peak_factor", 3.0, "x", 1.0, 100.0),
        ],
        figures: vec![
            figure("write_qps", "per_second(urls)", "/s"),
            figure("yearly", "per_year(urls) * size", "B/yr"),
            figure("peak_qps", "peak(write_qps, peak_factor)", "/s"),
            figure("daily", "urls * size", "B/day"),
        ],
    }
}

#[test]
fn per_day_to_per_second() {
    assert!(close(eval_one("per_second(86400)").unwrap(), 1.0));
    let eval = evaluate(&shortener(), &BTreeMap::new());
    let qps = eval.figure("write_qps").unwrap();
    assert!(close(qps.value.unwrap(), 100e6 / 86_400.0));
    assert_eq!(qps.text, "1.16 K/s");
    assert!(close(eval_one("per_day(1)").unwrap(), 86_400.0));
}

#[test]
fn bytes_to_terabytes_with_decimal_si_units() {
    let eval = evaluate(&shortener(), &BTreeMap::new());
    let yearly = eval.figure("yearly").unwrap();
    assert!(close(yearly.value.unwrap(), 18.25e12));
    assert_eq!(yearly.text, "18.3 TB/yr");
    assert_eq!(eval.figure("daily").unwrap().text, "50 GB/day");
    // 1 KB = 1 000 B, not 1 024.
    assert_eq!(eval_one("KB").unwrap(), 1000.0);
    assert_eq!(Unit::parse("B").unwrap().format(1024.0), "1.02 KB");
    assert_eq!(Unit::parse("B").unwrap().format(1500.0), "1.5 KB");
    assert_eq!(Unit::parse("B").unwrap().format(3.65e12), "3.65 TB");
    assert_eq!(Unit::parse("B").unwrap().format(2.5e15), "2.5 PB");
    assert_eq!(Unit::parse("MB").unwrap().to_base(300.0), 300e6);
}

#[test]
fn times_365() {
    assert!(close(eval_one("per_year(50 * GB)").unwrap(), 18.25e12));
    assert!(close(eval_one("per_year(1)").unwrap(), 365.0));
}

#[test]
fn peak_factor() {
    let eval = evaluate(&shortener(), &BTreeMap::new());
    let peak = eval.figure("peak_qps").unwrap();
    assert!(close(peak.value.unwrap(), 3.0 * 100e6 / 86_400.0));
    assert_eq!(peak.text, "3.47 K/s");
    let mut values = BTreeMap::new();
    values.insert("peak_factor".to_string(), 5.0);
    let eval = evaluate(&shortener(), &values);
    assert!(close(
        eval.figure("peak_qps").unwrap().value.unwrap(),
        5.0 * 100e6 / 86_400.0
    ));
    assert!(!eval.at_document_values);
}

#[test]
fn precedence_and_associativity() {
    let cases = [
        ("2 + 3 * 4", 14.0),
        ("(2 + 3) * 4", 20.0),
        ("10 - 2 - 3", 5.0),
        ("100 / 10 / 2", 5.0),
        ("2 ^ 3 ^ 2", 512.0),
        ("-2 ^ 2", -4.0),
        ("(-2) ^ 2", 4.0),
        ("2 * -3", -6.0),
        ("--3", 3.0),
        ("2 × 3 ÷ 4 − 1", 0.5),
        ("1_000 * 1e3", 1e6),
        ("1.5e-3 * 2", 0.003),
        (".5 + .25", 0.75),
        ("62 ^ 7", 3_521_614_606_208.0),
        ("min(3, 1, 2) + max(3, 1, 2)", 4.0),
        ("ceil(1.2) + floor(1.8) + round(2.5)", 6.0),
        ("pow(2, 10) + log2(1024)", 1034.0),
        ("bit(5, 0) + bit(5, 1) * 10 + bit(5, 2) * 100", 101.0),
        ("MINUTE + HOUR + DAY", 60.0 + 3600.0 + 86_400.0),
    ];
    for (f, want) in cases {
        let got = eval_one(f).unwrap_or_else(|e| panic!("{f}: {e}"));
        assert!(close(got, want), "{f} = {got}, want {want}");
    }
    assert!(close(eval_one("YEAR").unwrap(), 365.25 * 86_400.0));
    assert!((eval_one("exp(1)").unwrap() - std::f64::consts::E).abs() < 1e-12);
}

#[test]
fn syntax_errors_name_the_position() {
    let cases = [
        ("", 0),
        ("2 +", 3),
        ("(1 + 2", 6),
        ("1 + 2)", 5),
        ("foo(1)", 0),
        ("1 $ 2", 2),
        ("per_second(1, 2)", 0),
        ("min()", 4),
        ("1..2", 0),
        ("2 3", 2),
    ];
    for (f, pos) in cases {
        let e = Formula::parse(f).expect_err(f);
        assert_eq!(e.pos, pos, "{f}: {e}");
        assert!(!e.message.is_empty());
    }
}

#[test]
fn evaluation_errors_do_not_stop_other_figures() {
    let est = Est {
        inputs: vec![input("x", 0.0, "", 0.0, 10.0)],
        figures: vec![
            figure("ratio", "1 / x", ""),
            figure("after", "ratio * 2", ""),
            figure("fine", "x + 1", ""),
            figure("huge", "10 ^ 400", ""),
            figure("unknown", "nope * 2", ""),
        ],
    };
    let plan = Plan::new(&est);
    assert!(
        plan.problems()
            .iter()
            .any(|(f, m)| f == "figure[unknown].formula" && m.contains("nope"))
    );
    let eval = plan.evaluate(&est, &BTreeMap::new());
    let get = |id: &str| eval.figure(id).unwrap();
    assert_eq!(get("ratio").error.as_deref(), Some("division by zero"));
    assert_eq!(get("ratio").text, "—");
    assert!(get("after").error.as_deref().unwrap().contains("ratio"));
    assert_eq!(get("fine").value, Some(1.0));
    assert!(get("huge").error.as_deref().unwrap().contains("finite"));
    assert!(get("unknown").error.is_some());
}

#[test]
fn cycles_are_detected_and_reported() {
    let est = Est {
        inputs: vec![input("x", 2.0, "", 0.0, 10.0)],
        figures: vec![
            figure("a", "b + 1", ""),
            figure("b", "a * 2", ""),
            figure("selfish", "selfish + x", ""),
            figure("free", "x * 3", ""),
            figure("downstream", "a + 1", ""),
        ],
    };
    let plan = Plan::new(&est);
    let cycle = plan
        .problems()
        .iter()
        .find(|(f, _)| f == "figure[a].formula")
        .map(|(_, m)| m.clone())
        .unwrap();
    assert_eq!(cycle, "cycle: a → b → a");
    assert!(
        plan.problems()
            .iter()
            .any(|(_, m)| m == "cycle: selfish → selfish")
    );
    let eval = plan.evaluate(&est, &BTreeMap::new());
    assert!(
        eval.figure("a")
            .unwrap()
            .error
            .as_deref()
            .unwrap()
            .starts_with("cycle")
    );
    assert!(eval.figure("b").unwrap().error.is_some());
    assert!(eval.figure("downstream").unwrap().error.is_some());
    assert_eq!(eval.figure("free").unwrap().value, Some(6.0));
}

#[test]
fn figures_may_be_declared_before_what_they_use() {
    let est = Est {
        inputs: vec![input("n", 4.0, "", 0.0, 10.0)],
        figures: vec![
            figure("c", "b * 10", ""),
            figure("b", "a + 1", ""),
            figure("a", "n * 2", ""),
        ],
    };
    let eval = evaluate(&est, &BTreeMap::new());
    assert_eq!(eval.figure("c").unwrap().value, Some(90.0));
    assert!(Plan::new(&est).problems().is_empty());
}

#[test]
fn substituted_formula_shows_values_with_units() {
    let eval = evaluate(&shortener(), &BTreeMap::new());
    assert_eq!(
        eval.figure("write_qps").unwrap().substituted,
        "per_second(100 M/day)"
    );
    assert_eq!(
        eval.figure("yearly").unwrap().substituted,
        "per_year(100 M/day) * 500 B"
    );
    assert_eq!(
        eval.figure("peak_qps").unwrap().substituted,
        "peak(1.16 K/s, 3×)"
    );
    let f = Formula::parse("per_second(urls) * urls + KB").unwrap();
    assert_eq!(f.names(), vec!["urls"]);
}

#[test]
fn input_units_convert_to_base() {
    let est = Est {
        inputs: vec![
            input("size", 300.0, "MB", 0.001, 1e6),
            input("share", 20.0, "%", 0.0, 100.0),
            input("wait", 5.0, "min", 0.0, 100.0),
            input("users", 2.0, "M users", 0.0, 100.0),
        ],
        figures: vec![
            figure("bytes", "size", "B"),
            figure("fraction", "share", ""),
            figure("seconds", "wait", "s"),
            figure("people", "users", "users"),
        ],
    };
    let eval = evaluate(&est, &BTreeMap::new());
    assert_eq!(eval.figure("bytes").unwrap().value, Some(300e6));
    assert_eq!(eval.figure("bytes").unwrap().text, "300 MB");
    assert_eq!(eval.figure("fraction").unwrap().value, Some(0.2));
    assert_eq!(eval.figure("seconds").unwrap().text, "5 min");
    assert_eq!(eval.figure("people").unwrap().text, "2 M users");
    assert_eq!(eval.input("size").unwrap().base, 300e6);
    assert_eq!(eval.input("share").unwrap().text, "20%");
}

#[test]
fn input_validation_names_the_field() {
    let mut i = input("dau", 500.0, "M users", 0.001, 10_000.0);
    let i0 = i.clone();
    let err = |text: &str| parse_input(&i0, text).expect_err(text);
    assert!(err("-5").message.starts_with("must not be negative"));
    assert!(err("0").message.starts_with("must be more than zero"));
    assert!(err("0.0001").message.starts_with("is too small"));
    assert!(err("1e9").message.starts_with("is too large"));
    assert!(err("abc").message.starts_with("must be a number"));
    assert!(err("").message.starts_with("enter a number"));
    assert!(err("   ").message.starts_with("enter a number"));
    assert!(err("inf").message.starts_with("must be a number"));
    assert!(err("NaN").message.starts_with("must be a number"));
    assert!(err("1e400").message.starts_with("must be a number"));
    assert!(err("12abc").message.starts_with("must be a number"));
    for text in ["-5", "0", "abc", "1e9"] {
        let e = err(text);
        assert_eq!(e.field, "dau");
        assert!(
            e.message.contains("allowed 0.001–10000 M users"),
            "{}",
            e.message
        );
    }
    assert_eq!(parse_input(&i, "1,000").unwrap(), 1000.0);
    assert_eq!(parse_input(&i, " 1 000 ").unwrap(), 1000.0);
    assert_eq!(parse_input(&i, "1_000.5").unwrap(), 1000.5);
    assert_eq!(parse_input(&i, "2.5e3").unwrap(), 2500.0);
    i.integer = true;
    assert!(
        parse_input(&i, "2.5")
            .unwrap_err()
            .message
            .starts_with("must be a whole number")
    );
    i.min = 0.0;
    assert_eq!(parse_input(&i, "0").unwrap(), 0.0);
    let long = "9".repeat(500);
    assert!(parse_input(&i, &long).expect_err("long").message.len() < 200);
}

#[test]
fn a_rejected_edit_keeps_the_last_valid_value() {
    let est = shortener();
    let mut inputs = Inputs::default();
    assert_eq!(inputs.edit(&est, "urls", "200").unwrap(), 200.0);
    let before = evaluate(&est, &inputs.values);
    for bad in ["-1", "0", "lots", "1e12"] {
        let e = inputs.edit(&est, "urls", bad).unwrap_err();
        assert_eq!(e.field, "urls");
        assert_eq!(inputs.errors.get("urls"), Some(&e));
        assert_eq!(inputs.value(&est, "urls"), Some(200.0));
        // Every figure keeps the value computed from the last valid input.
        assert_eq!(evaluate(&est, &inputs.values), before);
    }
    assert_eq!(before.figure("write_qps").unwrap().text, "2.31 K/s");
    // A bad edit on one field does not touch another.
    inputs.edit(&est, "size", "1000").unwrap();
    assert_eq!(
        evaluate(&est, &inputs.values).figure("daily").unwrap().text,
        "200 GB/day"
    );
    assert!(inputs.errors.contains_key("urls"));
    // Fixing the field clears its error; the document's value drops the override.
    inputs.edit(&est, "urls", "100").unwrap();
    assert!(!inputs.errors.contains_key("urls"));
    assert!(!inputs.values.contains_key("urls"));
    inputs.reset("size");
    assert!(inputs.values.is_empty());
    assert!(evaluate(&est, &inputs.values).at_document_values);
    // Unknown fields are refused without being stored.
    assert!(inputs.edit(&est, "nope", "1").is_err());
    assert!(!inputs.errors.contains_key("nope"));
}

#[test]
fn limits_keep_the_parser_safe() {
    let deep = format!("{}1{}", "(".repeat(200), ")".repeat(200));
    assert!(
        Formula::parse(&deep)
            .unwrap_err()
            .message
            .contains("nested")
    );
    let minus = format!("{}1", "-".repeat(200));
    assert!(Formula::parse(&minus).is_err());
    let long = vec!["1"; 600].join("+");
    assert!(
        Formula::parse(&long)
            .unwrap_err()
            .message
            .contains("longer")
    );
    assert!(Formula::parse(&"(1)".repeat(10)).is_err());
}

#[test]
fn serde_round_trips() {
    let eval = evaluate(&shortener(), &BTreeMap::new());
    let json = serde_json::to_string(&eval).unwrap();
    assert_eq!(
        serde_json::from_str::<sdp_designs::estimate::Evaluation>(&json).unwrap(),
        eval
    );
    let mut inputs = Inputs::default();
    inputs.edit(&shortener(), "urls", "7").unwrap();
    let _ = inputs.edit(&shortener(), "size", "x");
    let json = serde_json::to_string(&inputs).unwrap();
    assert_eq!(serde_json::from_str::<Inputs>(&json).unwrap(), inputs);
}
