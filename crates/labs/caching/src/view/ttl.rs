//! `ttl`: expired keys still holding memory over time for the three variants, and the
//! narrated variant's keyspace at this cycle.

use super::charts::{Series, line_chart};
use crate::expiry::Variant;
use crate::trace::{TtlState, pct};
use yew::prelude::*;

/// The step's picture.
pub(super) fn view(s: &TtlState) -> Html {
    let w = &s.world;
    let n = w.runs.first().map_or(1, Vec::len).max(1);
    let peak = w
        .runs
        .iter()
        .flat_map(|r| r.iter().map(|c| c.expired_present))
        .max()
        .unwrap_or(0)
        .max(1);
    let series: Vec<Series> = Variant::ALL
        .iter()
        .zip(&w.runs)
        .map(|(v, r)| Series {
            name: v.name().to_string(),
            points: r
                .iter()
                .take(s.cycle)
                .enumerate()
                .map(|(i, c)| {
                    (
                        (i + 1) as f64 / n as f64,
                        f64::from(c.expired_present) / f64::from(peak),
                    )
                })
                .collect(),
            strong: *v == w.params.narrate,
        })
        .collect();
    let rows = Variant::ALL.iter().zip(&w.runs).map(|(v, r)| {
        let c = s.cycle.checked_sub(1).and_then(|i| r.get(i));
        let (present, expired, rounds) = c.map_or((w.params.keys, 0, 0), |c| (c.present, c.expired_present, c.rounds));
        let live = present - expired;
        let scale = f64::from(w.peak.max(1));
        html! {
            <tr class={classes!((*v == w.params.narrate).then_some("narrated"))}>
                <th scope="row">{ v.name() }</th>
                <td>
                    <span class="ca-stack" role="img" aria-label={format!("{live} live, {expired} expired")}>
                        <span class="live" style={format!("width:{:.1}%", f64::from(live) / scale * 100.0)}></span>
                        <span class="expired" style={format!("width:{:.1}%", f64::from(expired) / scale * 100.0)}></span>
                    </span>
                </td>
                <td>{ present }</td>
                <td>{ format!("{expired} ({})", pct(f64::from(expired) / f64::from(present.max(1)))) }</td>
                <td>{ rounds }</td>
            </tr>
        }
    });
    let t = s.cycle as f64 / f64::from(w.params.hz.max(1));
    html! {
        <div class="ca-ttl">
            <table class="ca-table" aria-label="Keyspace per variant">
                <thead><tr><th scope="col">{"variant"}</th><th scope="col">{"live | expired"}</th>
                    <th scope="col">{"present"}</th><th scope="col">{"expired, holding memory"}</th><th scope="col">{"rounds this cycle"}</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            { line_chart("ca-ttl-chart", format!("Expired keys still present over {} s", w.params.duration), &series,
                &peak.to_string(), &format!("time, 0 to {} s; now {t:.1} s", w.params.duration), Some(s.cycle as f64 / n as f64)) }
        </div>
    }
}
