//! The geohash scenario in the URL, e.g.
//! `mode=search&lat=37.7749&lng=-122.4194&radius=30&top=10&places=20000&dist=cities&seed=42&a=q:51.5074,-0.1278,8`.
//!
//! Keys: `mode`, `lat`, `lng`, `precision`, `hash`, `lat2`, `lng2`, `radius`, `top`,
//! `places`, `dist`, `queries`, `locality`, `interval`, `ttl`, `fence`, `seed`, and repeated
//! `a` for actions: `pt:LAT,LNG`, `cell:HASH`, `q:LAT,LNG,RADIUS_KM`, `d:LAT1,LNG1,LAT2,LNG2`.
//! Every mode reads every key; a mode's own keys ([`Modes::Own`]) are always written, the
//! others only when they differ from that mode's defaults ([`Params::for_mode`]), so links stay
//! short and still round-trip exactly.

use crate::check::{max_places, max_radius};
use crate::codec::{LatLng, MAX_PRECISION, MIN_PRECISION, parse_field};
use crate::places::Distribution;
use crate::{
    Action, FENCE_RANGE_M, INTERVAL_RANGE_S, MAX_ACTIONS, MAX_QUERIES, Params, RADIUS_RANGE_KM,
    TOP_RANGE, TTL_RANGE_S,
};
use sdp_kit::field::{Field, Kind, Modes, Word, range_text, read_number};
use sdp_kit::lab::ActionSyntax;
use sdp_kit::query::not_an;
use sdp_kit::{decimal, whole, word};

impl Word for Distribution {
    const WORDS: &'static [(Self, &'static str)] = &[
        (Distribution::Uniform, "uniform"),
        (Distribution::Cities, "cities"),
    ];
}

/// The URL fields, in URL order, with the modes that own each.
pub const FIELDS: &[Field<Params>] = &[
    decimal!(
        "lat",
        lat,
        -90.0,
        90.0,
        "point / centre latitude, degrees (haversine: point 1)",
        Modes::Own(&["encode", "sizes", "search", "haversine", "shards"])
    ),
    decimal!(
        "lng",
        lng,
        -180.0,
        180.0,
        "point / centre longitude, degrees (haversine: point 1)",
        Modes::Own(&["encode", "search", "haversine", "shards"])
    ),
    whole!(
        "precision",
        precision,
        MIN_PRECISION,
        MAX_PRECISION,
        "geohash precision (cache: the key's precision)",
        Modes::Own(&["encode", "neighbours", "cache"])
    ),
    Field::in_modes(
        "hash",
        "a geohash, or empty: encode decodes it instead of the point; neighbours takes its block",
        Modes::Own(&["neighbours"]),
        Kind {
            write: |p| p.hash.clone(),
            read: read_hash,
            allowed: |_| "empty or 1–12 of `0123456789bcdefghjkmnpqrstuvwxyz`".to_string(),
        },
    ),
    decimal!(
        "lat2",
        to_lat,
        -90.0,
        90.0,
        "point 2's latitude, degrees",
        Modes::Own(&["haversine"])
    ),
    decimal!(
        "lng2",
        to_lng,
        -180.0,
        180.0,
        "point 2's longitude, degrees",
        Modes::Own(&["haversine"])
    ),
    Field::in_modes(
        "radius",
        "search radius, km (at most 50 in the cache mode)",
        Modes::Own(&["search", "shards", "cache"]),
        Kind {
            write: |p| p.radius_km.to_string(),
            read: |p, text| {
                let max = max_radius(p.mode);
                read_number(&mut p.radius_km, text, RADIUS_RANGE_KM.0, max)
            },
            allowed: |p| range_text(RADIUS_RANGE_KM.0, max_radius(p.mode)),
        },
    ),
    whole!(
        "top",
        top,
        TOP_RANGE.0,
        TOP_RANGE.1,
        "results kept (top N)",
        Modes::Own(&["search", "shards"])
    ),
    Field::in_modes(
        "places",
        "businesses (cache: hotels, at most 20 000)",
        Modes::Own(&["search", "shards", "cache"]),
        Kind {
            write: |p| p.places.to_string(),
            read: |p, text| {
                let max = max_places(p.mode);
                read_number(&mut p.places, text, 1, max)
            },
            allowed: |p| range_text(1, max_places(p.mode)),
        },
    ),
    word!(
        "dist",
        distribution,
        "how places are spread: `cities` (clustered) or `uniform`",
        Modes::Own(&["search", "shards", "cache"])
    ),
    whole!(
        "queries",
        queries,
        1,
        MAX_QUERIES,
        "cache queries in the stream",
        Modes::Own(&["cache"])
    ),
    whole!(
        "locality",
        locality,
        0,
        100,
        "percentage of cache queries at one of 20 popular spots",
        Modes::Own(&["cache"])
    ),
    whole!(
        "interval",
        interval_s,
        INTERVAL_RANGE_S.0,
        INTERVAL_RANGE_S.1,
        "seconds between cache queries",
        Modes::Own(&["cache"])
    ),
    whole!(
        "ttl",
        ttl_s,
        TTL_RANGE_S.0,
        TTL_RANGE_S.1,
        "cache time to live, seconds (F4: 3600)",
        Modes::Own(&["cache"])
    ),
    whole!(
        "fence",
        fence_m,
        FENCE_RANGE_M.0,
        FENCE_RANGE_M.1,
        "geofence radius around point 1, metres (0 = none)",
        Modes::Own(&["haversine"])
    ),
];

/// Reads `hash`: empty, or a geohash (kept as typed; the trace reads it in lower case). A bad
/// one keeps the mode's default hash, and says so, as the lab always has.
fn read_hash(p: &mut Params, text: &str) -> Result<(), String> {
    if !text.is_empty() {
        parse_field("hash", text).map_err(|e| e.message + "; using the default")?;
    }
    p.hash = text.to_string();
    Ok(())
}

/// The repeated `a=` actions.
pub const ACTIONS: ActionSyntax = ActionSyntax {
    max: MAX_ACTIONS,
    noun: "actions",
    expected: "an action (pt:LAT,LNG, cell:HASH, q:LAT,LNG,KM, d:LAT,LNG,LAT,LNG)",
    forms: &[
        (
            "pt:LAT,LNG",
            "drops a point (encode it, its block, the table at its latitude, a query or a search there)",
        ),
        (
            "cell:HASH",
            "picks a cell (encode: decode it; neighbours: its block)",
        ),
        ("q:LAT,LNG,RADIUS_KM", "a proximity query (search, shards)"),
        ("d:LAT1,LNG1,LAT2,LNG2", "a distance (haversine)"),
    ],
};

/// An action's text.
pub fn action_text(a: &Action) -> String {
    match a {
        Action::Point(p) => format!("pt:{},{}", p.lat, p.lng),
        Action::Cell(h) => format!("cell:{h}"),
        Action::Query { at, radius_km } => format!("q:{},{},{radius_km}", at.lat, at.lng),
        Action::Distance { from, to } => {
            format!("d:{},{},{},{}", from.lat, from.lng, to.lat, to.lng)
        }
    }
}

/// `n` comma-separated numbers.
fn numbers<const N: usize>(text: &str) -> Option<[f64; N]> {
    let v: Vec<f64> = text
        .split(',')
        .map(|x| x.trim().parse::<f64>().ok())
        .collect::<Option<_>>()?;
    v.try_into().ok()
}

/// Reads an action (see [`ACTIONS`]); the message names what was expected.
pub fn parse_action(text: &str) -> Result<Action, String> {
    let parsed = text.split_once(':').and_then(|(verb, arg)| {
        Some(match verb {
            "pt" => {
                let [lat, lng] = numbers(arg)?;
                Action::Point(LatLng::new(lat, lng))
            }
            "cell" => Action::Cell(arg.to_string()),
            "q" => {
                let [lat, lng, radius_km] = numbers(arg)?;
                Action::Query {
                    at: LatLng::new(lat, lng),
                    radius_km,
                }
            }
            "d" => {
                let [lat1, lng1, lat2, lng2] = numbers(arg)?;
                Action::Distance {
                    from: LatLng::new(lat1, lng1),
                    to: LatLng::new(lat2, lng2),
                }
            }
            _ => return None,
        })
    });
    parsed.ok_or_else(|| not_an(text, ACTIONS.expected))
}
