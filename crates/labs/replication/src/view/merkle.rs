//! `merkle`: the two trees side by side, compared nodes marked equal or different, the node
//! just compared outlined, and the keys that differ.

use crate::merkle::Tree;
use crate::trace::MerkleState;
use yew::prelude::*;

const W: f64 = 440.0;
const LEVEL: f64 = 38.0;

fn pos(node: usize, leaves: usize) -> (f64, f64) {
    let depth = usize::BITS - 1 - node.leading_zeros();
    let first = 1usize << depth;
    let width = leaves >> depth;
    let slot = (node - first) * width;
    let x = W * ((slot as f64) + width as f64 / 2.0) / leaves as f64;
    (x, 16.0 + LEVEL * f64::from(depth))
}

fn tree(s: &MerkleState, name: &str, t: &Tree) -> Html {
    let w = &*s.world;
    let leaves = t.leaves;
    let depth = usize::BITS - leaves.leading_zeros();
    let height = 16.0 + LEVEL * f64::from(depth) + 10.0;
    let status = |node: usize| {
        w.visits[..s.visited]
            .iter()
            .find(|v| v.node == node)
            .map(|v| if v.equal { "equal" } else { "differ" })
    };
    let current = s.visited.checked_sub(1).map(|i| w.visits[i].node);
    let tree = if s.done {
        Tree::build(if name == "A" { &w.synced } else { &w.synced_b }, leaves)
    } else {
        t.clone()
    };
    let labels = leaves <= 16;
    html! {
        <svg class="rp-tree" viewBox={format!("-10 0 {} {height:.0}", W + 20.0)} role="img"
            aria-label={format!("Replica {name}'s Merkle tree")}>
            <text class="title" x="0" y="10">{ format!("replica {name}") }</text>
            { for (2..2 * leaves).map(|n| {
                let (x1, y1) = pos(n / 2, leaves);
                let (x2, y2) = pos(n, leaves);
                html! { <line key={format!("e{n}")} class="edge" x1={format!("{x1:.1}")} y1={format!("{y1:.1}")} x2={format!("{x2:.1}")} y2={format!("{y2:.1}")} /> }
            }) }
            { for (1..2 * leaves).map(|n| {
                let (x, y) = pos(n, leaves);
                let st = if s.done { Some("equal") } else { status(n) };
                let class = classes!("node", st, (current == Some(n) && !s.done).then_some("now"));
                html! {
                    <g key={n} class={class}>
                        <circle cx={format!("{x:.1}")} cy={format!("{y:.1}")} r="7" />
                        if labels {
                            <text x={format!("{x:.1}")} y={format!("{:.1}", y + 18.0)}>{ format!("{:04x}", tree.hashes[n] >> 48) }</text>
                        }
                    </g>
                }
            }) }
        </svg>
    }
}

/// The step's picture.
pub(super) fn view(s: &MerkleState) -> Html {
    let w = &*s.world;
    let diff: Vec<String> = (0..w.a.len())
        .filter(|&k| w.a[k] != w.b[k])
        .map(|k| format!("k{k}: A v{} / B v{}", w.a[k], w.b[k]))
        .collect();
    html! {
        <div class="rp-merkle">
            <div class="rp-trees">
                { tree(s, "A", &w.tree_a) }
                { tree(s, "B", &w.tree_b) }
            </div>
            <p class="rp-legend">{ format!("Keys that differ: {}", if diff.is_empty() { "none".to_string() } else { diff.join(", ") }) }</p>
        </div>
    }
}
