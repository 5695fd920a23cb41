//! `vector-clocks`: the compared clocks, then each replica under the three schemes side by side.

use crate::cart::{cart_text, client_merge};
use crate::trace::{ClockState, ClockStep};
use crate::vclock::Clock;
use yew::prelude::*;

fn clock_row(name: &str, c: &Clock) -> Html {
    html! {
        <tr>
            <th scope="row">{ name }</th>
            { for c.0.iter().enumerate().map(|(i, v)| html! { <td key={i}>{ v }</td> }) }
        </tr>
    }
}

fn compare(
    a: &(String, Clock),
    b: &(String, Clock),
    verdict: &str,
    merged: Option<&Clock>,
) -> Html {
    html! {
        <div class="rp-compare">
            <table class="rp-table" aria-label="Vector clocks">
                <thead><tr><th scope="col">{"clock"}</th><th scope="col">{"replica_1"}</th><th scope="col">{"replica_2"}</th><th scope="col">{"replica_3"}</th></tr></thead>
                <tbody>
                    { clock_row(&a.0, &a.1) }
                    { clock_row(&b.0, &b.1) }
                    if let Some(m) = merged { { clock_row("merge", m) } }
                </tbody>
            </table>
            <p class="rp-verdict">{ format!("{} {} {}", a.0, verdict, b.0) }</p>
        </div>
    }
}

fn replicas(s: &ClockState) -> Html {
    html! {
        <table class="rp-table rp-carts" aria-label="Replicas under three schemes">
            <thead><tr>
                <th scope="col">{"replica"}</th>
                <th scope="col">{"vector clocks: versions kept"}</th>
                <th scope="col">{"client reads (F4's cart merge)"}</th>
                <th scope="col">{ format!("LWW (replica 2's clock {:+} s)", s.skew) }</th>
                <th scope="col">{"OR-cart (not in source)"}</th>
            </tr></thead>
            <tbody>
                { for s.replicas.iter().enumerate().map(|(i, r)| {
                    let conflict = r.siblings.len() > 1;
                    html! {
                        <tr key={i} class={classes!(s.touched.contains(&i).then_some("touched"))}>
                            <th scope="row">{ i + 1 }</th>
                            <td class={classes!(conflict.then_some("conflict"))}>
                                { for r.siblings.iter().map(|x| html! {
                                    <div class="rp-sibling">{ format!("{} {}", cart_text(&x.cart), x.clock.text()) }</div>
                                }) }
                                if conflict { <div class="rp-tag">{ format!("{} siblings", r.siblings.len()) }</div> }
                            </td>
                            <td>{ cart_text(&client_merge(&r.siblings)) }</td>
                            <td>{ if r.lww.clock.0.is_empty() { "{}".to_string() } else { format!("{} ts {}", cart_text(&r.lww.cart), r.lww.ts) } }</td>
                            <td>{ cart_text(&r.or.cart()) }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

/// The step's picture.
pub(super) fn view(s: &ClockState) -> Html {
    html! {
        <div class="rp-clocks">
            if let ClockStep::Compare { a, b, order, merged } = &s.step {
                { compare(a, b, order.symbol(), merged.as_ref()) }
            } else {
                { replicas(s) }
                if !s.lost.is_empty() {
                    <p class="rp-lost">{ format!("Lost by LWW without a trace: {}", s.lost.join(", ")) }</p>
                }
            }
        </div>
    }
}
