//! The quadtree scenario in the URL:
//! `dist=cities&points=600&capacity=4&max_depth=12&detailed=24&bounds=-180,-90,180,90&conv=doc&seed=42&a=p:0,0&a=q:10.75,59.91,500`.
//!
//! Actions are repeated `a` values: `p:LNG,LAT` (add a point) and `q:LNG,LAT,RADIUS_KM` (query).

use super::run::{Checker, check_bounds};
use super::tree::Rect;
use super::{
    Action, CAPACITY_RANGE, Conversion, DEPTH_RANGE, Distribution, MAX_ACTIONS, MAX_DETAILED,
    MAX_POINTS, Params, QuadtreeLab,
};
use sdp_core::lab::{Lab, ParamError, Scenario};
use sdp_core::query::{PLAYER_KEYS, Reader, only_player_keys, parsed_or, shorten};

fn action_text(a: &Action) -> String {
    match a {
        Action::AddPoint { lng, lat } => format!("p:{lng},{lat}"),
        Action::Query {
            lng,
            lat,
            radius_km,
        } => format!("q:{lng},{lat},{radius_km}"),
    }
}

/// Parses `n` comma-separated finite numbers.
fn numbers(text: &str, n: usize) -> Option<Vec<f64>> {
    let v: Vec<f64> = text
        .split(',')
        .map(|s| s.trim().parse::<f64>().ok().filter(|x| x.is_finite()))
        .collect::<Option<_>>()?;
    (v.len() == n).then_some(v)
}

fn parse_action(text: &str) -> Option<Action> {
    let (verb, arg) = text.split_once(':')?;
    match verb {
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
    }
}

fn rect_text(r: &Rect) -> String {
    format!("{},{},{},{}", r.min_x, r.min_y, r.max_x, r.max_y)
}

pub(super) fn to_query(s: &Scenario<Params, Action>) -> Vec<(String, String)> {
    let p = &s.params;
    let mut q = vec![
        ("dist".to_string(), p.dist.as_str().to_string()),
        ("points".to_string(), p.points.to_string()),
        ("capacity".to_string(), p.capacity.to_string()),
        ("max_depth".to_string(), p.max_depth.to_string()),
        ("detailed".to_string(), p.detailed.to_string()),
        ("bounds".to_string(), rect_text(&p.bounds)),
        ("conv".to_string(), p.conv.as_str().to_string()),
        ("seed".to_string(), s.seed.to_string()),
    ];
    q.extend(s.actions.iter().map(|a| ("a".to_string(), action_text(a))));
    q
}

pub(super) fn from_query(
    pairs: &[(String, String)],
) -> (Scenario<Params, Action>, Vec<ParamError>) {
    if only_player_keys(pairs) {
        return (QuadtreeLab::default_scenario(), Vec::new());
    }
    let d = Params::default();
    let mut r = Reader::new(pairs);
    let mut params = Params {
        points: r.number("points", 0, MAX_POINTS, d.points),
        capacity: r.number("capacity", CAPACITY_RANGE.0, CAPACITY_RANGE.1, d.capacity),
        max_depth: r.number("max_depth", DEPTH_RANGE.0, DEPTH_RANGE.1, d.max_depth),
        detailed: r.number("detailed", 0, MAX_DETAILED, d.detailed),
        ..d.clone()
    };
    match r.raw("dist") {
        None => {}
        Some("cities") => params.dist = Distribution::Cities,
        Some("uniform") => params.dist = Distribution::Uniform,
        Some(other) => r.errors.push(ParamError::new(
            "dist",
            format!("must be cities or uniform (got {})", shorten(other)),
        )),
    }
    match r.raw("conv") {
        None => {}
        Some("doc") => params.conv = Conversion::Doc,
        Some("fixed") => params.conv = Conversion::Corrected,
        Some(other) => r.errors.push(ParamError::new(
            "conv",
            format!("must be doc or fixed (got {})", shorten(other)),
        )),
    }
    if let Some(text) = r.raw("bounds") {
        let parsed = numbers(text, 4).map(|v| Rect::new(v[0], v[1], v[2], v[3]));
        match parsed {
            Some(b) if check_bounds(&b).is_none() => params.bounds = b,
            Some(b) => r.errors.extend(check_bounds(&b)),
            None => r.errors.push(ParamError::new(
                "bounds",
                format!(
                    "must be four numbers min_lng,min_lat,max_lng,max_lat (got {})",
                    shorten(text)
                ),
            )),
        }
    }
    let seed = r.number("seed", 0u64, u64::MAX, 42);
    let mut checker = Checker::new(&params);
    let actions = r.actions(MAX_ACTIONS, "actions", |field, text| {
        let action = parsed_or(
            field,
            text,
            parse_action(text),
            "an action (p:LNG,LAT or q:LNG,LAT,RADIUS_KM)",
        )?;
        checker.apply(field, &action).map_err(|e| vec![e])?;
        Ok(action)
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
