//! Window bands on the event-time axis: one row per key (sliding windows stacked in
//! `size / slide` sub-rows), each window a band from its start to its end, open (outline),
//! fired and kept for the allowed lateness (solid, ✓) or purged (hatched, ✗), with a tick for
//! every event copied into it and its count. The global watermark and the purge line
//! (watermark − allowed lateness) cross all rows, so a window fires when the watermark passes
//! its end. Below, for tumbling and sliding windows, what each time domain emitted for the same
//! windows over all keys: event time against processing time, the counts that differ marked ≠.

use super::WmProps;
use super::draw::{self};
use crate::layout::geom::{self, HitRect};
use crate::layout::prep::Shown;
use crate::operator::WindowStatus;
use crate::time::{END_OF_TIME, format_duration, format_time};
use crate::window::WindowKind;
use crate::wm_lab::WmState;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

mod bands;
mod details;
mod grid;

use bands::draw_bands;
use details::{details, focus_event, windows_of};
use grid::{comparison_rows, pt_sessions};

pub use crate::layout::bands::{BandLayout, MAX_BANDS, Pick};

/// Most member ticks drawn.
const MAX_TICKS: usize = 6_000;

/// The window bands and the comparison grid.
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
                    let start = sdp_kit_web::dom::now_ms();
                    let t = draw::theme(draw::dark());
                    let w = draw::cached_width(&el, &mut width.borrow_mut(), *resize);
                    *hits.borrow_mut() = draw_bands(&el, w, s, &p.prep, *hovered, &t);
                    draw::record("windows", sdp_kit_web::dom::now_ms() - start);
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
            <figcaption>{ legend(s.world.window.kind) }</figcaption>
        </figure>
    }
}

/// The legend (static markup: one raw node, see `svg`); the ≠ mark only where the two time
/// domains are compared window by window.
fn legend(kind: WindowKind) -> Html {
    let differs = if kind == WindowKind::Session {
        ""
    } else {
        r#"<li><span class="watermarks-band differs" aria-hidden="true">≠</span>event time and processing time emitted different counts</li>"#
    };
    Html::from_html_unchecked(AttrValue::from(format!(
        r#"<ul class="watermarks-legend">{LEGEND}{differs}</ul>"#
    )))
}

/// The legend's items for every window shape.
const LEGEND: &str = concat!(
    r#"<li><span class="watermarks-band open" aria-hidden="true"></span>open: collecting events</li>"#,
    r#"<li><span class="watermarks-band fired" aria-hidden="true">✓</span>fired (watermark ≥ end), kept for the allowed lateness</li>"#,
    r#"<li><span class="watermarks-band purged" aria-hidden="true">✗</span>purged (watermark ≥ end + allowed lateness)</li>"#,
    r#"<li><span class="watermarks-band emitted" aria-hidden="true"></span>result emitted at this step</li>"#,
    r#"<li>ticks in a band: the events copied into it; number: its count</li>"#,
);

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
