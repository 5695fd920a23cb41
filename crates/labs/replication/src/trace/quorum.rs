//! `quorum`: one step per thing that happens on the network, then the same history under every
//! W and R.

use crate::quorum::{
    self, COORD, Config, FaultKind, Happening, Moment, MsgKind, OpKind, Outcome, Run, node_name,
};
use crate::text::proc_ids;
use crate::trace::ordinal;
use crate::{Action, Params, QuorumParams, State, Toggle};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What every step of a `quorum` trace shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuorumWorld {
    /// The parameters.
    pub params: QuorumParams,
    /// The scenario as the simulator sees it.
    pub cfg: Config,
    /// The run.
    pub run: Run,
    /// `(stale reads, failed operations)` of the same history for every `(w, r)`:
    /// `grid[w − 1][r − 1]`.
    pub grid: Vec<Vec<(usize, usize)>>,
}

/// A step of `quorum`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuorumState {
    /// Shared by every step.
    pub world: Arc<QuorumWorld>,
    /// The moment shown (an index into `world.run.moments`).
    pub moment: usize,
    /// The last step: the same history under every W and R.
    pub summary: bool,
}

impl QuorumState {
    /// The moment shown.
    pub fn at(&self) -> Option<&Moment> {
        self.world.run.moments.get(self.moment)
    }
}

/// The simulator's config for these parameters and actions (after the worked example's faults
/// that fit, when `preset=on`).
pub fn config(p: &QuorumParams, seed: u64, actions: &[Action]) -> Config {
    let preset = if p.preset == Toggle::On {
        crate::url::preset_actions(crate::Mode::Quorum)
    } else {
        Vec::new()
    };
    let fits = |a: &&Action| match a {
        Action::Fault(f) => f.node < p.nodes as usize && f.op < p.history.len(),
        _ => false,
    };
    Config {
        nodes: p.nodes as usize,
        n: p.n as usize,
        w: p.w as usize,
        r: p.r as usize,
        sloppy: p.sloppy == Toggle::On,
        jitter: p.jitter,
        seed,
        history: p
            .history
            .chars()
            .map(|c| {
                if c == 'r' {
                    OpKind::Read
                } else {
                    OpKind::Write
                }
            })
            .collect(),
        faults: preset
            .iter()
            .filter(fits)
            .chain(actions)
            .filter_map(|a| match a {
                Action::Fault(f) => Some(*f),
                _ => None,
            })
            .collect(),
    }
}

fn lane(l: usize) -> String {
    if l == COORD {
        "the coordinator".into()
    } else {
        node_name(l - 1).to_string()
    }
}

fn names(nodes: impl Iterator<Item = usize>) -> String {
    nodes
        .map(|i| node_name(i).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn start_text(w: &QuorumWorld, op: usize, before: &Moment) -> String {
    let c = &w.cfg;
    let rec = w.run.ops[op];
    let homes = names(0..c.n);
    let down: Vec<usize> = (0..c.n).filter(|&i| !before.nodes[i].reachable()).collect();
    let mut text = match rec.kind {
        OpKind::Write => format!(
            "Operation {}: the coordinator writes v{} to {homes} and waits for W = {} acks.",
            op + 1,
            rec.version,
            c.w
        ),
        OpKind::Read => format!(
            "Operation {}: the coordinator asks {homes} for their version and waits for R = {} replies.",
            op + 1,
            c.r
        ),
    };
    let hints: Vec<String> = w
        .run
        .msgs
        .iter()
        .filter(|m| m.op == op && m.send == rec.start)
        .filter_map(|m| match m.kind {
            MsgKind::Hint(_, home) => Some(format!(
                "{} is down, so its copy goes to spare {} as a hint",
                node_name(home),
                lane(m.to)
            )),
            _ => None,
        })
        .collect();
    if !hints.is_empty() {
        text = format!("{text} Sloppy quorum: {}.", hints.join("; "));
    } else if rec.kind == OpKind::Write && !down.is_empty() {
        text = format!(
            "{text} {} cannot take it{}.",
            names(down.into_iter()),
            if c.sloppy {
                " and no spare is free"
            } else {
                " (strict quorum: no hint)"
            }
        );
    }
    text
}

fn fault_text(w: &QuorumWorld, i: usize) -> String {
    let f = w.cfg.faults[i];
    let n = node_name(f.node);
    let op = f.op + 1;
    match f.kind {
        FaultKind::Crash => format!("Before operation {op}, {n} crashes (it keeps its data)."),
        FaultKind::Recover => {
            format!("Before operation {op}, {n} recovers; any hint kept for it is handed off now.")
        }
        FaultKind::Cut => format!("Before operation {op}, a partition cuts {n} off from everyone."),
        FaultKind::Heal => format!(
            "Before operation {op}, the partition around {n} heals; hints kept for it are handed off."
        ),
        FaultKind::Drop => {
            format!("During operation {op}, every message to or from {n} will be lost.")
        }
        FaultKind::Delay => format!(
            "During operation {op}, messages to or from {n} take {} ms longer.",
            f.ms
        ),
    }
}

fn arrived_text(w: &QuorumWorld, id: usize, m: &Moment, before: Option<&Moment>) -> String {
    let msg = w.run.msgs[id];
    let to = lane(msg.to);
    let had = |node: usize| before.map_or(0, |b| b.nodes[node].version);
    let t = m.time;
    match msg.kind {
        MsgKind::Write(v) => {
            let node = msg.to - 1;
            let was = had(node);
            if was < v {
                format!("t = {t} ms: {to} stores v{v} (had v{was}) and acks.")
            } else {
                format!("t = {t} ms: {to} already has v{was}; it keeps it and acks.")
            }
        }
        MsgKind::Hint(v, home) => format!(
            "t = {t} ms: {to} keeps v{v} as a hint for {} and acks; the ack counts toward W.",
            node_name(home)
        ),
        MsgKind::Read => format!(
            "t = {t} ms: {to} replies with its version, v{}.",
            m.nodes[msg.to - 1].version
        ),
        MsgKind::Ack | MsgKind::Reply(_) if m.late => format!(
            "t = {t} ms: a late {} from {} for operation {}, already finished — not counted.",
            if msg.kind == MsgKind::Ack {
                "ack"
            } else {
                "reply"
            },
            lane(msg.from),
            msg.op + 1,
        ),
        MsgKind::Ack => format!(
            "t = {t} ms: an ack from {} — {} of W = {}.",
            lane(msg.from),
            m.count,
            w.cfg.w
        ),
        MsgKind::Reply(v) => format!(
            "t = {t} ms: {} answers v{v} — {} of R = {}.",
            lane(msg.from),
            m.count,
            w.cfg.r
        ),
        MsgKind::Repair(v) => format!(
            "t = {t} ms: read repair — {to} was behind and now holds v{v} (had v{}).",
            had(msg.to - 1)
        ),
        MsgKind::Handoff(v) => format!(
            "t = {t} ms: hinted handoff — {} delivers the v{v} it kept; {to} now holds v{}.",
            lane(msg.from),
            m.nodes[msg.to - 1].version
        ),
    }
}

fn lost_text(w: &QuorumWorld, id: usize, m: &Moment) -> String {
    let msg = w.run.msgs[id];
    let what = match msg.kind {
        MsgKind::Write(v) => format!("the write of v{v}"),
        MsgKind::Ack => "an ack".into(),
        MsgKind::Read => "the read request".into(),
        MsgKind::Reply(v) => format!("a reply (v{v})"),
        MsgKind::Repair(v) => format!("the repair (v{v})"),
        MsgKind::Hint(v, _) => format!("the hint (v{v})"),
        MsgKind::Handoff(v) => format!("the handoff (v{v})"),
    };
    let why = if msg.to != COORD && m.nodes[msg.to - 1].down {
        format!("{} is down", lane(msg.to))
    } else if msg.to != COORD && m.nodes[msg.to - 1].cut {
        format!("{} is partitioned away", lane(msg.to))
    } else {
        "the link dropped it".into()
    };
    format!(
        "t = {} ms: {what} from {} to {} is lost ({why}).",
        m.time,
        lane(msg.from),
        lane(msg.to)
    )
}

fn done_text(w: &QuorumWorld, op: usize) -> String {
    let rec = w.run.ops[op];
    let c = &w.cfg;
    let took = rec.end - rec.start;
    match rec.outcome {
        Outcome::Acked => format!(
            "Write v{} acknowledged after {took} ms: the {} fastest ack (W = {}).",
            rec.version,
            ordinal(c.w),
            c.w
        ),
        Outcome::WriteFailed => format!(
            "Write v{} fails: fewer than W = {} acks within {} ms. The replicas that took it keep it.",
            rec.version,
            c.w,
            quorum::TIMEOUT_MS
        ),
        Outcome::Read { version, latest } => {
            let verdict = if version < latest {
                format!(
                    "STALE — the latest acknowledged write is v{latest} (R + W = {} ≤ N = {}, or a failure)",
                    c.r + c.w,
                    c.n
                )
            } else {
                format!("fresh: the latest acknowledged write is v{latest}")
            };
            format!(
                "The read returns v{version}, the highest of its first {} replies, after {took} ms; {verdict}.",
                c.r
            )
        }
        Outcome::ReadFailed => format!(
            "The read fails: fewer than R = {} replies within {} ms.",
            c.r,
            quorum::TIMEOUT_MS
        ),
        Outcome::Pending => String::new(),
    }
}

fn lines(w: &QuorumWorld, what: Happening) -> LinesRun {
    let kind_of = |op: usize| w.run.ops[op].kind;
    match what {
        Happening::Start(op) if kind_of(op) == OpKind::Write => {
            let hinted = w
                .run
                .msgs
                .iter()
                .any(|m| m.op == op && matches!(m.kind, MsgKind::Hint(..)));
            if hinted {
                LinesRun::new(proc_ids::HINT, &[0])
            } else {
                LinesRun::new(proc_ids::QUORUM, &[0])
            }
        }
        Happening::Start(_) => LinesRun::new(proc_ids::QUORUM, &[1]),
        Happening::Arrived(id) => match w.run.msgs[id].kind {
            MsgKind::Repair(_) => LinesRun::new(proc_ids::REPAIR, &[1]),
            MsgKind::Hint(..) => LinesRun::new(proc_ids::HINT, &[0]),
            MsgKind::Handoff(_) => LinesRun::new(proc_ids::HINT, &[1]),
            MsgKind::Reply(_) | MsgKind::Read => LinesRun::new(proc_ids::QUORUM, &[1]),
            MsgKind::Write(_) | MsgKind::Ack => LinesRun::new(proc_ids::QUORUM, &[0]),
        },
        Happening::Done(op) if kind_of(op) == OpKind::Write => {
            LinesRun::new(proc_ids::QUORUM, &[0, 4])
        }
        Happening::Done(_) => LinesRun::new(proc_ids::QUORUM, &[2, 3, 4]),
        Happening::Fault(_) | Happening::Lost(_) => LinesRun::new(proc_ids::QUORUM, &[]),
    }
}

fn metrics(w: &QuorumWorld, m: &Moment) -> Vec<Metric> {
    let c = &w.cfg;
    let sum = c.r + c.w;
    let rel = if sum > c.n { ">" } else { "≤" };
    let done: Vec<_> = w.run.ops.iter().filter(|o| o.end <= m.time).collect();
    let stale = done.iter().filter(|o| o.stale()).count();
    let failed = done
        .iter()
        .filter(|o| matches!(o.outcome, Outcome::WriteFailed | Outcome::ReadFailed))
        .count();
    let sent = w.run.msgs.iter().filter(|x| x.send <= m.time).count();
    vec![
        Metric::new(
            "R + W vs N",
            sum as f64,
            format!("{} + {} = {sum} {rel} {}", c.r, c.w, c.n),
        ),
        Metric::new("time", f64::from(m.time), format!("{} ms", m.time)),
        Metric::new("stale reads", stale as f64, stale.to_string()),
        Metric::new("failed operations", failed as f64, failed.to_string()),
        Metric::new("messages sent", sent as f64, sent.to_string()),
    ]
}

fn summary_text(w: &QuorumWorld) -> String {
    let c = &w.cfg;
    let mine = w.grid[c.w - 1][c.r - 1];
    let weak: Vec<String> = (1..=c.n)
        .flat_map(|wq| (1..=c.n).map(move |rq| (wq, rq)))
        .filter(|&(wq, rq)| wq + rq <= c.n && w.grid[wq - 1][rq - 1].0 > 0)
        .map(|(wq, rq)| format!("W = {wq}, R = {rq}"))
        .collect();
    let mut text = format!(
        "The same history under every W and R: W = {}, R = {} gives {} stale read(s) and {} failed operation(s).",
        c.w, c.r, mine.0, mine.1
    );
    if weak.is_empty() {
        text.push_str(" No setting with R + W ≤ N reads stale on this history.");
    } else {
        text = format!("{text} Stale reads with {}.", weak.join("; "));
    }
    text
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let p = &s.params.quorum;
    let cfg = config(p, s.seed, &s.actions);
    let run = quorum::run(&cfg);
    let grid = quorum::grid(&cfg);
    let world = Arc::new(QuorumWorld {
        params: p.clone(),
        cfg,
        run,
        grid,
    });
    let w = &world;
    let mut steps = Vec::with_capacity(w.run.moments.len() + 1);
    for (i, m) in w.run.moments.iter().enumerate() {
        let before = i.checked_sub(1).and_then(|b| w.run.moments.get(b));
        let narration = match m.what {
            Happening::Start(op) => start_text(w, op, before.unwrap_or(m)),
            Happening::Fault(f) => fault_text(w, f),
            Happening::Arrived(id) => arrived_text(w, id, m, before),
            Happening::Lost(id) => lost_text(w, id, m),
            Happening::Done(op) => done_text(w, op),
        };
        steps.push(Step {
            state: State::Quorum(QuorumState {
                world: Arc::clone(w),
                moment: i,
                summary: false,
            }),
            narration,
            lines: lines(w, m.what),
            metrics: metrics(w, m),
        });
    }
    let last = w.run.moments.len().saturating_sub(1);
    let end_metrics = w
        .run
        .moments
        .get(last)
        .map_or_else(Vec::new, |m| metrics(w, m));
    steps.push(Step {
        state: State::Quorum(QuorumState {
            world: Arc::clone(w),
            moment: last,
            summary: true,
        }),
        narration: summary_text(w),
        lines: LinesRun::new(proc_ids::QUORUM, &[3]),
        metrics: end_metrics,
    });
    Trace { steps }
}
