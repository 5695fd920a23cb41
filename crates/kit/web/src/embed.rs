//! Messages between an embedded page (`embed=1` in an iframe) and the page hosting it.
//!
//! To the host, with `postMessage`:
//! - on every size change, the document's height in three forms: `{type: "sdp:resize", height}`,
//!   Canvas's `{subject: "lti.frameResize", height}`, and H5P's resizer protocol
//!   (`{context: "h5p", action: "hello"}` once, then `{context: "h5p", action: "resize",
//!   scrollHeight}`; again when the host answers `resizePrepared` or asks `resize`);
//! - on every step, `{type: "sdp:step", lab, step, of}` (1-based `step` of `of` steps);
//! - on reaching the last step of the (locked) range, `{type: "sdp:complete", lab, step, of}`.
//!
//! From the host: `{type: "sdp:seek", step}` (1-based), `{type: "sdp:play"}`,
//! `{type: "sdp:pause"}`, decoded into [`HostMessage`]; anything else, and anything not sent by
//! the parent window, is ignored. `docs/embedding.md` documents the protocol with an example.

use crate::player::{PlayerAction, PlayerState};
use gloo::events::EventListener;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use yew::prelude::*;

/// A message from the host page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostMessage {
    /// Go to step `step` (1-based; clamped to the locked range).
    Seek {
        /// The step, 1-based.
        step: usize,
    },
    /// Start playing.
    Play,
    /// Pause.
    Pause,
}

/// The string at `key` of a message object, if it is one.
fn text(data: &wasm_bindgen::JsValue, key: &str) -> Option<String> {
    js_sys::Reflect::get(data, &key.into()).ok()?.as_string()
}

/// H5P's host asks for a size (`resizePrepared`, or `resize` when its window changed).
fn asks_h5p_size(data: &wasm_bindgen::JsValue) -> bool {
    data.is_object()
        && text(data, "context").as_deref() == Some("h5p")
        && matches!(
            text(data, "action").as_deref(),
            Some("resizePrepared" | "resize")
        )
}

impl HostMessage {
    /// Decodes a message from the host: `None` for anything that is not one of ours (not an
    /// object, another `type`, a `step` that is not a whole number from 1).
    ///
    /// Read field by field with `js_sys` rather than through serde-wasm-bindgen, whose error
    /// formatting added about 3 KB gzipped to every bundle.
    pub fn decode(data: &wasm_bindgen::JsValue) -> Option<HostMessage> {
        if !data.is_object() {
            return None;
        }
        match text(data, "type")?.as_str() {
            "sdp:seek" => {
                let step = js_sys::Reflect::get(data, &"step".into()).ok()?.as_f64()?;
                (step.is_finite() && step >= 1.0 && step.fract() == 0.0).then(|| {
                    HostMessage::Seek {
                        step: step.min(1e9) as usize,
                    }
                })
            }
            "sdp:play" => Some(HostMessage::Play),
            "sdp:pause" => Some(HostMessage::Pause),
            _ => None,
        }
    }

    /// What the player is told.
    pub fn action(&self) -> PlayerAction {
        match self {
            HostMessage::Seek { step } => PlayerAction::Seek(step.saturating_sub(1)),
            HostMessage::Play => PlayerAction::Play,
            HostMessage::Pause => PlayerAction::Pause,
        }
    }
}

/// A plain JS object from key–value pairs.
fn object(pairs: &[(&str, wasm_bindgen::JsValue)]) -> js_sys::Object {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&o, &(*k).into(), v);
    }
    o
}

/// The parent window, when this page is embedded in another.
fn parent() -> Option<web_sys::Window> {
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    (!js_sys::Object::is(&parent, &window)).then_some(parent)
}

/// Posts `message` to the parent window.
fn post(parent: &web_sys::Window, message: &js_sys::Object) {
    let _ = parent.post_message(message, "*");
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The document's height, as the host should size the iframe.
fn height() -> i32 {
    document()
        .and_then(|d| d.document_element())
        .map_or(0, |e| e.scroll_height())
}

fn post_height(parent: &web_sys::Window) {
    let height = wasm_bindgen::JsValue::from(height());
    post(
        parent,
        &object(&[("type", "sdp:resize".into()), ("height", height.clone())]),
    );
    post(
        parent,
        &object(&[
            ("subject", "lti.frameResize".into()),
            ("height", height.clone()),
        ]),
    );
    post(
        parent,
        &object(&[
            ("context", "h5p".into()),
            ("action", "resize".into()),
            ("scrollHeight", height),
        ]),
    );
}

/// In an embed inside another page: tells the host the size, every step and the completion,
/// and lets it seek, play and pause `player`. Does nothing otherwise.
#[hook]
pub fn use_embed_host(lab: &'static str, embed: bool, player: &UseReducerHandle<PlayerState>) {
    let dispatch = player.dispatcher();
    use_effect_with(embed, move |&embed| {
        let parent = parent().filter(|_| embed);
        let listeners = parent.map(|parent| listen(parent, dispatch));
        move || drop(listeners)
    });
    let (cursor, len, last) = (player.cursor, player.len, player.last());
    let finished = use_mut_ref(|| None::<usize>);
    use_effect_with(
        (cursor, len, last, embed),
        move |&(cursor, len, last, embed)| {
            if let Some(parent) = parent().filter(|_| embed) {
                let event = |kind: &str| {
                    object(&[
                        ("type", kind.into()),
                        ("lab", lab.into()),
                        ("step", (cursor + 1).into()),
                        ("of", len.into()),
                    ])
                };
                post(&parent, &event("sdp:step"));
                // Once per arrival at the end, not again on a re-render there.
                let done = (cursor == last).then_some(cursor);
                if done.is_some() && *finished.borrow() != done {
                    post(&parent, &event("sdp:complete"));
                }
                *finished.borrow_mut() = done;
            }
        },
    );
}

/// The host listeners: messages from the parent, and the document's size.
fn listen(parent: web_sys::Window, dispatch: UseReducerDispatcher<PlayerState>) -> impl Drop {
    post(
        &parent,
        &object(&[("context", "h5p".into()), ("action", "hello".into())]),
    );
    let from = parent.clone();
    let window = web_sys::window();
    let messages = window.map(|window| {
        EventListener::new(&window, "message", move |event| {
            let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() else {
                return;
            };
            let sent_by_parent = event
                .source()
                .is_some_and(|s| js_sys::Object::is(&s, from.as_ref()));
            if !sent_by_parent {
                return;
            }
            let data = event.data();
            if let Some(message) = HostMessage::decode(&data) {
                dispatch.dispatch(message.action());
            } else if asks_h5p_size(&data) {
                post_height(&from);
            }
        })
    });
    let last = Rc::new(Cell::new(-1));
    let on_resize = Closure::<dyn Fn()>::new(move || {
        let h = height();
        if h != last.get() {
            last.set(h);
            post_height(&parent);
        }
    });
    let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
    if let (Some(observer), Some(doc)) = (&observer, document()) {
        for element in [doc.document_element(), doc.body().map(Into::into)]
            .into_iter()
            .flatten()
        {
            observer.observe(&element);
        }
    }
    Listeners {
        _messages: messages,
        observer,
        _on_resize: on_resize,
    }
}

/// What [`listen`] keeps alive; dropping it stops both.
struct Listeners {
    _messages: Option<EventListener>,
    observer: Option<web_sys::ResizeObserver>,
    _on_resize: Closure<dyn Fn()>,
}

impl Drop for Listeners {
    fn drop(&mut self) {
        if let Some(observer) = &self.observer {
            observer.disconnect();
        }
    }
}
