//! `redlock`: one card per master (its key, TTL left, down, clock offset), a timeline with each
//! client's valid Redlocks, pauses and writes, and the validity countdown.

use crate::layout::{Bar, Mark, redlock_lanes};
use crate::sim::name;
use crate::trace::RedlockState;
use crate::url::master;
use sdp_kit::fmt::group;
use yew::prelude::*;

fn masters(s: &RedlockState) -> Html {
    let w = &*s.world;
    let views = s
        .done
        .checked_sub(1)
        .and_then(|i| w.run.events.get(i))
        .map_or_else(
            || {
                vec![
                    crate::redlock::MasterView {
                        down: false,
                        key: None,
                        offset: 0
                    };
                    w.setup.masters
                ]
            },
            |e| e.masters.clone(),
        );
    html! {
        <ol class="lk-masters" aria-label="Masters">
            { for views.iter().enumerate().map(|(m, v)| {
                let (class, body) = match (v.down, v.key) {
                    (true, _) => ("down".to_string(), "down".to_string()),
                    (false, Some((o, left))) => (format!("lk-c{}", o % 6), format!("{} · {} ms", name(o), group(left))),
                    (false, None) => ("free".to_string(), "(no key)".to_string()),
                };
                html! { <li class={classes!("lk-master", class)}>
                    <b>{ master(m) }</b><span>{ body }</span>
                    if v.offset > 0 { <small>{ format!("clock +{} ms", group(v.offset)) }</small> }
                </li> }
            }) }
        </ol>
    }
}

const W: f64 = 560.0;
const LANE: f64 = 24.0;
const LEFT: f64 = 30.0;

fn timeline(s: &RedlockState) -> Html {
    let lanes = redlock_lanes(s);
    let n = s.world.params.clients as usize;
    let h = LANE * n as f64 + 18.0;
    let x = |f: f64| LEFT + f * (W - LEFT - 4.0);
    let y = |c: usize| LANE * c as f64 + 2.0;
    let bar = |b: &Bar, class: &str| {
        html! { <rect class={format!("{class} lk-c{}", b.client % 6)} x={format!("{:.1}", x(b.from))} y={format!("{:.1}", y(b.client) + 3.0)}
        width={format!("{:.1}", ((b.to - b.from) * (W - LEFT - 4.0)).max(1.0))} height={format!("{:.1}", LANE - 8.0)} /> }
    };
    let mark = |m: &Mark| {
        let cx = format!("{:.1}", x(m.at));
        let cy = format!("{:.1}", y(m.client) + LANE / 2.0);
        html! { <circle class={m.class} cx={cx} cy={cy} r="4" /> }
    };
    let now = format!("{:.1}", x(lanes.now));
    html! {
        <svg class="lk-timeline" viewBox={format!("0 0 {W} {h}")} role="img"
            aria-label={format!("Valid Redlocks of {n} clients up to {} ms", s.now())}>
            { for lanes.valid.iter().map(|b| bar(b, "valid")) }
            { for lanes.pauses.iter().map(|b| bar(b, "gc")) }
            { for lanes.marks.iter().map(mark) }
            { for (0..n).map(|c| html! { <text class="lab" x="2" y={format!("{:.1}", y(c) + LANE / 2.0 + 4.0)}>{ name(c) }</text> }) }
            <line class="now" x1={now.clone()} x2={now} y1="0" y2={format!("{:.1}", h - 12.0)} />
            <text class="lab" x={LEFT.to_string()} y={format!("{:.1}", h - 2.0)}>{"0 ms"}</text>
            <text class="lab end" x={W.to_string()} y={format!("{:.1}", h - 2.0)}>{ format!("{} ms", group(lanes.end)) }</text>
        </svg>
    }
}

fn countdown(s: &RedlockState) -> Html {
    let w = &*s.world;
    let t = s.now();
    let rows = w.run.holds.iter().filter(|h| h.from <= t).map(|h| {
        let left = h.end().saturating_sub(t);
        let state = if h.released.is_some_and(|r| r <= t) {
            "released".to_string()
        } else if left == 0 {
            "validity over".to_string()
        } else {
            format!("{} ms left", group(left))
        };
        html! { <tr class={classes!((left > 0).then_some("live"))}><td>{ name(h.client) }</td><td>{ group(h.from) }</td><td>{ group(h.valid_until) }</td><td>{ state }</td></tr> }
    });
    html! {
        <table class="lk-table lk-validity">
            <caption>{"Redlocks taken"}</caption>
            <thead><tr><th>{"client"}</th><th>{"from, ms"}</th><th>{"valid_until, ms"}</th><th>{"validity"}</th></tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}

/// The step's picture.
pub(super) fn view(s: &RedlockState) -> Html {
    let over = s.world.run.overlaps();
    html! {
        <div class="lk-redlock">
            { masters(s) }
            <figure class="lk-box">{ timeline(s) }
                <figcaption>{"Each lane: a client's valid Redlock (bar), GC pauses (hatched), writes (● green within validity, red after it)."}</figcaption></figure>
            { countdown(s) }
            if s.summary {
                <p class={classes!("lk-summary", (!over.is_empty()).then_some("lk-broken"))}>{
                    if over.is_empty() { "No two clients held a valid Redlock at once.".to_string() }
                    else { format!("Broken: {} and {} held a valid Redlock at once.", name(over[0].0.client), name(over[0].1.client)) }
                }</p>
            }
        </div>
    }
}
