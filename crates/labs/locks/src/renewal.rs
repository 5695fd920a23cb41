//! Retry policies for a contended lock (M10.4) and the auto-renewing lock client (M10.7) on the
//! single-node lock manager. Time is in ms. Client A takes the lock first; each holder writes
//! every `every` s and its watchdog extends the lease every `renew` s; a process pause freezes
//! both, a network cut makes the renewals fail. Contenders retry with a fixed delay or with
//! `200 ms × 2^attempt + random(0–100 ms)`, give up with `BOOKING_IN_PROGRESS` after `retries`
//! retries, and come back `again` s later.

use crate::lock::{Acquired, Manager};
use crate::redlock::backoff;
use crate::sim::name;
use rand::RngExt;
use sdp_kit::rng::LabRng;
use serde::{Deserialize, Serialize};

/// The lock's name.
pub const RESOURCE: &str = "resource-123";

/// Most events in a run (a cap on the trace).
pub const MAX_EVENTS: usize = 3_000;

/// What the run is set up with (times in ms).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setup {
    /// Lease TTL.
    pub ttl: u64,
    /// Watchdog period.
    pub renew: u64,
    /// Writes per job.
    pub writes: u32,
    /// Between writes.
    pub every: u64,
    /// Clients (A and the contenders).
    pub clients: usize,
    /// Exponential backoff (true) or the fixed delay.
    pub backoff: bool,
    /// The fixed delay.
    pub delay: u64,
    /// Retries before giving up.
    pub retries: u32,
    /// Before a client that gave up comes back.
    pub again: u64,
    /// The application stops writing on the lock-lost notice.
    pub stop: bool,
    /// Pauses `(client, from, len)`.
    pub pauses: Vec<(usize, u64, u64)>,
    /// Network cuts `(client, from, len)`.
    pub cuts: Vec<(usize, u64, u64)>,
    /// Token counter at the start.
    pub counter: u64,
}

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// Attempt `0` (0 = first of a round): acquired with the token.
    Acquired(u32, u64),
    /// Attempt `0`: busy, held by `1` for `2` ms more.
    Busy(u32, usize, u64),
    /// Waits this many ms before the next attempt.
    Wait(u64),
    /// Out of retries: `BOOKING_IN_PROGRESS`; comes back later.
    GaveUp,
    /// A write; true when the writer no longer held the lock.
    Write(bool),
    /// The watchdog's extend: OK, or failed (and whether the failure was the network).
    Renew(bool, bool),
    /// The application heard "lock lost" and stops.
    Stopped,
    /// Release at the end of the job (true: it still held the lock).
    Release(bool),
    /// The release could not reach the service (network cut): the lease runs out by itself.
    Unreached,
    /// The lease ran out while the holder still believed in it.
    Lapsed,
    /// A process pause starts (ms).
    PauseStart(u64),
    /// The process wakes.
    PauseEnd,
    /// The network to the lock service is cut (ms).
    CutStart(u64),
    /// The network is back.
    CutEnd,
}

/// An event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Time, ms.
    pub t: u64,
    /// Client.
    pub client: usize,
    /// What.
    pub kind: Kind,
    /// The lock after it: holder, token, last ms it holds.
    pub lock: Option<(usize, u64, u64)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Attempt `0` of a round at `next`.
    Trying(u32),
    /// Holding token `0` with `1` writes left; renewal due at `2`; whether the watchdog runs.
    Holding(u64, u32, u64, bool),
    Done,
}

struct Sim<'a> {
    s: &'a Setup,
    m: Manager,
    phase: Vec<Phase>,
    next: Vec<u64>,
    rng: &'a mut LabRng,
    events: Vec<Event>,
    warned: Option<(usize, u64)>,
}

fn within(list: &[(usize, u64, u64)], c: usize, t: u64) -> Option<u64> {
    list.iter()
        .filter(|&&(x, at, len)| x == c && t >= at && t < at + len)
        .map(|&(_, at, len)| at + len)
        .max()
}

impl Sim<'_> {
    fn lock(&self, t: u64) -> Option<(usize, u64, u64)> {
        self.m.lock.as_ref().filter(|l| !l.is_expired(t)).map(|l| {
            (
                usize::from(l.owner.as_bytes().first().copied().unwrap_or(b'A') - b'A'),
                l.token,
                l.expires_at(),
            )
        })
    }

    fn push(&mut self, t: u64, client: usize, kind: Kind) {
        let lock = self.lock(t);
        self.events.push(Event {
            t,
            client,
            kind,
            lock,
        });
    }

    fn holds(&self, c: usize, t: u64) -> bool {
        self.lock(t).is_some_and(|(h, _, _)| h == c)
    }

    fn attempt(&mut self, c: usize, t: u64, k: u32) {
        match self.m.acquire(RESOURCE, &name(c), self.s.ttl, t) {
            Acquired::New(tok) | Acquired::Reentrant(tok) => {
                self.push(t, c, Kind::Acquired(k, tok));
                self.phase[c] = Phase::Holding(tok, self.s.writes, t + self.s.renew, true);
                self.next[c] = t + self.s.every;
            }
            Acquired::Busy { owner, remaining } => {
                let h = usize::from(owner.as_bytes().first().copied().unwrap_or(b'A') - b'A');
                self.push(t, c, Kind::Busy(k, h, remaining));
                if k >= self.s.retries {
                    self.push(t, c, Kind::GaveUp);
                    self.phase[c] = Phase::Trying(0);
                    self.next[c] = t + self.s.again;
                } else {
                    let d = if self.s.backoff {
                        backoff(k, self.rng.random_range(0..=100))
                    } else {
                        self.s.delay
                    };
                    self.push(t, c, Kind::Wait(d));
                    self.phase[c] = Phase::Trying(k + 1);
                    self.next[c] = t + d;
                }
            }
        }
    }

    fn finish(&mut self, c: usize, t: u64, tok: u64) {
        let held = self.holds(c, t);
        if within(&self.s.cuts, c, t).is_some() {
            self.push(t, c, Kind::Unreached);
        } else {
            self.m.release(&name(c), tok);
            self.push(t, c, Kind::Release(held));
        }
        self.phase[c] = Phase::Done;
    }

    /// The holder's next due time: the write or the renewal, whichever first.
    fn due(&self, c: usize) -> Option<u64> {
        match self.phase[c] {
            Phase::Holding(_, _, r, true) => Some(self.next[c].min(r)),
            Phase::Trying(_) | Phase::Holding(..) => Some(self.next[c]),
            Phase::Done => None,
        }
    }

    fn step(&mut self, c: usize, t: u64) {
        match self.phase[c] {
            Phase::Trying(k) => self.attempt(c, t, k),
            Phase::Holding(tok, left, r, dog) if self.next[c] <= t => {
                let stale = !self.holds(c, t);
                self.push(t, c, Kind::Write(stale));
                if left <= 1 {
                    self.finish(c, t, tok);
                } else {
                    self.phase[c] = Phase::Holding(tok, left - 1, r, dog);
                    self.next[c] = t + self.s.every;
                }
            }
            Phase::Holding(tok, left, _, _) => {
                let cut = within(&self.s.cuts, c, t).is_some();
                let ok = !cut && self.m.extend(&name(c), tok, self.s.ttl, t);
                self.push(t, c, Kind::Renew(ok, cut));
                if ok {
                    self.phase[c] = Phase::Holding(tok, left, t + self.s.renew, true);
                } else if self.s.stop {
                    self.push(t, c, Kind::Stopped);
                    self.finish(c, t, tok);
                } else {
                    self.phase[c] = Phase::Holding(tok, left, u64::MAX, false);
                }
            }
            Phase::Done => {}
        }
    }
}

/// Runs until every client is done, or the last ms `end`.
pub fn run(s: &Setup, rng: &mut LabRng, end: u64) -> Vec<Event> {
    let n = s.clients;
    let mut sim = Sim {
        s,
        m: Manager::new(s.counter),
        phase: vec![Phase::Trying(0); n],
        next: (0..n as u64).map(|i| i * 2_000).collect(),
        rng,
        events: Vec::new(),
        warned: None,
    };
    let mut fixed: Vec<(u64, usize, Kind)> = Vec::new();
    for &(c, at, len) in &s.pauses {
        fixed.push((at, c, Kind::PauseStart(len)));
        fixed.push((at + len, c, Kind::PauseEnd));
    }
    for &(c, at, len) in &s.cuts {
        fixed.push((at, c, Kind::CutStart(len)));
        fixed.push((at + len, c, Kind::CutEnd));
    }
    fixed.sort_by_key(|e| e.0);
    let mut fixed = fixed.into_iter().peekable();
    while sim.events.len() < MAX_EVENTS {
        let next = (0..n)
            .filter_map(|c| {
                let t = sim.due(c)?;
                Some((within(&s.pauses, c, t).unwrap_or(t), c))
            })
            .min();
        let lapse = sim.warned.map(|(c, at)| (at + 1, c));
        let f = fixed.peek().map(|e| e.0);
        let t_next = [next.map(|x| x.0), lapse.map(|x| x.0), f]
            .into_iter()
            .flatten()
            .min();
        let Some(t) = t_next.filter(|&t| t <= end) else {
            break;
        };
        if let Some((at, c)) = lapse.filter(|l| l.0 == t) {
            if matches!(sim.phase[c], Phase::Holding(..)) && sim.lock(at).is_none() {
                sim.push(at, c, Kind::Lapsed);
            }
            sim.warned = None;
        } else if f == Some(t) {
            if let Some((t, c, k)) = fixed.next() {
                if sim.phase[c] != Phase::Done {
                    sim.push(t, c, k);
                }
            }
        } else if let Some((t, c)) = next {
            sim.step(c, t);
        }
        sim.warned = sim.lock(t).map(|(c, _, at)| (c, at));
        if sim.phase.iter().all(|p| *p == Phase::Done) {
            break;
        }
    }
    sim.events
}

/// Counts over a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// Attempts made.
    pub attempts: u32,
    /// `BOOKING_IN_PROGRESS` answers.
    pub gave_up: u32,
    /// Renewals that succeeded.
    pub renewed: u32,
    /// Renewals that failed.
    pub failed: u32,
    /// Writes.
    pub writes: u32,
    /// Writes by a client that no longer held the lock.
    pub stale: u32,
}

/// Counts over `events`.
pub fn tally(events: &[Event]) -> Tally {
    let mut t = Tally::default();
    for e in events {
        match e.kind {
            Kind::Acquired(..) | Kind::Busy(..) => t.attempts += 1,
            Kind::GaveUp => t.gave_up += 1,
            Kind::Renew(true, _) => t.renewed += 1,
            Kind::Renew(false, _) => t.failed += 1,
            Kind::Write(stale) => {
                t.writes += 1;
                t.stale += u32::from(stale);
            }
            _ => {}
        }
    }
    t
}
