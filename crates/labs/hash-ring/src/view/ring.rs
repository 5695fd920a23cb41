//! The ring on a canvas: vnode ticks, keys coloured by owner, the focused lookup.

use crate::layout::angle;
use crate::ring::ServerId;
use crate::{Focus, State};
use sdp_kit::lab::Trace;
use sdp_kit_web::ById;
use sdp_kit_web::canvas::context_2d;
use sdp_kit_web::palette::{self, Ink};
use std::f64::consts::PI;
use wasm_bindgen::JsValue;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

/// Most keys drawn as dots (the rest are counted, not drawn).
const MAX_DRAWN_KEYS: usize = 3000;
/// Side of the square canvas, CSS pixels.
const CANVAS: f64 = 560.0;

/// Properties of [`RingCanvas`]; compared by trace identity and cursor only.
#[derive(Properties, PartialEq)]
pub(super) struct RingProps {
    pub(super) trace: ById<Trace<State>>,
    pub(super) cursor: usize,
}

#[component]
pub(super) fn RingCanvas(props: &RingProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        use_effect_with(
            (props.trace.clone(), props.cursor),
            move |(trace, cursor)| {
                if let (Some(el), Some(step)) =
                    (canvas.cast::<HtmlCanvasElement>(), trace.get(*cursor))
                {
                    if let Some(ctx) = context_2d(&el) {
                        draw_ring(
                            &ctx,
                            &step.state,
                            &palette::ink(sdp_kit_web::dom::prefers_dark()),
                        );
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

/// A text description of the ring for screen readers.
fn describe(s: &State) -> String {
    format!(
        "Hash ring with {} servers, {} vnodes each and {} keys.",
        s.servers.len(),
        s.vnodes,
        s.key_count
    )
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
