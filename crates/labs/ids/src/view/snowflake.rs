//! `snowflake`: the examples' strips and the parse, then each call's ID strip, the generator's
//! state badge and its node's clock against `last_ts`, then the merged check.

use super::strip;
use crate::clock::Event;
use crate::layout::{ClockPoint, clock_points};
use crate::sim::Call;
use crate::snowflake::{parse, split_node};
use crate::trace::{SnowState, SnowStep, SnowWorld, refusal_text};
use crate::{Split, date::iso};
use sdp_kit::fmt::group;
use yew::prelude::*;

fn examples(w: &SnowWorld, current: usize) -> Html {
    html! {
        <table class="ids-table ids-examples" aria-label="The diagram example in both readings">
            <thead><tr><th scope="col">{"reading"}</th><th scope="col">{"timestamp field"}</th><th scope="col">{"ID"}</th></tr></thead>
            <tbody>
                { for w.examples.iter().enumerate().map(|(i, e)| html! {
                    <tr key={i} class={classes!((i == current).then_some("current"))}>
                        <td>{ &e.title }</td><td>{ e.fields.ts }</td>
                        <td class="mono">{ e.id.map_or_else(|| "does not fit".to_string(), |id| id.to_string()) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

fn parse_table(w: &SnowWorld) -> Html {
    let e = &w.examples[1];
    let Some(id) = e.id else {
        return html! { <p>{"The since-epoch timestamp does not fit its field."}</p> };
    };
    let l = w.layout;
    let f = parse(id, l);
    let node = if w.params.split == Split::Datacenter {
        let (dc, m) = split_node(f.node, l);
        format!("{} (datacenter {dc}, machine {m})", f.node)
    } else {
        f.node.to_string()
    };
    html! {
        <table class="ids-table ids-parse" aria-label="Parse by shifts and masks">
            <tbody>
                <tr><th scope="row">{ format!("(ID >> {}) + EPOCH", l.ts_shift()) }</th>
                    <td>{ format!("{} = {}", f.ts + e.epoch, iso((f.ts + e.epoch) as i64)) }</td></tr>
                <tr><th scope="row">{ format!("(ID >> {}) & 0x{:X}", l.seq_bits, l.max_node()) }</th><td>{ node }</td></tr>
                <tr><th scope="row">{ format!("ID & 0x{:X}", l.max_seq()) }</th><td>{ f.seq }</td></tr>
            </tbody>
        </table>
    }
}

fn badge(c: &Call) -> Html {
    let (class, text) = match c.outcome.result {
        Err(r) => ("error", refusal_text(r)),
        Ok((_, _, Event::Slept(s))) => ("sleeping", format!("sleeping {s} ms")),
        Ok((_, _, Event::Logical(s))) => {
            ("logical", format!("logical clock {s} ms ahead of the wall"))
        }
        Ok((_, _, Event::LogicalOverflow)) => ("logical", "logical clock +1 ms".to_string()),
        Ok((_, _, Event::Overflow(ms))) => ("spin", format!("sequence full: spin-waited {ms} ms")),
        Ok((_, _, Event::NewMs | Event::SameMs)) => ("normal", "normal".to_string()),
    };
    html! { <p class={classes!("ids-badge", class)} role="status">{ text }</p> }
}

const GW: f64 = 480.0;
const GH: f64 = 150.0;

fn graph(w: &SnowWorld, pts: &[ClockPoint], node: u32) -> Html {
    if pts.is_empty() {
        return html! {};
    }
    let lo_x = pts.first().map_or(0, |p| p.real) as f64;
    let hi_x = (pts.last().map_or(0, |p| p.real) as f64).max(lo_x + 1.0);
    let ys = pts.iter().flat_map(|p| [Some(p.clock), p.last]).flatten();
    let (lo_y, hi_y) = ys.fold((i64::MAX, i64::MIN), |(a, b), y| (a.min(y), b.max(y)));
    let span_y = ((hi_y - lo_y) as f64).max(1.0);
    let x = |r: u64| 30.0 + (r as f64 - lo_x) / (hi_x - lo_x) * (GW - 40.0);
    let y = |v: i64| GH - 20.0 - (v - lo_y) as f64 / span_y * (GH - 35.0);
    let last_path: Vec<String> = pts
        .iter()
        .filter_map(|p| p.last.map(|l| format!("{:.1},{:.1}", x(p.real), y(l))))
        .collect();
    html! {
        <figure class="ids-graph-box">
            <svg class="ids-graph" viewBox={format!("0 0 {GW} {GH}")} role="img"
                aria-label={format!("Node {node}: wall clock and last_ts over real time")}>
                <line class="axis" x1="30" y1={(GH - 20.0).to_string()} x2={GW.to_string()} y2={(GH - 20.0).to_string()} />
                <polyline class="last" points={last_path.join(" ")} />
                { for pts.iter().enumerate().map(|(i, p)| html! {
                    <circle key={i} class={classes!("wall", p.last.is_some_and(|l| p.clock < l).then_some("behind"))}
                        cx={format!("{:.1}", x(p.real))} cy={format!("{:.1}", y(p.clock))} r="3" />
                }) }
                <text x="30" y={(GH - 5.0).to_string()}>{ format!("real {} ms", lo_x) }</text>
                <text x={(GW - 5.0).to_string()} y={(GH - 5.0).to_string()} class="end">{ format!("{} ms", hi_x) }</text>
                <text x="32" y="12">{ format!("clock {} … {}", lo_y - w.params.start as i64, hi_y - w.params.start as i64) }</text>
            </svg>
            <figcaption>{ format!("Node {node}: dots are the wall clock at each call (orange when behind last_ts), the line is last_ts; ms after the start.") }</figcaption>
        </figure>
    }
}

fn nodes_table(w: &SnowWorld, current: Option<u32>) -> Html {
    html! {
        <table class="ids-table ids-nodes" aria-label="Nodes">
            <thead><tr><th scope="col">{"node"}</th><th scope="col">{"node field"}</th>
                <th scope="col">{"clock offset"}</th><th scope="col">{"jumps back"}</th></tr></thead>
            <tbody>
                { for w.run.clocks.iter().enumerate().map(|(i, c)| {
                    let field = w.run.node_fields.get(i).copied().unwrap_or_default();
                    let shown = if w.params.split == Split::Datacenter {
                        let (dc, m) = split_node(field, w.layout);
                        format!("{field} (dc {dc}, machine {m})")
                    } else {
                        field.to_string()
                    };
                    html! {
                        <tr key={i} class={classes!((current == Some(i as u32)).then_some("current"))}>
                            <td>{ i }</td><td>{ shown }</td>
                            <td>{ format!("{:+} ms", c.base - w.params.start as i64) }</td>
                            <td>{ c.jumps.iter().map(|j| format!("{} ms at {}", j.back, j.at)).collect::<Vec<_>>().join(", ") }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

fn merged(w: &SnowWorld) -> Html {
    let m = &w.run.merged;
    let mut ids: Vec<(u64, u32, u64)> = w
        .run
        .calls
        .iter()
        .filter_map(|c| c.id().map(|id| (id, c.node, c.outcome.done)))
        .collect();
    ids.sort_unstable();
    html! {
        <div class="ids-merged">
            <table class="ids-table" aria-label="Merged check">
                <tbody>
                    <tr><th scope="row">{"IDs issued"}</th><td>{ group(m.issued) }</td></tr>
                    <tr><th scope="row">{"calls refused"}</th><td>{ group(m.refused) }</td></tr>
                    <tr class={classes!((m.duplicates > 0).then_some("bad"))}><th scope="row">{"duplicates"}</th><td>{ group(m.duplicates) }</td></tr>
                    <tr class={classes!((m.node_order_breaks > 0).then_some("bad"))}><th scope="row">{"breaks in a node's order"}</th><td>{ group(m.node_order_breaks) }</td></tr>
                    <tr><th scope="row">{"real-time neighbours out of order"}</th><td>{ group(m.inversions) }</td></tr>
                    <tr><th scope="row">{"worst disorder"}</th><td>{ format!("{} ms", group(m.worst_disorder)) }</td></tr>
                </tbody>
            </table>
            <table class="ids-table ids-sorted" aria-label="The smallest IDs, sorted">
                <caption>{"The smallest IDs, sorted"}</caption>
                <thead><tr><th scope="col">{"ID"}</th><th scope="col">{"node"}</th><th scope="col">{"issued at real ms"}</th></tr></thead>
                <tbody>
                    { for ids.iter().take(16).enumerate().map(|(i, (id, node, done))| html! {
                        <tr key={i}><td class="mono">{ id }</td><td>{ node }</td><td>{ done }</td></tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// The step's picture.
pub(super) fn view(s: &SnowState) -> Html {
    let w = &*s.world;
    let body = match s.step {
        SnowStep::Compose(i) => {
            let e = &w.examples[i];
            html! {
                <>
                    if let Some(id) = e.id { { strip::view(id, w.layout, &e.title) } }
                    { examples(w, i) }
                </>
            }
        }
        SnowStep::Parse => html! {
            <>
                if let Some(id) = w.examples[1].id { { strip::view(id, w.layout, "since EPOCH") } }
                { parse_table(w) }
            </>
        },
        SnowStep::Call(i) => {
            let Some(c) = w.run.calls.get(i) else {
                return html! {};
            };
            let pts = clock_points(&w.run.calls, c.node, i, 120);
            html! {
                <>
                    if let Some(id) = c.id() { { strip::view(id, w.layout, &format!("node {}'s ID", c.node)) } }
                    { badge(c) }
                    <div class="ids-cols">
                        { graph(w, &pts, c.node) }
                        { nodes_table(w, Some(c.node)) }
                    </div>
                </>
            }
        }
        SnowStep::Merged => html! {
            <>
                { merged(w) }
                { nodes_table(w, None) }
            </>
        },
    };
    html! { <div class="ids-snowflake">{ body }</div> }
}
