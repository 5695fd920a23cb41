//! CRDTs (M9.12): F4's G-counter in full; the PN-counter (two G-counters), the OR-set (unique
//! add tags, tombstoned removes) and the LWW-register that F4 only names, completed here.
//! Every merge is commutative, associative and idempotent.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// F4's `GCounter`: `counts[replica]`; increment your own; value = sum; merge = per-replica max.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GCounter {
    /// Count per replica.
    pub counts: Vec<u64>,
}

impl GCounter {
    /// Increments replica `r`'s count.
    pub fn increment(&mut self, r: usize) {
        if r >= self.counts.len() {
            self.counts.resize(r + 1, 0);
        }
        self.counts[r] += 1;
    }

    /// The sum of the counts.
    pub fn value(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// The per-replica maximum.
    ///
    /// ```
    /// use sdp_lab_replication::crdt::GCounter;
    /// let a = GCounter { counts: vec![3, 0] };
    /// let b = GCounter { counts: vec![0, 2] };
    /// assert_eq!(a.merge(&b).counts, vec![3, 2]);
    /// assert_eq!(a.merge(&b).value(), 5);
    /// ```
    #[must_use]
    pub fn merge(&self, other: &GCounter) -> GCounter {
        let n = self.counts.len().max(other.counts.len());
        let at = |c: &GCounter, i: usize| c.counts.get(i).copied().unwrap_or(0);
        GCounter {
            counts: (0..n).map(|i| at(self, i).max(at(other, i))).collect(),
        }
    }
}

/// A PN-counter: increments in `p`, decrements in `n`; value = p − n.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PnCounter {
    /// Increments.
    pub p: GCounter,
    /// Decrements.
    pub n: GCounter,
}

impl PnCounter {
    /// `p.value() − n.value()`.
    pub fn value(&self) -> i64 {
        i64::try_from(self.p.value()).unwrap_or(i64::MAX)
            - i64::try_from(self.n.value()).unwrap_or(i64::MAX)
    }

    /// Both halves merged.
    #[must_use]
    pub fn merge(&self, other: &PnCounter) -> PnCounter {
        PnCounter {
            p: self.p.merge(&other.p),
            n: self.n.merge(&other.n),
        }
    }
}

/// An observed-remove set: each add has a unique tag `(replica, counter)`; a remove tombstones
/// the tags it has seen, so a concurrent add survives.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrSet {
    /// `(element, tag)` of every add seen.
    pub adds: BTreeSet<(String, (usize, u32))>,
    /// Tombstoned tags.
    pub removed: BTreeSet<(usize, u32)>,
}

impl OrSet {
    /// Adds `x` at replica `r` with a fresh tag.
    pub fn add(&mut self, r: usize, x: &str) {
        let next = self
            .adds
            .iter()
            .filter(|a| a.1.0 == r)
            .map(|a| a.1.1)
            .max()
            .unwrap_or(0)
            + 1;
        self.adds.insert((x.to_string(), (r, next)));
    }

    /// Removes `x`: tombstones every tag of it seen here.
    pub fn remove(&mut self, x: &str) {
        let seen: Vec<(usize, u32)> = self.adds.iter().filter(|a| a.0 == x).map(|a| a.1).collect();
        self.removed.extend(seen);
    }

    /// Elements with a live tag.
    pub fn elements(&self) -> BTreeSet<String> {
        self.adds
            .iter()
            .filter(|a| !self.removed.contains(&a.1))
            .map(|a| a.0.clone())
            .collect()
    }

    /// The union of adds and of tombstones.
    #[must_use]
    pub fn merge(&self, other: &OrSet) -> OrSet {
        OrSet {
            adds: self.adds.union(&other.adds).cloned().collect(),
            removed: self.removed.union(&other.removed).copied().collect(),
        }
    }
}

/// A last-write-wins register: the value with the largest `(timestamp, replica)`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LwwRegister {
    /// The value (empty: never written).
    pub value: String,
    /// Its timestamp.
    pub ts: u64,
    /// The replica that wrote it (the tie-break).
    pub replica: usize,
}

impl LwwRegister {
    /// Writes `value` at `ts` from replica `r`.
    pub fn put(&mut self, r: usize, value: &str, ts: u64) {
        *self = LwwRegister {
            value: value.to_string(),
            ts,
            replica: r,
        };
    }

    /// F4's rule: the remote one if its timestamp is larger, else the local one. On a tie each
    /// replica keeps its own, so they can diverge (not a CRDT).
    #[must_use]
    pub fn merge_f4(&self, remote: &LwwRegister) -> LwwRegister {
        if remote.ts > self.ts {
            remote.clone()
        } else {
            self.clone()
        }
    }

    /// The CRDT: the larger `(timestamp, replica)`, so every replica picks the same.
    #[must_use]
    pub fn merge(&self, remote: &LwwRegister) -> LwwRegister {
        if (remote.ts, remote.replica, &remote.value) > (self.ts, self.replica, &self.value) {
            remote.clone()
        } else {
            self.clone()
        }
    }
}
