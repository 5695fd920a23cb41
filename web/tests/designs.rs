//! Design walkthroughs in headless Chromium: the diagram geometry, the calculator's state, the
//! URL of a design page, and the pages mounted for real (index filter, live estimate with a bad
//! input, flow player, unknown id).

use sdp_designs::estimate::evaluate;
use sdp_web::designs::calc::{CalcState, input_deps, stated_text};
use sdp_web::designs::diagram::{
    BOX_H, BOX_W, CELL_W, Frame, LANE, MARGIN, Pt, border_point, clip, segment, wrap,
};
use sdp_web::designs::index::count_text;
use sdp_web::designs::page::{load, page_hash};
use sdp_web::designs::sections::{MechanismLink, lab_href, mechanism_link};
use std::collections::BTreeMap;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use yew::platform::time::sleep;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    gloo::utils::document()
}

fn design(id: &str) -> &'static sdp_designs::Design {
    sdp_designs::design(id).expect(id)
}

/// Mounts the app in a fresh element after setting the hash, and waits for it to render.
async fn mount(hash: &str) -> web_sys::Element {
    sdp_web::dom::replace_hash(hash);
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    yew::Renderer::<sdp_web::App>::with_root(host.clone()).render();
    sleep(Duration::from_millis(150)).await;
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

/// Types `value` into the input matched by `selector` (an `input` event, as a keystroke gives).
fn type_into(host: &web_sys::Element, selector: &str, value: &str) {
    let el = host.query_selector(selector).unwrap().expect(selector);
    let f = js_sys::Function::new_with_args(
        "el, v",
        "el.value = v; el.dispatchEvent(new Event('input', { bubbles: true }));",
    );
    f.call2(&JsValue::NULL, &el, &JsValue::from_str(value))
        .unwrap();
}

fn click(host: &web_sys::Element, selector: &str) {
    host.query_selector(selector)
        .unwrap()
        .expect(selector)
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

#[wasm_bindgen_test]
fn the_frame_covers_only_the_used_cells() {
    let d = design("url-shortener");
    let frame = Frame::of(&d.components);
    // Columns 0..=7 and rows 0..=5 are used by the URL shortener.
    assert_eq!(
        (frame.col0, frame.row0, frame.cols, frame.rows),
        (0, 0, 8, 6)
    );
    let (w, _) = frame.size();
    assert!(close(w, 8.0 * CELL_W + 2.0 * MARGIN));
    let c = frame.centre([0, 0]);
    assert!(close(c.x, MARGIN + CELL_W / 2.0));
    // Every box lies inside the drawing and no two overlap.
    let (w, h) = frame.size();
    let boxes: Vec<Pt> = d.components.iter().map(|c| frame.centre(c.pos)).collect();
    for (i, a) in boxes.iter().enumerate() {
        assert!(a.x - BOX_W / 2.0 >= 0.0 && a.x + BOX_W / 2.0 <= w);
        assert!(a.y - BOX_H / 2.0 >= 0.0 && a.y + BOX_H / 2.0 <= h);
        for b in &boxes[i + 1..] {
            assert!((a.x - b.x).abs() >= BOX_W || (a.y - b.y).abs() >= BOX_H);
        }
    }
    // A frame of components that start at column 3 is shifted to the left edge.
    let mut shifted = d.components.clone();
    shifted.retain(|c| c.pos[0] >= 3);
    let f2 = Frame::of(&shifted);
    assert_eq!(f2.col0, 3);
    assert!(close(f2.centre([3, f2.row0]).x, MARGIN + CELL_W / 2.0));
}

#[wasm_bindgen_test]
fn edges_are_clipped_to_the_box_borders() {
    let a = Pt { x: 100.0, y: 100.0 };
    // Straight right: leaves through the right side.
    let p = border_point(a, Pt { x: 400.0, y: 100.0 });
    assert!(close(p.x, 100.0 + BOX_W / 2.0) && close(p.y, 100.0));
    // Straight down: through the bottom.
    let p = border_point(a, Pt { x: 100.0, y: 400.0 });
    assert!(close(p.y, 100.0 + BOX_H / 2.0) && close(p.x, 100.0));
    // Steep diagonal: through the bottom, proportionally along x.
    let p = border_point(a, Pt { x: 110.0, y: 200.0 });
    assert!(close(p.y, 100.0 + BOX_H / 2.0));
    assert!(close(p.x, 100.0 + 10.0 * (BOX_H / 2.0) / 100.0));
    // Same point: stays.
    assert_eq!(border_point(a, a), a);
    // A request and its response along one edge get opposite lanes.
    let b = Pt { x: 400.0, y: 100.0 };
    let (p1, q1) = segment(a, b, LANE);
    let (p2, q2) = segment(b, a, LANE);
    assert!(close(p1.y, q1.y) && close(p2.y, q2.y));
    assert!(
        (p1.y - p2.y).abs() > 5.0,
        "the two directions are side by side"
    );
    assert!(p1.x < q1.x && p2.x > q2.x);
}

#[wasm_bindgen_test]
fn labels_wrap_into_two_lines_and_clip() {
    assert_eq!(
        wrap("ID range coordinator", 19, 2),
        ["ID range", "coordinator"]
    );
    assert_eq!(wrap("Cache", 19, 2), ["Cache"]);
    let long = wrap("one two three four five six seven eight nine ten", 10, 2);
    assert_eq!(long.len(), 2);
    assert!(long[1].ends_with('…'), "{long:?}");
    assert!(long.iter().all(|l| l.chars().count() <= 10));
    assert_eq!(wrap("Supercalifragilistic", 8, 2)[0].chars().count(), 8);
    assert_eq!(
        clip("key-value: DynamoDB / Cassandra", 26).chars().count(),
        26
    );
    assert_eq!(clip("Redis", 26), "Redis");
}

#[wasm_bindgen_test]
fn a_bad_edit_keeps_the_last_valid_value() {
    let d = design("url-shortener");
    let mut calc = CalcState::default();
    calc.edit(d, "urls_per_day", "200");
    assert_eq!(calc.inputs.values.get("urls_per_day"), Some(&200.0));
    for bad in ["-5", "0", "abc", "1e99", ""] {
        calc.edit(d, "urls_per_day", bad);
        assert_eq!(
            calc.inputs.values.get("urls_per_day"),
            Some(&200.0),
            "{bad}"
        );
        assert!(calc.inputs.errors.contains_key("urls_per_day"), "{bad}");
        // The field keeps what was typed.
        let input = d.input("urls_per_day").unwrap();
        assert_eq!(calc.text(input), bad);
    }
    let e = evaluate(d, &calc.inputs.values);
    assert_eq!(e.figure("write_qps").unwrap().text, "2.31 K/s");
    calc.edit(d, "urls_per_day", "100");
    assert!(calc.inputs.values.is_empty() && calc.inputs.errors.is_empty());
    calc.edit(d, "code_length", "6.5");
    assert!(
        calc.inputs.errors["code_length"]
            .message
            .contains("whole number")
    );
    calc.reset(Some("code_length"));
    assert!(calc.inputs.errors.is_empty());
    calc.edit(d, "no_such_input", "3");
    assert!(!calc.texts.contains_key("no_such_input"));
    calc.edit(d, "alphabet", "36");
    calc.reset(None);
    assert_eq!(calc, CalcState::default());
}

#[wasm_bindgen_test]
fn figures_know_which_inputs_they_use() {
    let d = design("url-shortener");
    let deps = input_deps(d);
    let at = |id: &str| &deps[d.figures.iter().position(|f| f.id == id).unwrap()];
    assert_eq!(
        at("read_qps")
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        ["read_write_ratio", "urls_per_day"],
        "through write_qps"
    );
    assert!(at("code_space").contains("alphabet") && !at("code_space").contains("urls_per_day"));
    // The document's stated number is shown in the figure's unit.
    let prox = design("proximity-service");
    let cell = prox.figures.iter().find(|f| f.id == "cell_width").unwrap();
    assert_eq!(stated_text(cell).as_deref(), Some("2.4 km"));
}

#[wasm_bindgen_test]
fn the_page_url_round_trips() {
    let d = design("url-shortener");
    let mut inputs = BTreeMap::new();
    inputs.insert("urls_per_day".to_string(), 250.0);
    let hash = page_hash(d, "redirect-miss", &inputs, 4, false);
    assert_eq!(
        hash,
        "#/design/url-shortener?flow=redirect-miss&in.urls_per_day=250&step=5"
    );
    let query = hash.split_once('?').unwrap().1;
    let loaded = load(d, query);
    assert_eq!(loaded.query.flow, "redirect-miss");
    assert_eq!(loaded.query.inputs, inputs);
    assert_eq!(loaded.player.step, Some(5));
    assert!(loaded.messages.is_empty());
    assert!(page_hash(d, "create", &BTreeMap::new(), 0, true).ends_with("step=1&embed=1"));
    let junk = load(d, "flow=nope&in.urls_per_day=-3&in.bogus=1&step=zero");
    assert_eq!(junk.query.flow, "create");
    assert!(junk.query.inputs.is_empty());
    assert_eq!(junk.messages.len(), 4, "{:?}", junk.messages);
}

#[wasm_bindgen_test]
fn mechanisms_link_to_labs_or_are_named() {
    let d = design("proximity-service");
    assert!(matches!(
        mechanism_link(d, "M2.3"),
        MechanismLink::Lab("geohash", _)
    ));
    assert_eq!(mechanism_link(d, "M99.9"), MechanismLink::Name);
    assert_eq!(lab_href("geohash", "radius=5"), "#/lab/geohash?radius=5");
    assert_eq!(lab_href("geohash", ""), "#/lab/geohash");
    assert_eq!(count_text(21, ""), "21 designs");
    assert_eq!(count_text(1, "geo"), "1 design matches");
    assert_eq!(count_text(0, "zzz"), "No design matches “zzz”.");
}

#[wasm_bindgen_test]
async fn the_index_filters_as_you_type() {
    let host = mount("#/designs").await;
    assert_eq!(count(&host, ".designs-card"), 21);
    assert_eq!(count(&host, ".designs-group"), 7);
    type_into(&host, "#designs-filter", "geohash");
    sleep(Duration::from_millis(50)).await;
    let n = count(&host, ".designs-card");
    assert!((1..21).contains(&n), "{n}");
    assert!(
        host.query_selector("a[href='#/design/proximity-service']")
            .unwrap()
            .is_some()
    );
    assert!(sdp_web::dom::location_hash().ends_with("#/designs?q=geohash"));
    type_into(&host, "#designs-filter", "qqqqzz");
    sleep(Duration::from_millis(50)).await;
    assert_eq!(count(&host, ".designs-card"), 0);
    assert!(text(&host, ".designs-count").contains("No design matches"));
    host.remove();
}

#[wasm_bindgen_test]
async fn editing_an_input_recomputes_and_a_bad_value_keeps_the_others() {
    let host = mount("#/design/url-shortener").await;
    let qps = "#designs-fig-write_qps .designs-value";
    let storage = "#designs-fig-storage_per_year .designs-value";
    assert_eq!(text(&host, qps), "1.16 K/s");
    type_into(&host, "#designs-in-urls_per_day", "200");
    sleep(Duration::from_millis(50)).await;
    assert_eq!(text(&host, qps), "2.31 K/s");
    let storage_200 = text(&host, storage);
    assert!(sdp_web::dom::location_hash().contains("in.urls_per_day=200"));
    // A bad value: message on that field, the figures keep their last valid values.
    type_into(&host, "#designs-in-urls_per_day", "-7");
    sleep(Duration::from_millis(50)).await;
    let err = text(&host, "#designs-in-urls_per_day-error");
    assert!(err.contains("must not be negative"), "{err}");
    assert_eq!(text(&host, qps), "2.31 K/s");
    assert_eq!(text(&host, storage), storage_200);
    assert!(count(&host, ".designs-figure.stale") >= 1);
    // Another field still works while this one is wrong.
    type_into(&host, "#designs-in-bytes_per_url", "1000");
    sleep(Duration::from_millis(50)).await;
    assert_ne!(text(&host, storage), storage_200);
    // A wrong figure elsewhere shows the document's number and the correction.
    host.remove();
    let host = mount("#/design/proximity-service").await;
    let card = text(&host, "#designs-fig-cell_width");
    assert!(card.contains("the document is wrong"), "{card}");
    assert!(
        card.contains("2.4 km") && card.contains("4.89 km"),
        "{card}"
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn a_flow_steps_forward_and_back_with_the_url() {
    let host = mount("#/design/url-shortener?flow=redirect-miss&step=2").await;
    assert!(text(&host, ".counter").starts_with("Step 2 of 9"));
    assert_eq!(count(&host, ".designs-box.designs-active"), 2);
    assert_eq!(count(&host, ".designs-trail"), 1);
    click(&host, "button[aria-label='Step forward']");
    sleep(Duration::from_millis(50)).await;
    assert!(text(&host, ".counter").starts_with("Step 3 of 9"));
    assert_eq!(count(&host, ".designs-trail"), 2);
    assert!(text(&host, ".designs-message").contains("GET q9Zr2xA"));
    assert!(sdp_web::dom::location_hash().contains("flow=redirect-miss"));
    assert!(sdp_web::dom::location_hash().contains("step=3"));
    click(&host, "button[aria-label='Step back']");
    sleep(Duration::from_millis(50)).await;
    assert!(text(&host, ".counter").starts_with("Step 2 of 9"));
    // Picking another flow starts it at its first step.
    click(&host, "#designs-flow-create");
    sleep(Duration::from_millis(50)).await;
    assert_eq!(text(&host, ".counter"), "Step 1 of 8");
    assert!(sdp_web::dom::location_hash().contains("flow=create"));
    host.remove();
}

#[wasm_bindgen_test]
async fn an_unknown_design_suggests_the_closest() {
    let host = mount("#/design/url-shortner").await;
    assert!(text(&host, ".not-found").contains("There is no design called “url-shortner”"));
    assert!(
        host.query_selector(".designs-suggest a[href='#/design/url-shortener']")
            .unwrap()
            .is_some()
    );
    assert_eq!(count(&host, ".designs-card"), 21);
    host.remove();
}
