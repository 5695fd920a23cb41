//! The watermarks mode of the lab: the step state (built by [`crate::trace::watermarks`]).
//!
//! A step is one micro-step (an arrival, an idle timeout, the end of input) for the first
//! [`DETAILED_MICRO`] micro-steps; after that, arrivals are grouped so the rest takes at most
//! [`BULK_STEPS`] steps. The end of input is always its own step.

use crate::engine::{Cursors, Event, Totals, WmWorld};
use crate::operator::{Emission, WindowRecord};
use crate::watermark::PartitionNow;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

pub use crate::trace::watermarks::{build_steps, validate, world};

/// Micro-steps shown one per step.
pub const DETAILED_MICRO: u32 = 1_000;
/// Most steps for the arrivals after the detailed ones.
pub const BULK_STEPS: usize = 1_000;

/// What the current step is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum WmFocus {
    /// Before the first arrival.
    Start,
    /// One event arrived: `world.events[event]` (highlight its dot, its lane, its windows).
    Arrival {
        /// Event index.
        event: u32,
    },
    /// A partition's idle timeout fired (highlight its lane and its watermark jump).
    IdleTimeout {
        /// Partition.
        partition: u8,
    },
    /// Several micro-steps at once: events `before.arrived..at.arrived` arrived.
    Batch {
        /// Events in the batch.
        events: u32,
        /// Idle timeouts in the batch.
        idle_timeouts: u32,
    },
    /// End of input: the final watermark (+∞) fired everything.
    End,
}

/// What a watermarks step draws. Shared logs live in `world`; everything visible at this step is
/// a prefix given by `at` (and `before..at` is what this step added, to highlight).
///
/// The classic plot: x = processing time (`arrival_ms`, `clock_ms`), y = event time; each
/// arrived event is a dot at `(arrival_ms, event_ms)` coloured by `route` (late ones marked);
/// the global watermark is the step line through `world.progress[..at.micro]` at
/// `(clock_ms, global)`; the ideal line is y = x. Lanes below: one per partition, from
/// `world.lanes[..at.lanes]` (a step function; where `tracks_clock` is true the lane follows the
/// clock until its next change). Window bands: `world.event_time.windows[..at.et_windows]`
/// on the event-time axis, with `status_at(at.micro)`, `bounds_at(at.micro)`,
/// `members_at(at.micro)`; results: `world.event_time.emits[..at.et_emits]`. The comparison uses
/// `world.processing_time` the same way (bands on the processing-time axis).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WmState {
    /// Shared logs for the whole trace.
    pub world: Arc<WmWorld>,
    /// Log lengths after this step.
    pub at: Cursors,
    /// Log lengths before this step.
    pub before: Cursors,
    /// Processing time now (ms).
    pub clock_ms: i64,
    /// Largest event time seen over all partitions (ms).
    pub max_seen: Option<i64>,
    /// Single-source watermark `max_seen − bound` (M5.1).
    pub watermark: Option<i64>,
    /// Global watermark = min over partitions (M5.2); `Some(i64::MAX)` once ended.
    pub global: Option<i64>,
    /// True once the end of input was processed.
    pub ended: bool,
    /// Every partition now (lanes: watermark, idle flag, idle timer start).
    pub partitions: Vec<PartitionNow>,
    /// Running totals.
    pub totals: Totals,
    /// What this step is about.
    pub focus: WmFocus,
}

/// One row of the event-time vs processing-time comparison (all keys together).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComparisonRow {
    /// Window start (ms; the same grid in both time domains).
    pub start: i64,
    /// Window end (ms).
    pub end: i64,
    /// Latest event-time result (count over keys), `None` until it fired.
    pub event_time: Option<u32>,
    /// Processing-time result (count over keys), `None` until it fired.
    pub processing_time: Option<u32>,
}

impl ComparisonRow {
    /// True when both fired and the counts differ (highlight).
    pub fn differs(&self) -> bool {
        matches!((self.event_time, self.processing_time), (Some(a), Some(b)) if a != b)
    }
}

impl WmState {
    /// Events that have arrived, in arrival order.
    pub fn events(&self) -> &[Event] {
        self.world
            .events
            .get(..self.at.arrived as usize)
            .unwrap_or(&[])
    }

    /// Event-time windows that exist, with their index.
    pub fn event_windows(&self) -> &[WindowRecord] {
        let w = &self.world.event_time.windows;
        w.get(..self.at.et_windows as usize).unwrap_or(w)
    }

    /// Event-time results emitted so far.
    pub fn event_emits(&self) -> &[Emission] {
        let e = &self.world.event_time.emits;
        e.get(..self.at.et_emits as usize).unwrap_or(e)
    }

    /// Processing-time windows that exist.
    pub fn processing_windows(&self) -> &[WindowRecord] {
        let w = &self.world.processing_time.windows;
        w.get(..self.at.pt_windows as usize).unwrap_or(w)
    }

    /// Processing-time results emitted so far.
    pub fn processing_emits(&self) -> &[Emission] {
        let e = &self.world.processing_time.emits;
        e.get(..self.at.pt_emits as usize).unwrap_or(e)
    }

    /// Event-time results emitted by this step (highlight).
    pub fn new_emits(&self) -> &[Emission] {
        let e = &self.world.event_time.emits;
        e.get(self.before.et_emits as usize..self.at.et_emits as usize)
            .unwrap_or(&[])
    }

    /// Events on the side output so far.
    pub fn side_output(&self) -> &[u32] {
        let s = &self.world.side_output;
        s.get(..self.at.side as usize).unwrap_or(s)
    }

    /// Event-time and processing-time totals (all keys) of every grid window, sorted by start
    /// (tumbling and sliding only; empty for sessions, whose windows differ between the two
    /// domains). Rows that have not fired in either domain are left out.
    pub fn comparison(&self) -> Vec<ComparisonRow> {
        self.comparison_in(i64::MIN, i64::MAX)
    }

    /// [`WmState::comparison`] for the windows that start in `[lo, hi)` (what is visible):
    /// a binary search plus one per row.
    pub fn comparison_in(&self, lo: i64, hi: i64) -> Vec<ComparisonRow> {
        let rows = &self.world.comparison;
        let from = rows.partition_point(|r| r.start < lo);
        let to = rows.partition_point(|r| r.start < hi);
        rows.get(from..to)
            .unwrap_or(&[])
            .iter()
            .filter_map(|r| {
                let (event_time, processing_time) = r.at(self.at.micro);
                (event_time.is_some() || processing_time.is_some()).then_some(ComparisonRow {
                    start: r.start,
                    end: r.end,
                    event_time,
                    processing_time,
                })
            })
            .collect()
    }
}
