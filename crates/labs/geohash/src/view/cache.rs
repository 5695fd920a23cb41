//! Cache mode: a stream of hotel searches through F4's geohash-keyed cache and a fixed one:
//! the keys each query looks up, hits and misses, wrong and missed hotels, both caches'
//! contents with their time to live, and the hit rate by key precision.

use super::map::{
    BasePoints, GridChoice, Overlay, PointSource, Shape, Style, WORLD, geo_map, map_aspect,
    toolbar, use_map_ctl,
};
use super::{StepProps, km, legend, near, pick_hint, picker, point_text};
use crate::cache::{CacheEntry, CacheTotals, QueryOutcome};
use crate::codec::LatLng;
use crate::distance::circle_polygon;
use crate::layout::cache::{CurveChart, cache_fit, current, entries_by_age, keys_text};
use crate::layout::svg_path;
use crate::{Action, CachePhase, CacheState, CacheWorld, GeohashLab, State};
use sdp_kit::fmt::{group, percent};
use sdp_kit_web::use_lab;
use std::rc::Rc;
use std::sync::Arc;
use yew::prelude::*;

struct Hotels(Arc<CacheWorld>);

impl PointSource for Hotels {
    fn points(&self) -> &[LatLng] {
        &self.0.hotels
    }
}

/// The cache view.
#[component]
pub fn CacheView(props: &StepProps) -> Html {
    let lab = use_lab::<GeohashLab>();
    let state = match props.state() {
        Some(State::Cache(s)) => Some(s),
        _ => None,
    };
    let fit_box = state.map_or(WORLD, cache_fit);
    let ctl = use_map_ctl(fit_box, map_aspect(2.0), false, GridChoice::Auto);
    let Some(s) = state else {
        return html! {};
    };
    let w = &s.world;
    let base = BasePoints {
        id: Arc::as_ptr(w) as usize,
        source: Rc::new(Hotels(w.clone())),
    };
    let overlay = {
        let s = s.clone();
        Overlay {
            key: props.key(0),
            draw: Rc::new(move |p| draw(p, &s)),
        }
    };
    let cur = current(s);
    let label = match cur.and_then(|(i, _, _)| w.queries.get(i).map(|q| (i, q))) {
        Some((i, q)) => format!(
            "Map of query {} at {}: the circle of {}, F4's key cell and the fixed flow's key cells.",
            i + 1,
            point_text(q.at),
            km(w.settings.radius_km)
        ),
        None => format!(
            "World map of {} hotels and the {} popular spots.",
            w.hotels.len(),
            w.hotspots.len()
        ),
    };
    html! {
        <>
            <p class="geohash-summary">{ format!("{} hotels; {} searches within {}; F4's cache keys on the precision-{} cell of the centre (hotels:geo:{{hash}}) with a {} s TTL. {} of {} queries done.",
                group(w.hotels.len() as u64), group(w.queries.len() as u64), km(w.settings.radius_km), w.settings.precision, w.settings.ttl_s, s.done, w.queries.len()) }</p>
            if let Some((i, d, f)) = cur { { query_table(s, i, d, f) } }
            { totals_table(&s.doc_totals, &s.fixed_totals) }
            if s.phase == CachePhase::Curve { { curve(w) } }
            <div class="geohash-rules two">
                { cache_list("F4's cache (hotels:geo:{hash})", &s.doc_cache, s) }
                { cache_list("Fixed cache (one key per block cell)", &s.fixed_cache, s) }
            </div>
            { toolbar(&ctl, w.settings.precision, pick_hint(&lab, "to add a search there at the end of the stream"), None) }
            { geo_map(&ctl, w.settings.precision, Some(base), overlay, label.into(), picker(&lab, Action::Point)) }
            { legend(&[("dots", "·", "hotels"), ("ring", "○", "popular spots"), ("circle", "◯", "this search's radius"),
                ("focus", "■", "F4's key cell"), ("cells", "▭", "fixed flow's key cells")]) }
        </>
    }
}

fn draw(p: &super::map::Painter, s: &CacheState) {
    let ink = p.ink;
    let w = &s.world;
    for h in &w.hotspots {
        p.marker(*h, Shape::Ring, ink.text, None);
    }
    let Some((i, d, f)) = current(s) else { return };
    let Some(q) = w.queries.get(i) else { return };
    for c in &f.keys {
        let label = p.cell_label(*c);
        p.rect(
            near(c.bbox(), q.at.lng),
            &Style::area(ink.cells, 0.12, 1.5),
            label.as_deref(),
        );
    }
    for c in &d.keys {
        let label = p.cell_label(*c);
        p.rect(
            near(c.bbox(), q.at.lng),
            &Style::area(ink.focus, 0.4, 2.5),
            label.as_deref(),
        );
    }
    p.polygon(
        &circle_polygon(q.at, w.settings.radius_km, 64),
        &Style::line(ink.text, 2.0),
    );
    p.marker(
        q.at,
        Shape::Diamond,
        ink.cells,
        Some(&format!("query {}", i + 1)),
    );
}

fn query_table(s: &CacheState, i: usize, d: &QueryOutcome, f: &QueryOutcome) -> Html {
    let Some(q) = s.world.queries.get(i) else {
        return html! {};
    };
    let row = |name: &str, a: String, b: String| html! { <tr><th scope="row">{ name.to_string() }</th><td>{ a }</td><td>{ b }</td></tr> };
    html! {
        <div class="table-scroll">
            <table class="geohash-table geohash-compare">
                <caption>{ format!("Query {} at t = {} s near {}: {} hotels within {}", i + 1, q.t_s, point_text(q.at), d.truth, km(s.world.settings.radius_km)) }</caption>
                <thead><tr><th></th><th>{"F4's flow"}</th><th>{"Fixed flow"}</th></tr></thead>
                <tbody>
                    { row("keys looked up", keys_text(d), keys_text(f)) }
                    { row("hits / misses", format!("{} / {}", d.hits, d.misses), format!("{} / {}", f.hits, f.misses)) }
                    { row("database rows", group(u64::from(d.db_rows)), group(u64::from(f.db_rows))) }
                    { row("hotels returned", group(u64::from(d.returned)), group(u64::from(f.returned))) }
                    { row("returned but beyond the radius", group(u64::from(d.wrong)), group(u64::from(f.wrong))) }
                    { row("within the radius but missed", group(u64::from(d.missed)), group(u64::from(f.missed))) }
                </tbody>
            </table>
        </div>
    }
}

fn totals_table(d: &CacheTotals, f: &CacheTotals) -> Html {
    let rate = |t: &CacheTotals| percent(t.hits, t.hits + t.misses);
    let recall = |t: &CacheTotals| {
        if t.truth == 0 {
            "—".to_string()
        } else {
            percent(t.truth - t.missed.min(t.truth), t.truth)
        }
    };
    let row = |name: &str, a: String, b: String| html! { <tr><th scope="row">{ name.to_string() }</th><td>{ a }</td><td>{ b }</td></tr> };
    html! {
        <div class="table-scroll">
            <table class="geohash-table geohash-compare">
                <caption>{ format!("So far ({} queries)", d.queries) }</caption>
                <thead><tr><th></th><th>{"F4's flow"}</th><th>{"Fixed flow"}</th></tr></thead>
                <tbody>
                    { row("key hit rate", rate(d), rate(f)) }
                    { row("recall (hotels within the radius returned)", recall(d), recall(f)) }
                    { row("wrong results (beyond the radius)", group(d.wrong), group(f.wrong)) }
                    { row("database rows read", group(d.db_rows), group(f.db_rows)) }
                </tbody>
            </table>
        </div>
    }
}

fn cache_list(title: &str, entries: &[CacheEntry], s: &CacheState) -> Html {
    let shown = entries_by_age(entries, s);
    html! {
        <section class="geohash-rule geohash-cache">
            <h3>{ title.to_string() }{" "}<span class="badge">{ format!("{} keys", entries.len()) }</span></h3>
            if entries.is_empty() { <p class="hint">{"empty"}</p> }
            <ul>
                { for shown.iter().take(10).map(|&(e, left, pct)| {
                    html! {
                        <li>
                            <code>{ format!("hotels:geo:{}", e.cell.to_hash()) }</code>
                            { format!(" {} rows, expires in {left} s", e.rows) }
                            <span class="geohash-ttl" aria-hidden="true"><span style={format!("width:{pct:.0}%")}></span></span>
                        </li>
                    }
                }) }
                if entries.len() > 10 { <li class="hint">{ format!("… {} more (newest shown)", entries.len() - 10) }</li> }
            </ul>
        </section>
    }
}

/// Hit rate and recall of F4's flow by key precision.
fn curve(w: &CacheWorld) -> Html {
    let chart = CurveChart::of(w);
    let (width, h, left, right, bottom) = (chart.w, chart.h, chart.left, chart.right, chart.bottom);
    let x = |i: usize| chart.x(i);
    let y = |v: f64| chart.y(v);
    let path = |f: &dyn Fn(&crate::CurvePoint) -> f64| {
        svg_path(w.curve.iter().enumerate().map(|(i, c)| (x(i), y(f(c)))))
    };
    let aria = w
        .curve
        .iter()
        .map(|c| {
            format!(
                "precision {}: hit rate {:.0}%, recall {:.0}%, {} wrong",
                c.precision,
                c.hit_rate * 100.0,
                c.recall * 100.0,
                c.wrong
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    html! {
        <figure class="geohash-chart">
            <svg viewBox={format!("0 0 {width} {h}")} role="img" aria-label={format!("F4's flow by key precision: {aria}.")}>
                { for [0.0, 0.25, 0.5, 0.75, 1.0].iter().map(|v| html! { <g>
                    <line class="gridline" x1={left.to_string()} x2={(width - right).to_string()} y1={format!("{:.1}", y(*v))} y2={format!("{:.1}", y(*v))} />
                    <text class="tick" x={(left - 4.0).to_string()} y={format!("{:.1}", y(*v) + 4.0)} text-anchor="end">{ format!("{:.0}%", v * 100.0) }</text>
                </g> }) }
                <path class="series ns" d={path(&|c| c.hit_rate)} />
                <path class="series ew" d={path(&|c| c.recall)} />
                { for w.curve.iter().enumerate().map(|(i, c)| html! { <g>
                    <circle class="ns" cx={format!("{:.1}", x(i))} cy={format!("{:.1}", y(c.hit_rate))} r="4" />
                    <rect class="ew" x={format!("{:.1}", x(i) - 3.5)} y={format!("{:.1}", y(c.recall) - 3.5)} width="7" height="7" />
                    <text class="tick" x={format!("{:.1}", x(i))} y={(h - bottom + 16.0).to_string()} text-anchor="middle">{ format!("p{}", c.precision) }</text>
                    <text class="tick" x={format!("{:.1}", x(i))} y={(h - bottom + 30.0).to_string()} text-anchor="middle">{ format!("{} wrong", group(c.wrong)) }</text>
                </g> }) }
            </svg>
            <figcaption>{"F4's flow at key precisions 3–8 on the same stream: ● key hit rate, ■ recall; below each, the hotels returned beyond the radius."}</figcaption>
        </figure>
    }
}
