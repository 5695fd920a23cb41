//! The sketches scenario in the URL, e.g. `mode=topk&k=5&stream=zipf&distinct=500&length=5000&skew=1.1&…&seed=42&a=item:hot*50`.

use crate::{Action, MAX_ACTIONS, MAX_DISTINCT, MAX_LENGTH, MAX_TEXT, Params};
use sdp_kit::field::{Field, Kind, Modes};
use sdp_kit::lab::ActionSyntax;
use sdp_kit::query::{not_an, shorten};
use sdp_kit::{decimal, whole, word};

const CMS: Modes = Modes::Only(&["cms"]);
const TOPK: Modes = Modes::Only(&["topk"]);
const DIST: Modes = Modes::Only(&["distributed"]);
const BLOOM: Modes = Modes::Only(&["bloom"]);
const TRIE: Modes = Modes::Only(&["trie"]);
const TREND: Modes = Modes::Only(&["trending"]);

/// A typed item, key or query: 1–40 characters, no control characters.
pub(crate) fn check_text(text: &str) -> Result<(), String> {
    let n = text.chars().count();
    if n == 0 || n > MAX_TEXT || text.chars().any(char::is_control) {
        Err(format!(
            "must be 1–{MAX_TEXT} characters without control characters (got {})",
            shorten(text)
        ))
    } else {
        Ok(())
    }
}

/// The URL fields, in URL order.
pub(crate) const FIELDS: &[Field<Params>] = &[
    whole!("width", cms.width, 1, 100_000, "columns of the sketch", CMS),
    whole!(
        "depth",
        cms.depth,
        1,
        10,
        "rows of the sketch (hash functions)",
        CMS
    ),
    whole!(
        "distinct",
        cms.distinct,
        1,
        MAX_DISTINCT,
        "distinct items of the Zipf stream",
        CMS
    ),
    whole!(
        "length",
        cms.length,
        1,
        MAX_LENGTH,
        "items in the stream",
        CMS
    ),
    decimal!(
        "skew",
        cms.skew,
        0.0,
        3.0,
        "Zipf exponent: rank r is drawn ∝ 1 / r^skew",
        CMS
    ),
    word!(
        "update",
        cms.update,
        "standard (F4) or conservative update",
        CMS
    ),
    word!(
        "hash",
        cms.hash,
        "hash family: F4's murmur3, or a universal family",
        CMS
    ),
    whole!(
        "detailed",
        cms.detailed,
        0,
        50,
        "updates shown one step each",
        CMS
    ),
    whole!(
        "queries",
        cms.queries,
        1,
        20,
        "point queries of the most frequent items",
        CMS
    ),
    whole!("k", topk.k, 1, 50, "K", TOPK),
    word!(
        "stream",
        topk.stream,
        "a Zipf stream, a worked example, or only typed items",
        TOPK
    ),
    whole!(
        "distinct",
        topk.distinct,
        1,
        MAX_DISTINCT,
        "distinct items of the Zipf stream",
        TOPK
    ),
    whole!(
        "length",
        topk.length,
        1,
        MAX_LENGTH,
        "items in the Zipf stream",
        TOPK
    ),
    decimal!("skew", topk.skew, 0.0, 3.0, "Zipf exponent", TOPK),
    whole!(
        "width",
        topk.width,
        1,
        100_000,
        "columns of the count-min sketch",
        TOPK
    ),
    whole!(
        "depth",
        topk.depth,
        1,
        10,
        "rows of the count-min sketch",
        TOPK
    ),
    decimal!(
        "epsilon",
        topk.epsilon,
        0.0001,
        0.5,
        "lossy counting's error ε (bucket width int(1/ε))",
        TOPK
    ),
    decimal!(
        "support",
        topk.support,
        0.0,
        1.0,
        "lossy counting's support s",
        TOPK
    ),
    whole!(
        "detailed",
        topk.detailed,
        0,
        100,
        "items shown one step each",
        TOPK
    ),
    word!(
        "stream",
        dist.stream,
        "the catalogue's example, or planted local leaders",
        DIST
    ),
    whole!(
        "partitions",
        dist.partitions,
        2,
        8,
        "partitions (planted)",
        DIST
    ),
    whole!("k", dist.k, 1, 20, "K", DIST),
    whole!(
        "lead",
        dist.lead,
        2,
        1_000,
        "the top local leader's count (planted)",
        DIST
    ),
    whole!(
        "noise",
        dist.noise,
        0,
        1_000,
        "singletons per partition (planted)",
        DIST
    ),
    whole!("m", bloom.m, 8, 2_000_000, "bits", BLOOM),
    whole!("k", bloom.k, 1, 20, "hash functions", BLOOM),
    whole!("n", bloom.n, 0, 1_000_000, "keys inserted, key1 …", BLOOM),
    whole!(
        "queries",
        bloom.queries,
        0,
        100_000,
        "keys never inserted that are queried, other1 …",
        BLOOM
    ),
    whole!(
        "detailed",
        bloom.detailed,
        0,
        20,
        "inserts and queries shown one step each",
        BLOOM
    ),
    whole!("k", trie.k, 1, 10, "suggestions kept per node", TRIE),
    Field::in_modes(
        "prefix",
        "the prefix typed at the end, one step per character",
        TRIE,
        Kind {
            write: |p| p.trie.prefix.clone(),
            read: |p, text| {
                if !text.is_empty() {
                    check_text(text)?;
                }
                p.trie.prefix = text.to_string();
                Ok(())
            },
            allowed: |_| format!("0–{MAX_TEXT} characters"),
        },
    ),
    Field::in_modes(
        "example",
        "start with the catalogue's counts (apple 100, application 80, …)",
        TRIE,
        Kind {
            write: |p| if p.trie.example { "1" } else { "0" }.to_string(),
            read: |p, text| match text.trim() {
                "1" => {
                    p.trie.example = true;
                    Ok(())
                }
                "0" => {
                    p.trie.example = false;
                    Ok(())
                }
                other => Err(format!("must be 1 or 0 (got {})", shorten(other))),
            },
            allowed: |_| "`1`, `0`".to_string(),
        },
    ),
    whole!("windows", trend.windows, 1, 24, "5-minute windows", TREND),
    whole!(
        "per_minute",
        trend.per_minute,
        1,
        2_000,
        "events per minute",
        TREND
    ),
    whole!(
        "distinct",
        trend.distinct,
        1,
        10_000,
        "distinct hashtags",
        TREND
    ),
    decimal!("skew", trend.skew, 0.0, 3.0, "Zipf exponent", TREND),
    whole!(
        "k",
        trend.k,
        1,
        20,
        "ranking length published each window",
        TREND
    ),
    whole!(
        "width",
        trend.width,
        1,
        100_000,
        "columns of each window's sketch",
        TREND
    ),
    whole!(
        "depth",
        trend.depth,
        1,
        10,
        "rows of each window's sketch",
        TREND
    ),
];

/// The repeated `a=` actions.
pub(crate) const ACTIONS: ActionSyntax = ActionSyntax {
    max: MAX_ACTIONS,
    noun: "actions",
    expected: "an action (item:NAME*N, key:NAME, ask:NAME, q:TEXT*N)",
    forms: &[
        (
            "item:NAME*N",
            "topk: N more of an item at the end of the stream",
        ),
        ("key:NAME", "bloom: insert a key"),
        ("ask:NAME", "bloom: query a key, one step"),
        ("q:TEXT*N", "trie: a query logged N times"),
    ],
};

/// An action's text.
pub(crate) fn action_text(a: &Action) -> String {
    match a {
        Action::Item(n, c) => format!("item:{n}*{c}"),
        Action::Key(n) => format!("key:{n}"),
        Action::Ask(n) => format!("ask:{n}"),
        Action::Query(q, c) => format!("q:{q}*{c}"),
    }
}

fn counted(arg: &str) -> Option<(String, u32)> {
    let (name, count) = arg.rsplit_once('*').unwrap_or((arg, "1"));
    Some((name.to_string(), count.trim().parse().ok()?))
}

/// Reads an action (see [`ACTIONS`]).
pub(crate) fn parse_action(text: &str) -> Result<Action, String> {
    let parsed = text.split_once(':').and_then(|(verb, arg)| match verb {
        "item" => counted(arg).map(|(n, c)| Action::Item(n, c)),
        "key" => Some(Action::Key(arg.to_string())),
        "ask" => Some(Action::Ask(arg.to_string())),
        "q" => counted(arg).map(|(n, c)| Action::Query(n, c)),
        _ => None,
    });
    parsed.ok_or_else(|| not_an(text, ACTIONS.expected))
}
