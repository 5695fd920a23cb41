//! Scenario files (`sdp_kit::scenario_file`): every lab's opening scenarios survive the file
//! round trip (written, parsed as JSON, checked, read back by the lab's reader), and every
//! example file in `docs/scenarios/` opens on its lab without a message at a step it has.

use sdp_kit::lab::{Contract, Lab};
use sdp_kit::scenario_file::{MAX_BYTES, RawFile, ScenarioFile};
use sdp_registry::{Visitor, check_link, visit};
use serde_json::Value;
use std::path::Path;

/// What the page's reader (`sdp_kit_web::files::raw_file`) makes of a parsed file, with
/// serde_json standing in for the browser's `JSON.parse`.
fn raw_file(v: &Value) -> RawFile {
    let text = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let mut raw = RawFile {
        format: v["format"].as_str().map(String::from),
        version: v["version"].as_f64(),
        lab: v["lab"].as_str().map(String::from),
        seed: text(&v["seed"]),
        step: v["step"].as_f64(),
        ..RawFile::default()
    };
    if let Some(params) = v["params"].as_object() {
        for (k, value) in params {
            match text(value) {
                Some(t) => raw.params.push((k.clone(), t)),
                None => raw
                    .problems
                    .push(format!("params.{k}: must be text or a number")),
            }
        }
    }
    if let Some(actions) = v["actions"].as_array() {
        raw.actions = actions
            .iter()
            .filter_map(|a| a.as_str().map(String::from))
            .collect();
    }
    raw
}

struct RoundTrip(usize);

impl Visitor for RoundTrip {
    fn visit<L: Lab>(&mut self) {
        for mode in 0..L::MODES.len().max(1) {
            let scenario = L::mode_scenario(mode);
            let file = ScenarioFile::of::<L>(&scenario, 2);
            let json = file.to_json();
            let parsed: Value = serde_json::from_str(&json)
                .unwrap_or_else(|e| panic!("{}: not JSON ({e}):\n{json}", L::INFO.id));
            let mut back = raw_file(&parsed).check(L::INFO.id).unwrap();
            // serde_json sorts an object's keys (the browser keeps them in order): the reader
            // reads by key, so only the set matters.
            let (mut want, mut got) = (file.params.clone(), back.params.clone());
            want.sort();
            got.sort();
            assert_eq!(got, want, "{}", L::INFO.id);
            back.params.clone_from(&file.params);
            assert_eq!(back, file, "{}", L::INFO.id);
            assert_eq!(back.scenario::<L>().unwrap(), scenario, "{}", L::INFO.id);
            // Another lab's page refuses it, naming this lab.
            let other = raw_file(&parsed).check("not-this-lab").unwrap_err();
            assert!(other[0].contains(L::INFO.id), "{other:?}");
            self.0 += 1;
        }
    }
}

#[test]
fn every_opening_scenario_round_trips_through_a_file() {
    let mut n = RoundTrip(0);
    visit(&mut n);
    assert!(n.0 >= sdp_registry::LABS.len());
}

#[test]
fn a_file_with_a_bad_value_is_refused_with_the_field() {
    struct Bad;
    impl Visitor for Bad {
        fn visit<L: Lab>(&mut self) {
            if L::INFO.id != "hash-ring" {
                return;
            }
            let mut file = ScenarioFile::of::<L>(&L::default_scenario(), 0);
            file.params.push(("servers".into(), "-3".into()));
            file.params.push(("colour".into(), "blue".into()));
            let errors = file.scenario::<L>().unwrap_err();
            assert!(
                errors.iter().any(|e| e.starts_with("servers")),
                "{errors:?}"
            );
            assert!(errors.iter().any(|e| e.starts_with("colour")), "{errors:?}");
        }
    }
    visit(&mut Bad);
}

#[test]
fn every_example_file_opens_on_its_lab() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/scenarios");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.len() <= MAX_BYTES, "{}", path.display());
        let parsed: Value = serde_json::from_str(&text).unwrap();
        let lab = parsed["lab"].as_str().unwrap_or_default().to_string();
        let file = raw_file(&parsed)
            .check(&lab)
            .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        let query = sdp_kit::query::encode(&file.pairs());
        let steps = check_link(&lab, &query).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            file.step <= steps,
            "{}: step {} of {steps}",
            path.display(),
            file.step
        );
        seen += 1;
    }
    assert!(seen >= 3, "docs/scenarios holds {seen} example files");
}
