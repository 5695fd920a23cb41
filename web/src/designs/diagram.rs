//! The component diagram of a design (SVG) and the geometry behind it: boxes laid out from the
//! data's grid cells, edges clipped to the box borders, request/response arrows drawn side by
//! side, the active message with its label, the trail of earlier messages faded.

use crate::by_id::ById;
use sdp_core::lab::Trace;
use sdp_designs::flow::{Diagram, FlowState};
use sdp_designs::model::{Component, Kind};
use yew::prelude::*;

/// Width of one grid cell in SVG units.
pub const CELL_W: f64 = 170.0;
/// Height of one grid cell.
pub const CELL_H: f64 = 108.0;
/// Width of a component box.
pub const BOX_W: f64 = 148.0;
/// Height of a component box.
pub const BOX_H: f64 = 70.0;
/// Margin around the used cells.
pub const MARGIN: f64 = 14.0;
/// Sideways offset of a message arrow from the edge's centre line: messages keep to the right
/// of their direction of travel, so a request and its response along one edge are drawn side
/// by side.
pub const LANE: f64 = 6.0;

/// A point in SVG units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pt {
    /// x.
    pub x: f64,
    /// y.
    pub y: f64,
}

/// The drawing frame of a diagram: the used columns and rows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// First used column.
    pub col0: u8,
    /// First used row.
    pub row0: u8,
    /// Number of used columns.
    pub cols: u8,
    /// Number of used rows.
    pub rows: u8,
}

impl Frame {
    /// The smallest frame holding every component (one cell if there are none).
    pub fn of(components: &[Component]) -> Frame {
        let cols = components.iter().map(|c| c.pos[0]);
        let rows = components.iter().map(|c| c.pos[1]);
        let (c0, c1) = (cols.clone().min().unwrap_or(0), cols.max().unwrap_or(0));
        let (r0, r1) = (rows.clone().min().unwrap_or(0), rows.max().unwrap_or(0));
        Frame {
            col0: c0,
            row0: r0,
            cols: c1.saturating_sub(c0) + 1,
            rows: r1.saturating_sub(r0) + 1,
        }
    }

    /// SVG width and height.
    pub fn size(&self) -> (f64, f64) {
        (
            f64::from(self.cols) * CELL_W + 2.0 * MARGIN,
            f64::from(self.rows) * CELL_H + 2.0 * MARGIN,
        )
    }

    /// Centre of the box in grid cell `pos = [column, row]`.
    pub fn centre(&self, pos: [u8; 2]) -> Pt {
        let col = f64::from(pos[0].saturating_sub(self.col0));
        let row = f64::from(pos[1].saturating_sub(self.row0));
        Pt {
            x: MARGIN + col * CELL_W + CELL_W / 2.0,
            y: MARGIN + row * CELL_H + CELL_H / 2.0,
        }
    }
}

/// Where the ray from the centre `c` of a `BOX_W × BOX_H` box towards `to` leaves the box.
pub fn border_point(c: Pt, to: Pt) -> Pt {
    let (dx, dy) = (to.x - c.x, to.y - c.y);
    if dx == 0.0 && dy == 0.0 {
        return c;
    }
    let tx = if dx == 0.0 {
        f64::INFINITY
    } else {
        (BOX_W / 2.0) / dx.abs()
    };
    let ty = if dy == 0.0 {
        f64::INFINITY
    } else {
        (BOX_H / 2.0) / dy.abs()
    };
    let t = tx.min(ty);
    Pt {
        x: c.x + dx * t,
        y: c.y + dy * t,
    }
}

/// The segment between two boxes, from border to border, shifted sideways by `offset`
/// (positive = to the right of the direction of travel).
pub fn segment(a: Pt, b: Pt, offset: f64) -> (Pt, Pt) {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len = (dx * dx + dy * dy).sqrt();
    let (nx, ny) = if len == 0.0 {
        (0.0, 0.0)
    } else {
        (-dy / len * offset, dx / len * offset)
    };
    let (a2, b2) = (
        Pt {
            x: a.x + nx,
            y: a.y + ny,
        },
        Pt {
            x: b.x + nx,
            y: b.y + ny,
        },
    );
    (border_point(a2, b2), border_point(b2, a2))
}

/// The point at fraction `t` along a segment.
pub fn lerp(a: Pt, b: Pt, t: f64) -> Pt {
    Pt {
        x: a.x + (b.x - a.x) * t,
        y: a.y + (b.y - a.y) * t,
    }
}

/// Splits `text` into at most `max_lines` lines of at most `width` characters at spaces; the
/// last line ends with "…" if text was left out. Words longer than a line are cut.
pub fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let width = width.max(2);
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut truncated = false;
    for word in text.split_whitespace() {
        let word_len = word.chars().count();
        let cur_len = cur.chars().count();
        let fits = if cur.is_empty() {
            word_len <= width
        } else {
            cur_len + 1 + word_len <= width
        };
        if fits {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(word);
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        if lines.len() == max_lines {
            truncated = true;
            break;
        }
        if word_len <= width {
            cur.push_str(word);
        } else {
            cur = word.chars().take(width - 1).collect::<String>() + "…";
        }
    }
    if !cur.is_empty() {
        if lines.len() < max_lines {
            lines.push(cur);
        } else {
            truncated = true;
        }
    }
    if truncated {
        if let Some(last) = lines.last_mut() {
            let mut t: String = last.chars().take(width - 1).collect();
            t = t.trim_end().to_string();
            t.push('…');
            *last = t;
        }
    }
    lines
}

/// Cuts `text` to `width` characters with "…".
pub fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut t: String = text.chars().take(width.saturating_sub(1)).collect();
        t = t.trim_end().to_string();
        t.push('…');
        t
    }
}

/// Approximate width in SVG units of `text` at `px` (sans-serif).
pub fn text_width(text: &str, px: f64) -> f64 {
    text.chars().count() as f64 * px * 0.56
}

/// A word for the kind of a component, shown in the box (so kinds are not told by colour alone).
pub fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Client => "client",
        Kind::Gateway => "gateway",
        Kind::LoadBalancer => "load balancer",
        Kind::Cdn => "CDN",
        Kind::Service => "service",
        Kind::Worker => "workers",
        Kind::Cache => "cache",
        Kind::Queue => "queue / log",
        Kind::Store => "database",
        Kind::ObjectStore => "object store",
        Kind::Index => "index",
        Kind::Coordinator => "coordinator",
        Kind::External => "external",
    }
}

/// CSS class naming the colour group of a kind.
pub fn kind_class(kind: Kind) -> &'static str {
    match kind {
        Kind::Client | Kind::External => "designs-k-client",
        Kind::Gateway | Kind::LoadBalancer | Kind::Cdn => "designs-k-edge",
        Kind::Service | Kind::Worker => "designs-k-service",
        Kind::Cache => "designs-k-cache",
        Kind::Queue => "designs-k-queue",
        Kind::Store | Kind::ObjectStore | Kind::Index => "designs-k-store",
        Kind::Coordinator => "designs-k-coord",
    }
}

fn f(v: f64) -> String {
    format!("{v:.1}")
}

/// The shape of a box of `kind` with top-left corner `(x, y)`.
fn shape(kind: Kind, x: f64, y: f64) -> Html {
    let (w, h) = (BOX_W, BOX_H);
    match kind {
        Kind::Store | Kind::ObjectStore | Kind::Index => {
            let e = 8.0;
            let body = format!(
                "M{},{} A{},{} 0 0 0 {},{} V{} A{},{} 0 0 1 {},{} Z",
                f(x),
                f(y + e),
                f(w / 2.0),
                f(e),
                f(x + w),
                f(y + e),
                f(y + h - e),
                f(w / 2.0),
                f(e),
                f(x),
                f(y + h - e)
            );
            let lid = format!(
                "M{},{} A{},{} 0 0 0 {},{}",
                f(x),
                f(y + e),
                f(w / 2.0),
                f(e),
                f(x + w),
                f(y + e)
            );
            let lid2 = format!(
                "M{},{} A{},{} 0 0 1 {},{}",
                f(x),
                f(y + e),
                f(w / 2.0),
                f(e),
                f(x + w),
                f(y + e)
            );
            html! { <>
                <path class="designs-shape" d={body} />
                <path class="designs-shape-line" d={lid} />
                <path class="designs-shape-line" d={lid2} />
            </> }
        }
        Kind::Gateway | Kind::LoadBalancer | Kind::Cdn => {
            let c = 12.0;
            let points = format!(
                "{},{} {},{} {},{} {},{} {},{} {},{}",
                f(x + c),
                f(y),
                f(x + w - c),
                f(y),
                f(x + w),
                f(y + h / 2.0),
                f(x + w - c),
                f(y + h),
                f(x + c),
                f(y + h),
                f(x),
                f(y + h / 2.0)
            );
            html! { <polygon class="designs-shape" {points} /> }
        }
        Kind::Coordinator => {
            let c = 10.0;
            let points = format!(
                "{},{} {},{} {},{} {},{} {},{} {},{} {},{} {},{}",
                f(x + c),
                f(y),
                f(x + w - c),
                f(y),
                f(x + w),
                f(y + c),
                f(x + w),
                f(y + h - c),
                f(x + w - c),
                f(y + h),
                f(x + c),
                f(y + h),
                f(x),
                f(y + h - c),
                f(x),
                f(y + c)
            );
            html! { <polygon class="designs-shape" {points} /> }
        }
        Kind::Queue => {
            let slots: Html = (1..=3)
                .map(|i| {
                    let lx = x + w - 8.0 * f64::from(i);
                    html! { <line class="designs-shape-line" x1={f(lx)} x2={f(lx)} y1={f(y)} y2={f(y + h)} /> }
                })
                .collect();
            html! { <>
                <rect class="designs-shape" x={f(x)} y={f(y)} width={f(w)} height={f(h)} rx="3" />
                { slots }
            </> }
        }
        Kind::Worker => html! { <>
            <rect class="designs-shape designs-shadow" x={f(x + 5.0)} y={f(y - 5.0)} width={f(w)} height={f(h)} rx="6" />
            <rect class="designs-shape" x={f(x)} y={f(y)} width={f(w)} height={f(h)} rx="6" />
        </> },
        Kind::Client => html! {
            <rect class="designs-shape" x={f(x)} y={f(y)} width={f(w)} height={f(h)} rx={f(h / 2.0)} />
        },
        Kind::Cache => html! {
            <rect class="designs-shape" x={f(x)} y={f(y)} width={f(w)} height={f(h)} rx="14" />
        },
        Kind::External => html! {
            <rect class="designs-shape designs-dashed" x={f(x)} y={f(y)} width={f(w)} height={f(h)} rx="2" />
        },
        Kind::Service => html! {
            <rect class="designs-shape" x={f(x)} y={f(y)} width={f(w)} height={f(h)} rx="6" />
        },
    }
}

/// What the diagram highlights: nothing (the plain architecture) or one step of a flow.
#[derive(Clone, Copy)]
pub enum Focus<'a> {
    /// Just the architecture.
    None,
    /// A flow step.
    Step(&'a FlowState),
}

/// The role of a component at a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// No flow shown.
    Plain,
    /// Sends this step's message.
    Sender,
    /// Receives it.
    Receiver,
    /// Took part in an earlier step.
    Visited,
    /// Not touched yet.
    Untouched,
}

/// The role of component `id` at `focus`.
pub fn role(id: &str, focus: Focus<'_>) -> Role {
    match focus {
        Focus::None => Role::Plain,
        Focus::Step(s) if s.from == id => Role::Sender,
        Focus::Step(s) if s.to == id => Role::Receiver,
        Focus::Step(s) if s.visited.iter().any(|v| v == id) => Role::Visited,
        Focus::Step(_) => Role::Untouched,
    }
}

/// A text summary of the diagram at this focus, for screen readers.
pub fn describe(title: &str, diagram: &Diagram, focus: Focus<'_>) -> String {
    let label = |id: &str| {
        diagram
            .components
            .iter()
            .find(|c| c.id == id)
            .map_or(id.to_string(), |c| c.label.clone())
    };
    let mut s = format!(
        "Component diagram of {title}: {} components ({}) and {} connections.",
        diagram.components.len(),
        diagram
            .components
            .iter()
            .map(|c| format!("{}, {}", c.label, kind_label(c.kind)))
            .collect::<Vec<_>>()
            .join("; "),
        diagram.edges.len()
    );
    if let Focus::Step(st) = focus {
        s.push_str(&format!(
            " Message {} of {}: {} sends “{}” to {}.",
            st.step + 1,
            st.hops.len(),
            label(&st.from),
            st.message,
            label(&st.to)
        ));
    }
    s
}

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

/// The component diagram, with one flow step highlighted.
#[component]
pub fn DiagramSvg(props: &DiagramProps) -> Html {
    // On a narrow screen the diagram scrolls sideways: keep the current message in view.
    let scroller = use_node_ref();
    let view_x = props.trace.get(props.cursor).map(|st| {
        let d = &st.state.diagram;
        let frame = Frame::of(&d.components);
        let at = |id: &str| {
            d.components
                .iter()
                .find(|c| c.id == id)
                .map(|c| frame.centre(c.pos))
        };
        let w = frame.size().0;
        let x = match (at(&st.state.from), at(&st.state.to)) {
            (Some(a), Some(b)) => (a.x + b.x) / 2.0,
            _ => w / 2.0,
        };
        x / w
    });
    use_effect_with(view_x.map(f64::to_bits), {
        let scroller = scroller.clone();
        move |_| {
            if let (Some(div), Some(fx)) = (scroller.cast::<web_sys::Element>(), view_x) {
                let (sw, cw) = (div.scroll_width(), div.client_width());
                if sw > cw {
                    let x = fx * f64::from(sw) - f64::from(cw) / 2.0;
                    div.set_scroll_left(x.max(0.0) as i32);
                }
            }
        }
    });
    let Some(step) = props.trace.get(props.cursor) else {
        return html! {};
    };
    let d = &*step.state.diagram;
    let focus = Focus::Step(&step.state);
    let frame = Frame::of(&d.components);
    let (w, h) = frame.size();
    let pos = |id: &str| {
        d.components
            .iter()
            .find(|c| c.id == id)
            .map(|c| frame.centre(c.pos))
    };
    let edges: Html = d
        .edges
        .iter()
        .filter_map(|e| {
            let (a, b) = (pos(&e.from)?, pos(&e.to)?);
            let (p, q) = segment(a, b, 0.0);
            let mid = lerp(p, q, 0.5);
            let active = matches!(focus, Focus::Step(s)
                if (s.from == e.from && s.to == e.to) || (s.from == e.to && s.to == e.from));
            Some(html! {
                <g class={classes!("designs-edge", active.then_some("designs-edge-active"))}>
                    <line x1={f(p.x)} y1={f(p.y)} x2={f(q.x)} y2={f(q.y)} />
                    if !e.label.is_empty() {
                        <text class="designs-edge-label" x={f(mid.x)} y={f(mid.y - 4.0)} text-anchor="middle">{ &e.label }</text>
                    }
                </g>
            })
        })
        .collect();
    let (trail, current) = match focus {
        Focus::Step(s) => {
            let trail: Html = s
                .hops
                .iter()
                .take(s.step)
                .enumerate()
                .filter_map(|(k, hop)| {
                    let (a, b) = (pos(&hop.from)?, pos(&hop.to)?);
                    let (p, q) = segment(a, b, LANE);
                    let n = lerp(p, q, 0.3);
                    Some(html! {
                        <g class="designs-trail" key={k}>
                            <line x1={f(p.x)} y1={f(p.y)} x2={f(q.x)} y2={f(q.y)} marker-end="url(#designs-head-trail)" />
                            <circle cx={f(n.x)} cy={f(n.y)} r="8" />
                            <text x={f(n.x)} y={f(n.y + 3.5)} text-anchor="middle">{ k + 1 }</text>
                        </g>
                    })
                })
                .collect();
            let current = match (pos(&s.from), pos(&s.to)) {
                (Some(a), Some(b)) => {
                    let (p, q) = segment(a, b, LANE);
                    let mid = lerp(p, q, 0.5);
                    let text = clip(&s.message, 40);
                    let tw = text_width(&format!("{}. {text}", s.step + 1), 12.0) * 1.15 + 16.0;
                    let lx = mid
                        .x
                        .clamp(tw / 2.0 + 2.0, (w - tw / 2.0 - 2.0).max(tw / 2.0));
                    let ly = mid.y.clamp(12.0, h - 12.0);
                    html! {
                        <g class="designs-message">
                            <line x1={f(p.x)} y1={f(p.y)} x2={f(q.x)} y2={f(q.y)} marker-end="url(#designs-head-active)" />
                            <rect x={f(lx - tw / 2.0)} y={f(ly - 11.0)} width={f(tw)} height="22" rx="11" />
                            <text x={f(lx)} y={f(ly + 4.0)} text-anchor="middle">
                                <title>{ &s.message }</title>
                                { format!("{}. {}", s.step + 1, text) }
                            </text>
                        </g>
                    }
                }
                _ => html! {},
            };
            (trail, current)
        }
        Focus::None => (html! {}, html! {}),
    };
    let boxes: Html = d
        .components
        .iter()
        .map(|c| {
            let ctr = frame.centre(c.pos);
            let (x, y) = (ctr.x - BOX_W / 2.0, ctr.y - BOX_H / 2.0);
            let r = role(&c.id, focus);
            let role_class = match r {
                Role::Plain | Role::Visited => None,
                Role::Sender | Role::Receiver => Some("designs-active"),
                Role::Untouched => Some("designs-untouched"),
            };
            let label = wrap(&c.label, 18, 2);
            // Cylinders have their lid at the top: the kind goes below it.
            let cylinder = matches!(c.kind, Kind::Store | Kind::ObjectStore | Kind::Index);
            let kind_y = if cylinder { 24.0 } else { 13.0 };
            let top = kind_y + 3.0;
            let bottom = if c.tech.is_empty() { 66.0 } else { 54.0 };
            let first = y + (top + bottom) / 2.0 - (label.len() as f64 - 1.0) * 7.5 + 5.0;
            let tag = match r {
                Role::Sender => Some("sends"),
                Role::Receiver => Some("receives"),
                _ => None,
            };
            let title = if c.tech.is_empty() {
                format!("{} ({})", c.label, kind_label(c.kind))
            } else {
                format!("{} ({}): {}", c.label, kind_label(c.kind), c.tech)
            };
            html! {
                <g class={classes!("designs-box", kind_class(c.kind), role_class)} key={c.id.clone()} data-id={c.id.clone()}>
                    <title>{ title }</title>
                    { shape(c.kind, x, y) }
                    <text class="designs-kind" x={f(x + 8.0)} y={f(y + kind_y)}>{ kind_label(c.kind) }</text>
                    <text class="designs-label" x={f(ctr.x)} y={f(first)} text-anchor="middle">
                        { for label.iter().enumerate().map(|(i, line)| html! {
                            <tspan x={f(ctr.x)} dy={if i == 0 { "0" } else { "15" }}>{ line }</tspan>
                        }) }
                    </text>
                    if !c.tech.is_empty() {
                        <text class="designs-tech" x={f(ctr.x)} y={f(y + BOX_H - 7.0)} text-anchor="middle">{ clip(&c.tech, 24) }</text>
                    }
                    if let Some(tag) = tag {
                        <g class="designs-tag">
                            <rect x={f(ctr.x - 30.0)} y={f(y - 10.0)} width="60" height="16" rx="8" />
                            <text x={f(ctr.x)} y={f(y + 2.0)} text-anchor="middle">{ tag }</text>
                        </g>
                    }
                </g>
            }
        })
        .collect();
    let label = describe(&props.title, d, focus);
    html! {
        <div class="designs-diagram-scroll" ref={scroller}>
            <svg class="designs-diagram" viewBox={format!("0 0 {} {}", f(w), f(h))} role="img" aria-label={label}
                style={format!("min-width: {}px", f(w * 0.68))}>
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
