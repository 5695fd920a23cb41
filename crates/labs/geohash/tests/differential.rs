//! Differential tests against the georust `geohash` crate on seeded random points across all
//! precisions: encode, decode bounding box and all 8 neighbours, with points concentrated
//! near the poles, the date line, the equator and the prime meridian as well as uniform ones.
//!
//! Convention differences (asserted, not hidden):
//! * Beyond a pole, georust wraps latitude to the opposite pole's row (same longitude); this
//!   lab returns no neighbour.
//! * At exactly lat = 90 or lng = 180, georust's bit trick overflows to the bottom row /
//!   westernmost column; this lab's bisection (coordinate ≥ midpoint → upper half, F0
//!   l.2194) puts them in the top row / easternmost column, whose boxes contain them.

use geohash::{Coord, Direction as GDir};
use rand::RngExt;
use sdp_lab_geohash::codec::{Cell, Direction, LatLng};

const POINTS: usize = 12_000;

fn gdir(d: Direction) -> GDir {
    match d {
        Direction::N => GDir::N,
        Direction::NE => GDir::NE,
        Direction::E => GDir::E,
        Direction::SE => GDir::SE,
        Direction::S => GDir::S,
        Direction::SW => GDir::SW,
        Direction::W => GDir::W,
        Direction::NW => GDir::NW,
    }
}

/// Points: a quarter uniform, the rest within a few cells of a pole, the date line, the
/// equator or the prime meridian (excluding the exact values ±90 and ±180 tested below).
fn points(seed: u64) -> Vec<(LatLng, u8)> {
    let mut rng = sdp_kit::rng::seeded(seed);
    (0..POINTS)
        .map(|i| {
            let precision = rng.random_range(1..=12u8);
            let near = 10f64.powi(-rng.random_range(0..8i32));
            let mut lat: f64 = rng.random_range(-89.999_999..89.999_999);
            let mut lng: f64 = rng.random_range(-179.999_999..179.999_999);
            match i % 5 {
                1 => {
                    lat = (90.0 - rng.random_range(0.0..near))
                        * if rng.random_bool(0.5) { 1.0 } else { -1.0 }
                }
                2 => {
                    lng = (180.0 - rng.random_range(0.0..near))
                        * if rng.random_bool(0.5) { 1.0 } else { -1.0 }
                }
                3 => lat = rng.random_range(-near..near),
                4 => lng = rng.random_range(-near..near),
                _ => {}
            }
            if lat.abs() >= 90.0 {
                lat = 89.999_999_999 * lat.signum();
            }
            if lng.abs() >= 180.0 {
                lng = 179.999_999_999 * lng.signum();
            }
            (LatLng::new(lat, lng), precision)
        })
        .collect()
}

#[test]
fn encode_decode_and_neighbours_match_georust() {
    let mut pole_crossings = 0;
    let mut wraps = 0;
    let mut by_precision = [0usize; 13];
    for (p, precision) in points(20_240_509) {
        by_precision[usize::from(precision)] += 1;
        let ours = Cell::encode(p, precision).unwrap();
        let hash = ours.to_hash();
        let theirs = geohash::encode(Coord { x: p.lng, y: p.lat }, usize::from(precision)).unwrap();
        assert_eq!(hash, theirs, "encode {p:?} p{precision}");

        let b = ours.bbox();
        let r = geohash::decode_bbox(&hash).unwrap();
        assert_eq!(
            (b.west, b.south, b.east, b.north),
            (r.min().x, r.min().y, r.max().x, r.max().y),
            "bbox of {hash}"
        );
        assert!(b.contains(p));

        for d in Direction::ALL {
            let g = geohash::neighbor(&hash, gdir(d)).unwrap();
            match ours.neighbour(d) {
                Some(n) => {
                    assert_eq!(n.to_hash(), g, "{d:?} of {hash}");
                    let (x, _) = ours.indexes();
                    let (nx, _) = n.indexes();
                    if x.abs_diff(nx) > 1 {
                        wraps += 1;
                    }
                }
                None => {
                    // Beyond a pole: georust wraps to the opposite pole's row.
                    pole_crossings += 1;
                    let gb = geohash::decode_bbox(&g).unwrap();
                    let north = d.offset().0 > 0;
                    if north {
                        assert_eq!(b.north, 90.0);
                        assert_eq!(gb.min().y, -90.0, "{d:?} of {hash} → {g}");
                    } else {
                        assert_eq!(b.south, -90.0);
                        assert_eq!(gb.max().y, 90.0, "{d:?} of {hash} → {g}");
                    }
                }
            }
        }
    }
    assert!(
        by_precision[1..].iter().all(|&n| n > 500),
        "{by_precision:?}"
    );
    assert!(
        pole_crossings > 1000,
        "only {pole_crossings} pole crossings"
    );
    assert!(wraps > 1000, "only {wraps} date-line wraps");
}

#[test]
fn decode_matches_georust_for_random_hashes() {
    let mut rng = sdp_kit::rng::seeded(7);
    for _ in 0..5_000 {
        let len = rng.random_range(1..=12usize);
        let hash: String = (0..len)
            .map(|_| sdp_lab_geohash::codec::BASE32[rng.random_range(0..32usize)] as char)
            .collect();
        let (c, lng_err, lat_err) = geohash::decode(&hash).unwrap();
        let ours = Cell::parse(&hash).unwrap();
        let b = ours.bbox();
        assert_eq!(ours.to_hash(), hash);
        assert_eq!(b.centre(), LatLng::new(c.y, c.x));
        assert_eq!((b.width() / 2.0, b.height() / 2.0), (lng_err, lat_err));
    }
}

#[test]
fn exact_boundaries_differ_by_convention() {
    // Bisection: 90 ≥ every midpoint, so the top row; georust overflows to the bottom row.
    let ours = Cell::encode(LatLng::new(90.0, 10.0), 5).unwrap();
    assert_eq!(ours.bbox().north, 90.0);
    assert!(ours.bbox().contains(LatLng::new(90.0, 10.0)));
    let theirs = geohash::encode(Coord { x: 10.0, y: 90.0 }, 5).unwrap();
    assert_eq!(geohash::decode_bbox(&theirs).unwrap().min().y, -90.0);
    // Same for longitude 180.
    let ours = Cell::encode(LatLng::new(10.0, 180.0), 5).unwrap();
    assert_eq!(ours.bbox().east, 180.0);
    let theirs = geohash::encode(Coord { x: 180.0, y: 10.0 }, 5).unwrap();
    assert_eq!(geohash::decode_bbox(&theirs).unwrap().min().x, -180.0);
    // And the other extremes agree.
    for p in [
        LatLng::new(-90.0, -180.0),
        LatLng::new(0.0, 0.0),
        LatLng::new(-90.0, 0.0),
    ] {
        assert_eq!(
            Cell::encode(p, 12).unwrap().to_hash(),
            geohash::encode(Coord { x: p.lng, y: p.lat }, 12).unwrap()
        );
    }
}

#[test]
fn invalid_input_is_rejected_by_both() {
    for bad in ["", "u0a", "u0i", "l", "o", "u0b!", "u0b u", "0123456789bcd"] {
        assert!(Cell::parse(bad).is_err(), "{bad:?}");
        if !bad.is_empty() {
            assert!(geohash::decode_bbox(bad).is_err(), "{bad:?}");
        }
    }
    for p in [
        LatLng::new(90.5, 0.0),
        LatLng::new(0.0, -180.5),
        LatLng::new(f64::NAN, 0.0),
    ] {
        assert!(Cell::encode(p, 5).is_err());
        assert!(geohash::encode(Coord { x: p.lng, y: p.lat }, 5).is_err());
    }
}
