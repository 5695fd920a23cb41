//! Geohash proximity search (catalogue M2.3): choose a precision from the radius, take the
//! centre cell and its 8 neighbours, collect the places in them by a prefix range scan over an
//! index sorted by geohash, filter by haversine distance, sort, keep the top N.
//!
//! Three precision rules are compared on the same query: F0 Q15's thresholds, F4 §6's fixed
//! precision 6, and a corrected rule that always covers the radius.

use crate::codec::{Cell, LatLng, MAX_PRECISION};
use crate::distance::{circle_extent, haversine_km};
use crate::sizes::block_radius_km;
use serde::{Deserialize, Serialize};

/// Smallest search radius, km.
pub const MIN_RADIUS_KM: f64 = 0.01;
/// Largest search radius, km (half the Earth's circumference is 20 015 km).
pub const MAX_RADIUS_KM: f64 = 10_000.0;
/// Most results returned (top N).
pub const MAX_TOP: u32 = 100;

/// Places sorted by their 12-character geohash, for prefix range scans.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeoIndex {
    /// (60-bit geohash, place id), sorted.
    entries: Vec<(u64, u32)>,
}

impl GeoIndex {
    /// Indexes `points` (id = position in the slice).
    pub fn build(points: &[LatLng]) -> Self {
        let mut entries: Vec<(u64, u32)> = points
            .iter()
            .enumerate()
            .map(|(i, p)| (Cell::encode_unchecked(*p, MAX_PRECISION).bits, i as u32))
            .collect();
        crate::sort::sort(&mut entries);
        GeoIndex { entries }
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The places whose geohash starts with `cell`'s: two binary searches.
    pub fn scan(&self, cell: Cell) -> &[(u64, u32)] {
        let (start, end) = cell.key_range();
        let a = self.entries.partition_point(|e| e.0 < start);
        let b = self.entries.partition_point(|e| e.0 < end);
        &self.entries[a..b]
    }
}

/// A precision rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rule {
    /// F0 Q15 l.2213–2217: >100 km → 3, >10 km → 4, >1 km → 5, else 6.
    F0Thresholds,
    /// F4 §6 l.713: always precision 6.
    F4Fixed6,
    /// Not in source: the finest precision whose 3×3 block covers the radius at the centre's
    /// latitude ([`block_radius_km`]); if none does (huge radius or a pole inside the circle),
    /// every precision-1 cell that meets the circle's bounding box.
    Corrected,
}

impl Rule {
    /// The three rules, in the order the lab shows them.
    pub const ALL: [Rule; 3] = [Rule::F0Thresholds, Rule::F4Fixed6, Rule::Corrected];

    /// Short label.
    pub fn label(self) -> &'static str {
        match self {
            Rule::F0Thresholds => "F0 thresholds",
            Rule::F4Fixed6 => "F4 fixed precision 6",
            Rule::Corrected => "corrected",
        }
    }
}

/// F0's precision for a radius.
///
/// ```
/// use sdp_lab_geohash::proximity::f0_precision;
/// assert_eq!((f0_precision(150.0), f0_precision(50.0), f0_precision(5.0), f0_precision(1.0)), (3, 4, 5, 6));
/// ```
pub fn f0_precision(radius_km: f64) -> u8 {
    if radius_km > 100.0 {
        3
    } else if radius_km > 10.0 {
        4
    } else if radius_km > 1.0 {
        5
    } else {
        6
    }
}

/// The corrected rule's precision: the finest whose 3×3 block covers `radius_km` around a
/// centre at `lat` (with a 1e-9 relative margin for rounding), None if no precision does.
pub fn corrected_precision(lat: f64, radius_km: f64) -> Option<u8> {
    (1..=MAX_PRECISION)
        .rev()
        .find(|&p| block_radius_km(p, lat) >= radius_km * (1.0 + 1e-9))
}

/// Where a searched cell sits relative to the centre cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CellRole {
    /// The centre cell.
    Centre,
    /// One of the 8 neighbours.
    Neighbour(crate::codec::Direction),
    /// A cell of the fallback cover (corrected rule with no usable precision).
    Cover,
}

/// The cells a rule searches.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// The rule.
    pub rule: Rule,
    /// Precision used.
    pub precision: u8,
    /// Cells, deduplicated: centre first, then neighbours N, NE, …, NW (none beyond a pole),
    /// or the fallback cover.
    pub cells: Vec<(Cell, CellRole)>,
    /// Radius around the centre this set of cells is guaranteed to cover, km.
    pub covered_km: f64,
    /// True when the corrected rule fell back to a precision-1 cover.
    pub fallback: bool,
}

/// The cells `rule` searches for a circle of `radius_km` around `centre`.
pub fn plan(rule: Rule, centre: LatLng, radius_km: f64) -> Plan {
    let precision = match rule {
        Rule::F0Thresholds => f0_precision(radius_km),
        Rule::F4Fixed6 => 6,
        Rule::Corrected => match corrected_precision(centre.lat, radius_km) {
            Some(p) => p,
            None => return fallback_plan(centre, radius_km),
        },
    };
    let c = Cell::encode_unchecked(centre, precision);
    let mut cells = vec![(c, CellRole::Centre)];
    for (dir, n) in crate::codec::Direction::ALL.iter().zip(c.neighbours()) {
        match n {
            Some(n) if !cells.iter().any(|(x, _)| *x == n) => {
                cells.push((n, CellRole::Neighbour(*dir)));
            }
            _ => {}
        }
    }
    Plan {
        rule,
        precision,
        cells,
        covered_km: block_radius_km(precision, centre.lat),
        fallback: false,
    }
}

/// Every precision-1 cell that meets the circle's exact bounding box.
fn fallback_plan(centre: LatLng, radius_km: f64) -> Plan {
    let (south, north, half) = circle_extent(centre, radius_km);
    let cells = (0..32u64)
        .map(|bits| Cell { bits, precision: 1 })
        .filter(|c| {
            let b = c.bbox();
            let lat_ok = b.north >= south && b.south <= north;
            let lng_ok = match half {
                None => true,
                Some(h) => lng_overlaps(b.west, b.east, centre.lng - h, centre.lng + h),
            };
            lat_ok && lng_ok
        })
        .map(|c| (c, CellRole::Cover))
        .collect();
    Plan {
        rule: Rule::Corrected,
        precision: 1,
        cells,
        covered_km: radius_km,
        fallback: true,
    }
}

/// True if [west, east] (within [−180, 180]) meets [lo, hi] taken modulo 360.
pub fn lng_overlaps(west: f64, east: f64, lo: f64, hi: f64) -> bool {
    if hi - lo >= 360.0 {
        return true;
    }
    [-360.0, 0.0, 360.0]
        .iter()
        .any(|k| east >= lo + k && west <= hi + k)
}

/// One place within the radius.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// Place id.
    pub id: u32,
    /// Distance from the centre, km.
    pub km: f64,
}

/// What a search did and found.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResult {
    /// Places read from the searched cells (candidates scanned).
    pub scanned: u32,
    /// Haversine evaluations.
    pub distance_computations: u32,
    /// Every candidate within the radius, nearest first (ties by id).
    pub within: Vec<Hit>,
}

/// Runs a plan: range-scan each cell, compute the distance of each candidate, keep those
/// within the radius, sort. The caller keeps the first N of `within` as the top N.
///
/// ```
/// use sdp_lab_geohash::codec::LatLng;
/// use sdp_lab_geohash::proximity::{plan, search, GeoIndex, Rule};
/// let places = [LatLng::new(37.7749, -122.4194), LatLng::new(37.8044, -122.2712), LatLng::new(34.0522, -118.2437)];
/// let index = GeoIndex::build(&places);
/// let centre = LatLng::new(37.7749, -122.4194);
/// let r = search(&index, &places, centre, 15.0, &plan(Rule::Corrected, centre, 15.0));
/// assert_eq!(r.within.iter().map(|h| h.id).collect::<Vec<_>>(), [0, 1]);
/// ```
pub fn search(
    index: &GeoIndex,
    places: &[LatLng],
    centre: LatLng,
    radius_km: f64,
    plan: &Plan,
) -> SearchResult {
    let mut r = SearchResult::default();
    for (cell, _) in &plan.cells {
        for &(_, id) in index.scan(*cell) {
            r.scanned += 1;
            let Some(p) = places.get(id as usize) else {
                continue;
            };
            r.distance_computations += 1;
            let km = haversine_km(centre, *p);
            if km <= radius_km {
                r.within.push(Hit { id, km });
            }
        }
    }
    sort_hits(&mut r.within);
    r
}

/// Sorts hits nearest first, ties by id.
pub fn sort_hits(hits: &mut [Hit]) {
    crate::sort::sort_by(hits, |a, b| a.km.total_cmp(&b.km).then(a.id.cmp(&b.id)));
}

/// Every place within the radius, by checking them all (nearest first).
pub fn brute_force(places: &[LatLng], centre: LatLng, radius_km: f64) -> Vec<Hit> {
    let mut hits: Vec<Hit> = places
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let km = haversine_km(centre, *p);
            (km <= radius_km).then_some(Hit { id: i as u32, km })
        })
        .collect();
    sort_hits(&mut hits);
    hits
}

/// The ids in `truth` that `found` lacks (both sorted nearest first): the misses.
pub fn missed(truth: &[Hit], found: &[Hit]) -> Vec<u32> {
    let mut got: Vec<u32> = found.iter().map(|h| h.id).collect();
    crate::sort::sort(&mut got);
    truth
        .iter()
        .filter(|h| got.binary_search(&h.id).is_err())
        .map(|h| h.id)
        .collect()
}
