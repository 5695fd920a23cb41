//! What the view computes once per trace (per simulated world) so that showing any step only
//! reads slices: the plot's time window, window indexes by start, partition idle spans, the
//! overview histogram, and the running count of event-time vs processing-time windows that
//! differ.

use crate::engine::{Event, Route, WmWorld};
use crate::layout::geom::{Follow, Frame};
use crate::operator::{WindowLog, WindowRecord, WindowStatus};
use crate::window::WindowKind;

/// Streams with at most this many events are drawn whole (fixed axes).
pub const WHOLE_MAX_EVENTS: usize = 1_500;
/// Events a scrolling window aims to show.
pub const WINDOW_EVENTS: i64 = 600;
/// Bins of the overview histogram.
pub const OVERVIEW_BINS: usize = 240;

/// How an event is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// On time.
    OnTime,
    /// Late, but joined a kept window (and re-emitted a fired one).
    Late,
    /// Too late: side output.
    Side,
    /// Too late: dropped.
    Dropped,
}

impl Class {
    /// The class of an event's route.
    pub fn of(e: &Event) -> Class {
        match e.route {
            Route::OnTime | Route::Pending => Class::OnTime,
            Route::Late => Class::Late,
            Route::SideOutput => Class::Side,
            Route::Dropped => Class::Dropped,
        }
    }

    /// Index 0–3.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Every class.
    pub const ALL: [Class; 4] = [Class::OnTime, Class::Late, Class::Side, Class::Dropped];

    /// Words for the legend and the hover text.
    pub fn words(self) -> &'static str {
        match self {
            Class::OnTime => "on time",
            Class::Late => "late, within allowed lateness",
            Class::Side => "too late → side output",
            Class::Dropped => "too late → dropped",
        }
    }
}

/// Windows of one log sorted by the earliest start they ever have, to find the visible ones with
/// a binary search.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WindowIndex {
    /// Window ids, by earliest start.
    pub order: Vec<u32>,
    /// Earliest start of each entry of `order`.
    pub start: Vec<i64>,
    /// Longest extent any window ever has.
    pub max_len: i64,
}

impl WindowIndex {
    /// The index of `windows`.
    pub fn new(windows: &[WindowRecord]) -> Self {
        let mut rows: Vec<(i64, u32)> = Vec::with_capacity(windows.len());
        let mut max_len = 0i64;
        for (i, w) in windows.iter().enumerate() {
            let lo = w.changes.iter().map(|c| c.start).fold(w.start, i64::min);
            let hi = w.changes.iter().map(|c| c.end).fold(w.end, i64::max);
            max_len = max_len.max(hi.saturating_sub(lo));
            rows.push((lo, i as u32));
        }
        rows.sort_unstable();
        WindowIndex {
            order: rows.iter().map(|r| r.1).collect(),
            start: rows.iter().map(|r| r.0).collect(),
            max_len,
        }
    }

    /// Ids of the windows that exist at cursor `micro`, are not merged away, and overlap
    /// `[lo, hi)` there, with their bounds and status; at most `cap` of them (the rest is
    /// counted in the second value).
    pub fn visible(
        &self,
        windows: &[WindowRecord],
        lo: i64,
        hi: i64,
        micro: u32,
        cap: usize,
    ) -> (Vec<Shown>, usize) {
        let from = self
            .start
            .partition_point(|&s| s < lo.saturating_sub(self.max_len));
        let to = self.start.partition_point(|&s| s < hi);
        let mut out = Vec::new();
        let mut more = 0;
        for &id in self.order.get(from..to).unwrap_or(&[]) {
            let Some(w) = windows.get(id as usize) else {
                continue;
            };
            let Some(status) = w.status_at(micro) else {
                continue;
            };
            if matches!(status, WindowStatus::MergedInto(_)) {
                continue;
            }
            let (start, end) = w.bounds_at(micro);
            if end <= lo || start >= hi {
                continue;
            }
            if out.len() >= cap {
                more += 1;
                continue;
            }
            out.push(Shown {
                id,
                key: w.key,
                start,
                end,
                status,
            });
        }
        (out, more)
    }
}

/// A window as shown at a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shown {
    /// Window id in its log.
    pub id: u32,
    /// Key.
    pub key: u8,
    /// Start at this step.
    pub start: i64,
    /// End at this step.
    pub end: i64,
    /// Status at this step.
    pub status: WindowStatus,
}

/// A stretch during which a partition was idle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdleSpan {
    /// Partition.
    pub partition: u8,
    /// Processing time the idle timeout fired.
    pub from_ms: i64,
    /// Micro-step of the firing.
    pub from_at: u32,
    /// When it sent again (processing time, micro-step).
    pub to: Option<(i64, u32)>,
}

/// The overview histogram: arrivals per bin of processing time, by class.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overview {
    /// Start of the first bin.
    pub t0: i64,
    /// Bin width (ms).
    pub bin: i64,
    /// First event index of each bin, plus the total at the end.
    pub first: Vec<u32>,
    /// Events per bin and class.
    pub counts: Vec<[u32; 4]>,
    /// Largest bin total.
    pub max: u32,
}

impl Overview {
    fn new(world: &WmWorld) -> Self {
        let t0 = world.start_ms;
        let t1 = world.extent.max_clock_ms.max(t0 + 1);
        let bin = ((t1 - t0) / OVERVIEW_BINS as i64 + 1).max(1);
        let mut first = Vec::with_capacity(OVERVIEW_BINS + 1);
        let mut counts = vec![[0u32; 4]; OVERVIEW_BINS];
        for b in 0..OVERVIEW_BINS {
            let start = t0 + b as i64 * bin;
            first.push(world.events.partition_point(|e| e.arrival_ms < start) as u32);
        }
        first.push(world.events.len() as u32);
        for e in &world.events {
            let b = ((e.arrival_ms - t0).max(0) / bin) as usize;
            if let Some(c) = counts.get_mut(b.min(OVERVIEW_BINS - 1)) {
                c[Class::of(e).index()] += 1;
            }
        }
        let max = counts
            .iter()
            .map(|c| c.iter().sum::<u32>())
            .max()
            .unwrap_or(0);
        Overview {
            t0,
            bin,
            first,
            counts,
            max,
        }
    }

    /// Counts of bin `b` among the first `arrived` events.
    pub fn at(&self, world: &WmWorld, b: usize, arrived: u32) -> [u32; 4] {
        let (Some(&lo), Some(&hi)) = (self.first.get(b), self.first.get(b + 1)) else {
            return [0; 4];
        };
        if arrived >= hi {
            return self.counts.get(b).copied().unwrap_or([0; 4]);
        }
        let mut c = [0u32; 4];
        for e in world
            .events
            .get(lo as usize..arrived.max(lo) as usize)
            .unwrap_or(&[])
        {
            c[Class::of(e).index()] += 1;
        }
        c
    }
}

/// Everything precomputed for one world.
#[derive(Clone, Debug, PartialEq)]
pub struct Prep {
    /// How the plot follows the clock.
    pub follow: Follow,
    /// Event-time windows by start.
    pub et_index: WindowIndex,
    /// Processing-time windows by start.
    pub pt_index: WindowIndex,
    /// Per partition: indexes into `world.lanes`.
    pub lanes: Vec<Vec<u32>>,
    /// Idle stretches, in order of firing.
    pub idle: Vec<IdleSpan>,
    /// The whole stream, binned.
    pub overview: Overview,
    /// `(cursor, windows that differ, windows fired in both)` from that cursor on.
    pub differ: Vec<(u32, u32, u32)>,
}

impl Prep {
    /// Precomputes `world`.
    pub fn new(world: &WmWorld) -> Self {
        let parts = usize::from(world.params.partitions.max(1));
        let mut lanes = vec![Vec::new(); parts];
        let mut idle: Vec<IdleSpan> = Vec::new();
        let mut open: Vec<Option<usize>> = vec![None; parts];
        for (i, c) in world.lanes.iter().enumerate() {
            let p = usize::from(c.partition);
            if let Some(l) = lanes.get_mut(p) {
                l.push(i as u32);
            }
            let Some(slot) = open.get_mut(p) else {
                continue;
            };
            if c.idle {
                if slot.is_none() {
                    *slot = Some(idle.len());
                    idle.push(IdleSpan {
                        partition: c.partition,
                        from_ms: c.clock_ms,
                        from_at: c.at,
                        to: None,
                    });
                }
            } else if let Some(k) = slot.take() {
                if let Some(s) = idle.get_mut(k) {
                    s.to = Some((c.clock_ms, c.at));
                }
            }
        }
        Prep {
            follow: follow(world),
            et_index: WindowIndex::new(&world.event_time.windows),
            pt_index: WindowIndex::new(&world.processing_time.windows),
            lanes,
            idle,
            overview: Overview::new(world),
            differ: differ_timeline(world),
        }
    }

    /// `(windows that differ, windows fired in both domains)` at cursor `micro`.
    pub fn differ_at(&self, micro: u32) -> (u32, u32) {
        let n = self.differ.partition_point(|d| d.0 <= micro);
        n.checked_sub(1)
            .and_then(|i| self.differ.get(i))
            .map_or((0, 0), |d| (d.1, d.2))
    }
}

/// The plot's framing: whole for small streams, a scrolling window otherwise.
fn follow(world: &WmWorld) -> Follow {
    let start = world.start_ms;
    let end = world.extent.max_clock_ms.max(start + 1);
    let generated = world.events.iter().filter(|e| !e.injected);
    let mut lag = 0i64;
    let (mut ylo, mut yhi) = (i64::MAX, i64::MIN);
    for e in generated {
        lag = lag.max(e.arrival_ms - e.event_ms);
        ylo = ylo.min(e.event_ms);
        yhi = yhi.max(e.event_ms);
    }
    let p = &world.params;
    if world.events.len() <= WHOLE_MAX_EVENTS {
        for pr in &world.progress {
            for w in [pr.global, pr.single].into_iter().flatten() {
                if w != i64::MAX && w > i64::MIN / 2 {
                    ylo = ylo.min(w);
                    yhi = yhi.max(w.min(end));
                }
            }
        }
        if ylo > yhi {
            (ylo, yhi) = (start, end);
        }
        let pad_x = ((end - start) / 30).max(1);
        let pad_y = ((yhi - ylo) / 20).max(1);
        return Follow::Whole(Frame {
            x0: start,
            x1: end + pad_x,
            y0: ylo - pad_y,
            y1: yhi + pad_y,
        });
    }
    let spacing = ((end - start) / world.events.len().max(1) as i64).max(1);
    let window_len = match p.window {
        WindowKind::Session => i64::from(p.gap_ms),
        _ => i64::from(p.size_ms),
    };
    let width = (spacing * WINDOW_EVENTS)
        .max(window_len.saturating_mul(3))
        .max(i64::from(p.bound_ms) * 4)
        .min(end - start + 1)
        .max(1);
    Follow::Window {
        start,
        width,
        lag: (lag + i64::from(p.bound_ms)).max(width / 20),
    }
}

/// The running number of grid windows whose event-time and processing-time counts differ (and
/// of windows fired in both), as a step function of the cursor.
pub fn differ_timeline(world: &WmWorld) -> Vec<(u32, u32, u32)> {
    let mut deltas: Vec<(u32, i32, i32)> = Vec::new();
    for row in &world.comparison {
        let mut changes: Vec<(u32, bool, u32)> = row
            .event_time
            .iter()
            .map(|&(at, v)| (at, true, v))
            .chain(row.processing_time.iter().map(|&(at, v)| (at, false, v)))
            .collect();
        changes.sort_by_key(|c| c.0);
        let (mut et, mut pt) = (None::<u32>, None::<u32>);
        let (mut differs, mut both) = (false, false);
        let mut i = 0;
        while i < changes.len() {
            let at = changes[i].0;
            while let Some(&(a, is_et, v)) = changes.get(i).filter(|c| c.0 == at) {
                let _ = a;
                if is_et {
                    et = Some(v);
                } else {
                    pt = Some(v);
                }
                i += 1;
            }
            let now_both = et.is_some() && pt.is_some();
            let now_differs = now_both && et != pt;
            if now_both != both || now_differs != differs {
                deltas.push((
                    at + 1,
                    i32::from(now_differs) - i32::from(differs),
                    i32::from(now_both) - i32::from(both),
                ));
                (differs, both) = (now_differs, now_both);
            }
        }
    }
    deltas.sort_by_key(|d| d.0);
    let mut out: Vec<(u32, u32, u32)> = Vec::new();
    let (mut d, mut b) = (0i64, 0i64);
    for (cursor, dd, db) in deltas {
        d += i64::from(dd);
        b += i64::from(db);
        let entry = (cursor, d.max(0) as u32, b.max(0) as u32);
        match out.last_mut() {
            Some(last) if last.0 == cursor => *last = entry,
            _ => out.push(entry),
        }
    }
    out
}

/// Members of window `w` of `log` at cursor `micro` as event indexes (processing-time tumbling
/// and sliding windows list no members: they are the events of the key arriving in the window).
pub fn members(
    log: &WindowLog,
    w: &WindowRecord,
    events: &[Event],
    micro: u32,
    limit: usize,
) -> Vec<u32> {
    let _ = log;
    if !w.members.is_empty() || w.count == 0 {
        return w
            .members_at(micro)
            .iter()
            .take(limit)
            .map(|m| m.event)
            .collect();
    }
    let from = events.partition_point(|e| e.arrival_ms < w.start);
    events
        .iter()
        .enumerate()
        .skip(from)
        .take_while(|(_, e)| e.arrival_ms < w.end)
        .filter(|(_, e)| e.key == w.key && e.micro < micro)
        .take(limit)
        .map(|(i, _)| i as u32)
        .collect()
}
