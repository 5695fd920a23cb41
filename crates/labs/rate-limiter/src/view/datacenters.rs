//! `datacenters`: admitted over time by each strategy against the intended limit (and N × the
//! limit that independent DCs allow), and the current request in every strategy.

use super::StepProps;
use crate::State;
use crate::datacenters::Strategy;
use crate::trace::{DcWorld, secs_text};
use sdp_kit_web::palette;
use std::fmt::Write as _;
use yew::prelude::*;

#[component]
pub(super) fn DcView(props: &StepProps) -> Html {
    let Some(State::Datacenters(s)) = props.trace.get(props.cursor).map(|st| &st.state) else {
        return html! {};
    };
    let w = &*s.world;
    html! {
        <div class="rl-dcs">
            { chart(w, s.at) }
            { now_table(w, s.at) }
        </div>
    }
}

fn chart(w: &DcWorld, at: Option<usize>) -> Html {
    let p = &w.params;
    let (width, height, left, bottom) = (960.0, 200.0, 50.0, 210.0);
    let span = (u64::from(p.span_s) * 1000).max(1);
    let x = |t: u64| left + t as f64 / span as f64 * (width - left - 10.0);
    let window = u64::from(p.window_s) * 1000;
    let top = f64::from(p.limit) * f64::from(p.dcs) * 1.1;
    let y = |v: f64| bottom - v / top.max(1.0) * height;
    let done = at.map_or(0, |i| i + 1);
    let series = |k: usize| -> String {
        let mut start = 0usize;
        let mut pts = String::new();
        for i in 0..done {
            let t = w.arrivals[i].0;
            if i > 0 && t / window != w.arrivals[i - 1].0 / window {
                start = i;
            }
            let v = f64::from(w.admitted[k][i + 1] - w.admitted[k][start]);
            let _ = write!(pts, "{:.1},{:.1} ", x(t), y(v));
        }
        pts
    };
    let lines = [
        (f64::from(p.limit), "limit"),
        (f64::from(p.limit) * f64::from(p.dcs), "N × limit"),
    ];
    html! {
        <figure class="rl-dc-chart">
            <svg viewBox={format!("0 0 {width} 230")} role="img" aria-label="Admitted in the current window, per strategy, against the limit">
                { for lines.iter().map(|(v, label)| html! {
                    <g>
                        <line class="rl-limit" x1={left.to_string()} x2={(width - 10.0).to_string()} y1={format!("{:.1}", y(*v))} y2={format!("{:.1}", y(*v))} />
                        <text class="axis" x="2" y={format!("{:.1}", y(*v) + 4.0)}>{ format!("{label} {v}") }</text>
                    </g>
                }) }
                { for Strategy::ALL.iter().enumerate().map(|(k, s)| html! {
                    <polyline class="rl-series" points={series(k)} stroke={palette::series(k)}><title>{ s.title() }</title></polyline>
                }) }
            </svg>
            <figcaption>
                { for Strategy::ALL.iter().enumerate().map(|(k, s)| html! {
                    <span class="rl-key" style={format!("--c:{}", palette::series(k))}>{ s.title() }</span>
                }) }
                {" Admitted in the current window (it restarts at every window)."}
            </figcaption>
        </figure>
    }
}

fn now_table(w: &DcWorld, at: Option<usize>) -> Html {
    let Some(i) = at else {
        return html! { <p class="hint">{"Step forward: each step sends the next request to its datacenter."}</p> };
    };
    let (t, dc) = w.arrivals[i];
    html! {
        <table class="rl-table" aria-label="This request in each strategy">
            <caption>{ format!("Request {} at {} in DC {}", i + 1, secs_text(t), dc + 1) }</caption>
            <tbody>
                { for Strategy::ALL.iter().enumerate().map(|(k, s)| html! {
                    <tr key={k}><th scope="row">{ s.title() }</th><td>{ if w.run.admitted[k][i] { "allowed" } else { "rejected" } }</td></tr>
                }) }
                <tr><th scope="row">{"synced: own + known others"}</th><td>{ format!("{} + {} (limit {})", w.run.own[i], w.run.known[i], w.params.limit) }</td></tr>
            </tbody>
        </table>
    }
}
