//! `curves` mode: the Z curve and the Hilbert curve over the same 2^k × 2^k grid, side by side,
//! with a cursor walking both. Small grids show the path, the cell numbers and every Z jump;
//! large grids colour each walked cell by its position on the curve (a raster, so 65 536 cells
//! draw in one call) and keep the long jumps. The query box and the ranges that cover it come
//! last; a drag on either grid sets a new box.

use super::{StepProps, emit, interactive, live_view};
use crate::by_id::ById;
use crate::labs::Change;
use crate::labs::quadtree::canvas::{self, Raster, dash, mix, rgb};
use crate::palette::{self, Ink};
use sdp_spatial::zorder::{
    CurveGrid, CurvePhase, CurveState, CurvesParams, GridBox, Params, State,
};
use std::f64::consts::PI;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

/// Side of each grid canvas in pixels (a multiple of every 2^k up to 256).
pub const GRID_PX: f64 = 512.0;

/// Pixels per cell.
pub fn cell_px(side: u32) -> f64 {
    GRID_PX / f64::from(side.max(1))
}

/// Centre of cell `(x, y)` in canvas pixels (y grows upwards on the grid, downwards on canvas).
pub fn cell_centre(side: u32, x: u32, y: u32) -> (f64, f64) {
    let cs = cell_px(side);
    (
        (f64::from(x) + 0.5) * cs,
        (f64::from(side.saturating_sub(1).saturating_sub(y)) + 0.5) * cs,
    )
}

/// The cell under canvas pixel `(px, py)`, clamped to the grid.
pub fn cell_at(side: u32, px: f64, py: f64) -> (u32, u32) {
    let cs = cell_px(side);
    let last = side.saturating_sub(1);
    let x = (px / cs).floor().clamp(0.0, f64::from(last)) as u32;
    let row = (py / cs).floor().clamp(0.0, f64::from(last)) as u32;
    (x, last - row)
}

/// The box spanned by two cells.
pub fn drag_box(a: (u32, u32), b: (u32, u32)) -> GridBox {
    GridBox {
        x0: a.0.min(b.0),
        y0: a.1.min(b.1),
        x1: a.0.max(b.0),
        y1: a.1.max(b.1),
    }
}

/// Sequential colour for position `t` (0–1) along a curve (viridis stops: readable for
/// colour-blind learners, dark to light).
pub fn ramp(t: f64) -> [u8; 3] {
    const STOPS: [[u8; 3]; 5] = [
        [68, 1, 84],
        [59, 82, 139],
        [33, 145, 140],
        [94, 201, 98],
        [253, 231, 37],
    ];
    let t = t.clamp(0.0, 1.0) * (STOPS.len() - 1) as f64;
    let i = (t.floor() as usize).min(STOPS.len() - 2);
    mix(STOPS[i], STOPS[i + 1], t - i as f64)
}

fn manhattan(a: (u16, u16), b: (u16, u16)) -> u32 {
    u32::from(a.0.abs_diff(b.0)) + u32::from(a.1.abs_diff(b.1))
}

/// Which curve a canvas shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Curve {
    /// Z-order (Morton).
    Z,
    /// Hilbert.
    Hilbert,
}

impl Curve {
    fn path(self, g: &CurveGrid) -> &[(u16, u16)] {
        match self {
            Curve::Z => &g.z,
            Curve::Hilbert => &g.hilbert,
        }
    }

    fn jumps(self, g: &CurveGrid) -> &[u32] {
        match self {
            Curve::Z => &g.z_jumps,
            Curve::Hilbert => &g.hilbert_jumps,
        }
    }

    fn ranges(self, g: &CurveGrid) -> &[(u32, u32)] {
        match self {
            Curve::Z => &g.z_ranges,
            Curve::Hilbert => &g.hilbert_ranges,
        }
    }

    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            Curve::Z => "Z-order",
            Curve::Hilbert => "Hilbert",
        }
    }
}

/// Jumps walked so far (`d` with `d + 1 ≤ cursor`) and the longest of them, in cells.
pub fn walked_jumps(path: &[(u16, u16)], jumps: &[u32], cursor: u32) -> (usize, u32) {
    let n = jumps.partition_point(|&d| d < cursor);
    let longest = jumps[..n]
        .iter()
        .filter_map(|&d| {
            let a = *path.get(d as usize)?;
            let b = *path.get(d as usize + 1)?;
            Some(manhattan(a, b))
        })
        .max()
        .unwrap_or(0);
    (n, longest)
}

/// Draws one curve for a step.
pub fn draw_curve(ctx: &CanvasRenderingContext2d, s: &CurveState, curve: Curve, ink: &Ink) {
    let g = &s.grid;
    let side = g.side;
    let cs = cell_px(side);
    let path = curve.path(g);
    let cells = path.len();
    let cursor = (s.cursor as usize).min(cells.saturating_sub(1));
    let small = side <= 32;
    let walked = s.phase != CurvePhase::Start || cursor > 0;
    let bg = rgb(ink.bg);
    let mut r = Raster::new(GRID_PX as u32, GRID_PX as u32, bg);
    let ranges = curve.ranges(g);
    let mut range_of = vec![
        u32::MAX;
        if s.phase == CurvePhase::Ranges {
            cells
        } else {
            0
        }
    ];
    for (i, &(a, b)) in ranges.iter().enumerate() {
        for d in a..=b {
            if let Some(slot) = range_of.get_mut(d as usize) {
                *slot = i as u32;
            }
        }
    }
    let denom = cells.saturating_sub(1).max(1) as f64;
    for (d, &(x, y)) in path.iter().enumerate().take(cursor + 1) {
        if !walked && d > 0 {
            break;
        }
        let base = ramp(d as f64 / denom);
        let c = match range_of.get(d) {
            Some(&i) if i != u32::MAX => rgb(palette::series(i as usize)),
            Some(_) => mix(base, bg, 0.85),
            None if small => mix(base, bg, 0.72),
            None => base,
        };
        let px = (f64::from(x) * cs) as i32;
        let py = (f64::from(side - 1 - u32::from(y)) * cs) as i32;
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
    let is_jump = |d: usize| -> bool { d + 1 < cells && manhattan(path[d], path[d + 1]) > 1 };
    ctx.set_line_cap("round");
    ctx.set_line_join("round");
    // The walked path (small grids): neighbour steps solid, jumps dashed in the warning colour.
    if small && walked {
        ctx.set_stroke_style_str(ink.fg);
        ctx.set_line_width((cs * 0.1).clamp(1.2, 4.0));
        ctx.begin_path();
        for d in 0..cursor {
            if is_jump(d) {
                continue;
            }
            let (a, b) = (centre(d), centre(d + 1));
            ctx.move_to(a.0, a.1);
            ctx.line_to(b.0, b.1);
        }
        ctx.stroke();
    }
    // Jumps walked so far (long ones only on large grids).
    let min_jump = if small { 2 } else { (side / 8).max(2) };
    ctx.set_stroke_style_str(crate::labs::quadtree::plane::colour::MISSED);
    ctx.set_line_width(if small {
        (cs * 0.07).clamp(1.5, 3.0)
    } else {
        1.5
    });
    dash(ctx, &[6.0, 4.0]);
    ctx.begin_path();
    let shown_jumps = if s.phase == CurvePhase::Ranges {
        &[][..]
    } else {
        curve.jumps(g)
    };
    for &d in shown_jumps.iter().take_while(|&&d| (d as usize) < cursor) {
        let d = d as usize;
        if d + 1 >= cells || manhattan(path[d], path[d + 1]) < min_jump {
            continue;
        }
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
        let (x0, y0) = (f64::from(b.x0) * cs, f64::from(side - 1 - b.y1) * cs);
        let (w, h) = (
            f64::from(b.x1 - b.x0 + 1) * cs,
            f64::from(b.y1 - b.y0 + 1) * cs,
        );
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

/// Text alternative for one curve at a step.
pub fn describe(s: &CurveState, curve: Curve) -> String {
    let g = &s.grid;
    let path = curve.path(g);
    let (x, y) = path.get(s.cursor as usize).copied().unwrap_or((0, 0));
    let (jumps, longest) = walked_jumps(path, curve.jumps(g), s.cursor);
    let mut text = format!(
        "{} curve on a {} × {} grid: cursor at d = {} in cell ({x}, {y}); {jumps} jumps so far (longest {longest} cells).",
        curve.name(),
        g.side,
        g.side,
        s.cursor
    );
    if s.phase == CurvePhase::Ranges {
        text.push_str(&format!(" The box takes {} ranges.", curve.ranges(g).len()));
    }
    text
}

/// The `curves` view.
#[component]
pub fn CurvesView(props: &StepProps) -> Html {
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
                if g.side > 32 { format!(" (only those of at least {} cells on this grid)", (g.side / 8).max(2)) } else { String::new() }) }
                { if g.side > 32 { " Walked cells are coloured from dark (d = 0) to light (last cell)." } else { "" } }
                { if live_view() { " Drag across either grid to set the query box." } else { "" } }
            </p>
            { cursor_panel(s) }
            if s.phase == CurvePhase::Ranges { { ranges_panel(g) } }
        </div>
    }
}

fn cursor_panel(s: &CurveState) -> Html {
    let g = &s.grid;
    let d = s.cursor;
    let bits = u32::from(g.order) * 2;
    let z = g.z.get(d as usize).copied().unwrap_or((0, 0));
    let h = g.hilbert.get(d as usize).copied().unwrap_or((0, 0));
    let binary: String = (0..bits)
        .rev()
        .map(|i| if (d >> i) & 1 == 1 { '1' } else { '0' })
        .collect();
    let even: String = (0..u32::from(g.order))
        .rev()
        .map(|i| if (d >> (2 * i)) & 1 == 1 { '1' } else { '0' })
        .collect();
    let odd: String = (0..u32::from(g.order))
        .rev()
        .map(|i| {
            if (d >> (2 * i + 1)) & 1 == 1 {
                '1'
            } else {
                '0'
            }
        })
        .collect();
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
    trace: ById<sdp_core::lab::Trace<State>>,
    cursor: usize,
    curve: Curve,
}

#[component]
fn GridCanvas(props: &GridProps) -> Html {
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
                if let Some(ctx) = canvas::context(&el) {
                    draw_curve(&ctx, s, curve, &palette::ink(crate::dom::prefers_dark()));
                }
            }
        });
    }
    let Some(State::Curves(s)) = props.trace.get(props.cursor).map(|st| &st.state) else {
        return html! {};
    };
    let side = s.grid.side;
    let order = s.grid.order;
    let live = live_view();
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
            if !interactive() || e.button() != 0 {
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
        let (drag, cell_of) = (drag.clone(), cell_of.clone());
        Callback::from(move |e: PointerEvent| {
            let Some((a, mut b)) = *drag else { return };
            if let Some(c) = cell_of(&e) {
                b = c;
            }
            drag.set(None);
            emit(|scenario| {
                Change::Params(
                    Params::Curves(CurvesParams {
                        order,
                        query: Some(drag_box(a, b)),
                    }),
                    scenario.seed,
                )
            });
        })
    };
    let onpointercancel = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| drag.set(None))
    };
    let preview = (*drag).map(|(a, b)| {
        let bx = drag_box(a, b);
        let cs = cell_px(side);
        html! {
            <rect class="zorder-preview" x={format!("{:.1}", f64::from(bx.x0) * cs)} y={format!("{:.1}", f64::from(side - 1 - bx.y1) * cs)}
                width={format!("{:.1}", f64::from(bx.x1 - bx.x0 + 1) * cs)} height={format!("{:.1}", f64::from(bx.y1 - bx.y0 + 1) * cs)} />
        }
    });
    html! {
        <div class={classes!("zorder-stage", live.then_some("live"))}>
            <canvas ref={canvas} class="zorder-grid" width={GRID_PX.to_string()} height={GRID_PX.to_string()}
                role="img" aria-label={describe(s, props.curve)}
                {onpointerdown} {onpointermove} {onpointerup} {onpointercancel} />
            <svg class="zorder-overlay" viewBox={format!("0 0 {GRID_PX} {GRID_PX}")} aria-hidden="true">{ for preview }</svg>
        </div>
    }
}
