//! How a bundle (one wasm file: a lab, the designs, or home and the indexes) meets the loader.
//!
//! A bundle's `main` calls [`start`] with its app; the loader (`web/loader.js`) imports the
//! bundle, then calls the exported [`mount`] with the element to render into, and
//! [`Mounted::unmount`] when the route moves to another bundle.

use std::sync::OnceLock;
use wasm_bindgen::prelude::*;
use yew::BaseComponent;

/// The bundle's app, as a function that renders it into an element.
static APP: OnceLock<fn(web_sys::Element) -> Mounted> = OnceLock::new();

/// Registers `A` as this bundle's app (call once, from `main`).
pub fn start<A>()
where
    A: BaseComponent<Properties = ()>,
{
    let _ = APP.set(render::<A>);
}

fn render<A>(root: web_sys::Element) -> Mounted
where
    A: BaseComponent<Properties = ()>,
{
    let handle = yew::Renderer::<A>::with_root(root).render();
    Mounted {
        destroy: Some(Box::new(move || handle.destroy())),
    }
}

/// An app rendered by [`mount`].
#[wasm_bindgen]
pub struct Mounted {
    destroy: Option<Box<dyn FnOnce()>>,
}

#[wasm_bindgen]
impl Mounted {
    /// Removes the app from the page (it can be mounted again later).
    pub fn unmount(&mut self) {
        if let Some(destroy) = self.destroy.take() {
            destroy();
        }
    }
}

/// Renders the bundle's app into `root`; `None` if `main` registered none.
#[wasm_bindgen]
pub fn mount(root: web_sys::Element) -> Option<Mounted> {
    APP.get().map(|render| render(root))
}
