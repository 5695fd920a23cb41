//! `bloom`: the bit array as stretches shaded by the share of bits set, the positions a step's
//! key hashes to, and the observed false-positive rate against the formula.

use super::heat;
use crate::bloom::{bits_per_element, optimal_k};
use crate::trace::{BloomState, BloomStep, pct};
use sdp_kit::fmt::group;
use sdp_kit_web::dom;
use yew::prelude::*;

const W: f64 = 960.0;
const H: f64 = 40.0;

/// The array: one rectangle per stretch, and a tick per hashed position (accent when the bit
/// is set at a query, muted when clear).
fn array(s: &BloomState) -> Html {
    let m = u64::from(s.world.params.m).max(1);
    let bins = s.density.len().max(1);
    let dark = dom::prefers_dark();
    let cw = W / bins as f64;
    let positions: &[u64] = match &s.step {
        BloomStep::Insert { positions, .. } | BloomStep::Query { positions, .. } => positions,
        _ => &[],
    };
    let x_of = |p: u64| (p as f64 + 0.5) / m as f64 * W;
    html! {
        <svg class="sk-bits" viewBox={format!("0 0 {W} {}", H + 14.0)} role="img"
            aria-label={format!("{} bits in {bins} stretches; {} positions marked", group(m), positions.len())}>
            { for s.density.iter().enumerate().map(|(i, &d)| html! {
                <rect key={i} x={format!("{:.2}", i as f64 * cw)} y="0" width={format!("{:.2}", cw + 0.3)}
                    height={H.to_string()} fill={heat(d, dark)} />
            }) }
            { for positions.iter().enumerate().map(|(i, &p)| html! {
                <line key={i} class="sk-pos" x1={format!("{:.1}", x_of(p))} x2={format!("{:.1}", x_of(p))}
                    y1="0" y2={(H + 10.0).to_string()} />
            }) }
        </svg>
    }
}

fn detail(s: &BloomState) -> Html {
    let w = &*s.world;
    let p = &w.params;
    match &s.step {
        BloomStep::Query {
            key,
            positions,
            maybe,
            member,
        } => html! {
            <p class={classes!("sk-answer", if *maybe { "maybe" } else { "no" })}>
                { format!("{key}: positions {} → {}{}", positions.iter().map(u64::to_string).collect::<Vec<_>>().join(", "),
                    if *maybe { "“maybe”" } else { "“definitely not”" },
                    match (*maybe, *member) { (true, false) => " (a false positive)", (true, true) => " (it was inserted)", _ => "" }) }
            </p>
        },
        BloomStep::Insert { key, positions } => html! {
            <p class="sk-answer">{ format!("{key} sets bits {}", positions.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")) }</p>
        },
        BloomStep::Summary => {
            let n = w.inserted;
            html! {
                <table class="sk-table" aria-label="Observed against the formula">
                    <tbody>
                        <tr><th scope="row">{"keys inserted n"}</th><td>{ group(n) }</td></tr>
                        <tr><th scope="row">{"false positives observed"}</th>
                            <td>{ format!("{} of {} ({})", group(w.false_positives), group(w.absent), pct(w.false_positives as f64 / w.absent.max(1) as f64)) }</td></tr>
                        <tr><th scope="row">{"formula (1 − e^(−kn/m))^k"}</th><td>{ pct(w.expected) }</td></tr>
                        <tr><th scope="row">{"optimal k = (m/n)·ln 2"}</th><td>{ format!("{:.2}", optimal_k(u64::from(p.m), n)) }</td></tr>
                        <tr><th scope="row">{"bits per key for 1 %"}</th><td>{ format!("{:.2}", bits_per_element(0.01)) }</td></tr>
                    </tbody>
                </table>
            }
        }
        BloomStep::Empty | BloomStep::Inserts(_) | BloomStep::Queries(_) => html! {},
    }
}

/// The step's picture.
pub(super) fn view(s: &BloomState) -> Html {
    let m = u64::from(s.world.params.m);
    html! {
        <div class="sk-bloom">
            <figure>
                { array(s) }
                <figcaption>{ format!("{} of {} bits set ({}). Darker stretches hold more set bits; lines: this step's positions.",
                    group(s.ones), group(m), pct(s.ones as f64 / m.max(1) as f64)) }</figcaption>
            </figure>
            { detail(s) }
        </div>
    }
}
