//! Checkpoint barriers and recovery (catalogue M5.5), one tick per step.
//!
//! The graph: two Kafka sources `S0`, `S1` → channels → a keyed count operator with two inputs →
//! a sink. Each source reads its own partition (records with keys `A`–`C`) and emits one record
//! per tick. A channel moves up to two items per delivery from its in-transit queue to the
//! operator's input buffer (its inbox): channel 0 delivers every tick, channel 1 every `skew`
//! ticks (input skew). The operator takes up to `rate` items per tick from its inputs, round
//! robin, counts records per key and sends `(key, count)` to the sink.
//!
//! Every `every` ticks the job manager injects barrier `n`: each source records its offset and
//! emits the barrier after the records it has sent. **Aligned**: after the operator takes barrier
//! `n` from an input, that input is blocked (its records wait in the alignment buffer) until
//! barrier `n` has been taken from every input; then it snapshots its counts and forwards the
//! barrier. **Unaligned**: as soon as barrier `n` reaches any input buffer the operator snapshots
//! its counts together with every record still ahead of barrier `n` on each input (in-flight
//! data), and the barrier overtakes them. The sink acknowledges at once, completing the
//! checkpoint. **Exactly-once sink** (two-phase commit): outputs go into a transaction committed
//! when the checkpoint completes; **at-least-once**: outputs are visible at once.
//!
//! A failure at tick `fail` loses everything in flight and the operator's counts, aborts pending
//! checkpoints and the open sink transaction, restores the last completed checkpoint, rewinds the
//! sources to its offsets (replay) and, if unaligned, puts its in-flight records back in the
//! input buffers.

use crate::stream::key_name;
use crate::text::proc_ids;
use rand::RngExt;
use sdp_core::fmt::group;
use sdp_core::lab::{LinesRun, Metric, ParamError, Step};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::sync::Arc;

/// Tick range.
pub const TICKS_RANGE: (u32, u32) = (10, 300);
/// Most records per source.
pub const MAX_RECORDS: u32 = 200;
/// Checkpoint interval range (ticks).
pub const EVERY_RANGE: (u32, u32) = (2, 100);
/// Skew range: channel 1 delivers every `skew` ticks.
pub const SKEW_RANGE: (u32, u32) = (1, 8);
/// Operator rate range (items per tick).
pub const RATE_RANGE: (u32, u32) = (1, 4);
/// Keys of the records (`A`, `B`, `C`).
pub const KEYS: usize = 3;
/// Items a channel moves per delivery.
pub const DELIVERY: usize = 2;

/// Barrier handling.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Alignment {
    /// Block an input after its barrier until the barrier is on every input.
    #[default]
    Aligned,
    /// Snapshot at the first barrier, storing the in-flight records.
    Unaligned,
}

impl Alignment {
    /// URL word: `aligned`, `unaligned`.
    pub fn as_str(self) -> &'static str {
        match self {
            Alignment::Aligned => "aligned",
            Alignment::Unaligned => "unaligned",
        }
    }

    /// Reads a URL word.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "aligned" => Some(Alignment::Aligned),
            "unaligned" => Some(Alignment::Unaligned),
            _ => None,
        }
    }
}

/// Sink guarantee.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SinkMode {
    /// Two-phase commit: outputs become visible when the checkpoint completes.
    #[default]
    ExactlyOnce,
    /// Outputs visible at once; a replay writes them again.
    AtLeastOnce,
}

impl SinkMode {
    /// URL word: `exactly`, `atleast`.
    pub fn as_str(self) -> &'static str {
        match self {
            SinkMode::ExactlyOnce => "exactly",
            SinkMode::AtLeastOnce => "atleast",
        }
    }

    /// Reads a URL word.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "exactly" => Some(SinkMode::ExactlyOnce),
            "atleast" => Some(SinkMode::AtLeastOnce),
            _ => None,
        }
    }
}

/// Parameters of the checkpoint scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckpointParams {
    /// Ticks simulated (URL `ticks`).
    pub ticks: u32,
    /// Records in each source partition, 1–[`MAX_RECORDS`] (URL `records`).
    pub records: u32,
    /// Checkpoint interval in ticks (URL `every`).
    pub every: u32,
    /// Aligned or unaligned barriers (URL `align`).
    pub alignment: Alignment,
    /// Channel 1 delivers every `skew` ticks (URL `skew`).
    pub skew: u32,
    /// Items the operator takes per tick (URL `rate`).
    pub rate: u32,
    /// Tick of the failure, 0 for none (URL `fail`).
    pub fail_at: u32,
    /// Sink guarantee (URL `sink`).
    pub sink: SinkMode,
}

impl Default for CheckpointParams {
    fn default() -> Self {
        CheckpointParams {
            ticks: 60,
            records: 30,
            every: 8,
            alignment: Alignment::Aligned,
            skew: 3,
            rate: 2,
            fail_at: 29,
            sink: SinkMode::ExactlyOnce,
        }
    }
}

impl CheckpointParams {
    /// Every problem, naming the URL field.
    pub fn validate(&self) -> Vec<ParamError> {
        let mut e = Vec::new();
        let mut check = |field: &str, (lo, hi): (u32, u32), v: u32| {
            if !(lo..=hi).contains(&v) {
                e.push(ParamError::range(field, lo, hi, &v.to_string()));
            }
        };
        check("ticks", TICKS_RANGE, self.ticks);
        check("records", (1, MAX_RECORDS), self.records);
        check("every", EVERY_RANGE, self.every);
        check("skew", SKEW_RANGE, self.skew);
        check("rate", RATE_RANGE, self.rate);
        if self.fail_at > self.ticks {
            e.push(ParamError::range(
                "fail",
                0,
                self.ticks,
                &self.fail_at.to_string(),
            ));
        }
        e
    }
}

/// Something moving through a channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Item {
    /// A Kafka record.
    Record {
        /// Source (0 or 1).
        source: u8,
        /// Offset in its partition.
        offset: u32,
        /// Key index.
        key: u8,
    },
    /// Checkpoint barrier `n`.
    Barrier(u32),
}

/// One source now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceNow {
    /// Next offset to read.
    pub offset: u32,
    /// Records in its partition.
    pub total: u32,
}

/// One input channel now. Draw `transit` on the edge (front first) and `inbox` as the
/// operator's input buffer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelNow {
    /// Items on the way (front = next to be delivered).
    pub transit: VecDeque<Item>,
    /// Items in the operator's input buffer (front = next to be taken).
    pub inbox: VecDeque<Item>,
    /// Delivers every `period` ticks.
    pub period: u32,
}

/// The count operator now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorNow {
    /// Count per key.
    pub counts: [u64; KEYS],
    /// Aligned mode: inputs blocked because their barrier arrived (draw the inbox as the
    /// alignment buffer).
    pub blocked: [bool; 2],
    /// The barrier being aligned.
    pub aligning: Option<u32>,
    /// Records processed since the last restore.
    pub processed: u64,
}

/// A checkpoint over its life (ticks).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckpointRecord {
    /// Barrier number.
    pub id: u32,
    /// Tick the job manager injected the barrier.
    pub started: u32,
    /// Source offsets recorded then.
    pub offsets: [u32; 2],
    /// Tick the barrier first reached the operator's input buffer.
    pub first_barrier: Option<u32>,
    /// Tick of the operator snapshot.
    pub snapshot: Option<u32>,
    /// The snapshot: counts per key.
    pub state: [u64; KEYS],
    /// Unaligned: records ahead of the barrier stored with the snapshot.
    pub in_flight: Vec<Item>,
    /// Tick it completed.
    pub completed: Option<u32>,
    /// Tick it was aborted by a failure.
    pub aborted: Option<u32>,
}

impl CheckpointRecord {
    /// Size in entries: one per key plus the in-flight records.
    pub fn size(&self) -> usize {
        KEYS + self.in_flight.len()
    }

    /// Status word at tick `t`: `pending`, `completed`, `aborted` (`None` before it started).
    pub fn status_at(&self, t: u32) -> Option<&'static str> {
        if self.started > t {
            None
        } else if self.completed.is_some_and(|c| c <= t) {
            Some("completed")
        } else if self.aborted.is_some_and(|a| a <= t) {
            Some("aborted")
        } else {
            Some("pending")
        }
    }
}

/// One output of the operator to the sink.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputRecord {
    /// Tick produced.
    pub tick: u32,
    /// Key.
    pub key: u8,
    /// The count it reports.
    pub count: u64,
    /// Record it came from.
    pub source: u8,
    /// Offset of that record.
    pub offset: u32,
    /// Tick it became visible downstream (at once for at-least-once; at commit for
    /// exactly-once; `None` if never).
    pub visible: Option<u32>,
    /// Tick its transaction was aborted.
    pub aborted: Option<u32>,
    /// True if its record had already produced a visible output (a duplicate downstream).
    pub duplicate: bool,
}

/// Data shared by all steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CkWorld {
    /// The parameters.
    pub params: CheckpointParams,
    /// Key of each record of each source.
    pub keys: [Vec<u8>; 2],
    /// Every checkpoint.
    pub checkpoints: Vec<CheckpointRecord>,
    /// Every output, in order.
    pub outputs: Vec<OutputRecord>,
}

/// What a checkpoint step is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CkFocus {
    /// Before the first tick.
    Start,
    /// A normal tick; what happened to checkpoints in it.
    Tick {
        /// Barrier injected by the job manager.
        injected: Option<u32>,
        /// Checkpoint whose operator snapshot was taken and which completed (the sink
        /// acknowledged and committed) in this tick; the last one if several did.
        completed: Option<u32>,
    },
    /// The failure: restored checkpoint (`None`: from scratch).
    Failure {
        /// Checkpoint restored.
        restored: Option<u32>,
    },
}

/// What a checkpoint step draws: the DAG `S0, S1 → count → sink`, with `channels[i].transit` on
/// the edges, `channels[i].inbox` as input buffers (alignment buffers where `operator.blocked`),
/// the operator's counts, the checkpoints of `world.checkpoints` with `started ≤ tick` (status
/// from `status_at(tick)`) as the snapshot store, and the sink's `world.outputs[..outputs]`
/// (visible ones have `visible ≤ tick`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CkState {
    /// Shared data.
    pub world: Arc<CkWorld>,
    /// Tick (0 = before the first).
    pub tick: u32,
    /// Sources.
    pub sources: [SourceNow; 2],
    /// Input channels of the operator.
    pub channels: [ChannelNow; 2],
    /// The operator.
    pub operator: OperatorNow,
    /// Outputs produced so far (`world.outputs[..outputs]`).
    pub outputs: u32,
    /// Outputs visible downstream.
    pub visible: u32,
    /// Exactly-once: outputs in the open transaction.
    pub pending: u32,
    /// Visible duplicates.
    pub duplicates: u32,
    /// Records re-read after failures (source rewinds).
    pub replayed: u32,
    /// Last completed checkpoint.
    pub last_completed: Option<u32>,
    /// What this step is about.
    pub focus: CkFocus,
}

struct Sim {
    p: CheckpointParams,
    keys: [Vec<u8>; 2],
    sources: [SourceNow; 2],
    channels: [ChannelNow; 2],
    op: OperatorNow,
    checkpoints: Vec<CheckpointRecord>,
    outputs: Vec<OutputRecord>,
    seen: [Vec<bool>; 2],
    open_txn: Vec<usize>,
    visible: u32,
    duplicates: u32,
    replayed: u32,
    last_completed: Option<u32>,
    next_input: usize,
}

impl Sim {
    fn new(p: CheckpointParams, seed: u64) -> Self {
        let mut rng = sdp_core::rng::seeded(seed);
        let n = p.records.min(MAX_RECORDS) as usize;
        let mut keys: [Vec<u8>; 2] = [Vec::new(), Vec::new()];
        for k in &mut keys {
            *k = (0..n).map(|_| rng.random_range(0..KEYS as u8)).collect();
        }
        let channel = |period| ChannelNow {
            transit: VecDeque::new(),
            inbox: VecDeque::new(),
            period,
        };
        Sim {
            sources: [SourceNow {
                offset: 0,
                total: n as u32,
            }; 2],
            channels: [channel(1), channel(p.skew.max(1))],
            op: OperatorNow {
                counts: [0; KEYS],
                blocked: [false; 2],
                aligning: None,
                processed: 0,
            },
            checkpoints: Vec::new(),
            outputs: Vec::new(),
            seen: [vec![false; n], vec![false; n]],
            open_txn: Vec::new(),
            visible: 0,
            duplicates: 0,
            replayed: 0,
            last_completed: None,
            next_input: 0,
            keys,
            p,
        }
    }

    fn tick(&mut self, t: u32) -> (CkFocus, String, LinesRun) {
        if t == self.p.fail_at {
            return self.fail(t);
        }
        let mut injected = None;
        if t % self.p.every.max(1) == 0 {
            let id = self.checkpoints.len() as u32 + 1;
            self.checkpoints.push(CheckpointRecord {
                id,
                started: t,
                offsets: [self.sources[0].offset, self.sources[1].offset],
                first_barrier: None,
                snapshot: None,
                state: [0; KEYS],
                in_flight: Vec::new(),
                completed: None,
                aborted: None,
            });
            for c in &mut self.channels {
                c.transit.push_back(Item::Barrier(id));
            }
            injected = Some(id);
        }
        for s in 0..2 {
            let src = &mut self.sources[s];
            if src.offset < src.total {
                let key = self.keys[s].get(src.offset as usize).copied().unwrap_or(0);
                self.channels[s].transit.push_back(Item::Record {
                    source: s as u8,
                    offset: src.offset,
                    key,
                });
                src.offset += 1;
            }
        }
        for c in &mut self.channels {
            if t % c.period == 0 {
                for _ in 0..DELIVERY {
                    match c.transit.pop_front() {
                        Some(item) => c.inbox.push_back(item),
                        None => break,
                    }
                }
            }
        }
        self.note_barrier_arrivals(t);
        let mut done: Vec<u32> = Vec::new();
        if self.p.alignment == Alignment::Unaligned {
            // The barrier reaches the sink at once: the open transaction (outputs before it)
            // commits before the operator processes anything after the barrier.
            if let Some(id) = self.unaligned_snapshot(t) {
                self.complete(t, id);
                done.push(id);
            }
        }
        let mut took = 0u32;
        for _ in 0..self.p.rate {
            let Some(i) = self.pick_input() else { break };
            let Some(item) = self.channels[i].inbox.pop_front() else {
                break;
            };
            took += 1;
            match item {
                Item::Record {
                    source,
                    offset,
                    key,
                } => self.process(t, source, offset, key),
                Item::Barrier(n) => {
                    if let Some(id) = self.aligned_barrier(t, i, n) {
                        self.complete(t, id);
                        done.push(id);
                    }
                }
            }
        }
        let completed = done.last().copied();
        let narration = self.tick_sentence(t, injected, &done, took);
        let lines = match (injected, completed) {
            (_, Some(_)) if self.p.alignment == Alignment::Unaligned => {
                LinesRun::new(proc_ids::CHECKPOINT, &[2, 4, 5])
            }
            (_, Some(_)) => LinesRun::new(proc_ids::CHECKPOINT, &[2, 3, 5]),
            (Some(_), None) => LinesRun::new(proc_ids::CHECKPOINT, &[1]),
            _ if self.op.aligning.is_some() => LinesRun::new(proc_ids::CHECKPOINT, &[3]),
            _ => LinesRun::new(proc_ids::CHECKPOINT, &[0]),
        };
        (
            CkFocus::Tick {
                injected,
                completed,
            },
            narration,
            lines,
        )
    }

    fn note_barrier_arrivals(&mut self, t: u32) {
        for c in &self.channels {
            for item in &c.inbox {
                if let Item::Barrier(n) = item {
                    if let Some(cp) = self.checkpoints.get_mut(idx(*n)) {
                        cp.first_barrier.get_or_insert(t);
                    }
                }
            }
        }
    }

    /// The next input to take from, round robin over inputs that are not blocked and have items.
    fn pick_input(&mut self) -> Option<usize> {
        for k in 0..2 {
            let i = (self.next_input + k) % 2;
            if !self.op.blocked[i] && !self.channels[i].inbox.is_empty() {
                self.next_input = (i + 1) % 2;
                return Some(i);
            }
        }
        None
    }

    fn process(&mut self, t: u32, source: u8, offset: u32, key: u8) {
        let k = usize::from(key).min(KEYS - 1);
        self.op.counts[k] += 1;
        self.op.processed += 1;
        let idx = self.outputs.len();
        let mut out = OutputRecord {
            tick: t,
            key,
            count: self.op.counts[k],
            source,
            offset,
            visible: None,
            aborted: None,
            duplicate: false,
        };
        match self.p.sink {
            SinkMode::AtLeastOnce => {
                self.make_visible(&mut out, t);
            }
            SinkMode::ExactlyOnce => self.open_txn.push(idx),
        }
        self.outputs.push(out);
    }

    fn make_visible(&mut self, out: &mut OutputRecord, t: u32) {
        out.visible = Some(t);
        self.visible += 1;
        let seen = self.seen[usize::from(out.source) % 2].get_mut(out.offset as usize);
        if let Some(seen) = seen {
            if *seen {
                out.duplicate = true;
                self.duplicates += 1;
            }
            *seen = true;
        }
    }

    /// Aligned mode: barrier `n` taken from input `i`. Returns the checkpoint id when aligned.
    fn aligned_barrier(&mut self, t: u32, i: usize, n: u32) -> Option<u32> {
        if self.p.alignment == Alignment::Unaligned {
            return None;
        }
        self.op.blocked[i] = true;
        self.op.aligning = Some(n);
        if self.op.blocked.iter().all(|&b| b) {
            self.op.blocked = [false; 2];
            self.op.aligning = None;
            if let Some(cp) = self.checkpoints.get_mut(idx(n)) {
                cp.snapshot = Some(t);
                cp.state = self.op.counts;
            }
            return Some(n);
        }
        None
    }

    /// Unaligned mode: the first pending barrier in any input buffer triggers a snapshot with
    /// the records ahead of it on every input; the barrier leaves every queue.
    fn unaligned_snapshot(&mut self, t: u32) -> Option<u32> {
        let n = self.channels.iter().find_map(|c| {
            c.inbox.iter().find_map(|item| match item {
                Item::Barrier(n) => Some(*n),
                Item::Record { .. } => None,
            })
        })?;
        let mut in_flight = Vec::new();
        for c in &mut self.channels {
            let mut ahead: Vec<Item> = Vec::new();
            let mut found = false;
            for q in [&mut c.inbox, &mut c.transit] {
                if found {
                    break;
                }
                if let Some(pos) = q.iter().position(|x| *x == Item::Barrier(n)) {
                    ahead.extend(q.iter().take(pos).copied());
                    q.remove(pos);
                    found = true;
                } else {
                    ahead.extend(q.iter().copied());
                }
            }
            in_flight.extend(
                ahead
                    .into_iter()
                    .filter(|x| matches!(x, Item::Record { .. })),
            );
        }
        let cp = self.checkpoints.get_mut(idx(n))?;
        cp.snapshot = Some(t);
        cp.state = self.op.counts;
        cp.in_flight = in_flight;
        Some(n)
    }

    /// The sink acknowledges checkpoint `id`: it completes, and the open transaction commits.
    fn complete(&mut self, t: u32, id: u32) {
        if let Some(cp) = self.checkpoints.get_mut(idx(id)) {
            cp.completed = Some(t);
        }
        self.last_completed = Some(id);
        for idx in std::mem::take(&mut self.open_txn) {
            if let Some(mut out) = self.outputs.get(idx).copied() {
                self.make_visible(&mut out, t);
                if let Some(o) = self.outputs.get_mut(idx) {
                    *o = out;
                }
            }
        }
    }

    fn fail(&mut self, t: u32) -> (CkFocus, String, LinesRun) {
        let lost: usize = self
            .channels
            .iter()
            .map(|c| c.transit.len() + c.inbox.len())
            .sum();
        for c in &mut self.channels {
            c.transit.clear();
            c.inbox.clear();
        }
        for cp in &mut self.checkpoints {
            if cp.completed.is_none() && cp.aborted.is_none() {
                cp.aborted = Some(t);
            }
        }
        let aborted_outputs = self.open_txn.len();
        for idx in std::mem::take(&mut self.open_txn) {
            if let Some(o) = self.outputs.get_mut(idx) {
                o.aborted = Some(t);
            }
        }
        let restored = self
            .last_completed
            .and_then(|id| self.checkpoints.get(idx(id)))
            .cloned();
        let (offsets, counts, in_flight) = match &restored {
            Some(cp) => (cp.offsets, cp.state, cp.in_flight.clone()),
            None => ([0, 0], [0; KEYS], Vec::new()),
        };
        for (s, src) in self.sources.iter_mut().enumerate() {
            self.replayed += src.offset.saturating_sub(offsets[s]);
            src.offset = offsets[s];
        }
        self.op = OperatorNow {
            counts,
            blocked: [false; 2],
            aligning: None,
            processed: 0,
        };
        for item in &in_flight {
            if let Item::Record { source, .. } = item {
                self.channels[usize::from(*source) % 2]
                    .inbox
                    .push_back(*item);
            }
        }
        let from = match &restored {
            Some(cp) => format!(
                "checkpoint {} (counts {}, offsets S0 {} / S1 {}{})",
                cp.id,
                counts_text(&cp.state),
                cp.offsets[0],
                cp.offsets[1],
                if cp.in_flight.is_empty() {
                    String::new()
                } else {
                    format!(", {} in-flight records put back", cp.in_flight.len())
                }
            ),
            None => "scratch (no checkpoint completed yet: counts 0, offsets 0)".to_string(),
        };
        let narration = format!(
            "Failure at tick {t}: {} in flight and the operator's counts are lost{}; every operator restores {from}, and the sources will replay from those offsets.",
            items(lost),
            if aborted_outputs > 0 {
                format!(", the open sink transaction ({aborted_outputs} outputs) is aborted")
            } else {
                String::new()
            }
        );
        (
            CkFocus::Failure {
                restored: restored.map(|c| c.id),
            },
            narration,
            LinesRun::new(proc_ids::CHECKPOINT, &[0, 6, 7]),
        )
    }

    fn tick_sentence(&self, t: u32, injected: Option<u32>, done: &[u32], took: u32) -> String {
        let mut parts = Vec::new();
        if let Some(n) = injected {
            parts.push(format!(
                "the job manager injects barrier {n} (offsets S0 {} / S1 {})",
                self.checkpoints.get(idx(n)).map_or(0, |c| c.offsets[0]),
                self.checkpoints.get(idx(n)).map_or(0, |c| c.offsets[1]),
            ));
        }
        parts.push(format!("the operator takes {}", items(took as usize)));
        if let Some(n) = self.op.aligning {
            let buffered: usize = (0..2)
                .filter(|&i| self.op.blocked[i])
                .map(|i| self.channels[i].inbox.len())
                .sum();
            parts.push(format!(
                "aligning barrier {n}: {} in the alignment buffer",
                items(buffered)
            ));
        }
        for &n in done {
            let cp = self.checkpoints.get(idx(n));
            let extra = cp.map_or(0, |c| c.in_flight.len());
            parts.push(format!(
                "checkpoint {n} snapshots counts {}{}, the sink acknowledges and commits: checkpoint {n} is complete",
                cp.map_or(String::new(), |c| counts_text(&c.state)),
                if self.p.alignment == Alignment::Unaligned {
                    format!(" with {extra} in-flight records")
                } else {
                    String::new()
                }
            ));
        }
        format!("Tick {t}: {}.", parts.join("; "))
    }

    fn state(&self, world: &Arc<CkWorld>, t: u32, focus: CkFocus, outputs: u32) -> CkState {
        CkState {
            world: world.clone(),
            tick: t,
            sources: self.sources,
            channels: self.channels.clone(),
            operator: self.op,
            outputs,
            visible: self.visible,
            pending: self.open_txn.len() as u32,
            duplicates: self.duplicates,
            replayed: self.replayed,
            last_completed: self.last_completed,
            focus,
        }
    }
}

/// Index of checkpoint `n` (ids start at 1; 0 maps to no index).
fn idx(n: u32) -> usize {
    (n as usize).wrapping_sub(1)
}

/// "1 item", "3 items".
fn items(n: usize) -> String {
    if n == 1 {
        "1 item".to_string()
    } else {
        format!("{n} items")
    }
}

fn counts_text(c: &[u64; KEYS]) -> String {
    c.iter()
        .enumerate()
        .map(|(k, n)| format!("{}={n}", key_name(k as u8)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Final operator counts and visible outputs of a run: for tests and benchmarks.
pub fn simulate(p: &CheckpointParams, seed: u64) -> (OperatorNow, CkWorld, u32) {
    let mut sim = Sim::new(*p, seed);
    for t in 1..=p.ticks {
        sim.tick(t);
    }
    let dup = sim.duplicates;
    let world = CkWorld {
        params: *p,
        keys: sim.keys.clone(),
        checkpoints: sim.checkpoints.clone(),
        outputs: sim.outputs.clone(),
    };
    (sim.op, world, dup)
}

struct Draft {
    state: CkState,
    narration: String,
    lines: LinesRun,
}

/// The steps of a validated scenario: the start and one per tick.
pub fn build_steps(p: &CheckpointParams, seed: u64) -> Vec<Step<CkState>> {
    let mut sim = Sim::new(*p, seed);
    let placeholder = Arc::new(CkWorld {
        params: *p,
        keys: [Vec::new(), Vec::new()],
        checkpoints: Vec::new(),
        outputs: Vec::new(),
    });
    let mut drafts = vec![Draft {
        state: sim.state(&placeholder, 0, CkFocus::Start, 0),
        narration: format!(
            "Two Kafka partitions of {} records feed a count-per-key operator through two channels (channel 1 delivers every {} ticks); a barrier every {} ticks, {} checkpoints, {} sink{}.",
            p.records,
            p.skew,
            p.every,
            p.alignment.as_str(),
            match p.sink {
                SinkMode::ExactlyOnce => "exactly-once (two-phase commit)",
                SinkMode::AtLeastOnce => "at-least-once",
            },
            if p.fail_at > 0 {
                format!(", failure at tick {}", p.fail_at)
            } else {
                String::new()
            }
        ),
        lines: LinesRun::new(proc_ids::CHECKPOINT, &[1, 2]),
    }];
    for t in 1..=p.ticks {
        let (focus, narration, lines) = sim.tick(t);
        let outputs = sim.outputs.len() as u32;
        drafts.push(Draft {
            state: sim.state(&placeholder, t, focus, outputs),
            narration,
            lines,
        });
    }
    let world = Arc::new(CkWorld {
        params: *p,
        keys: sim.keys,
        checkpoints: sim.checkpoints,
        outputs: sim.outputs,
    });
    drafts
        .into_iter()
        .map(|d| {
            let metrics = metrics(&d.state, &world);
            Step {
                state: CkState {
                    world: world.clone(),
                    ..d.state
                },
                narration: d.narration,
                lines: d.lines,
                metrics,
            }
        })
        .collect()
}

fn metrics(s: &CkState, world: &CkWorld) -> Vec<Metric> {
    let t = s.tick;
    let completed = world
        .checkpoints
        .iter()
        .filter(|c| c.completed.is_some_and(|x| x <= t))
        .count();
    let last_size = s
        .last_completed
        .and_then(|id| world.checkpoints.get(idx(id)))
        .map_or(0, CheckpointRecord::size);
    let buffered: usize = (0..2)
        .filter(|&i| s.operator.blocked[i])
        .map(|i| s.channels[i].inbox.len())
        .sum();
    let in_transit: usize = s.channels.iter().map(|c| c.transit.len()).sum();
    vec![
        Metric::new("tick", f64::from(t), t.to_string()),
        Metric::new(
            "checkpoints completed",
            completed as f64,
            match s.last_completed {
                Some(id) => format!("{completed} (last: {id})"),
                None => completed.to_string(),
            },
        ),
        Metric::new(
            "last checkpoint size",
            last_size as f64,
            format!("{last_size} entries ({KEYS} keys + in-flight records)"),
        ),
        Metric::new(
            "alignment buffer",
            buffered as f64,
            format!("{buffered} items"),
        ),
        Metric::new("in transit", in_transit as f64, in_transit.to_string()),
        Metric::new(
            "operator counts",
            s.operator.counts.iter().sum::<u64>() as f64,
            counts_text(&s.operator.counts),
        ),
        Metric::new(
            "outputs visible downstream",
            f64::from(s.visible),
            format!(
                "{} ({} in the open transaction)",
                group(s.visible.into()),
                s.pending
            ),
        ),
        Metric::new(
            "duplicates downstream",
            f64::from(s.duplicates),
            s.duplicates.to_string(),
        ),
        Metric::new(
            "records replayed",
            f64::from(s.replayed),
            s.replayed.to_string(),
        ),
    ]
}
