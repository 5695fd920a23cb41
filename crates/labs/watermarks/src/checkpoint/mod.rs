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

mod sim;

use sdp_kit::lab::ParamError;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::sync::Arc;

pub use crate::trace::checkpoint::build_steps;
pub use sim::simulate;
pub(crate) use sim::{Sim, counts_text, idx};

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
