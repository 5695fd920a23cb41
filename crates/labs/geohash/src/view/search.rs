//! Search mode: the same query under F0's thresholds, F4's fixed precision 6 and the corrected
//! rule, side by side: searched cells, candidates, results, missed points and counters.

use super::map::{
    BasePoints, GridChoice, MapCtl, Overlay, Painter, PointSource, Shape, Style, WORLD, geo_map,
    toolbar, use_map_ctl,
};
use super::{StepProps, km, legend, near, pick_hint, picker, point_text, stretch_note};
use crate::codec::LatLng;
use crate::distance::circle_polygon;
use crate::layout::search::{at_least, describe, recall, search_fit, stage};
use crate::proximity::CellRole;
use crate::{Action, GeohashLab, PlacesWorld, QueryRun, SearchPhase, SearchState, State};
use sdp_kit::fmt::group;
use sdp_kit_web::{ById, use_lab};
use std::rc::Rc;
use std::sync::Arc;
use yew::prelude::*;

/// Aspect of each of the three maps.
const ASPECT: f64 = 1.0;

struct Places(Arc<PlacesWorld>);

impl PointSource for Places {
    fn points(&self) -> &[LatLng] {
        &self.0.points
    }
}

/// The base points of a places world.
pub fn places_base(w: &Arc<PlacesWorld>) -> BasePoints {
    BasePoints {
        id: Arc::as_ptr(w) as usize,
        source: Rc::new(Places(w.clone())),
    }
}

/// The search view.
#[component]
pub fn SearchView(props: &StepProps) -> Html {
    let lab = use_lab::<GeohashLab>();
    let state = match props.state() {
        Some(State::Search(s)) => Some(s),
        _ => None,
    };
    let fit = state.map_or(WORLD, |s| {
        s.query
            .as_ref()
            .map_or(WORLD, |q| search_fit(q, s.rule, s.phase))
    });
    let ctl = use_map_ctl(fit, ASPECT, false, GridChoice::Auto);
    let Some(s) = state else {
        return html! {};
    };
    let base = places_base(&s.places);
    let Some(q) = &s.query else {
        let overlay = Overlay {
            key: props.key(0),
            draw: Rc::new(|_| {}),
        };
        return html! {
            <>
                <p class="geohash-summary">{ format!("{} businesses, indexed by geohash. The query comes next.", group(s.places.points.len() as u64)) }</p>
                { toolbar(&ctl, 1, None, None) }
                { geo_map(&ctl, 1, Some(base), overlay, format!("World map of {} businesses.", s.places.points.len()).into(), None) }
            </>
        };
    };
    let radius = q.radius_km;
    let cur_precision = s
        .rule
        .and_then(|r| q.runs.get(r))
        .map_or(6, |r| r.plan.precision);
    html! {
        <>
            <p class="geohash-summary">{ format!("Query {} of this scenario: within {} of {}, top {}; {} businesses, {} of them inside the circle (brute force).",
                s.query_index + 1, km(radius), point_text(q.centre), q.top, group(s.places.points.len() as u64), group(q.truth.len() as u64)) }</p>
            { toolbar(&ctl, cur_precision, pick_hint(&lab, &format!("to search there within {}", km(radius))), Some(AttrValue::from("each rule's precision"))) }
            <div class="geohash-rules">
                { for (0..q.runs.len()).map(|r| html! {
                    <RulePanel trace={props.trace.clone()} cursor={props.cursor} rule={r} ctl={ctl.clone()} base={base.clone()}
                        current={s.rule == Some(r)} />
                }) }
            </div>
            { legend(&[
                ("ring", "○", "search centre"), ("circle", "◯", "search circle"), ("focus", "┅", "radius the 3×3 block is sure to cover"),
                ("cells", "■", "searched cells (darker: the centre's)"), ("cand", "□", "candidate (in a searched cell)"),
                ("res", "●", "result (within the radius); numbers: the top N"), ("miss", "✕", "MISSED: inside the circle, outside the cells"),
                ("dots", "·", "other businesses"),
            ]) }
            { stretch_note(q.centre.lat) }
            { details(s, q) }
        </>
    }
}

/// Properties of [`RulePanel`].
#[derive(Properties, PartialEq)]
struct PanelProps {
    trace: ById<sdp_kit::lab::Trace<State>>,
    cursor: usize,
    rule: usize,
    ctl: MapCtl,
    base: BasePoints,
    current: bool,
}

#[component]
fn RulePanel(props: &PanelProps) -> Html {
    let lab = use_lab::<GeohashLab>();
    let Some(State::Search(s)) = props.trace.get(props.cursor).map(|x| &x.state) else {
        return html! {};
    };
    let Some(q) = s.query.clone() else {
        return html! {};
    };
    let Some(run) = q.runs.get(props.rule) else {
        return html! {};
    };
    let st = stage(s, props.rule);
    let radius = q.radius_km;
    let overlay = {
        let (q, r, top) = (q.clone(), props.rule, s.places.clone());
        let key = (props.trace.id(), props.cursor, props.rule as u64);
        Overlay {
            key,
            draw: Rc::new(move |p| draw(p, &q, r, st, &top)),
        }
    };
    let truth = q.truth.len();
    let dash = || "—".to_string();
    let row = |label: &str, value: String| html! { <><dt>{ label.to_string() }</dt><dd>{ value }</dd></> };
    let recall = recall(run.within.len(), truth);
    let status = match st {
        None => "waiting",
        Some(SearchPhase::Missed) if !props.current => "done",
        Some(_) => "this step",
    };
    html! {
        <section class={classes!("geohash-rule", props.current.then_some("current"), st.is_none().then_some("waiting"))}
            aria-label={format!("Rule: {}", run.plan.rule.label())}>
            <h3>{ run.plan.rule.label() }{ format!(" · precision {}", run.plan.precision) }
                { if run.plan.fallback { " (fallback cover)" } else { "" } }
                <span class="badge">{ status }</span></h3>
            { geo_map(&props.ctl, run.plan.precision, Some(props.base.clone()), overlay, describe(&q, run, st).into(),
                picker(&lab, move |p| Action::Query { at: p, radius_km: radius })) }
            <dl class="geohash-dl geohash-counters">
                { row("block reaches", if at_least(st, SearchPhase::Precision) {
                    format!("{} ({} the radius)", km(run.plan.covered_km), if run.plan.covered_km >= q.radius_km { "covers" } else { "short of" })
                } else { dash() }) }
                { row("cells", if at_least(st, SearchPhase::Cells) { run.plan.cells.len().to_string() } else { dash() }) }
                { row("candidates scanned", if at_least(st, SearchPhase::Candidates) { group(u64::from(run.scanned)) } else { dash() }) }
                { row("distance computations", if at_least(st, SearchPhase::Filtered) { group(u64::from(run.distance_computations)) } else { dash() }) }
                { row("results", if at_least(st, SearchPhase::Filtered) { group(run.within.len() as u64) } else { dash() }) }
                <dt>{"missed"}</dt>
                <dd class={classes!((at_least(st, SearchPhase::Missed) && !run.missed.is_empty()).then_some("geohash-missed"))}>
                    { if at_least(st, SearchPhase::Missed) { format!("{} ✕", group(run.missed.len() as u64)) } else { dash() } }
                </dd>
                { row("recall", if at_least(st, SearchPhase::Missed) { recall } else { dash() }) }
            </dl>
        </section>
    }
}

fn draw(p: &Painter, q: &QueryRun, r: usize, st: Option<SearchPhase>, places: &PlacesWorld) {
    let ink = p.ink;
    let Some(run) = q.runs.get(r) else { return };
    let pts = &places.points;
    let get = |id: &u32| pts.get(*id as usize).copied();
    if at_least(st, SearchPhase::Cells) {
        for (cell, role) in &run.plan.cells {
            let b = near(cell.bbox(), q.centre.lng);
            let style = match role {
                CellRole::Centre => Style::area(ink.cells, 0.32, 2.0),
                _ => Style::area(ink.cells, 0.14, 1.2),
            };
            let label = p.cell_label(*cell);
            p.rect(b, &style, label.as_deref());
        }
    }
    if at_least(st, SearchPhase::Precision) && !run.plan.fallback {
        p.polygon(
            &circle_polygon(q.centre, run.plan.covered_km, 64),
            &Style::dashed(ink.focus, 2.0),
        );
    }
    p.polygon(&q.circle, &Style::line(ink.text, 2.0));
    if at_least(st, SearchPhase::Candidates) {
        p.dots(
            &mut run.candidates.iter().filter_map(get),
            Shape::Square,
            ink.candidate,
            2.5,
        );
    }
    if at_least(st, SearchPhase::Filtered) {
        p.dots(
            &mut run.within.iter().filter_map(|h| get(&h.id)),
            Shape::Dot,
            ink.result,
            3.0,
        );
    }
    if at_least(st, SearchPhase::Sorted) {
        for (i, h) in run.within.iter().take((q.top as usize).min(20)).enumerate() {
            if let Some(pt) = get(&h.id) {
                p.marker(pt, Shape::Dot, ink.result, Some(&(i + 1).to_string()));
            }
        }
    }
    if at_least(st, SearchPhase::Missed) {
        p.dots(
            &mut run.missed.iter().filter_map(get),
            Shape::Cross,
            ink.miss,
            4.5,
        );
    }
    p.marker(q.centre, Shape::Ring, ink.text, None);
}

/// Top N and missed lists for the rule this step is about.
fn details(s: &SearchState, q: &QueryRun) -> Html {
    let Some(r) = s.rule else {
        return html! {};
    };
    let Some(run) = q.runs.get(r) else {
        return html! {};
    };
    let st = stage(s, r);
    let mut out = Vec::new();
    if at_least(st, SearchPhase::Sorted) {
        let n = (q.top as usize).min(run.within.len());
        out.push(html! {
            <table class="geohash-table">
                <caption>{ format!("{}: top {n} of {} results", run.plan.rule.label(), group(run.within.len() as u64)) }</caption>
                <thead><tr><th>{"Rank"}</th><th>{"Business"}</th><th>{"Distance"}</th></tr></thead>
                <tbody>
                    { for run.within.iter().take(n.min(10)).enumerate().map(|(i, h)| html! {
                        <tr><td>{ i + 1 }</td><td>{ format!("#{}", h.id) }</td><td>{ km(h.km) }</td></tr>
                    }) }
                    if n > 10 { <tr><td colspan="3" class="hint">{ format!("… and {} more", n - 10) }</td></tr> }
                </tbody>
            </table>
        });
    }
    if at_least(st, SearchPhase::Missed) && !run.missed.is_empty() {
        let wanted = run
            .missed
            .get(..run.missed.len().min(10))
            .unwrap_or_default();
        let mut rows: Vec<(u32, f64)> = q
            .truth
            .iter()
            .filter(|h| wanted.contains(&h.id))
            .map(|h| (h.id, h.km))
            .collect();
        crate::sort::sort_by(&mut rows, |a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        out.push(html! {
            <table class="geohash-table geohash-missed-table">
                <caption>{ format!("{}: {} MISSED (inside the circle, outside the searched cells)", run.plan.rule.label(), group(run.missed.len() as u64)) }</caption>
                <thead><tr><th>{"Business"}</th><th>{"Distance"}</th></tr></thead>
                <tbody>
                    { for rows.iter().map(|(id, d)| html! { <tr><td>{ format!("✕ #{id}") }</td><td>{ km(*d) }</td></tr> }) }
                    if run.missed.len() > 10 { <tr><td colspan="2" class="hint">{ format!("… and {} more", run.missed.len() - 10) }</td></tr> }
                </tbody>
            </table>
        });
    }
    html! { <div class="geohash-details">{ for out }</div> }
}
