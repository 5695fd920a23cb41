//! Geohash lab (route `#/lab/geohash`; catalogue M2.1–M2.4, M2.7, M2.9, M2.10).
//!
//! One lab, seven modes chosen by `mode=`:
//! `encode` (bit-by-bit encoding and decoding), `neighbours` (the 3×3 block and its edge
//! cases), `sizes` (cell sizes at a latitude beside the documents' figures), `search`
//! (proximity search under three precision rules), `haversine` (the formula step by step, with
//! an optional geofence), `shards` (geo-sharding by precision-2 prefix) and `cache` (the
//! geohash-keyed result cache). Each mode's steps carry a [`State`] variant of the same name.
//!
//! Plain, fast functions for the map view and benchmarks:
//! [`codec::encode`], [`codec::decode`], [`codec::decode_bbox`], [`codec::neighbours`],
//! [`distance::haversine_km`], [`grid::cells_in_viewport`], [`proximity::search`]; what the map
//! draws is computed in [`layout`].
//!
//! ```
//! use sdp_kit::lab::Contract;
//! use sdp_lab_geohash::GeohashLab;
//!
//! let trace = GeohashLab::run(&GeohashLab::default_scenario()).expect("valid");
//! assert!(trace.len() > 30);
//! ```
#![forbid(unsafe_code)]
// A bundle built with one group of modes (see Cargo.toml) leaves the other group's builders
// and their helpers unused; the whole core (the default) uses everything.
#![cfg_attr(
    not(all(
        feature = "modes-main",
        feature = "modes-cells",
        feature = "modes-cache",
        feature = "modes-services"
    )),
    allow(dead_code, unused_imports)
)]

pub mod cache;
pub mod check;
pub mod codec;
pub mod distance;
pub mod format;
pub mod grid;
pub mod layout;
pub mod places;
pub mod proximity;
mod questions;
pub mod sharding;
pub mod sizes;
pub mod sort;
pub mod text;
pub mod trace;
pub mod url;
#[cfg(feature = "view-kit")]
pub mod view;

pub use text::{F4_U0B_GRID, NOTES, PROCEDURES, proc_ids};
pub use trace::cache::{CachePhase, CacheState, CacheWorld, CurvePoint};
pub use trace::encode::{EncodeJob, EncodePhase, EncodeState, JobKind};
pub use trace::haversine::{Fence, HaversineCalc, HaversinePhase, HaversineState};
pub use trace::neighbours::{
    Block, Discontinuity, NeighbourInfo, NeighbourPhase, NeighbourState, discontinuity_examples,
};
pub use trace::search::{PlacesWorld, QueryRun, RuleRun, SearchPhase, SearchState};
pub use trace::shards::{ShardPhase, ShardQueryRun, ShardRun, ShardState, ShardWorld};
pub use trace::sizes::{Figure, SizeTable, SizesPhase, SizesState};

use crate::codec::LatLng;
use crate::places::Distribution;
use sdp_kit::field::Field;
use sdp_kit::lab::{
    ActionSyntax, FidelityNote, Lab, LabInfo, ModeBundle, ModeInfo, ParamError, Procedure,
    Scenario, Trace,
};
use serde::{Deserialize, Serialize};

/// Most user actions in one scenario.
pub const MAX_ACTIONS: usize = 16;
/// Most places (businesses) in the search and shards modes.
pub const MAX_PLACES: u32 = crate::places::MAX_PLACES;
/// Most hotels in the cache mode (each query is checked against the truth).
pub const MAX_CACHE_HOTELS: u32 = 20_000;
/// Most queries in the cache mode's stream.
pub const MAX_QUERIES: u32 = 1_000;
/// Queries of the cache stream shown one step each (the rest are one bulk step).
pub const DETAILED_QUERIES: u32 = 12;
/// Largest radius in the cache mode, km.
pub const MAX_CACHE_RADIUS_KM: f64 = 50.0;
/// Radius range, km (search and shards).
pub const RADIUS_RANGE_KM: (f64, f64) = (
    crate::proximity::MIN_RADIUS_KM,
    crate::proximity::MAX_RADIUS_KM,
);
/// Top N range.
pub const TOP_RANGE: (u32, u32) = (1, crate::proximity::MAX_TOP);
/// Seconds between cache queries: the allowed range.
pub const INTERVAL_RANGE_S: (u32, u32) = (1, 3_600);
/// Cache TTL: the allowed range, seconds.
pub const TTL_RANGE_S: (u32, u32) = (1, 86_400);
/// Geofence radius: the allowed range, metres (0 = no fence).
pub const FENCE_RANGE_M: (u32, u32) = (0, 1_000_000);
/// Points along a drawn great-circle arc or search circle.
pub const ARC_POINTS: usize = 64;

/// Which part of the lab.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    /// Encode a point bit by bit; decode a hash back to its box (M2.1).
    #[default]
    Encode,
    /// A cell's 3×3 block, edge cases, the F4 §6 grid (M2.2).
    Neighbours,
    /// Cell sizes per precision at a latitude, with the documents' figures (M2.1, M2.3).
    Sizes,
    /// Proximity search: F0 thresholds vs F4 fixed 6 vs corrected (M2.3).
    Search,
    /// Haversine step by step, optional geofence (M2.4, M2.9).
    Haversine,
    /// Geo-sharding by precision-2 prefix (M2.7).
    Shards,
    /// Geohash-keyed result cache (M2.10).
    Cache,
}

impl Mode {
    /// Every mode, in menu order.
    pub const ALL: [Mode; 7] = [
        Mode::Encode,
        Mode::Neighbours,
        Mode::Sizes,
        Mode::Search,
        Mode::Haversine,
        Mode::Shards,
        Mode::Cache,
    ];

    /// Position in [`Mode::ALL`] and [`MODES`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The mode at `index` in [`Mode::ALL`] (the first for an index out of range).
    pub fn from_index(index: usize) -> Mode {
        Mode::ALL.get(index).copied().unwrap_or_default()
    }

    /// URL text.
    pub fn as_str(self) -> &'static str {
        MODES[self.index()].id
    }

    /// Parses the URL text.
    pub fn parse(s: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.as_str() == s)
    }

    /// Menu label.
    pub fn title(self) -> &'static str {
        MODES[self.index()].title
    }
}

/// Lab parameters: the mode and the fields of every mode. Every field is read and validated in
/// every mode; each mode owns some (see [`url`]'s fields: a mode's own fields are always
/// written, the others only when they differ from [`Params::for_mode`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// Mode (`mode`).
    pub mode: Mode,
    /// Point / centre latitude, degrees, −90…90 (`lat`).
    pub lat: f64,
    /// Point / centre longitude, degrees, −180…180 (`lng`).
    pub lng: f64,
    /// Precision 1–12 (`precision`): encode, neighbours (when `hash` is empty), cache key precision.
    pub precision: u8,
    /// A geohash (`hash`), 1–12 characters, or empty: encode mode decodes it instead of
    /// encoding the point; neighbours mode uses it as the centre cell.
    pub hash: String,
    /// Second point's latitude (haversine), −90…90 (`lat2`).
    pub to_lat: f64,
    /// Second point's longitude (haversine), −180…180 (`lng2`).
    pub to_lng: f64,
    /// Search radius, km (`radius`): 0.01–10 000; at most 50 in the cache mode.
    pub radius_km: f64,
    /// Results kept, 1–100 (`top`).
    pub top: u32,
    /// Places (businesses, hotels), 1–100 000; at most 20 000 in the cache mode (`places`).
    pub places: u32,
    /// How places are spread (`dist` = `uniform` | `cities`).
    pub distribution: Distribution,
    /// Cache queries in the stream, 1–1 000 (`queries`).
    pub queries: u32,
    /// Percentage of cache queries at one of 20 popular spots, 0–100 (`locality`).
    pub locality: u32,
    /// Seconds between cache queries, 1–3 600 (`interval`).
    pub interval_s: u32,
    /// Cache time to live, seconds, 1–86 400 (`ttl`; F4: 3600).
    pub ttl_s: u32,
    /// Geofence radius around the first point, metres, 0–1 000 000; 0 = none (`fence`): is the
    /// second point inside?
    pub fence_m: u32,
}

/// San Francisco, the catalogue's example point (F4 §12 coordinates).
pub const SAN_FRANCISCO: LatLng = LatLng::new(37.7749, -122.4194);
/// Los Angeles (catalogue M2.4).
pub const LOS_ANGELES: LatLng = LatLng::new(34.0522, -118.2437);

impl Params {
    /// The instructive parameters of each mode.
    pub fn for_mode(mode: Mode) -> Params {
        let base = Params {
            mode,
            lat: SAN_FRANCISCO.lat,
            lng: SAN_FRANCISCO.lng,
            precision: 6,
            hash: String::new(),
            to_lat: LOS_ANGELES.lat,
            to_lng: LOS_ANGELES.lng,
            radius_km: 30.0,
            top: 10,
            places: 20_000,
            distribution: Distribution::Cities,
            queries: 500,
            locality: 70,
            interval_s: 30,
            ttl_s: crate::cache::DOC_TTL_S,
            fence_m: 0,
        };
        match mode {
            Mode::Neighbours => Params {
                hash: "u0b".into(),
                precision: 3,
                ..base
            },
            Mode::Shards => Params {
                lat: LOS_ANGELES.lat,
                lng: LOS_ANGELES.lng,
                radius_km: 50.0,
                ..base
            },
            Mode::Cache => Params {
                radius_km: 10.0,
                ..base
            },
            _ => base,
        }
    }
}

impl Default for Params {
    fn default() -> Self {
        Params::for_mode(Mode::Encode)
    }
}

/// Something the learner does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Action {
    /// Drop a point (`pt:LAT,LNG`). Encode: encode it. Neighbours: the block of its cell at
    /// `precision`. Sizes: the table at its latitude. Search, shards: a query there with the
    /// radius `r`. Cache: one more query there, at the end of the stream.
    Point(LatLng),
    /// Pick a cell by hash (`cell:HASH`). Encode: decode it. Neighbours: its block.
    Cell(String),
    /// A query (`q:LAT,LNG,RADIUS_KM`). Search and shards.
    Query {
        /// Centre.
        at: LatLng,
        /// Radius, km.
        radius_km: f64,
    },
    /// A distance (`d:LAT1,LNG1,LAT2,LNG2`). Haversine.
    Distance {
        /// First point.
        from: LatLng,
        /// Second point.
        to: LatLng,
    },
}

/// What a step's view draws: one variant per mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum State {
    /// Encode mode.
    Encode(EncodeState),
    /// Neighbours mode.
    Neighbours(NeighbourState),
    /// Cell-size mode.
    Sizes(SizesState),
    /// Proximity-search mode.
    Search(SearchState),
    /// Haversine mode.
    Haversine(HaversineState),
    /// Sharding mode.
    Shards(ShardState),
    /// Cache mode.
    Cache(CacheState),
}

/// The geohash lab.
pub struct GeohashLab;

/// Lab index entry.
pub const INFO: LabInfo = LabInfo {
    id: "geohash",
    title: "Geohash grid and proximity search",
    summary: "Encode a point one bit at a time, walk a cell's neighbours across the date line \
              and the poles, and watch the documents' precision rules miss results that a \
              corrected rule finds.",
    catalogue: "M2.1, M2.2, M2.3, M2.4, M2.7, M2.9, M2.10",
};

/// The modes downloaded as bundles of their own: the cells (neighbours, cell sizes) in
/// `lab-geohash--cells`, the cache built on the 9-cell neighbourhood in `lab-geohash--cache`,
/// the proximity services in `lab-geohash--services`; encode and haversine in `lab-geohash`. One bundle with every mode's view was 294 KB gzipped
/// against a page budget of 250.
pub const MODE_BUNDLES: &[ModeBundle] = &[
    ModeBundle {
        name: "cells",
        modes: &["neighbours", "sizes"],
    },
    ModeBundle {
        name: "cache",
        modes: &["cache"],
    },
    ModeBundle {
        name: "services",
        modes: &["search", "shards"],
    },
];

/// The modes, in menu order (the index is [`Mode::index`]).
pub const MODES: &[ModeInfo] = &[
    ModeInfo {
        id: "encode",
        title: "Encode and decode",
    },
    ModeInfo {
        id: "neighbours",
        title: "Neighbours",
    },
    ModeInfo {
        id: "sizes",
        title: "Cell sizes",
    },
    ModeInfo {
        id: "search",
        title: "Proximity search",
    },
    ModeInfo {
        id: "haversine",
        title: "Haversine",
    },
    ModeInfo {
        id: "shards",
        title: "Geo-sharding",
    },
    ModeInfo {
        id: "cache",
        title: "Geohash cache",
    },
];

impl Lab for GeohashLab {
    type Params = Params;
    type Action = Action;
    type State = State;
    type Checker = check::Checker;

    const INFO: LabInfo = INFO;
    const MODES: &'static [ModeInfo] = MODES;
    const MODE_BUNDLES: &'static [ModeBundle] = MODE_BUNDLES;
    const ACTIONS: ActionSyntax = url::ACTIONS;

    fn procedures() -> &'static [Procedure] {
        PROCEDURES
    }

    fn notes() -> &'static [FidelityNote] {
        NOTES
    }

    fn fields() -> &'static [Field<Params>] {
        url::FIELDS
    }

    fn mode(params: &Params) -> usize {
        params.mode.index()
    }

    fn defaults(mode: usize) -> Params {
        Params::for_mode(Mode::from_index(mode))
    }

    fn default_actions(mode: usize) -> Vec<Action> {
        example_actions(Mode::from_index(mode))
    }

    fn parse_action(text: &str) -> Result<Action, String> {
        url::parse_action(text)
    }

    fn action_text(action: &Action) -> String {
        url::action_text(action)
    }

    fn checker(params: &Params) -> check::Checker {
        check::Checker::new(params)
    }

    fn check_action(
        checker: &mut check::Checker,
        field: &str,
        action: &Action,
    ) -> Result<(), ParamError> {
        checker.check(field, action)
    }

    fn build(scenario: &Scenario<Params, Action>) -> Trace<State> {
        trace::build_trace(scenario)
    }

    fn questions(
        scenario: &Scenario<Params, Action>,
        trace: &Trace<State>,
    ) -> Vec<sdp_kit::quiz::Question> {
        questions::questions(scenario, trace)
    }
}

/// An instructive scenario for each mode (the lab's default is the encode one).
///
/// Its parameters are [`Params::for_mode`] except in the haversine mode, whose example also
/// draws a 15 km geofence (`fence=15000`); the mode switcher links to these scenarios.
pub fn example_scenario(mode: Mode) -> Scenario<Params, Action> {
    let mut params = Params::for_mode(mode);
    if mode == Mode::Haversine {
        params.fence_m = 15_000;
    }
    Scenario {
        params,
        seed: GeohashLab::SEED,
        actions: example_actions(mode),
    }
}

/// The actions of each mode's instructive scenario.
pub fn example_actions(mode: Mode) -> Vec<Action> {
    match mode {
        Mode::Encode => vec![Action::Cell("9q8yyk".into())],
        Mode::Neighbours => vec![Action::Cell("zzz".into()), Action::Cell("s00".into())],
        Mode::Sizes => vec![Action::Point(LatLng::new(60.0, 0.0))],
        Mode::Search => vec![Action::Query {
            at: LatLng::new(51.5074, -0.1278),
            radius_km: 8.0,
        }],
        Mode::Haversine => vec![
            Action::Distance {
                from: SAN_FRANCISCO,
                to: LatLng::new(37.8044, -122.2712),
            },
            Action::Distance {
                from: LatLng::new(48.8584, 2.2945),
                to: LatLng::new(48.8606, 2.3376),
            },
        ],
        Mode::Shards => vec![Action::Query {
            at: LatLng::new(51.5074, -0.1278),
            radius_km: 120.0,
        }],
        Mode::Cache => Vec::new(),
    }
}
