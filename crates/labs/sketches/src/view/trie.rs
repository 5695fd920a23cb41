//! `trie`: the trie drawn top-down with one character per edge, the path an insert updated or
//! the typed prefix walked, and the suggestions stored at the node reached.

use crate::layout::trie_layout;
use crate::trace::{TrieState, TrieStep};
use sdp_kit::fmt::group;
use yew::prelude::*;

/// Most nodes drawn (the first in depth-first order).
const MAX_NODES: usize = 160;
const DX: f64 = 26.0;
const DY: f64 = 34.0;

fn tree(s: &TrieState, path: &[usize]) -> Html {
    let t = &*s.trie;
    let nodes = trie_layout(t, MAX_NODES);
    let cols = nodes.iter().map(|n| n.2).fold(0.0, f64::max) + 1.0;
    let depth = nodes.iter().map(|n| n.1).max().unwrap_or(0) + 1;
    let (w, h) = (cols * DX + 20.0, depth as f64 * DY + 20.0);
    let pos = |n: usize| {
        nodes
            .iter()
            .find(|x| x.0 == n)
            .map(|x| (10.0 + x.2 * DX + DX / 2.0, 16.0 + x.1 as f64 * DY))
    };
    let edges = nodes
        .iter()
        .flat_map(|&(n, _, _)| t.nodes[n].children.values().map(move |&c| (n, c)));
    html! {
        <svg class="sk-trie" viewBox={format!("0 0 {w:.0} {h:.0}")} role="img"
            aria-label={format!("The trie: {} nodes{}", t.nodes.len(), if t.nodes.len() > MAX_NODES { format!(", the first {MAX_NODES} drawn") } else { String::new() })}
            style={format!("max-width:{w:.0}px")}>
            { for edges.filter_map(|(a, b)| {
                let ((x1, y1), (x2, y2)) = (pos(a)?, pos(b)?);
                let on = path.contains(&b);
                Some(html! { <line key={format!("{a}-{b}")} class={classes!("edge", on.then_some("on"))}
                    x1={format!("{x1:.1}")} y1={format!("{y1:.1}")} x2={format!("{x2:.1}")} y2={format!("{y2:.1}")} /> })
            }) }
            { for nodes.iter().map(|&(n, _, _)| {
                let Some((x, y)) = pos(n) else { return html! {} };
                let node = &t.nodes[n];
                let on = path.contains(&n);
                let label = node.ch.map_or_else(|| "·".to_string(), |c| c.to_string());
                html! {
                    <g key={n} class={classes!("node", on.then_some("on"), (node.count > 0).then_some("end"))}>
                        <circle cx={format!("{x:.1}")} cy={format!("{y:.1}")} r="10" />
                        <text x={format!("{x:.1}")} y={format!("{:.1}", y + 4.0)}>{ label }</text>
                    </g>
                }
            }) }
        </svg>
    }
}

/// The step's picture.
pub(super) fn view(s: &TrieState) -> Html {
    let w = &*s.world;
    let (path, heading): (&[usize], String) = match &s.step {
        TrieStep::Empty => (&[], "An empty trie".into()),
        TrieStep::Insert { query, path } => {
            let (q, c) = w
                .inserted
                .get(*query)
                .map_or(("", 0), |(q, c)| (q.as_str(), *c));
            (
                path,
                format!(
                    "Inserted “{q}” ({}): every node on its path updated its list",
                    group(c)
                ),
            )
        }
        TrieStep::Typed { typed, path } => {
            let prefix: String = w.params.prefix.chars().take(*typed).collect();
            (
                path,
                format!("Typed “{prefix}”: the node reached answers from its stored list"),
            )
        }
    };
    let reached = match &s.step {
        TrieStep::Typed { path, typed } if path.len() == *typed + 1 => path.last().copied(),
        TrieStep::Insert { path, .. } => path.last().copied(),
        TrieStep::Typed { .. } | TrieStep::Empty => None,
    };
    let top = reached
        .and_then(|n| s.trie.nodes.get(n))
        .map(|n| n.top.clone());
    html! {
        <div class="sk-trie-view">
            <p class="sk-answer">{ heading }</p>
            <figure>{ tree(s, path) }
                <figcaption>{"Filled circles end a query; highlighted: this step's path."}</figcaption>
            </figure>
            if let Some(top) = top {
                <table class="sk-table" aria-label="Suggestions stored at the node">
                    <caption>{ format!("Top {} stored at the node reached", w.params.k) }</caption>
                    <tbody>
                        { for top.iter().enumerate().map(|(i, (q, c))| html! { <tr key={i}><td>{ q }</td><td>{ group(*c) }</td></tr> }) }
                    </tbody>
                </table>
            } else if matches!(s.step, TrieStep::Typed { .. }) {
                <p class="sk-answer no">{"No node for this prefix: no suggestions."}</p>
            }
        </div>
    }
}
