//! The locks view in headless Chromium (`--features testing`): every mode draws its parts, the
//! fencing timeline rejects the stale write, the generated form refuses out-of-range values, a
//! pause added by hand lands in the URL, and embed mode invites no edit.
#![cfg(all(target_arch = "wasm32", feature = "testing"))]

use sdp_kit::lab::Contract;
use sdp_kit_web::dom::location_hash;
use sdp_kit_web::testing::{click, mount_lab, settle, step_of, type_into, wait_until};
use sdp_lab_locks::LocksLab;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn steps(query: &str) -> usize {
    let (s, problems) = LocksLab::from_query(&sdp_kit::query::parse(query));
    assert!(problems.is_empty(), "{problems:?}");
    LocksLab::run(&s).unwrap().len()
}

#[wasm_bindgen_test]
async fn every_mode_draws_its_picture_at_the_last_step() {
    for (query, selector) in [
        ("mode=fencing&a=pause:A@2:33", ".lk-stores"),
        ("mode=redis&a=pause:A@2:33", ".lk-lock"),
        ("mode=optimistic", ".lk-seq"),
        ("mode=redlock&a=pause:A@1000:56000", ".lk-masters"),
        ("mode=renewal&a=pause:A@25:40", ".lk-ttl"),
        ("mode=claims", ".lk-jobs"),
        ("mode=bookings", ".lk-grid"),
        ("mode=bookings&flow=hold", ".lk-seat"),
    ] {
        let n = steps(query);
        let page = mount_lab::<LocksLab>(&format!("#/lab/locks?{query}&step={n}")).await;
        assert_eq!(page.count(selector), 1, "{query}: {selector}");
        assert_eq!(page.count(".lk-summary"), 1, "{query}");
        assert_eq!(step_of(&page.host), (n, n), "{query}");
        page.unmount();
    }
}

#[wasm_bindgen_test]
async fn the_fencing_timeline_marks_three_rejected_writes() {
    let n = steps("mode=fencing&a=pause:A@2:33");
    let page =
        mount_lab::<LocksLab>(&format!("#/lab/locks?mode=fencing&a=pause:A@2:33&step={n}")).await;
    assert_eq!(page.count(".lk-timeline .w.rejected"), 3);
    assert_eq!(page.count(".lk-timeline .gc"), 1);
    assert!(page.text(".lk-rejected").contains("3"));
    page.unmount();
}

#[wasm_bindgen_test]
async fn the_form_refuses_out_of_range_and_accepts_a_good_value() {
    let page = mount_lab::<LocksLab>("#/lab/locks?mode=fencing").await;
    let before = location_hash();
    type_into(&page.host, "#lk-ttl", "301");
    settle().await;
    let error = page.text(".fields-form .field-error");
    assert!(error.contains("ttl:") && error.contains("300"), "{error}");
    assert_eq!(location_hash(), before, "a refused value changes nothing");
    type_into(&page.host, "#lk-ttl", "20");
    wait_until(&page.host, |_| location_hash().contains("ttl=20")).await;
    page.unmount();
}

#[wasm_bindgen_test]
async fn a_pause_added_by_hand_lands_in_the_url_and_a_bad_one_is_refused() {
    let page = mount_lab::<LocksLab>("#/lab/locks?mode=fencing").await;
    let before = location_hash();
    type_into(&page.host, "#lk-pause-client", "Z");
    click(&page.host, "form.lk-action button[type=submit]");
    settle().await;
    assert!(page.text(".lk-action .field-error").contains("A–B"));
    assert_eq!(location_hash(), before);
    type_into(&page.host, "#lk-pause-client", "A");
    type_into(&page.host, "#lk-pause-at", "2");
    type_into(&page.host, "#lk-pause-len", "33");
    click(&page.host, "form.lk-action button[type=submit]");
    wait_until(&page.host, |_| {
        location_hash().contains("a=pause%3AA%402%3A33")
    })
    .await;
    page.unmount();
}

#[wasm_bindgen_test]
async fn an_action_typed_in_lands_in_the_url_and_a_bad_one_is_refused() {
    let page = mount_lab::<LocksLab>("#/lab/locks?mode=redlock").await;
    let before = location_hash();
    type_into(&page.host, "#lk-action-text", "crash:M9@0:100");
    click(&page.host, "form.lk-action button[type=submit]");
    settle().await;
    assert!(page.text(".lk-action .field-error").contains("M1–M5"));
    assert_eq!(location_hash(), before);
    type_into(&page.host, "#lk-action-text", "jump:M3@5000:30000");
    click(&page.host, "form.lk-action button[type=submit]");
    wait_until(&page.host, |_| {
        location_hash().contains("a=jump%3AM3%405000%3A30000")
    })
    .await;
    page.unmount();
}

#[wasm_bindgen_test]
async fn the_clock_jump_schedule_is_drawn_broken() {
    let q = "mode=redlock&work=29000&a=crash:M4@0:20000&a=crash:M5@0:20000&a=jump:M3@5000:30000";
    let n = steps(q);
    let page = mount_lab::<LocksLab>(&format!("#/lab/locks?{q}&step={n}")).await;
    assert_eq!(page.count(".lk-summary.lk-broken"), 1);
    assert_eq!(page.count(".lk-master"), 5);
    page.unmount();
}

#[wasm_bindgen_test]
async fn embed_mode_invites_no_edit() {
    let page = mount_lab::<LocksLab>("#/lab/locks?mode=redis&embed=1&step=2").await;
    assert_eq!(page.count(".fields-form"), 0);
    assert_eq!(page.count("form.lk-action"), 0);
    assert_eq!(page.count(".lk-timeline"), 1);
    page.unmount();
}
