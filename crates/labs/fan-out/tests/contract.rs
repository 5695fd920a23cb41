//! The kit's one contract test on this lab, the URL it writes compared with the old reader's
//! (verbatim), the reader's messages, and the URL round trip and fallbacks.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::disallowed_methods,
    reason = "the contract test reports how long it takes"
)]

use sdp_kit::lab::{Contract, ParamError, Scenario};
use sdp_kit::query::parse;
use sdp_lab_fan_out::MAX_ACTIONS;
use sdp_lab_fan_out::{Action, FanOutLab, Mode, Params, Strategy as Fan, action_text};

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

fn pairs(s: &str) -> Vec<(String, String)> {
    parse(s)
}

#[test]
fn conformance() {
    let t = std::time::Instant::now();
    sdp_kit::conformance::check::<FanOutLab>(sdp_kit::conformance::Effort::default());
    eprintln!("conformance: {:?}", t.elapsed());
}

/// The old reader's field list (`url::fields`, kept here verbatim).
fn old_fields(p: &Params) -> Vec<(&'static str, String)> {
    vec![
        ("strategy", p.strategy.as_str().to_string()),
        ("users", p.users.to_string()),
        ("follows", p.follows.to_string()),
        ("skew", p.skew.to_string()),
        ("inactive", p.inactive.to_string()),
        ("posts", p.posts.to_string()),
        ("reads", p.reads.to_string()),
        ("detailed", p.detailed.to_string()),
        ("threshold", p.threshold.to_string()),
        ("workers", p.workers.to_string()),
        ("batch", p.batch.to_string()),
        ("cache", p.cache.to_string()),
        ("page", p.page.to_string()),
        ("rank", u8::from(p.ranking).to_string()),
        ("group", p.group.to_string()),
        ("messages", p.messages.to_string()),
        ("online", p.online.to_string()),
        ("msg_bytes", p.msg_bytes.to_string()),
        ("ref_bytes", p.ref_bytes.to_string()),
    ]
}

const OLD_FEED_KEYS: &[&str] = &[
    "strategy",
    "users",
    "follows",
    "skew",
    "inactive",
    "posts",
    "reads",
    "detailed",
    "threshold",
    "workers",
    "batch",
    "cache",
    "page",
    "rank",
];

/// The URL the lab wrote before the port (the old `url::to_query`, kept here verbatim).
fn old_to_query(s: &Sc) -> Vec<(String, String)> {
    let p = &s.params;
    let feed = p.mode == Mode::Feed;
    let defaults = old_fields(&Params::default());
    let mut q = vec![("mode".to_string(), p.mode.as_str().to_string())];
    for ((key, value), (_, default)) in old_fields(p).into_iter().zip(defaults) {
        let of_mode = OLD_FEED_KEYS.contains(&key) == feed;
        if of_mode || value != default {
            q.push((key.to_string(), value));
        }
    }
    q.push(("seed".to_string(), s.seed.to_string()));
    q.extend(s.actions.iter().map(|a| ("a".to_string(), action_text(a))));
    q
}

#[test]
fn the_url_is_the_same_text_as_before() {
    let mut scenarios = vec![
        FanOutLab::default_scenario(),
        FanOutLab::mode_scenario(1),
        feed(Fan::Hybrid),
        chat(),
    ];
    let mut odd = feed(Fan::Pull);
    odd.params.ranking = true;
    odd.params.skew = 0.1 + 0.2;
    odd.params.inactive = 0.0;
    odd.params.threshold = 0;
    odd.params.group = 7;
    odd.params.online = 0.25;
    scenarios.push(odd);
    let mut chat_with_feed = chat();
    chat_with_feed.params.users = 90;
    chat_with_feed.params.follows = 900;
    chat_with_feed.params.ranking = true;
    chat_with_feed.params.strategy = Fan::Hybrid;
    scenarios.push(chat_with_feed);
    for s in &scenarios {
        assert!(FanOutLab::validate(s).is_empty(), "{s:?}");
        assert_eq!(
            sdp_kit::query::encode(&FanOutLab::to_query(s)),
            sdp_kit::query::encode(&old_to_query(s))
        );
    }
    assert_eq!(
        sdp_kit::query::encode(&FanOutLab::to_query(&FanOutLab::default_scenario())),
        "mode=feed&strategy=push&users=500&follows=5000&skew=1&inactive=0.3&posts=500&reads=200&\
         detailed=40&threshold=100&workers=2&batch=25&cache=500&page=50&rank=0&seed=42&\
         a=post%3A0&a=read%3A497&a=wait%3A10&a=read%3A497"
    );
}

#[test]
fn the_readers_messages_are_the_old_ones() {
    let (_, e) = FanOutLab::from_query(&pairs(
        "threshold=-5&inactive=1.5&users=200000&a=read:zz&mode=video&strategy=up&rank=2&step=2",
    ));
    let mut texts: Vec<String> = e.iter().map(ToString::to_string).collect();
    texts.sort();
    assert_eq!(
        texts,
        vec![
            "a[0]: “read:zz” is not an action (post:U, read:U, wait:N, send:M, off:M, on:M); dropped",
            "inactive: must be between 0 and 1 (got 1.5)",
            "mode: must be feed or chat (got video)",
            "rank: must be 0 or 1 (got 2)",
            "strategy: must be push, pull or hybrid (got up)",
            "threshold: must be between 0 and 1000000 (got -5)",
            "users: must be between 2 and 100000 (got 200000)",
        ]
    );
    let (_, e) = FanOutLab::from_query(&pairs(
        "users=3&follows=9&cache=10&page=20&a=wait:0&a=read:3",
    ));
    let texts: Vec<String> = e.iter().map(ToString::to_string).collect();
    assert_eq!(
        texts,
        vec![
            "follows: must be at most 6 for 3 users (no self-follows, at most 100 per user on average; got 9)",
            "page: must be at most the cache cap 10 (got 20)",
            "a[0]: must be between 1 and 100,000 (got 0); dropped",
            "a[1]: user 3 does not exist (0 … 2); dropped",
        ]
    );
    let many: String = (0..40).map(|_| "&a=wait:1").collect();
    let (s, e) = FanOutLab::from_query(&pairs(&format!("seed=1{many}")));
    assert_eq!(s.actions.len(), MAX_ACTIONS);
    assert_eq!(
        e.iter().map(ToString::to_string).collect::<Vec<_>>(),
        vec!["a[32]: at most 32 actions; the rest are dropped"]
    );
}

#[test]
fn url_round_trip_and_short_urls() {
    for s in [feed(Fan::Hybrid), chat(), FanOutLab::default_scenario()] {
        let q = FanOutLab::to_query(&s);
        let (back, errors) = FanOutLab::from_query(&q);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(back, s);
        let text = sdp_kit::query::encode(&q);
        assert_eq!(FanOutLab::from_query(&parse(&text)).0, s);
    }
    let q = FanOutLab::to_query(&chat());
    assert!(
        q.iter().all(|(k, _)| k != "users"),
        "feed keys left out in chat mode"
    );
    assert!(q.iter().any(|(k, v)| k == "group" && v == "30"));
}

#[test]
fn url_junk_falls_back_and_is_reported() {
    let (s, e) = FanOutLab::from_query(&pairs("step=4&embed=1"));
    assert_eq!((s, e), (FanOutLab::default_scenario(), Vec::new()));
    let (s, e) = FanOutLab::from_query(&pairs(
        "users=0&threshold=-3&inactive=1.5&strategy=sideways&rank=maybe&mode=video&junk=1&a=post:0&a=read:99999&a=fly:2&a=send:1&seed=7&step=3",
    ));
    let d = Params::default();
    assert_eq!(s.params.users, d.users);
    assert_eq!(s.params.threshold, d.threshold);
    assert_eq!(s.params.inactive, d.inactive);
    assert_eq!(s.params.strategy, d.strategy);
    assert_eq!(s.seed, 7);
    assert_eq!(s.actions, vec![Action::Post(0)]);
    let mut f = fields(&e);
    f.sort_unstable();
    assert_eq!(
        f,
        vec![
            "a[1]",
            "a[2]",
            "a[3]",
            "inactive",
            "junk",
            "mode",
            "rank",
            "strategy",
            "threshold",
            "users"
        ]
    );
    assert!(FanOutLab::validate(&s).is_empty());
    // Cross-field fallbacks keep the scenario valid.
    let (s, e) = FanOutLab::from_query(&pairs("users=3&follows=9&cache=10&page=20"));
    assert_eq!(fields(&e), vec!["follows", "page"]);
    assert_eq!((s.params.follows, s.params.page), (6, 10));
    assert!(FanOutLab::validate(&s).is_empty());
}
