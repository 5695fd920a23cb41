//! The geohash view in headless Chromium: the map's projection, zoom, pan and hit testing, the
//! grid's drawability rule, clipping, the coastline parser, every mode mounted for real, and a
//! click on the map becoming a point to encode.

use sdp_geo::codec::{BBox, Cell, LatLng};
use sdp_web::labs::geohash::coast;
use sdp_web::labs::geohash::map::{
    Base, GridChoice, MIN_CELL_PX, View, WORLD, clampf, clip_polygon, clip_segment, context,
    draw_full, label_width, map_ink, resolve_grid, unwrap_ring, wrap_lng,
};
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::platform::time::sleep;

wasm_bindgen_test_configure!(run_in_browser);

fn close(a: f64, b: f64, eps: f64) -> bool {
    (a - b).abs() <= eps
}

#[wasm_bindgen_test]
fn projection_round_trips_and_fits() {
    let b = BBox {
        south: 49.21875,
        north: 50.625,
        west: 0.0,
        east: 1.40625,
    };
    let v = View::fit(b, 2.0);
    let p = v.projection(800.0, 400.0);
    // The box is inside the view, and the view is not much bigger.
    assert!(p.west <= b.west && p.east() >= b.east && p.north >= b.north && p.south() <= b.south);
    assert!(p.north - p.south() < 3.0 * b.height());
    // Pixel → degrees → pixel.
    for (x, y) in [(0.0, 0.0), (400.0, 200.0), (799.0, 13.5)] {
        let (lat, lng) = p.unproject(x, y);
        assert!(close(p.x(lng), x, 1e-6) && close(p.y(lat), y, 1e-6));
    }
    // Same scale on both axes (plate carrée).
    assert!(close(
        p.x(p.west + 1.0) - p.x(p.west),
        p.y(0.0) - p.y(1.0),
        1e-9
    ));
}

#[wasm_bindgen_test]
fn a_pick_wraps_rounds_and_clamps() {
    // A view centred on the date line: the right half is east of 180.
    let v = View {
        centre: LatLng::new(0.0, 179.0),
        lat_span: 10.0,
    };
    let p = v.projection(200.0, 100.0);
    let east = p.pick(180.0, 50.0);
    assert!(east.lng < 0.0 && east.lng > -180.0, "{east:?}");
    assert!(close(east.lng, wrap_lng(p.unproject(180.0, 50.0).1), 1e-6));
    // Rounded to 6 decimals.
    let q = View {
        centre: LatLng::new(37.123456789, -122.987654321),
        lat_span: 0.001,
    }
    .projection(300.0, 300.0)
    .pick(150.0, 150.0);
    assert_eq!(q, LatLng::new(37.123457, -122.987654));
    // Beyond the pole clamps to it.
    let w = View::fit(WORLD, 1.0).projection(100.0, 100.0);
    assert_eq!(w.pick(50.0, 0.0).lat, 90.0);
}

#[wasm_bindgen_test]
fn zoom_keeps_the_point_under_the_cursor_and_pan_moves_the_content() {
    let v = View {
        centre: LatLng::new(40.0, -100.0),
        lat_span: 20.0,
    };
    let (w, h) = (600.0, 300.0);
    let before = v.projection(w, h).unproject(120.0, 80.0);
    let z = v.zoom_at(0.5, 120.0, 80.0, w, h);
    assert!(close(z.lat_span, 10.0, 1e-12));
    let after = z.projection(w, h).unproject(120.0, 80.0);
    assert!(close(before.0, after.0, 1e-9) && close(before.1, after.1, 1e-9));
    // Dragging right by 30 px moves the map east: the centre goes west by 30/k degrees.
    let k = h / v.lat_span;
    let d = v.dragged(30.0, 0.0, h);
    assert!(close(d.centre.lng, -100.0 - 30.0 / k, 1e-9));
    // Limits: no zooming out past the limit, no wandering off the globe.
    assert!(v.zoom(1e9).lat_span <= 400.0);
    assert!(v.pan_by(0.0, 100.0).centre.lat < 90.0);
    assert!(v.pan_by(10.0, 0.0).centre.lng >= -180.0 && v.pan_by(10.0, 0.0).centre.lng < 180.0);
}

#[wasm_bindgen_test]
fn shifts_repeat_shapes_across_the_date_line() {
    let p = View {
        centre: LatLng::new(0.0, 180.0),
        lat_span: 20.0,
    }
    .clamped()
    .projection(400.0, 200.0);
    // A cell just west of 180 and one just east of −180 are both visible, side by side.
    let west: Vec<f64> = p.shifts(179.0, 180.0).collect();
    let east: Vec<f64> = p.shifts(-180.0, -179.0).collect();
    assert_eq!(west.len(), 1);
    assert_eq!(east.len(), 1);
    let x_west = p.x(180.0 + west[0]);
    let x_east = p.x(-180.0 + east[0]);
    assert!(close(x_west, x_east, 1e-6), "{x_west} {x_east}");
}

#[wasm_bindgen_test]
fn the_grid_is_drawn_only_where_its_cells_show() {
    let world = View::fit(WORLD, 2.0).projection(1000.0, 500.0);
    assert_eq!(resolve_grid(GridChoice::Fixed(2), 1, &world).0, Some(2));
    let (none, note) = resolve_grid(GridChoice::Fixed(6), 1, &world);
    assert_eq!(none, None);
    assert!(note.unwrap().contains("zoom in"));
    // Auto falls back to the finest precision whose cells are at least MIN_CELL_PX wide.
    let (p, note) = resolve_grid(GridChoice::Auto, 8, &world);
    let p = p.unwrap();
    let (dlat, dlng) = Cell::size_deg(p);
    assert!(dlat.min(dlng) * world.k >= MIN_CELL_PX);
    let (dlat, dlng) = Cell::size_deg(p + 1);
    assert!(dlat.min(dlng) * world.k < MIN_CELL_PX);
    assert!(note.is_some());
    assert_eq!(resolve_grid(GridChoice::Off, 3, &world), (None, None));
}

#[wasm_bindgen_test]
fn the_grid_draws_at_every_precision_even_where_labels_just_fit() {
    assert_eq!(clampf(5.0, 10.0, 0.0), 5.0);
    assert_eq!(clampf(-1.0, 0.0, 10.0), 0.0);
    let canvas: web_sys::HtmlCanvasElement = document()
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap();
    canvas.set_width(640);
    canvas.set_height(360);
    let ctx = context(&canvas).unwrap();
    for p in 1..=12u8 {
        let (dlat, dlng) = Cell::size_deg(p);
        // Cells exactly as wide as their labels need, exactly as tall, and just drawable.
        for k in [
            (label_width(usize::from(p)) + 8.0) / dlng,
            18.0 / dlat,
            MIN_CELL_PX / dlat.min(dlng),
        ] {
            let view = View {
                centre: LatLng::new(-33.9, 151.2),
                lat_span: 360.0 / k,
            }
            .clamped();
            draw_full(
                &ctx,
                &Base {
                    proj: view.projection(640.0, 360.0),
                    dpr: 1.0,
                    ink: map_ink(false),
                    coast: None,
                    grid: Some(p),
                    parents: true,
                    points: None,
                },
                None,
            );
        }
    }
}

#[wasm_bindgen_test]
fn clipping_keeps_what_is_inside() {
    let b = BBox {
        south: 0.0,
        north: 10.0,
        west: 0.0,
        east: 10.0,
    };
    let square = [(-5.0, -5.0), (15.0, -5.0), (15.0, 15.0), (-5.0, 15.0)];
    let clipped = clip_polygon(&square, &b);
    assert_eq!(clipped.len(), 4);
    assert!(
        clipped
            .iter()
            .all(|&(x, y)| (0.0..=10.0).contains(&x) && (0.0..=10.0).contains(&y))
    );
    assert!(clip_polygon(&[(20.0, 20.0), (30.0, 20.0), (30.0, 30.0)], &b).is_empty());
    let (a, c) = clip_segment((-10.0, 5.0), (20.0, 5.0), &b).unwrap();
    assert_eq!((a, c), ((0.0, 5.0), (10.0, 5.0)));
    assert!(clip_segment((-10.0, 20.0), (20.0, 20.0), &b).is_none());
    // A ring around the North Pole is closed along the pole.
    let ring: Vec<LatLng> = (0..12)
        .map(|i| LatLng::new(80.0, -180.0 + 30.0 * f64::from(i)))
        .collect();
    let u = unwrap_ring(&ring);
    assert_eq!(u.last().unwrap().1, 90.0);
}

#[wasm_bindgen_test]
fn the_coastline_parser_accepts_the_asset_format_and_refuses_damage() {
    let c = coast::parse(r#"{"unit":0.5,"rings":[[2,4,2,0,0,2],[-2,-2,1,0,0,-1]]}"#).unwrap();
    assert_eq!(c.rings.len(), 2);
    assert_eq!(c.rings[0].pts, vec![(1.0, 2.0), (2.0, 2.0), (2.0, 3.0)]);
    assert_eq!(c.rings[1].bbox.west, -1.0);
    for bad in [
        "",
        "garbage",
        r#"{"unit":0.5,"rings":[]}"#,
        r#"{"unit":0.5,"rings":[[1,2,3]]}"#,
        r#"{"unit":0.5,"rings":[[1000,2,0,0,0,0]]}"#,
    ] {
        assert!(coast::parse(bad).is_err(), "{bad}");
    }
}

fn document() -> web_sys::Document {
    gloo::utils::document()
}

async fn mount(hash: &str) -> web_sys::Element {
    sdp_web::dom::replace_hash(hash);
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    yew::Renderer::<sdp_web::App>::with_root(host.clone()).render();
    sleep(Duration::from_millis(300)).await;
    host
}

fn text(host: &web_sys::Element, selector: &str) -> String {
    host.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn count(host: &web_sys::Element, selector: &str) -> u32 {
    host.query_selector_all(selector).unwrap().length()
}

#[wasm_bindgen_test]
async fn every_mode_mounts_and_draws_its_parts() {
    let cases: [(&str, &str, u32); 7] = [
        (
            "#/lab/geohash?mode=encode&lat=37.7749&lng=-122.4194&precision=5&seed=42&step=31",
            ".geohash-char",
            5,
        ),
        (
            "#/lab/geohash?mode=neighbours&hash=u0b&precision=3&seed=42&step=11",
            ".geohash-grid3",
            2,
        ),
        (
            "#/lab/geohash?mode=sizes&lat=60&seed=42&step=13",
            ".geohash-sizes tbody > tr:not(.geohash-figrow)",
            12,
        ),
        (
            "#/lab/geohash?mode=search&lat=51.5074&lng=-0.1278&radius=8&top=10&places=2000&dist=cities&seed=42&step=20",
            ".geohash-rule",
            3,
        ),
        (
            "#/lab/geohash?mode=haversine&lat=37.7749&lng=-122.4194&lat2=34.0522&lng2=-118.2437&fence=15000&seed=42&step=6",
            ".geohash-formula tbody tr",
            6,
        ),
        (
            "#/lab/geohash?mode=shards&lat=34.0522&lng=-118.2437&radius=50&top=10&places=2000&dist=cities&seed=42&step=11",
            ".geohash-rule",
            2,
        ),
        (
            "#/lab/geohash?mode=cache&radius=10&precision=6&places=2000&dist=cities&queries=30&locality=70&interval=30&ttl=3600&seed=42&step=3",
            ".geohash-compare",
            2,
        ),
    ];
    for (hash, selector, n) in cases {
        let host = mount(hash).await;
        assert_eq!(count(&host, selector), n, "{hash}: {selector}");
        assert!(
            count(&host, "canvas.geohash-canvas[data-view]") >= 1,
            "{hash}"
        );
        assert_eq!(text(&host, ".messages"), "", "{hash}");
        assert!(count(&host, ".geohash-modes a") == 7);
        host.remove();
    }
}

#[wasm_bindgen_test]
async fn the_f4_grid_is_shown_beside_the_correct_one() {
    let host = mount("#/lab/geohash?mode=neighbours&hash=u0b&precision=3&seed=42&step=11").await;
    let doc = text(&host, ".geohash-grid3.document");
    assert!(doc.contains("✗ wrong: gcp"), "{doc}");
    assert_eq!(count(&host, ".geohash-grid3.document td.wrong"), 5);
    let correct = text(&host, ".geohash-grid3:not(.document)");
    for h in [
        "gcp", "u10", "u11", "gbz", "u0b", "u0c", "gbx", "u08", "u09",
    ] {
        assert!(correct.contains(h), "{h} in {correct}");
    }
    host.remove();
}

#[wasm_bindgen_test]
async fn search_marks_what_the_f0_rule_misses() {
    let host = mount(
        "#/lab/geohash?mode=search&lat=51.5074&lng=-0.1278&radius=8&top=10&places=5000&dist=cities&seed=42&step=20",
    )
    .await;
    // The last step compares all three rules: F0 misses some, the corrected rule none.
    let missed: Vec<String> = (0..3)
        .map(|i| {
            host.query_selector_all(".geohash-rule")
                .unwrap()
                .get(i)
                .and_then(|n| n.text_content())
                .unwrap_or_default()
        })
        .collect();
    assert!(missed[2].contains("recall100.0%"), "{}", missed[2]);
    assert!(!missed[0].contains("recall100.0%"), "{}", missed[0]);
    host.remove();
}

fn dispatch(el: &web_sys::Element, script: &str) {
    let f = js_sys::Function::new_with_args("el", script);
    f.call1(&wasm_bindgen::JsValue::NULL, el).unwrap();
}

#[wasm_bindgen_test]
async fn a_click_on_the_map_encodes_that_point() {
    let host = mount("#/lab/geohash?mode=encode&lat=10&lng=20&precision=5&seed=42&step=1").await;
    let canvas = host
        .query_selector("canvas.geohash-canvas")
        .unwrap()
        .unwrap();
    let view: Vec<f64> = canvas
        .get_attribute("data-view")
        .unwrap()
        .split(',')
        .map(|v| v.parse().unwrap())
        .collect();
    let rect = canvas.get_bounding_client_rect();
    let (x, y) = (rect.width() * 0.3, rect.height() * 0.4);
    let (cx, cy) = ((rect.left() + x).round(), (rect.top() + y).round());
    dispatch(
        &canvas,
        &format!(
            "for (const t of ['pointerdown', 'pointerup']) el.dispatchEvent(new PointerEvent(t, {{ clientX: {cx}, clientY: {cy}, pointerId: 7, button: 0, pointerType: 'mouse', bubbles: true }}));"
        ),
    );
    sleep(Duration::from_millis(300)).await;
    let (px, py) = (cx - rect.left(), cy - rect.top());
    let round = |v: f64| (v * 1e6).round() / 1e6;
    let lat = round((view[1] - py / view[2]).clamp(-90.0, 90.0));
    let lng = round(wrap_lng(view[0] + px / view[2]));
    let summary = text(&host, ".geohash-summary");
    assert!(
        summary.contains(&format!(
            "Encoding ({}, {}) to 5",
            sdp_web::labs::geohash::deg(lat, 6),
            sdp_web::labs::geohash::deg(lng, 6)
        )),
        "{summary} vs ({lat}, {lng})"
    );
    let want = Cell::encode_unchecked(LatLng::new(lat, lng), 5).to_hash();
    // Last step of the new job: the hash is complete.
    let last = host
        .query_selector("button[aria-label='Step forward']")
        .unwrap()
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap();
    for _ in 0..40 {
        last.click();
    }
    sleep(Duration::from_millis(100)).await;
    assert_eq!(text(&host, ".geohash-hash"), want);
    host.remove();
}
