//! The Z-order / Hilbert view in headless Chromium: the three modes mounted for real, the mode
//! links, a typed query, and embed mode (drawings that take no drags, no controls). The pure
//! view model (transforms, drags, parsing) is tested natively in `tests/layout.rs`.
#![cfg(all(target_arch = "wasm32", feature = "testing"))]

use sdp_kit::lab::Contract;
use sdp_kit::query;
use sdp_kit_web::testing::{attr, click, count, mount_lab, settle, step_of, text, type_into};
use sdp_lab_z_order::{ZOrderLab, default_skip_scenario};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn bits_mode_shows_27_beside_the_documents_29() {
    let page =
        mount_lab::<ZOrderLab>("#/lab/z-order?mode=bits&values=5,3&bits=4&seed=42&step=10").await;
    assert_eq!(page.text(".zorder-value"), "27");
    let doc = page.text(".zorder-doc");
    assert!(doc.contains("29") && doc.contains("27"), "{doc}");
    assert_eq!(page.count(".zorder-doc td.differs"), 4);
    assert_eq!(
        attr(&page.host, "a.zorder-mode.current", "aria-current"),
        "page"
    );
    assert_eq!(page.count("a.zorder-mode"), 3);
    page.unmount();
}

#[wasm_bindgen_test]
async fn curves_and_skip_modes_draw_side_by_side() {
    let page =
        mount_lab::<ZOrderLab>("#/lab/z-order?mode=curves&order=3&box=2,1,5,4&seed=42&step=66")
            .await;
    assert_eq!(page.count("canvas.zorder-grid"), 2);
    let ranges = page.text(".zorder-ranges-panel");
    assert!(
        ranges.contains("Z-order: 6 ranges") && ranges.contains("Hilbert: 3 ranges"),
        "{ranges}"
    );
    // Outside embed mode the grids take drags (and say so).
    assert_eq!(page.count(".zorder-stage.live"), 2);
    assert!(
        page.text(".zorder-curves .hint")
            .contains("Drag across either grid")
    );
    page.unmount();
    let s = default_skip_scenario();
    let q = query::encode(&ZOrderLab::to_query(&s));
    let page = mount_lab::<ZOrderLab>(&format!("#/lab/z-order?{q}&step=10")).await;
    assert_eq!(page.count("canvas.zorder-scatter"), 4);
    assert_eq!(page.count("canvas.zorder-strip"), 4);
    assert_eq!(page.count(".zorder-stage.live"), 4);
    let stats = page.text(".zorder-panels");
    assert!(stats.contains("5 of 40 files scanned"), "{stats}");
    page.unmount();
}

#[wasm_bindgen_test]
async fn embed_mode_invites_no_edits() {
    let page = mount_lab::<ZOrderLab>(
        "#/lab/z-order?mode=curves&order=3&box=2,1,5,4&seed=42&step=2&embed=1",
    )
    .await;
    assert_eq!(page.count("canvas.zorder-grid"), 2);
    assert_eq!(
        page.count(".zorder-stage.live"),
        0,
        "no crosshair, no drag handlers"
    );
    assert_eq!(page.count(".zorder-controls"), 0);
    assert_eq!(page.count("form"), 0);
    assert!(!page.text(".zorder-curves .hint").contains("Drag"));
    // The mode links keep embed mode.
    assert!(attr(&page.host, "a.zorder-mode", "href").contains("embed=1"));
    page.unmount();
    let s = default_skip_scenario();
    let q = query::encode(&ZOrderLab::to_query(&s));
    let page = mount_lab::<ZOrderLab>(&format!("#/lab/z-order?{q}&step=10&embed=1")).await;
    assert_eq!(page.count("canvas.zorder-scatter"), 4);
    assert_eq!(page.count(".zorder-stage.live"), 0);
    assert!(!page.text(".zorder-skip").contains("Drag across a panel"));
    page.unmount();
}

#[wasm_bindgen_test]
async fn a_typed_query_adds_steps_and_a_bad_range_says_what_to_type() {
    let page = mount_lab::<ZOrderLab>(
        "#/lab/z-order?mode=skip&rows=2000&columns=2&value_bits=8&rows_per_file=100&sort=x&data=uniform&batch=0&width=10&kind=mixed&seed=42",
    )
    .await;
    let (_, before) = step_of(&page.host);
    type_into(&page.host, "#zorder-range-x", "*");
    type_into(&page.host, "#zorder-range-y", "30-49");
    click(&page.host, "form.zorder-query button[type=submit]");
    settle().await;
    settle().await;
    let (_, after) = step_of(&page.host);
    assert!(after > before, "{before} → {after}");
    assert!(
        text(&page.host, ".zorder-predicate").contains("WHERE 30 ≤ y ≤ 49"),
        "{}",
        text(&page.host, ".zorder-predicate")
    );
    type_into(&page.host, "#zorder-range-y", "lots");
    click(&page.host, "form.zorder-query button[type=submit]");
    settle().await;
    assert!(
        text(&page.host, ".zorder-controls")
            .contains("y: type lo-hi, a single value or * (got “lots”)"),
        "{}",
        text(&page.host, ".zorder-controls")
    );
    assert_eq!(count(&page.host, ".zorder-controls .field-error"), 1);
    page.unmount();
}

#[wasm_bindgen_test]
async fn files_tables_list_the_first_24_files_until_asked_for_more() {
    // 5 000 rows in files of 100: 50 files. The first step that lists a layout's files.
    let base = "#/lab/z-order?mode=skip&rows=5000&columns=2&value_bits=8&rows_per_file=100&sort=x&data=uniform&batch=0&width=10&kind=mixed&seed=42";
    for k in 1..12 {
        let page = mount_lab::<ZOrderLab>(&format!("{base}&step={k}")).await;
        if page.count(".zorder-files tbody tr") == 0 {
            page.unmount();
            continue;
        }
        assert_eq!(page.count(".zorder-files tbody tr"), 24, "step {k}");
        assert!(page.text(".zorder-more").contains("Show 50 files"));
        click(&page.host, ".zorder-more");
        settle().await;
        assert_eq!(page.count(".zorder-files tbody tr"), 50);
        assert!(page.text(".zorder-more").contains("Show the first 24"));
        page.unmount();
        return;
    }
    panic!("no step lists a layout's files");
}
