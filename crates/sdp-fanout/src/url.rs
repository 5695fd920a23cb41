//! The scenario in the URL, e.g.
//! `mode=feed&strategy=push&users=2000&follows=20000&skew=1&inactive=0.3&posts=40&reads=40&detailed=80&threshold=100&workers=2&batch=50&cache=500&page=50&rank=0&seed=42&a=post:0&a=read:7`.
//!
//! The keys of the current mode are always written; the other mode's keys only when they
//! differ from the default (so the round trip is exact and URLs stay short). Actions are
//! repeated `a` values: `post:U`, `read:U`, `wait:N` (feed) and `send:M`, `off:M`, `on:M` (chat).

use crate::lab::{
    Action, BATCH_RANGE, CACHE_RANGE, FanOutLab, GROUP_RANGE, MAX_ACTIONS, MAX_DETAILED,
    MAX_FOLLOWS, MAX_MESSAGES, MAX_POSTS, MAX_READS, MAX_THRESHOLD, MAX_USERS, MIN_USERS,
    MSG_BYTES_RANGE, Mode, PAGE_RANGE, Params, REF_BYTES_RANGE, SKEW_RANGE, WORKERS_RANGE,
    max_follows,
};
use crate::run::{check_action, follows_error, validate_params};
use crate::sim::Strategy;
use sdp_core::lab::{Lab, ParamError, Scenario};
use sdp_core::query::{PLAYER_KEYS, Reader, only_player_keys, parsed_or, shorten};

const FEED_KEYS: &[&str] = &[
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

fn action_text(a: &Action) -> String {
    match a {
        Action::Post(u) => format!("post:{u}"),
        Action::Read(u) => format!("read:{u}"),
        Action::Wait(n) => format!("wait:{n}"),
        Action::Send(m) => format!("send:{m}"),
        Action::Disconnect(m) => format!("off:{m}"),
        Action::Reconnect(m) => format!("on:{m}"),
    }
}

fn parse_action(text: &str) -> Option<Action> {
    let (verb, arg) = text.split_once(':')?;
    let n: u32 = arg.trim().parse().ok()?;
    Some(match verb {
        "post" => Action::Post(n),
        "read" => Action::Read(n),
        "wait" => Action::Wait(n),
        "send" => Action::Send(n),
        "off" => Action::Disconnect(n),
        "on" => Action::Reconnect(n),
        _ => return None,
    })
}

fn fields(p: &Params) -> Vec<(&'static str, String)> {
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

pub(crate) fn to_query(s: &Scenario<Params, Action>) -> Vec<(String, String)> {
    let p = &s.params;
    let feed = p.mode == Mode::Feed;
    let defaults = fields(&Params::default());
    let mut q = vec![("mode".to_string(), p.mode.as_str().to_string())];
    for ((key, value), (_, default)) in fields(p).into_iter().zip(defaults) {
        let of_mode = FEED_KEYS.contains(&key) == feed;
        if of_mode || value != default {
            q.push((key.to_string(), value));
        }
    }
    q.push(("seed".to_string(), s.seed.to_string()));
    q.extend(s.actions.iter().map(|a| ("a".to_string(), action_text(a))));
    q
}

fn read_params(r: &mut Reader<'_>) -> Params {
    let d = Params::default();
    let mut p = Params {
        mode: d.mode,
        strategy: d.strategy,
        users: r.number("users", MIN_USERS, MAX_USERS, d.users),
        follows: r.number("follows", 0, MAX_FOLLOWS, d.follows),
        skew: r.number("skew", SKEW_RANGE.0, SKEW_RANGE.1, d.skew),
        inactive: r.number("inactive", 0.0, 1.0, d.inactive),
        posts: r.number("posts", 0, MAX_POSTS, d.posts),
        reads: r.number("reads", 0, MAX_READS, d.reads),
        detailed: r.number("detailed", 0, MAX_DETAILED, d.detailed),
        threshold: r.number("threshold", 0, MAX_THRESHOLD, d.threshold),
        workers: r.number("workers", WORKERS_RANGE.0, WORKERS_RANGE.1, d.workers),
        batch: r.number("batch", BATCH_RANGE.0, BATCH_RANGE.1, d.batch),
        cache: r.number("cache", CACHE_RANGE.0, CACHE_RANGE.1, d.cache),
        page: r.number("page", PAGE_RANGE.0, PAGE_RANGE.1, d.page),
        ranking: d.ranking,
        group: r.number("group", GROUP_RANGE.0, GROUP_RANGE.1, d.group),
        messages: r.number("messages", 0, MAX_MESSAGES, d.messages),
        online: r.number("online", 0.0, 1.0, d.online),
        msg_bytes: r.number(
            "msg_bytes",
            MSG_BYTES_RANGE.0,
            MSG_BYTES_RANGE.1,
            d.msg_bytes,
        ),
        ref_bytes: r.number(
            "ref_bytes",
            REF_BYTES_RANGE.0,
            REF_BYTES_RANGE.1,
            d.ref_bytes,
        ),
    };
    match r.raw("mode") {
        None => {}
        Some("feed") => p.mode = Mode::Feed,
        Some("chat") => p.mode = Mode::Chat,
        Some(other) => r.errors.push(ParamError::new(
            "mode",
            format!("must be feed or chat (got {})", shorten(other)),
        )),
    }
    if let Some(text) = r.raw("strategy") {
        match Strategy::parse(text) {
            Some(s) => p.strategy = s,
            None => r.errors.push(ParamError::new(
                "strategy",
                format!("must be push, pull or hybrid (got {})", shorten(text)),
            )),
        }
    }
    match r.raw("rank") {
        None => {}
        Some("1" | "true") => p.ranking = true,
        Some("0" | "false") => p.ranking = false,
        Some(other) => r.errors.push(ParamError::new(
            "rank",
            format!("must be 0 or 1 (got {})", shorten(other)),
        )),
    }
    if let Some(e) = follows_error(p.users, p.follows) {
        r.errors.push(e);
        p.follows = d.follows.min(max_follows(p.users));
    }
    if p.page > p.cache {
        r.errors.push(ParamError::new(
            "page",
            format!("must be at most the cache cap {} (got {})", p.cache, p.page),
        ));
        p.page = d.page.min(p.cache);
    }
    p
}

pub(crate) fn from_query(
    pairs: &[(String, String)],
) -> (Scenario<Params, Action>, Vec<ParamError>) {
    if only_player_keys(pairs) {
        return (FanOutLab::default_scenario(), Vec::new());
    }
    let mut r = Reader::new(pairs);
    let params = read_params(&mut r);
    let seed = r.number("seed", 0u64, u64::MAX, 42);
    debug_assert!(validate_params(&params).is_empty());
    let actions = r.actions(MAX_ACTIONS, "actions", |field, text| {
        let action = parsed_or(
            field,
            text,
            parse_action(text),
            "an action (post:U, read:U, wait:N, send:M, off:M, on:M)",
        )?;
        check_action(&params, field, &action).map_err(|e| vec![e])?;
        Ok(action)
    });
    r.report_unknown(PLAYER_KEYS);
    (
        Scenario {
            params,
            seed,
            actions,
        },
        r.errors,
    )
}
