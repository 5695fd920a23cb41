//! Predict-then-run questions: the opening scenarios' answers, computed here from the
//! generated graph, the worker throughput and a replay of the chat's events (not read back
//! from the trace's own counters), and well-formed questions on random scenarios.
#![cfg(not(target_arch = "wasm32"))]

use sdp_kit::lab::{Contract, Lab};
use sdp_kit::quiz::problems;
use sdp_kit::rng::seeded;
use sdp_lab_fan_out::chat::{ChatFocus, ChatOutcome};
use sdp_lab_fan_out::graph::{Graph, GraphSpec};
use sdp_lab_fan_out::state::State;
use sdp_lab_fan_out::{DEFAULT_READER, FanOutLab};

#[test]
fn the_feed_questions_follow_the_graph_and_the_workers() {
    let s = FanOutLab::mode_scenario(0);
    let t = FanOutLab::build(&s);
    let qs = FanOutLab::questions(&s, &t);
    assert!(problems(&qs, t.len()).is_empty());
    assert_eq!(qs.len(), 2, "{qs:#?}");
    let p = &s.params;
    let graph = Graph::generate(
        &GraphSpec {
            users: p.users,
            follows: p.follows,
            skew: p.skew,
            inactive: p.inactive,
        },
        &mut seeded(s.seed),
    );
    // Push queues one write per follower, celebrity or not.
    let post = &qs[0];
    let followers = graph.follower_count(0);
    assert!(
        post.prompt.contains(&format!("{followers} followers")),
        "{}",
        post.prompt
    );
    assert!(post.choices[post.answer].starts_with("Queue a fan-out job"));
    // The reader, one tick after the celebrity's post: the workers have written
    // workers × batch of the follower list, in list order.
    let read = &qs[1];
    assert!(read.prompt.starts_with(&format!("User {DEFAULT_READER} ")));
    let position = graph
        .followers(0)
        .iter()
        .position(|&f| f == DEFAULT_READER)
        .expect("a follower of user 0");
    let written = (p.workers * p.batch) as usize;
    let stale = position >= written;
    assert_eq!(read.choices[read.answer], if stale { "Yes" } else { "No" });
    assert!(stale, "the default reader is late in user 0's list");
}

#[test]
fn the_chat_questions_match_a_replay_of_the_events() {
    let s = FanOutLab::mode_scenario(1);
    let t = FanOutLab::build(&s);
    let qs = FanOutLab::questions(&s, &t);
    assert!(problems(&qs, t.len()).is_empty());
    let p = &s.params;
    // The first message: stored once plus one reference per member.
    let first = &qs[0];
    let want = p.msg_bytes + p.group * p.ref_bytes;
    assert_eq!(
        first.choices[first.answer],
        format!("{} B", sdp_kit::fmt::group(u64::from(want)))
    );
    // Replay: who is offline, and how many messages each offline member missed.
    let State::Chat(start) = &t.steps[0].state else {
        panic!("chat mode")
    };
    let mut online: Vec<bool> = start.members.iter().map(|m| m.online).collect();
    let mut missed = vec![0u32; online.len()];
    let mut expected = Vec::new();
    for step in &t.steps {
        let State::Chat(c) = &step.state else {
            continue;
        };
        match c.focus {
            ChatFocus::Event(ChatOutcome::Sent { sender, .. }) => {
                online[sender as usize] = true;
                missed[sender as usize] = 0;
                for (m, on) in online.iter().enumerate() {
                    if !on {
                        missed[m] += 1;
                    }
                }
            }
            ChatFocus::Event(ChatOutcome::Disconnected { member }) => {
                online[member as usize] = false;
            }
            ChatFocus::Event(ChatOutcome::Reconnected { member, .. }) => {
                expected.push((member, missed[member as usize]));
                online[member as usize] = true;
                missed[member as usize] = 0;
            }
            _ => {}
        }
    }
    let asked: Vec<_> = qs
        .iter()
        .filter(|q| q.prompt.contains("reconnects"))
        .collect();
    assert!(!asked.is_empty());
    for (q, (member, n)) in asked.iter().zip(&expected) {
        assert!(q.prompt.starts_with(&format!("Member {member} ")));
        assert_eq!(q.choices[q.answer], n.to_string());
    }
}

#[test]
fn questions_on_random_scenarios_are_well_formed() {
    use rand::RngExt as _;
    let mut rng = seeded(11);
    let mut ran = 0;
    for i in 0..60u64 {
        let mode = (i % 2) as usize;
        let mut s = FanOutLab::mode_scenario(mode);
        s.seed = i;
        if mode == 0 {
            s.params.users = rng.random_range(2..400);
            s.params.follows = rng.random_range(1..s.params.users * 4);
            s.params.workers = rng.random_range(1..4);
            s.params.batch = rng.random_range(1..40);
            s.actions.truncate(rng.random_range(0..5));
            s.actions
                .retain(|a| !matches!(a, sdp_lab_fan_out::Action::Read(_)) || i % 3 != 0);
        } else {
            s.params.group = rng.random_range(2..80);
        }
        if !FanOutLab::validate(&s).is_empty() {
            continue;
        }
        let t = FanOutLab::build(&s);
        let qs = FanOutLab::questions(&s, &t);
        let found = problems(&qs, t.len());
        assert!(found.is_empty(), "{:?}: {found:?}", s.params);
        ran += 1;
    }
    assert!(ran > 20, "only {ran} valid scenarios");
}
