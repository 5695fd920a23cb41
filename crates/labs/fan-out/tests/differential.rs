//! Differential tests on thousands of seeded random inputs: the feed cache against a
//! `BTreeSet` model, the heap merge against sorting, the push caches against a replay of the
//! write log, and group delivery against per-member inbox lists.
#![cfg(not(target_arch = "wasm32"))]

use rand::RngExt;
use sdp_lab_fan_out::chat::{ChatEvent, GroupChat};
use sdp_lab_fan_out::feed::{FeedCache, Merger, missing};
use sdp_lab_fan_out::graph::{Graph, GraphSpec};
use sdp_lab_fan_out::sim::{Event, SimConfig, Simulation, Strategy};
use sdp_lab_fan_out::workload;
use std::collections::{BTreeMap, BTreeSet};

#[test]
fn feed_cache_matches_a_btreeset_that_drops_its_smallest() {
    let mut rng = sdp_kit::rng::seeded(11);
    for _ in 0..2000 {
        let cap = rng.random_range(1..20usize);
        let mut cache = FeedCache::default();
        let mut model = BTreeSet::new();
        for _ in 0..rng.random_range(0..200) {
            let post = rng.random_range(0..300u32);
            let got = cache.insert(post, cap);
            let added = model.insert(post);
            let evicted = if model.len() > cap {
                model.pop_first()
            } else {
                None
            };
            assert_eq!(got.added, added);
            assert_eq!(got.evicted, if added { evicted } else { None });
            assert!(model.iter().copied().eq(cache.as_slice().iter().copied()));
        }
        let newest: Vec<u32> = model.iter().rev().take(5).copied().collect();
        assert_eq!(cache.newest(5).collect::<Vec<_>>(), newest);
    }
}

#[test]
fn heap_merge_matches_sorting_everything() {
    let mut rng = sdp_kit::rng::seeded(12);
    let mut merger = Merger::default();
    for _ in 0..3000 {
        let k = rng.random_range(0..12usize);
        let mut lists: Vec<Vec<u32>> = vec![Vec::new(); k];
        for post in 0..rng.random_range(0..150u32) {
            if k > 0 {
                lists[rng.random_range(0..k)].push(post);
            }
        }
        let refs: Vec<&[u32]> = lists.iter().map(Vec::as_slice).collect();
        let limit = rng.random_range(0..60usize);
        let mut out = Vec::new();
        merger.merge(&refs, limit, &mut out);
        let mut all: Vec<(u32, u32)> = lists
            .iter()
            .enumerate()
            .flat_map(|(s, l)| l.iter().map(move |&p| (p, s as u32)))
            .collect();
        all.sort_unstable_by(|a, b| b.cmp(a));
        all.truncate(limit);
        assert_eq!(out, all);
        // `missing` against a set difference.
        let truth: Vec<u32> = all.iter().map(|x| x.0).collect();
        let got: Vec<u32> = truth
            .iter()
            .copied()
            .filter(|_| rng.random_bool(0.7))
            .collect();
        let set: BTreeSet<u32> = got.iter().copied().collect();
        assert_eq!(
            missing(&truth, &got) as usize,
            truth.iter().filter(|p| !set.contains(p)).count()
        );
    }
}

/// Push and hybrid feeds at every read equal the newest `page` of the newest `cache` posts the
/// write log says were written to the reader so far.
#[test]
fn caches_at_every_read_match_a_replay_of_the_write_log() {
    let mut rng = sdp_kit::rng::seeded(13);
    for round in 0..300 {
        let users = rng.random_range(2..50u32);
        let follows = rng.random_range(0..=(users * (users - 1)).min(100 * users));
        let spec = GraphSpec {
            users,
            follows,
            skew: rng.random_range(0.0..2.0),
            inactive: rng.random_range(0.0..1.0),
        };
        let g = Graph::generate(&spec, &mut rng);
        let events = workload::generate(
            &g,
            rng.random_range(0..100),
            rng.random_range(0..60),
            &mut rng,
        );
        let cache = rng.random_range(1..10u32);
        let cfg = SimConfig {
            threshold: rng.random_range(0..25),
            cache,
            page: rng.random_range(1..=cache),
            workers: rng.random_range(1..4),
            batch: rng.random_range(1..8),
            ranking: false,
            seed: round,
            record_writes: true,
        };
        let mut sim = Simulation::new(&g, cfg);
        for &e in &events {
            if let Event::Read(u) = e {
                for s in [Strategy::Push, Strategy::Hybrid] {
                    let written: BTreeSet<u32> = sim
                        .write_log(s)
                        .expect("recorded")
                        .iter()
                        .filter(|(f, _)| *f == u)
                        .map(|(_, p)| *p)
                        .collect();
                    let mut visible: Vec<u32> =
                        written.iter().rev().take(cache as usize).copied().collect();
                    if s == Strategy::Hybrid {
                        let celebs: BTreeSet<u32> = g
                            .followees(u)
                            .iter()
                            .copied()
                            .filter(|&a| sim.is_celebrity(a))
                            .collect();
                        let authors = sim.post_authors();
                        visible.extend(
                            (0..authors.len() as u32)
                                .filter(|&p| celebs.contains(&authors[p as usize])),
                        );
                        visible.sort_unstable_by(|a, b| b.cmp(a));
                    }
                    visible.truncate(cfg.page as usize);
                    assert_eq!(sim.feed(s, u), visible, "round {round}, {s:?}, user {u}");
                }
            }
            sim.tick(Some(e), None);
        }
    }
}

#[test]
fn group_delivery_matches_per_member_inboxes() {
    let mut rng = sdp_kit::rng::seeded(14);
    for _ in 0..1000 {
        let n = rng.random_range(2..30u32);
        let online: Vec<bool> = (0..n).map(|_| rng.random_bool(0.6)).collect();
        let mut model_online = online.clone();
        let mut inbox: BTreeMap<u32, Vec<u32>> = (0..n).map(|m| (m, Vec::new())).collect();
        let mut pending: Vec<Vec<u32>> = vec![Vec::new(); n as usize];
        let mut sent = 0u32;
        let mut chat = GroupChat::new(online, 200, 8);
        for _ in 0..rng.random_range(0..60) {
            let m = rng.random_range(0..n);
            let e = match rng.random_range(0..3) {
                0 => ChatEvent::Send(m),
                1 => ChatEvent::Disconnect(m),
                _ => ChatEvent::Reconnect(m),
            };
            chat.apply(e);
            let i = m as usize;
            let deliver = |inbox: &mut BTreeMap<u32, Vec<u32>>, pending: &mut Vec<Vec<u32>>| {
                let waiting = std::mem::take(&mut pending[i]);
                inbox.entry(m).or_default().extend(waiting);
            };
            match e {
                ChatEvent::Send(_) => {
                    if !model_online[i] {
                        model_online[i] = true;
                        deliver(&mut inbox, &mut pending);
                    }
                    for k in 0..n {
                        if model_online[k as usize] {
                            inbox.entry(k).or_default().push(sent);
                        } else {
                            pending[k as usize].push(sent);
                        }
                    }
                    sent += 1;
                }
                ChatEvent::Disconnect(_) => model_online[i] = false,
                ChatEvent::Reconnect(_) => {
                    if !model_online[i] {
                        model_online[i] = true;
                        deliver(&mut inbox, &mut pending);
                    }
                }
            }
            for k in 0..n {
                let got = &inbox[&k];
                assert_eq!(chat.received(k) as usize, got.len());
                assert!(got.iter().copied().eq(0..got.len() as u32), "in order");
                assert_eq!(chat.pending(k) as usize, pending[k as usize].len());
                assert_eq!(chat.is_online(k), model_online[k as usize]);
            }
        }
        let st = chat.storage();
        assert_eq!(st.copies, u64::from(sent) * u64::from(n));
        assert_eq!(st.ref_pointers, st.copies);
        assert_eq!(st.ref_messages, u64::from(sent));
    }
}
