//! Predict-then-run questions, answered from the trace: which server a key lands on, and what
//! share of the keys a join or a leave moves.

use crate::ring::ServerId;
use crate::{Action, Focus, Params, State};
use sdp_kit::fmt::{group, percent};
use sdp_kit::lab::{Scenario, Trace};
use sdp_kit::quiz::Question;

/// Most servers offered as choices in one question.
const MAX_CHOICES: usize = 4;

/// The questions on `trace`: one per step-by-step lookup (asked once the search has stopped),
/// and one per join or leave (asked when the vnodes have been placed or deleted).
pub fn questions(_scenario: &Scenario<Params, Action>, trace: &Trace<State>) -> Vec<Question> {
    let mut out = Vec::new();
    for (k, pair) in trace.steps.windows(2).enumerate() {
        let (before, now) = (&pair[0].state, &pair[1].state);
        let q = match (&before.focus, &now.focus) {
            (Focus::Searched { key: a, .. }, Focus::Found { key, lookup }) if a == key => {
                owner_question(k + 1, now, *key, lookup)
            }
            (Focus::Placed(s), Focus::Reassigned) => moved_question(k + 1, now, *s, true),
            (Focus::Removed(s), Focus::Reassigned) => moved_question(k + 1, now, *s, false),
            _ => None,
        };
        out.extend(q);
    }
    out
}

fn name(state: &State, id: ServerId) -> &str {
    state
        .world
        .server_names
        .get(usize::from(id))
        .map_or("?", String::as_str)
}

/// "Which server owns this key?": the owner and up to three other servers on the ring.
fn owner_question(
    step: usize,
    state: &State,
    key: u32,
    lookup: &crate::ring::Lookup,
) -> Option<Question> {
    let key_name = state.world.key_names.get(key as usize)?;
    let mut ids: Vec<ServerId> = vec![lookup.server];
    for &s in &state.servers {
        if ids.len() >= MAX_CHOICES {
            break;
        }
        if !ids.contains(&s) {
            ids.push(s);
        }
    }
    if ids.len() < 2 {
        return None;
    }
    ids.sort_unstable();
    let answer = ids.iter().position(|&s| s == lookup.server)?;
    let choices: Vec<&str> = ids.iter().map(|&s| name(state, s)).collect();
    let owner = name(state, lookup.server);
    let wrap = if lookup.wrapped {
        ", after wrapping past the top of the ring to index 0"
    } else {
        ""
    };
    Some(Question::pick(
        step,
        format!("The search for \"{key_name}\" has stopped. Which server owns the key?"),
        &choices,
        answer,
        format!(
            "The search stopped at index {}{wrap}: the first vnode clockwise from the key's hash belongs to {owner}.",
            lookup.index
        ),
    ))
}

/// A share rounded to the nearest 10 %.
fn tens(part: usize, whole: usize) -> u64 {
    if whole == 0 {
        return 0;
    }
    ((part as u64 * 10 + whole as u64 / 2) / whole as u64) * 10
}

/// "What share of the keys move?", to the nearest 10 %, against hash mod N's share.
fn moved_question(step: usize, state: &State, server: ServerId, joined: bool) -> Option<Question> {
    let (now, before) = (state.assignment.as_ref()?, state.previous.as_ref()?);
    state.ideal_moved?;
    let n = now.ring.len();
    if n == 0 || before.ring.len() != n {
        return None;
    }
    let moved = |a: &[ServerId], b: &[ServerId]| a.iter().zip(b).filter(|(x, y)| x != y).count();
    let ring = moved(&before.ring, &now.ring);
    let modn = moved(&before.mod_n, &now.mod_n);
    let (r, m) = (tens(ring, n), tens(modn, n));
    let mut values = vec![r, m, 0, 100];
    values.sort_unstable();
    values.dedup();
    let mut d = 10;
    while values.len() < MAX_CHOICES && d <= 100 {
        for v in [r.checked_sub(d), Some(r + d)].into_iter().flatten() {
            if v <= 100 && !values.contains(&v) && values.len() < MAX_CHOICES {
                values.push(v);
            }
        }
        d += 10;
    }
    values.sort_unstable();
    let answer = values.iter().position(|&v| v == r)?;
    let labels: Vec<String> = values.iter().map(|v| format!("{v}%")).collect();
    let choices: Vec<&str> = labels.iter().map(String::as_str).collect();
    let who = name(state, server);
    let (event, why) = if joined {
        (
            "joins",
            format!(
                "only the keys whose hashes fall on {who}'s new arcs move, all of them to {who}"
            ),
        )
    } else {
        (
            "leaves",
            format!("only {who}'s own keys move, each to the next position clockwise"),
        )
    };
    let servers = state.servers.len();
    Some(Question::pick(
        step,
        format!(
            "{who} {event}. To the nearest 10%, what share of the {} keys move to another server on the ring?",
            group(n as u64)
        ),
        &choices,
        answer,
        format!(
            "{} of {} keys move ({}): {why}. Under hash mod {servers}, {} would move ({}).",
            group(ring as u64),
            group(n as u64),
            percent(ring as u64, n as u64),
            group(modn as u64),
            percent(modn as u64, n as u64),
        ),
    ))
}
