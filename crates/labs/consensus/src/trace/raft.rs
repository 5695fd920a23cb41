//! `raft`: one step per millisecond at which something happened, then a summary with the
//! safety checks.

use crate::raft::{self, Config, Event, Fault, Role, Rpc, Run, Snap, name, session};
use crate::text::proc_ids;
use crate::{Action, Params, RaftParams, State};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What every step of a Raft run shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RaftWorld {
    /// The parameters.
    pub params: RaftParams,
    /// The run.
    pub run: Run,
    /// The safety check over the whole run (`Err` names the violation).
    pub safety: Result<(), String>,
    /// Elections started.
    pub elections: usize,
}

/// A step of a Raft run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RaftState {
    /// Shared by every step.
    pub world: Arc<RaftWorld>,
    /// The snapshot shown (index into `run.snaps`), `None` at the opening.
    pub snap: Option<usize>,
    /// True for the closing step.
    pub summary: bool,
}

impl RaftState {
    /// The cluster shown.
    pub fn cluster(&self) -> &Snap {
        let r = &self.world.run;
        self.snap.and_then(|i| r.snaps.get(i)).unwrap_or(&r.start)
    }
}

/// The simulator setup of a scenario (actions sorted by time, stable).
pub fn config(sc: &Scenario<Params, Action>) -> Config {
    let p = &sc.params.raft;
    let mut faults: Vec<(u64, Fault)> =
        sc.actions.iter().map(|a| (a.at, a.fault.clone())).collect();
    faults.sort_by_key(|f| f.0);
    Config {
        servers: p.servers as usize,
        heartbeat: p.heartbeat,
        elect: (p.elect_min, p.elect_max),
        latency: (p.latency_min, p.latency_max),
        horizon: p.horizon,
        seed: sc.seed,
        faults,
    }
}

fn list(v: &[usize]) -> String {
    v.iter().map(|&i| name(i)).collect::<Vec<_>>().join(", ")
}

fn fault_text(f: &Fault, who: Option<usize>) -> String {
    match (f, who) {
        (Fault::Crash(_), Some(i)) => {
            format!("{} crashes (its term, vote and log stay on disk)", name(i))
        }
        (Fault::Crash(_), None) => "crash: there is no leader to crash".to_string(),
        (Fault::Restart(_), Some(i)) => {
            format!("{} restarts as a follower with commitIndex 0", name(i))
        }
        (Fault::Restart(_), None) => "restart: no server is down".to_string(),
        (Fault::Partition(_), Some(i)) => format!(
            "a partition cuts {} (and any other named) off from the rest",
            name(i)
        ),
        (Fault::Partition(_), None) => "partition: there is no leader to cut off".to_string(),
        (Fault::Heal, _) => "the partition heals: every server reaches every other".to_string(),
        (Fault::Request(s), Some(l)) => format!(
            "a client of session {} asks {} (the leader) to ACQUIRE lock-1",
            session(*s),
            name(l)
        ),
        (Fault::Request(s), None) => format!("a client of session {} asks for lock-1", session(*s)),
    }
}

/// One event in words (`None` for the ones summarised in counts).
pub fn event_text(snap: &Snap, e: &Event) -> Option<String> {
    let term_of = |i: usize| snap.servers.get(i).map_or(0, |s| s.term);
    Some(match e {
        Event::Fault(f, who) => fault_text(f, *who),
        Event::NoLeader => "no server is leader: the client must retry later".to_string(),
        Event::Appended(l, idx) => format!(
            "{} appends it at index {idx}, term {}, and sends AppendEntries",
            name(*l),
            term_of(*l)
        ),
        Event::Timeout(i, t) => format!(
            "{}'s election timer fires: candidate for term {t}, it votes for itself and requests votes",
            name(*i)
        ),
        Event::Elected(i, t) => format!("{} has a majority of votes and leads term {t}", name(*i)),
        Event::SteppedDown(i, t) => {
            format!("{} sees term {t} and steps down to follower", name(*i))
        }
        Event::Voted(i, c, true) => format!("{} votes for {}", name(*i), name(*c)),
        Event::Voted(i, c, false) => format!(
            "{} refuses {} (already voted, older term or a less up-to-date log)",
            name(*i),
            name(*c)
        ),
        Event::Mismatch(i, prev) => format!(
            "{}'s log does not match at index {prev}: it refuses the append",
            name(*i)
        ),
        Event::Truncated(i, len) => format!(
            "{} deletes its conflicting entries from index {}",
            name(*i),
            len + 1
        ),
        Event::BackOff(l, f, n) => format!(
            "{} backs nextIndex[{}] off to {} and retries",
            name(*l),
            name(*f),
            n + 1
        ),
        Event::Committed(i, c) => {
            let leader = snap.servers.get(*i).is_some_and(|s| s.role == Role::Leader);
            if leader {
                format!("{} has index {c} on a majority: committed", name(*i))
            } else {
                format!("{} learns commitIndex {c}", name(*i))
            }
        }
        Event::Heartbeat(l) => format!(
            "{} sends AppendEntries (heartbeats, with any entries a follower lacks)",
            name(*l)
        ),
        Event::Dropped(..) | Event::Got(..) => return None,
    })
}

fn narration(snap: &Snap) -> String {
    let mut parts: Vec<String> = snap
        .events
        .iter()
        .filter_map(|e| event_text(snap, e))
        .collect();
    let mut beats = Vec::new();
    let mut acks = 0;
    let mut votes = 0;
    let mut dropped = 0;
    for e in &snap.events {
        match e {
            Event::Got(_, to, Rpc::Append(_)) => beats.push(*to),
            Event::Got(_, _, Rpc::AppendReply(true)) => acks += 1,
            Event::Got(_, _, Rpc::VoteReply(_)) => votes += 1,
            Event::Dropped(..) => dropped += 1,
            _ => {}
        }
    }
    if !beats.is_empty() {
        parts.push(format!("AppendEntries reach {}", list(&beats)));
    }
    if acks > 0 {
        parts.push(format!("{acks} append acknowledgment(s) reach the leader"));
    }
    if votes > 0 {
        parts.push(format!("{votes} vote answer(s) reach a candidate"));
    }
    if dropped > 0 {
        parts.push(format!(
            "{dropped} message(s) lost at the partition or a crashed server"
        ));
    }
    if parts.is_empty() {
        parts.push("messages arrive".to_string());
    }
    format!("t = {} ms: {}.", snap.t, parts.join("; "))
}

fn lines(snap: &Snap) -> LinesRun {
    let mut proc_lines: Option<(usize, Vec<usize>)> = None;
    let mut add = |p: usize, l: usize| match &mut proc_lines {
        Some((q, v)) if *q == p => v.push(l),
        Some(_) => {}
        None => proc_lines = Some((p, vec![l])),
    };
    for e in &snap.events {
        match e {
            Event::Fault(Fault::Request(_), _) | Event::NoLeader => add(proc_ids::LOCK, 0),
            Event::Appended(..) => add(proc_ids::LOCK, 1),
            Event::Timeout(..) => add(proc_ids::ELECTION, 1),
            Event::Voted(..) => add(proc_ids::ELECTION, 2),
            Event::Elected(..) => add(proc_ids::ELECTION, 3),
            Event::SteppedDown(..) => add(proc_ids::ELECTION, 4),
            Event::Mismatch(..) | Event::BackOff(..) => add(proc_ids::REPLICATION, 2),
            Event::Truncated(..) => add(proc_ids::REPLICATION, 3),
            Event::Committed(..) => add(proc_ids::REPLICATION, 4),
            Event::Got(_, _, Rpc::Append(_)) | Event::Heartbeat(_) => add(proc_ids::REPLICATION, 1),
            _ => {}
        }
    }
    let (p, mut v) = proc_lines.unwrap_or((proc_ids::REPLICATION, vec![1]));
    v.sort_unstable();
    v.dedup();
    LinesRun::new(p, &v)
}

/// The longest committed prefix in a snapshot.
pub fn committed_prefix(snap: &Snap) -> &[raft::Entry] {
    snap.servers
        .iter()
        .map(|s| &s.log[..s.commit.min(s.log.len())])
        .max_by_key(|l| l.len())
        .unwrap_or(&[])
}

fn metrics(snap: &Snap) -> Vec<Metric> {
    let term = snap.servers.iter().map(|s| s.term).max().unwrap_or(0);
    let leader = snap
        .servers
        .iter()
        .enumerate()
        .filter(|(_, s)| s.alive && s.role == Role::Leader)
        .max_by_key(|(_, s)| s.term)
        .map_or("none".to_string(), |(i, s)| {
            format!("{} (term {})", name(i), s.term)
        });
    let c = committed_prefix(snap);
    let (held, _) = raft::apply(c);
    vec![
        Metric::new("time", snap.t as f64, format!("{} ms", snap.t)),
        Metric::new("highest term", term as f64, term.to_string()),
        Metric::new("leader", 0.0, leader),
        Metric::new("committed entries", c.len() as f64, c.len().to_string()),
        Metric::new(
            "messages in flight",
            snap.wire.len() as f64,
            snap.wire.len().to_string(),
        ),
        Metric::new(
            "lock-1",
            held.map_or(0.0, |h| h.1 as f64),
            held.map_or("free".to_string(), |(s, tok)| {
                format!("session {} (token {tok})", session(s))
            }),
        ),
    ]
}

fn opening(w: &RaftWorld, sc: &Scenario<Params, Action>) -> String {
    let p = &w.params;
    let timers: Vec<String> = w
        .run
        .start
        .servers
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{} {} ms", name(i), s.timeout))
        .collect();
    let acts: Vec<String> = sc.actions.iter().map(crate::url::action_text).collect();
    format!(
        "{} servers start as followers in term 0 with empty logs. Election timers drawn from {}–{} ms (seeded): {}. Heartbeats every {} ms; messages take {}–{} ms. A majority is {}, so the cluster survives {} failure(s). Scheduled: {}.",
        p.servers,
        p.elect_min,
        p.elect_max,
        timers.join(", "),
        p.heartbeat,
        p.latency_min,
        p.latency_max,
        p.servers / 2 + 1,
        (p.servers - 1) / 2,
        if acts.is_empty() {
            "nothing".to_string()
        } else {
            acts.join(", ")
        }
    )
}

fn summary(w: &RaftWorld) -> String {
    let last = w.run.snaps.last().unwrap_or(&w.run.start);
    let c = committed_prefix(last);
    let (held, answers) = raft::apply(c);
    let terms = last.servers.iter().map(|s| s.term).max().unwrap_or(0);
    let granted = answers.iter().filter(|a| a.is_ok()).count();
    let safety = match &w.safety {
        Ok(()) => format!(
            "Safety held at every step: at most one leader per term (terms up to {terms}), logs matching, and no committed entry lost or changed."
        ),
        Err(e) => format!("Safety violated: {e}."),
    };
    format!(
        "The run ends at {} ms after {} election(s). {} entries committed; applying them, {granted} ACQUIRE(s) succeeded and lock-1 is {}. {safety}",
        last.t,
        w.elections,
        c.len(),
        held.map_or("free".to_string(), |(s, tok)| format!(
            "held by session {} with token {tok}",
            session(s)
        ))
    )
}

pub(super) fn build(sc: &Scenario<Params, Action>) -> Trace<State> {
    let run = raft::run(&config(sc));
    let safety = raft::check(&run);
    let elections = run
        .snaps
        .iter()
        .flat_map(|s| &s.events)
        .filter(|e| matches!(e, Event::Timeout(..)))
        .count();
    let w = Arc::new(RaftWorld {
        params: sc.params.raft.clone(),
        run,
        safety,
        elections,
    });
    let state = |snap, summary| {
        State::Raft(RaftState {
            world: Arc::clone(&w),
            snap,
            summary,
        })
    };
    let mut steps = vec![Step {
        state: state(None, false),
        narration: opening(&w, sc),
        lines: LinesRun::new(proc_ids::ELECTION, &[0]),
        metrics: metrics(&w.run.start),
    }];
    for (i, snap) in w.run.snaps.iter().enumerate() {
        steps.push(Step {
            state: state(Some(i), false),
            narration: narration(snap),
            lines: lines(snap),
            metrics: metrics(snap),
        });
    }
    let last = w.run.snaps.len().checked_sub(1);
    steps.push(Step {
        state: state(last, true),
        narration: summary(&w),
        lines: LinesRun::new(proc_ids::REPLICATION, &[4]),
        metrics: metrics(w.run.snaps.last().unwrap_or(&w.run.start)),
    });
    Trace { steps }
}
