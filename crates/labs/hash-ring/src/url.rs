//! The hash-ring scenario in the URL:
//! `servers=4&vnodes=150&keys=1000&detailed=2&format=f0&seed=42&a=add:cache5:6379&a=rm:cache2:6379`.

use crate::ring::KeyFormat;
use crate::{
    Action, MAX_ACTIONS, MAX_DETAILED_LOOKUPS, MAX_KEYS, MAX_SERVERS, Params, VNODES_RANGE,
};
use sdp_kit::field::{Field, Word};
use sdp_kit::lab::ActionSyntax;
use sdp_kit::query::not_an;
use sdp_kit::{whole, word};

impl Word for KeyFormat {
    const WORDS: &'static [(Self, &'static str)] = &[(KeyFormat::F0, "f0"), (KeyFormat::F4, "f4")];
}

/// The URL fields, in URL order.
pub(crate) const FIELDS: &[Field<Params>] = &[
    whole!(
        "servers",
        servers,
        1,
        MAX_SERVERS,
        "servers at the start, `cache1:6379` …"
    ),
    whole!(
        "vnodes",
        vnodes,
        VNODES_RANGE.0,
        VNODES_RANGE.1,
        "virtual nodes per server"
    ),
    whole!(
        "keys",
        keys,
        0,
        MAX_KEYS,
        "keys `user:0` … looked up at the start"
    ),
    whole!(
        "detailed",
        detailed,
        0,
        MAX_DETAILED_LOOKUPS,
        "of those, looked up one step at a time"
    ),
    word!(
        "format",
        format,
        "vnode key: `f0` = `server:vnodeI`, `f4` = `server:I`"
    ),
];

/// The repeated `a=` actions.
pub(crate) const ACTIONS: ActionSyntax = ActionSyntax {
    max: MAX_ACTIONS,
    noun: "actions",
    expected: "an action (add:NAME, rm:NAME, key:NAME, batch:N, vnodes:N)",
    forms: &[
        ("add:NAME", "adds a server"),
        ("rm:NAME", "removes a server"),
        ("key:NAME", "looks one key up, step by step"),
        ("batch:N", "adds N seeded random keys"),
        ("vnodes:N", "changes every server's vnode count"),
    ],
};

/// An action's text.
pub(crate) fn action_text(a: &Action) -> String {
    match a {
        Action::AddServer(n) => format!("add:{n}"),
        Action::RemoveServer(n) => format!("rm:{n}"),
        Action::AddKey(n) => format!("key:{n}"),
        Action::AddBatch(n) => format!("batch:{n}"),
        Action::SetVnodes(v) => format!("vnodes:{v}"),
    }
}

/// Reads an action (see [`ACTIONS`]).
pub(crate) fn parse_action(text: &str) -> Result<Action, String> {
    let parsed = text.split_once(':').and_then(|(verb, arg)| {
        Some(match verb {
            "add" => Action::AddServer(arg.to_string()),
            "rm" => Action::RemoveServer(arg.to_string()),
            "key" => Action::AddKey(arg.to_string()),
            "batch" => Action::AddBatch(arg.trim().parse().ok()?),
            "vnodes" => Action::SetVnodes(arg.trim().parse().ok()?),
            _ => return None,
        })
    });
    parsed.ok_or_else(|| not_an(text, ACTIONS.expected))
}
