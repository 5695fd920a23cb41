//! Routes and the design page's URL query.
//!
//! Routes: `#/designs` (the index) and `#/design/<design-id>`. The query of a design page holds
//! the selected flow and the learner's estimation overrides:
//! `#/design/url-shortener?flow=redirect-hit&in.urls_per_day=200&step=3`.
//! `step` and `embed` belong to the player and are ignored here. Reading never fails: a bad
//! field falls back to its default and is reported, unknown keys are reported.
//!
//! ```
//! use sdp_core::query::parse;
//! use sdp_designs::url::{from_query, to_query};
//!
//! let design = sdp_designs::design("url-shortener").unwrap();
//! let (q, errors) = from_query(design, &parse("flow=redirect-hit&in.urls_per_day=200&step=3"));
//! assert!(errors.is_empty());
//! assert_eq!(q.flow, "redirect-hit");
//! assert_eq!(from_query(design, &to_query(design, &q)).0, q);
//! ```

use crate::estimate::parse_input;
use crate::model::Design;
use crate::units::plain;
use sdp_core::lab::ParamError;
use sdp_core::query::{PLAYER_KEYS, Reader, shorten};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Prefix of an estimation override key: `in.<input id>=<value in the input's unit>`.
pub const INPUT_PREFIX: &str = "in.";
/// Route of the design index.
pub const INDEX_ROUTE: &str = "#/designs";

/// What a design page's URL holds besides the player's step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DesignQuery {
    /// Selected flow id.
    pub flow: String,
    /// Estimation overrides: input id → value in the input's unit (valid values only).
    pub inputs: BTreeMap<String, f64>,
}

impl DesignQuery {
    /// First flow, document values.
    pub fn default_for(design: &Design) -> DesignQuery {
        DesignQuery {
            flow: design
                .flows
                .first()
                .map(|f| f.id.clone())
                .unwrap_or_default(),
            inputs: BTreeMap::new(),
        }
    }
}

/// The query pairs of a design page: `flow` first, then `in.<id>` overrides in the order the
/// inputs are declared (overrides equal to the document's value are left out).
pub fn to_query(design: &Design, q: &DesignQuery) -> Vec<(String, String)> {
    let mut out = vec![("flow".to_string(), q.flow.clone())];
    for input in &design.inputs {
        if let Some(v) = q.inputs.get(&input.id).filter(|v| **v != input.value) {
            out.push((format!("{INPUT_PREFIX}{}", input.id), plain(*v)));
        }
    }
    out
}

/// Reads a design page's query. Never fails: an unknown flow falls back to the first flow, an
/// unknown or invalid override is dropped, unknown keys are ignored, and each is reported.
pub fn from_query(design: &Design, pairs: &[(String, String)]) -> (DesignQuery, Vec<ParamError>) {
    let mut q = DesignQuery::default_for(design);
    let mut r = Reader::new(pairs);
    if let Some(flow) = r.raw("flow") {
        if design.flow(flow).is_some() {
            q.flow = flow.to_string();
        } else {
            let mut e = crate::flow::unknown_flow(design, flow);
            e.message.push_str("; showing the first flow");
            r.errors.push(e);
        }
    }
    let mut keys: Vec<&str> = Vec::new();
    for (k, _) in pairs {
        if k.starts_with(INPUT_PREFIX) && !keys.contains(&k.as_str()) {
            keys.push(k);
        }
    }
    for key in keys {
        let id = key.get(INPUT_PREFIX.len()..).unwrap_or("");
        let Some(text) = r.raw(key) else { continue };
        let Some(input) = design.input(id) else {
            r.errors
                .push(ParamError::new(shorten(key), "unknown input, ignored"));
            continue;
        };
        match parse_input(input, text) {
            Ok(v) if v == input.value => {}
            Ok(v) => {
                q.inputs.insert(id.to_string(), v);
            }
            Err(mut e) => {
                e.field = key.to_string();
                e.message.push_str("; using the document's value");
                r.errors.push(e);
            }
        }
    }
    r.report_unknown(PLAYER_KEYS);
    (q, r.errors)
}

/// A page of the design section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Route {
    /// `#/designs`.
    Index,
    /// `#/design/<id>` (the id may not exist: see [`crate::lookup`]).
    Design(String),
}

/// Reads a route path (`#/designs`, `/design/url-shortener`, with or without `#` and query).
/// `None` if it is not a design route.
///
/// ```
/// use sdp_designs::url::{parse_route, Route};
/// assert_eq!(parse_route("#/designs"), Some(Route::Index));
/// assert_eq!(parse_route("#/design/url-shortener?flow=create"), Some(Route::Design("url-shortener".into())));
/// assert_eq!(parse_route("#/labs"), None);
/// ```
pub fn parse_route(path: &str) -> Option<Route> {
    let path = path.trim_start_matches('#');
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    let path = path.trim_end_matches('/');
    if path == "/designs" {
        return Some(Route::Index);
    }
    let id = path.strip_prefix("/design/")?;
    if id.is_empty() || id.contains('/') {
        return None;
    }
    Some(Route::Design(sdp_core::query::decode(id)))
}

/// The link to a design page, with its query (`#/design/url-shortener?flow=create`).
pub fn design_href(design: &Design, q: &DesignQuery) -> String {
    format!(
        "#/design/{}?{}",
        design.id,
        sdp_core::query::encode(&to_query(design, q))
    )
}
