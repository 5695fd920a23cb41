//! The web crate in headless Chromium: routes, the player, and the hash-ring page mounted for real.

use sdp_web::route::{PlayerQuery, Route};
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::platform::time::sleep;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    gloo::utils::document()
}

/// Mounts the app in a fresh element after setting the hash, and waits for it to render.
async fn mount(hash: &str) -> web_sys::Element {
    sdp_web::dom::replace_hash(hash);
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    yew::Renderer::<sdp_web::App>::with_root(host.clone()).render();
    sleep(Duration::from_millis(100)).await;
    host
}

fn text(host: &web_sys::Element, selector: &str) -> String {
    host.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn click(host: &web_sys::Element, label: &str) {
    let button = host
        .query_selector(&format!("button[aria-label='{label}']"))
        .unwrap()
        .expect(label);
    button.dyn_into::<web_sys::HtmlElement>().unwrap().click();
}

#[wasm_bindgen_test]
fn routes_parse_in_the_browser() {
    assert_eq!(
        Route::parse("#/lab/hash-ring?step=3"),
        Route::Lab {
            id: "hash-ring".into(),
            query: "step=3".into()
        }
    );
    assert_eq!(Route::parse("#/designs"), Route::Designs);
    let q = PlayerQuery::read(&sdp_core::query::parse("step=x&embed=1"));
    assert_eq!((q.step, q.embed, q.errors.len()), (None, true, 1));
}

#[wasm_bindgen_test]
async fn hash_ring_steps_forward_and_back_and_keeps_the_url() {
    let host =
        mount("#/lab/hash-ring?servers=3&vnodes=10&keys=50&detailed=1&format=f0&seed=1&step=2")
            .await;
    assert_eq!(
        text(&host, ".counter"),
        format!("Step 2 of {}", counter_total(&host))
    );
    click(&host, "Step forward");
    sleep(Duration::from_millis(50)).await;
    assert!(text(&host, ".counter").starts_with("Step 3 of"));
    assert!(
        sdp_web::dom::location_hash().contains("step=3"),
        "{}",
        sdp_web::dom::location_hash()
    );
    click(&host, "Step back");
    click(&host, "Step back");
    sleep(Duration::from_millis(50)).await;
    assert!(text(&host, ".counter").starts_with("Step 1 of"));
    // Step 1 narrates the empty ring, for 3 servers with 10 vnodes.
    assert!(text(&host, ".narration").contains("3 servers will join with 10 virtual nodes"));
    host.remove();
}

fn counter_total(host: &web_sys::Element) -> String {
    text(host, ".counter")
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_string()
}

#[wasm_bindgen_test]
async fn junk_in_the_url_shows_a_message_and_defaults() {
    let host = mount("#/lab/hash-ring?servers=9999&vnodes=abc").await;
    let messages = text(&host, ".messages");
    assert!(
        messages.contains("servers: must be between 1 and 64 (got 9999)"),
        "{messages}"
    );
    assert!(
        messages.contains("vnodes: must be between 1 and 500 (got abc)"),
        "{messages}"
    );
    assert!(text(&host, ".counter").starts_with("Step 1 of"));
    host.remove();
}

#[wasm_bindgen_test]
async fn unknown_lab_gives_a_friendly_page() {
    let host = mount("#/lab/no-such-lab").await;
    assert!(text(&host, ".not-found").contains("There is no lab called “no-such-lab”"));
    assert!(
        host.query_selector("a[href='#/lab/hash-ring']")
            .unwrap()
            .is_some()
    );
    host.remove();
}
