//! `tiers`: the current request's counter in every dimension against its limit, for both
//! strategies, the failing dimension marked; and both strategies' decisions over time.

use super::{StepProps, colour};
use crate::State;
use crate::tiers::{Commit, Dim, Tier};
use crate::trace::{TierWorld, secs_text};
use yew::prelude::*;

#[component]
pub(super) fn TiersView(props: &StepProps) -> Html {
    let Some(State::Tiers(s)) = props.trace.get(props.cursor).map(|st| &st.state) else {
        return html! {};
    };
    let w = &*s.world;
    html! {
        <div class="rl-tiers">
            { timeline(w, s.at) }
            { match s.at {
                Some(i) => meters(w, i),
                None => html! { <p class="hint">{"Step forward: each step sends the next request through the five checks."}</p> },
            } }
        </div>
    }
}

fn meters(w: &TierWorld, i: usize) -> Html {
    let r = &w.requests[i];
    let Some(send) = w.sends.get(r.send) else {
        return html! {};
    };
    let tier = Tier::of(&send.tier);
    html! {
        <div class="table-scroll">
            <table class="rl-table rl-meters" aria-label="Counters of this request's keys">
                <caption>{ format!("Request {} at {}: {} ({}), key {}, IP {}", i + 1, secs_text(r.at_ms), send.user, send.tier, send.key, send.ip) }</caption>
                <thead><tr><th scope="col">{"dimension"}</th><th scope="col">{"limit"}</th>
                    { for Commit::ALL.iter().map(|c| html! { <th scope="col">{ c.title() }</th> }) }</tr></thead>
                <tbody>
                    { for Dim::ALL.iter().enumerate().map(|(k, &dim)| {
                        let limit = w.limits.of(dim, tier);
                        html! {
                            <tr key={dim.name()}>
                                <th scope="row">{ format!("{} ({})", dim.name(), if dim == Dim::Tier { "per hour" } else { "per minute" }) }</th>
                                <td>{ limit }</td>
                                { for Commit::ALL.iter().enumerate().map(|(c, _)| {
                                    let d = &w.runs[c][i];
                                    let counted = c == 1 || k < usize::from(d.incremented);
                                    let failed = d.failed == Some(dim);
                                    let share = (f64::from(d.counts[k]) / f64::from(limit.max(1))).min(1.0) * 100.0;
                                    html! {
                                        <td class={classes!(failed.then_some("failed"), (!counted).then_some("unchecked"))}>
                                            <span class="rl-meter"><span style={format!("width:{share:.0}%")}></span></span>
                                            { format!(" {}{}", d.counts[k], if failed { " ✗" } else { "" }) }
                                        </td>
                                    }
                                }) }
                            </tr>
                        }
                    }) }
                    <tr><th scope="row">{"decision"}</th><td></td>
                        { for Commit::ALL.iter().enumerate().map(|(c, _)| {
                            let d = &w.runs[c][i];
                            html! { <td>{ match d.failed { None => "allowed".to_string(), Some(dim) => format!("Rate limit exceeded for {}", dim.name()) } }</td> }
                        }) }
                    </tr>
                </tbody>
            </table>
        </div>
    }
}

/// Both strategies' decisions as two rows of ticks, one column per request.
fn timeline(w: &TierWorld, at: Option<usize>) -> Html {
    let n = w.requests.len().max(1);
    let width = 960.0;
    let x = |i: usize| 150.0 + i as f64 / n as f64 * (width - 160.0);
    let done = at.map_or(0, |i| i + 1);
    let stride = crate::layout::tick_stride(n, 800);
    html! {
        <figure class="rl-tier-lanes">
            <svg viewBox={format!("0 0 {width} 64")} role="img" aria-label="Decisions of both strategies, request by request">
                { for Commit::ALL.iter().enumerate().map(|(c, commit)| {
                    let y = 8.0 + 26.0 * c as f64;
                    let admitted = w.runs[c][..done].iter().filter(|d| d.allowed).count();
                    html! {
                        <g key={c}>
                            <text class="axis" x="0" y={format!("{:.1}", y + 13.0)}>{ format!("{} {admitted}", commit.title()) }</text>
                            { for (0..done).step_by(stride).map(|i| {
                                let d = &w.runs[c][i];
                                html! { <rect x={format!("{:.1}", x(i))} y={format!("{y:.1}")} width="1.5" height="18"
                                    fill={if d.allowed { colour::ALLOWED } else { colour::REJECTED }} /> }
                            }) }
                        </g>
                    }
                }) }
            </svg>
            <figcaption>{"Each column is a request: allowed (green) or rejected (vermillion), in F4's order and when all counters are checked first."}</figcaption>
        </figure>
    }
}
