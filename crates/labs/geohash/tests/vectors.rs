//! Catalogue vectors (M2.1–M2.4, M2.7, M2.9, M2.10, M2.12, Part D #4 and #5) as golden tests.
//! Where a document is wrong, the correct value is asserted and the fidelity note is checked.

use sdp_kit::lab::Lab;
use sdp_lab_geohash::codec::{Cell, Direction, LatLng, decode_bbox, encode, neighbours};
use sdp_lab_geohash::distance::{KM_PER_DEGREE, circle_extent, haversine_km, haversine_steps};
use sdp_lab_geohash::proximity::{corrected_precision, f0_precision};
use sdp_lab_geohash::sizes::{DOC_FIGURES, Verdict, block_radius_km, cell_size};
use sdp_lab_geohash::{F4_U0B_GRID, GeohashLab, discontinuity_examples};

const SF: LatLng = LatLng::new(37.7749, -122.4194);
const LA: LatLng = LatLng::new(34.0522, -118.2437);
const OAKLAND: LatLng = LatLng::new(37.8044, -122.2712);

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

fn note(title_part: &str) -> &'static sdp_kit::lab::FidelityNote {
    GeohashLab::notes()
        .iter()
        .find(|n| n.title.contains(title_part))
        .unwrap_or_else(|| panic!("no fidelity note about {title_part}"))
}

#[test]
fn m2_1_encodings() {
    assert_eq!(encode(SF, 6).unwrap(), "9q8yyk");
    assert_eq!(encode(SF, 9).unwrap(), "9q8yyk8yt");
    assert_eq!(
        encode(LatLng::new(57.64911, 10.40744), 11).unwrap(),
        "u4pruydqqvj"
    );
    // Prefixes: a shorter hash is the prefix of a longer one.
    let long = encode(SF, 12).unwrap();
    for p in 1..=12u8 {
        assert_eq!(encode(SF, p).unwrap(), long[..usize::from(p)]);
    }
}

#[test]
fn m2_1_decode_u0b() {
    let b = decode_bbox("u0b").unwrap();
    assert_eq!(
        (b.south, b.north, b.west, b.east),
        (49.21875, 50.625, 0.0, 1.40625)
    );
    let c = sdp_lab_geohash::codec::decode("u0b").unwrap();
    assert_eq!((c.lat, c.lng), (49.921875, 0.703125));
}

#[test]
fn m2_1_cell_size_table_at_the_equator() {
    // (p, Δlat°, Δlon°, E–W km, N–S km) from the catalogue table (R = 6371.0088 there).
    let table = [
        (1, 45.0, 45.0, 5004.0, 5004.0),
        (2, 5.625, 11.25, 1251.0, 625.0),
        (3, 1.40625, 1.40625, 156.4, 156.4),
        (4, 0.17578, 0.35156, 39.1, 19.5),
        (5, 0.043945, 0.043945, 4.89, 4.89),
        (6, 0.0054932, 0.010986, 1.22, 0.61),
        (7, 0.0013733, 0.0013733, 0.153, 0.153),
        (8, 0.00017166, 0.00034332, 0.0382, 0.0191),
    ];
    for (p, dlat, dlng, ew, ns) in table {
        let s = cell_size(p, 0.0);
        assert!(
            close(s.dlat_deg, dlat, dlat * 1e-4),
            "p{p} Δlat {}",
            s.dlat_deg
        );
        assert!(
            close(s.dlng_deg, dlng, dlng * 1e-4),
            "p{p} Δlon {}",
            s.dlng_deg
        );
        assert!(close(s.ew_km, ew, ew * 0.003), "p{p} E–W {}", s.ew_km);
        assert!(close(s.ns_km, ns, ns * 0.003), "p{p} N–S {}", s.ns_km);
        assert_eq!(
            (u32::from(s.lng_bits), u32::from(s.lat_bits)),
            ((5 * u32::from(p)).div_ceil(2), 5 * u32::from(p) / 2)
        );
    }
}

#[test]
fn m2_1_plus_minus_claims_are_half_cells() {
    // F0 l.2185: 1 char ±2500 km, 4 chars ±20 km, 6 chars ±0.6 km, 8 chars ±19 m (all ✅).
    for (p, stated) in [(1, 2500.0), (4, 20.0), (6, 0.6), (8, 0.019)] {
        let e = cell_size(p, 0.0).max_error_km;
        assert!(close(e, stated, stated * 0.03), "p{p}: ±{e} km");
    }
}

#[test]
fn part_d5_f0_cell_sizes_are_half_cells() {
    // F0 l.2214–2217 state p3 ~78, p4 ~20, p5 ~2.4, p6 ~0.6 km "cells": the real cells are
    // 156, 39.1 × 19.5, 4.89 and 1.22 × 0.61 km, twice the stated value in the larger side.
    for (p, stated, real) in [
        (3, 78.0, 156.4),
        (4, 20.0, 39.1),
        (5, 2.4, 4.89),
        (6, 0.6, 1.22),
    ] {
        let s = cell_size(p, 0.0);
        let larger = s.ns_km.max(s.ew_equator_km);
        assert!(close(larger, real, real * 0.003), "p{p}: {larger}");
        assert!(
            close(s.max_error_km, stated, stated * 0.03),
            "p{p} half cell"
        );
        let fig = DOC_FIGURES
            .iter()
            .find(|f| {
                f.precision == p
                    && f.source.contains("2214")
                        | f.source.contains("2215")
                        | f.source.contains("2216")
                        | f.source.contains("2217")
            })
            .expect("figure listed");
        assert_eq!(fig.verdict, Verdict::HalfCell);
        assert_eq!(fig.stated_km, stated);
    }
    let n = note("half-cell");
    assert!(n.document_says.contains("~78 km"));
    assert!(n.lab_shows.contains("156 km"));
}

#[test]
fn f4_cell_labels_are_right() {
    // F4 l.754 "Precision 3 (~156km)": 156 km N–S × 101 km E–W at 49.9° N (u0b).
    let s = cell_size(3, 49.921875);
    assert!(close(s.ns_km, 156.4, 0.1));
    assert!(close(s.ew_km, 100.7, 0.1));
    // F4 l.713 "precision=6 # ~1.2km cell".
    assert!(close(cell_size(6, 0.0).ew_equator_km, 1.22, 0.005));
}

#[test]
fn m2_2_neighbour_vectors() {
    let n = neighbours("9q8yyk").unwrap().map(Option::unwrap);
    assert_eq!(
        n,
        [
            "9q8yym", "9q8yyt", "9q8yys", "9q8yye", "9q8yy7", "9q8yy5", "9q8yyh", "9q8yyj"
        ]
    );
    let n = neighbours("u4pruyd").unwrap().map(Option::unwrap);
    assert_eq!(
        n,
        [
            "u4pruyf", "u4pruyg", "u4pruye", "u4pruy7", "u4pruy6", "u4pruy3", "u4pruy9", "u4pruyc"
        ]
    );
}

#[test]
fn part_d4_u0b_grid() {
    let cell = Cell::parse("u0b").unwrap();
    let mut grid = [
        ["".to_string(), String::new(), String::new()],
        Default::default(),
        Default::default(),
    ];
    grid[1][1] = "u0b".into();
    for d in Direction::ALL {
        let (r, c) = d.grid_position();
        grid[r][c] = cell.neighbour(d).unwrap().to_hash();
    }
    assert_eq!(
        grid,
        [
            ["gcp", "u10", "u11"],
            ["gbz", "u0b", "u0c"],
            ["gbx", "u08", "u09"]
        ]
    );
    // The document's grid agrees only in the centre, E, SE and S.
    let agree: Vec<(usize, usize)> = (0..3)
        .flat_map(|r| (0..3).map(move |c| (r, c)))
        .filter(|&(r, c)| grid[r][c] == F4_U0B_GRID[r][c])
        .collect();
    assert_eq!(agree, [(1, 1), (1, 2), (2, 1), (2, 2)]);
    let n = note("u0b");
    assert!(n.document_says.contains("u09 u0d u0e"));
    assert!(n.lab_shows.contains("gcp u10 u11"));
}

#[test]
fn poles_and_date_line() {
    let top = Cell::parse("zzz").unwrap();
    assert_eq!(top.neighbour(Direction::N), None);
    assert_eq!(top.neighbour(Direction::NE), None);
    assert_eq!(top.neighbour(Direction::NW), None);
    assert_eq!(top.neighbour(Direction::E).unwrap().to_hash(), "bpb");
    let bottom = Cell::parse("000").unwrap();
    assert_eq!(bottom.neighbour(Direction::S), None);
    assert_eq!(bottom.neighbour(Direction::W).unwrap().to_hash(), "pbp");
    assert!(note("pole").lab_shows.contains("beyond the pole"));
}

#[test]
fn prefix_discontinuity_examples() {
    let ex = discontinuity_examples();
    assert_eq!(ex.len(), 3);
    for d in &ex {
        assert_eq!(d.common_prefix, 0, "{} vs {}", d.hash_a, d.hash_b);
        assert!(d.km < 0.03, "{} km", d.km);
    }
    assert!(ex[0].hash_a.starts_with('s') && ex[0].hash_b.starts_with('k'));
    assert!(ex[1].hash_a.starts_with("u10") && ex[1].hash_b.starts_with("gcp"));
}

#[test]
fn m2_3_precision_rules() {
    assert_eq!(
        [150.0, 100.5, 100.0, 50.0, 10.0, 5.0, 1.0, 0.5].map(f0_precision),
        [3, 3, 4, 4, 5, 5, 6, 6]
    );
    // Coverage of a 3×3 block at the equator: 156, 19.5, 4.89, 0.61 km (p3–p6).
    for (p, km) in [(3, 156.4), (4, 19.55), (5, 4.89), (6, 0.611)] {
        assert!(close(block_radius_km(p, 0.0), km, km * 0.003), "p{p}");
    }
    // The F0 rule's gaps: 4.9–10 km with p5, 19.5–100 km with p4, 0.61–1 km with p6.
    for r in [6.0, 9.9, 25.0, 99.0, 0.8, 160.0] {
        assert!(
            block_radius_km(f0_precision(r), 0.0) < r,
            "F0 covers {r} km?"
        );
    }
    // F4: p6 with 10 km covers only ~0.6 km.
    assert!(block_radius_km(6, 0.0) < 0.62);
    // Corrected: equator 10 km → p4 (19.5 km reach); 60° N 10 km → p4 (19.5 reach in lat,
    // 19.5 in lon); 1 km at the equator → p5.
    assert_eq!(corrected_precision(0.0, 10.0), Some(4));
    assert_eq!(corrected_precision(60.0, 10.0), Some(4));
    assert_eq!(corrected_precision(0.0, 1.0), Some(5));
    assert_eq!(
        corrected_precision(89.9, 50.0),
        None,
        "a pole inside the circle"
    );
    assert!(note("F0 precision rule").why.contains("19.5–100 km"));
}

#[test]
fn m2_4_haversine_vectors() {
    assert!(close(haversine_km(SF, LA), 559.12, 0.005));
    assert!(close(haversine_km(SF, OAKLAND), 13.43, 0.005));
    assert!(close(
        haversine_km(LatLng::new(48.8584, 2.2945), LatLng::new(48.8606, 2.3376)),
        3.162,
        0.0005
    ));
    assert!(close(
        haversine_km(LatLng::new(0.0, 0.0), LatLng::new(1.0, 0.0)),
        111.195,
        0.0005
    ));
    assert!(close(
        haversine_km(LatLng::new(60.0, 0.0), LatLng::new(60.0, 1.0)),
        55.597,
        0.0005
    ));
    // F0's asin form and F4's atan2 form agree.
    let s = haversine_steps(SF, LA, 6371.0);
    assert!((s.c - s.c_asin).abs() < 1e-12);
    assert!(close(s.d_km, 559.12, 0.005));
}

#[test]
fn m2_9_geofence() {
    // Centre SF, radius 15,000 m: Oakland inside, LA outside (km converted to metres).
    assert!(haversine_km(SF, OAKLAND) * 1000.0 <= 15_000.0);
    assert!(haversine_km(SF, LA) * 1000.0 > 15_000.0);
    // Unconverted (F4's km vs radius_meters) LA would be "inside".
    assert!(haversine_km(SF, LA) <= 15_000.0);
    assert!(note("Geofence").why.contains("1000 times"));
}

#[test]
fn m2_12_unit_conversions() {
    assert!(close(10.0 / KM_PER_DEGREE, 0.0899, 0.00005));
    let (_, _, half) = circle_extent(LatLng::new(60.0, 0.0), 10.0);
    assert!(close(half.unwrap(), 0.1799, 0.0001));
    assert!(close(5.0 / 6371.0, 0.000785, 0.0000005));
}

#[test]
fn m2_7_precision_2_regions() {
    let s = cell_size(2, 0.0);
    assert!(close(s.ew_equator_km, 1251.0, 1.0) && close(s.ns_km, 625.5, 0.5));
    assert!(note("Precision 2").lab_shows.contains("1251"));
}

#[test]
fn every_wrong_example_has_a_note() {
    for part in [
        "u0b",
        "half-cell",
        "F0 precision rule",
        "F4 always",
        "F4 cache",
        "Geofence",
    ] {
        let n = note(part);
        assert!(!n.document_says.is_empty() && !n.lab_shows.is_empty() && !n.why.is_empty());
    }
}
