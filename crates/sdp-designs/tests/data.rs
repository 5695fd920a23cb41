//! The data test: loads every embedded design file and checks it.
//!
//! * every file parses and passes `check::check_design` (ids, units, formulas that evaluate,
//!   components, edges, flows, deep dive, trade-offs, mechanisms, lab coverage);
//! * every stated figure matches the computed one within `check::TOLERANCE` (5 %) or is marked
//!   wrong with a correction within `check::CORRECTION_TOLERANCE` (1 %), and the wrong ones are
//!   exactly the F0 rows of catalogue A.5;
//! * every flow step names components that exist, and every flow plays as a trace;
//! * every lab link names a known lab and only query keys (and values) that lab accepts.

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

/// What each lab's URL accepts, for now (the lead will wire the labs' real `from_query`).
/// Mirrors `sdp-core/src/labs/hash_ring/url.rs`, `sdp-geo/src/lab/url.rs`,
/// `sdp-spatial/src/{quadtree,zorder}/url.rs`, `sdp-stream/src/url.rs` and
/// `sdp-fanout/src/url.rs`. A checker returns an error message for a bad value.
type Checker = fn(&str) -> Option<String>;

fn int(v: &str, lo: i64, hi: i64) -> Option<String> {
    match v.parse::<i64>() {
        Ok(n) if (lo..=hi).contains(&n) => None,
        _ => Some(format!("must be {lo}..={hi}, got {v}")),
    }
}

fn real(v: &str, lo: f64, hi: f64) -> Option<String> {
    match v.parse::<f64>() {
        Ok(x) if x.is_finite() && (lo..=hi).contains(&x) => None,
        _ => Some(format!("must be {lo}..={hi}, got {v}")),
    }
}

fn word(v: &str, allowed: &[&str]) -> Option<String> {
    (!allowed.contains(&v)).then(|| format!("must be one of {allowed:?}, got {v}"))
}

fn any_u64(v: &str) -> Option<String> {
    v.parse::<u64>().err().map(|e| e.to_string())
}

fn numbers(v: &str, n: usize) -> bool {
    let parts: Vec<&str> = v.split(',').collect();
    parts.len() == n && parts.iter().all(|p| p.trim().parse::<f64>().is_ok())
}

fn ring_action(v: &str) -> Option<String> {
    let ok = v.split_once(':').is_some_and(|(verb, arg)| match verb {
        "add" | "rm" | "key" => !arg.is_empty() && arg.len() <= 40,
        "batch" => arg.parse::<u32>().is_ok(),
        "vnodes" => int(arg, 1, 500).is_none(),
        _ => false,
    });
    (!ok).then(|| format!("bad action {v}"))
}

fn geo_action(v: &str) -> Option<String> {
    let ok = v.split_once(':').is_some_and(|(verb, arg)| match verb {
        "pt" => numbers(arg, 2),
        "cell" => !arg.is_empty() && arg.len() <= 12,
        "q" => numbers(arg, 3),
        "d" => numbers(arg, 4),
        _ => false,
    });
    (!ok).then(|| format!("bad action {v}"))
}

fn quadtree_action(v: &str) -> Option<String> {
    let ok = v.split_once(':').is_some_and(|(verb, arg)| match verb {
        "p" => numbers(arg, 2),
        "q" => numbers(arg, 3),
        _ => false,
    });
    (!ok).then(|| format!("bad action {v}"))
}

fn geohash_text(v: &str) -> Option<String> {
    let ok = (1..=12).contains(&v.len())
        && v.chars()
            .all(|c| "0123456789bcdefghjkmnpqrstuvwxyz".contains(c));
    (!ok).then(|| format!("not a geohash: {v}"))
}

/// The keys a lab accepts in the given mode (`mode` = the link's `mode` value, if any).
fn lab_keys(lab: &str, mode: Option<&str>) -> Vec<(&'static str, Checker)> {
    let mut keys: Vec<(&'static str, Checker)> = vec![("seed", any_u64)];
    match (lab, mode) {
        ("hash-ring", None) => keys.extend([
            ("servers", (|v| int(v, 1, 64)) as Checker),
            ("vnodes", |v| int(v, 1, 500)),
            ("keys", |v| int(v, 0, 100_000)),
            ("detailed", |v| int(v, 0, 10)),
            ("format", |v| word(v, &["f0", "f4"])),
            ("a", ring_action),
        ]),
        ("geohash", _) => keys.extend([
            (
                "mode",
                (|v| {
                    word(
                        v,
                        &[
                            "encode",
                            "neighbours",
                            "sizes",
                            "search",
                            "haversine",
                            "shards",
                            "cache",
                        ],
                    )
                }) as Checker,
            ),
            ("lat", |v| real(v, -90.0, 90.0)),
            ("lng", |v| real(v, -180.0, 180.0)),
            ("lat2", |v| real(v, -90.0, 90.0)),
            ("lng2", |v| real(v, -180.0, 180.0)),
            ("precision", |v| int(v, 1, 12)),
            ("hash", geohash_text),
            ("radius", |v| real(v, 0.01, 10_000.0)),
            ("top", |v| int(v, 1, 100)),
            ("places", |v| int(v, 1, 100_000)),
            ("dist", |v| word(v, &["uniform", "cities"])),
            ("queries", |v| int(v, 1, 1000)),
            ("locality", |v| int(v, 0, 100)),
            ("interval", |v| int(v, 1, 3600)),
            ("ttl", |v| int(v, 1, 86_400)),
            ("fence", |v| int(v, 0, 1_000_000)),
            ("a", geo_action),
        ]),
        ("quadtree", None) => keys.extend([
            ("points", (|v| int(v, 0, 10_000)) as Checker),
            ("capacity", |v| int(v, 1, 100)),
            ("max_depth", |v| int(v, 1, 30)),
            ("detailed", |v| int(v, 0, 200)),
            ("dist", |v| word(v, &["cities", "uniform"])),
            ("conv", |v| word(v, &["doc", "fixed"])),
            ("bounds", |v| {
                (!numbers(v, 4)).then(|| format!("bounds {v}"))
            }),
            ("a", quadtree_action),
        ]),
        ("z-order", Some("bits")) => keys.extend([
            ("mode", (|_| None) as Checker),
            ("bits", |v| int(v, 1, 16)),
            ("values", |v| {
                let n = v.split(',').filter(|x| x.parse::<u64>().is_ok()).count();
                (!(2..=3).contains(&n)).then(|| format!("values {v}"))
            }),
        ]),
        ("z-order", Some("curves")) => keys.extend([
            ("mode", (|_| None) as Checker),
            ("order", |v| int(v, 1, 8)),
            ("box", |v| {
                (v != "none" && !numbers(v, 4)).then(|| format!("box {v}"))
            }),
        ]),
        ("z-order", Some("skip")) => keys.extend([
            ("mode", (|_| None) as Checker),
            ("rows", |v| int(v, 1, 100_000)),
            ("columns", |v| int(v, 2, 3)),
            ("value_bits", |v| int(v, 1, 16)),
            ("rows_per_file", |v| int(v, 1, 100_000)),
            ("sort", |v| word(v, &["x", "y", "z"])),
            ("data", |v| word(v, &["uniform", "clustered"])),
            ("batch", |v| int(v, 0, 1000)),
            ("width", |v| int(v, 1, 100)),
            ("kind", |v| word(v, &["mixed", "box", "x", "y", "z"])),
        ]),
        ("watermarks", Some("watermarks") | None) => keys.extend([
            ("mode", (|_| None) as Checker),
            ("events", |v| int(v, 0, 100_000)),
            ("partitions", |v| int(v, 1, 16)),
            ("keys", |v| int(v, 1, 8)),
            ("interval", |v| int(v, 1, 60_000)),
            ("disorder", |v| int(v, 0, 120_000)),
            ("stragglers", |v| int(v, 0, 50)),
            ("straggle", |v| int(v, 0, 600_000)),
            ("idle", |v| {
                (v != "none" && int(v, 0, 15).is_some()).then(|| format!("idle {v}"))
            }),
            ("idle_from", |v| int(v, 0, 72 * 3_600_000)),
            ("idle_for", |v| int(v, 0, 72 * 3_600_000)),
            ("bound", |v| int(v, 0, 60_000)),
            ("timeout", |v| int(v, 1, 600_000)),
            ("policy", |v| word(v, &["wait", "advance", "exclude"])),
            ("window", |v| word(v, &["tumbling", "sliding", "session"])),
            ("size", |v| int(v, 1, 24 * 3_600_000)),
            ("slide", |v| int(v, 1, 24 * 3_600_000)),
            ("gap", |v| int(v, 1, 24 * 3_600_000)),
            ("lateness", |v| int(v, 0, 3_600_000)),
            ("late", |v| word(v, &["side", "drop"])),
            ("a", |v| (!v.contains('@')).then(|| format!("event {v}"))),
        ]),
        ("watermarks", Some("checkpoint")) => keys.extend([
            ("mode", (|_| None) as Checker),
            ("ticks", |v| int(v, 10, 300)),
            ("records", |v| int(v, 1, 200)),
            ("every", |v| int(v, 2, 100)),
            ("align", |v| word(v, &["aligned", "unaligned"])),
            ("skew", |v| int(v, 1, 8)),
            ("rate", |v| int(v, 1, 4)),
            ("fail", |v| int(v, 0, 300)),
            ("sink", |v| word(v, &["exactly", "atleast"])),
        ]),
        ("watermarks", Some("backpressure")) => keys.extend([
            ("mode", (|_| None) as Checker),
            ("ticks", |v| int(v, 10, 300)),
            ("produce", |v| int(v, 1, 8)),
            ("map", |v| int(v, 1, 8)),
            ("sink", |v| int(v, 1, 8)),
            ("slow_from", |v| int(v, 0, 300)),
            ("slow_to", |v| int(v, 0, 300)),
            ("slow_rate", |v| int(v, 0, 8)),
            ("buffers", |v| int(v, 1, 32)),
        ]),
        ("fan-out", _) => keys.extend([
            ("mode", (|v| word(v, &["feed", "chat"])) as Checker),
            ("strategy", |v| word(v, &["push", "pull", "hybrid"])),
            ("users", |v| int(v, 2, 100_000)),
            ("follows", |v| int(v, 0, 1_000_000)),
            ("skew", |v| real(v, 0.0, 3.0)),
            ("inactive", |v| real(v, 0.0, 1.0)),
            ("posts", |v| int(v, 0, 10_000)),
            ("reads", |v| int(v, 0, 10_000)),
            ("detailed", |v| int(v, 0, 200)),
            ("threshold", |v| int(v, 0, 1_000_000)),
            ("workers", |v| int(v, 1, 64)),
            ("batch", |v| int(v, 1, 10_000)),
            ("cache", |v| int(v, 1, 1000)),
            ("page", |v| int(v, 1, 500)),
            ("rank", |v| word(v, &["0", "1", "true", "false"])),
            ("group", |v| int(v, 2, 500)),
            ("messages", |v| int(v, 0, 300)),
            ("online", |v| real(v, 0.0, 1.0)),
            ("msg_bytes", |v| int(v, 1, 10_000_000)),
            ("ref_bytes", |v| int(v, 1, 1024)),
            ("a", |v| {
                let ok = v.split_once(':').is_some_and(|(verb, n)| {
                    ["post", "read", "wait", "send", "off", "on"].contains(&verb)
                        && n.parse::<u32>().is_ok()
                });
                (!ok).then(|| format!("bad action {v}"))
            }),
        ]),
        _ => return vec![],
    }
    keys
}

#[test]
fn lab_links_use_known_labs_and_keys() {
    let mut links = 0;
    let mut labs_linked = std::collections::BTreeSet::new();
    for d in designs() {
        for l in &d.labs {
            let pairs = sdp_core::query::parse(&l.query);
            assert!(!pairs.is_empty(), "{}: empty query for {}", d.id, l.lab);
            let mode = pairs
                .iter()
                .find(|(k, _)| k == "mode")
                .map(|(_, v)| v.as_str());
            let keys = lab_keys(&l.lab, mode);
            assert!(
                !keys.is_empty(),
                "{}: unknown lab {} (mode {mode:?})",
                d.id,
                l.lab
            );
            for (k, v) in &pairs {
                let Some((_, check)) = keys.iter().find(|(name, _)| name == k) else {
                    panic!("{}: lab {} does not accept key {k}", d.id, l.lab);
                };
                if let Some(msg) = check(v) {
                    panic!("{}: lab {} key {k}: {msg}", d.id, l.lab);
                }
            }
            // Links carry their scenario, not just a seed.
            assert!(pairs.len() >= 2, "{}: {} link has only a seed", d.id, l.lab);
            labs_linked.insert(l.lab.as_str());
            links += 1;
        }
    }
    assert!(links >= 20, "{links} lab links");
    assert_eq!(
        labs_linked.len(),
        sdp_designs::catalogue::LABS.len(),
        "every lab is linked"
    );
}

#[test]
fn the_key_table_rejects_bad_links() {
    let bad = [
        ("hash-ring", "servers=0"),
        ("hash-ring", "junk=1"),
        ("geohash", "mode=search&radius=20000"),
        ("z-order", "mode=bits&order=3"),
        ("watermarks", "mode=checkpoint&bound=5000"),
        ("fan-out", "strategy=sideways"),
    ];
    for (lab, query) in bad {
        let pairs = sdp_core::query::parse(query);
        let mode = pairs
            .iter()
            .find(|(k, _)| k == "mode")
            .map(|(_, v)| v.as_str());
        let keys = lab_keys(lab, mode);
        let rejected = pairs
            .iter()
            .any(|(k, v)| match keys.iter().find(|(n, _)| n == k) {
                None => true,
                Some((_, check)) => check(v).is_some(),
            });
        assert!(rejected, "{lab}: {query} should be rejected");
    }
}

#[test]
fn the_hash_ring_links_are_accepted_by_the_hash_ring_lab() {
    use sdp_core::lab::Lab;
    use sdp_core::labs::hash_ring::HashRingLab;
    for d in designs() {
        for l in d.labs.iter().filter(|l| l.lab == "hash-ring") {
            let (_, errors) = HashRingLab::from_query(&sdp_core::query::parse(&l.query));
            assert!(errors.is_empty(), "{}: {errors:?}", d.id);
        }
    }
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
