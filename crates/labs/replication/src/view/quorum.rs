//! `quorum`: the message timeline (one lane per node, time to the right), the nodes' versions
//! and hints, and at the end the same history under every W and R.

use crate::layout::{LANE, TOP, WIDTH, segment, x_of, y_of};
use crate::quorum::{COORD, Happening, MsgKind, Outcome, node_name};
use crate::trace::QuorumState;
use yew::prelude::*;

fn kind_class(k: MsgKind) -> &'static str {
    match k {
        MsgKind::Write(_) => "write",
        MsgKind::Ack => "ack",
        MsgKind::Read => "read",
        MsgKind::Reply(_) => "reply",
        MsgKind::Repair(_) => "repair",
        MsgKind::Hint(..) => "hint",
        MsgKind::Handoff(_) => "handoff",
    }
}

fn timeline(s: &QuorumState) -> Html {
    let w = &*s.world;
    let Some(m) = s.at() else { return html! {} };
    let span = w.run.span().max(1);
    let now = if s.summary { span } else { m.time };
    let lanes = w.cfg.nodes + 1;
    let height = TOP + LANE * lanes as f64 + 8.0;
    let focus = match m.what {
        Happening::Arrived(id) | Happening::Lost(id) => Some(id),
        _ => None,
    };
    let lane_label = |l: usize| -> String {
        if l == COORD {
            return "coordinator".into();
        }
        let n = &m.nodes[l - 1];
        let role = if l - 1 < w.cfg.n { "" } else { " spare" };
        let state = if n.down {
            " down".to_string()
        } else if n.cut {
            " cut off".to_string()
        } else {
            format!(" v{}", n.version)
        };
        format!("{}{role}{state}", node_name(l - 1))
    };
    html! {
        <svg class="rp-timeline" viewBox={format!("0 0 {WIDTH} {height:.0}")} role="img"
            aria-label={format!("Message timeline at {now} ms")}>
            { for (0..lanes).map(|l| {
                let y = y_of(l);
                let down = l != COORD && !m.nodes[l - 1].reachable();
                html! {
                    <g key={l} class={classes!("lane", down.then_some("down"))}>
                        <line x1={format!("{:.1}", x_of(0, span))} x2={format!("{WIDTH}")} y1={format!("{y:.1}")} y2={format!("{y:.1}")} />
                        <text x="4" y={format!("{:.1}", y + 4.0)}>{ lane_label(l) }</text>
                    </g>
                }
            }) }
            { for w.run.ops.iter().enumerate().filter(|(_, o)| o.start <= now).map(|(i, o)| {
                let x1 = x_of(o.start, span);
                let x2 = x_of(o.end.min(now), span).max(x1 + 2.0);
                let label = match (o.kind, o.outcome) {
                    (_, Outcome::Pending) => format!("{}", i + 1),
                    (_, Outcome::Acked) => format!("{} w v{} ✓", i + 1, o.version),
                    (_, Outcome::WriteFailed) => format!("{} w v{} ✗", i + 1, o.version),
                    (_, Outcome::Read { version, latest }) if version < latest => format!("{} r v{version} stale", i + 1),
                    (_, Outcome::Read { version, .. }) => format!("{} r v{version}", i + 1),
                    (_, Outcome::ReadFailed) => format!("{} r ✗", i + 1),
                };
                let done = o.end <= now && o.outcome != Outcome::Pending;
                let stale = done && o.stale();
                html! {
                    <g key={format!("op{i}")} class={classes!("op", done.then_some("done"), stale.then_some("stale"))}>
                        <rect x={format!("{x1:.1}")} y="2" width={format!("{:.1}", x2 - x1)} height="14" />
                        <text x={format!("{:.1}", x1 + 2.0)} y="13">{ if done { label } else { format!("{}", i + 1) } }</text>
                    </g>
                }
            }) }
            { for w.run.msgs.iter().enumerate().filter_map(|(i, msg)| {
                let (x1, y1, x2, y2, arrived) = segment(msg, now, span)?;
                let class = classes!(
                    "msg",
                    kind_class(msg.kind),
                    (msg.lost && arrived).then_some("lost"),
                    (!arrived).then_some("flying"),
                    (focus == Some(i)).then_some("now"),
                );
                Some(html! {
                    <g key={format!("m{i}")} class={class}>
                        <line x1={format!("{x1:.1}")} y1={format!("{y1:.1}")} x2={format!("{x2:.1}")} y2={format!("{y2:.1}")} />
                        if msg.lost && arrived {
                            <text class="cross" x={format!("{x2:.1}")} y={format!("{:.1}", y2 + 4.0)}>{"×"}</text>
                        }
                    </g>
                })
            }) }
            <line class="rp-now" x1={format!("{:.1}", x_of(now, span))} x2={format!("{:.1}", x_of(now, span))} y1="0" y2={format!("{height:.0}")} />
        </svg>
    }
}

fn nodes(s: &QuorumState) -> Html {
    let w = &*s.world;
    let Some(m) = s.at() else { return html! {} };
    let latest = w
        .run
        .ops
        .iter()
        .filter(|o| o.end <= m.time && o.outcome == Outcome::Acked)
        .map(|o| o.version)
        .max()
        .unwrap_or(0);
    html! {
        <ul class="rp-nodes" aria-label="Nodes">
            { for m.nodes.iter().enumerate().map(|(i, n)| {
                let home = i < w.cfg.n;
                let stale = home && n.version < latest;
                let status = if n.down { "down" } else if n.cut { "cut off" } else { "up" };
                html! {
                    <li key={i} class={classes!("rp-node", (!n.reachable()).then_some("down"), stale.then_some("stale"), (!home).then_some("spare"))}>
                        <strong>{ node_name(i) }</strong>
                        <span>{ format!(" v{} · {status}{}", n.version, if home { "" } else { " · spare" }) }</span>
                        if stale { <span class="rp-tag">{" stale"}</span> }
                        { for n.hints.iter().map(|(home, v)| html! {
                            <span class="rp-hint-tag">{ format!(" hint v{v} for {}", node_name(*home)) }</span>
                        }) }
                    </li>
                }
            }) }
        </ul>
    }
}

fn grid(s: &QuorumState) -> Html {
    let w = &*s.world;
    let n = w.cfg.n;
    html! {
        <table class="rp-table rp-grid" aria-label="The same history under every W and R">
            <caption>{ format!("Stale reads / failed operations on this history, N = {n}; shaded: R + W > N") }</caption>
            <thead><tr>
                <th scope="col">{"W \\ R"}</th>
                { for (1..=n).map(|r| html! { <th scope="col" key={r}>{ r }</th> }) }
            </tr></thead>
            <tbody>
                { for (1..=n).map(|wq| html! {
                    <tr key={wq}>
                        <th scope="row">{ wq }</th>
                        { for (1..=n).map(|r| {
                            let (stale, failed) = w.grid[wq - 1][r - 1];
                            let strong = wq + r > n;
                            let mine = wq == w.cfg.w && r == w.cfg.r;
                            html! {
                                <td key={r} class={classes!(strong.then_some("strong"), mine.then_some("mine"), (stale > 0).then_some("stale"))}>
                                    { format!("{stale} / {failed}") }
                                </td>
                            }
                        }) }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

/// The step's picture.
pub(super) fn view(s: &QuorumState) -> Html {
    html! {
        <div class="rp-quorum">
            { timeline(s) }
            <p class="rp-legend">
                <span class="k write">{"write"}</span><span class="k ack">{"ack"}</span>
                <span class="k read">{"read"}</span><span class="k reply">{"reply"}</span>
                <span class="k repair">{"repair"}</span><span class="k hint">{"hint / handoff"}</span>
                <span>{"× lost"}</span>
            </p>
            { nodes(s) }
            if s.summary { { grid(s) } }
        </div>
    }
}
