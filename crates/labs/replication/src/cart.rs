//! The shopping cart three ways on one history (M9.10, M9.11, M9.13): siblings under vector
//! clocks merged by F4's cart merge (union, max quantity: a removed item comes back),
//! last-write-wins on skewed wall clocks (a write silently lost), and an observed-remove cart
//! (not in source) that keeps the removal.

use crate::vclock::Clock;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A cart: item → quantity.
pub type Cart = BTreeMap<String, u32>;

/// Replicas in this mode (F4's example clock has three).
pub const REPLICAS: usize = 3;

/// `{x: 2, y: 1}`.
pub fn cart_text(c: &Cart) -> String {
    let parts: Vec<String> = c.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    format!("{{{}}}", parts.join(", "))
}

/// F4's `resolve_shopping_cart`: the union of items, the larger quantity for an item in both.
///
/// ```
/// use sdp_lab_replication::cart::{Cart, f4_merge};
/// let a: Cart = [("x".into(), 2), ("y".into(), 1)].into();
/// let b: Cart = [("x".into(), 1), ("z".into(), 3)].into();
/// let m = f4_merge(&a, &b);
/// assert_eq!(m, [("x".into(), 2), ("y".into(), 1), ("z".into(), 3)].into());
/// ```
pub fn f4_merge(a: &Cart, b: &Cart) -> Cart {
    let mut out = a.clone();
    for (k, &v) in b {
        let e = out.entry(k.clone()).or_insert(v);
        *e = (*e).max(v);
    }
    out
}

/// A change to a cart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Edit {
    /// Set an item's quantity.
    Set(String, u32),
    /// Remove an item.
    Remove(String),
}

fn edit(c: &mut Cart, e: &Edit) {
    match e {
        Edit::Set(k, q) => {
            c.insert(k.clone(), *q);
        }
        Edit::Remove(k) => {
            c.remove(k);
        }
    }
}

/// A version kept under a vector clock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sibling {
    /// The cart.
    pub cart: Cart,
    /// Its clock.
    pub clock: Clock,
}

/// A replica's siblings (more than one: a conflict kept for the client).
pub type Siblings = Vec<Sibling>;

/// What a client reading `s` sees: F4's merge of every sibling.
pub fn client_merge(s: &Siblings) -> Cart {
    s.iter().fold(Cart::new(), |acc, x| f4_merge(&acc, &x.cart))
}

/// A write at replica `r`: the client merges the siblings it read, edits, and writes back
/// under the merged clock ticked at `r`; the new version supersedes every sibling it read.
pub fn vc_write(s: &mut Siblings, r: usize, e: &Edit) {
    let mut cart = client_merge(s);
    edit(&mut cart, e);
    let mut clock = s
        .iter()
        .fold(Clock::zero(REPLICAS), |acc, x| acc.merge(&x.clock));
    clock.tick(r);
    *s = vec![Sibling { cart, clock }];
}

/// Two replicas exchange siblings: both keep every version no other version dominates.
pub fn vc_sync(a: &Siblings, b: &Siblings) -> Siblings {
    let all: Vec<&Sibling> = a.iter().chain(b).collect();
    let mut out: Siblings = Vec::new();
    for x in &all {
        let dominated = all
            .iter()
            .any(|y| x.clock.leq(&y.clock) && x.clock != y.clock);
        if !dominated && !out.iter().any(|o| o.clock == x.clock) {
            out.push((*x).clone());
        }
    }
    out.sort_by(|p, q| p.clock.0.cmp(&q.clock.0));
    out
}

/// A last-write-wins version: the whole cart with its wall-clock timestamp.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamped {
    /// The cart.
    pub cart: Cart,
    /// `time.time()` on the writing replica (s), skew included.
    pub ts: i64,
    /// The writes it contains (hidden causality, to tell a lost write).
    pub clock: Clock,
}

/// A write under LWW at replica `r` whose clock reads `ts`.
pub fn lww_write(s: &mut Stamped, r: usize, ts: i64, e: &Edit) {
    edit(&mut s.cart, e);
    s.ts = ts;
    if s.clock.0.is_empty() {
        s.clock = Clock::zero(REPLICAS);
    }
    s.clock.tick(r);
}

/// F4's `merge_conflict`: the remote version if its timestamp is larger, else the local one (a
/// tie keeps the local one, so two replicas can keep different values).
pub fn lww_merge(local: &Stamped, remote: &Stamped) -> Stamped {
    if remote.ts > local.ts {
        remote.clone()
    } else {
        local.clone()
    }
}

/// A unique add: `(replica, counter)`.
pub type Tag = (usize, u32);

/// An observed-remove cart (not in source): every set is an add with a fresh tag; a set or a
/// remove tombstones the tags it has seen for the item; merge is the union of both.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrCart {
    /// `(item, tag, quantity)` for every add ever seen.
    pub adds: BTreeSet<(String, Tag, u32)>,
    /// Tags removed.
    pub removed: BTreeSet<Tag>,
    /// Adds made here (for fresh tags).
    pub counter: u32,
}

impl OrCart {
    /// Applies an edit at replica `r`.
    pub fn edit(&mut self, r: usize, e: &Edit) {
        let item = match e {
            Edit::Set(k, _) | Edit::Remove(k) => k,
        };
        let seen: Vec<Tag> = self
            .adds
            .iter()
            .filter(|a| &a.0 == item && !self.removed.contains(&a.1))
            .map(|a| a.1)
            .collect();
        self.removed.extend(seen);
        if let Edit::Set(k, q) = e {
            self.counter += 1;
            self.adds.insert((k.clone(), (r, self.counter), *q));
        }
    }

    /// The union of both.
    pub fn merge(&self, other: &OrCart) -> OrCart {
        OrCart {
            adds: self.adds.union(&other.adds).cloned().collect(),
            removed: self.removed.union(&other.removed).copied().collect(),
            counter: self.counter,
        }
    }

    /// The cart: live adds, the larger quantity where several are live.
    pub fn cart(&self) -> Cart {
        let mut c = Cart::new();
        for (k, tag, q) in &self.adds {
            if !self.removed.contains(tag) {
                let e = c.entry(k.clone()).or_insert(*q);
                *e = (*e).max(*q);
            }
        }
        c
    }
}
