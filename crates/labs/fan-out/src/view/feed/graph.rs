//! The graph summary: the follower histogram (power-of-two bins, log scale), the facts, the
//! scaled celebrity threshold and the most-followed accounts.

use super::super::g;
use crate::layout::feed::{Histogram, W, f, short};
use crate::scaled_threshold;
use crate::state::FeedWorld;
use sdp_kit::fmt::percent;
use sdp_kit_web::palette;
use std::sync::Arc;
use yew::prelude::*;

/// The graph summary shared by every step, compared by identity so a step never redraws it.
#[derive(Clone)]
pub(super) struct WorldRef(pub(super) Arc<FeedWorld>);

impl PartialEq for WorldRef {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Properties of [`GraphSummary`].
#[derive(Properties, PartialEq)]
pub(super) struct WorldProps {
    pub(super) world: WorldRef,
}

/// The graph summary, drawn once per trace.
#[component]
pub(super) fn GraphSummary(props: &WorldProps) -> Html {
    graph_summary(&props.world.0)
}

fn graph_summary(w: &FeedWorld) -> Html {
    let mean = if w.users == 0 {
        0.0
    } else {
        f64::from(w.follows) / f64::from(w.users)
    };
    let scaled = scaled_threshold(w.users, w.follows);
    let celeb_share = percent(w.celebrity_edges, w.follows.into());
    html! {
        <div class="fanout-graph">
            { histogram(w) }
            <div class="fanout-graph-facts">
                <dl class="fanout-facts">
                    <dt>{"Users"}</dt><dd>{ g(w.users) }</dd>
                    <dt>{"Follows"}</dt><dd>{ format!("{} (mean {mean:.1} followers per user)", g(w.follows)) }</dd>
                    <dt>{"Followers"}</dt><dd>{ format!("median {}, most {}", g(w.median_followers), g(w.max_followers)) }</dd>
                    <dt>{"Inactive"}</dt><dd>{ format!("{} users ({}) never read: writes into their feeds are wasted",
                        g(w.inactive_users), percent(w.inactive_users.into(), w.users.into())) }</dd>
                    <dt>{"Celebrities"}</dt><dd>{ format!("{} users with ≥ {} followers receive {celeb_share} of all follows",
                        g(w.celebrities), g(w.threshold)) }</dd>
                </dl>
                <div class="fanout-threshold" aria-label="Celebrity threshold scaling">
                    <h3 class="fanout-h3">{"Celebrity threshold, scaled"}</h3>
                    <p>{"The document: authors with < 10K followers are pushed, celebrities (> 10K) are pulled, at 500M daily users."}</p>
                    <p>{ format!("Here: 10 × mean followers = 10 × ({} follows ÷ {} users) = {} (the default).", g(w.follows), g(w.users), g(scaled.max(0) as u64)) }</p>
                    <p><strong>{ format!("In use: {} followers", g(w.threshold)) }</strong>
                        { if i64::from(w.threshold) == scaled { " (the scaled default).".to_string() } else { format!(" (you changed it; the scaled default is {}).", g(scaled.max(0) as u64)) } }
                        {" At or above it, hybrid pulls the author at read time."}</p>
                </div>
            </div>
            { top_table(w) }
        </div>
    }
}

fn histogram(w: &FeedWorld) -> Html {
    let bins = &w.histogram;
    let hist = Histogram::new(bins);
    let (h, top, bottom) = (hist.height, hist.top, hist.bottom);
    let y = |users: u32| hist.y(users);
    let tx = hist.threshold_x(w.threshold);
    let label = format!(
        "Follower-count histogram, log scale: {}. Celebrity threshold {} followers.",
        bins.iter()
            .map(|b| format!("{}–{} followers: {} users", b.lo, b.hi, b.users))
            .collect::<Vec<_>>()
            .join("; "),
        w.threshold
    );
    html! {
        <figure class="fanout-hist">
            <svg viewBox={format!("0 0 {W} {h}")} role="img" aria-label={label}>
                <defs>
                    <pattern id="fanout-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <rect width="6" height="6" fill={palette::series(5)} fill-opacity="0.35" />
                        <line x1="0" y1="0" x2="0" y2="6" stroke={palette::series(5)} stroke-width="3" />
                    </pattern>
                </defs>
                { for bins.iter().enumerate().map(|(i, b)| {
                    let (x, bw) = hist.bar(i);
                    let yy = y(b.users);
                    let celeb = b.lo >= w.threshold;
                    let fill = if celeb { "url(#fanout-hatch)".to_string() } else { palette::series(4).to_string() };
                    html! {
                        <g key={i}>
                            <rect x={f(x)} y={f(yy)} width={f(bw)} height={f(hist.base() - yy)} fill={fill}>
                                <title>{ format!("{}–{} followers: {} users holding {} follows{}", b.lo, b.hi, g(b.users), g(b.edges), if celeb { " (celebrities)" } else { "" }) }</title>
                            </rect>
                            if b.users > 0 {
                                <text class="fanout-svg-small" x={f(x + bw / 2.0)} y={f(yy - 3.0)} text-anchor="middle">{ short(b.users) }</text>
                            }
                            <text class="fanout-svg-small fanout-muted" x={f(x + bw / 2.0)} y={f(h - bottom + 12.0)} text-anchor="middle">{ short(b.lo) }</text>
                        </g>
                    }
                }) }
                <line class="fanout-threshold-line" x1={f(tx)} x2={f(tx)} y1={f(top - 6.0)} y2={f(h - bottom + 2.0)} />
                <text class="fanout-svg-small" x={f((tx + 4.0).min(W - 110.0))} y={f((top - 8.0).max(10.0))}>{ format!("threshold {} →", short(w.threshold)) }</text>
                <text class="fanout-svg-small fanout-muted" x={f(W / 2.0)} y={f(h - 4.0)} text-anchor="middle">{"followers per user (bins double: 0, 1, 2–3, 4–7, …); bar height: users, log scale"}</text>
            </svg>
            <figcaption>{"A power law: most users have a handful of followers, a few have thousands. Hatched bins are at or above the celebrity threshold."}</figcaption>
        </figure>
    }
}

fn top_table(w: &FeedWorld) -> Html {
    html! {
        <div class="table-scroll">
            <table class="fanout-table fanout-top">
                <caption>{ format!("The {} most-followed accounts", w.top.len()) }</caption>
                <thead><tr><th scope="col">{"#"}</th><th scope="col">{"user"}</th><th scope="col">{"followers"}</th><th scope="col">{"follows"}</th><th scope="col">{"reads feed"}</th><th scope="col">{"hybrid"}</th></tr></thead>
                <tbody>
                    { for w.top.iter().enumerate().map(|(i, a)| html! {
                        <tr key={a.user}>
                            <td>{ i + 1 }</td>
                            <td>{ format!("user {}", a.user) }</td>
                            <td class="num">{ g(a.followers) }</td>
                            <td class="num">{ g(a.following) }</td>
                            <td>{ if a.active { "yes" } else { "no (inactive)" } }</td>
                            <td>{ if a.celebrity { "★ celebrity: pulled" } else { "pushed" } }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
