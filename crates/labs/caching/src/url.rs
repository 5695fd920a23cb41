//! The caching scenario in the URL, e.g.
//! `mode=eviction&trace=zipf&capacity=20&distinct=100&length=2000&skew=0.9&…&seed=42&a=get:hot`.

use crate::check::MAX_MULTI_REQUESTS;
use crate::negative::{MAX_ABSENT, MAX_BITS, MAX_USERS};
use crate::{
    Action, MAX_ACTIONS, MAX_CAPACITY, MAX_DISTINCT, MAX_LENGTH, MAX_OPS, MAX_TEXT, Params,
};
use sdp_kit::field::{Field, Modes};
use sdp_kit::lab::ActionSyntax;
use sdp_kit::query::{not_an, shorten};
use sdp_kit::{decimal, whole, word};

const EVICT: Modes = Modes::Only(&["eviction"]);
const STRAT: Modes = Modes::Only(&["strategies"]);
const TTL: Modes = Modes::Only(&["ttl"]);
const STAMP: Modes = Modes::Only(&["stampede"]);
const MULTI: Modes = Modes::Only(&["multi-level"]);
const HOT: Modes = Modes::Only(&["hot-keys"]);
const CDN: Modes = Modes::Only(&["cdn"]);
const NEG: Modes = Modes::Only(&["negative"]);

/// A typed key: 1–24 characters, letters, digits, `-`, `_` or `.`.
pub(crate) fn check_key(text: &str) -> Result<(), String> {
    let n = text.chars().count();
    let ok = text
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if n == 0 || n > MAX_TEXT || !ok {
        Err(format!(
            "must be 1–{MAX_TEXT} letters, digits, -, _ or . (got {})",
            shorten(text)
        ))
    } else {
        Ok(())
    }
}

/// The URL fields, in URL order.
pub(crate) const FIELDS: &[Field<Params>] = &[
    word!(
        "trace",
        evict.source,
        "the accesses: the catalogue's example, Zipf, Zipf with scans, a loop, or typed keys only",
        EVICT
    ),
    whole!(
        "capacity",
        evict.capacity,
        1,
        MAX_CAPACITY,
        "keys the cache holds",
        EVICT
    ),
    whole!(
        "distinct",
        evict.distinct,
        1,
        MAX_DISTINCT,
        "distinct keys of the Zipf stream or the loop",
        EVICT
    ),
    whole!(
        "length",
        evict.length,
        1,
        MAX_LENGTH,
        "accesses of a generated trace",
        EVICT
    ),
    decimal!(
        "skew",
        evict.skew,
        0.0,
        3.0,
        "Zipf exponent: key rank r is drawn ∝ 1 / r^skew",
        EVICT
    ),
    whole!(
        "scan",
        evict.scan,
        2,
        10_000,
        "scan trace: Zipf accesses between scans (each scan reads half as many cold keys)",
        EVICT
    ),
    word!("narrate", evict.narrate, "the policy narrated", EVICT),
    whole!(
        "detailed",
        evict.detailed,
        0,
        200,
        "accesses shown one step each",
        EVICT
    ),
    whole!(
        "aging",
        evict.aging,
        0,
        100_000,
        "LFU aging: halve every frequency after this many accesses, 0 for never (not in source)",
        EVICT
    ),
    word!(
        "workload",
        strat.workload,
        "M8.1's race, or seeded mixed reads and writes",
        STRAT
    ),
    whole!(
        "ops",
        strat.ops,
        1,
        MAX_OPS,
        "operations of the mixed workload",
        STRAT
    ),
    decimal!(
        "writes",
        strat.writes,
        0.0,
        1.0,
        "share of writes (mixed)",
        STRAT
    ),
    whole!(
        "keys",
        strat.keys,
        1,
        8,
        "keys of the mixed workload",
        STRAT
    ),
    whole!(
        "gap",
        strat.gap_ms,
        1,
        1_000,
        "mean ms between operations (mixed)",
        STRAT
    ),
    decimal!(
        "jitter",
        strat.jitter,
        0.0,
        3.0,
        "each hop takes its time × (1 + U[0, jitter]) (mixed)",
        STRAT
    ),
    whole!(
        "cache_rtt",
        strat.cache_rtt,
        1,
        100,
        "round trip to the cache, ms (F4 §16: 2)",
        STRAT
    ),
    whole!(
        "db_rtt",
        strat.db_rtt,
        1,
        1_000,
        "round trip to the database, ms (F4 §16: 50)",
        STRAT
    ),
    whole!(
        "flush",
        strat.flush_ms,
        10,
        10_000,
        "write-back flush interval, ms",
        STRAT
    ),
    word!(
        "order",
        strat.order,
        "write-through: cache first (F4) or database first",
        STRAT
    ),
    word!(
        "narrate",
        strat.narrate,
        "the strategy narrated and drawn",
        STRAT
    ),
    whole!("keys", ttl.keys, 0, 5_000, "keys set at t = 0", TTL),
    whole!("sets", ttl.sets, 0, 1_000, "new keys set per second", TTL),
    whole!("reads", ttl.reads, 0, 2_000, "reads per second", TTL),
    decimal!("ttl_min", ttl.ttl_min, 0.1, 3_600.0, "shortest TTL, s", TTL),
    decimal!("ttl_max", ttl.ttl_max, 0.1, 3_600.0, "longest TTL, s", TTL),
    whole!("duration", ttl.duration, 1, 60, "seconds simulated", TTL),
    whole!(
        "hz",
        ttl.hz,
        1,
        50,
        "active expiry cycles per second (Redis: 10)",
        TTL
    ),
    whole!(
        "sample",
        ttl.sample,
        1,
        100,
        "keys sampled per round (Redis: 20)",
        TTL
    ),
    whole!(
        "repeat",
        ttl.repeat,
        1,
        100,
        "sample again while more than this % was expired (Redis: 25)",
        TTL
    ),
    word!("narrate", ttl.narrate, "the variant narrated", TTL),
    whole!(
        "ttl",
        stampede.ttl_s,
        1,
        3_600,
        "the hot key's TTL, s",
        STAMP
    ),
    whole!(
        "rate",
        stampede.rate,
        1,
        5_000,
        "requests per second for the key",
        STAMP
    ),
    whole!(
        "recompute",
        stampede.recompute_ms,
        1,
        60_000,
        "ms to recompute the value from the database",
        STAMP
    ),
    whole!(
        "duration",
        stampede.duration_s,
        1,
        600,
        "seconds simulated",
        STAMP
    ),
    decimal!("beta", stampede.beta, 0.1, 10.0, "XFetch's β", STAMP),
    whole!(
        "window",
        stampede.step_ms,
        50,
        60_000,
        "simulated ms per step",
        STAMP
    ),
    word!(
        "narrate",
        stampede.narrate,
        "the protection narrated",
        STAMP
    ),
    whole!(
        "servers",
        multi.servers,
        1,
        16,
        "app servers, each with its own L1",
        MULTI
    ),
    whole!(
        "l1_cap",
        multi.l1_cap,
        1,
        10_000,
        "L1 capacity, keys (F4 §16: 1 000)",
        MULTI
    ),
    whole!(
        "l1_ttl",
        multi.l1_ttl,
        0,
        3_600,
        "L1 TTL, s, 0 for none (F4 §2: 60)",
        MULTI
    ),
    whole!(
        "l2_ttl",
        multi.l2_ttl,
        1,
        86_400,
        "L2 TTL, s (F4 §16: 3 600)",
        MULTI
    ),
    whole!("keys", multi.keys, 1, 50_000, "distinct keys", MULTI),
    decimal!(
        "skew",
        multi.skew,
        0.0,
        3.0,
        "Zipf exponent of the key choice",
        MULTI
    ),
    whole!(
        "requests",
        multi.requests,
        1,
        MAX_MULTI_REQUESTS,
        "requests",
        MULTI
    ),
    whole!(
        "duration",
        multi.duration,
        1,
        86_400,
        "seconds the requests span",
        MULTI
    ),
    decimal!("writes", multi.writes, 0.0, 1.0, "share of writes", MULTI),
    whole!(
        "delay",
        multi.delay_ms,
        0,
        10_000,
        "pub/sub invalidation delay, ms",
        MULTI
    ),
    word!(
        "l1_latency",
        multi.l1_latency,
        "F4 §16's L1 hit: the flow's 0.1 ms or the table's 0.0001 ms",
        MULTI
    ),
    whole!(
        "detailed",
        multi.detailed,
        0,
        50,
        "requests shown one step each",
        MULTI
    ),
    whole!("shards", hot.shards, 2, 64, "shards", HOT),
    whole!(
        "keys",
        hot.keys,
        1,
        50_000,
        "other keys, Zipf-distributed",
        HOT
    ),
    decimal!(
        "skew",
        hot.skew,
        0.0,
        3.0,
        "Zipf exponent of the other keys",
        HOT
    ),
    whole!(
        "requests",
        hot.requests,
        1,
        MAX_MULTI_REQUESTS,
        "requests",
        HOT
    ),
    decimal!(
        "hot",
        hot.hot,
        0.0,
        1.0,
        "share of requests for the hot key",
        HOT
    ),
    whole!(
        "split",
        hot.split,
        1,
        64,
        "copies of the hot key when split (hot#0 …)",
        HOT
    ),
    whole!(
        "clients",
        hot.clients,
        1,
        200,
        "clients, each with a local cache",
        HOT
    ),
    whole!(
        "local_ttl",
        hot.local_ttl,
        1,
        60_000,
        "local cache TTL, ms",
        HOT
    ),
    whole!(
        "duration",
        hot.duration,
        1,
        3_600,
        "seconds the requests span",
        HOT
    ),
    decimal!(
        "writes",
        hot.writes,
        0.0,
        1.0,
        "share of the hot key's requests that are writes",
        HOT
    ),
    whole!(
        "objects",
        cdn.objects,
        1,
        50_000,
        "objects, ranked by popularity",
        CDN
    ),
    decimal!(
        "skew",
        cdn.skew,
        0.0,
        3.0,
        "Zipf exponent of the object choice",
        CDN
    ),
    whole!(
        "requests",
        cdn.requests,
        1,
        MAX_MULTI_REQUESTS,
        "requests",
        CDN
    ),
    whole!("edges", cdn.edges, 1, 16, "edge caches", CDN),
    whole!(
        "regions",
        cdn.regions,
        1,
        8,
        "regional caches (edge e belongs to region e mod regions)",
        CDN
    ),
    whole!(
        "edge_cap",
        cdn.edge_cap,
        1,
        50_000,
        "objects an edge holds",
        CDN
    ),
    whole!(
        "region_cap",
        cdn.region_cap,
        1,
        50_000,
        "objects a region holds",
        CDN
    ),
    whole!(
        "push",
        cdn.push,
        0,
        50_000,
        "most popular objects pushed to every edge and region",
        CDN
    ),
    whole!(
        "users",
        neg.users,
        0,
        MAX_USERS,
        "existing users user:1 … user:N, all in the filter",
        NEG
    ),
    whole!(
        "m",
        neg.m,
        8,
        MAX_BITS,
        "filter bits (F4 §18: 1 000 000)",
        NEG
    ),
    whole!("k", neg.k, 1, 20, "filter hash functions (F4 §18: 3)", NEG),
    whole!(
        "requests",
        neg.requests,
        1,
        MAX_MULTI_REQUESTS,
        "requests",
        NEG
    ),
    decimal!(
        "missing",
        neg.missing,
        0.0,
        1.0,
        "share of lookups for ids that do not exist",
        NEG
    ),
    whole!(
        "absent",
        neg.absent,
        1,
        MAX_ABSENT,
        "ids that do not exist, which missing lookups pick from",
        NEG
    ),
    decimal!(
        "creates",
        neg.creates,
        0.0,
        1.0,
        "share of requests that create one of those ids",
        NEG
    ),
    decimal!(
        "skew",
        neg.skew,
        0.0,
        3.0,
        "Zipf exponent of the existing users' lookups",
        NEG
    ),
    whole!(
        "ttl",
        neg.ttl,
        1,
        86_400,
        "cached users' TTL, s (F4 §18: 3 600)",
        NEG
    ),
    whole!(
        "neg_ttl",
        neg.neg_ttl,
        1,
        86_400,
        "cached “not found” TTL, s",
        NEG
    ),
    whole!(
        "duration",
        neg.duration,
        1,
        86_400,
        "seconds the requests span",
        NEG
    ),
    whole!(
        "detailed",
        neg.detailed,
        0,
        50,
        "requests shown one step each",
        NEG
    ),
    word!(
        "narrate",
        neg.narrate,
        "the variant narrated: none, negative (cache), bloom (F4) or both",
        NEG
    ),
];

/// The repeated `a=` actions.
pub(crate) const ACTIONS: ActionSyntax = ActionSyntax {
    max: MAX_ACTIONS,
    noun: "actions",
    expected: "an action (get:KEY, crash:MS)",
    forms: &[
        (
            "get:KEY",
            "eviction: one more access of KEY at the end of the trace",
        ),
        (
            "crash:MS",
            "strategies: the cache crashes at MS ms, losing what it holds",
        ),
    ],
};

/// An action's text.
pub(crate) fn action_text(a: &Action) -> String {
    match a {
        Action::Get(k) => format!("get:{k}"),
        Action::Crash(ms) => format!("crash:{ms}"),
    }
}

/// Reads an action (see [`ACTIONS`]).
pub(crate) fn parse_action(text: &str) -> Result<Action, String> {
    let parsed = text.split_once(':').and_then(|(verb, arg)| match verb {
        "get" => Some(Action::Get(arg.to_string())),
        "crash" => arg.trim().parse().ok().map(Action::Crash),
        _ => None,
    });
    parsed.ok_or_else(|| not_an(text, ACTIONS.expected))
}
