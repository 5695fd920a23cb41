//! View of the quadtree lab: the plane (canvas: tree outline, points, the step's focus; click to
//! add a point, drag to run a query, unless embedded), the tree drawn as a tree, the step in
//! numbers, and in the last step of a query the document's conversion beside the corrected one.

#[cfg(feature = "bench")]
pub mod bench;
pub mod colour;
mod controls;
mod detail;
pub mod plane;
mod tree_panel;

use crate::{Conversion, Focus, QuadtreeLab, QueryPhase, State};
use plane::{ComparePlane, Plane};
use sdp_kit::lab::Trace;
use sdp_kit_web::{ById, LabView, dom, palette};
use yew::prelude::*;

impl LabView for QuadtreeLab {
    const STYLE: &'static str = include_str!("../../style.css");

    fn view_step(trace: &ById<Trace<State>>, cursor: usize) -> Html {
        html! { <QuadtreeView trace={trace.clone()} {cursor} /> }
    }

    fn controls() -> Html {
        html! { <controls::Controls /> }
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
    let dark = dom::prefers_dark();
    let ink = palette::ink(dark);
    let mut items: Vec<(Html, &str)> = vec![
        (swatch("dot", ink.fg, ink.fg), "point"),
        (swatch("diamond", colour::USER, ink.fg), "point you added"),
    ];
    if let Some((_, c)) = s.query() {
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
    } else {
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
    html! {
        <ul class="legend quadtree-legend" aria-label="Legend">
            { for items.into_iter().map(|(sw, text)| html! { <li>{ sw }{ text }</li> }) }
        </ul>
    }
}
