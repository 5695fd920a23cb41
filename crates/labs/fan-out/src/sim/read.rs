//! The read side of the simulation: the sources a feed load merges under each strategy, the
//! merge itself, what a read shows, the feeds compared at quiescence and the queue view.

use super::{Simulation, Strategy, engine_of};
use crate::feed::{FeedCache, missing};
use crate::ranking::rank;
use crate::state::{FeedEntry, Funnel, JobView, QueueView, ReadView, SourceKind, SourceView, Via};
use crate::{QUEUE_SHOWN, SOURCES_SHOWN};

impl Simulation<'_> {
    /// The post lists a read of `user` under `s` merges: the cache first (push, hybrid), then
    /// followees (pull) or celebrity followees (hybrid), ascending ids.
    pub(super) fn sources(&self, s: Strategy, user: u32) -> Vec<&[u32]> {
        let mut lists: Vec<&[u32]> = Vec::new();
        if let Some(c) = self.cache(s, user) {
            lists.push(c.as_slice());
        }
        for &a in self.source_authors(s, user) {
            lists.push(self.by_author.get(a as usize).map_or(&[], Vec::as_slice));
        }
        lists
    }

    pub(super) fn source_authors(&self, s: Strategy, user: u32) -> &[u32] {
        match s {
            Strategy::Push => &[],
            Strategy::Pull => self.g.followees(user),
            Strategy::Hybrid => {
                let i = user as usize;
                match (self.celeb_off.get(i), self.celeb_off.get(i + 1)) {
                    (Some(&a), Some(&b)) => &self.celeb_followees[a as usize..b as usize],
                    _ => &[],
                }
            }
        }
    }

    /// The kinds of the sources [`Self::sources`] returns, in the same order.
    pub(super) fn source_kinds(&self, s: Strategy, user: u32) -> Vec<SourceKind> {
        let mut kinds = Vec::new();
        if self.cache(s, user).is_some() {
            kinds.push(SourceKind::Cache);
        }
        for &a in self.source_authors(s, user) {
            kinds.push(SourceKind::Author {
                user: a,
                celebrity: self.is_celebrity(a),
            });
        }
        kinds
    }

    /// Merges the sources of `user` under `s` newest first, up to `limit`, into `out`;
    /// returns the number of sources.
    pub(super) fn merge_into(
        &mut self,
        s: Strategy,
        user: u32,
        limit: usize,
        out: &mut Vec<(u32, u32)>,
    ) -> u32 {
        out.clear();
        let mut merger = std::mem::take(&mut self.merger);
        let cache = self.cache(s, user).map(FeedCache::as_slice);
        let authors = self.source_authors(s, user);
        let skip = usize::from(cache.is_some());
        let count = skip + authors.len();
        let by_author = &self.by_author;
        let has_posts = &self.has_posts;
        let list = |i: usize| -> &[u32] {
            if i < skip {
                return cache.unwrap_or(&[]);
            }
            let a = authors.get(i - skip).copied().unwrap_or(u32::MAX) as usize;
            let posted = has_posts
                .get(a / 64)
                .is_some_and(|w| w >> (a % 64) & 1 == 1);
            if posted {
                by_author.get(a).map_or(&[], Vec::as_slice)
            } else {
                &[]
            }
        };
        merger.merge_by(count, list, limit, out);
        self.merger = merger;
        count as u32
    }

    /// The page `user` sees now under `s`, newest first (chronological, no ranking).
    pub fn feed(&mut self, s: Strategy, user: u32) -> Vec<u32> {
        let mut out = Vec::new();
        self.merge_into(s, user, self.cfg.page as usize, &mut out);
        out.into_iter().map(|(p, _)| p).collect()
    }

    pub(super) fn read(&mut self, user: u32, detail: Option<Strategy>) -> Option<ReadView> {
        if user >= self.g.users() {
            return None;
        }
        let page = self.cfg.page as usize;
        let mut merged = std::mem::take(&mut self.merged);
        let mut pages: [Vec<u32>; 3] = Default::default();
        for s in Strategy::ALL {
            let n = self.merge_into(s, user, page, &mut merged);
            pages[s.index()] = merged.iter().map(|&(p, _)| p).collect();
            let st = &mut self.stats[s.index()];
            st.reads += 1;
            st.sources_merged += u64::from(n);
            st.max_sources = st.max_sources.max(n);
        }
        self.merged = merged;
        let truth = &pages[Strategy::Pull.index()];
        let mut misses = [0u32; 3];
        for s in [Strategy::Push, Strategy::Hybrid] {
            let m = missing(truth, &pages[s.index()]);
            misses[s.index()] = m;
            if m > 0 {
                let st = &mut self.stats[s.index()];
                st.stale_reads += 1;
                st.missing_posts += u64::from(m);
            }
        }
        let s = detail?;
        Some(self.read_view(s, user, misses[s.index()]))
    }

    pub(super) fn read_view(&mut self, s: Strategy, user: u32, missing: u32) -> ReadView {
        let page = self.cfg.page as usize;
        let limit = if self.cfg.ranking {
            self.cfg.cache.max(self.cfg.page) as usize
        } else {
            page
        };
        let mut merged = Vec::new();
        self.merge_into(s, user, limit, &mut merged);
        let lists = self.sources(s, user);
        let kinds = self.source_kinds(s, user);
        let mut contributed = vec![0u32; kinds.len()];
        for &(_, src) in &merged {
            if let Some(c) = contributed.get_mut(src as usize) {
                *c += 1;
            }
        }
        let mut order: Vec<usize> = (0..kinds.len()).collect();
        order.sort_by_key(|&i| {
            let cache_first = !matches!(kinds[i], SourceKind::Cache);
            (cache_first, std::cmp::Reverse(contributed[i]), i)
        });
        let sources = order
            .iter()
            .take(SOURCES_SHOWN)
            .map(|&i| SourceView {
                kind: kinds[i],
                available: lists[i].len() as u32,
                contributed: contributed[i],
            })
            .collect();
        let sources_total = kinds.len() as u32;
        let via = |src: u32| match kinds.get(src as usize) {
            Some(SourceKind::Cache) => Via::Cache,
            _ => Via::Pull,
        };
        let entry = |post: u32, src: u32| FeedEntry {
            post,
            author: self.post_author.get(post as usize).copied().unwrap_or(0),
            tick: self.post_tick.get(post as usize).copied().unwrap_or(0),
            via: via(src),
            score: None,
        };
        let (feed, funnel) = if self.cfg.ranking {
            let candidates: Vec<u32> = merged.iter().map(|&(p, _)| p).collect();
            let source_of = |p: u32| merged.iter().find(|m| m.0 == p).map_or(0, |m| m.1);
            let ranked = rank(&candidates, page, self.cfg.seed);
            let feed = ranked
                .iter()
                .map(|r| FeedEntry {
                    score: Some(*r),
                    ..entry(r.post, source_of(r.post))
                })
                .collect::<Vec<_>>();
            let funnel = Funnel {
                candidates: candidates.len() as u32,
                returned: feed.len() as u32,
            };
            (feed, Some(funnel))
        } else {
            (merged.iter().map(|&(p, src)| entry(p, src)).collect(), None)
        };
        ReadView {
            user,
            active: self.g.is_active(user),
            sources_total,
            sources,
            feed,
            missing,
            funnel,
        }
    }

    /// The final page of `user` under `s` as display entries (chronological).
    pub fn feed_entries(&mut self, s: Strategy, user: u32) -> Vec<FeedEntry> {
        let mut merged = Vec::new();
        self.merge_into(s, user, self.cfg.page as usize, &mut merged);
        let kinds = self.source_kinds(s, user);
        merged
            .iter()
            .map(|&(post, src)| FeedEntry {
                post,
                author: self.post_author.get(post as usize).copied().unwrap_or(0),
                tick: self.post_tick.get(post as usize).copied().unwrap_or(0),
                via: match kinds.get(src as usize) {
                    Some(SourceKind::Cache) => Via::Cache,
                    _ => Via::Pull,
                },
                score: None,
            })
            .collect()
    }

    /// Compares every user's page under push, pull and hybrid; returns how many are identical.
    pub fn identical_feeds(&mut self) -> u32 {
        let mut same = 0;
        let page = self.cfg.page as usize;
        let mut a = Vec::new();
        let mut b = Vec::new();
        for u in 0..self.g.users() {
            self.merge_into(Strategy::Pull, u, page, &mut a);
            self.merge_into(Strategy::Hybrid, u, page, &mut b);
            let push = self.cache(Strategy::Push, u);
            let push_same = push.is_some_and(|c| c.newest(page).eq(a.iter().map(|m| m.0)));
            let hybrid_same = a.iter().map(|m| m.0).eq(b.iter().map(|m| m.0));
            if push_same && hybrid_same {
                same += 1;
            }
        }
        same
    }

    /// The queue of `s` (empty for pull), with at most [`QUEUE_SHOWN`] jobs listed.
    pub fn queue_view(&self, s: Strategy) -> QueueView {
        let Some(e) = engine_of(s) else {
            return QueueView::default();
        };
        let engine = &self.engines[e];
        QueueView {
            jobs: engine.queue.len() as u64,
            pending_writes: engine.pending,
            head: engine
                .queue
                .iter()
                .take(QUEUE_SHOWN)
                .map(|j| JobView {
                    post: j.post,
                    author: j.author,
                    tick: j.tick,
                    done: j.done,
                    total: j.total,
                })
                .collect(),
        }
    }
}
