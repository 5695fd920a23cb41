//! The quadtree lab's controls: every parameter, and the two actions (add a point, run a
//! query) by typed coordinates, with presets.

use crate::layout::form::{bounds_text, coordinate as number, parse_bounds};
use crate::tree::Rect;
use crate::{
    Action, CAPACITY_RANGE, Conversion, DEPTH_RANGE, Distribution, MAX_DETAILED, MAX_POINTS,
    MAX_RADIUS_KM, Params, QuadtreeLab, WORLD,
};
use sdp_kit::lab::{Contract, Scenario};
use sdp_kit_web::Change;
use sdp_kit_web::use_lab;
use sdp_kit_web::widgets::{KeptInput, NumberField};
use wasm_bindgen::JsCast;
use yew::prelude::*;

fn input_value(node: &NodeRef) -> String {
    node.cast::<web_sys::HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

const BOUNDS_PRESETS: &[(&str, Rect)] = &[
    ("World", WORLD),
    ("Europe", Rect::new(-25.0, 34.0, 45.0, 72.0)),
    ("North America", Rect::new(-170.0, 5.0, -50.0, 75.0)),
];

const QUERY_PRESETS: &[(&str, f64, f64, f64)] = &[
    ("Oslo, 500 km (60° N)", 10.75, 59.91, 500.0),
    ("Quito, 500 km (equator)", -78.47, -0.18, 500.0),
    ("Tromsø, 300 km (70° N)", 18.96, 69.65, 300.0),
];

/// The controls (not shown in embed mode; the page leaves them out).
#[component]
pub fn Controls() -> Html {
    let lab = use_lab::<QuadtreeLab>();
    let s = &*lab.scenario;
    let p = s.params.clone();
    let seed = s.seed;
    let param = |f: fn(&mut Params, u64)| {
        let (change, p) = (lab.change.clone(), p.clone());
        Callback::from(move |v: u64| {
            let mut next = p.clone();
            f(&mut next, v);
            change.emit(Change::Params(next, seed));
        })
    };
    let on_seed = {
        let (change, p) = (lab.change.clone(), p.clone());
        Callback::from(move |v: u64| change.emit(Change::Params(p.clone(), v)))
    };
    let select = |f: fn(&mut Params, &str)| {
        let (change, p) = (lab.change.clone(), p.clone());
        Callback::from(move |e: Event| {
            let Some(v) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .map(|s| s.value())
            else {
                return;
            };
            let mut next = p.clone();
            f(&mut next, &v);
            change.emit(Change::Params(next, seed));
        })
    };
    let error = use_state(|| None::<String>);
    let (bounds, lng, lat, qlng, qlat, qr) = (
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    );
    let apply_bounds = {
        let (change, p, error, bounds) =
            (lab.change.clone(), p.clone(), error.clone(), bounds.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match parse_bounds(&input_value(&bounds)) {
                Ok(r) => {
                    let mut next = p.clone();
                    next.bounds = r;
                    let errors = QuadtreeLab::validate(&Scenario {
                        params: next.clone(),
                        seed,
                        actions: Vec::new(),
                    });
                    if errors.is_empty() {
                        error.set(None);
                        change.emit(Change::Params(next, seed));
                    } else {
                        error.set(Some(
                            errors
                                .iter()
                                .map(ToString::to_string)
                                .collect::<Vec<_>>()
                                .join("; "),
                        ));
                    }
                }
                Err(m) => error.set(Some(m)),
            }
        })
    };
    let preset_bounds = |r: Rect| {
        let (change, p) = (lab.change.clone(), p.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = p.clone();
            next.bounds = r;
            change.emit(Change::Params(next, seed));
        })
    };
    let add_point = {
        let (change, error, lng, lat) =
            (lab.change.clone(), error.clone(), lng.clone(), lat.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match (
                number("Longitude", &input_value(&lng)),
                number("Latitude", &input_value(&lat)),
            ) {
                (Ok(lng), Ok(lat)) => {
                    error.set(None);
                    change.emit(Change::Action(Action::AddPoint { lng, lat }));
                }
                (Err(m), _) | (_, Err(m)) => error.set(Some(m)),
            }
        })
    };
    let run_query = {
        let (change, error, qlng, qlat, qr) = (
            lab.change.clone(),
            error.clone(),
            qlng.clone(),
            qlat.clone(),
            qr.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match (
                number("Centre longitude", &input_value(&qlng)),
                number("Centre latitude", &input_value(&qlat)),
                number("Radius", &input_value(&qr)),
            ) {
                (Ok(lng), Ok(lat), Ok(radius_km)) => {
                    error.set(None);
                    change.emit(Change::Action(Action::Query {
                        lng,
                        lat,
                        radius_km,
                    }));
                }
                (Err(m), _, _) | (_, Err(m), _) | (_, _, Err(m)) => error.set(Some(m)),
            }
        })
    };
    let preset_query = |lng: f64, lat: f64, radius_km: f64| {
        let change = lab.change.clone();
        Callback::from(move |_: MouseEvent| {
            change.emit(Change::Action(Action::Query {
                lng,
                lat,
                radius_km,
            }));
        })
    };
    let defaults = {
        let change = lab.change.clone();
        Callback::from(move |_: MouseEvent| change.emit(Change::Defaults))
    };
    let actions: Vec<String> = s
        .actions
        .iter()
        .map(|a| match a {
            Action::AddPoint { lng, lat } => format!("point ({lng}, {lat})"),
            Action::Query {
                lng,
                lat,
                radius_km,
            } => format!("query {radius_km} km around ({lng}, {lat})"),
        })
        .collect();
    let b = p.bounds;
    html! {
        <div class="controls quadtree-controls">
            <fieldset>
                <legend>{"Parameters (rebuild from the start)"}</legend>
                <div class="field">
                    <label for="quadtree-dist">{"Seeded points"}</label>
                    <select id="quadtree-dist" onchange={select(|p, v| p.dist = if v == "uniform" { Distribution::Uniform } else { Distribution::Cities })}>
                        <option value="cities" selected={p.dist == Distribution::Cities}>{"clustered around cities"}</option>
                        <option value="uniform" selected={p.dist == Distribution::Uniform}>{"uniform"}</option>
                    </select>
                </div>
                <NumberField label="Points" value={u64::from(p.points)} min=0 max={u64::from(MAX_POINTS)} on_commit={param(|p, v| p.points = v as u32)} />
                <NumberField label="Capacity" value={u64::from(p.capacity)} min={u64::from(CAPACITY_RANGE.0)} max={u64::from(CAPACITY_RANGE.1)} on_commit={param(|p, v| p.capacity = v as u32)} />
                <NumberField label="Max depth" value={u64::from(p.max_depth)} min={u64::from(DEPTH_RANGE.0)} max={u64::from(DEPTH_RANGE.1)} on_commit={param(|p, v| p.max_depth = v as u8)} />
                <NumberField label="Points one step each" value={u64::from(p.detailed)} min=0 max={u64::from(MAX_DETAILED)} on_commit={param(|p, v| p.detailed = v as u32)} />
                <div class="field">
                    <label for="quadtree-conv">{"Query steps use"}</label>
                    <select id="quadtree-conv" onchange={select(|p, v| p.conv = if v == "fixed" { Conversion::Corrected } else { Conversion::Doc })}>
                        <option value="doc" selected={p.conv == Conversion::Doc}>{"the document's 111 km/°"}</option>
                        <option value="fixed" selected={p.conv == Conversion::Corrected}>{"the corrected conversion (÷ cos φ)"}</option>
                    </select>
                </div>
                <NumberField label="Seed" value={seed} min=0 max={u64::MAX} on_commit={on_seed} />
                <form class="action" onsubmit={apply_bounds}>
                    <label for="quadtree-bounds">{"Boundary"}</label>
                    <KeptInput id="quadtree-bounds" node={bounds} initial={bounds_text(&b)} describedby="quadtree-bounds-hint" />
                    <button type="submit">{"Set boundary"}</button>
                    <span id="quadtree-bounds-hint" class="hint">{"min_lng,min_lat,max_lng,max_lat inside −180…180 × −90…90"}</span>
                </form>
                <p class="presets">{"Boundary: "}
                    { for BOUNDS_PRESETS.iter().map(|(name, r)| html! {
                        <button type="button" onclick={preset_bounds(*r)} aria-pressed={(*r == b).to_string()}>{ *name }</button>
                    }) }
                </p>
                <button type="button" onclick={defaults}>{"Restore defaults"}</button>
            </fieldset>
            <fieldset>
                <legend>{"Actions (each adds steps at the end)"}</legend>
                <p class="hint">{"On the plane: click to add a point, drag from a centre to run a radius query."}</p>
                <form class="action" onsubmit={add_point}>
                    <label for="quadtree-lng">{"Longitude"}</label>
                    <KeptInput id="quadtree-lng" node={lng} initial="0" inputmode="decimal" />
                    <label for="quadtree-lat">{"Latitude"}</label>
                    <KeptInput id="quadtree-lat" node={lat} initial="0" inputmode="decimal" />
                    <button type="submit">{"Add point"}</button>
                </form>
                <form class="action" onsubmit={run_query}>
                    <label for="quadtree-qlng">{"Centre longitude"}</label>
                    <KeptInput id="quadtree-qlng" node={qlng} initial="10.75" inputmode="decimal" />
                    <label for="quadtree-qlat">{"Centre latitude"}</label>
                    <KeptInput id="quadtree-qlat" node={qlat} initial="59.91" inputmode="decimal" />
                    <label for="quadtree-radius">{"Radius (km)"}</label>
                    <KeptInput id="quadtree-radius" node={qr} initial="500" inputmode="decimal" describedby="quadtree-radius-hint" />
                    <span id="quadtree-radius-hint" class="hint">{ format!("more than 0, at most {MAX_RADIUS_KM} km") }</span>
                    <button type="submit">{"Run query"}</button>
                </form>
                <p class="presets">{"Queries: "}
                    { for QUERY_PRESETS.iter().map(|&(name, lng, lat, r)| html! {
                        <button type="button" onclick={preset_query(lng, lat, r)}>{ name }</button>
                    }) }
                </p>
                if let Some(m) = &*error { <p class="field-error" role="alert">{ m }</p> }
                if !actions.is_empty() {
                    <p class="hint">{ format!("Your actions so far: {}.", actions.join("; ")) }</p>
                }
            </fieldset>
        </div>
    }
}
