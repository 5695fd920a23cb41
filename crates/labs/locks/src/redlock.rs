//! Redlock over independent masters (M10.3, F0 Q14 l.1970–2004): each client sets
//! `SET lock id NX PX ttl` on every master in turn, counts the successes, and takes the lock
//! when at least `quorum` answered OK and `validity = ttl − elapsed − drift > 0`, with
//! `drift = ttl × 1% + 2 ms`; otherwise it deletes its own keys and retries after
//! `200 ms × 2^attempt + random(0–100 ms)` (M10.4). Time is in ms. Masters can be slowed
//! (network delay), crash (and restart empty: no persistence) or have their clock jump forward;
//! clients can be paused (GC).

use rand::RngExt;
use sdp_kit::rng::LabRng;
use serde::{Deserialize, Serialize};

/// `clock_drift = ttl × 1% + 2 ms` (F0 Q14 l.1970–2004).
pub fn drift(ttl: u64) -> u64 {
    ttl / 100 + 2
}

/// `validity = ttl − elapsed − drift`, negative when the acquisition took too long.
///
/// ```
/// assert_eq!(sdp_lab_locks::redlock::validity(30_000, 50), 29_648);
/// ```
pub fn validity(ttl: u64, elapsed: u64) -> i64 {
    ttl as i64 - elapsed as i64 - drift(ttl) as i64
}

/// The retry delay after a failed attempt `attempt` (0-based): `200 ms × 2^attempt + jitter`,
/// with `jitter` in 0–100 ms.
pub fn backoff(attempt: u32, jitter: u64) -> u64 {
    200u64.saturating_mul(1u64 << attempt.min(40)) + jitter.min(100)
}

/// Something that happens to a master or a client, at a time in ms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fault {
    /// Client `0` is frozen from `1` for `2` ms.
    Pause(usize, u64, u64),
    /// Requests to master `0` sent from `1` on take `2` ms more.
    Delay(usize, u64, u64),
    /// Master `0` is down from `1` for `2` ms and restarts with no keys.
    Crash(usize, u64, u64),
    /// Master `0`'s clock jumps `2` ms forward at `1`.
    Jump(usize, u64, u64),
}

/// What a Redlock race is set up with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setup {
    /// Masters.
    pub masters: usize,
    /// Successes needed.
    pub quorum: usize,
    /// Key TTL, ms.
    pub ttl: u64,
    /// Round trip to a master, ms.
    pub latency: u64,
    /// Each client's first attempt, ms.
    pub starts: Vec<u64>,
    /// Critical section: ms from acquiring to the write.
    pub work: u64,
    /// Attempts after the first before giving up.
    pub retries: u32,
    /// Faults.
    pub faults: Vec<Fault>,
}

/// A key on a master.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Key {
    /// The client whose id it holds.
    pub owner: usize,
    /// Real time it was set, ms.
    pub set_at: u64,
    /// Last instant it lives, on the master's own clock.
    pub until: u64,
}

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// The client starts attempt `0` (0-based).
    Start(u32),
    /// `SET NX PX` on master `0`: OK (true) or not; `1` says the master was down.
    Set(usize, bool, bool),
    /// Acquired: successes, elapsed ms, validity ms.
    Won(usize, u64, i64),
    /// Failed: successes, elapsed ms, validity ms; then the client deletes its own keys.
    Lost(usize, u64, i64),
    /// The client waits this many ms before the next attempt.
    Backoff(u64),
    /// The client gives up.
    GaveUp,
    /// The client writes to the resource: whether its validity had run out, and whether
    /// another client held a valid Redlock then.
    Write(bool, bool),
    /// The client releases: keys deleted.
    Release(usize),
    /// A GC pause begins (ms).
    PauseStart(u64),
    /// The client wakes.
    PauseEnd,
    /// Master `0` crashes.
    Crash(usize),
    /// Master `0` restarts, empty.
    Restart(usize),
    /// Master `0`'s clock jumps forward by `1` ms.
    Jump(usize, u64),
}

/// A master as seen at an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MasterView {
    /// Down now.
    pub down: bool,
    /// The live key's owner and its ms left on the master's clock.
    pub key: Option<(usize, u64)>,
    /// The master's clock offset, ms.
    pub offset: u64,
}

/// An event, with the masters just after it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Time, ms.
    pub t: u64,
    /// Client (or master, for master events).
    pub who: usize,
    /// What.
    pub kind: Kind,
    /// The masters after it.
    pub masters: Vec<MasterView>,
}

/// A valid Redlock: the client, from, and until (its validity end or its release).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hold {
    /// Client.
    pub client: usize,
    /// Acquired at, ms.
    pub from: u64,
    /// Validity end, ms (`start + ttl − drift`).
    pub valid_until: u64,
    /// Released at, ms (if before the end).
    pub released: Option<u64>,
}

impl Hold {
    /// The end of the valid stretch.
    pub fn end(&self) -> u64 {
        self.released
            .map_or(self.valid_until, |r| r.min(self.valid_until))
    }
}

/// A whole race.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    /// Every event in time order.
    pub events: Vec<Event>,
    /// Every valid Redlock taken.
    pub holds: Vec<Hold>,
}

impl Run {
    /// Pairs of holds by different clients whose valid stretches overlap, and the overlap's
    /// start.
    pub fn overlaps(&self) -> Vec<(Hold, Hold, u64)> {
        let mut out = Vec::new();
        for (i, a) in self.holds.iter().enumerate() {
            for b in &self.holds[i + 1..] {
                let from = a.from.max(b.from);
                if a.client != b.client && from < a.end().min(b.end()) {
                    out.push((*a, *b, from));
                }
            }
        }
        out
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Next attempt at the time.
    Idle(u32),
    /// The request to master `order[idx]` is on its way; the reply comes at `reply`.
    InFlight {
        attempt: u32,
        start: u64,
        idx: usize,
        ok: usize,
        reply: u64,
    },
    /// Master `order[idx]` answered; the client reads the reply.
    Asking {
        attempt: u32,
        start: u64,
        idx: usize,
        ok: usize,
    },
    /// Holding: writes at the time.
    Holding(usize),
    Done,
}

struct Sim<'a> {
    s: &'a Setup,
    keys: Vec<Option<Key>>,
    phase: Vec<Phase>,
    next: Vec<u64>,
    rng: &'a mut LabRng,
    events: Vec<Event>,
    holds: Vec<Hold>,
}

impl Sim<'_> {
    fn offset(&self, m: usize, t: u64) -> u64 {
        self.s
            .faults
            .iter()
            .filter_map(|f| match *f {
                Fault::Jump(x, at, by) if x == m && at <= t => Some(by),
                _ => None,
            })
            .sum()
    }

    fn down(&self, m: usize, t: u64) -> bool {
        self.s
            .faults
            .iter()
            .any(|f| matches!(*f, Fault::Crash(x, at, len) if x == m && t >= at && t < at + len))
    }

    fn restarted_since(&self, m: usize, since: u64, t: u64) -> bool {
        self.s
            .faults
            .iter()
            .any(|f| matches!(*f, Fault::Crash(x, at, _) if x == m && at >= since && at <= t))
    }

    fn live(&self, m: usize, t: u64) -> Option<Key> {
        let k = self.keys[m]?;
        let clock = t + self.offset(m, t);
        (clock <= k.until && !self.restarted_since(m, k.set_at, t)).then_some(k)
    }

    fn view(&self, t: u64) -> Vec<MasterView> {
        (0..self.s.masters)
            .map(|m| {
                let offset = self.offset(m, t);
                MasterView {
                    down: self.down(m, t),
                    key: self
                        .live(m, t)
                        .filter(|_| !self.down(m, t))
                        .map(|k| (k.owner, k.until.saturating_sub(t + offset))),
                    offset,
                }
            })
            .collect()
    }

    fn push(&mut self, t: u64, who: usize, kind: Kind) {
        let masters = self.view(t);
        self.events.push(Event {
            t,
            who,
            kind,
            masters,
        });
    }

    fn order(&self, c: usize, idx: usize) -> usize {
        let n = self.s.masters;
        let first = c * n / self.s.starts.len().max(1);
        (first + idx) % n
    }

    fn extra(&self, m: usize, t: u64) -> u64 {
        self.s
            .faults
            .iter()
            .filter_map(|f| match *f {
                Fault::Delay(x, at, by) if x == m && at <= t => Some(by),
                _ => None,
            })
            .sum()
    }

    /// The pause holding client `c` at `t`, if any: its end.
    fn paused_until(&self, c: usize, t: u64) -> Option<u64> {
        self.s
            .faults
            .iter()
            .filter_map(|f| match *f {
                Fault::Pause(x, at, len) if x == c && t >= at && t < at + len => Some(at + len),
                _ => None,
            })
            .max()
    }

    fn delete_own(&mut self, c: usize, t: u64) -> usize {
        let mut n = 0;
        for m in 0..self.s.masters {
            if !self.down(m, t) && self.live(m, t).is_some_and(|k| k.owner == c) {
                self.keys[m] = None;
                n += 1;
            }
        }
        n
    }

    fn send(&mut self, c: usize, t: u64, attempt: u32, start: u64, idx: usize, ok: usize) {
        let m = self.order(c, idx);
        let rt = self.s.latency + self.extra(m, t);
        self.phase[c] = Phase::InFlight {
            attempt,
            start,
            idx,
            ok,
            reply: t + rt,
        };
        self.next[c] = t + rt / 2;
    }

    fn arrive(&mut self, c: usize, at: u64, attempt: u32, start: u64, idx: usize, ok: usize) {
        let m = self.order(c, idx);
        let down = self.down(m, at);
        let got = !down && self.live(m, at).is_none();
        if got {
            self.keys[m] = Some(Key {
                owner: c,
                set_at: at,
                until: at + self.offset(m, at) + self.s.ttl,
            });
        }
        self.push(at, c, Kind::Set(m, got, down));
        self.phase[c] = Phase::Asking {
            attempt,
            start,
            idx,
            ok: ok + usize::from(got),
        };
    }

    fn step(&mut self, c: usize, t: u64) {
        match self.phase[c] {
            Phase::Idle(attempt) => {
                self.push(t, c, Kind::Start(attempt));
                self.send(c, t, attempt, t, 0, 0);
            }
            Phase::InFlight {
                attempt,
                start,
                idx,
                ok,
                reply,
            } => {
                self.arrive(c, t, attempt, start, idx, ok);
                self.next[c] = reply;
            }
            Phase::Asking {
                attempt,
                start,
                idx,
                ok,
            } if idx + 1 < self.s.masters => self.send(c, t, attempt, start, idx + 1, ok),
            Phase::Asking {
                attempt, start, ok, ..
            } => {
                let elapsed = t - start;
                let v = validity(self.s.ttl, elapsed);
                if ok >= self.s.quorum && v > 0 {
                    self.push(t, c, Kind::Won(ok, elapsed, v));
                    self.holds.push(Hold {
                        client: c,
                        from: t,
                        valid_until: t + v as u64,
                        released: None,
                    });
                    self.phase[c] = Phase::Holding(self.holds.len() - 1);
                    self.next[c] = t + self.s.work;
                } else {
                    self.delete_own(c, t);
                    self.push(t, c, Kind::Lost(ok, elapsed, v));
                    if attempt >= self.s.retries {
                        self.push(t, c, Kind::GaveUp);
                        self.phase[c] = Phase::Done;
                    } else {
                        let d = backoff(attempt, self.rng.random_range(0..=100));
                        self.push(t, c, Kind::Backoff(d));
                        self.phase[c] = Phase::Idle(attempt + 1);
                        self.next[c] = t + d;
                    }
                }
            }
            Phase::Holding(h) => {
                let mine = self.holds[h];
                let late = t >= mine.valid_until;
                let other = self
                    .holds
                    .iter()
                    .any(|o| o.client != c && o.from <= t && t < o.end());
                self.push(t, c, Kind::Write(late, other));
                let n = self.delete_own(c, t);
                self.holds[h].released = Some(t);
                self.push(t, c, Kind::Release(n));
                self.phase[c] = Phase::Done;
            }
            Phase::Done => {}
        }
    }
}

/// Master events (crash, restart, jump) and pause starts, in time order.
fn scheduled(s: &Setup) -> Vec<(u64, usize, Kind)> {
    let mut out = Vec::new();
    for f in &s.faults {
        match *f {
            Fault::Crash(m, at, len) => {
                out.push((at, m, Kind::Crash(m)));
                out.push((at + len, m, Kind::Restart(m)));
            }
            Fault::Jump(m, at, by) => out.push((at, m, Kind::Jump(m, by))),
            Fault::Pause(c, at, len) => {
                out.push((at, c, Kind::PauseStart(len)));
                out.push((at + len, c, Kind::PauseEnd));
            }
            Fault::Delay(..) => {}
        }
    }
    out.sort_by_key(|e| e.0);
    out
}

/// Runs the race until every client is done (or `limit` events).
pub fn run(s: &Setup, rng: &mut LabRng, limit: usize) -> Run {
    let n = s.starts.len();
    let mut sim = Sim {
        s,
        keys: vec![None; s.masters],
        phase: vec![Phase::Idle(0); n],
        next: s.starts.clone(),
        rng,
        events: Vec::new(),
        holds: Vec::new(),
    };
    let mut fixed = scheduled(s).into_iter().peekable();
    while sim.events.len() < limit {
        let client = (0..n)
            .filter(|&c| sim.phase[c] != Phase::Done)
            .map(|c| {
                let t = sim.next[c];
                if matches!(sim.phase[c], Phase::InFlight { .. }) {
                    (t, c)
                } else {
                    (sim.paused_until(c, t).unwrap_or(t), c)
                }
            })
            .min();
        let due_fixed = fixed.peek().map(|e| e.0);
        if due_fixed.is_some_and(|ft| client.is_none_or(|(t, _)| ft <= t)) {
            if let Some((t, who, kind)) = fixed.next() {
                let relevant = match kind {
                    Kind::PauseStart(_) | Kind::PauseEnd => sim.phase[who] != Phase::Done,
                    _ => client.is_some(),
                };
                if relevant {
                    sim.push(t, who, kind);
                }
            }
        } else if let Some((t, c)) = client {
            sim.next[c] = t;
            sim.step(c, t);
        } else {
            break;
        }
    }
    Run {
        events: sim.events,
        holds: sim.holds,
    }
}
