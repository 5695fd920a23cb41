//! Feed mode: the graph summary, one drawing per focus, the queue, the side-by-side table.

use super::timeline::Timeline;
use super::{TraceRef, g, strategy_colour, strategy_title};
use crate::palette;
use sdp_core::fmt::percent;
use sdp_fanout::lab::scaled_threshold;
use sdp_fanout::ranking::{
    DOCUMENT_CANDIDATES, DOCUMENT_EXAMPLE, DOCUMENT_PAGE, DOCUMENT_STATED_SCORE, DOCUMENT_WEIGHTS,
    Scored, score, score_terms,
};
use sdp_fanout::sim::{Strategy, StrategyStats};
use sdp_fanout::state::{
    BatchView, BulkView, FeedEntry, FeedFocus, FeedState, FeedWorld, PostView, QueueView,
    QuiescenceView, ReadView, Route, SourceKind, Via,
};
use std::sync::Arc;
use yew::prelude::*;

/// Page entries listed in a read (the rest are counted).
const PAGE_SHOWN: usize = 10;
/// Batches drawn with arrows in a fan-out step.
const BATCHES_DRAWN: usize = 4;
/// Batches listed in words.
const BATCHES_LISTED: usize = 8;
/// Width of every feed diagram's view box.
const W: f64 = 480.0;
/// Height of one batch in the fan-out drawing.
const BATCH_H: f64 = 112.0;

pub(super) fn view(trace: &TraceRef, cursor: usize, s: &FeedState) -> Html {
    let w = &s.world;
    let graph_step = matches!(s.focus, FeedFocus::Graph);
    html! {
        <div class="fanout-view fanout-feed">
            { banner(s) }
            <section class="fanout-focus" aria-label="This step">
                { focus(s) }
            </section>
            if !graph_step { { queue_panel(s) } }
            { compare_table(s) }
            <Timeline trace={trace.clone()} {cursor} />
            if !graph_step {
                <details class="fanout-graph-mini">
                    <summary>{ format!("The graph: {} users, {} follows, {} celebrities (≥ {} followers), {} inactive",
                        g(w.users), g(w.follows), g(w.celebrities), g(w.threshold), percent(w.inactive_users.into(), w.users.into())) }</summary>
                    <GraphSummary world={WorldRef(s.world.clone())} />
                </details>
            }
        </div>
    }
}

fn banner(s: &FeedState) -> Html {
    let w = &s.world;
    let planned = w.workload_events;
    html! {
        <p class="fanout-banner">
            <span class="fanout-chip" style={format!("--chip:{}", strategy_colour(w.strategy))}>
                { format!("Narrated and drawn: {}", strategy_title(w.strategy)) }
            </span>
            <span>{ format!(" Tick {} · {} of {} workload events applied{}",
                g(s.tick), g(s.events_done.min(planned)), g(planned),
                if s.events_done > planned { format!(" + {} of yours", s.events_done - planned) } else { String::new() }) }</span>
        </p>
    }
}

fn focus(s: &FeedState) -> Html {
    match &s.focus {
        FeedFocus::Graph => html! {
            <>
                <h2 class="fanout-h">{"The seeded social graph"}</h2>
                <GraphSummary world={WorldRef(s.world.clone())} />
            </>
        },
        FeedFocus::Post(p) => post_view(p, s),
        FeedFocus::FanOut(b) => fanout_view(b, s),
        FeedFocus::Read(r) => read_view(r, s),
        FeedFocus::Bulk(b) => bulk_view(b, s),
        FeedFocus::Wait { ticks, writes } => idle_view("Waiting", *ticks, *writes, s),
        FeedFocus::Drain { ticks, writes } => idle_view("Draining the queues", *ticks, *writes, s),
        FeedFocus::Quiescent(q) => quiet_view(q, s),
    }
}

// ---------------------------------------------------------------------------------------------
// Graph summary

/// Short follower count: 0, 7, 1K, 16K.
fn short(n: u32) -> String {
    if n >= 1000 && n % 1000 == 0 {
        format!("{}K", n / 1000)
    } else if n >= 1024 {
        format!("{:.0}K", f64::from(n) / 1000.0)
    } else {
        n.to_string()
    }
}

/// Horizontal position of follower count `followers` on the histogram, as a fraction of its
/// width, for `bins` power-of-two bins (`0`, `1`, `2–3`, `4–7`, …): the middle of bin 0 for 0,
/// else interpolated in log₂ inside bin `⌊log₂ n⌋ + 1`.
///
/// ```
/// use sdp_web::labs::fan_out::histogram_x;
/// assert_eq!(histogram_x(0, 4), 0.125);
/// assert_eq!(histogram_x(1, 4), 0.25); // bin 1 starts at 1
/// assert_eq!(histogram_x(4, 4), 0.75); // bin 3 starts at 4
/// ```
pub fn histogram_x(followers: u32, bins: usize) -> f64 {
    if bins == 0 {
        return 0.0;
    }
    let slot = 1.0 / bins as f64;
    if followers == 0 {
        return slot / 2.0;
    }
    let l = f64::from(followers).log2();
    ((l.floor() + 1.0 + l.fract()) * slot).min(1.0)
}

/// The graph summary shared by every step, compared by identity so a step never redraws it.
#[derive(Clone)]
struct WorldRef(Arc<FeedWorld>);

impl PartialEq for WorldRef {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
struct WorldProps {
    world: WorldRef,
}

#[component]
fn GraphSummary(props: &WorldProps) -> Html {
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
    let n = bins.len().max(1);
    let (h, top, bottom) = (190.0, 18.0, 36.0);
    let plot = h - top - bottom;
    let slot = W / n as f64;
    let max_log = bins
        .iter()
        .map(|b| (f64::from(b.users) + 1.0).log10())
        .fold(0.0f64, f64::max)
        .max(1.0);
    let y = |users: u32| top + plot - (f64::from(users) + 1.0).log10() / max_log * plot;
    let tx = histogram_x(w.threshold, n) * W;
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
                    let x = i as f64 * slot + 1.0;
                    let bw = (slot - 2.0).max(1.0);
                    let yy = y(b.users);
                    let celeb = b.lo >= w.threshold;
                    let fill = if celeb { "url(#fanout-hatch)".to_string() } else { palette::series(4).to_string() };
                    html! {
                        <g key={i}>
                            <rect x={f(x)} y={f(yy)} width={f(bw)} height={f(top + plot - yy)} fill={fill}>
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

// ---------------------------------------------------------------------------------------------
// SVG helpers

fn f(v: f64) -> String {
    format!("{v:.1}")
}

fn arrow_defs(id: &str) -> Html {
    html! {
        <defs>
            <marker id={id.to_string()} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" class="fanout-arrowhead" />
            </marker>
        </defs>
    }
}

/// A curved arrow from (x0, y0) to (x1, y1).
fn arrow(
    (x0, y0): (f64, f64),
    (x1, y1): (f64, f64),
    marker: &str,
    class: &'static str,
    colour: &str,
    width: f64,
) -> Html {
    let mx = (x0 + x1) / 2.0;
    html! {
        <path class={class} d={format!("M{x0:.1},{y0:.1} C{mx:.1},{y0:.1} {mx:.1},{y1:.1} {x1:.1},{y1:.1}")}
            stroke={colour.to_string()} stroke-width={f(width)} fill="none" marker-end={format!("url(#{marker})")} />
    }
}

/// A box with one or two lines of text.
fn node(x: f64, y: f64, w: f64, h: f64, class: &'static str, title: String, sub: String) -> Html {
    let one = sub.is_empty();
    html! {
        <g class={classes!("fanout-node", class)}>
            <rect x={f(x)} y={f(y)} width={f(w)} height={f(h)} rx="5" />
            <text x={f(x + w / 2.0)} y={f(if one { y + h / 2.0 + 4.0 } else { y + h / 2.0 - 3.0 })} text-anchor="middle" class="fanout-svg-strong">{ title }</text>
            if !one {
                <text x={f(x + w / 2.0)} y={f(y + h / 2.0 + 11.0)} text-anchor="middle" class="fanout-svg-small">{ sub }</text>
            }
        </g>
    }
}

// ---------------------------------------------------------------------------------------------
// Post

fn post_view(p: &PostView, s: &FeedState) -> Html {
    let strategy = s.world.strategy;
    let colour = strategy_colour(strategy);
    let shown = p.sample.len();
    let more = p.followers.saturating_sub(shown as u32);
    let rows = shown + usize::from(more > 0);
    let row_h = 22.0;
    let h = (rows as f64 * row_h + 16.0).max(150.0);
    let mid = h / 2.0;
    let (mid_title, mid_sub, pushed) = match p.route {
        Route::Queued { writes, .. } => (
            "fan-out queue".to_string(),
            format!("job: {} writes", g(writes)),
            true,
        ),
        Route::NoFollowers => (
            "fan-out service".into(),
            "no followers: nothing".into(),
            true,
        ),
        Route::StoredForPull => ("author's posts".into(), "stored once".into(), false),
        Route::CelebrityPull => (
            "author's posts".into(),
            "celebrity: not pushed".into(),
            false,
        ),
    };
    let marker = "fanout-arrow-post";
    let who = format!("user {}{}", p.author, if p.celebrity { " ★" } else { "" });
    let first = mid - rows as f64 * row_h / 2.0 + 2.0;
    let y0 = |i: usize| first + i as f64 * row_h;
    let (fx, fw) = (336.0, 136.0);
    let label = format!(
        "User {} posts p{} to {} followers ({} drawn{}). {}",
        p.author,
        p.post,
        p.followers,
        shown,
        if more > 0 {
            format!(", {more} more counted")
        } else {
            String::new()
        },
        if pushed {
            "The post goes through the fan-out queue; workers will write it into each follower's feed."
        } else {
            "No feed is written: followers merge the author's posts when they read."
        }
    );
    let inactive = p.inactive_followers;
    let active = p.followers - inactive.min(p.followers);
    html! {
        <>
            <h2 class="fanout-h">{ format!("Post p{} by {}", p.post, who) }</h2>
            <svg class="fanout-diagram" viewBox={format!("0 0 {W} {h}")} role="img" aria-label={label}>
                { arrow_defs(marker) }
                { node(6.0, mid - 24.0, 116.0, 48.0, if p.celebrity { "celebrity" } else { "author" }, who.clone(), format!("{} followers", g(p.followers))) }
                { arrow((122.0, mid), (160.0, mid), marker, "fanout-edge", colour, 2.0) }
                { node(162.0, mid - 24.0, 136.0, 48.0, if pushed { "queue" } else { "store" }, mid_title, mid_sub) }
                { for p.sample.iter().enumerate().map(|(i, u)| {
                    let y = y0(i);
                    html! {
                        <g key={*u}>
                            if pushed {
                                { arrow((298.0, mid), (fx - 2.0, y + 9.0), marker, "fanout-edge queued", colour, 1.2) }
                            } else {
                                { arrow((fx - 2.0, y + 9.0), (298.0, mid), marker, "fanout-edge pulled", colour, 1.2) }
                            }
                            { node(fx, y, fw, 18.0, "feed", format!("feed:{u}"), String::new()) }
                        </g>
                    }
                }) }
                if more > 0 {
                    if pushed {
                        { arrow((298.0, mid), (fx - 2.0, y0(shown) + 9.0), marker, "fanout-edge queued", colour, (1.0 + f64::from(more).log10() * 1.5).min(6.0)) }
                    } else {
                        { arrow((fx - 2.0, y0(shown) + 9.0), (298.0, mid), marker, "fanout-edge pulled", colour, (1.0 + f64::from(more).log10() * 1.5).min(6.0)) }
                    }
                    { node(fx, y0(shown), fw, 18.0, "more", format!("+ {} more feeds", g(more)), String::new()) }
                }
            </svg>
            <p class="fanout-legend-line">{ if pushed {
                "Dashed arrows: writes queued for the fan-out workers (drawn in the next steps). Thicker last arrow: all the other followers, counted rather than drawn."
            } else {
                "Dotted arrows point back: nothing is written now; each follower's feed read will merge this author's posts."
            } }</p>
            { split_bar(active, inactive, pushed) }
        </>
    }
}

/// Active against inactive followers, with what it costs.
fn split_bar(active: u32, inactive: u32, pushed: bool) -> Html {
    let total = (active + inactive).max(1);
    let a = f64::from(active) / f64::from(total) * 100.0;
    let text = if pushed {
        format!(
            "{} active followers · {} inactive: pushing writes {} entries nobody reads ({})",
            g(active),
            g(inactive),
            g(inactive),
            percent(inactive.into(), total.into())
        )
    } else {
        format!(
            "{} active followers · {} inactive: no writes, so the inactive ones cost nothing",
            g(active),
            g(inactive)
        )
    };
    html! {
        <div class="fanout-split-wrap">
            <div class="fanout-split" aria-hidden="true">
                <span class="active" style={format!("width:{a:.1}%")}></span>
                <span class="inactive" style={format!("width:{:.1}%", 100.0 - a)}></span>
            </div>
            <p class="fanout-small">{ text }</p>
        </div>
    }
}

// ---------------------------------------------------------------------------------------------
// Fan-out batches

fn fanout_view(batches: &[BatchView], s: &FeedState) -> Html {
    let colour = strategy_colour(s.world.strategy);
    let drawn = &batches[..batches.len().min(BATCHES_DRAWN)];
    let group_h = BATCH_H;
    let h = drawn.len() as f64 * group_h + 6.0;
    let marker = "fanout-arrow-batch";
    let writes: u32 = batches.iter().map(|b| b.count).sum();
    let wasted: u32 = batches.iter().map(|b| b.inactive).sum();
    let label = format!(
        "{} workers wrote {} batches: {} feed entries, {} into inactive users' feeds.",
        s.world.workers,
        batches.len(),
        writes,
        wasted
    );
    html! {
        <>
            <h2 class="fanout-h">{ format!("Fan-out workers write {} ({})", plural(batches.len(), "batch", "batches"), plural(writes as usize, "feed entry", "feed entries")) }</h2>
            <svg class="fanout-diagram" viewBox={format!("0 0 {W} {h}")} role="img" aria-label={label}>
                { arrow_defs(marker) }
                { for drawn.iter().enumerate().map(|(i, b)| batch_group(b, 4.0 + i as f64 * group_h, colour, marker)) }
            </svg>
            <p class="fanout-legend-line">{"Each worker takes one batch per tick. Bar: the author's follower list — written before (grey), this batch (colour), still queued (empty). Feed boxes: feed:user (entries in it after the write); dashed, “✗ inactive”: a user who never reads, so the write is wasted."}</p>
            <ul class="fanout-batches">
                { for batches.iter().take(BATCHES_LISTED).map(|b| html! {
                    <li key={format!("{}-{}", b.worker, b.post)}>
                        { format!("worker {}: p{} (user {}) → followers {}–{} of {}; {} inactive",
                            b.worker, b.post, b.author, g(b.offset + 1), g(b.offset + b.count), g(b.total), g(b.inactive)) }
                        { evictions(b) }
                        if let Some(l) = b.latency {
                            <strong class="fanout-done">{ format!(" ✓ visible to all followers {}", if l == 0 { "in the tick it was posted".to_string() } else { format!("{} after it was posted", plural(l as usize, "tick", "ticks")) }) }</strong>
                        }
                    </li>
                }) }
                if batches.len() > BATCHES_LISTED {
                    <li>{ format!("+ {} more batches ({} writes)", batches.len() - BATCHES_LISTED,
                        g(batches[BATCHES_LISTED..].iter().map(|b| u64::from(b.count)).sum::<u64>())) }</li>
                }
            </ul>
        </>
    }
}

fn evictions(b: &BatchView) -> Html {
    let trimmed: Vec<String> = b
        .targets
        .iter()
        .filter_map(|t| t.evicted.map(|p| format!("p{p} from feed:{}", t.user)))
        .collect();
    if trimmed.is_empty() {
        return html! {};
    }
    html! { <span>{ format!("; cache full, oldest trimmed: {}", trimmed.join(", ")) }</span> }
}

fn batch_group(b: &BatchView, y: f64, colour: &str, marker: &str) -> Html {
    let (bx, bw, bh) = (6.0, 168.0, 62.0);
    let total = f64::from(b.total.max(1));
    let bar_w = bw - 16.0;
    let done = f64::from(b.offset) / total * bar_w;
    let this = (f64::from(b.count) / total * bar_w).max(1.5);
    let shown = b.targets.len();
    let more = b.count.saturating_sub(shown as u32);
    let (tx, tw, th, step) = (226.0, 168.0, 15.0, 17.0);
    let mid = y + BATCH_H / 2.0 - 4.0;
    let by = mid - bh / 2.0;
    let first = mid - shown as f64 * step / 2.0;
    html! {
        <g key={format!("{}-{}", b.worker, b.post)}>
            <g class="fanout-node queue">
                <rect x={f(bx)} y={f(by)} width={f(bw)} height={f(bh)} rx="5" />
            </g>
            <text x={f(bx + 8.0)} y={f(by + 16.0)} class="fanout-svg-strong">{ format!("worker {} → p{}", b.worker, b.post) }</text>
            <text x={f(bx + 8.0)} y={f(by + 32.0)} class="fanout-svg-small">{ format!("followers {}–{} of {}", g(b.offset + 1), g(b.offset + b.count), g(b.total)) }</text>
            <rect x={f(bx + 8.0)} y={f(by + 40.0)} width={f(bar_w)} height="9" class="fanout-bar-empty" />
            <rect x={f(bx + 8.0)} y={f(by + 40.0)} width={f(done)} height="9" class="fanout-bar-done" />
            <rect x={f(bx + 8.0 + done)} y={f(by + 40.0)} width={f(this)} height="9" fill={colour.to_string()} />
            if b.done {
                <text x={f(bx + 8.0)} y={f(by + 59.0)} class="fanout-svg-small">{"✓ last batch: visible to all"}</text>
            }
            { for b.targets.iter().enumerate().map(|(i, t)| {
                let yy = first + i as f64 * step;
                html! {
                    <g key={t.user}>
                        { arrow((bx + bw, mid), (tx - 2.0, yy + th / 2.0), marker, "fanout-edge", colour, 1.2) }
                        <g class={classes!("fanout-node", "feed", (!t.active).then_some("inactive"))}>
                            <rect x={f(tx)} y={f(yy)} width={f(tw)} height={f(th)} rx="4" />
                            <text x={f(tx + tw / 2.0)} y={f(yy + 11.5)} text-anchor="middle" class="fanout-svg-small">
                                { format!("feed:{} ({}){}", t.user, t.cache_len, if t.active { "" } else { " ✗ inactive" }) }
                            </text>
                        </g>
                    </g>
                }
            }) }
            if more > 0 {
                <text x={f(tx + tw + 6.0)} y={f(mid - 2.0)} class="fanout-svg-small fanout-muted">{ format!("+ {}", g(more)) }</text>
                <text x={f(tx + tw + 6.0)} y={f(mid + 11.0)} class="fanout-svg-small fanout-muted">{"more"}</text>
            }
        </g>
    }
}

// ---------------------------------------------------------------------------------------------
// Read

fn read_view(r: &ReadView, s: &FeedState) -> Html {
    let strategy = s.world.strategy;
    let colour = strategy_colour(strategy);
    let marker = "fanout-arrow-read";
    let shown = r.sources.len();
    let more = r.sources_total.saturating_sub(shown as u32);
    let rows = shown + usize::from(more > 0);
    let row_h = 22.0;
    let h = (rows as f64 * row_h + 16.0).max(110.0);
    let mid = h / 2.0;
    let max_c = r
        .sources
        .iter()
        .map(|x| x.contributed)
        .max()
        .unwrap_or(0)
        .max(1);
    let from_cache = r.feed.iter().filter(|e| e.via == Via::Cache).count();
    let pulled = r.feed.len() - from_cache;
    let (sx, sw) = (6.0, 150.0);
    let first = mid - rows as f64 * row_h / 2.0 + 2.0;
    let y0 = |i: usize| first + i as f64 * row_h;
    let merge_title = if r.funnel.is_some() {
        "rank"
    } else if r.sources_total <= 1 {
        "newest first"
    } else {
        "merge"
    };
    let label = format!(
        "User {} reads: {} sources merged ({} drawn), {} posts returned ({} from the cache, {} pulled){}.",
        r.user,
        r.sources_total,
        shown,
        r.feed.len(),
        from_cache,
        pulled,
        if r.missing > 0 {
            format!("; {} posts missing, not fanned out yet", r.missing)
        } else {
            String::new()
        }
    );
    html! {
        <>
            <h2 class="fanout-h">{ format!("User {} loads their feed{}", r.user, if r.active { "" } else { " (normally inactive)" }) }</h2>
            <svg class="fanout-diagram" viewBox={format!("0 0 {W} {h}")} role="img" aria-label={label}>
                { arrow_defs(marker) }
                { for r.sources.iter().enumerate().map(|(i, src)| {
                    let y = y0(i);
                    let (title, class) = match src.kind {
                        SourceKind::Cache => (format!("feed cache: {} → {}", src.available, src.contributed), "cache"),
                        SourceKind::Author { user, celebrity } => (
                            format!("user {user}{}: {} → {}", if celebrity { " ★" } else { "" }, src.available, src.contributed),
                            if celebrity { "celebrity" } else { "author" },
                        ),
                    };
                    let width = 1.0 + 3.0 * f64::from(src.contributed) / f64::from(max_c);
                    html! {
                        <g key={i}>
                            { node(sx, y, sw, 18.0, class, title, String::new()) }
                            if src.contributed > 0 {
                                { arrow((sx + sw, y + 9.0), (218.0, mid), marker, "fanout-edge", colour, width) }
                            } else {
                                { arrow((sx + sw, y + 9.0), (218.0, mid), marker, "fanout-edge unused", colour, 1.0) }
                            }
                        </g>
                    }
                }) }
                if more > 0 {
                    { node(sx, y0(shown), sw, 18.0, "more", format!("+ {} more sources", g(more)), String::new()) }
                    { arrow((sx + sw, y0(shown) + 9.0), (218.0, mid), marker, "fanout-edge", colour, 1.0) }
                }
                { node(220.0, mid - 24.0, 110.0, 48.0, "merge", merge_title.to_string(), plural(r.sources_total as usize, "source", "sources")) }
                { arrow((330.0, mid), (350.0, mid), marker, "fanout-edge", colour, 2.5) }
                { node(352.0, mid - 30.0, 122.0, 60.0, "page", format!("page: {} posts", r.feed.len()), format!("cache {from_cache} · pulled {pulled}")) }
                if r.missing > 0 {
                    <text x="413" y={f(mid + 46.0)} text-anchor="middle" class="fanout-svg-strong fanout-warn-text">{ format!("⚠ {} missing", r.missing) }</text>
                }
            </svg>
            <p class="fanout-legend-line">{"Source boxes: posts available → posts taken into the page; arrow width ∝ posts taken; dashed: taken none. ★ celebrity."}</p>
            if r.missing > 0 {
                <p class="fanout-warn" role="note">{ format!("⚠ {} that pull already shows {} missing from this page: still waiting in the fan-out queue, not yet written into this follower's feed.",
                    plural(r.missing as usize, "post", "posts"), if r.missing == 1 { "is" } else { "are" }) }</p>
            }
            { page_list(&r.feed, r.funnel.is_some()) }
            if let Some(funnel) = r.funnel {
                { ranking_panel(r, funnel.candidates, funnel.returned) }
            } else {
                <p class="hint">{"Turn on “Rank feed reads” in the controls to see the M7.3 ranking funnel and each post's score."}</p>
            }
        </>
    }
}

fn page_list(feed: &[FeedEntry], ranked: bool) -> Html {
    if feed.is_empty() {
        return html! { <p class="fanout-small">{"The page is empty: nobody this user follows has posted yet."}</p> };
    }
    html! {
        <div class="table-scroll">
            <table class="fanout-table fanout-page">
                <caption>{ format!("The page returned{} (first {} of {})", if ranked { ", best score first" } else { ", newest first" }, feed.len().min(PAGE_SHOWN), feed.len()) }</caption>
                <thead><tr>
                    <th scope="col">{"#"}</th><th scope="col">{"post"}</th><th scope="col">{"author"}</th><th scope="col">{"tick"}</th><th scope="col">{"from"}</th>
                    if ranked { <th scope="col">{"score (split by term)"}</th> }
                </tr></thead>
                <tbody>
                    { for feed.iter().take(PAGE_SHOWN).enumerate().map(|(i, e)| html! {
                        <tr key={e.post} class={classes!((e.post == 0).then_some("fanout-example-row"))}>
                            <td>{ i + 1 }</td>
                            <td>{ format!("p{}", e.post) }</td>
                            <td>{ format!("user {}", e.author) }</td>
                            <td class="num">{ g(e.tick) }</td>
                            <td>{ match e.via { Via::Cache => html! { <span class="fanout-via cache">{"cache"}</span> }, Via::Pull => html! { <span class="fanout-via pull">{"pulled"}</span> } } }</td>
                            if ranked {
                                <td>{ e.score.map(score_cell).unwrap_or_default() }</td>
                            }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// The widths in pixels of the five score terms at `scale` pixels per unit of score: four
/// positive segments and the negative `hide` segment (its magnitude).
///
/// ```
/// use sdp_web::labs::fan_out::term_widths;
/// let w = term_widths(&[0.048, 0.009, 0.002, 0.010, -0.002], 1000.0);
/// assert_eq!(w.map(|x| x.round()), [48.0, 9.0, 2.0, 10.0, 2.0]);
/// ```
pub fn term_widths(terms: &[f64; 5], scale: f64) -> [f64; 5] {
    terms.map(|t| t.abs() * scale)
}

const TERM_NAMES: [&str; 5] = ["like", "comment", "share", "save", "hide"];
const TERM_COLOURS: [usize; 5] = [4, 1, 2, 3, 5];

/// A split bar of the five terms (hide drawn left of zero) and the score.
fn score_bar(terms: &[f64; 5], total: f64) -> Html {
    let scale = 1200.0; // 0.1 of score = 120 px
    let widths = term_widths(terms, scale);
    let zero = 14.0;
    let mut x = zero;
    let title = TERM_NAMES
        .iter()
        .zip(terms)
        .map(|(n, t)| format!("{n} {t:+.4}"))
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        <svg class="fanout-scorebar" viewBox="0 0 170 14" role="img" aria-label={format!("score {total:.4}: {title}")}>
            <title>{ title.clone() }</title>
            { for (0..4).map(|i| {
                let rect = html! { <rect key={i} x={f(x)} y="2" width={f(widths[i])} height="10" fill={palette::series(TERM_COLOURS[i])} /> };
                x += widths[i];
                rect
            }) }
            <rect x={f(zero - widths[4])} y="2" width={f(widths[4])} height="10" fill="url(#fanout-hatch-neg)" class="fanout-neg" />
            <line x1={f(zero)} x2={f(zero)} y1="0" y2="14" class="fanout-zero" />
        </svg>
    }
}

fn score_cell(s: Scored) -> Html {
    html! {
        <span class="fanout-score">
            { score_bar(&s.terms, s.score) }
            <span class="num">{ format!("{:.4}", s.score) }</span>
            <span class="fanout-muted">{ format!(" (was #{} by time)", s.chrono_rank + 1) }</span>
        </span>
    }
}

fn ranking_panel(r: &ReadView, candidates: u32, returned: u32) -> Html {
    let example = r.feed.iter().find(|e| e.post == 0).and_then(|e| e.score);
    html! {
        <section class="fanout-rank" aria-label="Ranking funnel">
            <h3 class="fanout-h3">{"Ranking funnel (M7.3)"}</h3>
            <svg width="0" height="0" aria-hidden="true" class="fanout-defs">
                <defs>
                    <pattern id="fanout-hatch-neg" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <rect width="4" height="4" fill={palette::series(5)} fill-opacity="0.3" />
                        <line x1="0" y1="0" x2="0" y2="4" stroke={palette::series(5)} stroke-width="2" />
                    </pattern>
                </defs>
            </svg>
            <ol class="fanout-funnel">
                <li style="--w:100%"><strong>{ format!("Stage 1, retrieval: {} candidates", g(candidates)) }</strong>
                    <span class="fanout-muted">{ format!(" (the newest, up to the cache cap; document: 1000s → {DOCUMENT_CANDIDATES})") }</span></li>
                <li style={format!("--w:{:.0}%", (f64::from(returned) / f64::from(candidates.max(1)) * 100.0).max(30.0))}>
                    <strong>{ format!("Stage 2, ranking: best {} kept", g(returned)) }</strong>
                    <span class="fanout-muted">{ format!(" (document: {DOCUMENT_CANDIDATES} → {DOCUMENT_PAGE})") }</span></li>
            </ol>
            <p class="fanout-small">{"Final score = 0.4·P(like) + 0.3·P(comment) + 0.2·P(share) + 0.2·P(save) − 1.0·P(hide). Bar segments, left to right: "}
                { for TERM_NAMES.iter().enumerate().map(|(i, n)| html! {
                    <span class="fanout-term"><span class="swatch" style={format!("background:{}", palette::series(TERM_COLOURS[i]))}></span>{ if i == 4 { format!("{n} (hatched, left of zero, subtracted)") } else { n.to_string() } }{" "}</span>
                }) }
            </p>
            { worked_example(example) }
        </section>
    }
}

fn worked_example(in_page: Option<Scored>) -> Html {
    let terms = score_terms(&DOCUMENT_WEIGHTS, &DOCUMENT_EXAMPLE);
    let total = score(&DOCUMENT_WEIGHTS, &DOCUMENT_EXAMPLE);
    let p = [
        DOCUMENT_EXAMPLE.like,
        DOCUMENT_EXAMPLE.comment,
        DOCUMENT_EXAMPLE.share,
        DOCUMENT_EXAMPLE.save,
        DOCUMENT_EXAMPLE.hide,
    ];
    let wts = [
        DOCUMENT_WEIGHTS.like,
        DOCUMENT_WEIGHTS.comment,
        DOCUMENT_WEIGHTS.share,
        DOCUMENT_WEIGHTS.save,
        -DOCUMENT_WEIGHTS.hide,
    ];
    html! {
        <div class="table-scroll">
            <table class="fanout-table fanout-example">
                <caption>{"The document's worked example (post p0 carries these probabilities)"}</caption>
                <thead><tr><th scope="col">{"head"}</th><th scope="col">{"P"}</th><th scope="col">{"weight"}</th><th scope="col">{"term"}</th></tr></thead>
                <tbody>
                    { for (0..5).map(|i| html! {
                        <tr key={i}><td>{ TERM_NAMES[i] }</td><td class="num">{ p[i].to_string() }</td><td class="num">{ format!("{:+.1}", wts[i]).replace('-', "−") }</td><td class="num">{ format!("{:+.3}", terms[i]).replace('-', "−") }</td></tr>
                    }) }
                    <tr class="fanout-sum">
                        <th scope="row" colspan="3">{"Final score (the terms summed)"}</th>
                        <td class="num"><strong>{ format!("{total:.3}") }</strong></td>
                    </tr>
                    <tr>
                        <th scope="row" colspan="3">{"The document states"}</th>
                        <td class="num"><s>{ format!("{DOCUMENT_STATED_SCORE:.3}") }</s>{" ✗"}</td>
                    </tr>
                </tbody>
            </table>
            <p class="fanout-fidelity"><span class="badge warn">{"differs from source"}</span>
                { format!(" The document says {DOCUMENT_STATED_SCORE:.3}; its five terms sum to {total:.3} (an arithmetic slip).") }
                { match in_page {
                    Some(s) => format!(" p0 is on this page: its score is {:.4}.", s.score),
                    None => " p0 is not on this page.".to_string(),
                } }
            </p>
            { score_bar(&terms, total) }
        </div>
    }
}

// ---------------------------------------------------------------------------------------------
// Bulk, wait, drain, quiescence

fn bulk_view(b: &BulkView, s: &FeedState) -> Html {
    let w = &s.world;
    let done = f64::from(s.events_done.min(w.workload_events))
        / f64::from(w.workload_events.max(1))
        * 100.0;
    let st = s.stats[w.strategy.index()];
    let work = if w.strategy == Strategy::Pull {
        "Pull writes nothing: its reads merge followees' posts (see “work per feed read” below)."
            .to_string()
    } else {
        format!(
            "{} wrote {} feed entries in these ticks.",
            capital(w.strategy.as_str()),
            g(b.writes)
        )
    };
    html! {
        <>
            <h2 class="fanout-h">{ format!("Ticks {}–{}, summarised", g(b.from_tick), g(b.to_tick)) }</h2>
            <p>{ format!("{} posts ({} by celebrities) and {} feed reads happened here: too many to draw one by one, so only their totals are shown. ",
                g(b.posts), g(b.celebrity_posts), g(b.reads)) }{ work }</p>
            <div class="fanout-progress" role="img" aria-label={format!("Workload {done:.0}% applied")}>
                <span style={format!("width:{done:.1}%")}></span>
            </div>
            <p class="fanout-small">{ format!("Workload applied: {} of {} events ({done:.0}%). {} posts so far, {} reads.",
                g(s.events_done.min(w.workload_events)), g(w.workload_events), g(st.posts), g(st.reads)) }</p>
        </>
    }
}

fn idle_view(title: &str, ticks: u64, writes: u64, s: &FeedState) -> Html {
    let strategy = s.world.strategy;
    let body = if strategy == Strategy::Pull {
        format!(
            "{} ticks without events. Pull has no queue; push and hybrid workers keep writing (see the table).",
            g(ticks)
        )
    } else {
        format!(
            "{} ticks without events: {} workers wrote {} more feed entries.",
            g(ticks),
            strategy.as_str(),
            g(writes)
        )
    };
    html! {
        <>
            <h2 class="fanout-h">{ title.to_string() }</h2>
            <p>{ body }</p>
        </>
    }
}

fn quiet_view(q: &QuiescenceView, s: &FeedState) -> Html {
    let all = q.identical == q.users;
    html! {
        <>
            <h2 class="fanout-h">{"Quiescence: every feed compared"}</h2>
            <p class={classes!(if all { "fanout-ok" } else { "fanout-warn" })}>
                { if all {
                    format!("✓ All {} users see identical feeds under push, pull and hybrid: same posts, same order.", g(q.users))
                } else {
                    format!("✗ {} of {} users see different feeds across the strategies.", g(q.users - q.identical), g(q.users))
                } }
            </p>
            <p class="fanout-small">{ format!("The strategies differ in cost, not in result: compare the table below. User {}'s final page under {}:", q.sample_user, s.world.strategy.as_str()) }</p>
            { page_list(&q.sample_feed, false) }
        </>
    }
}

// ---------------------------------------------------------------------------------------------
// Queue

fn queue_panel(s: &FeedState) -> Html {
    let w = &s.world;
    if w.strategy == Strategy::Pull {
        let push = &s.stats[Strategy::Push.index()];
        let hybrid = &s.stats[Strategy::Hybrid.index()];
        return html! {
            <section class="fanout-queue" aria-label="Fan-out queue">
                <h3 class="fanout-h3">{"Fan-out queue"}</h3>
                <p class="fanout-small">{ format!("Pull has no queue: a post waits in its author's list until someone reads. Meanwhile on the same workload the push queue holds {} writes and hybrid's {}.",
                    g(push.backlog_writes), g(hybrid.backlog_writes)) }</p>
            </section>
        };
    }
    queue_view(&s.queue, w)
}

fn queue_view(q: &QueueView, w: &FeedWorld) -> Html {
    let rate = u64::from(w.workers) * u64::from(w.batch);
    let ticks = q.pending_writes.div_ceil(rate.max(1));
    html! {
        <section class="fanout-queue" aria-label="Fan-out queue">
            <h3 class="fanout-h3">{ format!("Fan-out queue ({})", w.strategy.as_str()) }</h3>
            <p class="fanout-small">
                { format!("{} · {} writes pending · {} workers × {} followers per batch = {} writes per tick",
                    plural(q.jobs as usize, "job", "jobs"), g(q.pending_writes), w.workers, g(w.batch), g(rate)) }
                if q.pending_writes > 0 { { format!(" → at least {} to drain", plural(ticks as usize, "tick", "ticks")) } }
            </p>
            if !q.head.is_empty() {
                <ol class="fanout-jobs">
                    { for q.head.iter().map(|j| {
                        let pct = f64::from(j.done) / f64::from(j.total.max(1)) * 100.0;
                        html! {
                            <li key={j.post}>
                                <span class="fanout-job-label">{ format!("p{} by user {} (tick {}): {} of {} written", j.post, j.author, g(j.tick), g(j.done), g(j.total)) }</span>
                                <span class="fanout-progress small" aria-hidden="true"><span style={format!("width:{pct:.1}%")}></span></span>
                            </li>
                        }
                    }) }
                    if q.jobs > q.head.len() as u64 {
                        <li>{ format!("+ {} more jobs", g(q.jobs - q.head.len() as u64)) }</li>
                    }
                </ol>
            }
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// Side by side

struct Row {
    name: &'static str,
    what: &'static str,
    value: fn(&StrategyStats) -> f64,
    text: fn(&StrategyStats) -> String,
    sub: fn(&StrategyStats, &FeedWorld) -> String,
}

fn rows() -> [Row; 8] {
    [
        Row {
            name: "Writes per post",
            what: "write amplification",
            value: |s| s.writes_per_post(),
            text: |s| format!("{:.2}", s.writes_per_post()),
            sub: |s, _| format!("{} writes", g(s.feed_writes)),
        },
        Row {
            name: "Work per feed read",
            what: "sources merged",
            value: |s| s.sources_per_read(),
            text: |s| format!("{:.2}", s.sources_per_read()),
            sub: |s, _| format!("max {}", g(s.max_sources)),
        },
        Row {
            name: "Feed-cache storage",
            what: "entries held",
            value: |s| s.cache_entries as f64,
            text: |s| g(s.cache_entries),
            sub: |s, w| format!("longest {} of {}", s.max_cache_len, w.cache),
        },
        Row {
            name: "Wasted writes",
            what: "into inactive users' feeds",
            value: |s| s.wasted_writes as f64,
            text: |s| g(s.wasted_writes),
            sub: |s, _| format!("{} of writes", percent(s.wasted_writes, s.feed_writes)),
        },
        Row {
            name: "Visible to all followers after",
            what: "ticks, worst post",
            value: |s| s.latency_max as f64,
            text: |s| g(s.latency_max),
            sub: |s, _| {
                let waiting = s.posts - s.visible_posts.min(s.posts);
                if waiting > 0 {
                    format!("mean {:.1}; {} not yet", s.mean_latency(), g(waiting))
                } else {
                    format!("mean {:.1}", s.mean_latency())
                }
            },
        },
        Row {
            name: "Queue backlog now",
            what: "feed writes waiting",
            value: |s| s.backlog_writes as f64,
            text: |s| g(s.backlog_writes),
            sub: |s, _| {
                format!(
                    "{}, peak {}",
                    plural(s.backlog_jobs as usize, "job", "jobs"),
                    g(s.peak_backlog)
                )
            },
        },
        Row {
            name: "Backlog after a celebrity post",
            what: "right after the latest one",
            value: |s| s.backlog_after_celebrity.unwrap_or(0) as f64,
            text: |s| s.backlog_after_celebrity.map_or("—".to_string(), g),
            sub: |s, _| {
                if s.backlog_after_celebrity.is_some() {
                    String::new()
                } else {
                    "no celebrity post yet".into()
                }
            },
        },
        Row {
            name: "Stale reads",
            what: "missed a post not yet fanned out",
            value: |s| s.stale_reads as f64,
            text: |s| g(s.stale_reads),
            sub: |s, _| {
                format!(
                    "of {} reads; {} posts missed",
                    g(s.reads),
                    g(s.missing_posts)
                )
            },
        },
    ]
}

fn compare_table(s: &FeedState) -> Html {
    let w = &s.world;
    let focus = w.strategy;
    let st = &s.stats;
    html! {
        <section class="fanout-compare" aria-label="Push, pull and hybrid side by side">
            <h2 class="fanout-h">{"Side by side on the identical workload"}</h2>
            <p class="fanout-small">{ format!("All three strategies ran the same {} posts and {} reads so far; bars compare each row.", g(st[0].posts), g(st[0].reads)) }</p>
            <div class="table-scroll">
                <table class="fanout-table fanout-cmp">
                    <thead><tr>
                        <th scope="col">{"metric"}</th>
                        { for Strategy::ALL.iter().map(|&x| html! {
                            <th scope="col" class={classes!(format!("fanout-col-{}", x.as_str()), (x == focus).then_some("focus"))}>
                                <span class="swatch" style={format!("background:{}", strategy_colour(x))}></span>
                                { x.as_str() }
                                if x == focus { <span class="fanout-narrated">{" (narrated)"}</span> }
                            </th>
                        }) }
                    </tr></thead>
                    <tbody>
                        { for rows().iter().map(|row| {
                            let values: Vec<f64> = st.iter().map(row.value).collect();
                            let max = values.iter().copied().fold(0.0f64, f64::max);
                            html! {
                                <tr key={row.name}>
                                    <th scope="row">{ row.name }<span class="fanout-what">{ row.what }</span></th>
                                    { for Strategy::ALL.iter().map(|&x| {
                                        let v = values[x.index()];
                                        let pct = if max > 0.0 { v / max * 100.0 } else { 0.0 };
                                        let sub = (row.sub)(&st[x.index()], w);
                                        html! {
                                            <td class={classes!((x == focus).then_some("focus"))}>
                                                <span class="num fanout-val">{ (row.text)(&st[x.index()]) }</span>
                                                <span class="fanout-cell-bar" aria-hidden="true"><span style={format!("width:{pct:.1}%;background:{}", strategy_colour(x))}></span></span>
                                                if !sub.is_empty() { <span class="fanout-sub">{ sub }</span> }
                                            </td>
                                        }
                                    }) }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

// ---------------------------------------------------------------------------------------------

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", g(n as u64), if n == 1 { one } else { many })
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
