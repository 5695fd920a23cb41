//! Checks of step 3: the component diagram (grid cells, edges that cross no box) and the flows.

use super::{Sink, is_slug};
use crate::model::{Design, GRID_COLS, GRID_ROWS};

pub(super) fn check_diagram(s: &mut Sink, d: &Design) {
    let mut seen: Vec<&str> = Vec::new();
    let mut cells: Vec<[u8; 2]> = Vec::new();
    for c in &d.components {
        let f = format!("component[{}]", c.id);
        if !is_slug(&c.id) {
            s.push(&f, "component ids are [a-z][a-z0-9-]*");
        }
        if seen.contains(&c.id.as_str()) {
            s.push(&f, "duplicate component id");
        }
        seen.push(&c.id);
        s.nonempty(&format!("{f}.label"), &c.label);
        let [col, row] = c.pos;
        if col >= GRID_COLS || row >= GRID_ROWS {
            s.push(
                format!("{f}.pos"),
                format!("must be within {GRID_COLS} × {GRID_ROWS}"),
            );
        }
        if cells.contains(&c.pos) {
            s.push(format!("{f}.pos"), "two components share this grid cell");
        }
        cells.push(c.pos);
    }
    if d.components.len() < 3 {
        s.push("component", "a diagram needs at least three components");
    }
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for (k, e) in d.edges.iter().enumerate() {
        for end in [&e.from, &e.to] {
            if d.component(end).is_none() {
                s.push(format!("edge[{k}]"), format!("no component “{end}”"));
            }
        }
        if e.from == e.to {
            s.push(
                format!("edge[{k}]"),
                "an edge joins two different components",
            );
        }
        let key = if e.from < e.to {
            (e.from.as_str(), e.to.as_str())
        } else {
            (e.to.as_str(), e.from.as_str())
        };
        if pairs.contains(&key) {
            s.push(format!("edge[{k}]"), "duplicate edge");
        }
        pairs.push(key);
    }
    for (k, e) in d.edges.iter().enumerate() {
        let (Some(a), Some(b)) = (d.component(&e.from), d.component(&e.to)) else {
            continue;
        };
        for c in &d.components {
            if c.id != a.id && c.id != b.id && on_segment(a.pos, b.pos, c.pos) {
                s.push(
                    format!("edge[{k}]"),
                    format!(
                        "the line {} – {} runs through “{}”; move a box",
                        a.id, b.id, c.id
                    ),
                );
            }
        }
    }
    for c in &d.components {
        if !d.edges.iter().any(|e| e.from == c.id || e.to == c.id) {
            s.push(
                format!("component[{}]", c.id),
                "is not connected by any edge",
            );
        }
    }
}

/// True when grid cell `c` lies on the segment from `a` to `b` (endpoints excluded).
fn on_segment(a: [u8; 2], b: [u8; 2], c: [u8; 2]) -> bool {
    let [ax, ay] = a.map(i32::from);
    let [bx, by] = b.map(i32::from);
    let [cx, cy] = c.map(i32::from);
    let cross = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    let dot = (cx - ax) * (bx - ax) + (cy - ay) * (by - ay);
    let len2 = (bx - ax).pow(2) + (by - ay).pow(2);
    cross == 0 && dot > 0 && dot < len2
}

pub(super) fn check_flows(s: &mut Sink, d: &Design) {
    if d.flows.len() < 2 {
        s.push("flow", "a walkthrough needs at least two flows");
    }
    let mut ids: Vec<&str> = Vec::new();
    for fl in &d.flows {
        let f = format!("flow[{}]", fl.id);
        if !is_slug(&fl.id) {
            s.push(&f, "flow ids are [a-z][a-z0-9-]*");
        }
        if ids.contains(&fl.id.as_str()) {
            s.push(&f, "duplicate flow id");
        }
        ids.push(&fl.id);
        s.nonempty(&format!("{f}.title"), &fl.title);
        s.nonempty(&format!("{f}.summary"), &fl.summary);
        if fl.steps.len() < 2 {
            s.push(&f, "a flow needs at least two steps");
        }
        for (k, st) in fl.steps.iter().enumerate() {
            let sf = format!("{f}.step[{k}]");
            for end in [&st.from, &st.to] {
                if d.component(end).is_none() {
                    s.push(&sf, format!("no component “{end}”"));
                }
            }
            if st.from == st.to {
                s.push(&sf, "a message goes between two different components");
            }
            let joined = d.edges.iter().any(|e| {
                (e.from == st.from && e.to == st.to) || (e.from == st.to && e.to == st.from)
            });
            if !joined && st.from != st.to {
                s.push(&sf, format!("no edge joins “{}” and “{}”", st.from, st.to));
            }
            s.nonempty(&format!("{sf}.message"), &st.message);
            let n = st.narration.trim();
            if n.is_empty() || !(n.ends_with('.') || n.ends_with('!') || n.ends_with('?')) {
                s.push(&sf, "narration is one sentence ending with a full stop");
            }
        }
    }
}
