//! Predict-then-run questions, answered from the trace: whether the narrated limiter admits
//! the request after it has nothing left (or on which its decision turns), and whether the
//! synced per-DC limiter admits the first request the global counter refuses.

use crate::datacenters::Strategy;
use crate::trace::{CompareState, DcState, secs_text};
use crate::{Action, Params, State};
use sdp_kit::fmt::group;
use sdp_kit::lab::{Scenario, Trace};
use sdp_kit::quiz::Question;

/// Most `compare` questions in one trace.
const MAX_COMPARE: usize = 3;

/// The questions on `trace`: in `compare`, the first few requests that follow one leaving
/// the narrated lane nothing, or on which its decision turns; in `datacenters`, the first
/// request the global counter refuses.
pub fn questions(_scenario: &Scenario<Params, Action>, trace: &Trace<State>) -> Vec<Question> {
    let mut out = Vec::new();
    let (mut compare, mut dc) = (0, false);
    for (k, pair) in trace.steps.windows(2).enumerate() {
        let q = match (&pair[0].state, &pair[1].state) {
            (State::Compare(before), State::Compare(now)) if compare < MAX_COMPARE => {
                let q = compare_question(k + 1, before, now, &pair[1].narration);
                compare += usize::from(q.is_some());
                q
            }
            (State::Datacenters(_), State::Datacenters(now)) if !dc => {
                let q = dc_question(k + 1, now);
                dc = q.is_some();
                q
            }
            _ => None,
        };
        out.extend(q);
    }
    out
}

/// "Will the narrated lane admit this request?", after the previous one left it nothing, or
/// when its answer turns.
fn compare_question(
    step: usize,
    before: &CompareState,
    now: &CompareState,
    narration: &str,
) -> Option<Question> {
    let (prev, i) = (before.at?, now.at?);
    if i != prev + 1 {
        return None;
    }
    let world = &now.world;
    let lane = world.lanes.get(world.narrated)?;
    let (a, b) = (lane.decisions.get(prev)?, lane.decisions.get(i)?);
    let newly_empty = a.remaining == 0
        && prev
            .checked_sub(1)
            .and_then(|p| lane.decisions.get(p))
            .is_none_or(|d| d.remaining != 0);
    let turns = a.outcome.admitted() != b.outcome.admitted();
    if !newly_empty && !turns {
        return None;
    }
    let admitted = b.outcome.admitted();
    let t = *world.arrivals.get(i)?;
    Some(Question::yes_no(
        step,
        format!(
            "Request {} was {} by “{}”, which has {} left for the next one. Request {} arrives at {}. Will it be admitted?",
            prev + 1,
            if a.outcome.admitted() {
                "admitted"
            } else {
                "refused"
            },
            lane.lane.title(),
            group(u64::from(a.remaining)),
            i + 1,
            secs_text(t),
        ),
        admitted,
        narration.to_string(),
    ))
}

/// "Will the synced limiter admit this request?", on the first one the global counter refuses.
fn dc_question(step: usize, now: &DcState) -> Option<Question> {
    let i = now.at?;
    let world = &now.world;
    let run = &world.run;
    let global = *run.admitted.get(Strategy::Global as usize)?.get(i)?;
    let earlier = (0..i).any(|j| {
        run.admitted
            .get(Strategy::Global as usize)
            .and_then(|v| v.get(j))
            .is_some_and(|a| !a)
    });
    if global || earlier {
        return None;
    }
    let synced = *run.admitted.get(Strategy::Synced as usize)?.get(i)?;
    let (t, dc) = *world.arrivals.get(i)?;
    let (own, known) = (*run.own.get(i)?, *run.known.get(i)?);
    let p = &world.params;
    let total = world
        .admitted
        .get(Strategy::Global as usize)?
        .get(i)
        .copied()?;
    Some(Question::yes_no(
        step,
        format!(
            "Request {} arrives at {} in DC {}. The one global counter has admitted {} of the limit {} in this window, and refuses it. Will the synced per-DC limiter (syncing every {} s, {} s late) admit it?",
            i + 1,
            secs_text(t),
            u32::from(dc) + 1,
            group(u64::from(total)),
            group(u64::from(p.limit)),
            p.sync_s,
            p.lag_s
        ),
        synced,
        format!(
            "The synced limiter in DC {} counts its own {} plus the {} it last heard from the others: {} of {}, so it {} — {}.",
            u32::from(dc) + 1,
            group(u64::from(own)),
            group(u64::from(known)),
            group(u64::from(own + known)),
            group(u64::from(p.limit)),
            if synced {
                "admits it"
            } else {
                "refuses it too"
            },
            if synced {
                "its picture of the other DCs is stale, so together they go over the limit"
            } else {
                "the last sync told it enough"
            }
        ),
    ))
}
