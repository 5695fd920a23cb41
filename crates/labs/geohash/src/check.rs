//! What a geohash scenario's actions may hold: each action belongs to some modes, its point is
//! on the globe, its hash is a geohash and its radius is in range. Errors name the action's URL
//! key (`a[2]`, `actions[0]`) and their messages the part that is wrong (`lat: …`).

use crate::codec::{LatLng, parse_field};
use crate::{
    Action, MAX_CACHE_HOTELS, MAX_CACHE_RADIUS_KM, MAX_PLACES, Mode, Params, RADIUS_RANGE_KM,
};
use sdp_kit::lab::ParamError;

/// Largest radius allowed in `mode`, km.
pub fn max_radius(mode: Mode) -> f64 {
    if mode == Mode::Cache {
        MAX_CACHE_RADIUS_KM
    } else {
        RADIUS_RANGE_KM.1
    }
}

/// Most places allowed in `mode`.
pub fn max_places(mode: Mode) -> u32 {
    if mode == Mode::Cache {
        MAX_CACHE_HOTELS
    } else {
        MAX_PLACES
    }
}

/// What is wrong with a point whose fields are called `lat_key` and `lng_key` (latitude
/// first): `lat_key: must be between -90 and 90 (got 91)`.
pub fn check_point(lat_key: &str, lng_key: &str, p: LatLng) -> Option<ParamError> {
    if !(-90.0..=90.0).contains(&p.lat) {
        Some(ParamError::range(lat_key, -90, 90, &p.lat.to_string()))
    } else if !(-180.0..=180.0).contains(&p.lng) {
        Some(ParamError::range(lng_key, -180, 180, &p.lng.to_string()))
    } else {
        None
    }
}

/// Why `action` cannot apply in `mode`, if it cannot. The error names the action (`a[2]`);
/// its message names the part that is wrong (`lng: must be between -180 and 180 (got 200)`).
/// The old reader named the part in the field (`a[2].lng`); the kit's contract wants every
/// action error on the action's own key.
pub fn check_action(field: &str, mode: Mode, action: &Action) -> Option<ParamError> {
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
    let part = match action {
        Action::Point(p) => check_point("lat", "lng", *p),
        Action::Cell(h) => return parse_field(field, h).err(),
        Action::Query { at, radius_km } => check_point("lat", "lng", *at).or_else(|| {
            let (lo, hi) = (RADIUS_RANGE_KM.0, max_radius(mode));
            (!(*radius_km >= lo && *radius_km <= hi))
                .then(|| ParamError::range("radius", lo, hi, &radius_km.to_string()))
        }),
        Action::Distance { from, to } => {
            check_point("lat1", "lng1", *from).or_else(|| check_point("lat2", "lng2", *to))
        }
    };
    part.map(|e| ParamError::new(field, e.to_string()))
}

/// Checks a scenario's actions in order. Each action is checked on its own against the mode;
/// nothing an action does changes what the next may do.
pub struct Checker {
    mode: Mode,
}

impl Checker {
    /// A checker for a scenario with parameters `p`.
    pub fn new(p: &Params) -> Self {
        Checker { mode: p.mode }
    }

    /// Checks `action`; says why it cannot apply, if it cannot.
    pub fn check(&mut self, field: &str, action: &Action) -> Result<(), ParamError> {
        check_action(field, self.mode, action).map_or(Ok(()), Err)
    }
}
