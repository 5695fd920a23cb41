//! The comparison over the whole trace (canvas), with the cursor on it. The series are
//! extracted once per trace (memoised on the trace's identity); a step only redraws.

use super::{TraceRef, g};
use crate::layout::timeline::{
    CW, Panel, compact, height as chart_height, panels, plot_box, stride, x_of, y_of,
};
use sdp_kit_web::canvas::{context_2d, offscreen};
use sdp_kit_web::dom::prefers_dark;
use sdp_kit_web::palette::{self, Ink};
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct TimelineProps {
    pub trace: TraceRef,
    pub cursor: usize,
}

/// The trace-long chart with the cursor.
#[component]
pub(super) fn Timeline(props: &TimelineProps) -> Html {
    let panels: Rc<Vec<Panel>> = use_memo(props.trace.clone(), |t| panels(t));
    let canvas = use_node_ref();
    let height = chart_height(panels.len());
    // The lines are drawn once per trace (and colour scheme) into an off-screen layer; a step
    // only copies it and draws the cursor.
    let layer = use_mut_ref(|| None::<(TraceRef, bool, HtmlCanvasElement)>);
    {
        let (canvas, panels) = (canvas.clone(), panels.clone());
        use_effect_with(
            (props.trace.clone(), props.cursor),
            move |(trace, cursor)| {
                let Some(ctx) = canvas
                    .cast::<HtmlCanvasElement>()
                    .as_ref()
                    .and_then(context_2d)
                else {
                    return;
                };
                let dark = prefers_dark();
                let ink = palette::ink(dark);
                let len = trace.0.len();
                let mut cached = layer.borrow_mut();
                if !matches!(&*cached, Some((t, d, _)) if t == trace && *d == dark) {
                    *cached = offscreen(CW as u32, height as u32).map(|(el, c)| {
                        draw_lines(&c, &panels, len, &ink);
                        (trace.clone(), dark, el)
                    });
                }
                ctx.clear_rect(0.0, 0.0, CW, height);
                match &*cached {
                    Some((_, _, el)) => {
                        let _ = ctx.draw_image_with_html_canvas_element(el, 0.0, 0.0);
                    }
                    None => draw_lines(&ctx, &panels, len, &ink),
                }
                draw_cursor(&ctx, &panels, *cursor, len, &ink);
            },
        );
    }
    let k = props.cursor;
    let label = panels
        .iter()
        .map(|p| {
            format!(
                "{} at step {}: {}",
                p.title,
                k + 1,
                p.series
                    .iter()
                    .map(|s| format!(
                        "{} {}",
                        s.name,
                        g(s.values.get(k).copied().unwrap_or(0.0) as u64)
                    ))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join(". ");
    let mut names: Vec<(&'static str, &'static str, &'static [f64])> = Vec::new();
    for s in panels.iter().flat_map(|p| p.series.iter()) {
        if !names.iter().any(|(n, _, _)| *n == s.name) {
            names.push((s.name, palette::series(s.colour), s.dash));
        }
    }
    html! {
        <figure class="fanout-timeline">
            <canvas ref={canvas} width={CW.to_string()} height={height.to_string()} role="img" aria-label={label} />
            <figcaption>
                <span>{"Over the whole trace (x: step; the vertical line is this step): "}</span>
                { for names.iter().map(|(n, c, d)| html! {
                    <span class="fanout-key" key={*n}>
                        <svg width="28" height="10" aria-hidden="true"><line x1="1" y1="5" x2="27" y2="5" stroke={*c} stroke-width="2.5"
                            stroke-dasharray={d.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ")} /></svg>
                        { *n }
                    </span>
                }) }
            </figcaption>
        </figure>
    }
}

fn dash(values: &[f64]) -> JsValue {
    values
        .iter()
        .map(|&v| JsValue::from_f64(v))
        .collect::<js_sys::Array>()
        .into()
}

/// The titles, axes and every series (the part that does not change with the cursor).
fn draw_lines(ctx: &CanvasRenderingContext2d, panels: &[Panel], len: usize, ink: &Ink) {
    let height = chart_height(panels.len());
    ctx.clear_rect(0.0, 0.0, CW, height);
    ctx.set_font("13px system-ui, sans-serif");
    for (pi, p) in panels.iter().enumerate() {
        let (top, bottom) = plot_box(pi);
        let max = p.max;
        ctx.set_fill_style_str(ink.fg);
        ctx.set_text_align("left");
        let _ = ctx.fill_text(
            &format!("{} (top of scale {})", p.title, compact(max)),
            4.0,
            top - 3.0,
        );
        ctx.set_stroke_style_str(ink.muted);
        ctx.set_line_width(1.0);
        let _ = ctx.set_line_dash(&dash(&[]));
        ctx.begin_path();
        ctx.move_to(4.0, bottom + 0.5);
        ctx.line_to(CW - 4.0, bottom + 0.5);
        ctx.stroke();
        for s in &p.series {
            ctx.set_stroke_style_str(palette::series(s.colour));
            ctx.set_line_width(2.0);
            let _ = ctx.set_line_dash(&dash(s.dash));
            ctx.begin_path();
            // At most one point per horizontal pixel.
            let stride = stride(s.values.len());
            for (i, v) in s.values.iter().enumerate().step_by(stride) {
                let (x, y) = (x_of(i, len), y_of(*v, max, (top, bottom)));
                if i == 0 {
                    ctx.move_to(x, y);
                } else {
                    ctx.line_to(x, y);
                }
            }
            if let Some(v) = s.values.last() {
                ctx.line_to(x_of(s.values.len() - 1, len), y_of(*v, max, (top, bottom)));
            }
            ctx.stroke();
        }
    }
    let _ = ctx.set_line_dash(&dash(&[]));
}

/// The cursor line and each series' value at the cursor.
fn draw_cursor(
    ctx: &CanvasRenderingContext2d,
    panels: &[Panel],
    cursor: usize,
    len: usize,
    ink: &Ink,
) {
    let x = x_of(cursor, len);
    for (pi, p) in panels.iter().enumerate() {
        let (top, bottom) = plot_box(pi);
        let max = p.max;
        for s in &p.series {
            if let Some(v) = s.values.get(cursor) {
                ctx.set_fill_style_str(palette::series(s.colour));
                ctx.begin_path();
                let _ = ctx.arc(
                    x,
                    y_of(*v, max, (top, bottom)),
                    3.5,
                    0.0,
                    std::f64::consts::TAU,
                );
                ctx.fill();
            }
        }
        ctx.set_stroke_style_str(ink.accent);
        ctx.set_line_width(1.5);
        ctx.begin_path();
        ctx.move_to(x, top);
        ctx.line_to(x, bottom);
        ctx.stroke();
    }
}
