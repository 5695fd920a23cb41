//! The data test: loads every embedded design file and checks it.
//!
//! * every file parses and passes `check::check_design` (ids, units, formulas that evaluate,
//!   components, edges, flows, deep dive, trade-offs, mechanisms, lab coverage);
//! * every stated figure matches the computed one within `check::TOLERANCE` (5 %) or is marked
//!   wrong with a correction within `check::CORRECTION_TOLERANCE` (1 %), and the wrong ones are
//!   exactly the F0 rows of catalogue A.5;
//! * every flow step names components that exist, and every flow plays as a trace;
//! * every lab link names a known lab and carries a scenario (tests/lab_links.rs runs it).

use sdp_designs::check::{Verdict, check_design, check_framework, verdict};
use sdp_designs::estimate::evaluate;
use sdp_designs::model::Status;
use sdp_designs::{catalog, designs, framework, parse_design, sources};
use std::collections::BTreeMap;

/// The 21 designs of F0, in document order: (id, catalogue id).
const EXPECTED: &[(&str, &str)] = &[
    ("url-shortener", "F0-Q1"),
    ("rate-limiter", "F0-Q2"),
    ("chat-system", "F0-Q3"),
    ("video-streaming-service", "F0-Q4"),
    ("social-media-feed", "F0-Q5"),
    ("search-autocomplete-system", "F0-Q6"),
    ("notification-system", "F0-Q7"),
    ("distributed-cache", "F0-Q8"),
    ("object-storage-system", "F0-Q9"),
    ("web-crawler", "F0-Q10"),
    ("ride-sharing-service", "F0-Q11"),
    ("calendar-system", "F0-Q12"),
    ("payment-system", "F0-Q13"),
    ("distributed-lock-service", "F0-Q14"),
    ("proximity-service", "F0-Q15"),
    ("unique-id-generator", "F0-Q16"),
    ("stream-processing-system", "F0-DP11"),
    ("data-lake-lakehouse-platform", "F0-DP12"),
    ("workflow-pipeline-orchestration-system", "F0-DP13"),
    ("data-quality-observability-platform", "F0-DP14"),
    ("distributed-job-scheduler", "F0-DP15"),
];

/// The figures the catalogue marks wrong, in document order: (design, figure id, catalogue
/// row). All seven F0 rows of A.5 (E1–E7) plus the D.1 worked examples of F0 that are numbers
/// (#1 Z-value, #2 ranking score, #5 geohash cell size); D.1 #3 (ABR) is a note.
const WRONG: &[(&str, &str, &str)] = &[
    ("video-streaming-service", "streaming_bandwidth", "E1"),
    ("social-media-feed", "ranking_score", "D.1 #2"),
    ("object-storage-system", "total_storage", "E2"),
    ("object-storage-system", "raw_storage", "E3"),
    ("proximity-service", "cell_width", "D.1 #5"),
    ("unique-id-generator", "ulid_lifetime", "E7"),
    ("stream-processing-system", "window_state", "E4"),
    ("stream-processing-system", "checkpoint_size", "E5"),
    ("data-lake-lakehouse-platform", "z_value", "D.1 #1"),
    (
        "workflow-pipeline-orchestration-system",
        "worker_slots",
        "E6",
    ),
];

#[test]
fn every_file_parses() {
    let c = catalog();
    assert!(c.errors.is_empty(), "{:#?}", c.errors);
    assert_eq!(sources().len(), EXPECTED.len());
    assert_eq!(designs().len(), EXPECTED.len());
    assert!(framework().is_some());
}

#[test]
fn all_21_designs_in_document_order() {
    let got: Vec<(&str, &str)> = designs()
        .iter()
        .map(|d| (d.id.as_str(), d.source.catalogue.as_str()))
        .collect();
    assert_eq!(got, EXPECTED);
}

#[test]
fn every_design_passes_the_checks() {
    let mut problems = Vec::new();
    for (stem, text) in sources() {
        match parse_design(stem, text) {
            Ok(d) => problems.extend(check_design(&d, stem).into_iter().map(|e| e.to_string())),
            Err(e) => problems.push(e.to_string()),
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_framework_passes_the_checks() {
    let fw = framework().expect("framework parses");
    let problems = check_framework(fw);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(fw.steps.len(), 4);
    assert_eq!(fw.steps[2].minutes_45, "15 min");
    // The template calculator evaluates: 100M DAU × 10 reads / 86 400 = 11.6 K/s.
    let eval = evaluate(fw, &BTreeMap::new());
    assert_eq!(eval.figure("read_qps").unwrap().text, "11.6 K/s");
}

#[test]
fn every_formula_evaluates_at_the_document_values() {
    for d in designs() {
        let eval = evaluate(d, &BTreeMap::new());
        assert!(eval.at_document_values);
        for f in &eval.figures {
            let v = f
                .value
                .unwrap_or_else(|| panic!("{}.{}: {:?}", d.id, f.id, f.error));
            assert!(v.is_finite(), "{}.{} = {v}", d.id, f.id);
            assert!(f.text != "—" && !f.text.is_empty(), "{}.{}", d.id, f.id);
        }
    }
}

#[test]
fn stated_figures_match_or_are_corrected() {
    let mut wrong = Vec::new();
    let mut agreeing = 0;
    for d in designs() {
        let eval = evaluate(d, &BTreeMap::new());
        for (f, v) in d.figures.iter().zip(&eval.figures) {
            let computed = v.value.expect("evaluates");
            match verdict(f, computed) {
                Verdict::Agrees { off_by } => {
                    let tol = f.tolerance.unwrap_or(sdp_designs::check::TOLERANCE);
                    assert!(off_by <= tol, "{}.{}", d.id, f.id);
                    assert!(
                        tol <= 0.25,
                        "{}.{}: tolerance {tol} is too loose",
                        d.id,
                        f.id
                    );
                    agreeing += 1;
                }
                Verdict::Corrected => wrong.push((d.id.as_str(), f.id.as_str())),
                Verdict::NotInSource => assert!(!f.note.is_empty(), "{}.{}", d.id, f.id),
                Verdict::Inconsistent(m) => panic!("{}.{}: {m}", d.id, f.id),
            }
        }
    }
    let expected: Vec<(&str, &str)> = WRONG.iter().map(|(d, f, _)| (*d, *f)).collect();
    assert_eq!(wrong, expected);
    assert!(agreeing >= 80, "only {agreeing} stated figures agree");
}

#[test]
fn wrong_figures_carry_the_catalogue_row_and_arithmetic() {
    for (design, figure, row) in WRONG {
        let d = sdp_designs::design(design).unwrap();
        let f = d.figures.iter().find(|f| f.id == *figure).unwrap();
        let st = f.stated.as_ref().unwrap();
        assert_eq!(st.status, Status::Wrong);
        assert!(
            st.catalogue.contains(row),
            "{design}.{figure}: {}",
            st.catalogue
        );
        assert!(!st.correct_text.is_empty() && st.explanation.len() > 30);
    }
}

/// Specific values from catalogue A.1 / A.5 (independent of the data's own stated values).
#[test]
fn catalogue_values() {
    let cases: &[(&str, &str, f64)] = &[
        ("url-shortener", "write_qps", 1157.4),
        ("url-shortener", "code_space", 3_521_614_606_208.0),
        ("url-shortener", "storage_per_year", 18.25e12),
        ("chat-system", "storage_per_day", 4e12),
        ("video-streaming-service", "streaming_bandwidth", 173.6e9),
        ("object-storage-system", "total_storage", 1e15),
        ("object-storage-system", "raw_storage", 3e15),
        ("web-crawler", "bloom_filter_size", 12.5e9),
        ("stream-processing-system", "window_state", 100e6),
        (
            "workflow-pipeline-orchestration-system",
            "worker_slots",
            1000.0,
        ),
        (
            "workflow-pipeline-orchestration-system",
            "littles_law_concurrency",
            694.4,
        ),
        (
            "unique-id-generator",
            "ulid_lifetime",
            8919.4 * 365.25 * 86400.0,
        ),
        (
            "unique-id-generator",
            "timestamp_range",
            69.68 * 365.25 * 86400.0,
        ),
        ("data-lake-lakehouse-platform", "storage_cost", 200_000.0),
        ("distributed-job-scheduler", "heartbeats", 333.3),
    ];
    for (design, figure, want) in cases {
        let d = sdp_designs::design(design).unwrap();
        let got = evaluate(d, &BTreeMap::new())
            .figure(figure)
            .unwrap_or_else(|| panic!("{design}.{figure} missing"))
            .value
            .unwrap();
        assert!(
            ((got - want) / want).abs() < 0.001,
            "{design}.{figure}: {got} vs {want}"
        );
    }
}

#[test]
fn every_flow_plays_and_names_existing_components() {
    let mut flows = 0;
    for d in designs() {
        assert!((2..=6).contains(&d.flows.len()), "{}", d.id);
        for fl in &d.flows {
            for st in &fl.steps {
                assert!(
                    d.component(&st.from).is_some(),
                    "{}.{}: {}",
                    d.id,
                    fl.id,
                    st.from
                );
                assert!(
                    d.component(&st.to).is_some(),
                    "{}.{}: {}",
                    d.id,
                    fl.id,
                    st.to
                );
            }
            let trace = sdp_designs::flow::flow_trace(d, &fl.id).unwrap();
            assert_eq!(trace.len(), fl.steps.len());
            flows += 1;
        }
    }
    assert!(flows >= 42);
}

#[test]
fn walkthroughs_are_complete() {
    for d in designs() {
        assert!(!d.requirements.functional.is_empty(), "{}", d.id);
        assert!(!d.requirements.non_functional.is_empty(), "{}", d.id);
        assert!(d.inputs.len() >= 2, "{}: inputs", d.id);
        assert!(d.figures.len() >= 2, "{}: figures", d.id);
        assert!(d.components.len() >= 5, "{}: components", d.id);
        assert!(d.deep_dive.len() >= 3, "{}: deep dive", d.id);
        assert!(d.tradeoffs.len() >= 3, "{}: trade-offs", d.id);
        assert!(!d.mechanisms.is_empty(), "{}: mechanisms", d.id);
    }
}

#[test]
fn lab_links_name_known_labs_and_carry_a_scenario() {
    // Whether each lab accepts its links is tests/lab_links.rs (through the lab's own reader).
    let mut links = 0;
    let mut labs_linked = std::collections::BTreeSet::new();
    for d in designs() {
        for l in &d.labs {
            assert!(
                sdp_designs::catalogue::is_known_lab(&l.lab),
                "{}: unknown lab {}",
                d.id,
                l.lab
            );
            let pairs = sdp_kit::query::parse(&l.query);
            // Links carry their scenario, not just a seed.
            assert!(pairs.len() >= 2, "{}: {} link has only a seed", d.id, l.lab);
            labs_linked.insert(l.lab.as_str());
            links += 1;
        }
    }
    assert!(links >= 20, "{links} lab links");
    // Every lab is linked from some design, unless no design lists any of its mechanisms
    // (the replication lab's are listed by the second document's designs, not written yet).
    let listed: std::collections::BTreeSet<&str> = designs()
        .iter()
        .flat_map(|d| d.mechanisms.iter())
        .filter_map(|m| sdp_designs::catalogue::lab_for(m))
        .map(|l| l.id)
        .collect();
    for lab in sdp_registry::LABS.iter().map(|l| l.id) {
        assert!(
            labs_linked.contains(lab) || !listed.contains(lab),
            "no design links to lab {lab}"
        );
    }
    assert!(listed.iter().all(|lab| labs_linked.contains(lab)));
}

#[test]
fn mechanisms_with_a_lab_are_linked_and_the_rest_are_named() {
    use sdp_designs::catalogue::{lab_for, mechanism_name};
    for d in designs() {
        for m in &d.mechanisms {
            assert!(mechanism_name(m).is_some(), "{}: {m}", d.id);
            if let Some(lab) = lab_for(m) {
                assert!(
                    d.labs
                        .iter()
                        .any(|l| l.lab == lab.id && l.covers.contains(m)),
                    "{}: {m} should link to {}",
                    d.id,
                    lab.id
                );
            }
        }
    }
}

#[test]
fn a_broken_file_is_reported_not_panicked() {
    let bad = "id = \"x\"\ntitle = 3\n";
    let e = parse_design("x", bad).unwrap_err();
    assert_eq!(e.design, "x");
    let unknown_field = "id = \"x\"\ncolour = \"red\"\n";
    assert!(parse_design("x", unknown_field).is_err());
    let base = || sdp_designs::design("url-shortener").unwrap().clone();
    assert!(check_design(&base(), "url-shortener").is_empty());
    assert!(
        !check_design(&base(), "url_shortener").is_empty(),
        "file name must match the id"
    );
    // A figure that refers to itself.
    let mut d = base();
    d.figures[0].formula = "write_qps + 1".into();
    let problems = check_design(&d, "url-shortener");
    assert!(
        problems.iter().any(|p| p.message.contains("cycle")),
        "{problems:#?}"
    );
    // A flow step naming a missing component, a wrong stated value and an unknown lab.
    let mut d = base();
    d.flows[0].steps[0].to = "nowhere".into();
    d.figures[0].stated.as_mut().unwrap().value = 5000.0;
    d.labs[0].lab = "no-such-lab".into();
    let fields: Vec<String> = check_design(&d, "url-shortener")
        .into_iter()
        .map(|p| p.field)
        .collect();
    assert!(
        fields.iter().any(|f| f.starts_with("flow[create].step[0]")),
        "{fields:?}"
    );
    assert!(
        fields.iter().any(|f| f == "figure[write_qps].stated"),
        "{fields:?}"
    );
    assert!(fields.iter().any(|f| f == "lab[0]"), "{fields:?}");
    // A box in the middle of an edge, and a line reference outside the section.
    let mut d = base();
    let analytics = d
        .components
        .iter_mut()
        .find(|c| c.id == "analytics")
        .unwrap();
    analytics.pos = [4, 2]; // between read-service [3, 3] and db [5, 1]
    d.inputs[0].source = "l.3000".into();
    let problems = check_design(&d, "url-shortener");
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("runs through “analytics”")),
        "{problems:#?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.field == "input[urls_per_day].source"),
        "{problems:#?}"
    );
    // A wrong figure whose correction does not match, and a completion without a note.
    let mut d = base();
    let st = d.figures[1].stated.as_mut().unwrap();
    st.status = sdp_designs::model::Status::Wrong;
    st.value = 1.0;
    st.correct_text = "1".into();
    st.correct_value = Some(1.0);
    d.figures[5].note.clear();
    let fields: Vec<String> = check_design(&d, "url-shortener")
        .into_iter()
        .map(|p| p.field)
        .collect();
    assert!(
        fields.iter().any(|f| f == "figure[read_qps].stated"),
        "{fields:?}"
    );
    assert!(
        fields.iter().any(|f| f == "figure[years_of_codes]"),
        "{fields:?}"
    );
}
