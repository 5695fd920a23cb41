//! Clients racing for one resource on a shared timeline of 1 s ticks: each client acquires
//! (retrying every `retry` s), writes `writes` times once a second, then releases. A GC pause
//! freezes a client; when it wakes it carries on as if it still held the lock.

use crate::lock::{Acquired, Fenced, Manager, RedisKey, Released};
use serde::{Deserialize, Serialize};

/// The resource every client wants.
pub const RESOURCE: &str = "resource-123";

/// Which lock service the clients use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Backend {
    /// The single-node manager with tokens (M10.2).
    Manager,
    /// A Redis key, released by the owner-checked Lua script (M10.8).
    RedisChecked,
    /// A Redis key, released by a bare `DEL`.
    RedisUnsafe,
}

/// A GC pause: client `client` is frozen for `len` s from tick `at`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    /// Client index (0 = A).
    pub client: usize,
    /// First frozen tick, s.
    pub at: u64,
    /// Seconds frozen.
    pub len: u64,
}

/// What the race is set up with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setup {
    /// Each client's first attempt, s.
    pub starts: Vec<u64>,
    /// Writes per client while it believes it holds the lock.
    pub writes: u32,
    /// Lock TTL, s.
    pub ttl: u64,
    /// Seconds between attempts.
    pub retry: u64,
    /// The token counter at the start (manager).
    pub counter: u64,
    /// The lock service.
    pub backend: Backend,
    /// GC pauses.
    pub pauses: Vec<Pause>,
    /// Last tick simulated, s.
    pub horizon: u64,
}

/// Something that happened at a tick.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// Acquired, with the token (0 under Redis).
    Acquired(u64),
    /// Busy: the holder and the remaining ms.
    Busy(usize, u64),
    /// A write with the client's token: the fenced storage's answer, and whether the writer
    /// held the lock (stale: a newer token was issued, or under Redis another owns the key).
    Write {
        /// The token sent.
        token: u64,
        /// The fenced storage accepted it.
        fenced: bool,
        /// The writer no longer held the lock.
        stale: bool,
    },
    /// Released: the manager's answer, or under Redis whose lock was deleted.
    Release(Released, Option<usize>),
    /// The lock's TTL ran out while its holder still believed in it.
    Expired,
    /// A GC pause starts.
    PauseStart(u64),
    /// The client wakes up.
    PauseEnd,
}

/// An event: tick, client, what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Tick, s.
    pub t: u64,
    /// Client index.
    pub client: usize,
    /// What happened.
    pub kind: Kind,
}

/// Where a client is in its program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// Waiting for its start or retrying.
    Trying,
    /// Believes it holds the lock: its token and writes left.
    Holding(u64, u32),
    /// Released.
    Done,
}

/// The lock service's state after a tick, for drawing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Tick, s.
    pub t: u64,
    /// The owner of the live lock, its token and the last ms it holds.
    pub lock: Option<(usize, u64, u64)>,
    /// The manager's token counter.
    pub counter: u64,
    /// The fenced storage's `last_seen_token`.
    pub last_seen: u64,
    /// Who wrote last in the fenced storage, and in the unfenced one.
    pub value: (Option<usize>, Option<usize>),
    /// Each client's phase.
    pub phases: Vec<Phase>,
    /// Events of this tick (a range in [`Run::events`]).
    pub events: (usize, usize),
}

/// A whole race.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    /// Every event, in order.
    pub events: Vec<Event>,
    /// A snapshot per tick that had events.
    pub ticks: Vec<Snapshot>,
    /// The last tick simulated.
    pub end: u64,
}

/// A client's letter: A, B, C, …
pub fn name(i: usize) -> String {
    char::from(b'A' + (i % 26) as u8).to_string()
}

fn index(owner: &str) -> usize {
    owner
        .bytes()
        .next()
        .map_or(0, |b| usize::from(b.saturating_sub(b'A')))
}

struct Race<'a> {
    s: &'a Setup,
    manager: Manager,
    redis: RedisKey,
    fenced: Fenced,
    value: (Option<usize>, Option<usize>),
    phases: Vec<Phase>,
    next_try: Vec<u64>,
    events: Vec<Event>,
    warned: Option<(usize, u64)>,
}

impl Race<'_> {
    fn paused(&self, c: usize, t: u64) -> bool {
        self.s
            .pauses
            .iter()
            .any(|p| p.client == c && t >= p.at && t < p.at + p.len)
    }

    fn push(&mut self, t: u64, client: usize, kind: Kind) {
        self.events.push(Event { t, client, kind });
    }

    fn live(&mut self, now: u64) -> Option<(usize, u64, u64)> {
        match self.s.backend {
            Backend::Manager => self
                .manager
                .lock
                .as_ref()
                .filter(|l| !l.is_expired(now))
                .map(|l| (index(&l.owner), l.token, l.expires_at())),
            Backend::RedisChecked | Backend::RedisUnsafe => {
                self.redis.get(now);
                self.redis.entry.as_ref().map(|(v, at)| (index(v), 0, *at))
            }
        }
    }

    fn acquire(&mut self, c: usize, t: u64) {
        let now = t * 1000;
        let ttl = self.s.ttl * 1000;
        let me = name(c);
        let got = match self.s.backend {
            Backend::Manager => match self.manager.acquire(RESOURCE, &me, ttl, now) {
                Acquired::New(tok) | Acquired::Reentrant(tok) => Ok(tok),
                Acquired::Busy { owner, remaining } => Err((index(&owner), remaining)),
            },
            Backend::RedisChecked | Backend::RedisUnsafe => {
                if self.redis.set_nx_ex(&me, ttl, now) {
                    Ok(0)
                } else {
                    let (v, at) = self.redis.entry.clone().unwrap_or_default();
                    Err((index(&v), at.saturating_sub(now)))
                }
            }
        };
        match got {
            Ok(tok) => {
                self.phases[c] = Phase::Holding(tok, self.s.writes);
                self.push(t, c, Kind::Acquired(tok));
            }
            Err((holder, rem)) => {
                self.next_try[c] = t + self.s.retry;
                self.push(t, c, Kind::Busy(holder, rem));
            }
        }
    }

    fn write(&mut self, c: usize, t: u64, token: u64, left: u32) {
        let now = t * 1000;
        let stale = match self.s.backend {
            Backend::Manager => token < self.manager.counter,
            Backend::RedisChecked | Backend::RedisUnsafe => {
                self.redis.get(now).map(index) != Some(c)
            }
        };
        let fenced = self.fenced.write(token);
        if fenced {
            self.value.0 = Some(c);
        }
        self.value.1 = Some(c);
        self.phases[c] = Phase::Holding(token, left - 1);
        self.push(
            t,
            c,
            Kind::Write {
                token,
                fenced,
                stale,
            },
        );
    }

    fn release(&mut self, c: usize, t: u64, token: u64) {
        let now = t * 1000;
        let me = name(c);
        let (answer, deleted) = match self.s.backend {
            Backend::Manager => (self.manager.release(&me, token), None),
            Backend::RedisChecked => {
                if self.redis.del_if_owner(&me, now) {
                    (Released::Deleted, Some(c))
                } else {
                    (Released::NotOwner, None)
                }
            }
            Backend::RedisUnsafe => match self.redis.del(now) {
                Some(v) => (Released::Deleted, Some(index(&v))),
                None => (Released::NoLock, None),
            },
        };
        self.phases[c] = Phase::Done;
        self.push(t, c, Kind::Release(answer, deleted));
    }

    fn tick(&mut self, t: u64) {
        if let Some((c, _)) = self.warned.filter(|(_, at)| t * 1000 > *at) {
            if matches!(self.phases[c], Phase::Holding(..)) {
                self.push(t, c, Kind::Expired);
            }
            self.warned = None;
        }
        for c in 0..self.phases.len() {
            if let Some(p) = self.s.pauses.iter().find(|p| p.client == c && p.at == t) {
                if !matches!(self.phases[c], Phase::Done) && p.len > 0 {
                    self.push(t, c, Kind::PauseStart(p.len));
                }
            }
            if self.paused(c, t) {
                continue;
            }
            if t > 0 && self.paused(c, t - 1) && !matches!(self.phases[c], Phase::Done) {
                self.push(t, c, Kind::PauseEnd);
            }
            match self.phases[c] {
                Phase::Trying if t >= self.next_try[c] => self.acquire(c, t),
                Phase::Holding(tok, 0) => self.release(c, t, tok),
                Phase::Holding(tok, left) => self.write(c, t, tok, left),
                _ => {}
            }
        }
        let live = self.live(t * 1000);
        self.warned = live.map(|(c, _, at)| (c, at));
    }
}

/// Runs the race to the horizon or until every client is done.
pub fn run(s: &Setup) -> Run {
    let n = s.starts.len();
    let mut r = Race {
        s,
        manager: Manager::new(s.counter),
        redis: RedisKey::default(),
        fenced: Fenced::default(),
        value: (None, None),
        phases: vec![Phase::Trying; n],
        next_try: s.starts.clone(),
        events: Vec::new(),
        warned: None,
    };
    let mut ticks = Vec::new();
    let mut end = 0;
    for t in 0..=s.horizon {
        let from = r.events.len();
        r.tick(t);
        end = t;
        if r.events.len() > from {
            let lock = r.live(t * 1000);
            ticks.push(Snapshot {
                t,
                lock,
                counter: r.manager.counter,
                last_seen: r.fenced.last_seen,
                value: r.value,
                phases: r.phases.clone(),
                events: (from, r.events.len()),
            });
        }
        if r.phases.iter().all(|p| *p == Phase::Done) {
            break;
        }
    }
    Run {
        events: r.events,
        ticks,
        end,
    }
}

/// Tallies over a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// Writes made.
    pub writes: u32,
    /// Writes by a client that no longer held the lock.
    pub stale: u32,
    /// Stale writes the fenced storage accepted.
    pub stale_accepted: u32,
    /// Writes the fenced storage rejected.
    pub rejected: u32,
    /// Releases that deleted another client's lock.
    pub foreign_releases: u32,
}

/// Counts over `events`.
pub fn tally(events: &[Event]) -> Tally {
    let mut t = Tally::default();
    for e in events {
        match e.kind {
            Kind::Write { fenced, stale, .. } => {
                t.writes += 1;
                t.stale += u32::from(stale);
                t.stale_accepted += u32::from(stale && fenced);
                t.rejected += u32::from(!fenced);
            }
            Kind::Release(_, Some(owner)) if owner != e.client => t.foreign_releases += 1,
            _ => {}
        }
    }
    t
}

/// A stretch of time the lock service gave the lock to one client.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Held {
    /// The owner.
    pub client: usize,
    /// First second held.
    pub from: u64,
    /// Second it ended (released, deleted, taken over or expired).
    pub to: u64,
    /// Its token (0 under Redis).
    pub token: u64,
}

/// Who the service gave the lock to, and when, from the events of a race with TTL `ttl` s.
/// A lease ends at its release, at the next acquire, or `ttl` s after it began.
pub fn held(events: &[Event], ttl: u64, end: u64) -> Vec<Held> {
    let mut out: Vec<Held> = Vec::new();
    let close = |out: &mut Vec<Held>, t: u64| {
        if let Some(h) = out.last_mut().filter(|h| h.to > t) {
            h.to = t;
        }
    };
    for e in events {
        match e.kind {
            Kind::Acquired(token) => {
                close(&mut out, e.t);
                out.push(Held {
                    client: e.client,
                    from: e.t,
                    to: (e.t + ttl).min(end),
                    token,
                });
            }
            Kind::Release(Released::Deleted, _) => close(&mut out, e.t),
            _ => {}
        }
    }
    out
}

/// Each client's GC pauses clipped to `end`, as `(client, from, to)`.
pub fn pauses(s: &Setup, end: u64) -> Vec<(usize, u64, u64)> {
    s.pauses
        .iter()
        .filter(|p| p.client < s.starts.len() && p.at <= end)
        .map(|p| (p.client, p.at, (p.at + p.len).min(end + 1)))
        .collect()
}
