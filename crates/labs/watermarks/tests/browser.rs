//! The watermarks page in headless Chromium, mounted for real (canvases, the injection form and
//! the landing after it, window types and the other two modes). The pure view model is tested
//! natively in `tests/layout.rs`.
#![cfg(all(target_arch = "wasm32", feature = "testing"))]

use sdp_kit_web::dom::location_hash;
use sdp_kit_web::testing::{
    attr, click, element, mount_lab, set_select, settle, step_of, text, type_into, wait_until,
};
use sdp_lab_watermarks::WatermarksLab;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_page_draws_the_plot_lanes_and_windows() {
    let page = mount_lab::<WatermarksLab>("#/lab/watermarks?step=31").await;
    assert_eq!(step_of(&page.host).0, 31);
    let plot = attr(
        &page.host,
        ".watermarks-plot canvas.watermarks-canvas",
        "aria-label",
    );
    assert!(plot.contains("Global watermark 10:00:11.022"), "{plot}");
    assert!(plot.contains("Partition watermarks: P0"), "{plot}");
    let windows = attr(&page.host, ".watermarks-windows canvas", "aria-label");
    assert!(windows.contains("tumbling 5 s"), "{windows}");
    assert!(windows.contains("fired and kept"), "{windows}");
    // The canvases were sized for the device and drawn.
    let canvas: web_sys::HtmlCanvasElement =
        element(&page.host, ".watermarks-plot canvas.watermarks-canvas")
            .dyn_into()
            .unwrap();
    assert!(canvas.width() > 200 && canvas.height() > 200);
    assert!(text(&page.host, ".watermarks-results").contains("Results emitted"));
    assert!(
        text(&page.host, ".watermarks-compare")
            .contains("windows fired in both give different counts")
    );
    assert!(text(&page.host, ".watermarks-partitions").contains("global watermark = min over"));
    // The two kinds of lateness are separate controls, with the note.
    assert!(
        page.host
            .query_selector("[id='field-out-of-orderness-bound-(ms)']")
            .unwrap()
            .is_some()
    );
    assert!(text(&page.host, ".watermarks-lateness").contains("uses one word"));
    page.unmount();
}

#[wasm_bindgen_test]
async fn a_malformed_time_keeps_the_text_and_a_good_one_jumps_to_its_arrival() {
    let page = mount_lab::<WatermarksLab>("#/lab/watermarks?step=20").await;
    let before = step_of(&page.host).1;
    type_into(&page.host, "#watermarks-inject-time", "10:6x:00");
    click(&page.host, ".watermarks-inject-form button[type=submit]");
    settle().await;
    let error = text(&page.host, ".watermarks-inject .field-error");
    assert!(error.contains("“10:6x:00” is not a time"), "{error}");
    let input: web_sys::HtmlInputElement = element(&page.host, "#watermarks-inject-time")
        .dyn_into()
        .unwrap();
    assert_eq!(input.value(), "10:6x:00", "the text is kept");
    assert_eq!(step_of(&page.host).1, before, "nothing injected");
    // A good time: one more event, and the player shows its arrival.
    type_into(&page.host, "#watermarks-inject-time", "10:00:01");
    click(&page.host, ".watermarks-inject-form button[type=submit]");
    wait_until(&page.host, |h| step_of(h).0 == 21).await;
    assert_eq!(step_of(&page.host).1, before + 1);
    assert!(text(&page.host, ".watermarks-inject .field-error").is_empty());
    let narration = text(&page.host, ".narration");
    assert!(
        narration.contains("injected") && narration.contains("event time 10:00:01 "),
        "{narration}"
    );
    assert_eq!(
        step_of(&page.host).0,
        21,
        "the event arrives right after step 20"
    );
    assert!(
        location_hash().contains("a=10%3A00%3A01%40"),
        "{}",
        location_hash()
    );
    page.unmount();
}

#[wasm_bindgen_test]
async fn switching_the_window_type_changes_the_bands() {
    let page = mount_lab::<WatermarksLab>("#/lab/watermarks?step=30").await;
    let before = attr(&page.host, ".watermarks-windows canvas", "aria-label");
    assert!(before.contains("tumbling"));
    set_select(&page.host, "#watermarks-window", "sliding");
    settle().await;
    settle().await;
    let after = attr(&page.host, ".watermarks-windows canvas", "aria-label");
    assert!(after.contains("sliding 5 s every 1 s"), "{after}");
    assert!(text(&page.host, ".watermarks-windows h3").contains("sliding"));
    set_select(&page.host, "#watermarks-window", "session");
    settle().await;
    settle().await;
    let session = attr(&page.host, ".watermarks-windows canvas", "aria-label");
    assert!(session.contains("session, gap 2 s"), "{session}");
    assert!(text(&page.host, ".watermarks-compare").contains("Sessions are cut by gaps"));
    page.unmount();
}

#[wasm_bindgen_test]
async fn checkpoint_and_backpressure_modes_draw_their_graphs() {
    let page = mount_lab::<WatermarksLab>("#/lab/watermarks?mode=checkpoint&step=30").await;
    let failure = text(&page.host, ".watermarks-failure");
    assert!(
        failure.contains("Failure at tick 29") && failure.contains("restores checkpoint 2"),
        "{failure}"
    );
    let graph = attr(&page.host, ".watermarks-ck svg", "aria-label");
    assert!(
        graph.contains("Operator counts") || graph.contains("counts"),
        "{graph}"
    );
    assert!(text(&page.host, ".watermarks-store").contains("aborted"));
    page.unmount();
    let page = mount_lab::<WatermarksLab>("#/lab/watermarks?mode=backpressure&step=25").await;
    let chain = attr(&page.host, ".watermarks-bp svg", "aria-label");
    assert!(chain.contains("credits"), "{chain}");
    assert!(text(&page.host, ".watermarks-bp").contains("no credits"));
    page.unmount();
}
