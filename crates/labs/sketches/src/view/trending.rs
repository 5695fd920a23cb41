//! `trending`: a timeline of 5-minute windows with the clock, the open window's leaders (exact
//! beside the sketch's estimate), and the ranking readers see, published at the last close.

use crate::trace::TrendState;
use crate::trending::WINDOW_MINUTES;
use sdp_kit::fmt::group;
use yew::prelude::*;

fn name(s: &TrendState, item: u32) -> &str {
    s.world.names.get(item as usize).map_or("", String::as_str)
}

fn timeline(s: &TrendState) -> Html {
    let windows = s.world.params.windows;
    let total = f64::from(windows * WINDOW_MINUTES).max(1.0);
    let w = 960.0;
    let x = |m: u32| f64::from(m) / total * w;
    html! {
        <svg class="sk-timeline" viewBox="0 0 960 34" role="img"
            aria-label={format!("Minute {} of {}; {} windows closed", s.minute, windows * WINDOW_MINUTES, s.world.published.len().min(s.visible.map_or(0, |v| v + 1)))}>
            { for (0..windows).map(|i| {
                let start = i * WINDOW_MINUTES;
                let done = s.minute >= start + WINDOW_MINUTES;
                let open = !done && s.minute >= start && s.minute > 0;
                html! {
                    <g key={i}>
                        <rect class={classes!("window", done.then_some("closed"), open.then_some("open"))}
                            x={format!("{:.1}", x(start) + 1.0)} y="2" width={format!("{:.1}", x(WINDOW_MINUTES) - 2.0)} height="20" />
                        <text x={format!("{:.1}", x(start) + 4.0)} y="16">{ format!("W{}", i + 1) }</text>
                    </g>
                }
            }) }
            <line class="sk-now" x1={format!("{:.1}", x(s.minute))} x2={format!("{:.1}", x(s.minute))} y1="0" y2="30" />
        </svg>
    }
}

/// The step's picture.
pub(super) fn view(s: &TrendState) -> Html {
    let w = &*s.world;
    let visible = s.visible.and_then(|v| w.published.get(v));
    html! {
        <div class="sk-trending">
            { timeline(s) }
            <div class="sk-cards">
                <section class="sk-card" aria-label="The open window">
                    <h3>{ if s.closed { "The window just closed" } else { "The open window so far" } }</h3>
                    <table class="sk-table">
                        <thead><tr><th scope="col">{"hashtag"}</th><th scope="col">{"exact"}</th><th scope="col">{"sketch"}</th></tr></thead>
                        <tbody>
                            { for s.open.iter().map(|&(i, exact, est)| html! {
                                <tr key={i} class={classes!((est > exact).then_some("over"))}>
                                    <td>{ name(s, i) }</td><td>{ group(exact) }</td><td>{ group(est) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </section>
                <section class="sk-card" aria-label="What readers see">
                    <h3>{"What readers see"}</h3>
                    if let Some(list) = visible {
                        <ol class="sk-list">
                            { for list.iter().map(|e| html! { <li key={e.item}>{ format!("{} {}", name(s, e.item), group(e.count)) }</li> }) }
                        </ol>
                        <p class="sk-size">{ format!("published at minute {}", (s.visible.unwrap_or(0) as u32 + 1) * WINDOW_MINUTES) }</p>
                    } else {
                        <p>{"Nothing yet: the first ranking is published when the first window closes."}</p>
                    }
                </section>
            </div>
        </div>
    }
}
