//! `stampede`: database recomputes per window for every protection up to this step, the totals
//! so far, and F4's probability table at the opening step.

use super::charts::{Series, line_chart};
use crate::stampede::Protection;
use crate::trace::StampedeState;
use yew::prelude::*;

fn p_table(s: &StampedeState) -> Html {
    html! {
        <table class="ca-table" aria-label="F4's refresh probability">
            <caption>{ format!("F4: p = 1 − remaining/ttl, ttl = {} s", s.world.params.ttl_s) }</caption>
            <thead><tr><th scope="col">{"remaining, s"}</th><th scope="col">{"p"}</th></tr></thead>
            <tbody>{ for s.world.p_table.iter().map(|(r, p)| html! { <tr><td>{ format!("{r}") }</td><td>{ format!("{p}") }</td></tr> }) }</tbody>
        </table>
    }
}

/// The step's picture.
pub(super) fn view(s: &StampedeState) -> Html {
    let w = &s.world;
    let n = w.bins.first().map_or(1, Vec::len).max(1);
    let peak = w
        .bins
        .iter()
        .flat_map(|b| b.iter().map(|x| x.loads))
        .max()
        .unwrap_or(0)
        .max(1);
    let series: Vec<Series> = Protection::ALL
        .iter()
        .zip(&w.bins)
        .map(|(p, b)| Series {
            name: p.name().to_string(),
            points: b
                .iter()
                .take(s.window)
                .enumerate()
                .map(|(i, x)| {
                    (
                        (i as f64 + 0.5) / n as f64,
                        f64::from(x.loads) / f64::from(peak),
                    )
                })
                .collect(),
            strong: *p == w.params.narrate,
        })
        .collect();
    let rows = Protection::ALL.iter().enumerate().map(|(i, p)| {
        let b = &w.bins[i][..s.window.min(n)];
        let sum = |f: fn(&crate::trace::Bin) -> u32| b.iter().map(f).sum::<u32>();
        html! {
            <tr class={classes!((*p == w.params.narrate).then_some("narrated"))}>
                <th scope="row">{ p.name() }</th>
                <td>{ sum(|x| x.requests) }</td>
                <td>{ sum(|x| x.loads) }</td>
                <td>{ sum(|x| x.waited) }</td>
                <td>{ sum(|x| x.stale) }</td>
                <td>{ w.peaks[i] }</td>
            </tr>
        }
    });
    html! {
        <div class="ca-stampede">
            if s.window == 0 { { p_table(s) } }
            { line_chart("ca-stampede-chart", format!("Database recomputes per {} ms window", w.params.step_ms), &series,
                &peak.to_string(), &format!("time, 0 to {} s (TTL {} s)", w.params.duration_s, w.params.ttl_s),
                Some(s.window as f64 / n as f64)) }
            <table class="ca-table" aria-label="Totals so far">
                <thead><tr><th scope="col">{"protection"}</th><th scope="col">{"requests"}</th><th scope="col">{"DB recomputes"}</th>
                    <th scope="col">{"waited"}</th><th scope="col">{"served stale"}</th><th scope="col">{"peak concurrent recomputes (whole run)"}</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}
