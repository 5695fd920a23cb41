//! The lock record and its expiry arithmetic (M10.1), the single-node lock manager with its
//! global token counter (M10.2), the Redis key with `SET NX EX` and the owner-checked Lua
//! release (M10.8), and the storage that checks fencing tokens (M10.5).

use serde::{Deserialize, Serialize};

/// A lock record (F0 Q14 l.1912–1924).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lock {
    /// The resource (`resource-123`).
    pub name: String,
    /// The client holding it.
    pub owner: String,
    /// The fencing token given at acquisition.
    pub token: u64,
    /// When it was (re)acquired, ms.
    pub acquired_at: u64,
    /// Time to live, ms.
    pub ttl_ms: u64,
}

impl Lock {
    /// `now > acquired_at + ttl_ms` (strict: at exactly the end the lock still holds).
    ///
    /// ```
    /// use sdp_lab_locks::lock::Lock;
    /// let l = Lock { name: "r".into(), owner: "a".into(), token: 42, acquired_at: 0, ttl_ms: 30_000 };
    /// assert!(!l.is_expired(30_000));
    /// assert!(l.is_expired(30_001));
    /// ```
    pub fn is_expired(&self, now: u64) -> bool {
        now > self.expires_at()
    }

    /// `max(0, acquired_at + ttl_ms − now)`.
    pub fn remaining(&self, now: u64) -> u64 {
        self.expires_at().saturating_sub(now)
    }

    /// `acquired_at + ttl_ms`, the last ms the lock holds.
    pub fn expires_at(&self) -> u64 {
        self.acquired_at.saturating_add(self.ttl_ms)
    }
}

/// The answer to an acquire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Acquired {
    /// A new lock with a new token.
    New(u64),
    /// The owner acquired again: the same token, `acquired_at` reset.
    Reentrant(u64),
    /// Held by someone else, for this many ms more.
    Busy {
        /// The holder.
        owner: String,
        /// `remaining_ttl`, ms.
        remaining: u64,
    },
}

/// The answer to a release.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Released {
    /// No lock: success (as the document says).
    NoLock,
    /// Deleted: success.
    Deleted,
    /// Held by another client: failure.
    NotOwner,
    /// The owner, but another token: failure (stale).
    Stale,
}

impl Released {
    /// True for the two successes.
    pub fn ok(self) -> bool {
        matches!(self, Released::NoLock | Released::Deleted)
    }
}

/// The single-node lock manager for one resource (F0 Q14 l.1926–1968).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manager {
    /// The global token counter (the last token handed out).
    pub counter: u64,
    /// The lock, if any (an expired one stays until replaced or released).
    pub lock: Option<Lock>,
}

impl Manager {
    /// A manager whose counter stands at `counter`.
    pub fn new(counter: u64) -> Self {
        Manager {
            counter,
            lock: None,
        }
    }

    /// Acquire(name, client, ttl): re-entrant for the owner (the new ttl replaces the stored one:
    /// the document is silent), busy for others, else a new lock with `counter + 1`.
    pub fn acquire(&mut self, name: &str, client: &str, ttl_ms: u64, now: u64) -> Acquired {
        if let Some(l) = self.lock.as_mut().filter(|l| !l.is_expired(now)) {
            if l.owner == client {
                l.acquired_at = now;
                l.ttl_ms = ttl_ms;
                return Acquired::Reentrant(l.token);
            }
            return Acquired::Busy {
                owner: l.owner.clone(),
                remaining: l.remaining(now),
            };
        }
        self.counter += 1;
        self.lock = Some(Lock {
            name: name.to_string(),
            owner: client.to_string(),
            token: self.counter,
            acquired_at: now,
            ttl_ms,
        });
        Acquired::New(self.counter)
    }

    /// Release(name, client, token): no lock → success; owner or token differ → failure.
    pub fn release(&mut self, client: &str, token: u64) -> Released {
        match &self.lock {
            None => Released::NoLock,
            Some(l) if l.owner != client => Released::NotOwner,
            Some(l) if l.token != token => Released::Stale,
            Some(_) => {
                self.lock = None;
                Released::Deleted
            }
        }
    }

    /// Extend(name, client, token, ttl): exists, owner, token and not expired → reset.
    pub fn extend(&mut self, client: &str, token: u64, ttl_ms: u64, now: u64) -> bool {
        match self.lock.as_mut() {
            Some(l) if l.owner == client && l.token == token && !l.is_expired(now) => {
                l.acquired_at = now;
                l.ttl_ms = ttl_ms;
                true
            }
            _ => false,
        }
    }

    /// The owner of an unexpired lock at `now`.
    pub fn holder(&self, now: u64) -> Option<&str> {
        self.lock
            .as_ref()
            .filter(|l| !l.is_expired(now))
            .map(|l| l.owner.as_str())
    }
}

/// A Redis key holding a lock: its value (the owner) and when it expires, ms.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedisKey {
    /// `(value, expires_at)`, or `None` when absent.
    pub entry: Option<(String, u64)>,
}

impl RedisKey {
    /// `GET`: the value, `None` when absent or expired (Redis: expired when `now > expires_at`).
    pub fn get(&mut self, now: u64) -> Option<&str> {
        if self.entry.as_ref().is_some_and(|(_, at)| now > *at) {
            self.entry = None;
        }
        self.entry.as_ref().map(|(v, _)| v.as_str())
    }

    /// `SET key value NX EX ttl`: true (`OK`) when the key was absent.
    pub fn set_nx_ex(&mut self, value: &str, ttl_ms: u64, now: u64) -> bool {
        if self.get(now).is_some() {
            return false;
        }
        self.entry = Some((value.to_string(), now.saturating_add(ttl_ms)));
        true
    }

    /// The unsafe release, a bare `DEL`: returns whose lock it deleted.
    pub fn del(&mut self, now: u64) -> Option<String> {
        self.get(now);
        self.entry.take().map(|(v, _)| v)
    }

    /// The Lua release: `if GET == value then DEL (1) else 0`.
    pub fn del_if_owner(&mut self, value: &str, now: u64) -> bool {
        if self.get(now) == Some(value) {
            self.entry = None;
            true
        } else {
            false
        }
    }

    /// The Lua extend: `if GET == value then EXPIRE ttl (1) else 0`.
    pub fn expire_if_owner(&mut self, value: &str, ttl_ms: u64, now: u64) -> bool {
        if self.get(now) == Some(value) {
            self.entry = Some((value.to_string(), now.saturating_add(ttl_ms)));
            true
        } else {
            false
        }
    }
}

/// The storage behind the lock, checking fencing tokens (F0 Q14 l.2015–2044).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fenced {
    /// `last_seen_token` (starts at 0).
    pub last_seen: u64,
}

impl Fenced {
    /// write(data, token): `token < last_seen` → rejected (false); else `last_seen = token`, true.
    /// An equal token is accepted (the same holder writing again).
    pub fn write(&mut self, token: u64) -> bool {
        if token < self.last_seen {
            false
        } else {
            self.last_seen = token;
            true
        }
    }
}
