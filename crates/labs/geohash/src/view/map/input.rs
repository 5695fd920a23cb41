//! Pointer, wheel and key input on a map canvas: the gestures themselves are
//! [`crate::layout::gesture`] and the view changes [`crate::layout::view`]; this only measures
//! events and applies the result. A click (or Enter) drops a point only when the map has a
//! pick callback (never in embed mode).

use super::{CtlMsg, CtlState};
use crate::codec::LatLng;
use crate::layout::gesture::Gesture;
use crate::layout::view::{View, wheel_factor};
use gloo::events::{EventListener, EventListenerOptions};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// What the native listeners need from the latest render.
pub struct Live {
    /// The view on screen.
    pub view: View,
    /// The map controller's dispatcher.
    pub send: Option<UseReducerDispatcher<CtlState>>,
    /// Where a click drops a point (none: clicks do nothing).
    pub on_pick: Option<Callback<LatLng>>,
    gesture: Gesture,
}

impl Live {
    /// Listeners' state for a map showing `view`.
    pub fn new(view: View) -> Live {
        Live {
            view,
            send: None,
            on_pick: None,
            gesture: Gesture::default(),
        }
    }

    fn set_view(&mut self, v: View) {
        self.view = v.clamped();
        if let Some(s) = &self.send {
            s.dispatch(CtlMsg::SetView(self.view));
        }
    }
}

fn local(el: &HtmlCanvasElement, client_x: f64, client_y: f64) -> (f64, f64, f64, f64) {
    let r = el.get_bounding_client_rect();
    (
        client_x - r.left(),
        client_y - r.top(),
        r.width().max(1.0),
        r.height().max(1.0),
    )
}

/// Listens on the canvas: wheel, pointers (mouse, pen, touch, pinch) and keys.
pub fn listen(el: &HtmlCanvasElement, live: &Rc<RefCell<Live>>) -> Vec<EventListener> {
    let opts = EventListenerOptions::enable_prevent_default();
    let mut out = Vec::new();
    {
        let (el2, live) = (el.clone(), live.clone());
        out.push(EventListener::new_with_options(
            el,
            "wheel",
            opts,
            move |e| {
                let Some(e) = e.dyn_ref::<web_sys::WheelEvent>() else {
                    return;
                };
                e.prevent_default();
                let factor = wheel_factor(e.delta_y(), e.delta_mode());
                let (x, y, w, h) = local(&el2, f64::from(e.client_x()), f64::from(e.client_y()));
                let mut l = live.borrow_mut();
                let v = l.view.zoom_at(factor, x, y, w, h);
                l.set_view(v);
            },
        ));
    }
    {
        let (el2, live) = (el.clone(), live.clone());
        out.push(EventListener::new(el, "pointerdown", move |e| {
            let Some(e) = e.dyn_ref::<web_sys::PointerEvent>() else {
                return;
            };
            if e.pointer_type() == "mouse" && e.button() != 0 {
                return;
            }
            let _ = el2.set_pointer_capture(e.pointer_id());
            let (x, y, _, _) = local(&el2, f64::from(e.client_x()), f64::from(e.client_y()));
            live.borrow_mut().gesture.down(e.pointer_id(), x, y);
        }));
    }
    {
        let (el2, live) = (el.clone(), live.clone());
        out.push(EventListener::new(el, "pointermove", move |e| {
            let Some(e) = e.dyn_ref::<web_sys::PointerEvent>() else {
                return;
            };
            let (x, y, w, h) = local(&el2, f64::from(e.client_x()), f64::from(e.client_y()));
            let mut l = live.borrow_mut();
            let view = l.view;
            if let Some(v) = l.gesture.moved_to(e.pointer_id(), (x, y), (w, h), view) {
                l.set_view(v);
            }
        }));
    }
    for kind in ["pointerup", "pointercancel"] {
        let (el2, live) = (el.clone(), live.clone());
        out.push(EventListener::new(el, kind, move |e| {
            let Some(e) = e.dyn_ref::<web_sys::PointerEvent>() else {
                return;
            };
            let (x, y, w, h) = local(&el2, f64::from(e.client_x()), f64::from(e.client_y()));
            let pick = {
                let mut l = live.borrow_mut();
                let click = l.gesture.up(e.pointer_id(), e.type_() == "pointerup");
                click.then(|| (l.view.projection(w, h).pick(x, y), l.on_pick.clone()))
            };
            if let Some((p, Some(cb))) = pick {
                cb.emit(p);
            }
        }));
    }
    {
        let (el2, live) = (el.clone(), live.clone());
        out.push(EventListener::new_with_options(
            el,
            "keydown",
            opts,
            move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                let r = el2.get_bounding_client_rect();
                let (w, h) = (r.width().max(1.0), r.height().max(1.0));
                let mut l = live.borrow_mut();
                let key = e.key();
                if key == "Enter" {
                    let p = l.view.projection(w, h).pick(w / 2.0, h / 2.0);
                    let cb = l.on_pick.clone();
                    drop(l);
                    e.prevent_default();
                    e.stop_propagation();
                    if let Some(cb) = cb {
                        cb.emit(p);
                    }
                    return;
                }
                if let Some(next) = l.view.after_key(&key) {
                    e.prevent_default();
                    e.stop_propagation();
                    l.set_view(next);
                }
            },
        ));
    }
    out
}
