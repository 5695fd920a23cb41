//! The scenario in the URL, e.g.
//! `mode=feed&strategy=push&users=2000&follows=20000&skew=1&inactive=0.3&posts=40&reads=40&detailed=80&threshold=100&workers=2&batch=50&cache=500&page=50&rank=0&seed=42&a=post:0&a=read:7`.
//!
//! The keys of the current mode are always written; the other mode's keys only when they
//! differ from the default (so the round trip is exact and URLs stay short). Actions are
//! repeated `a` values: `post:U`, `read:U`, `wait:N` (feed) and `send:M`, `off:M`, `on:M` (chat).

use crate::sim::Strategy;
use crate::{
    Action, BATCH_RANGE, CACHE_RANGE, GROUP_RANGE, MAX_ACTIONS, MAX_DETAILED, MAX_FOLLOWS,
    MAX_MESSAGES, MAX_POSTS, MAX_READS, MAX_THRESHOLD, MAX_USERS, MIN_USERS, MSG_BYTES_RANGE,
    PAGE_RANGE, Params, REF_BYTES_RANGE, SKEW_RANGE, WORKERS_RANGE,
};
use sdp_kit::field::{Field, Kind, Modes, Word};
use sdp_kit::lab::ActionSyntax;
use sdp_kit::query::{not_an, shorten};
use sdp_kit::{decimal, whole, word};

impl Word for Strategy {
    const WORDS: &'static [(Self, &'static str)] = &[
        (Strategy::Push, "push"),
        (Strategy::Pull, "pull"),
        (Strategy::Hybrid, "hybrid"),
    ];
}

/// Feed mode's keys: always written in feed mode, in chat mode only when not the default.
const FEED: Modes = Modes::Own(&["feed"]);
/// Chat mode's keys.
const CHAT: Modes = Modes::Own(&["chat"]);

/// The ranking switch: `0` or `1` (`true` and `false` are read too).
const RANK: Kind<Params> = Kind {
    write: |p| u8::from(p.ranking).to_string(),
    read: |p, text| match text {
        "1" | "true" => {
            p.ranking = true;
            Ok(())
        }
        "0" | "false" => {
            p.ranking = false;
            Ok(())
        }
        other => Err(format!("must be 0 or 1 (got {})", shorten(other))),
    },
    allowed: |_| "`0`, `1`".to_string(),
};

/// The URL fields, in URL order.
pub(crate) const FIELDS: &[Field<Params>] = &[
    word!(
        "strategy",
        strategy,
        "strategy narrated and drawn (all three are counted)",
        FEED
    ),
    whole!("users", users, MIN_USERS, MAX_USERS, "users", FEED),
    whole!(
        "follows",
        follows,
        0,
        MAX_FOLLOWS,
        "follow edges (at most users·(users−1) and 100 per user on average)",
        FEED
    ),
    decimal!(
        "skew",
        skew,
        SKEW_RANGE.0,
        SKEW_RANGE.1,
        "power-law exponent of popularity (0 uniform, 1 Zipf)",
        FEED
    ),
    decimal!(
        "inactive",
        inactive,
        0.0,
        1.0,
        "share of users who never read",
        FEED
    ),
    whole!("posts", posts, 0, MAX_POSTS, "workload posts", FEED),
    whole!("reads", reads, 0, MAX_READS, "workload feed reads", FEED),
    whole!(
        "detailed",
        detailed,
        0,
        MAX_DETAILED,
        "workload events shown one step each",
        FEED
    ),
    whole!(
        "threshold",
        threshold,
        0,
        MAX_THRESHOLD,
        "celebrity threshold in followers (at or above it hybrid pulls)",
        FEED
    ),
    whole!(
        "workers",
        workers,
        WORKERS_RANGE.0,
        WORKERS_RANGE.1,
        "fan-out workers",
        FEED
    ),
    whole!(
        "batch",
        batch,
        BATCH_RANGE.0,
        BATCH_RANGE.1,
        "followers written per batch",
        FEED
    ),
    whole!(
        "cache",
        cache,
        CACHE_RANGE.0,
        CACHE_RANGE.1,
        "feed-cache cap",
        FEED
    ),
    whole!(
        "page",
        page,
        PAGE_RANGE.0,
        PAGE_RANGE.1,
        "posts per feed load (at most `cache`)",
        FEED
    ),
    Field::in_modes("rank", "rank feed reads with the M7.3 funnel", FEED, RANK),
    whole!(
        "group",
        group,
        GROUP_RANGE.0,
        GROUP_RANGE.1,
        "group members",
        CHAT
    ),
    whole!(
        "messages",
        messages,
        0,
        MAX_MESSAGES,
        "generated group messages",
        CHAT
    ),
    decimal!("online", online, 0.0, 1.0, "share of members online", CHAT),
    whole!(
        "msg_bytes",
        msg_bytes,
        MSG_BYTES_RANGE.0,
        MSG_BYTES_RANGE.1,
        "bytes per stored message",
        CHAT
    ),
    whole!(
        "ref_bytes",
        ref_bytes,
        REF_BYTES_RANGE.0,
        REF_BYTES_RANGE.1,
        "bytes per stored reference",
        CHAT
    ),
];

/// The repeated `a=` actions.
pub(crate) const ACTIONS: ActionSyntax = ActionSyntax {
    max: MAX_ACTIONS,
    noun: "actions",
    expected: "an action (post:U, read:U, wait:N, send:M, off:M, on:M)",
    forms: &[
        ("post:U", "feed: user U posts"),
        ("read:U", "feed: user U loads their feed"),
        ("wait:N", "feed: N ticks pass with no event"),
        ("send:M", "chat: member M sends a message"),
        ("off:M", "chat: member M goes offline"),
        ("on:M", "chat: member M reconnects"),
    ],
};

/// An action's text in the URL: `post:3`, `off:7`, …
///
/// ```
/// use sdp_lab_fan_out::{Action, action_text, parse_action};
/// assert_eq!(action_text(&Action::Disconnect(7)), "off:7");
/// assert_eq!(parse_action("wait:10"), Ok(Action::Wait(10)));
/// ```
pub fn action_text(a: &Action) -> String {
    match a {
        Action::Post(u) => format!("post:{u}"),
        Action::Read(u) => format!("read:{u}"),
        Action::Wait(n) => format!("wait:{n}"),
        Action::Send(m) => format!("send:{m}"),
        Action::Disconnect(m) => format!("off:{m}"),
        Action::Reconnect(m) => format!("on:{m}"),
    }
}

/// Reads an action (see [`ACTIONS`]); the message names the forms.
pub fn parse_action(text: &str) -> Result<Action, String> {
    let parsed = text.split_once(':').and_then(|(verb, arg)| {
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
    });
    parsed.ok_or_else(|| not_an(text, ACTIONS.expected))
}
