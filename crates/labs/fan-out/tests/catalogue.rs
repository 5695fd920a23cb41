//! The catalogue's worked examples and constants (M7.1–M7.3, M7.6) as golden vectors.
#![cfg(not(target_arch = "wasm32"))]

use sdp_kit::lab::Lab;
use sdp_lab_fan_out::chat::{ChatEvent, ChatOutcome, GroupChat};
use sdp_lab_fan_out::graph::{Graph, GraphSpec};
use sdp_lab_fan_out::proc_ids;
use sdp_lab_fan_out::ranking::{
    DOCUMENT_CANDIDATES, DOCUMENT_EXAMPLE, DOCUMENT_PAGE, DOCUMENT_STATED_SCORE, DOCUMENT_WEIGHTS,
    Weights, engagement_of, rank, score, score_terms,
};
use sdp_lab_fan_out::sim::{Event, SimConfig, Simulation, Strategy};
use sdp_lab_fan_out::state::{Route, Via};
use sdp_lab_fan_out::{FanOutLab, Params};

#[test]
fn ranking_example_is_0_067_not_the_documents_0_068() {
    let s = score(&DOCUMENT_WEIGHTS, &DOCUMENT_EXAMPLE);
    assert!((s - 0.067).abs() < 1e-12, "{s}");
    assert!((s - DOCUMENT_STATED_SCORE).abs() > 5e-4);
    let terms = score_terms(&DOCUMENT_WEIGHTS, &DOCUMENT_EXAMPLE);
    let expected = [0.048, 0.009, 0.002, 0.010, -0.002];
    for (t, e) in terms.iter().zip(expected) {
        assert!((t - e).abs() < 1e-15, "{t} vs {e}");
    }
    assert_eq!(
        DOCUMENT_WEIGHTS,
        Weights {
            like: 0.4,
            comment: 0.3,
            share: 0.2,
            save: 0.2,
            hide: 1.0
        }
    );
    // The fidelity badge shows both values, and the procedure quotes the document verbatim.
    let note = FanOutLab::notes()
        .iter()
        .find(|n| n.document_says.contains("0.068"))
        .expect("a note on the ranking example");
    assert!(note.lab_shows.contains("0.067"));
    let ranking = &FanOutLab::procedures()[proc_ids::RANKING];
    assert!(ranking.lines.iter().any(|l| l.trim() == "= 0.068"));
    assert!(ranking.lines.iter().any(|l| l.contains("0.4*0.12")));
}

#[test]
fn post_zero_carries_the_document_example_and_scores_0_067_in_a_ranked_read() {
    for seed in [0, 1, 42, u64::MAX] {
        assert_eq!(engagement_of(seed, 0), DOCUMENT_EXAMPLE);
    }
    assert_ne!(engagement_of(1, 1), DOCUMENT_EXAMPLE);
    // 1 follows 0; 0 posts p0, p1, p2; 1 reads with ranking on.
    let g = Graph::from_edges(2, &[(1, 0)], &[]);
    let cfg = SimConfig {
        threshold: 100,
        ranking: true,
        seed: 5,
        ..SimConfig::default()
    };
    let mut sim = Simulation::new(&g, cfg);
    for _ in 0..3 {
        sim.tick(Some(Event::Post(0)), None);
    }
    let read = sim
        .event(Event::Read(1), Some(Strategy::Push))
        .read
        .expect("a read view");
    let funnel = read.funnel.expect("ranking on");
    assert_eq!((funnel.candidates, funnel.returned), (3, 3));
    let p0 = read
        .feed
        .iter()
        .find(|e| e.post == 0)
        .and_then(|e| e.score)
        .expect("p0 scored");
    assert!((p0.score - 0.067).abs() < 1e-12);
    assert_eq!(p0.chrono_rank, 2, "p0 is the oldest candidate");
    let scores: Vec<f64> = read
        .feed
        .iter()
        .map(|e| e.score.expect("scored").score)
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "sorted by score");
}

#[test]
fn the_funnel_keeps_500_candidates_and_returns_50() {
    assert_eq!((DOCUMENT_CANDIDATES, DOCUMENT_PAGE), (500, 50));
    let d = Params::default();
    assert_eq!(
        (d.cache, d.page),
        (500, 50),
        "M7.2: keep latest 500, a load returns 50"
    );
    let g = Graph::from_edges(3, &[(2, 0), (2, 1)], &[]);
    let cfg = SimConfig {
        threshold: 100,
        ranking: true,
        ..SimConfig::default()
    };
    let mut sim = Simulation::new(&g, cfg);
    for i in 0..700 {
        sim.tick(Some(Event::Post(i % 2)), None);
    }
    sim.drain();
    for s in Strategy::ALL {
        let read = sim.event(Event::Read(2), Some(s)).read.expect("read");
        let f = read.funnel.expect("ranked");
        assert_eq!((f.candidates, f.returned), (500, 50), "{s:?}");
        assert_eq!(read.feed.len(), 50);
        // Stage 1 is the newest 500: posts 200 … 699.
        assert!(read.feed.iter().all(|e| e.post >= 200));
    }
    assert_eq!(sim.cache(Strategy::Push, 2).map(|c| c.len()), Some(500));
    let ranked = rank(&(0..500).rev().collect::<Vec<u32>>(), 50, 9);
    assert_eq!(ranked.len(), 50);
}

#[test]
fn exactly_the_threshold_counts_as_a_celebrity() {
    // User 0 has 3 followers, user 4 has 2.
    let g = Graph::from_edges(5, &[(1, 0), (2, 0), (3, 0), (1, 4), (2, 4)], &[]);
    let sim = Simulation::new(
        &g,
        SimConfig {
            threshold: 3,
            ..SimConfig::default()
        },
    );
    assert!(sim.is_celebrity(0));
    assert!(!sim.is_celebrity(4));
    assert!(
        FanOutLab::notes()
            .iter()
            .any(|n| n.document_says.contains("10K") && n.lab_shows.contains("at or above"))
    );
}

#[test]
fn a_celebrity_post_backs_up_push_but_not_hybrid() {
    // 10 followers of user 0; 1 worker writing 3 per batch: batches in ticks 0, 1, 2, 3.
    let edges: Vec<(u32, u32)> = (1..=10).map(|f| (f, 0)).collect();
    let g = Graph::from_edges(11, &edges, &[1, 2, 3]);
    let cfg = SimConfig {
        threshold: 10,
        workers: 1,
        batch: 3,
        ..SimConfig::default()
    };
    let mut sim = Simulation::new(&g, cfg);
    let d = sim.event(Event::Post(0), Some(Strategy::Push));
    assert_eq!(
        d.post.expect("post view").route,
        Route::Queued {
            writes: 10,
            backlog: 10
        }
    );
    sim.run_workers(None);
    let push = sim.stats(Strategy::Push);
    assert_eq!(push.backlog_after_celebrity, Some(10));
    assert_eq!(push.backlog_writes, 7);
    let hybrid = sim.stats(Strategy::Hybrid);
    assert_eq!(hybrid.backlog_after_celebrity, Some(0));
    assert_eq!((hybrid.feed_writes, hybrid.visible_posts), (0, 1));
    // Follower 10 reads at tick 1: push has not reached it, hybrid pulls the post.
    let read = sim
        .event(Event::Read(10), Some(Strategy::Push))
        .read
        .expect("read");
    assert_eq!((read.feed.len(), read.missing), (0, 1));
    let read = sim
        .event(Event::Read(10), Some(Strategy::Hybrid))
        .read
        .expect("read");
    assert_eq!(read.feed.len(), 1);
    assert_eq!(read.feed[0].via, Via::Pull);
    assert_eq!(read.sources_total, 2, "the cache and one celebrity");
    sim.drain();
    let push = sim.stats(Strategy::Push);
    assert_eq!(push.latency_max, 3, "written in ticks 0–3");
    assert_eq!(push.feed_writes, 10);
    assert_eq!(push.wasted_writes, 3, "users 1, 2, 3 never read");
    assert_eq!(
        push.stale_reads, 2,
        "both reads ran before the fan-out finished"
    );
    assert_eq!(
        sim.stats(Strategy::Pull).sources_merged,
        2,
        "one followee per read"
    );
}

#[test]
fn a_50_member_group_stores_50_copies_or_one_message_and_50_pointers() {
    // F4 §13 l.2198–2206: 50 members → 50 copies; optimisation: once + 50 pointers.
    let online: Vec<bool> = (0..50).map(|m| m % 5 != 0).collect();
    let mut chat = GroupChat::new(online, 1000, 16);
    let out = chat.apply(ChatEvent::Send(1));
    assert_eq!(
        out,
        ChatOutcome::Sent {
            message: 0,
            sender: 1,
            reconnected_first: None,
            now: 39,
            queued: 10
        }
    );
    let st = chat.storage();
    assert_eq!((st.copies, st.ref_messages, st.ref_pointers), (50, 1, 50));
    assert_eq!((st.copies_bytes, st.refs_bytes), (50_000, 1000 + 50 * 16));
    assert_eq!(st.pending, 10);
    assert_eq!(
        chat.apply(ChatEvent::Reconnect(5)),
        ChatOutcome::Reconnected {
            member: 5,
            delivered: 1
        }
    );
    let d = Params::default();
    assert_eq!((d.group, d.msg_bytes), (50, 1000));
}

#[test]
fn the_follower_distribution_is_a_power_law() {
    let spec = GraphSpec {
        users: 20_000,
        follows: 200_000,
        skew: 1.0,
        inactive: 0.3,
    };
    let g = Graph::generate(&spec, &mut sdp_kit::rng::seeded(3));
    let top = g.top(10);
    assert_eq!(top[0], 0, "user 0 is the most followed");
    let median = g.median_followers();
    assert!(g.follower_count(0) > 200 * median.max(1), "a celebrity");
    // Zipf: rank r gets about 1/r of the top's followers.
    let ratio = f64::from(g.follower_count(9)) / f64::from(g.follower_count(0));
    assert!((0.05..0.2).contains(&ratio), "{ratio}");
    let inactive = f64::from(g.inactive_count()) / 20_000.0;
    assert!((0.28..0.32).contains(&inactive), "{inactive}");
    // Uniform popularity has no celebrity.
    let flat = Graph::generate(
        &GraphSpec { skew: 0.0, ..spec },
        &mut sdp_kit::rng::seeded(3),
    );
    assert!(flat.follower_count(flat.top(1)[0]) < 40);
}
