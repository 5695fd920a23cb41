//! `base62`: the long division one digit per step, the fixes for 0 and fixed width, the decode
//! accumulator one character per step, and the other character order.

use super::big;
use crate::base62::{
    Accumulate, DecodeError, Division, Order, accumulate, capacity, decode, divisions, encode,
    encode_doc,
};
use crate::text::proc_ids;
use crate::{Action, Base62Params, Params, State};
use sdp_kit::fmt::group;
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What every step of a `base62` trace shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BaseWorld {
    /// The parameters.
    pub params: Base62Params,
    /// The long-division rows.
    pub rows: Vec<Division>,
    /// The document's loop's result (`""` for 0).
    pub doc_code: String,
    /// The fixed and padded code.
    pub code: String,
    /// The text decoded (the `code` parameter, or the code).
    pub decoding: String,
    /// Its accumulator rows, or why it stops.
    pub acc: Result<Vec<Accumulate>, String>,
    /// The number in the other order.
    pub other_code: String,
    /// The code read in the other order.
    pub misread: Option<u64>,
    /// The code's width: 62^width codes.
    pub width: u32,
}

/// What a step shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BaseStep {
    /// Before the first division.
    Start,
    /// After this many divisions.
    Divide(usize),
    /// `encode(0)`: the loop's empty string and the fix.
    Zero,
    /// Padded to the fixed width.
    Pad,
    /// After this many characters decoded.
    Decode(usize),
    /// The other order and the capacity.
    Summary,
}

/// A step of `base62`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BaseState {
    /// Shared by every step.
    pub world: Arc<BaseWorld>,
    /// What this step shows.
    pub step: BaseStep,
}

fn order_text(o: Order) -> &'static str {
    match o {
        Order::Code => "0-9A-Za-z (the document's code)",
        Order::Prose => "a-zA-Z0-9 (the document's prose)",
    }
}

fn world(p: &Base62Params) -> BaseWorld {
    let rows = divisions(p.n, p.order);
    let code = encode(p.n, p.order, p.pad as usize);
    let decoding = if p.code.is_empty() {
        code.clone()
    } else {
        p.code.clone()
    };
    let acc = accumulate(&decoding, p.order).map_err(|e| match e {
        DecodeError::TooLarge => "the value passes 2^64 − 1 (18 446 744 073 709 551 615)".into(),
        DecodeError::NotInCharset(i, c) => {
            format!("character {} ({c}) is not one of the 62", i + 1)
        }
    });
    BaseWorld {
        params: p.clone(),
        doc_code: encode_doc(p.n, p.order),
        other_code: encode(p.n, p.order.other(), p.pad as usize),
        misread: decode(&code, p.order.other()).ok(),
        width: code.chars().count().max(7) as u32,
        rows,
        code,
        decoding,
        acc,
    }
}

fn metrics(w: &BaseWorld, code_so_far: &str, value: Option<u64>) -> Vec<Metric> {
    let mut m = vec![
        Metric::new("n", w.params.n as f64, group(w.params.n)),
        Metric::new(
            "code so far",
            code_so_far.chars().count() as f64,
            if code_so_far.is_empty() {
                "(empty)".to_string()
            } else {
                format!("“{code_so_far}”")
            },
        ),
    ];
    if let Some(v) = value {
        m.push(Metric::new("decoded n", v as f64, group(v)));
    }
    let cap = capacity(w.width);
    m.push(Metric::new(
        &format!("codes of {} characters", w.width),
        cap as f64,
        big(cap),
    ));
    m
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let p = &s.params.base62;
    let w = Arc::new(world(p));
    let state = |step| {
        State::Base62(BaseState {
            world: Arc::clone(&w),
            step,
        })
    };
    let mut steps = vec![Step {
        state: state(BaseStep::Start),
        narration: format!(
            "Encode {} with the charset {}: divide by 62 until nothing is left, prepending each remainder's character.",
            group(p.n),
            order_text(p.order)
        ),
        lines: LinesRun::new(proc_ids::BASE62, &[0, 1]),
        metrics: metrics(&w, "", None),
    }];
    for (k, d) in w.rows.iter().enumerate() {
        let so_far: String = w.rows[..=k].iter().rev().map(|r| r.ch).collect();
        steps.push(Step {
            state: state(BaseStep::Divide(k + 1)),
            narration: format!(
                "{} % 62 = {} → “{}”, prepended: “{so_far}”; {} / 62 = {}{}",
                group(d.n),
                d.remainder,
                d.ch,
                group(d.n),
                group(d.quotient),
                if d.quotient == 0 {
                    ", so the loop stops."
                } else {
                    "."
                }
            ),
            lines: LinesRun::new(proc_ids::BASE62, &[2, 3]),
            metrics: metrics(&w, &so_far, None),
        });
    }
    if p.n == 0 {
        steps.push(Step {
            state: state(BaseStep::Zero),
            narration: format!(
                "The document's loop never runs for 0, so its encode returns an empty code; the lab returns “{}”, the zero digit (not in source).",
                p.order.char_of(0)
            ),
            lines: LinesRun::new(proc_ids::BASE62, &[1]),
            metrics: metrics(&w, &encode(0, p.order, 0), None),
        });
    }
    let unpadded = encode(p.n, p.order, 0);
    if w.code != unpadded {
        steps.push(Step {
            state: state(BaseStep::Pad),
            narration: format!(
                "Fixed width {}: “{unpadded}” is left-padded with “{}” to “{}”; the zero digits add nothing when decoded (not in source).",
                p.pad,
                p.order.char_of(0),
                w.code
            ),
            lines: LinesRun::new(proc_ids::BASE62, &[5]),
            metrics: metrics(&w, &w.code, None),
        });
    }
    decode_steps(&w, &mut steps, &state);
    steps.push(summary(&w, state(BaseStep::Summary)));
    Trace { steps }
}

fn decode_steps(
    w: &Arc<BaseWorld>,
    steps: &mut Vec<Step<State>>,
    state: &dyn Fn(BaseStep) -> State,
) {
    match &w.acc {
        Ok(rows) => {
            for (k, a) in rows.iter().enumerate() {
                steps.push(Step {
                    state: state(BaseStep::Decode(k + 1)),
                    narration: format!(
                        "Decode “{}”: “{}” is digit {}; n = {} × 62 + {} = {}.",
                        w.decoding,
                        a.ch,
                        a.digit,
                        group(a.before),
                        a.digit,
                        group(a.after)
                    ),
                    lines: LinesRun::new(proc_ids::BASE62, &[4]),
                    metrics: metrics(w, &w.code, Some(a.after)),
                });
            }
        }
        Err(why) => steps.push(Step {
            state: state(BaseStep::Decode(0)),
            narration: format!("Decode “{}”: {why}, so it names no 64-bit ID.", w.decoding),
            lines: LinesRun::new(proc_ids::BASE62, &[4]),
            metrics: metrics(w, &w.code, None),
        }),
    }
}

fn summary(w: &BaseWorld, state: State) -> Step<State> {
    let p = &w.params;
    let misread = w.misread.map_or_else(
        || "does not fit 64 bits".to_string(),
        |v| format!("reads as {}", group(v)),
    );
    Step {
        state,
        narration: format!(
            "In the other order, {}, {} encodes as “{}”, and “{}” {misread}. {} characters hold 62^{} = {} codes.",
            order_text(p.order.other()),
            group(p.n),
            w.other_code,
            w.code,
            w.width,
            w.width,
            big(capacity(w.width))
        ),
        lines: LinesRun::new(proc_ids::BASE62, &[0, 5]),
        metrics: metrics(
            w,
            &w.code,
            w.acc.as_ref().ok().and_then(|r| r.last()).map(|a| a.after),
        ),
    }
}
