//! `claims`: the job table (status, the worker(s) told they claimed it) and the schedule, one
//! column per worker.

use crate::claims::{Method, Op};
use crate::trace::{ClaimState, claim_text};
use crate::trace::{job, worker};
use yew::prelude::*;

/// The step's picture.
pub(super) fn view(s: &ClaimState) -> Html {
    let w = &*s.world;
    let m = w.params.method;
    let n = w.params.workers as usize;
    let done = s.done.min(w.run.entries.len());
    let mut told: Vec<Vec<usize>> = vec![Vec::new(); w.params.jobs as usize];
    for e in &w.run.entries[..done] {
        if let Op::Claim(j, true, _) = e.op {
            told[j].push(e.worker);
        }
    }
    let jobs = told.iter().enumerate().map(|(j, t)| {
        let status = match (m, t.len()) {
            (_, 0) => {
                if m == Method::Insert {
                    "free"
                } else {
                    "pending"
                }
            }
            (Method::Insert, _) => "booked",
            _ => "running",
        };
        let names: Vec<String> = t.iter().map(|&i| worker(i)).collect();
        html! { <tr class={classes!((t.len() > 1).then_some("double"))}>
            <td>{ job(m, j) }</td><td>{ status }</td><td>{ names.join(", ") }</td>
        </tr> }
    });
    let start = done.saturating_sub(30);
    let rows = w.run.entries[..done].iter().enumerate().skip(start).map(|(i, e)| {
        let (text, _) = claim_text(m, e);
        let class = match e.op {
            Op::Read(_) => "read",
            Op::Claim(_, true, Some(_)) => "lost",
            Op::Claim(_, true, None) => "ok",
            Op::Claim(_, false, _) => "conflict",
        };
        let current = i + 1 == s.done;
        html! { <tr class={classes!(current.then_some("current"))}>
            <th>{ i + 1 }</th>
            { for (0..n).map(|c| if c == e.worker { html! { <td class={class}>{ text.clone() }</td> } } else { html! { <td></td> } }) }
        </tr> }
    });
    html! {
        <div class="lk-claims">
            <table class="lk-table lk-jobs">
                <caption>{ if m == Method::Insert { "appointments (UNIQUE doctor_id, date, start_time)" } else { "jobs" } }</caption>
                <thead><tr><th>{ if m == Method::Insert { "slot" } else { "job" } }</th><th>{"status"}</th><th>{"claimed by"}</th></tr></thead>
                <tbody>{ for jobs }</tbody>
            </table>
            <div class="lk-scroll"><table class="lk-table lk-seq">
                <thead><tr><th>{"#"}</th>{ for (0..n).map(|c| html! { <th>{ worker(c) }</th> }) }</tr></thead>
                <tbody>{ for rows }</tbody>
            </table></div>
            if s.summary { <p class={classes!("lk-summary", (w.run.doubles() > 0).then_some("lk-broken"))}>{ format!("jobs claimed twice: {}", w.run.doubles()) }</p> }
        </div>
    }
}
