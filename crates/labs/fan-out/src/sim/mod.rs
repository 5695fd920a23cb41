//! The fan-out simulation: push, pull and hybrid run side by side on one workload.
//!
//! Time goes in ticks. In each tick, first the tick's event happens (a post or a feed read),
//! then each fan-out engine's `workers` take one batch each from the head of its FIFO queue and
//! write the post into up to `batch` followers' caches. A write made in tick `c` is seen by
//! reads from tick `c + 1` on; a post published in tick `t` and fully written in tick `c` has a
//! visibility latency of `c − t` ticks. Pull (and hybrid's celebrity posts) are never queued:
//! their latency is 0.
//!
//! ```
//! use sdp_lab_fan_out::graph::Graph;
//! use sdp_lab_fan_out::sim::{Event, SimConfig, Simulation, Strategy};
//! // 1 and 2 follow 0; 2 follows 1.
//! let g = Graph::from_edges(3, &[(1, 0), (2, 0), (2, 1)], &[]);
//! let mut sim = Simulation::new(&g, SimConfig { threshold: 2, ..SimConfig::default() });
//! sim.tick(Some(Event::Post(0)), None); // a celebrity: hybrid leaves it for read time
//! sim.tick(Some(Event::Post(1)), None);
//! sim.drain();
//! for s in Strategy::ALL {
//!     assert_eq!(sim.feed(s, 2), vec![1, 0]);
//! }
//! assert_eq!(sim.stats(Strategy::Push).feed_writes, 3);
//! assert_eq!(sim.stats(Strategy::Hybrid).feed_writes, 1);
//! ```

use crate::feed::{FeedCache, Merger};
use crate::graph::Graph;
use crate::state::{BatchView, FeedTarget, PostView, ReadView, Route};
use crate::{BATCH_TARGETS, SAMPLE_TARGETS};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

mod read;

/// A fan-out strategy (M7.1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Strategy {
    /// Fan-out on write: every post is written into every follower's cache.
    #[default]
    Push,
    /// Fan-out on read: a feed load merges the posts of everyone followed.
    Pull,
    /// Push below the celebrity threshold, pull celebrities at read time.
    Hybrid,
}

impl Strategy {
    /// All three, in the order of [`Strategy::index`].
    pub const ALL: [Strategy; 3] = [Strategy::Push, Strategy::Pull, Strategy::Hybrid];

    /// Position in [`Strategy::ALL`] and in the stats arrays.
    pub fn index(self) -> usize {
        match self {
            Strategy::Push => 0,
            Strategy::Pull => 1,
            Strategy::Hybrid => 2,
        }
    }

    /// URL and display name: `push`, `pull`, `hybrid`.
    pub fn as_str(self) -> &'static str {
        match self {
            Strategy::Push => "push",
            Strategy::Pull => "pull",
            Strategy::Hybrid => "hybrid",
        }
    }

    /// Parses [`Strategy::as_str`].
    pub fn parse(s: &str) -> Option<Strategy> {
        Strategy::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// One workload event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    /// This user publishes a post.
    Post(u32),
    /// This user loads their feed.
    Read(u32),
}

/// Simulation settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SimConfig {
    /// Users with at least this many followers are celebrities (hybrid pulls them).
    pub threshold: u32,
    /// Feed-cache cap (newest entries kept).
    pub cache: u32,
    /// Posts per feed load.
    pub page: u32,
    /// Fan-out workers per engine; each takes one batch per tick.
    pub workers: u32,
    /// Followers written per batch.
    pub batch: u32,
    /// Rank detailed reads (M7.3 funnel).
    pub ranking: bool,
    /// Seed of the ranking probabilities.
    pub seed: u64,
    /// Keep a log of every feed write `(follower, post)` (for tests).
    pub record_writes: bool,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            threshold: 10_000,
            cache: 500,
            page: 50,
            workers: 4,
            batch: 100,
            ranking: false,
            seed: 0,
            record_writes: false,
        }
    }
}

/// Counters of one strategy. Derived figures: [`StrategyStats::writes_per_post`],
/// [`StrategyStats::sources_per_read`], [`StrategyStats::mean_latency`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrategyStats {
    /// Posts published.
    pub posts: u64,
    /// Posts that went through the fan-out queue.
    pub pushed_posts: u64,
    /// Posts left to be merged at read time (pull: all; hybrid: celebrity posts).
    pub pulled_posts: u64,
    /// Entries written into feed caches (write amplification = this / posts).
    pub feed_writes: u64,
    /// Of which into inactive users' caches: wasted.
    pub wasted_writes: u64,
    /// Entries trimmed off caches to keep the cap.
    pub evictions: u64,
    /// Entries held in all feed caches now (storage).
    pub cache_entries: u64,
    /// Longest feed cache seen (never above the cap).
    pub max_cache_len: u32,
    /// Feed reads.
    pub reads: u64,
    /// Sources merged over all reads (a cache or a followee's post list each count 1).
    pub sources_merged: u64,
    /// Most sources merged by one read.
    pub max_sources: u32,
    /// Reads that missed at least one post the pull feed showed (not fanned out yet).
    pub stale_reads: u64,
    /// Posts missed over all reads.
    pub missing_posts: u64,
    /// Posts now visible to all their followers.
    pub visible_posts: u64,
    /// Sum of their visibility latencies, in ticks.
    pub latency_sum: u64,
    /// Largest visibility latency, in ticks.
    pub latency_max: u64,
    /// Feed writes waiting in the queue now (the backlog).
    pub backlog_writes: u64,
    /// Jobs in the queue now.
    pub backlog_jobs: u64,
    /// Largest backlog seen, in writes.
    pub peak_backlog: u64,
    /// Backlog right after the latest celebrity post (`None` before any).
    pub backlog_after_celebrity: Option<u64>,
}

impl StrategyStats {
    /// Feed writes per post (write amplification); 0 before any post.
    pub fn writes_per_post(&self) -> f64 {
        ratio(self.feed_writes, self.posts)
    }

    /// Sources merged per read; 0 before any read.
    pub fn sources_per_read(&self) -> f64 {
        ratio(self.sources_merged, self.reads)
    }

    /// Mean visibility latency of the posts visible to all, in ticks.
    pub fn mean_latency(&self) -> f64 {
        ratio(self.latency_sum, self.visible_posts)
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// What happened in one tick to the strategy asked for (empty parts when not asked).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TickDetail {
    /// The post event, if the tick had one.
    pub post: Option<PostView>,
    /// The read event, if the tick had one.
    pub read: Option<ReadView>,
    /// The batches the focused strategy's workers wrote.
    pub batches: Vec<BatchView>,
}

#[derive(Clone, Copy, Debug)]
struct Job {
    post: u32,
    author: u32,
    tick: u64,
    done: u32,
    total: u32,
}

#[derive(Debug, Default)]
struct Engine {
    queue: VecDeque<Job>,
    caches: Vec<FeedCache>,
    pending: u64,
    pushed: Vec<u32>,
    log: Option<Vec<(u32, u32)>>,
}

/// The three strategies over one graph.
#[derive(Debug)]
pub struct Simulation<'g> {
    g: &'g Graph,
    cfg: SimConfig,
    celebrity: Vec<bool>,
    celeb_off: Vec<u32>,
    celeb_followees: Vec<u32>,
    post_author: Vec<u32>,
    post_tick: Vec<u64>,
    by_author: Vec<Vec<u32>>,
    /// Bit `a` is set once author `a` has posted (a dense filter before `by_author`).
    has_posts: Vec<u64>,
    /// Push (0) and hybrid (1).
    engines: [Engine; 2],
    stats: [StrategyStats; 3],
    tick: u64,
    merger: Merger,
    merged: Vec<(u32, u32)>,
}

/// Index into `engines` of a queueing strategy.
fn engine_of(s: Strategy) -> Option<usize> {
    match s {
        Strategy::Push => Some(0),
        Strategy::Pull => None,
        Strategy::Hybrid => Some(1),
    }
}

const ENGINE_STRATEGY: [Strategy; 2] = [Strategy::Push, Strategy::Hybrid];

impl<'g> Simulation<'g> {
    /// A simulation at tick 0 with empty caches.
    pub fn new(g: &'g Graph, cfg: SimConfig) -> Self {
        let n = g.users();
        let celebrity: Vec<bool> = (0..n)
            .map(|u| g.follower_count(u) >= cfg.threshold)
            .collect();
        let mut celeb_off = Vec::with_capacity(n as usize + 1);
        let mut celeb_followees = Vec::new();
        celeb_off.push(0);
        for u in 0..n {
            celeb_followees.extend(g.followees(u).iter().filter(|&&f| celebrity[f as usize]));
            celeb_off.push(celeb_followees.len() as u32);
        }
        let engine = || Engine {
            caches: vec![FeedCache::default(); n as usize],
            log: cfg.record_writes.then(Vec::new),
            ..Engine::default()
        };
        Simulation {
            g,
            cfg,
            celebrity,
            celeb_off,
            celeb_followees,
            post_author: Vec::new(),
            post_tick: Vec::new(),
            by_author: vec![Vec::new(); n as usize],
            has_posts: vec![0; (n as usize).div_ceil(64)],
            engines: [engine(), engine()],
            stats: [StrategyStats::default(); 3],
            tick: 0,
            merger: Merger::default(),
            merged: Vec::new(),
        }
    }

    /// The next tick to run (ticks run so far).
    pub fn now(&self) -> u64 {
        self.tick
    }

    /// Counters of `s`.
    pub fn stats(&self, s: Strategy) -> StrategyStats {
        self.stats[s.index()]
    }

    /// Counters of push, pull and hybrid.
    pub fn all_stats(&self) -> [StrategyStats; 3] {
        self.stats
    }

    /// Whether `user` is a celebrity (followers ≥ threshold).
    pub fn is_celebrity(&self, user: u32) -> bool {
        self.celebrity.get(user as usize).copied().unwrap_or(false)
    }

    /// Number of celebrities.
    pub fn celebrity_count(&self) -> u32 {
        self.celebrity.iter().filter(|c| **c).count() as u32
    }

    /// Author of each post so far, by post id.
    pub fn post_authors(&self) -> &[u32] {
        &self.post_author
    }

    /// Posts `s` sent through its fan-out queue, in publication order (empty for pull).
    pub fn pushed_posts(&self, s: Strategy) -> &[u32] {
        engine_of(s).map_or(&[], |e| &self.engines[e].pushed)
    }

    /// Every feed write `(follower, post)` of `s`, if [`SimConfig::record_writes`] was set.
    pub fn write_log(&self, s: Strategy) -> Option<&[(u32, u32)]> {
        engine_of(s).and_then(|e| self.engines[e].log.as_deref())
    }

    /// The feed cache of `user` under `s` (`None` for pull or an unknown user).
    pub fn cache(&self, s: Strategy, user: u32) -> Option<&FeedCache> {
        engine_of(s).and_then(|e| self.engines[e].caches.get(user as usize))
    }

    /// True when both fan-out queues are empty.
    pub fn is_quiescent(&self) -> bool {
        self.engines.iter().all(|e| e.queue.is_empty())
    }

    /// Runs one tick: the event (if any), then every engine's workers. Details are collected
    /// for `detail` only.
    pub fn tick(&mut self, event: Option<Event>, detail: Option<Strategy>) -> TickDetail {
        let mut out = match event {
            Some(e) => self.event(e, detail),
            None => TickDetail::default(),
        };
        out.batches = self.run_workers(detail);
        out
    }

    /// The first half of a tick: a post is stored and queued, or a feed is read. Follow it
    /// with [`Simulation::run_workers`] to finish the tick.
    pub fn event(&mut self, event: Event, detail: Option<Strategy>) -> TickDetail {
        let mut out = TickDetail::default();
        match event {
            Event::Post(a) => out.post = self.post(a, detail),
            Event::Read(u) => out.read = self.read(u, detail),
        }
        out
    }

    /// The second half of a tick: each engine's workers take one batch each; then the clock
    /// advances. Returns the batches of `detail` (empty for pull or `None`).
    pub fn run_workers(&mut self, detail: Option<Strategy>) -> Vec<BatchView> {
        let mut batches = Vec::new();
        for (e, s) in ENGINE_STRATEGY.into_iter().enumerate() {
            let want = detail == Some(s);
            self.work(e, want.then_some(&mut batches));
        }
        self.tick += 1;
        batches
    }

    /// Runs event-free ticks until both queues are empty; returns the ticks run.
    pub fn drain(&mut self) -> u64 {
        let from = self.tick;
        while !self.is_quiescent() {
            self.tick(None, None);
        }
        self.tick - from
    }

    /// Lets `ticks` event-free ticks pass (skipping ahead once the queues are empty).
    pub fn idle(&mut self, ticks: u64) {
        let end = self.tick.saturating_add(ticks);
        while self.tick < end && !self.is_quiescent() {
            self.tick(None, None);
        }
        self.tick = self.tick.max(end);
    }

    fn post(&mut self, author: u32, detail: Option<Strategy>) -> Option<PostView> {
        let g = self.g;
        if author >= g.users() {
            return None;
        }
        let post = self.post_author.len() as u32;
        self.post_author.push(author);
        self.post_tick.push(self.tick);
        self.by_author[author as usize].push(post);
        self.has_posts[author as usize / 64] |= 1 << (author % 64);
        let celeb = self.is_celebrity(author);
        for s in &mut self.stats {
            s.posts += 1;
        }
        let pull = &mut self.stats[Strategy::Pull.index()];
        pull.pulled_posts += 1;
        pull.visible_posts += 1;
        let push_route = self.enqueue(0, post, author);
        let hybrid_route = if celeb {
            let h = &mut self.stats[Strategy::Hybrid.index()];
            h.pulled_posts += 1;
            h.visible_posts += 1;
            Route::CelebrityPull
        } else {
            self.enqueue(1, post, author)
        };
        if celeb {
            for s in Strategy::ALL {
                let backlog = engine_of(s).map_or(0, |e| self.engines[e].pending);
                self.stats[s.index()].backlog_after_celebrity = Some(backlog);
            }
        }
        let s = detail?;
        let followers = g.followers(author);
        Some(PostView {
            post,
            author,
            followers: followers.len() as u32,
            inactive_followers: followers.iter().filter(|&&f| !g.is_active(f)).count() as u32,
            celebrity: celeb,
            route: match s {
                Strategy::Push => push_route,
                Strategy::Pull => Route::StoredForPull,
                Strategy::Hybrid => hybrid_route,
            },
            sample: followers.iter().take(SAMPLE_TARGETS).copied().collect(),
        })
    }

    fn enqueue(&mut self, e: usize, post: u32, author: u32) -> Route {
        let total = self.g.follower_count(author);
        let engine = &mut self.engines[e];
        let stats = &mut self.stats[ENGINE_STRATEGY[e].index()];
        engine.pushed.push(post);
        stats.pushed_posts += 1;
        if total == 0 {
            stats.visible_posts += 1;
            return Route::NoFollowers;
        }
        engine.queue.push_back(Job {
            post,
            author,
            tick: self.tick,
            done: 0,
            total,
        });
        engine.pending += u64::from(total);
        stats.backlog_writes = engine.pending;
        stats.backlog_jobs = engine.queue.len() as u64;
        stats.peak_backlog = stats.peak_backlog.max(engine.pending);
        Route::Queued {
            writes: total,
            backlog: engine.pending,
        }
    }

    fn work(&mut self, e: usize, mut detail: Option<&mut Vec<BatchView>>) {
        let g = self.g;
        let cap = self.cfg.cache as usize;
        let engine = &mut self.engines[e];
        let stats = &mut self.stats[ENGINE_STRATEGY[e].index()];
        for worker in 0..self.cfg.workers {
            let Some(job) = engine.queue.front_mut() else {
                break;
            };
            let count = self.cfg.batch.max(1).min(job.total - job.done);
            let from = job.done as usize;
            let targets = g
                .followers(job.author)
                .get(from..from + count as usize)
                .unwrap_or(&[]);
            let mut view = detail.as_ref().map(|_| BatchView {
                worker,
                post: job.post,
                author: job.author,
                offset: job.done,
                count,
                inactive: 0,
                total: job.total,
                targets: Vec::new(),
                done: false,
                latency: None,
            });
            for &f in targets {
                let Some(cache) = engine.caches.get_mut(f as usize) else {
                    continue;
                };
                let ins = cache.insert(job.post, cap);
                let len = cache.len() as u32;
                if ins.added {
                    stats.feed_writes += 1;
                    stats.cache_entries += 1;
                    if !g.is_active(f) {
                        stats.wasted_writes += 1;
                    }
                    if let Some(log) = &mut engine.log {
                        log.push((f, job.post));
                    }
                }
                if ins.evicted.is_some() {
                    stats.evictions += 1;
                    stats.cache_entries -= 1;
                }
                stats.max_cache_len = stats.max_cache_len.max(len);
                if let Some(v) = &mut view {
                    if !g.is_active(f) {
                        v.inactive += 1;
                    }
                    if v.targets.len() < BATCH_TARGETS {
                        v.targets.push(FeedTarget {
                            user: f,
                            active: g.is_active(f),
                            cache_len: len,
                            evicted: ins.evicted,
                        });
                    }
                }
            }
            job.done += count;
            engine.pending -= u64::from(count);
            if job.done >= job.total {
                let latency = self.tick - job.tick;
                stats.visible_posts += 1;
                stats.latency_sum += latency;
                stats.latency_max = stats.latency_max.max(latency);
                engine.queue.pop_front();
                if let Some(v) = &mut view {
                    v.done = true;
                    v.latency = Some(latency);
                }
            }
            if let (Some(v), Some(out)) = (view, detail.as_mut()) {
                out.push(v);
            }
        }
        stats.backlog_writes = engine.pending;
        stats.backlog_jobs = engine.queue.len() as u64;
    }
}
