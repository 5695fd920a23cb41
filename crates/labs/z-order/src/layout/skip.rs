//! The panels of `skip` mode: each row's scatter pixel (x right, y up), a drag as a box
//! predicate, which files a step scans, why a file is skipped, and the texts beside the panels.

use crate::skipping::{COLUMN_NAMES, FileStats, LAYOUTS, Layout, LayoutData, Predicate, Table};
use crate::{QueryResult, SkipFocus, SkipState};
use sdp_kit::fmt::{group, percent};
use std::fmt::Write;

pub use crate::skipping::{layout_name, mean_widths};

/// Side of each scatter canvas (pixels).
pub const SCATTER_PX: u32 = 320;
/// Height of each file strip.
pub const STRIP_H: u32 = 18;
/// Most file boxes outlined on one panel.
pub const MAX_BOXES: usize = 250;
/// Most file rows in a table.
pub const MAX_FILE_ROWS: usize = 80;
/// Files listed until the learner asks for more (up to [`MAX_FILE_ROWS`]): a short table keeps a
/// step's re-layout small.
pub const FIRST_FILE_ROWS: usize = 24;
/// Rows in scanned files (scatter and strip).
pub const SCANNED: &str = "#0072B2";
/// Rows that match the predicate.
pub const MATCHING: &str = "#D55E00";

/// Every how many files a box is outlined, for `n` boxes.
///
/// ```
/// assert_eq!(sdp_lab_z_order::layout::skip::box_stride(1000), 4);
/// ```
pub fn box_stride(n: usize) -> usize {
    n.div_ceil(MAX_BOXES).max(1)
}

/// Colour of a layout in charts (charts also label every series).
pub fn layout_colour(l: Layout) -> &'static str {
    match l {
        Layout::Unsorted => "#999999",
        Layout::Linear => "#E69F00",
        Layout::ZOrder => "#0072B2",
        Layout::Hilbert => "#009E73",
    }
}

/// What a layout's files record besides min/max.
pub fn key_name(l: Layout) -> &'static str {
    match l {
        Layout::Unsorted => "row numbers",
        Layout::Linear => "sort value",
        Layout::ZOrder => "Z-values",
        Layout::Hilbert => "Hilbert indexes",
    }
}

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

/// True when a pointer moved far enough (canvas pixels) to count as a drag, not a click.
pub fn is_drag(a: (f64, f64), b: (f64, f64)) -> bool {
    (a.0 - b.0).abs().max((a.1 - b.1).abs()) > 3.0
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

/// A file's min/max box of x and y in scatter pixels: `(left, top, right, bottom)`, edges
/// exclusive on the right and bottom (`None` for a file without two columns).
pub fn file_box_px(f: &FileStats, bits: u8, size: u32) -> Option<(f64, f64, f64, f64)> {
    let (x0, x1, y0, y1) = (
        *f.min.first()?,
        *f.max.first()?,
        *f.min.get(1)?,
        *f.max.get(1)?,
    );
    let px = |v: u32| f64::from(value_px(v, bits, size));
    let sz = f64::from(size);
    Some((px(x0), sz - px(y1) - 1.0, px(x1) + 1.0, sz - px(y0)))
}

/// The predicate's band on the scatter: `(x0, y0, x1, y1)` in pixels; an unconstrained axis
/// spans the panel. `None` when neither x nor y is constrained.
pub fn predicate_band(q: &Predicate, bits: u8, size: u32) -> Option<(f64, f64, f64, f64)> {
    let range = |c: usize| q.ranges.get(c).copied().flatten();
    let px = |v: u32| f64::from(value_px(v, bits, size));
    let sz = f64::from(size);
    if range(0).is_none() && range(1).is_none() {
        return None;
    }
    let (x0, x1) = range(0).map_or((0.0, sz), |(lo, hi)| (px(lo), px(hi) + 1.0));
    let (y0, y1) = range(1).map_or((0.0, sz), |(lo, hi)| (sz - px(hi) - 1.0, sz - px(lo)));
    Some((x0, y0, x1, y1))
}

/// File `f` of `n` on a strip `size` pixels wide: `[x0, x1)`, at least one pixel.
pub fn strip_span(f: usize, n: usize, size: u32) -> (i32, i32) {
    let n = n.max(1) as u64;
    let x0 = (f as u64 * u64::from(size) / n) as i32;
    let x1 = (((f as u64 + 1) * u64::from(size) / n) as i32).max(x0 + 1);
    (x0, x1)
}

/// Why `file` is skipped for `q` (`None` if it is scanned).
///
/// ```
/// use sdp_lab_z_order::layout::skip::skip_reason;
/// use sdp_lab_z_order::skipping::{FileStats, Predicate};
/// let f = FileStats { first: 0, rows: 1, min: vec![10, 0], max: vec![40, 9], key_min: 0, key_max: 0 };
/// let q = Predicate { ranges: vec![Some((50, 60)), None] };
/// assert_eq!(skip_reason(&q, &f).as_deref(), Some("x max 40 < 50"));
/// ```
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

/// What a step shows: the focused layout and the query (with its index), if any.
pub fn focus_of(s: &SkipState) -> (Option<Layout>, Option<(usize, &QueryResult)>) {
    let query = |i: u32| s.world.queries.get(i as usize).map(|q| (i as usize, q));
    match s.focus {
        SkipFocus::Table | SkipFocus::Batch => (None, None),
        SkipFocus::Layout(l) => (Some(l), None),
        SkipFocus::Query { query: i, layout } => (Some(layout), query(i)),
        SkipFocus::Compare { query: i } => (None, query(i)),
    }
}

/// The layouts shown at a step, one panel each (the raw table, `None`, before any layout).
pub fn panel_layouts(s: &SkipState) -> Vec<Option<Layout>> {
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

/// Index of a layout in [`LAYOUTS`] (and so in the world's layouts and a query's scans).
pub fn layout_index(l: Layout) -> Option<usize> {
    LAYOUTS.iter().position(|&x| x == l)
}

/// For each of `files` files: true when query `q` scans it on layout number `layout`.
pub fn scanned_files(q: &QueryResult, layout: usize, files: usize) -> Vec<bool> {
    let mut v = vec![false; files];
    if let Some(scan) = q.scans.get(layout) {
        for &f in &scan.scanned {
            if let Some(slot) = v.get_mut(f as usize) {
                *slot = true;
            }
        }
    }
    v
}

/// The line of figures under a panel's title.
pub fn panel_stats(
    s: &SkipState,
    data: Option<&LayoutData>,
    query: Option<&QueryResult>,
    layout: Option<usize>,
) -> String {
    let w = &s.world;
    match (data, query, layout) {
        (Some(d), Some(q), Some(i)) => {
            let files = d.files.len() as u64;
            let scan = q.scans.get(i).cloned().unwrap_or_default();
            let scanned = u64::from(scan.files_scanned());
            format!(
                "{} of {} files scanned · {} rows read · skip {}",
                group(scanned),
                group(files),
                group(u64::from(scan.rows_read)),
                percent(files - scanned.min(files), files)
            )
        }
        (Some(d), None, _) => {
            let widths = mean_widths(d, usize::from(w.params.columns), w.params.value_bits);
            format!(
                "{} files · mean file range {}",
                group(d.files.len() as u64),
                widths
                    .iter()
                    .zip(COLUMN_NAMES)
                    .map(|(w, n)| if *w < 0.1 {
                        format!("{n} {:.1}%", w * 100.0)
                    } else {
                        format!("{n} {:.0}%", w * 100.0)
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
        _ => format!("{} rows", group(w.table.rows() as u64)),
    }
}

/// The legend under the panels; `editable` adds the drag hint (not in embed mode).
pub fn legend_text(s: &SkipState, editable: bool) -> String {
    let (focused, query) = focus_of(s);
    let mut t = String::from("Each panel: x → right, y ↑ up");
    if s.world.params.columns > 2 {
        t.push_str(" (z is not drawn: the panels show the x–y projection)");
    }
    t.push_str(". ");
    if query.is_some() {
        t.push_str("Blue dots: rows in scanned files (their min/max boxes outlined); grey: rows in skipped files; orange: rows that match. The strip under each panel is the files in order: solid = scanned, pale = skipped.");
    } else if focused.is_some() || s.layouts_shown > 0 {
        t.push_str("Rows are coloured by file; each file's min/max box is outlined; the strip under each panel is the files in order.");
    } else {
        t.push_str("The rows as generated.");
    }
    let files = s.world.layouts.first().map_or(0, |l| l.files.len());
    if files > MAX_BOXES && s.layouts_shown > 0 {
        let _ = write!(
            t,
            " With {files} files, one file box in {} is outlined (there are too many to tell apart).",
            box_stride(files)
        );
    }
    if editable {
        t.push_str(" Drag across a panel to run a box query.");
    }
    t
}
