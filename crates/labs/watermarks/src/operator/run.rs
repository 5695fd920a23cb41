//! The window operator at work: assigning, firing, late updates, merging and purging.

use super::{
    AddOutcome, Emission, EmitCause, Live, Member, WindowChange, WindowLog, WindowOperator,
    WindowRecord, WindowStatus,
};
use crate::window::{WindowKind, WindowSpec};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

impl WindowOperator {
    /// An operator with `spec` and `lateness_ms` of allowed lateness.
    pub fn new(spec: WindowSpec, lateness_ms: i64) -> Self {
        WindowOperator {
            spec,
            lateness: lateness_ms.max(0),
            log: WindowLog::default(),
            live: Vec::new(),
            state: Vec::new(),
            pending: BinaryHeap::new(),
            purge: BinaryHeap::new(),
            scratch: Vec::new(),
            found: Vec::new(),
            overlapping: Vec::new(),
            arrived: 0,
            member_hint: 1,
            track_members: true,
        }
    }

    /// Stops listing members (counts and sums are still kept): for the processing-time
    /// operator, whose window members are simply the events arriving in `[start, end)`.
    /// Sessions always list members (merges need them).
    pub fn without_members(mut self) -> Self {
        self.track_members = self.spec.kind == WindowKind::Session;
        self
    }

    /// Reserves room for about `windows` windows and as many results.
    pub fn reserve(&mut self, windows: usize) {
        self.log.windows.reserve(windows);
        self.log.emits.reserve(windows);
        self.state.reserve(windows);
    }

    /// Expected members per window: new windows reserve that much room.
    pub fn set_member_hint(&mut self, n: usize) {
        self.member_hint = n.clamp(1, 1024);
    }

    /// Tells the operator how many events have been processed so far (stamped on emissions).
    pub fn set_arrived(&mut self, n: u32) {
        self.arrived = n;
    }

    /// The log so far.
    pub fn log(&self) -> &WindowLog {
        &self.log
    }

    /// The finished log.
    pub fn into_log(self) -> WindowLog {
        self.log
    }

    fn deadline(&self, end: i64) -> i64 {
        end.saturating_add(self.lateness)
    }

    /// The live windows of `key` (created on first use).
    fn live_of(&mut self, key: u8) -> &mut BTreeMap<i64, u32> {
        let k = usize::from(key);
        if self.live.len() <= k {
            self.live.resize_with(k + 1, BTreeMap::new);
        }
        &mut self.live[k]
    }

    fn live_state(&self, id: u32) -> Live {
        self.state.get(id as usize).copied().unwrap_or(Live {
            end: 0,
            pending: false,
            alive: false,
            in_pending: false,
            in_purge: false,
        })
    }

    /// Adds event `event` (key, time `t`, value) at micro-step `at`, with the watermark `wm`
    /// (`None`: nothing can be late yet).
    pub fn add(
        &mut self,
        event: u32,
        key: u8,
        t: i64,
        value: u32,
        wm: Option<i64>,
        at: u32,
    ) -> AddOutcome {
        if self.spec.kind == WindowKind::Session {
            return self.add_session(event, key, t, value, wm, at);
        }
        let mut out = AddOutcome::default();
        let mut windows = std::mem::take(&mut self.scratch);
        let mut found = std::mem::take(&mut self.found);
        self.spec.assign_into(t, &mut windows);
        // One range query finds every existing window of the event (starts are ascending).
        found.clear();
        if let (Some(first), Some(last), Some(live)) = (
            windows.first(),
            windows.last(),
            self.live.get(usize::from(key)),
        ) {
            found.extend(live.range(first.0..=last.0).map(|(&s, &id)| (s, id)));
        }
        let mut next = 0;
        for &(start, end) in &windows {
            if wm.is_some_and(|w| w >= self.deadline(end)) {
                out.missed += 1;
                continue;
            }
            while found.get(next).is_some_and(|f| f.0 < start) {
                next += 1;
            }
            let id = match found.get(next) {
                Some(&(s, id)) if s == start => id,
                _ => self.create(key, start, end, wm, at),
            };
            self.join(id, event, value, at);
            out.added += 1;
            if wm.is_some_and(|w| w >= end) {
                self.emit(id, at, wm, EmitCause::LateUpdate);
                out.updates += 1;
            }
        }
        self.scratch = windows;
        self.found = found;
        out
    }

    /// Creates a live window; it waits to fire unless the watermark has already passed its end.
    fn create(&mut self, key: u8, start: i64, end: i64, wm: Option<i64>, at: u32) -> u32 {
        let id = self.log.windows.len() as u32;
        let already = wm.is_some_and(|w| w >= end);
        self.log.windows.push(WindowRecord {
            key,
            created: at,
            start,
            end,
            members: if self.track_members {
                Vec::with_capacity(self.member_hint)
            } else {
                Vec::new()
            },
            fired: already.then_some(at),
            closed: None,
            changes: Vec::new(),
            count: 0,
            sum: 0,
        });
        self.state.push(Live {
            end,
            pending: !already,
            alive: true,
            in_pending: !already,
            in_purge: true,
        });
        self.live_of(key).insert(start, id);
        if !already {
            self.pending.push(Reverse((end, id)));
        }
        self.purge.push(Reverse((self.deadline(end), id)));
        id
    }

    fn join(&mut self, id: u32, event: u32, value: u32, at: u32) {
        let track = self.track_members;
        if let Some(w) = self.log.windows.get_mut(id as usize) {
            if track {
                w.members.push(Member { event, at });
            }
            w.count += 1;
            w.sum += u64::from(value);
        }
    }

    fn emit(&mut self, id: u32, at: u32, wm: Option<i64>, cause: EmitCause) {
        let Some(w) = self.log.windows.get(id as usize) else {
            return;
        };
        let (start, end) = w
            .changes
            .last()
            .map_or((w.start, w.end), |c| (c.start, c.end));
        self.log.emits.push(Emission {
            at,
            arrived: self.arrived,
            window: id,
            key: w.key,
            start,
            end,
            count: w.count,
            sum: w.sum,
            cause,
            watermark: wm.unwrap_or(i64::MIN),
        });
    }

    fn add_session(
        &mut self,
        event: u32,
        key: u8,
        t: i64,
        value: u32,
        wm: Option<i64>,
        at: u32,
    ) -> AddOutcome {
        let mut out = AddOutcome::default();
        let proto_end = t.saturating_add(self.spec.gap_ms);
        // Live sessions of this key are disjoint and sorted by start, so their ends are sorted
        // too: walk back from the last one starting before the proto-window ends.
        let mut overlapping = std::mem::take(&mut self.overlapping);
        overlapping.clear();
        if let Some(live) = self.live.get(usize::from(key)) {
            for (_, &id) in live.range(..proto_end).rev() {
                let end = self.state.get(id as usize).map_or(i64::MIN, |st| st.end);
                if end > t {
                    overlapping.push(id);
                } else {
                    break;
                }
            }
        }
        if overlapping.is_empty() {
            self.overlapping = overlapping;
            if wm.is_some_and(|w| w >= self.deadline(proto_end)) {
                out.missed = 1;
                return out;
            }
            let id = self.create(key, t, proto_end, wm, at);
            self.join(id, event, value, at);
            out.added = 1;
            if wm.is_some_and(|w| w >= proto_end) {
                self.emit(id, at, wm, EmitCause::LateUpdate);
                out.updates = 1;
            }
            return out;
        }
        let survivor = self.pick_survivor(&overlapping);
        let (mut start, mut end) = (t, proto_end);
        let mut was_fired = false;
        for &id in &overlapping {
            let (s, e) = self.current_bounds(id);
            start = start.min(s);
            end = end.max(e);
            was_fired |= !self.live_state(id).pending;
            self.live_of(key).remove(&s);
        }
        for &id in overlapping.iter().filter(|&&id| id != survivor) {
            self.absorb(survivor, id, at);
        }
        self.overlapping = overlapping;
        let now_late = wm.is_some_and(|w| w >= end);
        let status = if now_late {
            WindowStatus::Fired
        } else {
            WindowStatus::Open
        };
        if let Some(w) = self.log.windows.get_mut(survivor as usize) {
            w.changes.push(WindowChange {
                at,
                start,
                end,
                status,
            });
        }
        self.live_of(key).insert(start, survivor);
        // Heap entries are keyed by an end no later than the current one: an outdated entry is
        // pushed again with the current end when it comes up (see `advance`).
        let st = self.live_state(survivor);
        let (push_pending, push_purge) = (!now_late && !st.in_pending, !st.in_purge);
        if let Some(st) = self.state.get_mut(survivor as usize) {
            st.end = end;
            st.pending = !now_late;
            st.alive = true;
            st.in_pending |= push_pending;
            st.in_purge |= push_purge;
        }
        if push_pending {
            self.pending.push(Reverse((end, survivor)));
        }
        if push_purge {
            self.purge.push(Reverse((self.deadline(end), survivor)));
        }
        self.join(survivor, event, value, at);
        out.added = 1;
        if now_late && was_fired {
            self.emit(survivor, at, wm, EmitCause::LateUpdate);
            out.updates = 1;
        }
        out
    }

    /// The window keeping the merged state: the one with most members (ties: created first).
    fn pick_survivor(&self, ids: &[u32]) -> u32 {
        let size = |id: u32| {
            self.log
                .windows
                .get(id as usize)
                .map_or(0, |w| w.members.len())
        };
        ids.iter()
            .copied()
            .max_by(|&a, &b| size(a).cmp(&size(b)).then(b.cmp(&a)))
            .unwrap_or(0)
    }

    fn current_bounds(&self, id: u32) -> (i64, i64) {
        self.log.windows.get(id as usize).map_or((0, 0), |w| {
            w.changes
                .last()
                .map_or((w.start, w.end), |c| (c.start, c.end))
        })
    }

    /// Moves `from`'s members into `into` and marks `from` merged.
    fn absorb(&mut self, into: u32, from: u32, at: u32) {
        if let Some(st) = self.state.get_mut(from as usize) {
            st.alive = false;
            st.pending = false;
        }
        // Its heap entries (if any) are discarded when they come up.
        let Some(src) = self.log.windows.get_mut(from as usize) else {
            return;
        };
        src.closed = Some((at, WindowStatus::MergedInto(into)));
        let (count, sum) = (src.count, src.sum);
        let moved = std::mem::take(&mut src.members);
        if let Some(dst) = self.log.windows.get_mut(into as usize) {
            dst.members
                .extend(moved.iter().map(|m| Member { at, ..*m }));
            dst.count += count;
            dst.sum += sum;
        }
        if let Some(src) = self.log.windows.get_mut(from as usize) {
            src.members = moved;
        }
    }

    /// Fires every window whose end the watermark `wm` has reached, then purges every window
    /// whose `end + lateness` it has reached; returns how many fired.
    pub fn advance(&mut self, wm: i64, at: u32) -> usize {
        let mut fired = 0;
        while let Some(&Reverse((end, id))) = self.pending.peek() {
            if wm < end {
                break;
            }
            self.pending.pop();
            let st = self.live_state(id);
            if !(st.alive && st.pending) {
                if let Some(st) = self.state.get_mut(id as usize) {
                    st.in_pending = false;
                }
                continue;
            }
            if st.end > end {
                // The session grew since this entry was pushed.
                self.pending.push(Reverse((st.end, id)));
                continue;
            }
            if let Some(st) = self.state.get_mut(id as usize) {
                st.pending = false;
                st.in_pending = false;
            }
            if let Some(w) = self.log.windows.get_mut(id as usize) {
                if w.fired.is_none() {
                    w.fired = Some(at);
                }
                if let Some(c) = w.changes.last().copied() {
                    w.changes.push(WindowChange {
                        at,
                        status: WindowStatus::Fired,
                        ..c
                    });
                }
            }
            self.emit(id, at, Some(wm), EmitCause::Watermark);
            fired += 1;
        }
        while let Some(&Reverse((deadline, id))) = self.purge.peek() {
            if wm < deadline {
                break;
            }
            self.purge.pop();
            let st = self.live_state(id);
            if !st.alive {
                if let Some(st) = self.state.get_mut(id as usize) {
                    st.in_purge = false;
                }
                continue;
            }
            let current = self.deadline(st.end);
            if current > deadline {
                self.purge.push(Reverse((current, id)));
                continue;
            }
            if let Some(st) = self.state.get_mut(id as usize) {
                st.alive = false;
                st.pending = false;
                st.in_purge = false;
            }
            let (start, _) = self.current_bounds(id);
            if let Some(w) = self.log.windows.get_mut(id as usize) {
                w.closed = Some((at, WindowStatus::Purged));
                let key = w.key;
                self.live_of(key).remove(&start);
            }
        }
        fired
    }
}
