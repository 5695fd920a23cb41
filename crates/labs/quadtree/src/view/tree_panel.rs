//! The tree drawn as a tree: the root, then one row of four children per level along the path to
//! the focused node. Siblings off the path stay collapsed, each summarised by its point count,
//! node count and height, so a tree of thousands of nodes stays a few dozen cards. A split card
//! is a button: pressing it expands that branch instead.

use crate::layout::tree::{final_leaves, focus_node, node_marks, node_stats_with, path_to};
use crate::tree::{QUADRANTS, Quadrant};
use crate::{Focus, State};
use sdp_kit::fmt::group;
use sdp_kit::lab::Trace;
use sdp_kit_web::ById;
use yew::prelude::*;

/// Properties: the trace and cursor (compared by identity).
#[derive(Properties, PartialEq)]
pub struct TreeProps {
    /// The trace.
    pub trace: ById<Trace<State>>,
    /// The step shown.
    pub cursor: usize,
}

/// The tree panel.
#[component]
pub fn TreePanel(props: &TreeProps) -> Html {
    let pinned = use_state(|| None::<u32>);
    // A new step shows its own focus again.
    {
        let pinned = pinned.clone();
        use_effect_with((props.trace.id(), props.cursor), move |_| pinned.set(None));
    }
    let leaves = {
        let trace = props.trace.clone();
        use_memo(props.trace.id(), move |_| {
            trace
                .steps
                .first()
                .map(|st| final_leaves(&st.state.world))
                .unwrap_or_default()
        })
    };
    let stats = {
        let (trace, cursor) = (props.trace.clone(), props.cursor);
        let epoch = trace.get(cursor).map_or(0, |st| st.state.epoch);
        use_memo((props.trace.id(), epoch), move |_| {
            trace
                .get(cursor)
                .map(|st| node_stats_with(&st.state.world, epoch, &leaves))
                .unwrap_or_default()
        })
    };
    let Some(step) = props.trace.get(props.cursor) else {
        return html! {};
    };
    let s = &step.state;
    let w = &s.world;
    let target = (*pinned)
        .filter(|&n| (n as usize) < stats.points.len())
        .or_else(|| focus_node(s));
    let path = target.map_or_else(|| vec![0], |n| path_to(w, n));
    let marks = node_marks(s);
    let cap = w.capacity;
    let (split_node, moved): (Option<u32>, [usize; 4]) = match &s.focus {
        Focus::Split { node, moved, .. } => {
            let mut counts = [0usize; 4];
            for (_, q) in moved {
                counts[q.index()] += 1;
            }
            (Some(*node), counts)
        }
        _ => (None, [0; 4]),
    };
    let placed_leaf = match &s.focus {
        Focus::Placed { path, .. } => path.last().copied(),
        _ => None,
    };
    let alive = stats.points.len();
    let leaves = (0..alive).filter(|&i| w.nodes[i].split > s.epoch).count();
    let depth = (0..alive).map(|i| w.nodes[i].depth).max().unwrap_or(0);
    let card = |i: u32, on_path: bool| -> Html {
        let Some(n) = w.nodes.get(i as usize) else {
            return html! {};
        };
        let idx = i as usize;
        let pts = stats.points.get(idx).copied().unwrap_or(0);
        let split = n.split <= s.epoch;
        let name = n.quadrant.map_or("root", Quadrant::as_str);
        let mut notes: Vec<String> = Vec::new();
        if split_node == Some(i) {
            notes.push("just split".into());
        }
        if let (Some(sn), Some(q)) = (split_node, n.quadrant) {
            if n.parent == Some(sn) && moved[q.index()] > 0 {
                notes.push(format!("+{} moved in", moved[q.index()]));
            }
        }
        if placed_leaf == Some(i) {
            notes.push("new point here".into());
        }
        let mark = marks.get(&i).copied();
        match mark {
            Some(true) => notes.push("✓ visited".into()),
            Some(false) => notes.push("✗ pruned".into()),
            None => {}
        }
        let class = classes!(
            "quadtree-card",
            split.then_some("split"),
            on_path.then_some("on-path"),
            (split_node == Some(i) || placed_leaf == Some(i)).then_some("focus"),
            match mark {
                Some(true) => Some("visited"),
                Some(false) => Some("pruned"),
                None => None,
            }
        );
        let body = if split {
            format!(
                "{} pts, {} nodes",
                group(u64::from(pts)),
                group(u64::from(stats.nodes.get(idx).copied().unwrap_or(1))),
            )
        } else {
            format!("leaf · {pts}/{cap}")
        };
        let fill = if split {
            html! {}
        } else {
            let pct = (f64::from(pts) / f64::from(cap.max(1)) * 100.0).min(100.0);
            html! { <span class={classes!("quadtree-fill", (pts > cap).then_some("over"))} style={format!("width:{pct:.0}%")}></span> }
        };
        let title = w.label(i);
        let inner = html! {
            <>
                <span class="quadtree-card-name">{ name }</span>
                <span class="quadtree-card-body">{ body.clone() }</span>
                { fill }
                if !notes.is_empty() { <span class="quadtree-card-note">{ notes.join(" · ") }</span> }
            </>
        };
        if split {
            let levels = stats.height.get(idx).copied().unwrap_or(0);
            let pinned = pinned.clone();
            let onclick = Callback::from(move |_: MouseEvent| pinned.set(Some(i)));
            html! {
                <button type="button" class={class} {onclick} title={format!("{title}: {levels} levels below; press to expand")}
                    aria-label={format!("{title}: {body}, {levels} levels below. Expand")} aria-current={on_path.then_some("true")}>
                    { inner }
                </button>
            }
        } else {
            html! { <div class={class} title={title.clone()} aria-label={format!("{title}: {body}")}>{ inner }</div> }
        }
    };
    let mut rows: Vec<Html> = vec![html! {
        <li class="quadtree-row root" key="root">
            <span class="quadtree-row-label">{"depth 0"}</span>
            <div class="quadtree-cards one">{ card(0, true) }</div>
        </li>
    }];
    for (k, &node) in path.iter().enumerate() {
        let Some(n) = w.nodes.get(node as usize) else {
            break;
        };
        let Some(children) = n.children.filter(|_| n.split <= s.epoch) else {
            break;
        };
        let next = path.get(k + 1).copied();
        rows.push(html! {
            <li class="quadtree-row" key={node.to_string()}>
                <span class="quadtree-row-label">{ format!("depth {}: children of {}", n.depth + 1, w.label(node)) }</span>
                <div class="quadtree-cards">
                    { for QUADRANTS.iter().map(|q| card(children[q.index()], next == Some(children[q.index()]))) }
                </div>
            </li>
        });
    }
    html! {
        <section class="quadtree-tree" aria-label="The tree as a tree">
            <h2>{"Tree"}</h2>
            <p class="quadtree-tree-summary">
                { format!("{} nodes ({} leaves), depth {}, {} points. Siblings off the path are collapsed; press a split node to expand it.",
                    group(alive as u64), group(leaves as u64), depth, group(stats.points.first().copied().unwrap_or(0).into())) }
            </p>
            <ol class="quadtree-rows">{ for rows }</ol>
        </section>
    }
}
