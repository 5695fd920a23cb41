//! View of the geohash lab: one component per mode (encode, neighbours, sizes, search,
//! haversine, shards, cache) over a shared world map ([`map`]) with the bundled coastline
//! ([`coast`]), and the lab's controls ([`controls`]).
//!
//! A click on a map is a user action (drop a point, search here, …): it goes through the page's
//! change callback from [`use_lab`]. In embed mode ([`LabCtx::editable`] is false) the maps take
//! no clicks and say nothing about them, and there are no controls.

#[cfg(feature = "bench")]
pub mod bench;
#[cfg(feature = "view-cache")]
pub mod cache;
pub mod coast;
pub mod controls;
#[cfg(feature = "view-main")]
pub mod encode;
#[cfg(feature = "view-main")]
pub mod haversine;
pub mod map;
#[cfg(feature = "view-cells")]
pub mod neighbours;
#[cfg(feature = "view-services")]
pub mod search;
#[cfg(feature = "view-services")]
pub mod shards;
#[cfg(feature = "view-cells")]
pub mod sizes;

use crate::codec::LatLng;
use crate::{Action, GeohashLab, State};
use sdp_kit::lab::Trace;
use sdp_kit_web::{ById, LabCtx, LabView, ViewModes};
use yew::prelude::*;

pub use crate::format::{deg_to as deg, km, point_text};
pub use crate::layout::frame::{bbox_of_points, near, union};

/// The lab's context, as every component below the page sees it.
pub type Ctx = LabCtx<GeohashLab>;

/// A map-click callback that turns the point into an action; none in embed mode.
pub fn picker(ctx: &Ctx, make: impl Fn(LatLng) -> Action + 'static) -> Option<Callback<LatLng>> {
    ctx.editable().then(|| {
        let ctx = ctx.clone();
        Callback::from(move |p: LatLng| ctx.act(make(p)))
    })
}

/// The hint shown next to a map whose clicks do something; none in embed mode.
pub fn pick_hint(ctx: &Ctx, what: &str) -> Option<AttrValue> {
    ctx.editable().then(|| {
        AttrValue::from(format!(
            "click the map (or focus it and press Enter) {what}"
        ))
    })
}

impl LabView for GeohashLab {
    const STYLE: &'static str = include_str!("../../style.css");
    // A bundle enables one group of modes (Cargo.toml); tests and benchmarks enable all.
    const VIEW_MODES: ViewModes = if cfg!(all(
        feature = "view-main",
        feature = "view-cells",
        feature = "view-cache",
        feature = "view-services"
    )) {
        ViewModes::All
    } else if cfg!(feature = "view-cache") {
        ViewModes::Bundle("cache")
    } else if cfg!(feature = "view-cells") {
        ViewModes::Bundle("cells")
    } else if cfg!(feature = "view-services") {
        ViewModes::Bundle("services")
    } else {
        ViewModes::Main
    };

    fn view_step(trace: &ById<Trace<State>>, cursor: usize) -> Html {
        let Some(step) = trace.get(cursor) else {
            return html! {};
        };
        let trace = trace.clone();
        let body = match &step.state {
            #[cfg(feature = "view-main")]
            State::Encode(_) => html! { <encode::EncodeView {trace} {cursor} /> },
            #[cfg(feature = "view-cells")]
            State::Neighbours(_) => html! { <neighbours::NeighboursView {trace} {cursor} /> },
            #[cfg(feature = "view-cells")]
            State::Sizes(_) => html! { <sizes::SizesView {trace} {cursor} /> },
            #[cfg(feature = "view-services")]
            State::Search(_) => html! { <search::SearchView {trace} {cursor} /> },
            #[cfg(feature = "view-main")]
            State::Haversine(_) => html! { <haversine::HaversineView {trace} {cursor} /> },
            #[cfg(feature = "view-services")]
            State::Shards(_) => html! { <shards::ShardsView {trace} {cursor} /> },
            #[cfg(feature = "view-cache")]
            State::Cache(_) => html! { <cache::CacheView {trace} {cursor} /> },
            // A mode of the other bundle: the page does not draw it (it moves to that bundle).
            #[allow(unreachable_patterns)]
            _ => return html! {},
        };
        html! {
            <coast::CoastProvider>
                <div class="geohash-view">{ body }</div>
            </coast::CoastProvider>
        }
    }

    fn controls() -> Html {
        html! { <controls::Controls /> }
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
    match crate::layout::frame::stretch_note(lat) {
        Some(text) => html! { <p class="hint geohash-stretch">{ text }</p> },
        None => html! {},
    }
}
