//! The step in numbers under the plane: which points moved where in a split, the path of a
//! placed point, and for a query the circle–rectangle test, the checked points, candidates
//! against results, and the two conversions against brute force.
#![allow(
    clippy::float_cmp,
    reason = "x_scale is exactly 1 for the document's circle (it is set, not computed)"
)]

use super::colour::{self, quadrant_colour};
use crate::geo::{DOC_KM_PER_DEGREE, KM_PER_DEGREE_LAT, haversine_km};
use crate::tree::Quadrant;
use crate::{
    Conversion, Focus, Outcome, QueryCursor, QueryEvent, QueryPhase, QueryRecord, State, Totals,
    World,
};
use sdp_kit::fmt::group;
use sdp_kit::lab::Trace;
use sdp_kit_web::ById;
use std::collections::HashSet;
use yew::prelude::*;

/// Most rows in a table of points (the rest are counted).
const MAX_ROWS: usize = 40;

/// Properties: the trace and cursor (compared by identity).
#[derive(Properties, PartialEq)]
pub struct DetailProps {
    /// The trace.
    pub trace: ById<Trace<State>>,
    /// The step shown.
    pub cursor: usize,
}

fn ll(lng: f64, lat: f64) -> String {
    format!("({lng:.3}, {lat:.3})")
}

fn quadrant_tag(q: Quadrant) -> Html {
    html! {
        <span class="quadtree-tag" style={format!("border-color:{}", quadrant_colour(q))}>
            <span class="swatch" style={format!("background:{}", quadrant_colour(q))}></span>{ q.as_str() }
        </span>
    }
}

/// The detail panel.
#[component]
pub fn Detail(props: &DetailProps) -> Html {
    let Some(step) = props.trace.get(props.cursor) else {
        return html! {};
    };
    let s = &step.state;
    let w = &s.world;
    let body = match &s.focus {
        Focus::Start => html! {
            <p>{ format!("Points arrive one per step. A leaf holds up to {} points; the next point to reach a full leaf splits it into four equal quarters NW, NE, SW, SE, and its points move down into them. Leaves at depth {} never split.", w.capacity, w.max_depth) }</p>
        },
        Focus::Split {
            node,
            moved,
            arriving,
        } => split_detail(w, *node, moved, *arriving),
        Focus::Cascade { nodes, arriving } => html! {
            <>
                <h3>{ format!("A cascade of {} more subdivisions", nodes.len()) }</h3>
                <p>{ format!("The new point {} and the points already there are (nearly) identical, so every split sends them all into the same child. Nodes: {}.",
                    ll(arriving.0, arriving.1),
                    nodes.iter().take(12).map(|&n| w.label(n)).collect::<Vec<_>>().join(", ")) }</p>
            </>
        },
        Focus::Placed {
            point,
            path,
            overflow,
            on_split_line,
        } => placed_detail(w, *point, path, *overflow, *on_split_line),
        Focus::Bulk { from, to } => html! {
            <p>{ format!("Points #{}–#{} were inserted in this step with the same procedure (highlighted on the plane). Step through the first points one at a time, or raise “Points one step each”.", from, to.saturating_sub(1)) }</p>
        },
        Focus::Query(c) => match w.queries.get(c.query as usize) {
            Some(q) => query_detail(w, q, *c),
            None => html! {},
        },
    };
    html! { <section class="quadtree-detail" aria-label="This step in detail">{ body }</section> }
}

fn split_detail(w: &World, node: u32, moved: &[(u32, Quadrant)], arriving: (f64, f64)) -> Html {
    let Some(n) = w.nodes.get(node as usize) else {
        return html! {};
    };
    let (mx, my) = n.rect.mid();
    let next = n.rect.quadrant_of(arriving.0, arriving.1);
    html! {
        <>
            <h3>{ format!("Subdivide {} (depth {}) at lng {mx:.3}, lat {my:.3}", w.label(node), n.depth) }</h3>
            <p>{"Rule: x ≥ mid → east, y ≥ mid → north (a point on a split line goes east or north). Each point moves to the child that contains it:"}</p>
            <div class="table-scroll">
            <table class="quadtree-table">
                <thead><tr><th>{"point"}</th><th>{"lng, lat"}</th><th>{"moves to"}</th></tr></thead>
                <tbody>
                    { for moved.iter().take(MAX_ROWS).map(|&(p, q)| {
                        let pt = w.points.get(p as usize);
                        html! { <tr>
                            <td>{ format!("#{p}") }</td>
                            <td>{ pt.map(|pt| ll(pt.lng, pt.lat)).unwrap_or_default() }</td>
                            <td>{ quadrant_tag(q) }</td>
                        </tr> }
                    }) }
                    <tr class="arriving">
                        <td>{"new point"}</td>
                        <td>{ ll(arriving.0, arriving.1) }</td>
                        <td>{ quadrant_tag(next) }{" (placed in the next step)"}</td>
                    </tr>
                </tbody>
            </table>
            </div>
            if moved.len() > MAX_ROWS { <p class="hint">{ format!("… and {} more", moved.len() - MAX_ROWS) }</p> }
        </>
    }
}

fn placed_detail(w: &World, point: u32, path: &[u32], overflow: bool, on_line: bool) -> Html {
    let Some(p) = w.points.get(point as usize) else {
        return html! {};
    };
    html! {
        <>
            <h3>{ format!("Point #{point} {}{}", ll(p.lng, p.lat), if p.user { " (yours)" } else { "" }) }</h3>
            <p class="quadtree-path" aria-label="Path from the root">
                { for path.iter().enumerate().map(|(k, &n)| html! {
                    <>
                        if k > 0 { <span aria-hidden="true">{" → "}</span> }
                        <span class={classes!((k + 1 == path.len()).then_some("leaf"))}>{ w.label(n) }</span>
                    </>
                }) }
            </p>
            if on_line { <p class="note">{"It lies exactly on a split line. The document only says “the child that contains the point”, and two children contain it; the lab sends it east (x ≥ mid) or north (y ≥ mid), so it is in exactly one leaf."}</p> }
            if overflow { <p class="note">{ format!("The leaf is full but cannot split (depth {} is the maximum, or it is too small to halve), so it keeps more than {} points: this is how the lab handles more than capacity identical points.", w.max_depth, w.capacity) }</p> }
        </>
    }
}

fn tiles(t: Totals, scanned: u32, haversines: Option<usize>) -> Html {
    let computed = u64::from(t.checked) + haversines.unwrap_or(0) as u64;
    let pct = if scanned > 0 {
        (computed as f64 / f64::from(scanned) * 100.0).min(100.0)
    } else {
        0.0
    };
    html! {
        <>
        <dl class="quadtree-tiles">
            <div class="visited"><dt>{"✓ visited nodes"}</dt><dd>{ t.visited }</dd></div>
            <div class="pruned"><dt>{"✗ pruned nodes"}</dt><dd>{ t.pruned }</dd></div>
            <div><dt>{"points checked"}</dt><dd>{ group(u64::from(t.checked)) }</dd></div>
            <div class="candidate"><dt>{"● candidates"}</dt><dd>{ group(u64::from(t.candidates)) }</dd></div>
        </dl>
        <div class="quadtree-bars" role="img" aria-label={format!("Distance computations: {computed} with the tree against {scanned} for a brute-force scan")}>
            <div class="quadtree-bar-row">
                <span>{"tree"}</span>
                <span class="quadtree-bar"><span style={format!("width:{pct:.1}%")}></span></span>
                <span>{ group(computed) }{ if haversines.is_some() { " (degree tests + haversines)" } else { " degree tests" } }</span>
            </div>
            <div class="quadtree-bar-row">
                <span>{"brute force"}</span>
                <span class="quadtree-bar brute"><span style="width:100%"></span></span>
                <span>{ group(u64::from(scanned)) }{" haversines"}</span>
            </div>
        </div>
        </>
    }
}

fn shape_text(q: &QueryRecord, conv: Conversion) -> String {
    match conv {
        Conversion::Doc => format!(
            "{} km ÷ {DOC_KM_PER_DEGREE} km/° = {:.3}° on both axes (a circle in degrees)",
            q.radius_km, q.doc.shape.r
        ),
        Conversion::Corrected => {
            let s = &q.corrected.shape;
            let edge = (q.lat.abs() + s.r).min(90.0);
            format!(
                "{} km ÷ {KM_PER_DEGREE_LAT:.3} km/° = {:.3}° of latitude; ÷ cos {edge:.1}° = {}° of longitude (an ellipse in degrees)",
                q.radius_km,
                s.r,
                if s.x_scale > 1e-9 {
                    format!("{:.3}", s.r / s.x_scale)
                } else {
                    "∞".to_string()
                }
            )
        }
    }
}

fn query_detail(w: &World, q: &QueryRecord, c: QueryCursor) -> Html {
    let header = html! {
        <>
            <h3>{ format!("Query {}: every point within {} km of {}", c.query + 1, q.radius_km, ll(q.lng, q.lat)) }</h3>
            <p class="hint">{ format!("Stepped conversion: {}.", shape_text(q, q.stepped)) }</p>
        </>
    };
    let totals = q
        .events
        .get((c.count as usize).wrapping_sub(1))
        .map(QueryEvent::totals)
        .unwrap_or_default();
    let body = match c.phase {
        QueryPhase::Start => html! {
            <>
                <p>{"The solid shape is what the tree searches (in degrees); the dashed line is the true circle of that radius on the sphere. The walk starts at the root."}</p>
                { tiles(totals, q.scanned, None) }
            </>
        },
        QueryPhase::Walk => html! {
            <>
                { event_detail(w, q, c.count as usize) }
                { tiles(totals, q.scanned, None) }
            </>
        },
        QueryPhase::Filter => filter_detail(w, q),
        QueryPhase::Compare => compare_detail(w, q),
    };
    html! { <>{ header }{ body }</> }
}

fn event_detail(w: &World, q: &QueryRecord, count: usize) -> Html {
    let Some(e) = count.checked_sub(1).and_then(|i| q.events.get(i)) else {
        return html! {};
    };
    let shape = &q.shape;
    match e {
        QueryEvent::Test {
            node,
            clamp,
            distance,
            hit,
            ..
        } => {
            let Some(n) = w.nodes.get(*node as usize) else {
                return html! {};
            };
            let r = &n.rect;
            let dx = shape.x_scale * (clamp.0 - q.lng);
            let dy = clamp.1 - q.lat;
            let scale = if shape.x_scale == 1.0 {
                String::new()
            } else {
                format!("{:.3}·", shape.x_scale)
            };
            html! {
                <div class={classes!("quadtree-test", if *hit { "visited" } else { "pruned" })}>
                    <h4>{ format!("Circle–rectangle test on {} (depth {})", w.label(*node), n.depth) }</h4>
                    <ol>
                        <li>{ format!("Rectangle lng {:.3}…{:.3}, lat {:.3}…{:.3}.", r.min_x, r.max_x, r.min_y, r.max_y) }</li>
                        <li>{ format!("Closest point = centre clamped to it = (clamp({:.3}), clamp({:.3})) = {}.", q.lng, q.lat, ll(clamp.0, clamp.1)) }</li>
                        <li>{ format!("Distance = √(({scale}Δlng)² + Δlat²) = √({dx:.3}² + {dy:.3}²) = {distance:.3}°.") }</li>
                        <li><strong>{ if *hit {
                            format!("{distance:.3}° ≤ r = {:.3}°: ✓ visit it (check its points or recurse into its children).", shape.r)
                        } else {
                            format!("{distance:.3}° > r = {:.3}°: ✗ prune it and its whole subtree, without measuring a single point.", shape.r)
                        } }</strong></li>
                    </ol>
                </div>
            }
        }
        QueryEvent::Check { node, points, .. } => html! {
            <div class="quadtree-test visited">
                <h4>{ format!("Leaf {}: check its {} points", w.label(*node), points.len()) }</h4>
                <div class="table-scroll">
                <table class="quadtree-table">
                    <thead><tr><th>{"point"}</th><th>{"lng, lat"}</th><th>{"distance (°)"}</th><th>{"candidate?"}</th></tr></thead>
                    <tbody>
                        { for points.iter().take(MAX_ROWS).map(|pc| {
                            let pt = w.points.get(pc.point as usize);
                            html! { <tr class={classes!(pc.candidate.then_some("yes"))}>
                                <td>{ format!("#{}", pc.point) }</td>
                                <td>{ pt.map(|p| ll(p.lng, p.lat)).unwrap_or_default() }</td>
                                <td>{ format!("{:.3}", pc.distance) }</td>
                                <td>{ if pc.candidate { format!("● yes (≤ {:.3})", shape.r) } else { format!("✗ no (> {:.3})", shape.r) } }</td>
                            </tr> }
                        }) }
                    </tbody>
                </table>
                </div>
            </div>
        },
    }
}

fn filter_detail(w: &World, q: &QueryRecord) -> Html {
    let o = q.stepped_outcome();
    let results: HashSet<u32> = o.results.iter().map(|h| h.point).collect();
    let haversines = o.candidates.len();
    let totals = Totals {
        visited: o.stats.visited,
        pruned: o.stats.pruned,
        checked: o.stats.checked,
        candidates: o.stats.found,
    };
    html! {
        <>
            <p>{ format!("Each of the {} candidates is measured with the haversine formula; {} are within {} km (● blue), {} are not (○ orange). Results are sorted nearest first.",
                group(haversines as u64), group(o.results.len() as u64), q.radius_km, group((haversines - o.results.len().min(haversines)) as u64)) }</p>
            { tiles(totals, q.scanned, Some(haversines)) }
            <div class="table-scroll">
            <table class="quadtree-table">
                <thead><tr><th>{"rank"}</th><th>{"point"}</th><th>{"lng, lat"}</th><th>{"haversine"}</th><th>{"result?"}</th></tr></thead>
                <tbody>
                    { for o.results.iter().take(MAX_ROWS).enumerate().map(|(k, h)| {
                        let p = w.points.get(h.point as usize);
                        html! { <tr class="yes">
                            <td>{ k + 1 }</td><td>{ format!("#{}", h.point) }</td>
                            <td>{ p.map(|p| ll(p.lng, p.lat)).unwrap_or_default() }</td>
                            <td>{ format!("{:.1} km", h.km) }</td><td>{"● yes"}</td>
                        </tr> }
                    }) }
                    { for o.candidates.iter().filter(|c| !results.contains(c)).take(MAX_ROWS / 2).map(|&c| {
                        let p = w.points.get(c as usize);
                        let km = p.map_or(0.0, |p| haversine_km(q.lng, q.lat, p.lng, p.lat));
                        html! { <tr>
                            <td>{"–"}</td><td>{ format!("#{c}") }</td>
                            <td>{ p.map(|p| ll(p.lng, p.lat)).unwrap_or_default() }</td>
                            <td>{ format!("{km:.1} km") }</td><td>{ format!("○ no (> {} km)", q.radius_km) }</td>
                        </tr> }
                    }) }
                </tbody>
            </table>
            </div>
            if o.results.len() > MAX_ROWS { <p class="hint">{ format!("… {} more results", o.results.len() - MAX_ROWS) }</p> }
        </>
    }
}

fn outcome_cells(o: &Outcome, truth: usize) -> [String; 8] {
    let shape = if o.shape.x_scale == 1.0 {
        format!("circle r = {:.3}°", o.shape.r)
    } else {
        format!(
            "ellipse {:.3}° × {:.3}°",
            if o.shape.x_scale > 1e-9 {
                o.shape.r / o.shape.x_scale
            } else {
                f64::INFINITY
            },
            o.shape.r
        )
    };
    [
        shape,
        o.stats.visited.to_string(),
        o.stats.pruned.to_string(),
        group(u64::from(o.stats.checked) + o.candidates.len() as u64),
        group(o.candidates.len() as u64),
        format!(
            "{} of {}",
            group(o.results.len() as u64),
            group(truth as u64)
        ),
        group(o.missed.len() as u64),
        if o.missed.is_empty() {
            "none".to_string()
        } else {
            format!(
                "{:.0}%",
                o.missed.len() as f64 / truth.max(1) as f64 * 100.0
            )
        },
    ]
}

fn compare_detail(w: &World, q: &QueryRecord) -> Html {
    let truth = q.truth.len();
    let rows = [
        "query shape in degrees",
        "nodes visited",
        "nodes pruned",
        "distance computations",
        "candidates",
        "results (true hits found)",
        "missed points",
        "share missed",
    ];
    let doc = outcome_cells(&q.doc, truth);
    let fixed = outcome_cells(&q.corrected, truth);
    let brute = [
        "every point".to_string(),
        "–".to_string(),
        "–".to_string(),
        group(u64::from(q.scanned)),
        "–".to_string(),
        format!("{} of {}", group(truth as u64), group(truth as u64)),
        "0".to_string(),
        "none".to_string(),
    ];
    let km_per_lng = KM_PER_DEGREE_LAT * q.lat.to_radians().cos();
    let missed: Vec<u32> = q.doc.missed.iter().take(12).copied().collect();
    html! {
        <>
            <p>{ format!("At latitude {:.1}°, a degree of longitude is only {km_per_lng:.1} km, not 111 km: the document's circle is too narrow east–west. The corrected conversion widens the longitude radius by 1 / cos φ.", q.lat) }</p>
            <div class="table-scroll">
            <table class="quadtree-table quadtree-compare-table">
                <thead><tr><th></th><th>{"document: 111 km/°"}</th><th>{"corrected: ÷ cos φ"}</th><th>{"brute force"}</th></tr></thead>
                <tbody>
                    { for rows.iter().enumerate().map(|(i, label)| html! {
                        <tr class={classes!((i == 6).then_some("missed"))}>
                            <th scope="row">{ *label }</th><td>{ &doc[i] }</td><td>{ &fixed[i] }</td><td>{ &brute[i] }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            if !missed.is_empty() {
                <p>{"Missed by the document's conversion (⊗ on the left map): "}
                    { missed.iter().map(|&m| {
                        let p = w.points.get(m as usize);
                        let km = p.map_or(0.0, |p| haversine_km(q.lng, q.lat, p.lng, p.lat));
                        let dir = p.map_or("", |p| if p.lng >= q.lng { "east" } else { "west" });
                        format!("#{m} ({km:.0} km, {dir})")
                    }).collect::<Vec<_>>().join(", ") }
                    { if q.doc.missed.len() > missed.len() { format!(" … and {} more.", q.doc.missed.len() - missed.len()) } else { ".".to_string() } }
                </p>
            }
            <p class="hint" style={format!("--missed:{}", colour::MISSED)}>{"Both sides query the same tree, centre and radius; the brute-force scan measures every point with the haversine formula."}</p>
        </>
    }
}
