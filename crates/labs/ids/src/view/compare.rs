//! `compare`: the schemes' table, rows appearing one per step.

use crate::trace::CompareState;
use yew::prelude::*;

/// The step's picture.
pub(super) fn view(s: &CompareState) -> Html {
    let upto = s.row.map_or(s.rows.len(), |r| r + 1);
    html! {
        <div class="ids-compare">
            <table class="ids-table ids-schemes" aria-label="The schemes side by side">
                <thead><tr>
                    <th scope="col">{"scheme"}</th><th scope="col">{"size"}</th><th scope="col">{"sorted by time"}</th>
                    <th scope="col">{"coordination"}</th><th scope="col">{"collision risk"}</th><th scope="col">{"a failure costs"}</th>
                </tr></thead>
                <tbody>
                    { for s.rows.iter().take(upto).enumerate().map(|(i, r)| html! {
                        <tr key={i} class={classes!((s.row == Some(i)).then_some("current"))}>
                            <th scope="row"><a href={format!("#/lab/ids?mode={}", r.mode)}>{ &r.scheme }</a></th>
                            <td>{ &r.size }</td><td>{ &r.sortable }</td><td>{ &r.coordination }</td>
                            <td>{ &r.collisions }</td><td>{ &r.failure }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
