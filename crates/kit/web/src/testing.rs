//! Helpers for the views' tests in headless Chromium (`wasm-bindgen-test`; feature `testing`):
//! mount an app at a hash, read and poke the DOM, wait for renders.
#![allow(
    clippy::panic,
    clippy::missing_panics_doc,
    reason = "test helpers: a failure is a failed test"
)]

use crate::dom;
use crate::lab_view::LabView;
use crate::shell::LabApp;
use std::time::Duration;
use wasm_bindgen::JsCast;
use yew::BaseComponent;

/// An app mounted in a fresh element of the test page.
pub struct Mounted<A: BaseComponent> {
    /// The element the app renders into.
    pub host: web_sys::Element,
    app: Option<yew::AppHandle<A>>,
}

impl<A: BaseComponent> Mounted<A> {
    /// Removes the app and its element (so the next test's document queries see only theirs).
    pub fn unmount(mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.host.remove();
    }

    /// The text of the first element matching `selector` ("" if none).
    pub fn text(&self, selector: &str) -> String {
        text(&self.host, selector)
    }

    /// How many elements match `selector`.
    pub fn count(&self, selector: &str) -> u32 {
        count(&self.host, selector)
    }
}

/// The document of the test page.
pub fn document() -> web_sys::Document {
    gloo::utils::document()
}

/// Sets the hash, mounts `A` in a fresh element and waits for it to render.
pub async fn mount<A>(hash: &str) -> Mounted<A>
where
    A: BaseComponent<Properties = ()>,
{
    dom::replace_hash(hash);
    let host = document().create_element("div").expect("a div");
    document()
        .body()
        .expect("a body")
        .append_child(&host)
        .expect("appended");
    let app = yew::Renderer::<A>::with_root(host.clone()).render();
    settle().await;
    Mounted {
        host,
        app: Some(app),
    }
}

/// Mounts lab `L`'s bundle app at `hash` (`#/lab/<id>?…`).
pub async fn mount_lab<L: LabView>(hash: &str) -> Mounted<LabApp<L>> {
    mount::<LabApp<L>>(hash).await
}

/// Lets Yew render and effects run.
pub async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(60)).await;
}

/// Waits (up to about 5 s) until `ready` holds.
pub async fn wait_until(host: &web_sys::Element, ready: impl Fn(&web_sys::Element) -> bool) {
    for _ in 0..100 {
        if ready(host) {
            return;
        }
        yew::platform::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for the page");
}

/// The text of the first element matching `selector` ("" if none).
pub fn text(host: &web_sys::Element, selector: &str) -> String {
    host.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

/// An attribute of the first element matching `selector` ("" if none).
pub fn attr(host: &web_sys::Element, selector: &str, name: &str) -> String {
    host.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute(name))
        .unwrap_or_default()
}

/// How many elements match `selector`.
pub fn count(host: &web_sys::Element, selector: &str) -> u32 {
    host.query_selector_all(selector).map_or(0, |l| l.length())
}

/// The first element matching `selector` as an `HtmlElement`.
pub fn element(host: &web_sys::Element, selector: &str) -> web_sys::HtmlElement {
    host.query_selector(selector)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no element {selector}"))
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap_or_else(|_| panic!("{selector} is not an HTML element"))
}

/// Clicks the first element matching `selector`.
pub fn click(host: &web_sys::Element, selector: &str) {
    element(host, selector).click();
}

/// Clicks the button named `label` (its `aria-label`).
pub fn click_button(host: &web_sys::Element, label: &str) {
    click(host, &format!("button[aria-label='{label}']"));
}

/// Types `value` into the input matching `selector` and commits it (input, then change).
pub fn type_into(host: &web_sys::Element, selector: &str, value: &str) {
    let input = element(host, selector)
        .dyn_into::<web_sys::HtmlInputElement>()
        .unwrap_or_else(|_| panic!("{selector} is not an input"));
    input.set_value(value);
    fire(&input, "input");
    fire(&input, "change");
}

/// Chooses `value` in the select matching `selector`.
pub fn set_select(host: &web_sys::Element, selector: &str, value: &str) {
    let select = element(host, selector)
        .dyn_into::<web_sys::HtmlSelectElement>()
        .unwrap_or_else(|_| panic!("{selector} is not a select"));
    select.set_value(value);
    fire(&select, "change");
}

/// Dispatches a bubbling event of `kind` at `target`.
pub fn fire(target: &web_sys::EventTarget, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(kind, &init).expect("an event");
    target.dispatch_event(&event).expect("dispatched");
}

/// "Step k of N" as `(k, N)`.
pub fn step_of(host: &web_sys::Element) -> (usize, usize) {
    let counter = text(host, ".counter");
    let mut numbers = counter
        .split_whitespace()
        .filter_map(|w| w.parse::<usize>().ok());
    match (numbers.next(), numbers.next()) {
        (Some(k), Some(n)) => (k, n),
        _ => panic!("the counter reads {counter:?}"),
    }
}
