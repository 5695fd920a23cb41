//! `ulid`: the document's example decoded character by character, the 128-bit layout, monotonic
//! ULIDs one step each, the string sort against the time sort, and the timestamp's lifetime.

use crate::date::{iso, year};
use crate::text::proc_ids;
use crate::ulid::{
    MAX_RANDOM, MAX_TIME, Made, Monotonic, Ulid, decode, digits, encode, random80, span_years,
};
use crate::{Action, Params, State, UlidParams};
use sdp_kit::fmt::group;
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// One generated ULID.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Generated {
    /// The clock when it was asked for, Unix ms.
    pub clock: u64,
    /// The ULID.
    pub ulid: Ulid,
    /// Its text.
    pub text: String,
    /// How it came about.
    pub made: Made,
}

/// What every step of a `ulid` trace shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UlidWorld {
    /// The parameters.
    pub params: UlidParams,
    /// The decoded ULID's characters' values.
    pub digits: Vec<u8>,
    /// The decoded ULID.
    pub decoded: Ulid,
    /// The generated ULIDs, in order.
    pub made: Vec<Generated>,
    /// Indexes of `made` sorted by text.
    pub by_text: Vec<usize>,
}

/// What a step shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UlidStep {
    /// The example decoded.
    Decode,
    /// The bit layout of the example.
    Layout,
    /// This many ULIDs generated.
    Generate(usize),
    /// Sorted as strings against by time.
    Sort,
    /// 2^48 ms: the lifetime.
    Lifetime,
}

/// A step of `ulid`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UlidState {
    /// Shared by every step.
    pub world: Arc<UlidWorld>,
    /// What this step shows.
    pub step: UlidStep,
}

fn generate(p: &UlidParams, seed: u64) -> Vec<Generated> {
    let mut rng = sdp_kit::rng::seeded(seed);
    let mut g = Monotonic::default();
    let mut first = p.near_max;
    (0..p.count)
        .map(|i| {
            let clock = p.time + u64::from(i / p.per_ms);
            let (ulid, made) = g.next(clock, || {
                if std::mem::take(&mut first) {
                    MAX_RANDOM - 1
                } else {
                    random80(&mut rng)
                }
            });
            Generated {
                clock,
                ulid,
                text: encode(ulid),
                made,
            }
        })
        .collect()
}

fn made_text(g: &Generated) -> String {
    match g.made {
        Made::Fresh => format!("a new ms ({}): 80 fresh random bits", g.clock),
        Made::Incremented => format!(
            "the same ms as the last ULID: its random part + 1 (clock {})",
            g.clock
        ),
        Made::Waited => format!(
            "the random part would pass 2^80 − 1: waited for the next ms ({}), fresh bits",
            g.ulid.time
        ),
    }
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let p = &s.params.ulid;
    let made = generate(p, s.seed);
    let mut by_text: Vec<usize> = (0..made.len()).collect();
    by_text.sort_by(|&a, &b| made[a].text.cmp(&made[b].text));
    let decoded = decode(&p.decode).unwrap_or(Ulid { time: 0, random: 0 });
    let w = Arc::new(UlidWorld {
        params: p.clone(),
        digits: digits(&p.decode).unwrap_or_default(),
        decoded,
        made,
        by_text,
    });
    let state = |step| {
        State::Ulid(UlidState {
            world: Arc::clone(&w),
            step,
        })
    };
    let base = |n: usize| {
        vec![
            Metric::new("ULIDs generated", n as f64, group(n as u64)),
            Metric::new(
                "decoded timestamp",
                w.decoded.time as f64,
                w.decoded.time.to_string(),
            ),
        ]
    };
    let mut steps = vec![
        Step {
            state: state(UlidStep::Decode),
            narration: format!(
                "Decode {}: 26 characters × 5 bits, the first carrying 3; the top 48 bits are {} ms = {}.",
                p.decode,
                w.decoded.time,
                iso(w.decoded.time as i64)
            ),
            lines: LinesRun::new(proc_ids::ULID, &[0, 1]),
            metrics: base(0),
        },
        Step {
            state: state(UlidStep::Layout),
            narration: format!(
                "128 bits: the 48-bit timestamp fills the first 10 characters, the 80 random bits ({:020X} in hex) the last 16.",
                w.decoded.random
            ),
            lines: LinesRun::new(proc_ids::ULID, &[0]),
            metrics: base(0),
        },
    ];
    for (i, g) in w.made.iter().enumerate() {
        steps.push(Step {
            state: state(UlidStep::Generate(i + 1)),
            narration: format!("ULID {}: {} → {}.", i + 1, made_text(g), g.text),
            lines: LinesRun::new(
                proc_ids::ULID,
                match g.made {
                    Made::Fresh => &[4],
                    Made::Incremented => &[2],
                    Made::Waited => &[3],
                },
            ),
            metrics: base(i + 1),
        });
    }
    let sorted_same = w.by_text.iter().copied().eq(0..w.made.len());
    steps.push(Step {
        state: state(UlidStep::Sort),
        narration: format!(
            "Sorted as strings, the {} ULIDs come out {} the order they were made in: string order is time order, and within a millisecond the increments keep it.",
            w.made.len(),
            if sorted_same { "in" } else { "not in" }
        ),
        lines: LinesRun::new(proc_ids::ULID, &[5]),
        metrics: base(w.made.len()),
    });
    steps.push(Step {
        state: state(UlidStep::Lifetime),
        narration: format!(
            "The document says 48 bits of ms are “good for 10889 years”; 2^48 ms is {:.0} years, and the last timestamp, {}, falls in the year {}.",
            span_years(),
            iso(MAX_TIME as i64),
            year(MAX_TIME as i64)
        ),
        lines: LinesRun::new(proc_ids::ULID, &[6]),
        metrics: base(w.made.len()),
    });
    Trace { steps }
}
