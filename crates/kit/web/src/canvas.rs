//! Canvas helpers shared by the views: the 2-D context, colours as bytes, a pixel raster for
//! dense drawings (one `putImageData` instead of one call per point), dashes, and a
//! `requestAnimationFrame` loop that respects reduced motion.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The 2-D context of a canvas (`None` if the browser refuses one).
pub fn context_2d(el: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    el.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// `#RRGGBB` as bytes (grey for anything else).
pub fn rgb(hex: &str) -> [u8; 3] {
    let h = hex.trim_start_matches('#');
    let byte = |i: usize| {
        h.get(i..i + 2)
            .and_then(|s| u8::from_str_radix(s, 16).ok())
            .unwrap_or(128)
    };
    if h.len() == 6 {
        [byte(0), byte(2), byte(4)]
    } else {
        [128, 128, 128]
    }
}

/// Mixes `a` towards `b` by `t` (0 = a, 1 = b).
pub fn mix(a: [u8; 3], b: [u8; 3], t: f64) -> [u8; 3] {
    let t = t.clamp(0.0, 1.0);
    let m = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    [m(a[0], b[0]), m(a[1], b[1]), m(a[2], b[2])]
}

/// `rgba(r, g, b, a)` for canvas styles.
pub fn rgba(c: [u8; 3], alpha: f64) -> String {
    format!("rgba({},{},{},{alpha:.3})", c[0], c[1], c[2])
}

/// Sets a dash pattern (empty slice: solid).
pub fn dash(ctx: &CanvasRenderingContext2d, pattern: &[f64]) {
    let array: js_sys::Array = pattern.iter().map(|&v| JsValue::from_f64(v)).collect();
    let _ = ctx.set_line_dash(&array);
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = ImageData)]
    type RawImageData;

    #[wasm_bindgen(constructor, catch, js_class = "ImageData")]
    fn new(data: Clamped<&[u8]>, width: u32, height: u32) -> Result<RawImageData, JsValue>;

    type RawContext;

    #[wasm_bindgen(method, structural, js_name = putImageData)]
    fn put_image_data(this: &RawContext, data: &RawImageData, x: f64, y: f64);

    #[wasm_bindgen(method, structural, js_name = getImageData)]
    fn get_image_data(this: &RawContext, x: f64, y: f64, w: f64, h: f64) -> RawImageData;
}

/// Waits until the canvas has executed every drawing call so far (reads one pixel back); for
/// benchmarks that time drawing.
pub fn flush(ctx: &CanvasRenderingContext2d) {
    let _ = ctx
        .unchecked_ref::<RawContext>()
        .get_image_data(0.0, 0.0, 1.0, 1.0);
}

/// A detached canvas of `w × h` pixels and its context (for benchmarks).
pub fn offscreen(w: u32, h: u32) -> Option<(HtmlCanvasElement, CanvasRenderingContext2d)> {
    let el: HtmlCanvasElement = web_sys::window()?
        .document()?
        .create_element("canvas")
        .ok()?
        .dyn_into()
        .ok()?;
    el.set_width(w);
    el.set_height(h);
    let ctx = context_2d(&el)?;
    Some((el, ctx))
}

/// "median …, p95 …, max …" of milliseconds.
pub fn spread(mut v: Vec<f64>) -> String {
    if v.is_empty() {
        return "no samples".into();
    }
    v.sort_by(f64::total_cmp);
    let q = |p: f64| v[((p * v.len() as f64) as usize).min(v.len() - 1)];
    format!(
        "median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        q(0.5),
        q(0.95),
        v[v.len() - 1]
    )
}

/// An RGBA pixel buffer drawn onto a canvas in one call: for scatters of up to 100 000 rows and
/// grids of up to 65 536 cells, where one canvas call per item would be too slow.
pub struct Raster {
    /// Width in pixels.
    pub w: u32,
    /// Height in pixels.
    pub h: u32,
    /// Row-major RGBA bytes.
    pub buf: Vec<u8>,
}

impl Raster {
    /// A `w × h` raster filled with `bg`.
    pub fn new(w: u32, h: u32, bg: [u8; 3]) -> Self {
        Raster {
            w,
            h,
            buf: [bg[0], bg[1], bg[2], 255].repeat((w as usize) * (h as usize)),
        }
    }

    /// Fills every pixel with `c`.
    pub fn clear(&mut self, c: [u8; 3]) {
        fill_pixels(&mut self.buf, c);
    }

    /// Fills the rectangle `[x0, x1) × [y0, y1)` (clipped) with `c`, a row slice at a time (a
    /// write per pixel through bounds-checked indexing is several times slower in a size-first
    /// build, and the labs fill whole canvases with it).
    pub fn rect(&mut self, x0: i32, y0: i32, x1: i32, y1: i32, c: [u8; 3]) {
        let (w, h) = (self.w as i32, self.h as i32);
        let (x0, x1) = (x0.clamp(0, w) as usize, x1.clamp(0, w) as usize);
        let (y0, y1) = (y0.clamp(0, h) as usize, y1.clamp(0, h) as usize);
        if x1 <= x0 {
            return;
        }
        let stride = self.w as usize * 4;
        for y in y0..y1 {
            let at = y * stride;
            if let Some(row) = self.buf.get_mut(at + x0 * 4..at + x1 * 4) {
                fill_pixels(row, c);
            }
        }
    }

    /// A square dot of side `size` centred on `(x, y)`.
    pub fn dot(&mut self, x: f64, y: f64, size: i32, c: [u8; 3]) {
        let (cx, cy) = (x.floor() as i32, y.floor() as i32);
        let lo = -(size - 1) / 2;
        self.rect(cx + lo, cy + lo, cx + lo + size, cy + lo + size, c);
    }

    /// Draws the raster at the top-left corner of the canvas (false if the browser refused).
    pub fn put(&self, ctx: &CanvasRenderingContext2d) -> bool {
        match RawImageData::new(Clamped(&self.buf[..]), self.w, self.h) {
            Ok(data) => {
                ctx.unchecked_ref::<RawContext>()
                    .put_image_data(&data, 0.0, 0.0);
                true
            }
            Err(_) => false,
        }
    }
}

/// Sets every RGBA pixel of `px` (a whole number of pixels) to `c`, opaque.
fn fill_pixels(px: &mut [u8], c: [u8; 3]) {
    for p in px.chunks_exact_mut(4) {
        if let [r, g, b, a] = p {
            (*r, *g, *b, *a) = (c[0], c[1], c[2], 255);
        }
    }
}

/// The per-frame callback, shared with itself so it can ask for the next frame.
type FrameCallback = Rc<RefCell<Option<Closure<dyn FnMut(f64)>>>>;

/// A running animation; dropping it cancels the next frame.
pub struct Frames {
    id: Rc<Cell<i32>>,
    callback: FrameCallback,
}

impl Drop for Frames {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            let _ = w.cancel_animation_frame(self.id.get());
        }
        self.callback.borrow_mut().take();
    }
}

/// Calls `draw(t)` with `t` going from 0 to 1 over `duration_ms`, once per frame. Under
/// `prefers-reduced-motion` (or without `requestAnimationFrame`) it draws the end state at once.
pub fn animate(duration_ms: f64, mut draw: impl FnMut(f64) + 'static) -> Option<Frames> {
    let window = web_sys::window()?;
    if crate::dom::prefers_reduced_motion() || duration_ms <= 0.0 {
        draw(1.0);
        return None;
    }
    draw(0.0);
    let start = crate::dom::now_ms();
    let id = Rc::new(Cell::new(0));
    let callback: FrameCallback = Rc::new(RefCell::new(None));
    let (id2, callback2, window2) = (id.clone(), callback.clone(), window.clone());
    *callback.borrow_mut() = Some(Closure::new(move |_: f64| {
        let t = ((crate::dom::now_ms() - start) / duration_ms).clamp(0.0, 1.0);
        draw(t);
        if t < 1.0 {
            if let Some(f) = callback2.borrow().as_ref() {
                if let Ok(next) = window2.request_animation_frame(f.as_ref().unchecked_ref()) {
                    id2.set(next);
                }
            }
        }
    }));
    let first = callback.borrow().as_ref().and_then(|f| {
        window
            .request_animation_frame(f.as_ref().unchecked_ref())
            .ok()
    });
    if let Some(first) = first {
        id.set(first);
        Some(Frames { id, callback })
    } else {
        callback.borrow_mut().take();
        None
    }
}

/// Position of a pointer event in canvas pixels (the canvas may be scaled by CSS), and the
/// ratio canvas pixels per CSS pixel.
pub fn event_px(el: &HtmlCanvasElement, client_x: i32, client_y: i32) -> ((f64, f64), f64) {
    let r = el.get_bounding_client_rect();
    let ratio = if r.width() > 0.0 {
        f64::from(el.width()) / r.width()
    } else {
        1.0
    };
    (
        (
            (f64::from(client_x) - r.left()) * ratio,
            (f64::from(client_y) - r.top()) * ratio,
        ),
        ratio,
    )
}

/// The canvas behind `node` and its 2D context, once it is in the page.
pub fn canvas_and_context(
    node: &yew::NodeRef,
) -> Option<(HtmlCanvasElement, CanvasRenderingContext2d)> {
    let canvas = node.cast::<HtmlCanvasElement>()?;
    let ctx = context_2d(&canvas)?;
    Some((canvas, ctx))
}

#[cfg(test)]
mod tests {
    use super::Raster;

    /// The pixel at `(x, y)`.
    fn at(r: &Raster, x: usize, y: usize) -> [u8; 4] {
        let i = (y * r.w as usize + x) * 4;
        [r.buf[i], r.buf[i + 1], r.buf[i + 2], r.buf[i + 3]]
    }

    #[test]
    fn rect_fills_exactly_its_clipped_pixels() {
        let (bg, ink) = ([1, 2, 3], [9, 8, 7]);
        let mut r = Raster::new(5, 4, bg);
        r.rect(-2, 1, 3, 9, ink);
        for y in 0..4 {
            for x in 0..5 {
                let want = if x < 3 && y >= 1 { ink } else { bg };
                assert_eq!(at(&r, x, y), [want[0], want[1], want[2], 255], "({x}, {y})");
            }
        }
        r.rect(4, 0, 2, 4, [0, 0, 0]);
        assert_eq!(
            at(&r, 4, 0),
            [1, 2, 3, 255],
            "an empty rectangle draws nothing"
        );
    }

    #[test]
    fn dots_are_centred_squares() {
        let mut r = Raster::new(6, 6, [0, 0, 0]);
        r.dot(2.7, 3.2, 1, [5, 5, 5]);
        let lit: Vec<(usize, usize)> = (0..36)
            .map(|i| (i % 6, i / 6))
            .filter(|&(x, y)| at(&r, x, y)[0] == 5)
            .collect();
        assert_eq!(lit, [(2, 3)]);
        r.clear([0, 0, 0]);
        r.dot(2.0, 2.0, 3, [5, 5, 5]);
        let n = (0..36).filter(|i| at(&r, i % 6, i / 6)[0] == 5).count();
        assert_eq!(
            (n, at(&r, 1, 1)[0], at(&r, 3, 3)[0], at(&r, 4, 4)[0]),
            (9, 5, 5, 0)
        );
    }
}
