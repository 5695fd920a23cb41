//! The lanes on a canvas: one row per algorithm, a tick per request coloured by its outcome,
//! a row marking where the lanes disagree, window boundaries, and the cursor. The ticks are
//! drawn once per trace into two offscreen canvases (decided colours, and faint); a step then
//! copies the decided part left of the cursor and the faint part right of it.

use super::colour;
use crate::algo::Outcome;
use crate::layout::{TimeScale, window_marks};
use crate::{Action, CompareWorld, RateLimiterLab, State};
use sdp_kit::lab::Trace;
use sdp_kit_web::ById;
use sdp_kit_web::canvas::{canvas_and_context, dash, event_px, offscreen};
use sdp_kit_web::palette;
use sdp_kit_web::use_lab;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

/// Canvas width, CSS px.
pub(super) const WIDTH: f64 = 960.0;
/// Left column (lane names), px.
const LABELS: f64 = 230.0;
/// Height of one lane, px.
const ROW: f64 = 24.0;
/// Above the first lane (the time axis), px.
const TOP: f64 = 18.0;

fn height(lanes: usize) -> f64 {
    TOP + ROW * (lanes as f64 + 1.0) + 6.0
}

/// The time scale of the lanes.
pub(super) fn scale(w: &CompareWorld) -> TimeScale {
    TimeScale::covering(&w.arrivals, LABELS, WIDTH - LABELS - 8.0)
}

fn outcome_colour(o: Outcome) -> &'static str {
    match o {
        Outcome::Allowed => colour::ALLOWED,
        Outcome::Queued { .. } => colour::QUEUED,
        Outcome::Rejected => colour::REJECTED,
        Outcome::Error => colour::ERROR,
    }
}

/// Draws every tick of every lane into `ctx`, in the decided colours or all in `faint`.
fn draw_ticks(ctx: &CanvasRenderingContext2d, w: &CompareWorld, faint: Option<&str>) {
    let s = scale(w);
    for (row, run) in w.lanes.iter().enumerate() {
        let y = TOP + ROW * row as f64;
        for o in [
            Outcome::Allowed,
            Outcome::Queued { wait_ms: 0 },
            Outcome::Rejected,
            Outcome::Error,
        ] {
            ctx.set_stroke_style_str(faint.unwrap_or(outcome_colour(o)));
            ctx.set_line_width(1.5);
            ctx.begin_path();
            let mut any = false;
            for (d, &t) in run.decisions.iter().zip(&w.arrivals) {
                if std::mem::discriminant(&d.outcome) == std::mem::discriminant(&o) {
                    let x = s.x(t).round() + 0.5;
                    ctx.move_to(x, y + 4.0);
                    ctx.line_to(x, y + ROW - 4.0);
                    any = true;
                }
            }
            if any {
                ctx.stroke();
            }
        }
    }
    let y = TOP + ROW * w.lanes.len() as f64;
    ctx.set_stroke_style_str(faint.unwrap_or(colour::DIFFERS));
    ctx.begin_path();
    for (i, &t) in w.arrivals.iter().enumerate() {
        if w.differs[i] {
            let x = s.x(t).round() + 0.5;
            ctx.move_to(x, y + 6.0);
            ctx.line_to(x, y + ROW - 6.0);
        }
    }
    ctx.stroke();
}

/// The two prerendered layers of a world.
struct Layers {
    id: usize,
    decided: HtmlCanvasElement,
    faint: HtmlCanvasElement,
}

fn layers(id: usize, w: &CompareWorld, dpr: f64, dark: bool) -> Option<Layers> {
    let h = height(w.lanes.len());
    let (pw, ph) = ((WIDTH * dpr) as u32, (h * dpr) as u32);
    let (decided, dctx) = offscreen(pw, ph)?;
    let (faint, fctx) = offscreen(pw, ph)?;
    for ctx in [&dctx, &fctx] {
        let _ = ctx.scale(dpr, dpr);
    }
    draw_ticks(&dctx, w, None);
    draw_ticks(&fctx, w, Some(palette::ink(dark).muted));
    Some(Layers { id, decided, faint })
}

/// The world of a `compare` trace (every step shares it).
pub(super) fn world_of(trace: &Trace<State>) -> Option<&CompareWorld> {
    match &trace.steps.first()?.state {
        State::Compare(c) => Some(&c.world),
        _ => None,
    }
}

/// Properties of [`LanesCanvas`]: the trace (by identity) and the request decided.
#[derive(Properties, PartialEq)]
pub(super) struct LanesProps {
    pub(super) trace: ById<Trace<State>>,
    /// The request decided at this step (`None` before the first).
    pub(super) at: Option<usize>,
}

#[component]
pub(super) fn LanesCanvas(props: &LanesProps) -> Html {
    let lab = use_lab::<RateLimiterLab>();
    let node = use_node_ref();
    let cache: Rc<RefCell<Option<Layers>>> = use_mut_ref(|| None);
    let Some(w) = world_of(&props.trace) else {
        return html! {};
    };
    let h = height(w.lanes.len());
    {
        let (node, cache) = (node.clone(), cache.clone());
        use_effect_with((props.trace.clone(), props.at), move |(trace, at)| {
            let (Some((canvas, ctx)), Some(world)) = (canvas_and_context(&node), world_of(trace))
            else {
                return;
            };
            let dpr = sdp_kit_web::dom::device_pixel_ratio();
            let dark = sdp_kit_web::dom::prefers_dark();
            let stale = cache.borrow().as_ref().is_none_or(|l| l.id != trace.id());
            if stale {
                *cache.borrow_mut() = layers(trace.id(), world, dpr, dark);
            }
            let h = height(world.lanes.len());
            canvas.set_width((WIDTH * dpr) as u32);
            canvas.set_height((h * dpr) as u32);
            let _ = ctx.scale(dpr, dpr);
            if let Some(l) = cache.borrow().as_ref() {
                draw(&ctx, world, *at, l, dpr, dark);
            }
        });
    }
    let onclick = lab.editable().then(|| {
        let (node, trace, lab) = (node.clone(), props.trace.clone(), lab.clone());
        Callback::from(move |e: MouseEvent| {
            let (Some(canvas), Some(world)) = (node.cast::<HtmlCanvasElement>(), world_of(&trace))
            else {
                return;
            };
            let ((px, _), _) = event_px(&canvas, e.client_x(), e.client_y());
            let x = px / sdp_kit_web::dom::device_pixel_ratio();
            let s = scale(world);
            if x < s.left {
                return;
            }
            let t = s.start_ms as f64 + (x - s.left) / s.width * (s.end_ms - s.start_ms) as f64;
            let at_ms = (t.max(0.0) / 10.0).round() as u64 * 10;
            lab.act(Action::Requests { at_ms, count: 1 });
        })
    });
    let label = format!(
        "{} lanes over {} requests; admitted so far: {}",
        w.lanes.len(),
        w.arrivals.len(),
        w.lanes
            .iter()
            .map(|r| format!(
                "{} {}",
                r.lane.title(),
                r.admitted[props.at.map_or(0, |i| i + 1)]
            ))
            .collect::<Vec<_>>()
            .join(", ")
    );
    html! {
        <figure class="rl-lanes">
            <canvas ref={node} class={classes!("rl-lanes-canvas", lab.editable().then_some("pick"))}
                style={format!("width:100%;max-width:{WIDTH}px;aspect-ratio:{WIDTH}/{h}")}
                role="img" aria-label={label} {onclick} />
            <figcaption>
                <span class="rl-key" style={format!("--c:{}", colour::ALLOWED)}>{"allowed"}</span>
                <span class="rl-key" style={format!("--c:{}", colour::QUEUED)}>{"queued"}</span>
                <span class="rl-key" style={format!("--c:{}", colour::REJECTED)}>{"rejected (429)"}</span>
                <span class="rl-key" style={format!("--c:{}", colour::ERROR)}>{"error (500)"}</span>
                <span class="rl-key" style={format!("--c:{}", colour::DIFFERS)}>{"lanes disagree"}</span>
                if lab.editable() { {" Click the lanes to add a request at that time."} }
            </figcaption>
        </figure>
    }
}

fn draw(
    ctx: &CanvasRenderingContext2d,
    w: &CompareWorld,
    at: Option<usize>,
    l: &Layers,
    dpr: f64,
    dark: bool,
) {
    let ink = palette::ink(dark);
    let h = height(w.lanes.len());
    ctx.clear_rect(0.0, 0.0, WIDTH, h);
    let s = scale(w);
    let cut = at.map_or(s.left, |i| s.x(w.arrivals[i]).round() + 1.0);
    let _ = ctx.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
        &l.faint,
        cut * dpr,
        0.0,
        (WIDTH - cut) * dpr,
        h * dpr,
        cut,
        0.0,
        WIDTH - cut,
        h,
    );
    let _ = ctx.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
        &l.decided,
        0.0,
        0.0,
        cut * dpr,
        h * dpr,
        0.0,
        0.0,
        cut,
        h,
    );
    ctx.set_font("12px system-ui, sans-serif");
    ctx.set_text_align("left");
    ctx.set_fill_style_str(ink.fg);
    let done = at.map_or(0, |i| i + 1);
    for (row, run) in w.lanes.iter().enumerate() {
        let y = TOP + ROW * row as f64 + ROW / 2.0 + 4.0;
        let text = format!("{} {}/{}", run.lane.title(), run.admitted[done], done);
        if row == w.narrated {
            ctx.set_font("bold 12px system-ui, sans-serif");
        }
        let _ = ctx.fill_text(&text, 4.0, y);
        ctx.set_font("12px system-ui, sans-serif");
    }
    let _ = ctx.fill_text(
        "lanes disagree",
        4.0,
        TOP + ROW * w.lanes.len() as f64 + ROW / 2.0 + 4.0,
    );
    ctx.set_stroke_style_str(ink.muted);
    ctx.set_line_width(1.0);
    dash(ctx, &[3.0, 3.0]);
    ctx.begin_path();
    for t in window_marks(&s, w.config.window_ms, 60) {
        let x = s.x(t).round() + 0.5;
        ctx.move_to(x, TOP - 4.0);
        ctx.line_to(x, h - 4.0);
        let _ = ctx.fill_text(&format!("{} s", t / 1000), x + 2.0, 11.0);
    }
    ctx.stroke();
    dash(ctx, &[]);
    if let Some(i) = at {
        let x = s.x(w.arrivals[i]).round() + 0.5;
        ctx.set_stroke_style_str(ink.accent);
        ctx.set_line_width(2.0);
        ctx.begin_path();
        ctx.move_to(x, TOP - 6.0);
        ctx.line_to(x, h - 2.0);
        ctx.stroke();
    }
}
