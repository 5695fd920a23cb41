//! Predict-then-run questions on a race, answered from the run: the fencing token the next
//! grant carries, and whether the fenced storage accepts the write of a client that paused past
//! its lease (or, under Redis, whose lock a bare `DEL` deletes).

use crate::State;
use crate::sim::{Event, Kind, name};
use crate::trace::RaceState;
use crate::{Mode, Release};
use sdp_kit::lab::Trace;
use sdp_kit::quiz::Question;

/// Every step's race state and the events of its tick.
fn ticks(trace: &Trace<State>) -> impl Iterator<Item = (usize, &RaceState, &[Event])> {
    trace.steps.iter().enumerate().filter_map(|(k, s)| {
        let State::Race(r) = &s.state else {
            return None;
        };
        let snap = r.world.run.ticks.get(r.tick?)?;
        let events = r.world.run.events.get(snap.events.0..snap.events.1)?;
        (k >= 1 && !r.summary).then_some((k, r, events))
    })
}

/// "Which token does X get?" on the second grant (the first one's token is on screen before).
fn next_token(trace: &Trace<State>) -> Option<Question> {
    ticks(trace)
        .filter(|(_, r, _)| r.world.mode == Mode::Fencing)
        .flat_map(|(k, _, events)| events.iter().map(move |e| (k, e)))
        .filter_map(|(k, e)| match e.kind {
            Kind::Acquired(token) => Some((k, e.client, token)),
            _ => None,
        })
        .nth(1)
        .map(|(k, client, token)| {
            Question::number(
                k,
                format!(
                    "Client {} is about to get the lock. Which fencing token does the lock manager give it?",
                    name(client)
                ),
                token,
                1,
                format!(
                    "{token}: the manager's global counter only goes up, and every grant takes the next number, whoever held the lock before."
                ),
            )
        })
}

/// "Will the storage accept it?" on the first write of a client that no longer held the lock.
fn stale_write(trace: &Trace<State>, not_at: Option<usize>) -> Option<Question> {
    let free = |k: usize| not_at.is_none_or(|t| t != k && t + 1 != k && k + 1 != t);
    ticks(trace)
        .filter(|(k, r, _)| free(*k) && r.world.mode == Mode::Fencing)
        .find_map(|(k, r, events)| {
            events.iter().find_map(|e| match e.kind {
                Kind::Write {
                    token,
                    fenced,
                    stale: true,
                } => {
                    let who = name(e.client);
                    Some(Question::yes_no(
                        k,
                        format!(
                            "Client {who} has woken from its GC pause and writes with its token {token}. Will the fenced storage accept the write?"
                        ),
                        fenced,
                        if fenced {
                            format!(
                                "Yes: no newer token had reached the storage yet ({} is the newest it has seen), so it cannot tell the write is stale.",
                                r.world.run.ticks.get(r.tick.unwrap_or(0)).map_or(0, |s| s.last_seen)
                            )
                        } else {
                            format!(
                                "No: the storage has already accepted a newer token, and it rejects any token older than one it has seen. Without fencing, {who}'s stale write would overwrite the newer one."
                            )
                        },
                    ))
                }
                _ => None,
            })
        })
}

/// "Whose lock does X's release delete?" on the first release under Redis that does not
/// delete the caller's own lock (a bare `DEL` of another's, or the checked script refusing),
/// else on the first release.
fn redis_release(trace: &Trace<State>) -> Option<Question> {
    let remarkable = |e: &Event| matches!(e.kind, Kind::Release(_, d) if d != Some(e.client));
    let releases: Vec<(usize, &RaceState, &Event)> = ticks(trace)
        .filter(|(_, r, _)| r.world.mode == Mode::Redis)
        .flat_map(|(k, r, events)| events.iter().map(move |e| (k, r, e)))
        .filter(|(_, _, e)| matches!(e.kind, Kind::Release(..)))
        .collect();
    let pick = releases
        .iter()
        .find(|(_, _, e)| remarkable(e))
        .or_else(|| releases.first())?;
    let (k, r, e) = *pick;
    std::iter::once(e)
        .find_map(|e| match e.kind {
                Kind::Release(_, deleted) => {
                    let me = name(e.client);
                    let checked = r.world.params.release == Release::Checked;
                    let answer = match deleted {
                        Some(owner) if owner == e.client => 0,
                        Some(_) => 1,
                        None => 2,
                    };
                    let choices = [
                        format!("{me}'s own"),
                        "Another client's".to_string(),
                        "None".to_string(),
                    ];
                    let refs: Vec<&str> = choices.iter().map(String::as_str).collect();
                    let why = match (answer, checked) {
                        (1, _) => format!(
                            "Another client's: {me}'s key had expired and someone else set it; a bare DEL deletes whatever is there."
                        ),
                        (2, true) => format!(
                            "None: the key no longer holds {me}'s value, and the Lua script deletes only a key whose value is the caller's."
                        ),
                        (2, false) => format!(
                            "None: {me}'s key had expired and no one had set it again, so there was nothing to delete."
                        ),
                        _ => format!("{me}'s own: the key still holds {me}'s value."),
                    };
                    Some(Question::pick(
                        k,
                        format!("Client {me} releases the lock now. Whose lock does the release delete?"),
                        &refs,
                        answer,
                        why,
                    ))
                }
                _ => None,
            })
}

/// The lab's questions on `trace` (the races; none in `optimistic`).
pub fn questions(trace: &Trace<State>) -> Vec<Question> {
    let token = next_token(trace);
    let at = token.as_ref().map(|q| q.step);
    let write = stale_write(trace, at);
    token
        .into_iter()
        .chain(write)
        .chain(redis_release(trace))
        .collect()
}
