//! Property tests of the fan-out simulation (M7.1, M7.2) and group delivery (M7.6), against a
//! naive model: every feed is "all posts of the accounts followed, newest first, first `page`".
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use sdp_lab_fan_out::chat::{ChatEvent, GroupChat};
use sdp_lab_fan_out::graph::{Graph, GraphSpec};
use sdp_lab_fan_out::sim::{Event, SimConfig, Simulation, Strategy as Fan};
use sdp_lab_fan_out::workload;
use std::collections::BTreeSet;

#[derive(Clone, Debug)]
struct Case {
    users: u32,
    follows: u32,
    skew: f64,
    inactive: f64,
    posts: u32,
    reads: u32,
    cfg: SimConfig,
    seed: u64,
}

fn case() -> impl Strategy<Value = Case> {
    (
        2u32..40,
        0.0..2.5f64,
        0.0..=1.0f64,
        0u32..80,
        0u32..40,
        any::<u64>(),
    )
        .prop_flat_map(|(users, skew, inactive, posts, reads, seed)| {
            let most = (users * (users - 1)).min(100 * users);
            (
                Just((users, skew, inactive, posts, reads, seed)),
                0..=most,
                1u32..8,
                1u32..8,
                0u32..30,
                1u32..4,
                1u32..7,
            )
        })
        .prop_map(
            |(
                (users, skew, inactive, posts, reads, seed),
                follows,
                cache,
                page,
                threshold,
                workers,
                batch,
            )| Case {
                users,
                follows,
                skew,
                inactive,
                posts,
                reads,
                cfg: SimConfig {
                    threshold,
                    cache,
                    page: page.min(cache),
                    workers,
                    batch,
                    ranking: false,
                    seed,
                    record_writes: true,
                },
                seed,
            },
        )
}

fn setup(c: &Case) -> (Graph, Vec<Event>) {
    let mut rng = sdp_kit::rng::seeded(c.seed);
    let spec = GraphSpec {
        users: c.users,
        follows: c.follows,
        skew: c.skew,
        inactive: c.inactive,
    };
    let g = Graph::generate(&spec, &mut rng);
    let events = workload::generate(&g, c.posts, c.reads, &mut rng);
    (g, events)
}

/// The naive feed: every post by someone `user` follows, newest first, the first `page`.
fn naive_feed(g: &Graph, authors: &[u32], user: u32, page: u32) -> Vec<u32> {
    let followed: BTreeSet<u32> = g.followees(user).iter().copied().collect();
    let mut posts: Vec<u32> = (0..authors.len() as u32)
        .filter(|&p| followed.contains(&authors[p as usize]))
        .collect();
    posts.reverse();
    posts.truncate(page as usize);
    posts
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn at_quiescence_every_strategy_shows_every_user_the_same_feed(c in case()) {
        let (g, events) = setup(&c);
        let mut sim = Simulation::new(&g, c.cfg);
        for &e in &events {
            sim.tick(Some(e), None);
        }
        sim.drain();
        prop_assert!(sim.is_quiescent());
        let authors = sim.post_authors().to_vec();
        for u in 0..g.users() {
            let truth = naive_feed(&g, &authors, u, c.cfg.page);
            for s in Fan::ALL {
                prop_assert_eq!(&sim.feed(s, u), &truth, "user {} under {:?}", u, s);
            }
        }
        prop_assert_eq!(sim.identical_feeds(), g.users());
    }

    #[test]
    fn push_writes_each_post_exactly_once_to_each_follower_and_never_elsewhere(c in case()) {
        let (g, events) = setup(&c);
        let mut sim = Simulation::new(&g, c.cfg);
        for &e in &events {
            sim.tick(Some(e), None);
        }
        sim.drain();
        let authors = sim.post_authors().to_vec();
        let log = sim.write_log(Fan::Push).expect("recorded").to_vec();
        for &(f, p) in &log {
            let author = authors[p as usize];
            prop_assert!(g.followers(author).binary_search(&f).is_ok(),
                "post {} of user {} written to non-follower {}", p, author, f);
        }
        let mut got = log.clone();
        got.sort_unstable();
        let mut expected: Vec<(u32, u32)> = (0..authors.len() as u32)
            .flat_map(|p| g.followers(authors[p as usize]).iter().map(move |&f| (f, p)))
            .collect();
        expected.sort_unstable();
        prop_assert_eq!(got, expected);
        let st = sim.stats(Fan::Push);
        prop_assert_eq!(st.feed_writes, log.len() as u64);
        let wasted = log.iter().filter(|(f, _)| !g.is_active(*f)).count() as u64;
        prop_assert_eq!(st.wasted_writes, wasted);
        prop_assert_eq!(st.pushed_posts, authors.len() as u64);
        prop_assert_eq!(st.visible_posts, authors.len() as u64);
    }

    #[test]
    fn hybrid_pushes_exactly_the_non_celebrity_posts(c in case()) {
        let (g, events) = setup(&c);
        let mut sim = Simulation::new(&g, c.cfg);
        for &e in &events {
            sim.tick(Some(e), None);
        }
        sim.drain();
        let authors = sim.post_authors().to_vec();
        let expected: Vec<u32> = (0..authors.len() as u32)
            .filter(|&p| g.follower_count(authors[p as usize]) < c.cfg.threshold)
            .collect();
        prop_assert_eq!(sim.pushed_posts(Fan::Hybrid), &expected[..]);
        prop_assert_eq!(sim.pushed_posts(Fan::Push).len(), authors.len());
        prop_assert!(sim.pushed_posts(Fan::Pull).is_empty());
        let log = sim.write_log(Fan::Hybrid).expect("recorded");
        let pushed: BTreeSet<u32> = expected.iter().copied().collect();
        prop_assert!(log.iter().all(|(_, p)| pushed.contains(p)));
        let writes: u64 = expected.iter().map(|&p| u64::from(g.follower_count(authors[p as usize]))).sum();
        prop_assert_eq!(sim.stats(Fan::Hybrid).feed_writes, writes);
        prop_assert_eq!(sim.stats(Fan::Pull).feed_writes, 0);
        let st = sim.stats(Fan::Hybrid);
        prop_assert_eq!(st.pushed_posts + st.pulled_posts, authors.len() as u64);
    }

    #[test]
    fn the_feed_cache_never_exceeds_its_cap(c in case()) {
        let (g, events) = setup(&c);
        let mut sim = Simulation::new(&g, c.cfg);
        let cap = c.cfg.cache as usize;
        let check = |sim: &Simulation<'_>| {
            for s in [Fan::Push, Fan::Hybrid] {
                for u in 0..g.users() {
                    let cache = sim.cache(s, u).expect("push and hybrid have caches");
                    assert!(cache.len() <= cap, "{s:?} user {u}: {} > {cap}", cache.len());
                    assert!(cache.as_slice().windows(2).all(|w| w[0] < w[1]));
                }
            }
        };
        for &e in &events {
            sim.tick(Some(e), None);
            check(&sim);
        }
        sim.drain();
        check(&sim);
        for s in [Fan::Push, Fan::Hybrid] {
            let st = sim.stats(s);
            prop_assert!(st.max_cache_len as usize <= cap);
            let held: u64 = (0..g.users()).map(|u| sim.cache(s, u).map_or(0, |c| c.len() as u64)).sum();
            prop_assert_eq!(st.cache_entries, held);
            prop_assert_eq!(st.cache_entries + st.evictions, st.feed_writes);
        }
    }

    #[test]
    fn reads_before_quiescence_only_miss_posts_still_queued(c in case()) {
        let (g, events) = setup(&c);
        let mut sim = Simulation::new(&g, c.cfg);
        let mut reads = 0;
        for &e in &events {
            if let Event::Read(u) = e {
                let authors = sim.post_authors().to_vec();
                let truth = naive_feed(&g, &authors, u, c.cfg.page);
                prop_assert_eq!(&sim.feed(Fan::Pull, u), &truth);
                for s in [Fan::Push, Fan::Hybrid] {
                    let got = sim.feed(s, u);
                    // Everything shown is a real feed post of u, newest first.
                    prop_assert!(got.windows(2).all(|w| w[0] > w[1]));
                    for p in &got {
                        prop_assert!(g.followees(u).contains(&authors[*p as usize]));
                    }
                }
                reads += 1;
            }
            sim.tick(Some(e), None);
        }
        prop_assert_eq!(sim.stats(Fan::Pull).reads, reads);
        prop_assert_eq!(sim.stats(Fan::Pull).stale_reads, 0);
    }

    #[test]
    fn graphs_have_exact_edges_no_self_follows_no_duplicates(
        users in 1u32..60, skew in 0.0..3.0f64, frac in 0.0..=1.0f64, seed in any::<u64>()
    ) {
        let most = (users * (users - 1)).min(100 * users);
        let follows = (f64::from(most) * frac) as u32;
        let spec = GraphSpec { users, follows, skew, inactive: 0.5 };
        let g = Graph::generate(&spec, &mut sdp_kit::rng::seeded(seed));
        prop_assert_eq!(g.follows(), follows);
        let mut reversed = Vec::new();
        for u in 0..users {
            let out = g.followees(u);
            prop_assert!(out.windows(2).all(|w| w[0] < w[1]), "sorted, no duplicates");
            prop_assert!(!out.contains(&u));
            let mean = follows / users;
            prop_assert!(out.len() as u32 == mean || out.len() as u32 == mean + 1);
            reversed.extend(out.iter().map(|&v| (v, u)));
        }
        reversed.sort_unstable();
        let followers: Vec<(u32, u32)> = (0..users)
            .flat_map(|v| g.followers(v).iter().map(move |&u| (v, u)))
            .collect();
        prop_assert_eq!(reversed, followers);
        prop_assert_eq!(&g, &Graph::generate(&spec, &mut sdp_kit::rng::seeded(seed)));
    }

    #[test]
    fn every_group_member_ends_with_every_message(
        online in proptest::collection::vec(any::<bool>(), 2..40),
        events in proptest::collection::vec((0u8..3, 0u32..45), 0..80),
        msg in 1u32..5000,
        refs in 1u32..64,
    ) {
        let n = online.len() as u64;
        let mut chat = GroupChat::new(online, msg, refs);
        for (kind, m) in events {
            let e = match kind {
                0 => ChatEvent::Send(m),
                1 => ChatEvent::Disconnect(m),
                _ => ChatEvent::Reconnect(m),
            };
            chat.apply(e);
            for m in 0..chat.members() {
                if chat.is_online(m) {
                    prop_assert_eq!(chat.received(m), chat.sent(), "online members are caught up");
                }
            }
            let st = chat.storage();
            let pending: u64 = (0..chat.members()).map(|m| u64::from(chat.pending(m))).sum();
            prop_assert_eq!(st.pending, pending);
            prop_assert_eq!(st.delivered_now + st.delivered_on_reconnect + st.pending + st.messages,
                st.messages * n, "every member gets each message once (the sender's own copy counted)");
        }
        chat.reconnect_all();
        let st = chat.storage();
        let m = u64::from(chat.sent());
        for member in 0..chat.members() {
            prop_assert_eq!(chat.received(member), chat.sent());
        }
        prop_assert_eq!(st.pending, 0);
        prop_assert_eq!(st.copies_bytes, m * n * u64::from(msg));
        prop_assert_eq!(st.refs_bytes, m * u64::from(msg) + m * n * u64::from(refs));
    }
}
