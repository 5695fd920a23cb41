//! The quadtree scenario in the URL:
//! `dist=cities&points=600&capacity=4&max_depth=12&detailed=24&bounds=-180,-90,180,90&conv=doc&seed=42&a=p:0,0&a=q:10.75,59.91,500`.
//!
//! Actions are repeated `a` values: `p:LNG,LAT` (add a point) and `q:LNG,LAT,RADIUS_KM` (query).

use crate::check::check_bounds;
use crate::tree::Rect;
use crate::{
    Action, CAPACITY_RANGE, Conversion, DEPTH_RANGE, Distribution, MAX_ACTIONS, MAX_DETAILED,
    MAX_POINTS, Params,
};
use sdp_kit::field::{Field, Kind, Word};
use sdp_kit::lab::ActionSyntax;
use sdp_kit::query::{not_an, shorten};
use sdp_kit::{whole, word};

impl Word for Distribution {
    const WORDS: &'static [(Self, &'static str)] = &[
        (Distribution::Cities, "cities"),
        (Distribution::Uniform, "uniform"),
    ];
}

impl Word for Conversion {
    const WORDS: &'static [(Self, &'static str)] =
        &[(Conversion::Doc, "doc"), (Conversion::Corrected, "fixed")];
}

/// Parses `n` comma-separated finite numbers.
fn numbers(text: &str, n: usize) -> Option<Vec<f64>> {
    let v: Vec<f64> = text
        .split(',')
        .map(|s| s.trim().parse::<f64>().ok().filter(|x| x.is_finite()))
        .collect::<Option<_>>()?;
    (v.len() == n).then_some(v)
}

/// The boundary as the URL writes it: `min_lng,min_lat,max_lng,max_lat`.
pub fn rect_text(r: &Rect) -> String {
    format!("{},{},{},{}", r.min_x, r.min_y, r.max_x, r.max_y)
}

/// Reads `bounds`: four numbers, then the boundary check (inside the world, not too small).
fn read_bounds(p: &mut Params, text: &str) -> Result<(), String> {
    match numbers(text, 4).map(|v| Rect::new(v[0], v[1], v[2], v[3])) {
        Some(b) => match check_bounds(&b) {
            None => {
                p.bounds = b;
                Ok(())
            }
            Some(e) => Err(e.message),
        },
        None => Err(format!(
            "must be four numbers min_lng,min_lat,max_lng,max_lat (got {})",
            shorten(text)
        )),
    }
}

/// The URL fields, in URL order.
pub(crate) const FIELDS: &[Field<Params>] = &[
    word!(
        "dist",
        dist,
        "seeded points: `cities` = clustered around cities, `uniform` = uniform"
    ),
    whole!(
        "points",
        points,
        0,
        MAX_POINTS,
        "seeded points inserted at the start"
    ),
    whole!(
        "capacity",
        capacity,
        CAPACITY_RANGE.0,
        CAPACITY_RANGE.1,
        "points a leaf holds before it splits"
    ),
    whole!(
        "max_depth",
        max_depth,
        DEPTH_RANGE.0,
        DEPTH_RANGE.1,
        "depth at which leaves stop splitting (root = 0)"
    ),
    whole!(
        "detailed",
        detailed,
        0,
        MAX_DETAILED,
        "of the seeded points, inserted one step at a time"
    ),
    Field::new(
        "bounds",
        "the root's boundary in degrees: min_lng,min_lat,max_lng,max_lat",
        Kind {
            write: |p| rect_text(&p.bounds),
            read: read_bounds,
            allowed: |_| "`min_lng,min_lat,max_lng,max_lat` inside −180…180 × −90…90".to_string(),
        },
    ),
    word!(
        "conv",
        conv,
        "km → degrees in the stepped query: `doc` = 111 km/°, `fixed` = ÷ cos φ"
    ),
];

/// The repeated `a=` actions.
pub(crate) const ACTIONS: ActionSyntax = ActionSyntax {
    max: MAX_ACTIONS,
    noun: "actions",
    expected: "an action (p:LNG,LAT or q:LNG,LAT,RADIUS_KM)",
    forms: &[
        ("p:LNG,LAT", "inserts a point, step by step"),
        (
            "q:LNG,LAT,RADIUS_KM",
            "runs a radius query (at most 8 in a scenario)",
        ),
    ],
};

/// An action's text.
pub(crate) fn action_text(a: &Action) -> String {
    match a {
        Action::AddPoint { lng, lat } => format!("p:{lng},{lat}"),
        Action::Query {
            lng,
            lat,
            radius_km,
        } => format!("q:{lng},{lat},{radius_km}"),
    }
}

/// Reads an action (see [`ACTIONS`]).
pub(crate) fn parse_action(text: &str) -> Result<Action, String> {
    let parsed = text.split_once(':').and_then(|(verb, arg)| match verb {
        "p" => {
            let v = numbers(arg, 2)?;
            Some(Action::AddPoint {
                lng: v[0],
                lat: v[1],
            })
        }
        "q" => {
            let v = numbers(arg, 3)?;
            Some(Action::Query {
                lng: v[0],
                lat: v[1],
                radius_km: v[2],
            })
        }
        _ => None,
    });
    parsed.ok_or_else(|| not_an(text, ACTIONS.expected))
}
