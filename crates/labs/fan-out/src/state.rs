//! What a step's view draws, for both modes.
//!
//! Feed mode ([`FeedState`]): a graph summary shared by every step ([`FeedWorld`], in an `Arc`),
//! the simulated tick, what this step is about ([`FeedFocus`]), the focused strategy's fan-out
//! queue ([`QueueView`]) and the side-by-side counters of all three strategies on the identical
//! workload ([`StrategyStats`], indexed by [`Strategy::index`]). Chat mode: [`ChatState`].
//!
//! Ids: users are `0 … users−1` (0 is the most-followed account), posts are `0 … ` in the
//! order they were published (a larger id is newer), ticks count from 0.

use crate::chat::ChatState;
use crate::graph::HistBin;
use crate::ranking::Scored;
use crate::sim::{Strategy, StrategyStats};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The state of one step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum State {
    /// News-feed fan-out (M7.1–M7.3); boxed because the side-by-side counters are large.
    Feed(Box<FeedState>),
    /// Group chat delivery (M7.6).
    Chat(ChatState),
}

/// Feed-mode state of one step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedState {
    /// Graph summary and settings, shared by every step.
    pub world: Arc<FeedWorld>,
    /// Simulated time in ticks. For a post, read or fan-out step: the tick it happened in
    /// (each tick holds at most one event, then the workers' batches). For the graph, bulk,
    /// wait, drain and quiescence steps: the ticks elapsed so far (the next tick to run).
    pub tick: u64,
    /// Events (posts and reads, workload then actions) applied so far.
    pub events_done: u32,
    /// What this step is about.
    pub focus: FeedFocus,
    /// The focused strategy's fan-out queue after this step (always empty for pull).
    pub queue: QueueView,
    /// Counters of push, pull and hybrid on the identical workload, in that order.
    pub stats: [StrategyStats; 3],
}

/// Graph summary and settings, shared by every step of a feed trace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedWorld {
    /// The strategy narrated and drawn step by step (the others are only counted).
    pub strategy: Strategy,
    /// Users in the graph.
    pub users: u32,
    /// Follow edges.
    pub follows: u32,
    /// Users who never read (writes into their caches are wasted).
    pub inactive_users: u32,
    /// Celebrity threshold: users with at least this many followers are celebrities.
    pub threshold: u32,
    /// Number of celebrities.
    pub celebrities: u32,
    /// Follow edges pointing at celebrities (their posts' push cost).
    pub celebrity_edges: u64,
    /// Largest follower count.
    pub max_followers: u32,
    /// Median follower count.
    pub median_followers: u32,
    /// The most-followed accounts (at most [`crate::TOP_ACCOUNTS`]), most followed first.
    pub top: Vec<Account>,
    /// Follower-count histogram in powers of two (draw log-scaled bars; shade bins ≥ threshold).
    pub histogram: Vec<HistBin>,
    /// Feed-cache cap (the document's 500).
    pub cache: u32,
    /// Posts per feed load (the document's 50).
    pub page: u32,
    /// Fan-out workers; each takes one batch per tick.
    pub workers: u32,
    /// Followers written per batch.
    pub batch: u32,
    /// Whether feed reads are ranked (M7.3 funnel).
    pub ranking: bool,
    /// Workload events planned (posts + reads), before the learner's actions.
    pub workload_events: u32,
    /// Of which posts.
    pub workload_posts: u32,
    /// Of which reads.
    pub workload_reads: u32,
}

/// One account in the summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// User id.
    pub user: u32,
    /// Followers.
    pub followers: u32,
    /// Accounts this user follows.
    pub following: u32,
    /// Reads their feed.
    pub active: bool,
    /// At or above the threshold.
    pub celebrity: bool,
}

/// What a feed step is about.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FeedFocus {
    /// The generated graph (first step): draw the histogram and the top accounts.
    Graph,
    /// A post was published: draw the author, its route, and arrows to the sampled followers.
    Post(PostView),
    /// The workers wrote batches this tick: draw one arrow bundle per batch into its targets.
    FanOut(Vec<BatchView>),
    /// A user loaded their feed: draw the sources, the merge and the returned page.
    Read(ReadView),
    /// Many workload events at once (not drawn one by one).
    Bulk(BulkView),
    /// Ticks passed with no event (a learner's `wait`); the workers kept writing.
    Wait {
        /// Ticks waited.
        ticks: u64,
        /// Feed entries the focused strategy's workers wrote meanwhile.
        writes: u64,
    },
    /// After the last event: the queues drain.
    Drain {
        /// Ticks until both fan-out queues were empty.
        ticks: u64,
        /// Feed entries the focused strategy's workers wrote meanwhile.
        writes: u64,
    },
    /// Quiescence: every user's feed compared across the three strategies.
    Quiescent(QuiescenceView),
}

/// A post event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostView {
    /// Post id.
    pub post: u32,
    /// Author.
    pub author: u32,
    /// Author's followers.
    pub followers: u32,
    /// Of which inactive.
    pub inactive_followers: u32,
    /// Author is a celebrity (followers ≥ threshold).
    pub celebrity: bool,
    /// What the focused strategy did with it.
    pub route: Route,
    /// Up to [`crate::SAMPLE_TARGETS`] followers (ascending) to draw arrows to; the rest
    /// is `followers − sample.len()` ("+ N more").
    pub sample: Vec<u32>,
}

/// What a strategy does with a new post.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Route {
    /// A fan-out job entered the queue.
    Queued {
        /// Feed writes it needs (one per follower).
        writes: u32,
        /// Pending writes in the queue after it joined.
        backlog: u64,
    },
    /// Pushed, but the author has no followers: nothing to write.
    NoFollowers,
    /// Pull: only stored with the author's posts; merged when followers read.
    StoredForPull,
    /// Hybrid, celebrity author: not fanned out; merged at read time.
    CelebrityPull,
}

/// One batch a worker wrote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BatchView {
    /// Worker index (0-based).
    pub worker: u32,
    /// Post written.
    pub post: u32,
    /// Its author.
    pub author: u32,
    /// Position of the batch's first follower in the author's follower list.
    pub offset: u32,
    /// Followers written in this batch.
    pub count: u32,
    /// Of which inactive (wasted writes).
    pub inactive: u32,
    /// The author's total followers (draw progress `offset + count` of `total`).
    pub total: u32,
    /// The first few targets (at most [`crate::BATCH_TARGETS`]) to draw arrows into.
    pub targets: Vec<FeedTarget>,
    /// This batch finished the post: it is now visible to every follower.
    pub done: bool,
    /// If done: ticks from publication to the last write.
    pub latency: Option<u64>,
}

/// One feed cache a batch wrote into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedTarget {
    /// The follower.
    pub user: u32,
    /// Whether they ever read (if not, the write is wasted).
    pub active: bool,
    /// Entries in their cache after the write (≤ cap).
    pub cache_len: u32,
    /// The oldest entry trimmed to keep the cap, if any.
    pub evicted: Option<u32>,
}

/// A feed read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReadView {
    /// The reader.
    pub user: u32,
    /// Whether the reader is an active user.
    pub active: bool,
    /// Sources merged (push: 1 cache; pull: every followee; hybrid: cache + celebrity followees).
    pub sources_total: u32,
    /// Up to [`crate::SOURCES_SHOWN`] sources: the cache first, then authors by how much
    /// they contributed.
    pub sources: Vec<SourceView>,
    /// The page returned, in display order (ranked if ranking is on, else newest first).
    pub feed: Vec<FeedEntry>,
    /// Posts the pull feed (the ground truth) shows in its newest page that this strategy's
    /// newest page lacks: not fanned out yet.
    pub missing: u32,
    /// The ranking funnel, if ranking is on.
    pub funnel: Option<Funnel>,
}

/// One source of a read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceView {
    /// What was read.
    pub kind: SourceKind,
    /// Posts available in it.
    pub available: u32,
    /// Posts it contributed to the candidates (or to the page when not ranking).
    pub contributed: u32,
}

/// A read source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SourceKind {
    /// The reader's feed cache.
    Cache,
    /// A followee's recent posts (pulled at read time).
    Author {
        /// The followee.
        user: u32,
        /// Whether they are a celebrity.
        celebrity: bool,
    },
}

/// One post in a returned feed.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedEntry {
    /// Post id.
    pub post: u32,
    /// Author.
    pub author: u32,
    /// Tick it was published.
    pub tick: u64,
    /// Where the read found it.
    pub via: Via,
    /// Its ranking score and terms, if ranking is on.
    pub score: Option<Scored>,
}

/// Where a feed entry came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Via {
    /// The precomputed feed cache.
    Cache,
    /// Pulled from the author's posts at read time.
    Pull,
}

/// The two-stage funnel of a ranked read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funnel {
    /// Stage 1: candidates retrieved (newest posts, up to the cache cap).
    pub candidates: u32,
    /// Stage 2: posts kept after scoring (the page).
    pub returned: u32,
}

/// A fan-out queue.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueView {
    /// Jobs (posts) waiting or in progress.
    pub jobs: u64,
    /// Feed writes still to do (the backlog).
    pub pending_writes: u64,
    /// The first jobs (at most [`crate::QUEUE_SHOWN`]), head first.
    pub head: Vec<JobView>,
}

/// A fan-out job in the queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobView {
    /// Post id.
    pub post: u32,
    /// Author.
    pub author: u32,
    /// Tick it was published.
    pub tick: u64,
    /// Followers written so far.
    pub done: u32,
    /// Followers in all.
    pub total: u32,
}

/// Many events summarised in one step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkView {
    /// First tick covered.
    pub from_tick: u64,
    /// Last tick covered (inclusive).
    pub to_tick: u64,
    /// Posts published in it.
    pub posts: u32,
    /// Of which by celebrities.
    pub celebrity_posts: u32,
    /// Feed reads in it.
    pub reads: u32,
    /// Feed entries the focused strategy's workers wrote in it.
    pub writes: u64,
}

/// The end-of-trace check.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuiescenceView {
    /// Users compared.
    pub users: u32,
    /// Users whose page is identical (same posts, same order) under push, pull and hybrid.
    pub identical: u32,
    /// The user whose feed is shown: the last reader of the scenario (user 0 if nobody read).
    pub sample_user: u32,
    /// That user's final page, newest first, as the focused strategy returns it.
    pub sample_feed: Vec<FeedEntry>,
}
