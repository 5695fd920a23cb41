//! View of the quadtree lab: the plane (canvas: tree outline, points, the step's focus; click to
//! add a point, drag to run a query), the tree drawn as a tree, the step in numbers, and in the
//! last step of a query the document's conversion beside the corrected one.

pub mod canvas;
pub mod controls;
pub mod detail;
pub mod plane;
pub mod tree_panel;

pub use controls::{bounds_text, parse_bounds, parse_numbers};

use super::{Change, LabView};
use crate::by_id::ById;
use crate::dom::now_ms;
use crate::palette;
use plane::{COMPARE_H, COMPARE_W, PLANE_W, colour};
use sdp_core::lab::{Lab, Scenario, Trace};
use sdp_spatial::quadtree::tree::{QuadTree, Rect, Shape};
use sdp_spatial::quadtree::{
    Action, Conversion, Distribution, Focus, MAX_DETAILED, MAX_POINTS, MAX_QUERIES, Params,
    QuadtreeLab, QueryPhase, State, WORLD,
};
use std::cell::RefCell;
use std::hint::black_box;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

thread_local! {
    /// The page's change callback, registered by the controls, so the plane can add actions.
    static CHANGE: RefCell<Option<Callback<Change<QuadtreeLab>>>> = const { RefCell::new(None) };
}

fn set_change(c: Option<Callback<Change<QuadtreeLab>>>) {
    CHANGE.with(|cell| *cell.borrow_mut() = c);
}

/// Sends a change to the page; false when no page takes changes (embed mode).
fn emit(change: Change<QuadtreeLab>) -> bool {
    let callback = CHANGE.with(|cell| cell.borrow().clone());
    match callback {
        Some(cb) => {
            cb.emit(change);
            true
        }
        None => false,
    }
}

/// True when a page takes changes right now (checked when an event arrives).
fn interactive() -> bool {
    CHANGE.with(|cell| cell.borrow().is_some())
}

/// True when the drawing should invite clicks and drags: everywhere but embed mode (decided at
/// render time, before the controls have registered).
fn live_view() -> bool {
    !crate::dom::location_hash().contains("embed=1")
}

impl LabView for QuadtreeLab {
    fn view_step(trace: &Rc<Trace<State>>, cursor: usize) -> Html {
        html! { <QuadtreeView trace={trace.clone()} {cursor} /> }
    }

    fn controls(scenario: &Scenario<Params, Action>, change: Callback<Change<Self>>) -> Html {
        html! { <controls::Controls scenario={scenario.clone()} {change} /> }
    }
}

/// Properties: the trace and cursor (compared by identity).
#[derive(Properties, PartialEq)]
struct ViewProps {
    trace: ById<Trace<State>>,
    cursor: usize,
}

#[component]
fn QuadtreeView(props: &ViewProps) -> Html {
    let follow = use_state(|| true);
    let Some(step) = props.trace.get(props.cursor) else {
        return html! {};
    };
    let s = &step.state;
    let compare = matches!(s.query(), Some((_, c)) if c.phase == QueryPhase::Compare);
    let set_follow = |v: bool| {
        let follow = follow.clone();
        Callback::from(move |_: Event| follow.set(v))
    };
    html! {
        <div class="quadtree-view">
            <div class="quadtree-main">
                <fieldset class="quadtree-zoom">
                    <legend>{"Plane"}</legend>
                    <label><input type="radio" name="quadtree-zoom" checked={*follow} onchange={set_follow(true)} />{" close-up on the step"}</label>
                    <label><input type="radio" name="quadtree-zoom" checked={!*follow} onchange={set_follow(false)} />{" whole boundary"}</label>
                </fieldset>
                if compare {
                    <div class="quadtree-compare">
                        <ComparePlane trace={props.trace.clone()} cursor={props.cursor} conv={Conversion::Doc} />
                        <ComparePlane trace={props.trace.clone()} cursor={props.cursor} conv={Conversion::Corrected} />
                    </div>
                } else {
                    <Plane trace={props.trace.clone()} cursor={props.cursor} follow={*follow} />
                }
                { legend(s) }
            </div>
            <tree_panel::TreePanel trace={props.trace.clone()} cursor={props.cursor} />
            <detail::Detail trace={props.trace.clone()} cursor={props.cursor} />
        </div>
    }
}

fn swatch(shape: &str, fill: &str, stroke: &str) -> Html {
    let inner = match shape {
        "dot" => html! { <rect x="5" y="5" width="4" height="4" fill={fill.to_string()} /> },
        "diamond" => {
            html! { <path d="M7 2 L12 7 L7 12 L2 7 Z" fill={fill.to_string()} stroke={stroke.to_string()} /> }
        }
        "circle" => {
            html! { <circle cx="7" cy="7" r="4.5" fill={fill.to_string()} stroke={stroke.to_string()} stroke-width="1.5" /> }
        }
        "ring" => {
            html! { <circle cx="7" cy="7" r="4.5" fill="none" stroke={stroke.to_string()} stroke-width="2" /> }
        }
        "cross" => {
            html! { <path d="M3 3 L11 11 M11 3 L3 11" stroke={stroke.to_string()} stroke-width="2" /> }
        }
        "missed" => html! {
            <g stroke={stroke.to_string()} stroke-width="1.8" fill="none"><circle cx="7" cy="7" r="6" /><path d="M4 4 L10 10 M10 4 L4 10" /></g>
        },
        "box" => {
            html! { <rect x="1.5" y="1.5" width="11" height="11" fill={fill.to_string()} stroke={stroke.to_string()} stroke-width="1.5" /> }
        }
        "dashed" => {
            html! { <rect x="1.5" y="1.5" width="11" height="11" fill={fill.to_string()} stroke={stroke.to_string()} stroke-width="1.5" stroke-dasharray="3 2" /> }
        }
        _ => {
            html! { <path d="M1 7 L13 7" stroke={stroke.to_string()} stroke-width="2" stroke-dasharray="3 2" /> }
        }
    };
    html! { <svg class="quadtree-swatch" viewBox="0 0 14 14" aria-hidden="true">{ inner }</svg> }
}

fn legend(s: &State) -> Html {
    let dark = crate::dom::prefers_dark();
    let ink = palette::ink(dark);
    let mut items: Vec<(Html, &str)> = vec![
        (swatch("dot", ink.fg, ink.fg), "point"),
        (swatch("diamond", colour::USER, ink.fg), "point you added"),
    ];
    match s.query() {
        Some((_, c)) => {
            items.push((
                swatch("circle", "none", ink.accent),
                "search shape (degrees)",
            ));
            items.push((swatch("line", "none", ink.fg), "true circle on the sphere"));
            match c.phase {
                QueryPhase::Start => {}
                QueryPhase::Walk => {
                    items.push((swatch("box", "#009E7333", colour::VISITED), "visited node"));
                    items.push((swatch("dashed", "#99999955", colour::PRUNED), "pruned node"));
                    items.push((swatch("circle", colour::CANDIDATE, ink.fg), "candidate"));
                    items.push((swatch("cross", "none", ink.fg), "checked, outside"));
                }
                QueryPhase::Filter | QueryPhase::Compare => {
                    items.push((
                        swatch("circle", colour::RESULT, ink.bg),
                        "result (haversine ≤ r)",
                    ));
                    items.push((
                        swatch("ring", "none", colour::CANDIDATE),
                        "candidate beyond r",
                    ));
                    if c.phase == QueryPhase::Compare {
                        items.push((
                            swatch("missed", "none", colour::MISSED),
                            "missed (true hit not returned)",
                        ));
                    }
                }
            }
        }
        None => {
            if matches!(s.focus, Focus::Split { .. }) {
                items.push((
                    swatch("ring", "none", palette::series(0)),
                    "moved point, ringed in its new child's colour",
                ));
                items.push((swatch("diamond", ink.bg, ink.accent), "arriving point"));
            }
            if matches!(s.focus, Focus::Placed { .. }) {
                items.push((
                    swatch("circle", ink.accent, ink.accent),
                    "placed point; its leaf outlined",
                ));
            }
        }
    }
    html! {
        <ul class="legend quadtree-legend" aria-label="Legend">
            { for items.into_iter().map(|(sw, text)| html! { <li>{ sw }{ text }</li> }) }
        </ul>
    }
}

/// Properties of [`Plane`].
#[derive(Properties, PartialEq)]
struct PlaneProps {
    trace: ById<Trace<State>>,
    cursor: usize,
    follow: bool,
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
        let (dx, dy) = (self.end.0 - self.start.0, self.end.1 - self.start.1);
        (dx * dx + dy * dy).sqrt() / self.ratio.max(1e-9) > 6.0
    }
}

#[component]
fn Plane(props: &PlaneProps) -> Html {
    let canvas = use_node_ref();
    let press = use_state(|| None::<Press>);
    let hover = use_state(|| None::<(f64, f64)>);
    let frames = use_mut_ref(|| None::<canvas::Frames>);
    let step = props.trace.get(props.cursor);
    let vp = step.map(|st| plane::main_viewport(&st.state, props.follow));
    {
        let (canvas, trace, cursor, frames) = (
            canvas.clone(),
            props.trace.clone(),
            props.cursor,
            frames.clone(),
        );
        use_effect_with(
            (props.trace.id(), props.cursor, props.follow),
            move |&(_, _, follow)| {
                if let (Some(el), Some(st)) =
                    (canvas.cast::<HtmlCanvasElement>(), trace.get(cursor))
                {
                    if let Some(ctx) = canvas::context(&el) {
                        let vp = plane::main_viewport(&st.state, follow);
                        let ink = palette::ink(crate::dom::prefers_dark());
                        *frames.borrow_mut() = plane::start_main(ctx, st.state.clone(), vp, ink);
                    }
                }
                move || {
                    frames.borrow_mut().take();
                }
            },
        );
    }
    let (Some(step), Some(vp)) = (step, vp) else {
        return html! {};
    };
    let s = &step.state;
    let h = plane::plane_height(&s.world.bounds);
    let live = live_view();
    let position = {
        let canvas = canvas.clone();
        move |e: &PointerEvent| -> Option<((f64, f64), f64)> {
            let el = canvas.cast::<HtmlCanvasElement>()?;
            Some(canvas::event_px(&el, e.client_x(), e.client_y()))
        }
    };
    let onpointerdown = {
        let (press, canvas) = (press.clone(), canvas.clone());
        Callback::from(move |e: PointerEvent| {
            if !interactive() || e.button() != 0 {
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
    let onpointermove = {
        let (press, hover) = (press.clone(), hover.clone());
        let position = position.clone();
        Callback::from(move |e: PointerEvent| {
            let Some((p, _)) = position(&e) else { return };
            if let Some(mut pr) = *press {
                pr.end = p;
                press.set(Some(pr));
            }
            hover.set(Some(vp.to_deg(p.0, p.1)));
        })
    };
    let onpointerup = {
        let press = press.clone();
        let bounds = s.world.bounds;
        let position = position.clone();
        Callback::from(move |e: PointerEvent| {
            let Some(mut pr) = *press else { return };
            if let Some((p, _)) = position(&e) {
                pr.end = p;
            }
            press.set(None);
            if pr.dragged() {
                if let Some((lng, lat, radius_km)) =
                    plane::drag_query(&vp, pr.start.0, pr.start.1, pr.end.0, pr.end.1)
                {
                    emit(Change::Action(Action::Query {
                        lng,
                        lat,
                        radius_km,
                    }));
                }
            } else if let Some((lng, lat)) =
                plane::click_point(&vp, &bounds, pr.start.0, pr.start.1)
            {
                emit(Change::Action(Action::AddPoint { lng, lat }));
            }
        })
    };
    let onpointercancel = {
        let press = press.clone();
        Callback::from(move |_: PointerEvent| press.set(None))
    };
    let onpointerleave = {
        let hover = hover.clone();
        Callback::from(move |_: PointerEvent| hover.set(None))
    };
    let preview = (*press).filter(Press::dragged).map(|pr| {
        let r = ((pr.end.0 - pr.start.0).powi(2) + (pr.end.1 - pr.start.1).powi(2)).sqrt();
        let km = plane::drag_query(&vp, pr.start.0, pr.start.1, pr.end.0, pr.end.1)
            .map_or(0.0, |q| q.2);
        html! {
            <g class="quadtree-preview">
                <circle cx={format!("{:.1}", pr.start.0)} cy={format!("{:.1}", pr.start.1)} r={format!("{r:.1}")} />
                <line x1={format!("{:.1}", pr.start.0)} y1={format!("{:.1}", pr.start.1)} x2={format!("{:.1}", pr.end.0)} y2={format!("{:.1}", pr.end.1)} />
                <text x={format!("{:.1}", pr.end.0 + 8.0)} y={format!("{:.1}", pr.end.1 - 8.0)}>{ format!("r ≈ {km} km") }</text>
            </g>
        }
    });
    let readout = match *hover {
        Some((lng, lat)) => {
            let d = vp.decimals();
            format!("Pointer at lng {lng:.d$}, lat {lat:.d$}.")
        }
        None => String::new(),
    };
    html! {
        <figure class="quadtree-figure">
            <div class={classes!("quadtree-stage", live.then_some("live"))}>
                <canvas ref={canvas} class="quadtree-plane" width={PLANE_W.to_string()} height={h.to_string()}
                    role="img" aria-label={plane::describe(s)}
                    {onpointerdown} {onpointermove} {onpointerup} {onpointercancel} {onpointerleave} />
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
struct CompareProps {
    trace: ById<Trace<State>>,
    cursor: usize,
    conv: Conversion,
}

#[component]
fn ComparePlane(props: &CompareProps) -> Html {
    let canvas = use_node_ref();
    {
        let (canvas, trace, cursor, conv) = (
            canvas.clone(),
            props.trace.clone(),
            props.cursor,
            props.conv,
        );
        use_effect_with((props.trace.id(), props.cursor, props.conv), move |_| {
            if let (Some(el), Some(st)) = (canvas.cast::<HtmlCanvasElement>(), trace.get(cursor)) {
                if let (Some(ctx), Some((q, _))) = (canvas::context(&el), st.state.query()) {
                    let ink = palette::ink(crate::dom::prefers_dark());
                    plane::draw_compare(&ctx, &st.state, q, conv, &ink);
                }
            }
        });
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

/// The largest quadtree scenario the lab allows: 10 000 points (200 one step each) and eight
/// queries, small to half the Earth.
pub fn largest_quadtree() -> Scenario<Params, Action> {
    let queries = [
        (10.75, 59.91, 500.0),
        (-0.13, 51.5, 2000.0),
        (18.96, 69.65, 300.0),
        (-78.47, -0.18, 800.0),
        (139.69, 35.69, 5000.0),
        (-74.0, 40.7, 20_000.0),
        (2.35, 48.86, 50.0),
        (151.2, -33.87, 1500.0),
    ];
    Scenario {
        params: Params {
            dist: Distribution::Cities,
            points: MAX_POINTS - 8,
            capacity: 4,
            max_depth: 30,
            detailed: MAX_DETAILED,
            bounds: WORLD,
            conv: Conversion::Doc,
        },
        seed: 7,
        actions: (0..8)
            .map(|i| Action::AddPoint {
                lng: 10.0 + f64::from(i) * 0.001,
                lat: 60.0,
            })
            .chain(
                queries
                    .iter()
                    .take(MAX_QUERIES)
                    .map(|&(lng, lat, radius_km)| Action::Query {
                        lng,
                        lat,
                        radius_km,
                    }),
            )
            .collect(),
    }
}

/// A uniform number in [0, 1) from a SplitMix64 state (benchmark inputs only).
fn unit(state: &mut u64) -> f64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// Quadtree figures in WebAssembly: 100 000 points and 1 000 radius queries on the plain tree,
/// and the trace build of the largest scenario.
#[wasm_bindgen]
pub fn bench_quadtree() -> String {
    let mut state = 11u64;
    let mut uniform = |lo: f64, hi: f64| lo + (hi - lo) * unit(&mut state);
    let points: Vec<(f64, f64)> = (0..100_000)
        .map(|_| (uniform(-180.0, 180.0), uniform(-90.0, 90.0)))
        .collect();
    let t = now_ms();
    let tree = QuadTree::build(WORLD, 8, 30, &points);
    let build_ms = now_ms() - t;
    let Ok(tree) = tree else {
        return "quadtree build failed".into();
    };
    let queries: Vec<Shape> = (0..1000)
        .map(|_| {
            Shape::circle(
                uniform(-180.0, 180.0),
                uniform(-90.0, 90.0),
                uniform(0.5, 5.0),
            )
        })
        .collect();
    let t = now_ms();
    let mut found = 0usize;
    for q in &queries {
        found += black_box(tree.query(q)).len();
    }
    let query_ms = now_ms() - t;
    let scenario = largest_quadtree();
    let mut builds = Vec::new();
    let mut steps = 0;
    for _ in 0..3 {
        let t = now_ms();
        steps = QuadtreeLab::run(&scenario).map(|t| t.len()).unwrap_or(0);
        builds.push(now_ms() - t);
    }
    // Drawing the plane with every point in the tree (the query steps), whole boundary and
    // close-up, flushed so the canvas has really drawn.
    let draws = QuadtreeLab::run(&scenario)
        .ok()
        .and_then(|trace| {
            let (_, ctx) = canvas::offscreen(PLANE_W as u32, 480)?;
            let ink = palette::ink(false);
            let mut whole = Vec::new();
            let mut close = Vec::new();
            let mut points = 0;
            for st in trace.steps.iter().filter(|st| st.state.query().is_some()).step_by(4) {
                points = plane::alive_points(&st.state.world, st.state.epoch);
                for (follow, out) in [(false, &mut whole), (true, &mut close)] {
                    let t = now_ms();
                    let vp = plane::main_viewport(&st.state, follow);
                    let base = plane::main_raster(&st.state, &vp, &ink);
                    plane::draw_main(&ctx, &st.state, &base, &vp, 1.0, &ink);
                    canvas::flush(&ctx);
                    out.push(now_ms() - t);
                }
            }
            Some(format!(
                "wasm+canvas: one plane frame with {points} points and the outline: whole boundary {}; close-up {} ({} frames each)",
                canvas::spread(whole.clone()),
                canvas::spread(close),
                whole.len()
            ))
        })
        .unwrap_or_default();
    let b = Rect::new(-180.0, -90.0, 180.0, 90.0);
    format!(
        "wasm: quadtree build, 100,000 uniform points (capacity 8): {build_ms:.1} ms, {} nodes\n\
         wasm: 1,000 radius queries (r 0.5–5°): {query_ms:.1} ms = {:.0} queries/s ({found} points returned)\n\
         wasm: quadtree trace, largest scenario (10,000 points, 200 one step each, 8 queries): median {:.1} ms, {steps} steps\n\
         (boundary {} × {}°)\n{draws}",
        tree.nodes().len(),
        1000.0 / (query_ms.max(0.001) / 1000.0),
        median(builds),
        b.width(),
        b.height()
    )
}
