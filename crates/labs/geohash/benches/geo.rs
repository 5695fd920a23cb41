//! Native figures for the geohash lab (prints numbers; asserts nothing).
//! Run with `cargo bench -p sdp-lab-geohash`.
#![allow(
    clippy::disallowed_methods,
    reason = "a benchmark times native code with the clock"
)]

use rand::RngExt;
use sdp_kit::lab::{Contract, Scenario};
use sdp_lab_geohash::codec::{BBox, Cell, LatLng};
use sdp_lab_geohash::grid::{MAX_VIEWPORT_CELLS, cells_in_viewport, finest_precision_for};
use sdp_lab_geohash::places::{CITIES, Distribution, MAX_PLACES, generate};
use sdp_lab_geohash::proximity::{GeoIndex, Rule, plan, search};
use sdp_lab_geohash::{
    Action, GeohashLab, MAX_ACTIONS, MAX_CACHE_HOTELS, MAX_CACHE_RADIUS_KM, MAX_QUERIES, Mode,
    Params,
};
use std::hint::black_box;
use std::time::Instant;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn encode_throughput() {
    let mut rng = sdp_kit::rng::seeded(1);
    let points: Vec<LatLng> = (0..1_000_000)
        .map(|_| {
            LatLng::new(
                rng.random_range(-90.0..90.0),
                rng.random_range(-180.0..180.0),
            )
        })
        .collect();
    for p in [6u8, 12] {
        let t = Instant::now();
        let mut acc = 0u64;
        for pt in &points {
            acc ^= Cell::encode_unchecked(*pt, p).bits;
        }
        black_box(acc);
        let secs = t.elapsed().as_secs_f64();
        println!(
            "encode to cell, precision {p:2}: {:6.1} M points/s",
            points.len() as f64 / secs / 1e6
        );
    }
    let t = Instant::now();
    let mut len = 0usize;
    for pt in &points {
        len += sdp_lab_geohash::codec::encode(*pt, 12).map_or(0, |s| s.len());
    }
    black_box(len);
    println!(
        "encode to string (validated), p12: {:6.1} M points/s",
        points.len() as f64 / t.elapsed().as_secs_f64() / 1e6
    );
    let hashes: Vec<String> = points[..200_000]
        .iter()
        .map(|p| Cell::encode_unchecked(*p, 9).to_hash())
        .collect();
    let t = Instant::now();
    let mut acc = 0.0;
    for h in &hashes {
        acc += sdp_lab_geohash::codec::decode_bbox(h).map_or(0.0, |b| b.north);
    }
    black_box(acc);
    println!(
        "decode_bbox, p9 strings:           {:6.1} M/s",
        hashes.len() as f64 / t.elapsed().as_secs_f64() / 1e6
    );
    let t = Instant::now();
    let mut n = 0usize;
    for h in &hashes {
        n += sdp_lab_geohash::codec::neighbours(h).map_or(0, |a| a.iter().flatten().count());
    }
    black_box(n);
    println!(
        "neighbours (8 strings), p9:        {:6.2} M cells/s",
        hashes.len() as f64 / t.elapsed().as_secs_f64() / 1e6
    );
}

fn proximity() {
    for dist in [Distribution::Cities, Distribution::Uniform] {
        let places = generate(MAX_PLACES, dist, 42);
        let t = Instant::now();
        let index = GeoIndex::build(&places);
        println!(
            "index build, {} {} places: {:.1} ms",
            places.len(),
            dist.as_str(),
            ms(t)
        );
        let mut rng = sdp_kit::rng::seeded(9);
        let centres: Vec<LatLng> = (0..200)
            .map(|_| {
                let c = &CITIES[rng.random_range(0..CITIES.len())];
                LatLng::new(
                    c.at.lat + rng.random_range(-0.2..0.2),
                    c.at.lng + rng.random_range(-0.2..0.2),
                )
            })
            .collect();
        for radius in [1.0, 10.0, 30.0, 150.0] {
            for rule in Rule::ALL {
                let t = Instant::now();
                let (mut scanned, mut found, mut worst) = (0u64, 0u64, 0f64);
                for c in &centres {
                    let q = Instant::now();
                    let p = plan(rule, *c, radius);
                    let r = search(&index, &places, *c, radius, &p);
                    scanned += u64::from(r.scanned);
                    found += r.within.len() as u64;
                    worst = worst.max(ms(q));
                }
                println!(
                    "  search {:>7} r={radius:>5} km, {:<20}: {:7.3} ms/query (worst {:6.3}), {:>7} scanned, {:>6} found per query",
                    dist.as_str(),
                    rule.label(),
                    ms(t) / centres.len() as f64,
                    worst,
                    scanned / centres.len() as u64,
                    found / centres.len() as u64
                );
            }
        }
    }
}

fn viewport() {
    // A full-screen map: the whole world, a continent, a city, a street block.
    let views = [
        (
            "world",
            BBox {
                south: -85.0,
                north: 85.0,
                west: -180.0,
                east: 180.0,
            },
        ),
        (
            "Europe",
            BBox {
                south: 35.0,
                north: 60.0,
                west: -15.0,
                east: 35.0,
            },
        ),
        (
            "Bay Area",
            BBox {
                south: 37.2,
                north: 38.2,
                west: -123.0,
                east: -121.5,
            },
        ),
        (
            "date line",
            BBox {
                south: -20.0,
                north: -15.0,
                west: 175.0,
                east: 185.0,
            },
        ),
        (
            "blocks",
            BBox {
                south: 37.77,
                north: 37.78,
                west: -122.43,
                east: -122.41,
            },
        ),
    ];
    for (name, v) in views {
        let p = finest_precision_for(&v, MAX_VIEWPORT_CELLS);
        let t = Instant::now();
        let cells = cells_in_viewport(&v, p, MAX_VIEWPORT_CELLS).unwrap_or_default();
        let build = ms(t);
        let t = Instant::now();
        let labels: usize = cells.iter().map(|c| c.cell.to_hash().len()).sum();
        black_box(labels);
        println!(
            "grid for {name:<9} at precision {p:2} (finest ≤ {MAX_VIEWPORT_CELLS} cells): {:6} cells in {build:.3} ms, labels {:.3} ms",
            cells.len(),
            ms(t)
        );
    }
}

fn trace(label: &str, s: &Scenario<Params, Action>) {
    let t = Instant::now();
    let trace = GeohashLab::run(s).expect("valid");
    let build = ms(t);
    let t = Instant::now();
    let json = serde_json::to_string(&trace.steps.last()).map_or(0, |j| j.len());
    println!(
        "trace {label:<58}: {build:8.1} ms, {:5} steps (last step as JSON {json} bytes, {:.1} ms)",
        trace.len(),
        ms(t)
    );
}

fn traces() {
    let queries: Vec<Action> = (0..MAX_ACTIONS)
        .map(|i| {
            let c = &CITIES[i % CITIES.len()];
            Action::Query {
                at: c.at,
                radius_km: [5.0, 30.0, 150.0, 2_000.0][i % 4],
            }
        })
        .collect();
    let mut s = sdp_lab_geohash::example_scenario(Mode::Encode);
    s.params.precision = 12;
    s.actions = (0..MAX_ACTIONS)
        .map(|i| Action::Point(LatLng::new(i as f64 * 5.0, i as f64 * 10.0)))
        .collect();
    trace("encode, p12, 1 + 16 points", &s);
    for dist in [Distribution::Cities, Distribution::Uniform] {
        for mode in [Mode::Search, Mode::Shards] {
            let mut s = sdp_lab_geohash::example_scenario(mode);
            s.params.places = MAX_PLACES;
            s.params.distribution = dist;
            s.actions = queries.clone();
            trace(
                &format!(
                    "{}, 100,000 {} places, 1 + 16 queries",
                    mode.as_str(),
                    dist.as_str()
                ),
                &s,
            );
        }
    }
    for radius in [10.0, MAX_CACHE_RADIUS_KM] {
        let mut s = sdp_lab_geohash::example_scenario(Mode::Cache);
        s.params.places = MAX_CACHE_HOTELS;
        s.params.queries = MAX_QUERIES;
        s.params.radius_km = radius;
        trace(
            &format!("cache, 20,000 hotels, 1,000 queries, radius {radius} km"),
            &s,
        );
    }
    let mut s = sdp_lab_geohash::example_scenario(Mode::Neighbours);
    s.actions = (0..MAX_ACTIONS)
        .map(|_| Action::Cell("zzzzzzzzzzzz".into()))
        .collect();
    trace("neighbours, 1 + 16 blocks", &s);
}

fn main() {
    encode_throughput();
    proximity();
    viewport();
    traces();
}
