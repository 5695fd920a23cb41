//! Predict-then-run questions, answered from the trace: what happens to a late event, and
//! which checkpoint a failed job restores.

use crate::checkpoint::{CkFocus, CkState};
use crate::engine::Route;
use crate::stream::LatePolicy;
use crate::time::{format_duration, format_time, format_watermark};
use crate::wm_lab::{WmFocus, WmState};
use crate::{Action, Params, State};
use sdp_kit::lab::{Scenario, Trace};
use sdp_kit::quiz::Question;

/// Most late-event questions in one trace.
const MAX_LATE_QUESTIONS: usize = 4;

/// The questions on `trace`: the first few late events (on time, joins an open window,
/// updates a fired one, or too late), and each failure's restored checkpoint.
pub fn questions(_scenario: &Scenario<Params, Action>, trace: &Trace<State>) -> Vec<Question> {
    let mut out = Vec::new();
    let mut late = 0;
    for (k, pair) in trace.steps.windows(2).enumerate() {
        let step = k + 1;
        let q = match (&pair[0].state, &pair[1].state) {
            (State::Watermarks(before), State::Watermarks(now)) if late < MAX_LATE_QUESTIONS => {
                let q = late_question(step, before, now);
                late += usize::from(q.is_some());
                q
            }
            (State::Checkpoint(_), State::Checkpoint(now)) => restore_question(step, now),
            _ => None,
        };
        out.extend(q);
    }
    out
}

/// "What happens to this event?", for an event that arrives behind the global watermark.
fn late_question(step: usize, before: &WmState, now: &WmState) -> Option<Question> {
    let WmFocus::Arrival { event } = now.focus else {
        return None;
    };
    let world = &now.world;
    let ev = world.events.get(event as usize)?;
    if !ev.is_late() {
        return None;
    }
    let p = &world.params;
    let too_late = match p.late_policy {
        LatePolicy::SideOutput => "Too late: it goes to the side output",
        LatePolicy::Drop => "Too late: it is dropped",
    };
    let choices = [
        "On time: it joins its window",
        "Late, but its window has not fired: it joins it",
        "Late, within the allowed lateness: it updates and re-emits its window",
        too_late,
    ];
    let answer = match ev.route {
        Route::OnTime | Route::Pending => 0,
        Route::Late if ev.updates == 0 => 1,
        Route::Late => 2,
        Route::SideOutput | Route::Dropped => 3,
    };
    let key = char::from(b'A' + ev.key.min(25));
    let watermark = format_watermark(ev.watermark_before.or(before.global));
    let why = match answer {
        1 => "its window's end is still ahead of the watermark, so the window is open".to_string(),
        2 => format!(
            "its window has fired, but the watermark is not yet past the window's end plus the allowed lateness {}: the window is kept and its result is emitted again",
            format_duration(i64::from(p.lateness_ms))
        ),
        3 => format!(
            "the watermark is past the end plus the allowed lateness {} of every window it belongs to: they are purged",
            format_duration(i64::from(p.lateness_ms))
        ),
        _ => "it is not behind the watermark".to_string(),
    };
    Some(Question::pick(
        step,
        format!(
            "Event #{} (key {key}, P{}) with event time {} arrives next, at {}. The global watermark is {watermark}. What happens to it?",
            event + 1,
            ev.partition,
            format_time(ev.event_ms),
            format_time(ev.arrival_ms)
        ),
        &choices,
        answer,
        format!(
            "Its event time {} is behind the watermark {watermark}, so it is late; {why}.",
            format_time(ev.event_ms)
        ),
    ))
}

/// "Which checkpoint does the job restore?", at a failure.
fn restore_question(step: usize, now: &CkState) -> Option<Question> {
    let CkFocus::Failure { restored } = now.focus else {
        return None;
    };
    // Scratch, and the latest (up to three) checkpoints whose barrier was injected by now.
    let started: Vec<u32> = now
        .world
        .checkpoints
        .iter()
        .filter(|c| c.started <= now.tick)
        .map(|c| c.id)
        .collect();
    let mut ids: Vec<Option<u32>> = vec![None];
    ids.extend(started.iter().rev().take(3).rev().map(|&id| Some(id)));
    if let Some(r) = restored
        && !ids.contains(&Some(r))
    {
        ids.push(Some(r));
    }
    if ids.len() < 2 {
        ids.push(Some(1));
    }
    let labels: Vec<String> = ids
        .iter()
        .map(|id| match id {
            None => "None: it starts from scratch".to_string(),
            Some(id) => format!("Checkpoint {id}"),
        })
        .collect();
    let answer = ids.iter().position(|id| *id == restored)?;
    let choices: Vec<&str> = labels.iter().map(String::as_str).collect();
    let newest = started.last().copied();
    let explanation = match restored {
        Some(r) => {
            let rec = now.world.checkpoints.iter().find(|c| c.id == r)?;
            let pending = match newest {
                Some(n) if n > r => format!(
                    " Checkpoint {n} was started but had not completed, so it cannot be used."
                ),
                _ => String::new(),
            };
            format!(
                "Checkpoint {r} is the last one that completed: the operator goes back to its counts and the sources rewind to offsets S0 {} / S1 {}.{pending}",
                rec.offsets[0], rec.offsets[1]
            )
        }
        None => "No checkpoint had completed yet, so the job starts again from the beginning."
            .to_string(),
    };
    Some(Question::pick(
        step,
        format!(
            "The job fails at tick {}. Which checkpoint does it restore?",
            now.tick
        ),
        &choices,
        answer,
        explanation,
    ))
}
