//! The watermarks view in headless Chromium: its geometry and per-trace precomputation against
//! brute force, and the page mounted for real (canvases, the injection form, window types and
//! the other two modes).

use sdp_core::lab::{Lab, Scenario};
use sdp_stream::stream::StreamParams;
use sdp_stream::window::WindowKind;
use sdp_stream::{Params, State, WatermarksLab};
use sdp_web::labs::watermarks::geom::{
    self, Follow, Frame, HitRect, PlotLayout, Scale, nearest, sub_row, tick_step, ticks,
};
use sdp_web::labs::watermarks::prep::{Prep, differ_timeline};
use sdp_web::labs::watermarks::{bubbling_event, injected_step, wm_state};
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::platform::time::sleep;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    gloo::utils::document()
}

/// Mounts the app at `hash` in a fresh element and waits for it to render.
async fn mount(hash: &str) -> (web_sys::Element, yew::AppHandle<sdp_web::App>) {
    sdp_web::dom::replace_hash(hash);
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let app = yew::Renderer::<sdp_web::App>::with_root(host.clone()).render();
    sleep(Duration::from_millis(150)).await;
    (host, app)
}

fn unmount(host: web_sys::Element, app: yew::AppHandle<sdp_web::App>) {
    app.destroy();
    host.remove();
}

fn text(host: &web_sys::Element, selector: &str) -> String {
    host.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn attr(host: &web_sys::Element, selector: &str, name: &str) -> String {
    host.query_selector(selector)
        .unwrap()
        .and_then(|e| e.get_attribute(name))
        .unwrap_or_default()
}

fn total_steps(host: &web_sys::Element) -> usize {
    text(host, ".counter")
        .rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn step_now(host: &web_sys::Element) -> usize {
    text(host, ".counter")
        .split(' ')
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn set_select(host: &web_sys::Element, selector: &str, value: &str) {
    let sel: web_sys::HtmlSelectElement = host
        .query_selector(selector)
        .unwrap()
        .expect(selector)
        .dyn_into()
        .unwrap();
    sel.set_value(value);
    sel.dispatch_event(&bubbling_event("change").unwrap())
        .unwrap();
}

fn type_into(host: &web_sys::Element, selector: &str, value: &str) {
    let input: web_sys::HtmlInputElement = host
        .query_selector(selector)
        .unwrap()
        .expect(selector)
        .dyn_into()
        .unwrap();
    input.set_value(value);
    input
        .dispatch_event(&bubbling_event("input").unwrap())
        .unwrap();
}

fn click(host: &web_sys::Element, selector: &str) {
    host.query_selector(selector)
        .unwrap()
        .expect(selector)
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
}

fn scenario(window: WindowKind) -> Scenario<Params, sdp_stream::Action> {
    let mut s = WatermarksLab::default_scenario();
    s.params = Params::Watermarks(StreamParams {
        window,
        size_ms: 4_000,
        slide_ms: 2_000,
        ..StreamParams::default()
    });
    s
}

#[wasm_bindgen_test]
fn ticks_are_nice_and_inside() {
    assert_eq!(tick_step(30_000, 6), 10_000);
    assert_eq!(tick_step(2_000, 10), 250);
    assert_eq!(tick_step(1, 5), 1);
    let (step, t) = ticks(36_000_300, 36_031_000, 6);
    assert_eq!(step, 10_000);
    assert_eq!(t, vec![36_010_000, 36_020_000, 36_030_000]);
    assert!(t.iter().all(|x| x % step == 0));
    // Negative times still land on multiples.
    let (_, t) = ticks(-2_500, 2_500, 6);
    assert_eq!(t, vec![-2_000, -1_000, 0, 1_000, 2_000]);
}

#[wasm_bindgen_test]
fn scales_map_both_ways_and_flip_for_y() {
    let x = Scale::new(1_000, 2_000, 50.0, 150.0);
    assert_eq!(x.px(1_500), 100.0);
    assert_eq!(x.time(125.0), 1_750);
    assert_eq!(x.px_clamped(5_000), 150.0);
    let y = Scale::new(0, 100, 300.0, 100.0);
    assert_eq!(y.px(0), 300.0);
    assert_eq!(y.px(100), 100.0);
    assert!(y.px(75) < y.px(25), "later event times are higher up");
    // An empty range does not divide by zero.
    let z = Scale::new(7, 7, 0.0, 10.0);
    assert!(z.px(7).is_finite());
}

#[wasm_bindgen_test]
fn the_window_follows_the_clock() {
    let f = Follow::Window {
        start: 1_000,
        width: 10_000,
        lag: 3_000,
    };
    assert_eq!(
        f.frame(1_000),
        Frame {
            x0: 1_000,
            x1: 11_000,
            y0: -2_000,
            y1: 11_000
        }
    );
    let later = f.frame(50_000);
    assert_eq!((later.x0, later.x1), (41_000, 51_000));
    assert!(later.x0 < 50_000 && 50_000 < later.x1, "now is inside");
    let whole = Frame {
        x0: 0,
        x1: 9,
        y0: 0,
        y1: 9,
    };
    assert_eq!(Follow::Whole(whole).frame(123), whole);
    assert!(!Follow::Whole(whole).scrolls());
}

#[wasm_bindgen_test]
fn picking_finds_the_closest_point_and_the_top_band() {
    let pts = [(0u32, 10.0, 10.0), (1, 14.0, 10.0), (2, 200.0, 200.0)];
    assert_eq!(nearest(pts.into_iter(), 13.0, 11.0, 8.0), Some(1));
    assert_eq!(nearest(pts.into_iter(), 100.0, 100.0, 8.0), None);
    let rects = [
        HitRect {
            x: 0.0,
            y: 0.0,
            w: 100.0,
            h: 10.0,
            what: 1,
        },
        HitRect {
            x: 50.0,
            y: 0.0,
            w: 1.0,
            h: 10.0,
            what: 2,
        },
    ];
    assert_eq!(
        geom::hit(&rects, 52.0, 5.0, 6.0),
        Some(2),
        "thin bands widen"
    );
    assert_eq!(geom::hit(&rects, 20.0, 5.0, 6.0), Some(1));
    assert_eq!(geom::hit(&rects, 20.0, 15.0, 6.0), None);
    assert_eq!(sub_row(10_000, 2_000, 5), 0);
    assert_eq!(sub_row(12_000, 2_000, 5), 1);
    let l = PlotLayout::new(390.0, 16);
    assert!(l.right <= 390.0 && l.left > 0.0 && l.lanes_top > l.bottom);
}

#[wasm_bindgen_test]
fn differ_counts_match_the_comparison_at_every_step() {
    for kind in [WindowKind::Tumbling, WindowKind::Sliding] {
        let trace = WatermarksLab::run(&scenario(kind)).expect("valid");
        let s0 = wm_state(&trace, 0).expect("watermarks");
        let prep = Prep::new(&s0.world);
        let timeline = differ_timeline(&s0.world);
        assert!(!timeline.is_empty());
        let mut saw_difference = false;
        for k in 0..trace.len() {
            let s = wm_state(&trace, k).expect("watermarks");
            let rows = s.comparison();
            let differ = rows.iter().filter(|r| r.differs()).count() as u32;
            let both = rows
                .iter()
                .filter(|r| r.event_time.is_some() && r.processing_time.is_some())
                .count() as u32;
            assert_eq!(
                prep.differ_at(s.at.micro),
                (differ, both),
                "{kind:?} step {k}"
            );
            saw_difference |= differ > 0;
        }
        assert!(
            saw_difference,
            "{kind:?}: the default stream has differing windows"
        );
    }
}

#[wasm_bindgen_test]
fn the_window_index_finds_exactly_the_overlapping_windows() {
    for kind in [
        WindowKind::Tumbling,
        WindowKind::Sliding,
        WindowKind::Session,
    ] {
        let trace = WatermarksLab::run(&scenario(kind)).expect("valid");
        let s0 = wm_state(&trace, 0).expect("watermarks");
        let prep = Prep::new(&s0.world);
        let windows = &s0.world.event_time.windows;
        for k in (0..trace.len()).step_by(3) {
            let s = wm_state(&trace, k).expect("watermarks");
            for (lo, hi) in [
                (36_000_000, 36_010_000),
                (36_007_000, 36_012_500),
                (36_020_000, 36_040_000),
            ] {
                let (shown, more) = prep.et_index.visible(windows, lo, hi, s.at.micro, 10_000);
                assert_eq!(more, 0);
                let mut got: Vec<u32> = shown.iter().map(|w| w.id).collect();
                got.sort_unstable();
                let want: Vec<u32> = windows
                    .iter()
                    .enumerate()
                    .filter(|(_, w)| {
                        let (a, b) = w.bounds_at(s.at.micro);
                        matches!(
                            w.status_at(s.at.micro),
                            Some(st) if !matches!(st, sdp_stream::operator::WindowStatus::MergedInto(_))
                        ) && b > lo
                            && a < hi
                    })
                    .map(|(i, _)| i as u32)
                    .collect();
                assert_eq!(got, want, "{kind:?} step {k} [{lo}, {hi})");
            }
        }
    }
}

#[wasm_bindgen_test]
fn the_injected_event_is_found_at_its_arrival_step() {
    let s = WatermarksLab::default_scenario();
    let trace = WatermarksLab::run(&s).expect("valid");
    let inj = sdp_stream::DEFAULT_INJECTED;
    let k = injected_step(&trace, &inj).expect("found");
    assert!(
        trace.steps[k].narration.contains("injected"),
        "{}",
        trace.steps[k].narration
    );
    let State::Watermarks(w) = &trace.steps[k].state else {
        panic!("watermarks")
    };
    assert_eq!(w.clock_ms, inj.arrival_ms);
    // An event that is not in the trace is not found.
    let other = sdp_stream::stream::Injected { event_ms: 1, ..inj };
    assert_eq!(injected_step(&trace, &other), None);
}

#[wasm_bindgen_test]
async fn the_page_draws_the_plot_lanes_and_windows() {
    let (host, app) = mount("#/lab/watermarks?step=31").await;
    assert_eq!(step_now(&host), 31);
    let plot = attr(
        &host,
        ".watermarks-plot canvas.watermarks-canvas",
        "aria-label",
    );
    assert!(plot.contains("Global watermark 10:00:11.022"), "{plot}");
    assert!(plot.contains("Partition watermarks: P0"), "{plot}");
    let windows = attr(&host, ".watermarks-windows canvas", "aria-label");
    assert!(windows.contains("tumbling 5 s"), "{windows}");
    assert!(windows.contains("fired and kept"), "{windows}");
    // The canvases were sized for the device and drawn.
    let canvas: web_sys::HtmlCanvasElement = host
        .query_selector(".watermarks-plot canvas.watermarks-canvas")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert!(canvas.width() > 200 && canvas.height() > 200);
    assert!(text(&host, ".watermarks-results").contains("Results emitted"));
    assert!(
        text(&host, ".watermarks-compare").contains("windows fired in both give different counts")
    );
    assert!(text(&host, ".watermarks-partitions").contains("global watermark = min over"));
    // The two kinds of lateness are separate controls, with the note.
    assert!(
        host.query_selector("[id='field-out-of-orderness-bound-(ms)']")
            .unwrap()
            .is_some()
    );
    assert!(text(&host, ".watermarks-lateness").contains("uses one word"));
    unmount(host, app);
}

#[wasm_bindgen_test]
async fn a_malformed_time_keeps_the_text_and_a_good_one_jumps_to_its_arrival() {
    let (host, app) = mount("#/lab/watermarks?step=20").await;
    let before = total_steps(&host);
    type_into(&host, "#watermarks-inject-time", "10:6x:00");
    click(&host, ".watermarks-inject-form button[type=submit]");
    sleep(Duration::from_millis(100)).await;
    let error = text(&host, ".watermarks-inject .field-error");
    assert!(error.contains("“10:6x:00” is not a time"), "{error}");
    let input: web_sys::HtmlInputElement = host
        .query_selector("#watermarks-inject-time")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(input.value(), "10:6x:00", "the text is kept");
    assert_eq!(total_steps(&host), before, "nothing injected");
    // A good time: one more event, and the player shows its arrival.
    type_into(&host, "#watermarks-inject-time", "10:00:01");
    click(&host, ".watermarks-inject-form button[type=submit]");
    for _ in 0..60 {
        sleep(Duration::from_millis(50)).await;
        if step_now(&host) == 21 {
            break;
        }
    }
    assert_eq!(total_steps(&host), before + 1);
    assert!(text(&host, ".watermarks-inject .field-error").is_empty());
    let narration = text(&host, ".narration");
    assert!(
        narration.contains("injected") && narration.contains("event time 10:00:01 "),
        "{narration}"
    );
    assert_eq!(step_now(&host), 21, "the event arrives right after step 20");
    assert!(
        sdp_web::dom::location_hash().contains("a=10%3A00%3A01%40"),
        "{}",
        sdp_web::dom::location_hash()
    );
    unmount(host, app);
}

#[wasm_bindgen_test]
async fn switching_the_window_type_changes_the_bands() {
    let (host, app) = mount("#/lab/watermarks?step=30").await;
    let before = attr(&host, ".watermarks-windows canvas", "aria-label");
    assert!(before.contains("tumbling"));
    set_select(&host, "#watermarks-window", "sliding");
    sleep(Duration::from_millis(200)).await;
    let after = attr(&host, ".watermarks-windows canvas", "aria-label");
    assert!(after.contains("sliding 5 s every 1 s"), "{after}");
    assert!(text(&host, ".watermarks-windows h3").contains("sliding"));
    set_select(&host, "#watermarks-window", "session");
    sleep(Duration::from_millis(200)).await;
    let session = attr(&host, ".watermarks-windows canvas", "aria-label");
    assert!(session.contains("session, gap 2 s"), "{session}");
    assert!(text(&host, ".watermarks-compare").contains("Sessions are cut by gaps"));
    unmount(host, app);
}

#[wasm_bindgen_test]
async fn checkpoint_and_backpressure_modes_draw_their_graphs() {
    let (host, app) = mount("#/lab/watermarks?mode=checkpoint&step=30").await;
    let failure = text(&host, ".watermarks-failure");
    assert!(
        failure.contains("Failure at tick 29") && failure.contains("restores checkpoint 2"),
        "{failure}"
    );
    let graph = attr(&host, ".watermarks-ck svg", "aria-label");
    assert!(
        graph.contains("Operator counts") || graph.contains("counts"),
        "{graph}"
    );
    assert!(text(&host, ".watermarks-store").contains("aborted"));
    unmount(host, app);
    let (host, app) = mount("#/lab/watermarks?mode=backpressure&step=25").await;
    let chain = attr(&host, ".watermarks-bp svg", "aria-label");
    assert!(chain.contains("credits"), "{chain}");
    assert!(text(&host, ".watermarks-bp").contains("no credits"));
    unmount(host, app);
}
