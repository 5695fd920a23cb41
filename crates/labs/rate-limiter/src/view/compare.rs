//! `compare`: the lanes, every lane's decision on the current request, the narrated lane's
//! level over time, and the response it sends.

use super::lanes::{LanesCanvas, WIDTH, scale};
use super::{StepProps, colour};
use crate::algo::{Decision, Lane, Outcome};
use crate::headers::response;
use crate::layout::{decimate, step_path};
use crate::trace::secs_text;
use crate::{CompareWorld, State};
use yew::prelude::*;

#[component]
pub(super) fn CompareView(props: &StepProps) -> Html {
    let Some(State::Compare(s)) = props.trace.get(props.cursor).map(|st| &st.state) else {
        return html! {};
    };
    let w = &*s.world;
    html! {
        <div class="rl-compare">
            <LanesCanvas trace={props.trace.clone()} at={s.at} />
            <div class="rl-panels">
                { decisions_table(w, s.at) }
                { headers(w, s.at) }
            </div>
            { level_chart(w, s.at) }
        </div>
    }
}

fn outcome_text(o: Outcome) -> String {
    match o {
        Outcome::Allowed => "allowed".into(),
        Outcome::Queued { wait_ms: 0 } => "processed now".into(),
        Outcome::Queued { wait_ms } => format!("queued {}", secs_text(wait_ms)),
        Outcome::Rejected => "rejected".into(),
        Outcome::Error => "error".into(),
    }
}

fn outcome_colour(o: Outcome) -> &'static str {
    match o {
        Outcome::Allowed => colour::ALLOWED,
        Outcome::Queued { .. } => colour::QUEUED,
        Outcome::Rejected => colour::REJECTED,
        Outcome::Error => colour::ERROR,
    }
}

/// `12.5`, `0.333`: a level without trailing zeros.
fn level(x: f64) -> String {
    let s = format!("{x:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn decisions_table(w: &CompareWorld, at: Option<usize>) -> Html {
    let Some(i) = at else {
        return html! { <p class="hint">{"Step forward: each step sends the next request through every lane."}</p> };
    };
    html! {
        <div class="table-scroll">
            <table class="rl-table" aria-label="Every lane's decision on this request">
                <caption>{ format!("Request {} at {}", i + 1, secs_text(w.arrivals[i])) }</caption>
                <thead><tr><th scope="col">{"lane"}</th><th scope="col">{"decision"}</th><th scope="col">{"level after"}</th><th scope="col">{"remaining"}</th><th scope="col">{"admitted"}</th></tr></thead>
                <tbody>
                    { for w.lanes.iter().enumerate().map(|(k, run)| {
                        let d: &Decision = &run.decisions[i];
                        html! {
                            <tr key={run.lane.id()} class={classes!((k == w.narrated).then_some("narrated"))}>
                                <th scope="row" title={run.lane.source()}>{ run.lane.title() }</th>
                                <td><span class="rl-dot" style={format!("--c:{}", outcome_colour(d.outcome))}></span>{ outcome_text(d.outcome) }</td>
                                <td>{ level(d.level) }</td>
                                <td>{ d.remaining }</td>
                                <td>{ format!("{} of {}", run.admitted[i + 1], i + 1) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

fn headers(w: &CompareWorld, at: Option<usize>) -> Html {
    let Some(i) = at else { return html! {} };
    let run = w.narrated();
    let d = &run.decisions[i];
    let r = response(d, run.lane, &w.config, w.epoch, w.arrivals[i]);
    let status = match r.status {
        200 => "200 OK",
        429 => "429 Too Many Requests",
        _ => "500 Internal Server Error",
    };
    html! {
        <section class="rl-headers" aria-label="Response headers of the narrated lane">
            <h3>{ format!("Response ({})", run.lane.title()) }</h3>
            <pre><code>
                { format!("HTTP/1.1 {status}\nX-RateLimit-Limit: {}\nX-RateLimit-Remaining: {}\nX-RateLimit-Reset: {}\n", r.limit, r.remaining, r.reset) }
                { r.retry_after.map(|s| format!("Retry-After: {s}\n")).unwrap_or_default() }
            </code></pre>
            <p class="hint">{ format!("Reset is when the limit is whole again: t = {} is Unix time {}.", secs_text(d.reset_ms), r.reset) }</p>
        </section>
    }
}

/// The narrated lane's level (tokens, count, log or queue length, estimate) up to the cursor.
fn level_chart(w: &CompareWorld, at: Option<usize>) -> Html {
    let run = w.narrated();
    let done = at.map_or(0, |i| i + 1);
    let points: Vec<(u64, f64)> = w.arrivals[..done]
        .iter()
        .zip(&run.decisions)
        .map(|(&t, d)| (t, d.level))
        .collect();
    let points = decimate(&points, 600);
    let s = scale(w);
    let top = if run.lane.is_bucket() {
        w.config.capacity
    } else {
        w.config.limit
    };
    let peak = points.iter().map(|p| p.1).fold(f64::from(top), f64::max);
    let (height, bottom) = (110.0, 130.0);
    let limit_y = bottom - f64::from(top) / peak * height;
    let what = match run.lane {
        Lane::Token | Lane::TokenExact => "tokens in the bucket",
        Lane::LeakyDoc | Lane::Leaky => "entries in the bucket",
        Lane::LeakyQueue => "requests waiting",
        Lane::Fixed | Lane::FixedLocal | Lane::FixedRedis => "count in the window",
        Lane::Sliding => "the weighted estimate",
        _ => "entries in the log",
    };
    html! {
        <figure class="rl-level">
            <svg viewBox={format!("0 0 {WIDTH} 140")} role="img"
                aria-label={format!("{} of {} over time, up to this request", what, run.lane.title())}>
                <line class="rl-limit" x1={s.left.to_string()} x2={(s.left + s.width).to_string()}
                    y1={format!("{limit_y:.1}")} y2={format!("{limit_y:.1}")} />
                <text class="axis" x="4" y={format!("{:.1}", limit_y + 4.0)}>{ format!("{} {top}", if run.lane.is_bucket() { "capacity" } else { "limit" }) }</text>
                <polyline class="rl-level-line" points={step_path(&points, &s, peak, bottom, height)} />
            </svg>
            <figcaption>{ format!("{}: {what} after each request.", run.lane.title()) }</figcaption>
        </figure>
    }
}
