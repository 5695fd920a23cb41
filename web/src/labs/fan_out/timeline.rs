//! The comparison over the whole trace (canvas), with the cursor on it. The series are
//! extracted once per trace (memoised on the trace's identity); a step only redraws.

use super::{State, TraceRef, g, strategy_colour, strategy_dash};
use crate::palette::{self, Ink};
use sdp_core::lab::Trace;
use sdp_fanout::sim::Strategy;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

const CW: f64 = 640.0;
const PANEL_H: f64 = 64.0;
const TOP: f64 = 6.0;

/// One line.
pub(super) struct Series {
    name: &'static str,
    colour: &'static str,
    dash: &'static [f64],
    values: Vec<f64>,
}

/// One small chart.
pub(super) struct Panel {
    title: &'static str,
    series: Vec<Series>,
    /// Top of the scale (at least 1).
    max: f64,
}

impl Panel {
    fn new(title: &'static str, series: Vec<Series>) -> Self {
        let max = series
            .iter()
            .flat_map(|s| s.values.iter().copied())
            .fold(1.0, f64::max);
        Panel { title, series, max }
    }
}

fn feed_series(
    trace: &Trace<State>,
    title: &'static str,
    strategies: &[Strategy],
    pick: fn(&sdp_fanout::sim::StrategyStats) -> u64,
) -> Panel {
    Panel::new(
        title,
        strategies
            .iter()
            .map(|&s| Series {
                name: s.as_str(),
                colour: strategy_colour(s),
                dash: strategy_dash(s),
                values: trace
                    .steps
                    .iter()
                    .map(|st| match &st.state {
                        State::Feed(f) => pick(&f.stats[s.index()]) as f64,
                        State::Chat(_) => 0.0,
                    })
                    .collect(),
            })
            .collect(),
    )
}

fn chat_series(
    trace: &Trace<State>,
    name: &'static str,
    colour: usize,
    dash: &'static [f64],
    pick: fn(&sdp_fanout::chat::ChatStorage) -> u64,
) -> Series {
    Series {
        name,
        colour: palette::series(colour),
        dash,
        values: trace
            .steps
            .iter()
            .map(|st| match &st.state {
                State::Chat(c) => pick(&c.storage) as f64,
                State::Feed(_) => 0.0,
            })
            .collect(),
    }
}

/// The panels of a trace.
pub(super) fn panels(trace: &Trace<State>) -> Vec<Panel> {
    let chat = matches!(trace.get(0).map(|s| &s.state), Some(State::Chat(_)));
    if chat {
        return vec![
            Panel::new(
                "Bytes stored",
                vec![
                    chat_series(trace, "N copies", 5, &[], |s| s.copies_bytes),
                    chat_series(trace, "1 message + N references", 4, &[7.0, 4.0], |s| {
                        s.refs_bytes
                    }),
                ],
            ),
            Panel::new(
                "Deliveries",
                vec![
                    chat_series(trace, "delivered now (online)", 2, &[], |s| s.delivered_now),
                    chat_series(trace, "on reconnect", 6, &[7.0, 4.0], |s| {
                        s.delivered_on_reconnect
                    }),
                    chat_series(trace, "pending (offline)", 7, &[2.0, 3.0], |s| s.pending),
                ],
            ),
        ];
    }
    vec![
        feed_series(trace, "Feed writes (cumulative)", &Strategy::ALL, |s| {
            s.feed_writes
        }),
        feed_series(
            trace,
            "Sources merged by reads (cumulative)",
            &Strategy::ALL,
            |s| s.sources_merged,
        ),
        feed_series(
            trace,
            "Queue backlog (writes waiting)",
            &[Strategy::Push, Strategy::Hybrid],
            |s| s.backlog_writes,
        ),
    ]
}

#[derive(Properties, PartialEq)]
pub(super) struct TimelineProps {
    pub trace: TraceRef,
    pub cursor: usize,
}

/// The trace-long chart with the cursor.
#[component]
pub(super) fn Timeline(props: &TimelineProps) -> Html {
    let panels: Rc<Vec<Panel>> = use_memo(props.trace.clone(), |t| panels(&t.0));
    let canvas = use_node_ref();
    let height = panels.len() as f64 * (PANEL_H + 16.0) + TOP;
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
                    .and_then(context)
                else {
                    return;
                };
                let dark = crate::dom::prefers_dark();
                let ink = palette::ink(dark);
                let len = trace.0.len();
                let mut cached = layer.borrow_mut();
                if !matches!(&*cached, Some((t, d, _)) if t == trace && *d == dark) {
                    *cached = offscreen(height).map(|el| {
                        if let Some(c) = context(&el) {
                            draw_lines(&c, &panels, len, &ink);
                        }
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
            names.push((s.name, s.colour, s.dash));
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
                            stroke-dasharray={d.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(" ")} /></svg>
                        { *n }
                    </span>
                }) }
            </figcaption>
        </figure>
    }
}

fn context(el: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    el.get_context("2d").ok().flatten()?.dyn_into().ok()
}

fn dash(values: &[f64]) -> JsValue {
    values
        .iter()
        .map(|&v| JsValue::from_f64(v))
        .collect::<js_sys::Array>()
        .into()
}

/// Short number for axis labels: 950, 12K, 3.4M.
fn compact(v: f64) -> String {
    if v >= 1e6 {
        format!("{:.1}M", v / 1e6)
    } else if v >= 1e4 {
        format!("{:.0}K", v / 1e3)
    } else {
        format!("{}", v.round() as u64)
    }
}

fn offscreen(height: f64) -> Option<HtmlCanvasElement> {
    let el: HtmlCanvasElement = gloo::utils::document()
        .create_element("canvas")
        .ok()?
        .dyn_into()
        .ok()?;
    el.set_width(CW as u32);
    el.set_height(height as u32);
    Some(el)
}

/// Top and bottom of panel `i`'s plot area.
fn plot_box(i: usize) -> (f64, f64) {
    let top = TOP + i as f64 * (PANEL_H + 16.0) + 14.0;
    (top, top + PANEL_H - 14.0)
}

fn x_of(i: usize, len: usize) -> f64 {
    let (left, right) = (4.0, CW - 4.0);
    left + i as f64 / (len.max(2) - 1) as f64 * (right - left)
}

fn y_of(v: f64, max: f64, (top, bottom): (f64, f64)) -> f64 {
    bottom - v / max * (bottom - top - 4.0)
}

/// The titles, axes and every series (the part that does not change with the cursor).
fn draw_lines(ctx: &CanvasRenderingContext2d, panels: &[Panel], len: usize, ink: &Ink) {
    let height = panels.len() as f64 * (PANEL_H + 16.0) + TOP;
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
            ctx.set_stroke_style_str(s.colour);
            ctx.set_line_width(2.0);
            let _ = ctx.set_line_dash(&dash(s.dash));
            ctx.begin_path();
            // At most one point per horizontal pixel.
            let stride = s.values.len().div_ceil(CW as usize).max(1);
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
                ctx.set_fill_style_str(s.colour);
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
