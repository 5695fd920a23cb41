//! The map's painter: draws on the canvas in degrees, every shape repeated across the date
//! line as the view needs (the clipping itself is [`crate::layout::clip`]).

use super::cache::MapCache;
use crate::codec::{BBox, Cell, LatLng};
use crate::layout::clip::{
    PathPiece, label_spot, path_pieces, rect_pieces, unwrap_line, unwrap_ring,
};
use crate::layout::dots::{Dots, Pixels, place_dots};
use crate::layout::grid::label_width;
use crate::layout::paint::{MapInk, Shape, Style};
use crate::layout::view::Proj;
use sdp_kit_web::canvas::rgb;
use wasm_bindgen::{Clamped, JsValue};
use web_sys::CanvasRenderingContext2d;

fn js_dash(on: bool) -> JsValue {
    let a = js_sys::Array::new();
    if on {
        a.push(&JsValue::from_f64(5.0));
        a.push(&JsValue::from_f64(4.0));
    }
    a.into()
}

/// Draws on the map in degrees; every shape repeats across the date line as the view needs.
pub struct Painter<'a> {
    /// The 2D context, scaled to CSS pixels.
    pub ctx: &'a CanvasRenderingContext2d,
    /// The projection.
    pub proj: Proj,
    /// Colours.
    pub ink: MapInk,
    /// Device pixels per CSS pixel.
    pub dpr: f64,
    /// The grid precision whose cell labels are drawn (overlay labels of the same cells skip).
    pub grid_labels: Option<u8>,
    /// The map's caches (the dense-points image).
    pub cache: &'a MapCache,
}

impl Painter<'_> {
    /// The visible box widened by a margin (for clipping).
    fn clip_box(&self) -> BBox {
        self.proj.clip_box(20.0)
    }

    fn apply(&self, style: &Style) {
        let _ = self.ctx.set_line_dash(&js_dash(style.dash));
        self.ctx.set_line_width(style.width);
        if let Some(s) = style.stroke {
            self.ctx.set_stroke_style_str(s);
        }
        if let Some(f) = style.fill {
            self.ctx.set_fill_style_str(f);
        }
    }

    fn finish(&self, style: &Style) {
        if style.fill.is_some() && style.fill_alpha > 0.0 {
            self.ctx.set_global_alpha(style.fill_alpha);
            self.ctx.fill();
            self.ctx.set_global_alpha(1.0);
        }
        if style.stroke.is_some() && style.width > 0.0 {
            self.ctx.stroke();
        }
        let _ = self.ctx.set_line_dash(&js_dash(false));
    }

    /// A box (a cell), with an optional label in its middle if it fits.
    pub fn rect(&self, b: BBox, style: &Style, label: Option<&str>) {
        let pieces = rect_pieces(&self.proj, &b, &self.clip_box());
        self.apply(style);
        self.ctx.begin_path();
        for piece in &pieces {
            let (x, y, w, h) = piece.clipped;
            self.ctx.rect(x, y, w, h);
        }
        self.finish(style);
        if let Some(text) = label {
            for piece in &pieces {
                let size = (self.proj.w, self.proj.h);
                if let Some((cx, cy)) = label_spot(piece.full, size, text.chars().count()) {
                    self.text(cx, cy, text, true);
                }
            }
        }
    }

    /// Many boxes in one path (no labels).
    pub fn rects(&self, boxes: &[BBox], style: &Style) {
        let clip = self.clip_box();
        self.apply(style);
        self.ctx.begin_path();
        for b in boxes {
            for piece in rect_pieces(&self.proj, b, &clip) {
                let (x, y, w, h) = piece.clipped;
                self.ctx.rect(x, y, w, h);
            }
        }
        self.finish(style);
    }

    /// A cell's label, unless the grid already labels cells of its precision.
    pub fn cell_label(&self, cell: Cell) -> Option<String> {
        (self.grid_labels != Some(cell.precision)).then(|| cell.to_hash())
    }

    /// Text centred at a pixel, with a halo so it reads over anything.
    pub fn text(&self, x: f64, y: f64, text: &str, bold: bool) {
        let ctx = self.ctx;
        ctx.set_font(if bold {
            "600 11px ui-monospace, SFMono-Regular, Menlo, monospace"
        } else {
            "11px ui-monospace, SFMono-Regular, Menlo, monospace"
        });
        ctx.set_text_align("center");
        ctx.set_text_baseline("middle");
        ctx.set_line_width(3.0);
        ctx.set_stroke_style_str(self.ink.halo);
        let _ = ctx.set_line_dash(&js_dash(false));
        let _ = ctx.stroke_text(text, x, y);
        ctx.set_fill_style_str(self.ink.text);
        let _ = ctx.fill_text(text, x, y);
    }

    /// Text at a point on the globe (repeated across the date line), offset in pixels.
    pub fn text_at(&self, p: LatLng, dx: f64, dy: f64, text: &str) {
        for s in self.proj.shifts(p.lng, p.lng) {
            let (x, y) = (self.proj.x(p.lng + s) + dx, self.proj.y(p.lat) + dy);
            if (-60.0..self.proj.w + 60.0).contains(&x) && (-20.0..self.proj.h + 20.0).contains(&y)
            {
                self.text(x, y, text, true);
            }
        }
    }

    /// A closed polygon given as points on the globe (unwrapped across the date line).
    pub fn polygon(&self, pts: &[LatLng], style: &Style) {
        if pts.len() < 3 {
            return;
        }
        let ring = unwrap_ring(pts);
        self.path(&ring, true, style);
    }

    /// An open line through points on the globe (unwrapped across the date line).
    pub fn polyline(&self, pts: &[LatLng], style: &Style) {
        if pts.len() < 2 {
            return;
        }
        self.path(&unwrap_line(pts), false, style);
    }

    /// A path in degrees (already unwrapped), clipped and repeated.
    pub fn path(&self, pts: &[(f64, f64)], closed: bool, style: &Style) {
        self.apply(style);
        self.ctx.begin_path();
        for piece in path_pieces(&self.proj, pts, closed, &self.clip_box()) {
            match piece {
                PathPiece::Ring(ring) => self.ring_path(&ring),
                PathPiece::Segment(a, c) => {
                    self.ctx.move_to(a.0, a.1);
                    self.ctx.line_to(c.0, c.1);
                }
            }
        }
        self.finish(style);
    }

    /// Traces a ring given in CSS pixels.
    fn ring_path(&self, ring: &[(f64, f64)]) {
        let mut first = true;
        for &(px, py) in ring {
            if first {
                self.ctx.move_to(px, py);
                first = false;
            } else {
                self.ctx.line_to(px, py);
            }
        }
        if !first {
            self.ctx.close_path();
        }
    }

    /// A horizontal line at a latitude across the view.
    pub fn parallel(&self, lat: f64, style: &Style) {
        let y = self.proj.y(lat);
        if !(-2.0..=self.proj.h + 2.0).contains(&y) {
            return;
        }
        self.apply(style);
        self.ctx.begin_path();
        self.ctx.move_to(0.0, y);
        self.ctx.line_to(self.proj.w, y);
        self.finish(style);
    }

    /// A vertical line at a longitude (repeated), between two latitudes.
    pub fn meridian(&self, lng: f64, south: f64, north: f64, style: &Style) {
        let (y0, y1) = (
            self.proj.y(north.min(self.proj.north)),
            self.proj.y(south.max(self.proj.south())),
        );
        self.apply(style);
        self.ctx.begin_path();
        for s in self.proj.shifts(lng, lng) {
            let x = self.proj.x(lng + s);
            self.ctx.move_to(x, y0);
            self.ctx.line_to(x, y1);
        }
        self.finish(style);
    }

    /// One marker with an optional label beside it.
    pub fn marker(&self, p: LatLng, shape: Shape, colour: &'static str, label: Option<&str>) {
        for s in self.proj.shifts(p.lng, p.lng) {
            let (x, y) = (self.proj.x(p.lng + s), self.proj.y(p.lat));
            if !(-20.0..self.proj.w + 20.0).contains(&x)
                || !(-20.0..self.proj.h + 20.0).contains(&y)
            {
                continue;
            }
            self.ctx.begin_path();
            self.shape_path(shape, x, y, 6.0);
            self.ctx.set_line_width(3.0);
            self.ctx.set_stroke_style_str(self.ink.halo);
            self.ctx.stroke();
            self.paint_shape(shape, colour, 2.0);
            if let Some(l) = label {
                self.ctx.set_text_align("left");
                self.text(
                    x + 10.0 + label_width(l.chars().count()) / 2.0 - 3.0,
                    y - 8.0,
                    l,
                    true,
                );
            }
        }
    }

    fn shape_path(&self, shape: Shape, x: f64, y: f64, r: f64) {
        let ctx = self.ctx;
        match shape {
            Shape::Dot | Shape::Ring => {
                ctx.move_to(x + r, y);
                let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
            }
            Shape::Square => ctx.rect(x - r * 0.8, y - r * 0.8, r * 1.6, r * 1.6),
            Shape::Cross => {
                ctx.move_to(x - r, y - r);
                ctx.line_to(x + r, y + r);
                ctx.move_to(x - r, y + r);
                ctx.line_to(x + r, y - r);
            }
            Shape::Diamond => {
                ctx.move_to(x, y - r);
                ctx.line_to(x + r, y);
                ctx.line_to(x, y + r);
                ctx.line_to(x - r, y);
                ctx.close_path();
            }
        }
    }

    fn paint_shape(&self, shape: Shape, colour: &'static str, width: f64) {
        match shape {
            Shape::Dot | Shape::Diamond => {
                self.ctx.set_fill_style_str(colour);
                self.ctx.fill();
            }
            _ => {
                self.ctx.set_line_width(width);
                self.ctx.set_stroke_style_str(colour);
                self.ctx.stroke();
            }
        }
    }

    /// Many points: shapes up to [`crate::layout::dots::MAX_SHAPES`] visible, pixels beyond
    /// (one image for any number of points, so 100 000 stay fast).
    pub fn dots(
        &self,
        pts: &mut dyn Iterator<Item = LatLng>,
        shape: Shape,
        colour: &'static str,
        r: f64,
    ) {
        let mut buf = std::mem::take(&mut *self.cache.scratch.borrow_mut());
        match place_dots(&self.proj, pts, r, (self.dpr, rgb(colour), &mut buf)) {
            Dots::None => {}
            Dots::Shapes(shapes) => {
                self.ctx.begin_path();
                for &(x, y) in &shapes {
                    self.shape_path(shape, x, y, r);
                }
                self.paint_shape(shape, colour, 1.5);
            }
            Dots::Dense(image) => {
                self.put_pixels(&image);
                buf = image.buf;
            }
        }
        *self.cache.scratch.borrow_mut() = buf;
    }

    /// Draws an image of plotted dots over the canvas (through the cached scratch canvas).
    fn put_pixels(&self, image: &Pixels) {
        let (w, h) = (image.w as u32, image.h as u32);
        let Ok(data) =
            web_sys::ImageData::new_with_u8_clamped_array_and_sh(Clamped(&image.buf[..]), w, h)
        else {
            return;
        };
        if let Some((canvas, ctx)) = self.cache.scratch_canvas(w, h) {
            let _ = ctx.put_image_data(&data, 0.0, 0.0);
            self.ctx.save();
            let _ = self.ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
            let _ = self
                .ctx
                .draw_image_with_html_canvas_element(&canvas, 0.0, 0.0);
            self.ctx.restore();
        }
    }
}
