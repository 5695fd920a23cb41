//! The component diagram (SVG) at one step of a flow: it writes what
//! [`crate::layout::diagram::DiagramLayout`] computed.

use crate::flow::FlowState;
use crate::layout::diagram::{DiagramLayout, num};
use crate::layout::shapes::Prim;
use sdp_kit::lab::Trace;
use sdp_kit_web::ById;
use yew::prelude::*;

/// Properties of [`DiagramSvg`]; the trace is compared by identity.
#[derive(Properties, PartialEq)]
pub struct DiagramProps {
    /// Design title (for the text alternative).
    pub title: AttrValue,
    /// The flow's trace (every step shares the diagram).
    pub trace: ById<Trace<FlowState>>,
    /// The step to show.
    pub cursor: usize,
}

fn prim(p: &Prim) -> Html {
    match p {
        Prim::Path { class, d } => html! { <path class={*class} d={d.clone()} /> },
        Prim::Polygon { class, points } => {
            html! { <polygon class={*class} points={points.clone()} /> }
        }
        Prim::Rect {
            class,
            xywhr: [x, y, w, h, r],
        } => html! {
            <rect class={*class} x={x.clone()} y={y.clone()} width={w.clone()} height={h.clone()} rx={r.clone()} />
        },
        Prim::Line {
            class,
            xyxy: [x1, y1, x2, y2],
        } => html! {
            <line class={*class} x1={x1.clone()} y1={y1.clone()} x2={x2.clone()} y2={y2.clone()} />
        },
    }
}

/// The component diagram, with one flow step highlighted.
#[component]
pub fn DiagramSvg(props: &DiagramProps) -> Html {
    let layout = use_memo(
        (props.trace.clone(), props.cursor, props.title.clone()),
        |(trace, cursor, title)| {
            trace
                .get(*cursor)
                .map(|step| DiagramLayout::of(title, &step.state))
        },
    );
    // On a narrow screen the diagram scrolls sideways: keep the current message in view.
    let scroller = use_node_ref();
    let focus_x = layout.as_ref().as_ref().map(|l| l.focus_x);
    use_effect_with(focus_x.map(f64::to_bits), {
        let scroller = scroller.clone();
        move |_| {
            if let (Some(div), Some(fx)) = (scroller.cast::<web_sys::Element>(), focus_x) {
                let (sw, cw) = (div.scroll_width(), div.client_width());
                if sw > cw {
                    let x = fx * f64::from(sw) - f64::from(cw) / 2.0;
                    div.set_scroll_left(x.max(0.0) as i32);
                }
            }
        }
    });
    let Some(l) = layout.as_ref() else {
        return html! {};
    };
    let edges: Html = l
        .edges
        .iter()
        .map(|e| {
            html! {
                <g class={classes!("designs-edge", e.active.then_some("designs-edge-active"))}>
                    <line x1={num(e.from.x)} y1={num(e.from.y)} x2={num(e.to.x)} y2={num(e.to.y)} />
                    if !e.label.is_empty() {
                        <text class="designs-edge-label" x={num(e.label_at.x)} y={num(e.label_at.y)} text-anchor="middle">{ &e.label }</text>
                    }
                </g>
            }
        })
        .collect();
    let trail: Html = l
        .trail
        .iter()
        .map(|t| {
            html! {
                <g class="designs-trail" key={t.step}>
                    <line x1={num(t.from.x)} y1={num(t.from.y)} x2={num(t.to.x)} y2={num(t.to.y)} marker-end="url(#designs-head-trail)" />
                    <circle cx={num(t.badge.x)} cy={num(t.badge.y)} r="8" />
                    <text x={num(t.badge.x)} y={num(t.badge.y + 3.5)} text-anchor="middle">{ t.step + 1 }</text>
                </g>
            }
        })
        .collect();
    let current = l.message.as_ref().map_or_else(
        || html! {},
        |m| {
            let (lx, ly, tw) = (m.label_at.x, m.label_at.y, m.label_width);
            html! {
                <g class="designs-message">
                    <line x1={num(m.from.x)} y1={num(m.from.y)} x2={num(m.to.x)} y2={num(m.to.y)} marker-end="url(#designs-head-active)" />
                    <rect x={num(lx - tw / 2.0)} y={num(ly - 11.0)} width={num(tw)} height="22" rx="11" />
                    <text x={num(lx)} y={num(ly + 4.0)} text-anchor="middle">
                        <title>{ &m.message }</title>
                        { &m.text }
                    </text>
                </g>
            }
        },
    );
    let boxes: Html = l
        .boxes
        .iter()
        .map(|b| {
            let cx = num(b.centre_x);
            html! {
                <g class={classes!("designs-box", b.kind_class, b.role_class)} key={b.id.clone()} data-id={b.id.clone()}>
                    <title>{ &b.title }</title>
                    { for b.shape.iter().map(prim) }
                    <text class="designs-kind" x={num(b.kind.1.x)} y={num(b.kind.1.y)}>{ b.kind.0 }</text>
                    <text class="designs-label" x={cx.clone()} y={num(b.label_y)} text-anchor="middle">
                        { for b.label.iter().enumerate().map(|(i, line)| html! {
                            <tspan x={cx.clone()} dy={if i == 0 { "0" } else { "15" }}>{ line }</tspan>
                        }) }
                    </text>
                    if let Some((tech, y)) = &b.tech {
                        <text class="designs-tech" x={cx.clone()} y={num(*y)} text-anchor="middle">{ tech }</text>
                    }
                    if let Some((tag, at)) = b.tag {
                        <g class="designs-tag">
                            <rect x={num(at.x)} y={num(at.y)} width="60" height="16" rx="8" />
                            <text x={cx.clone()} y={num(at.y + 12.0)} text-anchor="middle">{ tag }</text>
                        </g>
                    }
                </g>
            }
        })
        .collect();
    html! {
        <div class="designs-diagram-scroll" ref={scroller}>
            <svg class="designs-diagram" viewBox={format!("0 0 {} {}", num(l.width), num(l.height))} role="img" aria-label={l.description.clone()}
                style={format!("min-width: {}px", num(l.width * 0.68))}>
                <defs>
                    <marker id="designs-head-active" class="designs-head-active" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" />
                    </marker>
                    <marker id="designs-head-trail" class="designs-head-trail" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" />
                    </marker>
                </defs>
                <g class="designs-edges">{ edges }</g>
                <g class="designs-boxes">{ boxes }</g>
                <g class="designs-trails">{ trail }</g>
                { current }
            </svg>
        </div>
    }
}
