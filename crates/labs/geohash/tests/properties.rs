//! Property tests: decoded boxes contain their points, neighbours touch their cell, the
//! corrected proximity rule never misses what brute force finds, the viewport grid covers the
//! viewport.

use proptest::prelude::*;
use sdp_lab_geohash::codec::{BBox, Cell, Direction, LatLng};
use sdp_lab_geohash::grid::cells_in_viewport;
use sdp_lab_geohash::places::{Distribution, generate};
use sdp_lab_geohash::proximity::{GeoIndex, Rule, brute_force, missed, plan, search};
use sdp_lab_geohash::sharding::{ShardMap, ShardRule, relevant_shards, shard_search};

fn lat() -> impl Strategy<Value = f64> {
    prop_oneof![
        -90.0..=90.0f64,
        (0.0..1e-3f64).prop_map(|d| 90.0 - d),
        (0.0..1e-3f64).prop_map(|d| d - 90.0),
        -1e-3..1e-3f64,
    ]
}

fn lng() -> impl Strategy<Value = f64> {
    prop_oneof![
        -180.0..=180.0f64,
        (0.0..1e-3f64).prop_map(|d| 180.0 - d),
        (0.0..1e-3f64).prop_map(|d| d - 180.0),
        -1e-3..1e-3f64,
    ]
}

/// Boxes touch (share an edge or a corner) when their closed extents meet, with longitude
/// taken modulo 360, and their interiors do not overlap.
fn touches(a: &BBox, b: &BBox) -> bool {
    let lat_meet = a.south <= b.north && b.south <= a.north;
    let lat_overlap = a.south < b.north && b.south < a.north;
    let mut lng_meet = false;
    let mut lng_overlap = false;
    for k in [-360.0, 0.0, 360.0] {
        lng_meet |= a.west <= b.east + k && b.west + k <= a.east;
        lng_overlap |= a.west < b.east + k && b.west + k < a.east;
    }
    lat_meet && lng_meet && !(lat_overlap && lng_overlap)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn decoded_box_contains_the_point(lat in lat(), lng in lng(), p in 1u8..=12) {
        let pt = LatLng::new(lat, lng);
        let cell = Cell::encode(pt, p).unwrap();
        prop_assert!(cell.bbox().contains(pt), "{:?} not in {:?}", pt, cell.bbox());
        let back = Cell::parse(&cell.to_hash()).unwrap();
        prop_assert_eq!(back, cell);
        // The parent contains the cell.
        if let Some(parent) = cell.parent() {
            let (pb, b) = (parent.bbox(), cell.bbox());
            prop_assert!(pb.south <= b.south && b.north <= pb.north && pb.west <= b.west && b.east <= pb.east);
        }
    }

    #[test]
    fn neighbours_share_an_edge_or_a_corner(lat in lat(), lng in lng(), p in 1u8..=12) {
        let cell = Cell::encode(LatLng::new(lat, lng), p).unwrap();
        let b = cell.bbox();
        let mut seen = vec![cell];
        for d in Direction::ALL {
            match cell.neighbour(d) {
                Some(n) => {
                    let nb = n.bbox();
                    prop_assert!(touches(&b, &nb), "{:?} {:?} vs {:?}", d, b, nb);
                    prop_assert_eq!(n.precision, p);
                    // Edge neighbours share a whole edge; corner ones only a corner.
                    let (dy, dx) = d.offset();
                    if dy == 0 { prop_assert!(nb.south == b.south && nb.north == b.north); }
                    if dx == 0 { prop_assert!(nb.west == b.west && nb.east == b.east); }
                    prop_assert!(!seen.contains(&n) || p == 1, "duplicate neighbour");
                    seen.push(n);
                }
                None => {
                    let dy = d.offset().0;
                    prop_assert!((dy > 0 && b.north == 90.0) || (dy < 0 && b.south == -90.0));
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn corrected_rule_never_misses(
        seed in any::<u64>(),
        uniform in any::<bool>(),
        lat in lat(),
        lng in lng(),
        radius in prop_oneof![0.01..5.0f64, 5.0..200.0, 200.0..10_000.0],
    ) {
        let dist = if uniform { Distribution::Uniform } else { Distribution::Cities };
        let mut places = generate(2_000, dist, seed);
        // Put some places right around the centre and at the circle's edge.
        let centre = LatLng::new(lat, lng);
        for i in 0..64 {
            let bearing = f64::from(i) * 360.0 / 64.0;
            let frac = f64::from(i % 8) / 7.0;
            places.push(sdp_lab_geohash::distance::destination(centre, bearing, radius * frac * 0.999_999));
        }
        let index = GeoIndex::build(&places);
        let truth = brute_force(&places, centre, radius);
        let pl = plan(Rule::Corrected, centre, radius);
        let found = search(&index, &places, centre, radius, &pl);
        prop_assert!(missed(&truth, &found.within).is_empty(),
            "missed {} of {} (p{}, fallback {})", missed(&truth, &found.within).len(), truth.len(), pl.precision, pl.fallback);
        prop_assert_eq!(found.within.len(), truth.len());
        // The corrected shard rule never misses either.
        let map = ShardMap::build(&places);
        let shards = relevant_shards(ShardRule::Corrected, centre, radius);
        let s = shard_search(&map, &places, centre, radius, &shards);
        prop_assert_eq!(s.within.len(), truth.len());
    }

    #[test]
    fn viewport_cells_cover_the_viewport(
        south in -90.0..90.0f64, height in 0.0..40.0f64,
        west in -300.0..200.0f64, width in 0.0..90.0f64,
        p in 1u8..=5,
        probes in prop::collection::vec((0.0..=1.0f64, 0.0..=1.0f64), 8),
    ) {
        let view = BBox { south, north: (south + height).min(90.0), west, east: west + width };
        match cells_in_viewport(&view, p, 20_000) {
            Err(e) => prop_assert_eq!(e.field, "precision"),
            Ok(cells) => {
                for (u, v) in probes {
                    let pt = LatLng::new(view.south + u * (view.north - view.south), view.west + v * (view.east - view.west));
                    prop_assert!(cells.iter().any(|c| c.bbox.contains(pt)), "{:?} not covered", pt);
                }
                for c in &cells {
                    let b = c.bbox;
                    prop_assert!(b.north >= view.south && b.south <= view.north && b.east >= view.west && b.west <= view.east);
                    prop_assert_eq!(b.width(), c.cell.bbox().width());
                }
            }
        }
    }
}
