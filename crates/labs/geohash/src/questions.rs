//! Predict-then-run questions, answered from the trace: the next bit and the next character
//! of an encoding, and whether a proximity search or a sharded search misses places.

use crate::codec::{Axis, BASE32};
use crate::format::km;
use crate::trace::encode::{EncodePhase, EncodeState, JobKind};
use crate::trace::search::{SearchPhase, SearchState};
use crate::trace::shards::{ShardPhase, ShardState};
use crate::{Action, Params, State};
use sdp_kit::fmt::group;
use sdp_kit::lab::{Scenario, Trace};
use sdp_kit::quiz::Question;

/// The questions on `trace`: in an encoding, its first bit and its first character; in a
/// proximity search, whether brute force finds places each rule missed; in a sharded search,
/// the same for each shard rule.
pub fn questions(_scenario: &Scenario<Params, Action>, trace: &Trace<State>) -> Vec<Question> {
    let mut out = Vec::new();
    let mut asked_bit = None;
    let mut asked_char = None;
    for (k, pair) in trace.steps.windows(2).enumerate() {
        let step = k + 1;
        let q = match (&pair[0].state, &pair[1].state) {
            (State::Encode(_), State::Encode(now)) => match now.phase {
                EncodePhase::Bit { .. } if asked_bit != Some(now.job_index) => {
                    asked_bit = Some(now.job_index);
                    bit_question(step, now)
                }
                EncodePhase::Char { .. } if asked_char != Some(now.job_index) => {
                    asked_char = Some(now.job_index);
                    char_question(step, now)
                }
                _ => None,
            },
            (State::Search(before), State::Search(now)) => search_question(step, before, now),
            (State::Shards(before), State::Shards(now)) => shard_question(step, before, now),
            _ => None,
        };
        out.extend(q);
    }
    out
}

/// "Which bit comes next?" for an encoding's first bisection.
fn bit_question(step: usize, now: &EncodeState) -> Option<Question> {
    if now.job.kind != JobKind::Encode {
        return None;
    }
    let EncodePhase::Bit { step: bit } = now.phase else {
        return None;
    };
    let point = now.job.point?;
    let (name, value) = match bit.axis {
        Axis::Lng => ("longitude", point.lng),
        Axis::Lat => ("latitude", point.lat),
    };
    let (side, kept) = if bit.bit {
        ("≥", "upper")
    } else {
        ("<", "lower")
    };
    Some(Question::pick(
        step,
        format!(
            "Bit {} halves the {name} interval [{}, {}] at its midpoint {}. Is the bit 0 or 1?",
            bit.index + 1,
            bit.lo,
            bit.hi,
            bit.mid
        ),
        &["0", "1"],
        usize::from(bit.bit),
        format!(
            "The {name} {value} is {side} the midpoint {}, so the bit is {} and the {kept} half is kept.",
            bit.mid,
            u8::from(bit.bit)
        ),
    ))
}

/// "Which Base32 character do these five bits make?" for an encoding's first character.
fn char_question(step: usize, now: &EncodeState) -> Option<Question> {
    if now.job.kind != JobKind::Encode {
        return None;
    }
    let EncodePhase::Char { index, value, ch } = now.phase else {
        return None;
    };
    let start = usize::from(index) * 5;
    let bits: String = now
        .job
        .bits
        .get(start..start + 5)?
        .iter()
        .map(|b| if b.bit { '1' } else { '0' })
        .collect();
    // The right character and its neighbours in the alphabet (value ± 1, ± 2).
    let v = usize::from(value).min(31);
    let first = v.saturating_sub(1).min(28);
    let values: Vec<usize> = (first..first + 4).collect();
    let labels: Vec<String> = values
        .iter()
        .map(|&i| char::from(BASE32[i]).to_string())
        .collect();
    let answer = values.iter().position(|&i| i == v)?;
    let choices: Vec<&str> = labels.iter().map(String::as_str).collect();
    Some(Question::pick(
        step,
        format!(
            "The first {} bits are done; bits {}–{} are {bits}. Which Base32 character do they make?",
            start + 5,
            start + 1,
            start + 5
        ),
        &choices,
        answer,
        format!(
            "{bits} is {value} in binary, and character {value} of the geohash alphabet 0123456789bcdefghjkmnpqrstuvwxyz is '{ch}'."
        ),
    ))
}

/// "Does brute force find places this rule missed?", asked once the rule's results are sorted.
fn search_question(step: usize, before: &SearchState, now: &SearchState) -> Option<Question> {
    if before.phase != SearchPhase::Sorted || now.phase != SearchPhase::Missed {
        return None;
    }
    let q = now.query.as_ref()?;
    let run = q.runs.get(now.rule?)?;
    let missed = run.missed.len();
    let truth = q.truth.len();
    Some(Question::yes_no(
        step,
        format!(
            "The {} rule searched {} cells at precision {}, whose 3×3 block reaches {} around the centre; the radius is {}. Will brute force find places inside the circle that this search missed?",
            run.plan.rule.label(),
            run.plan.cells.len(),
            run.plan.precision,
            km(run.plan.covered_km),
            km(q.radius_km)
        ),
        missed > 0,
        format!(
            "Brute force finds {} places inside the circle; the search found {} and missed {}{}.",
            group(truth as u64),
            group(run.within.len() as u64),
            group(missed as u64),
            if missed > 0 {
                ": they lie inside the circle but outside the searched cells"
            } else {
                ": the searched cells cover the whole circle"
            }
        ),
    ))
}

/// "Does brute force find places in shards that were not queried?", asked once merged.
fn shard_question(step: usize, before: &ShardState, now: &ShardState) -> Option<Question> {
    if before.phase != ShardPhase::Merged || now.phase != ShardPhase::Missed {
        return None;
    }
    let q = now.query.as_ref()?;
    let run = q.runs.get(now.rule?)?;
    let missed = run.missed.len();
    Some(Question::yes_no(
        step,
        format!(
            "{} shard{} queried for a {} radius; the centre is {} from its shard's nearest edge. Will brute force find places inside the circle in shards that were not queried?",
            run.shards.len(),
            if run.shards.len() == 1 {
                " was"
            } else {
                "s were"
            },
            km(q.radius_km),
            km(q.nearest_edge_km)
        ),
        missed > 0,
        format!(
            "Brute force finds {} places inside the circle; {} of them are in shards that were not queried{}.",
            group(q.truth.len() as u64),
            group(missed as u64),
            if missed > 0 {
                " (the circle reaches past the queried shards)"
            } else {
                " (the queried shards cover the circle)"
            }
        ),
    ))
}
