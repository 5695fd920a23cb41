//! The kit's web half in headless Chromium, on a tiny lab defined here: the generic page reads
//! the URL, the player steps and writes the URL, the contexts reach components below the page
//! (change, seek, embed), an action lands on its first step, routes parse, and a lab split over
//! bundles neither builds nor draws a mode of another bundle.
#![cfg(target_arch = "wasm32")]

use sdp_kit::field::Field;
use sdp_kit::lab::{
    ActionSyntax, Lab, LabInfo, LinesRun, ModeBundle, ModeInfo, ParamError, Procedure, Scenario,
    Step, Trace,
};
use sdp_kit::query::not_an;
use sdp_kit_web::dom::location_hash;
use sdp_kit_web::route::{PlayerQuery, Route};
use sdp_kit_web::testing::{click, click_button, mount_lab, settle, step_of, text};
use sdp_kit_web::{ById, Change, LabView, ViewModes, use_lab};
use serde::{Deserialize, Serialize};
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Counts from 0 to `n`, one step per number; an action adds more numbers.
struct Count;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Params {
    n: u32,
}

const FIELDS: &[Field<Params>] = &[sdp_kit::whole!("n", n, 1, 50, "how far to count")];

impl Lab for Count {
    type Params = Params;
    type Action = u32;
    type State = u32;
    type Checker = u32;

    const INFO: LabInfo = LabInfo {
        id: "count",
        title: "Count",
        summary: "Counts.",
        catalogue: "none",
    };
    const ACTIONS: ActionSyntax = ActionSyntax {
        max: 4,
        noun: "actions",
        expected: "an action (more:N)",
        forms: &[("more:N", "counts N further")],
    };

    fn procedures() -> &'static [Procedure] {
        &[Procedure {
            title: "Counting",
            source: "here",
            lines: &["i = i + 1"],
        }]
    }
    fn fields() -> &'static [Field<Params>] {
        FIELDS
    }
    fn defaults(_: usize) -> Params {
        Params { n: 3 }
    }
    fn parse_action(text: &str) -> Result<u32, String> {
        text.strip_prefix("more:")
            .and_then(|t| t.parse().ok())
            .ok_or_else(|| not_an(text, "an action (more:N)"))
    }
    fn action_text(a: &u32) -> String {
        format!("more:{a}")
    }
    fn checker(p: &Params) -> u32 {
        p.n
    }
    fn check_action(total: &mut u32, field: &str, a: &u32) -> Result<(), ParamError> {
        *total += a;
        if *total > 60 {
            return Err(ParamError::new(field, "at most 60 in all"));
        }
        Ok(())
    }
    fn build(s: &Scenario<Params, u32>) -> Trace<u32> {
        let total = s.params.n + s.actions.iter().sum::<u32>();
        Trace {
            steps: (0..=total)
                .map(|i| Step {
                    state: i,
                    narration: format!("count {i}"),
                    lines: LinesRun::new(0, &[0]),
                    metrics: Vec::new(),
                })
                .collect(),
        }
    }
}

impl LabView for Count {
    const STYLE: &'static str = ".count-value { color: rgb(1, 2, 3); }";

    fn view_step(trace: &ById<Trace<u32>>, cursor: usize) -> Html {
        let value = trace.get(cursor).map_or(0, |s| s.state);
        html! { <div><p class="count-value">{ value }</p><SeekLast /></div> }
    }

    fn controls() -> Html {
        html! { <MoreButton /> }
    }
}

/// A component below the page that seeks through the context.
#[component]
fn SeekLast() -> Html {
    let lab = use_lab::<Count>();
    let seek = lab.seek.clone();
    let editable = lab.editable();
    html! { <button type="button" class="seek-last" data-editable={editable.to_string()} onclick={move |_| seek.emit(usize::MAX)}>{"last"}</button> }
}

/// Controls that append an action through the context.
#[component]
fn MoreButton() -> Html {
    let lab = use_lab::<Count>();
    html! { <button type="button" class="more" onclick={move |_| lab.act(2)}>{"more"}</button> }
}

#[wasm_bindgen_test]
async fn the_page_reads_the_url_and_the_player_writes_it() {
    let page = mount_lab::<Count>("#/lab/count?n=5&seed=1&step=3").await;
    assert_eq!(step_of(&page.host), (3, 6));
    assert_eq!(page.text(".count-value"), "2");
    assert_eq!(page.text(".narration"), "count 2");
    click_button(&page.host, "Step forward");
    settle().await;
    assert_eq!(page.text(".count-value"), "3");
    assert_eq!(location_hash(), "#/lab/count?n=5&seed=1&step=4");
    // The lab's stylesheet is on the page while it is open.
    let colour = web_sys::window()
        .unwrap()
        .get_computed_style(&page.host.query_selector(".count-value").unwrap().unwrap())
        .unwrap()
        .unwrap()
        .get_property_value("color")
        .unwrap();
    assert_eq!(colour, "rgb(1, 2, 3)");
    page.unmount();
}

#[wasm_bindgen_test]
async fn components_below_the_page_seek_and_change_through_the_context() {
    let page = mount_lab::<Count>("#/lab/count?n=3").await;
    click(&page.host, ".seek-last");
    settle().await;
    assert_eq!(step_of(&page.host), (4, 4));
    assert_eq!(page.count(".seek-last[data-editable='true']"), 1);
    click(&page.host, ".more");
    settle().await;
    // Two more numbers: 6 steps, and the player lands on the first new one.
    assert_eq!(step_of(&page.host), (5, 6));
    assert!(
        location_hash().contains("a=more%3A2"),
        "{}",
        location_hash()
    );
    page.unmount();
}

#[wasm_bindgen_test]
async fn a_refused_action_says_why_and_changes_nothing() {
    let page = mount_lab::<Count>("#/lab/count?n=50&a=more:9").await;
    let (_, total) = step_of(&page.host);
    click(&page.host, ".more");
    settle().await;
    assert!(
        page.text(".messages")
            .contains("Not applied: actions[1]: at most 60 in all")
    );
    assert_eq!(step_of(&page.host).1, total);
    page.unmount();
}

#[wasm_bindgen_test]
async fn junk_and_embed_are_handled_in_one_place() {
    let page = mount_lab::<Count>("#/lab/count?n=99&a=fly&step=zz&embed=1").await;
    let messages = text(&page.host, ".messages");
    assert!(
        messages.contains("n: must be between 1 and 50 (got 99)"),
        "{messages}"
    );
    assert!(
        messages.contains("a[0]: “fly” is not an action (more:N)"),
        "{messages}"
    );
    assert!(
        messages.contains("step: must be a whole number"),
        "{messages}"
    );
    assert_eq!(page.count(".lab-controls"), 0, "no controls in embed mode");
    assert_eq!(page.count(".site-header"), 0);
    assert_eq!(
        page.count(".seek-last[data-editable='false']"),
        1,
        "the view is told it is embedded"
    );
    page.unmount();
}

#[wasm_bindgen_test]
async fn another_labs_route_renders_nothing() {
    let page = mount_lab::<Count>("#/lab/other").await;
    assert_eq!(page.host.child_element_count(), 0);
    page.unmount();
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
    assert!(Route::parse("#/design/x?embed=1").embed());
    let q = PlayerQuery::read(&sdp_kit::query::parse("step=x&embed=1"));
    assert_eq!((q.step, q.embed, q.errors.len()), (None, true, 1));
}

/// A lab with two modes in two bundles; this build is the main one (it draws mode `one`).
struct Split;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct SplitParams {
    mode: usize,
}

impl Lab for Split {
    type Params = SplitParams;
    type Action = u32;
    type State = u32;
    type Checker = ();

    const INFO: LabInfo = LabInfo {
        id: "split",
        title: "Split",
        summary: "Two modes, two bundles.",
        catalogue: "none",
    };
    const MODES: &'static [ModeInfo] = &[
        ModeInfo {
            id: "one",
            title: "One",
        },
        ModeInfo {
            id: "two",
            title: "Two",
        },
    ];
    const MODE_BUNDLES: &'static [ModeBundle] = &[ModeBundle {
        name: "second",
        modes: &["two"],
    }];
    const ACTIONS: ActionSyntax = sdp_kit::lab::NO_ACTIONS;

    fn procedures() -> &'static [Procedure] {
        &[]
    }
    fn fields() -> &'static [Field<SplitParams>] {
        &[]
    }
    fn mode(p: &SplitParams) -> usize {
        p.mode
    }
    fn defaults(mode: usize) -> SplitParams {
        SplitParams { mode }
    }
    fn parse_action(text: &str) -> Result<u32, String> {
        Err(not_an(text, "an action (this lab takes none)"))
    }
    fn action_text(a: &u32) -> String {
        a.to_string()
    }
    fn checker(_: &SplitParams) {}
    fn check_action(_: &mut (), _: &str, _: &u32) -> Result<(), ParamError> {
        Ok(())
    }
    fn build(s: &Scenario<SplitParams, u32>) -> Trace<u32> {
        // Mode `two` is never built by the bundle that does not draw it.
        assert_eq!(s.params.mode, 0, "the main bundle built mode two");
        Trace {
            steps: vec![Step {
                state: 1,
                narration: "one".into(),
                lines: LinesRun::new(0, &[]),
                metrics: Vec::new(),
            }],
        }
    }
}

impl LabView for Split {
    const VIEW_MODES: ViewModes = ViewModes::Main;

    fn view_step(_: &ById<Trace<u32>>, _: usize) -> Html {
        html! { <p class="split-one">{"mode one"}</p> }
    }

    fn controls() -> Html {
        html! { <ToModeTwo /> }
    }
}

/// Changes the mode through the context, as a mode menu does.
#[component]
fn ToModeTwo() -> Html {
    let lab = use_lab::<Split>();
    let change = lab.change.clone();
    html! { <button type="button" class="to-two" onclick={move |_| change.emit(Change::Mode(1))}>{"two"}</button> }
}

#[wasm_bindgen_test]
async fn a_mode_of_another_bundle_is_not_drawn_and_the_page_moves_to_its_url() {
    let page = mount_lab::<Split>("#/lab/split?mode=one").await;
    assert_eq!(page.text(".split-one"), "mode one");
    let history = web_sys::window().unwrap().history().unwrap();
    let entries = history.length().unwrap();
    click(&page.host, ".to-two");
    settle().await;
    // The loader (web/loader.js) mounts the bundle of mode two on this hash change, which
    // replaces the history entry rather than adding one.
    assert_eq!(location_hash(), "#/lab/split?mode=two&seed=42&step=1");
    assert_eq!(history.length().unwrap(), entries);
    assert_eq!(page.count(".split-one"), 0);
    assert_eq!(page.text(".load-status"), "Loading…");
    page.unmount();
}
