//! Shards mode: places sharded by precision-2 cell (a choropleth of shard sizes), and one
//! query under F0's "neighbours if > 50 km" rule beside the corrected one.

use super::map::{
    BasePoints, GridChoice, MapCtl, Overlay, Painter, PointSource, Shape, Style, WORLD, geo_map,
    toolbar, use_map_ctl,
};
use super::{StepProps, km, legend, near, pick_hint, picker, point_text, stretch_note};
use crate::codec::LatLng;
use crate::layout::search::recall;
use crate::layout::shards::{at_least, choropleth, rule_name, shards_fit, stage};
use crate::sharding::{SHARD_PRECISION, ShardRule};
use crate::{Action, GeohashLab, ShardPhase, ShardState, ShardWorld, State};
use sdp_kit::fmt::group;
use sdp_kit_web::{ById, use_lab};
use std::rc::Rc;
use std::sync::Arc;
use yew::prelude::*;

const ASPECT: f64 = 1.5;

struct Places(Arc<ShardWorld>);

impl PointSource for Places {
    fn points(&self) -> &[LatLng] {
        &self.0.points
    }
}

/// The shards view.
#[component]
pub fn ShardsView(props: &StepProps) -> Html {
    let lab = use_lab::<GeohashLab>();
    let state = match props.state() {
        Some(State::Shards(s)) => Some(s),
        _ => None,
    };
    let fit = state.map_or(WORLD, |s| {
        s.query
            .as_ref()
            .map_or(WORLD, |q| shards_fit(q, s.rule, s.phase))
    });
    let ctl = use_map_ctl(fit, ASPECT, false, GridChoice::Auto);
    let Some(s) = state else {
        return html! {};
    };
    let base = BasePoints {
        id: Arc::as_ptr(&s.world) as usize,
        source: Rc::new(Places(s.world.clone())),
    };
    let max = s.world.shards.iter().map(|x| x.1).max().unwrap_or(0);
    let summary = match &s.query {
        None => format!(
            "{} places in {} non-empty shards of 1,024 (precision-2 cells, 11.25° × 5.625°); the busiest holds {}.",
            group(s.world.points.len() as u64),
            s.world.shards.len(),
            group(u64::from(max))
        ),
        Some(q) => format!(
            "Query {} of this scenario: within {} of {}; home shard {} (nearest edge {} away); {} places inside the circle.",
            s.query_index + 1,
            km(q.radius_km),
            point_text(q.centre),
            q.home.to_hash(),
            km(q.nearest_edge_km),
            group(q.truth.len() as u64)
        ),
    };
    let radius = s.query.as_ref().map_or(50.0, |q| q.radius_km);
    html! {
        <>
            <p class="geohash-summary">{ summary }</p>
            { toolbar(&ctl, SHARD_PRECISION, pick_hint(&lab, &format!("to query the shards there within {}", km(radius))), None) }
            <div class="geohash-rules two">
                { for (0..2).map(|r| html! {
                    <ShardPanel trace={props.trace.clone()} cursor={props.cursor} rule={r} ctl={ctl.clone()} base={base.clone()} />
                }) }
            </div>
            { legend(&[
                ("shard", "■", "shard (precision-2 cell): the darker, the more places"),
                ("focus", "▭", "home shard (the centre's)"), ("cells", "■", "queried shards"),
                ("circle", "◯", "search circle"), ("res", "●", "result"), ("miss", "✕", "MISSED: in a shard that was not queried"),
            ]) }
            { s.query.as_ref().map(|q| stretch_note(q.centre.lat)).unwrap_or_default() }
            { shard_table(s) }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct PanelProps {
    trace: ById<sdp_kit::lab::Trace<State>>,
    cursor: usize,
    rule: usize,
    ctl: MapCtl,
    base: BasePoints,
}

#[component]
fn ShardPanel(props: &PanelProps) -> Html {
    let lab = use_lab::<GeohashLab>();
    let Some(State::Shards(s)) = props.trace.get(props.cursor).map(|x| &x.state) else {
        return html! {};
    };
    let r = props.rule;
    let st = stage(s, r);
    let run = s.query.as_ref().and_then(|q| q.runs.get(r));
    let rule = run.map_or(
        if r == 0 {
            ShardRule::F0
        } else {
            ShardRule::Corrected
        },
        |x| x.rule,
    );
    let current = s.rule == Some(r);
    let overlay = {
        let s = s.clone();
        Overlay {
            key: (props.trace.id(), props.cursor, r as u64),
            draw: Rc::new(move |p| draw(p, &s, r)),
        }
    };
    let dash = || "—".to_string();
    let row = |label: &str, v: String| html! { <><dt>{ label.to_string() }</dt><dd>{ v }</dd></> };
    let (queried, scanned, results, missed, recall) = match (&s.query, run) {
        (Some(q), Some(run)) => {
            let scanned: u32 = run.search.shards.iter().map(|x| x.scanned).sum();
            let truth = q.truth.len();
            (
                if at_least(st, ShardPhase::Relevant) {
                    run.shards.len().to_string()
                } else {
                    dash()
                },
                if at_least(st, ShardPhase::Queried) {
                    group(u64::from(scanned))
                } else {
                    dash()
                },
                if at_least(st, ShardPhase::Queried) {
                    group(run.search.within.len() as u64)
                } else {
                    dash()
                },
                if at_least(st, ShardPhase::Missed) {
                    format!("{} ✕", group(run.missed.len() as u64))
                } else {
                    dash()
                },
                if at_least(st, ShardPhase::Missed) {
                    recall(run.search.within.len(), truth)
                } else {
                    dash()
                },
            )
        }
        _ => (dash(), dash(), dash(), dash(), dash()),
    };
    let missing = run.is_some_and(|x| !x.missed.is_empty()) && at_least(st, ShardPhase::Missed);
    let label = format!(
        "Map of the shards for the rule “{}”{}.",
        rule_name(rule),
        run.filter(|_| at_least(st, ShardPhase::Relevant))
            .map(|x| format!(
                ": {} shards queried ({})",
                x.shards.len(),
                x.shards
                    .iter()
                    .map(crate::codec::Cell::to_hash)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .unwrap_or_default()
    );
    let radius = s.query.as_ref().map_or(50.0, |q| q.radius_km);
    html! {
        <section class={classes!("geohash-rule", current.then_some("current"), (s.query.is_some() && st.is_none()).then_some("waiting"))}
            aria-label={format!("Rule: {}", rule_name(rule))}>
            <h3>{ rule_name(rule) }{" "}<span class="badge">{ if current { "this step" } else if st.is_none() { "waiting" } else { "done" } }</span></h3>
            { geo_map(&props.ctl, SHARD_PRECISION, Some(props.base.clone()), overlay, label.into(),
                picker(&lab, move |p| Action::Query { at: p, radius_km: radius })) }
            <dl class="geohash-dl geohash-counters">
                { row("shards queried", queried) }
                { row("places scanned", scanned) }
                { row("results", results) }
                <dt>{"missed"}</dt><dd class={classes!(missing.then_some("geohash-missed"))}>{ missed }</dd>
                { row("recall", recall) }
            </dl>
        </section>
    }
}

fn draw(p: &Painter, s: &ShardState, r: usize) {
    let ink = p.ink;
    // Choropleth in buckets of log(count), one path each.
    for (alpha, cells) in choropleth(&s.world.shards) {
        p.rects(
            &cells,
            &Style {
                fill: Some(ink.focus),
                fill_alpha: alpha,
                stroke: None,
                width: 0.0,
                dash: false,
            },
        );
    }
    let Some(q) = &s.query else { return };
    let st = stage(s, r);
    let run = q.runs.get(r);
    if let Some(run) = run.filter(|_| at_least(st, ShardPhase::Relevant)) {
        for cell in &run.shards {
            let label = p.cell_label(*cell);
            p.rect(
                near(cell.bbox(), q.centre.lng),
                &Style::area(ink.cells, 0.25, 2.0),
                label.as_deref(),
            );
        }
    }
    p.rect(
        near(q.home.bbox(), q.centre.lng),
        &Style::line(ink.focus, 3.0),
        None,
    );
    p.polygon(&q.circle, &Style::line(ink.text, 2.0));
    let pts = &s.world.points;
    if let Some(run) = run {
        if at_least(st, ShardPhase::Merged) {
            p.dots(
                &mut run
                    .search
                    .within
                    .iter()
                    .filter_map(|h| pts.get(h.id as usize).copied()),
                Shape::Dot,
                ink.result,
                3.0,
            );
        }
        if at_least(st, ShardPhase::Missed) {
            p.dots(
                &mut run
                    .missed
                    .iter()
                    .filter_map(|id| pts.get(*id as usize).copied()),
                Shape::Cross,
                ink.miss,
                4.5,
            );
        }
    }
    p.marker(q.centre, Shape::Ring, ink.text, None);
}

/// Per-shard work of the rule this step is about.
fn shard_table(s: &ShardState) -> Html {
    let (Some(q), Some(r)) = (&s.query, s.rule) else {
        return html! {};
    };
    let Some(run) = q.runs.get(r) else {
        return html! {};
    };
    if !at_least(stage(s, r), ShardPhase::Queried) {
        return html! {};
    }
    html! {
        <div class="table-scroll">
            <table class="geohash-table">
                <caption>{ format!("{}: each shard searched in parallel", rule_name(run.rule)) }</caption>
                <thead><tr><th>{"Shard"}</th><th>{"Places checked"}</th><th>{"Within the radius"}</th></tr></thead>
                <tbody>
                    { for run.search.shards.iter().map(|x| html! {
                        <tr class={classes!((x.cell == q.home).then_some("current"))}>
                            <td><code>{ x.cell.to_hash() }</code>{ if x.cell == q.home { " (home)" } else { "" } }</td>
                            <td>{ group(u64::from(x.scanned)) }</td><td>{ group(u64::from(x.found)) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
