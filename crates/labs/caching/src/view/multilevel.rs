//! `multi-level`: the tiers (each server's L1, the shared L2, the database) with this step's
//! request path, and per invalidation the hit ratio per level, stale reads and the expected
//! latency with both of F4's L1 figures.

use crate::multilevel::{Invalidation, L1Latency, Level};
use crate::trace::{MultiState, pct};
use yew::prelude::*;

const W: f64 = 640.0;
const H: f64 = 170.0;

fn tiers(s: &MultiState) -> Html {
    let n = s.world.params.servers.max(1);
    let bw = (W - 20.0) / f64::from(n);
    let req = s.request.as_ref();
    let server = req.map(|(r, _)| r.server);
    let level = req.and_then(|(_, out)| out[1].level);
    let write = req.is_some_and(|(r, _)| r.write);
    let sx = |i: u32| 10.0 + bw * (f64::from(i) + 0.5);
    html! {
        <figure class="ca-tiers">
            <svg viewBox={format!("0 0 {W} {H}")} role="img"
                aria-label={format!("{n} servers with L1, a shared L2, the database{}", server.map_or(String::new(), |s| format!("; server {} is serving", s + 1)))}>
                { for (0..n).map(|i| html! {
                    <g key={i} class={classes!("ca-tier", (server == Some(i)).then_some("on"))}>
                        <rect x={format!("{:.1}", 10.0 + bw * f64::from(i) + 3.0)} y="10" width={format!("{:.1}", bw - 6.0)} height="34" rx="4" />
                        <text x={format!("{:.1}", sx(i))} y="32" text-anchor="middle">{ format!("server {} · L1", i + 1) }</text>
                    </g>
                }) }
                <g class={classes!("ca-tier", matches!(level, Some(Level::L2 | Level::Db)).then_some("on"), write.then_some("on"))}>
                    <rect x="170" y="70" width="300" height="32" rx="4" />
                    <text x="320" y="91" text-anchor="middle">{ format!("L2 shared cache (TTL {} s)", s.world.params.l2_ttl) }</text>
                </g>
                <g class={classes!("ca-tier", (level == Some(Level::Db) || write).then_some("on"))}>
                    <rect x="220" y="128" width="200" height="32" rx="4" />
                    <text x="320" y="149" text-anchor="middle">{"database"}</text>
                </g>
                if let Some(i) = server {
                    if level != Some(Level::L1) {
                        <line class="ca-path" x1={format!("{:.1}", sx(i))} y1="44" x2="320" y2="70" />
                    }
                    if level == Some(Level::Db) || write {
                        <line class="ca-path" x1="320" y1="102" x2="320" y2="128" />
                    }
                }
            </svg>
            <figcaption>{ match req {
                Some((r, out)) if r.write => format!("server {} writes k{}", r.server + 1, r.key + 1),
                Some((r, out)) => format!("server {} reads k{}: {}", r.server + 1, r.key + 1,
                    match out[1].level { Some(Level::L1) => "L1 hit", Some(Level::L2) => "L2 hit", _ => "database" }),
                None => format!("{} of {} requests done", s.done, s.world.total),
            } }</figcaption>
        </figure>
    }
}

/// The step's picture.
pub(super) fn view(s: &MultiState) -> Html {
    let rows = Invalidation::ALL.iter().zip(&s.counts).map(|(inv, c)| {
        let (a, b, d) = c.shares();
        let lane = Invalidation::ALL.iter().position(|i| i == inv).unwrap_or(0);
        let stale_here = s.request.as_ref().is_some_and(|(_, out)| out.get(lane).is_some_and(|o| o.stale));
        let h = c.held;
        html! {
            <tr class={classes!((*inv == Invalidation::PubSub).then_some("narrated"))}>
                <th scope="row">{ inv.name() }</th>
                <td>{ pct(a) }</td><td>{ pct(b) }</td><td>{ pct(d) }</td>
                <td class={classes!((c.stale > 0).then_some("bad"))}>{ format!("{}{}", c.stale, if stale_here { " (this read)" } else { "" }) }</td>
                <td>{ format!("{} ({} old)", h.l1, h.l1_old) }</td>
                <td>{ format!("{} ({} old)", h.l2, h.l2_old) }</td>
                <td>{ format!("{:.3} ms", c.latency(L1Latency::Flow.ms())) }</td>
                <td>{ format!("{:.4} ms", c.latency(L1Latency::Table.ms())) }</td>
            </tr>
        }
    });
    html! {
        <div class="ca-multi">
            { tiers(s) }
            <table class="ca-table ca-levels" aria-label="Hit ratio per level">
                <thead><tr><th scope="col">{"invalidation"}</th><th scope="col">{"L1"}</th><th scope="col">{"L2"}</th>
                    <th scope="col">{"database"}</th><th scope="col">{"stale reads"}</th>
                    <th scope="col">{"L1 entries held"}</th><th scope="col">{"L2 entries held"}</th>
                    <th scope="col">{"expected latency, L1 0.1 ms (flow)"}</th><th scope="col">{"L1 0.0001 ms (table)"}</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            <p class="ca-legend">{"F4 §16 gives the L1 hit as 0.1 ms in its flow and 50–100 ns (0.0001 ms) in its table: a factor of 1000. Both are shown; L2 2 ms, database 50 ms. Versioned keys add one L2 round trip per read (the version lookup). “old”: entries older than the database, stale copies or dead versions that no read asks for again."}</p>
        </div>
    }
}
