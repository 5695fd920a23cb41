//! `bookings`: the room × night grid (availability, reservations, double bookings in red), the
//! layers panel and each booker's outcome; for the seat hold, the seat card with its countdown.

use crate::bookings::{self, Kind, NIGHTS, night};
use crate::hold::{self, Seat};
use crate::sim::name;
use crate::trace::{BookState, book_text, hold_text};
use crate::{Flow, OnOff};
use yew::prelude::*;

fn grid(s: &BookState) -> Html {
    let w = &*s.world;
    let last = s.done.checked_sub(1).and_then(|i| w.events.get(i));
    let avail = last.map_or(vec![1; NIGHTS], |e| e.available.clone());
    let booked = last.map_or(vec![0; NIGHTS], |e| e.booked.clone());
    html! {
        <table class="lk-table lk-grid">
            <caption>{"Room 101 (committed)"}</caption>
            <thead><tr><th></th>{ for (0..NIGHTS).map(|i| html! { <th>{ night(i) }</th> }) }</tr></thead>
            <tbody>
                <tr><th>{"available_rooms"}</th>{ for avail.iter().map(|a| html! { <td class={classes!((*a < 0).then_some("neg"))}>{ a }</td> }) }</tr>
                <tr><th>{"reservations"}</th>{ for booked.iter().map(|b| html! { <td class={classes!((*b > 1).then_some("double"))}>{ b }</td> }) }</tr>
            </tbody>
        </table>
    }
}

fn layers(s: &BookState) -> Html {
    let p = &s.world.params;
    let row = |n: u8, label: &str, v: OnOff| {
        html! { <li class={if v == OnOff::On { "on" } else { "off" }}>{ format!("{n}. {label}: {}", if v == OnOff::On { "on" } else { "off" }) }</li> }
    };
    html! {
        <ul class="lk-layers" aria-label="Layers">
            { row(1, "Redis lock, TTL 30 s", p.lock) }
            { row(2, "UNIQUE + CHECK", p.constraints) }
            { row(3, "SERIALIZABLE + FOR UPDATE", p.serializable) }
            { row(4, "version column", p.version) }
        </ul>
    }
}

fn outcomes(s: &BookState) -> Html {
    let w = &*s.world;
    let es = &w.events[..s.done.min(w.events.len())];
    let rows = (0..w.params.bookers as usize).map(|b| {
        let last = es.iter().rev().find(|e| e.booker == b);
        let text = last.map_or("waiting to start".to_string(), |e| book_text(&w.params, e).0);
        let class = match last.map(|e| e.kind) {
            Some(Kind::Committed) => "ok",
            Some(Kind::Failed(_)) => "conflict",
            _ => "",
        };
        html! { <tr><td>{ name(b) }</td><td>{ crate::trace::stay(b) }</td><td class={class}>{ text }</td></tr> }
    });
    html! {
        <table class="lk-table lk-bookers">
            <thead><tr><th>{"booker"}</th><th>{"stay"}</th><th>{"last step"}</th></tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}

fn seat(s: &BookState) -> Html {
    let w = &*s.world;
    let e = s.done.checked_sub(1).and_then(|i| w.holds.get(i));
    let t = e.map_or(0, |e| e.t);
    let (class, text) = match e.map_or(Seat::Available, |e| e.seat) {
        Seat::Available => ("free", "available".to_string()),
        Seat::Held(b, until) if until >= t => (
            "held",
            format!("held by {} · {} s left", name(b), until - t),
        ),
        Seat::Held(b, until) => (
            "held expired",
            format!("held by {} · expired {} s ago", name(b), t - until),
        ),
        Seat::Booked(b) => ("booked", format!("booked by {}", name(b))),
    };
    let key = e
        .and_then(|e| e.key)
        .map_or("(no key)".to_string(), |(o, until)| {
            format!(
                "seat:12A:lock = {} · TTL {} s",
                name(o),
                until.saturating_sub(t)
            )
        });
    let start = s.done.saturating_sub(12);
    let list = w.holds[..s.done.min(w.holds.len())].iter().enumerate().skip(start).map(|(i, e)| {
        let current = i + 1 == s.done;
        html! { <li class={classes!(current.then_some("current"))}>{ format!("{}:{:02} ", e.t / 60, e.t % 60) }{ hold_text(&w.params, e).0 }</li> }
    });
    html! {
        <div class="lk-hold">
            <p class={classes!("lk-seat", class)}><b>{"Seat 12A: "}</b>{ text }</p>
            <p class="mono">{ key }</p>
            <ol class="lk-log">{ for list }</ol>
        </div>
    }
}

/// The step's picture.
pub(super) fn view(s: &BookState) -> Html {
    let w = &*s.world;
    if w.params.flow == Flow::Hold {
        let b = hold::bookings(&w.holds);
        return html! {
            <div class="lk-bookings">
                { seat(s) }
                if s.summary { <p class={classes!("lk-summary", (b > 1).then_some("lk-broken"))}>{ format!("bookings of seat 12A: {b}") }</p> }
            </div>
        };
    }
    let d = bookings::double_booked(&w.events);
    html! {
        <div class="lk-bookings">
            { layers(s) }
            <div class="lk-scroll">{ grid(s) }</div>
            { outcomes(s) }
            if s.summary { <p class={classes!("lk-summary", (!d.is_empty()).then_some("lk-broken"))}>{ format!("nights double-booked: {}", d.len()) }</p> }
        </div>
    }
}
