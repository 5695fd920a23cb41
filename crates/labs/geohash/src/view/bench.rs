//! In-browser benchmark of the geohash lab (feature `bench`; called from `benches/browser.mjs`
//! through `bench_geohash(coastJson)`): grid drawing on a full-screen canvas,
//! proximity search over 100 000 businesses, encode throughput, and trace builds at the
//! largest scenarios.

use super::map::{Base, MIN_CELL_PX, MapCache, View, draw_full, label_width, map_ink};
use crate::codec::{Cell, LatLng, MAX_PRECISION};
use crate::layout::coast::{self as coast, Coast};
use crate::places::{Distribution, generate};
use crate::proximity::{GeoIndex, Rule, brute_force, plan, search};
use crate::{Action, GeohashLab, MAX_ACTIONS, MAX_PLACES, Mode, Params, example_scenario};
use sdp_kit::lab::{Contract, Scenario};
use sdp_kit_web::canvas::context_2d;
use sdp_kit_web::dom::now_ms;
use std::hint::black_box;
use wasm_bindgen::prelude::*;

fn median(mut v: Vec<f64>) -> f64 {
    crate::sort::sort_by(&mut v, f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

fn min(v: &[f64]) -> f64 {
    v.iter().copied().fold(f64::INFINITY, f64::min)
}

/// The largest scenario of a mode: the most places (and queries) with every action slot used.
pub fn largest(mode: Mode) -> Scenario<Params, Action> {
    let mut s = example_scenario(mode);
    let spots = [
        (51.5074, -0.1278),
        (-0.1807, -78.4678),
        (-18.1248, 178.4501),
        (64.1466, -21.9426),
        (35.6762, 139.6503),
        (40.7128, -74.006),
        (37.7749, -122.4194),
        (19.076, 72.8777),
    ];
    let radii = [0.8, 5.0, 8.0, 15.0, 60.0, 150.0, 900.0, 3000.0];
    s.actions = (0..MAX_ACTIONS)
        .map(|i| {
            let (lat, lng) = spots[i % spots.len()];
            let at = LatLng::new(lat, lng);
            match mode {
                Mode::Search | Mode::Shards => Action::Query {
                    at,
                    radius_km: radii[i % radii.len()],
                },
                Mode::Haversine => Action::Distance {
                    from: at,
                    to: LatLng::new(-lat, lng + 90.0 - 360.0 * f64::from(lng > 90.0)),
                },
                Mode::Encode | Mode::Neighbours if i % 2 == 1 => {
                    Action::Cell("u4pruydqqvjz".into())
                }
                _ => Action::Point(at),
            }
        })
        .collect();
    match mode {
        Mode::Search | Mode::Shards => s.params.places = MAX_PLACES,
        Mode::Cache => {
            s.params.places = crate::MAX_CACHE_HOTELS;
            s.params.queries = crate::MAX_QUERIES;
            s.params.radius_km = crate::MAX_CACHE_RADIUS_KM;
        }
        Mode::Encode | Mode::Neighbours => s.params.precision = MAX_PRECISION,
        _ => {}
    }
    s
}

/// Times one draw of a full map (flushed with a one-pixel read-back).
#[allow(
    clippy::too_many_arguments,
    reason = "a benchmark helper: one map's every setting"
)]
fn time_draw(
    ctx: &web_sys::CanvasRenderingContext2d,
    view: View,
    w: f64,
    h: f64,
    grid: u8,
    parents: bool,
    coast: Option<&Coast>,
    cache: &MapCache,
) -> f64 {
    let proj = view.projection(w, h);
    let t = now_ms();
    draw_full(
        ctx,
        &Base {
            proj,
            dpr: 1.0,
            ink: map_ink(false),
            coast,
            grid: Some(grid),
            parents,
            points: None,
            cache,
        },
        None,
    );
    let _ = ctx.get_image_data(0.0, 0.0, 1.0, 1.0);
    now_ms() - t
}

/// All the figures, one per line. `coast_json`: the coastline asset's text, if the caller
/// fetched it (drawn under the grid like on the page).
#[wasm_bindgen]
pub fn bench_geohash(coast_json: Option<String>) -> String {
    let mut out = Vec::new();
    let cache = MapCache::default();
    let coast = coast_json.and_then(|t| coast::parse(&t).ok());
    if let Some(c) = &coast {
        out.push(format!(
            "coastline: {} rings, {} points",
            c.rings.len(),
            c.points()
        ));
    }

    // Grid drawing on a full-screen canvas.
    let (w, h) = (1920.0, 1080.0);
    let canvas: Option<web_sys::HtmlCanvasElement> = gloo::utils::document()
        .create_element("canvas")
        .ok()
        .and_then(|e| e.dyn_into().ok());
    if let Some((canvas, ctx)) = canvas.and_then(|c| {
        c.set_width(w as u32);
        c.set_height(h as u32);
        context_2d(&c).map(|x| (c, x))
    }) {
        let _keep = canvas;
        let centre = LatLng::new(37.7749, -122.4194);
        let mut worst: f64 = 0.0;
        let mut worst_min: f64 = 0.0;
        let mut lines = Vec::new();
        for p in 1..=MAX_PRECISION {
            let (dlat, dlng) = Cell::size_deg(p);
            // Labelled: each cell just wide enough for its label (the most labels that fit).
            let k_lab = ((label_width(usize::from(p)) + 8.0) / dlng).max(18.0 / dlat) * 1.001;
            // Densest: cells just above the drawing threshold (the most lines).
            let k_dense = MIN_CELL_PX / dlat.min(dlng) * 1.01;
            let mut cells = Vec::new();
            // No further out than the whole world (the "Whole world" button's view).
            let world_span = View::fit(super::map::WORLD, w / h).lat_span;
            for (name, k) in [("labelled", k_lab), ("densest", k_dense)] {
                let view = View {
                    centre,
                    lat_span: (h / k).min(world_span),
                }
                .clamped();
                let times: Vec<f64> = (0..9)
                    .map(|_| time_draw(&ctx, view, w, h, p, true, coast.as_ref(), &cache))
                    .collect();
                let least = min(&times);
                let m = median(times);
                worst = worst.max(m);
                worst_min = worst_min.max(least);
                cells.push(format!("{name} {m:.1} ms (min {least:.1})"));
            }
            lines.push(format!("p{p}: {}", cells.join(", ")));
        }
        out.push(format!(
            "wasm+canvas: grid draw, full-screen 1920x1080 with coastline and parent boundaries (median of 9, flushed): {}; worst median {worst:.1} ms, worst min {worst_min:.1} ms (budget 16 ms)",
            lines.join("; ")
        ));
        // Where the time goes, at precision 4 with labels.
        let (dlat, dlng) = Cell::size_deg(4);
        let k = ((label_width(4) + 8.0) / dlng).max(18.0 / dlat) * 1.001;
        let view = View {
            centre,
            lat_span: h / k,
        }
        .clamped();
        let part = |grid: Option<u8>, coast: Option<&Coast>| {
            let proj = view.projection(w, h);
            let times: Vec<f64> = (0..7)
                .map(|_| {
                    let t = now_ms();
                    draw_full(
                        &ctx,
                        &Base {
                            proj,
                            dpr: 1.0,
                            ink: map_ink(false),
                            coast,
                            grid,
                            parents: false,
                            points: None,
                            cache: &cache,
                        },
                        None,
                    );
                    let _ = ctx.get_image_data(0.0, 0.0, 1.0, 1.0);
                    now_ms() - t
                })
                .collect();
            median(times)
        };
        out.push(format!(
            "wasm+canvas: p4 breakdown: background {:.2} ms, + coastline {:.2} ms, grid + labels alone {:.2} ms",
            part(None, None),
            part(None, coast.as_ref()),
            part(Some(4), None)
        ));
        for (name, view) in [
            ("whole world", View::fit(super::map::WORLD, w / h)),
            (
                "zoomed out to the limit (three copies of the world)",
                View {
                    centre,
                    lat_span: super::map::MAX_SPAN,
                }
                .clamped(),
            ),
        ] {
            let times: Vec<f64> = (0..9)
                .map(|_| time_draw(&ctx, view, w, h, 2, true, coast.as_ref(), &cache))
                .collect();
            let cold: Vec<f64> = (0..5)
                .map(|_| {
                    cache.clear_coast_tiles();
                    time_draw(&ctx, view, w, h, 2, true, coast.as_ref(), &cache)
                })
                .collect();
            out.push(format!(
                "wasm+canvas: {name} at precision 2, full-screen: median {:.1} ms (min {:.1}) panning at one zoom; {:.1} ms (min {:.1}) for the first frame at a new zoom",
                median(times.clone()),
                min(&times),
                median(cold.clone()),
                min(&cold)
            ));
        }
    }

    // Proximity search over 100 000 businesses.
    for dist in [Distribution::Cities, Distribution::Uniform] {
        let places = generate(MAX_PLACES, dist, 7);
        let t = now_ms();
        let index = GeoIndex::build(&places);
        let build = now_ms() - t;
        let centres: Vec<LatLng> = (0..200)
            .map(|i| places[(i * 7919) % places.len()])
            .collect();
        let mut figures = Vec::new();
        for (rule, radius) in [
            (Rule::Corrected, 10.0),
            (Rule::F0Thresholds, 10.0),
            (Rule::F4Fixed6, 10.0),
            (Rule::Corrected, 100.0),
        ] {
            let mut times = Vec::new();
            let mut found = 0usize;
            for c in &centres {
                let t = now_ms();
                let r = search(&index, &places, *c, radius, &plan(rule, *c, radius));
                times.push(now_ms() - t);
                found += r.within.len();
            }
            black_box(found);
            figures.push(format!(
                "{} r={radius} km: median {:.3} ms, max {:.3} ms (mean {:.0} results)",
                rule.label(),
                median(times.clone()),
                times.iter().copied().fold(0.0, f64::max),
                found as f64 / centres.len() as f64
            ));
        }
        let t = now_ms();
        for c in centres.iter().take(20) {
            black_box(brute_force(&places, *c, 10.0));
        }
        let brute = (now_ms() - t) / 20.0;
        out.push(format!(
            "wasm: proximity search over 100,000 businesses ({}): index build {build:.1} ms; {}; brute force {brute:.2} ms per query (budget 5 ms per search)",
            dist.as_str(),
            figures.join("; ")
        ));
    }

    // Encode throughput.
    let pts = generate(200_000, Distribution::Uniform, 3);
    let t = now_ms();
    let mut acc = 0u64;
    for p in &pts {
        acc ^= Cell::encode_unchecked(*p, MAX_PRECISION).bits;
    }
    black_box(acc);
    let cells_per_s = pts.len() as f64 / ((now_ms() - t).max(0.001) / 1000.0);
    let t = now_ms();
    let mut len = 0usize;
    for p in &pts {
        len += Cell::encode_unchecked(*p, MAX_PRECISION).to_hash().len();
    }
    black_box(len);
    let strings_per_s = pts.len() as f64 / ((now_ms() - t).max(0.001) / 1000.0);
    let t = now_ms();
    let mut ok = 0usize;
    for p in pts.iter().take(50_000) {
        if let Ok(h) = crate::codec::encode(*p, 9) {
            ok += usize::from(crate::codec::decode_bbox(&h).is_ok());
        }
    }
    black_box(ok);
    let round_trips = 50_000.0 / ((now_ms() - t).max(0.001) / 1000.0);
    out.push(format!(
        "wasm: encode throughput: {:.1} M cells/s (60-bit, precision 12), {:.1} M strings/s (precision 12), {:.2} M encode+decode round trips/s (precision 9)",
        cells_per_s / 1e6,
        strings_per_s / 1e6,
        round_trips / 1e6
    ));

    // Trace builds at the largest scenarios.
    for mode in Mode::ALL {
        let s = largest(mode);
        let mut times = Vec::new();
        let mut steps = 0;
        for _ in 0..3 {
            let t = now_ms();
            steps = GeohashLab::run(&s).map_or(0, |t| t.len());
            times.push(now_ms() - t);
        }
        out.push(format!(
            "wasm: trace build, largest {} scenario ({} actions{}): median {:.1} ms, {steps} steps",
            mode.as_str(),
            s.actions.len(),
            match mode {
                Mode::Search | Mode::Shards => ", 100,000 businesses".to_string(),
                Mode::Cache => ", 20,000 hotels, 1,000 queries".to_string(),
                Mode::Encode | Mode::Neighbours => ", precision 12".to_string(),
                _ => String::new(),
            },
            median(times)
        ));
    }
    out.join("\n")
}

/// The URL query of the largest scenario of a mode (for the page benchmark).
#[wasm_bindgen]
pub fn geohash_largest_query(mode: &str) -> String {
    let mode = Mode::parse(mode).unwrap_or(Mode::Search);
    sdp_kit::query::encode(&GeohashLab::to_query(&largest(mode)))
}
