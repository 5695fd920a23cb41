//! Design walkthroughs in headless Chromium, mounted for real (live estimate with a bad input,
//! flow player, unknown id) and the page's URL reader. The pure view model is tested natively
//! in `tests/layout.rs`; the index (`#/designs`, web/home.js) in the e2e tests.
//!
//! The pages fetch their design's data file; this runner serves none, so the tests keep the
//! embedded designs (feature `embed`) in the view's cache first, all but [`UNFETCHED`], whose
//! page shows the download error and then, once the design is there, Retry opens it.
#![cfg(all(target_arch = "wasm32", feature = "testing"))]

use sdp_designs::url::page_hash;
use sdp_designs::view::DesignsApp;
use sdp_designs::view::data::keep_design;
use sdp_designs::view::page::load;
use sdp_kit_web::dom::location_hash;
use sdp_kit_web::testing::{Mounted, click, count, mount, settle, text, type_into, wait_until};
use std::collections::BTreeMap;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn design(id: &str) -> &'static sdp_designs::Design {
    sdp_designs::design(id).expect(id)
}

/// The one design the tests leave out of the view's cache (its download fails here).
const UNFETCHED: &str = "web-crawler";

/// Opens `hash` with every design but [`UNFETCHED`] already in the view's cache, once its page
/// (or the not-found page) is drawn.
async fn open(hash: &str) -> Mounted<DesignsApp> {
    for d in sdp_designs::designs().iter().filter(|d| d.id != UNFETCHED) {
        keep_design(d);
    }
    let page = mount::<DesignsApp>(hash).await;
    wait_until(&page.host, |h| {
        h.query_selector(".designs-page, .not-found, .designs-load-error")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    page
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
async fn editing_an_input_recomputes_and_a_bad_value_keeps_the_others() {
    let page = open("#/design/url-shortener").await;
    let qps = "#designs-fig-write_qps .designs-value";
    let storage = "#designs-fig-storage_per_year .designs-value";
    assert_eq!(text(&page.host, qps), "1.16 K/s");
    type_into(&page.host, "#designs-in-urls_per_day", "200");
    settle().await;
    assert_eq!(text(&page.host, qps), "2.31 K/s");
    let storage_200 = text(&page.host, storage);
    assert!(location_hash().contains("in.urls_per_day=200"));
    // A bad value: message on that field, the figures keep their last valid values.
    type_into(&page.host, "#designs-in-urls_per_day", "-7");
    settle().await;
    let err = text(&page.host, "#designs-in-urls_per_day-error");
    assert!(err.contains("must not be negative"), "{err}");
    assert_eq!(text(&page.host, qps), "2.31 K/s");
    assert_eq!(text(&page.host, storage), storage_200);
    assert!(count(&page.host, ".designs-figure.stale") >= 1);
    // Another field still works while this one is wrong.
    type_into(&page.host, "#designs-in-bytes_per_url", "1000");
    settle().await;
    assert_ne!(text(&page.host, storage), storage_200);
    // A wrong figure elsewhere shows the document's number and the correction.
    page.unmount();
    let page = open("#/design/proximity-service").await;
    let card = text(&page.host, "#designs-fig-cell_width");
    assert!(card.contains("the document is wrong"), "{card}");
    assert!(
        card.contains("2.4 km") && card.contains("4.89 km"),
        "{card}"
    );
    page.unmount();
}

#[wasm_bindgen_test]
async fn a_flow_steps_forward_and_back_with_the_url() {
    let page = open("#/design/url-shortener?flow=redirect-miss&step=2").await;
    assert!(text(&page.host, ".counter").starts_with("Step 2 of 9"));
    assert_eq!(count(&page.host, ".designs-box.designs-active"), 2);
    assert_eq!(count(&page.host, ".designs-trail"), 1);
    click(&page.host, "button[aria-label='Step forward']");
    settle().await;
    assert!(text(&page.host, ".counter").starts_with("Step 3 of 9"));
    assert_eq!(count(&page.host, ".designs-trail"), 2);
    assert!(text(&page.host, ".designs-message").contains("GET q9Zr2xA"));
    assert!(location_hash().contains("flow=redirect-miss"));
    assert!(location_hash().contains("step=3"));
    click(&page.host, "button[aria-label='Step back']");
    settle().await;
    assert!(text(&page.host, ".counter").starts_with("Step 2 of 9"));
    // Picking another flow starts it at its first step.
    click(&page.host, "#designs-flow-create");
    settle().await;
    assert_eq!(text(&page.host, ".counter"), "Step 1 of 8");
    assert!(location_hash().contains("flow=create"));
    page.unmount();
}

#[wasm_bindgen_test]
async fn an_unknown_design_suggests_the_closest() {
    let page = open("#/design/url-shortner").await;
    assert!(text(&page.host, ".not-found").contains("There is no design called “url-shortner”"));
    assert!(
        page.host
            .query_selector(".designs-suggest a[href='#/design/url-shortener']")
            .unwrap()
            .is_some()
    );
    assert_eq!(
        count(&page.host, ".designs-card") as usize,
        sdp_designs::light::entries().len()
    );
    page.unmount();
}

#[wasm_bindgen_test]
async fn a_design_whose_data_does_not_download_says_so_and_retry_opens_it() {
    let page = open(&format!("#/design/{UNFETCHED}")).await;
    let shown = text(&page.host, ".designs-load-error");
    assert!(shown.contains("Web Crawler"), "{shown}");
    assert!(shown.contains("could not be loaded"), "{shown}");
    assert_eq!(count(&page.host, ".designs-page"), 0);
    // Retry while the download still fails: the message again.
    click(&page.host, ".designs-retry");
    settle().await;
    wait_until(&page.host, |h| {
        h.query_selector(".designs-load-error")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    // Once the design can be had, Retry opens the page.
    keep_design(design(UNFETCHED));
    click(&page.host, ".designs-retry");
    wait_until(&page.host, |h| {
        h.query_selector("#designs-title").ok().flatten().is_some()
    })
    .await;
    assert!(text(&page.host, "#designs-title").starts_with("Web Crawler"));
    assert_eq!(count(&page.host, ".designs-load-error"), 0);
    page.unmount();
}
