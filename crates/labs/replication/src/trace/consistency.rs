//! `consistency`: a client history on a timeline, then judged linearizable (the order placed
//! one operation at a time, each at a point inside its interval), sequential and eventual, the
//! first violating operation pointed at, and the three verdicts side by side.

use crate::history::{
    self, Model, Op, Verdict, final_reads_agree, judge, judge_eventual, well_formed,
};
use crate::text::proc_ids;
use crate::{Action, Example, Params, State};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What every step of a `consistency` trace shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsistencyWorld {
    /// The history.
    pub ops: Vec<Op>,
    /// Typed operations left out, and why.
    pub dropped: Vec<String>,
    /// Linearizability.
    pub lin: Verdict,
    /// Sequential consistency.
    pub seq: Verdict,
    /// Eventual consistency (its safety half).
    pub ev: Verdict,
    /// Whether the reads after the last writes agree (`None`: there are none).
    pub agree: Option<bool>,
    /// Each operation's linearization point, when linearizable.
    pub points: Vec<Option<f64>>,
}

/// Which part of the judgement a step shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// The history alone.
    History,
    /// Linearizability.
    Linearizable,
    /// Sequential consistency.
    Sequential,
    /// Eventual consistency.
    Eventual,
    /// The verdicts.
    Summary,
}

/// A step of `consistency`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsistencyState {
    /// Shared by every step.
    pub world: Arc<ConsistencyWorld>,
    /// The part shown.
    pub phase: Phase,
    /// How many operations of the phase's order are placed.
    pub placed: usize,
    /// The operation pointed at (the one just placed, or the first violating one).
    pub focus: Option<usize>,
}

fn op(proc: u8, write: bool, value: u32, invoke: u32, response: u32) -> Op {
    Op {
        proc,
        write,
        reg: 0,
        value,
        invoke,
        response,
    }
}

/// The preset histories (empty for `random`, which is seeded, and `empty`).
pub fn example_ops(e: Example) -> Vec<Op> {
    match e {
        Example::Bank => vec![
            op(1, true, 1, 0, 6),
            op(2, false, 0, 1, 3),
            op(2, false, 1, 4, 8),
            op(3, false, 1, 9, 11),
            op(3, true, 2, 12, 14),
            op(1, false, 2, 15, 17),
        ],
        Example::Stale => vec![
            op(1, true, 1, 0, 3),
            op(2, false, 0, 5, 7),
            op(1, false, 1, 6, 8),
            op(2, false, 1, 10, 12),
        ],
        Example::Inversion => vec![
            op(1, true, 1, 0, 10),
            op(2, false, 1, 2, 4),
            op(3, false, 0, 6, 8),
        ],
        Example::Order => vec![
            op(1, true, 1, 0, 2),
            op(2, true, 2, 0, 2),
            op(3, false, 1, 4, 5),
            op(3, false, 2, 7, 8),
            op(4, false, 2, 4, 5),
            op(4, false, 1, 7, 8),
        ],
        Example::Thin => vec![op(1, true, 1, 0, 2), op(2, false, 3, 4, 6)],
        Example::Random | Example::Empty => Vec::new(),
    }
}

/// The history of a scenario: the example (or the seeded random one), then the typed
/// operations and removals; a typed operation that overlaps another of its client is left
/// out (named in the second list).
pub fn history_of(s: &Scenario<Params, Action>) -> (Vec<Op>, Vec<String>) {
    let c = &s.params.consistency;
    let mut ops = match c.example {
        Example::Random => history::random(c.ops as usize, c.registers as usize, s.seed),
        e => example_ops(e),
    };
    let mut dropped = Vec::new();
    for a in &s.actions {
        match a {
            Action::Op(o) => {
                let mut next = ops.clone();
                next.push(*o);
                match well_formed(&next) {
                    Ok(()) if next.len() <= history::MAX_OPS => ops = next,
                    Ok(()) => dropped.push(format!("{}: the history is full", o.text())),
                    Err(m) => dropped.push(format!("{}: {m}", o.text())),
                }
            }
            Action::Del(k) if *k < ops.len() => {
                ops.remove(*k);
            }
            _ => {}
        }
    }
    (ops, dropped)
}

/// Points inside each interval, in the order's sequence: each at its invoke time or just after
/// the previous point.
pub fn points(ops: &[Op], order: &[usize]) -> Vec<Option<f64>> {
    let mut out = vec![None; ops.len()];
    let mut prev = f64::NEG_INFINITY;
    for &i in order {
        let Some(o) = ops.get(i) else { continue };
        let lo = f64::from(o.invoke);
        let hi = f64::from(o.response);
        let p = if prev < lo {
            lo + 0.25 * (hi - lo).min(1.0)
        } else {
            prev + 0.1
        };
        let p = p.min(hi);
        prev = p;
        if let Some(slot) = out.get_mut(i) {
            *slot = Some(p);
        }
    }
    out
}

fn verdict_word(v: &Verdict) -> &'static str {
    if v.holds() { "holds" } else { "broken" }
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let (ops, dropped) = history_of(s);
    let lin = judge(&ops, Model::Linearizable);
    let seq = judge(&ops, Model::Sequential);
    let ev = judge_eventual(&ops);
    let pts = match &lin {
        Verdict::Holds(order) => points(&ops, order),
        Verdict::Broken(_) => vec![None; ops.len()],
    };
    let world = Arc::new(ConsistencyWorld {
        agree: final_reads_agree(&ops),
        ops,
        dropped,
        lin,
        seq,
        ev,
        points: pts,
    });
    let w = &world;
    let text = |i: usize| w.ops.get(i).map_or_else(String::new, Op::text);
    let metrics = vec![
        Metric::new("operations", w.ops.len() as f64, w.ops.len().to_string()),
        Metric::new(
            "linearizable",
            f64::from(u8::from(w.lin.holds())),
            verdict_word(&w.lin),
        ),
        Metric::new(
            "sequential",
            f64::from(u8::from(w.seq.holds())),
            verdict_word(&w.seq),
        ),
        Metric::new(
            "eventual",
            f64::from(u8::from(w.ev.holds())),
            verdict_word(&w.ev),
        ),
    ];
    let mut steps = Vec::new();
    let mut push = |phase, placed, focus, narration: String, lines: &[usize]| {
        steps.push(Step {
            state: State::Consistency(ConsistencyState {
                world: Arc::clone(w),
                phase,
                placed,
                focus,
            }),
            narration,
            lines: LinesRun::new(proc_ids::CONSISTENCY, lines),
            metrics: metrics.clone(),
        });
    };
    let procs = {
        let mut p: Vec<u8> = w.ops.iter().map(|o| o.proc).collect();
        p.sort_unstable();
        p.dedup();
        p.len()
    };
    let regs = if w.ops.iter().any(|o| o.reg == 1) {
        "x and y"
    } else {
        "x"
    };
    let left_out = if w.dropped.is_empty() {
        String::new()
    } else {
        format!(" Left out: {}.", w.dropped.join("; "))
    };
    push(
        Phase::History,
        0,
        None,
        format!(
            "{} operation(s) by {procs} client(s) on {regs}; every register starts at 0. Each bar runs from invoke to response.{left_out}",
            w.ops.len()
        ),
        &[],
    );
    for (phase, model, verdict, line, table_line, name) in [
        (
            Phase::Linearizable,
            Model::Linearizable,
            &w.lin,
            4,
            0,
            "linearizable",
        ),
        (
            Phase::Sequential,
            Model::Sequential,
            &w.seq,
            5,
            1,
            "sequential",
        ),
    ] {
        match verdict {
            Verdict::Holds(order) => {
                for (k, &i) in order.iter().enumerate() {
                    let at = match (model, w.points.get(i).copied().flatten()) {
                        (Model::Linearizable, Some(p)) => format!(" at t ≈ {p:.1}"),
                        _ => String::new(),
                    };
                    push(
                        phase,
                        k + 1,
                        Some(i),
                        format!("{}: place {}{at}.", ordinal_text(k + 1), text(i)),
                        &[line],
                    );
                }
                let why = match model {
                    Model::Linearizable => {
                        "one order respects real time and every read returns the last write before it"
                    }
                    Model::Sequential => {
                        "one order keeps each client's operations in their order and every read returns the last write before it"
                    }
                };
                push(
                    phase,
                    order.len(),
                    None,
                    format!("{}: {why}.", capital(name)),
                    &[line, table_line],
                );
            }
            Verdict::Broken(i) => {
                let at = w.ops.get(*i).map_or(0, |o| o.response);
                let rule = match model {
                    Model::Linearizable => "respects real time",
                    Model::Sequential => "keeps each client's operations in order",
                };
                push(
                    phase,
                    0,
                    Some(*i),
                    format!(
                        "Not {name}: once {} has returned (t = {at}), no order of the operations so far that {rule} gives every read the last value written before it.",
                        text(*i)
                    ),
                    &[line],
                );
            }
        }
    }
    match &w.ev {
        Verdict::Holds(_) => push(
            Phase::Eventual,
            0,
            None,
            format!(
                "Eventual: every read returns 0 or a value some write wrote.{}",
                match w.agree {
                    Some(true) => " Each client's last read after the last writes agrees.",
                    Some(false) =>
                        " The clients' last reads still disagree: not converged yet (eventual consistency only promises that they will).",
                    None => "",
                }
            ),
            &[6, 3],
        ),
        Verdict::Broken(i) => push(
            Phase::Eventual,
            0,
            Some(*i),
            format!(
                "Not even eventual: {} returns a value nobody wrote.",
                text(*i)
            ),
            &[6],
        ),
    }
    let strongest = if w.lin.holds() {
        "linearizable (banking, inventory, leader election)"
    } else if w.seq.holds() {
        "sequential but not linearizable (enough for the document's distributed locks, not for banking)"
    } else if w.ev.holds() {
        "eventual only (DNS, social feeds, caches)"
    } else {
        "none of the three"
    };
    push(
        Phase::Summary,
        0,
        None,
        format!("This history is {strongest}."),
        &[0, 1, 3],
    );
    Trace { steps }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn ordinal_text(k: usize) -> String {
    super::ordinal(k)
}
