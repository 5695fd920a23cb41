//! The consensus scenario in the URL, e.g.
//! `mode=raft&servers=5&…&seed=42&a=req:a@600&a=part:L@900&a=heal@2200`.

use crate::raft::{Fault, Target};
use crate::{Action, MAX_ACTIONS, MAX_DET_HORIZON, MAX_RAFT_HORIZON, MAX_SERVERS, Params};
use sdp_kit::field::{Field, Modes};
use sdp_kit::lab::ActionSyntax;
use sdp_kit::query::not_an;
use sdp_kit::{decimal, whole, word};

const RAFT: Modes = Modes::Only(&["raft"]);
const DET: Modes = Modes::Only(&["detectors"]);
const TWO: Modes = Modes::Only(&["two-phase"]);

/// The URL fields, in URL order.
pub(crate) const FIELDS: &[Field<Params>] = &[
    whole!(
        "servers",
        raft.servers,
        3,
        MAX_SERVERS as u32,
        "Raft servers (S1, S2, …)",
        RAFT
    ),
    whole!(
        "heartbeat",
        raft.heartbeat,
        20,
        1_000,
        "leader heartbeat (empty AppendEntries) interval, ms",
        RAFT
    ),
    whole!(
        "elect_min",
        raft.elect_min,
        50,
        5_000,
        "shortest election timeout, ms (each timer is drawn from elect_min–elect_max, seeded)",
        RAFT
    ),
    whole!(
        "elect_max",
        raft.elect_max,
        50,
        5_000,
        "longest election timeout, ms",
        RAFT
    ),
    whole!(
        "latency_min",
        raft.latency_min,
        1,
        1_000,
        "shortest one-way message latency, ms (each message draws latency_min–latency_max)",
        RAFT
    ),
    whole!(
        "latency_max",
        raft.latency_max,
        1,
        1_000,
        "longest one-way message latency, ms",
        RAFT
    ),
    whole!(
        "horizon",
        raft.horizon,
        500,
        MAX_RAFT_HORIZON,
        "last millisecond simulated",
        RAFT
    ),
    whole!(
        "interval",
        det.interval,
        100,
        60_000,
        "heartbeat interval, ms",
        DET
    ),
    whole!(
        "missed",
        det.missed,
        0,
        20,
        "SUSPECT after this many intervals without a heartbeat (0: no SUSPECT state)",
        DET
    ),
    whole!(
        "dead",
        det.dead,
        100,
        MAX_DET_HORIZON,
        "DEAD after this many ms without a heartbeat",
        DET
    ),
    whole!(
        "check",
        det.check,
        0,
        60_000,
        "the checker runs every this many ms (0: continuously)",
        DET
    ),
    whole!("delay", det.delay, 0, 10_000, "network delay, ms", DET),
    whole!(
        "jitter",
        det.jitter,
        0,
        10_000,
        "up to this many ms added to each heartbeat's delay (seeded)",
        DET
    ),
    whole!(
        "loss",
        det.loss,
        0,
        50,
        "heartbeats lost, percent (seeded)",
        DET
    ),
    whole!(
        "crash",
        det.crash,
        0,
        MAX_DET_HORIZON,
        "the monitored node crashes at this ms (0: never)",
        DET
    ),
    whole!(
        "horizon",
        det.horizon,
        1_000,
        MAX_DET_HORIZON,
        "last millisecond simulated",
        DET
    ),
    whole!(
        "window",
        det.window,
        1,
        1_000,
        "phi: inter-arrival intervals kept in the sliding window",
        DET
    ),
    decimal!(
        "threshold",
        det.threshold,
        0.5,
        16.0,
        "phi: suspect when φ reaches this (the document: typically 8–12)",
        DET
    ),
    whole!(
        "min_sd",
        det.min_sd,
        1,
        10_000,
        "phi: σ never below this, ms",
        DET
    ),
    word!(
        "model",
        det.model,
        "phi: a normal fit of the intervals (Hayashibara) or exponential (Cassandra)",
        DET
    ),
    whole!(
        "participants",
        two.participants,
        2,
        crate::MAX_PARTICIPANTS as u32,
        "participants (P1, P2, …)",
        TWO
    ),
    word!(
        "protocol",
        two.protocol,
        "two-phase commit, or three-phase with a pre-commit phase",
        TWO
    ),
    whole!(
        "no",
        two.no,
        0,
        crate::MAX_PARTICIPANTS as u32,
        "the participant that votes no (0: everyone votes yes)",
        TWO
    ),
    word!(
        "crash",
        two.crash,
        "the coordinator crashes: never, after the votes, or after its decision reached P1 only",
        TWO
    ),
    word!(
        "recover",
        two.recover,
        "the coordinator comes back and finishes from its log",
        TWO
    ),
    word!(
        "cut",
        two.cut,
        "3PC: a partition cuts P1 off while the participants terminate on their own",
        TWO
    ),
];

/// The Raft mode's opening: requests, the leader cut off with an entry it cannot commit, the
/// heal where it steps down and its log is repaired, a leader crash mid-replication, a restart.
pub(crate) const DEFAULT_ACTIONS: &[&str] = &[
    "req:a@1000",
    "crash:S1@1110",
    "req:b@1200",
    "part:L@1500",
    "req:a@1502",
    "req:c@2300",
    "restart:S1@2500",
    "heal@2700",
    "req:c@3200",
    "crash:L@3205",
    "restart@3700",
];

/// The repeated `a=` actions.
pub(crate) const ACTIONS: ActionSyntax = ActionSyntax {
    max: MAX_ACTIONS,
    noun: "actions",
    expected: "an action (req:SESSION@T, crash:SERVER@T, restart@T, restart:SERVER@T, part:SERVERS@T, heal@T)",
    forms: &[
        (
            "req:SESSION@T",
            "raft: at T ms a client of session SESSION (a–z) asks the leader to ACQUIRE lock-1",
        ),
        (
            "crash:SERVER@T",
            "raft: server SERVER (S1–S7, or L for the leader) crashes at T ms",
        ),
        (
            "restart@T",
            "raft: every crashed server restarts at T ms (restart:SERVER@T: that one)",
        ),
        (
            "part:SERVERS@T",
            "raft: at T ms the servers SERVERS (S1+S2, or L) are cut off from the others",
        ),
        (
            "heal@T",
            "raft: at T ms every server reaches every other again",
        ),
    ],
};

fn target_text(t: Target) -> String {
    match t {
        Target::Server(i) => crate::raft::name(i),
        Target::Leader => "L".to_string(),
    }
}

/// An action's text.
pub(crate) fn action_text(a: &Action) -> String {
    let at = a.at;
    match &a.fault {
        Fault::Request(s) => format!("req:{}@{at}", crate::raft::session(*s)),
        Fault::Crash(t) => format!("crash:{}@{at}", target_text(*t)),
        Fault::Restart(None) => format!("restart@{at}"),
        Fault::Restart(Some(i)) => format!("restart:{}@{at}", crate::raft::name(*i)),
        Fault::Partition(ts) => format!(
            "part:{}@{at}",
            ts.iter()
                .map(|t| target_text(*t))
                .collect::<Vec<_>>()
                .join("+")
        ),
        Fault::Heal => format!("heal@{at}"),
    }
}

fn target(text: &str) -> Option<Target> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("L") {
        return Some(Target::Leader);
    }
    let n: usize = t.strip_prefix(['S', 's'])?.parse().ok()?;
    (n >= 1).then(|| Target::Server(n - 1))
}

/// Reads an action (see [`ACTIONS`]).
pub(crate) fn parse_action(text: &str) -> Result<Action, String> {
    let read = || {
        let (head, at) = text.trim().rsplit_once('@')?;
        let at: u64 = at.trim().parse().ok()?;
        let (kind, arg) = head.split_once(':').unwrap_or((head, ""));
        let fault = match (kind.trim(), arg.trim()) {
            ("heal", "") => Fault::Heal,
            ("restart", "") => Fault::Restart(None),
            ("restart", s) => match target(s)? {
                Target::Server(i) => Fault::Restart(Some(i)),
                Target::Leader => return None,
            },
            ("crash", s) => Fault::Crash(target(s)?),
            ("part", s) => {
                let ts = s.split('+').map(target).collect::<Option<Vec<_>>>()?;
                Fault::Partition(ts)
            }
            ("req", s) => {
                let b = *s.as_bytes().first().filter(|_| s.len() == 1)?;
                if !b.is_ascii_lowercase() {
                    return None;
                }
                Fault::Request(b - b'a')
            }
            _ => return None,
        };
        Some(Action { at, fault })
    };
    read().ok_or_else(|| not_an(text, ACTIONS.expected))
}
