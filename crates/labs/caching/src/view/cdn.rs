//! `cdn`: per lane a stacked bar of requests served by the edges, the regions and the origin,
//! and a table of hit ratios per tier and the origin offload against F4 §1's 95 %.

use crate::trace::{CdnState, TierCounts, pct};
use yew::prelude::*;

fn stack(c: &TierCounts) -> Html {
    let n = f64::from(c.total().max(1));
    let w = |v: u32| format!("width:{:.2}%", f64::from(v) / n * 100.0);
    html! {
        <span class="ca-stack wide" role="img" aria-label={format!("edge {}, regional {}, origin {}", c.edge, c.regional, c.origin)}>
            <span class="live" style={w(c.edge)}></span>
            <span class="regional" style={w(c.regional)}></span>
            <span class="expired" style={w(c.origin)}></span>
        </span>
    }
}

/// The step's picture.
pub(super) fn view(s: &CdnState) -> Html {
    let w = &s.world;
    html! {
        <div class="ca-cdn">
            <p class="ca-head">{ format!("{} of {} requests · {} edges → {} regions → origin · top 10 % of objects get {} of requests",
                s.done, w.total, w.params.edges, w.params.regions, pct(w.top10)) }</p>
            <table class="ca-table ca-tiers-table" aria-label="Requests per tier">
                <thead><tr><th scope="col">{"strategy"}</th><th scope="col">{"edge | regional | origin"}</th>
                    <th scope="col">{"edge hits"}</th><th scope="col">{"regional hits"}</th><th scope="col">{"origin"}</th>
                    <th scope="col">{"CDN hit (F4 §1: 95 %)"}</th></tr></thead>
                <tbody>
                    { for s.lanes.iter().zip([String::from("Pull only"), format!("Push top {} + pull", w.params.push)]).map(|(c, name)| html! {
                        <tr>
                            <th scope="row">{ name }</th>
                            <td>{ stack(c) }</td>
                            <td>{ c.edge }</td><td>{ c.regional }</td><td>{ c.origin }</td>
                            <td class={classes!((c.offload() < 0.95 && c.total() > 0).then_some("bad"))}>{ pct(c.offload()) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <p class="ca-legend">{"Blue: served by the edge; green: by the region; orange: pulled from the origin. Each tier is an LRU; pushed objects are pinned at every edge and region."}</p>
        </div>
    }
}
