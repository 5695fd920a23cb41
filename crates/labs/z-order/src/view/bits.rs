//! `bits` mode: each column's bits sit right above the Z bit they go to, so the weave is visible
//! (x on the even positions, y on the odd ones, z every third); one arrow per step, the Z-value
//! filling up from bit 0, then the document's 29 beside the 27 the bits really give.

use super::StepProps;
use crate::layout::bits::{
    BOX, binary, column_row_y, decode, every, slot_x, target, weave_size, z_row_y,
};
use crate::{BitsFocus, BitsState, DocumentExample, State};
use sdp_kit_web::palette;
use yew::prelude::*;

fn colour(column: usize) -> &'static str {
    match column {
        0 => palette::series(4),
        1 => palette::series(5),
        _ => palette::series(2),
    }
}

/// The `bits` view.
#[component]
pub(super) fn BitsView(props: &StepProps) -> Html {
    let Some(State::Bits(s)) = props.trace.get(props.cursor).map(|st| &st.state) else {
        return html! {};
    };
    html! {
        <div class="zorder-bits">
            { weave(s) }
            { readout(s) }
            if let Some(doc) = &s.document { { document(s, doc) } }
        </div>
    }
}

fn weave(s: &BitsState) -> Html {
    let n = s.values.len() as u32;
    let b = u32::from(s.bits);
    let w = n * b;
    let (width, height) = weave_size(n, b);
    let z_y = z_row_y(n);
    let focus = match s.focus {
        BitsFocus::Place { bit, column, .. } => Some((u32::from(bit), u32::from(column))),
        _ => None,
    };
    let decode = s.focus == BitsFocus::Decode;
    let mut items: Vec<Html> = Vec::new();
    // Bit positions of the Z-value, above everything.
    for t in 0..w {
        items.push(html! {
            <text class="zorder-index" x={format!("{:.1}", slot_x(w, t) + BOX / 2.0)} y="12" text-anchor="middle">{ t }</text>
        });
    }
    for (c, (value, name)) in s.values.iter().zip(&s.names).enumerate() {
        let y = column_row_y(c);
        items.push(html! {
            <text class="zorder-row-label" x="0" y={format!("{:.1}", y + BOX * 0.7)}>
                { if b <= 6 { format!("{name} = {value} = {}", binary(*value, b)) } else { format!("{name} = {value}") } }
            </text>
        });
        for i in 0..b {
            let t = target(i, c as u32, n);
            let x = slot_x(w, t);
            let bit = (value >> i) & 1;
            let used = t < s.placed;
            let on = focus == Some((i, c as u32));
            items.push(html! {
                <g class={classes!("zorder-bit", on.then_some("focus"), used.then_some("used"))}>
                    <rect x={format!("{x:.1}")} y={format!("{y:.1}")} width={BOX.to_string()} height={BOX.to_string()} rx="4"
                        style={format!("stroke:{}", colour(c))} />
                    <text x={format!("{:.1}", x + BOX / 2.0)} y={format!("{:.1}", y + BOX * 0.7)} text-anchor="middle" class="zorder-digit">{ bit }</text>
                    <text x={format!("{:.1}", x + BOX / 2.0)} y={format!("{:.1}", y + BOX + 11.0)} text-anchor="middle" class="zorder-sub">{ format!("{name}{i}") }</text>
                </g>
            });
            let arrow_on = on || decode;
            if arrow_on || w <= 16 {
                let x0 = x + BOX / 2.0;
                let y0 = y + BOX + 14.0;
                let y1 = z_y - 4.0;
                let (from, to) = if decode { (y1, y0) } else { (y0, y1) };
                items.push(html! {
                    <line class={classes!("zorder-arrow", arrow_on.then_some("on"))} x1={format!("{x0:.1}")} y1={format!("{from:.1}")}
                        x2={format!("{x0:.1}")} y2={format!("{to:.1}")} marker-end={arrow_on.then_some("url(#zorder-head)")}
                        style={format!("stroke:{}", colour(c))} />
                });
            }
        }
    }
    items.push(html! {
        <text class="zorder-row-label" x="0" y={format!("{:.1}", z_y + BOX * 0.7)}>{"Z-value"}</text>
    });
    for t in 0..w {
        let c = (t % n) as usize;
        let i = t / n;
        let x = slot_x(w, t);
        let placed = t < s.placed;
        let bit = (s.z >> t) & 1;
        let name = s.names.get(c).cloned().unwrap_or_default();
        let on = matches!(s.focus, BitsFocus::Place { target, .. } if u32::from(target) == t);
        items.push(html! {
            <g class={classes!("zorder-bit", "z", placed.then_some("placed"), on.then_some("focus"))}>
                <rect x={format!("{x:.1}")} y={format!("{z_y:.1}")} width={BOX.to_string()} height={BOX.to_string()} rx="4"
                    style={format!("stroke:{}", colour(c))} />
                <text x={format!("{:.1}", x + BOX / 2.0)} y={format!("{:.1}", z_y + BOX * 0.7)} text-anchor="middle" class="zorder-digit">
                    { if placed { bit.to_string() } else { "·".to_string() } }
                </text>
                <text x={format!("{:.1}", x + BOX / 2.0)} y={format!("{:.1}", z_y + BOX + 12.0)} text-anchor="middle" class="zorder-sub"
                    style={format!("fill:{}", colour(c))}>{ format!("{name}{i}") }</text>
            </g>
        });
    }
    let label = format!(
        "Bits of {} woven into a {w}-bit Z-value: {} of {w} bits placed, Z so far {}.",
        s.values
            .iter()
            .zip(&s.names)
            .map(|(v, n)| format!("{n} = {v}"))
            .collect::<Vec<_>>()
            .join(", "),
        s.placed,
        s.z
    );
    html! {
        <div class="zorder-scroll">
            <svg class="zorder-weave" viewBox={format!("0 0 {width:.0} {height:.0}")} role="img" aria-label={label}
                style={format!("min-width:{:.0}px;max-width:{:.0}px", (width * 0.55).min(900.0), width * 0.8)}>
                <defs>
                    <marker id="zorder-head" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                        <path d="M0 0 L10 5 L0 10 Z" class="zorder-head" />
                    </marker>
                </defs>
                { for items }
            </svg>
        </div>
    }
}

fn readout(s: &BitsState) -> Html {
    let n = s.values.len() as u32;
    let w = n * u32::from(s.bits);
    let text = match s.focus {
        BitsFocus::Start => format!(
            "Bit i of column c goes to Z bit i × {n} + c, so {} fills the lowest bit of each group of {n}.",
            s.names.first().cloned().unwrap_or_default()
        ),
        BitsFocus::Place {
            bit,
            column,
            target,
            set,
        } => {
            let name = s
                .names
                .get(usize::from(column))
                .cloned()
                .unwrap_or_default();
            format!(
                "{name}{bit} = {} → Z bit {bit} × {n} + {column} = {target}.",
                u8::from(set)
            )
        }
        BitsFocus::Done => "All bits placed.".to_string(),
        BitsFocus::Decode => format!(
            "Decoding reads every {} bit back: {}.",
            every(n),
            decode(s).join(", ")
        ),
    };
    html! {
        <div class="zorder-readout">
            <p class="zorder-z" aria-live="off">
                {"Z = "}<strong class="zorder-value">{ s.z }</strong>
                { format!(" = 0x{:X} = {}₂", s.z, binary(s.z, w)) }
                <span class="hint">{ format!("  ({} of {w} bits placed)", s.placed) }</span>
            </p>
            <p>{ text }</p>
        </div>
    }
}

/// The document's 29 beside the 27 the bits give, with the two swapped bits marked.
fn document(s: &BitsState, doc: &DocumentExample) -> Html {
    let labels: Vec<&str> = doc.layout.split_whitespace().collect();
    let stated: Vec<char> = doc.stated_bits.chars().collect();
    let done = s.placed as usize >= stated.len();
    let correct = binary(doc.correct_value, stated.len() as u32);
    let correct: Vec<char> = correct.chars().collect();
    let row = |bits: &[char], mark: bool| -> Html {
        html! {
            { for bits.iter().enumerate().map(|(k, b)| {
                let differs = mark && correct.get(k) != stated.get(k);
                html! { <td class={classes!(differs.then_some("differs"))}>{ b }{ if differs { "≠" } else { "" } }</td> }
            }) }
        }
    };
    html! {
        <section class="zorder-doc" aria-label="The document's example">
            <h3>{"The document's worked example (F0 DP12)"}</h3>
            <div class="table-scroll">
            <table class="zorder-doc-table">
                <thead><tr><th></th>{ for labels.iter().map(|l| html! { <th>{ *l }</th> }) }<th>{"value"}</th></tr></thead>
                <tbody>
                    <tr class="stated"><th scope="row">{"document says"}</th>{ row(&stated, done) }<td class="value">{ doc.stated_value }</td></tr>
                    if done {
                        <tr class="correct"><th scope="row">{"bits of x = 5, y = 3"}</th>{ row(&correct, true) }<td class="value">{ doc.correct_value }</td></tr>
                    }
                </tbody>
            </table>
            </div>
            if done {
                <p>{ format!("The document's string {} reads {} = {}, but x = 5 = 0101 has x1 = 0 and y = 3 = 0011 has y0 = 1: it swapped x1 and y0 (the two bits marked ≠). The interleave gives {} = {}. The document's own MULTI-COLUMN rule gives {} too.",
                    doc.layout, doc.stated_bits, doc.stated_value, correct.iter().collect::<String>(), doc.correct_value, doc.correct_value) }</p>
            } else {
                <p class="hint">{ format!("The document states {} = {} for this example. Step to the end to compare it with the bits.", doc.stated_bits, doc.stated_value) }</p>
            }
        </section>
    }
}
