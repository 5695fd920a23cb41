//! `topk`: the six structures side by side, each with its rows, size and what the last item did
//! to it; rows that belong to the right answer are marked, and the final step compares them.

use crate::topk::Entry;
use crate::trace::{Method, TopKState, TopKWorld, event_text, precision_recall, target};
use sdp_kit::fmt::group;
use yew::prelude::*;

fn name(w: &TopKWorld, item: u32) -> &str {
    w.names.get(item as usize).map_or("", String::as_str)
}

fn rows(w: &TopKWorld, entries: &[Entry], want: &[u32], with_error: bool) -> Html {
    html! {
        <tbody>
            { for entries.iter().map(|e| {
                let right = want.contains(&e.item);
                html! {
                    <tr key={e.item} class={classes!(if right { "hit" } else { "miss" })}>
                        <td>{ name(w, e.item) }</td>
                        <td>{ group(e.count) }</td>
                        if with_error { <td>{ group(e.error) }</td> }
                    </tr>
                }
            }) }
        </tbody>
    }
}

fn card(s: &TopKState, i: usize, m: Method) -> Html {
    let w = &*s.world;
    let Some(v) = s.views.get(i) else {
        return html! {};
    };
    let want = target(w, m);
    let with_error = matches!(
        m,
        Method::LossyDoc | Method::Lossy | Method::SavingDoc | Method::Saving
    );
    let error_head = if matches!(m, Method::LossyDoc | Method::Lossy) {
        "Δ"
    } else {
        "error"
    };
    let event = v.event.as_ref().map(|e| event_text(e, &w.names));
    let doc = matches!(m, Method::LossyDoc | Method::SavingDoc);
    html! {
        <section class={classes!("sk-card", doc.then_some("doc"))} aria-label={m.title()}>
            <h3>{ m.title() }</h3>
            if doc { <p class="sk-badge">{"as the document codes it"}</p> }
            <table class="sk-table">
                <thead><tr>
                    <th scope="col">{"item"}</th><th scope="col">{"count"}</th>
                    if with_error { <th scope="col">{ error_head }</th> }
                </tr></thead>
                { rows(w, &v.entries, &want, with_error) }
            </table>
            <p class="sk-size">{ format!("{} entries held", group(v.size as u64)) }
                if let Some(e) = event { { format!("; last item: {e}") } }
            </p>
        </section>
    }
}

fn summary(w: &TopKWorld) -> Html {
    html! {
        <table class="sk-table sk-summary" aria-label="Every structure against the right answer">
            <thead><tr>
                <th scope="col">{"structure"}</th><th scope="col">{"precision"}</th>
                <th scope="col">{"recall"}</th><th scope="col">{"memory"}</th>
            </tr></thead>
            <tbody>
                { for Method::ALL.iter().enumerate().map(|(i, &m)| {
                    let answer = w.answers.get(i).map_or(&[][..], Vec::as_slice);
                    let (p, r) = precision_recall(answer, &target(w, m));
                    html! {
                        <tr key={i}>
                            <th scope="row">{ m.title() }</th>
                            <td>{ format!("{:.0} %", p * 100.0) }</td>
                            <td>{ format!("{:.0} %", r * 100.0) }</td>
                            <td>{ format!("{} bytes", group(w.memory.get(i).copied().unwrap_or(0))) }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

/// The step's picture.
pub(super) fn view(s: &TopKState) -> Html {
    let w = &*s.world;
    let n = w.items.len();
    html! {
        <div class="sk-topk">
            <p class="sk-progress" aria-label="Items processed">
                { format!("{} of {} items processed", group(s.done as u64), group(n as u64)) }
                <span class="sk-bar"><span style={format!("width:{:.1}%", 100.0 * s.done as f64 / n.max(1) as f64)} /></span>
            </p>
            <p class="sk-legend"><span class="hit">{"in the right answer"}</span>{" "}<span class="miss">{"not in it"}</span>
                {" (lossy counting is judged against the items truly at or above s·n)"}</p>
            <div class="sk-cards">
                { for Method::ALL.iter().enumerate().map(|(i, &m)| card(s, i, m)) }
            </div>
            if s.summary { { summary(w) } }
        </div>
    }
}
