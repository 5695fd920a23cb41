//! The geohash page in headless Chromium, mounted for real: every mode draws its parts, the
//! F4 §6 grid beside the correct one, search marking what the F0 rule misses, a click on the
//! map becoming a point to encode, embed mode taking no clicks, and the map drawing at every
//! precision. The pure view model (projection, grid, clipping, coastline, gestures) is tested
//! natively in `tests/layout.rs`.
#![cfg(all(target_arch = "wasm32", feature = "testing"))]

use sdp_kit_web::testing::{attr, click_button, count, element, mount_lab, settle, text};
use sdp_lab_geohash::GeohashLab;
use sdp_lab_geohash::codec::{Cell, LatLng};
use sdp_lab_geohash::format::deg_to;
use sdp_lab_geohash::layout::grid::{MIN_CELL_PX, label_width};
use sdp_lab_geohash::layout::view::{View, wrap_lng};
use sdp_lab_geohash::view::map::{Base, MapCache, draw_full, map_ink};
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::platform::time::sleep;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_map_draws_at_every_precision_even_where_labels_just_fit() {
    let canvas: web_sys::HtmlCanvasElement = gloo::utils::document()
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap();
    canvas.set_width(640);
    canvas.set_height(360);
    let ctx = sdp_kit_web::canvas::context_2d(&canvas).unwrap();
    let cache = MapCache::default();
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
                    cache: &cache,
                },
                None,
            );
        }
    }
}

async fn mount(
    hash: &str,
) -> sdp_kit_web::testing::Mounted<sdp_kit_web::shell::LabApp<GeohashLab>> {
    let page = mount_lab::<GeohashLab>(hash).await;
    sleep(Duration::from_millis(240)).await;
    page
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
        let page = mount(hash).await;
        let host = &page.host;
        assert_eq!(count(host, selector), n, "{hash}: {selector}");
        assert!(
            count(host, "canvas.geohash-canvas.pickable[data-view]") >= 1,
            "{hash}"
        );
        assert_eq!(text(host, ".messages"), "", "{hash}");
        assert!(count(host, ".geohash-modes a") == 7);
        page.unmount();
    }
}

#[wasm_bindgen_test]
async fn the_f4_grid_is_shown_beside_the_correct_one() {
    let page = mount("#/lab/geohash?mode=neighbours&hash=u0b&precision=3&seed=42&step=11").await;
    let host = &page.host;
    let doc = text(host, ".geohash-grid3.document");
    assert!(doc.contains("✗ wrong: gcp"), "{doc}");
    assert_eq!(count(host, ".geohash-grid3.document td.wrong"), 5);
    let correct = text(host, ".geohash-grid3:not(.document)");
    for h in [
        "gcp", "u10", "u11", "gbz", "u0b", "u0c", "gbx", "u08", "u09",
    ] {
        assert!(correct.contains(h), "{h} in {correct}");
    }
    page.unmount();
}

#[wasm_bindgen_test]
async fn search_marks_what_the_f0_rule_misses() {
    let page = mount(
        "#/lab/geohash?mode=search&lat=51.5074&lng=-0.1278&radius=8&top=10&places=5000&dist=cities&seed=42&step=20",
    )
    .await;
    let host = &page.host;
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
    page.unmount();
}

fn dispatch(el: &web_sys::Element, script: &str) {
    let f = js_sys::Function::new_with_args("el", script);
    f.call1(&wasm_bindgen::JsValue::NULL, el).unwrap();
}

#[wasm_bindgen_test]
async fn a_click_on_the_map_encodes_that_point() {
    let page = mount("#/lab/geohash?mode=encode&lat=10&lng=20&precision=5&seed=42&step=1").await;
    let host = &page.host;
    let canvas = element(host, "canvas.geohash-canvas");
    let view: Vec<f64> = attr(host, "canvas.geohash-canvas", "data-view")
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
    let summary = text(host, ".geohash-summary");
    assert!(
        summary.contains(&format!(
            "Encoding ({}, {}) to 5",
            deg_to(lat, 6),
            deg_to(lng, 6)
        )),
        "{summary} vs ({lat}, {lng})"
    );
    let want = Cell::encode_unchecked(LatLng::new(lat, lng), 5).to_hash();
    // Last step of the new job: the hash is complete.
    for _ in 0..40 {
        click_button(host, "Step forward");
    }
    sleep(Duration::from_millis(100)).await;
    assert_eq!(text(host, ".geohash-hash"), want);
    page.unmount();
}

fn click_at(canvas: &web_sys::HtmlElement, fx: f64, fy: f64) {
    let rect = canvas.get_bounding_client_rect();
    let (cx, cy) = (
        (rect.left() + rect.width() * fx).round(),
        (rect.top() + rect.height() * fy).round(),
    );
    dispatch(
        canvas,
        &format!(
            "for (const t of ['pointerdown', 'pointerup']) el.dispatchEvent(new PointerEvent(t, {{ clientX: {cx}, clientY: {cy}, pointerId: 9, button: 0, pointerType: 'mouse', bubbles: true }}));"
        ),
    );
}

#[wasm_bindgen_test]
async fn embedded_maps_take_no_clicks_and_say_nothing_about_them() {
    let hash = "#/lab/geohash?mode=search&lat=51.5074&lng=-0.1278&radius=8&top=10&places=2000&dist=cities&seed=42&step=20&embed=1";
    let page = mount(hash).await;
    let host = &page.host;
    assert_eq!(count(host, ".geohash-rule"), 3);
    assert_eq!(count(host, "canvas.geohash-canvas"), 3);
    assert_eq!(
        count(host, "canvas.geohash-canvas.pickable"),
        0,
        "no crosshair"
    );
    assert_eq!(count(host, ".geohash-controls"), 0, "no controls");
    assert!(!text(host, ".geohash-map-hint").contains("click the map"));
    let before = text(host, ".counter");
    click_at(&element(host, "canvas.geohash-canvas"), 0.5, 0.5);
    sleep(Duration::from_millis(200)).await;
    settle().await;
    assert_eq!(text(host, ".counter"), before, "the click added nothing");
    assert!(!sdp_kit_web::dom::location_hash().contains("a="));
    page.unmount();
}
