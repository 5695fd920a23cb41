//! The plane components: the main plane (the tree outline, the points and the step's focus; click
//! to add a point, drag from a centre to run a query, unless embedded) and the two comparison
//! canvases of a query's last step. The geometry is in [`crate::layout::plane`].

pub mod draw;
mod focus;
pub mod raster;

use crate::layout::plane::{
    self, COMPARE_H, COMPARE_W, PLANE_W, Viewport, click_point, drag_query, is_drag, main_viewport,
    plane_height,
};
use crate::{Action, Conversion, QuadtreeLab, State};
use sdp_kit::lab::Trace;
use sdp_kit_web::canvas::{self, Frames, context_2d};
use sdp_kit_web::{ById, dom, palette, use_lab};
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// Properties of [`Plane`].
#[derive(Properties, PartialEq)]
pub struct PlaneProps {
    /// The trace (compared by identity).
    pub trace: ById<Trace<State>>,
    /// The step shown.
    pub cursor: usize,
    /// Close-up on the step's focus (else the whole boundary).
    pub follow: bool,
}

/// A press on the plane, in canvas pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Press {
    start: (f64, f64),
    end: (f64, f64),
    /// Canvas pixels per CSS pixel.
    ratio: f64,
}

impl Press {
    fn dragged(&self) -> bool {
        is_drag(self.start, self.end, self.ratio)
    }
}

/// Draws the main plane into its canvas whenever the step or the zoom changes (a split
/// animates); the animation stops when the step changes again.
#[hook]
fn use_plane_drawing(canvas: &NodeRef, trace: &ById<Trace<State>>, cursor: usize, follow: bool) {
    let frames = use_mut_ref(|| None::<Frames>);
    let (canvas, trace) = (canvas.clone(), trace.clone());
    use_effect_with((trace.id(), cursor, follow), move |&(_, cursor, follow)| {
        if let (Some(el), Some(st)) = (canvas.cast::<HtmlCanvasElement>(), trace.get(cursor)) {
            if let Some(ctx) = context_2d(&el) {
                let vp = main_viewport(&st.state, follow);
                let ink = palette::ink(dom::prefers_dark());
                *frames.borrow_mut() = draw::start_main(ctx, st.state.clone(), vp, ink);
            }
        }
        move || {
            frames.borrow_mut().take();
        }
    });
}

/// The pointer handlers of an editable plane: a click adds a point, a drag runs a query (with
/// a preview while dragging), and the pointer's position is read out.
struct Pointer {
    down: Callback<PointerEvent>,
    moved: Callback<PointerEvent>,
    up: Callback<PointerEvent>,
    cancel: Callback<PointerEvent>,
    leave: Callback<PointerEvent>,
}

#[hook]
fn use_pointer(
    canvas: &NodeRef,
    vp: Viewport,
    bounds: crate::tree::Rect,
) -> (Pointer, Option<Press>, Option<(f64, f64)>) {
    let lab = use_lab::<QuadtreeLab>();
    let press = use_state(|| None::<Press>);
    let hover = use_state(|| None::<(f64, f64)>);
    let position = {
        let canvas = canvas.clone();
        move |e: &PointerEvent| -> Option<((f64, f64), f64)> {
            let el = canvas.cast::<HtmlCanvasElement>()?;
            Some(canvas::event_px(&el, e.client_x(), e.client_y()))
        }
    };
    let down = {
        let (press, canvas) = (press.clone(), canvas.clone());
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                let _ = el.set_pointer_capture(e.pointer_id());
                let (p, ratio) = canvas::event_px(&el, e.client_x(), e.client_y());
                press.set(Some(Press {
                    start: p,
                    end: p,
                    ratio,
                }));
            }
        })
    };
    let moved = {
        let (press, hover, position) = (press.clone(), hover.clone(), position.clone());
        Callback::from(move |e: PointerEvent| {
            let Some((p, _)) = position(&e) else { return };
            if let Some(mut pr) = *press {
                pr.end = p;
                press.set(Some(pr));
            }
            hover.set(Some(vp.to_deg(p.0, p.1)));
        })
    };
    let up = {
        let press = press.clone();
        Callback::from(move |e: PointerEvent| {
            let Some(mut pr) = *press else { return };
            if let Some((p, _)) = position(&e) {
                pr.end = p;
            }
            press.set(None);
            if pr.dragged() {
                if let Some((lng, lat, radius_km)) =
                    drag_query(&vp, pr.start.0, pr.start.1, pr.end.0, pr.end.1)
                {
                    lab.act(Action::Query {
                        lng,
                        lat,
                        radius_km,
                    });
                }
            } else if let Some((lng, lat)) = click_point(&vp, &bounds, pr.start.0, pr.start.1) {
                lab.act(Action::AddPoint { lng, lat });
            }
        })
    };
    let cancel = {
        let press = press.clone();
        Callback::from(move |_: PointerEvent| press.set(None))
    };
    let leave = {
        let hover = hover.clone();
        Callback::from(move |_: PointerEvent| hover.set(None))
    };
    (
        Pointer {
            down,
            moved,
            up,
            cancel,
            leave,
        },
        *press,
        *hover,
    )
}

/// The drag preview: the circle being drawn and its radius in km.
fn preview(vp: &Viewport, pr: Press) -> Html {
    let r = ((pr.end.0 - pr.start.0).powi(2) + (pr.end.1 - pr.start.1).powi(2)).sqrt();
    let km = drag_query(vp, pr.start.0, pr.start.1, pr.end.0, pr.end.1).map_or(0.0, |q| q.2);
    html! {
        <g class="quadtree-preview">
            <circle cx={format!("{:.1}", pr.start.0)} cy={format!("{:.1}", pr.start.1)} r={format!("{r:.1}")} />
            <line x1={format!("{:.1}", pr.start.0)} y1={format!("{:.1}", pr.start.1)} x2={format!("{:.1}", pr.end.0)} y2={format!("{:.1}", pr.end.1)} />
            <text x={format!("{:.1}", pr.end.0 + 8.0)} y={format!("{:.1}", pr.end.1 - 8.0)}>{ format!("r ≈ {km} km") }</text>
        </g>
    }
}

/// The main plane. In embed mode it is a picture: no pointer handlers, no crosshair, no
/// invitation to click.
#[component]
pub fn Plane(props: &PlaneProps) -> Html {
    let lab = use_lab::<QuadtreeLab>();
    let canvas = use_node_ref();
    use_plane_drawing(&canvas, &props.trace, props.cursor, props.follow);
    let step = props.trace.get(props.cursor);
    let vp = step.map_or_else(
        || Viewport::fit(crate::WORLD, PLANE_W, 480.0),
        |st| main_viewport(&st.state, props.follow),
    );
    let bounds = step.map_or(crate::WORLD, |st| st.state.world.bounds);
    let (pointer, press, hover) = use_pointer(&canvas, vp, bounds);
    let Some(step) = step else {
        return html! {};
    };
    let s = &step.state;
    let h = plane_height(&s.world.bounds);
    let live = lab.editable();
    let readout = match hover.filter(|_| live) {
        Some((lng, lat)) => {
            let d = vp.decimals();
            format!("Pointer at lng {lng:.d$}, lat {lat:.d$}.")
        }
        None => String::new(),
    };
    let preview = press
        .filter(|pr| live && pr.dragged())
        .map(|pr| preview(&vp, pr));
    let (width, height) = (PLANE_W.to_string(), h.to_string());
    let label = plane::describe(s);
    let canvas = if live {
        html! {
            <canvas ref={canvas} class="quadtree-plane" width={width} height={height} role="img" aria-label={label}
                onpointerdown={pointer.down} onpointermove={pointer.moved} onpointerup={pointer.up}
                onpointercancel={pointer.cancel} onpointerleave={pointer.leave} />
        }
    } else {
        html! {
            <canvas ref={canvas} class="quadtree-plane" width={width} height={height} role="img" aria-label={label} />
        }
    };
    html! {
        <figure class="quadtree-figure">
            <div class={classes!("quadtree-stage", live.then_some("live"))}>
                { canvas }
                <svg class="quadtree-overlay" viewBox={format!("0 0 {PLANE_W} {h}")} aria-hidden="true">{ for preview }</svg>
            </div>
            <figcaption>
                { "Longitude → east, latitude ↑ north, one degree as wide as the other (the space the tree splits). " }
                if live { {"Click to add a point; drag from a centre to run a radius query. "} }
                <span class="quadtree-readout" aria-live="off">{ readout }</span>
            </figcaption>
        </figure>
    }
}

/// Properties of [`ComparePlane`].
#[derive(Properties, PartialEq)]
pub struct CompareProps {
    /// The trace (compared by identity).
    pub trace: ById<Trace<State>>,
    /// The step shown (a query's last step).
    pub cursor: usize,
    /// Which conversion this canvas shows.
    pub conv: Conversion,
}

/// One of the two comparison canvases: the same query under one conversion.
#[component]
pub fn ComparePlane(props: &CompareProps) -> Html {
    let canvas = use_node_ref();
    {
        let (canvas, trace, conv) = (canvas.clone(), props.trace.clone(), props.conv);
        use_effect_with(
            (props.trace.id(), props.cursor, props.conv),
            move |&(_, cursor, _)| {
                if let (Some(el), Some(st)) =
                    (canvas.cast::<HtmlCanvasElement>(), trace.get(cursor))
                {
                    if let (Some(ctx), Some((q, _))) = (context_2d(&el), st.state.query()) {
                        let ink = palette::ink(dom::prefers_dark());
                        draw::draw_compare(&ctx, &st.state, q, conv, &ink);
                    }
                }
            },
        );
    }
    let Some((q, _)) = props
        .trace
        .get(props.cursor)
        .and_then(|st| st.state.query())
    else {
        return html! {};
    };
    let o = match props.conv {
        Conversion::Doc => &q.doc,
        Conversion::Corrected => &q.corrected,
    };
    let title = match props.conv {
        Conversion::Doc => "Document: 111 km per degree on both axes",
        Conversion::Corrected => "Corrected: longitude degrees ÷ cos φ",
    };
    let summary = format!(
        "{} of {} true hits found, {} missed; {} candidates, {} nodes visited.",
        o.results.len(),
        q.truth.len(),
        o.missed.len(),
        o.candidates.len(),
        o.stats.visited
    );
    html! {
        <figure class={classes!("quadtree-compare-fig", (!o.missed.is_empty()).then_some("has-missed"))}>
            <figcaption><strong>{ title }</strong><br />{ summary.clone() }</figcaption>
            <canvas ref={canvas} class="quadtree-plane" width={COMPARE_W.to_string()} height={COMPARE_H.to_string()}
                role="img" aria-label={format!("{title}: {summary}")} />
        </figure>
    }
}
