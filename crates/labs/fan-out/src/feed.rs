//! Feed caches and the newest-first merge.
//!
//! **Feed order.** A feed lists posts newest first: by post time descending, then post id
//! descending. Post ids are handed out in time order (like Snowflake ids, M7.10), so the order is
//! simply post id descending, and every list here stores ids ascending and is read from the end.

use std::collections::BinaryHeap;

/// One user's feed cache (`feed:{user_id}`, a sorted set keeping the newest `cap` posts).
///
/// ```
/// use sdp_lab_fan_out::feed::FeedCache;
/// let mut c = FeedCache::default();
/// for p in [5, 1, 9, 3] {
///     c.insert(p, 3);
/// }
/// assert_eq!(c.as_slice(), &[3, 5, 9]); // 1 was trimmed: only the newest 3 stay
/// assert_eq!(c.newest(2).collect::<Vec<_>>(), vec![9, 5]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeedCache {
    buf: Vec<u32>,
    start: usize,
}

/// What one insert did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Inserted {
    /// The post trimmed off the old end to keep the cap (maybe the inserted post itself).
    pub evicted: Option<u32>,
    /// False if the post was already there (nothing changed).
    pub added: bool,
}

impl FeedCache {
    /// Adds `post` in order (ZADD), then trims the oldest beyond `cap` (ZREMRANGEBYRANK).
    pub fn insert(&mut self, post: u32, cap: usize) -> Inserted {
        let live = &self.buf[self.start..];
        match live.last() {
            Some(&last) if last >= post => {
                let at = live.partition_point(|&p| p < post);
                if live.get(at) == Some(&post) {
                    return Inserted {
                        evicted: None,
                        added: false,
                    };
                }
                self.buf.insert(self.start + at, post);
            }
            _ => self.buf.push(post),
        }
        let mut evicted = None;
        if self.len() > cap.max(1) {
            evicted = Some(self.buf[self.start]);
            self.start += 1;
            if self.start >= 64 && self.start * 2 >= self.buf.len() {
                self.buf.drain(..self.start);
                self.start = 0;
            }
        }
        Inserted {
            evicted,
            added: true,
        }
    }

    /// Number of posts held.
    pub fn len(&self) -> usize {
        self.buf.len() - self.start
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The posts held, oldest first.
    pub fn as_slice(&self) -> &[u32] {
        &self.buf[self.start..]
    }

    /// The newest `n` posts, newest first (a feed load).
    pub fn newest(&self, n: usize) -> impl Iterator<Item = u32> + '_ {
        self.as_slice().iter().rev().take(n).copied()
    }
}

/// Merges lists of post ids (each ascending, pairwise disjoint) newest first.
///
/// ```
/// let mut m = sdp_lab_fan_out::feed::Merger::default();
/// let mut out = Vec::new();
/// m.merge(&[&[1, 4, 9], &[2, 3], &[]], 4, &mut out);
/// assert_eq!(out, vec![(9, 0), (4, 0), (3, 1), (2, 1)]);
/// ```
#[derive(Debug, Default)]
pub struct Merger {
    heap: BinaryHeap<(u32, u32, u32)>,
}

impl Merger {
    /// Appends to `out` up to `limit` `(post, source index)` pairs, newest first.
    pub fn merge(&mut self, sources: &[&[u32]], limit: usize, out: &mut Vec<(u32, u32)>) {
        self.merge_by(
            sources.len(),
            |i| sources.get(i).copied().unwrap_or(&[]),
            limit,
            out,
        );
    }

    /// Like [`Merger::merge`], with source `i` (of `count`) given by `list(i)`.
    pub fn merge_by<'a>(
        &mut self,
        count: usize,
        list: impl Fn(usize) -> &'a [u32],
        limit: usize,
        out: &mut Vec<(u32, u32)>,
    ) {
        let mut start = std::mem::take(&mut self.heap).into_vec();
        start.clear();
        if limit > 0 {
            for s in 0..count {
                let l = list(s);
                if let Some(&last) = l.last() {
                    start.push((last, s as u32, l.len() as u32 - 1));
                }
            }
        }
        self.heap = BinaryHeap::from(start);
        let mut taken = 0;
        while taken < limit {
            let Some((post, s, at)) = self.heap.pop() else {
                break;
            };
            out.push((post, s));
            taken += 1;
            if at > 0 {
                if let Some(&next) = list(s as usize).get(at as usize - 1) {
                    self.heap.push((next, s, at - 1));
                }
            }
        }
    }
}

/// How many posts of `truth` (newest first) are missing from `got` (newest first).
///
/// ```
/// assert_eq!(sdp_lab_fan_out::feed::missing(&[9, 7, 5], &[9, 5, 2]), 1);
/// ```
pub fn missing(truth: &[u32], got: &[u32]) -> u32 {
    let (mut i, mut j, mut miss) = (0, 0, 0);
    while i < truth.len() {
        match got.get(j) {
            Some(&g) if g > truth[i] => j += 1,
            Some(&g) if g == truth[i] => {
                i += 1;
                j += 1;
            }
            _ => {
                miss += 1;
                i += 1;
            }
        }
    }
    miss
}
