//! The identifier scenario in the URL, e.g.
//! `mode=snowflake&split=node&node_bits=10&seq_bits=12&epoch=1577836800000&…&seed=42&a=back:0@3:2`.

use crate::{Action, MAX_ACTIONS, MAX_ULIDS, Params};
use sdp_kit::field::{Field, Kind, Modes};
use sdp_kit::lab::ActionSyntax;
use sdp_kit::query::{not_an, shorten};
use sdp_kit::{whole, word};

const BASE: Modes = Modes::Only(&["base62"]);
const HASH: Modes = Modes::Only(&["hash-prefix"]);
const RANGES: Modes = Modes::Only(&["ranges"]);
const PREGEN: Modes = Modes::Only(&["pregen"]);
const NODES: Modes = Modes::Only(&["node-ids"]);
const SNOW: Modes = Modes::Only(&["snowflake"]);
const ULID: Modes = Modes::Only(&["ulid"]);

/// The latest epoch or start accepted: 2100-01-01T00:00:00Z.
pub const MAX_UNIX_MS: u64 = 4_102_444_800_000;

/// A base62 code to decode: 0–11 characters of `0-9A-Za-z`.
pub(crate) fn check_code(text: &str) -> Result<(), String> {
    let n = text.chars().count();
    if n > 11 || !text.chars().all(|c| c.is_ascii_alphanumeric()) {
        Err(format!(
            "must be 0–11 characters of 0-9, A-Z, a-z (got {})",
            shorten(text)
        ))
    } else {
        Ok(())
    }
}

/// A ULID to decode: 26 characters of Crockford base32, the first at most 7.
pub(crate) fn check_ulid(text: &str) -> Result<(), String> {
    use crate::ulid::DecodeError;
    crate::ulid::digits(text).map(|_| ()).map_err(|e| match e {
        DecodeError::Length(n) => format!("must be 26 characters (got {n}: {})", shorten(text)),
        DecodeError::Char(i, c) => format!(
            "character {} ({c}) is not Crockford base32 (0-9, A-Z without I L O U)",
            i + 1
        ),
        DecodeError::Overflow => {
            "the first character must be 0–7 (26 × 5 = 130 bits, a ULID has 128)".to_string()
        }
    })
}

/// A long URL: 1–200 characters without spaces or control characters.
pub(crate) fn check_url(text: &str) -> Result<(), String> {
    let n = text.chars().count();
    if n == 0 || n > 200 || text.chars().any(|c| c.is_control() || c.is_whitespace()) {
        Err(format!(
            "must be 1–200 characters without spaces (got {})",
            shorten(text)
        ))
    } else {
        Ok(())
    }
}

/// Per-server rates: 1–8 whole numbers 0–100 000, separated by commas.
pub(crate) fn read_rates(text: &str) -> Result<Vec<u32>, String> {
    let rates: Option<Vec<u32>> = text
        .split(',')
        .map(|r| r.trim().parse().ok().filter(|v| *v <= 100_000))
        .collect();
    match rates {
        Some(r) if (1..=8).contains(&r.len()) => Ok(r),
        _ => Err(format!(
            "must be 1–8 whole numbers 0–100 000 separated by commas (got {})",
            shorten(text)
        )),
    }
}

/// The URL fields, in URL order.
pub(crate) const FIELDS: &[Field<Params>] = &[
    whole!("n", base62.n, 0, u64::MAX, "the number encoded", BASE),
    word!(
        "order",
        base62.order,
        "character order: the document's code (0-9A-Za-z) or its prose (a-zA-Z0-9)",
        BASE
    ),
    whole!(
        "pad",
        base62.pad,
        0,
        11,
        "fixed width, left-padded with the zero digit (0: none)",
        BASE
    ),
    Field::in_modes(
        "code",
        "a code to decode (empty: the encoded one)",
        BASE,
        Kind {
            write: |p| p.base62.code.clone(),
            read: |p, text| {
                check_code(text)?;
                p.base62.code = text.to_string();
                Ok(())
            },
            allowed: |_| "0–11 characters of 0-9, A-Z, a-z".to_string(),
        },
    ),
    word!("hash", hash.algo, "the hash: md5 or sha256", HASH),
    whole!(
        "length",
        hash.length,
        1,
        16,
        "hex characters kept as the code",
        HASH
    ),
    Field::in_modes(
        "url",
        "the first long URL shortened",
        HASH,
        Kind {
            write: |p| p.hash.url.clone(),
            read: |p, text| {
                check_url(text)?;
                p.hash.url = text.to_string();
                Ok(())
            },
            allowed: |_| "1–200 characters without spaces".to_string(),
        },
    ),
    whole!(
        "urls",
        hash.urls,
        0,
        crate::MAX_URLS,
        "seeded URLs shortened after it",
        HASH
    ),
    whole!(
        "detailed",
        hash.detailed,
        0,
        50,
        "URLs shown one step each (collisions always are)",
        HASH
    ),
    Field::in_modes(
        "rates",
        "IDs each server issues per tick, one number per server",
        RANGES,
        Kind {
            write: |p| {
                p.ranges
                    .rates
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(",")
            },
            read: |p, text| {
                p.ranges.rates = read_rates(text)?;
                Ok(())
            },
            allowed: |_| "1–8 whole numbers 0–100 000, comma-separated".to_string(),
        },
    ),
    whole!("size", ranges.size, 2, 1_000_000, "IDs per range", RANGES),
    whole!("ticks", ranges.ticks, 1, 500, "ticks simulated", RANGES),
    word!(
        "rule",
        ranges.rule,
        "when to ask for a range: the document's ≥ range_end, or > (fixed)",
        RANGES
    ),
    word!(
        "split",
        snow.split,
        "one node field, or 5 datacenter bits + machine bits (M3.6)",
        SNOW
    ),
    whole!(
        "node_bits",
        snow.node_bits,
        1,
        20,
        "bits of the node field",
        SNOW
    ),
    whole!(
        "seq_bits",
        snow.seq_bits,
        1,
        20,
        "bits of the sequence",
        SNOW
    ),
    whole!(
        "epoch",
        snow.epoch,
        0,
        MAX_UNIX_MS,
        "custom epoch, Unix ms (0: none; Twitter's is 1288834974657)",
        SNOW
    ),
    whole!(
        "start",
        snow.start,
        0,
        MAX_UNIX_MS,
        "wall clock at the start, Unix ms (the example's timestamp)",
        SNOW
    ),
    whole!(
        "node",
        snow.node,
        0,
        1_048_575,
        "the example's node id, and the first node's",
        SNOW
    ),
    whole!("dc", snow.dc, 0, 31, "the example's datacenter", SNOW),
    whole!(
        "machine",
        snow.machine,
        0,
        32_767,
        "the example's machine, and the first node's",
        SNOW
    ),
    whole!(
        "seq",
        snow.seq,
        0,
        1_048_575,
        "the example's sequence",
        SNOW
    ),
    whole!("nodes", snow.nodes, 1, 16, "simulated nodes", SNOW),
    whole!(
        "per_ms",
        snow.per_ms,
        1,
        10_000,
        "calls per node per millisecond",
        SNOW
    ),
    whole!(
        "duration",
        snow.duration,
        1,
        1_000,
        "simulated milliseconds",
        SNOW
    ),
    whole!(
        "drift",
        snow.drift,
        0,
        1_000,
        "largest clock offset of a node, ± ms (seeded)",
        SNOW
    ),
    word!(
        "policy",
        snow.policy,
        "a backward clock: error, sleep up to max_skew, or a logical clock",
        SNOW
    ),
    whole!(
        "max_skew",
        snow.max_skew,
        0,
        60_000,
        "the sleep policy's largest skew, ms",
        SNOW
    ),
    whole!(
        "detailed",
        snow.detailed,
        0,
        200,
        "calls shown one step each",
        SNOW
    ),
    Field::in_modes(
        "decode",
        "a ULID to decode (the document's example)",
        ULID,
        Kind {
            write: |p| p.ulid.decode.clone(),
            read: |p, text| {
                check_ulid(text)?;
                p.ulid.decode = text.to_string();
                Ok(())
            },
            allowed: |_| "26 characters of Crockford base32, the first 0–7".to_string(),
        },
    ),
    whole!(
        "time",
        ulid.time,
        0,
        crate::ulid::MAX_TIME - u64::from(MAX_ULIDS),
        "clock of the first generated ULID, Unix ms",
        ULID
    ),
    whole!("count", ulid.count, 1, MAX_ULIDS, "ULIDs generated", ULID),
    whole!(
        "per_ms",
        ulid.per_ms,
        1,
        1_000,
        "ULIDs per millisecond",
        ULID
    ),
    Field::in_modes(
        "near_max",
        "start the random part at 2^80 − 2, to see the overflow wait",
        ULID,
        Kind {
            write: |p| if p.ulid.near_max { "1" } else { "0" }.to_string(),
            read: |p, text| match text.trim() {
                "1" => {
                    p.ulid.near_max = true;
                    Ok(())
                }
                "0" => {
                    p.ulid.near_max = false;
                    Ok(())
                }
                other => Err(format!("must be 1 or 0 (got {})", shorten(other))),
            },
            allowed: |_| "`1`, `0`".to_string(),
        },
    ),
    word!(
        "strategy",
        nodes.strategy,
        "how nodes get ids: static config, ZooKeeper or a lease table",
        NODES
    ),
    Field::in_modes(
        "config",
        "static: each node's configured id, comma-separated",
        NODES,
        Kind {
            write: |p| {
                p.nodes
                    .config
                    .iter()
                    .map(u64::to_string)
                    .collect::<Vec<_>>()
                    .join(",")
            },
            read: |p, text| {
                let ids: Option<Vec<u64>> = text
                    .split(',')
                    .map(|r| r.trim().parse().ok().filter(|v| *v <= 1023))
                    .collect();
                match ids {
                    Some(v) if (1..=12).contains(&v.len()) => {
                        p.nodes.config = v;
                        Ok(())
                    }
                    _ => Err(format!(
                        "must be 1–12 ids 0–1023 separated by commas (got {})",
                        shorten(text)
                    )),
                }
            },
            allowed: |_| "1–12 ids 0–1023, comma-separated".to_string(),
        },
    ),
    whole!(
        "nodes",
        nodes.nodes,
        1,
        12,
        "nodes (ZooKeeper, lease)",
        NODES
    ),
    whole!("ticks", nodes.ticks, 1, 200, "ticks simulated", NODES),
    whole!(
        "zk_start",
        nodes.zk_start,
        0,
        1_000_000,
        "ZooKeeper's sequence counter at the start",
        NODES
    ),
    whole!(
        "churn",
        nodes.churn,
        0,
        50,
        "a node reconnects every churn ticks (0: never)",
        NODES
    ),
    word!(
        "zk_id",
        nodes.zk_id,
        "the znode's sequence as the id (the document), or the lowest free id",
        NODES
    ),
    whole!(
        "slots",
        nodes.slots,
        1,
        1_024,
        "most lease rows (the document's 1024)",
        NODES
    ),
    whole!("lease", nodes.lease, 1, 100, "lease length, ticks", NODES),
    whole!(
        "renew",
        nodes.renew,
        1,
        100,
        "renew every this many ticks",
        NODES
    ),
    whole!(
        "capacity",
        pregen.capacity,
        1,
        100_000,
        "IDs the cache holds",
        PREGEN
    ),
    whole!(
        "low",
        pregen.low,
        0,
        100_000,
        "low-water mark: refill below it",
        PREGEN
    ),
    whole!(
        "chunk",
        pregen.chunk,
        1,
        100_000,
        "IDs added per refill",
        PREGEN
    ),
    whole!(
        "interval",
        pregen.interval,
        1,
        1_000,
        "refill interval, ms",
        PREGEN
    ),
    whole!("rate", pregen.rate, 0, 100_000, "gets per ms", PREGEN),
    whole!(
        "duration",
        pregen.duration,
        1,
        100_000,
        "simulated ms",
        PREGEN
    ),
];

/// The repeated `a=` actions.
pub(crate) const ACTIONS: ActionSyntax = ActionSyntax {
    max: MAX_ACTIONS,
    noun: "actions",
    expected: "an action (back:NODE@T:MS, crash:SERVER@TICK)",
    forms: &[
        (
            "back:NODE@T:MS",
            "snowflake: node NODE's clock goes back MS ms at real time T ms",
        ),
        (
            "crash:SERVER@TICK",
            "ranges, node-ids: server or node SERVER (from 1) crashes at tick TICK",
        ),
    ],
};

/// An action's text.
pub(crate) fn action_text(a: &Action) -> String {
    match a {
        Action::Back { node, at, back } => format!("back:{node}@{at}:{back}"),
        Action::Crash { server, at } => format!("crash:{server}@{at}"),
    }
}

/// Reads an action (see [`ACTIONS`]).
pub(crate) fn parse_action(text: &str) -> Result<Action, String> {
    let back = text.strip_prefix("back:").and_then(|rest| {
        let (node, rest) = rest.split_once('@')?;
        let (at, back) = rest.split_once(':')?;
        Some(Action::Back {
            node: node.trim().parse().ok()?,
            at: at.trim().parse().ok()?,
            back: back.trim().parse().ok()?,
        })
    });
    let crash = || {
        let (server, at) = text.strip_prefix("crash:")?.split_once('@')?;
        Some(Action::Crash {
            server: server.trim().parse().ok()?,
            at: at.trim().parse().ok()?,
        })
    };
    let parsed = back.or_else(crash);
    parsed.ok_or_else(|| not_an(text, ACTIONS.expected))
}
