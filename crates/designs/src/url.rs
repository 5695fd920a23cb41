//! Routes and the design page's URL query.
//!
//! Routes: `#/designs` (the index) and `#/design/<design-id>`. The query of a design page holds
//! the selected flow and the learner's estimation overrides:
//! `#/design/url-shortener?flow=redirect-hit&in.urls_per_day=200&step=3`.
//! `step` and `embed` belong to the player and are ignored here (the view reads them with the
//! kit's `PlayerQuery`). Reading never fails: a bad field falls back to its default and is
//! reported, unknown keys are reported. `#/design/framework?in.<input>=…` is the framework
//! page, whose calculator reads its overrides the same way ([`framework_values`]).
//!
//! ```
//! use sdp_kit::query::parse;
//! use sdp_designs::url::{from_query, to_query};
//!
//! let design = sdp_designs::design("url-shortener").unwrap();
//! let (q, errors) = from_query(design, &parse("flow=redirect-hit&in.urls_per_day=200&step=3"));
//! assert!(errors.is_empty());
//! assert_eq!(q.flow, "redirect-hit");
//! assert_eq!(from_query(design, &to_query(design, &q)).0, q);
//! ```

use crate::estimate::parse_input;
use crate::light::FRAMEWORK_ID;
use crate::model::{Design, Framework};
use crate::units::plain;
use sdp_kit::lab::ParamError;
use sdp_kit::query::{PLAYER_KEYS, Reader, shorten};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use crate::light::INDEX_ROUTE;

/// Prefix of an estimation override key: `in.<input id>=<value in the input's unit>`.
pub const INPUT_PREFIX: &str = "in.";

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
    Some(Route::Design(sdp_kit::query::decode(id)))
}

/// The link to a design page, with its query (`#/design/url-shortener?flow=create`).
pub fn design_href(design: &Design, q: &DesignQuery) -> String {
    format!(
        "#/design/{}?{}",
        design.id,
        sdp_kit::query::encode(&to_query(design, q))
    )
}

/// Reads a design page's raw query (after `?`): the flow and overrides, and a message for each
/// problem (the player's `step` and `embed` are not read here).
pub fn read(design: &Design, raw: &str) -> (DesignQuery, Vec<String>) {
    let (q, errors) = from_query(design, &sdp_kit::query::parse(raw));
    (q, errors.iter().map(ToString::to_string).collect())
}

/// The hash of a design page showing `flow` with these overrides at `step` (zero-based here,
/// one-based in the URL), with `embed=1` when embedded.
///
/// ```
/// use std::collections::BTreeMap;
/// let d = sdp_designs::design("url-shortener").unwrap();
/// let inputs = BTreeMap::from([("urls_per_day".to_string(), 250.0)]);
/// assert_eq!(
///     sdp_designs::url::page_hash(d, "redirect-miss", &inputs, 4, false),
///     "#/design/url-shortener?flow=redirect-miss&in.urls_per_day=250&step=5"
/// );
/// ```
pub fn page_hash(
    design: &Design,
    flow: &str,
    inputs: &BTreeMap<String, f64>,
    step: usize,
    embed: bool,
) -> String {
    let q = DesignQuery {
        flow: flow.to_string(),
        inputs: inputs.clone(),
    };
    let mut pairs = to_query(design, &q);
    pairs.push(("step".into(), (step + 1).to_string()));
    if embed {
        pairs.push(("embed".into(), "1".into()));
    }
    format!("#/design/{}?{}", design.id, sdp_kit::query::encode(&pairs))
}

/// Reads the framework calculator's overrides from a raw query: (values, messages). An unknown
/// input is ignored and an invalid value falls back to the example value, each with a message.
pub fn framework_values(fw: &Framework, raw: &str) -> (BTreeMap<String, f64>, Vec<String>) {
    let mut values = BTreeMap::new();
    let mut messages = Vec::new();
    for (k, v) in sdp_kit::query::parse(raw) {
        let Some(id) = k.strip_prefix(INPUT_PREFIX) else {
            continue;
        };
        let Some(input) = fw.inputs.iter().find(|i| i.id == id) else {
            messages.push(format!("{k}: unknown input, ignored"));
            continue;
        };
        match parse_input(input, &v) {
            Ok(x) if x == input.value => {}
            Ok(x) => {
                values.insert(id.to_string(), x);
            }
            Err(e) => messages.push(format!("{k}: {}; using the example value", e.message)),
        }
    }
    (values, messages)
}

/// The hash of the framework page with these overrides, in the order the inputs are declared.
///
/// ```
/// use std::collections::BTreeMap;
/// let fw = sdp_designs::framework().unwrap();
/// assert_eq!(sdp_designs::url::framework_hash(fw, &BTreeMap::new()), "#/design/framework");
/// let values = BTreeMap::from([("dau".to_string(), 200.0)]);
/// assert_eq!(sdp_designs::url::framework_hash(fw, &values), "#/design/framework?in.dau=200");
/// ```
pub fn framework_hash(fw: &Framework, values: &BTreeMap<String, f64>) -> String {
    let pairs: Vec<(String, String)> = fw
        .inputs
        .iter()
        .filter_map(|i| {
            values
                .get(&i.id)
                .map(|v| (format!("{INPUT_PREFIX}{}", i.id), plain(*v)))
        })
        .collect();
    if pairs.is_empty() {
        format!("#/design/{FRAMEWORK_ID}")
    } else {
        format!("#/design/{FRAMEWORK_ID}?{}", sdp_kit::query::encode(&pairs))
    }
}
