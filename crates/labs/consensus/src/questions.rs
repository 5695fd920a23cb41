//! Predict-then-run questions, answered from the run: which server wins a Raft election, and
//! whether a two-phase commit's coordinator decides to commit once the votes are in.

use crate::State;
use crate::raft::{Event, Role, name};
use crate::twopc::CState;
use sdp_kit::lab::Trace;
use sdp_kit::quiz::Question;

/// "Which server becomes leader of term T?" on the first election won.
fn election(trace: &Trace<State>) -> Option<Question> {
    (1..trace.len()).find_map(|k| {
        let State::Raft(now) = &trace.steps[k].state else {
            return None;
        };
        if now.summary {
            return None;
        }
        let State::Raft(before) = &trace.steps[k - 1].state else {
            return None;
        };
        let (winner, term) = now.cluster().events.iter().find_map(|e| match *e {
            Event::Elected(s, t) => Some((s, t)),
            _ => None,
        })?;
        let servers = &before.cluster().servers;
        // The candidates on screen first, then the other live servers; at most five.
        let mut choices: Vec<usize> = (0..servers.len())
            .filter(|&i| servers[i].role == Role::Candidate)
            .collect();
        choices.extend((0..servers.len()).filter(|&i| servers[i].alive && servers[i].role != Role::Candidate));
        if !choices.contains(&winner) {
            choices.insert(0, winner);
        }
        choices.truncate(5);
        if !choices.contains(&winner) || choices.len() < 2 {
            return None;
        }
        choices.sort_unstable();
        let names: Vec<String> = choices.iter().map(|&i| name(i)).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let majority = servers.len() / 2 + 1;
        Some(Question::pick(
            k,
            format!("An election is under way. Which server becomes leader of term {term}?"),
            &refs,
            choices.iter().position(|&i| i == winner).unwrap_or(0),
            format!(
                "{}: it was first to collect {majority} votes of {} (its own among them). A server grants one vote per term, and only to a candidate whose log is at least as up to date as its own.",
                name(winner),
                servers.len()
            ),
        ))
    })
}

/// "Will the coordinator commit?" on the step the coordinator decides.
fn decision(trace: &Trace<State>) -> Option<Question> {
    (1..trace.len()).find_map(|k| {
        let (State::TwoPhase(before), State::TwoPhase(now)) =
            (&trace.steps[k - 1].state, &trace.steps[k].state)
        else {
            return None;
        };
        let CState::Decided(commit) = now.beat()?.coord else {
            return None;
        };
        if matches!(before.beat()?.coord, CState::Decided(_)) {
            return None;
        }
        let why = if commit {
            "Commit: every participant voted yes (prepared), and only a unanimous yes commits.".to_string()
        } else if now.world.setup.no > 0 {
            format!(
                "Abort: P{} voted no, and a single no aborts the whole transaction at every participant.",
                now.world.setup.no
            )
        } else {
            "Abort: not every yes arrived, and without all of them the coordinator aborts.".to_string()
        };
        Some(Question::yes_no(
            k,
            "The votes are in. Will the coordinator decide to commit?",
            commit,
            why,
        ))
    })
}

/// The lab's questions on `trace` (raft and two-phase; none in detectors).
pub fn questions(trace: &Trace<State>) -> Vec<Question> {
    election(trace).into_iter().chain(decision(trace)).collect()
}
