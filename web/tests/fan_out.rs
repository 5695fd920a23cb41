//! The fan-out lab's view in headless Chromium: hit testing and scales, and the page mounted for
//! real in both modes.

use sdp_core::lab::Lab;
use sdp_fanout::lab::FanOutLab;
use sdp_fanout::sim::Strategy;
use sdp_fanout::state::{FeedFocus, State};
use sdp_web::labs::fan_out::{
    GridLayout, histogram_x, largest_chat, largest_fan_out, member_at, query_of, term_widths,
};
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::platform::time::sleep;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    gloo::utils::document()
}

async fn mount(hash: &str) -> web_sys::Element {
    sdp_web::dom::replace_hash(hash);
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    yew::Renderer::<sdp_web::App>::with_root(host.clone()).render();
    wait_until(&host, |h| !text(h, ".counter").is_empty()).await;
    host
}

/// Polls (every 10 ms, at most 5 s: the machine may be busy) until `ready` holds.
async fn wait_until(host: &web_sys::Element, ready: impl Fn(&web_sys::Element) -> bool) {
    for _ in 0..500 {
        if ready(host) {
            return;
        }
        sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting for the page");
}

fn text(host: &web_sys::Element, selector: &str) -> String {
    host.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn count(host: &web_sys::Element, selector: &str) -> u32 {
    host.query_selector_all(selector).unwrap().length()
}

fn click(host: &web_sys::Element, label: &str) {
    host.query_selector(&format!("button[aria-label='{label}']"))
        .unwrap()
        .expect(label)
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
}

#[wasm_bindgen_test]
fn every_member_cell_maps_back_to_its_member() {
    for members in [2, 7, 50, 60, 61, 200, 201, 256, 499, 500] {
        let l = GridLayout::new(members);
        assert!(l.cols * l.rows >= members);
        assert!((l.cell * f64::from(l.cols) - 480.0).abs() < 1e-9);
        for m in 0..members {
            let (x, y) = l.origin(m);
            let c = l.cell;
            assert_eq!(
                member_at(&l, members, x + 0.5, y + 0.5),
                Some(m),
                "{members}: {m}"
            );
            assert_eq!(member_at(&l, members, x + c - 0.5, y + c - 0.5), Some(m));
        }
        // Past the last member, left of or above the grid, and off its right edge: nobody.
        let (x, y) = l.origin(members - 1);
        if members % l.cols != 0 {
            assert_eq!(member_at(&l, members, x + l.cell + 1.0, y + 1.0), None);
        }
        assert_eq!(member_at(&l, members, -1.0, 3.0), None);
        assert_eq!(member_at(&l, members, 3.0, -1.0), None);
        assert_eq!(member_at(&l, members, 480.0, 3.0), None);
        assert_eq!(member_at(&l, members, 3.0, l.height() + 1.0), None);
        assert_eq!(member_at(&l, members, f64::NAN, 3.0), None);
    }
}

#[wasm_bindgen_test]
fn histogram_positions_follow_the_power_of_two_bins() {
    let bins = 10;
    let mut last = -1.0;
    for n in [0, 1, 2, 3, 4, 7, 8, 100, 127, 128, 511] {
        let x = histogram_x(n, bins);
        assert!(x > last, "{n}: {x} after {last}");
        last = x;
        // The position falls inside the bin the histogram puts n in.
        let bin = (32 - n.leading_zeros()) as f64;
        assert!(
            x >= bin / 10.0 - 1e-9 && x <= (bin + 1.0) / 10.0 + 1e-9,
            "{n} in bin {bin}: {x}"
        );
    }
    assert_eq!(histogram_x(5, 0), 0.0);
    assert!(histogram_x(u32::MAX, 4) <= 1.0);
}

#[wasm_bindgen_test]
fn the_worked_example_splits_into_the_documents_terms() {
    let terms = sdp_fanout::ranking::score_terms(
        &sdp_fanout::ranking::DOCUMENT_WEIGHTS,
        &sdp_fanout::ranking::DOCUMENT_EXAMPLE,
    );
    let w = term_widths(&terms, 1000.0);
    assert_eq!(
        w.map(|x| (x * 1000.0).round() / 1000.0),
        [48.0, 9.0, 2.0, 10.0, 2.0]
    );
    let positive: f64 = w[..4].iter().sum();
    assert!(
        ((positive - w[4]) / 1000.0 - 0.067).abs() < 1e-12,
        "0.067, not 0.068"
    );
}

#[wasm_bindgen_test]
fn the_largest_scenarios_are_valid_and_round_trip_through_the_url() {
    for s in Strategy::ALL {
        let scenario = largest_fan_out(s, true);
        assert!(FanOutLab::validate(&scenario).is_empty());
        let pairs = sdp_core::query::parse(&query_of(&scenario));
        let (back, errors) = FanOutLab::from_query(&pairs);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(back, scenario);
    }
    assert!(FanOutLab::validate(&largest_chat()).is_empty());
}

const SMALL: &str = "#/lab/fan-out?mode=feed&strategy=hybrid&users=120&follows=1200&skew=1&inactive=0.3&posts=60&reads=40&detailed=30&threshold=30&workers=1&batch=10&cache=50&page=10&rank=1&seed=3&a=post:0&a=read:100&a=wait:5&a=read:100";

#[wasm_bindgen_test]
async fn feed_page_draws_every_step_and_the_comparison() {
    let host = mount(SMALL).await;
    let total: usize = text(&host, ".counter")
        .rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("counter");
    // The page's trace is the lab's own, so the view can be checked focus by focus.
    let (scenario, _) = FanOutLab::from_query(&sdp_core::query::parse(
        SMALL.split_once('?').map(|(_, q)| q).unwrap_or(""),
    ));
    let trace = FanOutLab::run(&scenario).expect("valid");
    assert_eq!(trace.len(), total);
    for (k, step) in trace.steps.iter().enumerate() {
        assert!(
            text(&host, ".counter").starts_with(&format!("Step {} of", k + 1)),
            "{}",
            text(&host, ".counter")
        );
        let focus = text(&host, ".fanout-focus");
        let State::Feed(f) = &step.state else {
            panic!("feed mode")
        };
        match &f.focus {
            FeedFocus::Graph => {
                assert!(focus.contains("The seeded social graph"));
                assert_eq!(
                    count(&host, ".fanout-hist rect"),
                    f.world.histogram.len() as u32 + 1
                );
            }
            FeedFocus::Post(p) => {
                assert!(
                    focus.contains(&format!("Post p{} by user {}", p.post, p.author)),
                    "{focus}"
                );
                assert_eq!(
                    count(&host, ".fanout-focus .fanout-node.feed"),
                    p.sample.len() as u32
                );
            }
            FeedFocus::FanOut(b) => {
                let drawn: usize = b.iter().take(4).map(|b| b.targets.len()).sum();
                assert_eq!(
                    count(&host, ".fanout-focus .fanout-node.feed"),
                    drawn as u32
                );
            }
            FeedFocus::Read(r) => {
                assert!(focus.contains(&format!("User {} loads their feed", r.user)));
                assert!(focus.contains("Ranking funnel (M7.3)"));
                assert!(focus.contains("0.067") && focus.contains("0.068"));
                assert_eq!(
                    count(&host, ".fanout-page tbody tr"),
                    r.feed.len().min(10) as u32
                );
            }
            FeedFocus::Bulk(_) => assert!(focus.contains("summarised"), "{focus}"),
            FeedFocus::Wait { .. } => assert!(focus.contains("Waiting")),
            FeedFocus::Drain { .. } => assert!(focus.contains("Draining")),
            FeedFocus::Quiescent(q) => {
                assert_eq!(q.identical, q.users);
                assert!(focus.contains("identical feeds"));
            }
        }
        // The side-by-side table: three strategies, hybrid narrated, figures of this step.
        assert_eq!(count(&host, ".fanout-cmp tbody tr"), 8);
        assert!(text(&host, ".fanout-cmp th.focus").contains("hybrid"));
        let writes = text(
            &host,
            ".fanout-cmp tbody tr:first-child td:nth-of-type(1) .fanout-sub",
        );
        assert_eq!(
            writes,
            format!("{} writes", sdp_core::fmt::group(f.stats[0].feed_writes))
        );
        click(&host, "Step forward");
        let next = format!("Step {} of", (k + 2).min(total));
        wait_until(&host, |h| text(h, ".counter").starts_with(&next)).await;
    }
    host.remove();
}

#[wasm_bindgen_test]
async fn chat_page_shows_copies_against_references() {
    let host = mount("#/lab/fan-out?mode=chat&group=20&messages=3&online=0.5&msg_bytes=1000&ref_bytes=16&seed=9&step=2").await;
    assert!(text(&host, ".fanout-focus").contains("sends m0"));
    let storage = text(&host, ".fanout-storage");
    assert!(storage.contains("N copies20,000 B"), "{storage}");
    assert!(
        storage.contains("1 message + N references1,320 B"),
        "{storage}"
    );
    let canvas = host
        .query_selector(".fanout-members canvas")
        .unwrap()
        .expect("member grid");
    assert_eq!(canvas.get_attribute("height").as_deref(), Some("96"));
    assert!(
        canvas
            .get_attribute("aria-label")
            .unwrap_or_default()
            .starts_with("20 members:")
    );
    click(&host, "Step forward");
    wait_until(&host, |h| text(h, ".counter").starts_with("Step 3 of")).await;
    assert!(text(&host, ".fanout-focus").len() > 10);
    host.remove();
}
