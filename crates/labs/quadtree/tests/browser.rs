//! The quadtree view in headless Chromium: its page mounted for real (`--features testing`): the
//! plane, the tree panel, the query detail, the comparison, and embed mode.
#![cfg(all(target_arch = "wasm32", feature = "testing"))]

use sdp_kit::lab::Contract;
use sdp_kit::query::encode;
use sdp_kit_web::testing::{attr, click, count, mount_lab, settle, step_of, text, wait_until};
use sdp_lab_quadtree::QuadtreeLab;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_page_draws_the_plane_the_tree_and_the_comparison() {
    let scenario = QuadtreeLab::default_scenario();
    let q = encode(&QuadtreeLab::to_query(&scenario));
    let total = QuadtreeLab::run(&scenario).unwrap().len();
    let page = mount_lab::<QuadtreeLab>(&format!("#/lab/quadtree?{q}&step=110")).await;
    assert_eq!(step_of(&page.host), (110, total));
    let label = attr(&page.host, "canvas.quadtree-plane", "aria-label");
    assert!(label.contains("Radius query of 500 km"), "{label}");
    assert!(
        page.text(".quadtree-tree")
            .contains("depth 1: children of root")
    );
    assert!(page.text(".quadtree-detail").contains("Query 1"));
    // Not embedded: the plane invites clicks and drags.
    assert_eq!(page.count(".quadtree-stage.live"), 1);
    assert!(page.text("figcaption").contains("Click to add a point"));
    page.unmount();
    // The last step compares the two conversions side by side.
    let page = mount_lab::<QuadtreeLab>(&format!("#/lab/quadtree?{q}&step={total}")).await;
    assert_eq!(page.count(".quadtree-compare canvas"), 2);
    let detail = page.text(".quadtree-detail");
    assert!(detail.contains("document: 111 km/°"), "{detail}");
    assert!(
        detail.contains("26"),
        "the document misses 26 of 51: {detail}"
    );
    page.unmount();
}

#[wasm_bindgen_test]
async fn pressing_a_split_card_expands_that_branch() {
    let page = mount_lab::<QuadtreeLab>("#/lab/quadtree?points=60&detailed=0&step=11").await;
    let before = page.count(".quadtree-row");
    click(
        &page.host,
        ".quadtree-row:nth-child(2) button.quadtree-card",
    );
    settle().await;
    let after = page.count(".quadtree-row");
    assert!(after > before, "{before} → {after}");
    page.unmount();
}

#[wasm_bindgen_test]
async fn embedded_the_plane_is_a_picture_that_invites_no_click() {
    let page = mount_lab::<QuadtreeLab>("#/lab/quadtree?embed=1&step=2").await;
    wait_until(&page.host, |h| count(h, "canvas.quadtree-plane") == 1).await;
    assert_eq!(step_of(&page.host).0, 2);
    assert_eq!(page.count(".lab-controls"), 0);
    // No `live` stage (the crosshair cursor), no invitation in the caption.
    assert_eq!(page.count(".quadtree-stage"), 1);
    assert_eq!(page.count(".quadtree-stage.live"), 0);
    let caption = text(&page.host, ".quadtree-figure figcaption");
    assert!(!caption.contains("Click"), "{caption}");
    page.unmount();
}

#[wasm_bindgen_test]
async fn junk_in_the_url_shows_the_old_messages() {
    let page =
        mount_lab::<QuadtreeLab>("#/lab/quadtree?capacity=0&points=-5&bounds=1,2,3&a=p:500,0&a=zz")
            .await;
    let messages = page.text(".messages");
    for expected in [
        "capacity: must be between 1 and 100 (got 0)",
        "points: must be between 0 and 10000 (got -5)",
        "bounds: must be four numbers",
        "point (500, 0) is outside the boundary",
        "“zz” is not an action",
    ] {
        assert!(messages.contains(expected), "{expected}: {messages}");
    }
    assert_eq!(step_of(&page.host).0, 1);
    page.unmount();
}
