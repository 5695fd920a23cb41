//! The fan-out page in headless Chromium, mounted for real in both modes: every feed step's
//! drawing against the trace it shows, copies against references in chat mode, a member
//! picked on the canvas, an action from the controls, and embed mode. The pure view model is
//! tested natively in `tests/layout.rs`.
#![cfg(all(target_arch = "wasm32", feature = "testing"))]

use sdp_kit::lab::Contract;
use sdp_kit::query::parse;
use sdp_kit_web::dom::location_hash;
use sdp_kit_web::testing::{
    attr, click, click_button, count, mount_lab, step_of, text, type_into, wait_until,
};
use sdp_lab_fan_out::FanOutLab;
use sdp_lab_fan_out::state::{FeedFocus, State};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SMALL: &str = "#/lab/fan-out?mode=feed&strategy=hybrid&users=120&follows=1200&skew=1&inactive=0.3&posts=60&reads=40&detailed=30&threshold=30&workers=1&batch=10&cache=50&page=10&rank=1&seed=3&a=post:0&a=read:100&a=wait:5&a=read:100";

#[wasm_bindgen_test]
async fn feed_page_draws_every_step_and_the_comparison() {
    let page = mount_lab::<FanOutLab>(SMALL).await;
    let host = &page.host;
    wait_until(host, |h| !text(h, ".counter").is_empty()).await;
    let total = step_of(host).1;
    // The page's trace is the lab's own, so the view can be checked focus by focus.
    let (scenario, errors) =
        FanOutLab::from_query(&parse(SMALL.split_once('?').map_or("", |(_, q)| q)));
    assert!(errors.is_empty(), "{errors:?}");
    let trace = FanOutLab::run(&scenario).expect("valid");
    assert_eq!(trace.len(), total);
    for (k, step) in trace.steps.iter().enumerate() {
        assert_eq!(step_of(host).0, k + 1);
        let focus = text(host, ".fanout-focus");
        let State::Feed(f) = &step.state else {
            panic!("feed mode")
        };
        match &f.focus {
            FeedFocus::Graph => {
                assert!(focus.contains("The seeded social graph"));
                assert_eq!(
                    count(host, ".fanout-hist rect"),
                    f.world.histogram.len() as u32 + 1
                );
            }
            FeedFocus::Post(p) => {
                assert!(
                    focus.contains(&format!("Post p{} by user {}", p.post, p.author)),
                    "{focus}"
                );
                assert_eq!(
                    count(host, ".fanout-focus .fanout-node.feed"),
                    p.sample.len() as u32
                );
            }
            FeedFocus::FanOut(b) => {
                let drawn: usize = b.iter().take(4).map(|b| b.targets.len()).sum();
                assert_eq!(count(host, ".fanout-focus .fanout-node.feed"), drawn as u32);
            }
            FeedFocus::Read(r) => {
                assert!(focus.contains(&format!("User {} loads their feed", r.user)));
                assert!(focus.contains("Ranking funnel (M7.3)"));
                assert!(focus.contains("0.067") && focus.contains("0.068"));
                assert_eq!(
                    count(host, ".fanout-page tbody tr"),
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
        assert_eq!(count(host, ".fanout-cmp tbody tr"), 8);
        assert!(text(host, ".fanout-cmp th.focus").contains("hybrid"));
        let writes = text(
            host,
            ".fanout-cmp tbody tr:first-child td:nth-of-type(1) .fanout-sub",
        );
        assert_eq!(
            writes,
            format!("{} writes", sdp_kit::fmt::group(f.stats[0].feed_writes))
        );
        click_button(host, "Step forward");
        let next = (k + 2).min(total);
        wait_until(host, |h| step_of(h).0 == next).await;
    }
    page.unmount();
}

#[wasm_bindgen_test]
async fn chat_page_shows_copies_against_references_and_picks_a_member() {
    let page = mount_lab::<FanOutLab>("#/lab/fan-out?mode=chat&group=20&messages=3&online=0.5&msg_bytes=1000&ref_bytes=16&seed=9&step=2").await;
    let host = &page.host;
    wait_until(host, |h| !text(h, ".counter").is_empty()).await;
    assert!(text(host, ".fanout-focus").contains("sends m0"));
    let storage = text(host, ".fanout-storage");
    assert!(storage.contains("N copies20,000 B"), "{storage}");
    assert!(
        storage.contains("1 message + N references1,320 B"),
        "{storage}"
    );
    assert_eq!(attr(host, ".fanout-members canvas", "height"), "96");
    assert!(attr(host, ".fanout-members canvas", "aria-label").starts_with("20 members:"));
    // A click on the first cell follows member 0.
    click(host, ".fanout-members canvas");
    wait_until(host, |h| text(h, ".fanout-readout").starts_with("Member ")).await;
    click_button(host, "Step forward");
    wait_until(host, |h| step_of(h).0 == 3).await;
    assert!(text(host, ".fanout-focus").len() > 10);
    page.unmount();
}

#[wasm_bindgen_test]
async fn an_action_from_the_controls_adds_steps_and_lands_on_them() {
    let page = mount_lab::<FanOutLab>("#/lab/fan-out?mode=chat&group=20&messages=3&seed=9").await;
    let host = &page.host;
    wait_until(host, |h| !text(h, ".counter").is_empty()).await;
    let before = step_of(host).1;
    type_into(host, "#fanout-member", "3");
    click(host, ".fanout-controls form.action button[type=button]");
    wait_until(host, |h| step_of(h).1 > before).await;
    assert!(location_hash().contains("a=off%3A3"), "{}", location_hash());
    assert!(text(host, ".fanout-taken").contains("member 3 goes offline"));
    // A member that does not exist: refused, and the page says why.
    type_into(host, "#fanout-member", "99");
    click(host, ".fanout-controls form.action button[type=submit]");
    wait_until(host, |h| {
        text(h, ".messages").contains("member 99 does not exist")
    })
    .await;
    page.unmount();
}

#[wasm_bindgen_test]
async fn embed_mode_offers_nothing_to_edit() {
    let page = mount_lab::<FanOutLab>(&format!("{SMALL}&step=2&embed=1")).await;
    let host = &page.host;
    wait_until(host, |h| !text(h, ".counter").is_empty()).await;
    assert_eq!(step_of(host).0, 2);
    assert_eq!(count(host, ".lab-controls"), 0);
    assert_eq!(count(host, "form"), 0);
    assert_eq!(count(host, "input:not([type=range])"), 0);
    assert_eq!(count(host, ".fanout-compare"), 1);
    page.unmount();
    // Without the ranking funnel, a read in embed mode does not point at controls it lacks.
    let unranked = SMALL.replace("rank=1", "rank=0");
    let (s, _) = FanOutLab::from_query(&parse(unranked.split_once('?').map_or("", |(_, q)| q)));
    let trace = FanOutLab::run(&s).expect("valid");
    let read = trace
        .steps
        .iter()
        .position(|st| matches!(&st.state, State::Feed(f) if matches!(f.focus, FeedFocus::Read(_))))
        .expect("a read step");
    for embed in [false, true] {
        let suffix = if embed { "&embed=1" } else { "" };
        let page = mount_lab::<FanOutLab>(&format!("{unranked}&step={}{suffix}", read + 1)).await;
        wait_until(&page.host, |h| !text(h, ".counter").is_empty()).await;
        assert!(text(&page.host, ".fanout-focus").contains("loads their feed"));
        assert_eq!(
            text(&page.host, ".fanout-focus").contains("in the controls"),
            !embed
        );
        page.unmount();
    }
}

#[wasm_bindgen_test]
fn traces_in_webassembly_are_byte_for_byte_the_native_ones() {
    // The same digests as tests/golden.rs (native): the power law and ranking use only IEEE
    // basic operations (sdp_kit::detmath), so WebAssembly gives the same bytes.
    let fnv = |bytes: &[u8]| {
        bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    };
    for (query, digest) in [
        ("step=1", 0x8b41_867e_cef3_7930_u64),
        (
            "mode=feed&strategy=pull&users=50&follows=2450&skew=0&inactive=0&posts=300&reads=300&detailed=200&seed=8",
            0x4135_8953_198b_ae6f,
        ),
        ("mode=chat&seed=42", 0x9524_ede8_4f03_27ee),
    ] {
        let (s, errors) = FanOutLab::from_query(&parse(query));
        assert!(errors.is_empty(), "{errors:?}");
        let json = serde_json::to_vec(&FanOutLab::run(&s).expect("valid")).expect("serialise");
        assert_eq!(fnv(&json), digest, "{query}");
    }
}
