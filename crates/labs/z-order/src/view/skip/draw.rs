//! Drawing the `skip` panels on canvases: each an x–y scatter of the rows (a raster, so
//! 100 000 rows draw in one call) with every file's min/max box and the query's band, and a
//! strip of the files in layout order. The geometry is in [`crate::layout::skip`].

use crate::layout::skip::{
    MATCHING, SCANNED, SCATTER_PX, STRIP_H, box_stride, file_box_px, focus_of, layout_index,
    panel_layouts, predicate_band, scanned_files, strip_span,
};
use crate::skipping::{FileStats, LayoutData};
use crate::{QueryResult, SkipState, SkipWorld};
use sdp_kit_web::canvas::{self, Raster, dash, mix, rgb, rgba};
use sdp_kit_web::palette::{self, Ink};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A panel's canvases: the scatter and the strip under it (either may be missing).
pub(crate) type PanelCanvases = (Option<HtmlCanvasElement>, Option<HtmlCanvasElement>);

/// Draws every panel of a step: one `(scatter, strip)` canvas pair per layout shown.
pub(crate) fn draw_step(
    s: &SkipState,
    pixels: &[(u16, u16)],
    canvases: &[PanelCanvases],
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
        let li = layout.and_then(layout_index);
        let data = li.and_then(|i| w.layouts.get(i));
        if let Some((Some(el), strip)) = canvases.get(k) {
            let q = query.map(|(_, q)| (q, matches.as_slice(), li.unwrap_or(0)));
            draw_panel(el, strip.as_ref(), w, pixels, data, q, ink);
        }
    }
}

fn file_colour(f: usize) -> [u8; 3] {
    rgb(palette::series(f % 7))
}

/// The scatter's pixels, coloured by what the step shows.
fn scatter_raster(
    pixels: &[(u16, u16)],
    layout: Option<&LayoutData>,
    query: Option<&[bool]>,
    scanned: &[bool],
    ink: &Ink,
) -> Raster {
    let size = SCATTER_PX;
    let bg = rgb(ink.bg);
    let mut r = Raster::new(size, size, bg);
    let dot = if pixels.len() > 30_000 { 1 } else { 2 };
    let at_of = |x: u16, y: u16| usize::from(y) * size as usize + usize::from(x);
    match (layout, query) {
        (Some(l), Some(matches)) => {
            let skipped = mix(rgb(ink.muted), bg, 0.45);
            let scan_c = mix(rgb(SCANNED), bg, 0.35);
            let match_c = rgb(MATCHING);
            // One pass; a pixel keeps its highest class so matching rows stay on top of
            // scanned ones, and those on top of skipped ones.
            let colours = [skipped, scan_c, match_c];
            let mut top = vec![0u8; (size * size) as usize];
            for (row, &(x, y)) in pixels.iter().enumerate() {
                let f = l.row_file.get(row).copied().unwrap_or(0) as usize;
                let class: u8 = if matches.get(row).copied().unwrap_or(false) {
                    3
                } else if scanned.get(f).copied().unwrap_or(false) {
                    2
                } else {
                    1
                };
                let at = at_of(x, y);
                if let Some(t) = top.get_mut(at).filter(|t| **t < class) {
                    *t = class;
                    let c = colours[usize::from(class - 1)];
                    if dot == 1 {
                        if let Some(px) = r.buf.get_mut(at * 4..at * 4 + 3) {
                            px.copy_from_slice(&c);
                        }
                    } else {
                        r.dot(f64::from(x), f64::from(y), dot, c);
                    }
                }
            }
        }
        (Some(l), None) => {
            let colours: Vec<[u8; 3]> = (0..7).map(file_colour).collect();
            for (row, &(x, y)) in pixels.iter().enumerate() {
                let f = l.row_file.get(row).copied().unwrap_or(0) as usize;
                let c = colours[f % 7];
                if dot == 1 {
                    let at = at_of(x, y);
                    if let Some(px) = r.buf.get_mut(at * 4..at * 4 + 3) {
                        px.copy_from_slice(&c);
                    }
                } else {
                    r.dot(f64::from(x), f64::from(y), dot, c);
                }
            }
        }
        (None, Some(matches)) => {
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
    r
}

/// Each file's min/max box (x and y). More than `MAX_BOXES` boxes cannot be told apart: every
/// n-th is outlined (the legend says so).
fn file_boxes(
    ctx: &CanvasRenderingContext2d,
    l: &LayoutData,
    bits: u8,
    queried: bool,
    scanned: &[bool],
) {
    let many = l.files.len() > 200;
    ctx.set_line_width(if many { 0.6 } else { 1.2 });
    if queried {
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
            file_rect(ctx, file, bits);
        }
        ctx.stroke();
    } else {
        let stride = box_stride(l.files.len());
        // One path per colour (files cycle through seven).
        for colour in 0..7 {
            ctx.set_stroke_style_str(&rgba(file_colour(colour), if many { 0.5 } else { 0.9 }));
            ctx.begin_path();
            for (f, file) in l.files.iter().enumerate().step_by(stride) {
                if f % 7 == colour {
                    file_rect(ctx, file, bits);
                }
            }
            ctx.stroke();
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
    let Some(ctx) = canvas::context_2d(scatter) else {
        return;
    };
    let size = SCATTER_PX;
    let bg = rgb(ink.bg);
    let scanned: Vec<bool> = match (layout, query) {
        (Some(l), Some((q, _, li))) => scanned_files(q, li, l.files.len()),
        _ => Vec::new(),
    };
    scatter_raster(pixels, layout, query.map(|q| q.1), &scanned, ink).put(&ctx);
    let bits = w.params.value_bits;
    if let Some(l) = layout {
        file_boxes(&ctx, l, bits, query.is_some(), &scanned);
    }
    // The predicate: a box, or a band for one column.
    if let Some((x0, y0, x1, y1)) =
        query.and_then(|(q, _, _)| predicate_band(&q.predicate, bits, size))
    {
        ctx.set_fill_style_str(&rgba(rgb(ink.fg), 0.08));
        ctx.fill_rect(x0, y0, x1 - x0, y1 - y0);
        ctx.set_stroke_style_str(ink.fg);
        ctx.set_line_width(2.0);
        dash(&ctx, &[6.0, 3.0]);
        ctx.stroke_rect(x0, y0, x1 - x0, y1 - y0);
        dash(&ctx, &[]);
    }
    // The strip of files in layout order.
    let Some(sctx) = strip.and_then(canvas::context_2d) else {
        return;
    };
    let Some(l) = layout else {
        Raster::new(size, STRIP_H, bg).put(&sctx);
        return;
    };
    let mut sr = Raster::new(size, STRIP_H, bg);
    let n = l.files.len();
    let skipped = mix(rgb(ink.muted), bg, 0.6);
    let gap = i32::from(n <= 80);
    let bottom = i32::try_from(STRIP_H).unwrap_or(18) - 2;
    for pass in 0..2 {
        for f in 0..n {
            let (x0, x1) = strip_span(f, n, size);
            let is_scanned = scanned.get(f).copied().unwrap_or(false);
            let c = if query.is_some() {
                if is_scanned { rgb(SCANNED) } else { skipped }
            } else {
                file_colour(f)
            };
            if query.is_none() || usize::from(is_scanned) == pass {
                sr.rect(x0, 2, x1 - gap, bottom, c);
            }
        }
    }
    sr.put(&sctx);
}

fn file_rect(ctx: &CanvasRenderingContext2d, f: &FileStats, bits: u8) {
    let Some((a, c, b, d)) = file_box_px(f, bits, SCATTER_PX) else {
        return;
    };
    ctx.rect(
        a + 0.5,
        c + 0.5,
        (b - a - 1.0).max(0.5),
        (d - c - 1.0).max(0.5),
    );
}
