//! The quadtree view in headless Chromium: coordinate transforms, click and drag mapping, the
//! tree aggregates, and the page mounted for real (plane, tree panel, query detail, comparison).

use sdp_core::lab::Lab;
use sdp_spatial::quadtree::tree::Rect;
use sdp_spatial::quadtree::{Action, Focus, QuadtreeLab, QueryPhase, WORLD};
use sdp_web::labs::quadtree::plane::{
    self, PLANE_W, Viewport, click_point, drag_query, focus_rect, plane_height,
};
use sdp_web::labs::quadtree::tree_panel::{focus_node, node_stats, path_to};
use sdp_web::labs::quadtree::{bounds_text, parse_bounds};
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::platform::time::sleep;

wasm_bindgen_test_configure!(run_in_browser);

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[wasm_bindgen_test]
fn viewport_maps_degrees_to_pixels_and_back() {
    let vp = Viewport::fit(WORLD, PLANE_W, plane_height(&WORLD));
    assert_eq!(plane_height(&WORLD), 480.0);
    assert!(close(vp.scale, 960.0 / 360.0));
    // North up: the top-left corner is (-180, 90), the bottom-right (180, -90).
    assert_eq!(vp.to_px(-180.0, 90.0), (0.0, 0.0));
    let (x, y) = vp.to_px(180.0, -90.0);
    assert!(close(x, 960.0) && close(y, 480.0));
    let (lng, lat) = vp.to_deg(480.0, 240.0);
    assert!(close(lng, 0.0) && close(lat, 0.0));
    // A tall view is letterboxed: one scale for both axes, centred.
    let tall = Viewport::fit(Rect::new(0.0, 0.0, 10.0, 40.0), 960.0, 480.0);
    assert!(close(tall.scale, 12.0));
    let (x0, _) = tall.to_px(0.0, 0.0);
    let (x1, _) = tall.to_px(10.0, 0.0);
    assert!(close(x0 + x1, 960.0), "centred: {x0} {x1}");
    for (lng, lat) in [(10.75, 59.91), (-122.4, 37.8), (179.9, -89.9)] {
        let (px, py) = vp.to_px(lng, lat);
        let (a, b) = vp.to_deg(px, py);
        assert!(close(a, lng) && close(b, lat));
    }
}

#[wasm_bindgen_test]
fn a_click_becomes_a_point_rounded_to_what_a_pixel_resolves() {
    let vp = Viewport::fit(WORLD, PLANE_W, 480.0);
    // 0.375° per pixel: one decimal.
    assert_eq!(vp.decimals(), 1);
    let (lng, lat) = click_point(&vp, &WORLD, 480.0, 240.0).unwrap();
    assert_eq!((lng, lat), (0.0, 0.0));
    let (lng, lat) = click_point(&vp, &WORLD, 100.3, 50.9).unwrap();
    assert_eq!(lng, ((100.3 * 0.375 - 180.0) * 10.0f64).round() / 10.0);
    assert_eq!(lat, ((90.0 - 50.9 * 0.375) * 10.0f64).round() / 10.0);
    // The corner pixel stays inside the boundary after rounding.
    let (lng, lat) = click_point(&vp, &WORLD, 0.0, 0.0).unwrap();
    assert!(WORLD.contains(lng, lat));
    // A close-up resolves more decimals.
    let zoom = Viewport::fit(Rect::new(10.0, 59.0, 11.0, 60.0), 960.0, 480.0);
    assert_eq!(zoom.decimals(), 3);
}

#[wasm_bindgen_test]
fn a_drag_becomes_a_query_whose_radius_is_the_great_circle_distance() {
    let vp = Viewport::fit(WORLD, PLANE_W, 480.0);
    let (cx, cy) = vp.to_px(0.0, 0.0);
    let (ex, ey) = vp.to_px(10.0, 0.0);
    let (lng, lat, km) = drag_query(&vp, cx, cy, ex, ey).unwrap();
    assert_eq!((lng, lat), (0.0, 0.0));
    // 10° along the equator is 1 111.95 km.
    assert!((km - 1112.0).abs() <= 1.0, "{km}");
    let (_, _, tiny) = drag_query(&vp, cx, cy, cx, cy).unwrap();
    assert!(tiny > 0.0, "the radius is never 0");
}

#[wasm_bindgen_test]
fn the_plane_zooms_on_the_query_and_tree_aggregates_add_up() {
    let trace = QuadtreeLab::run(&QuadtreeLab::default_scenario()).unwrap();
    let step = trace
        .steps
        .iter()
        .find(|s| matches!(s.state.query(), Some((_, c)) if c.phase == QueryPhase::Walk))
        .unwrap();
    let s = &step.state;
    let view = focus_rect(s, true);
    assert!(
        view.width() < 60.0 && view.contains(10.75, 59.91),
        "{view:?}"
    );
    assert_eq!(focus_rect(s, false), WORLD);
    let w = &s.world;
    let stats = node_stats(w, s.epoch);
    let alive = plane::alive_points(w, s.epoch) as u32;
    assert_eq!(stats.points[0], alive, "the root holds every point");
    // Each point is in exactly one leaf: leaf counts add up to all points.
    let leaves: u32 = (0..stats.points.len())
        .filter(|&i| w.nodes[i].split > s.epoch)
        .map(|i| stats.points[i])
        .sum();
    assert_eq!(leaves, alive);
    assert_eq!(stats.nodes[0] as usize, stats.points.len());
    // The panel expands down to the node being tested.
    let node = focus_node(s).unwrap();
    let path = path_to(w, node);
    assert_eq!(path.first(), Some(&0));
    assert_eq!(path.last(), Some(&node));
    // Every insert step's focus is a node on the plane.
    for st in &trace.steps {
        if let Focus::Placed { path, .. } = &st.state.focus {
            assert_eq!(focus_node(&st.state), path.last().copied());
        }
    }
}

#[wasm_bindgen_test]
fn the_boundary_text_round_trips_and_junk_is_refused() {
    let r = parse_bounds("-25, 34, 45, 72").unwrap();
    assert_eq!(r, Rect::new(-25.0, 34.0, 45.0, 72.0));
    assert_eq!(parse_bounds(&bounds_text(&r)).unwrap(), r);
    let e = parse_bounds("1,2,three,4").unwrap_err();
    assert!(e.contains("four numbers"), "{e}");
    assert!(parse_bounds("1,2,3").is_err());
}

async fn mount(hash: &str) -> web_sys::Element {
    sdp_web::dom::replace_hash(hash);
    let doc = gloo::utils::document();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
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

#[wasm_bindgen_test]
async fn the_page_draws_the_plane_the_tree_and_the_comparison() {
    let scenario = QuadtreeLab::default_scenario();
    let pairs = QuadtreeLab::to_query(&scenario);
    let q = sdp_core::query::encode(&pairs);
    let total = QuadtreeLab::run(&scenario).unwrap().len();
    let host = mount(&format!("#/lab/quadtree?{q}&step=110")).await;
    let canvas = host
        .query_selector("canvas.quadtree-plane")
        .unwrap()
        .expect("plane canvas");
    let label = canvas.get_attribute("aria-label").unwrap_or_default();
    assert!(label.contains("Radius query of 500 km"), "{label}");
    assert!(text(&host, ".quadtree-tree").contains("depth 1: children of root"));
    assert!(text(&host, ".quadtree-detail").contains("Query 1"));
    // The last step compares the two conversions side by side.
    host.remove();
    let host = mount(&format!("#/lab/quadtree?{q}&step={total}")).await;
    assert_eq!(
        host.query_selector_all(".quadtree-compare canvas")
            .unwrap()
            .length(),
        2
    );
    let detail = text(&host, ".quadtree-detail");
    assert!(detail.contains("document: 111 km/°"), "{detail}");
    assert!(
        detail.contains("26"),
        "the document misses 26 of 51: {detail}"
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn pressing_a_split_card_expands_that_branch() {
    let host = mount("#/lab/quadtree?points=60&detailed=0&step=11").await;
    let before = host.query_selector_all(".quadtree-row").unwrap().length();
    let card = host
        .query_selector(".quadtree-row:nth-child(2) button.quadtree-card")
        .unwrap()
        .expect("a split child of the root");
    card.dyn_into::<web_sys::HtmlElement>().unwrap().click();
    sleep(Duration::from_millis(100)).await;
    let after = host.query_selector_all(".quadtree-row").unwrap().length();
    assert!(after > before, "{before} → {after}");
    host.remove();
}

#[wasm_bindgen_test]
fn the_action_a_click_makes_is_accepted_by_the_lab() {
    let vp = Viewport::fit(WORLD, PLANE_W, 480.0);
    let (lng, lat) = click_point(&vp, &WORLD, 300.0, 120.0).unwrap();
    let mut s = QuadtreeLab::default_scenario();
    s.actions.push(Action::AddPoint { lng, lat });
    assert!(QuadtreeLab::validate(&s).is_empty());
    let (_, _, km) = drag_query(&vp, 300.0, 120.0, 330.0, 140.0).unwrap();
    s.actions.push(Action::Query {
        lng,
        lat,
        radius_km: km,
    });
    assert!(QuadtreeLab::validate(&s).is_empty());
}
