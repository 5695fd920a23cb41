//! The Z-order / Hilbert view in headless Chromium: bit layout, grid and scatter transforms,
//! drag mapping, input parsing, and the three modes mounted for real.

use sdp_core::lab::Lab;
use sdp_spatial::zorder::skipping::{FileStats, Predicate};
use sdp_spatial::zorder::{Action, GridBox, ZOrderLab, default_skip_scenario};
use sdp_web::labs::z_order::bits::{binary, slot_x, target};
use sdp_web::labs::z_order::controls::{parse_box, parse_range, parse_values};
use sdp_web::labs::z_order::curves::{
    GRID_PX, cell_at, cell_centre, cell_px, drag_box, ramp, walked_jumps,
};
use sdp_web::labs::z_order::skip::{drag_predicate, px_value, skip_reason, value_px};
use sdp_web::labs::z_order::{mode_href, modes};
use std::time::Duration;
use wasm_bindgen_test::*;
use yew::platform::time::sleep;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn each_column_bit_sits_above_its_z_bit() {
    // Two columns of 4 bits: x_i → Z bit 2i, y_i → Z bit 2i + 1 (the document's layout).
    assert_eq!(target(0, 0, 2), 0);
    assert_eq!(target(0, 1, 2), 1);
    assert_eq!(target(3, 1, 2), 7);
    assert_eq!(target(2, 2, 3), 8);
    // The most significant Z bit is on the left.
    assert!(slot_x(8, 7) < slot_x(8, 0));
    assert_eq!(slot_x(8, 6) - slot_x(8, 7), slot_x(8, 0) - slot_x(8, 1));
    assert_eq!(binary(27, 8), "00011011");
    assert_eq!(binary(29, 8), "00011101");
}

#[wasm_bindgen_test]
fn grid_cells_map_to_pixels_with_y_up() {
    assert_eq!(cell_px(8), 64.0);
    assert_eq!(cell_px(256), 2.0);
    // Cell (0, 0) is bottom-left.
    assert_eq!(cell_centre(8, 0, 0), (32.0, GRID_PX - 32.0));
    assert_eq!(cell_at(8, 1.0, GRID_PX - 1.0), (0, 0));
    assert_eq!(cell_at(8, GRID_PX - 1.0, 1.0), (7, 7));
    for side in [2u32, 8, 64, 256] {
        for (x, y) in [(0, 0), (side - 1, 0), (1, side - 1), (side / 2, side / 3)] {
            let (px, py) = cell_centre(side, x, y);
            assert_eq!(cell_at(side, px, py), (x, y));
        }
    }
    // Outside the canvas clamps to the edge cells.
    assert_eq!(cell_at(8, -50.0, 9999.0), (0, 0));
    assert_eq!(
        drag_box((5, 1), (2, 4)),
        GridBox {
            x0: 2,
            y0: 1,
            x1: 5,
            y1: 4
        }
    );
    assert_ne!(ramp(0.0), ramp(1.0));
}

#[wasm_bindgen_test]
fn jumps_are_counted_up_to_the_cursor() {
    let path = [(0u16, 0u16), (1, 0), (0, 1), (1, 1), (2, 0)];
    let jumps = [1u32, 3];
    assert_eq!(walked_jumps(&path, &jumps, 1), (0, 0));
    assert_eq!(walked_jumps(&path, &jumps, 2), (1, 2));
    assert_eq!(walked_jumps(&path, &jumps, 4), (2, 2));
}

#[wasm_bindgen_test]
fn scatter_pixels_and_drags_map_to_values() {
    assert_eq!(value_px(0, 8, 320), 0);
    assert_eq!(value_px(255, 8, 320), 318);
    assert_eq!(value_px(65_535, 16, 320), 319);
    assert_eq!(px_value(0.0, 8, 320.0), 0);
    assert_eq!(px_value(319.9, 8, 320.0), 255);
    assert_eq!(px_value(-10.0, 8, 320.0), 0);
    // A drag from top-left to bottom-right: x grows right, y grows up.
    let q = drag_predicate((32.0, 32.0), (160.0, 288.0), 8, 320.0, 3);
    assert_eq!(q.ranges, vec![Some((25, 128)), Some((25, 230)), None]);
    let mut s = default_skip_scenario();
    s.actions = vec![Action::Query(drag_predicate(
        (10.0, 10.0),
        (20.0, 20.0),
        8,
        320.0,
        2,
    ))];
    assert!(ZOrderLab::validate(&s).is_empty());
}

#[wasm_bindgen_test]
fn a_skipped_file_says_which_column_rules_it_out() {
    let f = FileStats {
        first: 0,
        rows: 10,
        min: vec![10, 200],
        max: vec![40, 250],
        key_min: 0,
        key_max: 9,
    };
    let q = |ranges| Predicate { ranges };
    assert_eq!(skip_reason(&q(vec![Some((20, 30)), None]), &f), None);
    assert_eq!(
        skip_reason(&q(vec![Some((50, 60)), None]), &f).as_deref(),
        Some("x max 40 < 50")
    );
    assert_eq!(
        skip_reason(&q(vec![None, Some((0, 99))]), &f).as_deref(),
        Some("y min 200 > 99")
    );
}

#[wasm_bindgen_test]
fn typed_inputs_parse_or_say_what_is_expected() {
    assert_eq!(parse_values("5, 3"), Some(vec![5, 3]));
    assert_eq!(parse_values("5,3,6"), Some(vec![5, 3, 6]));
    assert_eq!(parse_values("5"), None);
    assert_eq!(parse_values("5,x"), None);
    assert_eq!(parse_box("none"), Ok(None));
    assert_eq!(
        parse_box("2,1,5,4"),
        Ok(Some(GridBox {
            x0: 2,
            y0: 1,
            x1: 5,
            y1: 4
        }))
    );
    assert!(parse_box("2,1,5").unwrap_err().contains("x0,y0,x1,y1"));
    assert_eq!(parse_range("40-79"), Ok(Some((40, 79))));
    assert_eq!(parse_range(" 7 "), Ok(Some((7, 7))));
    assert_eq!(parse_range("*"), Ok(None));
    assert_eq!(parse_range(""), Ok(None));
    assert!(parse_range("a-b").is_err());
}

#[wasm_bindgen_test]
fn mode_links_open_each_mode() {
    let [bits, curves, skip] = modes();
    assert_eq!(bits.0, "bits");
    assert!(mode_href(&curves.2, false).contains("mode=curves"));
    let href = mode_href(&skip.2, true);
    assert!(href.starts_with("#/lab/z-order?mode=skip"), "{href}");
    assert!(href.ends_with("&embed=1"), "{href}");
    assert!(
        href.contains("a=q%3A40-79%2C100-139") || href.contains("a=q:40-79,100-139"),
        "{href}"
    );
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
async fn bits_mode_shows_27_beside_the_documents_29() {
    let host = mount("#/lab/z-order?mode=bits&values=5,3&bits=4&seed=42&step=10").await;
    assert_eq!(text(&host, ".zorder-value"), "27");
    let doc = text(&host, ".zorder-doc");
    assert!(doc.contains("29") && doc.contains("27"), "{doc}");
    assert_eq!(
        host.query_selector_all(".zorder-doc td.differs")
            .unwrap()
            .length(),
        4
    );
    assert_eq!(
        host.query_selector("a.zorder-mode.current")
            .unwrap()
            .and_then(|a| a.get_attribute("aria-current")),
        Some("page".into())
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn curves_and_skip_modes_draw_side_by_side() {
    let host = mount("#/lab/z-order?mode=curves&order=3&box=2,1,5,4&seed=42&step=66").await;
    assert_eq!(
        host.query_selector_all("canvas.zorder-grid")
            .unwrap()
            .length(),
        2
    );
    let ranges = text(&host, ".zorder-ranges-panel");
    assert!(
        ranges.contains("Z-order: 6 ranges") && ranges.contains("Hilbert: 3 ranges"),
        "{ranges}"
    );
    host.remove();
    let s = default_skip_scenario();
    let q = sdp_core::query::encode(&ZOrderLab::to_query(&s));
    let host = mount(&format!("#/lab/z-order?{q}&step=10")).await;
    assert_eq!(
        host.query_selector_all("canvas.zorder-scatter")
            .unwrap()
            .length(),
        4
    );
    assert_eq!(
        host.query_selector_all("canvas.zorder-strip")
            .unwrap()
            .length(),
        4
    );
    let stats = text(&host, ".zorder-panels");
    assert!(stats.contains("5 of 40 files scanned"), "{stats}");
    host.remove();
}
