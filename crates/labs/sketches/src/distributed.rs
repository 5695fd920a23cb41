//! Distributed top-K (catalogue M6.6; F4 §23 MapReduce): each mapper keeps a local top-K
//! (`TopKHeavyHitter`) of its chunk; the reducer sums the counts of the local lists and takes the
//! K largest. An item just below the cut in every partition contributes nothing, so a global
//! leader can be missed. Sending every count, or the sketches themselves (summed cell by cell and
//! queried for every item), does not lose it.

use crate::cms::{CountMin, Update};
use crate::hash::{Family, Hashes};
use crate::stream::Stream;
use crate::topk::{CmsHeap, Entry};
use rand::RngExt;
use serde::{Deserialize, Serialize};

/// One partition's stream over the shared item names.
pub type Partition = Vec<u32>;

/// The catalogue's example: k = 1; P1 = x ×10, y ×9; P2 = z ×10, y ×9.
pub fn example() -> (Stream, Vec<Partition>) {
    let mut names = Stream::default();
    for n in ["x", "y", "z"] {
        names.push(n, 0);
    }
    let p1: Partition = [vec![0; 10], vec![1; 9]].concat();
    let p2: Partition = [vec![2; 10], vec![1; 9]].concat();
    (names, vec![p1, p2])
}

/// `partitions` chunks, each with `k` local leaders of its own (`p1-a`, …) at counts
/// `lead, lead − 1, …`, and one item `spread` with `lead − k` in every chunk (just below each
/// local cut), plus `noise` seeded singletons; each chunk shuffled.
pub fn planted(
    partitions: usize,
    k: usize,
    lead: u32,
    noise: u32,
    seed: u64,
) -> (Stream, Vec<Partition>) {
    let mut s = Stream::default();
    s.push("spread", 0);
    let mut rng = sdp_kit::rng::seeded(seed);
    let mut parts = Vec::new();
    for p in 0..partitions {
        let mut items: Partition = Vec::new();
        for j in 0..k {
            s.push(&format!("p{}-{}", p + 1, (b'a' + j as u8) as char), 0);
            let id = (s.names.len() - 1) as u32;
            items.extend(std::iter::repeat_n(
                id,
                lead.saturating_sub(j as u32) as usize,
            ));
        }
        items.extend(std::iter::repeat_n(
            0,
            lead.saturating_sub(k as u32).max(1) as usize,
        ));
        for n in 0..noise {
            s.push(&format!("p{}-n{n}", p + 1), 0);
            items.push((s.names.len() - 1) as u32);
        }
        for i in (1..items.len()).rev() {
            items.swap(i, rng.random_range(0..=i));
        }
        parts.push(items);
    }
    (s, parts)
}

/// What the three ways of merging give.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merged {
    /// Each partition's local top-K (F4's mapper output), count descending.
    pub local: Vec<Vec<Entry>>,
    /// F4's reducer: the summed local lists, K largest (ties in first-seen order).
    pub reduced: Vec<Entry>,
    /// Every partition's counts summed: the exact top-K.
    pub exact: Vec<Entry>,
    /// The sketches summed and queried for every item.
    pub sketched: Vec<Entry>,
    /// All summed local-list entries (the reducer's table), first-seen order.
    pub table: Vec<Entry>,
}

fn largest(mut entries: Vec<Entry>, k: usize) -> Vec<Entry> {
    // Stable: equal counts keep their first-seen order, like heapq.nlargest.
    entries.sort_by_key(|e| std::cmp::Reverse(e.count));
    entries.truncate(k);
    entries
}

/// Runs the mappers (sketch `width × depth`, murmur3) and the three reducers.
pub fn run(names: &Stream, parts: &[Partition], k: usize, width: usize, depth: usize) -> Merged {
    let hashes = Hashes::new(Family::Murmur3, depth, width, 0);
    let mut local = Vec::new();
    let mut merged = CountMin::new(hashes.clone(), Update::Standard);
    let mut exact = vec![0u64; names.names.len()];
    for p in parts {
        let mut m = CmsHeap::new(k, hashes.clone());
        for &i in p {
            m.add(i, names.name(i));
            exact[i as usize] += 1;
        }
        merged.merge(&m.cms);
        local.push(m.top());
    }
    let mut table: Vec<Entry> = Vec::new();
    for list in &local {
        for e in list {
            match table.iter_mut().find(|t| t.item == e.item) {
                Some(t) => t.count += e.count,
                None => table.push(e.clone()),
            }
        }
    }
    let all = |counts: &dyn Fn(u32) -> u64| {
        (0..names.names.len() as u32)
            .map(|i| Entry {
                item: i,
                count: counts(i),
                error: 0,
            })
            .filter(|e| e.count > 0)
            .collect::<Vec<_>>()
    };
    Merged {
        local,
        reduced: largest(table.clone(), k),
        exact: largest(all(&|i| exact[i as usize]), k),
        sketched: largest(
            all(&|i| {
                if exact[i as usize] > 0 {
                    merged.estimate(names.name(i))
                } else {
                    0
                }
            }),
            k,
        ),
        table,
    }
}
