//! `consistency`: the history as bars per client, the order being placed (with linearization
//! points), the first violating operation marked, and the three verdicts.

use crate::history::{MAX_PROCS, Verdict};
use crate::layout::{HISTORY, history_x, history_y};
use crate::trace::{ConsistencyState, Phase};
use yew::prelude::*;

fn order_of(s: &ConsistencyState) -> Option<&[usize]> {
    let w = &*s.world;
    let v = match s.phase {
        Phase::Linearizable => &w.lin,
        Phase::Sequential => &w.seq,
        _ => return None,
    };
    match v {
        Verdict::Holds(o) => Some(o.get(..s.placed).unwrap_or(o)),
        Verdict::Broken(_) => None,
    }
}

fn timeline(s: &ConsistencyState) -> Html {
    let w = &*s.world;
    let span = w.ops.iter().map(|o| o.response).max().unwrap_or(1).max(1);
    let procs = w
        .ops
        .iter()
        .map(|o| o.proc)
        .max()
        .unwrap_or(1)
        .clamp(1, MAX_PROCS);
    let (width, left, row, top) = HISTORY;
    let height = top + row * f64::from(procs) + 18.0;
    let placed = order_of(s).unwrap_or(&[]);
    let show_points = matches!(s.phase, Phase::Linearizable | Phase::Summary);
    let broken = s.focus.filter(|_| s.placed == 0);
    html! {
        <svg class="rp-history" viewBox={format!("0 0 {width} {height:.0}")} role="img"
            aria-label="The history: one row per client, a bar per operation from invoke to response">
            { for (1..=procs).map(|p| html! {
                <g key={format!("p{p}")} class="lane">
                    <text x="2" y={format!("{:.1}", history_y(p) + 4.0)}>{ format!("P{p}") }</text>
                    <line x1={format!("{left:.1}")} y1={format!("{:.1}", history_y(p))} x2={format!("{:.1}", width - 10.0)} y2={format!("{:.1}", history_y(p))} />
                </g>
            }) }
            { for w.ops.iter().enumerate().map(|(i, o)| {
                let (x1, x2, y) = (history_x(f64::from(o.invoke), span), history_x(f64::from(o.response), span), history_y(o.proc));
                let rank = placed.iter().position(|&j| j == i);
                let class = classes!(
                    "op",
                    if o.write { "write" } else { "read" },
                    rank.is_some().then_some("placed"),
                    (s.focus == Some(i)).then_some("focus"),
                    (broken == Some(i)).then_some("violation"),
                );
                let point = w.points.get(i).copied().flatten().filter(|_| show_points && (s.phase == Phase::Summary || rank.is_some()));
                html! {
                    <g key={i} class={class}>
                        <rect x={format!("{x1:.1}")} y={format!("{:.1}", y - 9.0)} width={format!("{:.1}", (x2 - x1).max(2.0))} height="18" rx="3" />
                        <text x={format!("{:.1}", x1 + 3.0)} y={format!("{:.1}", y + 4.0)}>{ format!("#{} {}", i + 1, o.text().split_once(' ').map_or(String::new(), |(_, t)| t.to_string())) }</text>
                        if let Some(p) = point {
                            <circle class="lp" cx={format!("{:.1}", history_x(p, span))} cy={format!("{:.1}", y + 11.0)} r="3.5" />
                        }
                        if let Some(k) = rank.filter(|_| s.phase == Phase::Sequential) {
                            <text class="rank" x={format!("{:.1}", x2 - 10.0)} y={format!("{:.1}", y - 11.0)}>{ k + 1 }</text>
                        }
                    </g>
                }
            }) }
            <text class="tick" x={format!("{left:.1}")} y={format!("{:.1}", height - 3.0)}>{"0"}</text>
            <text class="tick" x={format!("{:.1}", width - 24.0)} y={format!("{:.1}", height - 3.0)}>{ format!("t = {span}") }</text>
        </svg>
    }
}

fn verdicts(s: &ConsistencyState) -> Html {
    let w = &*s.world;
    let reached = |p: Phase| {
        let rank = |x: Phase| match x {
            Phase::History => 0,
            Phase::Linearizable => 1,
            Phase::Sequential => 2,
            Phase::Eventual => 3,
            Phase::Summary => 4,
        };
        rank(s.phase) > rank(p) || (s.phase == p && (s.placed == 0 || order_of(s).is_none()))
    };
    let row = |name: &str, use_case: &str, v: &Verdict, p: Phase| {
        let known = reached(p) || s.phase == Phase::Summary;
        let text = match (known, v) {
            (false, _) => "…".to_string(),
            (true, Verdict::Holds(_)) => "holds".to_string(),
            (true, Verdict::Broken(i)) => format!("broken at #{}", i + 1),
        };
        html! {
            <tr key={name.to_string()}>
                <th scope="row">{ name }</th>
                <td class={classes!(known.then_some(if v.holds() { "hit" } else { "miss" }))}>{ text }</td>
                <td>{ use_case }</td>
            </tr>
        }
    };
    html! {
        <table class="rp-table rp-verdicts" aria-label="Verdicts">
            <thead><tr><th scope="col">{"model"}</th><th scope="col">{"verdict"}</th><th scope="col">{"use case (F0 §2)"}</th></tr></thead>
            <tbody>
                { row("linearizable", "banking, inventory, leader election", &w.lin, Phase::Linearizable) }
                { row("sequential", "distributed locks", &w.seq, Phase::Sequential) }
                { row("eventual", "DNS, social feeds, caches", &w.ev, Phase::Eventual) }
            </tbody>
        </table>
    }
}

/// The step's picture.
pub(super) fn view(s: &ConsistencyState) -> Html {
    let w = &*s.world;
    html! {
        <div class="rp-consistency">
            { timeline(s) }
            if let Some(order) = order_of(s).filter(|o| !o.is_empty()) {
                <p class="rp-order">{ format!("Order: {}", order.iter().map(|&i| format!("#{}", i + 1)).collect::<Vec<_>>().join(" → ")) }</p>
            }
            { verdicts(s) }
            if !w.dropped.is_empty() {
                <p class="rp-lost">{ format!("Left out: {}", w.dropped.join("; ")) }</p>
            }
        </div>
    }
}
