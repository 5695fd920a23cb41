//! The world map: an equirectangular (plate carrée) canvas, zoom and pan by wheel, drag, pinch,
//! buttons and keys; the geohash grid at any precision with labels where they fit and parent
//! boundaries on demand; the bundled coastline; and a per-mode overlay.
//!
//! The projection, zoom and pan, clipping, the grid and the gestures are pure
//! ([`crate::layout`]); this module draws ([`paint`], [`base`]), listens ([`input`]) and holds
//! the per-map caches ([`cache`]). The canvas publishes `data-view="west,north,k"` so that tests
//! can turn a pixel back into a point independently.

pub mod base;
pub mod cache;
pub mod input;
pub mod paint;

pub use crate::layout::grid::{GridChoice, MIN_CELL_PX, label_width, resolve_grid};
pub use crate::layout::paint::{MapInk, Shape, Style, map_ink};
pub use crate::layout::view::{MAX_SPAN, MIN_SPAN, PICK_DECIMALS, Proj, View, WORLD, wrap_lng};
pub use base::{Base, BaseKey, BasePoints, Overlay, PointSource, draw_base, draw_full};
pub use cache::MapCache;
pub use paint::Painter;

use super::coast::use_coast;
use crate::codec::{BBox, LatLng};
use crate::layout::coast::CoastStatus;
use gloo::events::EventListener;
use input::{Live, listen};
use sdp_kit_web::canvas::{context_2d, offscreen};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// A map's width / height for this window: `wide` on a desktop, squarer on a phone.
pub fn map_aspect(wide: f64) -> f64 {
    let w = web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(1280.0);
    crate::layout::view::map_aspect(wide, w)
}

/// Messages to the map controller.
#[derive(Clone, Debug, PartialEq)]
pub enum CtlMsg {
    /// The learner moved the map (stops following the steps).
    SetView(View),
    /// Follow the steps again.
    Follow,
    /// Grid choice.
    Grid(GridChoice),
    /// Parent boundaries on or off.
    Parents(bool),
}

/// The controller's state.
#[derive(Clone, Debug, PartialEq)]
pub struct CtlState {
    view: View,
    follow: bool,
    grid: GridChoice,
    parents: bool,
}

impl Reducible for CtlState {
    type Action = CtlMsg;
    fn reduce(self: Rc<Self>, msg: CtlMsg) -> Rc<Self> {
        let mut s = (*self).clone();
        match msg {
            CtlMsg::SetView(v) => {
                s.view = v.clamped();
                s.follow = false;
            }
            CtlMsg::Follow => s.follow = true,
            CtlMsg::Grid(g) => s.grid = g,
            CtlMsg::Parents(p) => s.parents = p,
        }
        Rc::new(s)
    }
}

/// A map's view and grid settings, shared by its toolbar and canvases.
#[derive(Clone, PartialEq)]
pub struct MapCtl {
    /// The view to draw (the step's fit while following).
    pub view: View,
    /// Following the steps.
    pub follow: bool,
    /// Grid choice.
    pub grid: GridChoice,
    /// Parent boundaries.
    pub parents: bool,
    /// Width / height of the canvases.
    pub aspect: f64,
    /// Sends messages.
    pub send: UseReducerDispatcher<CtlState>,
}

/// A map controller that follows `fit` (the step's region) until the learner moves the map.
#[hook]
pub fn use_map_ctl(fit: BBox, aspect: f64, parents: bool, grid: GridChoice) -> MapCtl {
    let state = use_reducer(|| CtlState {
        view: View::fit(fit, aspect),
        follow: true,
        grid,
        parents,
    });
    MapCtl {
        view: if state.follow {
            View::fit(fit, aspect)
        } else {
            state.view
        },
        follow: state.follow,
        grid: state.grid,
        parents: state.parents,
        aspect,
        send: state.dispatcher(),
    }
}

/// Properties of [`MapToolbar`].
#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// The controller.
    pub ctl: MapCtl,
    /// The precision "Auto" stands for.
    pub auto_precision: u8,
    /// Whether a click drops a point (for the hint).
    #[prop_or_default]
    pub pick_hint: Option<AttrValue>,
    /// What "auto" means, when not one precision.
    #[prop_or_default]
    pub auto_text: Option<AttrValue>,
}

/// Zoom buttons, follow, whole world, grid precision and parent boundaries.
#[component]
pub fn MapToolbar(props: &ToolbarProps) -> Html {
    let ctl = &props.ctl;
    let send = |msg: fn(&MapCtl) -> CtlMsg| {
        let ctl = ctl.clone();
        Callback::from(move |_: MouseEvent| ctl.send.dispatch(msg(&ctl)))
    };
    let on_grid = {
        let send = ctl.send.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .map(|s| s.value())
                .unwrap_or_default();
            send.dispatch(CtlMsg::Grid(GridChoice::from_value(&v)));
        })
    };
    let on_parents = {
        let send = ctl.send.clone();
        Callback::from(move |e: Event| {
            let on = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .is_some_and(|i| i.checked());
            send.dispatch(CtlMsg::Parents(on));
        })
    };
    let grid_value = ctl.grid.value();
    html! {
        <div class="geohash-toolbar" role="group" aria-label="Map">
            <button type="button" aria-label="Zoom in" title="Zoom in (+ on the map)" onclick={send(|c| CtlMsg::SetView(c.view.zoom(0.5)))}>{"+"}</button>
            <button type="button" aria-label="Zoom out" title="Zoom out (− on the map)" onclick={send(|c| CtlMsg::SetView(c.view.zoom(2.0)))}>{"−"}</button>
            <button type="button" aria-pressed={ctl.follow.to_string()} title="Zoom to what each step is about" onclick={send(|_| CtlMsg::Follow)}>{"Follow steps"}</button>
            <button type="button" onclick={send(|c| CtlMsg::SetView(View::fit(WORLD, c.aspect)))}>{"Whole world"}</button>
            <label class="geohash-inline">{"Grid "}
                <select aria-label="Grid precision" onchange={on_grid}>
                    <option value="auto" selected={grid_value == "auto"}>{ props.auto_text.as_ref().map_or_else(|| format!("auto (precision {})", props.auto_precision), |t| format!("auto ({t})")) }</option>
                    <option value="off" selected={grid_value == "off"}>{"off"}</option>
                    { for (1..=12u8).map(|p| html! {
                        <option value={p.to_string()} selected={grid_value == p.to_string()}>{ format!("precision {p}") }</option>
                    }) }
                </select>
            </label>
            <label class="geohash-inline"><input type="checkbox" checked={ctl.parents} onchange={on_parents} />{" Parent cells"}</label>
            <p class="hint geohash-map-hint">{"Drag or arrow keys to pan; wheel, pinch or + − to zoom"}{ props.pick_hint.as_ref().map(|h| format!("; {h}")).unwrap_or_default() }{"."}</p>
        </div>
    }
}

/// A [`MapToolbar`] (one instance for every view, to keep the bundle small).
pub fn toolbar(
    ctl: &MapCtl,
    auto_precision: u8,
    pick_hint: Option<AttrValue>,
    auto_text: Option<AttrValue>,
) -> Html {
    html! { <MapToolbar ctl={ctl.clone()} {auto_precision} {pick_hint} {auto_text} /> }
}

/// A [`GeoMap`] (one instance for every view, as [`toolbar`]).
pub fn geo_map(
    ctl: &MapCtl,
    auto_precision: u8,
    base: Option<BasePoints>,
    overlay: Overlay,
    label: AttrValue,
    on_pick: Option<Callback<LatLng>>,
) -> Html {
    html! { <GeoMap ctl={ctl.clone()} {auto_precision} {base} {overlay} {label} {on_pick} /> }
}

/// Properties of [`GeoMap`].
#[derive(Properties, PartialEq)]
pub struct MapProps {
    /// View and grid settings.
    pub ctl: MapCtl,
    /// The precision the grid's "auto" draws.
    pub auto_precision: u8,
    /// Points drawn under the overlay.
    #[prop_or_default]
    pub base: Option<BasePoints>,
    /// The mode's drawing.
    pub overlay: Overlay,
    /// Text alternative.
    pub label: AttrValue,
    /// A click (or Enter) drops a point here.
    #[prop_or_default]
    pub on_pick: Option<Callback<LatLng>>,
}

/// Re-renders on window resize.
#[hook]
fn use_resize() -> u32 {
    let tick = use_state(|| 0u32);
    {
        let tick = tick.clone();
        use_effect_with((), move |()| {
            let l = EventListener::new(&gloo::utils::window(), "resize", move |_| {
                tick.set(tick.wrapping_add(1));
            });
            move || drop(l)
        });
    }
    *tick
}

/// The base layer drawn last (reused while nothing it depends on changes).
struct BaseLayer {
    key: BaseKey,
    canvas: HtmlCanvasElement,
    labels: Option<u8>,
}

/// The map canvas.
#[component]
pub fn GeoMap(props: &MapProps) -> Html {
    let canvas = use_node_ref();
    let coast = use_coast();
    let resize = use_resize();
    let live = use_mut_ref(|| Live::new(props.ctl.view));
    {
        let mut l = live.borrow_mut();
        l.view = props.ctl.view;
        l.send = Some(props.ctl.send.clone());
        l.on_pick.clone_from(&props.on_pick);
    }
    {
        let (canvas, live) = (canvas.clone(), live.clone());
        use_effect_with((), move |()| {
            let listeners = canvas
                .cast::<HtmlCanvasElement>()
                .map(|el| listen(&el, &live))
                .unwrap_or_default();
            move || drop(listeners)
        });
    }
    let caches = use_memo((), |()| MapCache::shared());
    let base_layer = use_mut_ref(|| None::<BaseLayer>);
    let note = use_state(|| None::<String>);
    {
        let canvas = canvas.clone();
        let (ctl, auto, base, overlay) = (
            props.ctl.clone(),
            props.auto_precision,
            props.base.clone(),
            props.overlay.clone(),
        );
        let coast = coast.clone();
        let coast_key = match &coast {
            CoastStatus::Loading => 0,
            CoastStatus::Ready(c) => Rc::as_ptr(c) as usize,
            CoastStatus::Failed(_) => 1,
        };
        let note = note.clone();
        use_effect_with(
            (
                ctl.clone(),
                auto,
                base.clone(),
                overlay.clone(),
                coast_key,
                resize,
            ),
            move |_| {
                let Some(el) = canvas.cast::<HtmlCanvasElement>() else {
                    return;
                };
                let dpr = gloo::utils::window().device_pixel_ratio().clamp(1.0, 3.0);
                // The same box the pointer handlers measure (the canvas has no border).
                let rect = el.get_bounding_client_rect();
                let w = rect.width().max(100.0);
                let h = if rect.height() >= 50.0 {
                    rect.height()
                } else {
                    w / ctl.aspect
                };
                let (bw, bh) = (px(w * dpr), px(h * dpr));
                if el.width() != bw || el.height() != bh {
                    el.set_width(bw);
                    el.set_height(bh);
                }
                let proj = ctl.view.projection(w, h);
                // Attributes change only when their value does (a write restyles the page).
                let set = |name: &str, value: &str| {
                    if el.get_attribute(name).as_deref() != Some(value) {
                        let _ = el.set_attribute(name, value);
                    }
                };
                set(
                    "data-view",
                    &format!("{},{},{}", proj.west, proj.north, proj.k),
                );
                set("data-coast", coast.word());
                let (grid, grid_note) = resolve_grid(ctl.grid, auto, &proj);
                if *note != grid_note {
                    note.set(grid_note);
                }
                let Some(ctx) = context_2d(&el) else { return };
                let dark = sdp_kit_web::dom::prefers_dark();
                let ink = map_ink(dark);
                let key = BaseKey {
                    proj,
                    dpr,
                    dark,
                    coast: matches!(coast, CoastStatus::Ready(_)),
                    points: base.as_ref().map_or(0, |b| b.id),
                    grid,
                    parents: ctl.parents,
                };
                let mut layer = base_layer.borrow_mut();
                if layer.as_ref().is_none_or(|l| l.key != key) {
                    let reuse = layer.take().map(|l| l.canvas).and_then(|c| {
                        if c.width() != bw || c.height() != bh {
                            c.set_width(bw);
                            c.set_height(bh);
                        }
                        context_2d(&c).map(|x| (c, x))
                    });
                    if let Some((c, cctx)) = reuse.or_else(|| offscreen(bw, bh)) {
                        let sorted = base.as_ref().map(|b| caches.sorted_by_lat(b));
                        let labels = draw_base(
                            &cctx,
                            &Base {
                                proj,
                                dpr,
                                ink,
                                coast: coast.coast(),
                                grid,
                                parents: ctl.parents,
                                points: sorted.as_deref().map(Vec::as_slice),
                                cache: &caches,
                            },
                        );
                        *layer = Some(BaseLayer {
                            key,
                            canvas: c,
                            labels,
                        });
                    }
                }
                let Some(l) = layer.as_ref() else {
                    return;
                };
                let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
                ctx.clear_rect(0.0, 0.0, f64::from(bw), f64::from(bh));
                let _ = ctx.draw_image_with_html_canvas_element(&l.canvas, 0.0, 0.0);
                let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
                (overlay.draw)(&Painter {
                    ctx: &ctx,
                    proj,
                    ink,
                    dpr,
                    grid_labels: l.labels,
                    cache: &caches,
                });
            },
        );
    }
    let coast_note = coast.note();
    let style = format!("aspect-ratio: {}", props.ctl.aspect);
    let pickable = props.on_pick.is_some();
    html! {
        <div class="geohash-map">
            <canvas ref={canvas} class={classes!("geohash-canvas", pickable.then_some("pickable"))}
                tabindex="0" role="img" {style}
                aria-label={props.label.clone()}
                aria-roledescription="interactive map" />
            if let Some(n) = &*note { <p class="geohash-map-note">{ n }</p> }
            if let Some(n) = coast_note { <p class="geohash-map-note geohash-coast-note">{ n }</p> }
        </div>
    }
}

/// Device pixels of a length (rounded, at least 1).
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "a canvas size, clamped to 1..=16384"
)]
fn px(v: f64) -> u32 {
    v.round().clamp(1.0, 16_384.0) as u32
}
