//! `curves` mode: the Z curve and the Hilbert curve over the same 2^k × 2^k grid, side by side,
//! with a cursor walking both. Small grids show the path, the cell numbers and every Z jump;
//! large grids colour each walked cell by its position on the curve (a raster, so 65 536 cells
//! draw in one call) and keep the long jumps. The query box and the ranges that cover it come
//! last; outside embed mode a drag on either grid sets a new box.

use super::StepProps;
use crate::layout::curves::{
    Curve, GRID_PX, SMALL_SIDE, box_px, cell_at, cell_centre, cell_corner, cell_px, cursor_bits,
    describe, drag_box, min_jump, ramp, range_of, shown_jumps, walked_jumps,
};
use crate::{CurveGrid, CurvePhase, CurveState, CurvesParams, Params, State, ZOrderLab};
use sdp_kit::lab::Trace;
use sdp_kit_web::canvas::{self, Raster, dash, mix, rgb};
use sdp_kit_web::palette::{self, Ink};
use sdp_kit_web::{ById, Change, use_lab};
use std::f64::consts::PI;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

/// The colour of the Z curve's jumps (a warning colour, the same in light and dark mode).
const JUMP: &str = "#D55E00";

/// Draws one curve for a step.
pub(crate) fn draw_curve(ctx: &CanvasRenderingContext2d, s: &CurveState, curve: Curve, ink: &Ink) {
    let g = &s.grid;
    let side = g.side;
    let cs = cell_px(side);
    let path = curve.path(g);
    let cells = path.len();
    let cursor = (s.cursor as usize).min(cells.saturating_sub(1));
    let small = side <= SMALL_SIDE;
    let walked = s.phase != CurvePhase::Start || cursor > 0;
    let bg = rgb(ink.bg);
    let mut r = Raster::new(GRID_PX as u32, GRID_PX as u32, bg);
    let range_of = range_of(s, curve);
    let denom = cells.saturating_sub(1).max(1) as f64;
    for (d, &(x, y)) in path.iter().enumerate().take(cursor + 1) {
        if !walked && d > 0 {
            break;
        }
        let base = ramp(d as f64 / denom);
        let c = match range_of.get(d) {
            Some(Some(i)) => rgb(palette::series(*i)),
            Some(None) => mix(base, bg, 0.85),
            None if small => mix(base, bg, 0.72),
            None => base,
        };
        let (px, py) = cell_corner(side, u32::from(x), u32::from(y));
        let (px, py) = (px as i32, py as i32);
        r.rect(px, py, px + cs as i32, py + cs as i32, c);
    }
    r.put(ctx);
    if small {
        ctx.set_stroke_style_str(ink.muted);
        ctx.set_line_width(1.0);
        ctx.begin_path();
        for i in 0..=side {
            let p = f64::from(i) * cs;
            ctx.move_to(p, 0.0);
            ctx.line_to(p, GRID_PX);
            ctx.move_to(0.0, p);
            ctx.line_to(GRID_PX, p);
        }
        ctx.stroke();
    }
    let centre = |d: usize| -> (f64, f64) {
        let (x, y) = path.get(d).copied().unwrap_or((0, 0));
        cell_centre(side, u32::from(x), u32::from(y))
    };
    ctx.set_line_cap("round");
    ctx.set_line_join("round");
    // The walked path (small grids): neighbour steps solid, jumps dashed in the warning colour.
    if small && walked {
        ctx.set_stroke_style_str(ink.fg);
        ctx.set_line_width((cs * 0.1).clamp(1.2, 4.0));
        ctx.begin_path();
        for d in 0..cursor {
            if d + 1 < cells && crate::curves::manhattan(path[d], path[d + 1]) > 1 {
                continue;
            }
            let (a, b) = (centre(d), centre(d + 1));
            ctx.move_to(a.0, a.1);
            ctx.line_to(b.0, b.1);
        }
        ctx.stroke();
    }
    // Jumps walked so far (long ones only on large grids).
    debug_assert!(min_jump(side) >= 2);
    ctx.set_stroke_style_str(JUMP);
    ctx.set_line_width(if small {
        (cs * 0.07).clamp(1.5, 3.0)
    } else {
        1.5
    });
    dash(ctx, &[6.0, 4.0]);
    ctx.begin_path();
    for d in shown_jumps(s, curve) {
        let (a, b) = (centre(d), centre(d + 1));
        ctx.move_to(a.0, a.1);
        ctx.line_to(b.0, b.1);
    }
    ctx.stroke();
    dash(ctx, &[]);
    // This step's stretch, in the accent colour.
    if s.phase == CurvePhase::Walk {
        let from = (s.from as usize).min(cursor);
        ctx.set_stroke_style_str(ink.accent);
        ctx.set_line_width(if small {
            (cs * 0.16).clamp(2.0, 6.0)
        } else {
            2.0
        });
        ctx.begin_path();
        let start = from.saturating_sub(1);
        let (a0, a1) = centre(start);
        ctx.move_to(a0, a1);
        for d in start + 1..=cursor {
            let (x, y) = centre(d);
            ctx.line_to(x, y);
        }
        ctx.stroke();
    }
    // Cell numbers on small grids.
    if side <= 16 {
        let size = (cs * 0.3).clamp(9.0, 26.0);
        ctx.set_font(&format!("{size:.0}px system-ui, sans-serif"));
        ctx.set_text_align("center");
        ctx.set_text_baseline("middle");
        for (d, _) in path.iter().enumerate() {
            let (x, y) = centre(d);
            let done = walked && d <= cursor;
            ctx.set_fill_style_str(if done { ink.fg } else { ink.muted });
            let _ = ctx.fill_text(&d.to_string(), x, y - cs * 0.22);
        }
    }
    // The query box.
    if let Some(b) = g.query {
        let (x0, y0, w, h) = box_px(side, &b);
        ctx.set_stroke_style_str(ink.fg);
        let ranges_phase = s.phase == CurvePhase::Ranges;
        ctx.set_line_width(if ranges_phase { 3.0 } else { 1.5 });
        dash(ctx, if ranges_phase { &[] } else { &[8.0, 5.0] });
        ctx.stroke_rect(x0 + 1.0, y0 + 1.0, w - 2.0, h - 2.0);
        dash(ctx, &[]);
    }
    // The cursor.
    if s.phase != CurvePhase::Ranges {
        let (x, y) = centre(cursor);
        ctx.set_stroke_style_str(ink.accent);
        ctx.set_fill_style_str(ink.bg);
        ctx.set_line_width(3.0);
        ctx.begin_path();
        let radius = (cs * 0.28).clamp(5.0, 18.0);
        let _ = ctx.arc(x, y, radius, 0.0, 2.0 * PI);
        ctx.stroke();
    }
}

/// The `curves` view.
#[component]
pub(super) fn CurvesView(props: &StepProps) -> Html {
    let lab = use_lab::<ZOrderLab>();
    let Some(State::Curves(s)) = props.trace.get(props.cursor).map(|st| &st.state) else {
        return html! {};
    };
    let g = &s.grid;
    html! {
        <div class="zorder-curves">
            <div class="zorder-pair">
                { for [Curve::Z, Curve::Hilbert].into_iter().map(|curve| {
                    let (jumps, longest) = walked_jumps(curve.path(g), curve.jumps(g), s.cursor);
                    html! {
                        <figure class="zorder-curve">
                            <figcaption>
                                <strong>{ curve.name() }</strong>
                                { format!(" · {jumps} jumps so far{}", if jumps > 0 { format!(" (longest {longest} cells)") } else { String::new() }) }
                            </figcaption>
                            <GridCanvas trace={props.trace.clone()} cursor={props.cursor} {curve} />
                        </figure>
                    }
                }) }
            </div>
            <p class="hint">{ format!("Cell (x, y): x to the right, y upwards; the cursor is ringed, this step's stretch is in the accent colour, dashed lines are jumps to a non-neighbouring cell{}.",
                if g.side > SMALL_SIDE { format!(" (only those of at least {} cells on this grid)", min_jump(g.side)) } else { String::new() }) }
                { if g.side > SMALL_SIDE { " Walked cells are coloured from dark (d = 0) to light (last cell)." } else { "" } }
                { if lab.editable() { " Drag across either grid to set the query box." } else { "" } }
            </p>
            { cursor_panel(s) }
            if s.phase == CurvePhase::Ranges { { ranges_panel(g) } }
        </div>
    }
}

fn cursor_panel(s: &CurveState) -> Html {
    let g = &s.grid;
    let d = s.cursor;
    let z = g.z.get(d as usize).copied().unwrap_or((0, 0));
    let h = g.hilbert.get(d as usize).copied().unwrap_or((0, 0));
    let (binary, even, odd) = cursor_bits(d, g.order);
    let stretch = if s.phase == CurvePhase::Walk && s.from < s.cursor {
        format!("This step walks d = {} … {}. ", s.from, s.cursor)
    } else {
        String::new()
    };
    html! {
        <dl class="zorder-cursor">
            <div><dt>{"cursor d"}</dt><dd>{ format!("{d} = {binary}₂") }</dd></div>
            <div><dt>{"Z-order cell"}</dt><dd>{ format!("({}, {}): x = even bits {even}₂, y = odd bits {odd}₂", z.0, z.1) }</dd></div>
            <div><dt>{"Hilbert cell"}</dt><dd>{ format!("({}, {}) (rotate/flip per quadrant)", h.0, h.1) }</dd></div>
            if !stretch.is_empty() { <div><dt>{"this step"}</dt><dd>{ stretch }</dd></div> }
        </dl>
    }
}

fn ranges_panel(g: &CurveGrid) -> Html {
    let Some(b) = g.query else {
        return html! {};
    };
    let area = (b.x1 - b.x0 + 1) * (b.y1 - b.y0 + 1);
    let list = |ranges: &[(u32, u32)]| -> Html {
        html! {
            <ul class="zorder-ranges">
                { for ranges.iter().take(40).enumerate().map(|(i, &(a, z))| html! {
                    <li><span class="swatch" style={format!("background:{}", palette::series(i))}></span>
                        { if a == z { format!("{a}") } else { format!("{a}–{z}") } }</li>
                }) }
                if ranges.len() > 40 { <li>{ format!("… {} more", ranges.len() - 40) }</li> }
            </ul>
        }
    };
    html! {
        <section class="zorder-ranges-panel" aria-label="Ranges covering the box">
            <h3>{ format!("Box x {}…{} × y {}…{} ({area} cells)", b.x0, b.x1, b.y0, b.y1) }</h3>
            <p>{ format!("Each range is one scan of consecutive curve positions (BETWEEN lo AND hi). Z-order needs {}, Hilbert needs {}.", g.z_ranges.len(), g.hilbert_ranges.len()) }</p>
            <div class="zorder-ranges-pair">
                <div><h4>{ format!("Z-order: {} ranges", g.z_ranges.len()) }</h4>{ list(&g.z_ranges) }</div>
                <div><h4>{ format!("Hilbert: {} ranges", g.hilbert_ranges.len()) }</h4>{ list(&g.hilbert_ranges) }</div>
            </div>
        </section>
    }
}

/// Properties of [`GridCanvas`].
#[derive(Properties, PartialEq)]
struct GridProps {
    trace: ById<Trace<State>>,
    cursor: usize,
    curve: Curve,
}

/// One grid on a canvas; outside embed mode a drag across it sets the query box.
#[component]
fn GridCanvas(props: &GridProps) -> Html {
    let lab = use_lab::<ZOrderLab>();
    let canvas = use_node_ref();
    let drag = use_state(|| None::<((u32, u32), (u32, u32))>);
    {
        let (canvas, trace, cursor, curve) = (
            canvas.clone(),
            props.trace.clone(),
            props.cursor,
            props.curve,
        );
        use_effect_with((props.trace.id(), props.cursor, props.curve), move |_| {
            if let (Some(el), Some(State::Curves(s))) = (
                canvas.cast::<HtmlCanvasElement>(),
                trace.get(cursor).map(|st| &st.state),
            ) {
                if let Some(ctx) = canvas::context_2d(&el) {
                    draw_curve(
                        &ctx,
                        s,
                        curve,
                        &palette::ink(sdp_kit_web::dom::prefers_dark()),
                    );
                }
            }
        });
    }
    let Some(State::Curves(s)) = props.trace.get(props.cursor).map(|st| &st.state) else {
        return html! {};
    };
    let side = s.grid.side;
    let order = s.grid.order;
    let label = describe(s, props.curve);
    if !lab.editable() {
        return html! {
            <div class="zorder-stage">
                <canvas ref={canvas} class="zorder-grid" width={GRID_PX.to_string()} height={GRID_PX.to_string()}
                    role="img" aria-label={label} />
            </div>
        };
    }
    let cell_of = {
        let canvas = canvas.clone();
        move |e: &PointerEvent| -> Option<(u32, u32)> {
            let el = canvas.cast::<HtmlCanvasElement>()?;
            let ((x, y), _) = canvas::event_px(&el, e.client_x(), e.client_y());
            Some(cell_at(side, x, y))
        }
    };
    let onpointerdown = {
        let (drag, canvas, cell_of) = (drag.clone(), canvas.clone(), cell_of.clone());
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            if let Some(c) = cell_of(&e) {
                drag.set(Some((c, c)));
            }
        })
    };
    let onpointermove = {
        let (drag, cell_of) = (drag.clone(), cell_of.clone());
        Callback::from(move |e: PointerEvent| {
            if let (Some((a, _)), Some(c)) = (*drag, cell_of(&e)) {
                drag.set(Some((a, c)));
            }
        })
    };
    let onpointerup = {
        let (drag, cell_of, lab) = (drag.clone(), cell_of.clone(), lab.clone());
        Callback::from(move |e: PointerEvent| {
            let Some((a, mut b)) = *drag else { return };
            if let Some(c) = cell_of(&e) {
                b = c;
            }
            drag.set(None);
            let params = Params::with_curves(CurvesParams {
                order,
                query: Some(drag_box(a, b)),
            });
            lab.send(Change::Params(params, lab.scenario.seed));
        })
    };
    let onpointercancel = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| drag.set(None))
    };
    let preview = (*drag).map(|(a, b)| {
        let (x, y, w, h) = box_px(side, &drag_box(a, b));
        html! {
            <rect class="zorder-preview" x={format!("{x:.1}")} y={format!("{y:.1}")}
                width={format!("{w:.1}")} height={format!("{h:.1}")} />
        }
    });
    html! {
        <div class="zorder-stage live">
            <canvas ref={canvas} class="zorder-grid" width={GRID_PX.to_string()} height={GRID_PX.to_string()}
                role="img" aria-label={label}
                {onpointerdown} {onpointermove} {onpointerup} {onpointercancel} />
            <svg class="zorder-overlay" viewBox={format!("0 0 {GRID_PX} {GRID_PX}")} aria-hidden="true">{ for preview }</svg>
        </div>
    }
}
