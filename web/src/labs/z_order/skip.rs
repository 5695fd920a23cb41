//! `skip` mode: one table, four layouts side by side (unsorted, sorted by one column, Z-order,
//! Hilbert). Each panel is an x–y scatter of the rows (a raster: 100 000 rows draw in one call)
//! with every file's min/max box, and a strip of the files in layout order. A query lights the
//! files scanned and greys the skipped ones; the batch ends in two charts. A drag across any
//! scatter runs a new box query.

use super::{StepProps, emit, interactive, live_view};
use crate::by_id::ById;
use crate::labs::Change;
use crate::labs::quadtree::canvas::{self, Raster, dash, mix, rgb, rgba};
use crate::palette::{self, Ink};
use sdp_core::fmt::{group, percent};
use sdp_core::lab::Trace;
use sdp_spatial::zorder::skipping::{
    COLUMN_NAMES, FileStats, LAYOUTS, Layout, LayoutData, Predicate, Table,
};
use sdp_spatial::zorder::{
    Action, BatchResult, QueryResult, SkipFocus, SkipParams, SkipState, SkipWorld, State,
};
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// Side of each scatter canvas (pixels).
pub const SCATTER_PX: u32 = 320;
/// Height of each file strip.
pub const STRIP_H: u32 = 18;
/// Most file boxes outlined on one panel.
pub const MAX_BOXES: usize = 250;

/// Every how many files a box is outlined, for `n` boxes.
pub fn box_stride(n: usize) -> usize {
    n.div_ceil(MAX_BOXES).max(1)
}

/// Most file rows in a table.
const MAX_FILE_ROWS: usize = 80;

/// Colour of a layout in charts (charts also label every series).
pub fn layout_colour(l: Layout) -> &'static str {
    match l {
        Layout::Unsorted => "#999999",
        Layout::Linear => "#E69F00",
        Layout::ZOrder => "#0072B2",
        Layout::Hilbert => "#009E73",
    }
}

/// Name of a layout, with the sort column for the one-column sort.
pub fn layout_name(l: Layout, sort_column: u8) -> String {
    match l {
        Layout::Linear => format!(
            "sorted by {}",
            COLUMN_NAMES.get(usize::from(sort_column)).unwrap_or(&"?")
        ),
        other => other.name().to_string(),
    }
}

/// Scanned files (in scatter pixels): the scanned rows.
const SCANNED: &str = "#0072B2";
/// Rows that match the predicate.
const MATCHING: &str = "#D55E00";

/// Pixel of value `v` on an axis of `size` pixels over `2^bits` values.
pub fn value_px(v: u32, bits: u8, size: u32) -> u32 {
    let domain = 1u64 << bits.clamp(1, 16);
    ((u64::from(v) * u64::from(size)) / domain).min(u64::from(size.saturating_sub(1))) as u32
}

/// The value under pixel `px` on an axis of `size` pixels over `2^bits` values.
pub fn px_value(px: f64, bits: u8, size: f64) -> u32 {
    let domain = f64::from(1u32 << bits.clamp(1, 16));
    (px / size.max(1.0) * domain)
        .floor()
        .clamp(0.0, domain - 1.0) as u32
}

/// A drag across a scatter (canvas pixels, y down) as a box predicate on x and y; other columns
/// unconstrained.
pub fn drag_predicate(
    a: (f64, f64),
    b: (f64, f64),
    bits: u8,
    size: f64,
    columns: usize,
) -> Predicate {
    let xs = (px_value(a.0, bits, size), px_value(b.0, bits, size));
    let ys = (
        px_value(size - a.1, bits, size),
        px_value(size - b.1, bits, size),
    );
    let mut ranges = vec![None; columns.max(2)];
    ranges[0] = Some((xs.0.min(xs.1), xs.0.max(xs.1)));
    ranges[1] = Some((ys.0.min(ys.1), ys.0.max(ys.1)));
    Predicate { ranges }
}

/// Each row's scatter pixel `(x, y)` with y flipped (computed once per trace).
pub fn row_pixels(t: &Table, size: u32) -> Vec<(u16, u16)> {
    let (Some(xs), Some(ys)) = (t.columns.first(), t.columns.get(1)) else {
        return Vec::new();
    };
    xs.iter()
        .zip(ys)
        .map(|(&x, &y)| {
            (
                value_px(x, t.value_bits, size) as u16,
                (size - 1 - value_px(y, t.value_bits, size)) as u16,
            )
        })
        .collect()
}

/// Why `file` is skipped for `q` (`None` if it is scanned).
pub fn skip_reason(q: &Predicate, f: &FileStats) -> Option<String> {
    q.ranges.iter().enumerate().find_map(|(c, r)| {
        let (lo, hi) = (*r)?;
        let (fmin, fmax) = (*f.min.get(c)?, *f.max.get(c)?);
        let name = COLUMN_NAMES.get(c).unwrap_or(&"?");
        if fmax < lo {
            Some(format!("{name} max {fmax} < {lo}"))
        } else if fmin > hi {
            Some(format!("{name} min {fmin} > {hi}"))
        } else {
            None
        }
    })
}

/// What a step shows: the focused layout and the query, if any.
fn focus_of(s: &SkipState) -> (Option<Layout>, Option<(usize, &QueryResult)>) {
    let query = |i: u32| s.world.queries.get(i as usize).map(|q| (i as usize, q));
    match s.focus {
        SkipFocus::Table | SkipFocus::Batch => (None, None),
        SkipFocus::Layout(l) => (Some(l), None),
        SkipFocus::Query { query: i, layout } => (Some(layout), query(i)),
        SkipFocus::Compare { query: i } => (None, query(i)),
    }
}

fn mean_widths(l: &LayoutData, columns: usize, bits: u8) -> Vec<f64> {
    let domain = f64::from(1u32 << bits.clamp(1, 16));
    let n = l.files.len().max(1) as f64;
    (0..columns)
        .map(|c| {
            l.files
                .iter()
                .map(|f| {
                    f64::from(
                        f.max.get(c).copied().unwrap_or(0) - f.min.get(c).copied().unwrap_or(0) + 1,
                    ) / domain
                })
                .sum::<f64>()
                / n
        })
        .collect()
}

/// Draws every panel of a step: one `(scatter, strip)` canvas pair per layout shown.
pub fn draw_step(
    s: &SkipState,
    pixels: &[(u16, u16)],
    canvases: &[(Option<HtmlCanvasElement>, Option<HtmlCanvasElement>)],
    ink: &Ink,
) {
    let w = &s.world;
    let (_, query) = focus_of(s);
    let matches: Vec<bool> = match query {
        Some((_, q)) => (0..w.table.rows())
            .map(|r| q.predicate.matches_row(&w.table, r))
            .collect(),
        None => Vec::new(),
    };
    for (k, layout) in panel_layouts(s).into_iter().enumerate() {
        let li = layout.and_then(|l| LAYOUTS.iter().position(|&x| x == l));
        let data = li.and_then(|i| w.layouts.get(i));
        if let Some((Some(el), strip)) = canvases.get(k) {
            let q = query.map(|(_, q)| (q, matches.as_slice(), li.unwrap_or(0)));
            draw_panel(el, strip.as_ref(), w, pixels, data, q, ink);
        }
    }
}

/// Draws one layout panel (scatter and strip); `layout = None` draws the raw table.
fn draw_panel(
    scatter: &HtmlCanvasElement,
    strip: Option<&HtmlCanvasElement>,
    w: &SkipWorld,
    pixels: &[(u16, u16)],
    layout: Option<&LayoutData>,
    query: Option<(&QueryResult, &[bool], usize)>,
    ink: &Ink,
) {
    let Some(ctx) = canvas::context(scatter) else {
        return;
    };
    let size = SCATTER_PX;
    let bg = rgb(ink.bg);
    let mut r = Raster::new(size, size, bg);
    let rows = pixels.len();
    let dot = if rows > 30_000 { 1 } else { 2 };
    let file_colour = |f: u32| rgb(palette::series(f as usize % 7));
    let scanned: Vec<bool> = match (layout, query) {
        (Some(l), Some((q, _, li))) => {
            let mut v = vec![false; l.files.len()];
            if let Some(scan) = q.scans.get(li) {
                for &f in &scan.scanned {
                    if let Some(slot) = v.get_mut(f as usize) {
                        *slot = true;
                    }
                }
            }
            v
        }
        _ => Vec::new(),
    };
    match (layout, query) {
        (Some(l), Some((_, matches, _))) => {
            let skipped = mix(rgb(ink.muted), bg, 0.45);
            let scan_c = mix(rgb(SCANNED), bg, 0.35);
            let match_c = rgb(MATCHING);
            // One pass; a pixel keeps its highest class so matching rows stay on top of
            // scanned ones, and those on top of skipped ones.
            let colours = [skipped, scan_c, match_c];
            let mut top = vec![0u8; (size * size) as usize];
            for (row, &(x, y)) in pixels.iter().enumerate() {
                let f = l.row_file.get(row).copied().unwrap_or(0) as usize;
                let class = if matches.get(row).copied().unwrap_or(false) {
                    3
                } else if scanned.get(f).copied().unwrap_or(false) {
                    2
                } else {
                    1
                };
                let at = usize::from(y) * size as usize + usize::from(x);
                if top.get(at).is_some_and(|&t| t < class) {
                    top[at] = class;
                    let c = colours[usize::from(class - 1)];
                    if dot == 1 {
                        r.buf[at * 4..at * 4 + 3].copy_from_slice(&c);
                    } else {
                        r.dot(f64::from(x), f64::from(y), dot, c);
                    }
                }
            }
        }
        (Some(l), None) => {
            let colours: Vec<[u8; 3]> = (0..7).map(file_colour).collect();
            for (row, &(x, y)) in pixels.iter().enumerate() {
                let f = l.row_file.get(row).copied().unwrap_or(0);
                let c = colours[f as usize % 7];
                if dot == 1 {
                    let at = usize::from(y) * size as usize + usize::from(x);
                    if let Some(px) = r.buf.get_mut(at * 4..at * 4 + 3) {
                        px.copy_from_slice(&c);
                    }
                } else {
                    r.dot(f64::from(x), f64::from(y), dot, c);
                }
            }
        }
        (None, Some((_, matches, _))) => {
            for (row, &(x, y)) in pixels.iter().enumerate() {
                let c = if matches.get(row).copied().unwrap_or(false) {
                    rgb(MATCHING)
                } else {
                    rgb(ink.muted)
                };
                r.dot(f64::from(x), f64::from(y), dot, c);
            }
        }
        (None, None) => {
            let c = rgb(ink.fg);
            for &(x, y) in pixels {
                r.dot(f64::from(x), f64::from(y), dot, c);
            }
        }
    }
    r.put(&ctx);
    let bits = w.params.value_bits;
    let sz = f64::from(size);
    let px = |v: u32| f64::from(value_px(v, bits, size));
    // Each file's min/max box (x and y).
    // More than MAX_BOXES boxes cannot be told apart: every n-th is outlined (the legend says so).
    if let Some(l) = layout {
        let many = l.files.len() > 200;
        ctx.set_line_width(if many { 0.6 } else { 1.2 });
        if query.is_some() {
            let shown: Vec<&FileStats> = l
                .files
                .iter()
                .enumerate()
                .filter(|(f, _)| scanned.get(*f).copied().unwrap_or(false))
                .map(|(_, file)| file)
                .collect();
            let stride = box_stride(shown.len());
            ctx.set_stroke_style_str(SCANNED);
            ctx.begin_path();
            for file in shown.into_iter().step_by(stride) {
                file_rect(&ctx, file, &px, sz);
            }
            ctx.stroke();
        } else {
            let stride = box_stride(l.files.len());
            // One path per colour (files cycle through seven).
            for colour in 0..7u32 {
                ctx.set_stroke_style_str(&rgba(file_colour(colour), if many { 0.5 } else { 0.9 }));
                ctx.begin_path();
                for (f, file) in l.files.iter().enumerate().step_by(stride) {
                    if f % 7 == colour as usize {
                        file_rect(&ctx, file, &px, sz);
                    }
                }
                ctx.stroke();
            }
        }
    }
    // The predicate: a box, or a band for one column.
    if let Some((q, _, _)) = query {
        let range = |c: usize| q.predicate.ranges.get(c).copied().flatten();
        let (x0, x1) = range(0).map_or((0.0, sz), |(lo, hi)| (px(lo), px(hi) + 1.0));
        let (y0, y1) = range(1).map_or((0.0, sz), |(lo, hi)| (sz - px(hi) - 1.0, sz - px(lo)));
        if range(0).is_some() || range(1).is_some() {
            ctx.set_fill_style_str(&rgba(rgb(ink.fg), 0.08));
            ctx.fill_rect(x0, y0, x1 - x0, y1 - y0);
            ctx.set_stroke_style_str(ink.fg);
            ctx.set_line_width(2.0);
            dash(&ctx, &[6.0, 3.0]);
            ctx.stroke_rect(x0, y0, x1 - x0, y1 - y0);
            dash(&ctx, &[]);
        }
    }
    // The strip of files in layout order.
    let (Some(strip), Some(l)) = (strip, layout) else {
        if let Some(strip) = strip {
            if let Some(sctx) = canvas::context(strip) {
                Raster::new(size, STRIP_H, bg).put(&sctx);
            }
        }
        return;
    };
    let Some(sctx) = canvas::context(strip) else {
        return;
    };
    let mut sr = Raster::new(size, STRIP_H, bg);
    let n = l.files.len().max(1) as u64;
    let skipped = mix(rgb(ink.muted), bg, 0.6);
    for pass in 0..2 {
        for f in 0..l.files.len() {
            let x0 = (f as u64 * u64::from(size) / n) as i32;
            let x1 = (((f as u64 + 1) * u64::from(size) / n) as i32).max(x0 + 1);
            let is_scanned = scanned.get(f).copied().unwrap_or(false);
            let c = if query.is_some() {
                if is_scanned { rgb(SCANNED) } else { skipped }
            } else {
                file_colour(f as u32)
            };
            if query.is_none() || usize::from(is_scanned) == pass {
                let gap = i32::from(n <= 80);
                sr.rect(x0, 2, x1 - gap, STRIP_H as i32 - 2, c);
            }
        }
    }
    sr.put(&sctx);
}

fn file_rect(
    ctx: &web_sys::CanvasRenderingContext2d,
    f: &FileStats,
    px: &dyn Fn(u32) -> f64,
    size: f64,
) {
    let (Some(&x0), Some(&x1), Some(&y0), Some(&y1)) =
        (f.min.first(), f.max.first(), f.min.get(1), f.max.get(1))
    else {
        return;
    };
    let (a, b) = (px(x0), px(x1) + 1.0);
    let (c, d) = (size - px(y1) - 1.0, size - px(y0));
    ctx.rect(
        a + 0.5,
        c + 0.5,
        (b - a - 1.0).max(0.5),
        (d - c - 1.0).max(0.5),
    );
}

/// The `skip` view.
#[component]
pub fn SkipView(props: &StepProps) -> Html {
    let Some(State::Skip(s)) = props.trace.get(props.cursor).map(|st| &st.state) else {
        return html! {};
    };
    let (focused, query) = focus_of(s);
    let detail = match s.focus {
        SkipFocus::Table => table_detail(&s.world),
        SkipFocus::Layout(l) => layout_detail(s, l),
        SkipFocus::Query { layout, .. } => match query {
            Some((_, q)) => query_detail(s, q, layout),
            None => html! {},
        },
        SkipFocus::Compare { .. } => match query {
            Some((_, q)) => compare_chart(&s.world, q),
            None => html! {},
        },
        SkipFocus::Batch => match &s.world.batch {
            Some(b) => batch_detail(&s.world, b),
            None => html! {},
        },
    };
    html! {
        <div class="zorder-skip">
            if let Some((i, q)) = query {
                <p class="zorder-predicate">{ format!("Query {}: WHERE {}", i + 1, q.predicate.describe()) }
                    <span class="hint">{ format!(" — {} matching rows", group(u64::from(q.matching_rows))) }</span></p>
            }
            <Panels trace={props.trace.clone()} cursor={props.cursor} />
            <p class="hint">{ legend_text(s, focused.is_some() || query.is_some()) }</p>
            { detail }
        </div>
    }
}

fn legend_text(s: &SkipState, query_or_layout: bool) -> String {
    let mut t = String::from("Each panel: x → right, y ↑ up");
    if s.world.params.columns > 2 {
        t.push_str(" (z is not drawn: the panels show the x–y projection)");
    }
    t.push_str(". ");
    match focus_of(s) {
        (_, Some(_)) => t.push_str("Blue dots: rows in scanned files (their min/max boxes outlined); grey: rows in skipped files; orange: rows that match. The strip under each panel is the files in order: solid = scanned, pale = skipped."),
        (Some(_), None) | (None, None) if query_or_layout || s.layouts_shown > 0 => t.push_str("Rows are coloured by file; each file's min/max box is outlined; the strip under each panel is the files in order."),
        _ => t.push_str("The rows as generated."),
    }
    let files = s.world.layouts.first().map_or(0, |l| l.files.len());
    if files > MAX_BOXES && s.layouts_shown > 0 {
        t.push_str(&format!(
            " With {files} files, one file box in {} is outlined (there are too many to tell apart).",
            box_stride(files)
        ));
    }
    if live_view() {
        t.push_str(" Drag across a panel to run a box query.");
    }
    t
}

/// Properties of [`Panels`].
#[derive(Properties, PartialEq)]
struct PanelsProps {
    trace: ById<Trace<State>>,
    cursor: usize,
}

/// The layouts shown at a step (the raw table before any layout).
fn panel_layouts(s: &SkipState) -> Vec<Option<Layout>> {
    if s.layouts_shown == 0 {
        vec![None]
    } else {
        LAYOUTS
            .iter()
            .take(usize::from(s.layouts_shown))
            .map(|&l| Some(l))
            .collect()
    }
}

#[component]
fn Panels(props: &PanelsProps) -> Html {
    let scatters = [
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    ];
    let strips = [
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    ];
    let drag = use_state(|| None::<(usize, (f64, f64), (f64, f64))>);
    let pixels = {
        let trace = props.trace.clone();
        use_memo(props.trace.id(), move |_| {
            match trace.steps.first().map(|st| &st.state) {
                Some(State::Skip(s)) => row_pixels(&s.world.table, SCATTER_PX),
                _ => Vec::new(),
            }
        })
    };
    {
        let (trace, cursor, scatters, strips, pixels) = (
            props.trace.clone(),
            props.cursor,
            scatters.clone(),
            strips.clone(),
            pixels.clone(),
        );
        use_effect_with((props.trace.id(), props.cursor), move |_| {
            if let Some(State::Skip(s)) = trace.get(cursor).map(|st| &st.state) {
                let ink = palette::ink(crate::dom::prefers_dark());
                let canvases: Vec<_> = scatters
                    .iter()
                    .zip(&strips)
                    .map(|(a, b)| (a.cast::<HtmlCanvasElement>(), b.cast::<HtmlCanvasElement>()))
                    .collect();
                draw_step(s, &pixels, &canvases, &ink);
            }
        });
    }
    let Some(State::Skip(s)) = props.trace.get(props.cursor).map(|st| &st.state) else {
        return html! {};
    };
    let w = &s.world;
    let p = &w.params;
    let (focused, query) = focus_of(s);
    let live = live_view();
    let columns = usize::from(p.columns);
    let bits = p.value_bits;
    let panels = panel_layouts(s);
    let multi = panels.len() > 1;
    html! {
        <div class={classes!("zorder-panels", multi.then_some("multi"))}>
            { for panels.into_iter().enumerate().map(|(k, layout)| {
                let li = layout.and_then(|l| LAYOUTS.iter().position(|&x| x == l));
                let data = li.and_then(|i| w.layouts.get(i));
                let on = layout.is_some() && layout == focused;
                let title = layout.map_or_else(|| "The rows".to_string(), |l| layout_name(l, p.sort_column));
                let stats = match (data, query, li) {
                    (Some(d), Some((_, q)), Some(i)) => {
                        let files = d.files.len() as u64;
                        let scan = q.scans.get(i).cloned().unwrap_or_default();
                        let scanned = u64::from(scan.files_scanned());
                        format!("{} of {} files scanned · {} rows read · skip {}",
                            group(scanned), group(files), group(u64::from(scan.rows_read)), percent(files - scanned.min(files), files))
                    }
                    (Some(d), None, _) => {
                        let widths = mean_widths(d, columns, bits);
                        format!("{} files · mean file range {}", group(d.files.len() as u64),
                            widths.iter().zip(COLUMN_NAMES).map(|(w, n)| if *w < 0.1 { format!("{n} {:.1}%", w * 100.0) } else { format!("{n} {:.0}%", w * 100.0) }).collect::<Vec<_>>().join(", "))
                    }
                    _ => format!("{} rows", group(w.table.rows() as u64)),
                };
                let pointer = {
                    let drag = drag.clone();
                    let scatter = scatters[k].clone();
                    move |e: &PointerEvent| -> Option<(f64, f64)> {
                        let _ = &drag;
                        let el = scatter.cast::<HtmlCanvasElement>()?;
                        Some(canvas::event_px(&el, e.client_x(), e.client_y()).0)
                    }
                };
                let onpointerdown = {
                    let (drag, pointer, scatter) = (drag.clone(), pointer.clone(), scatters[k].clone());
                    Callback::from(move |e: PointerEvent| {
                        if !interactive() || e.button() != 0 { return; }
                        if let Some(el) = scatter.cast::<HtmlCanvasElement>() {
                            let _ = el.set_pointer_capture(e.pointer_id());
                        }
                        if let Some(p) = pointer(&e) { drag.set(Some((k, p, p))); }
                    })
                };
                let onpointermove = {
                    let (drag, pointer) = (drag.clone(), pointer.clone());
                    Callback::from(move |e: PointerEvent| {
                        if let (Some((i, a, _)), Some(p)) = (*drag, pointer(&e)) {
                            if i == k { drag.set(Some((k, a, p))); }
                        }
                    })
                };
                let onpointerup = {
                    let (drag, pointer) = (drag.clone(), pointer.clone());
                    Callback::from(move |e: PointerEvent| {
                        let Some((i, a, mut b)) = *drag else { return };
                        if let Some(p) = pointer(&e) { b = p; }
                        drag.set(None);
                        if i != k { return; }
                        let moved = (a.0 - b.0).abs().max((a.1 - b.1).abs()) > 3.0;
                        if moved {
                            let q = drag_predicate(a, b, bits, f64::from(SCATTER_PX), columns);
                            emit(|_| Change::Action(Action::Query(q)));
                        }
                    })
                };
                let onpointercancel = {
                    let drag = drag.clone();
                    Callback::from(move |_: PointerEvent| drag.set(None))
                };
                let preview = (*drag).filter(|d| d.0 == k).map(|(_, a, b)| html! {
                    <rect class="zorder-preview" x={format!("{:.1}", a.0.min(b.0))} y={format!("{:.1}", a.1.min(b.1))}
                        width={format!("{:.1}", (a.0 - b.0).abs())} height={format!("{:.1}", (a.1 - b.1).abs())} />
                });
                html! {
                    <figure class={classes!("zorder-panel", on.then_some("focus"))} key={k}>
                        <figcaption>
                            <strong style={layout.map(|l| format!("border-color:{}", layout_colour(l)))}>{ title.clone() }</strong>
                            if on { <span class="zorder-this">{" ◀ this step"}</span> }
                            <br /><span class="zorder-panel-stats">{ stats.clone() }</span>
                        </figcaption>
                        <div class={classes!("zorder-stage", live.then_some("live"))}>
                            <canvas ref={scatters[k].clone()} class="zorder-scatter" width={SCATTER_PX.to_string()} height={SCATTER_PX.to_string()}
                                role="img" aria-label={format!("{title}: {stats}")}
                                {onpointerdown} {onpointermove} {onpointerup} {onpointercancel} />
                            <svg class="zorder-overlay" viewBox={format!("0 0 {SCATTER_PX} {SCATTER_PX}")} aria-hidden="true">{ for preview }</svg>
                        </div>
                        if layout.is_some() {
                            <canvas ref={strips[k].clone()} class="zorder-strip" width={SCATTER_PX.to_string()} height={STRIP_H.to_string()}
                                role="img" aria-label={format!("{title}: the files in layout order")} />
                        }
                    </figure>
                }
            }) }
        </div>
    }
}

fn table_detail(w: &SkipWorld) -> Html {
    let t = &w.table;
    let columns = t.columns.len();
    html! {
        <section class="zorder-detail" aria-label="The table">
            <h3>{ format!("{} rows, {} columns, values 0 … {}", group(t.rows() as u64), columns, (1u32 << t.value_bits.clamp(1, 16)) - 1) }</h3>
            <div class="table-scroll">
            <table class="zorder-table">
                <thead><tr><th>{"row"}</th>{ for COLUMN_NAMES.iter().take(columns).map(|n| html! { <th>{ *n }</th> }) }</tr></thead>
                <tbody>
                    { for (0..t.rows().min(8)).map(|r| html! {
                        <tr><td>{ r }</td>{ for t.row(r).into_iter().map(|v| html! { <td>{ v }</td> }) }</tr>
                    }) }
                </tbody>
            </table>
            </div>
            <p class="hint">{ format!("The next steps order these rows four ways and cut them into files of {} rows.", group(u64::from(w.params.rows_per_file))) }</p>
        </section>
    }
}

fn key_name(l: Layout) -> &'static str {
    match l {
        Layout::Unsorted => "row numbers",
        Layout::Linear => "sort value",
        Layout::ZOrder => "Z-values",
        Layout::Hilbert => "Hilbert indexes",
    }
}

fn files_table(s: &SkipState, l: Layout, q: Option<&Predicate>) -> Html {
    let Some(data) = s.layout(l) else {
        return html! {};
    };
    let columns = usize::from(s.world.params.columns);
    let shown = data.files.len().min(MAX_FILE_ROWS);
    html! {
        <>
        <div class="table-scroll zorder-files">
            <table class="zorder-table">
                <thead><tr>
                    <th>{"file"}</th><th>{"rows"}</th>
                    { for COLUMN_NAMES.iter().take(columns).map(|n| html! { <th>{ format!("{n} min–max") }</th> }) }
                    <th>{ key_name(l) }</th>
                    if q.is_some() { <th>{"verdict"}</th> }
                </tr></thead>
                <tbody>
                    { for data.files.iter().take(shown).enumerate().map(|(f, file)| {
                        let reason = q.and_then(|q| skip_reason(q, file));
                        html! {
                            <tr class={classes!(q.map(|_| if reason.is_none() { "zorder-scan" } else { "zorder-skip" }))}>
                                <td>{ f + 1 }</td><td>{ file.rows }</td>
                                { for (0..columns).map(|c| html! { <td>{ format!("{}–{}", file.min.get(c).copied().unwrap_or(0), file.max.get(c).copied().unwrap_or(0)) }</td> }) }
                                <td>{ format!("{}–{}", file.key_min, file.key_max) }</td>
                                if q.is_some() { <td>{ match &reason { None => "▶ scan".to_string(), Some(r) => format!("skip: {r}") } }</td> }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
        if data.files.len() > shown { <p class="hint">{ format!("First {shown} of {} files.", data.files.len()) }</p> }
        </>
    }
}

fn layout_detail(s: &SkipState, l: Layout) -> Html {
    let p = &s.world.params;
    html! {
        <section class="zorder-detail" aria-label="Files of this layout">
            <h3>{ format!("Layout: {} — each file's min/max statistics", layout_name(l, p.sort_column)) }</h3>
            <p class="hint">{ format!("The last column is each file's range of {} (the document annotates files with “Z-values: 0-1000”; skipping only uses the per-column min/max).", key_name(l)) }</p>
            { files_table(s, l, None) }
        </section>
    }
}

fn query_detail(s: &SkipState, q: &QueryResult, l: Layout) -> Html {
    let p = &s.world.params;
    html! {
        <section class="zorder-detail" aria-label="Files scanned and skipped">
            <h3>{ format!("{}: a file is skipped when, for some constrained column, its [min, max] misses the range", layout_name(l, p.sort_column)) }</h3>
            { files_table(s, l, Some(&q.predicate)) }
        </section>
    }
}

fn compare_chart(w: &SkipWorld, q: &QueryResult) -> Html {
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

fn batch_detail(w: &SkipWorld, b: &BatchResult) -> Html {
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
