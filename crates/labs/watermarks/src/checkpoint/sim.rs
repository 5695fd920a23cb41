//! The checkpoint simulation: sources, channels, the count operator with its barriers, the
//! sink and the failure.

use super::{
    Alignment, ChannelNow, CheckpointParams, CheckpointRecord, CkFocus, CkState, CkWorld, DELIVERY,
    Item, KEYS, MAX_RECORDS, OperatorNow, OutputRecord, SinkMode, SourceNow,
};
use crate::stream::key_name;
use crate::text::proc_ids;
use rand::RngExt;
use sdp_kit::lab::LinesRun;
use std::collections::VecDeque;
use std::sync::Arc;

/// The checkpoint simulation, one tick at a time.
pub(crate) struct Sim {
    pub(crate) p: CheckpointParams,
    pub(crate) keys: [Vec<u8>; 2],
    pub(crate) sources: [SourceNow; 2],
    pub(crate) channels: [ChannelNow; 2],
    pub(crate) op: OperatorNow,
    pub(crate) checkpoints: Vec<CheckpointRecord>,
    pub(crate) outputs: Vec<OutputRecord>,
    pub(crate) seen: [Vec<bool>; 2],
    pub(crate) open_txn: Vec<usize>,
    pub(crate) visible: u32,
    pub(crate) duplicates: u32,
    pub(crate) replayed: u32,
    pub(crate) last_completed: Option<u32>,
    pub(crate) next_input: usize,
}

impl Sim {
    pub(crate) fn new(p: CheckpointParams, seed: u64) -> Self {
        let mut rng = sdp_kit::rng::seeded(seed);
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

    pub(crate) fn tick(&mut self, t: u32) -> (CkFocus, String, LinesRun) {
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

    pub(crate) fn state(
        &self,
        world: &Arc<CkWorld>,
        t: u32,
        focus: CkFocus,
        outputs: u32,
    ) -> CkState {
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
pub(crate) fn idx(n: u32) -> usize {
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

pub(crate) fn counts_text(c: &[u64; KEYS]) -> String {
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
