//! `fencing` and `redis`: one lane per client on a shared timeline (leases, GC pauses, writes),
//! the lock service's row, and the storages side by side.

use crate::Mode;
use crate::sim::{self, Backend, Kind, name};
use crate::trace::RaceState;
use yew::prelude::*;

const W: f64 = 560.0;
const LANE: f64 = 26.0;
const LEFT: f64 = 30.0;

fn x(t: u64, end: u64) -> f64 {
    LEFT + t as f64 / end.max(1) as f64 * (W - LEFT - 4.0)
}

fn timeline(s: &RaceState) -> Html {
    let w = &*s.world;
    let end = w.run.end.max(1) + 1;
    let now = s.now();
    let events = s.events();
    let n = w.params.clients as usize;
    let h = LANE * (n as f64 + 1.0) + 16.0;
    let lane_y = |c: usize| LANE * (c as f64 + 1.0);
    let held = sim::held(events, w.params.ttl, now + 1);
    let lease = held.iter().map(|l| {
        let (x0, x1) = (x(l.from, end), x(l.to, end));
        html! { <g class={format!("lk-c{}", l.client % 6)}>
            <rect class="lease" x={format!("{x0:.1}")} y="4" width={format!("{:.1}", (x1 - x0).max(1.0))} height="14" />
            <text x={format!("{:.1}", x0 + 2.0)} y="15">{ if l.token > 0 { format!("{} #{}", name(l.client), l.token) } else { name(l.client) } }</text>
        </g> }
    });
    let pauses = sim::pauses(&w.setup, now).into_iter().map(|(c, a, b)| {
        let (x0, x1) = (x(a, end), x(b.min(now + 1), end));
        html! { <rect class="gc" x={format!("{x0:.1}")} y={format!("{:.1}", lane_y(c) + 2.0)} width={format!("{:.1}", (x1 - x0).max(1.0))} height={format!("{:.1}", LANE - 6.0)} /> }
    });
    let marks = events.iter().map(|e| {
        let cx = format!("{:.1}", x(e.t, end) + 2.0);
        let cy = format!("{:.1}", lane_y(e.client) + LANE / 2.0);
        match e.kind {
            Kind::Write { fenced, stale, .. } => {
                let class = if w.mode == Mode::Fencing && !fenced {
                    "w rejected"
                } else if stale {
                    "w stale"
                } else {
                    "w ok"
                };
                html! { <circle class={class} cx={cx} cy={cy} r="4" /> }
            }
            Kind::Acquired(_) => html! { <text class="m acq" x={cx} y={cy}>{"▲"}</text> },
            Kind::Release(..) => html! { <text class="m rel" x={cx} y={cy}>{"▼"}</text> },
            Kind::Busy(..) => html! { <circle class="busy" cx={cx} cy={cy} r="1.5" /> },
            Kind::Expired => html! { <text class="m exp" x={cx} y={cy}>{"×"}</text> },
            Kind::PauseStart(_) | Kind::PauseEnd => html! {},
        }
    });
    let labels = (0..n).map(|c| html! {
        <text class="lab" x="2" y={format!("{:.1}", lane_y(c) + LANE / 2.0 + 4.0)}>{ name(c) }</text>
    });
    let cur = format!("{:.1}", x(now, end) + 2.0);
    html! {
        <svg class="lk-timeline" viewBox={format!("0 0 {W} {h}")} role="img"
            aria-label={format!("Timeline of {n} clients up to {now} s")}>
            <text class="lab" x="2" y="15">{"lock"}</text>
            { for lease }
            { for (0..n).map(|c| html! { <line class="lane" x1={LEFT.to_string()} x2={W.to_string()} y1={format!("{:.1}", lane_y(c) + LANE / 2.0)} y2={format!("{:.1}", lane_y(c) + LANE / 2.0)} /> }) }
            { for pauses }
            { for marks }
            { for labels }
            <line class="now" x1={cur.clone()} x2={cur} y1="0" y2={format!("{:.1}", h - 12.0)} />
            <text class="lab" x={LEFT.to_string()} y={format!("{:.1}", h - 2.0)}>{"0 s"}</text>
            <text class="lab end" x={W.to_string()} y={format!("{:.1}", h - 2.0)}>{ format!("{} s", end - 1) }</text>
        </svg>
    }
}

fn lock_row(s: &RaceState) -> Html {
    let w = &*s.world;
    let now = s.now();
    let snap = s.tick.and_then(|i| w.run.ticks.get(i));
    let lock = snap.and_then(|t| t.lock);
    let redis = w.setup.backend != Backend::Manager;
    let row = match lock {
        Some((c, _, at)) if redis => {
            html! { <tr><td class="mono">{ format!("lock:{}", sim::RESOURCE) }</td><td>{ name(c) }</td>
            <td>{ format!("{} ms", at.saturating_sub(now * 1000)) }</td></tr> }
        }
        Some((c, tok, at)) => {
            html! { <tr><td>{ sim::RESOURCE }</td><td>{ name(c) }</td><td>{ tok }</td>
            <td>{ format!("{} ms", at.saturating_sub(now * 1000)) }</td></tr> }
        }
        None => {
            html! { <tr><td colspan="4">{ if redis { "(no key)" } else { "(no live lock)" } }</td></tr> }
        }
    };
    html! {
        <table class="lk-table lk-lock">
            <caption>{ if redis { "Redis key" } else { "Lock manager" } }</caption>
            <thead><tr>{ if redis { html! { <><th>{"key"}</th><th>{"value"}</th><th>{"TTL left"}</th></> } } else { html! { <><th>{"name"}</th><th>{"owner"}</th><th>{"token"}</th><th>{"remaining"}</th></> } } }</tr></thead>
            <tbody>{ row }</tbody>
            if !redis { <tfoot><tr><td colspan="4">{ format!("global token counter: {}", snap.map_or(w.params.counter, |t| t.counter)) }</td></tr></tfoot> }
        </table>
    }
}

fn storages(s: &RaceState) -> Html {
    let w = &*s.world;
    let t = sim::tally(s.events());
    let snap = s.tick.and_then(|i| w.run.ticks.get(i));
    let (fv, uv) = snap.map_or((None, None), |t| t.value);
    let who = |v: Option<usize>| v.map_or("—".to_string(), name);
    if w.mode == Mode::Redis {
        return html! {
            <div class="lk-store"><h3>{"Storage (no fencing)"}</h3>
                <p>{ format!("last writer {}; writes made without the lock: {}; releases of another's lock: {}", who(uv), t.stale, t.foreign_releases) }</p></div>
        };
    }
    html! {
        <div class="lk-stores">
            <div class="lk-store fenced"><h3>{"With fencing"}</h3>
                <p>{ format!("last_seen_token {}; last writer {}", snap.map_or(0, |t| t.last_seen), who(fv)) }</p>
                <p class="lk-rejected">{ format!("stale writes rejected: {}", t.rejected) }</p></div>
            <div class="lk-store unfenced"><h3>{"Without fencing"}</h3>
                <p>{ format!("last writer {}", who(uv)) }</p>
                <p class="lk-accepted">{ format!("stale writes accepted: {}", t.stale) }</p></div>
        </div>
    }
}

/// The step's picture.
pub(super) fn view(s: &RaceState) -> Html {
    html! {
        <div class="lk-race">
            <figure class="lk-box">{ timeline(s) }
                <figcaption>{"Top lane: who the lock service gave the lock to. ▲ acquire, ● write (red: rejected by fencing, orange: without the lock), ▼ release, × lease ran out; hatched: GC pause."}</figcaption></figure>
            <div class="lk-cols">{ lock_row(s) }{ storages(s) }</div>
            if s.summary { <p class="lk-summary">{ format!("{} writes, {} after losing the lock.", s.world.tally.writes, s.world.tally.stale) }</p> }
        </div>
    }
}
