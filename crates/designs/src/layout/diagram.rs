//! The geometry of a design's component diagram, computed natively: boxes laid out from the
//! data's grid cells, edges clipped to the box borders, request/response arrows drawn side by
//! side, the active message with its label kept inside the drawing, the trail of earlier
//! messages, label wrapping, and the text alternative. The view only writes the SVG.

use super::shapes::{Prim, shape};
use crate::flow::{Diagram, FlowState};
use crate::model::{Component, Kind};
use std::fmt::Write as _;

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

/// A number for an SVG attribute: one decimal.
pub fn num(v: f64) -> String {
    format!("{v:.1}")
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
        let _ = write!(
            s,
            " Message {} of {}: {} sends “{}” to {}.",
            st.step + 1,
            st.hops.len(),
            label(&st.from),
            st.message,
            label(&st.to)
        );
    }
    s
}

/// An edge of the architecture, from border to border.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeLine {
    /// Start, on the first box's border.
    pub from: Pt,
    /// End, on the second box's border.
    pub to: Pt,
    /// Where its label goes (above the middle).
    pub label_at: Pt,
    /// Its label ("" for none).
    pub label: String,
    /// True when this step's message travels along it.
    pub active: bool,
}

/// An earlier message of the flow: a faint numbered arrow.
#[derive(Clone, Debug, PartialEq)]
pub struct TrailArrow {
    /// Zero-based step of the message.
    pub step: usize,
    /// Start of the arrow.
    pub from: Pt,
    /// End of the arrow (its head).
    pub to: Pt,
    /// Centre of the number badge, 30 % along.
    pub badge: Pt,
}

/// This step's message: a bold arrow with a label kept inside the drawing.
#[derive(Clone, Debug, PartialEq)]
pub struct MessageArrow {
    /// Start of the arrow.
    pub from: Pt,
    /// End of the arrow (its head).
    pub to: Pt,
    /// Centre of the label.
    pub label_at: Pt,
    /// Width of the label's pill.
    pub label_width: f64,
    /// "3. GET q9Zr2xA" (the message clipped to 40 characters).
    pub text: String,
    /// The whole message (the label's tooltip).
    pub message: String,
}

/// A component box: where it is, how it is drawn, what it says.
#[derive(Clone, Debug, PartialEq)]
pub struct BoxLayout {
    /// Component id.
    pub id: String,
    /// Colour group class ([`kind_class`]).
    pub kind_class: &'static str,
    /// `designs-active` (sender and receiver), `designs-untouched`, or none.
    pub role_class: Option<&'static str>,
    /// The outline.
    pub shape: Vec<Prim>,
    /// Tooltip: "Cache (cache): Redis".
    pub title: String,
    /// The kind word ([`kind_label`]) and its position (top left, below a cylinder's lid).
    pub kind: (&'static str, Pt),
    /// Centre x of the label lines.
    pub centre_x: f64,
    /// Baseline of the first label line (the next ones are 15 units apart).
    pub label_y: f64,
    /// The label, wrapped into at most two lines of 18 characters.
    pub label: Vec<String>,
    /// The technology, clipped to 24 characters, and its baseline; `None` without one.
    pub tech: Option<(String, f64)>,
    /// "sends" or "receives" above the box, and the tag's top-left corner.
    pub tag: Option<(&'static str, Pt)>,
}

/// Everything the diagram draws at one step of a flow.
#[derive(Clone, Debug, PartialEq)]
pub struct DiagramLayout {
    /// SVG width.
    pub width: f64,
    /// SVG height.
    pub height: f64,
    /// The architecture's edges.
    pub edges: Vec<EdgeLine>,
    /// The messages before this one.
    pub trail: Vec<TrailArrow>,
    /// This step's message (`None` if an end is not a component).
    pub message: Option<MessageArrow>,
    /// The boxes.
    pub boxes: Vec<BoxLayout>,
    /// The text alternative ([`describe`]).
    pub description: String,
    /// Where the current message is across the drawing (0 = left, 1 = right): a narrow screen
    /// scrolls the diagram sideways to keep it in view.
    pub focus_x: f64,
}

impl DiagramLayout {
    /// The layout of step `state` of a flow of the design titled `title`.
    pub fn of(title: &str, state: &FlowState) -> DiagramLayout {
        let d = &*state.diagram;
        let focus = Focus::Step(state);
        let frame = Frame::of(&d.components);
        let (w, h) = frame.size();
        let pos = |id: &str| {
            d.components
                .iter()
                .find(|c| c.id == id)
                .map(|c| frame.centre(c.pos))
        };
        let edges = d
            .edges
            .iter()
            .filter_map(|e| {
                let (a, b) = (pos(&e.from)?, pos(&e.to)?);
                let (p, q) = segment(a, b, 0.0);
                let mid = lerp(p, q, 0.5);
                let active = (state.from == e.from && state.to == e.to)
                    || (state.from == e.to && state.to == e.from);
                Some(EdgeLine {
                    from: p,
                    to: q,
                    label_at: Pt {
                        x: mid.x,
                        y: mid.y - 4.0,
                    },
                    label: e.label.clone(),
                    active,
                })
            })
            .collect();
        let trail = state
            .hops
            .iter()
            .take(state.step)
            .enumerate()
            .filter_map(|(k, hop)| {
                let (a, b) = (pos(&hop.from)?, pos(&hop.to)?);
                let (p, q) = segment(a, b, LANE);
                Some(TrailArrow {
                    step: k,
                    from: p,
                    to: q,
                    badge: lerp(p, q, 0.3),
                })
            })
            .collect();
        let message = match (pos(&state.from), pos(&state.to)) {
            (Some(a), Some(b)) => {
                let (p, q) = segment(a, b, LANE);
                let mid = lerp(p, q, 0.5);
                let text = format!("{}. {}", state.step + 1, clip(&state.message, 40));
                let tw = text_width(&text, 12.0) * 1.15 + 16.0;
                Some(MessageArrow {
                    from: p,
                    to: q,
                    label_at: Pt {
                        x: mid
                            .x
                            .clamp(tw / 2.0 + 2.0, (w - tw / 2.0 - 2.0).max(tw / 2.0)),
                        y: mid.y.clamp(12.0, h - 12.0),
                    },
                    label_width: tw,
                    text,
                    message: state.message.clone(),
                })
            }
            _ => None,
        };
        let boxes = d
            .components
            .iter()
            .map(|c| box_layout(frame, c, role(&c.id, focus)))
            .collect();
        let focus_x = match (pos(&state.from), pos(&state.to)) {
            (Some(a), Some(b)) => f64::midpoint(a.x, b.x) / w,
            _ => 0.5,
        };
        DiagramLayout {
            width: w,
            height: h,
            edges,
            trail,
            message,
            boxes,
            description: describe(title, d, focus),
            focus_x,
        }
    }
}

fn box_layout(frame: Frame, c: &Component, role: Role) -> BoxLayout {
    let ctr = frame.centre(c.pos);
    let (x, y) = (ctr.x - BOX_W / 2.0, ctr.y - BOX_H / 2.0);
    let role_class = match role {
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
    let label_y = y + f64::midpoint(top, bottom) - (label.len() as f64 - 1.0) * 7.5 + 5.0;
    let tag = match role {
        Role::Sender => Some("sends"),
        Role::Receiver => Some("receives"),
        _ => None,
    };
    let title = if c.tech.is_empty() {
        format!("{} ({})", c.label, kind_label(c.kind))
    } else {
        format!("{} ({}): {}", c.label, kind_label(c.kind), c.tech)
    };
    BoxLayout {
        id: c.id.clone(),
        kind_class: kind_class(c.kind),
        role_class,
        shape: shape(c.kind, x, y),
        title,
        kind: (
            kind_label(c.kind),
            Pt {
                x: x + 8.0,
                y: y + kind_y,
            },
        ),
        centre_x: ctr.x,
        label_y,
        label,
        tech: (!c.tech.is_empty()).then(|| (clip(&c.tech, 24), y + BOX_H - 7.0)),
        tag: tag.map(|t| {
            (
                t,
                Pt {
                    x: ctr.x - 30.0,
                    y: y - 10.0,
                },
            )
        }),
    }
}
