//! Two-phase commit (and three-phase commit's pre-commit phase) as a message sequence: a
//! coordinator and N participants, a participant voting no, a coordinator crash after the
//! votes or after its decision reached only P1, recovery from the coordinator's log, and 3PC's
//! timeouts and termination, with a partition that cuts P1 off (M9.14).

use serde::{Deserialize, Serialize};

/// 2PC or 3PC.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Protocol {
    /// Prepare, then commit or abort.
    #[default]
    TwoPc,
    /// Prepare, pre-commit, then commit.
    ThreePc,
}

/// When the coordinator crashes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Crash {
    /// It does not.
    #[default]
    None,
    /// After collecting the votes, before deciding.
    AfterPrepare,
    /// After its decision (3PC: its pre-commit) reached P1 only.
    MidCommit,
}

/// What the transaction runs with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setup {
    /// Participants (P1, P2, …).
    pub participants: usize,
    /// The protocol.
    pub protocol: Protocol,
    /// Participant voting no (1-based; 0 = everyone votes yes).
    pub no: usize,
    /// Coordinator crash.
    pub crash: Crash,
    /// The coordinator recovers from its log.
    pub recover: bool,
    /// P1 is cut off from the others (and the coordinator) after the crash.
    pub cut: bool,
}

/// A participant's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PState {
    /// Working on the transaction, holding its locks.
    Working,
    /// Voted yes: in doubt, holding its locks until the decision.
    Prepared,
    /// 3PC: knows everyone voted yes.
    PreCommitted,
    /// Committed, locks released.
    Committed,
    /// Aborted, locks released.
    Aborted,
}

impl PState {
    /// True while the participant holds the transaction's locks.
    pub fn holds_locks(self) -> bool {
        matches!(
            self,
            PState::Working | PState::Prepared | PState::PreCommitted
        )
    }
}

/// The coordinator's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CState {
    /// Sending prepares and collecting votes.
    Preparing,
    /// Decided and logged: commit (true) or abort.
    Decided(bool),
    /// Down.
    Crashed,
    /// Finished.
    Done,
}

/// One message or local decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Beat {
    /// The coordinator.
    pub coord: CState,
    /// Every participant.
    pub parts: Vec<PState>,
    /// The message drawn: from, to (0 = coordinator, i = Pi), label.
    pub msg: Option<(usize, usize, String)>,
    /// The narration.
    pub text: String,
    /// Procedure line (index in the 2PC/3PC procedure).
    pub line: usize,
}

/// The whole transaction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    /// Steps in order.
    pub beats: Vec<Beat>,
}

/// Participant name.
pub fn pname(i: usize) -> String {
    if i == 0 {
        "coordinator".to_string()
    } else {
        format!("P{i}")
    }
}

struct Sim {
    coord: CState,
    parts: Vec<PState>,
    beats: Vec<Beat>,
}

impl Sim {
    fn push(&mut self, msg: Option<(usize, usize, &str)>, text: String, line: usize) {
        self.beats.push(Beat {
            coord: self.coord,
            parts: self.parts.clone(),
            msg: msg.map(|(a, b, l)| (a, b, l.to_string())),
            text,
            line,
        });
    }

    fn deliver(&mut self, to: usize, commit: bool, line: usize) {
        let p = &mut self.parts[to - 1];
        if matches!(p, PState::Committed | PState::Aborted) {
            let s = format!(
                "{} already {}: it acknowledges",
                pname(to),
                if *p == PState::Committed {
                    "committed"
                } else {
                    "aborted"
                }
            );
            self.push(
                Some((0, to, if commit { "COMMIT" } else { "ABORT" })),
                s,
                line,
            );
            return;
        }
        *p = if commit {
            PState::Committed
        } else {
            PState::Aborted
        };
        let word = if commit { "COMMITTED" } else { "ABORTED" };
        self.push(
            Some((0, to, if commit { "COMMIT" } else { "ABORT" })),
            format!("{} applies the decision: {word}, locks released", pname(to)),
            line,
        );
    }

    fn blocked(&self) -> Vec<usize> {
        (1..=self.parts.len())
            .filter(|&i| self.parts[i - 1].holds_locks())
            .collect()
    }
}

fn names(v: &[usize]) -> String {
    v.iter().map(|&i| pname(i)).collect::<Vec<_>>().join(", ")
}

/// Runs the transaction.
pub fn run(s: &Setup) -> Run {
    let n = s.participants;
    let three = s.protocol == Protocol::ThreePc;
    let mut sim = Sim {
        coord: CState::Preparing,
        parts: vec![PState::Working; n],
        beats: Vec::new(),
    };
    sim.push(
        None,
        format!(
            "The coordinator logs BEGIN; {n} participants have done their work and hold its locks."
        ),
        0,
    );
    for i in 1..=n {
        sim.push(
            Some((0, i, "PREPARE")),
            format!("Phase 1: the coordinator sends PREPARE to {}", pname(i)),
            0,
        );
    }
    for i in 1..=n {
        if i == s.no {
            sim.parts[i - 1] = PState::Aborted;
            sim.push(
                Some((i, 0, "NO")),
                format!(
                    "{} cannot commit: it votes NO and aborts on its own, releasing its locks",
                    pname(i)
                ),
                1,
            );
        } else {
            sim.parts[i - 1] = PState::Prepared;
            sim.push(Some((i, 0, "PREPARED")), format!("{} votes PREPARED: from now on it must wait for the decision, holding its locks", pname(i)), 1);
        }
    }
    let all_yes = s.no == 0 || s.no > n;
    if s.crash == Crash::AfterPrepare {
        sim.coord = CState::Crashed;
        sim.push(
            None,
            "The coordinator crashes after collecting the votes, before logging a decision."
                .to_string(),
            4,
        );
        let b = sim.blocked();
        if three {
            for &i in &b {
                sim.parts[i - 1] = PState::Aborted;
                sim.push(None, format!("{} times out in PREPARED: 3PC lets it abort (no one can have committed without a pre-commit)", pname(i)), 5);
            }
        } else if !b.is_empty() {
            sim.push(None, format!("{} in doubt: they can neither commit nor abort alone and keep their locks (blocking)", names(&b)), 4);
        }
        if s.recover {
            sim.coord = CState::Decided(false);
            sim.push(
                None,
                "The coordinator recovers: its log has no decision, so it aborts (presumed abort)."
                    .to_string(),
                3,
            );
            for i in 1..=n {
                sim.deliver(i, false, 3);
            }
            sim.coord = CState::Done;
            sim.push(None, "ABORTED everywhere.".to_string(), 3);
        }
        return Run { beats: sim.beats };
    }
    let commit = all_yes;
    sim.coord = CState::Decided(commit);
    sim.push(
        None,
        if commit {
            "Every participant is PREPARED: the coordinator logs COMMIT".to_string()
        } else {
            "Not all PREPARED: the coordinator logs ABORT".to_string()
        },
        if commit { 2 } else { 3 },
    );
    if three && commit {
        // Pre-commit phase.
        let reach = if s.crash == Crash::MidCommit { 1 } else { n };
        for i in 1..=reach {
            sim.parts[i - 1] = PState::PreCommitted;
            sim.push(
                Some((0, i, "PRE-COMMIT")),
                format!("3PC: {} learns everyone voted yes: PRE-COMMITTED", pname(i)),
                5,
            );
        }
        if s.crash == Crash::MidCommit {
            sim.coord = CState::Crashed;
            sim.push(
                None,
                "The coordinator crashes after its PRE-COMMIT reached P1 only.".to_string(),
                5,
            );
            terminate3(&mut sim, s);
            return Run { beats: sim.beats };
        }
        for i in 1..=n {
            sim.deliver(i, true, 2);
        }
    } else {
        let reach = if s.crash == Crash::MidCommit { 1 } else { n };
        for i in 1..=reach {
            sim.deliver(i, commit, if commit { 2 } else { 3 });
        }
        if s.crash == Crash::MidCommit {
            sim.coord = CState::Crashed;
            sim.push(
                None,
                format!(
                    "The coordinator crashes after its {} reached P1 only.",
                    if commit { "COMMIT" } else { "ABORT" }
                ),
                4,
            );
            let b = sim.blocked();
            if !b.is_empty() {
                sim.push(None, format!("{} in doubt: P1 may have committed, so they cannot abort, and they cannot commit alone (blocking)", names(&b)), 4);
            }
            if s.recover {
                sim.coord = CState::Decided(commit);
                sim.push(None, format!("The coordinator recovers: its log says {}, so it sends the decision again.", if commit { "COMMIT" } else { "ABORT" }), 2);
                for i in 1..=n {
                    sim.deliver(i, commit, if commit { 2 } else { 3 });
                }
            } else {
                return Run { beats: sim.beats };
            }
        }
    }
    sim.coord = CState::Done;
    sim.push(
        None,
        format!(
            "{} everywhere.",
            if commit { "COMMITTED" } else { "ABORTED" }
        ),
        if commit { 2 } else { 3 },
    );
    Run { beats: sim.beats }
}

/// 3PC termination after the coordinator crashed mid pre-commit: every side elects its lowest
/// participant as the new coordinator, which commits if anyone it reaches is pre-committed and
/// aborts otherwise. With P1 cut off, the sides decide differently.
fn terminate3(sim: &mut Sim, s: &Setup) {
    let n = s.participants;
    let sides: Vec<Vec<usize>> = if s.cut {
        sim.push(
            None,
            "A partition cuts P1 off from the other participants.".to_string(),
            6,
        );
        vec![vec![1], (2..=n).collect()]
    } else {
        vec![(1..=n).collect()]
    };
    for side in sides {
        let Some(&lead) = side.first() else { continue };
        let pre = side
            .iter()
            .any(|&i| sim.parts[i - 1] == PState::PreCommitted);
        sim.push(
            None,
            format!(
                "Timeout: {} takes over for {} and finds {}",
                pname(lead),
                names(&side),
                if pre {
                    "a PRE-COMMITTED participant: commit"
                } else {
                    "only PREPARED participants: abort"
                }
            ),
            6,
        );
        for &i in &side {
            let p = &mut sim.parts[i - 1];
            if p.holds_locks() {
                *p = if pre {
                    PState::Committed
                } else {
                    PState::Aborted
                };
                let text = format!("{} {}", pname(i), if pre { "COMMITS" } else { "ABORTS" });
                sim.push(
                    Some((lead, i, if pre { "COMMIT" } else { "ABORT" })),
                    text,
                    6,
                );
            }
        }
    }
    sim.coord = CState::Crashed;
    let text = if consistent(&sim.parts) {
        "Every participant reached the same outcome.".to_string()
    } else {
        "P1 committed while the others aborted: 3PC is still vulnerable to partitions.".to_string()
    };
    sim.push(None, text, 6);
}

/// True when no participant committed while another aborted.
pub fn consistent(parts: &[PState]) -> bool {
    !(parts.contains(&PState::Committed) && parts.contains(&PState::Aborted))
}
