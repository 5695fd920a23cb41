//! The figures beside the ring: legend, the binary-search table, keys per server, keys moved.

use crate::State;
use crate::layout::{IDEAL, loads, moved_shares, search_rows};
use crate::ring::ServerId;
use sdp_kit_web::palette;
use yew::prelude::*;

/// Properties holding a step's state.
#[derive(Properties, PartialEq)]
pub(super) struct StateProps {
    pub(super) state: State,
}

#[component]
pub(super) fn Legend(props: &StateProps) -> Html {
    let s = &props.state;
    html! {
        <ul class="legend" aria-label="Servers">
            { for s.servers.iter().map(|&id| html! {
                <li key={id.to_string()}>
                    <span class="swatch" style={format!("background:{}", palette::series(id as usize))}></span>
                    { s.world.server_names.get(id as usize).cloned().unwrap_or_default() }
                </li>
            }) }
        </ul>
    }
}

/// The sorted positions around the binary search, for the lookup steps.
pub(super) fn search_table(s: &State) -> Html {
    let Some((lookup, rows)) = search_rows(s) else {
        return html! {};
    };
    let alive: Vec<(u128, ServerId)> = s.alive_vnodes().map(|v| (v.position, v.server)).collect();
    html! {
        <div class="table-scroll">
        <table class="search-table" aria-label="sorted_keys around the binary search">
            <caption>{ format!("sorted_keys: {} positions; probed rows are numbered in probe order", alive.len()) }</caption>
            <thead><tr><th>{"index"}</th><th>{"position (hex)"}</th><th>{"server"}</th><th>{"probe"}</th></tr></thead>
            <tbody>
                { for rows.iter().map(|&i| {
                    let (pos, server) = alive[i];
                    let probe = lookup.probes.iter().position(|&p| p == i).map(|n| (n + 1).to_string()).unwrap_or_default();
                    let found = i == lookup.index;
                    html! {
                        <tr key={i.to_string()} class={classes!(found.then_some("found"))}>
                            <td>{ i }</td>
                            <td><code>{ format!("{pos:032x}") }</code></td>
                            <td>{ s.world.server_names.get(server as usize).cloned().unwrap_or_default() }</td>
                            <td>{ if found { format!("{probe} ← result{}", if lookup.wrapped { " (wrapped)" } else { "" }) } else { probe } }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
        </div>
    }
}

/// Keys per server: ring (solid) against hash mod N (light), with the mean as a line.
#[component]
pub(super) fn LoadBars(props: &StateProps) -> Html {
    let s = &props.state;
    let Some(a) = &s.assignment else {
        return html! { <p class="hint">{"Keys are looked up after the servers are placed."}</p> };
    };
    let ids = s.world.server_names.len();
    let (ring, modn) = (
        loads(&a.ring, &s.servers, ids),
        loads(&a.mod_n, &s.servers, ids),
    );
    let top = ring.iter().chain(&modn).copied().max().unwrap_or(0).max(1) as f64;
    let n = s.servers.len().max(1) as f64;
    let (w, h) = (560.0, 180.0);
    let slot = w / n;
    let mean = a.ring.len() as f64 / n;
    let y = |v: f64| h - 20.0 - v / top * (h - 30.0);
    html! {
        <figure class="load-bars">
            <svg viewBox={format!("0 0 {w} {h}")} role="img"
                aria-label={format!("Keys per server. Ring: {ring:?}. Hash mod N: {modn:?}.")}>
                { for s.servers.iter().enumerate().map(|(i, &id)| {
                    let x = i as f64 * slot;
                    let bw = (slot / 2.0 - 1.0).max(0.5);
                    html! {
                        <g key={id.to_string()}>
                            <rect x={format!("{:.1}", x + 1.0)} y={format!("{:.1}", y(ring[i] as f64))} width={format!("{bw:.1}")}
                                height={format!("{:.1}", h - 20.0 - y(ring[i] as f64))} fill={palette::series(id as usize)} />
                            <rect class="modn" x={format!("{:.1}", x + 1.0 + bw)} y={format!("{:.1}", y(modn[i] as f64))} width={format!("{bw:.1}")}
                                height={format!("{:.1}", h - 20.0 - y(modn[i] as f64))} fill={palette::series(id as usize)} fill-opacity="0.35" />
                        </g>
                    }
                }) }
                <line class="mean" x1="0" x2={w.to_string()} y1={format!("{:.1}", y(mean))} y2={format!("{:.1}", y(mean))} />
                <text x="4" y={format!("{:.1}", y(mean) - 4.0)} class="axis">{ format!("mean {mean:.1}") }</text>
            </svg>
            <figcaption>{"Keys per server: solid = consistent-hash ring, light = hash(key) mod N on the same keys."}</figcaption>
        </figure>
    }
}

/// Keys moved by the last change under each strategy, against the ideal share.
#[component]
pub(super) fn MovedBars(props: &StateProps) -> Html {
    let s = &props.state;
    let rows = moved_shares(s);
    if rows.is_empty() {
        return html! {};
    }
    let (w, row_h) = (560.0, 22.0);
    html! {
        <figure class="moved-bars">
            <svg viewBox={format!("0 0 {w} {}", rows.len() as f64 * row_h + 4.0)} role="img"
                aria-label={rows.iter().map(|(l, f)| format!("{l}: {:.1}% moved", f * 100.0)).collect::<Vec<_>>().join("; ")}>
                { for rows.iter().enumerate().map(|(i, (label, f))| {
                    let y = i as f64 * row_h + 2.0;
                    html! {
                        <g key={*label}>
                            <text x="0" y={format!("{:.1}", y + 15.0)} class="axis">{ *label }</text>
                            <rect x="160" y={format!("{y:.1}")} width={format!("{:.1}", (w - 230.0) * f)} height="16"
                                class={classes!("moved", (*label == IDEAL).then_some("ideal"))} />
                            <text x={format!("{:.1}", 166.0 + (w - 230.0) * f)} y={format!("{:.1}", y + 13.0)} class="axis">{ format!("{:.1}%", f * 100.0) }</text>
                        </g>
                    }
                }) }
            </svg>
            <figcaption>{"Share of keys that changed owner in the last change, on the same keys."}</figcaption>
        </figure>
    }
}
