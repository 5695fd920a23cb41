//! The rate-limiter view in headless Chromium (`--features testing`): every mode mounts and draws,
//! stepping moves the decision table and the headers, a request added by hand lands on its step,
//! and embed mode invites no edit.
#![cfg(all(target_arch = "wasm32", feature = "testing"))]

use sdp_kit_web::dom::location_hash;
use sdp_kit_web::testing::{
    click, click_button, mount_lab, settle, step_of, type_into, wait_until,
};
use sdp_lab_rate_limiter::RateLimiterLab;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn compare_steps_through_the_boundary_burst() {
    let page = mount_lab::<RateLimiterLab>("#/lab/rate-limiter?step=201").await;
    assert_eq!(step_of(&page.host), (201, 201));
    assert_eq!(page.count("canvas.rl-lanes-canvas"), 1);
    assert_eq!(
        page.count(".rl-table tbody tr"),
        6,
        "one row per default lane"
    );
    let row = page.text(".rl-table tr.narrated");
    assert!(
        row.contains("200 of 200"),
        "the aligned window admits 200 across the boundary: {row}"
    );
    assert!(page.text(".rl-headers").contains("X-RateLimit-Limit: 100"));
    click_button(&page.host, "Reset");
    settle().await;
    assert_eq!(page.count(".rl-table"), 0, "no request decided at step 1");
    page.unmount();
}

#[wasm_bindgen_test]
async fn the_headers_example_reads_remaining_47() {
    let page = mount_lab::<RateLimiterLab>(
        "#/lab/rate-limiter?mode=compare&traffic=headers-example&capacity=100&rate=10&lanes=token&narrate=token&step=54",
    )
    .await;
    let headers = page.text(".rl-headers");
    assert!(headers.contains("X-RateLimit-Remaining: 47"), "{headers}");
    assert!(
        headers.contains("X-RateLimit-Reset: 1704067205"),
        "{headers}"
    );
    page.unmount();
}

#[wasm_bindgen_test]
async fn a_request_added_by_hand_lands_on_its_step() {
    let page = mount_lab::<RateLimiterLab>(
        "#/lab/rate-limiter?mode=compare&traffic=leak-example&capacity=5&rate=10&lanes=leaky-doc,leaky&narrate=leaky",
    )
    .await;
    let (_, before) = step_of(&page.host);
    type_into(&page.host, "#rl-at", "3");
    type_into(&page.host, "#rl-count", "2");
    click(&page.host, "form.rl-add button[type=submit]");
    wait_until(&page.host, |h| step_of(h).1 != before).await;
    let (k, total) = step_of(&page.host);
    assert_eq!(total, before + 2);
    assert_eq!(
        k,
        before + 1,
        "lands on the first new request (the last in time)"
    );
    assert!(
        location_hash().contains("a=req%3A3%2A2"),
        "{}",
        location_hash()
    );
    page.unmount();
}

#[wasm_bindgen_test]
async fn tiers_and_datacenters_draw_their_parts() {
    let page = mount_lab::<RateLimiterLab>("#/lab/rate-limiter?mode=tiers&step=150").await;
    assert!(
        page.text(".rl-meters")
            .contains("Rate limit exceeded for ip")
    );
    assert_eq!(page.count(".rl-tier-lanes svg"), 1);
    page.unmount();
    let page = mount_lab::<RateLimiterLab>("#/lab/rate-limiter?mode=datacenters&step=601").await;
    assert_eq!(page.count(".rl-dc-chart polyline"), 3);
    assert!(
        page.text(".rl-dcs table").contains("allowed")
            || page.text(".rl-dcs table").contains("rejected")
    );
    page.unmount();
}

#[wasm_bindgen_test]
async fn embed_mode_invites_no_edit() {
    let page = mount_lab::<RateLimiterLab>("#/lab/rate-limiter?embed=1&step=3").await;
    assert_eq!(page.count(".lab-controls"), 0);
    assert_eq!(
        page.count("canvas.rl-lanes-canvas.pick"),
        0,
        "the lanes are not clickable"
    );
    assert!(!page.text("figcaption").contains("Click the lanes"));
    page.unmount();
}
