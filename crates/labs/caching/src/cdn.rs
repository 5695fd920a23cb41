//! CDN tiers (M8.16): edge caches → regional caches → origin, each an LRU. A request at an
//! edge is served by the edge, else by its region (copied into the edge), else by the origin
//! (copied into both): the long tail is pulled on first access. "Push" pre-populates the most
//! popular objects at every edge and region, pinned, taking part of each cache's capacity.

use crate::policy::{Cache, Lru};
use rand::RngExt;
use sdp_kit::detmath;
use sdp_kit::rng::seeded;
use serde::{Deserialize, Serialize};

/// Which tier served a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tier {
    /// The edge the user reached.
    Edge,
    /// That edge's region.
    Regional,
    /// The origin.
    Origin,
}

/// The workload and the tiers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Config {
    /// Objects; object `i` has popularity rank `i + 1`.
    pub objects: u32,
    /// Zipf exponent.
    pub skew: f64,
    /// Requests.
    pub requests: u32,
    /// Edges.
    pub edges: u32,
    /// Regions (edge `e` belongs to region `e mod regions`).
    pub regions: u32,
    /// Objects an edge holds.
    pub edge_cap: u32,
    /// Objects a region holds.
    pub region_cap: u32,
    /// Most popular objects pushed to every edge and region (0: pull only).
    pub push: u32,
}

/// One request: (edge, object).
pub type Request = (u32, u32);

/// The seeded requests: a uniform edge and a Zipf object each.
pub fn requests(c: &Config, seed: u64) -> Vec<Request> {
    let n = c.objects.max(1) as usize;
    let mut cdf = Vec::with_capacity(n);
    let mut total = 0.0;
    for r in 1..=n {
        total += 1.0 / detmath::pow(r as f64, c.skew);
        cdf.push(total);
    }
    let mut rng = seeded(seed ^ 0xcd);
    (0..c.requests)
        .map(|_| {
            let e = rng.random_range(0..c.edges.max(1));
            let u = rng.random::<f64>() * total;
            (e, cdf.partition_point(|&x| x <= u).min(n - 1) as u32)
        })
        .collect()
}

struct Node {
    lru: Lru,
    pinned: u32,
}

impl Node {
    fn new(cap: u32, pinned: u32, universe: usize) -> Self {
        Node {
            lru: Lru::new(cap.saturating_sub(pinned).max(1) as usize, universe),
            pinned,
        }
    }

    fn holds(&self, o: u32) -> bool {
        o < self.pinned || self.lru.contains(o)
    }

    fn fill(&mut self, o: u32) {
        if o >= self.pinned {
            self.lru.access(0, o);
        }
    }

    fn touch(&mut self, o: u32) {
        if o >= self.pinned {
            self.lru.access(0, o);
        }
    }
}

/// Which tier served each request, pulling only (`push` = 0) or with `c.push` objects pushed.
pub fn run(c: &Config, push: u32, reqs: &[Request]) -> Vec<Tier> {
    let u = c.objects.max(1) as usize;
    let mut edges: Vec<Node> = (0..c.edges.max(1))
        .map(|_| Node::new(c.edge_cap, push, u))
        .collect();
    let mut regions: Vec<Node> = (0..c.regions.max(1))
        .map(|_| Node::new(c.region_cap, push, u))
        .collect();
    let nr = regions.len() as u32;
    reqs.iter()
        .map(|&(e, o)| {
            let edge = &mut edges[e as usize];
            if edge.holds(o) {
                edge.touch(o);
                return Tier::Edge;
            }
            let region = &mut regions[(e % nr) as usize];
            let tier = if region.holds(o) {
                region.touch(o);
                Tier::Regional
            } else {
                region.fill(o);
                Tier::Origin
            };
            edges[e as usize].fill(o);
            tier
        })
        .collect()
}

/// Share of requests for the most popular `top` share of the objects (F4 §5: 80 % of views on
/// 10 % of the videos).
pub fn top_share(reqs: &[Request], objects: u32, top: f64) -> f64 {
    let cut = (f64::from(objects) * top).ceil() as u32;
    reqs.iter().filter(|r| r.1 < cut).count() as f64 / reqs.len().max(1) as f64
}
