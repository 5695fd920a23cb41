//! The hash-ring view in headless Chromium: its page mounted for real (`--features testing`).
#![cfg(all(target_arch = "wasm32", feature = "testing"))]

use sdp_kit_web::dom::location_hash;
use sdp_kit_web::testing::{click_button, mount_lab, settle, step_of, text};
use sdp_lab_hash_ring::HashRingLab;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn hash_ring_steps_forward_and_back_and_keeps_the_url() {
    let page = mount_lab::<HashRingLab>(
        "#/lab/hash-ring?servers=3&vnodes=10&keys=50&detailed=1&format=f0&seed=1&step=2",
    )
    .await;
    let (k, total) = step_of(&page.host);
    assert_eq!(k, 2);
    click_button(&page.host, "Step forward");
    settle().await;
    assert_eq!(step_of(&page.host), (3, total));
    assert!(location_hash().contains("step=3"), "{}", location_hash());
    click_button(&page.host, "Step back");
    click_button(&page.host, "Step back");
    settle().await;
    assert_eq!(step_of(&page.host).0, 1);
    // Step 1 narrates the empty ring, for 3 servers with 10 vnodes.
    assert!(
        page.text(".narration")
            .contains("3 servers will join with 10 virtual nodes")
    );
    assert_eq!(page.count("canvas.ring"), 1);
    page.unmount();
}

#[wasm_bindgen_test]
async fn junk_in_the_url_shows_a_message_and_defaults() {
    let page = mount_lab::<HashRingLab>("#/lab/hash-ring?servers=9999&vnodes=abc").await;
    let messages = text(&page.host, ".messages");
    assert!(
        messages.contains("servers: must be between 1 and 64 (got 9999)"),
        "{messages}"
    );
    assert!(
        messages.contains("vnodes: must be between 1 and 500 (got abc)"),
        "{messages}"
    );
    assert_eq!(step_of(&page.host).0, 1);
    page.unmount();
}

#[wasm_bindgen_test]
async fn an_action_from_the_controls_lands_on_its_first_step() {
    let page = mount_lab::<HashRingLab>(
        "#/lab/hash-ring?servers=2&vnodes=5&keys=20&detailed=0&format=f0&seed=3",
    )
    .await;
    let (_, before) = step_of(&page.host);
    sdp_kit_web::testing::type_into(&page.host, "#add-server", "edge:1");
    sdp_kit_web::testing::click(&page.host, "form.action button[type=submit]");
    settle().await;
    let (k, total) = step_of(&page.host);
    assert!(total > before, "{before} → {total}");
    assert_eq!(k, before + 1, "the player shows the action's first step");
    assert!(
        location_hash().contains("a=add%3Aedge%3A1"),
        "{}",
        location_hash()
    );
    page.unmount();
}

#[wasm_bindgen_test]
async fn embed_mode_has_no_controls() {
    let page = mount_lab::<HashRingLab>("#/lab/hash-ring?embed=1&step=2").await;
    assert_eq!(page.count(".lab-controls"), 0);
    assert_eq!(page.count(".site-header"), 0);
    assert_eq!(page.count(".open-full"), 1);
    assert_eq!(step_of(&page.host).0, 2);
    page.unmount();
}
