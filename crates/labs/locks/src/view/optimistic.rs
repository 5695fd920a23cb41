//! `optimistic`: the row with its version, and the schedule as a sequence table, one column per
//! client.

use crate::optimistic::{Op, Outcome};
use crate::sim::name;
use crate::trace::OptState;
use yew::prelude::*;

fn cell(op: Op) -> (String, &'static str) {
    match op {
        Op::Read(r) => (format!("read {} @ v{}", r.available, r.version), "read"),
        Op::Write(v, Outcome::Updated) => (format!("write v{v} ✓"), "ok"),
        Op::Write(v, Outcome::Conflict) => (format!("write v{v} ✗ retry"), "conflict"),
        Op::Write(v, Outcome::GaveUp) => (format!("write v{v} ✗ gave up"), "conflict"),
        Op::Write(_, Outcome::SoldOut) => ("sold out".to_string(), "conflict"),
        Op::Write(_, Outcome::Overwrote) => ("blind write: lost update".to_string(), "lost"),
    }
}

/// The step's picture.
pub(super) fn view(s: &OptState) -> Html {
    let w = &*s.world;
    let n = w.params.clients as usize;
    let row = s.row();
    let done = s.done.min(w.entries.len());
    let start = done.saturating_sub(40);
    let rows = w.entries[..done].iter().enumerate().skip(start).map(|(i, e)| {
        let (text, class) = cell(e.op);
        let current = i + 1 == s.done;
        html! { <tr class={classes!(current.then_some("current"))}>
            <th>{ i + 1 }</th>
            { for (0..n).map(|c| if c == e.client { html! { <td class={class}>{ text.clone() }</td> } } else { html! { <td></td> } }) }
            <td class="mono">{ format!("{} @ v{}", e.row.available, e.row.version) }</td>
        </tr> }
    });
    html! {
        <div class="lk-opt">
            <p class="lk-row">{ format!("flight 1: available_seats {}, version v{}", row.available, row.version) }</p>
            <div class="lk-scroll"><table class="lk-table lk-seq">
                <thead><tr><th>{"#"}</th>{ for (0..n).map(|c| html! { <th>{ name(c) }</th> }) }<th>{"row after"}</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table></div>
            if s.summary { <p class="lk-summary">{ format!("confirmed {}, seats taken {}", w.sold.0, w.sold.1) }</p> }
        </div>
    }
}
