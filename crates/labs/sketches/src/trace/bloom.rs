//! `bloom`: inserts setting k bits, queries of keys never inserted answered "definitely not" or
//! "maybe", the observed false-positive rate against (1 − e^(−kn/m))^k, and the documents'
//! sizings.

use super::{BINS, pct};
use crate::bloom::{Bloom, bits_per_element, false_positive, optimal_k};
use crate::text::proc_ids;
use crate::{Action, BloomParams, Params, State};
use sdp_kit::fmt::group;
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::sync::Arc;

/// What every step of a `bloom` trace shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BloomWorld {
    /// The parameters.
    pub params: BloomParams,
    /// Keys inserted in all.
    pub inserted: u64,
    /// Keys queried that were never inserted.
    pub absent: u64,
    /// Of those, answered "maybe".
    pub false_positives: u64,
    /// The formula's rate.
    pub expected: f64,
}

/// What a step shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BloomStep {
    /// The empty array.
    Empty,
    /// One insert and its positions.
    Insert {
        /// The key.
        key: String,
        /// Its k positions.
        positions: Vec<u64>,
    },
    /// Many inserts at once.
    Inserts(u64),
    /// One query: positions, the answer, and whether the key was ever inserted.
    Query {
        /// The key.
        key: String,
        /// Its k positions.
        positions: Vec<u64>,
        /// "Maybe".
        maybe: bool,
        /// Whether it was inserted.
        member: bool,
    },
    /// Many queries at once.
    Queries(u64),
    /// The rate observed against the formula.
    Summary,
}

/// A step of `bloom`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BloomState {
    /// Shared by every step.
    pub world: Arc<BloomWorld>,
    /// Share of bits set in each of [`BINS`] stretches of the array, after this step.
    pub density: Arc<Vec<f64>>,
    /// Bits set.
    pub ones: u64,
    /// What this step shows.
    pub step: BloomStep,
}

/// A step before its metrics: what it shows, the density, bits set, narration, lines.
type RawStep = (BloomStep, Arc<Vec<f64>>, u64, String, Vec<usize>);

pub(super) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let p = &s.params.bloom;
    let (m, k) = (u64::from(p.m), p.k);
    let mut filter = Bloom::new(m, k);
    let keys: Vec<String> = s
        .actions
        .iter()
        .filter_map(|a| match a {
            Action::Key(k) => Some(k.clone()),
            _ => None,
        })
        .collect();
    let asks: Vec<String> = s
        .actions
        .iter()
        .filter_map(|a| match a {
            Action::Ask(k) => Some(k.clone()),
            _ => None,
        })
        .collect();
    // The keys inserted: `key1` … `key{n}`, then the keys added by hand.
    let generated = p.n as usize;
    let inserted = generated + keys.len();
    let is_inserted = |key: &str| {
        keys.iter().any(|k| k == key)
            || key
                .strip_prefix("key")
                .and_then(|d| d.parse::<u32>().ok())
                .is_some_and(|i| (1..=p.n).contains(&i) && format!("key{i}") == key)
    };
    let mut steps_raw: Vec<RawStep> = Vec::new();
    let density = |f: &Bloom| Arc::new(f.density(BINS));
    steps_raw.push((BloomStep::Empty, density(&filter), 0, format!(
        "{} bits, all clear; {k} hash positions per key. {} keys will be inserted ({:.1} bits each); the optimal k for that is (m/n)·ln 2 = {:.2}.",
        group(m), group(inserted as u64), m as f64 / inserted.max(1) as f64, optimal_k(m, inserted as u64)), vec![0]));
    let detailed = p.detailed as usize;
    let mut name = String::new();
    for i in 0..inserted {
        let key: &str = if i < generated {
            name.clear();
            let _ = write!(name, "key{}", i + 1);
            &name
        } else {
            &keys[i - generated]
        };
        if i < detailed || i >= generated {
            let pos = filter.insert(key);
            steps_raw.push((
                BloomStep::Insert {
                    key: key.to_string(),
                    positions: pos.clone(),
                },
                density(&filter),
                filter.ones(),
                format!(
                    "Insert {key}: set bits {}.",
                    pos.iter()
                        .map(u64::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                vec![0],
            ));
        } else {
            filter.add(key);
            if i + 1 < generated {
                continue;
            }
            steps_raw.push((
                BloomStep::Inserts(u64::from(p.n) - detailed as u64),
                density(&filter),
                filter.ones(),
                format!(
                    "The other {} keys are inserted; {} of the bits are set.",
                    group(u64::from(p.n) - detailed as u64),
                    pct(filter.ones() as f64 / m as f64)
                ),
                vec![0],
            ));
        }
    }
    let d = density(&filter);
    let mut fp = 0u64;
    for i in 1..=u64::from(p.queries) {
        name.clear();
        let _ = write!(name, "other{i}");
        let key = name.as_str();
        let (maybe, pos) = filter.query(key);
        fp += u64::from(maybe);
        if i <= detailed as u64 {
            steps_raw.push((
                BloomStep::Query {
                    key: key.to_string(),
                    positions: pos,
                    maybe,
                    member: false,
                },
                Arc::clone(&d),
                filter.ones(),
                format!(
                    "Query {key} (never inserted): {}.",
                    if maybe {
                        "every bit is set, so “maybe”: a false positive"
                    } else {
                        "a bit is clear, so “definitely not”: the slow store is skipped"
                    }
                ),
                vec![1, 2],
            ));
        }
    }
    if u64::from(p.queries) > detailed as u64 {
        steps_raw.push((
            BloomStep::Queries(u64::from(p.queries) - detailed as u64),
            Arc::clone(&d),
            filter.ones(),
            format!(
                "The other {} queries of keys never inserted run the same way.",
                group(u64::from(p.queries) - detailed as u64)
            ),
            vec![1],
        ));
    }
    for key in &asks {
        let (maybe, pos) = filter.query(key);
        let member = is_inserted(key);
        steps_raw.push((
            BloomStep::Query {
                key: key.clone(),
                positions: pos,
                maybe,
                member,
            },
            Arc::clone(&d),
            filter.ones(),
            format!(
                "Query {key} ({}): {}.",
                if member { "inserted" } else { "never inserted" },
                if maybe {
                    "“maybe”"
                } else {
                    "“definitely not”"
                }
            ),
            vec![1],
        ));
    }
    let expected = false_positive(m, inserted as u64, k);
    let world = Arc::new(BloomWorld {
        params: p.clone(),
        inserted: inserted as u64,
        absent: u64::from(p.queries),
        false_positives: fp,
        expected,
    });
    steps_raw.push((
        BloomStep::Summary,
        Arc::clone(&d),
        filter.ones(),
        format!(
            "{} of {} keys never inserted were answered “maybe”: {} observed, against (1 − e^(−kn/m))^k = {}. No inserted key is ever answered “definitely not”. For 1 % the filter needs −ln 0.01 / (ln 2)² = {:.2} bits per key.",
            group(fp), group(u64::from(p.queries)),
            pct(fp as f64 / f64::from(p.queries.max(1))), pct(expected), bits_per_element(0.01)
        ),
        vec![3],
    ));
    let steps = steps_raw
        .into_iter()
        .map(|(step, density, ones, narration, lines)| Step {
            metrics: vec![
                Metric::new(
                    "bits set",
                    ones as f64,
                    format!(
                        "{} of {} ({})",
                        group(ones),
                        group(m),
                        pct(ones as f64 / m as f64)
                    ),
                ),
                Metric::new("false-positive rate, formula", expected, pct(expected)),
                Metric::new(
                    "memory",
                    m as f64 / 8.0,
                    format!("{} bytes", group(m.div_ceil(8))),
                ),
            ],
            state: State::Bloom(BloomState {
                world: Arc::clone(&world),
                density,
                ones,
                step,
            }),
            narration,
            lines: LinesRun::new(proc_ids::BLOOM, &lines),
        })
        .collect();
    Trace { steps }
}
