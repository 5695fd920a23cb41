//! The watermarks simulation, one micro-step at a time: an arrival, an idle-timeout tick, or the
//! end of input. It keeps per-partition watermarks (M5.2), the global watermark, an event-time
//! window operator with allowed lateness (M5.3, M5.4) and a processing-time window operator on
//! the same stream, and appends everything to logs ([`WmWorld`]).
//!
//! Order inside an arrival at processing time `p`:
//! 1. the clock moves to `p`; processing-time windows whose end ≤ `p` fire;
//! 2. under the "advance" policy idle partitions follow the clock; the global watermark is
//!    recomputed and event-time windows whose end it reached fire;
//! 3. the event is late if its event time < the global watermark; it joins its windows
//!    (late ones within the allowed lateness re-emit), or goes to the side output / is dropped
//!    when every window it belongs to is purged;
//! 4. its partition wakes up if idle, `max_seen` and the partition watermark
//!    `max_seen − bound` rise; the global watermark (never decreasing) is recomputed and
//!    windows fire and purge.

use crate::operator::{Emission, WindowLog, WindowOperator};
use crate::stream::{MAX_KEYS, StreamParams};
use crate::watermark::{BoundedOutOfOrder, PartitionNow};
use crate::window::WindowSpec;
use serde::{Deserialize, Serialize};

mod run;

pub use run::simulate;

/// Where an event went.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Route {
    /// Not yet processed.
    #[default]
    Pending,
    /// Event time ≥ the global watermark: joined all its windows.
    OnTime,
    /// Event time < the global watermark, but at least one of its windows was still kept
    /// (open, or fired and within the allowed lateness): joined those, re-emitting fired ones.
    Late,
    /// Late for every window (all purged): routed to the side output.
    SideOutput,
    /// Late for every window: dropped.
    Dropped,
}

/// One event with what happened to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Key index (`A` = 0).
    pub key: u8,
    /// Partition.
    pub partition: u8,
    /// Event time (ms): the y-axis of the classic plot.
    pub event_ms: i64,
    /// Processing time of arrival (ms): the x-axis of the classic plot.
    pub arrival_ms: i64,
    /// Value summed by the windows.
    pub value: u32,
    /// Injected by hand.
    pub injected: bool,
    /// Micro-step of its arrival.
    pub micro: u32,
    /// Global watermark just before it was processed (`None`: none yet).
    pub watermark_before: Option<i64>,
    /// Where it went.
    pub route: Route,
    /// Event-time windows it joined.
    pub windows: u8,
    /// Event-time windows it missed (already purged).
    pub missed: u8,
    /// Results it caused to be re-emitted.
    pub updates: u8,
}

impl Event {
    /// True if its event time was below the global watermark when it arrived.
    pub fn is_late(&self) -> bool {
        !matches!(self.route, Route::OnTime | Route::Pending)
    }
}

/// What a micro-step was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MicroKind {
    /// Event `n` (index into `events`) arrived.
    Arrival(u32),
    /// The idle timeout of this partition fired.
    IdleTimeout(u8),
    /// End of input: the final watermark (+∞) fires everything.
    End,
}

/// The clock and watermarks after one micro-step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// What happened.
    pub kind: MicroKind,
    /// Processing time (ms).
    pub clock_ms: i64,
    /// Largest event time seen over all partitions.
    pub max_seen: Option<i64>,
    /// The single-source watermark `max_seen − bound` (M5.1, as if one source).
    pub single: Option<i64>,
    /// The global watermark (min over partitions, M5.2), which drives the event-time windows.
    /// `Some(i64::MAX)` after the end of input.
    pub global: Option<i64>,
}

/// A change of one partition's watermark or idle flag (only when something changed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaneChange {
    /// Micro-step.
    pub at: u32,
    /// Processing time (ms).
    pub clock_ms: i64,
    /// Partition.
    pub partition: u8,
    /// Its watermark after the change.
    pub watermark: Option<i64>,
    /// Idle after the change.
    pub idle: bool,
    /// True when it is idle under the "advance" policy: from here until its next change its
    /// watermark equals the processing-time clock (draw it along the diagonal).
    pub tracks_clock: bool,
}

/// Running totals, copied into every step.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// Events arrived.
    pub arrived: u32,
    /// Late events (event time < global watermark on arrival).
    pub late: u32,
    /// Late events that still joined a kept window.
    pub late_joined: u32,
    /// Events routed to the side output.
    pub side_output: u32,
    /// Events dropped.
    pub dropped: u32,
    /// Event-time windows fired by the watermark.
    pub fired: u32,
    /// Event-time re-emissions caused by late events.
    pub updates: u32,
    /// Processing-time windows fired.
    pub pt_fired: u32,
    /// Idle timeouts that fired.
    pub idle_timeouts: u32,
}

/// Everything the simulation produced, shared by all steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WmWorld {
    /// The parameters.
    pub params: StreamParams,
    /// The window shape.
    pub window: WindowSpec,
    /// Processing time at which the stream (and every idle timer) starts (ms).
    pub start_ms: i64,
    /// Every event, in arrival order.
    pub events: Vec<Event>,
    /// One entry per micro-step (index = micro-step).
    pub progress: Vec<Progress>,
    /// Per-partition watermark and idle changes, in order.
    pub lanes: Vec<LaneChange>,
    /// Event-time windows and their results.
    pub event_time: WindowLog,
    /// Processing-time windows (same shape, on arrival time) and their results.
    pub processing_time: WindowLog,
    /// Events routed to the side output (indexes), in order.
    pub side_output: Vec<u32>,
    /// Smallest and largest event time and arrival time, for the axes (ms).
    pub extent: Extent,
    /// Tumbling and sliding windows: one row per window of the grid, sorted by start, with the
    /// event-time and processing-time totals over all keys as they change (empty for sessions).
    pub comparison: Vec<GridRow>,
}

/// One window of the grid in both time domains: `(micro-step, total over keys after it)` for
/// every result that changed the total. The value at cursor `m` is the last entry with
/// `at < m` (none: not fired yet).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridRow {
    /// Window start (ms).
    pub start: i64,
    /// Window end (ms).
    pub end: i64,
    /// Event-time total (latest result of each key, summed) after each event-time result.
    pub event_time: Vec<(u32, u32)>,
    /// Processing-time total after each processing-time result.
    pub processing_time: Vec<(u32, u32)>,
}

impl GridRow {
    /// The event-time and processing-time totals at cursor `micro`.
    pub fn at(&self, micro: u32) -> (Option<u32>, Option<u32>) {
        let last = |v: &[(u32, u32)]| {
            let n = v.partition_point(|(at, _)| *at < micro);
            n.checked_sub(1).and_then(|i| v.get(i)).map(|x| x.1)
        };
        (last(&self.event_time), last(&self.processing_time))
    }
}

/// The comparison rows of two window logs on the same grid.
pub fn grid_rows(et: &WindowLog, pt: &WindowLog) -> Vec<GridRow> {
    // Results grouped by window start, in emission order within a group (stable sort).
    let mut et_order: Vec<u32> = (0..et.emits.len() as u32).collect();
    et_order.sort_by_key(|&i| et.emits.get(i as usize).map_or(0, |e| e.start));
    let mut pt_order: Vec<u32> = (0..pt.emits.len() as u32).collect();
    pt_order.sort_by_key(|&i| pt.emits.get(i as usize).map_or(0, |e| e.start));
    let et_sorted: Vec<&Emission> = et_order
        .iter()
        .filter_map(|&i| et.emits.get(i as usize))
        .collect();
    let pt_sorted: Vec<&Emission> = pt_order
        .iter()
        .filter_map(|&i| pt.emits.get(i as usize))
        .collect();
    let mut rows = Vec::new();
    let (mut a, mut b) = (0, 0);
    while a < et_sorted.len() || b < pt_sorted.len() {
        let start = match (et_sorted.get(a), pt_sorted.get(b)) {
            (Some(x), Some(y)) => x.start.min(y.start),
            (Some(x), None) => x.start,
            (None, Some(y)) => y.start,
            (None, None) => break,
        };
        let mut row = GridRow {
            start,
            end: start,
            event_time: Vec::new(),
            processing_time: Vec::new(),
        };
        let mut latest = [0u32; MAX_KEYS as usize];
        let mut total = 0u32;
        while let Some(e) = et_sorted.get(a).filter(|e| e.start == start) {
            let slot = usize::from(e.key).min(latest.len() - 1);
            total = total - latest[slot] + e.count;
            latest[slot] = e.count;
            row.end = e.end;
            row.event_time.push((e.at, total));
            a += 1;
        }
        let mut total = 0u32;
        while let Some(e) = pt_sorted.get(b).filter(|e| e.start == start) {
            total += e.count;
            row.end = e.end;
            row.processing_time.push((e.at, total));
            b += 1;
        }
        rows.push(row);
    }
    rows
}

/// Axis ranges.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extent {
    /// Earliest event time.
    pub min_event_ms: i64,
    /// Latest event time.
    pub max_event_ms: i64,
    /// Earliest arrival (also the start of processing time).
    pub min_arrival_ms: i64,
    /// Latest arrival or idle tick.
    pub max_clock_ms: i64,
}

/// Counts of the log entries reached so far: a view shows `log[..cursor]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursors {
    /// Micro-steps done (`progress[..micro]`; window entries with `at < micro`).
    pub micro: u32,
    /// Events arrived (`events[..arrived]`).
    pub arrived: u32,
    /// `lanes[..lanes]`.
    pub lanes: u32,
    /// `event_time.windows[..]`.
    pub et_windows: u32,
    /// `event_time.emits[..]`.
    pub et_emits: u32,
    /// `processing_time.windows[..]`.
    pub pt_windows: u32,
    /// `processing_time.emits[..]`.
    pub pt_emits: u32,
    /// `side_output[..]`.
    pub side: u32,
}

/// The simulation.
pub struct Engine {
    p: StreamParams,
    bound: i64,
    timeout: i64,
    events: Vec<Event>,
    next: usize,
    clock: i64,
    start: i64,
    parts: Vec<PartitionNow>,
    single: BoundedOutOfOrder,
    global: Option<i64>,
    ended: bool,
    done: bool,
    et: WindowOperator,
    pt: WindowOperator,
    progress: Vec<Progress>,
    lanes: Vec<LaneChange>,
    side: Vec<u32>,
    totals: Totals,
    /// Earliest idle deadline among partitions that are not idle.
    deadline: Option<(i64, u8)>,
}
