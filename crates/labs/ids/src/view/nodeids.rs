//! `node-ids`: the nodes with their ids (duplicates and ids past 1023 marked), the znodes, and
//! the lease table with its expiries.

use crate::nodeids::{MAX_ID, Strategy};
use crate::trace::NodeState;
use yew::prelude::*;

fn nodes(s: &NodeState) -> Html {
    let ids: Vec<u64> = s
        .nodes
        .iter()
        .filter(|n| n.alive)
        .filter_map(|n| n.id)
        .collect();
    html! {
        <table class="ids-table ids-nodes-ids" aria-label="Nodes and their ids">
            <thead><tr><th scope="col">{"node"}</th><th scope="col">{"id"}</th>
                if s.params.strategy == Strategy::Zookeeper { <th scope="col">{"znode"}</th> }
                <th scope="col">{"status"}</th></tr></thead>
            <tbody>
                { for s.nodes.iter().enumerate().map(|(i, n)| {
                    let shared = n.alive && n.id.is_some_and(|id| ids.iter().filter(|&&x| x == id).count() > 1);
                    let too_big = n.alive && n.id.is_some_and(|id| id > MAX_ID);
                    let status = if !n.alive { "crashed" } else if n.id.is_none() { "waiting for an id" }
                        else if too_big { "id past 1023: cannot issue" } else if shared { "duplicate id" } else { "issuing" };
                    html! {
                        <tr key={i} class={classes!((shared || too_big).then_some("bad"), (!n.alive).then_some("gone"))}>
                            <td>{ &n.name }</td>
                            <td>{ n.id.map_or_else(|| "–".to_string(), |v| v.to_string()) }</td>
                            if s.params.strategy == Strategy::Zookeeper {
                                <td class="mono">{ n.seq.filter(|_| n.alive).map_or_else(|| "–".to_string(), |q| format!("node-{q:010}")) }</td>
                            }
                            <td>{ status }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

fn leases(s: &NodeState) -> Html {
    let now = u64::from(s.tick);
    html! {
        <table class="ids-table ids-leases" aria-label="node_leases">
            <caption>{ format!("node_leases at tick {now} ({} of {} rows)", s.rows.len(), s.params.slots) }</caption>
            <thead><tr><th scope="col">{"id"}</th><th scope="col">{"hostname"}</th><th scope="col">{"lease_until"}</th></tr></thead>
            <tbody>
                { for s.rows.iter().map(|r| html! {
                    <tr key={r.id} class={classes!((r.until < now).then_some("gone"))}>
                        <td>{ r.id }</td><td>{ &r.holder }</td>
                        <td>{ if r.until < now { format!("{} (expired)", r.until) } else { r.until.to_string() } }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

/// The step's picture.
pub(super) fn view(s: &NodeState) -> Html {
    html! {
        <div class="ids-nodeids">
            if s.params.strategy == Strategy::Zookeeper {
                <p class="ids-coord">{ format!("ZooKeeper's next sequence number: {}", s.counter) }</p>
            }
            <div class="ids-cols">
                { nodes(s) }
                if s.params.strategy == Strategy::Lease { { leases(s) } }
            </div>
        </div>
    }
}
