//! `cms`: the table as a heat grid (binned when wide), the cells an add or a query touches, and
//! the query's arithmetic.

use super::heat;
use crate::layout::shade;
use crate::trace::{BINS, CmsState, CmsStep, sci};
use sdp_kit_web::canvas::canvas_and_context;
use sdp_kit_web::{dom, palette};
use yew::prelude::*;

/// Properties: the step's state.
#[derive(Properties, PartialEq)]
pub(super) struct Props {
    pub(super) state: CmsState,
}

const W: f64 = 960.0;
const ROW: f64 = 22.0;

#[component]
pub(super) fn CmsView(props: &Props) -> Html {
    let s = &props.state;
    let w = &*s.world;
    let depth = w.params.depth as usize;
    let width = w.params.width as usize;
    let bins = BINS.min(width);
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(props.state.clone(), move |s| {
            let Some((canvas, ctx)) = canvas_and_context(&node) else {
                return;
            };
            let (depth, width) = (s.world.params.depth as usize, s.world.params.width as usize);
            let bins = BINS.min(width);
            let dark = dom::prefers_dark();
            let h = ROW * depth as f64 + 8.0;
            let dpr = dom::device_pixel_ratio();
            canvas.set_width((W * dpr) as u32);
            canvas.set_height((h * dpr) as u32);
            let _ = ctx.scale(dpr, dpr);
            let max = s.binned.iter().copied().max().unwrap_or(0);
            let cw = (W - 60.0) / bins as f64;
            for r in 0..depth {
                for b in 0..bins {
                    ctx.set_fill_style_str(&heat(shade(s.binned[r * bins + b], max), dark));
                    ctx.fill_rect(
                        60.0 + b as f64 * cw,
                        4.0 + r as f64 * ROW,
                        cw.max(1.0),
                        ROW - 2.0,
                    );
                }
                ctx.set_fill_style_str(palette::ink(dark).fg);
                ctx.set_font("12px system-ui, sans-serif");
                let _ = ctx.fill_text(&format!("row {r}"), 4.0, 18.0 + r as f64 * ROW);
            }
            let cells = match &s.step {
                CmsStep::Add { cells, .. } | CmsStep::Query { cells, .. } => cells.clone(),
                _ => Vec::new(),
            };
            let min = cells.iter().map(|c| c.2).min();
            ctx.set_line_width(2.0);
            for (r, c, v) in cells {
                let x = 60.0 + (c * bins / width) as f64 * cw + cw / 2.0;
                let y = 4.0 + r as f64 * ROW + ROW / 2.0 - 1.0;
                let is_min = matches!(s.step, CmsStep::Query { .. }) && Some(v) == min;
                ctx.set_stroke_style_str(if is_min {
                    palette::ink(dark).accent
                } else {
                    palette::ink(dark).fg
                });
                ctx.begin_path();
                let _ = ctx.arc(
                    x,
                    y,
                    if is_min { 8.0 } else { 5.0 },
                    0.0,
                    std::f64::consts::TAU,
                );
                ctx.stroke();
            }
        });
    }
    let h = ROW * depth as f64 + 8.0;
    let detail = match &s.step {
        CmsStep::Add { item, cells, .. } | CmsStep::Query { item, cells } => {
            let name = &w.names[*item as usize];
            let min = cells.iter().map(|c| c.2).min().unwrap_or(0);
            html! {
                <table class="sk-table" aria-label="The item's cells">
                    <caption>{ format!("{name}: true count {} so far in the stream, estimate = min over rows", w.exact[*item as usize]) }</caption>
                    <thead><tr><th scope="col">{"row"}</th><th scope="col">{"column h_i(x)"}</th><th scope="col">{"value"}</th></tr></thead>
                    <tbody>
                        { for cells.iter().map(|(r, c, v)| html! {
                            <tr key={*r} class={classes!((matches!(s.step, CmsStep::Query { .. }) && *v == min).then_some("min"))}>
                                <td>{ r }</td><td>{ c }</td><td>{ v }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        }
        CmsStep::Summary => {
            let over: Vec<u64> = w
                .estimates
                .iter()
                .zip(&w.exact)
                .map(|(e, t)| e - t)
                .collect();
            let exact_hits = over.iter().filter(|&&o| o == 0).count();
            html! {
                <table class="sk-table" aria-label="Error against the bound">
                    <tbody>
                        <tr><th scope="row">{"ε = e / width"}</th><td>{ sci(w.epsilon) }</td></tr>
                        <tr><th scope="row">{"δ = e^(−depth)"}</th><td>{ sci(w.delta) }</td></tr>
                        <tr><th scope="row">{"bound ε·N"}</th><td>{ sci(w.epsilon * w.n as f64) }</td></tr>
                        <tr><th scope="row">{"largest over-estimate"}</th><td>{ over.iter().max().copied().unwrap_or(0) }</td></tr>
                        <tr><th scope="row">{"items estimated exactly"}</th><td>{ format!("{exact_hits} of {}", over.len()) }</td></tr>
                    </tbody>
                </table>
            }
        }
        _ => html! {},
    };
    html! {
        <div class="sk-cms">
            <figure>
                <canvas ref={node} class="sk-grid" style={format!("width:100%;max-width:{W}px;aspect-ratio:{W}/{h}")}
                    role="img" aria-label={format!("The {depth} × {width} table, {} columns per drawn cell", width.div_ceil(bins))} />
                <figcaption>{ format!("Darker cells count more{}. Circles: the cells this step touches; the larger one is the minimum.",
                    if width > bins { format!("; each drawn cell sums {} columns", width.div_ceil(bins)) } else { String::new() }) }</figcaption>
            </figure>
            { detail }
        </div>
    }
}
