//! `ranges`: the coordinator's counter, each server's range as a bar filled to its position,
//! and the latest gaps in the global sequence.

use crate::ranges::{Loss, Rule};
use crate::trace::RangeState;
use sdp_kit::fmt::group;
use yew::prelude::*;

fn bars(s: &RangeState) -> Html {
    html! {
        <table class="ids-table ids-servers" aria-label="Servers and their ranges">
            <thead><tr><th scope="col">{"server"}</th><th scope="col">{"rate"}</th><th scope="col">{"range"}</th>
                <th scope="col">{"position"}</th><th scope="col">{"issued"}</th></tr></thead>
            <tbody>
                { for s.servers.iter().enumerate().map(|(i, sv)| {
                    let class = classes!(
                        s.requested.contains(&i).then_some("current"),
                        s.crashed.contains(&i).then_some("bad")
                    );
                    let (range, fill) = match sv.range {
                        Some((a, b)) => {
                            let used = sv.current.saturating_sub(a) as f64 / (b - a + 1) as f64;
                            (format!("[{}–{}]", group(a), group(b)), used)
                        }
                        None => ("none".to_string(), 0.0),
                    };
                    html! {
                        <tr key={i} {class}>
                            <td>{ i + 1 }</td><td>{ group(u64::from(s.params.rates.get(i).copied().unwrap_or(0))) }</td>
                            <td>{ range }</td>
                            <td><span class="ids-bar" role="img" aria-label={format!("{:.0} % used", fill * 100.0)}>
                                <span style={format!("width:{:.1}%", fill * 100.0)}></span></span>
                                { if sv.range.is_some() { format!(" next {}", group(sv.current)) } else { String::new() } }</td>
                            <td>{ group(sv.issued) }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

fn gaps(s: &RangeState) -> Html {
    if s.gaps.is_empty() {
        return html! { <p class="ids-legend">{"No gaps yet."}</p> };
    }
    html! {
        <table class="ids-table ids-gaps" aria-label="Gaps in the global sequence">
            <caption>{"Latest gaps in the global sequence"}</caption>
            <tbody>
                { for s.gaps.iter().rev().take(10).enumerate().map(|(i, g)| html! {
                    <tr key={i}>
                        <td>{ if g.from == g.to { group(g.from) } else { format!("{}–{}", group(g.from), group(g.to)) } }</td>
                        <td>{ match g.why { Loss::OffByOne => "skipped by ≥ range_end", Loss::Crash => "lost in a crash" } }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

/// The step's picture.
pub(super) fn view(s: &RangeState) -> Html {
    html! {
        <div class="ids-ranges">
            <p class="ids-coord">{ format!("Coordinator: {} ranges handed out; the next starts at {} (test: {}).",
                group(s.coord.handed), group(s.coord.next),
                if s.params.rule == Rule::Doc { "current_id ≥ range_end, the document's" } else { "current_id > range_end" }) }</p>
            <div class="ids-cols">{ bars(s) }{ gaps(s) }</div>
        </div>
    }
}
