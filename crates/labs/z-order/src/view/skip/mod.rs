//! `skip` mode: one table, four layouts side by side (unsorted, sorted by one column, Z-order,
//! Hilbert). Each panel is an x–y scatter of the rows with every file's min/max box, and a
//! strip of the files in layout order. A query lights the files scanned and greys the skipped
//! ones; the batch ends in two charts. Outside embed mode a drag across any scatter runs a new
//! box query.

mod charts;
mod detail;
pub(crate) mod draw;

use super::StepProps;
use crate::layout::skip::{
    SCATTER_PX, STRIP_H, drag_predicate, focus_of, is_drag, layout_colour, layout_index,
    layout_name, legend_text, panel_layouts, panel_stats, row_pixels,
};
use crate::{Action, SkipFocus, State, ZOrderLab};
use sdp_kit::fmt::group;
use sdp_kit::lab::Trace;
use sdp_kit_web::canvas;
use sdp_kit_web::palette;
use sdp_kit_web::{ById, LabCtx, use_lab};
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// The `skip` view.
#[component]
pub(super) fn SkipView(props: &StepProps) -> Html {
    let lab = use_lab::<ZOrderLab>();
    let all_files = use_state(|| false);
    let rows = detail::FileRows {
        all: *all_files,
        toggle: {
            let all_files = all_files.clone();
            Callback::from(move |_: MouseEvent| all_files.set(!*all_files))
        },
    };
    let Some(State::Skip(s)) = props.trace.get(props.cursor).map(|st| &st.state) else {
        return html! {};
    };
    let (_, query) = focus_of(s);
    let detail = match s.focus {
        SkipFocus::Table => detail::table_detail(&s.world),
        SkipFocus::Layout(l) => detail::layout_detail(s, l, &rows),
        SkipFocus::Query { layout, .. } => match query {
            Some((_, q)) => detail::query_detail(s, q, layout, &rows),
            None => html! {},
        },
        SkipFocus::Compare { .. } => match query {
            Some((_, q)) => charts::compare_chart(&s.world, q),
            None => html! {},
        },
        SkipFocus::Batch => match &s.world.batch {
            Some(b) => charts::batch_detail(&s.world, b),
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
            <p class="hint">{ legend_text(s, lab.editable()) }</p>
            { detail }
        </div>
    }
}

/// A drag in progress: the panel, where it started and where the pointer is (canvas pixels).
type Drag = Option<(usize, (f64, f64), (f64, f64))>;

/// The pointer handlers of panel `k`'s scatter (only outside embed mode).
struct DragHandlers {
    down: Callback<PointerEvent>,
    moved: Callback<PointerEvent>,
    up: Callback<PointerEvent>,
    cancel: Callback<PointerEvent>,
}

fn drag_handlers(
    lab: &LabCtx<ZOrderLab>,
    drag: &UseStateHandle<Drag>,
    scatter: &NodeRef,
    k: usize,
    bits: u8,
    columns: usize,
) -> DragHandlers {
    let pointer = {
        let scatter = scatter.clone();
        move |e: &PointerEvent| -> Option<(f64, f64)> {
            let el = scatter.cast::<HtmlCanvasElement>()?;
            Some(canvas::event_px(&el, e.client_x(), e.client_y()).0)
        }
    };
    let down = {
        let (drag, pointer, scatter) = (drag.clone(), pointer.clone(), scatter.clone());
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            if let Some(el) = scatter.cast::<HtmlCanvasElement>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            if let Some(p) = pointer(&e) {
                drag.set(Some((k, p, p)));
            }
        })
    };
    let moved = {
        let (drag, pointer) = (drag.clone(), pointer.clone());
        Callback::from(move |e: PointerEvent| {
            if let (Some((i, a, _)), Some(p)) = (*drag, pointer(&e)) {
                if i == k {
                    drag.set(Some((k, a, p)));
                }
            }
        })
    };
    let up = {
        let (drag, lab) = (drag.clone(), lab.clone());
        Callback::from(move |e: PointerEvent| {
            let Some((i, a, mut b)) = *drag else { return };
            if let Some(p) = pointer(&e) {
                b = p;
            }
            drag.set(None);
            if i == k && is_drag(a, b) {
                let q = drag_predicate(a, b, bits, f64::from(SCATTER_PX), columns);
                lab.act(Action::Query(q));
            }
        })
    };
    let cancel = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| drag.set(None))
    };
    DragHandlers {
        down,
        moved,
        up,
        cancel,
    }
}

/// Properties of [`Panels`].
#[derive(Properties, PartialEq)]
struct PanelsProps {
    trace: ById<Trace<State>>,
    cursor: usize,
}

#[component]
fn Panels(props: &PanelsProps) -> Html {
    let lab = use_lab::<ZOrderLab>();
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
                Some(State::Skip(s)) => draw::Dots::new(row_pixels(&s.world.table, SCATTER_PX)),
                _ => draw::Dots::new(Vec::new()),
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
                let ink = palette::ink(sdp_kit_web::dom::prefers_dark());
                let canvases: Vec<_> = scatters
                    .iter()
                    .zip(&strips)
                    .map(|(a, b)| (a.cast::<HtmlCanvasElement>(), b.cast::<HtmlCanvasElement>()))
                    .collect();
                draw::draw_step(s, &pixels, &canvases, &ink);
            }
        });
    }
    let Some(State::Skip(s)) = props.trace.get(props.cursor).map(|st| &st.state) else {
        return html! {};
    };
    let w = &s.world;
    let p = &w.params;
    let (focused, query) = focus_of(s);
    let live = lab.editable();
    let columns = usize::from(p.columns);
    let bits = p.value_bits;
    let panels = panel_layouts(s);
    let multi = panels.len() > 1;
    html! {
        <div class={classes!("zorder-panels", multi.then_some("multi"))}>
            { for panels.into_iter().enumerate().map(|(k, layout)| {
                let li = layout.and_then(layout_index);
                let data = li.and_then(|i| w.layouts.get(i));
                let on = layout.is_some() && layout == focused;
                let title = layout.map_or_else(|| "The rows".to_string(), |l| layout_name(l, p.sort_column));
                let stats = panel_stats(s, data, query.map(|(_, q)| q), li);
                let label = format!("{title}: {stats}");
                let stage = if live {
                    let h = drag_handlers(&lab, &drag, &scatters[k], k, bits, columns);
                    let preview = (*drag).filter(|d| d.0 == k).map(|(_, a, b)| html! {
                        <rect class="zorder-preview" x={format!("{:.1}", a.0.min(b.0))} y={format!("{:.1}", a.1.min(b.1))}
                            width={format!("{:.1}", (a.0 - b.0).abs())} height={format!("{:.1}", (a.1 - b.1).abs())} />
                    });
                    html! {
                        <div class="zorder-stage live">
                            <canvas ref={scatters[k].clone()} class="zorder-scatter" width={SCATTER_PX.to_string()} height={SCATTER_PX.to_string()}
                                role="img" aria-label={label}
                                onpointerdown={h.down} onpointermove={h.moved} onpointerup={h.up} onpointercancel={h.cancel} />
                            <svg class="zorder-overlay" viewBox={format!("0 0 {SCATTER_PX} {SCATTER_PX}")} aria-hidden="true">{ for preview }</svg>
                        </div>
                    }
                } else {
                    html! {
                        <div class="zorder-stage">
                            <canvas ref={scatters[k].clone()} class="zorder-scatter" width={SCATTER_PX.to_string()} height={SCATTER_PX.to_string()}
                                role="img" aria-label={label} />
                        </div>
                    }
                };
                html! {
                    <figure class={classes!("zorder-panel", on.then_some("focus"))} key={k}>
                        <figcaption>
                            <strong style={layout.map(|l| format!("border-color:{}", layout_colour(l)))}>{ title.clone() }</strong>
                            if on { <span class="zorder-this">{" ◀ this step"}</span> }
                            <br /><span class="zorder-panel-stats">{ stats }</span>
                        </figcaption>
                        { stage }
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
