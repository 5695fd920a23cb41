//! The identifier view in headless Chromium (`--features testing`): every mode draws its parts,
//! the base62 mode opens on “8M0kX”, the strip has 64 bits, the generated form refuses
//! out-of-range values, a clock jump appends steps, and embed mode invites no edit.
#![cfg(all(target_arch = "wasm32", feature = "testing"))]

use sdp_kit::lab::Contract;
use sdp_kit_web::dom::location_hash;
use sdp_kit_web::testing::{click, mount_lab, settle, step_of, type_into, wait_until};
use sdp_lab_ids::IdsLab;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Steps in the trace of `query`'s scenario (read the way the page reads it).
fn steps(query: &str) -> usize {
    let (s, problems) = IdsLab::from_query(&sdp_kit::query::parse(query));
    assert!(problems.is_empty(), "{problems:?}");
    IdsLab::run(&s).unwrap().len()
}

#[wasm_bindgen_test]
async fn every_mode_draws_its_picture_at_the_last_step() {
    for (mode, selector) in [
        ("base62", ".ids-summary"),
        ("snowflake", ".ids-merged"),
        ("ulid", ".ids-life"),
        ("hash-prefix", ".ids-birthday"),
        ("ranges", ".ids-servers"),
        ("pregen", ".ids-gauge"),
        ("compare", ".ids-schemes"),
        ("node-ids", ".ids-nodes-ids"),
    ] {
        let n = steps(&format!("mode={mode}"));
        let page = mount_lab::<IdsLab>(&format!("#/lab/ids?mode={mode}&step={n}")).await;
        assert_eq!(page.count(selector), 1, "{mode}: {selector}");
        assert_eq!(step_of(&page.host), (n, n), "{mode}");
        page.unmount();
    }
}

#[wasm_bindgen_test]
async fn base62_divides_to_8m0kx_and_names_the_other_order() {
    let page = mount_lab::<IdsLab>("#/lab/ids?mode=base62&step=6").await;
    assert_eq!(page.count(".ids-div tbody tr"), 5);
    assert_eq!(page.text(".ids-code"), "8M0kX");
    page.unmount();
    let n = steps("mode=base62");
    let page = mount_lab::<IdsLab>(&format!("#/lab/ids?mode=base62&step={n}")).await;
    let summary = page.text(".ids-summary");
    assert!(
        summary.contains("iwaUH") && summary.contains("895,837,181"),
        "{summary}"
    );
    page.unmount();
}

#[wasm_bindgen_test]
async fn the_snowflake_strip_has_64_coloured_bits() {
    let page = mount_lab::<IdsLab>("#/lab/ids?mode=snowflake&step=2").await;
    assert_eq!(page.count(".ids-strip .bit"), 64);
    assert_eq!(page.count(".ids-strip .f-time"), 41);
    assert_eq!(page.count(".ids-strip .f-seq"), 12);
    assert!(
        page.text(".ids-strip-box figcaption")
            .contains("529448671641773266")
    );
    page.unmount();
}

#[wasm_bindgen_test]
async fn the_form_refuses_out_of_range_and_accepts_a_good_value() {
    let page = mount_lab::<IdsLab>("#/lab/ids?mode=base62").await;
    let before = location_hash();
    type_into(&page.host, "#ids-pad", "12");
    settle().await;
    let error = page.text(".fields-form .field-error");
    assert!(error.contains("pad:") && error.contains("11"), "{error}");
    assert_eq!(location_hash(), before, "a refused value changes nothing");
    type_into(&page.host, "#ids-pad", "7");
    wait_until(&page.host, |_| location_hash().contains("pad=7")).await;
    assert_eq!(page.count(".fields-form .field-error"), 0);
    page.unmount();
}

#[wasm_bindgen_test]
async fn a_clock_jump_appends_its_steps() {
    let page = mount_lab::<IdsLab>("#/lab/ids?mode=snowflake&policy=error&detailed=0").await;
    let (_, before) = step_of(&page.host);
    type_into(&page.host, "#ids-jump-node", "1");
    type_into(&page.host, "#ids-jump-at", "4");
    type_into(&page.host, "#ids-jump-back", "10");
    click(&page.host, "form.ids-action button[type=submit]");
    wait_until(&page.host, |h| step_of(h).1 != before).await;
    assert!(
        step_of(&page.host).1 > before,
        "the refusals are remarkable steps"
    );
    assert!(
        location_hash().contains("a=back%3A1%404%3A10"),
        "{}",
        location_hash()
    );
    page.unmount();
}

#[wasm_bindgen_test]
async fn a_jump_on_a_missing_node_is_refused_with_the_range() {
    let page = mount_lab::<IdsLab>("#/lab/ids?mode=snowflake").await;
    let before = location_hash();
    type_into(&page.host, "#ids-jump-node", "5");
    click(&page.host, "form.ids-action button[type=submit]");
    settle().await;
    assert!(page.text(".ids-action .field-error").contains("0–1"));
    assert_eq!(location_hash(), before);
    page.unmount();
}

#[wasm_bindgen_test]
async fn embed_mode_invites_no_edit() {
    let page = mount_lab::<IdsLab>("#/lab/ids?mode=snowflake&embed=1&step=2").await;
    assert_eq!(page.count(".fields-form"), 0);
    assert_eq!(page.count("form.ids-action"), 0);
    assert_eq!(page.count(".ids-strip"), 1);
    page.unmount();
}

#[wasm_bindgen_test]
async fn a_crash_appends_nothing_but_loses_the_range() {
    let page = mount_lab::<IdsLab>("#/lab/ids?mode=ranges&ticks=10").await;
    let (_, before) = step_of(&page.host);
    type_into(&page.host, "#ids-crash-server", "1");
    type_into(&page.host, "#ids-crash-at", "4");
    click(&page.host, "form.ids-action button[type=submit]");
    wait_until(&page.host, |_| location_hash().contains("a=crash%3A1%404")).await;
    assert_eq!(step_of(&page.host).1, before, "a tick per step either way");
    settle().await;
    assert!(
        page.text(".narration").contains("server 1 crashed"),
        "{}",
        page.text(".narration")
    );
    page.unmount();
}

#[wasm_bindgen_test]
async fn the_hash_prefix_marks_the_seven_characters() {
    let page = mount_lab::<IdsLab>("#/lab/ids?mode=hash-prefix").await;
    assert_eq!(page.text(".ids-digest .prefix"), "c984d06");
    page.unmount();
}
