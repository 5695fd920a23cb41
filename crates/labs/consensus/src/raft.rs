//! A Raft cluster in a discrete-event simulator with integer milliseconds: randomised (seeded)
//! election timers, `RequestVote` with the up-to-date check, `AppendEntries` with the log-matching
//! check and nextIndex back-off, commit on a majority of the current term only, and faults
//! (crash, restart, partition, heal) and client requests at given times (M9.7, M9.8, M10.6).

use rand::RngExt;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A server's role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    /// Follows a leader and waits for its heartbeats.
    Follower,
    /// Asks for votes in its term.
    Candidate,
    /// Replicates its log.
    Leader,
}

/// A log entry: the term it was created in and its command (M10.6: ACQUIRE lock-1 for a
/// session).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The leader's term when the entry was created.
    pub term: u64,
    /// Session 0 = a, 1 = b, … asking for the lock.
    pub session: u8,
}

/// Whom a fault applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    /// Server `i` (0 = S1).
    Server(usize),
    /// Whoever is the leader of the highest term at that moment.
    Leader,
}

/// Something that happens to the cluster at a time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fault {
    /// The server stops; its term, vote and log survive on disk.
    Crash(Target),
    /// The server (`None`: every crashed server) starts again as a follower with commitIndex 0.
    Restart(Option<usize>),
    /// These servers are cut off from the others (a bitmask of servers, or the leader).
    Partition(Vec<Target>),
    /// Every server reaches every other again.
    Heal,
    /// A client of session `0` (= a) asks the leader to ACQUIRE lock-1.
    Request(u8),
}

/// What the cluster is set up with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Config {
    /// Servers (3–7).
    pub servers: usize,
    /// Leader heartbeat interval, ms.
    pub heartbeat: u64,
    /// Election timeout range, ms (drawn uniformly, seeded).
    pub elect: (u64, u64),
    /// One-way message latency range, ms (drawn per message, seeded).
    pub latency: (u64, u64),
    /// Last millisecond simulated.
    pub horizon: u64,
    /// Seed of the timers and latencies.
    pub seed: u64,
    /// Faults and requests, sorted by time.
    pub faults: Vec<(u64, Fault)>,
}

/// The RPCs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Msg {
    /// RequestVote(lastLogIndex, lastLogTerm).
    Vote {
        /// Candidate's log length.
        last_idx: usize,
        /// Term of its last entry (0 for an empty log).
        last_term: u64,
    },
    /// The vote answer.
    VoteReply {
        /// True when the vote was granted.
        granted: bool,
    },
    /// AppendEntries(prevLogIndex, prevLogTerm, entries, leaderCommit); no entries = heartbeat.
    Append {
        /// Entries before the sent ones.
        prev_idx: usize,
        /// Term of entry `prev_idx` (0 when none).
        prev_term: u64,
        /// The entries.
        entries: Vec<Entry>,
        /// The leader's commit index.
        commit: usize,
    },
    /// The append answer.
    AppendReply {
        /// False when the log-matching check failed.
        ok: bool,
        /// The follower's log matches the leader's up to here.
        matched: usize,
    },
}

/// A message on the wire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Packet {
    /// Sender.
    pub from: usize,
    /// Receiver.
    pub to: usize,
    /// The sender's term.
    pub term: u64,
    /// The RPC.
    pub msg: Msg,
    /// Sent at, ms.
    pub sent: u64,
    /// Arrives at, ms.
    pub arrives: u64,
}

/// One server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Server {
    /// Current term.
    pub term: u64,
    /// Role.
    pub role: Role,
    /// Whom it voted for in this term.
    pub voted: Option<usize>,
    /// Its log (shared between snapshots until it changes).
    pub log: Arc<Vec<Entry>>,
    /// Entries known committed.
    pub commit: usize,
    /// False while crashed.
    pub alive: bool,
    /// Partition side (0 = the main side).
    pub group: u8,
    /// When its election timer fires, ms.
    pub deadline: u64,
    /// The timeout it drew, ms (for the timer's drawing).
    pub timeout: u64,
    /// Votes received (bit i = from server i).
    pub votes: u32,
    /// Leader: next entry index to send to each server (log length semantics).
    pub next: Vec<usize>,
    /// Leader: how much of each server's log matches its own.
    pub matched: Vec<usize>,
    /// Leader: next heartbeat, ms.
    pub beat: u64,
}

impl Server {
    fn last_term(&self) -> u64 {
        self.log.last().map_or(0, |e| e.term)
    }
}

/// What happened, for the narration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    /// A fault applied (`Fault`, and the server it hit when resolved).
    Fault(Fault, Option<usize>),
    /// A request reached no leader.
    NoLeader,
    /// The leader appended the entry at this index.
    Appended(usize, usize),
    /// Election timer fired: server starts an election for the term.
    Timeout(usize, u64),
    /// Server became leader of the term.
    Elected(usize, u64),
    /// Server stepped down on seeing a higher term.
    SteppedDown(usize, u64),
    /// Server granted (true) or refused its vote to a candidate.
    Voted(usize, usize, bool),
    /// Follower refused an append: log mismatch at prev index.
    Mismatch(usize, usize),
    /// Follower truncated its log to this length (a conflicting suffix removed).
    Truncated(usize, usize),
    /// Leader backed nextIndex off for a follower to this value.
    BackOff(usize, usize, usize),
    /// Server advanced its commit index to this many entries.
    Committed(usize, usize),
    /// A message was lost (partition or crashed receiver).
    Dropped(usize, usize),
    /// The leader sent its heartbeats (`AppendEntries` to every follower).
    Heartbeat(usize),
    /// A message arrived: from, to, what.
    Got(usize, usize, Rpc),
}

/// A message's kind, for the narration and the drawing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rpc {
    /// `RequestVote`.
    Vote,
    /// A vote answer (granted?).
    VoteReply(bool),
    /// `AppendEntries` carrying this many entries (0 = heartbeat).
    Append(usize),
    /// An append answer (ok?).
    AppendReply(bool),
}

impl Msg {
    /// The message's kind.
    pub fn rpc(&self) -> Rpc {
        match self {
            Msg::Vote { .. } => Rpc::Vote,
            Msg::VoteReply { granted } => Rpc::VoteReply(*granted),
            Msg::Append { entries, .. } => Rpc::Append(entries.len()),
            Msg::AppendReply { ok, .. } => Rpc::AppendReply(*ok),
        }
    }
}

/// The cluster at one instant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snap {
    /// The instant, ms.
    pub t: u64,
    /// Every server.
    pub servers: Vec<Server>,
    /// Messages in flight after this instant.
    pub wire: Vec<Packet>,
    /// What happened at this instant.
    pub events: Vec<Event>,
}

/// The whole run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    /// The cluster at the start.
    pub start: Snap,
    /// One snapshot per instant where something happened.
    pub snaps: Vec<Snap>,
}

/// Server name: S1, S2, …
pub fn name(i: usize) -> String {
    format!("S{}", i + 1)
}

/// Session name: a, b, …
pub fn session(s: u8) -> char {
    char::from(b'a' + s % 26)
}

/// Who holds lock-1: `(session, token)`.
pub type Holder = (u8, u64);

/// The lock table a committed prefix gives (M10.6 apply): `(holder, token)` of lock-1 and the
/// answer to each entry (`Ok(token)` granted or extended, `Err(holder)` refused).
pub fn apply(log: &[Entry]) -> (Option<Holder>, Vec<Result<u64, u8>>) {
    let mut held: Option<(u8, u64)> = None;
    let mut counter = 0;
    let mut out = Vec::with_capacity(log.len());
    for e in log {
        match held {
            Some((h, tok)) if h == e.session => out.push(Ok(tok)),
            Some((h, _)) => out.push(Err(h)),
            None => {
                counter += 1;
                held = Some((e.session, counter));
                out.push(Ok(counter));
            }
        }
    }
    (held, out)
}

struct Sim {
    cfg: Config,
    rng: sdp_kit::rng::LabRng,
    now: u64,
    s: Vec<Server>,
    wire: Vec<Packet>,
    ev: Vec<Event>,
}

impl Sim {
    fn majority(&self) -> usize {
        self.cfg.servers / 2 + 1
    }

    fn draw_timeout(&mut self, i: usize) {
        let (lo, hi) = self.cfg.elect;
        let t = self.rng.random_range(lo..=hi);
        self.s[i].timeout = t;
        self.s[i].deadline = self.now + t;
    }

    fn send(&mut self, from: usize, to: usize, msg: Msg) {
        let (lo, hi) = self.cfg.latency;
        let lat = self.rng.random_range(lo..=hi).max(1);
        self.wire.push(Packet {
            from,
            to,
            term: self.s[from].term,
            msg,
            sent: self.now,
            arrives: self.now + lat,
        });
    }

    fn append_to(&mut self, l: usize, to: usize) {
        let srv = &self.s[l];
        let next = srv.next[to].min(srv.log.len());
        let prev_term = if next == 0 { 0 } else { srv.log[next - 1].term };
        let msg = Msg::Append {
            prev_idx: next,
            prev_term,
            entries: srv.log[next..].to_vec(),
            commit: srv.commit,
        };
        self.send(l, to, msg);
    }

    fn broadcast(&mut self, l: usize) {
        for j in 0..self.cfg.servers {
            if j != l {
                self.append_to(l, j);
            }
        }
        self.s[l].beat = self.now + self.cfg.heartbeat;
    }

    fn leader(&self) -> Option<usize> {
        (0..self.cfg.servers)
            .filter(|&i| self.s[i].alive && self.s[i].role == Role::Leader)
            .max_by_key(|&i| (self.s[i].term, usize::MAX - i))
    }

    fn resolve(&self, t: Target) -> Option<usize> {
        match t {
            Target::Server(i) => (i < self.cfg.servers).then_some(i),
            Target::Leader => self.leader(),
        }
    }

    fn fault(&mut self, f: &Fault) {
        match f {
            Fault::Crash(t) => {
                let who = self.resolve(*t);
                if let Some(i) = who {
                    let s = &mut self.s[i];
                    s.alive = false;
                    s.role = Role::Follower;
                    s.votes = 0;
                }
                self.ev.push(Event::Fault(f.clone(), who));
            }
            Fault::Restart(t) => {
                let mut first = None;
                for i in 0..self.cfg.servers {
                    if !self.s[i].alive && t.is_none_or(|t| t == i) {
                        first.get_or_insert(i);
                        self.s[i].alive = true;
                        self.s[i].commit = 0;
                        self.draw_timeout(i);
                    }
                }
                self.ev.push(Event::Fault(f.clone(), first));
            }
            Fault::Partition(ts) => {
                let mut first = None;
                for t in ts {
                    if let Some(i) = self.resolve(*t) {
                        first.get_or_insert(i);
                        self.s[i].group = 1;
                    }
                }
                self.ev.push(Event::Fault(f.clone(), first));
            }
            Fault::Heal => {
                for s in &mut self.s {
                    s.group = 0;
                }
                self.ev.push(Event::Fault(f.clone(), None));
            }
            Fault::Request(sess) => {
                if let Some(l) = self.leader() {
                    let term = self.s[l].term;
                    let log = Arc::make_mut(&mut self.s[l].log);
                    log.push(Entry {
                        term,
                        session: *sess,
                    });
                    let len = log.len();
                    self.s[l].matched[l] = len;
                    self.ev.push(Event::Fault(f.clone(), Some(l)));
                    self.ev.push(Event::Appended(l, len));
                    self.broadcast(l);
                } else {
                    self.ev.push(Event::Fault(f.clone(), None));
                    self.ev.push(Event::NoLeader);
                }
            }
        }
    }

    fn become_follower(&mut self, i: usize, term: u64) {
        let was = self.s[i].role;
        let s = &mut self.s[i];
        s.term = term;
        s.voted = None;
        s.role = Role::Follower;
        s.votes = 0;
        if was == Role::Leader {
            self.ev.push(Event::SteppedDown(i, term));
            self.draw_timeout(i);
        }
    }

    fn deliver(&mut self, p: Packet) {
        let to = p.to;
        if !self.s[to].alive || self.s[to].group != self.s[p.from].group {
            self.ev.push(Event::Dropped(p.from, to));
            return;
        }
        self.ev.push(Event::Got(p.from, to, p.msg.rpc()));
        if p.term > self.s[to].term {
            self.become_follower(to, p.term);
        }
        let term = self.s[to].term;
        match p.msg {
            Msg::Vote {
                last_idx,
                last_term,
            } => {
                let me = &self.s[to];
                let fresh = last_term > me.last_term()
                    || (last_term == me.last_term() && last_idx >= me.log.len());
                let grant = p.term == term && me.voted.is_none_or(|v| v == p.from) && fresh;
                if grant {
                    self.s[to].voted = Some(p.from);
                    self.draw_timeout(to);
                }
                self.ev.push(Event::Voted(to, p.from, grant));
                self.send(to, p.from, Msg::VoteReply { granted: grant });
            }
            Msg::VoteReply { granted } => {
                let maj = self.majority();
                let s = &mut self.s[to];
                if s.role == Role::Candidate && p.term == s.term && granted {
                    s.votes |= 1 << p.from;
                    if s.votes.count_ones() as usize >= maj {
                        s.role = Role::Leader;
                        let len = s.log.len();
                        s.next = vec![len; self.cfg.servers];
                        s.matched = vec![0; self.cfg.servers];
                        s.matched[to] = len;
                        self.ev.push(Event::Elected(to, term));
                        self.broadcast(to);
                    }
                }
            }
            Msg::Append {
                prev_idx,
                prev_term,
                entries,
                commit,
            } => {
                if p.term < term {
                    self.send(
                        to,
                        p.from,
                        Msg::AppendReply {
                            ok: false,
                            matched: 0,
                        },
                    );
                    return;
                }
                if self.s[to].role == Role::Candidate {
                    self.s[to].role = Role::Follower;
                    self.s[to].votes = 0;
                }
                self.draw_timeout(to);
                let len = self.s[to].log.len();
                let ok = prev_idx <= len
                    && (prev_idx == 0 || self.s[to].log[prev_idx - 1].term == prev_term);
                if !ok {
                    self.ev.push(Event::Mismatch(to, prev_idx));
                    self.send(to, p.from, Msg::AppendReply { ok, matched: 0 });
                    return;
                }
                let mut cut = None;
                let log = Arc::make_mut(&mut self.s[to].log);
                for (k, e) in entries.iter().enumerate() {
                    let idx = prev_idx + k;
                    if idx < log.len() && log[idx].term != e.term {
                        log.truncate(idx);
                        cut = Some(idx);
                    }
                    if idx >= log.len() {
                        log.push(*e);
                    }
                }
                if let Some(c) = cut {
                    self.ev.push(Event::Truncated(to, c));
                }
                let matched = prev_idx + entries.len();
                let s = &mut self.s[to];
                let c = commit.min(matched);
                if c > s.commit {
                    s.commit = c;
                    self.ev.push(Event::Committed(to, c));
                }
                self.send(to, p.from, Msg::AppendReply { ok, matched });
            }
            Msg::AppendReply { ok, matched } => {
                let maj = self.majority();
                let s = &mut self.s[to];
                if s.role != Role::Leader || p.term != s.term {
                    return;
                }
                let f = p.from;
                if ok {
                    s.matched[f] = s.matched[f].max(matched);
                    s.next[f] = s.next[f].max(matched);
                    // Commit: the highest index of the CURRENT term stored on a majority.
                    let mut k = s.log.len();
                    while k > s.commit {
                        if s.log[k - 1].term == s.term
                            && s.matched.iter().filter(|&&m| m >= k).count() >= maj
                        {
                            s.commit = k;
                            self.ev.push(Event::Committed(to, k));
                            break;
                        }
                        k -= 1;
                    }
                } else if s.next[f] > 0 {
                    s.next[f] -= 1;
                    let n = s.next[f];
                    self.ev.push(Event::BackOff(to, f, n));
                    self.append_to(to, f);
                }
            }
        }
    }

    fn timers(&mut self) {
        for i in 0..self.cfg.servers {
            let s = &self.s[i];
            if !s.alive {
                continue;
            }
            if s.role == Role::Leader {
                if s.beat <= self.now {
                    self.ev.push(Event::Heartbeat(i));
                    self.broadcast(i);
                }
            } else if s.deadline <= self.now {
                let s = &mut self.s[i];
                s.term += 1;
                s.role = Role::Candidate;
                s.voted = Some(i);
                s.votes = 1 << i;
                let (term, last_idx, last_term) = (s.term, s.log.len(), s.last_term());
                self.ev.push(Event::Timeout(i, term));
                self.draw_timeout(i);
                for j in 0..self.cfg.servers {
                    if j != i {
                        self.send(
                            i,
                            j,
                            Msg::Vote {
                                last_idx,
                                last_term,
                            },
                        );
                    }
                }
            }
        }
    }

    fn next_time(&self, fault: Option<u64>) -> Option<u64> {
        let wire = self.wire.iter().map(|p| p.arrives).min();
        let timers = self
            .s
            .iter()
            .filter(|s| s.alive)
            .map(|s| {
                if s.role == Role::Leader {
                    s.beat
                } else {
                    s.deadline
                }
            })
            .min();
        [wire, timers, fault].into_iter().flatten().min()
    }

    fn snap(&mut self) -> Snap {
        Snap {
            t: self.now,
            servers: self.s.clone(),
            wire: self.wire.clone(),
            events: std::mem::take(&mut self.ev),
        }
    }
}

/// Runs the cluster to the horizon.
pub fn run(cfg: &Config) -> Run {
    let n = cfg.servers;
    let blank = Server {
        term: 0,
        role: Role::Follower,
        voted: None,
        log: Arc::new(Vec::new()),
        commit: 0,
        alive: true,
        group: 0,
        deadline: 0,
        timeout: 0,
        votes: 0,
        next: vec![0; n],
        matched: vec![0; n],
        beat: 0,
    };
    let mut sim = Sim {
        cfg: cfg.clone(),
        rng: sdp_kit::rng::seeded(cfg.seed),
        now: 0,
        s: vec![blank; n],
        wire: Vec::new(),
        ev: Vec::new(),
    };
    for i in 0..n {
        sim.draw_timeout(i);
    }
    let start = sim.snap();
    let mut snaps = Vec::new();
    let mut fi = 0;
    while let Some(t) = sim.next_time(cfg.faults.get(fi).map(|f| f.0)) {
        if t > cfg.horizon {
            break;
        }
        sim.now = t;
        while let Some((at, f)) = cfg.faults.get(fi) {
            if *at != t {
                break;
            }
            sim.fault(f);
            fi += 1;
        }
        let (now, rest): (Vec<Packet>, Vec<Packet>) = std::mem::take(&mut sim.wire)
            .into_iter()
            .partition(|p| p.arrives == t);
        sim.wire = rest;
        for p in now {
            sim.deliver(p);
        }
        sim.timers();
        snaps.push(sim.snap());
    }
    Run { start, snaps }
}

/// Checks Raft's safety properties over every snapshot: at most one leader per term; log
/// matching (same index and term → same prefix); state-machine safety (no two servers ever
/// commit different entries at one index, and a committed entry is never lost from a
/// server's committed prefix). `Err` names the first violation.
pub fn check(run: &Run) -> Result<(), String> {
    let mut leaders: std::collections::BTreeMap<u64, usize> = std::collections::BTreeMap::new();
    let mut committed: Vec<Entry> = Vec::new();
    for snap in &run.snaps {
        for (i, s) in snap.servers.iter().enumerate() {
            if s.role == Role::Leader
                && let Some(&other) = leaders.get(&s.term)
                && other != i
            {
                return Err(format!(
                    "t={}: two leaders in term {}: {} and {}",
                    snap.t,
                    s.term,
                    name(other),
                    name(i)
                ));
            }
            if s.role == Role::Leader {
                leaders.insert(s.term, i);
            }
            let c = s.commit.min(s.log.len());
            for (k, e) in s.log[..c].iter().enumerate() {
                match committed.get(k) {
                    Some(x) if x != e => {
                        return Err(format!(
                            "t={}: {} committed a different entry at index {}",
                            snap.t,
                            name(i),
                            k + 1
                        ));
                    }
                    Some(_) => {}
                    None => committed.push(*e),
                }
            }
        }
        for (i, a) in snap.servers.iter().enumerate() {
            for b in &snap.servers[i + 1..] {
                let m = a.log.len().min(b.log.len());
                if let Some(k) = (0..m).rev().find(|&k| a.log[k].term == b.log[k].term)
                    && a.log[..=k] != b.log[..=k]
                {
                    return Err(format!(
                        "t={}: log matching broken at index {}",
                        snap.t,
                        k + 1
                    ));
                }
            }
        }
    }
    Ok(())
}
