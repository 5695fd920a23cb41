//! Tiered and multi-dimension limits (catalogue M4.7, F4 §22): a request passes the tier limit
//! per hour, then the user, API key, IP and global limits per minute, each a counter keyed by
//! the window (`INCR`, allowed iff the count is at most the limit).
//!
//! Checked in order as F4 writes it, every counter up to the first that fails has already been
//! incremented: rejected requests use up the earlier limits. Checking all the counters first and
//! incrementing only an admitted request (not in source) has no such side effect.

use sdp_kit::field::Word;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Requests in a burst are this far apart, ms.
pub const BURST_GAP_MS: u64 = 10;

/// The tiers of F4's `TieredRateLimiter`; any other word counts as free, as F4's
/// `limits.get(tier, limits['free'])` does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tier {
    /// 100 per hour.
    Free,
    /// 1 000 per hour.
    Basic,
    /// 10 000 per hour.
    Premium,
}

impl Tier {
    /// The tier a word names (anything unknown is free).
    pub fn of(word: &str) -> Tier {
        match word {
            "basic" => Tier::Basic,
            "premium" => Tier::Premium,
            _ => Tier::Free,
        }
    }
}

/// How the dimensions are checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Commit {
    /// F4: check each dimension in order, incrementing as it goes; stop at the first failure.
    InOrder,
    /// Read every counter, admit only if all have room, then increment them all (not in source).
    CheckAll,
}

impl Word for Commit {
    const WORDS: &'static [(Self, &'static str)] = &[
        (Commit::InOrder, "in-order"),
        (Commit::CheckAll, "check-all"),
    ];
}

impl Commit {
    /// Both, in display order.
    pub const ALL: [Commit; 2] = [Commit::InOrder, Commit::CheckAll];

    /// Its name on screen.
    pub fn title(self) -> &'static str {
        match self {
            Commit::InOrder => "In order (F4)",
            Commit::CheckAll => "Check all, then commit",
        }
    }
}

/// A dimension, in F4's checking order (the tier first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Dim {
    /// `user:{id}:{tier}` per hour.
    Tier,
    /// `user:{id}` per minute.
    User,
    /// `api_key:{key}` per minute.
    Key,
    /// `ip:{ip}` per minute.
    Ip,
    /// `global:all` per minute.
    Global,
}

impl Dim {
    /// Every dimension, in checking order.
    pub const ALL: [Dim; 5] = [Dim::Tier, Dim::User, Dim::Key, Dim::Ip, Dim::Global];

    /// F4's name for it (in "Rate limit exceeded for {dimension}").
    pub fn name(self) -> &'static str {
        match self {
            Dim::Tier => "tier",
            Dim::User => "user",
            Dim::Key => "api_key",
            Dim::Ip => "ip",
            Dim::Global => "global",
        }
    }

    /// Its window, ms.
    pub fn window_ms(self) -> u64 {
        if self == Dim::Tier { 3_600_000 } else { 60_000 }
    }
}

/// `count` requests from one client, [`BURST_GAP_MS`] apart from `at_ms`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Send {
    /// First request, ms since t = 0.
    pub at_ms: u64,
    /// User id.
    pub user: String,
    /// Tier word (`free`, `basic`, `premium`; anything else counts as free).
    pub tier: String,
    /// API key.
    pub key: String,
    /// Client IP.
    pub ip: String,
    /// Requests.
    pub count: u32,
}

/// The bursts a `tiers` scenario starts with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Example {
    /// [`example_sends`]: a shared office IP.
    Office,
    /// None: only the bursts added by hand.
    None,
}

impl Word for Example {
    const WORDS: &'static [(Self, &'static str)] =
        &[(Example::Office, "office"), (Example::None, "none")];
}

/// The example: Carol (premium) fills the office IP's 100 a minute; Alice (free: 100 an hour)
/// sends 60 through the same IP, all refused for the IP; a minute later she sends 100 from home.
pub fn example_sends() -> Vec<Send> {
    let send = |at_ms, user: &str, tier: &str, key: &str, ip: &str, count| Send {
        at_ms,
        user: user.into(),
        tier: tier.into(),
        key: key.into(),
        ip: ip.into(),
        count,
    };
    vec![
        send(0, "carol", "premium", "k9", "10.0.0.1", 100),
        send(10_000, "alice", "free", "k1", "10.0.0.1", 60),
        send(70_000, "alice", "free", "k1", "10.0.0.2", 100),
    ]
}

/// One request of the tiers mode.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    /// Arrival, ms.
    pub at_ms: u64,
    /// Index of the send it belongs to.
    pub send: usize,
}

/// The limits per dimension, the tier's resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Per hour, by tier: free, basic, premium.
    pub tiers: [u32; 3],
    /// User, key, IP, global per minute.
    pub user: u32,
    /// Per API key.
    pub key: u32,
    /// Per IP.
    pub ip: u32,
    /// Global.
    pub global: u32,
}

impl Limits {
    /// The limit of `dim` for a client of `tier`.
    pub fn of(&self, dim: Dim, tier: Tier) -> u32 {
        match dim {
            Dim::Tier => match tier {
                Tier::Free => self.tiers[0],
                Tier::Basic => self.tiers[1],
                Tier::Premium => self.tiers[2],
            },
            Dim::User => self.user,
            Dim::Key => self.key,
            Dim::Ip => self.ip,
            Dim::Global => self.global,
        }
    }
}

/// What one strategy did with one request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierDecision {
    /// Admitted.
    pub allowed: bool,
    /// The first dimension that refused it.
    pub failed: Option<Dim>,
    /// The request's counter in each dimension after it (what was counted).
    pub counts: [u32; 5],
    /// How many counters this request incremented.
    pub incremented: u8,
}

/// The counter key of `dim` for the client of `s` at `now_ms`.
fn key_of(dim: Dim, s: &Send, now_ms: u64) -> (Dim, String, u64) {
    let name = match dim {
        Dim::Tier => format!("user:{}:{}", s.user, s.tier),
        Dim::User => format!("user:{}", s.user),
        Dim::Key => format!("api_key:{}", s.key),
        Dim::Ip => format!("ip:{}", s.ip),
        Dim::Global => "global:all".to_string(),
    };
    (dim, name, now_ms / dim.window_ms())
}

/// Every request of `sends`, in time order (ties keep the order of the sends).
pub fn requests(sends: &[Send]) -> Vec<Request> {
    let mut out: Vec<Request> = sends
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            (0..u64::from(s.count)).map(move |k| Request {
                at_ms: s.at_ms + k * BURST_GAP_MS,
                send: i,
            })
        })
        .collect();
    out.sort_by_key(|r| (r.at_ms, r.send));
    out
}

/// Runs `commit` over the requests.
pub fn run(
    sends: &[Send],
    requests: &[Request],
    limits: &Limits,
    commit: Commit,
) -> Vec<TierDecision> {
    let mut counters: BTreeMap<(Dim, String, u64), u32> = BTreeMap::new();
    let mut out = Vec::with_capacity(requests.len());
    for r in requests {
        let Some(s) = sends.get(r.send) else { continue };
        let tier = Tier::of(&s.tier);
        let keys = Dim::ALL.map(|d| key_of(d, s, r.at_ms));
        let mut counts = keys.clone().map(|k| counters.get(&k).copied().unwrap_or(0));
        let mut failed = None;
        let mut incremented = 0;
        match commit {
            Commit::InOrder => {
                for (i, dim) in Dim::ALL.into_iter().enumerate() {
                    let c = counters.entry(keys[i].clone()).or_insert(0);
                    *c += 1;
                    counts[i] = *c;
                    incremented += 1;
                    if *c > limits.of(dim, tier) {
                        failed = Some(dim);
                        break;
                    }
                }
            }
            Commit::CheckAll => {
                failed = Dim::ALL
                    .into_iter()
                    .enumerate()
                    .find(|&(i, dim)| counts[i] + 1 > limits.of(dim, tier))
                    .map(|(_, d)| d);
                if failed.is_none() {
                    for (i, k) in keys.iter().enumerate() {
                        let c = counters.entry(k.clone()).or_insert(0);
                        *c += 1;
                        counts[i] = *c;
                    }
                    incremented = 5;
                }
            }
        }
        out.push(TierDecision {
            allowed: failed.is_none(),
            failed,
            counts,
            incremented,
        });
    }
    out
}
