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

/// Each row's scatter pixel and, in light and dark ink, the bottom layer of every queried
/// scatter: every row in the colour of a skipped row (the same for every layout, so it is
/// painted once per trace and copied, and a step paints only the rows of scanned files).
pub(crate) struct Dots {
    /// Each row's pixel `(x, y)`.
    xy: Vec<(u16, u16)>,
    /// The skipped layer's RGBA bytes in light ink, then dark.
    skipped: [Vec<u8>; 2],
}

impl Dots {
    /// The dots of rows at pixels `xy`.
    pub(crate) fn new(xy: Vec<(u16, u16)>) -> Self {
        let all: Vec<u32> = (0..xy.len() as u32).collect();
        let skipped = [false, true].map(|dark| {
            let ink = palette::ink(dark);
            let mut r = Raster::new(SCATTER_PX, SCATTER_PX, rgb(ink.bg));
            paint(&mut r, &xy, &all, dot_side(xy.len()), skipped_colour(&ink));
            r.buf
        });
        Dots { xy, skipped }
    }

    /// A copy of the skipped layer in `ink`.
    fn skipped_layer(&self, ink: &Ink) -> Raster {
        let dark = usize::from(ink.bg == palette::ink(true).bg);
        Raster {
            w: SCATTER_PX,
            h: SCATTER_PX,
            buf: self.skipped[dark].clone(),
        }
    }
}

/// Side of a row's dot: one pixel for large tables.
fn dot_side(rows: usize) -> i32 {
    if rows > 30_000 { 1 } else { 2 }
}

/// The colour of rows in skipped files.
fn skipped_colour(ink: &Ink) -> [u8; 3] {
    mix(rgb(ink.muted), rgb(ink.bg), 0.45)
}

/// Draws every panel of a step: one `(scatter, strip)` canvas pair per layout shown.
pub(crate) fn draw_step(s: &SkipState, dots: &Dots, canvases: &[PanelCanvases], ink: &Ink) {
    let w = &s.world;
    let (_, query) = focus_of(s);
    let matches: Vec<u32> = query.map_or_else(Vec::new, |(_, q)| matching_rows(w, q));
    for (k, layout) in panel_layouts(s).into_iter().enumerate() {
        let li = layout.and_then(layout_index);
        let data = li.and_then(|i| w.layouts.get(i));
        if let Some((Some(el), strip)) = canvases.get(k) {
            let q = query.map(|(_, q)| (q, matches.as_slice(), li.unwrap_or(0)));
            draw_panel(el, strip.as_ref(), w, dots, data, q, ink);
        }
    }
}

/// The rows that match query `q` (ids, in no particular order). Skipped files hold no match, so
/// only the rows of the files read by the layout that reads the fewest rows are tested.
fn matching_rows(w: &SkipWorld, q: &QueryResult) -> Vec<u32> {
    let test = |r: &u32| q.predicate.matches_row(&w.table, *r as usize);
    match w
        .layouts
        .iter()
        .zip(&q.scans)
        .min_by_key(|(_, s)| s.rows_read)
    {
        Some((l, scan)) => scan
            .scanned
            .iter()
            .filter_map(|&f| l.files.get(f as usize))
            .flat_map(|file| file_rows(l, file))
            .copied()
            .filter(test)
            .collect(),
        None => (0..w.table.rows() as u32).filter(test).collect(),
    }
}

/// The row ids file `file` holds, in layout order.
fn file_rows<'a>(l: &'a LayoutData, file: &FileStats) -> &'a [u32] {
    let (a, n) = (file.first as usize, file.rows as usize);
    l.order.get(a..a + n).unwrap_or(&[])
}

fn file_colour(f: usize) -> [u8; 3] {
    rgb(palette::series(f % 7))
}

/// Paints the scatter dot of each row in `rows` with colour `c` (later rows on top).
fn paint(r: &mut Raster, pixels: &[(u16, u16)], rows: &[u32], dot: i32, c: [u8; 3]) {
    let width = r.w as usize;
    for &row in rows {
        let Some(&(x, y)) = pixels.get(row as usize) else {
            continue;
        };
        if dot == 1 {
            let at = (usize::from(y) * width + usize::from(x)) * 4;
            if let Some([p0, p1, p2]) = r.buf.get_mut(at..at + 3) {
                (*p0, *p1, *p2) = (c[0], c[1], c[2]);
            }
        } else {
            r.dot(f64::from(x), f64::from(y), dot, c);
        }
    }
}

/// The scatter's pixels, coloured by what the step shows. With a query, rows are painted by
/// class, lowest first, so matching rows stay on top of scanned ones and those on top of
/// skipped ones.
fn scatter_raster(
    dots: &Dots,
    layout: Option<&LayoutData>,
    query: Option<&[u32]>,
    scanned: &[bool],
    ink: &Ink,
) -> Raster {
    let size = SCATTER_PX;
    let bg = rgb(ink.bg);
    let pixels = dots.xy.as_slice();
    let dot = dot_side(pixels.len());
    if let (Some(l), Some(matches)) = (layout, query) {
        // Every row skipped, then the scanned files' rows, then the matching rows.
        let mut r = dots.skipped_layer(ink);
        let scan_c = mix(rgb(SCANNED), bg, 0.35);
        for (f, file) in l.files.iter().enumerate() {
            if scanned.get(f).copied().unwrap_or(false) {
                paint(&mut r, pixels, file_rows(l, file), dot, scan_c);
            }
        }
        paint(&mut r, pixels, matches, dot, rgb(MATCHING));
        return r;
    }
    let mut r = Raster::new(size, size, bg);
    match (layout, query) {
        (Some(l), None) => {
            // Row order, each row in its file's colour.
            let colours: Vec<[u8; 3]> = (0..7).map(file_colour).collect();
            let width = size as usize;
            for (row, &(x, y)) in pixels.iter().enumerate() {
                let f = l.row_file.get(row).copied().unwrap_or(0) as usize;
                let c = colours[f % 7];
                let at = (usize::from(y) * width + usize::from(x)) * 4;
                match r.buf.get_mut(at..at + 3) {
                    Some([p0, p1, p2]) if dot == 1 => (*p0, *p1, *p2) = (c[0], c[1], c[2]),
                    _ => r.dot(f64::from(x), f64::from(y), dot, c),
                }
            }
        }
        (None, Some(matches)) => {
            let all: Vec<u32> = (0..pixels.len() as u32).collect();
            paint(&mut r, pixels, &all, dot, rgb(ink.muted));
            paint(&mut r, pixels, matches, dot, rgb(MATCHING));
        }
        (Some(_), Some(_)) | (None, None) => {
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
    dots: &Dots,
    layout: Option<&LayoutData>,
    query: Option<(&QueryResult, &[u32], usize)>,
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
    scatter_raster(dots, layout, query.map(|q| q.1), &scanned, ink).put(&ctx);
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
