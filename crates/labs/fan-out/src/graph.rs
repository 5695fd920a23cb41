//! The follow graph: a seeded power-law follower distribution, CSR adjacency in both
//! directions (`Vec<u32>` offsets and targets), and the users who never read their feed.
//!
//! Users are numbered `0 … users−1` by popularity rank: followees are drawn from a continuous
//! power law over ranks, so user 0 is (almost always) the most-followed account, and a few low
//! ids hold a large share of all follow edges. Every user follows `follows / users` others
//! (plus one for a seeded subset, so the total is exact), never themselves, never twice.
//!
//! ```
//! use sdp_lab_fan_out::graph::{Graph, GraphSpec};
//! let spec = GraphSpec { users: 1000, follows: 10_000, skew: 1.0, inactive: 0.3 };
//! let g = Graph::generate(&spec, &mut sdp_kit::rng::seeded(7));
//! assert_eq!(g.follows(), 10_000);
//! assert!(g.follower_count(0) > 100); // a celebrity
//! assert!(g.followers(0).windows(2).all(|w| w[0] < w[1]));
//! ```

use rand::RngExt;
use sdp_kit::detmath;
use sdp_kit::rng::LabRng;
use serde::{Deserialize, Serialize};

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GraphSpec {
    /// Number of users (at least 1 for a non-empty graph).
    pub users: u32,
    /// Number of follow edges; clamped to `users·(users−1)`.
    pub follows: u32,
    /// Power-law exponent of the followee draw over popularity ranks (0 = uniform, 1 = Zipf).
    pub skew: f64,
    /// Share of users who never read their feed, in `[0, 1]`.
    pub inactive: f64,
}

/// A follow graph in compressed sparse row form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Graph {
    users: u32,
    followers_off: Vec<u32>,
    followers: Vec<u32>,
    followees_off: Vec<u32>,
    followees: Vec<u32>,
    active: Vec<bool>,
}

/// One bar of the follower-count histogram.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistBin {
    /// Smallest follower count in the bin.
    pub lo: u32,
    /// Largest follower count in the bin (inclusive).
    pub hi: u32,
    /// Users whose follower count is in `lo..=hi`.
    pub users: u32,
    /// Follow edges pointing at those users (the sum of their follower counts).
    pub edges: u64,
}

/// Draws popularity ranks `0 … n−1` with density ∝ x^(−skew) on `[1, n+1)` (inverse transform).
struct PowerLaw {
    n: u32,
    skew: f64,
    a: f64,
    ln_n1: f64,
}

impl PowerLaw {
    fn new(n: u32, skew: f64) -> Self {
        let n1 = f64::from(n) + 1.0;
        PowerLaw {
            n,
            skew,
            a: detmath::pow(n1, 1.0 - skew),
            ln_n1: detmath::ln(n1),
        }
    }

    fn sample(&self, u: f64) -> u32 {
        let x = if (self.skew - 1.0).abs() < 1e-9 {
            detmath::exp(u * self.ln_n1)
        } else {
            detmath::pow(1.0 - u + u * self.a, 1.0 / (1.0 - self.skew))
        };
        // `as` saturates (NaN → 0), so this never panics.
        ((x as u32).saturating_sub(1)).min(self.n.saturating_sub(1))
    }
}

impl Graph {
    /// Generates a graph from `spec` with `rng` (the follow edges first, then the inactive flags).
    pub fn generate(spec: &GraphSpec, rng: &mut LabRng) -> Graph {
        let n = spec.users;
        if n == 0 {
            return Graph {
                followers_off: vec![0],
                followees_off: vec![0],
                ..Graph::default()
            };
        }
        let max_edges = u64::from(n) * u64::from(n - 1);
        let edges = u64::from(spec.follows).min(max_edges) as u32;
        let base = edges / n;
        let extra = edges % n;
        let shift = rng.random_range(0..n);
        let mut followees_off = Vec::with_capacity(n as usize + 1);
        followees_off.push(0u32);
        let mut total = 0u32;
        for v in 0..n {
            let bonus = u32::from((v + n - shift) % n < extra);
            total += base + bonus;
            followees_off.push(total);
        }
        let law = PowerLaw::new(n, spec.skew);
        let mut followees = Vec::with_capacity(edges as usize);
        let mut mark = vec![0u32; n as usize];
        for v in 0..n {
            let d = (followees_off[v as usize + 1] - followees_off[v as usize]) as usize;
            let from = followees.len();
            draw_followees(v, d, &law, &mut mark, &mut followees, rng);
            followees[from..].sort_unstable();
        }
        let (followers_off, followers) = transpose(n, &followees_off, &followees);
        let active = (0..n)
            .map(|_| rng.random::<f64>() >= spec.inactive)
            .collect();
        Graph {
            users: n,
            followers_off,
            followers,
            followees_off,
            followees,
            active,
        }
    }

    /// Builds a graph from explicit edges `(follower, followee)`; self-follows, duplicates and
    /// out-of-range ids are dropped. Every user is active unless listed in `inactive`.
    ///
    /// ```
    /// let g = sdp_lab_fan_out::graph::Graph::from_edges(3, &[(1, 0), (2, 0), (2, 0), (0, 0)], &[2]);
    /// assert_eq!(g.followers(0), &[1, 2]);
    /// assert!(!g.is_active(2));
    /// ```
    pub fn from_edges(users: u32, edges: &[(u32, u32)], inactive: &[u32]) -> Graph {
        let mut lists: Vec<Vec<u32>> = vec![Vec::new(); users as usize];
        for &(a, b) in edges {
            if a != b && a < users && b < users {
                lists[a as usize].push(b);
            }
        }
        let mut followees_off = vec![0u32];
        let mut followees = Vec::new();
        for list in &mut lists {
            list.sort_unstable();
            list.dedup();
            followees.extend_from_slice(list);
            followees_off.push(followees.len() as u32);
        }
        let (followers_off, followers) = transpose(users, &followees_off, &followees);
        let mut active = vec![true; users as usize];
        for &u in inactive {
            if let Some(a) = active.get_mut(u as usize) {
                *a = false;
            }
        }
        Graph {
            users,
            followers_off,
            followers,
            followees_off,
            followees,
            active,
        }
    }

    /// Number of users.
    pub fn users(&self) -> u32 {
        self.users
    }

    /// Number of follow edges.
    pub fn follows(&self) -> u32 {
        self.followees.len() as u32
    }

    /// Who follows `user` (ascending ids): the feeds a push writes into. Empty if out of range.
    pub fn followers(&self, user: u32) -> &[u32] {
        slice(&self.followers_off, &self.followers, user)
    }

    /// Whom `user` follows (ascending ids): the sources a pull merges. Empty if out of range.
    pub fn followees(&self, user: u32) -> &[u32] {
        slice(&self.followees_off, &self.followees, user)
    }

    /// Number of followers of `user`.
    pub fn follower_count(&self, user: u32) -> u32 {
        self.followers(user).len() as u32
    }

    /// Whether `user` reads their feed (inactive users never do; writes to them are wasted).
    pub fn is_active(&self, user: u32) -> bool {
        self.active.get(user as usize).copied().unwrap_or(false)
    }

    /// Number of inactive users.
    pub fn inactive_count(&self) -> u32 {
        self.active.iter().filter(|a| !**a).count() as u32
    }

    /// Active users, ascending.
    pub fn active_users(&self) -> Vec<u32> {
        (0..self.users).filter(|&u| self.is_active(u)).collect()
    }

    /// The `k` most-followed users, most followed first (ties: lower id first).
    pub fn top(&self, k: usize) -> Vec<u32> {
        let mut best: Vec<u32> = Vec::with_capacity(k + 1);
        for u in 0..self.users {
            let c = self.follower_count(u);
            let pos = best.partition_point(|&b| self.follower_count(b) >= c);
            if pos < k {
                best.insert(pos, u);
                best.truncate(k);
            }
        }
        best
    }

    /// Follower-count histogram in powers of two: `0`, `1`, `2–3`, `4–7`, …, up to the largest.
    pub fn histogram(&self) -> Vec<HistBin> {
        let mut bins: Vec<HistBin> = Vec::new();
        for u in 0..self.users {
            let c = self.follower_count(u);
            let k = (32 - c.leading_zeros()) as usize;
            while bins.len() <= k {
                let i = bins.len() as u32;
                let (lo, hi) = if i == 0 {
                    (0, 0)
                } else {
                    (1u32 << (i - 1), ((1u64 << i) - 1) as u32)
                };
                bins.push(HistBin {
                    lo,
                    hi,
                    users: 0,
                    edges: 0,
                });
            }
            bins[k].users += 1;
            bins[k].edges += u64::from(c);
        }
        bins
    }

    /// Median follower count (lower median); 0 for an empty graph.
    pub fn median_followers(&self) -> u32 {
        let mut counts: Vec<u32> = (0..self.users).map(|u| self.follower_count(u)).collect();
        if counts.is_empty() {
            return 0;
        }
        let mid = (counts.len() - 1) / 2;
        *counts.select_nth_unstable(mid).1
    }
}

fn slice<'a>(off: &[u32], data: &'a [u32], user: u32) -> &'a [u32] {
    let i = user as usize;
    match (off.get(i), off.get(i + 1)) {
        (Some(&a), Some(&b)) => data.get(a as usize..b as usize).unwrap_or(&[]),
        _ => &[],
    }
}

/// Appends `d` distinct followees of `v` (never `v`): power-law draws with rejection, then a
/// sequential sweep from a random start if the draws keep colliding (dense graphs).
fn draw_followees(
    v: u32,
    d: usize,
    law: &PowerLaw,
    mark: &mut [u32],
    out: &mut Vec<u32>,
    rng: &mut LabRng,
) {
    let n = mark.len() as u32;
    let stamp = v + 1;
    let mut got = 0;
    let mut attempts = 0;
    let max_attempts = 8 * d + 64;
    while got < d && attempts < max_attempts {
        attempts += 1;
        let u = law.sample(rng.random::<f64>());
        if u != v && mark[u as usize] != stamp {
            mark[u as usize] = stamp;
            out.push(u);
            got += 1;
        }
    }
    if got < d {
        let mut u = rng.random_range(0..n);
        while got < d {
            if u != v && mark[u as usize] != stamp {
                mark[u as usize] = stamp;
                out.push(u);
                got += 1;
            }
            u = (u + 1) % n;
        }
    }
}

/// Reverses a CSR adjacency: for each target, its sources in ascending order.
fn transpose(n: u32, off: &[u32], targets: &[u32]) -> (Vec<u32>, Vec<u32>) {
    let mut counts = vec![0u32; n as usize + 1];
    for &t in targets {
        counts[t as usize + 1] += 1;
    }
    for i in 0..n as usize {
        counts[i + 1] += counts[i];
    }
    let rev_off = counts.clone();
    let mut fill = counts;
    let mut rev = vec![0u32; targets.len()];
    for v in 0..n as usize {
        for &t in &targets[off[v] as usize..off[v + 1] as usize] {
            let slot = &mut fill[t as usize];
            rev[*slot as usize] = v as u32;
            *slot += 1;
        }
    }
    (rev_off, rev)
}
