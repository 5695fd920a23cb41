//! The map's base layer: background, beyond-the-pole hatching, reference lines, the coastline
//! (from cached world tiles while the zoom allows), the grid and its labels, and dense points.

use super::cache::{MapCache, TileKey};
use super::paint::Painter;
use crate::codec::LatLng;
use crate::layout::coast::{Coast, CoastPiece, coast_pieces, tile_size};
use crate::layout::grid::{grid_labels, grid_lines};
use crate::layout::paint::{MapInk, Shape, Style};
use crate::layout::view::Proj;
use sdp_kit_web::canvas::offscreen;
use std::rc::Rc;
use web_sys::CanvasRenderingContext2d;

/// Something that holds points (the places of a trace).
pub trait PointSource {
    /// The points.
    fn points(&self) -> &[LatLng];
}

/// Points drawn under everything (places, hotels), cached with the base layer.
#[derive(Clone)]
pub struct BasePoints {
    /// Identity (the shared data's address).
    pub id: usize,
    /// The points.
    pub source: Rc<dyn PointSource>,
}

impl PartialEq for BasePoints {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

/// What a mode draws over the base map, with a key that changes whenever the drawing does.
#[derive(Clone)]
pub struct Overlay {
    /// Identity of what is drawn (trace address, cursor, …).
    pub key: (usize, usize, u64),
    /// The drawing.
    pub draw: Rc<dyn Fn(&Painter)>,
}

impl PartialEq for Overlay {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

/// Everything the base layer depends on.
#[derive(Clone, Debug, PartialEq)]
pub struct BaseKey {
    /// Projection.
    pub proj: Proj,
    /// Device pixels per CSS pixel.
    pub dpr: f64,
    /// Dark mode.
    pub dark: bool,
    /// The coastline is drawn.
    pub coast: bool,
    /// Identity of the base points (0: none).
    pub points: usize,
    /// Grid precision, if any.
    pub grid: Option<u8>,
    /// Parent boundaries.
    pub parents: bool,
}

/// What the base layer is drawn from.
pub struct Base<'a> {
    /// Projection.
    pub proj: Proj,
    /// Device pixels per CSS pixel.
    pub dpr: f64,
    /// Colours.
    pub ink: MapInk,
    /// Coastline, if loaded.
    pub coast: Option<&'a Coast>,
    /// Grid precision, if any.
    pub grid: Option<u8>,
    /// Parent boundaries.
    pub parents: bool,
    /// Points under everything, sorted by latitude ([`MapCache::sorted_by_lat`]).
    pub points: Option<&'a [LatLng]>,
    /// The map's caches.
    pub cache: &'a MapCache,
}

/// Background, beyond-the-pole hatching, reference lines, coastline, grid and labels, base
/// points. Returns the precision whose labels were drawn.
pub fn draw_base(ctx: &CanvasRenderingContext2d, base: &Base) -> Option<u8> {
    let Base {
        proj,
        dpr,
        ink,
        coast,
        grid,
        parents,
        points,
        ..
    } = *base;
    let proj = &proj;
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    ctx.set_fill_style_str(ink.water);
    ctx.fill_rect(0.0, 0.0, proj.w, proj.h);
    let (top, bottom) = (proj.y(90.0), proj.y(-90.0));
    ctx.set_fill_style_str(ink.void);
    if top > 0.0 {
        ctx.fill_rect(0.0, 0.0, proj.w, top);
    }
    if bottom < proj.h {
        ctx.fill_rect(0.0, bottom, proj.w, proj.h - bottom);
    }
    let painter = Painter {
        ctx,
        proj: *proj,
        ink,
        dpr,
        grid_labels: None,
        cache: base.cache,
    };
    if let Some(c) = coast {
        if !draw_coast_tiled(&painter, c) {
            draw_coast(&painter, c);
        }
    }
    let labelled = grid.and_then(|p| draw_grid(&painter, p, parents));
    let refs = Style::dashed(ink.reference, 1.0);
    painter.parallel(0.0, &refs);
    painter.meridian(0.0, -90.0, 90.0, &refs);
    painter.meridian(180.0, -90.0, 90.0, &refs);
    if top > 14.0 {
        painter.text(proj.w / 2.0, top / 2.0, "beyond the North Pole", false);
    }
    if proj.h - bottom > 14.0 {
        painter.text(
            proj.w / 2.0,
            f64::midpoint(bottom, proj.h),
            "beyond the South Pole",
            false,
        );
    }
    ref_labels(&painter);
    if let Some(pts) = points {
        // Sorted by latitude: only the band in view is visited.
        let m = 2.0 / proj.k;
        let lo = pts.partition_point(|p| p.lat < proj.south() - m);
        let hi = pts.partition_point(|p| p.lat <= proj.north + m);
        painter.dots(
            &mut pts[lo..hi.max(lo)].iter().copied(),
            Shape::Dot,
            ink.dots,
            1.5,
        );
    }
    labelled
}

fn ref_labels(p: &Painter) {
    let y = p.proj.y(0.0);
    if (10.0..p.proj.h - 10.0).contains(&y) {
        p.ctx.set_font("10px system-ui, sans-serif");
        p.ctx.set_fill_style_str(p.ink.reference);
        p.ctx.set_text_align("left");
        p.ctx.set_text_baseline("bottom");
        let _ = p.ctx.fill_text("equator", 4.0, y - 2.0);
    }
    let label_y = 12.0f64.max(p.proj.y(90.0) + 12.0);
    for (lng, name) in [(0.0, "prime meridian"), (180.0, "date line")] {
        for s in p.proj.shifts(lng, lng) {
            let x = p.proj.x(lng + s);
            if (4.0..p.proj.w - 90.0).contains(&x) && label_y < p.proj.h {
                p.ctx.set_font("10px system-ui, sans-serif");
                p.ctx.set_fill_style_str(p.ink.reference);
                p.ctx.set_text_align("left");
                p.ctx.set_text_baseline("top");
                let _ = p.ctx.fill_text(name, x + 3.0, label_y - 8.0);
            }
        }
    }
}

/// Blits the world's land from a cached tile; false when the scale is too large for a tile.
fn draw_coast_tiled(p: &Painter, coast: &Coast) -> bool {
    let (k, dpr) = (p.proj.k, p.dpr);
    let view_area = p.proj.w * p.proj.h * dpr * dpr;
    let Some((tw, th)) = tile_size(k, dpr, view_area) else {
        return false;
    };
    let key = TileKey {
        k,
        dpr,
        land: p.ink.land,
        coast: std::ptr::from_ref(coast) as usize,
    };
    let cached = {
        let mut t = p.cache.coast_tiles.borrow_mut();
        t.iter().position(|(tk, _)| *tk == key).map(|i| {
            let entry = t.remove(i);
            let canvas = entry.1.clone();
            t.insert(0, entry);
            canvas
        })
    };
    let tile = if let Some(c) = cached {
        c
    } else {
        let Some((canvas, ctx)) = offscreen(tw, th) else {
            return false;
        };
        let tp = Painter {
            ctx: &ctx,
            proj: Proj {
                west: -180.0,
                north: 90.0,
                k,
                w: 360.0 * k,
                h: 180.0 * k,
            },
            ink: p.ink,
            dpr,
            grid_labels: None,
            cache: p.cache,
        };
        let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
        draw_coast(&tp, coast);
        let mut t = p.cache.coast_tiles.borrow_mut();
        t.insert(0, (key, canvas.clone()));
        t.truncate(3);
        canvas
    };
    p.ctx.save();
    let _ = p.ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    let y = (p.proj.y(90.0) * dpr).round();
    for s in p.proj.shifts(-180.0, 180.0) {
        let x = (p.proj.x(-180.0 + s) * dpr).round();
        let _ = p.ctx.draw_image_with_html_canvas_element(&tile, x, y);
    }
    p.ctx.restore();
    true
}

/// Fills and strokes the land in view.
fn draw_coast(p: &Painter, coast: &Coast) {
    let ctx = p.ctx;
    let proj = &p.proj;
    ctx.begin_path();
    let trace = |pts: &mut dyn Iterator<Item = (f64, f64)>| {
        for (i, (x, y)) in pts.enumerate() {
            if i == 0 {
                ctx.move_to(proj.x(x), proj.y(y));
            } else {
                ctx.line_to(proj.x(x), proj.y(y));
            }
        }
        ctx.close_path();
    };
    for piece in coast_pieces(proj, coast, &proj.clip_box(20.0)) {
        match piece {
            CoastPiece::Whole(pts, s) => trace(&mut pts.iter().map(|&(x, y)| (x + s, y))),
            CoastPiece::Clipped(pts) if pts.len() >= 3 => trace(&mut pts.into_iter()),
            CoastPiece::Clipped(_) => {}
        }
    }
    ctx.set_fill_style_str(p.ink.land);
    ctx.fill();
    ctx.set_line_width(0.8);
    let _ = ctx.set_line_dash(&js_sys::Array::new());
    ctx.set_stroke_style_str(p.ink.coast);
    ctx.stroke();
}

/// Fills one precision's grid lines ([`grid_lines`]), `px` device pixels wide.
fn fill_grid_lines(p: &Painter, precision: u8, px: f64) {
    let Some(g) = grid_lines(&p.proj, precision, p.dpr, px) else {
        return;
    };
    for &x in &g.xs {
        p.ctx.fill_rect(x, g.top, g.width, g.bottom - g.top);
    }
    for &y in &g.ys {
        p.ctx.fill_rect(0.0, y, p.proj.w, g.width);
    }
}

/// The grid at `precision` (and its parents' boundaries); labels every cell if they fit.
/// Returns the precision labelled.
pub fn draw_grid(p: &Painter, precision: u8, parents: bool) -> Option<u8> {
    let dpr = p.dpr.max(1.0);
    p.ctx.set_fill_style_str(p.ink.grid);
    fill_grid_lines(p, precision, dpr.round());
    if parents && precision > 1 {
        p.ctx.set_fill_style_str(p.ink.parent);
        fill_grid_lines(p, precision - 1, (2.0 * dpr).round());
    }
    let labels = grid_labels(&p.proj, precision)?;
    let ctx = p.ctx;
    ctx.set_font(if labels.big {
        "600 13px ui-monospace, SFMono-Regular, Menlo, monospace"
    } else {
        "11px ui-monospace, SFMono-Regular, Menlo, monospace"
    });
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    ctx.set_fill_style_str(p.ink.text);
    for (cell, cx, cy) in &labels.cells {
        let _ = ctx.fill_text(&cell.to_hash(), *cx, *cy);
    }
    Some(precision)
}

/// Draws a whole map (no caching): base, then overlay. For benchmarks.
pub fn draw_full(ctx: &CanvasRenderingContext2d, base: &Base, overlay: Option<&dyn Fn(&Painter)>) {
    let labels = draw_base(ctx, base);
    if let Some(draw) = overlay {
        draw(&Painter {
            ctx,
            proj: base.proj,
            ink: base.ink,
            dpr: base.dpr,
            grid_labels: labels,
            cache: base.cache,
        });
    }
}
