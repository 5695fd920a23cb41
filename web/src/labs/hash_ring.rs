//! View of the consistent-hashing lab: the ring (canvas), the binary search, load bars for the
//! ring against hash mod N, keys moved, and the lab's controls.

use super::{Change, LabView};
use crate::by_id::ById;
use crate::palette::{self, Ink};
use crate::widgets::NumberField;
use sdp_core::lab::{Scenario, Trace};
use sdp_core::labs::hash_ring::ring::{KeyFormat, ServerId};
use sdp_core::labs::hash_ring::{
    Action, Assignment, Focus, HashRingLab, MAX_DETAILED_LOOKUPS, MAX_KEYS, MAX_SERVERS, Params,
    State, VNODES_RANGE,
};
use std::f64::consts::PI;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

/// Most keys drawn as dots (the rest are counted, not drawn).
const MAX_DRAWN_KEYS: usize = 3000;
const CANVAS: f64 = 560.0;

impl LabView for HashRingLab {
    fn view_step(trace: &Rc<Trace<State>>, cursor: usize) -> Html {
        let Some(step) = trace.get(cursor) else {
            return html! {};
        };
        let s = &step.state;
        html! {
            <div class="hash-ring-view">
                <RingCanvas trace={trace.clone()} {cursor} />
                <Legend state={s.clone()} />
                { search_table(s) }
                <LoadBars state={s.clone()} />
                <MovedBars state={s.clone()} />
            </div>
        }
    }

    fn controls(scenario: &Scenario<Params, Action>, change: Callback<Change<Self>>) -> Html {
        html! { <Controls scenario={scenario.clone()} {change} /> }
    }
}

/// Properties of [`RingCanvas`]; compared by trace identity and cursor only.
#[derive(Properties, PartialEq)]
struct RingProps {
    trace: ById<Trace<State>>,
    cursor: usize,
}

#[component]
fn RingCanvas(props: &RingProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        use_effect_with(
            (props.trace.clone(), props.cursor),
            move |(trace, cursor)| {
                if let (Some(el), Some(step)) =
                    (canvas.cast::<HtmlCanvasElement>(), trace.get(*cursor))
                {
                    if let Some(ctx) = context(&el) {
                        draw_ring(&ctx, &step.state, &palette::ink(crate::dom::prefers_dark()));
                    }
                }
            },
        );
    }
    let label = props
        .trace
        .get(props.cursor)
        .map(|s| describe(&s.state))
        .unwrap_or_default();
    html! {
        <figure class="ring-figure">
            <canvas ref={canvas} class="ring" width={CANVAS.to_string()} height={CANVAS.to_string()}
                role="img" aria-label={label} />
            <figcaption>{"Positions run clockwise from the top (0) to 2¹²⁸−1. Ticks: virtual nodes; dots: keys, coloured by owner; ringed dots moved in the last change."}</figcaption>
        </figure>
    }
}

fn context(el: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    el.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// A text description of the ring for screen readers.
fn describe(s: &State) -> String {
    format!(
        "Hash ring with {} servers, {} vnodes each and {} keys.",
        s.servers.len(),
        s.vnodes,
        s.key_count
    )
}

fn angle(position: u128) -> f64 {
    position as f64 / 2f64.powi(128) * 2.0 * PI - PI / 2.0
}

fn at(r: f64, a: f64) -> (f64, f64) {
    (CANVAS / 2.0 + r * a.cos(), CANVAS / 2.0 + r * a.sin())
}

fn draw_ring(ctx: &CanvasRenderingContext2d, s: &State, ink: &Ink) {
    let r = CANVAS / 2.0 - 40.0;
    ctx.clear_rect(0.0, 0.0, CANVAS, CANVAS);
    ctx.set_line_width(1.5);
    ctx.set_stroke_style_str(ink.muted);
    ctx.begin_path();
    let _ = ctx.arc(CANVAS / 2.0, CANVAS / 2.0, r, 0.0, 2.0 * PI);
    ctx.stroke();
    draw_vnodes(ctx, s, r, ink);
    draw_keys(ctx, s, r - 14.0, ink);
    draw_focus(ctx, s, r, ink);
    ctx.set_fill_style_str(ink.fg);
    ctx.set_font("12px system-ui, sans-serif");
    ctx.set_text_align("center");
    let _ = ctx.fill_text("0", CANVAS / 2.0, 14.0);
}

/// Angular bins for vnode ticks: more ticks than this cannot be told apart on screen, so each
/// bin draws one tick (coloured by the last vnode in it) and drawing stays cheap at 32 000 vnodes.
const TICK_BINS: usize = 2048;

fn draw_vnodes(ctx: &CanvasRenderingContext2d, s: &State, r: f64, ink: &Ink) {
    let names = s.world.server_names.len();
    let placed = match s.focus {
        Focus::Placed(id) => Some(id),
        _ => None,
    };
    let mut bins: Vec<Option<ServerId>> = vec![None; TICK_BINS];
    for v in s.alive_vnodes() {
        let bin = ((v.position >> 117) as usize).min(TICK_BINS - 1); // top 11 bits = 2048 bins
        if placed.is_none() || bins[bin] != placed {
            bins[bin] = Some(v.server); // a just-placed server keeps its bins, so all its ticks show
        }
    }
    let mut by_server: Vec<Vec<f64>> = vec![Vec::new(); names];
    for (bin, owner) in bins.iter().enumerate() {
        if let Some(id) = owner {
            by_server[*id as usize]
                .push((bin as f64 + 0.5) / TICK_BINS as f64 * 2.0 * PI - PI / 2.0);
        }
    }
    for (id, angles) in by_server.iter().enumerate() {
        let long = placed == Some(id as ServerId);
        ctx.set_stroke_style_str(palette::series(id));
        ctx.set_line_width(if long { 2.5 } else { 1.5 });
        ctx.begin_path();
        for &a in angles {
            let (x0, y0) = at(r - 4.0, a);
            let (x1, y1) = at(r + if long { 18.0 } else { 9.0 }, a);
            ctx.move_to(x0, y0);
            ctx.line_to(x1, y1);
        }
        ctx.stroke();
    }
    if let Focus::Removed(id) = s.focus {
        ctx.set_stroke_style_str(ink.muted);
        let _ = ctx.set_line_dash(&js_array(&[3.0, 3.0]));
        ctx.begin_path();
        for v in s
            .world
            .vnodes
            .iter()
            .filter(|v| v.server == id && v.died == s.epoch)
        {
            let (x0, y0) = at(r - 4.0, angle(v.position));
            let (x1, y1) = at(r + 18.0, angle(v.position));
            ctx.move_to(x0, y0);
            ctx.line_to(x1, y1);
        }
        ctx.stroke();
        let _ = ctx.set_line_dash(&js_array(&[]));
    }
}

fn js_array(values: &[f64]) -> JsValue {
    values
        .iter()
        .map(|&v| JsValue::from_f64(v))
        .collect::<js_sys::Array>()
        .into()
}

fn draw_keys(ctx: &CanvasRenderingContext2d, s: &State, r: f64, ink: &Ink) {
    let Some(a) = &s.assignment else { return };
    let n = (s.key_count as usize).min(a.ring.len());
    let stride = n.div_ceil(MAX_DRAWN_KEYS).max(1);
    let hashes = &s.world.key_hashes;
    // One fill style per server (setting a style parses a colour string each time).
    let mut by_owner: Vec<Vec<usize>> = vec![Vec::new(); s.world.server_names.len()];
    for i in (0..n).step_by(stride) {
        if let Some(list) = by_owner.get_mut(a.ring[i] as usize) {
            list.push(i);
        }
    }
    for (owner, keys) in by_owner.iter().enumerate().filter(|(_, k)| !k.is_empty()) {
        ctx.set_fill_style_str(palette::series(owner));
        for &i in keys {
            let (x, y) = at(r, angle(hashes[i]));
            ctx.fill_rect(x - 2.0, y - 2.0, 4.0, 4.0);
        }
    }
    if let Some(prev) = &s.previous {
        ctx.set_stroke_style_str(ink.fg);
        ctx.set_line_width(1.0);
        ctx.begin_path();
        for i in (0..n.min(prev.ring.len()))
            .step_by(stride)
            .filter(|&i| prev.ring[i] != a.ring[i])
        {
            let (x, y) = at(r, angle(hashes[i]));
            ctx.move_to(x + 4.5, y);
            let _ = ctx.arc(x, y, 4.5, 0.0, 2.0 * PI);
        }
        ctx.stroke();
    }
}

fn draw_focus(ctx: &CanvasRenderingContext2d, s: &State, r: f64, ink: &Ink) {
    let (key, lookup) = match &s.focus {
        Focus::Hashed(k) => (*k, None),
        Focus::Searched { key, lookup } | Focus::Found { key, lookup } => (*key, Some(lookup)),
        _ => return,
    };
    let Some(&hash) = s.world.key_hashes.get(key as usize) else {
        return;
    };
    let a = angle(hash);
    ctx.set_stroke_style_str(ink.accent);
    ctx.set_fill_style_str(ink.accent);
    ctx.set_line_width(2.0);
    let (x, y) = at(r - 30.0, a);
    ctx.begin_path();
    let _ = ctx.arc(x, y, 6.0, 0.0, 2.0 * PI);
    ctx.fill();
    let (lx, ly) = at(r - 52.0, a);
    let name = s
        .world
        .key_names
        .get(key as usize)
        .cloned()
        .unwrap_or_default();
    ctx.set_font("bold 13px system-ui, sans-serif");
    ctx.set_text_align("center");
    let _ = ctx.fill_text(&name, lx, ly);
    let Some(lookup) = lookup else { return };
    let alive: Vec<u128> = s.alive_vnodes().map(|v| v.position).collect();
    for &p in &lookup.probes {
        if let Some(&pos) = alive.get(p) {
            let (px, py) = at(r + 24.0, angle(pos));
            ctx.begin_path();
            let _ = ctx.arc(px, py, 3.0, 0.0, 2.0 * PI);
            ctx.fill();
        }
    }
    let Some(&target) = alive.get(lookup.index) else {
        return;
    };
    let mut end = angle(target);
    if end < a {
        end += 2.0 * PI; // clockwise sweep, across the top when it wraps
    }
    ctx.set_line_width(5.0);
    ctx.set_global_alpha(0.6);
    ctx.begin_path();
    let _ = ctx.arc(CANVAS / 2.0, CANVAS / 2.0, r - 30.0, a, end);
    ctx.stroke();
    ctx.set_global_alpha(1.0);
    if matches!(s.focus, Focus::Found { .. }) {
        let (tx, ty) = at(r + 2.0, angle(target));
        ctx.set_line_width(2.0);
        ctx.begin_path();
        ctx.move_to(x, y);
        ctx.line_to(tx, ty);
        ctx.stroke();
    }
}

/// Properties holding a step's state.
#[derive(Properties, PartialEq)]
struct StateProps {
    state: State,
}

#[component]
fn Legend(props: &StateProps) -> Html {
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
fn search_table(s: &State) -> Html {
    let lookup = match &s.focus {
        Focus::Searched { lookup, .. } | Focus::Found { lookup, .. } => lookup,
        _ => return html! {},
    };
    let alive: Vec<(u128, ServerId)> = s.alive_vnodes().map(|v| (v.position, v.server)).collect();
    let mut rows: Vec<usize> = lookup
        .probes
        .iter()
        .copied()
        .chain([lookup.index, 0, alive.len().saturating_sub(1)])
        .collect();
    rows.sort_unstable();
    rows.dedup();
    rows.retain(|&i| i < alive.len());
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

fn loads(owners: &[ServerId], servers: &[ServerId], ids: usize) -> Vec<u64> {
    let mut per_id = vec![0u64; ids];
    for &o in owners {
        if let Some(c) = per_id.get_mut(o as usize) {
            *c += 1;
        }
    }
    servers
        .iter()
        .map(|&s| per_id.get(s as usize).copied().unwrap_or(0))
        .collect()
}

/// Keys per server: ring (solid) against hash mod N (light), with the mean as a line.
#[component]
fn LoadBars(props: &StateProps) -> Html {
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
                aria-label={format!("Keys per server. Ring: {:?}. Hash mod N: {:?}.", ring, modn)}>
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
fn MovedBars(props: &StateProps) -> Html {
    let s = &props.state;
    let (Some(now), Some(before)) = (&s.assignment, &s.previous) else {
        return html! {};
    };
    let n = now.ring.len().min(before.ring.len());
    if n == 0 {
        return html! {};
    }
    let moved = |a: &[ServerId], b: &[ServerId]| a.iter().zip(b).filter(|(x, y)| x != y).count();
    let ideal = s.ideal_moved;
    let mut rows = vec![
        (
            "consistent-hash ring",
            moved(&before.ring, &now.ring) as f64 / n as f64,
        ),
        (
            "hash mod N",
            moved(&before.mod_n, &now.mod_n) as f64 / n as f64,
        ),
        (
            "fixed arcs (F4 §17)",
            moved(&before.fixed, &now.fixed) as f64 / n as f64,
        ),
    ];
    if let Some(f) = ideal {
        rows.insert(1, ("ideal (1/N)", f));
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
                                class={classes!("moved", (*label == "ideal (1/N)").then_some("ideal"))} />
                            <text x={format!("{:.1}", 166.0 + (w - 230.0) * f)} y={format!("{:.1}", y + 13.0)} class="axis">{ format!("{:.1}%", f * 100.0) }</text>
                        </g>
                    }
                }) }
            </svg>
            <figcaption>{"Share of keys that changed owner in the last change, on the same keys."}</figcaption>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
struct ControlsProps {
    scenario: Scenario<Params, Action>,
    change: Callback<Change<HashRingLab>>,
}

fn active_names(scenario: &Scenario<Params, Action>) -> Vec<String> {
    let mut names: Vec<String> = (0..scenario.params.servers)
        .map(sdp_core::labs::hash_ring::initial_server_name)
        .collect();
    for a in &scenario.actions {
        match a {
            Action::AddServer(n) => names.push(n.clone()),
            Action::RemoveServer(n) => names.retain(|x| x != n),
            _ => {}
        }
    }
    names
}

fn input_value(node: &NodeRef) -> String {
    node.cast::<web_sys::HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

fn select_value(node: &NodeRef) -> String {
    node.cast::<web_sys::HtmlSelectElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

#[component]
fn Controls(props: &ControlsProps) -> Html {
    let s = &props.scenario;
    let p = s.params.clone();
    let seed = s.seed;
    let param = |f: fn(&mut Params, u64)| {
        let (change, p) = (props.change.clone(), p.clone());
        Callback::from(move |v: u64| {
            let mut next = p.clone();
            f(&mut next, v);
            change.emit(Change::Params(next, seed));
        })
    };
    let on_seed = {
        let (change, p) = (props.change.clone(), p.clone());
        Callback::from(move |v: u64| change.emit(Change::Params(p.clone(), v)))
    };
    let on_format = {
        let (change, p) = (props.change.clone(), p.clone());
        Callback::from(move |e: Event| {
            let v = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .map(|s| s.value());
            let mut next = p.clone();
            next.format = if v.as_deref() == Some("f4") {
                KeyFormat::F4
            } else {
                KeyFormat::F0
            };
            change.emit(Change::Params(next, seed));
        })
    };
    let (server_name, key_name, batch, vnodes, remove) = (
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    );
    let act = |node: NodeRef, make: fn(String) -> Option<Action>, select: bool| {
        let change = props.change.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = if select {
                select_value(&node)
            } else {
                input_value(&node)
            };
            // Unparseable numbers are sent as 0 so the lab's validation names the field and range.
            if let Some(a) = make(text) {
                change.emit(Change::Action(a));
            }
        })
    };
    let preset = |v: u32| {
        let change = props.change.clone();
        Callback::from(move |_: MouseEvent| change.emit(Change::Action(Action::SetVnodes(v))))
    };
    let defaults = {
        let change = props.change.clone();
        Callback::from(move |_: MouseEvent| change.emit(Change::Defaults))
    };
    let next_name = format!("cache{}:6379", active_names(s).len() + 1);
    html! {
        <div class="controls">
            <fieldset>
                <legend>{"Parameters (rebuild from the start)"}</legend>
                <NumberField label="Servers" value={u64::from(p.servers)} min=1 max={u64::from(MAX_SERVERS)} on_commit={param(|p, v| p.servers = v as u32)} />
                <NumberField label="Vnodes per server" value={u64::from(p.vnodes)} min={u64::from(VNODES_RANGE.0)} max={u64::from(VNODES_RANGE.1)} on_commit={param(|p, v| p.vnodes = v as u32)} />
                <NumberField label="Keys" value={u64::from(p.keys)} min=0 max={u64::from(MAX_KEYS)} on_commit={param(|p, v| p.keys = v as u32)} />
                <NumberField label="Detailed lookups" value={u64::from(p.detailed)} min=0 max={u64::from(MAX_DETAILED_LOOKUPS)} on_commit={param(|p, v| p.detailed = v as u32)} />
                <NumberField label="Seed" value={seed} min=0 max={u64::MAX} on_commit={on_seed} />
                <div class="field">
                    <label for="field-format">{"Vnode key format"}</label>
                    <select id="field-format" onchange={on_format}>
                        <option value="f0" selected={p.format == KeyFormat::F0}>{"F0: server + \":vnode\" + i"}</option>
                        <option value="f4" selected={p.format == KeyFormat::F4}>{"F4: f\"{node}:{i}\""}</option>
                    </select>
                </div>
                <button type="button" onclick={defaults}>{"Restore defaults"}</button>
            </fieldset>
            <fieldset>
                <legend>{"Actions (each adds steps at the end)"}</legend>
                <form class="action" onsubmit={act(server_name.clone(), |t| Some(Action::AddServer(t.trim().to_string())), false)}>
                    <label for="add-server">{"Server name"}</label>
                    <input id="add-server" ref={server_name} type="text" value={next_name} />
                    <button type="submit">{"Add server"}</button>
                </form>
                <form class="action" onsubmit={act(remove.clone(), |t| Some(Action::RemoveServer(t)), true)}>
                    <label for="remove-server">{"Server"}</label>
                    <select id="remove-server" ref={remove}>
                        { for active_names(s).into_iter().map(|n| html! { <option value={n.clone()}>{ n }</option> }) }
                    </select>
                    <button type="submit">{"Remove server"}</button>
                </form>
                <form class="action" onsubmit={act(key_name.clone(), |t| Some(Action::AddKey(t)), false)}>
                    <label for="lookup-key">{"Key"}</label>
                    <input id="lookup-key" ref={key_name} type="text" value="user:42" />
                    <button type="submit">{"Look up key"}</button>
                </form>
                <form class="action" onsubmit={act(batch.clone(), |t| Some(Action::AddBatch(t.trim().parse().unwrap_or(0))), false)}>
                    <label for="batch">{"Random keys"}</label>
                    <input id="batch" ref={batch} type="text" inputmode="numeric" value="1000" />
                    <button type="submit">{"Add keys"}</button>
                </form>
                <form class="action" onsubmit={act(vnodes.clone(), |t| Some(Action::SetVnodes(t.trim().parse().unwrap_or(0))), false)}>
                    <label for="set-vnodes">{"Vnodes"}</label>
                    <input id="set-vnodes" ref={vnodes} type="text" inputmode="numeric" value="150" />
                    <button type="submit">{"Set vnodes"}</button>
                </form>
                <p class="presets">{"Compare: "}
                    <button type="button" onclick={preset(1)}>{"1 vnode per server"}</button>
                    <button type="button" onclick={preset(150)}>{"150 vnodes per server"}</button>
                </p>
            </fieldset>
        </div>
    }
}

/// Keys whose ring owner changed between two assignments (for tests and captions).
pub fn moved_keys(before: &Assignment, after: &Assignment) -> usize {
    before
        .ring
        .iter()
        .zip(&after.ring)
        .filter(|(a, b)| a != b)
        .count()
}
