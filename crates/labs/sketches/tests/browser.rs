//! The sketches view in headless Chromium (`--features testing`): every mode draws its parts at
//! its last step, the generated form refuses out-of-range values with the reader's message and
//! accepts good ones, typed actions append steps, and embed mode invites no edit.
#![cfg(all(target_arch = "wasm32", feature = "testing"))]

use sdp_kit::lab::Contract;
use sdp_kit_web::dom::location_hash;
use sdp_kit_web::testing::{click, mount_lab, settle, step_of, type_into, wait_until};
use sdp_lab_sketches::SketchesLab;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Steps in the trace of `hash`'s scenario (read the way the page reads it).
fn steps(query: &str) -> usize {
    let (s, problems) = SketchesLab::from_query(&sdp_kit::query::parse(query));
    assert!(problems.is_empty(), "{problems:?}");
    SketchesLab::run(&s).unwrap().len()
}

#[wasm_bindgen_test]
async fn the_distributed_merge_misses_y_at_the_last_step() {
    let n = steps("mode=distributed");
    let page = mount_lab::<SketchesLab>(&format!("#/lab/sketches?mode=distributed&step={n}")).await;
    assert_eq!(step_of(&page.host), (n, n));
    let cards = page.text(".sk-cards");
    assert!(cards.contains("F4's merge"), "{cards}");
    assert!(cards.contains("Exact global top K"), "{cards}");
    assert!(
        cards.contains("y 18"),
        "the exact answer is y with 18: {cards}"
    );
    assert!(page.count(".sk-dist tbody tr") >= 3, "x, y and z have rows");
    page.unmount();
}

#[wasm_bindgen_test]
async fn every_mode_draws_its_picture() {
    for (mode, selector) in [
        ("cms", "canvas.sk-grid"),
        ("topk", ".sk-card"),
        ("bloom", "svg.sk-bits"),
        ("trie", "svg.sk-trie"),
        ("trending", "svg.sk-timeline"),
    ] {
        let n = steps(&format!("mode={mode}"));
        let page = mount_lab::<SketchesLab>(&format!("#/lab/sketches?mode={mode}&step={n}")).await;
        assert!(page.count(selector) >= 1, "{mode}: {selector}");
        assert_eq!(step_of(&page.host), (n, n), "{mode}");
        page.unmount();
    }
}

#[wasm_bindgen_test]
async fn the_last_topk_step_compares_all_six() {
    let n = steps("mode=topk");
    let page = mount_lab::<SketchesLab>(&format!("#/lab/sketches?mode=topk&step={n}")).await;
    assert_eq!(page.count(".sk-card"), 6);
    assert_eq!(page.count(".sk-summary tbody tr"), 6);
    page.unmount();
}

#[wasm_bindgen_test]
async fn the_trie_suggests_apple_for_app() {
    let n = steps("mode=trie");
    let page = mount_lab::<SketchesLab>(&format!("#/lab/sketches?mode=trie&step={n}")).await;
    let table = page.text(".sk-trie-view table");
    assert!(table.contains("apple"), "{table}");
    page.unmount();
}

#[wasm_bindgen_test]
async fn the_form_refuses_out_of_range_and_accepts_a_good_value() {
    let page = mount_lab::<SketchesLab>("#/lab/sketches?mode=trie").await;
    let before = location_hash();
    type_into(&page.host, "#sk-k", "11");
    settle().await;
    let error = page.text(".fields-form .field-error");
    assert!(error.contains("k:") && error.contains("10"), "{error}");
    assert_eq!(location_hash(), before, "a refused value changes nothing");
    type_into(&page.host, "#sk-k", "2");
    wait_until(&page.host, |_| location_hash().contains("k=2")).await;
    assert_eq!(page.count(".fields-form .field-error"), 0);
    page.unmount();
}

#[wasm_bindgen_test]
async fn a_logged_query_appends_its_insert() {
    let page = mount_lab::<SketchesLab>("#/lab/sketches?mode=trie").await;
    let (_, before) = step_of(&page.host);
    type_into(&page.host, "#sk-q-text", "apricot");
    type_into(&page.host, "#sk-q-count", "500");
    click(&page.host, "form.sk-action button[type=submit]");
    wait_until(&page.host, |h| step_of(h).1 != before).await;
    assert_eq!(step_of(&page.host).1, before + 1);
    assert!(
        location_hash().contains("a=q%3Aapricot%2A500"),
        "{}",
        location_hash()
    );
    page.unmount();
}

#[wasm_bindgen_test]
async fn embed_mode_invites_no_edit() {
    let page = mount_lab::<SketchesLab>("#/lab/sketches?mode=bloom&embed=1").await;
    assert_eq!(page.count(".fields-form"), 0);
    assert_eq!(page.count("form.sk-action"), 0);
    assert_eq!(page.count("svg.sk-bits"), 1);
    page.unmount();
}
