//! Predict-then-run questions, answered from the trace: which character a base-62 division
//! prepends, and how a monotonic ULID generator makes its next ULID.

use crate::base62::Order;
use crate::trace::{BaseState, BaseStep, UlidState, UlidStep};
use crate::ulid::Made;
use crate::{Action, Params, State};
use sdp_kit::fmt::group;
use sdp_kit::lab::{Scenario, Trace};
use sdp_kit::quiz::Question;

/// The questions on `trace`: the first base-62 division whose remainder is a letter, and the
/// first ULID of each kind (incremented in the same ms, fresh in a new one, or waited).
pub fn questions(_scenario: &Scenario<Params, Action>, trace: &Trace<State>) -> Vec<Question> {
    let mut out = Vec::new();
    let mut base_asked = false;
    let mut made_asked: Vec<Made> = Vec::new();
    for (k, pair) in trace.steps.windows(2).enumerate() {
        let step = k + 1;
        let q = match (&pair[0].state, &pair[1].state) {
            (State::Base62(_), State::Base62(now)) if !base_asked => {
                let q = base_question(step, now);
                base_asked = q.is_some();
                q
            }
            (State::Ulid(_), State::Ulid(now)) => ulid_question(step, now, &mut made_asked),
            _ => None,
        };
        out.extend(q);
    }
    out
}

/// "Which character is prepended?", for a remainder of 10 or more (a letter).
fn base_question(step: usize, now: &BaseState) -> Option<Question> {
    let BaseStep::Divide(done) = now.step else {
        return None;
    };
    let row = now.world.rows.get(done.checked_sub(1)?)?;
    if row.remainder < 10 {
        return None;
    }
    let order = now.world.params.order;
    let chars = order.chars();
    let other = match order {
        Order::Code => Order::Prose,
        Order::Prose => Order::Code,
    }
    .chars();
    let r = usize::try_from(row.remainder).ok()?;
    let mut picks: Vec<char> = vec![row.ch];
    for c in [
        other.get(r),
        chars.get(r.wrapping_sub(1)),
        chars.get(r + 1),
        chars.get(r + 26),
    ]
    .into_iter()
    .flatten()
    {
        let c = char::from(*c);
        if !picks.contains(&c) && picks.len() < 4 {
            picks.push(c);
        }
    }
    picks.sort_unstable();
    let answer = picks.iter().position(|&c| c == row.ch)?;
    let labels: Vec<String> = picks.iter().map(|c| format!("“{c}”")).collect();
    let choices: Vec<&str> = labels.iter().map(String::as_str).collect();
    let charset = String::from_utf8_lossy(chars).to_string();
    Some(Question::pick(
        step,
        format!(
            "{} % 62 = {}. With the charset {}, which character is prepended?",
            group(row.n),
            row.remainder,
            match order {
                Order::Code => "0-9A-Za-z",
                Order::Prose => "a-zA-Z0-9",
            }
        ),
        &choices,
        answer,
        format!(
            "Character {} of {charset} (counting from 0) is “{}”; then {} / 62 = {} is divided next.",
            row.remainder,
            row.ch,
            group(row.n),
            group(row.quotient)
        ),
    ))
}

/// "How is the next ULID made?", for the first ULID made each way.
fn ulid_question(step: usize, now: &UlidState, asked: &mut Vec<Made>) -> Option<Question> {
    let UlidStep::Generate(n) = now.step else {
        return None;
    };
    let made = &now.world.made;
    let this = made.get(n.checked_sub(1)?)?;
    let last = made.get(n.checked_sub(2)?)?;
    if asked.contains(&this.made) {
        return None;
    }
    asked.push(this.made);
    let choices = [
        "The last ULID's random part + 1",
        "80 fresh random bits",
        "It waits for the next millisecond, then takes fresh bits",
    ];
    let answer = match this.made {
        Made::Incremented => 0,
        Made::Fresh => 1,
        Made::Waited => 2,
    };
    Some(Question::pick(
        step,
        format!(
            "ULID {n} is asked for at clock {}; the last one, {}, was made at {}. How does the monotonic generator make it?",
            this.clock, last.text, last.clock
        ),
        &choices,
        answer,
        format!(
            "{} → {}.",
            match this.made {
                Made::Incremented =>
                    "The same millisecond: the random part of the last ULID plus 1 keeps the order",
                Made::Fresh =>
                    "A new millisecond: the timestamp already orders it, so the random part is fresh",
                Made::Waited =>
                    "The random part would pass 2^80 − 1: the generator waits for the next millisecond",
            },
            this.text
        ),
    ))
}
