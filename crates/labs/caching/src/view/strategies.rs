//! `strategies`: the narrated strategy's messages as a sequence diagram (client, cache and
//! database lanes, time downwards), and every strategy's cache, database, queue and costs at
//! the step's time.

use crate::strategy::{Node, Strategy};
use crate::trace::{Snapshot, StrategyState};
use yew::prelude::*;

const W: f64 = 640.0;
const H: f64 = 340.0;
const TOP: f64 = 28.0;

fn x_of(n: Node) -> f64 {
    match n {
        Node::Client => 90.0,
        Node::Cache => 320.0,
        Node::Db => 550.0,
    }
}

fn ms(us: u64) -> String {
    format!("{:.0} ms", us as f64 / 1000.0)
}

fn diagram(s: &StrategyState) -> Html {
    let w = &s.world;
    let narrated = Strategy::ALL
        .iter()
        .position(|&x| x == w.params.narrate)
        .unwrap_or(0);
    let run = &w.runs[narrated];
    let start = s.op.map_or(s.now, |i| w.ops[i].at);
    let t0 = s
        .now
        .saturating_sub((s.now - start.min(s.now) + 20_000).max(250_000));
    let shown: Vec<_> = run
        .messages
        .iter()
        .filter(|m| m.sent <= s.now && m.arrived >= t0)
        .collect();
    let times = crate::layout::ranks(
        shown
            .iter()
            .flat_map(|m| [m.sent.max(t0), m.arrived.min(s.now)]),
    );
    let y = |t: u64| TOP + crate::layout::rank_pos(&times, t.clamp(t0, s.now)) * (H - TOP - 10.0);
    html! {
        <figure class="ca-seq">
            <svg viewBox={format!("0 0 {W} {H}")} role="img"
                aria-label={format!("{}: {} messages from {} to {}", Strategy::ALL[narrated].name(), shown.len(), ms(t0), ms(s.now))}>
                { for [(Node::Client, "clients"), (Node::Cache, "cache"), (Node::Db, "database")].iter().map(|(n, label)| html! {
                    <g class="ca-lane">
                        <text x={x_of(*n).to_string()} y="16" text-anchor="middle">{ *label }</text>
                        <line x1={x_of(*n).to_string()} x2={x_of(*n).to_string()} y1={TOP.to_string()} y2={(H - 8.0).to_string()} />
                    </g>
                }) }
                <text class="axis" x="4" y={(TOP + 4.0).to_string()}>{ ms(t0) }</text>
                <text class="axis" x="4" y={(H - 8.0).to_string()}>{ ms(s.now) }</text>
                { for shown.iter().enumerate().map(|(i, m)| {
                    let on = m.op.is_some() && m.op == s.op;
                    let (x1, x2) = (x_of(m.from), x_of(m.to));
                    let (y1, y2) = (y(m.sent), y(m.arrived));
                    let who = m.op.map_or(String::new(), |o| format!("{}: ", char::from(b'A' + w.ops[o].client % 26)));
                    html! {
                        <g key={i} class={classes!("ca-msg", on.then_some("on"), m.op.is_none().then_some("flush"))}>
                            <line x1={format!("{x1:.1}")} y1={format!("{y1:.1}")} x2={format!("{x2:.1}")} y2={format!("{y2:.1}")} marker-end="url(#ca-arrow)" />
                            <text x={format!("{:.1}", f64::midpoint(x1, x2))} y={format!("{:.1}", f64::midpoint(y1, y2) - 3.0)} text-anchor="middle">{ format!("{who}{}", m.label) }</text>
                        </g>
                    }
                }) }
                <defs>
                    <marker id="ca-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="ca-arrowhead" />
                    </marker>
                </defs>
            </svg>
            <figcaption>{ format!("{}: messages sent by {} (time runs down, one row per moment, not to scale); this step's operation in colour.", Strategy::ALL[narrated].name(), ms(s.now)) }</figcaption>
        </figure>
    }
}

fn values(snap: &Snapshot) -> Html {
    html! {
        <span class="ca-values">
            { for snap.cache.iter().zip(&snap.db).enumerate().map(|(k, (c, d))| {
                let differ = c.is_some_and(|c| c != *d);
                html! {
                    <span key={k} class={classes!("ca-kv", differ.then_some("differ"))}>
                        { format!("k{}: {} / v{d}", k + 1, c.map_or("—".to_string(), |c| format!("v{c}"))) }
                    </span>
                }
            }) }
        </span>
    }
}

fn table(s: &StrategyState) -> Html {
    let mean = |v: &[u64]| {
        if v.is_empty() {
            0
        } else {
            v.iter().sum::<u64>() / v.len() as u64
        }
    };
    html! {
        <table class="ca-table ca-strats" aria-label="Every strategy at this time">
            <thead><tr>
                <th scope="col">{"strategy"}</th><th scope="col">{"cache / database"}</th><th scope="col">{"queued"}</th>
                <th scope="col">{"hits"}</th><th scope="col">{"stale reads"}</th><th scope="col">{"DB requests"}</th>
                <th scope="col">{"write latency"}</th><th scope="col">{"writes lost"}</th>
            </tr></thead>
            <tbody>
                { for Strategy::ALL.iter().zip(&s.snaps).map(|(st, snap)| {
                    let m = &snap.summary;
                    html! {
                        <tr class={classes!((*st == s.world.params.narrate).then_some("narrated"))}>
                            <th scope="row">{ st.name() }</th>
                            <td>{ values(snap) }</td>
                            <td>{ if *st == Strategy::WriteBack { snap.queue.to_string() } else { "—".into() } }</td>
                            <td>{ format!("{} of {}", m.hits, m.reads) }</td>
                            <td class={classes!((m.stale > 0).then_some("bad"))}>{ m.stale }</td>
                            <td>{ m.db_requests }</td>
                            <td>{ ms(mean(&m.write_us)) }</td>
                            <td class={classes!((m.lost > 0).then_some("bad"))}>{ m.lost }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

/// The step's picture.
pub(super) fn view(s: &StrategyState) -> Html {
    html! {
        <div class="ca-strategies">
            { diagram(s) }
            { table(s) }
            <p class="ca-legend">{"cache / database per key: “—” not cached; a highlighted key differs between cache and database (a stale-read window)."}</p>
        </div>
    }
}
