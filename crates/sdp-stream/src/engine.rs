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

use crate::operator::{AddOutcome, Emission, WindowLog, WindowOperator};
use crate::stream::{Arrival, LatePolicy, MAX_KEYS, StreamParams};
use crate::time::{END_OF_TIME, START_MS};
use crate::watermark::{BoundedOutOfOrder, IdlePolicy, PartitionNow, global_watermark};
use crate::window::{WindowKind, WindowSpec};
use serde::{Deserialize, Serialize};

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

impl Engine {
    /// An engine over `arrivals` (in arrival order) with validated parameters.
    pub fn new(p: &StreamParams, arrivals: &[Arrival]) -> Self {
        let start = arrivals
            .first()
            .map_or(START_MS, |a| a.arrival_ms.min(START_MS));
        let events: Vec<Event> = arrivals
            .iter()
            .map(|a| Event {
                key: a.key,
                partition: a.partition,
                event_ms: a.event_ms,
                arrival_ms: a.arrival_ms,
                value: a.value,
                injected: a.injected,
                micro: u32::MAX,
                watermark_before: None,
                route: Route::Pending,
                windows: 0,
                missed: 0,
                updates: 0,
            })
            .collect();
        let spec = p.window_spec();
        // Expected events per window and key, to size member lists once.
        let per_window = match spec.kind {
            WindowKind::Session => spec.gap_ms,
            _ => spec.size_ms,
        } / i64::from(p.interval_ms.max(1))
            / i64::from(p.keys.max(1));
        let hint = per_window.clamp(1, 64) as usize;
        let mut et = WindowOperator::new(spec, i64::from(p.lateness_ms));
        let mut pt = WindowOperator::new(spec, 0).without_members();
        et.set_member_hint(hint);
        pt.set_member_hint(hint);
        let estimate = estimated_windows(p, arrivals.len());
        et.reserve(estimate);
        pt.reserve(estimate);
        let mut engine = Engine {
            bound: i64::from(p.bound_ms),
            timeout: i64::from(p.idle_timeout_ms.max(1)),
            events,
            next: 0,
            clock: start,
            start,
            parts: vec![PartitionNow::new(start); usize::from(p.partitions.max(1))],
            single: BoundedOutOfOrder::new(i64::from(p.bound_ms)),
            global: None,
            ended: false,
            done: false,
            et,
            pt,
            progress: Vec::with_capacity(arrivals.len() + usize::from(p.partitions) + 1),
            lanes: Vec::new(),
            side: Vec::new(),
            totals: Totals::default(),
            deadline: None,
            p: p.clone(),
        };
        engine.scan_deadlines();
        engine
    }

    /// Number of events in the stream.
    pub fn total_events(&self) -> usize {
        self.events.len()
    }

    /// Events that have not arrived yet.
    pub fn remaining_events(&self) -> usize {
        self.events.len() - self.next
    }

    /// The parameters.
    pub fn params(&self) -> &StreamParams {
        &self.p
    }

    /// True when the next micro-step is the end of input (no arrival and no idle timeout left).
    pub fn next_is_end(&self) -> bool {
        !self.done && self.next >= self.events.len() && self.next_timeout().is_none()
    }

    /// Runs one micro-step; `None` once the end of input has been processed.
    pub fn step(&mut self) -> Option<MicroKind> {
        if self.done {
            return None;
        }
        let at = self.progress.len() as u32;
        let arrival = self.events.get(self.next).map(|e| e.arrival_ms);
        let kind = match (arrival, self.next_timeout()) {
            (Some(a), Some((d, _))) if a <= d => self.arrive(at),
            (Some(_), None) => self.arrive(at),
            (_, Some((d, q))) => self.idle_timeout(at, d, q),
            (None, None) => self.end(at),
        };
        self.progress.push(Progress {
            kind,
            clock_ms: self.clock,
            max_seen: self.single.max_seen,
            single: self.single.watermark(),
            global: self.global,
        });
        Some(kind)
    }

    /// The earliest idle deadline `(time, partition)` among partitions that are not idle.
    fn next_timeout(&self) -> Option<(i64, u8)> {
        if self.p.idle_policy == IdlePolicy::Wait {
            return None;
        }
        self.deadline
    }

    /// Recomputes the earliest idle deadline over every partition.
    fn scan_deadlines(&mut self) {
        let timeout = self.timeout;
        self.deadline = self
            .parts
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.idle)
            .map(|(i, p)| (p.last_activity_ms.saturating_add(timeout), i as u8))
            .min();
    }

    /// Partition `q` just received an event: its deadline moved later (or it woke up).
    fn touch_deadline(&mut self, q: u8, at_ms: i64) {
        let mine = (at_ms.saturating_add(self.timeout), q);
        match self.deadline {
            Some((_, p)) if p == q => self.scan_deadlines(),
            Some(d) => self.deadline = Some(d.min(mine)),
            None => self.deadline = Some(mine),
        }
    }

    fn set_clock(&mut self, t: i64, at: u32) {
        self.clock = self.clock.max(t);
        self.totals.pt_fired += self.pt.advance(self.clock, at) as u32;
        if self.p.idle_policy == IdlePolicy::Advance {
            let clock = self.clock;
            for p in self.parts.iter_mut().filter(|p| p.idle) {
                p.raise(clock);
            }
            self.refresh_global(at);
        }
    }

    fn refresh_global(&mut self, at: u32) {
        self.global = global_watermark(&self.parts, self.p.idle_policy, self.global);
        if let Some(g) = self.global {
            self.totals.fired += self.et.advance(g, at) as u32;
        }
    }

    fn arrive(&mut self, at: u32) -> MicroKind {
        let n = self.next;
        self.next += 1;
        let Some(ev) = self.events.get(n).copied() else {
            return self.end(at);
        };
        self.et.set_arrived(n as u32);
        self.pt.set_arrived(n as u32);
        self.set_clock(ev.arrival_ms, at);
        self.et.set_arrived(n as u32 + 1);
        self.pt.set_arrived(n as u32 + 1);
        let before = self.global;
        let late = before.is_some_and(|g| ev.event_ms < g);
        let out: AddOutcome = self
            .et
            .add(n as u32, ev.key, ev.event_ms, ev.value, before, at);
        self.pt.add(
            n as u32,
            ev.key,
            ev.arrival_ms,
            ev.value,
            Some(self.clock),
            at,
        );
        let route = if !late {
            Route::OnTime
        } else if out.added > 0 {
            Route::Late
        } else if self.p.late_policy == LatePolicy::SideOutput {
            self.side.push(n as u32);
            Route::SideOutput
        } else {
            Route::Dropped
        };
        self.totals.arrived += 1;
        self.totals.late += u32::from(late);
        self.totals.late_joined += u32::from(route == Route::Late);
        self.totals.side_output += u32::from(route == Route::SideOutput);
        self.totals.dropped += u32::from(route == Route::Dropped);
        self.totals.updates += u32::from(out.updates);
        if let Some(e) = self.events.get_mut(n) {
            e.micro = at;
            e.watermark_before = before;
            e.route = route;
            e.windows = out.added;
            e.missed = out.missed;
            e.updates = out.updates;
        }
        self.single.observe(ev.event_ms);
        let (bound, clock) = (self.bound, self.clock);
        if let Some(p) = self.parts.get_mut(usize::from(ev.partition)) {
            let old = (p.watermark, p.idle);
            p.idle = false;
            p.last_activity_ms = clock;
            p.events += 1;
            let max_seen = p.max_seen.map_or(ev.event_ms, |m| m.max(ev.event_ms));
            p.max_seen = Some(max_seen);
            p.raise(max_seen.saturating_sub(bound));
            if old != (p.watermark, p.idle) {
                let change = LaneChange {
                    at,
                    clock_ms: clock,
                    partition: ev.partition,
                    watermark: p.watermark,
                    idle: false,
                    tracks_clock: false,
                };
                self.lanes.push(change);
            }
            self.touch_deadline(ev.partition, clock);
        }
        self.refresh_global(at);
        MicroKind::Arrival(n as u32)
    }

    fn idle_timeout(&mut self, at: u32, deadline: i64, q: u8) -> MicroKind {
        if let Some(p) = self.parts.get_mut(usize::from(q)) {
            p.idle = true;
        }
        self.scan_deadlines();
        self.totals.idle_timeouts += 1;
        self.set_clock(deadline, at);
        self.refresh_global(at);
        if let Some(p) = self.parts.get(usize::from(q)) {
            self.lanes.push(LaneChange {
                at,
                clock_ms: self.clock,
                partition: q,
                watermark: p.watermark,
                idle: true,
                tracks_clock: self.p.idle_policy == IdlePolicy::Advance,
            });
        }
        MicroKind::IdleTimeout(q)
    }

    fn end(&mut self, at: u32) -> MicroKind {
        self.ended = true;
        self.done = true;
        self.global = Some(END_OF_TIME);
        self.totals.fired += self.et.advance(END_OF_TIME, at) as u32;
        self.totals.pt_fired += self.pt.advance(END_OF_TIME, at) as u32;
        MicroKind::End
    }

    /// True once the end of input has been processed.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Processing time now (ms).
    pub fn clock(&self) -> i64 {
        self.clock
    }

    /// The global watermark now.
    pub fn global(&self) -> Option<i64> {
        self.global
    }

    /// The single-source watermark generator (M5.1) over all events.
    pub fn single(&self) -> BoundedOutOfOrder {
        self.single
    }

    /// The partitions now.
    pub fn partitions(&self) -> &[PartitionNow] {
        &self.parts
    }

    /// Running totals.
    pub fn totals(&self) -> Totals {
        self.totals
    }

    /// An event (processed or not).
    pub fn event(&self, n: u32) -> Option<&Event> {
        self.events.get(n as usize)
    }

    /// The event-time operator's log so far.
    pub fn event_time(&self) -> &WindowLog {
        self.et.log()
    }

    /// The processing-time operator's log so far.
    pub fn processing_time(&self) -> &WindowLog {
        self.pt.log()
    }

    /// Lengths of every log now.
    pub fn cursors(&self) -> Cursors {
        Cursors {
            micro: self.progress.len() as u32,
            arrived: self.next as u32,
            lanes: self.lanes.len() as u32,
            et_windows: self.et.log().windows.len() as u32,
            et_emits: self.et.log().emits.len() as u32,
            pt_windows: self.pt.log().windows.len() as u32,
            pt_emits: self.pt.log().emits.len() as u32,
            side: self.side.len() as u32,
        }
    }

    /// Runs to the end and returns the logs.
    pub fn finish(mut self) -> WmWorld {
        while self.step().is_some() {}
        self.into_world()
    }

    /// The logs as they are now.
    pub fn into_world(self) -> WmWorld {
        let mut extent = Extent {
            min_event_ms: i64::MAX,
            max_event_ms: i64::MIN,
            min_arrival_ms: self.start,
            max_clock_ms: self.clock,
        };
        for e in &self.events {
            extent.min_event_ms = extent.min_event_ms.min(e.event_ms);
            extent.max_event_ms = extent.max_event_ms.max(e.event_ms);
        }
        if self.events.is_empty() {
            extent.min_event_ms = self.start;
            extent.max_event_ms = self.start;
        }
        let et = self.et.into_log();
        let pt = self.pt.into_log();
        let comparison = if self.p.window == WindowKind::Session {
            Vec::new()
        } else {
            grid_rows(&et, &pt)
        };
        WmWorld {
            window: self.p.window_spec(),
            params: self.p,
            start_ms: self.start,
            events: self.events,
            progress: self.progress,
            lanes: self.lanes,
            event_time: et,
            processing_time: pt,
            side_output: self.side,
            extent,
            comparison,
        }
    }
}

/// About how many windows a stream creates (tumbling and sliding: per key, one every slide over
/// the generated span; sessions: unknown, 0), capped by one per event-window pair.
fn estimated_windows(p: &StreamParams, events: usize) -> usize {
    let spec = p.window_spec();
    if spec.kind == WindowKind::Session {
        return 0;
    }
    let slide = match spec.kind {
        WindowKind::Tumbling => spec.size_ms,
        _ => spec.slide_ms,
    }
    .max(1);
    let per_event = (spec.size_ms / slide).max(1) as usize;
    let span = i64::from(p.events) * i64::from(p.interval_ms)
        + i64::from(p.disorder_ms)
        + i64::from(p.straggle_ms);
    let per_key = (span / slide) as usize + per_event;
    (per_key * usize::from(p.keys))
        .min(events * per_event)
        .min(2_000_000)
}

/// The whole simulation for a stream: the fast path used by benchmarks and tests.
pub fn simulate(p: &StreamParams, arrivals: &[Arrival]) -> WmWorld {
    Engine::new(p, arrivals).finish()
}
