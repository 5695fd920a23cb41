//! The window operator (catalogue M5.3, M5.4): assigns each event to its windows per key, fires a
//! window when the watermark reaches its end, keeps it for the allowed lateness so late events
//! update it and re-emit, then purges it.
//!
//! Everything it does is appended to logs ([`WindowLog`]) tagged with the micro-step (`at`) at
//! which it happened, so a view can show "everything before micro-step m" by filtering `at < m`
//! or by binary search, without copying anything per step.
//!
//! The same operator runs in processing time (the lab's comparison): the "watermark" is then the
//! processing-time clock, and nothing is ever late.

use crate::window::WindowSpec;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

mod run;

/// An event that joined a window, and when.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Event index (into the world's `events`).
    pub event: u32,
    /// Micro-step at which it joined this window (a merge moves members with a later `at`).
    pub at: u32,
}

/// A window's lifecycle stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum WindowStatus {
    /// Collecting events; the watermark has not reached its end.
    Open,
    /// The watermark passed its end and the result was emitted; kept for the allowed lateness, so
    /// late events still update it (and re-emit).
    Fired,
    /// The watermark passed `end + allowed lateness`: state dropped; later events for it are too
    /// late.
    Purged,
    /// A session merged into another window (the index).
    MergedInto(u32),
}

/// A session window's bounds or status change (sessions only: tumbling and sliding windows never
/// change bounds and have no entries).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowChange {
    /// Micro-step of the change.
    pub at: u32,
    /// Start after the change (ms).
    pub start: i64,
    /// End after the change (ms).
    pub end: i64,
    /// Status after the change.
    pub status: WindowStatus,
}

/// One window of one key, over its whole life.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowRecord {
    /// Key index (`A` = 0).
    pub key: u8,
    /// Micro-step at which it was created.
    pub created: u32,
    /// Start when created (ms, inclusive). Sessions may grow: see [`WindowRecord::bounds_at`].
    pub start: i64,
    /// End when created (ms, exclusive).
    pub end: i64,
    /// Events in it, in the order they joined. Empty for processing-time tumbling and sliding
    /// windows: their members are the events of `key` whose `arrival_ms` is in
    /// `[start, end)`, a contiguous run of the arrival-ordered events.
    pub members: Vec<Member>,
    /// Micro-step of its first firing.
    pub fired: Option<u32>,
    /// Micro-step at which it was purged or merged away, and how.
    pub closed: Option<(u32, WindowStatus)>,
    /// Sessions: every later change of bounds or status, in order.
    pub changes: Vec<WindowChange>,
    /// Number of events in it at the end of the trace.
    pub count: u32,
    /// Sum of their values at the end of the trace.
    pub sum: u64,
}

impl WindowRecord {
    /// True once the window exists at cursor `micro` (micro-steps `0..micro` done).
    pub fn exists_at(&self, micro: u32) -> bool {
        self.created < micro
    }

    /// `(start, end)` at cursor `micro`.
    pub fn bounds_at(&self, micro: u32) -> (i64, i64) {
        let n = self.changes.partition_point(|c| c.at < micro);
        match n.checked_sub(1).and_then(|i| self.changes.get(i)) {
            Some(c) => (c.start, c.end),
            None => (self.start, self.end),
        }
    }

    /// Status at cursor `micro` (`None` before it exists).
    pub fn status_at(&self, micro: u32) -> Option<WindowStatus> {
        if !self.exists_at(micro) {
            return None;
        }
        if let Some((at, how)) = self.closed {
            if at < micro {
                return Some(how);
            }
        }
        let n = self.changes.partition_point(|c| c.at < micro);
        if let Some(c) = n.checked_sub(1).and_then(|i| self.changes.get(i)) {
            return Some(c.status);
        }
        Some(match self.fired {
            Some(f) if f < micro => WindowStatus::Fired,
            _ => WindowStatus::Open,
        })
    }

    /// Members that had joined at cursor `micro` (a prefix of `members`).
    pub fn members_at(&self, micro: u32) -> &[Member] {
        let n = self.members.partition_point(|m| m.at < micro);
        &self.members[..n]
    }

    /// Members that were in the window at cursor `micro`: those joined, unless it was merged
    /// away (then they live in the other window).
    pub fn count_at(&self, micro: u32) -> usize {
        match self.status_at(micro) {
            Some(WindowStatus::MergedInto(_)) | None => 0,
            _ => self.members_at(micro).len(),
        }
    }
}

/// Why a result was emitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EmitCause {
    /// The watermark reached the window end (first firing, or again after a session grew).
    Watermark,
    /// A late event within the allowed lateness updated a window that had fired: re-emitted.
    LateUpdate,
}

/// One emitted result: count and sum of one key in one window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Emission {
    /// Micro-step at which it was emitted.
    pub at: u32,
    /// Events processed when it was emitted (`events[..arrived]`): the result equals a batch
    /// computation over those of them that belong to the window.
    pub arrived: u32,
    /// Window index (into the log's `windows`).
    pub window: u32,
    /// Key index.
    pub key: u8,
    /// Window start (ms).
    pub start: i64,
    /// Window end (ms).
    pub end: i64,
    /// Number of events.
    pub count: u32,
    /// Sum of their values.
    pub sum: u64,
    /// Why.
    pub cause: EmitCause,
    /// The watermark (event time) or clock (processing time) when it was emitted (ms).
    pub watermark: i64,
}

/// Everything one window operator did: its windows and its emitted results.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowLog {
    /// Every window ever created, in order of creation.
    pub windows: Vec<WindowRecord>,
    /// Every emitted result, in order.
    pub emits: Vec<Emission>,
}

/// What happened to one event in the operator.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddOutcome {
    /// Windows it joined.
    pub added: u8,
    /// Windows it missed because they were already purged (too late even for the allowed
    /// lateness).
    pub missed: u8,
    /// Results re-emitted because of it.
    pub updates: u8,
}

/// Book-keeping of one window that the log does not need.
#[derive(Clone, Copy, Debug)]
struct Live {
    /// Current end (sessions grow).
    end: i64,
    /// Waiting for the watermark to reach `end`.
    pending: bool,
    /// Neither purged nor merged away.
    alive: bool,
    /// An entry for it is in the pending heap (its key may be an older, smaller end).
    in_pending: bool,
    /// An entry for it is in the purge heap (likewise).
    in_purge: bool,
}

/// A window operator in one time domain.
#[derive(Clone, Debug)]
pub struct WindowOperator {
    spec: WindowSpec,
    lateness: i64,
    log: WindowLog,
    /// Windows neither purged nor merged away, per key (index), by current start.
    live: Vec<BTreeMap<i64, u32>>,
    /// Per window: current end and flags (index = window id).
    state: Vec<Live>,
    /// Windows waiting to fire, by (end, id); stale entries are skipped when popped.
    pending: BinaryHeap<Reverse<(i64, u32)>>,
    /// Live windows by (end + lateness, id): purged when the watermark reaches it; stale
    /// entries are skipped.
    purge: BinaryHeap<Reverse<(i64, u32)>>,
    scratch: Vec<(i64, i64)>,
    found: Vec<(i64, u32)>,
    overlapping: Vec<u32>,
    arrived: u32,
    member_hint: usize,
    track_members: bool,
}
