//! The one contract test, run for every registered lab (feature `testing`).
//!
//! [`check`] asserts, for lab `L`:
//! - every mode's default scenario is valid, runs to a non-empty trace, and reports its mode;
//! - the same scenario gives the same trace, byte for byte (serde JSON: every step's narration,
//!   lines and metrics, and the whole of a dozen steps spread over the trace), and those steps
//!   survive a serde round trip;
//! - the URL round-trips: `from_query(to_query(s))` gives `s` back with no message;
//! - junk URLs (junk values, unknown keys, repeated keys, broken escapes, huge action lists)
//!   never panic, every message names a field, and what they give is valid and round-trips;
//! - every field's written default reads back, and no two fields a mode reads share a key;
//! - the modes' opening scenarios ask at least two predict-then-run questions in all, and every
//!   trace's questions are well formed ([`crate::quiz::problems`]).
//!
//! It panics with a message naming the lab and the URL on the first failure; it is test code.

#![allow(clippy::panic, reason = "a failed conformance check is a failed test")]

use crate::lab::{Contract, Lab, ParamError, ScenarioOf};
use crate::query::{self, PLAYER_KEYS};
use crate::rng::{LabRng, seeded};
use rand::RngExt;

/// How much [`check`] does.
#[derive(Clone, Copy, Debug)]
pub struct Effort {
    /// Junk URLs read.
    pub junk_urls: usize,
    /// Of those, how many are also run to a trace (the others are only read and validated).
    pub runs: usize,
}

impl Default for Effort {
    fn default() -> Self {
        Effort {
            junk_urls: 10_000,
            runs: 12,
        }
    }
}

/// Runs every check on lab `L` (see the module docs).
///
/// # Panics
/// On the first check that fails, with the lab, the URL and what went wrong.
pub fn check<L: Lab>(effort: Effort) {
    let id = L::INFO.id;
    check_fields::<L>();
    check_mode_bundles::<L>();
    let mut questions = 0;
    for mode in 0..L::MODES.len().max(1) {
        let s = L::mode_scenario(mode);
        if let Ok(trace) = L::run(&s) {
            questions += L::questions(&s, &trace).len();
        }
        assert_eq!(
            L::mode(&s.params),
            mode,
            "{id}: defaults({mode}) is not in mode {mode}"
        );
        let errors = L::validate(&s);
        assert!(
            errors.is_empty(),
            "{id}: mode {mode} defaults invalid: {errors:?}"
        );
        check_scenario::<L>(&s, true);
    }
    assert!(
        questions >= 2,
        "{id}: the modes' opening scenarios ask {questions} predict-then-run questions; at least 2"
    );
    let mut rng = seeded(0x5eed_0000 ^ id.len() as u64);
    let step = (effort.junk_urls / effort.runs.max(1)).max(1);
    for i in 0..effort.junk_urls {
        let url = junk_url::<L>(&mut rng);
        let pairs = query::parse(&url);
        let (scenario, errors) = L::from_query(&pairs);
        check_errors::<L>(&url, &pairs, &errors);
        let problems = L::validate(&scenario);
        assert!(
            problems.is_empty(),
            "{id}: ?{url} read into an invalid scenario: {problems:?}"
        );
        check_scenario::<L>(&scenario, i % step == 0);
    }
}

/// URL round trip, and (when `run`) same trace twice and a serde round trip of the trace.
fn check_scenario<L: Lab>(s: &ScenarioOf<L>, run: bool) {
    let id = L::INFO.id;
    let url = query::encode(&L::to_query(s));
    let (again, errors) = L::from_query(&query::parse(&url));
    assert!(
        errors.is_empty(),
        "{id}: ?{url} does not read back cleanly: {errors:?}"
    );
    assert!(
        again == *s,
        "{id}: ?{url} reads back as a different scenario"
    );
    if !run {
        return;
    }
    let first = L::run(s).unwrap_or_else(|e| panic!("{id}: ?{url} valid but does not run: {e:?}"));
    assert!(!first.is_empty(), "{id}: ?{url} gives an empty trace");
    let second = L::run(s).unwrap_or_else(|e| panic!("{id}: ?{url}: {e:?}"));
    let (a, b) = (fingerprint::<L>(&first), fingerprint::<L>(&second));
    assert!(a == b, "{id}: ?{url} gives two different traces");
    let questions = L::questions(s, &first);
    let problems = crate::quiz::problems(&questions, first.len());
    assert!(problems.is_empty(), "{id}: ?{url}: {problems:?}");
    for k in sampled(first.len()) {
        let step = &first.steps[k];
        let json = serde_json::to_vec(step)
            .unwrap_or_else(|e| panic!("{id}: step {k} does not serialise: {e}"));
        let back: crate::lab::Step<L::State> = serde_json::from_slice(&json)
            .unwrap_or_else(|e| panic!("{id}: ?{url}: step {k} does not deserialise: {e}"));
        assert!(
            back == *step,
            "{id}: ?{url}: step {k} changes through serde"
        );
    }
}

/// Up to 12 steps spread over a trace of `len`, the first and the last among them.
/// A lab's mode bundles name modes it has, each once, never the default mode, under names
/// that cannot be mistaken for a lab id's end.
fn check_mode_bundles<L: Lab>() {
    let id = L::INFO.id;
    let mut seen: Vec<&str> = Vec::new();
    for bundle in L::MODE_BUNDLES {
        let name = bundle.name;
        assert!(
            !name.is_empty()
                && !name.contains("--")
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{id}: mode bundle name {name:?} is not a lower-case word"
        );
        assert!(
            !bundle.modes.is_empty(),
            "{id}: mode bundle {name} has no mode"
        );
        for mode in bundle.modes {
            assert!(
                L::MODES.iter().any(|m| m.id == *mode),
                "{id}: mode bundle {name} names an unknown mode {mode}"
            );
            assert!(
                L::MODES.first().is_none_or(|m| m.id != *mode),
                "{id}: the default mode {mode} must stay in the main bundle"
            );
            assert!(!seen.contains(mode), "{id}: mode {mode} is in two bundles");
            seen.push(mode);
        }
    }
    assert!(
        !id.contains("--"),
        "{id}: a lab id has no \"--\" (bundle names use it)"
    );
}

fn sampled(len: usize) -> Vec<usize> {
    let mut ks: Vec<usize> = (0..12).map(|i| i * len.saturating_sub(1) / 11).collect();
    ks.dedup();
    ks
}

/// The serde bytes a trace is compared by: every step's narration, lines and metrics, and the
/// whole of the sampled steps. (A state often shares one large `Arc` world between all its
/// steps, which serde would write out once per step.)
fn fingerprint<L: Lab>(t: &crate::lab::Trace<L::State>) -> Vec<u8> {
    let id = L::INFO.id;
    let mut out = Vec::new();
    for step in &t.steps {
        let parts = (&step.narration, &step.lines, &step.metrics);
        out.extend(serde_json::to_vec(&parts).unwrap_or_else(|e| panic!("{id}: {e}")));
    }
    for k in sampled(t.len()) {
        out.extend(serde_json::to_vec(&t.steps[k]).unwrap_or_else(|e| panic!("{id}: {e}")));
    }
    out
}

/// Every message names a field: a declared key, `mode`, `seed`, an action `a[i]`, or an unknown
/// key of the URL itself.
fn check_errors<L: Lab>(url: &str, pairs: &[(String, String)], errors: &[ParamError]) {
    let id = L::INFO.id;
    for e in errors {
        let known = e.field == "mode"
            || e.field == "seed"
            || L::fields().iter().any(|f| f.key == e.field)
            || (e.field.starts_with("a[") && e.field.ends_with(']'))
            || pairs.iter().any(|(k, _)| query::shorten(k) == e.field);
        assert!(
            known && !e.message.is_empty(),
            "{id}: ?{url}: message {e} names no field"
        );
        assert!(
            !PLAYER_KEYS.contains(&e.field.as_str()),
            "{id}: ?{url}: the lab reported a player key: {e}"
        );
    }
}

/// Each field's default reads back into the same text; no two fields a mode reads share a key.
fn check_fields<L: Lab>() {
    let id = L::INFO.id;
    for mode in 0..L::MODES.len().max(1) {
        let word = L::MODES.get(mode).map(|m| m.id);
        let defaults = L::defaults(mode);
        let mut keys = Vec::new();
        for f in L::fields() {
            if word.is_some_and(|w| !f.modes.reads(w)) {
                continue;
            }
            assert!(
                !keys.contains(&f.key),
                "{id}: two fields named {} in mode {mode}",
                f.key
            );
            assert!(
                !["mode", "seed", "a"].contains(&f.key)
                    && !crate::query::PLAYER_KEYS.contains(&f.key),
                "{id}: field {} takes a reserved key",
                f.key
            );
            keys.push(f.key);
            let text = (f.kind.write)(&defaults);
            let mut p = defaults.clone();
            let read = (f.kind.read)(&mut p, &text);
            assert!(
                read.is_ok(),
                "{id}: default of {} ({text}) does not read: {read:?}",
                f.key
            );
            assert!(
                p == defaults,
                "{id}: default of {} changes when read back",
                f.key
            );
            assert!(!f.doc.is_empty(), "{id}: field {} has no doc", f.key);
        }
    }
}

/// A URL made of the lab's own keys and action forms with values good and bad, unknown and
/// repeated keys, broken escapes, and sometimes more actions than allowed.
fn junk_url<L: Lab>(rng: &mut LabRng) -> String {
    let fields = L::fields();
    let mut pieces: Vec<String> = Vec::new();
    if !L::MODES.is_empty() && rng.random_bool(0.9) {
        let mode = if rng.random_bool(0.9) {
            L::MODES[rng.random_range(0..L::MODES.len())].id.to_string()
        } else {
            junk_value(rng, "")
        };
        pieces.push(format!("mode={mode}"));
    }
    for _ in 0..rng.random_range(0..8) {
        if fields.is_empty() {
            break;
        }
        let f = &fields[rng.random_range(0..fields.len())];
        let hint = (f.kind.allowed)(&L::defaults(0));
        pieces.push(format!("{}={}", f.key, junk_value(rng, &hint)));
    }
    match rng.random_range(0..10) {
        0 => pieces.push(format!("junk{}=1", rng.random_range(0..3))),
        1 => pieces.push("seed=-1".into()),
        2 => pieces.push(format!("seed={}", rng.random::<u64>())),
        3 => pieces.push("%E0%A4%A=%".into()),
        4 => pieces.push("step=2&embed=1".into()),
        _ => {}
    }
    let max = L::ACTIONS.max;
    let actions = match rng.random_range(0..10) {
        0 => max + rng.random_range(1..40),
        1..=5 => rng.random_range(0..4),
        _ => 0,
    };
    for _ in 0..actions {
        pieces.push(format!("a={}", junk_action::<L>(rng)));
    }
    if rng.random_bool(0.2) && !pieces.is_empty() {
        let i = rng.random_range(0..pieces.len());
        let again = pieces[i].clone();
        pieces.push(again);
    }
    pieces.join("&")
}

/// A value for a field: often one its `allowed` text suggests, sometimes junk.
fn junk_value(rng: &mut LabRng, allowed: &str) -> String {
    let words: Vec<&str> = allowed
        .split('`')
        .enumerate()
        .filter(|(i, w)| i % 2 == 1 && !w.is_empty())
        .map(|(_, w)| w)
        .collect();
    let bounds: Vec<f64> = allowed
        .replace(' ', "")
        .split('–')
        .filter_map(|x| x.parse::<f64>().ok())
        .collect();
    match rng.random_range(0..12) {
        0..=3 if !words.is_empty() => words[rng.random_range(0..words.len())].to_string(),
        0..=4 if bounds.len() == 2 => {
            let (lo, hi) = (bounds[0], bounds[1]);
            let v = lo + (hi - lo) * rng.random::<f64>();
            if rng.random_bool(0.5) {
                format!("{}", v.round())
            } else {
                format!("{v}")
            }
        }
        5 if bounds.len() == 2 => format!("{}", bounds[rng.random_range(0..2)]),
        6 => ["", "-1", "0", "1e300", "NaN", "inf", "0x10", "1.5", "٣"][rng.random_range(0..9)]
            .to_string(),
        7 => "9".repeat(rng.random_range(1..30)),
        8 => "%zz%4".into(),
        9 => "x".repeat(rng.random_range(1..200)),
        _ => format!("{}", rng.random_range(-5i64..100_000)),
    }
}

/// An action made from one of the lab's forms with its placeholders filled in, or junk.
fn junk_action<L: Lab>(rng: &mut LabRng) -> String {
    let forms = L::ACTIONS.forms;
    if forms.is_empty() || rng.random_bool(0.1) {
        return ["", "x", "fly:3", ":", "%", "add:"][rng.random_range(0..6)].to_string();
    }
    let (form, _) = forms[rng.random_range(0..forms.len())];
    let mut out = String::new();
    let mut chars = form.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_uppercase() {
            while chars
                .peek()
                .is_some_and(|c| c.is_ascii_uppercase() || *c == '_')
            {
                chars.next();
            }
            let filler = match rng.random_range(0..8) {
                0 => "cache1:6379".to_string(),
                1 => format!("{}", rng.random_range(0..5)),
                2 => format!("{}", rng.random_range(0..2000)),
                3 => format!("{:.3}", rng.random_range(-90.0..90.0)),
                4 => "-1".into(),
                5 => "10:00:02".into(),
                6 => "x".repeat(rng.random_range(1..60)),
                _ => format!("{}", rng.random_range(0..100)),
            };
            out.push_str(&filler);
        } else {
            out.push(c);
        }
    }
    query::encode_component(&out)
}
