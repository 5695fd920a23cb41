//! Property tests of whole scenarios: every valid scenario round-trips through the URL, junk
//! never breaks the reader, and every step is consistent with what it tells the view.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use sdp_kit::lab::{Contract, Lab, Scenario};
use sdp_kit::query::parse;
use sdp_lab_fan_out::chat::ChatFocus;
use sdp_lab_fan_out::state::{FeedFocus, Route, State, Via};
use sdp_lab_fan_out::{Action, FanOutLab, Mode, Params, Strategy as Fan};
use sdp_lab_fan_out::{BATCH_TARGETS, QUEUE_SHOWN, SAMPLE_TARGETS, SOURCES_SHOWN};

type Sc = Scenario<Params, Action>;

fn valid_params() -> impl Strategy<Value = Params> {
    (
        (
            any::<bool>(),
            0usize..3,
            2u32..300,
            0.0..=1.0f64,
            0.0..=3.0f64,
            0.0..=1.0f64,
        ),
        (
            0u32..200,
            0u32..100,
            0u32..=200,
            0i64..300,
            1u32..=64,
            1u32..=200,
        ),
        (1u32..=1000, 1u32..=500, any::<bool>()),
        (
            2u32..=500,
            0u32..=300,
            0.0..=1.0f64,
            1u32..=10_000_000,
            1u32..=1024,
        ),
    )
        .prop_map(|(a, b, c, d)| {
            let (chat, strategy, users, frac, skew, inactive) = a;
            let (posts, reads, detailed, threshold, workers, batch) = b;
            let (cache, page, ranking) = c;
            let (group, messages, online, msg_bytes, ref_bytes) = d;
            Params {
                mode: if chat { Mode::Chat } else { Mode::Feed },
                strategy: Fan::ALL[strategy],
                users,
                follows: (f64::from(sdp_lab_fan_out::max_follows(users)) * frac) as u32,
                skew,
                inactive,
                posts,
                reads,
                detailed,
                threshold,
                workers,
                batch,
                cache,
                page: page.min(cache),
                ranking,
                group,
                messages,
                online,
                msg_bytes,
                ref_bytes,
            }
        })
}

fn scenario() -> impl Strategy<Value = Sc> {
    (
        valid_params(),
        any::<u64>(),
        proptest::collection::vec((0u8..3, any::<u32>()), 0..6),
    )
        .prop_map(|(params, seed, raw)| {
            let actions = raw
                .into_iter()
                .map(|(k, n)| match (params.mode, k) {
                    (Mode::Feed, 0) => Action::Post(n % params.users),
                    (Mode::Feed, 1) => Action::Read(n % params.users),
                    (Mode::Feed, _) => Action::Wait(1 + n % 50),
                    (Mode::Chat, 0) => Action::Send(n % params.group),
                    (Mode::Chat, 1) => Action::Disconnect(n % params.group),
                    (Mode::Chat, _) => Action::Reconnect(n % params.group),
                })
                .collect();
            Scenario {
                params,
                seed,
                actions,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn url_round_trips_every_valid_scenario(s in scenario()) {
        prop_assert!(FanOutLab::validate(&s).is_empty());
        let (back, errors) = FanOutLab::from_query(&FanOutLab::to_query(&s));
        prop_assert!(errors.is_empty(), "{:?}", errors);
        prop_assert_eq!(back, s);
    }

    #[test]
    fn from_query_never_fails_on_junk(text in "[a-z_=&:.0-9%-]{0,80}") {
        let (s, _) = FanOutLab::from_query(&parse(&text));
        prop_assert!(FanOutLab::validate(&s).is_empty());
    }

    #[test]
    fn every_step_is_consistent(s in scenario()) {
        let trace = FanOutLab::run(&s).expect("valid");
        prop_assert!(!trace.is_empty());
        let procs = FanOutLab::procedures();
        let p = &s.params;
        let mut last_tick = 0;
        for step in &trace.steps {
            let lr = &step.lines;
            if !lr.lines.is_empty() {
                prop_assert!(lr.procedure < procs.len());
                prop_assert!(lr.lines.iter().all(|&l| l < procs[lr.procedure].lines.len()));
            }
            prop_assert!(!step.narration.is_empty());
            match &step.state {
                State::Feed(f) => {
                    prop_assert_eq!(p.mode, Mode::Feed);
                    prop_assert_eq!(step.metrics.len(), 21);
                    prop_assert!(f.tick >= last_tick);
                    last_tick = f.tick;
                    let mine = f.stats[p.strategy.index()];
                    prop_assert_eq!(f.queue.pending_writes, mine.backlog_writes);
                    prop_assert_eq!(f.queue.jobs, mine.backlog_jobs);
                    prop_assert!(f.queue.head.len() <= QUEUE_SHOWN);
                    for st in &f.stats {
                        prop_assert!(st.max_cache_len <= p.cache);
                    }
                    prop_assert_eq!(f.stats[Fan::Pull.index()].feed_writes, 0);
                    match &f.focus {
                        FeedFocus::Post(v) => {
                            prop_assert!(v.sample.len() <= SAMPLE_TARGETS);
                            let ok = match (p.strategy, v.route) {
                                (Fan::Pull, Route::StoredForPull) => true,
                                (Fan::Hybrid, Route::CelebrityPull) => v.celebrity,
                                (Fan::Pull, _) | (_, Route::StoredForPull) => false,
                                (_, Route::Queued { writes, .. }) => writes == v.followers && writes > 0,
                                (_, Route::NoFollowers) => v.followers == 0,
                                (_, Route::CelebrityPull) => false,
                            };
                            prop_assert!(ok, "{:?}", v);
                        }
                        FeedFocus::FanOut(batches) => {
                            prop_assert!(p.strategy != Fan::Pull);
                            prop_assert!(!batches.is_empty() && batches.len() <= p.workers as usize);
                            for b in batches {
                                prop_assert!(b.count >= 1 && b.count <= p.batch);
                                prop_assert!(b.targets.len() <= BATCH_TARGETS.min(b.count as usize));
                                prop_assert!(b.inactive <= b.count);
                                prop_assert!(b.targets.iter().all(|t| t.cache_len <= p.cache));
                                prop_assert_eq!(b.done, b.offset + b.count == b.total);
                            }
                        }
                        FeedFocus::Read(r) => {
                            prop_assert!(r.sources.len() <= SOURCES_SHOWN);
                            prop_assert!(r.feed.len() <= p.page as usize);
                            prop_assert_eq!(r.funnel.is_some(), p.ranking);
                            if p.strategy == Fan::Pull {
                                prop_assert!(r.feed.iter().all(|e| e.via == Via::Pull));
                                prop_assert_eq!(r.missing, 0);
                            }
                            if p.strategy == Fan::Push {
                                prop_assert!(r.feed.iter().all(|e| e.via == Via::Cache));
                                prop_assert_eq!(r.sources_total, 1);
                            }
                            if !p.ranking {
                                prop_assert!(r.feed.windows(2).all(|w| w[0].post > w[1].post));
                            }
                        }
                        FeedFocus::Quiescent(q) => {
                            prop_assert_eq!(q.identical, q.users);
                            prop_assert_eq!(f.queue.pending_writes, 0);
                        }
                        _ => {}
                    }
                }
                State::Chat(c) => {
                    prop_assert_eq!(p.mode, Mode::Chat);
                    prop_assert_eq!(step.metrics.len(), 6);
                    prop_assert_eq!(c.members.len(), p.group as usize);
                    let pending: u64 = c.members.iter().map(|m| u64::from(m.pending)).sum();
                    prop_assert_eq!(c.storage.pending, pending);
                }
            }
        }
        match &trace.steps.last().expect("non-empty").state {
            State::Feed(f) => prop_assert!(matches!(f.focus, FeedFocus::Quiescent(_))),
            State::Chat(c) => {
                let ends = matches!(c.focus, ChatFocus::AllReconnect { .. });
                prop_assert!(ends);
                prop_assert!(c.members.iter().all(|m| m.online && m.received == c.sent));
            }
        }
    }
}
