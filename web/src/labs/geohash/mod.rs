//! View of the geohash lab: one component per mode (encode, neighbours, sizes, search,
//! haversine, shards, cache) over a shared world map ([`map`]) with the bundled coastline
//! ([`coast`]), and the lab's controls ([`controls`]).
//!
//! A click on a map is a user action (drop a point, search here, …). The page hands the change
//! callback to [`LabView::controls`] only, so the view keeps the latest one here and map clicks
//! go through it; in embed mode there are no controls and a click does nothing.

pub mod bench;
pub mod cache;
pub mod coast;
pub mod controls;
pub mod encode;
pub mod haversine;
pub mod map;
pub mod neighbours;
pub mod search;
pub mod shards;
pub mod sizes;

use super::{Change, LabView};
use crate::by_id::ById;
use sdp_core::lab::{Scenario, Trace};
use sdp_geo::codec::{BBox, LatLng};
use sdp_geo::lab::{Action, GeohashLab, Params, State};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

pub use bench::bench_geohash;

thread_local! {
    static CHANGE: RefCell<Option<Callback<Change<GeohashLab>>>> = const { RefCell::new(None) };
}

/// True when the page is embedded (no controls, no actions).
pub fn embedded() -> bool {
    let hash = crate::dom::location_hash();
    sdp_core::query::parse(hash.split_once('?').map_or("", |(_, q)| q))
        .iter()
        .any(|(k, v)| k == "embed" && (v == "1" || v == "true"))
}

/// Sends a user action to the page (ignored when embedded or before the controls exist).
pub fn emit(action: Action) {
    if embedded() {
        return;
    }
    let cb = CHANGE.with(|c| c.borrow().clone());
    if let Some(cb) = cb {
        cb.emit(Change::Action(action));
    }
}

/// A map-click callback that turns the point into an action.
pub fn picker(make: impl Fn(LatLng) -> Action + 'static) -> Option<Callback<LatLng>> {
    Some(Callback::from(move |p: LatLng| emit(make(p))))
}

/// The hint shown next to a map whose clicks do something.
pub fn pick_hint(what: &str) -> Option<AttrValue> {
    (!embedded()).then(|| {
        AttrValue::from(format!(
            "click the map (or focus it and press Enter) {what}"
        ))
    })
}

impl LabView for GeohashLab {
    fn view_step(trace: &Rc<Trace<State>>, cursor: usize) -> Html {
        let Some(step) = trace.get(cursor) else {
            return html! {};
        };
        let trace = trace.clone();
        let body = match &step.state {
            State::Encode(_) => html! { <encode::EncodeView {trace} {cursor} /> },
            State::Neighbours(_) => html! { <neighbours::NeighboursView {trace} {cursor} /> },
            State::Sizes(_) => html! { <sizes::SizesView {trace} {cursor} /> },
            State::Search(_) => html! { <search::SearchView {trace} {cursor} /> },
            State::Haversine(_) => html! { <haversine::HaversineView {trace} {cursor} /> },
            State::Shards(_) => html! { <shards::ShardsView {trace} {cursor} /> },
            State::Cache(_) => html! { <cache::CacheView {trace} {cursor} /> },
        };
        html! { <div class="geohash-view">{ body }</div> }
    }

    fn controls(scenario: &Scenario<Params, Action>, change: Callback<Change<Self>>) -> Html {
        CHANGE.with(|c| *c.borrow_mut() = Some(change.clone()));
        html! { <controls::Controls scenario={scenario.clone()} {change} /> }
    }
}

/// Properties of every mode's view: the trace and the cursor, compared by identity.
#[derive(Properties, PartialEq)]
pub struct StepProps {
    /// The trace.
    pub trace: ById<Trace<State>>,
    /// The step shown.
    pub cursor: usize,
}

impl StepProps {
    /// The step's state.
    pub fn state(&self) -> Option<&State> {
        self.trace.get(self.cursor).map(|s| &s.state)
    }

    /// A key identifying this step for redraws.
    pub fn key(&self, extra: u64) -> (usize, usize, u64) {
        (self.trace.id(), self.cursor, extra)
    }
}

/// Degrees with up to `max` decimals, trailing zeros trimmed ("37.7749", "-180", "0.703125").
pub fn deg(x: f64, max: usize) -> String {
    let s = format!("{x:.max$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" { "0".into() } else { s }
}

/// A point as "(lat, lng)".
pub fn point_text(p: LatLng) -> String {
    format!("({}, {})", deg(p.lat, 6), deg(p.lng, 6))
}

/// A distance: "5004 km", "39.1 km", "4.89 km", "611 m", "0.15 m".
pub fn km(x: f64) -> String {
    if x >= 1000.0 {
        format!("{x:.0} km")
    } else if x >= 100.0 {
        format!("{x:.1} km")
    } else if x >= 1.0 {
        format!("{x:.2} km")
    } else if x >= 0.01 {
        format!("{:.0} m", x * 1000.0)
    } else {
        format!("{:.2} m", x * 1000.0)
    }
}

/// The smallest box holding both (same longitude frame).
pub fn union(a: BBox, b: BBox) -> BBox {
    BBox {
        south: a.south.min(b.south),
        north: a.north.max(b.north),
        west: a.west.min(b.west),
        east: a.east.max(b.east),
    }
}

/// The box around points, longitudes unwrapped from the first one.
pub fn bbox_of_points(pts: &[LatLng]) -> Option<BBox> {
    let first = pts.first()?;
    let mut b = BBox {
        south: first.lat,
        north: first.lat,
        west: first.lng,
        east: first.lng,
    };
    let mut prev = first.lng;
    for p in &pts[1..] {
        let lng = prev + map::wrap_lng(p.lng - prev);
        prev = lng;
        b.south = b.south.min(p.lat);
        b.north = b.north.max(p.lat);
        b.west = b.west.min(lng);
        b.east = b.east.max(lng);
    }
    Some(b)
}

/// `b` shifted by a multiple of 360° so its centre is nearest `lng`.
pub fn near(b: BBox, lng: f64) -> BBox {
    let c = (b.west + b.east) / 2.0;
    let s = ((lng - c) / 360.0).round() * 360.0;
    BBox {
        west: b.west + s,
        east: b.east + s,
        ..b
    }
}

/// A legend entry: a small drawn symbol and its meaning.
pub fn legend(items: &[(&'static str, &str, &str)]) -> Html {
    html! {
        <ul class="geohash-legend">
            { for items.iter().map(|(class, symbol, text)| html! {
                <li><span class={classes!("geohash-sym", *class)} aria-hidden="true">{ *symbol }</span>{ *text }</li>
            }) }
        </ul>
    }
}

/// Why circles look like ellipses away from the equator (the map is plate carrée).
pub fn stretch_note(lat: f64) -> Html {
    let cos = lat.to_radians().cos();
    if lat.abs() < 20.0 || cos <= 0.01 {
        return html! {};
    }
    html! {
        <p class="hint geohash-stretch">{ format!(
            "The map draws degrees of latitude and longitude the same size (plate carrée), so at {:.0}° {} a circle on the ground looks {:.2} times wider than tall, and so do square cells.",
            lat.abs(), if lat >= 0.0 { "N" } else { "S" }, 1.0 / cos
        ) }</p>
    }
}
