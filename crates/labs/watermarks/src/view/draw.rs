//! Canvas helpers shared by the watermarks figures: sizing for the device pixel ratio, colours
//! for light and dark, the event markers (shape per route, so colour is never the only cue),
//! hatching, and a resize hook.

use crate::layout::prep::Class;
use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

/// Colours of one colour scheme (Okabe–Ito where a series is meant).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    /// Text and strong lines.
    pub fg: &'static str,
    /// Guides.
    pub muted: &'static str,
    /// Faint fills (grid bands, lanes).
    pub faint: &'static str,
    /// Background behind labels.
    pub bg: &'static str,
    /// The focused item.
    pub accent: &'static str,
    /// On-time events.
    pub on_time: &'static str,
    /// Late events that still joined a window.
    pub late: &'static str,
    /// Side output.
    pub side: &'static str,
    /// Dropped.
    pub dropped: &'static str,
    /// The global watermark.
    pub global: &'static str,
    /// The single-source watermark `max_seen − bound`.
    pub single: &'static str,
}

/// The theme for light or dark mode.
pub fn theme(dark: bool) -> Theme {
    if dark {
        Theme {
            fg: "#e8e8e8",
            muted: "#8a8f98",
            faint: "rgba(255,255,255,0.05)",
            bg: "rgba(22,24,28,0.85)",
            accent: "#ff6b9a",
            on_time: "#56B4E9",
            late: "#E69F00",
            side: "#FF7A3D",
            dropped: "#B0B0B0",
            global: "#2BC49A",
            single: "#E08CC0",
        }
    } else {
        Theme {
            fg: "#1d1d1f",
            muted: "#8a8f98",
            faint: "rgba(0,0,0,0.045)",
            bg: "rgba(255,255,255,0.85)",
            accent: "#c2185b",
            on_time: "#0072B2",
            late: "#B87A00",
            side: "#D55E00",
            dropped: "#6b6b6b",
            global: "#00805C",
            single: "#B0508A",
        }
    }
}

impl Theme {
    /// Colour of an event class.
    pub fn class(&self, c: Class) -> &'static str {
        match c {
            Class::OnTime => self.on_time,
            Class::Late => self.late,
            Class::Side => self.side,
            Class::Dropped => self.dropped,
        }
    }
}

/// True in dark mode.
pub fn dark() -> bool {
    sdp_kit_web::dom::prefers_dark()
}

/// The 2-D context of a canvas.
pub fn context(el: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    el.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// Sizes `el` to `w × h` CSS pixels at the device pixel ratio and returns a context whose
/// units are CSS pixels, cleared.
pub fn prepare(el: &HtmlCanvasElement, w: f64, h: f64) -> Option<CanvasRenderingContext2d> {
    let dpr = gloo::utils::window().device_pixel_ratio().clamp(1.0, 3.0);
    let (pw, ph) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
    if el.width() != pw {
        el.set_width(pw);
    }
    if el.height() != ph {
        el.set_height(ph);
    }
    let style = format!("height:{h:.0}px");
    if el.get_attribute("style").as_deref() != Some(style.as_str()) {
        let _ = el.set_attribute("style", &style);
    }
    let ctx = context(el)?;
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, w, h);
    Some(ctx)
}

/// The CSS width of a canvas (800 before layout).
pub fn css_width(el: &HtmlCanvasElement) -> f64 {
    match el.client_width() {
        w if w > 0 => f64::from(w),
        _ => 800.0,
    }
}

/// The CSS width of a canvas, measured again only when `resize` changed (reading it forces a
/// layout, so drawing a step does not measure).
pub fn cached_width(el: &HtmlCanvasElement, cache: &mut (u32, f64), resize: u32) -> f64 {
    if cache.1 <= 0.0 || cache.0 != resize {
        *cache = (resize, css_width(el));
    }
    cache.1
}

/// A JS array of numbers (for `setLineDash`).
pub fn dash(values: &[f64]) -> JsValue {
    values
        .iter()
        .map(|&v| JsValue::from_f64(v))
        .collect::<js_sys::Array>()
        .into()
}

/// Sets a dash pattern (empty: solid).
pub fn set_dash(ctx: &CanvasRenderingContext2d, values: &[f64]) {
    let _ = ctx.set_line_dash(&dash(values));
}

/// Adds the marker of `class` at `(x, y)` with radius `r` to the current path: a disc (on
/// time), a triangle (late, joined), a cross (side output) or a square (dropped). Discs and
/// triangles are filled, crosses and squares stroked.
pub fn marker(ctx: &CanvasRenderingContext2d, class: Class, x: f64, y: f64, r: f64) {
    match class {
        Class::OnTime => {
            ctx.move_to(x + r, y);
            let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
        }
        Class::Late => {
            let r = r * 1.25;
            ctx.move_to(x, y - r);
            ctx.line_to(x + r * 0.95, y + r * 0.7);
            ctx.line_to(x - r * 0.95, y + r * 0.7);
            ctx.close_path();
        }
        Class::Side => {
            let r = r * 1.1;
            ctx.move_to(x - r, y - r);
            ctx.line_to(x + r, y + r);
            ctx.move_to(x - r, y + r);
            ctx.line_to(x + r, y - r);
        }
        Class::Dropped => {
            ctx.rect(x - r, y - r, 2.0 * r, 2.0 * r);
        }
    }
}

/// True if `class` markers are filled (else stroked).
pub fn filled(class: Class) -> bool {
    matches!(class, Class::OnTime | Class::Late)
}

/// Adds diagonal hatching inside a rectangle to the current path (segments cut to the
/// rectangle: no clip, so many rectangles share one stroke).
pub fn hatch_path(ctx: &CanvasRenderingContext2d, x: f64, y: f64, w: f64, h: f64, gap: f64) {
    for ((ax, ay), (bx, by)) in crate::layout::geom::hatch_segments(x, y, w, h, gap) {
        ctx.move_to(ax, ay);
        ctx.line_to(bx, by);
    }
}

/// Draws diagonal hatching inside a rectangle.
pub fn hatch(
    ctx: &CanvasRenderingContext2d,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    colour: &str,
    gap: f64,
) {
    ctx.set_stroke_style_str(colour);
    ctx.set_line_width(1.0);
    ctx.begin_path();
    hatch_path(ctx, x, y, w, h, gap);
    ctx.stroke();
}

/// Text with a translucent background box, for labels over data. `align` is `left`, `right` or
/// `center`; `y` is the baseline.
pub fn label(
    ctx: &CanvasRenderingContext2d,
    text: &str,
    (x, y): (f64, f64),
    align: &str,
    colour: &str,
    t: &Theme,
) {
    let w = text_width(ctx, text);
    let left = match align {
        "right" => x - w,
        "center" => x - w / 2.0,
        _ => x,
    };
    ctx.set_fill_style_str(t.bg);
    ctx.fill_rect(left - 2.0, y - 11.0, w + 4.0, 14.0);
    ctx.set_fill_style_str(colour);
    ctx.set_text_align(align);
    ctx.fill_text(text, x, y).ok();
}

/// A label beside `x` (right of it if it fits before `max_x`, else left of it, else clamped
/// inside `[min_x, max_x]`), on baseline `y`.
#[allow(clippy::too_many_arguments)]
pub fn label_near(
    ctx: &CanvasRenderingContext2d,
    text: &str,
    x: f64,
    y: f64,
    (min_x, max_x): (f64, f64),
    colour: &str,
    t: &Theme,
) {
    let w = text_width(ctx, text);
    let left = if x + 5.0 + w <= max_x {
        x + 5.0
    } else if x - 5.0 - w >= min_x {
        x - 5.0 - w
    } else {
        (max_x - w).max(min_x)
    };
    label(ctx, text, (left, y), "left", colour, t);
}

/// The label font.
pub const NORMAL: &str = "11px system-ui, sans-serif";
/// The bold label font.
pub const BOLD: &str = "bold 11px system-ui, sans-serif";

/// Sets the label font (normal or bold); [`text_width`] measures in it.
pub fn font(ctx: &CanvasRenderingContext2d, bold: bool) {
    ctx.set_font(if bold { BOLD } else { NORMAL });
}

/// `measureText(text).width` in the current context font.
fn measure(ctx: &CanvasRenderingContext2d, text: &str) -> Option<f64> {
    ctx.measure_text(text).ok().map(|m| m.width())
}

/// The width of `text` in the context's current font (set by [`font`]): one measurement per
/// label, with a rough estimate if the browser gives none.
pub fn text_width(ctx: &CanvasRenderingContext2d, text: &str) -> f64 {
    measure(ctx, text).unwrap_or_else(|| 6.2 * text.chars().count() as f64)
}

/// A small stopwatch glyph (the idle timeout firing) centred at `(x, y)`.
pub fn stopwatch(ctx: &CanvasRenderingContext2d, x: f64, y: f64, r: f64, colour: &str) {
    ctx.set_stroke_style_str(colour);
    ctx.set_line_width(1.5);
    ctx.begin_path();
    let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
    ctx.move_to(x, y);
    ctx.line_to(x, y - r * 0.7);
    ctx.move_to(x, y);
    ctx.line_to(x + r * 0.55, y + r * 0.2);
    ctx.move_to(x - r * 0.35, y - r - 2.0);
    ctx.line_to(x + r * 0.35, y - r - 2.0);
    ctx.stroke();
}

/// Adds `ms` to `window.__wmTimings[name]` when a benchmark has created that object (the
/// browser benchmark reads how long the canvases take to draw; otherwise this does nothing).
pub fn record(name: &str, ms: f64) {
    let window = gloo::utils::window();
    let Ok(timings) = js_sys::Reflect::get(&window, &"__wmTimings".into()) else {
        return;
    };
    if !timings.is_object() {
        return;
    }
    if let Ok(list) = js_sys::Reflect::get(&timings, &name.into()) {
        if let Some(list) = list.dyn_ref::<js_sys::Array>() {
            list.push(&JsValue::from_f64(ms));
            return;
        }
    }
    let list = js_sys::Array::of1(&JsValue::from_f64(ms));
    let _ = js_sys::Reflect::set(&timings, &name.into(), &list);
}

/// A counter that changes when the window is resized (redraw canvases on it).
#[hook]
pub fn use_resize() -> u32 {
    let n = use_state(|| 0u32);
    {
        let n = n.clone();
        use_effect_with((), move |()| {
            let mut k = 0u32;
            let listener = EventListener::new(&gloo::utils::window(), "resize", move |_| {
                k = k.wrapping_add(1);
                n.set(k);
            });
            move || drop(listener)
        });
    }
    *n
}
