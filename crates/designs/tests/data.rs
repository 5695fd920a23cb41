//! The data test: loads every embedded design file and checks it.
//!
//! * every file parses and passes `check::check_design` (ids, units, formulas that evaluate,
//!   components, edges, flows, deep dive, trade-offs, mechanisms, lab coverage);
//! * every stated figure matches the computed one within `check::TOLERANCE` (5 %) or is marked
//!   wrong with a correction within `check::CORRECTION_TOLERANCE` (1 %), and the wrong ones are
//!   exactly F0's rows of catalogue A.5 plus F4's rows of Part D.2 (of the designs present);
//! * the designs are F0's 21 then F4's 23, in document order, and `check::check_catalog` finds
//!   nothing between them (`-f4` ids, counterparts);
//! * every flow step names components that exist, and every flow plays as a trace;
//! * every lab link names a known lab and carries a scenario (tests/lab_links.rs runs it).

use sdp_designs::check::{Verdict, check_design, check_framework, verdict};
use sdp_designs::estimate::evaluate;
use sdp_designs::model::Status;
use sdp_designs::{catalog, designs, framework, parse_design, sources};
use std::collections::BTreeMap;

/// The 21 designs of F0, then the 23 sections of F4, in document order: (id, catalogue id).
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
    ("music-streaming-application", "F4-01"),
    ("hotel-searching-system", "F4-02"),
    ("log-media-storage-system", "F4-03"),
    ("flight-search-system", "F4-04"),
    ("youtube", "F4-05"),
    ("hotel-booking-with-proximity-search", "F4-06"),
    ("distributed-scheduler-from-rdbms", "F4-07"),
    ("payment-gateway-system", "F4-08"),
    ("file-storage-service", "F4-09"),
    ("flight-booking-system", "F4-10"),
    ("flight-price-management-system", "F4-11"),
    ("location-sharing-app", "F4-12"),
    ("whatsapp", "F4-13"),
    ("doctor-appointment-booking", "F4-14"),
    ("hotel-reservation-system", "F4-15"),
    ("local-vs-global-caching", "F4-16"),
    ("sharding-and-federation", "F4-17"),
    ("caching-techniques", "F4-18"),
    ("adapters-file-and-ftp", "F4-19"),
    ("strong-vs-eventual-consistency", "F4-20"),
    ("distributed-system-consistency", "F4-21"),
    ("rate-limiter-f4", "F4-22"),
    ("top-k-heavy-hitter", "F4-23"),
];

/// Number of F0 designs at the head of [`EXPECTED`].
const F0_COUNT: usize = 21;

/// The counterparts (catalogue A.4): (F4 design, F0 design).
const COUNTERPARTS: &[(&str, &str)] = &[
    ("youtube", "video-streaming-service"),
    ("hotel-booking-with-proximity-search", "proximity-service"),
    ("payment-gateway-system", "payment-system"),
    ("whatsapp", "chat-system"),
    ("rate-limiter-f4", "rate-limiter"),
];

/// The concept topics of F4 (§16–§21): few or no estimates, so the completeness bar is lower.
const CONCEPTS: &[&str] = &["F4-16", "F4-17", "F4-18", "F4-19", "F4-20", "F4-21"];

/// The figures the catalogue marks wrong, in document order: (design, figure id, catalogue
/// row). F0: all seven rows of A.5 (E1–E7) plus the D.1 worked examples of F0 that are numbers
/// (#1 Z-value, #2 ranking score, #5 geohash cell size); D.1 #3 (ABR) is a note. F4: the rows
/// of Part D.2 (A.5 E8–E18), in the blocks below (F4 §16–§23 state no wrong figure: their ⚠️
/// items are notes).
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
    // F4 §1–§8 (designs-b)
    ("music-streaming-application", "request_rate", "E8"),
    ("music-streaming-application", "peak_bandwidth", "E9"),
    ("log-media-storage-system", "daily_log_volume", "E10"),
    ("log-media-storage-system", "yearly_log_volume", "E11"),
    ("flight-search-system", "cost_per_second", "E12"),
    ("youtube", "upload_hours_per_day", "E13"),
    ("youtube", "raw_storage_per_day", "E14"),
    ("youtube", "bits_per_day", "E15"),
    ("youtube", "avg_bandwidth", "E16"),
    ("distributed-scheduler-from-rdbms", "peak_rate", "E17"),
    ("distributed-scheduler-from-rdbms", "per_node_rate", "E18"),
    // end designs-b
    // F4 §9–§15 (designs-c)
    // end designs-c
];

/// Whether design `id` has a file (F4's files land in several branches).
fn present(id: &str) -> bool {
    sdp_designs::design(id).is_some()
}

#[test]
fn every_file_parses() {
    let c = catalog();
    assert!(c.errors.is_empty(), "{:#?}", c.errors);
    assert_eq!(sources().len(), designs().len());
    assert!(designs().len() <= EXPECTED.len());
    assert!(framework().is_some());
}

/// Every design present is in [`EXPECTED`], in its order; all of F0's are present (F4's files
/// land in several branches: [`all_f4_designs_present`] checks they all did).
#[test]
fn designs_are_the_expected_ones_in_document_order() {
    let got: Vec<(&str, &str)> = designs()
        .iter()
        .map(|d| (d.id.as_str(), d.source.catalogue.as_str()))
        .collect();
    let want: Vec<(&str, &str)> = EXPECTED
        .iter()
        .copied()
        .filter(|(id, _)| present(id))
        .collect();
    assert_eq!(got, want, "designs missing from EXPECTED or out of order");
    assert_eq!(got[..F0_COUNT], EXPECTED[..F0_COUNT]);
    for d in designs() {
        let f0 = EXPECTED[..F0_COUNT].iter().any(|(id, _)| *id == d.id);
        assert_eq!(d.source.document, if f0 { "F0" } else { "F4" }, "{}", d.id);
    }
}

#[test]
fn all_f4_designs_present() {
    let got: Vec<(&str, &str)> = designs()
        .iter()
        .map(|d| (d.id.as_str(), d.source.catalogue.as_str()))
        .collect();
    assert_eq!(got, EXPECTED);
    for (f4, f0) in COUNTERPARTS {
        let c = sdp_designs::design(f4).unwrap().counterpart.as_ref();
        assert_eq!(c.map(|c| c.design.as_str()), Some(*f0), "{f4}");
    }
}

#[test]
fn the_catalogue_passes_the_cross_checks() {
    let problems = sdp_designs::check::check_catalog(designs());
    assert!(problems.is_empty(), "{problems:#?}");
    // Counterparts go from the F4 file to the F0 design, only the pairs of catalogue A.4.
    for d in designs() {
        if let Some(c) = &d.counterpart {
            assert!(
                COUNTERPARTS.contains(&(d.id.as_str(), c.design.as_str())),
                "{} → {}",
                d.id,
                c.design
            );
            let back = sdp_designs::light::counterpart(&c.design).unwrap();
            assert_eq!(back.other.id, d.id);
        }
    }
}

#[test]
fn the_cross_checks_catch_bad_ids_and_counterparts() {
    use sdp_designs::model::{Counterpart, Difference};
    let base = sdp_designs::design("rate-limiter").unwrap().clone();
    let mut twin = base.clone();
    twin.id = "rate-limiter-f4".into();
    twin.source.document = "F4".into();
    twin.source.catalogue = "F4-22".into();
    twin.source.lines = [4307, 4690];
    let row = Difference {
        topic: "t".into(),
        here: "h".into(),
        there: "o".into(),
        catalogue: String::new(),
    };
    twin.counterpart = Some(Counterpart {
        design: "rate-limiter".into(),
        differences: vec![row.clone()],
    });
    let all = |extra: Vec<sdp_designs::Design>| {
        let mut v = vec![base.clone()];
        v.extend(extra);
        sdp_designs::check::check_catalog(&v)
    };
    assert!(all(vec![twin.clone()]).is_empty());
    // The F4 twin passes the per-file check (the `-f4` exception), an F0 file with it does not.
    let line_ok = check_design(&twin, "rate-limiter-f4")
        .iter()
        .all(|p| p.field != "id" && !p.field.starts_with("source"));
    assert!(line_ok, "{:#?}", check_design(&twin, "rate-limiter-f4"));
    let mut f0_twin = base.clone();
    f0_twin.id = "rate-limiter-f4".into();
    assert!(
        check_design(&f0_twin, "rate-limiter-f4")
            .iter()
            .any(|p| p.field == "id")
    );
    // `-f4` without an F0 design of that title.
    let mut lonely = twin.clone();
    lonely.title = "Rate Limiter Two".into();
    lonely.id = "rate-limiter-two-f4".into();
    lonely.counterpart = None;
    assert!(all(vec![lonely]).iter().any(|p| p.field == "id"));
    // Counterpart missing, of the same document, or claimed twice.
    let mut missing = twin.clone();
    missing.counterpart.as_mut().unwrap().design = "nope".into();
    assert!(
        all(vec![missing])
            .iter()
            .any(|p| p.field == "counterpart.design")
    );
    let mut same_doc = twin.clone();
    same_doc.source.document = "F0".into();
    assert!(
        all(vec![same_doc])
            .iter()
            .any(|p| p.field == "counterpart.design")
    );
    let mut second = twin.clone();
    second.id = "other".into();
    second.title = "Other".into();
    assert!(
        all(vec![twin.clone(), second])
            .iter()
            .any(|p| p.message.contains("already"))
    );
    // An empty difference row, and a document or line range the checks do not accept.
    let mut empty = twin.clone();
    empty.counterpart.as_mut().unwrap().differences[0]
        .there
        .clear();
    assert!(
        check_design(&empty, "rate-limiter-f4")
            .iter()
            .any(|p| p.field == "counterpart.difference[0].there")
    );
    let mut doc = twin.clone();
    doc.source.document = "F9".into();
    assert!(
        check_design(&doc, "rate-limiter-f4")
            .iter()
            .any(|p| p.field == "source.document")
    );
    let mut long = twin.clone();
    long.source.lines = [4307, 5000];
    assert!(
        check_design(&long, "rate-limiter-f4")
            .iter()
            .any(|p| p.field == "source.lines")
    );
    let mut f0_long = base.clone();
    f0_long.source.lines = [3000, 3204];
    assert!(
        check_design(&f0_long, "rate-limiter")
            .iter()
            .any(|p| p.field == "source.lines")
    );
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
    let expected: Vec<(&str, &str)> = WRONG
        .iter()
        .filter(|(d, _, _)| present(d))
        .map(|(d, f, _)| (*d, *f))
        .collect();
    assert_eq!(wrong, expected);
    assert!(agreeing >= 80, "only {agreeing} stated figures agree");
}

#[test]
fn wrong_figures_carry_the_catalogue_row_and_arithmetic() {
    for (design, figure, row) in WRONG.iter().filter(|(d, _, _)| present(d)) {
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
        if CONCEPTS.contains(&d.source.catalogue.as_str()) {
            // A concept topic states few or no figures: what it has, and its flows and labs.
            assert_eq!(d.theme, sdp_designs::Theme::Concepts, "{}", d.id);
            assert!(d.components.len() >= 3, "{}: components", d.id);
            assert!(d.deep_dive.len() >= 3, "{}: deep dive", d.id);
            assert!(d.tradeoffs.len() >= 2, "{}: trade-offs", d.id);
            assert!(!d.mechanisms.is_empty(), "{}: mechanisms", d.id);
            continue;
        }
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
