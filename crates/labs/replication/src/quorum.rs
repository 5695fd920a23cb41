//! Quorum reads and writes on a network that can break (M9.1), with read repair (M9.2) and a
//! sloppy quorum's hinted handoff (M9.3).
//!
//! One coordinator runs a history of writes and reads on one key, one operation at a time. A
//! write carries the next version and goes to the key's `n` home replicas; it is acknowledged
//! once `w` of them (or, in a sloppy quorum, hint holders standing in for them) have acked. A
//! read goes to the `n` home replicas and answers with the highest version among the first `r`
//! replies; replies that disagree are repaired. Every message has a send and an arrival time
//! (one-way latency `10 + 15·i` ms to node `i`, plus seeded jitter); crashed or partitioned
//! nodes lose what is sent to them.

use rand::RngExt;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Most nodes in the cluster.
pub const MAX_NODES: usize = 7;
/// Most operations in a history.
pub const MAX_OPS: usize = 12;
/// How long the coordinator waits for `w` acks or `r` replies (ms).
pub const TIMEOUT_MS: u32 = 400;
/// Pause between one operation's end and the next one's start (ms).
pub const GAP_MS: u32 = 20;
/// The coordinator's lane in [`Msg::from`] / [`Msg::to`]; node `i` is lane `i + 1`.
pub const COORD: usize = 0;

/// A node's name: A, B, C, …
pub fn node_name(i: usize) -> char {
    char::from(b'A' + u8::try_from(i % 26).unwrap_or(0))
}

/// One-way base latency between the coordinator and node `i` (ms).
pub fn base_latency(i: usize) -> u32 {
    10 + 15 * u32::try_from(i).unwrap_or(0)
}

/// An operation of the history.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OpKind {
    /// A write of the next version.
    Write,
    /// A read.
    Read,
}

/// What a fault does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FaultKind {
    /// The node stops (it keeps its data).
    Crash,
    /// The node comes back; hint holders hand their hints to it.
    Recover,
    /// The node is cut off from everyone (alive, unreachable).
    Cut,
    /// The partition heals; hint holders hand their hints to it.
    Heal,
    /// Every message to or from the node during one operation is lost.
    Drop,
    /// Every message to or from the node during one operation takes `ms` longer.
    Delay,
}

/// A fault injected before an operation starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    /// What happens.
    pub kind: FaultKind,
    /// To which node (0-based).
    pub node: usize,
    /// Before which operation (0-based).
    pub op: usize,
    /// Extra one-way delay (ms), for [`FaultKind::Delay`].
    pub ms: u32,
}

/// A quorum scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Config {
    /// Nodes in the cluster; the first `n` are the key's home replicas, the rest spares.
    pub nodes: usize,
    /// Replicas of the key.
    pub n: usize,
    /// Acks a write needs.
    pub w: usize,
    /// Replies a read needs.
    pub r: usize,
    /// Sloppy quorum with hinted handoff.
    pub sloppy: bool,
    /// Most extra one-way latency per message (ms).
    pub jitter: u32,
    /// Seed of the jitter.
    pub seed: u64,
    /// The history.
    pub history: Vec<OpKind>,
    /// The faults.
    pub faults: Vec<Fault>,
}

/// What a message carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MsgKind {
    /// Write this version.
    Write(u32),
    /// Written (or hint stored).
    Ack,
    /// Send me your version.
    Read,
    /// My version.
    Reply(u32),
    /// Read repair: take this version.
    Repair(u32),
    /// Sloppy quorum: keep this version for home node `home`.
    Hint(u32, usize),
    /// Hinted handoff: the version kept for you.
    Handoff(u32),
}

impl MsgKind {
    fn tag(self) -> u64 {
        match self {
            MsgKind::Write(_) => 1,
            MsgKind::Ack => 2,
            MsgKind::Read => 3,
            MsgKind::Reply(_) => 4,
            MsgKind::Repair(_) => 5,
            MsgKind::Hint(..) => 6,
            MsgKind::Handoff(_) => 7,
        }
    }
}

/// A message between lanes (0 = coordinator, `i + 1` = node `i`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Msg {
    /// The operation it belongs to.
    pub op: usize,
    /// Sender lane.
    pub from: usize,
    /// Receiver lane.
    pub to: usize,
    /// Payload.
    pub kind: MsgKind,
    /// Sent at (ms).
    pub send: u32,
    /// Arrives (or would arrive) at (ms).
    pub arrive: u32,
    /// Lost on the way (receiver down or cut, or a dropped link).
    pub lost: bool,
}

/// A node at one moment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeSnap {
    /// Version held (0: none).
    pub version: u32,
    /// Crashed.
    pub down: bool,
    /// Partitioned away.
    pub cut: bool,
    /// Hints kept for others: `(home node, version)`.
    pub hints: Vec<(usize, u32)>,
}

impl NodeSnap {
    /// Neither crashed nor cut off.
    pub fn reachable(&self) -> bool {
        !self.down && !self.cut
    }
}

/// How an operation ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// Not finished yet.
    Pending,
    /// A write acknowledged after `w` acks.
    Acked,
    /// A write with fewer than `w` acks at the timeout.
    WriteFailed,
    /// A read answered with `version`; `latest` was the latest acknowledged version then.
    Read {
        /// The version returned.
        version: u32,
        /// The latest acknowledged write when the read started.
        latest: u32,
    },
    /// A read with fewer than `r` replies at the timeout.
    ReadFailed,
}

/// One operation's record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpRecord {
    /// Write or read.
    pub kind: OpKind,
    /// The version a write carries (0 for reads).
    pub version: u32,
    /// Start (ms).
    pub start: u32,
    /// End: the `w`-th ack, the `r`-th reply, or the timeout (ms).
    pub end: u32,
    /// How it ended.
    pub outcome: Outcome,
}

impl OpRecord {
    /// A read that returned an older version than the latest acknowledged write.
    pub fn stale(&self) -> bool {
        matches!(self.outcome, Outcome::Read { version, latest } if version < latest)
    }
}

/// Something that happened, in time order: one step of the trace each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Happening {
    /// Operation `op` starts; its first messages are sent.
    Start(usize),
    /// Fault `i` of the config applies.
    Fault(usize),
    /// Message `msg` arrived and its receiver acted on it.
    Arrived(usize),
    /// Message `msg` was lost.
    Lost(usize),
    /// Operation `op` finished (acked, answered or failed).
    Done(usize),
}

/// One moment of the run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moment {
    /// Time (ms).
    pub time: u32,
    /// What happened.
    pub what: Happening,
    /// Every node afterwards.
    pub nodes: Vec<NodeSnap>,
    /// Acks (write) or replies (read) the current operation has.
    pub count: usize,
    /// An ack or reply for an operation already finished (or past its timeout): ignored.
    pub late: bool,
}

/// A whole run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    /// Every message.
    pub msgs: Vec<Msg>,
    /// Every operation.
    pub ops: Vec<OpRecord>,
    /// Every moment, in order.
    pub moments: Vec<Moment>,
}

impl Run {
    /// Reads that returned a stale version.
    pub fn stale_reads(&self) -> usize {
        self.ops.iter().filter(|o| o.stale()).count()
    }

    /// Operations that failed (too few acks or replies).
    pub fn failed(&self) -> usize {
        self.ops
            .iter()
            .filter(|o| matches!(o.outcome, Outcome::WriteFailed | Outcome::ReadFailed))
            .count()
    }

    /// The end of the last message or operation (ms).
    pub fn span(&self) -> u32 {
        let m = self.msgs.iter().map(|m| m.arrive).max().unwrap_or(0);
        m.max(self.ops.iter().map(|o| o.end).max().unwrap_or(0))
    }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Ev {
    Start(usize),
    Arrive(usize),
    Timeout(usize),
}

struct Sim<'a> {
    cfg: &'a Config,
    nodes: Vec<NodeSnap>,
    queue: BinaryHeap<Reverse<(u32, u64, Ev)>>,
    seq: u64,
    run: Run,
    current: usize,
    count: usize,
    replies: Vec<(usize, u32)>,
    repaired: Vec<(usize, u32)>,
    latest: u32,
    next_version: u32,
}

impl Sim<'_> {
    fn push(&mut self, time: u32, ev: Ev) {
        self.seq += 1;
        self.queue.push(Reverse((time, self.seq, ev)));
    }

    fn note(&mut self, time: u32, what: Happening) {
        self.run.moments.push(Moment {
            time,
            what,
            nodes: self.nodes.clone(),
            count: self.count,
            late: false,
        });
    }

    fn fault_on(&self, node: usize, op: usize, kind: FaultKind) -> Option<u32> {
        self.cfg
            .faults
            .iter()
            .filter(|f| f.kind == kind && f.node == node && f.op == op)
            .map(|f| f.ms)
            .reduce(u32::saturating_add)
    }

    /// Sends a message now; its arrival is scheduled.
    fn send(&mut self, now: u32, op: usize, from: usize, to: usize, kind: MsgKind) {
        let node = if from == COORD { to - 1 } else { from - 1 };
        let far = if to == COORD { from - 1 } else { to - 1 };
        let mix = self.cfg.seed
            ^ (op as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ (from as u64 * 8 + to as u64 + 1).wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
            ^ kind.tag().wrapping_mul(0x1656_67B1_9E37_79F9);
        let jitter = sdp_kit::rng::seeded(mix).random_range(0..=self.cfg.jitter);
        let extra = self.fault_on(node, op, FaultKind::Delay).unwrap_or(0)
            + if from == COORD || to == COORD {
                0
            } else {
                self.fault_on(far, op, FaultKind::Delay).unwrap_or(0)
            };
        let lost = self.fault_on(node, op, FaultKind::Drop).is_some()
            || (from != COORD && to != COORD && self.fault_on(far, op, FaultKind::Drop).is_some());
        let arrive = now + base_latency(far) + jitter + extra;
        self.run.msgs.push(Msg {
            op,
            from,
            to,
            kind,
            send: now,
            arrive,
            lost,
        });
        let id = self.run.msgs.len() - 1;
        self.push(arrive, Ev::Arrive(id));
    }

    fn start(&mut self, now: u32, op: usize) {
        self.current = op;
        self.count = 0;
        self.replies.clear();
        self.repaired.clear();
        for i in 0..self.cfg.faults.len() {
            let f = self.cfg.faults[i];
            if f.op == op {
                self.apply_fault(now, op, f);
                self.note(now, Happening::Fault(i));
            }
        }
        let kind = self.cfg.history[op];
        let version = if kind == OpKind::Write {
            self.next_version += 1;
            self.next_version
        } else {
            0
        };
        self.run.ops.push(OpRecord {
            kind,
            version,
            start: now,
            end: now + TIMEOUT_MS,
            outcome: Outcome::Pending,
        });
        let free: Vec<usize> = (self.cfg.n..self.cfg.nodes)
            .filter(|&s| self.nodes[s].reachable())
            .collect();
        let mut spares = free.into_iter();
        let mut hints = Vec::new();
        for i in 0..self.cfg.n {
            let msg = if kind == OpKind::Write {
                MsgKind::Write(version)
            } else {
                MsgKind::Read
            };
            self.send(now, op, COORD, i + 1, msg);
            if kind == OpKind::Write && self.cfg.sloppy && !self.nodes[i].reachable() {
                if let Some(s) = spares.next() {
                    hints.push((s, i));
                }
            }
        }
        for (s, home) in hints {
            self.send(now, op, COORD, s + 1, MsgKind::Hint(version, home));
        }
        self.note(now, Happening::Start(op));
        self.push(now + TIMEOUT_MS, Ev::Timeout(op));
    }

    fn apply_fault(&mut self, now: u32, op: usize, f: Fault) {
        let back = match f.kind {
            FaultKind::Crash => {
                self.nodes[f.node].down = true;
                false
            }
            FaultKind::Cut => {
                self.nodes[f.node].cut = true;
                false
            }
            FaultKind::Recover => {
                self.nodes[f.node].down = false;
                true
            }
            FaultKind::Heal => {
                self.nodes[f.node].cut = false;
                true
            }
            FaultKind::Drop | FaultKind::Delay => false,
        };
        if back && self.nodes[f.node].reachable() {
            for holder in 0..self.nodes.len() {
                let due: Vec<u32> = self.nodes[holder]
                    .hints
                    .iter()
                    .filter(|h| h.0 == f.node)
                    .map(|h| h.1)
                    .collect();
                if self.nodes[holder].reachable() {
                    for v in due {
                        self.send(now, op, holder + 1, f.node + 1, MsgKind::Handoff(v));
                    }
                }
            }
        }
    }

    fn finish(&mut self, now: u32, op: usize, outcome: Outcome) {
        if let Some(rec) = self.run.ops.get_mut(op) {
            rec.end = now;
            rec.outcome = outcome;
        }
        if outcome == Outcome::Acked {
            self.latest = self.latest.max(self.run.ops[op].version);
        }
        self.note(now, Happening::Done(op));
        if op + 1 < self.cfg.history.len() {
            self.push(now + GAP_MS, Ev::Start(op + 1));
        }
    }

    fn arrive(&mut self, now: u32, id: usize) {
        let m = self.run.msgs[id];
        let reachable = m.to == COORD || self.nodes[m.to - 1].reachable();
        if m.lost || !reachable {
            self.run.msgs[id].lost = true;
            self.note(now, Happening::Lost(id));
            return;
        }
        let node = m.to.wrapping_sub(1);
        match m.kind {
            MsgKind::Write(v) | MsgKind::Repair(v) | MsgKind::Handoff(v) => {
                let held = &mut self.nodes[node].version;
                *held = (*held).max(v);
                if m.from != COORD {
                    let holder = &mut self.nodes[m.from - 1].hints;
                    holder.retain(|h| !(h.0 == node && h.1 == v));
                }
                if matches!(m.kind, MsgKind::Write(_)) {
                    self.send(now, m.op, m.to, COORD, MsgKind::Ack);
                }
            }
            MsgKind::Hint(v, home) => {
                self.nodes[node].hints.push((home, v));
                self.send(now, m.op, m.to, COORD, MsgKind::Ack);
            }
            MsgKind::Read => {
                let v = self.nodes[node].version;
                self.send(now, m.op, m.to, COORD, MsgKind::Reply(v));
            }
            MsgKind::Ack => return self.ack(now, id, m.op),
            MsgKind::Reply(v) => return self.reply(now, id, m.op, m.from - 1, v),
        }
        self.note(now, Happening::Arrived(id));
    }

    fn pending(&self, op: usize) -> bool {
        op == self.current && self.run.ops[op].outcome == Outcome::Pending
    }

    fn mark_late(&mut self, late: bool) {
        if let Some(m) = self.run.moments.last_mut() {
            m.late = late;
        }
    }

    fn ack(&mut self, now: u32, id: usize, op: usize) {
        let pending = self.pending(op);
        if pending {
            self.count += 1;
        }
        self.note(now, Happening::Arrived(id));
        self.mark_late(!pending);
        if pending && self.count == self.cfg.w {
            self.finish(now, op, Outcome::Acked);
        }
    }

    fn reply(&mut self, now: u32, id: usize, op: usize, node: usize, v: u32) {
        let within = op == self.current && now <= self.run.ops[op].start + TIMEOUT_MS;
        let pending = self.pending(op);
        if within {
            self.replies.push((node, v));
            if pending {
                self.count += 1;
            }
        }
        self.note(now, Happening::Arrived(id));
        self.mark_late(!pending);
        if pending && self.count == self.cfg.r {
            let version = self.replies.iter().map(|r| r.1).max().unwrap_or(0);
            let latest = self.latest;
            self.finish(now, op, Outcome::Read { version, latest });
        }
        if within {
            self.repair(now, op);
        }
    }

    /// Read repair: every replier behind the newest version seen gets it.
    fn repair(&mut self, now: u32, op: usize) {
        let best = self.replies.iter().map(|r| r.1).max().unwrap_or(0);
        let stale: Vec<usize> = self
            .replies
            .iter()
            .filter(|&&(n, v)| v < best && !self.repaired.contains(&(n, best)))
            .map(|r| r.0)
            .collect();
        for n in stale {
            self.repaired.push((n, best));
            self.send(now, op, COORD, n + 1, MsgKind::Repair(best));
        }
    }

    fn timeout(&mut self, now: u32, op: usize) {
        if self.pending(op) {
            let outcome = if self.cfg.history[op] == OpKind::Write {
                Outcome::WriteFailed
            } else {
                Outcome::ReadFailed
            };
            self.finish(now, op, outcome);
        }
    }
}

/// Runs a quorum scenario (the config must be valid: `1 ≤ w, r ≤ n ≤ nodes ≤ MAX_NODES`).
pub fn run(cfg: &Config) -> Run {
    let mut sim = Sim {
        cfg,
        nodes: vec![NodeSnap::default(); cfg.nodes],
        queue: BinaryHeap::new(),
        seq: 0,
        run: Run::default(),
        current: 0,
        count: 0,
        replies: Vec::new(),
        repaired: Vec::new(),
        latest: 0,
        next_version: 0,
    };
    if !cfg.history.is_empty() {
        sim.push(0, Ev::Start(0));
    }
    while let Some(Reverse((time, _, ev))) = sim.queue.pop() {
        match ev {
            Ev::Start(op) => sim.start(time, op),
            Ev::Arrive(id) => sim.arrive(time, id),
            Ev::Timeout(op) => sim.timeout(time, op),
        }
    }
    sim.run
}

/// Stale reads and failed operations of the same history for every `(w, r)`:
/// `grid[w − 1][r − 1]`.
pub fn grid(cfg: &Config) -> Vec<Vec<(usize, usize)>> {
    (1..=cfg.n)
        .map(|w| {
            (1..=cfg.n)
                .map(|r| {
                    let run = run(&Config {
                        w,
                        r,
                        ..cfg.clone()
                    });
                    (run.stale_reads(), run.failed())
                })
                .collect()
        })
        .collect()
}
