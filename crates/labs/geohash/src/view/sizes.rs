//! Cell-size mode: precisions 1–12 at the chosen latitude, real dimensions beside what the
//! documents state, a log-scale chart, and the cell itself on the map.

use super::map::{GridChoice, Overlay, Style, WORLD, geo_map, map_aspect, toolbar, use_map_ctl};
use super::{StepProps, deg, km, legend, pick_hint, picker};
use crate::codec::LatLng;
use crate::layout::sizes::{
    SIZE_CHART, current_precision, shown_cell, sizes_fit, tick_text, verdict,
};
use crate::layout::svg_path;
use crate::{Action, Figure, GeohashLab, SizesState, State};
use sdp_kit_web::use_lab;
use std::rc::Rc;
use yew::prelude::*;

/// The cell-size view.
#[component]
pub fn SizesView(props: &StepProps) -> Html {
    let lab = use_lab::<GeohashLab>();
    let state = match props.state() {
        Some(State::Sizes(s)) => Some(s),
        _ => None,
    };
    let (fit_box, auto) = state.map_or((WORLD, 1), sizes_fit);
    let ctl = use_map_ctl(fit_box, map_aspect(2.0), false, GridChoice::Auto);
    let Some(s) = state else {
        return html! {};
    };
    let t = &s.table;
    let cur = current_precision(s);
    let overlay = {
        let s = s.clone();
        Overlay {
            key: props.key(0),
            draw: Rc::new(move |p| {
                p.parallel(s.table.lat, &Style::dashed(p.ink.focus, 2.0));
                if let Some(pr) = current_precision(&s) {
                    let c = shown_cell(s.table.lat, pr);
                    let label = p.cell_label(c);
                    p.rect(
                        c.bbox(),
                        &Style::area(p.ink.focus, 0.3, 2.5),
                        label.as_deref(),
                    );
                }
            }),
        }
    };
    let label = match cur {
        Some(p) => format!(
            "Map of the precision-{p} cell at latitude {}° on the prime meridian, with the latitude line.",
            deg(t.lat, 6)
        ),
        None => format!("World map with the latitude {}° marked.", deg(t.lat, 6)),
    };
    html! {
        <>
            <p class="geohash-summary">{ format!("Table {} of this scenario, at latitude {}° (cos φ = {:.4}): east–west sizes shrink with cos φ, north–south sizes do not.", s.table_index + 1, deg(t.lat, 6), t.lat.to_radians().cos()) }</p>
            <div class="table-scroll">
                <table class="geohash-table geohash-sizes">
                    <caption>{ format!("Cell sizes at latitude {}°, precisions 1–{}", deg(t.lat, 6), s.rows_shown) }</caption>
                    <thead><tr>
                        <th scope="col">{"Precision"}</th><th scope="col">{"Bits λ + φ"}</th><th scope="col">{"Cell (degrees)"}</th>
                        <th scope="col">{"N–S"}</th><th scope="col">{ format!("E–W at {}°", deg(t.lat, 2)) }</th>
                        <th scope="col">{"± error (equator)"}</th><th scope="col">{"3×3 block reaches"}</th>
                    </tr></thead>
                    <tbody>
                        { for t.rows.iter().take(usize::from(s.rows_shown)).map(|r| {
                            let figures: Vec<&Figure> = t.figures.iter().filter(|f| f.precision == r.precision).collect();
                            let current = (cur == Some(r.precision)).then_some("current");
                            html! {
                                <>
                                <tr class={classes!(current)}>
                                    <th scope="row">{ r.precision }</th>
                                    <td>{ format!("{} + {}", r.lng_bits, r.lat_bits) }</td>
                                    <td>{ format!("{}° × {}°", deg(r.dlat_deg, 9), deg(r.dlng_deg, 9)) }</td>
                                    <td>{ km(r.ns_km) }</td>
                                    <td>{ km(r.ew_km) }</td>
                                    <td>{ format!("±{}", km(r.max_error_km)) }</td>
                                    <td>{ km(r.block_radius_km) }</td>
                                </tr>
                                if !figures.is_empty() {
                                    <tr class={classes!("geohash-figrow", current)}>
                                        <td></td>
                                        <td colspan="6" class="geohash-figs">
                                            { for figures.iter().map(|f| {
                                                let (class, text) = verdict(f);
                                                html! {
                                                    <div class="geohash-fig">
                                                        {"The document: "}<q>{ &f.quote }</q>{ format!(" ({}) ", f.source) }
                                                        <span class={classes!("geohash-verdict", class)}>{ text }</span>
                                                        { format!(" — real: {}", f.real) }
                                                    </div>
                                                }
                                            }) }
                                        </td>
                                    </tr>
                                }
                                </>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            { chart(s) }
            { toolbar(&ctl, auto, pick_hint(&lab, "to build the table at that latitude"), None) }
            { geo_map(&ctl, auto, None, overlay, label.into(), picker(&lab, |p| Action::Point(LatLng::new(p.lat, 0.0)))) }
            { legend(&[("focus", "┅", "the chosen latitude"), ("focus", "■", "the cell of this row's precision there")]) }
        </>
    }
}

/// Log-scale chart: N–S and E–W per precision, the documents' figures as crosses.
fn chart(s: &SizesState) -> Html {
    let t = &s.table;
    let c = SIZE_CHART;
    let (w, h, left, right, bottom) = (c.w, c.h, c.left, c.right, c.bottom);
    let x = |p: u8| c.x(p);
    let y = |v: f64| c.y(v);
    let rows: Vec<_> = t.rows.iter().take(usize::from(s.rows_shown)).collect();
    let line = |f: &dyn Fn(&crate::sizes::CellSize) -> f64| {
        svg_path(rows.iter().map(|r| (x(r.precision), y(f(r)))))
    };
    let figs: Vec<&Figure> = t
        .figures
        .iter()
        .filter(|f| f.precision <= s.rows_shown)
        .collect();
    let aria = format!(
        "Log-scale chart of cell size against precision at latitude {}°: {}. Document figures: {}.",
        deg(t.lat, 4),
        rows.iter()
            .map(|r| format!("p{} {} N–S, {} E–W", r.precision, km(r.ns_km), km(r.ew_km)))
            .collect::<Vec<_>>()
            .join("; "),
        figs.iter()
            .map(|f| format!("p{} “{}” {} km", f.precision, f.quote, f.stated_km))
            .collect::<Vec<_>>()
            .join("; ")
    );
    html! {
        <figure class="geohash-chart">
            <svg viewBox={format!("0 0 {w} {h}")} role="img" aria-label={aria}>
                { for (-5..=4).map(|e| {
                    let yy = y(10f64.powi(e));
                    let text = tick_text(e);
                    html! { <g>
                        <line class="gridline" x1={left.to_string()} x2={(w - right).to_string()} y1={format!("{yy:.1}")} y2={format!("{yy:.1}")} />
                        <text class="tick" x={(left - 4.0).to_string()} y={format!("{:.1}", yy + 4.0)} text-anchor="end">{ text }</text>
                    </g> }
                }) }
                { for (1..=12u8).map(|p| html! {
                    <text class="tick" x={format!("{:.1}", x(p))} y={(h - bottom + 16.0).to_string()} text-anchor="middle">{ p }</text>
                }) }
                <text class="tick" x={format!("{:.1}", (left + w - right) / 2.0)} y={(h - 4.0).to_string()} text-anchor="middle">{"precision"}</text>
                <path class="series ns" d={line(&|r| r.ns_km)} />
                <path class="series ew" d={line(&|r| r.ew_km)} />
                { for rows.iter().map(|r| html! { <g>
                    <circle class="ns" cx={format!("{:.1}", x(r.precision))} cy={format!("{:.1}", y(r.ns_km))} r="4" />
                    <rect class="ew" x={format!("{:.1}", x(r.precision) - 3.5)} y={format!("{:.1}", y(r.ew_km) - 3.5)} width="7" height="7" />
                </g> }) }
                { for figs.iter().enumerate().map(|(i, f)| {
                    let (cx, cy) = (x(f.precision) + (i % 3) as f64 * 5.0 - 5.0, y(f.stated_km));
                    let class = verdict(f).0;
                    html! { <path class={classes!("doc", class)} d={format!("M{:.1},{:.1} l8,8 m0,-8 l-8,8", cx - 4.0, cy - 4.0)} /> }
                }) }
            </svg>
            <figcaption>{"● N–S size, ■ E–W size at this latitude, ✕ a figure the documents state (placed at its stated value; see the table for the verdict)."}</figcaption>
        </figure>
    }
}
