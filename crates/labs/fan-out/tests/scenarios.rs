//! Scenarios end to end: the default trace, determinism and serde round trips, bad parameters
//! and actions, the step budget at the caps, the procedures and notes, and golden values.
#![cfg(not(target_arch = "wasm32"))]

use sdp_kit::lab::{Contract, Lab, ParamError, Scenario, Trace};
use sdp_lab_fan_out::graph::{Graph, GraphSpec};
use sdp_lab_fan_out::state::{FeedFocus, State};
use sdp_lab_fan_out::{Action, FanOutLab, Mode, Params, Strategy as Fan};
use sdp_lab_fan_out::{DEFAULT_READER, MAX_ACTIONS};

type Sc = Scenario<Params, Action>;

fn feed(strategy: Fan) -> Sc {
    let mut s = FanOutLab::default_scenario();
    s.params.strategy = strategy;
    s
}

fn chat() -> Sc {
    Scenario {
        params: Params {
            mode: Mode::Chat,
            group: 30,
            messages: 25,
            online: 0.6,
            ..Params::default()
        },
        seed: 5,
        actions: vec![Action::Send(3), Action::Disconnect(3), Action::Reconnect(3)],
    }
}

fn fields(errors: &[ParamError]) -> Vec<&str> {
    errors.iter().map(|e| e.field.as_str()).collect()
}

#[test]
fn info_and_default_scenario() {
    assert_eq!(FanOutLab::INFO.id, "fan-out");
    assert_eq!(FanOutLab::INFO.catalogue, "M7.1, M7.2, M7.3, M7.6");
    let s = FanOutLab::default_scenario();
    assert!(FanOutLab::validate(&s).is_empty());
    // The default reader follows user 0, reads, and is late in user 0's follower list.
    let p = &s.params;
    let g = Graph::generate(
        &GraphSpec {
            users: p.users,
            follows: p.follows,
            skew: p.skew,
            inactive: p.inactive,
        },
        &mut sdp_kit::rng::seeded(s.seed),
    );
    assert!(g.is_active(DEFAULT_READER));
    let followers = g.followers(0);
    let at = followers.binary_search(&DEFAULT_READER).expect("follows 0");
    assert!(at + 10 > followers.len());
    assert!(
        g.follower_count(0) as i64 >= p.threshold,
        "user 0 is a celebrity"
    );
}

#[test]
fn default_trace_shows_push_stale_then_fresh_and_hybrid_always_fresh() {
    let reads_of = |t: &Trace<State>| -> Vec<(u32, u32, usize)> {
        t.steps
            .iter()
            .filter_map(|s| match &s.state {
                State::Feed(f) => match &f.focus {
                    FeedFocus::Read(r) if r.user == DEFAULT_READER => {
                        Some((r.missing, r.sources_total, r.feed.len()))
                    }
                    _ => None,
                },
                State::Chat(_) => None,
            })
            .collect()
    };
    let push = FanOutLab::run(&feed(Fan::Push)).expect("valid");
    let r = reads_of(&push);
    assert_eq!(r.len(), 2);
    assert!(
        r[0].0 > 0,
        "the celebrity post has not reached the reader yet"
    );
    assert_eq!(r[1].0, 0, "after the wait it has");
    assert_eq!(r[0].1, 1, "push reads one source");
    let hybrid = FanOutLab::run(&feed(Fan::Hybrid)).expect("valid");
    let r = reads_of(&hybrid);
    assert!(r.iter().all(|x| x.0 == 0));
    assert!(r[0].1 >= 2, "cache plus celebrity followees");
    let pull = FanOutLab::run(&feed(Fan::Pull)).expect("valid");
    assert!(reads_of(&pull).iter().all(|x| x.0 == 0 && x.1 >= 2));
    for t in [&push, &hybrid, &pull] {
        let last = t.steps.last().expect("steps");
        let State::Feed(f) = &last.state else {
            panic!("feed mode")
        };
        let FeedFocus::Quiescent(q) = &f.focus else {
            panic!("ends with the quiescence check")
        };
        assert_eq!(q.identical, q.users);
        assert_eq!(f.queue.pending_writes, 0);
        assert!(t.len() < 200);
    }
}

#[test]
fn same_scenario_same_trace_byte_for_byte_and_serde_round_trip() {
    let mut ranked = feed(Fan::Hybrid);
    ranked.params.ranking = true;
    ranked.params.threshold = 50;
    for scenario in [feed(Fan::Push), feed(Fan::Pull), ranked, chat()] {
        let a = FanOutLab::run(&scenario).expect("valid");
        let b = FanOutLab::run(&scenario).expect("valid");
        assert_eq!(a, b);
        let json = serde_json::to_string(&a).expect("serialise");
        assert_eq!(
            json,
            serde_json::to_string(&b).expect("serialise"),
            "byte for byte"
        );
        let back: Trace<State> = serde_json::from_str(&json).expect("deserialise");
        assert_eq!(back, a);
        let s_json = serde_json::to_string(&scenario).expect("serialise");
        let s_back: Sc = serde_json::from_str(&s_json).expect("deserialise");
        assert_eq!(FanOutLab::run(&s_back).expect("valid"), a);
        let other = FanOutLab::run(&Scenario {
            seed: scenario.seed + 1,
            ..scenario.clone()
        })
        .expect("valid");
        assert_ne!(other, a, "the seed matters");
    }
}

#[test]
fn bad_parameters_name_the_field_and_range() {
    let p = Params::default();
    let cases: Vec<(Params, &str)> = vec![
        (
            Params {
                threshold: -1,
                ..p.clone()
            },
            "threshold",
        ),
        (
            Params {
                users: 100_001,
                ..p.clone()
            },
            "users",
        ),
        (
            Params {
                users: 1,
                ..p.clone()
            },
            "users",
        ),
        (
            Params {
                follows: 1_000_001,
                ..p.clone()
            },
            "follows",
        ),
        (
            Params {
                users: 3,
                follows: 7,
                ..p.clone()
            },
            "follows",
        ),
        (
            Params {
                users: 1000,
                follows: 100_001,
                ..p.clone()
            },
            "follows",
        ),
        (
            Params {
                posts: 10_001,
                ..p.clone()
            },
            "posts",
        ),
        (
            Params {
                reads: 10_001,
                ..p.clone()
            },
            "reads",
        ),
        (
            Params {
                inactive: 1.5,
                ..p.clone()
            },
            "inactive",
        ),
        (
            Params {
                inactive: -0.1,
                ..p.clone()
            },
            "inactive",
        ),
        (
            Params {
                inactive: f64::NAN,
                ..p.clone()
            },
            "inactive",
        ),
        (
            Params {
                online: 2.0,
                ..p.clone()
            },
            "online",
        ),
        (
            Params {
                skew: 3.5,
                ..p.clone()
            },
            "skew",
        ),
        (
            Params {
                cache: 40,
                ..p.clone()
            },
            "page",
        ),
        (
            Params {
                cache: 0,
                ..p.clone()
            },
            "cache",
        ),
        (
            Params {
                workers: 0,
                ..p.clone()
            },
            "workers",
        ),
        (
            Params {
                batch: 0,
                ..p.clone()
            },
            "batch",
        ),
        (
            Params {
                detailed: 201,
                ..p.clone()
            },
            "detailed",
        ),
        (
            Params {
                group: 501,
                ..p.clone()
            },
            "group",
        ),
        (
            Params {
                messages: 301,
                ..p.clone()
            },
            "messages",
        ),
        (
            Params {
                ref_bytes: 0,
                ..p.clone()
            },
            "ref_bytes",
        ),
    ];
    for (params, field) in cases {
        let s = Scenario {
            params,
            seed: 1,
            actions: Vec::new(),
        };
        let errors = FanOutLab::validate(&s);
        assert_eq!(fields(&errors), vec![field], "{errors:?}");
        assert_eq!(FanOutLab::run(&s).expect_err("invalid"), errors);
    }
    let s = Scenario {
        params: Params {
            threshold: -5,
            ..p.clone()
        },
        seed: 1,
        actions: Vec::new(),
    };
    assert_eq!(
        FanOutLab::validate(&s)[0].to_string(),
        "threshold: must be between 0 and 1000000 (got -5)"
    );
    let bad_actions = Scenario {
        params: p.clone(),
        seed: 1,
        actions: vec![
            Action::Read(500),
            Action::Send(0),
            Action::Wait(0),
            Action::Post(499),
        ],
    };
    assert_eq!(
        fields(&FanOutLab::validate(&bad_actions)),
        vec!["actions[0]", "actions[1]", "actions[2]"]
    );
    let too_many = Scenario {
        params: p,
        seed: 1,
        actions: vec![Action::Wait(1); MAX_ACTIONS + 1],
    };
    assert_eq!(fields(&FanOutLab::validate(&too_many)), vec!["actions"]);
    let mut c = chat();
    c.actions = vec![Action::Post(0), Action::Send(30)];
    assert_eq!(
        fields(&FanOutLab::validate(&c)),
        vec!["actions[0]", "actions[1]"]
    );
}

#[test]
fn steps_stay_within_budget_at_the_caps() {
    let s = Scenario {
        params: Params {
            users: 3000,
            follows: 30_000,
            posts: 10_000,
            reads: 10_000,
            detailed: 200,
            workers: 1,
            batch: 1,
            ..Params::default()
        },
        seed: 9,
        actions: (0..MAX_ACTIONS as u32)
            .map(|i| {
                if i % 2 == 0 {
                    Action::Post(i)
                } else {
                    Action::Read(i)
                }
            })
            .collect(),
    };
    let t = FanOutLab::run(&s).expect("valid");
    assert!(
        t.len() <= 1 + 10 + 2 * 200 + 2 * MAX_ACTIONS + 2,
        "{}",
        t.len()
    );
    let mut c = chat();
    c.params.group = 500;
    c.params.messages = 300;
    let t = FanOutLab::run(&c).expect("valid");
    assert!(t.len() <= 2 + 2 * 300 + c.actions.len(), "{}", t.len());
}

#[test]
fn notes_and_procedures_are_complete() {
    let notes = FanOutLab::notes();
    assert!(notes.len() >= 8);
    assert!(
        notes
            .iter()
            .all(|n| !n.why.is_empty() && !n.lab_shows.is_empty())
    );
    let procs = FanOutLab::procedures();
    assert_eq!(procs.len(), 6);
    // Where the seed documents are at hand, the quoted lines are in them.
    let Ok(f0) = std::fs::read_to_string("../../../shared/seeds/000_33591377e071b015.txt") else {
        return;
    };
    let f4 = std::fs::read_to_string("../../../shared/seeds/004_f3d8b95b7efab00d.txt")
        .unwrap_or_default();
    // Quoted without the markdown emphasis, whitespace (line breaks too) collapsed.
    let plain = |t: &str| {
        t.replace("**", "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (f0, f4) = (plain(&f0), plain(&f4));
    for (i, p) in procs.iter().enumerate() {
        for line in p.lines {
            if line.contains("not in source") {
                continue;
            }
            let needle = plain(line.trim().trim_start_matches("- "));
            assert!(
                f0.contains(&needle) || f4.contains(&needle),
                "procedure {i}: “{needle}” is not in the documents"
            );
        }
    }
}

/// Golden values: the default graph and trace are bit-identical on every platform (the power
/// law uses only IEEE basic operations), so these pin them natively and in WebAssembly alike.
#[test]
fn default_graph_and_trace_golden_values() {
    let s = FanOutLab::default_scenario();
    let p = &s.params;
    let g = Graph::generate(
        &GraphSpec {
            users: p.users,
            follows: p.follows,
            skew: p.skew,
            inactive: p.inactive,
        },
        &mut sdp_kit::rng::seeded(s.seed),
    );
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for u in 0..g.users() {
        for &f in g.followers(u) {
            h = (h ^ u64::from(f)).wrapping_mul(0x0100_0000_01b3);
        }
        h = (h ^ u64::from(g.is_active(u))).wrapping_mul(0x0100_0000_01b3);
    }
    assert_eq!(h, 0xfb8a_c1e9_daa0_8e0d);
    assert_eq!((g.follower_count(0), g.inactive_count()), (358, 140));
    let t = FanOutLab::run(&s).expect("valid");
    assert_eq!(t.len(), 88);
    let State::Feed(last) = &t.steps.last().expect("steps").state else {
        panic!("feed mode")
    };
    let figures: Vec<(u64, u64, u64, u64)> = last
        .stats
        .iter()
        .map(|x| (x.feed_writes, x.wasted_writes, x.latency_max, x.stale_reads))
        .collect();
    assert_eq!(
        figures,
        vec![(4817, 1341, 9, 4), (0, 0, 0, 0), (3124, 857, 1, 0)]
    );
}
