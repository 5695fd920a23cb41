//! Predict-then-run questions on the quorum trace, answered from the run: whether the next
//! write to finish is acknowledged (W acks before the timeout), and whether the next read to
//! finish returns the latest acknowledged version (R + W against N, and what failed).

use crate::State;
use crate::quorum::{Happening, OpKind, Outcome};
use crate::trace::QuorumState;
use sdp_kit::lab::Trace;
use sdp_kit::quiz::Question;

/// The step's quorum state and the operation that finishes on it, if one does.
fn finishing(state: &State) -> Option<(&QuorumState, usize)> {
    let State::Quorum(q) = state else {
        return None;
    };
    match q.at()?.what {
        Happening::Done(op) if !q.summary => Some((q, op)),
        _ => None,
    }
}

/// The first step (after the first) on which an operation of `kind` finishes, not on or
/// beside step `taken`: the first whose outcome is `remarkable` if there is one (a failed
/// write, a stale read), else the first.
fn first_done(
    trace: &Trace<State>,
    kind: OpKind,
    taken: Option<usize>,
    remarkable: fn(Outcome) -> bool,
) -> Option<(usize, &QuorumState, usize)> {
    let done = |k: usize| {
        let (q, op) = finishing(&trace.steps[k].state)?;
        (q.world.run.ops.get(op)?.kind == kind).then_some((k, q, op))
    };
    let free = |k: &usize| taken.is_none_or(|t| t != *k && t + 1 != *k && *k + 1 != t);
    (1..trace.len())
        .filter(free)
        .filter_map(done)
        .find(|(_, q, op)| {
            q.world
                .run
                .ops
                .get(*op)
                .is_some_and(|r| remarkable(r.outcome))
        })
        .or_else(|| (1..trace.len()).filter(free).find_map(done))
}

fn write_question(trace: &Trace<State>) -> Option<Question> {
    let (k, q, op) = first_done(trace, OpKind::Write, None, |o| o == Outcome::WriteFailed)?;
    let rec = q.world.run.ops.get(op)?;
    let p = &q.world.params;
    let acked = rec.outcome == Outcome::Acked;
    let acks = q.at()?.count;
    Some(Question::yes_no(
        k,
        format!(
            "Write v{} needs W = {} acks from its N = {} replicas. Will it be acknowledged?",
            rec.version, p.w, p.n
        ),
        acked,
        if acked {
            format!(
                "Yes: {acks} replicas acknowledged it by {} ms, and W = {} is enough.",
                rec.end, p.w
            )
        } else {
            format!(
                "No: only {acks} of the W = {} acks it needs arrived before the timeout, so the write fails (some replicas may still hold it).",
                p.w
            )
        },
    ))
}

fn read_question(trace: &Trace<State>, taken: Option<usize>) -> Option<Question> {
    let (k, q, op) = first_done(
        trace,
        OpKind::Read,
        taken,
        |o| matches!(o, Outcome::Read { version, latest } if version < latest),
    )?;
    let rec = q.world.run.ops.get(op)?;
    let p = &q.world.params;
    let Outcome::Read { version, latest } = rec.outcome else {
        return None;
    };
    let fresh = version >= latest;
    let overlap = p.r + p.w > p.n;
    let rule = if overlap {
        format!(
            "R + W = {} > N = {}: every read quorum overlaps every write quorum",
            p.r + p.w,
            p.n
        )
    } else {
        format!(
            "R + W = {} ≤ N = {}: a read quorum can miss every replica that took the write",
            p.r + p.w,
            p.n
        )
    };
    Some(Question::yes_no(
        k,
        format!(
            "This read takes the highest version among R = {} replies. Will it return v{latest}, the latest acknowledged write?",
            p.r
        ),
        fresh,
        if fresh {
            format!("Yes, v{version}. {rule}.")
        } else {
            format!("No: it returns v{version}, a stale read. {rule}.")
        },
    ))
}

/// The lab's questions on `trace` (quorum mode; none elsewhere).
pub fn questions(trace: &Trace<State>) -> Vec<Question> {
    let write = write_question(trace);
    let taken = write.as_ref().map(|q| q.step);
    // Not asked on the same step as the write's question (its step, or the ones beside it).
    let read = read_question(trace, taken)
        .filter(|r| taken.is_none_or(|t| r.step + 1 != t && t + 1 != r.step));
    write.into_iter().chain(read).collect()
}
