//! The charts of `skip` mode: files scanned by each layout for one query, and for the batch of
//! random queries the mean files scanned per kind of query and the sorted files per query.

use crate::layout::skip::{layout_colour, layout_name};
use crate::skipping::LAYOUTS;
use crate::{BatchResult, QueryResult, SkipParams, SkipWorld};
use sdp_kit::fmt::group;
use yew::prelude::*;

pub(super) fn compare_chart(w: &SkipWorld, q: &QueryResult) -> Html {
    let p = &w.params;
    let files = w.layouts.first().map_or(0, |l| l.files.len()).max(1);
    let (width, row_h, label_w) = (640.0, 34.0, 170.0);
    let height = row_h * LAYOUTS.len() as f64 + 26.0;
    let bar = |v: f64| (width - label_w - 150.0) * v / files as f64;
    let summary: Vec<String> = w
        .layouts
        .iter()
        .zip(&q.scans)
        .map(|(l, s)| {
            format!(
                "{}: {} files",
                layout_name(l.layout, p.sort_column),
                s.files_scanned()
            )
        })
        .collect();
    html! {
        <section class="zorder-detail" aria-label="Files scanned by layout">
            <h3>{ format!("Files scanned out of {files}, same rows, same query") }</h3>
            <svg class="zorder-chart" viewBox={format!("0 0 {width} {height}")} role="img" aria-label={summary.join("; ")}>
                { for w.layouts.iter().zip(&q.scans).enumerate().map(|(i, (l, s))| {
                    let y = 8.0 + i as f64 * row_h;
                    let v = f64::from(s.files_scanned());
                    html! {
                        <g>
                            <text class="zorder-axis" x="0" y={format!("{:.1}", y + 17.0)}>{ layout_name(l.layout, p.sort_column) }</text>
                            <rect x={label_w.to_string()} y={format!("{y:.1}")} width={format!("{:.1}", bar(files as f64))} height="24" class="zorder-track" />
                            <rect x={label_w.to_string()} y={format!("{y:.1}")} width={format!("{:.1}", bar(v).max(1.0))} height="24" fill={layout_colour(l.layout)} />
                            <text class="zorder-axis" x={format!("{:.1}", label_w + bar(files as f64) + 6.0)} y={format!("{:.1}", y + 17.0)}>
                                { format!("{} · {} rows", s.files_scanned(), group(u64::from(s.rows_read))) }
                            </text>
                        </g>
                    }
                }) }
            </svg>
            <p class="hint">{ format!("{} rows match; every layout reads at least the files that hold them. Skip ratio = files skipped ÷ files.", group(u64::from(q.matching_rows))) }</p>
        </section>
    }
}

pub(super) fn batch_detail(w: &SkipWorld, b: &BatchResult) -> Html {
    let p: &SkipParams = &w.params;
    let files = w.layouts.first().map_or(0, |l| l.files.len()).max(1) as f64;
    let kinds = b.kind_labels.len();
    let present: Vec<usize> = (0..kinds)
        .filter(|&k| b.kinds.iter().any(|&x| usize::from(x) == k))
        .collect();
    // Grouped bars: mean files scanned per kind of query, one bar per layout.
    let (width, height, left, bottom) = (640.0, 260.0, 40.0, 40.0);
    let plot_h = height - bottom - 16.0;
    let group_w = (width - left) / present.len().max(1) as f64;
    let bar_w = (group_w - 16.0) / LAYOUTS.len() as f64;
    let y = |v: f64| 16.0 + plot_h * (1.0 - v / files);
    let bars_label: Vec<String> = b
        .layouts
        .iter()
        .map(|l| {
            format!(
                "{}: mean {:.1} files",
                layout_name(l.layout, p.sort_column),
                l.mean_files
            )
        })
        .collect();
    // Lines: files scanned by each query, sorted, per layout.
    let n = b.queries.len().max(1);
    let (lw, lh) = (640.0, 250.0);
    let lx = |i: usize| left + (lw - left - 10.0) * i as f64 / (n.max(2) - 1) as f64;
    let ly = |v: f64| 10.0 + (lh - 80.0) * (1.0 - v / files);
    let dashes = ["", "8 4", "2 3", "10 3 2 3"];
    html! {
        <section class="zorder-detail" aria-label="Batch of random queries">
            <h3>{ format!("{} random queries, each range {}% of the domain: mean files scanned (of {})", b.queries.len(), p.width_pct, files) }</h3>
            <svg class="zorder-chart" viewBox={format!("0 0 {width} {height}")} role="img" aria-label={bars_label.join("; ")}>
                <line class="zorder-gridline" x1={left.to_string()} x2={width.to_string()} y1={format!("{:.1}", y(files))} y2={format!("{:.1}", y(files))} />
                <text class="zorder-axis" x="0" y={format!("{:.1}", y(files) + 4.0)}>{ files }</text>
                <text class="zorder-axis" x="0" y={format!("{:.1}", y(0.0))}>{"0"}</text>
                { for present.iter().enumerate().map(|(g, &k)| {
                    let gx = left + g as f64 * group_w + 8.0;
                    html! {
                        <g>
                            { for b.layouts.iter().enumerate().map(|(i, l)| {
                                let v = l.mean_files_by_kind.get(k).copied().unwrap_or(0.0);
                                let x = gx + i as f64 * bar_w;
                                html! { <g>
                                    <rect x={format!("{x:.1}")} y={format!("{:.1}", y(v))} width={format!("{:.1}", (bar_w - 2.0).max(1.0))}
                                        height={format!("{:.1}", (y(0.0) - y(v)).max(0.5))} fill={layout_colour(l.layout)} />
                                    <text class="zorder-bar-value" x={format!("{:.1}", x + bar_w / 2.0 - 1.0)} y={format!("{:.1}", y(v) - 3.0)} text-anchor="middle">{ format!("{v:.0}") }</text>
                                </g> }
                            }) }
                            <text class="zorder-axis" x={format!("{:.1}", gx + (group_w - 16.0) / 2.0)} y={format!("{:.1}", height - 22.0)} text-anchor="middle">
                                { b.kind_labels.get(k).cloned().unwrap_or_default() }
                            </text>
                        </g>
                    }
                }) }
                <g class="zorder-key">
                    { for b.layouts.iter().enumerate().map(|(i, l)| {
                        let x = left + i as f64 * 150.0;
                        html! { <g>
                            <rect x={format!("{x:.1}")} y={format!("{:.1}", height - 12.0)} width="10" height="10" fill={layout_colour(l.layout)} />
                            <text class="zorder-axis" x={format!("{:.1}", x + 14.0)} y={format!("{:.1}", height - 3.0)}>{ layout_name(l.layout, p.sort_column) }</text>
                        </g> }
                    }) }
                </g>
            </svg>
            <h3>{"Files scanned by each query, sorted (lower is better)"}</h3>
            <svg class="zorder-chart" viewBox={format!("0 0 {lw} {lh}")} role="img"
                aria-label={format!("Sorted files scanned per query for each layout over {} queries", b.queries.len())}>
                <line class="zorder-gridline" x1={left.to_string()} x2={(lw - 10.0).to_string()} y1={format!("{:.1}", ly(files))} y2={format!("{:.1}", ly(files))} />
                <text class="zorder-axis" x="0" y={format!("{:.1}", ly(files) + 4.0)}>{ files }</text>
                <text class="zorder-axis" x="0" y={format!("{:.1}", ly(0.0))}>{"0"}</text>
                <text class="zorder-axis" x={left.to_string()} y={format!("{:.1}", ly(0.0) + 16.0)}>{"queries, from fewest files to most →"}</text>
                { for b.layouts.iter().enumerate().map(|(i, l)| {
                    let mut v: Vec<u32> = l.files_scanned.clone();
                    v.sort_unstable();
                    let step = v.len().div_ceil(300).max(1);
                    let points: Vec<String> = v.iter().enumerate().step_by(step)
                        .chain(v.last().map(|last| (v.len() - 1, last)))
                        .map(|(j, &f)| format!("{:.1},{:.1}", lx(j), ly(f64::from(f)))).collect();
                    html! {
                        <polyline points={points.join(" ")} fill="none" stroke={layout_colour(l.layout)} stroke-width="2.5" stroke-dasharray={dashes[i % 4]} />
                    }
                }) }
                <g class="zorder-key">
                    { for b.layouts.iter().enumerate().map(|(i, l)| {
                        let mut v: Vec<u32> = l.files_scanned.clone();
                        v.sort_unstable();
                        let mid = v.get(v.len() / 2).copied().unwrap_or(0);
                        let x = left + (i % 2) as f64 * 290.0;
                        let y = lh - 30.0 + (i / 2) as f64 * 16.0 - 8.0;
                        html! { <g>
                            <line x1={format!("{x:.1}")} x2={format!("{:.1}", x + 28.0)} y1={format!("{y:.1}")} y2={format!("{y:.1}")}
                                stroke={layout_colour(l.layout)} stroke-width="3" stroke-dasharray={dashes[i % 4]} />
                            <text class="zorder-axis" x={format!("{:.1}", x + 34.0)} y={format!("{:.1}", y + 4.0)}>
                                { format!("{} (median {mid}, max {})", layout_name(l.layout, p.sort_column), v.last().copied().unwrap_or(0)) }
                            </text>
                        </g> }
                    }) }
                </g>
            </svg>
            <div class="table-scroll">
            <table class="zorder-table">
                <thead><tr><th>{"layout"}</th><th>{"mean files scanned"}</th><th>{"skip ratio"}</th><th>{"rows read (all queries)"}</th></tr></thead>
                <tbody>
                    { for b.layouts.iter().map(|l| html! {
                        <tr><th scope="row"><span class="swatch" style={format!("background:{}", layout_colour(l.layout))}></span>{ layout_name(l.layout, p.sort_column) }</th>
                            <td>{ format!("{:.1} of {files}", l.mean_files) }</td><td>{ format!("{:.1}%", l.skip_ratio * 100.0) }</td><td>{ group(l.rows_read_total) }</td></tr>
                    }) }
                </tbody>
            </table>
            </div>
        </section>
    }
}
