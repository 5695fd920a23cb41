//! The geohash lab's controls: the mode switcher (links to each mode's instructive scenario),
//! every parameter of the mode, and every action, with presets for the edge cases.

use crate::codec::{Cell, LatLng, parse_field};
use crate::places::Distribution;
use crate::{
    Action, FENCE_RANGE_M, GeohashLab, INTERVAL_RANGE_S, MAX_CACHE_HOTELS, MAX_CACHE_RADIUS_KM,
    MAX_PLACES, MAX_QUERIES, Mode, Params, RADIUS_RANGE_KM, TOP_RANGE, TTL_RANGE_S,
    example_scenario,
};
use sdp_kit::lab::Contract;
use sdp_kit_web::route::Route;
use sdp_kit_web::widgets::{FloatField, NumberField};
use sdp_kit_web::{Change, use_lab};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The URL of a mode's instructive scenario.
pub fn mode_href(mode: Mode) -> String {
    let pairs = GeohashLab::to_query(&example_scenario(mode));
    Route::Lab {
        id: "geohash".into(),
        query: sdp_kit::query::encode(&pairs),
    }
    .to_hash()
}

/// Properties of [`HashField`].
#[derive(Properties, PartialEq)]
pub struct HashFieldProps {
    /// Label.
    pub label: AttrValue,
    /// Element id.
    pub id: AttrValue,
    /// Committed value.
    pub value: AttrValue,
    /// Whether empty is allowed (and what it means).
    #[prop_or_default]
    pub empty_means: Option<AttrValue>,
    /// Called with a valid hash (or "") on commit.
    pub on_commit: Callback<String>,
}

/// A geohash input: 1–12 characters of the geohash alphabet; a clear message otherwise.
#[component]
pub fn HashField(props: &HashFieldProps) -> Html {
    let error = use_state(|| None::<String>);
    let text = use_state(|| props.value.to_string());
    use_effect_with(props.value.clone(), {
        let text = text.clone();
        move |v| text.set(v.to_string())
    });
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                text.set(i.value());
            }
        })
    };
    let onchange = {
        let (error, on_commit, label, empty_ok) = (
            error.clone(),
            props.on_commit.clone(),
            props.label.clone(),
            props.empty_means.is_some(),
        );
        Callback::from(move |e: Event| {
            let Some(i) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let typed = i.value().trim().to_string();
            if typed.is_empty() && empty_ok {
                error.set(None);
                on_commit.emit(typed);
                return;
            }
            match parse_field(&label, &typed) {
                Ok(_) => {
                    error.set(None);
                    on_commit.emit(typed.to_ascii_lowercase());
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        })
    };
    html! {
        <div class={classes!("field", error.is_some().then_some("invalid"))}>
            <label for={props.id.clone()}>{ &props.label }</label>
            <input id={props.id.clone()} type="text" autocomplete="off" spellcheck="false" value={(*text).clone()} {oninput} {onchange}
                aria-invalid={error.is_some().to_string()} />
            <span class="hint">{ props.empty_means.as_ref().map_or("1–12 characters".to_string(), |m| format!("1–12 characters; empty: {m}")) }</span>
            if let Some(e) = &*error { <span class="field-error" role="alert">{ e }</span> }
        </div>
    }
}

fn input_text(node: &NodeRef) -> String {
    node.cast::<web_sys::HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

/// Reads numbers from inputs; a message naming the first bad one.
fn read_numbers(fields: &[(&NodeRef, &str)]) -> Result<Vec<f64>, String> {
    fields
        .iter()
        .map(|(node, label)| {
            let t = input_text(node);
            t.trim()
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| {
                    format!(
                        "{label}: “{}” is not a number",
                        sdp_kit::query::shorten(t.trim())
                    )
                })
        })
        .collect()
}

/// Properties of [`ActionForm`].
#[derive(Properties, PartialEq)]
struct ActionFormProps {
    /// Field ids, labels and initial texts.
    fields: Vec<(AttrValue, AttrValue, AttrValue)>,
    /// Button text.
    button: AttrValue,
    /// Turns the numbers into an action.
    make: Callback<Vec<f64>, Option<Action>>,
    change: Callback<Change<GeohashLab>>,
}

/// A form of number fields that adds one action.
#[component]
fn ActionForm(props: &ActionFormProps) -> Html {
    let error = use_state(|| None::<String>);
    let nodes = use_memo(props.fields.len(), |n| {
        (0..*n).map(|_| NodeRef::default()).collect::<Vec<_>>()
    });
    let onsubmit = {
        let (error, fields, make, change, nodes) = (
            error.clone(),
            props.fields.clone(),
            props.make.clone(),
            props.change.clone(),
            nodes.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let ids: Vec<(&NodeRef, &str)> = nodes
                .iter()
                .zip(&fields)
                .map(|(node, (_, label, _))| (node, label.as_str()))
                .collect();
            match read_numbers(&ids) {
                Ok(v) => {
                    error.set(None);
                    if let Some(a) = make.emit(v) {
                        change.emit(Change::Action(a));
                    }
                }
                Err(m) => error.set(Some(m)),
            }
        })
    };
    html! {
        <form class="action geohash-action" {onsubmit}>
            { for props.fields.iter().zip(nodes.iter()).map(|((id, label, value), node)| html! {
                <span class="geohash-pair">
                    <label for={id.clone()}>{ label }</label>
                    <input ref={node.clone()} id={id.clone()} type="text" inputmode="decimal" value={value.clone()} />
                </span>
            }) }
            <button type="submit">{ &props.button }</button>
            if let Some(e) = &*error { <span class="field-error" role="alert">{ e }</span> }
        </form>
    }
}

/// A preset button that adds one action.
fn preset(label: &str, action: Action, change: &Callback<Change<GeohashLab>>) -> Html {
    let change = change.clone();
    let onclick = Callback::from(move |_: MouseEvent| change.emit(Change::Action(action.clone())));
    html! { <button type="button" {onclick}>{ label.to_string() }</button> }
}

fn field(id: &str, label: &str, value: f64) -> (AttrValue, AttrValue, AttrValue) {
    (
        AttrValue::from(id.to_string()),
        AttrValue::from(label.to_string()),
        AttrValue::from(value.to_string()),
    )
}

/// A whole-number field (one instance of the kit's field for every parameter, to keep the
/// bundle small).
fn number(label: &str, value: u64, min: u64, max: u64, on_commit: Callback<u64>) -> Html {
    html! { <NumberField label={AttrValue::from(label.to_string())} {value} {min} {max} {on_commit} /> }
}

/// A decimal field (one instance for every parameter, as [`number`]).
fn float(
    label: &'static str,
    id: &'static str,
    value: f64,
    (min, max): (f64, f64),
    on_commit: Callback<f64>,
) -> Html {
    html! { <FloatField {label} {id} {value} {min} {max} {on_commit} /> }
}

/// The controls: the scenario and the change callback come from the page ([`use_lab`]).
#[component]
pub fn Controls() -> Html {
    let lab = use_lab::<GeohashLab>();
    let s = &*lab.scenario;
    let p = s.params.clone();
    let seed = s.seed;
    let mode = p.mode;
    let change = lab.change.clone();
    let set_f = |f: fn(&mut Params, f64)| {
        let (change, p) = (change.clone(), p.clone());
        Callback::from(move |v: f64| {
            let mut next = p.clone();
            f(&mut next, v);
            change.emit(Change::Params(next, seed));
        })
    };
    let set_u = |f: fn(&mut Params, u64)| {
        let (change, p) = (change.clone(), p.clone());
        Callback::from(move |v: u64| {
            let mut next = p.clone();
            f(&mut next, v);
            change.emit(Change::Params(next, seed));
        })
    };
    let on_seed = {
        let (change, p) = (change.clone(), p.clone());
        Callback::from(move |v: u64| change.emit(Change::Params(p.clone(), v)))
    };
    let on_hash = {
        let (change, p) = (change.clone(), p.clone());
        Callback::from(move |h: String| {
            let mut next = p.clone();
            next.hash = h;
            change.emit(Change::Params(next, seed));
        })
    };
    let on_dist = {
        let (change, p) = (change.clone(), p.clone());
        Callback::from(move |e: Event| {
            let v = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .map(|s| s.value())
                .unwrap_or_default();
            let mut next = p.clone();
            next.distribution = Distribution::parse(&v).unwrap_or_default();
            change.emit(Change::Params(next, seed));
        })
    };
    let defaults = {
        let change = change.clone();
        Callback::from(move |_: MouseEvent| {
            change.emit(Change::Params(Params::for_mode(mode), 42));
        })
    };
    let lat = float(
        "Latitude",
        "geohash-lat",
        p.lat,
        (-90.0, 90.0),
        set_f(|p, v| p.lat = v),
    );
    let lng = float(
        "Longitude",
        "geohash-lng",
        p.lng,
        (-180.0, 180.0),
        set_f(|p, v| p.lng = v),
    );
    let precision = |label: &str| {
        number(
            label,
            u64::from(p.precision),
            1,
            12,
            set_u(|p, v| p.precision = v as u8),
        )
    };
    let seed_field = number("Seed", seed, 0, u64::MAX, on_seed.clone());
    let dist = html! {
        <div class="field">
            <label for="geohash-dist">{"Businesses spread"}</label>
            <select id="geohash-dist" onchange={on_dist.clone()}>
                <option value="cities" selected={p.distribution == Distribution::Cities}>{"clustered around 21 cities"}</option>
                <option value="uniform" selected={p.distribution == Distribution::Uniform}>{"uniform over the globe"}</option>
            </select>
        </div>
    };
    let max_radius = if mode == Mode::Cache {
        MAX_CACHE_RADIUS_KM
    } else {
        RADIUS_RANGE_KM.1
    };
    let radius = float(
        "Radius (km)",
        "geohash-radius",
        p.radius_km,
        (RADIUS_RANGE_KM.0, max_radius),
        set_f(|p, v| p.radius_km = v),
    );
    let top = number(
        "Top N",
        u64::from(p.top),
        u64::from(TOP_RANGE.0),
        u64::from(TOP_RANGE.1),
        set_u(|p, v| p.top = v as u32),
    );
    let params: Html = match mode {
        Mode::Encode => html! { <>
            { lat.clone() }{ lng.clone() }{ precision("Precision") }
            <HashField label="Hash to decode" id="geohash-hash" value={p.hash.clone()} empty_means="encode the point" on_commit={on_hash.clone()} />
        </> },
        Mode::Neighbours => html! { <>
            <HashField label="Centre cell" id="geohash-hash" value={p.hash.clone()} empty_means="the cell of the point below" on_commit={on_hash.clone()} />
            { precision("Precision") }{ lat.clone() }{ lng.clone() }
        </> },
        Mode::Sizes => html! { <>{ lat.clone() }</> },
        Mode::Search | Mode::Shards => html! { <>
            { lat.clone() }{ lng.clone() }{ radius.clone() }{ top.clone() }
            { number("Businesses", u64::from(p.places), 1, u64::from(MAX_PLACES), set_u(|p, v| p.places = v as u32)) }
            { dist.clone() }{ seed_field.clone() }
        </> },
        Mode::Haversine => html! { <>
            { float("Latitude 1", "geohash-lat", p.lat, (-90.0, 90.0), set_f(|p, v| p.lat = v)) }
            { float("Longitude 1", "geohash-lng", p.lng, (-180.0, 180.0), set_f(|p, v| p.lng = v)) }
            { float("Latitude 2", "geohash-lat2", p.to_lat, (-90.0, 90.0), set_f(|p, v| p.to_lat = v)) }
            { float("Longitude 2", "geohash-lng2", p.to_lng, (-180.0, 180.0), set_f(|p, v| p.to_lng = v)) }
            { number("Geofence (m, 0 = none)", u64::from(p.fence_m), u64::from(FENCE_RANGE_M.0), u64::from(FENCE_RANGE_M.1), set_u(|p, v| p.fence_m = v as u32)) }
        </> },
        Mode::Cache => html! { <>
            { radius.clone() }{ precision("Key precision (F4: 6)") }
            { number("Hotels", u64::from(p.places), 1, u64::from(MAX_CACHE_HOTELS), set_u(|p, v| p.places = v as u32)) }
            { dist.clone() }
            { number("Queries", u64::from(p.queries), 1, u64::from(MAX_QUERIES), set_u(|p, v| p.queries = v as u32)) }
            { number("Locality (%)", u64::from(p.locality), 0, 100, set_u(|p, v| p.locality = v as u32)) }
            { number("Seconds between queries", u64::from(p.interval_s), u64::from(INTERVAL_RANGE_S.0), u64::from(INTERVAL_RANGE_S.1), set_u(|p, v| p.interval_s = v as u32)) }
            { number("TTL (s, F4: 3600)", u64::from(p.ttl_s), u64::from(TTL_RANGE_S.0), u64::from(TTL_RANGE_S.1), set_u(|p, v| p.ttl_s = v as u32)) }
            { seed_field.clone() }
        </> },
    };
    let ch = &change;
    let point_form = |button: &str| {
        html! {
            <ActionForm fields={vec![field("geohash-act-lat", "Latitude", p.lat), field("geohash-act-lng", "Longitude", p.lng)]}
                button={button.to_string()} change={ch.clone()}
                make={Callback::from(|v: Vec<f64>| Some(Action::Point(LatLng::new(v[0], v[1]))))} />
        }
    };
    let actions: Html = match mode {
        Mode::Encode => html! { <>
            { point_form("Encode point") }
            <CellForm button="Decode hash" change={ch.clone()} />
        </> },
        Mode::Neighbours => {
            let at = |lat: f64, lng: f64, prec: u8| {
                Action::Cell(Cell::encode_unchecked(LatLng::new(lat, lng), prec).to_hash())
            };
            html! { <>
                <CellForm button="Show neighbours" change={ch.clone()} />
                { point_form("Neighbours of point") }
                <p class="presets">{"Edge cases: "}
                    { preset("u0b (F4 §6 grid)", Action::Cell("u0b".into()), ch) }
                    { preset("date line", at(-17.0, 179.9, 3), ch) }
                    { preset("north pole", Action::Cell("zzz".into()), ch) }
                    { preset("south pole", Action::Cell("000".into()), ch) }
                    { preset("equator + prime meridian", Action::Cell("s00".into()), ch) }
                    { preset("Greenwich", at(51.4779, -0.0001, 4), ch) }
                </p>
            </> }
        }
        Mode::Sizes => html! { <>
            <ActionForm fields={vec![field("geohash-act-lat", "Latitude", p.lat)]} button="Table at latitude" change={ch.clone()}
                make={Callback::from(|v: Vec<f64>| Some(Action::Point(LatLng::new(v[0], 0.0))))} />
            <p class="presets">{"Latitudes: "}
                { for [0.0, 37.7749, 49.9, 60.0, 80.0].iter().map(|l| preset(&format!("{l}°"), Action::Point(LatLng::new(*l, 0.0)), ch)) }
            </p>
        </> },
        Mode::Search | Mode::Shards => {
            let q = |lat: f64, lng: f64, r: f64| Action::Query {
                at: LatLng::new(lat, lng),
                radius_km: r,
            };
            html! { <>
                <ActionForm fields={vec![field("geohash-act-lat", "Latitude", p.lat), field("geohash-act-lng", "Longitude", p.lng), field("geohash-act-radius", "Radius (km)", p.radius_km)]}
                    button="Search here" change={ch.clone()}
                    make={Callback::from(|v: Vec<f64>| Some(Action::Query { at: LatLng::new(v[0], v[1]), radius_km: v[2] }))} />
                <p class="presets">{"Queries: "}
                    { preset("London 8 km (prime meridian)", q(51.5074, -0.1278, 8.0), ch) }
                    { preset("Quito 15 km (equator)", q(-0.1807, -78.4678, 15.0), ch) }
                    { preset("Suva 60 km (date line)", q(-18.1248, 178.4501, 60.0), ch) }
                    { preset("Reykjavík 0.8 km (far north)", q(64.1466, -21.9426, 0.8), ch) }
                    { preset("Tokyo 40 km", q(35.6762, 139.6503, 40.0), ch) }
                </p>
            </> }
        }
        Mode::Haversine => {
            let d = |a: (f64, f64), b: (f64, f64)| Action::Distance {
                from: LatLng::new(a.0, a.1),
                to: LatLng::new(b.0, b.1),
            };
            html! { <>
                <ActionForm fields={vec![field("geohash-act-lat1", "Latitude 1", p.lat), field("geohash-act-lng1", "Longitude 1", p.lng),
                    field("geohash-act-lat2", "Latitude 2", p.to_lat), field("geohash-act-lng2", "Longitude 2", p.to_lng)]}
                    button="Measure" change={ch.clone()}
                    make={Callback::from(|v: Vec<f64>| Some(Action::Distance { from: LatLng::new(v[0], v[1]), to: LatLng::new(v[2], v[3]) }))} />
                <p class="presets">{"Catalogue vectors: "}
                    { preset("SF → LA (559.12 km)", d((37.7749, -122.4194), (34.0522, -118.2437)), ch) }
                    { preset("SF → Oakland (13.43 km)", d((37.7749, -122.4194), (37.8044, -122.2712)), ch) }
                    { preset("1° latitude (111.195 km)", d((0.0, 0.0), (1.0, 0.0)), ch) }
                    { preset("1° longitude at 60° N (55.597 km)", d((60.0, 0.0), (60.0, 1.0)), ch) }
                    { preset("Eiffel Tower → Louvre (3.162 km)", d((48.8584, 2.2945), (48.8606, 2.3376)), ch) }
                </p>
            </> }
        }
        Mode::Cache => html! { <>{ point_form("Add a search") }</> },
    };
    html! {
        <div class="controls geohash-controls">
            <nav class="geohash-modes" aria-label="Geohash lab modes">
                <span class="geohash-modes-title">{"Mode:"}</span>
                { for Mode::ALL.iter().map(|m| html! {
                    <a href={mode_href(*m)} aria-current={(*m == mode).then_some("page")}
                        class={classes!((*m == mode).then_some("current"))}>{ m.title() }</a>
                }) }
            </nav>
            <fieldset>
                <legend>{ format!("Parameters: {} (rebuild from the start)", mode.title()) }</legend>
                { params }
                <button type="button" onclick={defaults}>{"Restore this mode's defaults"}</button>
            </fieldset>
            <fieldset>
                <legend>{"Actions (each adds steps at the end; a click on the map does too)"}</legend>
                { actions }
            </fieldset>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct CellFormProps {
    button: AttrValue,
    change: Callback<Change<GeohashLab>>,
}

/// A hash input that adds a `cell:` action; malformed hashes get a message.
#[component]
fn CellForm(props: &CellFormProps) -> Html {
    let error = use_state(|| None::<String>);
    let node = use_node_ref();
    let onsubmit = {
        let (error, change, node) = (error.clone(), props.change.clone(), node.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = input_text(&node).trim().to_string();
            match parse_field("Hash", &text) {
                Ok(_) => {
                    error.set(None);
                    change.emit(Change::Action(Action::Cell(text.to_ascii_lowercase())));
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        })
    };
    html! {
        <form class="action geohash-action" {onsubmit}>
            <span class="geohash-pair">
                <label for="geohash-act-hash">{"Hash"}</label>
                <input ref={node} id="geohash-act-hash" type="text" autocomplete="off" spellcheck="false" value="u0b" />
            </span>
            <button type="submit">{ &props.button }</button>
            if let Some(e) = &*error { <span class="field-error" role="alert">{ e }</span> }
        </form>
    }
}
