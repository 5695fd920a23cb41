//! The feed-mode trace: the graph, the detailed events, bulk steps, the learner's actions, the
//! drain and the quiescence check.

use crate::graph::{Graph, GraphSpec};
use crate::sim::{Event, SimConfig, Simulation, Strategy, StrategyStats, TickDetail};
use crate::state::{
    Account, BatchView, BulkView, FeedFocus, FeedState, FeedWorld, PostView, QuiescenceView,
    ReadView, Route, State,
};
use crate::workload;
use crate::{Action, BULK_STEPS, Params, TOP_ACCOUNTS, proc_ids};
use sdp_kit::fmt::{group, percent};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use sdp_kit::rng::seeded;
use std::sync::Arc;

/// Builds the trace of a valid feed-mode scenario.
pub(crate) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let p = &s.params;
    let mut rng = seeded(s.seed);
    let spec = GraphSpec {
        users: p.users,
        follows: p.follows,
        skew: p.skew,
        inactive: p.inactive,
    };
    let graph = Graph::generate(&spec, &mut rng);
    let events = workload::generate(&graph, p.posts, p.reads, &mut rng);
    let sim = Simulation::new(&graph, sim_config(p, s.seed));
    let world = Arc::new(world(p, &graph, &sim, &events));
    let mut b = Builder {
        world,
        strategy: p.strategy,
        sim,
        steps: Vec::new(),
        events_done: 0,
        last_reader: None,
    };
    b.intro(&graph);
    let warm_up = events.len() - (p.detailed as usize).min(events.len());
    b.bulk(&events[..warm_up]);
    for &e in &events[warm_up..] {
        b.event(e);
    }
    for a in &s.actions {
        match *a {
            Action::Post(u) => b.event(Event::Post(u)),
            Action::Read(u) => b.event(Event::Read(u)),
            Action::Wait(n) => b.wait(u64::from(n)),
            Action::Send(_) | Action::Disconnect(_) | Action::Reconnect(_) => {}
        }
    }
    b.drain();
    b.quiescence();
    Trace { steps: b.steps }
}

/// The simulation settings of valid parameters.
pub fn sim_config(p: &Params, seed: u64) -> SimConfig {
    SimConfig {
        threshold: p.threshold.clamp(0, i64::from(u32::MAX)) as u32,
        cache: p.cache,
        page: p.page,
        workers: p.workers,
        batch: p.batch,
        ranking: p.ranking,
        seed,
        record_writes: false,
    }
}

fn world(p: &Params, g: &Graph, sim: &Simulation<'_>, events: &[Event]) -> FeedWorld {
    let account = |u: u32| Account {
        user: u,
        followers: g.follower_count(u),
        following: g.followees(u).len() as u32,
        active: g.is_active(u),
        celebrity: sim.is_celebrity(u),
    };
    let top: Vec<Account> = g.top(TOP_ACCOUNTS).into_iter().map(account).collect();
    let celebrity_edges = (0..g.users())
        .filter(|&u| sim.is_celebrity(u))
        .map(|u| u64::from(g.follower_count(u)))
        .sum();
    let posts = events
        .iter()
        .filter(|e| matches!(e, Event::Post(_)))
        .count() as u32;
    FeedWorld {
        strategy: p.strategy,
        users: g.users(),
        follows: g.follows(),
        inactive_users: g.inactive_count(),
        threshold: sim_config(p, 0).threshold,
        celebrities: sim.celebrity_count(),
        celebrity_edges,
        max_followers: top.first().map_or(0, |a| a.followers),
        median_followers: g.median_followers(),
        top,
        histogram: g.histogram(),
        cache: p.cache,
        page: p.page,
        workers: p.workers,
        batch: p.batch,
        ranking: p.ranking,
        workload_events: events.len() as u32,
        workload_posts: posts,
        workload_reads: events.len() as u32 - posts,
    }
}

struct Builder<'g> {
    world: Arc<FeedWorld>,
    strategy: Strategy,
    sim: Simulation<'g>,
    steps: Vec<Step<State>>,
    events_done: u32,
    last_reader: Option<u32>,
}

impl Builder<'_> {
    fn push(&mut self, focus: FeedFocus, narration: String, lines: LinesRun) {
        self.push_at(self.sim.now(), focus, narration, lines);
    }

    fn push_at(&mut self, tick: u64, focus: FeedFocus, narration: String, lines: LinesRun) {
        let stats = self.sim.all_stats();
        let state = FeedState {
            world: self.world.clone(),
            tick,
            events_done: self.events_done,
            focus,
            queue: self.sim.queue_view(self.strategy),
            stats,
        };
        self.steps.push(Step {
            state: State::Feed(Box::new(state)),
            narration,
            lines,
            metrics: metrics(&stats, self.world.cache),
        });
    }

    fn intro(&mut self, g: &Graph) {
        let w = self.world.clone();
        let top = w.top.first().copied();
        let narration = format!(
            "A seeded graph of {} users and {} follows: the most-followed account, user {}, has {} followers and the median user {}; {} celebrities (≥ {} followers) hold {} of all follows, and {} of users never read. {} is narrated; all three strategies run on the same workload.",
            group(w.users.into()),
            group(w.follows.into()),
            top.map_or(0, |a| a.user),
            group(top.map_or(0, |a| a.followers).into()),
            w.median_followers,
            group(w.celebrities.into()),
            group(w.threshold.into()),
            percent(w.celebrity_edges, g.follows().into()),
            percent(w.inactive_users.into(), w.users.into()),
            capitalised(self.strategy),
        );
        self.push(FeedFocus::Graph, narration, LinesRun::default());
    }

    fn event(&mut self, e: Event) {
        let s = self.strategy;
        let d: TickDetail = self.sim.event(e, Some(s));
        self.events_done += 1;
        let tick = self.sim.now();
        if let Some(post) = d.post {
            let (narration, lines) = post_sentence(tick, &post, s, self.world.threshold);
            self.push_at(tick, FeedFocus::Post(post), narration, lines);
        }
        if let Some(read) = d.read {
            self.last_reader = Some(read.user);
            let (narration, lines) = read_sentence(tick, &read, s);
            self.push_at(tick, FeedFocus::Read(read), narration, lines);
        }
        let batches = self.sim.run_workers(Some(s));
        if !batches.is_empty() {
            let narration = batch_sentence(&batches, self.sim.queue_view(s).pending_writes);
            self.push_at(
                tick,
                FeedFocus::FanOut(batches),
                narration,
                LinesRun::new(proc_ids::PUSH, &[3, 4]),
            );
        }
    }

    fn bulk(&mut self, events: &[Event]) {
        if events.is_empty() {
            return;
        }
        let chunk = events.len().div_ceil(BULK_STEPS as usize).max(1);
        let s = self.strategy;
        for part in events.chunks(chunk) {
            let from_tick = self.sim.now();
            let before = self.sim.stats(s).feed_writes;
            let sources_before = self.sim.stats(s).sources_merged;
            let mut view = BulkView {
                from_tick,
                to_tick: from_tick,
                posts: 0,
                celebrity_posts: 0,
                reads: 0,
                writes: 0,
            };
            for &e in part {
                match e {
                    Event::Post(a) => {
                        view.posts += 1;
                        if self.sim.is_celebrity(a) {
                            view.celebrity_posts += 1;
                        }
                    }
                    Event::Read(u) => {
                        view.reads += 1;
                        self.last_reader = Some(u);
                    }
                }
                self.sim.tick(Some(e), None);
                self.events_done += 1;
            }
            view.to_tick = self.sim.now().saturating_sub(1);
            view.writes = self.sim.stats(s).feed_writes - before;
            let work = if s == Strategy::Pull {
                let merged = self.sim.stats(s).sources_merged - sources_before;
                format!("pull's reads merged {} sources", group(merged))
            } else {
                format!("{} wrote {} feed entries", s.as_str(), group(view.writes))
            };
            let narration = format!(
                "Ticks {}–{}: {} posts ({} by celebrities) and {} feed reads, summarised rather than drawn one by one; {work}.",
                group(view.from_tick),
                group(view.to_tick),
                group(view.posts.into()),
                view.celebrity_posts,
                group(view.reads.into()),
            );
            let lines = match s {
                Strategy::Push => LinesRun::new(proc_ids::PUSH, &[1, 2, 3, 4, 5]),
                Strategy::Pull => LinesRun::new(proc_ids::PULL, &[0, 1, 3]),
                Strategy::Hybrid => LinesRun::new(proc_ids::HYBRID, &[0, 1, 2]),
            };
            self.push(FeedFocus::Bulk(view), narration, lines);
        }
    }

    fn wait(&mut self, ticks: u64) {
        let s = self.strategy;
        let before = self.sim.stats(s).feed_writes;
        self.sim.idle(ticks);
        let writes = self.sim.stats(s).feed_writes - before;
        let backlog = self.sim.queue_view(s).pending_writes;
        let narration = if s == Strategy::Pull {
            format!(
                "{} ticks pass with no event; pull has no queue, so nothing changes for it (push and hybrid workers keep writing).",
                group(ticks)
            )
        } else {
            format!(
                "{} ticks pass with no event; {} workers write {} (backlog now {} writes).",
                group(ticks),
                s.as_str(),
                plural(writes, "feed entry", "feed entries"),
                group(backlog),
            )
        };
        self.push(
            FeedFocus::Wait { ticks, writes },
            narration,
            worker_lines(s),
        );
    }

    fn drain(&mut self) {
        if self.sim.is_quiescent() {
            return;
        }
        let s = self.strategy;
        let before = self.sim.stats(s).feed_writes;
        let ticks = self.sim.drain();
        let writes = self.sim.stats(s).feed_writes - before;
        let narration = if s == Strategy::Pull {
            format!(
                "No more events: push and hybrid drain their fan-out queues in {}; pull had nothing queued.",
                plural(ticks, "tick", "ticks")
            )
        } else {
            format!(
                "No more events: the fan-out queues drain in {} ({} more under {}).",
                plural(ticks, "tick", "ticks"),
                plural(writes, "feed write", "feed writes"),
                s.as_str(),
            )
        };
        self.push(
            FeedFocus::Drain { ticks, writes },
            narration,
            worker_lines(s),
        );
    }

    fn quiescence(&mut self) {
        let users = self.world.users;
        let identical = self.sim.identical_feeds();
        let sample_user = self.last_reader.unwrap_or(0);
        let sample_feed = self.sim.feed_entries(self.strategy, sample_user);
        let narration = if identical == users {
            format!(
                "The queues are empty: all {} users see identical feeds under push, pull and hybrid (same posts, same order; user {} shown).",
                group(users.into()),
                sample_user
            )
        } else {
            format!(
                "The queues are empty, yet {} of {} users see different feeds across the strategies.",
                group((users - identical).into()),
                group(users.into())
            )
        };
        self.push(
            FeedFocus::Quiescent(QuiescenceView {
                users,
                identical,
                sample_user,
                sample_feed,
            }),
            narration,
            LinesRun::new(proc_ids::HYBRID, &[2]),
        );
    }
}

fn worker_lines(s: Strategy) -> LinesRun {
    match s {
        Strategy::Pull => LinesRun::new(proc_ids::PULL, &[1]),
        _ => LinesRun::new(proc_ids::PUSH, &[3, 4]),
    }
}

fn capitalised(s: Strategy) -> &'static str {
    match s {
        Strategy::Push => "Push (fan-out on write)",
        Strategy::Pull => "Pull (fan-out on read)",
        Strategy::Hybrid => "Hybrid",
    }
}

fn post_sentence(tick: u64, p: &PostView, s: Strategy, threshold: u32) -> (String, LinesRun) {
    let who = if p.celebrity {
        format!("celebrity user {}", p.author)
    } else {
        format!("user {}", p.author)
    };
    let head = format!(
        "Tick {}: {who} posts p{} ({}, {} inactive)",
        group(tick),
        p.post,
        plural(p.followers, "follower", "followers"),
        group(p.inactive_followers.into()),
    );
    match p.route {
        Route::Queued { writes, backlog } => {
            let below = if s == Strategy::Hybrid {
                format!(", below the threshold of {}", group(threshold.into()))
            } else {
                String::new()
            };
            let lines = if s == Strategy::Hybrid {
                LinesRun::new(proc_ids::HYBRID, &[0])
            } else {
                LinesRun::new(proc_ids::PUSH, &[0, 1, 2])
            };
            (
                format!(
                    "{head}{below}: a fan-out job for {} joins the queue (backlog {} writes).",
                    plural(writes, "feed write", "feed writes"),
                    group(backlog)
                ),
                lines,
            )
        }
        Route::NoFollowers => (
            format!("{head}: nobody follows them, so there is nothing to fan out."),
            LinesRun::new(proc_ids::PUSH, &[0]),
        ),
        Route::StoredForPull => (
            format!(
                "{head}: pull only stores it with the author's posts; followers find it when they read."
            ),
            LinesRun::new(proc_ids::PULL, &[1]),
        ),
        Route::CelebrityPull => (
            format!(
                "{head}: at or above the threshold of {}, so hybrid does not fan it out; followers merge it at read time.",
                group(threshold.into())
            ),
            LinesRun::new(proc_ids::HYBRID, &[1]),
        ),
    }
}

fn read_sentence(tick: u64, r: &ReadView, s: Strategy) -> (String, LinesRun) {
    let from_cache = r
        .feed
        .iter()
        .filter(|e| e.via == crate::state::Via::Cache)
        .count();
    let pulled = r.feed.len() - from_cache;
    let who = if r.active {
        format!("user {}", r.user)
    } else {
        format!("user {} (normally inactive)", r.user)
    };
    let body = match s {
        Strategy::Push => format!(
            "one source, the feed cache, returns the newest {}",
            r.feed.len()
        ),
        Strategy::Pull => format!(
            "{} followees are queried and merged newest first, {} posts returned",
            group(r.sources_total.into()),
            r.feed.len()
        ),
        Strategy::Hybrid => format!(
            "the cache and {} celebrity followees are merged: {} posts from the cache, {} pulled",
            r.sources_total.saturating_sub(1),
            from_cache,
            pulled
        ),
    };
    let stale = if r.missing > 0 {
        format!(
            "; {} still waiting in the fan-out queue",
            plural(r.missing, "newer post is", "newer posts are")
        )
    } else {
        String::new()
    };
    let ranked = match (&r.funnel, r.feed.first().and_then(|e| e.score)) {
        (Some(f), Some(best)) => format!(
            "; ranked: {} candidates scored, the best {} kept (top score {:.4})",
            f.candidates, f.returned, best.score
        ),
        (Some(f), None) => format!("; ranked: {} candidates", f.candidates),
        _ => String::new(),
    };
    let lines = if r.funnel.is_some() {
        LinesRun::new(proc_ids::RANKING, &[0, 1, 2, 3, 4])
    } else {
        match s {
            Strategy::Push => LinesRun::new(proc_ids::PUSH, &[5, 6]),
            Strategy::Pull => LinesRun::new(proc_ids::PULL, &[0, 2, 3]),
            Strategy::Hybrid => LinesRun::new(proc_ids::HYBRID, &[2]),
        }
    };
    (
        format!(
            "Tick {}: {who} loads their feed: {body}{stale}{ranked}.",
            group(tick)
        ),
        lines,
    )
}

fn batch_sentence(batches: &[BatchView], backlog: u64) -> String {
    let writes: u32 = batches.iter().map(|b| b.count).sum();
    let inactive: u32 = batches.iter().map(|b| b.inactive).sum();
    let mut parts: Vec<String> = batches
        .iter()
        .take(3)
        .map(|b| {
            let done = match b.latency {
                Some(0) => ", visible to all in the tick it was posted".to_string(),
                Some(l) => format!(
                    ", visible to all {} after it was posted",
                    plural(l, "tick", "ticks")
                ),
                None => String::new(),
            };
            let range = if b.count == 1 {
                format!("follower {}", group((b.offset + 1).into()))
            } else {
                format!(
                    "followers {}–{}",
                    group((b.offset + 1).into()),
                    group((b.offset + b.count).into())
                )
            };
            format!("p{} → {range} of {}{done}", b.post, group(b.total.into()))
        })
        .collect();
    if batches.len() > 3 {
        parts.push(format!("{} more", batches.len() - 3));
    }
    format!(
        "The workers take {}: {} ({}), {} into inactive users' feeds; backlog {} writes.",
        plural(batches.len() as u64, "batch", "batches"),
        plural(writes, "feed entry", "feed entries"),
        parts.join("; "),
        group(inactive.into()),
        group(backlog),
    )
}

fn plural(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n: u64 = n.into();
    format!("{} {}", group(n), if n == 1 { one } else { many })
}

/// The side-by-side metrics: seven per strategy.
fn metrics(stats: &[StrategyStats; 3], cache: u32) -> Vec<Metric> {
    let mut out = Vec::with_capacity(21);
    for s in Strategy::ALL {
        let st = &stats[s.index()];
        let name = s.as_str();
        out.push(Metric::new(
            &format!("{name}: writes per post"),
            st.writes_per_post(),
            format!(
                "{:.2} ({} writes / {} posts)",
                st.writes_per_post(),
                group(st.feed_writes),
                group(st.posts)
            ),
        ));
        out.push(Metric::new(
            &format!("{name}: sources per read"),
            st.sources_per_read(),
            format!(
                "{:.2} (max {} in one read)",
                st.sources_per_read(),
                group(st.max_sources.into())
            ),
        ));
        out.push(Metric::new(
            &format!("{name}: feed-cache entries"),
            st.cache_entries as f64,
            format!(
                "{} (longest feed {} of {cache})",
                group(st.cache_entries),
                st.max_cache_len
            ),
        ));
        out.push(Metric::new(
            &format!("{name}: wasted writes"),
            st.wasted_writes as f64,
            format!(
                "{} ({} of writes, to inactive users)",
                group(st.wasted_writes),
                percent(st.wasted_writes, st.feed_writes)
            ),
        ));
        out.push(Metric::new(
            &format!("{name}: visible to all after"),
            st.latency_max as f64,
            format!(
                "max {} ticks, mean {:.1} ({} of {} posts visible to all)",
                group(st.latency_max),
                st.mean_latency(),
                group(st.visible_posts),
                group(st.posts)
            ),
        ));
        let after = match st.backlog_after_celebrity {
            Some(b) => format!("; {} right after the latest celebrity post", group(b)),
            None => String::new(),
        };
        out.push(Metric::new(
            &format!("{name}: queue backlog"),
            st.backlog_writes as f64,
            format!(
                "{} writes in {} jobs (peak {}){after}",
                group(st.backlog_writes),
                group(st.backlog_jobs),
                group(st.peak_backlog)
            ),
        ));
        out.push(Metric::new(
            &format!("{name}: stale reads"),
            st.stale_reads as f64,
            format!(
                "{} of {} reads missed {} posts",
                group(st.stale_reads),
                group(st.reads),
                group(st.missing_posts)
            ),
        ));
    }
    out
}
