//! `lag`: the leader and its followers with lag meters against the 5 s alert, the lag over
//! time, the read-your-writes client, the failover, and the modes side by side.

use crate::lag::ALERT_MS;
use crate::layout::{LAG_CHART, lag_point, lag_polyline};
use crate::trace::{LagEvent, LagState, ms};
use yew::prelude::*;

fn meters(s: &LagState) -> Html {
    let w = &*s.world;
    let scale = f64::from(w.scale);
    let pct = |l: u32| 100.0 * f64::from(l.min(w.scale)) / scale;
    let alert = pct(ALERT_MS);
    let down = matches!(s.event, LagEvent::Failover | LagEvent::Summary) && w.failover.is_some();
    let promoted = w.failover.as_ref().filter(|_| down).map(|f| f.promoted);
    html! {
        <ul class="rp-lag-nodes">
            <li class={classes!("rp-node", "leader", down.then_some("down"))}>
                <strong>{ if down { "old leader (failed)" } else { "leader" } }</strong>
                <span>{ format!(" {} writes committed", s.committed) }</span>
            </li>
            { for s.have.iter().zip(&s.lags).enumerate().map(|(k, (&have, &lag))| {
                let firing = lag > ALERT_MS;
                let new = promoted == Some(k);
                html! {
                    <li key={k} class={classes!("rp-node", "follower", firing.then_some("alert"), new.then_some("promoted"))}>
                        <strong>{ if new { format!("follower {} → leader", k + 1) } else { format!("follower {}", k + 1) } }</strong>
                        <span>{ format!(" has {have} · lag {}", ms(lag)) }</span>
                        if firing { <span class="rp-tag">{" ALERT > 5 s"}</span> }
                        <span class="rp-meter" role="meter" aria-valuemin="0" aria-valuemax={w.scale.to_string()}
                            aria-valuenow={lag.to_string()} aria-label={format!("follower {} lag", k + 1)}>
                            <span class="bar" style={format!("width:{:.1}%", pct(lag))} />
                            <span class="limit" style={format!("left:{alert:.1}%")} />
                        </span>
                    </li>
                }
            }) }
        </ul>
    }
}

fn chart(s: &LagState) -> Html {
    let w = &*s.world;
    let (width, height, left, bottom) = LAG_CHART;
    let (_, ya) = lag_point(0, ALERT_MS, w.end, w.scale);
    let (xn, _) = lag_point(s.t, 0, w.end, w.scale);
    let (x0, y0) = lag_point(0, 0, w.end, w.scale);
    let (x1, _) = lag_point(w.end, 0, w.end, w.scale);
    let secs = w.end / 1_000;
    let step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000]
        .into_iter()
        .find(|&c| secs / c <= 8)
        .unwrap_or(10_000);
    html! {
        <svg class="rp-lag-chart" viewBox={format!("0 0 {width} {height}")} role="img"
            aria-label="Replication lag over time">
            <line class="axis" x1={format!("{x0:.1}")} y1={format!("{y0:.1}")} x2={format!("{x1:.1}")} y2={format!("{y0:.1}")} />
            <line class="axis" x1={format!("{x0:.1}")} y1="8" x2={format!("{x0:.1}")} y2={format!("{y0:.1}")} />
            <line class="alert" x1={format!("{left:.1}")} y1={format!("{ya:.1}")} x2={format!("{x1:.1}")} y2={format!("{ya:.1}")} />
            <text class="alert-label" x={format!("{:.1}", left + 4.0)} y={format!("{:.1}", ya - 3.0)}>{"alert: lag > 5 s"}</text>
            <text x="2" y="14">{ format!("{} s", w.scale / 1_000) }</text>
            <text x="2" y={format!("{:.1}", height - bottom)}>{"0"}</text>
            { for (0..=secs / step).map(|k| {
                let (x, _) = lag_point(k * step * 1_000, 0, w.end, w.scale);
                html! { <text key={k} class="tick" x={format!("{x:.1}")} y={format!("{:.1}", height - 6.0)}>{ format!("{} s", k * step) }</text> }
            }) }
            { for (0..s.have.len()).map(|k| html! {
                <polyline key={format!("f{k}")} class={format!("f{k}")} points={lag_polyline(&w.samples, k, s.sample, w.end, w.scale)} />
            }) }
            <line class="now" x1={format!("{xn:.1}")} y1="8" x2={format!("{xn:.1}")} y2={format!("{y0:.1}")} />
        </svg>
    }
}

fn ryw(s: &LagState) -> Html {
    let w = &*s.world;
    let Some(r) = w.ryw.as_ref().filter(|r| s.t >= r.read_at) else {
        return html! {};
    };
    html! {
        <p class={classes!("rp-verdict", "rp-ryw", if r.violated { "miss" } else { "hit" })}>
            { if r.violated {
                format!("Read-your-writes violated: the client's write #{} was acknowledged, but follower {} (read at {}) had only {} writes.", r.write + 1, r.follower + 1, ms(r.read_at), r.seen)
            } else {
                format!("Read-your-writes holds: follower {} had the client's write #{} when it read.", r.follower + 1, r.write + 1)
            } }
        </p>
    }
}

fn failover(s: &LagState) -> Html {
    let w = &*s.world;
    let Some(f) = w
        .failover
        .as_ref()
        .filter(|_| matches!(s.event, LagEvent::Failover | LagEvent::Summary))
    else {
        return html! {};
    };
    let lost = f.committed - f.kept;
    html! {
        <p class={classes!("rp-failover", (f.lost_acked > 0).then_some("rp-lost"))}>
            { format!("Failover at {}: follower {} promoted with {} of {} writes; lost: writes #{}–#{} ({lost}), {} of them acknowledged.",
                ms(f.at), f.promoted + 1, f.kept, f.committed, f.kept + 1, f.committed, f.lost_acked) }
        </p>
    }
}

fn table(s: &LagState) -> Html {
    let w = &*s.world;
    html! {
        <table class="rp-table rp-modes" aria-label="The three modes on this load">
            <caption>{"The same load under each mode"}</caption>
            <thead><tr>
                <th scope="col">{"mode"}</th>
                <th scope="col">{"write latency, median"}</th>
                <th scope="col">{"max"}</th>
                <th scope="col">{"largest lag"}</th>
                <th scope="col">{"read-your-writes"}</th>
                <th scope="col">{"lost on failover (acknowledged)"}</th>
            </tr></thead>
            <tbody>
                { for w.table.iter().map(|r| html! {
                    <tr key={r.repl.name()} class={classes!((r.repl == w.setup.repl).then_some("touched"))}>
                        <th scope="row">{ r.repl.name() }</th>
                        <td>{ ms(r.median) }</td>
                        <td>{ ms(r.max) }</td>
                        <td>{ ms(r.max_lag) }</td>
                        <td class={classes!((r.stale_read == Some(true)).then_some("stale"))}>{ match r.stale_read {
                            Some(true) => "violated",
                            Some(false) => "holds",
                            None => "—",
                        } }</td>
                        <td class={classes!(r.failover.as_ref().is_some_and(|f| f.lost_acked > 0).then_some("stale"))}>{ match &r.failover {
                            Some(f) => format!("{} ({})", f.committed - f.kept, f.lost_acked),
                            None => "—".into(),
                        } }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

/// The step's picture.
pub(super) fn view(s: &LagState) -> Html {
    html! {
        <div class="rp-lag">
            { meters(s) }
            { chart(s) }
            { ryw(s) }
            { failover(s) }
            if s.event == LagEvent::Summary { { table(s) } }
        </div>
    }
}
