//! Validation and trace dispatch for the geohash lab. Error fields are the URL keys.

use super::{
    Action, FENCE_RANGE_M, INTERVAL_RANGE_S, MAX_ACTIONS, MAX_CACHE_HOTELS, MAX_CACHE_RADIUS_KM,
    MAX_PLACES, MAX_QUERIES, Mode, Params, RADIUS_RANGE_KM, State, TOP_RANGE, TTL_RANGE_S,
};
use super::{
    trace_cache, trace_encode, trace_haversine, trace_neighbours, trace_search, trace_shards,
    trace_sizes,
};
use crate::codec::{LatLng, MAX_PRECISION, MIN_PRECISION, check_precision, parse_field};
use sdp_core::lab::{ParamError, Scenario, Step, Trace};

/// Checks a point whose fields are called `lat_key` and `lng_key`.
pub(super) fn check_point(lat_key: &str, lng_key: &str, p: LatLng) -> Option<ParamError> {
    if !(-90.0..=90.0).contains(&p.lat) {
        Some(ParamError::range(lat_key, -90, 90, &p.lat.to_string()))
    } else if !(-180.0..=180.0).contains(&p.lng) {
        Some(ParamError::range(lng_key, -180, 180, &p.lng.to_string()))
    } else {
        None
    }
}

fn in_range<T: PartialOrd + std::fmt::Display>(
    errors: &mut Vec<ParamError>,
    key: &str,
    v: T,
    (lo, hi): (T, T),
) {
    if !(v >= lo && v <= hi) {
        errors.push(ParamError::range(key, lo, hi, &v.to_string()));
    }
}

/// Largest radius allowed in `mode`.
pub(super) fn max_radius(mode: Mode) -> f64 {
    if mode == Mode::Cache {
        MAX_CACHE_RADIUS_KM
    } else {
        RADIUS_RANGE_KM.1
    }
}

/// Most places allowed in `mode`.
pub(super) fn max_places(mode: Mode) -> u32 {
    if mode == Mode::Cache {
        MAX_CACHE_HOTELS
    } else {
        MAX_PLACES
    }
}

/// The parameter errors alone.
pub(super) fn validate_params(p: &Params) -> Vec<ParamError> {
    let mut errors = Vec::new();
    errors.extend(check_point("lat", "lng", LatLng::new(p.lat, p.lng)));
    errors.extend(check_point("lat2", "lng2", LatLng::new(p.to_lat, p.to_lng)));
    errors.extend(check_precision("precision", p.precision).err());
    if !p.hash.is_empty() {
        errors.extend(parse_field("hash", &p.hash).err());
    }
    in_range(
        &mut errors,
        "radius",
        p.radius_km,
        (RADIUS_RANGE_KM.0, max_radius(p.mode)),
    );
    in_range(&mut errors, "top", p.top, TOP_RANGE);
    in_range(&mut errors, "places", p.places, (1, max_places(p.mode)));
    in_range(&mut errors, "queries", p.queries, (1, MAX_QUERIES));
    in_range(&mut errors, "locality", p.locality, (0, 100));
    in_range(&mut errors, "interval", p.interval_s, INTERVAL_RANGE_S);
    in_range(&mut errors, "ttl", p.ttl_s, TTL_RANGE_S);
    in_range(&mut errors, "fence", p.fence_m, FENCE_RANGE_M);
    errors
}

/// Why `action` cannot apply in `mode`, if it cannot.
pub(super) fn check_action(field: &str, mode: Mode, action: &Action) -> Option<ParamError> {
    let allowed = match action {
        Action::Point(_) => mode != Mode::Haversine,
        Action::Cell(_) => matches!(mode, Mode::Encode | Mode::Neighbours),
        Action::Query { .. } => matches!(mode, Mode::Search | Mode::Shards),
        Action::Distance { .. } => mode == Mode::Haversine,
    };
    if !allowed {
        return Some(ParamError::new(
            field,
            format!("this action is not available in mode {}", mode.as_str()),
        ));
    }
    let sub = |s: &str| format!("{field}.{s}");
    match action {
        Action::Point(p) => check_point(&sub("lat"), &sub("lng"), *p),
        Action::Cell(h) => parse_field(field, h).err(),
        Action::Query { at, radius_km } => {
            check_point(&sub("lat"), &sub("lng"), *at).or_else(|| {
                let (lo, hi) = (RADIUS_RANGE_KM.0, max_radius(mode));
                (!(*radius_km >= lo && *radius_km <= hi))
                    .then(|| ParamError::range(&sub("radius"), lo, hi, &radius_km.to_string()))
            })
        }
        Action::Distance { from, to } => check_point(&sub("lat1"), &sub("lng1"), *from)
            .or_else(|| check_point(&sub("lat2"), &sub("lng2"), *to)),
    }
}

pub(super) fn validate(s: &Scenario<Params, Action>) -> Vec<ParamError> {
    let mut errors = validate_params(&s.params);
    if s.actions.len() > MAX_ACTIONS {
        errors.push(ParamError::new(
            "actions",
            format!("at most {MAX_ACTIONS} actions"),
        ));
    }
    for (i, a) in s.actions.iter().enumerate() {
        errors.extend(check_action(&format!("actions[{i}]"), s.params.mode, a));
    }
    errors
}

/// Builds the trace of a valid scenario.
pub(super) fn build_trace(s: &Scenario<Params, Action>) -> Trace<State> {
    debug_assert!((MIN_PRECISION..=MAX_PRECISION).contains(&s.params.precision));
    let steps: Vec<Step<State>> = match s.params.mode {
        Mode::Encode => trace_encode::build(s),
        Mode::Neighbours => trace_neighbours::build(s),
        Mode::Sizes => trace_sizes::build(s),
        Mode::Search => trace_search::build(s),
        Mode::Haversine => trace_haversine::build(s),
        Mode::Shards => trace_shards::build(s),
        Mode::Cache => trace_cache::build(s),
    };
    Trace { steps }
}
