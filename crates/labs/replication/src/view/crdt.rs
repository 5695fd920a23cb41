//! `crdt`: the replicas' states and values, and the final merge-order check.

use crate::trace::{CrdtState, CrdtValue};
use yew::prelude::*;

/// The step's picture.
pub(super) fn view(s: &CrdtState) -> Html {
    let lww = matches!(s.replicas.first(), Some(CrdtValue::Lww(..)));
    html! {
        <div class="rp-crdt">
            if let Some(a) = &s.action { <p class="rp-verdict">{ a }</p> }
            <table class="rp-table rp-replicas" aria-label="Replicas">
                <thead><tr>
                    <th scope="col">{"replica"}</th>
                    <th scope="col">{"state"}</th>
                    <th scope="col">{ if lww { "value (tie-break on replica id)" } else { "value" } }</th>
                </tr></thead>
                <tbody>
                    { for s.replicas.iter().enumerate().map(|(i, r)| html! {
                        <tr key={i} class={classes!(s.touched.contains(&i).then_some("touched"))}>
                            <th scope="row">{ format!("R{}", i + 1) }</th>
                            <td>{ r.state_text() }</td>
                            <td>{ r.value_text() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            if let Some(c) = &s.check {
                <table class="rp-table rp-check" aria-label="Merge order">
                    <tbody>
                        <tr><th scope="row">{"(R1 ⊔ R2) ⊔ R3"}</th><td>{ &c.forward }</td></tr>
                        <tr><th scope="row">{"R3 ⊔ (R2 ⊔ R1)"}</th><td>{ &c.backward }</td></tr>
                        <tr><th scope="row">{"merged again"}</th><td>{ &c.again }</td></tr>
                    </tbody>
                </table>
                <p class={classes!("rp-verdict", if c.same { "hit" } else { "miss" })}>
                    { if c.same { "Commutative, associative, idempotent: every order gives the same." } else { "The orders disagree." } }
                </p>
            }
        </div>
    }
}
