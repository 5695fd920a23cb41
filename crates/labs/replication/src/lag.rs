//! Leader–follower replication and lag monitoring (M9.16): one leader commits an open-loop
//! stream of writes and ships them to its followers, each of which replays the log at a fixed
//! rate; the client's acknowledgement waits for nobody (asynchronous), for the fastest follower
//! (semi-synchronous) or for every follower (synchronous). From the per-write times follow the
//! lag (`master_ts − replica_ts`, F4 §21), the 5 s alert, a read-your-writes check on a follower
//! and what a failover loses.

use rand::RngExt;
use serde::{Deserialize, Serialize};

/// Most followers.
pub const MAX_FOLLOWERS: usize = 4;
/// Longest write load, seconds.
pub const MAX_SECONDS: u32 = 30;
/// Highest write load and replay rate, writes per second.
pub const MAX_RATE: u32 = 100;
/// Largest one-way latency to the nearest follower, ms.
pub const MAX_NET_MS: u32 = 500;
/// The document's lag alert: `replication_lag > 5 s` (F4 §21 l.4293).
pub const ALERT_MS: u32 = 5_000;
/// The leader's local commit, ms (not in source).
pub const COMMIT_MS: u32 = 1;

/// When the client's write is acknowledged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Repl {
    /// Once every follower has the write.
    Sync,
    /// Once one follower has it.
    Semi,
    /// On the leader's commit (F4 §21 "Single Master (Asynchronous Replication)").
    Async,
}

impl Repl {
    /// Every mode, in table order.
    pub const ALL: [Repl; 3] = [Repl::Sync, Repl::Semi, Repl::Async];

    /// The mode's name.
    pub fn name(self) -> &'static str {
        match self {
            Repl::Sync => "synchronous",
            Repl::Semi => "semi-synchronous",
            Repl::Async => "asynchronous",
        }
    }
}

/// A leader and its followers under a write load.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setup {
    /// The replication mode.
    pub repl: Repl,
    /// Followers (1–[`MAX_FOLLOWERS`]).
    pub followers: usize,
    /// Writes per second the clients send to the leader.
    pub load: u32,
    /// Writes per second a follower replays.
    pub capacity: u32,
    /// One-way latency to follower 1, ms; follower k is k times as far.
    pub net: u32,
    /// How long the load runs, seconds.
    pub seconds: u32,
    /// When the leader fails, ms (`None`: it does not).
    pub crash: Option<u32>,
    /// When the read-your-writes client writes, ms (`None`: no such client).
    pub ryw: Option<u32>,
    /// Seed of the network jitter.
    pub seed: u64,
}

/// One write's times, ms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Write {
    /// Sent by the client (arrives at the leader).
    pub issue: u32,
    /// Committed on the leader.
    pub commit: u32,
    /// Replayed on each follower.
    pub have: Vec<u32>,
    /// Acknowledged to the client under the setup's mode.
    pub ack: u32,
}

/// The one-way latency from the leader to follower `k` (0-based), before jitter.
pub fn distance(net: u32, k: usize) -> u32 {
    net.saturating_mul(k as u32 + 1)
}

/// Milliseconds a follower spends replaying one write.
pub fn service_ms(capacity: u32) -> u32 {
    1_000 / capacity.max(1)
}

/// The seeded extra delay of write `write` on its way to follower `k` at latency `d`: up to
/// `d / 2` ms.
pub fn jitter(seed: u64, write: usize, k: usize, d: u32) -> u32 {
    let mix = seed
        ^ (write as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ (k as u64).wrapping_mul(0xD1B5_4A32_D192_ED03);
    sdp_kit::rng::seeded(mix).random_range(0..=d / 2)
}

/// The write stream: one write every `1000 / load` ms while the load runs and the leader is
/// up, each shipped to every follower in order (FIFO), with seeded jitter of up to half the
/// follower's latency, and replayed one at a time.
pub fn writes(s: &Setup) -> Vec<Write> {
    let end = s.seconds.saturating_mul(1_000);
    let stop = s.crash.map_or(end, |c| c.min(end));
    let svc = service_ms(s.capacity);
    let mut out: Vec<Write> = Vec::new();
    let mut last = vec![0u32; s.followers];
    let mut i: u64 = 0;
    loop {
        let issue = u32::try_from(i * 1_000 / u64::from(s.load.max(1))).unwrap_or(u32::MAX);
        let commit = issue.saturating_add(COMMIT_MS);
        if issue >= end || commit > stop {
            break;
        }
        let mut have = Vec::with_capacity(s.followers);
        for (k, prev) in last.iter_mut().enumerate() {
            let d = distance(s.net, k);
            let arrive = commit
                .saturating_add(d)
                .saturating_add(jitter(s.seed, out.len(), k, d));
            let t = arrive.max(*prev).saturating_add(svc);
            *prev = t;
            have.push(t);
        }
        let back = |k: usize, t: u32| t.saturating_add(distance(s.net, k));
        let acks = have.iter().enumerate().map(|(k, &t)| back(k, t));
        let ack = match s.repl {
            Repl::Async => commit,
            Repl::Semi => acks.min().unwrap_or(commit),
            Repl::Sync => acks.max().unwrap_or(commit),
        };
        out.push(Write {
            issue,
            commit,
            have,
            ack,
        });
        i += 1;
    }
    out
}

/// Writes committed on the leader by time `t`.
pub fn committed(ws: &[Write], t: u32) -> usize {
    ws.partition_point(|w| w.commit <= t)
}

/// Writes follower `k` has replayed by time `t` (its log is a prefix of the leader's).
pub fn replayed(ws: &[Write], k: usize, t: u32) -> usize {
    ws.partition_point(|w| w.have.get(k).is_some_and(|&h| h <= t))
}

/// `replication_lag = master_timestamp − replica_timestamp` at time `t`: the commit time of
/// the leader's last write minus that of the follower's last replayed write (0 for none).
pub fn lag(ws: &[Write], k: usize, t: u32) -> u32 {
    let ts = |n: usize| {
        n.checked_sub(1)
            .and_then(|i| ws.get(i))
            .map_or(0, |w| w.commit)
    };
    ts(committed(ws, t)).saturating_sub(ts(replayed(ws, k, t)))
}

/// The first time any follower's lag passes [`ALERT_MS`], and which follower (the lag jumps
/// only when the leader commits, so the commit times are the candidates).
pub fn first_alert(ws: &[Write], followers: usize) -> Option<(u32, usize)> {
    ws.iter().find_map(|w| {
        (0..followers)
            .find(|&k| lag(ws, k, w.commit) > ALERT_MS)
            .map(|k| (w.commit, k))
    })
}

/// What a failover at `crash` does: the follower with the longest log is promoted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failover {
    /// When the leader failed, ms.
    pub at: u32,
    /// The promoted follower (0-based).
    pub promoted: usize,
    /// Writes the leader had committed.
    pub committed: usize,
    /// Writes the new leader has.
    pub kept: usize,
    /// Of the lost writes (indices `kept..committed`), those the client had been acknowledged.
    pub lost_acked: usize,
}

/// The failover at `at`.
pub fn failover(ws: &[Write], followers: usize, at: u32) -> Failover {
    let mut promoted = 0;
    let mut kept = 0;
    for k in 0..followers {
        let n = replayed(ws, k, at);
        if n > kept {
            (promoted, kept) = (k, n);
        }
    }
    let committed = committed(ws, at);
    let lost_acked = ws
        .get(kept..committed)
        .map_or(0, |lost| lost.iter().filter(|w| w.ack <= at).count());
    Failover {
        at,
        promoted,
        committed,
        kept,
        lost_acked,
    }
}

/// The read-your-writes client: it writes at `ryw`, and once acknowledged reads the farthest
/// follower.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ryw {
    /// The client's write (index).
    pub write: usize,
    /// When it read, ms (its ack + 1).
    pub read_at: u32,
    /// The follower read (0-based).
    pub follower: usize,
    /// Writes that follower had then.
    pub seen: usize,
    /// Whether its own write was missing: the read-your-writes violation.
    pub violated: bool,
}

/// The client's write and read, if it wrote before the load ended (and before a failover).
pub fn ryw(ws: &[Write], s: &Setup) -> Option<Ryw> {
    let at = s.ryw?;
    let write = ws.iter().position(|w| w.issue >= at)?;
    let read_at = ws.get(write)?.ack.saturating_add(1);
    if s.crash.is_some_and(|c| read_at > c) {
        return None;
    }
    let follower = s.followers.saturating_sub(1);
    let seen = replayed(ws, follower, read_at);
    Some(Ryw {
        write,
        read_at,
        follower,
        seen,
        violated: seen <= write,
    })
}

/// Write latency (`ack − issue`) of the writes acknowledged by `until`: `(median, max)`.
pub fn latency(ws: &[Write], until: u32) -> (u32, u32) {
    let mut l: Vec<u32> = ws
        .iter()
        .filter(|w| w.ack <= until)
        .map(|w| w.ack - w.issue)
        .collect();
    l.sort_unstable();
    let median = l.get(l.len() / 2).copied().unwrap_or(0);
    (median, l.last().copied().unwrap_or(0))
}
