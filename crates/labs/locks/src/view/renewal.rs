//! `renewal`: one lane per client with the lease the service gave it, writes (red after the
//! lease lapsed), renewals (ticks), process pauses and network cuts; the lock's TTL bar.

use crate::layout::{Bar, Mark, renewal_lanes};
use crate::sim::name;
use crate::trace::RenewState;
use yew::prelude::*;

const W: f64 = 560.0;
const LANE: f64 = 24.0;
const LEFT: f64 = 30.0;

fn timeline(s: &RenewState) -> Html {
    let lanes = renewal_lanes(s);
    let n = s.world.setup.clients;
    let h = LANE * n as f64 + 18.0;
    let x = |f: f64| LEFT + f * (W - LEFT - 4.0);
    let y = |c: usize| LANE * c as f64 + 2.0;
    let bar = |b: &Bar, class: &str| {
        html! { <rect class={format!("{class} lk-c{}", b.client % 6)} x={format!("{:.1}", x(b.from))} y={format!("{:.1}", y(b.client) + 3.0)}
        width={format!("{:.1}", ((b.to - b.from) * (W - LEFT - 4.0)).max(1.0))} height={format!("{:.1}", LANE - 8.0)} /> }
    };
    let mark = |m: &Mark| {
        let cx = x(m.at);
        let cy = y(m.client) + LANE / 2.0;
        if m.class.starts_with("renew") {
            html! { <line class={m.class} x1={format!("{cx:.1}")} x2={format!("{cx:.1}")} y1={format!("{:.1}", cy - 9.0)} y2={format!("{:.1}", cy + 9.0)} /> }
        } else {
            html! { <circle class={m.class} cx={format!("{cx:.1}")} cy={format!("{cy:.1}")} r="3.5" /> }
        }
    };
    let now = format!("{:.1}", x(lanes.now));
    html! {
        <svg class="lk-timeline" viewBox={format!("0 0 {W} {h}")} role="img"
            aria-label={format!("Leases of {n} clients up to {} ms", s.now())}>
            { for lanes.valid.iter().map(|b| bar(b, "lease")) }
            { for lanes.pauses.iter().map(|b| bar(b, "gc")) }
            { for lanes.cuts.iter().map(|b| bar(b, "cut")) }
            { for lanes.marks.iter().map(mark) }
            { for (0..n).map(|c| html! { <text class="lab" x="2" y={format!("{:.1}", y(c) + LANE / 2.0 + 4.0)}>{ name(c) }</text> }) }
            <line class="now" x1={now.clone()} x2={now} y1="0" y2={format!("{:.1}", h - 12.0)} />
            <text class="lab" x={LEFT.to_string()} y={format!("{:.1}", h - 2.0)}>{"0 s"}</text>
            <text class="lab end" x={W.to_string()} y={format!("{:.1}", h - 2.0)}>{ format!("{} s", lanes.end / 1000) }</text>
        </svg>
    }
}

fn ttl_bar(s: &RenewState) -> Html {
    let w = &*s.world;
    let t = s.now();
    let lock = s
        .done
        .checked_sub(1)
        .and_then(|i| w.events.get(i))
        .and_then(|e| e.lock);
    let ttl = w.setup.ttl.max(1);
    match lock {
        Some((c, tok, until)) => {
            let left = until.saturating_sub(t);
            let pct = (left as f64 / ttl as f64 * 100.0).clamp(0.0, 100.0);
            html! { <div class="lk-ttl">
                <span>{ format!("{}: {} holds it, token {tok}, {:.1} s of {} s left", crate::renewal::RESOURCE, name(c), left as f64 / 1000.0, ttl / 1000) }</span>
                <div class="lk-ttl-track"><div class={format!("lk-ttl-fill lk-c{}", c % 6)} style={format!("width: {pct:.1}%")}></div></div>
            </div> }
        }
        None => {
            html! { <div class="lk-ttl"><span>{ format!("{}: free", crate::renewal::RESOURCE) }</span></div> }
        }
    }
}

/// The step's picture.
pub(super) fn view(s: &RenewState) -> Html {
    let t = s.world.tally;
    html! {
        <div class="lk-renewal">
            { ttl_bar(s) }
            <figure class="lk-box">{ timeline(s) }
                <figcaption>{"Each lane: the lease the service gave that client (bar), renewals (| green ok, red failed), writes (● red after the lease lapsed); hatched grey: process pause; dashed: network cut."}</figcaption></figure>
            if s.summary { <p class={classes!("lk-summary", (t.stale > 0).then_some("lk-broken"))}>{ format!("{} writes, {} after the lease lapsed; {} BOOKING_IN_PROGRESS.", t.writes, t.stale, t.gave_up) }</p> }
        </div>
    }
}
