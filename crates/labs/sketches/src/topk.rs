//! Top-K four ways (catalogue M6.2–M6.5; F4 §23): the exact counter, count-min sketch with a
//! min-heap, lossy counting and space-saving, the last two as F4 codes them and as the papers
//! define them. Items are indexes into a name table; ties break the way F4's Python does.

use crate::cms::{CountMin, Update};
use crate::hash::Hashes;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// One row of a structure's contents: an item and its count (and lossy counting's `Δ`, or
/// space-saving's inherited error).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Item index.
    pub item: u32,
    /// Count (estimate).
    pub count: u64,
    /// Lossy counting's `Δ`, or space-saving's error; 0 otherwise.
    pub error: u64,
}

/// What one add did, for the narration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    /// The item's count went up.
    Counted,
    /// The item got an entry.
    Inserted,
    /// The item took the place of `evicted`, inheriting `inherited` (space-saving; CMS+heap).
    Replaced {
        /// The item pushed out.
        evicted: u32,
        /// The count it starts from (space-saving: the evicted minimum).
        inherited: u64,
    },
    /// Not tracked (CMS+heap: its estimate is not above the heap's minimum).
    Ignored,
    /// A bucket boundary pruned these items (lossy counting), after counting this one.
    Pruned(Vec<u32>),
}

/// F4's `ExactTopK`: a counter; ties in first-seen order (`heapq.nlargest` is stable).
#[derive(Clone, Debug, Default)]
pub struct Exact {
    counts: Vec<u64>,
    first_seen: Vec<u64>,
    n: u64,
    distinct: usize,
}

impl Exact {
    /// For `items` distinct items.
    pub fn new(items: usize) -> Self {
        Exact {
            counts: vec![0; items],
            first_seen: vec![u64::MAX; items],
            n: 0,
            distinct: 0,
        }
    }

    /// Counts one.
    pub fn add(&mut self, item: u32) -> Event {
        let i = item as usize;
        self.n += 1;
        if self.counts[i] == 0 {
            self.first_seen[i] = self.n;
            self.distinct += 1;
        }
        self.counts[i] += 1;
        if self.counts[i] == 1 {
            Event::Inserted
        } else {
            Event::Counted
        }
    }

    /// The top `k`.
    pub fn top(&self, k: usize) -> Vec<Entry> {
        let mut seen: Vec<u32> = (0..self.counts.len() as u32)
            .filter(|&i| self.counts[i as usize] > 0)
            .collect();
        // Keys are unique (one first-seen time per item), so picking the k smallest first and
        // sorting only those gives the same list as sorting everything.
        let key = |&i: &u32| {
            (
                std::cmp::Reverse(self.counts[i as usize]),
                self.first_seen[i as usize],
            )
        };
        if k < seen.len() {
            seen.select_nth_unstable_by_key(k, key);
            seen.truncate(k);
        }
        seen.sort_by_key(key);
        seen.into_iter()
            .map(|i| Entry {
                item: i,
                count: self.counts[i as usize],
                error: 0,
            })
            .collect()
    }

    /// Distinct items counted (its memory, in entries).
    pub fn entries(&self) -> usize {
        self.distinct
    }

    /// The exact count of `item`.
    pub fn count(&self, item: u32) -> u64 {
        self.counts.get(item as usize).copied().unwrap_or(0)
    }
}

/// F4's `TopKHeavyHitter`: a count-min sketch, and a min-heap of `(estimate, item)` holding the
/// top `k` estimates.
#[derive(Clone, Debug)]
pub struct CmsHeap {
    k: usize,
    /// The sketch.
    pub cms: CountMin,
    /// The heap as an ordered set of `(estimate, name, item)` (the heap's order: `(count, item)`).
    heap: BTreeSet<(u64, String, u32)>,
    /// Each item in the heap with its count there (finds an item without scanning the heap).
    members: BTreeMap<u32, u64>,
}

impl CmsHeap {
    /// F4's structure with `k` and a sketch over `hashes`.
    pub fn new(k: usize, hashes: Hashes) -> Self {
        CmsHeap {
            k,
            cms: CountMin::new(hashes, Update::Standard),
            heap: BTreeSet::new(),
            members: BTreeMap::new(),
        }
    }

    /// F4's `add`.
    pub fn add(&mut self, item: u32, name: &str) -> Event {
        let cells = self.cms.add(name, 1);
        let count = self.cms.estimate_at(&cells);
        let event = if let Some(&old) = self.members.get(&item) {
            // An item's name is the same every time, so this is its entry.
            self.heap.remove(&(old, name.to_string(), item));
            Event::Counted
        } else if self.heap.len() < self.k {
            Event::Inserted
        } else if self.heap.first().is_some_and(|m| count > m.0) {
            let evicted = self.heap.pop_first().map_or(0, |m| m.2);
            self.members.remove(&evicted);
            Event::Replaced {
                evicted,
                inherited: count,
            }
        } else {
            return Event::Ignored;
        };
        self.heap.insert((count, name.to_string(), item));
        self.members.insert(item, count);
        event
    }

    /// F4's `get_top_k`: the heap sorted descending by `(count, item)`.
    pub fn top(&self) -> Vec<Entry> {
        self.heap
            .iter()
            .rev()
            .map(|(c, _, i)| Entry {
                item: *i,
                count: *c,
                error: 0,
            })
            .collect()
    }
}

/// Lossy counting as F4 codes it, or as Manku and Motwani define it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LossyVersion {
    /// F4: `current_bucket += 1` before pruning; reports `f ≥ s·n`.
    Doc,
    /// Prune with the current bucket, then move on; report `f ≥ (s − ε)·n`.
    Standard,
}

/// Lossy counting (M6.4): entries `item → (f, Δ)`; every `w = int(1/ε)` items, entries with
/// `f + Δ ≤ bucket` are pruned.
#[derive(Clone, Debug)]
pub struct Lossy {
    version: LossyVersion,
    width: u64,
    bucket: u64,
    n: u64,
    /// item → (f, Δ), in insertion order (for display).
    entries: BTreeMap<u32, (u64, u64)>,
    order: Vec<u32>,
}

impl Lossy {
    /// With bucket width `int(1 / ε)`.
    pub fn new(version: LossyVersion, epsilon: f64) -> Self {
        Lossy {
            version,
            width: ((1.0 / epsilon) as u64).max(1),
            bucket: 1,
            n: 0,
            entries: BTreeMap::new(),
            order: Vec::new(),
        }
    }

    /// Bucket width `w`.
    pub fn width(&self) -> u64 {
        self.width
    }

    /// The current bucket number.
    pub fn bucket(&self) -> u64 {
        self.bucket
    }

    fn prune(&mut self) -> Vec<u32> {
        let b = self.bucket;
        let gone: Vec<u32> = self
            .order
            .iter()
            .copied()
            .filter(|i| self.entries.get(i).is_some_and(|&(f, d)| f + d <= b))
            .collect();
        for i in &gone {
            self.entries.remove(i);
        }
        self.order.retain(|i| self.entries.contains_key(i));
        gone
    }

    /// Counts one item, pruning at a bucket boundary.
    pub fn add(&mut self, item: u32) -> Event {
        self.n += 1;
        let event = if let Some(e) = self.entries.get_mut(&item) {
            e.0 += 1;
            Event::Counted
        } else {
            self.entries.insert(item, (1, self.bucket - 1));
            self.order.push(item);
            Event::Inserted
        };
        if self.n % self.width == 0 {
            let gone = match self.version {
                LossyVersion::Doc => {
                    self.bucket += 1;
                    self.prune()
                }
                LossyVersion::Standard => {
                    let gone = self.prune();
                    self.bucket += 1;
                    gone
                }
            };
            return Event::Pruned(gone);
        }
        event
    }

    /// Every entry, in insertion order.
    pub fn entries(&self) -> Vec<Entry> {
        self.order
            .iter()
            .filter_map(|i| {
                self.entries.get(i).map(|&(f, d)| Entry {
                    item: *i,
                    count: f,
                    error: d,
                })
            })
            .collect()
    }

    /// The items reported for support `s`: `f ≥ s·n` (F4) or `f ≥ (s − ε)·n`.
    pub fn frequent(&self, support: f64) -> Vec<Entry> {
        let epsilon = 1.0 / self.width as f64;
        let threshold = match self.version {
            LossyVersion::Doc => support * self.n as f64,
            LossyVersion::Standard => (support - epsilon) * self.n as f64,
        };
        let mut out: Vec<Entry> = self
            .entries()
            .into_iter()
            .filter(|e| e.count as f64 >= threshold)
            .collect();
        out.sort_by_key(|e| std::cmp::Reverse(e.count));
        out
    }
}

/// Space-saving as F4 codes it, or as Metwally et al. define it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SavingVersion {
    /// F4: the heap is pushed on insert only, so it keeps stale counts and may evict a heavy
    /// item whose entry still shows 1.
    Doc,
    /// Evict the true minimum (the oldest among equals), inheriting its count as the error.
    Standard,
}

/// Space-saving (M6.5): `k` counters; a new item replaces the minimum and starts from
/// `min + 1`.
#[derive(Clone, Debug)]
pub struct SpaceSaving {
    version: SavingVersion,
    k: usize,
    /// item → (count, error, insertion time), in insertion order.
    counters: Vec<(u32, u64, u64, u64)>,
    /// F4's heap: `(count, name, item)` as pushed (kept by F4's version only).
    heap: BTreeSet<(u64, String, u32)>,
    clock: u64,
}

impl SpaceSaving {
    /// With `k` counters.
    pub fn new(version: SavingVersion, k: usize) -> Self {
        SpaceSaving {
            version,
            k: k.max(1),
            counters: Vec::new(),
            heap: BTreeSet::new(),
            clock: 0,
        }
    }

    /// Counts one item.
    pub fn add(&mut self, item: u32, name: &str) -> Event {
        self.clock += 1;
        if let Some(c) = self.counters.iter_mut().find(|c| c.0 == item) {
            c.1 += 1;
            return Event::Counted;
        }
        // Only F4's version reads its heap; the standard one picks the minimum counter.
        let doc = self.version == SavingVersion::Doc;
        if self.counters.len() < self.k {
            self.counters.push((item, 1, 0, self.clock));
            if doc {
                self.heap.insert((1, name.to_string(), item));
            }
            return Event::Inserted;
        }
        let (evicted, min) = match self.version {
            SavingVersion::Doc => {
                let Some((min, _, evicted)) = self.heap.pop_first() else {
                    return Event::Ignored;
                };
                (evicted, min)
            }
            SavingVersion::Standard => {
                let Some(m) = self.counters.iter().min_by_key(|c| (c.1, c.3)) else {
                    return Event::Ignored;
                };
                (m.0, m.1)
            }
        };
        // F4's version popped the evicted item's heap entry above (one entry per counter).
        self.counters.retain(|c| c.0 != evicted);
        self.counters.push((item, min + 1, min, self.clock));
        if doc {
            self.heap.insert((min + 1, name.to_string(), item));
        }
        Event::Replaced {
            evicted,
            inherited: min,
        }
    }

    /// The counters sorted by count, descending (stable: insertion order among equals).
    pub fn top(&self) -> Vec<Entry> {
        let mut out: Vec<Entry> = self
            .counters
            .iter()
            .map(|c| Entry {
                item: c.0,
                count: c.1,
                error: c.2,
            })
            .collect();
        out.sort_by_key(|e| std::cmp::Reverse(e.count));
        out
    }
}
