//! The rate-limiter scenario in the URL, e.g.
//! `mode=compare&traffic=boundary&limit=100&window=60&capacity=100&rate=100/60&lanes=token,fixed&narrate=fixed&seed=42&a=req:59.5*3`.

use crate::algo::Lane;
use crate::rate::Rate;
use crate::tiers::Send;
use crate::traffic::MAX_REQUESTS;
use crate::{Action, MAX_ACTIONS, MAX_DCS, MAX_LIMIT, MAX_SPAN_S, MAX_WINDOW_S, Params};
use sdp_kit::field::{Field, Kind, Modes};
use sdp_kit::lab::ActionSyntax;
use sdp_kit::query::{not_an, shorten};
use sdp_kit::{whole, word};

const COMPARE: Modes = Modes::Only(&["compare"]);
const TIERS: Modes = Modes::Only(&["tiers"]);
const DCS: Modes = Modes::Only(&["datacenters"]);
/// Largest per-hour or per-minute limit in the tiers mode.
const MAX_TIER_LIMIT: u32 = 1_000_000;
/// Latest Unix time for t = 0 (2100-01-01).
const MAX_EPOCH: u64 = 4_102_444_800;

fn lane_words() -> String {
    Lane::ALL
        .iter()
        .map(|l| format!("`{}`", l.id()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads `lanes`: a comma list of distinct lane ids.
fn read_lanes(p: &mut Params, text: &str) -> Result<(), String> {
    let mut lanes = Vec::new();
    for id in text.split(',').map(str::trim) {
        match Lane::from_id(id) {
            Some(l) if !lanes.contains(&l) => lanes.push(l),
            Some(_) => return Err(format!("lists {} twice", shorten(id))),
            None => {
                return Err(format!(
                    "must be a comma list of lanes ({}; got {})",
                    Lane::ALL.map(Lane::id).join(", "),
                    shorten(id)
                ));
            }
        }
    }
    p.compare.lanes = lanes;
    Ok(())
}

/// The URL fields, in URL order.
pub(crate) const FIELDS: &[Field<Params>] = &[
    word!(
        "traffic",
        compare.traffic,
        "arrival pattern: the worked examples, or a generated one",
        COMPARE
    ),
    whole!(
        "count",
        compare.count,
        1,
        MAX_REQUESTS,
        "requests of a generated pattern",
        COMPARE
    ),
    whole!(
        "span",
        compare.span_s,
        1,
        MAX_SPAN_S,
        "seconds a generated pattern spans",
        COMPARE
    ),
    whole!(
        "burst",
        compare.burst,
        1,
        1_000,
        "requests per burst (`burst` pattern)",
        COMPARE
    ),
    whole!(
        "limit",
        compare.limit,
        1,
        MAX_LIMIT,
        "requests per window (window limiters)",
        COMPARE
    ),
    whole!(
        "window",
        compare.window_s,
        1,
        MAX_WINDOW_S,
        "window, seconds",
        COMPARE
    ),
    whole!(
        "capacity",
        compare.capacity,
        1,
        MAX_LIMIT,
        "bucket size: tokens or queue places",
        COMPARE
    ),
    Field::in_modes(
        "rate",
        "refill or leak rate per second, `N` or `N/D` (`100/60` = 100 a minute)",
        COMPARE,
        Kind {
            write: |p| p.compare.rate.to_string(),
            read: |p, text| {
                p.compare.rate = Rate::parse(text)?;
                Ok(())
            },
            allowed: |_| "`N` or `N/D` (1–1 000 000)".to_string(),
        },
    ),
    Field::in_modes(
        "lanes",
        "the algorithms shown, in order (comma list)",
        COMPARE,
        Kind {
            write: |p| {
                p.compare
                    .lanes
                    .iter()
                    .map(|l| l.id())
                    .collect::<Vec<_>>()
                    .join(",")
            },
            read: read_lanes,
            allowed: |_| format!("comma list of {}", lane_words()),
        },
    ),
    Field::in_modes(
        "narrate",
        "the lane narrated step by step (one of `lanes`)",
        COMPARE,
        Kind {
            write: |p| p.compare.narrate.id().to_string(),
            read: |p, text| match Lane::from_id(text.trim()) {
                Some(l) => {
                    p.compare.narrate = l;
                    Ok(())
                }
                None => Err(format!("must be a lane id (got {})", shorten(text))),
            },
            allowed: |_| lane_words(),
        },
    ),
    whole!(
        "epoch",
        compare.epoch,
        0,
        MAX_EPOCH,
        "Unix time of t = 0, for X-RateLimit-Reset",
        COMPARE
    ),
    whole!(
        "free",
        tiers.free,
        1,
        MAX_TIER_LIMIT,
        "free tier, requests per hour",
        TIERS
    ),
    whole!(
        "basic",
        tiers.basic,
        1,
        MAX_TIER_LIMIT,
        "basic tier, requests per hour",
        TIERS
    ),
    whole!(
        "premium",
        tiers.premium,
        1,
        MAX_TIER_LIMIT,
        "premium tier, requests per hour",
        TIERS
    ),
    whole!(
        "user",
        tiers.user,
        1,
        MAX_TIER_LIMIT,
        "per user, requests per minute",
        TIERS
    ),
    whole!(
        "key",
        tiers.key,
        1,
        MAX_TIER_LIMIT,
        "per API key, requests per minute",
        TIERS
    ),
    whole!(
        "ip",
        tiers.ip,
        1,
        MAX_TIER_LIMIT,
        "per IP, requests per minute",
        TIERS
    ),
    whole!(
        "global",
        tiers.global,
        1,
        MAX_TIER_LIMIT,
        "all requests, per minute",
        TIERS
    ),
    word!("narrate", tiers.narrate, "the strategy narrated", TIERS),
    word!(
        "example",
        tiers.example,
        "`office`: the example's three bursts through a shared IP first",
        TIERS
    ),
    whole!("dcs", dcs.dcs, 1, MAX_DCS, "datacenters", DCS),
    whole!(
        "limit",
        dcs.limit,
        1,
        MAX_LIMIT,
        "the intended limit per window, for all DCs together",
        DCS
    ),
    whole!(
        "window",
        dcs.window_s,
        1,
        MAX_WINDOW_S,
        "window, seconds",
        DCS
    ),
    whole!(
        "count",
        dcs.count,
        1,
        MAX_REQUESTS,
        "requests, evenly over the span",
        DCS
    ),
    whole!(
        "span",
        dcs.span_s,
        1,
        MAX_SPAN_S,
        "seconds the requests span",
        DCS
    ),
    word!("split", dcs.split, "how requests divide among the DCs", DCS),
    whole!(
        "sync",
        dcs.sync_s,
        1,
        MAX_SPAN_S,
        "seconds between syncs of the synced limiters",
        DCS
    ),
    whole!(
        "lag",
        dcs.lag_s,
        0,
        MAX_SPAN_S,
        "seconds a sync takes to arrive",
        DCS
    ),
];

/// The repeated `a=` actions.
pub(crate) const ACTIONS: ActionSyntax = ActionSyntax {
    max: MAX_ACTIONS,
    noun: "actions",
    expected: "an action (req:SECONDS*N, send:SECONDS,USER,TIER,KEY,IP,N)",
    forms: &[
        (
            "req:SECONDS*N",
            "compare: N requests (default 1) at that time, e.g. `req:59.95*3`",
        ),
        (
            "send:SECONDS,USER,TIER,KEY,IP,N",
            "tiers: N requests 10 ms apart from one client, e.g. `send:0,alice,basic,k1,10.0.0.1,150`",
        ),
    ],
};

/// Seconds with up to three decimals, as ms.
fn seconds(text: &str) -> Option<u64> {
    let v: f64 = text.trim().parse().ok()?;
    (0.0..=crate::MAX_TIME_S)
        .contains(&v)
        .then(|| (v * 1000.0).round() as u64)
}

/// Milliseconds as seconds, the shortest exact text (`59.95`, `60`).
pub fn seconds_text(ms: u64) -> String {
    if ms % 1000 == 0 {
        (ms / 1000).to_string()
    } else {
        let s = format!("{}.{:03}", ms / 1000, ms % 1000);
        s.trim_end_matches('0').to_string()
    }
}

/// An action's text.
pub(crate) fn action_text(a: &Action) -> String {
    match a {
        Action::Requests { at_ms, count: 1 } => format!("req:{}", seconds_text(*at_ms)),
        Action::Requests { at_ms, count } => format!("req:{}*{count}", seconds_text(*at_ms)),
        Action::Send(s) => format!(
            "send:{},{},{},{},{},{}",
            seconds_text(s.at_ms),
            s.user,
            s.tier,
            s.key,
            s.ip,
            s.count
        ),
    }
}

/// Reads an action (see [`ACTIONS`]).
pub(crate) fn parse_action(text: &str) -> Result<Action, String> {
    let parsed = text.split_once(':').and_then(|(verb, arg)| match verb {
        "req" => {
            let (at, count) = arg.split_once('*').unwrap_or((arg, "1"));
            Some(Action::Requests {
                at_ms: seconds(at)?,
                count: count.trim().parse().ok()?,
            })
        }
        "send" => {
            let parts: Vec<&str> = arg.split(',').map(str::trim).collect();
            let [at, user, tier, key, ip, count] = parts.as_slice() else {
                return None;
            };
            Some(Action::Send(Send {
                at_ms: seconds(at)?,
                user: (*user).to_string(),
                tier: (*tier).to_string(),
                key: (*key).to_string(),
                ip: (*ip).to_string(),
                count: count.parse().ok()?,
            }))
        }
        _ => None,
    });
    parsed.ok_or_else(|| not_an(text, ACTIONS.expected))
}
