//! The 64-bit strip: one cell per bit, coloured by field, with each field's name and value.

use crate::layout::{Part, strip};
use crate::snowflake::Layout;
use yew::prelude::*;

fn class(p: Part) -> &'static str {
    match p {
        Part::Sign => "f-sign",
        Part::Time => "f-time",
        Part::Datacenter => "f-dc",
        Part::Node => "f-node",
        Part::Sequence => "f-seq",
    }
}

/// The strip of `id` under `layout`, labelled `label`.
pub(super) fn view(id: u64, layout: Layout, label: &str) -> Html {
    let segs = strip(id, layout);
    let bits = crate::layout::bits(id);
    let mut at = 0usize;
    let cells: Vec<Html> = segs
        .iter()
        .flat_map(|s| {
            let part = class(s.part);
            let from = at;
            at += s.len as usize;
            bits[from..at]
                .chars()
                .map(move |b| html! { <span class={classes!("bit", part)}>{ b }</span> })
                .collect::<Vec<_>>()
        })
        .collect();
    let names = if layout.dc_bits > 0 {
        "machine"
    } else {
        "node"
    };
    html! {
        <figure class="ids-strip-box">
            <div class="ids-strip" role="img" aria-label={format!("{label}: the 64 bits of {id}")}>{ for cells }</div>
            <div class="ids-fields">
                { for segs.iter().map(|s| {
                    let name = if s.part == Part::Node { names } else { s.part.name() };
                    html! {
                        <span class={classes!("ids-field", class(s.part))} style={format!("flex-grow:{}", s.len.max(3))}>
                            <b>{ format!("{name} ({} bit{})", s.len, if s.len == 1 { "" } else { "s" }) }</b>
                            <span>{ s.value.to_string() }</span>
                        </span>
                    }
                }) }
            </div>
            <figcaption>{ format!("{label}: {id} = 0x{id:016x}") }</figcaption>
        </figure>
    }
}
