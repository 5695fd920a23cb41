//! Window bands on the event-time axis: one row per key (sliding windows stacked in
//! `size / slide` sub-rows), each window a band from its start to its end, open (outline),
//! fired and kept for the allowed lateness (solid, ✓) or purged (hatched, ✗), with a tick for
//! every event copied into it and its count. The global watermark and the purge line
//! (watermark − allowed lateness) cross all rows, so a window fires when the watermark passes
//! its end. Below, for tumbling and sliding windows, what each time domain emitted for the same
//! windows over all keys: event time against processing time, the counts that differ marked ≠.

use super::WmProps;
use super::draw::{self, Theme};
use super::geom::{self, HitRect, Scale};
use super::prep::{self, Prep, Shown};
use crate::palette;
use sdp_stream::engine::Event;
use sdp_stream::operator::{EmitCause, WindowStatus};
use sdp_stream::stream::key_name;
use sdp_stream::time::{END_OF_TIME, format_duration, format_time, format_watermark};
use sdp_stream::window::WindowKind;
use sdp_stream::wm_lab::{ComparisonRow, WmFocus, WmState};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

/// Most windows drawn one by one.
pub const MAX_BANDS: usize = 2_500;
/// Most member ticks drawn.
const MAX_TICKS: usize = 6_000;

/// What a band stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    /// An event-time window (id).
    Window(u32),
    /// A grid window in the comparison rows (start).
    Grid(i64),
}

/// Row geometry of the bands canvas.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BandLayout {
    /// Canvas width.
    pub width: f64,
    /// Canvas height.
    pub height: f64,
    /// Left edge of the bands.
    pub left: f64,
    /// Right edge.
    pub right: f64,
    /// Top of the first key row.
    pub top: f64,
    /// Height of a key row.
    pub key_h: f64,
    /// Sub-rows per key row.
    pub sub: usize,
    /// Top of the comparison rows (if any).
    pub cmp_top: Option<f64>,
    /// Number of comparison rows.
    pub cmp_rows: usize,
    /// Bottom of the rows (axis line).
    pub bottom: f64,
}

impl BandLayout {
    /// The layout for `keys` keys, `sub` sub-rows and `cmp_rows` comparison rows.
    ///
    /// ```
    /// use sdp_web::labs::watermarks::windows::BandLayout;
    /// let l = BandLayout::new(700.0, 2, 1, 2);
    /// assert!(l.cmp_top.is_some_and(|c| c > l.top + 2.0 * l.key_h));
    /// assert!(l.bottom < l.height);
    /// ```
    pub fn new(width: f64, keys: usize, sub: usize, cmp_rows: usize) -> Self {
        let width = width.max(200.0);
        let sub = sub.max(1);
        let key_h = if sub == 1 {
            30.0
        } else {
            (sub as f64 * 9.0).clamp(30.0, 64.0)
        };
        let left = if width < 560.0 { 72.0 } else { 92.0 };
        let top = 38.0;
        let rows_bottom = top + keys as f64 * key_h;
        let (cmp_top, bottom) = if cmp_rows > 0 {
            let c = rows_bottom + 22.0;
            (Some(c), c + cmp_rows as f64 * key_h)
        } else {
            (None, rows_bottom)
        };
        BandLayout {
            width,
            height: bottom + 34.0,
            left,
            right: width - 10.0,
            top,
            key_h,
            sub,
            cmp_top,
            cmp_rows,
            bottom,
        }
    }

    /// Top and height of the band of sub-row `r` in the row starting at `row_top`.
    pub fn band_y(&self, row_top: f64, r: usize) -> (f64, f64) {
        let h = self.key_h / self.sub as f64;
        (row_top + r as f64 * h + 1.0, (h - 2.0).max(2.0))
    }
}

#[component]
pub fn Windows(props: &WmProps) -> Html {
    let canvas = use_node_ref();
    let resize = draw::use_resize();
    let hovered = use_state(|| None::<Pick>);
    let hits = use_mut_ref(Vec::<HitRect<Pick>>::new);
    let width = use_mut_ref(|| (0u32, 0.0f64));
    {
        let (canvas, hits) = (canvas.clone(), hits.clone());
        use_effect_with(
            (props.clone(), resize, *hovered),
            move |(p, resize, hovered)| {
                if let (Some(el), Some(s)) = (canvas.cast::<HtmlCanvasElement>(), p.state()) {
                    let start = crate::dom::now_ms();
                    let t = draw::theme(draw::dark());
                    let w = draw::cached_width(&el, &mut width.borrow_mut(), *resize);
                    *hits.borrow_mut() = draw_bands(&el, w, s, &p.prep, *hovered, &t);
                    draw::record("windows", crate::dom::now_ms() - start);
                }
            },
        );
    }
    let Some(s) = props.state() else {
        return html! {};
    };
    let on_move = {
        let (hovered, hits) = (hovered.clone(), hits.clone());
        Callback::from(move |e: PointerEvent| {
            let found = geom::hit(
                &hits.borrow(),
                f64::from(e.offset_x()),
                f64::from(e.offset_y()),
                6.0,
            );
            if *hovered != found {
                hovered.set(found);
            }
        })
    };
    let on_leave = {
        let hovered = hovered.clone();
        Callback::from(move |_: PointerEvent| hovered.set(None))
    };
    let frame = props.prep.follow.frame(s.clock_ms);
    let (shown, more) = props.prep.et_index.visible(
        &s.world.event_time.windows,
        frame.y0,
        frame.y1,
        s.at.micro,
        MAX_BANDS,
    );
    let details = details(s, &shown, *hovered);
    html! {
        <figure class="watermarks-windows">
            <h3 class="watermarks-h">{ format!("Windows on the event-time axis: {}", s.world.window.describe()) }</h3>
            <canvas ref={canvas} class="watermarks-canvas" role="img" aria-label={describe(s, &shown, more)}
                onpointermove={on_move.clone()} onpointerdown={on_move} onpointerleave={on_leave} />
            <ul class="watermarks-details" aria-live="off">
                { for details.iter().map(|d| html! { <li>{ d }</li> }) }
            </ul>
            <figcaption>
                <ul class="watermarks-legend">
                    <li><span class="watermarks-band open" aria-hidden="true"></span>{"open: collecting events"}</li>
                    <li><span class="watermarks-band fired" aria-hidden="true">{"✓"}</span>{"fired (watermark ≥ end), kept for the allowed lateness"}</li>
                    <li><span class="watermarks-band purged" aria-hidden="true">{"✗"}</span>{"purged (watermark ≥ end + allowed lateness)"}</li>
                    <li><span class="watermarks-band emitted" aria-hidden="true"></span>{"result emitted at this step"}</li>
                    <li>{"ticks in a band: the events copied into it; number: its count"}</li>
                    if s.world.window.kind != WindowKind::Session {
                        <li><span class="watermarks-band differs" aria-hidden="true">{"≠"}</span>{"event time and processing time emitted different counts"}</li>
                    }
                </ul>
            </figcaption>
        </figure>
    }
}

/// Sub-rows per key for the window shape.
fn sub_rows(s: &WmState) -> usize {
    let spec = s.world.window;
    match spec.kind {
        WindowKind::Sliding => (spec.size_ms / spec.slide_ms.max(1)).clamp(1, 10) as usize,
        _ => 1,
    }
}

fn status_words(st: WindowStatus) -> &'static str {
    match st {
        WindowStatus::Open => "open",
        WindowStatus::Fired => "fired",
        WindowStatus::Purged => "purged",
        WindowStatus::MergedInto(_) => "merged",
    }
}

/// A sentence for screen readers.
fn describe(s: &WmState, shown: &[Shown], more: usize) -> String {
    let count = |st: WindowStatus| shown.iter().filter(|w| w.status == st).count();
    let lateness = i64::from(s.world.params.lateness_ms);
    let wm = match s.global {
        Some(g) if g != END_OF_TIME => format!(
            "Global watermark {}: windows ending at or before it have fired; windows ending at or before {} (watermark − allowed lateness {}) are purged.",
            format_time(g),
            format_time(g - lateness),
            format_duration(lateness)
        ),
        Some(_) => "The final watermark +∞ has fired and purged every window.".to_string(),
        None => "No watermark yet: nothing can fire.".to_string(),
    };
    format!(
        "Windows on the event-time axis ({}): {} shown{}, {} open, {} fired and kept, {} purged. {wm}",
        s.world.window.describe(),
        shown.len(),
        if more > 0 {
            format!(" (and {more} more)")
        } else {
            String::new()
        },
        count(WindowStatus::Open),
        count(WindowStatus::Fired),
        count(WindowStatus::Purged),
    )
}

/// Draws the bands; returns the hit rectangles.
fn draw_bands(
    el: &HtmlCanvasElement,
    w: f64,
    s: &WmState,
    prep: &Prep,
    hovered: Option<Pick>,
    t: &Theme,
) -> Vec<HitRect<Pick>> {
    let keys = usize::from(s.world.params.keys.max(1));
    let sub = sub_rows(s);
    let session = s.world.window.kind == WindowKind::Session;
    let l = BandLayout::new(w, keys, sub, if session { keys } else { 2 });
    let Some(ctx) = draw::prepare(el, w, l.height) else {
        return Vec::new();
    };
    let frame = prep.follow.frame(s.clock_ms);
    let xs = Scale::new(frame.y0, frame.y1, l.left, l.right);
    let micro = s.at.micro;
    let mut hits = Vec::new();
    draw::font(&ctx, false);
    // Row labels and backgrounds.
    for k in 0..keys {
        let y = l.top + k as f64 * l.key_h;
        if k % 2 == 0 {
            ctx.set_fill_style_str(t.faint);
            ctx.fill_rect(l.left, y, l.right - l.left, l.key_h);
        }
        ctx.set_fill_style_str(t.fg);
        ctx.set_text_align("right");
        let _ = ctx.fill_text(
            &format!("key {}", key_name(k as u8)),
            l.left - 8.0,
            y + l.key_h / 2.0 + 4.0,
        );
    }
    if let Some(c) = l.cmp_top {
        ctx.set_text_align("left");
        let _ = ctx.fill_text(
            if session {
                "Processing-time sessions of the same stream (cut by gaps in arrival time):"
            } else {
                "Emitted over all keys, same windows:"
            },
            l.left,
            c - 6.0,
        );
        ctx.set_text_align("right");
        for i in 0..l.cmp_rows {
            let y = c + i as f64 * l.key_h;
            let name = if session {
                format!("arrival {}", key_name(i as u8))
            } else if i == 0 {
                "event time".to_string()
            } else {
                "processing".to_string()
            };
            ctx.set_fill_style_str(t.faint);
            ctx.fill_rect(l.left, y, l.right - l.left, l.key_h);
            ctx.set_fill_style_str(t.fg);
            let _ = ctx.fill_text(&name, l.left - 8.0, y + l.key_h / 2.0 + 4.0);
        }
    }
    axis(&ctx, &l, &xs, t);
    let (shown, _) =
        prep.et_index
            .visible(&s.world.event_time.windows, xs.t0, xs.t1, micro, MAX_BANDS);
    let emitted: Vec<u32> = s.new_emits().iter().map(|e| e.window).collect();
    let focus = focus_event(s);
    let focus_windows = focus
        .map(|(i, _)| windows_of(s, &shown, i))
        .unwrap_or_default();
    let slide = s.world.window.slide_ms;
    let mut ticks_left = MAX_TICKS;
    let events = &s.world.events;
    for w in &shown {
        let row_top = l.top + f64::from(w.key) * l.key_h;
        let r = if sub > 1 {
            geom::sub_row(w.start, slide, sub)
        } else {
            0
        };
        let (y, h) = l.band_y(row_top, r);
        let (a, b) = (xs.px_clamped(w.start), xs.px_clamped(w.end));
        let bw = (b - a).max(1.5);
        let colour = palette::series(usize::from(w.key));
        let Some(rec) = s.world.event_time.windows.get(w.id as usize) else {
            continue;
        };
        let members = rec.members_at(micro);
        match w.status {
            WindowStatus::Open => {
                ctx.set_global_alpha(0.16);
                ctx.set_fill_style_str(colour);
                ctx.fill_rect(a, y, bw, h);
                ctx.set_global_alpha(1.0);
                ctx.set_stroke_style_str(colour);
                ctx.set_line_width(1.2);
                ctx.stroke_rect(a + 0.5, y + 0.5, bw - 1.0, h - 1.0);
            }
            WindowStatus::Fired => {
                ctx.set_global_alpha(0.6);
                ctx.set_fill_style_str(colour);
                ctx.fill_rect(a, y, bw, h);
                ctx.set_global_alpha(1.0);
                ctx.set_stroke_style_str(t.fg);
                ctx.set_line_width(1.0);
                ctx.stroke_rect(a + 0.5, y + 0.5, bw - 1.0, h - 1.0);
            }
            _ => {
                draw::hatch(&ctx, a, y, bw, h, t.muted, 4.0);
                ctx.set_stroke_style_str(t.muted);
                ctx.set_line_width(1.0);
                draw::set_dash(&ctx, &[3.0, 2.0]);
                ctx.stroke_rect(a + 0.5, y + 0.5, bw - 1.0, h - 1.0);
                draw::set_dash(&ctx, &[]);
            }
        }
        // The events copied into it.
        if ticks_left >= members.len() {
            ticks_left -= members.len();
            ctx.set_stroke_style_str(t.fg);
            ctx.set_line_width(1.0);
            ctx.begin_path();
            for m in members {
                if let Some(e) = events.get(m.event as usize) {
                    let x = xs.px_clamped(e.event_ms);
                    ctx.move_to(x, y + h);
                    ctx.line_to(x, y + h - (h * 0.45).min(8.0));
                }
            }
            ctx.stroke();
        }
        if emitted.contains(&w.id) || focus_windows.contains(&w.id) {
            ctx.set_stroke_style_str(t.accent);
            ctx.set_line_width(if emitted.contains(&w.id) { 3.0 } else { 2.0 });
            ctx.stroke_rect(a + 1.0, y + 1.0, bw - 2.0, h - 2.0);
        }
        if hovered == Some(Pick::Window(w.id)) {
            ctx.set_stroke_style_str(t.fg);
            ctx.set_line_width(2.0);
            draw::set_dash(&ctx, &[2.0, 2.0]);
            ctx.stroke_rect(a - 1.0, y - 1.0, bw + 2.0, h + 2.0);
            draw::set_dash(&ctx, &[]);
        }
        if h >= 11.0 {
            let glyph = match w.status {
                WindowStatus::Fired => "✓",
                WindowStatus::Purged => "✗",
                _ => "",
            };
            let text = format!("{glyph}{}", members.len());
            let tw = draw::text_width(&ctx, &text);
            if tw + 6.0 < bw {
                ctx.set_fill_style_str(t.fg);
                ctx.set_text_align("left");
                let _ = ctx.fill_text(&text, a + 3.0, y + h / 2.0 + 1.0);
            }
        }
        hits.push(HitRect {
            x: a,
            y,
            w: bw,
            h,
            what: Pick::Window(w.id),
        });
    }
    if let Some(c) = l.cmp_top {
        if session {
            pt_sessions(&ctx, s, prep, &l, c, &xs, t);
        } else {
            comparison_rows(&ctx, s, &l, c, &xs, hovered, t, &mut hits);
        }
    }
    marks(&ctx, s, &l, &xs, focus.map(|(_, e)| e), t);
    hits
}

fn axis(ctx: &CanvasRenderingContext2d, l: &BandLayout, xs: &Scale, t: &Theme) {
    ctx.set_stroke_style_str(t.muted);
    ctx.set_line_width(1.0);
    ctx.begin_path();
    ctx.move_to(l.left, l.bottom);
    ctx.line_to(l.right, l.bottom);
    let max = ((l.right - l.left) / 95.0).max(2.0) as usize;
    let (_, ticks) = geom::ticks(xs.t0, xs.t1, max);
    ctx.set_fill_style_str(t.fg);
    ctx.set_text_align("center");
    for &x in &ticks {
        let px = xs.px(x);
        ctx.move_to(px, l.bottom);
        ctx.line_to(px, l.bottom + 4.0);
        let text = geom::tick_label(x);
        let half = draw::text_width(ctx, &text) / 2.0;
        let _ = ctx.fill_text(
            &text,
            px.clamp(half + 2.0, l.width - half - 2.0),
            l.bottom + 15.0,
        );
    }
    ctx.stroke();
    let _ = ctx.fill_text(
        "event time → (processing-time windows: arrival time)",
        (l.left + l.right) / 2.0,
        l.bottom + 30.0,
    );
}

/// The global watermark and the purge line across the key rows; now across the
/// processing-time row; the focused event's time in its key row.
fn marks(
    ctx: &CanvasRenderingContext2d,
    s: &WmState,
    l: &BandLayout,
    xs: &Scale,
    focus: Option<&Event>,
    t: &Theme,
) {
    let keys_bottom = l.top + f64::from(s.world.params.keys.max(1)) * l.key_h;
    let lateness = i64::from(s.world.params.lateness_ms);
    draw::font(ctx, true);
    match s.global {
        Some(g) if g != END_OF_TIME => {
            let purge = g - lateness;
            if lateness > 0 && xs.contains(purge) {
                let x = xs.px(purge);
                ctx.set_stroke_style_str(t.muted);
                ctx.set_line_width(1.5);
                draw::set_dash(ctx, &[4.0, 3.0]);
                ctx.begin_path();
                ctx.move_to(x, l.top - 4.0);
                ctx.line_to(x, keys_bottom);
                ctx.stroke();
                draw::set_dash(ctx, &[]);
                draw::label_near(
                    ctx,
                    "purge: watermark − allowed lateness",
                    x,
                    l.top - 4.0,
                    (2.0, l.width - 2.0),
                    t.muted,
                    t,
                );
            }
            let x = xs.px_clamped(g);
            ctx.set_stroke_style_str(t.global);
            ctx.set_line_width(2.5);
            ctx.begin_path();
            ctx.move_to(x, l.top - 32.0);
            ctx.line_to(x, keys_bottom);
            ctx.stroke();
            let text = if xs.contains(g) {
                format!("watermark {}", format_time(g))
            } else {
                format!("watermark {} →", format_time(g))
            };
            draw::label_near(
                ctx,
                &text,
                x,
                l.top - 20.0,
                (2.0, l.width - 2.0),
                t.global,
                t,
            );
        }
        Some(_) => draw::label(
            ctx,
            "watermark +∞: everything fired",
            (l.right, l.top - 20.0),
            "right",
            t.global,
            t,
        ),
        None => draw::label(
            ctx,
            "watermark −∞: nothing can fire yet",
            (l.left, l.top - 20.0),
            "left",
            t.muted,
            t,
        ),
    }
    if let Some(c) = l.cmp_top {
        if xs.contains(s.clock_ms) && !s.ended {
            let x = xs.px(s.clock_ms);
            ctx.set_stroke_style_str(t.fg);
            ctx.set_line_width(1.5);
            draw::set_dash(ctx, &[1.0, 3.0]);
            let from = if l.cmp_rows == 2 { c + l.key_h } else { c };
            ctx.begin_path();
            ctx.move_to(x, from);
            ctx.line_to(x, c + l.cmp_rows as f64 * l.key_h);
            ctx.stroke();
            draw::set_dash(ctx, &[]);
        }
    }
    if let Some(e) = focus {
        let y = l.top + f64::from(e.key) * l.key_h;
        let x = xs.px_clamped(e.event_ms);
        ctx.set_fill_style_str(t.accent);
        ctx.set_stroke_style_str(t.accent);
        ctx.set_line_width(2.0);
        ctx.begin_path();
        ctx.move_to(x, y);
        ctx.line_to(x, y + l.key_h);
        ctx.stroke();
        ctx.begin_path();
        ctx.move_to(x - 5.0, y - 1.0);
        ctx.line_to(x + 5.0, y - 1.0);
        ctx.line_to(x, y + 6.0);
        ctx.close_path();
        ctx.fill();
    }
    draw::font(ctx, false);
}

/// Two rows: what event time and processing time emitted for the same grid windows.
#[allow(clippy::too_many_arguments)]
fn comparison_rows(
    ctx: &CanvasRenderingContext2d,
    s: &WmState,
    l: &BandLayout,
    top: f64,
    xs: &Scale,
    hovered: Option<Pick>,
    t: &Theme,
    hits: &mut Vec<HitRect<Pick>>,
) {
    let rows = s.comparison_in(xs.t0 - s.world.window.size_ms, xs.t1);
    let slide = match s.world.window.kind {
        WindowKind::Sliding => s.world.window.slide_ms,
        _ => s.world.window.size_ms,
    };
    for row in rows.iter().take(MAX_BANDS) {
        let r = if l.sub > 1 {
            geom::sub_row(row.start, slide, l.sub)
        } else {
            0
        };
        let (a, b) = (xs.px_clamped(row.start), xs.px_clamped(row.end));
        if b - a < 0.5 {
            continue;
        }
        let differs = row.differs();
        for (i, value) in [row.event_time, row.processing_time]
            .into_iter()
            .enumerate()
        {
            let Some(v) = value else { continue };
            let (y, h) = l.band_y(top + i as f64 * l.key_h, r);
            let bw = (b - a).max(1.5);
            ctx.set_global_alpha(0.45);
            ctx.set_fill_style_str(if i == 0 { t.global } else { t.muted });
            ctx.fill_rect(a, y, bw, h);
            ctx.set_global_alpha(1.0);
            ctx.set_stroke_style_str(if differs { t.accent } else { t.fg });
            ctx.set_line_width(if differs { 2.5 } else { 0.8 });
            ctx.stroke_rect(a + 0.5, y + 0.5, bw - 1.0, h - 1.0);
            if hovered == Some(Pick::Grid(row.start)) {
                ctx.set_stroke_style_str(t.fg);
                ctx.set_line_width(2.0);
                draw::set_dash(ctx, &[2.0, 2.0]);
                ctx.stroke_rect(a - 1.0, y - 1.0, bw + 2.0, h + 2.0);
                draw::set_dash(ctx, &[]);
            }
            if h >= 11.0 {
                let text = if differs {
                    format!("≠{v}")
                } else {
                    v.to_string()
                };
                let tw = draw::text_width(ctx, &text);
                if tw + 6.0 < bw {
                    ctx.set_fill_style_str(t.fg);
                    ctx.set_text_align("left");
                    let _ = ctx.fill_text(&text, a + 3.0, y + h / 2.0 + 4.0);
                }
            }
            hits.push(HitRect {
                x: a,
                y,
                w: bw,
                h,
                what: Pick::Grid(row.start),
            });
        }
    }
}

/// Processing-time sessions, one row per key: windows of arrival times.
fn pt_sessions(
    ctx: &CanvasRenderingContext2d,
    s: &WmState,
    prep: &Prep,
    l: &BandLayout,
    top: f64,
    xs: &Scale,
    t: &Theme,
) {
    let log = &s.world.processing_time;
    let (shown, _) = prep
        .pt_index
        .visible(&log.windows, xs.t0, xs.t1, s.at.micro, MAX_BANDS);
    for w in &shown {
        let (y, h) = l.band_y(top + f64::from(w.key) * l.key_h, 0);
        let (a, b) = (xs.px_clamped(w.start), xs.px_clamped(w.end));
        let bw = (b - a).max(1.5);
        let fired = w.status != WindowStatus::Open;
        ctx.set_global_alpha(if fired { 0.5 } else { 0.15 });
        ctx.set_fill_style_str(palette::series(usize::from(w.key)));
        ctx.fill_rect(a, y, bw, h);
        ctx.set_global_alpha(1.0);
        ctx.set_stroke_style_str(if fired { t.fg } else { t.muted });
        ctx.set_line_width(1.0);
        ctx.stroke_rect(a + 0.5, y + 0.5, bw - 1.0, h - 1.0);
        let n = log
            .windows
            .get(w.id as usize)
            .map_or(0, |r| r.count_at(s.at.micro));
        let text = if fired {
            format!("✓{n}")
        } else {
            n.to_string()
        };
        if draw::text_width(ctx, &text) + 6.0 < bw {
            ctx.set_fill_style_str(t.fg);
            ctx.set_text_align("left");
            let _ = ctx.fill_text(&text, a + 3.0, y + h / 2.0 + 4.0);
        }
    }
}

/// The event of this step, if the step is one arrival.
fn focus_event(s: &WmState) -> Option<(u32, &Event)> {
    match s.focus {
        WmFocus::Arrival { event } => s.world.events.get(event as usize).map(|e| (event, e)),
        _ => None,
    }
}

/// The shown windows event `i` was copied into.
fn windows_of(s: &WmState, shown: &[Shown], i: u32) -> Vec<u32> {
    let micro = s.at.micro;
    shown
        .iter()
        .filter(|w| {
            s.world
                .event_time
                .windows
                .get(w.id as usize)
                .is_some_and(|r| r.members_at(micro).iter().any(|m| m.event == i))
        })
        .map(|w| w.id)
        .collect()
}

/// The detail lines under the bands: the picked window, or this step's windows.
fn details(s: &WmState, shown: &[Shown], hovered: Option<Pick>) -> Vec<String> {
    match hovered {
        Some(Pick::Window(id)) => return vec![window_detail(s, id)],
        Some(Pick::Grid(start)) => {
            let rows = s.comparison_in(start, start + 1);
            if let Some(r) = rows.first() {
                return vec![grid_detail(r)];
            }
        }
        None => {}
    }
    if let Some((i, e)) = focus_event(s) {
        let ids = windows_of(s, shown, i);
        if ids.is_empty() {
            return vec![format!(
                "Event #{} (event time {}) is in no kept window: every window it belongs to was purged{}.",
                i + 1,
                format_time(e.event_ms),
                if e.is_late() {
                    ", so it is too late"
                } else {
                    ""
                }
            )];
        }
        let mut out = vec![format!(
            "Event #{} (event time {}) was copied into {} window{}:",
            i + 1,
            format_time(e.event_ms),
            ids.len(),
            if ids.len() == 1 { "" } else { "s" }
        )];
        out.extend(ids.iter().take(4).map(|&id| window_detail(s, id)));
        return out;
    }
    let new = s.new_emits();
    if !new.is_empty() {
        let mut ids: Vec<u32> = new.iter().map(|e| e.window).collect();
        ids.dedup();
        let mut out: Vec<String> = ids.iter().take(4).map(|&id| window_detail(s, id)).collect();
        if ids.len() > 4 {
            out.push(format!(
                "… and {} more windows emitted at this step.",
                ids.len() - 4
            ));
        }
        return out;
    }
    vec!["Point at (or tap) a window for its contents and results.".to_string()]
}

/// One window in words: bounds, status, contents, results.
pub fn window_detail(s: &WmState, id: u32) -> String {
    let Some(w) = s.world.event_time.windows.get(id as usize) else {
        return String::new();
    };
    let micro = s.at.micro;
    let (start, end) = w.bounds_at(micro);
    let lateness = i64::from(s.world.params.lateness_ms);
    let status = match w.status_at(micro) {
        Some(WindowStatus::Open) | None => {
            format!(
                "open, fires when the global watermark reaches {}",
                format_time(end)
            )
        }
        Some(WindowStatus::Fired) => format!(
            "fired; kept until the watermark reaches {} (end + allowed lateness {}), so late events still update it",
            format_time(end.saturating_add(lateness)),
            format_duration(lateness)
        ),
        Some(st) => format!(
            "{}: the watermark passed {} (end + allowed lateness); later events for it are too late",
            status_words(st),
            format_time(end.saturating_add(lateness))
        ),
    };
    let members = prep::members(&s.world.event_time, w, &s.world.events, micro, 12);
    let times: Vec<String> = members
        .iter()
        .filter_map(|&m| s.world.events.get(m as usize))
        .map(|e| format_time(e.event_ms))
        .collect();
    let total = w.members_at(micro).len();
    let emits = s.event_emits();
    let from = emits.partition_point(|e| e.at < w.created);
    let results: Vec<String> = emits
        .get(from..)
        .unwrap_or(&[])
        .iter()
        .take(50_000)
        .filter(|e| e.window == id)
        .map(|e| match e.cause {
            EmitCause::Watermark => format!(
                "count {} at watermark {}",
                e.count,
                format_watermark(Some(e.watermark))
            ),
            EmitCause::LateUpdate => format!("re-emit count {} (late event)", e.count),
        })
        .collect();
    format!(
        "[{}, {}) of key {}: {status}. {} event{}{}{}. Results: {}.",
        format_time(start),
        format_time(end),
        key_name(w.key),
        total,
        if total == 1 { "" } else { "s" },
        if times.is_empty() {
            String::new()
        } else {
            format!(" at {}", times.join(", "))
        },
        if total > times.len() { " …" } else { "" },
        if results.is_empty() {
            "none yet".to_string()
        } else {
            results.join("; ")
        }
    )
}

/// A grid window in both time domains.
pub fn grid_detail(r: &ComparisonRow) -> String {
    let v = |x: Option<u32>| x.map_or("not fired yet".to_string(), |n| n.to_string());
    format!(
        "[{}, {}) over all keys: event time {}, processing time {}{}.",
        format_time(r.start),
        format_time(r.end),
        v(r.event_time),
        v(r.processing_time),
        if r.differs() {
            " — they differ: processing time counts what arrived during the window, event time what happened in it"
        } else {
            ""
        }
    )
}
