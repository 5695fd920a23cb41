//! The geohash scenario in the URL, e.g.
//! `mode=search&lat=37.7749&lng=-122.4194&radius=30&top=10&places=20000&dist=cities&seed=42&a=q:51.5074,-0.1278,8`.
//!
//! Keys: `mode`, `lat`, `lng`, `precision`, `hash`, `lat2`, `lng2`, `radius`, `top`,
//! `places`, `dist`, `queries`, `locality`, `interval`, `ttl`, `fence`, `seed`, and repeated
//! `a` for actions: `pt:LAT,LNG`, `cell:HASH`, `q:LAT,LNG,RADIUS_KM`, `d:LAT1,LNG1,LAT2,LNG2`.
//! A mode's own keys are always written; other keys only when they differ from that mode's
//! defaults ([`Params::for_mode`]), so links stay short and still round-trip exactly.

use super::run::{check_action, max_places, max_radius};
use super::{
    Action, FENCE_RANGE_M, GeohashLab, INTERVAL_RANGE_S, MAX_ACTIONS, MAX_QUERIES, Mode, Params,
    RADIUS_RANGE_KM, TOP_RANGE, TTL_RANGE_S,
};
use crate::codec::{LatLng, MAX_PRECISION, MIN_PRECISION, parse_field};
use crate::places::Distribution;
use sdp_core::lab::{Lab, ParamError, Scenario};
use sdp_core::query::{PLAYER_KEYS, Reader, only_player_keys, parsed_or, shorten};

/// The keys each mode always writes.
fn own_keys(mode: Mode) -> &'static [&'static str] {
    match mode {
        Mode::Encode => &["lat", "lng", "precision"],
        Mode::Neighbours => &["hash", "precision"],
        Mode::Sizes => &["lat"],
        Mode::Search | Mode::Shards => &["lat", "lng", "radius", "top", "places", "dist"],
        Mode::Haversine => &["lat", "lng", "lat2", "lng2", "fence"],
        Mode::Cache => &[
            "radius",
            "precision",
            "places",
            "dist",
            "queries",
            "locality",
            "interval",
            "ttl",
        ],
    }
}

/// Every parameter as (key, text), in URL order.
fn fields(p: &Params) -> Vec<(&'static str, String)> {
    vec![
        ("lat", p.lat.to_string()),
        ("lng", p.lng.to_string()),
        ("precision", p.precision.to_string()),
        ("hash", p.hash.clone()),
        ("lat2", p.to_lat.to_string()),
        ("lng2", p.to_lng.to_string()),
        ("radius", p.radius_km.to_string()),
        ("top", p.top.to_string()),
        ("places", p.places.to_string()),
        ("dist", p.distribution.as_str().to_string()),
        ("queries", p.queries.to_string()),
        ("locality", p.locality.to_string()),
        ("interval", p.interval_s.to_string()),
        ("ttl", p.ttl_s.to_string()),
        ("fence", p.fence_m.to_string()),
    ]
}

fn action_text(a: &Action) -> String {
    match a {
        Action::Point(p) => format!("pt:{},{}", p.lat, p.lng),
        Action::Cell(h) => format!("cell:{h}"),
        Action::Query { at, radius_km } => format!("q:{},{},{radius_km}", at.lat, at.lng),
        Action::Distance { from, to } => {
            format!("d:{},{},{},{}", from.lat, from.lng, to.lat, to.lng)
        }
    }
}

fn numbers(text: &str, n: usize) -> Option<Vec<f64>> {
    let v: Vec<f64> = text
        .split(',')
        .map(|x| x.trim().parse::<f64>().ok())
        .collect::<Option<_>>()?;
    (v.len() == n).then_some(v)
}

fn parse_action(text: &str) -> Option<Action> {
    let (verb, arg) = text.split_once(':')?;
    Some(match verb {
        "pt" => {
            let v = numbers(arg, 2)?;
            Action::Point(LatLng::new(v[0], v[1]))
        }
        "cell" => Action::Cell(arg.to_string()),
        "q" => {
            let v = numbers(arg, 3)?;
            Action::Query {
                at: LatLng::new(v[0], v[1]),
                radius_km: v[2],
            }
        }
        "d" => {
            let v = numbers(arg, 4)?;
            Action::Distance {
                from: LatLng::new(v[0], v[1]),
                to: LatLng::new(v[2], v[3]),
            }
        }
        _ => return None,
    })
}

pub(super) fn to_query(s: &Scenario<Params, Action>) -> Vec<(String, String)> {
    let p = &s.params;
    let own = own_keys(p.mode);
    let defaults = fields(&Params::for_mode(p.mode));
    let mut q = vec![("mode".to_string(), p.mode.as_str().to_string())];
    for ((key, value), (_, default)) in fields(p).into_iter().zip(defaults) {
        if own.contains(&key) || value != default {
            q.push((key.to_string(), value));
        }
    }
    q.push(("seed".to_string(), s.seed.to_string()));
    q.extend(s.actions.iter().map(|a| ("a".to_string(), action_text(a))));
    q
}

fn read_params(r: &mut Reader<'_>) -> Params {
    let mode = match r.raw("mode") {
        None => Mode::Encode,
        Some(text) => Mode::parse(text).unwrap_or_else(|| {
            r.errors.push(ParamError::new(
                "mode",
                format!(
                    "must be one of encode, neighbours, sizes, search, haversine, shards, cache (got {})",
                    shorten(text)
                ),
            ));
            Mode::Encode
        }),
    };
    let d = Params::for_mode(mode);
    let mut p = Params {
        mode,
        lat: r.number("lat", -90.0, 90.0, d.lat),
        lng: r.number("lng", -180.0, 180.0, d.lng),
        precision: r.number("precision", MIN_PRECISION, MAX_PRECISION, d.precision),
        hash: d.hash.clone(),
        to_lat: r.number("lat2", -90.0, 90.0, d.to_lat),
        to_lng: r.number("lng2", -180.0, 180.0, d.to_lng),
        radius_km: r.number("radius", RADIUS_RANGE_KM.0, max_radius(mode), d.radius_km),
        top: r.number("top", TOP_RANGE.0, TOP_RANGE.1, d.top),
        places: r.number("places", 1, max_places(mode), d.places),
        distribution: d.distribution,
        queries: r.number("queries", 1, MAX_QUERIES, d.queries),
        locality: r.number("locality", 0, 100, d.locality),
        interval_s: r.number(
            "interval",
            INTERVAL_RANGE_S.0,
            INTERVAL_RANGE_S.1,
            d.interval_s,
        ),
        ttl_s: r.number("ttl", TTL_RANGE_S.0, TTL_RANGE_S.1, d.ttl_s),
        fence_m: r.number("fence", FENCE_RANGE_M.0, FENCE_RANGE_M.1, d.fence_m),
    };
    if let Some(h) = r.raw("hash") {
        match (h.is_empty(), parse_field("hash", h)) {
            (true, _) | (false, Ok(_)) => p.hash = h.to_string(),
            (false, Err(mut e)) => {
                e.message.push_str("; using the default");
                r.errors.push(e);
            }
        }
    }
    if let Some(text) = r.raw("dist") {
        match Distribution::parse(text) {
            Some(dist) => p.distribution = dist,
            None => r.errors.push(ParamError::new(
                "dist",
                format!("must be uniform or cities (got {})", shorten(text)),
            )),
        }
    }
    p
}

pub(super) fn from_query(
    pairs: &[(String, String)],
) -> (Scenario<Params, Action>, Vec<ParamError>) {
    if only_player_keys(pairs) {
        return (GeohashLab::default_scenario(), Vec::new());
    }
    let mut r = Reader::new(pairs);
    let params = read_params(&mut r);
    let seed = r.number("seed", 0u64, u64::MAX, 42);
    let actions = r.actions(MAX_ACTIONS, "actions", |field, text| {
        let action = parsed_or(
            field,
            text,
            parse_action(text),
            "an action (pt:LAT,LNG, cell:HASH, q:LAT,LNG,KM, d:LAT,LNG,LAT,LNG)",
        )?;
        match check_action(field, params.mode, &action) {
            None => Ok(action),
            Some(e) => Err(vec![e]),
        }
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
