//! Haversine mode: Δlat, Δlon, a, c and d one at a time beside the great-circle arc, and the
//! F4 §12 geofence check.

use super::map::{
    GridChoice, Overlay, Shape, Style, WORLD, geo_map, map_aspect, toolbar, use_map_ctl,
};
use super::{StepProps, deg, legend, pick_hint, picker, point_text, stretch_note};
use crate::layout::haversine::{at_least, delta_guide, describe, fence_circle, haversine_fit};
use crate::{Action, GeohashLab, HaversinePhase, HaversineState, State};
use sdp_kit_web::use_lab;
use std::rc::Rc;
use yew::prelude::*;

/// The haversine view.
#[component]
pub fn HaversineView(props: &StepProps) -> Html {
    let lab = use_lab::<GeohashLab>();
    let state = match props.state() {
        Some(State::Haversine(s)) => Some(s),
        _ => None,
    };
    let fit_box = state.map_or(WORLD, |s| haversine_fit(&s.calc));
    let ctl = use_map_ctl(fit_box, map_aspect(2.0), false, GridChoice::Off);
    let Some(s) = state else {
        return html! {};
    };
    let c = &s.calc;
    let v = c.values;
    let overlay = {
        let s = s.clone();
        Overlay {
            key: props.key(0),
            draw: Rc::new(move |p| draw(p, &s)),
        }
    };
    let row = |phase: HaversinePhase, name: &str, formula: String, value: String| {
        if !at_least(s, phase) {
            return html! {
                <tr class="pending"><th scope="row">{ name.to_string() }</th><td colspan="2">{"…"}</td></tr>
            };
        }
        html! {
            <tr class={classes!((s.phase == phase).then_some("current"))}>
                <th scope="row">{ name.to_string() }</th><td>{ formula }</td><td class="num">{ value }</td>
            </tr>
        }
    };
    let half_lat = (v.dlat_rad / 2.0).sin().powi(2);
    let half_lng = (v.dlng_rad / 2.0).sin().powi(2);
    let from = c.from;
    let label = describe(s);
    html! {
        <>
            <p class="geohash-summary">{ format!("Distance {} of this scenario: from {} to {}.", s.calc_index + 1, point_text(c.from), point_text(c.to)) }</p>
            <div class="table-scroll">
                <table class="geohash-table geohash-formula">
                    <caption>{"The haversine formula, one value per step (angles in radians)"}</caption>
                    <tbody>
                        { row(HaversinePhase::Inputs, "inputs", format!("φ1 = {}°, λ1 = {}°, φ2 = {}°, λ2 = {}°", deg(c.from.lat, 6), deg(c.from.lng, 6), deg(c.to.lat, 6), deg(c.to.lng, 6)), format!("R = {} km", v.radius_km)) }
                        { row(HaversinePhase::Deltas, "Δφ, Δλ", format!("Δφ = φ2 − φ1 = {}°; Δλ = λ2 − λ1 = {}°", deg(v.dlat_deg, 6), deg(v.dlng_deg, 6)), format!("{:.6} rad, {:.6} rad", v.dlat_rad, v.dlng_rad)) }
                        { row(HaversinePhase::A, "a", format!("sin²(Δφ/2) + cos φ1 · cos φ2 · sin²(Δλ/2) = {half_lat:.9} + {:.6} × {:.6} × {half_lng:.9}", v.cos_lat1, v.cos_lat2), format!("{:.9}", v.a)) }
                        { row(HaversinePhase::C, "c", format!("2 · atan2(√a, √(1−a)) (F4); F0's 2 · asin(√a) = {:.9}", v.c_asin), format!("{:.9}", v.c)) }
                        { row(HaversinePhase::Distance, "d", format!("R · c = {} × {:.9}", v.radius_km, v.c), format!("{:.3} km", v.d_km)) }
                        if let Some(f) = c.fence {
                            { row(HaversinePhase::Fence, "geofence", format!("{:.0} m ≤ {} m? (F4 compares haversine's {:.3} km with {} “metres” unconverted: {})",
                                f.distance_m, f.radius_m, v.d_km, f.radius_m, if f.unconverted_inside { "inside" } else { "outside" }),
                                if f.inside { "inside: shared".to_string() } else { "outside: not shared".to_string() }) }
                        }
                    </tbody>
                </table>
            </div>
            { toolbar(&ctl, 4, pick_hint(&lab, "to measure from point 1 to there"), None) }
            { geo_map(&ctl, 4, None, overlay, label.into(), picker(&lab, move |p| Action::Distance { from, to: p })) }
            { legend(&[("point", "◆", "point 1 and point 2"), ("dash", "┅", "Δλ then Δφ"), ("focus", "━", "great-circle arc"), ("res", "◯", "geofence")]) }
            { stretch_note(c.from.lat) }
        </>
    }
}

fn draw(p: &super::map::Painter, s: &HaversineState) {
    let ink = p.ink;
    let c = &s.calc;
    if let Some(f) = c.fence.filter(|_| s.phase == HaversinePhase::Fence) {
        p.polygon(
            &fence_circle(f.centre, f.radius_m),
            &Style::area(ink.result, 0.15, 2.0),
        );
    }
    if at_least(s, HaversinePhase::Deltas) {
        let (guide, mid_lng, mid_lat) = delta_guide(c);
        p.polyline(&guide, &Style::dashed(ink.text, 1.5));
        p.text_at(mid_lng, 0.0, 12.0, "Δλ");
        p.text_at(mid_lat, 16.0, 0.0, "Δφ");
    }
    if at_least(s, HaversinePhase::Distance) {
        p.polyline(&c.arc, &Style::line(ink.focus, 3.0));
    }
    p.marker(c.from, Shape::Diamond, ink.cells, Some("1"));
    p.marker(c.to, Shape::Diamond, ink.cells, Some("2"));
}
