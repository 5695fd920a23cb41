//! The caching view in headless Chromium (`--features testing`): every mode draws its parts at
//! its last step, the generated form refuses out-of-range values with the reader's message and
//! accepts good ones, a typed key appends a step, and embed mode invites no edit.
#![cfg(all(target_arch = "wasm32", feature = "testing"))]

use sdp_kit::lab::Contract;
use sdp_kit_web::dom::location_hash;
use sdp_kit_web::testing::{click, mount_lab, settle, step_of, type_into, wait_until};
use sdp_lab_caching::CachingLab;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Steps in the trace of `query`'s scenario (read the way the page reads it).
fn steps(query: &str) -> usize {
    let (s, problems) = CachingLab::from_query(&sdp_kit::query::parse(query));
    assert!(problems.is_empty(), "{problems:?}");
    CachingLab::run(&s).unwrap().len()
}

#[wasm_bindgen_test]
async fn every_mode_draws_its_picture() {
    for (mode, selector) in [
        ("eviction", ".ca-sweep"),
        ("strategies", ".ca-seq svg"),
        ("ttl", ".ca-ttl-chart svg"),
        ("stampede", ".ca-stampede-chart svg"),
        ("multi-level", ".ca-levels"),
        ("hot-keys", ".ca-shards svg"),
        ("cdn", ".ca-tiers-table"),
        ("negative", ".ca-neg-table"),
    ] {
        let n = steps(&format!("mode={mode}"));
        let page = mount_lab::<CachingLab>(&format!("#/lab/caching?mode={mode}&step={n}")).await;
        assert!(page.count(selector) >= 1, "{mode}: {selector}");
        assert_eq!(step_of(&page.host), (n, n), "{mode}");
        page.unmount();
    }
}

#[wasm_bindgen_test]
async fn the_lfu_card_shows_its_buckets_at_the_last_access() {
    let page = mount_lab::<CachingLab>("#/lab/caching?step=7").await;
    assert_eq!(page.count(".ca-card"), 5);
    let lfu = page.text(".ca-card.narrated");
    assert!(
        lfu.contains("freq 1 (min)") && lfu.contains("freq 2"),
        "{lfu}"
    );
    assert!(lfu.contains("evicted a"), "{lfu}");
    page.unmount();
}

#[wasm_bindgen_test]
async fn the_strategies_table_has_four_rows_and_the_race_is_stale() {
    let n = steps("mode=strategies");
    let page = mount_lab::<CachingLab>(&format!("#/lab/caching?mode=strategies&step={n}")).await;
    assert_eq!(page.count(".ca-strats tbody tr"), 4);
    assert!(
        page.count(".ca-strats tr.narrated td.bad") >= 1,
        "cache-aside reads stale"
    );
    assert!(page.count(".ca-msg") >= 1);
    page.unmount();
}

#[wasm_bindgen_test]
async fn the_form_refuses_out_of_range_and_accepts_a_good_value() {
    let page = mount_lab::<CachingLab>("#/lab/caching").await;
    let before = location_hash();
    type_into(&page.host, "#ca-capacity", "0");
    settle().await;
    let error = page.text(".fields-form .field-error");
    assert!(
        error.contains("capacity:") && error.contains("10000"),
        "{error}"
    );
    assert_eq!(location_hash(), before, "a refused value changes nothing");
    type_into(&page.host, "#ca-capacity", "3");
    wait_until(&page.host, |_| location_hash().contains("capacity=3")).await;
    assert_eq!(page.count(".fields-form .field-error"), 0);
    page.unmount();
}

#[wasm_bindgen_test]
async fn a_typed_key_appends_its_access() {
    let page = mount_lab::<CachingLab>("#/lab/caching").await;
    let (_, before) = step_of(&page.host);
    type_into(&page.host, "#ca-get", "zed");
    click(&page.host, "form.ca-action button[type=submit]");
    wait_until(&page.host, |h| step_of(h).1 != before).await;
    assert_eq!(step_of(&page.host).1, before + 1);
    assert!(
        location_hash().contains("a=get%3Azed"),
        "{}",
        location_hash()
    );
    page.unmount();
}

#[wasm_bindgen_test]
async fn embed_mode_invites_no_edit() {
    let page = mount_lab::<CachingLab>("#/lab/caching?mode=strategies&embed=1").await;
    assert_eq!(page.count(".fields-form"), 0);
    assert_eq!(page.count("form.ca-action"), 0);
    assert_eq!(page.count(".ca-seq svg"), 1);
    page.unmount();
}

#[wasm_bindgen_test]
async fn a_detailed_negative_lookup_marks_its_k_bits() {
    let page = mount_lab::<CachingLab>("#/lab/caching?mode=negative&step=3").await;
    assert_eq!(page.count(".ca-bit-mark"), 3, "F4's k = 3");
    assert_eq!(page.count(".ca-neg-table tbody tr"), 4);
    assert!(
        page.text(".ca-fp").contains("1.74 %"),
        "{}",
        page.text(".ca-fp")
    );
    page.unmount();
}
