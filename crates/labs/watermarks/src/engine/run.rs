//! The engine's micro-steps: arrivals, idle timeouts and the end of input.

use super::{
    Cursors, Engine, Event, Extent, LaneChange, MicroKind, Progress, Route, Totals, WmWorld,
    grid_rows,
};
use crate::operator::{AddOutcome, WindowLog, WindowOperator};
use crate::stream::{Arrival, LatePolicy, StreamParams};
use crate::time::{END_OF_TIME, START_MS};
use crate::watermark::{BoundedOutOfOrder, IdlePolicy, PartitionNow, global_watermark};
use crate::window::WindowKind;

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
