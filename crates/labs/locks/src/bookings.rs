//! The multi-night hotel booking with four layers against double booking (M10.11, F4 §15):
//! (1) a Redis lock on `room:{id}:{check_in}:{check_out}`, TTL 30 s, busy → wait 100 ms, retry,
//! at most 3 attempts → `BOOKING_IN_PROGRESS`; (2) `UNIQUE(room_id, date)` and
//! `CHECK(available_rooms >= 0)`; (3) SERIALIZABLE with `SELECT … FOR UPDATE`; (4) a version
//! column, `UPDATE … WHERE version = ?`. Each layer can be switched off. Time is in ms; the
//! database keeps committed values apart from a transaction's own writes (what READ COMMITTED
//! shows), and an UPDATE waits for another transaction's write lock on the same night.

use rand::RngExt;
use sdp_kit::rng::LabRng;
use serde::{Deserialize, Serialize};

/// Nights in the inventory (Dec 15 … Dec 20).
pub const NIGHTS: usize = 6;
/// The first night's day of December.
pub const FIRST_DAY: usize = 15;
/// Attempts at the Redis lock before `BOOKING_IN_PROGRESS`.
pub const LOCK_ATTEMPTS: u32 = 3;
/// Version-conflict retries before giving up.
pub const VERSION_RETRIES: u32 = 3;

/// Which layers are on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layers {
    /// (1) the Redis lock.
    pub lock: bool,
    /// (2) UNIQUE and CHECK.
    pub constraints: bool,
    /// (3) SERIALIZABLE + FOR UPDATE.
    pub serializable: bool,
    /// (4) the version column.
    pub version: bool,
}

/// A booker's stay: nights `[check_in, check_out)` as indices from Dec 15.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stay {
    /// First night.
    pub check_in: usize,
    /// Day after the last night.
    pub check_out: usize,
}

/// The stays of bookers A, B, C, D: Dec 15–17, 16–18, 15–17, 17–19.
pub const STAYS: [Stay; 4] = [
    Stay {
        check_in: 0,
        check_out: 2,
    },
    Stay {
        check_in: 1,
        check_out: 3,
    },
    Stay {
        check_in: 0,
        check_out: 2,
    },
    Stay {
        check_in: 2,
        check_out: 4,
    },
];

/// What the run is set up with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setup {
    /// Each booker's stay.
    pub stays: Vec<Stay>,
    /// Each booker's start, ms.
    pub starts: Vec<u64>,
    /// Payment time, ms.
    pub pay: u64,
    /// Up to this many ms added to each database step (seeded).
    pub jitter: u64,
    /// The layers.
    pub layers: Layers,
}

/// Why a booking ended without a reservation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fail {
    /// (1) the lock stayed busy: `BOOKING_IN_PROGRESS`.
    InProgress,
    /// The check found a night with no room: `NO_AVAILABILITY`.
    NoAvailability,
    /// (2) `CHECK(available_rooms >= 0)` violated.
    Check,
    /// (2) `UNIQUE(room_id, date)` violated.
    Unique,
    /// (4) version conflicts past the retries.
    Version,
}

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// `SETNX lock_key … EX 30`: OK, or busy (attempt number).
    Lock(bool, u32),
    /// Waits 100 ms for the lock.
    LockWait,
    /// BEGIN and the SELECT: the smallest availability it saw (over its nights), and whether
    /// it had to wait for another transaction's row locks first (FOR UPDATE).
    Read(i64, bool),
    /// The UPDATE waits for another transaction's write lock on a night.
    Blocked(usize),
    /// The decrement went through on every night.
    Updated,
    /// `0 rows`: a night's version moved on; the transaction rolls back and retries.
    Conflict,
    /// The reservation nights are inserted.
    Inserted,
    /// The payment is charged (takes `pay` ms).
    Paying,
    /// COMMIT: the booking is confirmed.
    Committed,
    /// ROLLBACK, and why.
    Failed(Fail),
}

/// An event, with the inventory's committed availability after it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Time, ms.
    pub t: u64,
    /// Booker.
    pub booker: usize,
    /// What.
    pub kind: Kind,
    /// Committed `available_rooms` per night.
    pub available: Vec<i64>,
    /// Committed reservations per night.
    pub booked: Vec<u8>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Lock(u32),
    Read(u32),
    Update(u32),
    Insert,
    Pay,
    Commit,
    Done,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Night {
    available: i64,
    version: u64,
    /// A transaction's uncommitted write: (booker, available, version).
    pending: Option<(usize, i64, u64)>,
    /// FOR UPDATE row lock.
    locked: Option<usize>,
    booked: u8,
    pending_booked: Option<usize>,
}

struct Sim<'a> {
    s: &'a Setup,
    nights: [Night; NIGHTS],
    redis: Vec<(usize, usize, usize, u64)>,
    phase: Vec<Phase>,
    next: Vec<Option<u64>>,
    waiting: Vec<Option<usize>>,
    blocked: Vec<bool>,
    seen: Vec<Vec<u64>>,
    rng: &'a mut LabRng,
    events: Vec<Event>,
}

impl Sim<'_> {
    fn push(&mut self, t: u64, booker: usize, kind: Kind) {
        self.events.push(Event {
            t,
            booker,
            kind,
            available: self.nights.iter().map(|n| n.available).collect(),
            booked: self.nights.iter().map(|n| n.booked).collect(),
        });
    }

    fn range(&self, b: usize) -> std::ops::Range<usize> {
        let st = self.s.stays[b];
        st.check_in..st.check_out.min(NIGHTS)
    }

    fn later(&mut self, b: usize, t: u64, base: u64) {
        let j = self.rng.random_range(0..=self.s.jitter);
        self.next[b] = Some(t + base + j);
    }

    /// Another transaction holding a lock on one of `b`'s nights.
    fn holder(&self, b: usize) -> Option<usize> {
        self.range(b).find_map(|i| {
            let n = &self.nights[i];
            n.locked
                .filter(|&o| o != b)
                .or(n.pending.map(|p| p.0).filter(|&o| o != b))
        })
    }

    fn end_txn(&mut self, b: usize, t: u64, commit: bool, unlock: bool) {
        for n in &mut self.nights {
            if let Some((_, a, v)) = n.pending.filter(|p| p.0 == b) {
                if commit {
                    n.available = a;
                    n.version = v;
                }
                n.pending = None;
            }
            if n.locked == Some(b) {
                n.locked = None;
            }
            if n.pending_booked == Some(b) {
                if commit {
                    n.booked += 1;
                }
                n.pending_booked = None;
            }
        }
        if unlock {
            self.redis.retain(|&(.., owner, _)| owner != b);
        }
        for w in 0..self.waiting.len() {
            if self.waiting[w] == Some(b) {
                self.waiting[w] = None;
                self.next[w] = Some(t);
            }
        }
    }

    fn fail(&mut self, b: usize, t: u64, why: Fail) {
        self.end_txn(b, t, false, true);
        self.push(t, b, Kind::Failed(why));
        self.phase[b] = Phase::Done;
        self.next[b] = None;
    }

    fn step(&mut self, b: usize, t: u64) {
        let st = self.s.stays[b];
        match self.phase[b] {
            Phase::Lock(k) => {
                self.redis.retain(|&(.., until)| t <= until);
                let busy = self
                    .redis
                    .iter()
                    .any(|&(i, o, _, _)| i == st.check_in && o == st.check_out);
                self.push(t, b, Kind::Lock(!busy, k + 1));
                if !busy {
                    self.redis.push((st.check_in, st.check_out, b, t + 30_000));
                    self.phase[b] = Phase::Read(0);
                    self.later(b, t, 2);
                } else if k + 1 < LOCK_ATTEMPTS {
                    self.push(t, b, Kind::LockWait);
                    self.phase[b] = Phase::Lock(k + 1);
                    self.next[b] = Some(t + 100);
                } else {
                    self.push(t, b, Kind::Failed(Fail::InProgress));
                    self.phase[b] = Phase::Done;
                    self.next[b] = None;
                }
            }
            Phase::Read(r) => {
                if self.s.layers.serializable {
                    if let Some(h) = self.holder(b) {
                        self.blocked[b] = true;
                        self.push(t, b, Kind::Blocked(h));
                        self.waiting[b] = Some(h);
                        self.next[b] = None;
                        return;
                    }
                    for i in self.range(b) {
                        self.nights[i].locked = Some(b);
                    }
                }
                let view: Vec<(i64, u64)> = self
                    .range(b)
                    .map(|i| {
                        let n = &self.nights[i];
                        match n.pending {
                            Some((o, a, v)) if o == b => (a, v),
                            _ => (n.available, n.version),
                        }
                    })
                    .collect();
                let least = view.iter().map(|v| v.0).min().unwrap_or(0);
                self.seen[b] = view.iter().map(|v| v.1).collect();
                let waited = std::mem::take(&mut self.blocked[b]);
                self.push(t, b, Kind::Read(least, waited));
                if least < 1 {
                    self.fail(b, t, Fail::NoAvailability);
                } else {
                    self.phase[b] = Phase::Update(r);
                    self.later(b, t, 5);
                }
            }
            Phase::Update(r) => {
                if let Some(h) = self.holder(b) {
                    self.push(t, b, Kind::Blocked(h));
                    self.waiting[b] = Some(h);
                    self.next[b] = None;
                    return;
                }
                let nights: Vec<usize> = self.range(b).collect();
                if self.s.layers.version
                    && nights
                        .iter()
                        .zip(&self.seen[b])
                        .any(|(&i, &v)| self.nights[i].version != v)
                {
                    self.push(t, b, Kind::Conflict);
                    self.end_txn(b, t, false, false);
                    if r < VERSION_RETRIES {
                        self.phase[b] = Phase::Read(r + 1);
                        self.later(b, t, 2);
                    } else {
                        self.fail(b, t, Fail::Version);
                    }
                    return;
                }
                if self.s.layers.constraints && nights.iter().any(|&i| self.nights[i].available < 1)
                {
                    self.fail(b, t, Fail::Check);
                    return;
                }
                for &i in &nights {
                    let n = &mut self.nights[i];
                    n.pending = Some((b, n.available - 1, n.version + 1));
                }
                self.push(t, b, Kind::Updated);
                self.phase[b] = Phase::Insert;
                self.later(b, t, 5);
            }
            Phase::Insert => {
                if self.s.layers.constraints && self.range(b).any(|i| self.nights[i].booked > 0) {
                    self.fail(b, t, Fail::Unique);
                    return;
                }
                for i in self.range(b) {
                    self.nights[i].pending_booked = Some(b);
                }
                self.push(t, b, Kind::Inserted);
                self.phase[b] = Phase::Pay;
                self.later(b, t, 2);
            }
            Phase::Pay => {
                self.push(t, b, Kind::Paying);
                self.phase[b] = Phase::Commit;
                self.next[b] = Some(t + self.s.pay);
            }
            Phase::Commit => {
                self.end_txn(b, t, true, true);
                self.push(t, b, Kind::Committed);
                self.phase[b] = Phase::Done;
                self.next[b] = None;
            }
            Phase::Done => {}
        }
    }
}

/// Runs every booker to its end.
pub fn run(s: &Setup, rng: &mut LabRng) -> Vec<Event> {
    let n = s.stays.len();
    let initial = Night {
        available: 1,
        version: 1,
        ..Night::default()
    };
    let mut sim = Sim {
        s,
        nights: [initial; NIGHTS],
        redis: Vec::new(),
        phase: vec![
            if s.layers.lock {
                Phase::Lock(0)
            } else {
                Phase::Read(0)
            };
            n
        ],
        next: s.starts.iter().map(|&t| Some(t)).collect(),
        waiting: vec![None; n],
        blocked: vec![false; n],
        seen: vec![Vec::new(); n],
        rng,
        events: Vec::new(),
    };
    while sim.events.len() < 1_000 {
        let Some((t, b)) = (0..n).filter_map(|b| sim.next[b].map(|t| (t, b))).min() else {
            break;
        };
        sim.next[b] = None;
        sim.step(b, t);
    }
    sim.events
}

/// Nights reserved more often than the one room allows, from the last event.
pub fn double_booked(events: &[Event]) -> Vec<usize> {
    events.last().map_or_else(Vec::new, |e| {
        (0..NIGHTS).filter(|&i| e.booked[i] > 1).collect()
    })
}

/// A night's name: "Dec 15", …
pub fn night(i: usize) -> String {
    format!("Dec {}", FIRST_DAY + i)
}
